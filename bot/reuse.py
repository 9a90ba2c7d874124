"""Vectors of the previous index, reused by a rebuild for every text that did not change.

Embedding is nearly all of a build's time on 2 cores (MiniLM ~200 passages/s in bf16,
multilingual-e5 ~10/s), and a corpus mostly changes by a few documents at a time. So a build
into a directory that holds an index takes from it the vector of every passage and figure
label whose embedded text is unchanged, and embeds only the rest. A vector is taken only from
an index that passes every checksum (it may have been built by other cleaning code: the
text is the key, not the position) and only for a model, and for MiniLM a passage precision,
equal to this build's; anything else embeds afresh, so reuse can make a build faster, never
different beyond the bf16 tolerance the build already accepts.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

from . import index as index_store
from .errors import IndexInvalid
from .models import Document, Figure, Passage
from .vectors import VectorIndex

Encode = Callable[[list[str]], np.ndarray]
# What can be reused: MiniLM passages and labels, multilingual-e5 passages and labels.
KINDS = ("passages", "labels", "passages_e5", "labels_e5")


class Reuse:
    """Vectors by embedded text, per kind; :meth:`wrap` puts them in front of an encoder."""

    def __init__(self, vectors: dict[str, dict[str, np.ndarray]], source: str | None = None,
                 reason: str | None = None) -> None:
        self.vectors = vectors
        self.source = source
        self.reason = reason
        self.counts = {k: {"reused": 0, "embedded": 0} for k in KINDS}

    @classmethod
    def none(cls, reason: str) -> Reuse:
        return cls({}, reason=reason)

    @classmethod
    def from_index(cls, path: Path, embed_text: Callable[[Passage, dict[str, Document]], str],
                   *, model: str, precision: str, multilingual_model: str | None) -> Reuse:
        """The reusable vectors of the index at ``path``, or none (with the reason) if there
        is no index there, it fails verification or it was built with other models."""
        try:
            path = index_store.resolve(path)
            manifest = index_store.verify(path, same_code=False)
        except IndexInvalid as e:
            return cls.none(str(e))
        old_precision = (manifest.get("passage_precision") or {}).get("precision", "fp32")
        usable = {"passages": manifest.get("model") == model and old_precision == precision,
                  "passages_e5": multilingual_model is not None
                  and manifest.get("multilingual_model") == multilingual_model}
        if not any(usable.values()):
            return cls.none(f"the index at {path} was built with other models or precision")
        try:
            read = index_store.read_list
            documents = {d.id: d for d in map(Document.from_dict, read(path / "documents.json"))}
            passages = [Passage.from_dict(p) for p in read(path / "passages.json")]
            labels = [Figure.from_dict(f).label for f in read(path / "figures.json")]
            texts = [embed_text(p, documents) for p in passages]
            vectors: dict[str, dict[str, np.ndarray]] = {}
            for kind, faiss_file, label_file in (
                    ("passages", "dense.faiss", "figure_vectors.npy"),
                    ("passages_e5", "dense_e5.faiss", "figure_vectors_e5.npy")):
                if not usable[kind] or not (path / faiss_file).exists():
                    continue
                dense = VectorIndex.load(path / faiss_file).vectors()
                if len(dense) != len(texts):
                    raise ValueError(f"{faiss_file} has {len(dense)} vectors for "
                                     f"{len(texts)} passages")
                vectors[kind] = dict(zip(texts, dense, strict=True))
                fv = index_store.LabelVectors.load(path / label_file)
                if fv is not None and len(fv) == len(labels):
                    label_kind = kind.replace("passages", "labels")
                    vectors[label_kind] = {label: fv.rows[row]
                                           for label, row in zip(labels, fv.row_of, strict=True)}
        except (OSError, ValueError, KeyError, TypeError, RuntimeError) as e:
            return cls.none(f"the index at {path} cannot be read for reuse "
                            f"({type(e).__name__}: {e})")
        return cls(vectors, source=str(path))

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
        """For the manifest: where vectors came from and how many were reused per kind."""
        out: dict = {"from": self.source} if self.source else {"none": self.reason}
        out.update({k: dict(v) for k, v in self.counts.items() if any(v.values())})
        return out

