"""Build an index from a corpus: ingest → chunk → figures → embed → index, then save.

Nothing is written where the service reads until the whole build succeeded (see
:func:`bot.index.save`), so an interrupted build changes nothing.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from . import index as index_store
from .chunk import chunk, document_sentences
from .embed import MINILM, Embedder, SentenceTransformerEmbedder, get_embedder
from .figures import extract_figures
from .ingest import corpus_sha256, load_corpus
from .lexical import LexicalIndex
from .models import Document, Passage
from .onnx_minilm import CHECK_QUESTIONS, export
from .vectors import VectorIndex

Progress = Callable[[str, int, int], None]


def embed_texts(passages: list[Passage], documents: dict[str, Document]) -> list[str]:
    """What each passage is embedded as: its section heading (or the title) and its text."""
    return [f"{p.heading or documents[p.doc_id].title}. {p.text}" for p in passages]


def _embed(embedder: Embedder, texts: list[str], label: str, progress: Progress | None,
           batch: int = 256) -> np.ndarray:
    parts = []
    if progress:
        progress(label, 0, len(texts))
    for i in range(0, len(texts), batch):
        parts.append(embedder.embed_passages(texts[i : i + batch]))
        if progress:
            progress(label, min(i + batch, len(texts)), len(texts))
    return np.vstack(parts)


def build(corpus_dir: Path, out: Path, *, embedder: Embedder | None = None,
          multilingual: Embedder | None | bool = True, hnsw_threshold: int = 20_000,
          progress: Progress | None = None) -> index_store.Index:
    """Build and save the index for ``corpus_dir`` into ``out``; return it loaded.

    ``multilingual``: an embedder for the second (cross-language) vector index, ``True`` for
    the packaged multilingual-e5, ``False``/``None`` for none.
    """
    started = time.perf_counter()
    embedder = embedder or get_embedder("minilm")
    if multilingual is True:
        multilingual = get_embedder("e5")
    corpus_hash = corpus_sha256(corpus_dir)
    documents = {d.id: d for d in load_corpus(corpus_dir)}
    passages: list[Passage] = []
    figures = []
    for doc in documents.values():
        passages.extend(chunk(doc))
        figures.extend(extract_figures(doc, document_sentences(doc)))
    texts = embed_texts(passages, documents)
    dense = VectorIndex.build(_embed(embedder, texts, "embedding", progress), hnsw_threshold)
    dense_e5 = None
    if multilingual:
        vectors = _embed(multilingual, texts, "embedding (multilingual)", progress)
        dense_e5 = VectorIndex.build(vectors, hnsw_threshold)
    lexical = LexicalIndex.build(texts)
    labels = [f.label for f in figures]
    fv = index_store.LabelVectors.embed(labels, embedder.embed_passages) if labels else None
    fv_e5 = (index_store.LabelVectors.embed(labels, multilingual.embed_passages)
             if labels and multilingual else None)
    built = index_store.Index({}, documents, passages, figures, dense, lexical, dense_e5,
                              fv, fv_e5)
    info = {
        "model": embedder.name,
        "multilingual_model": multilingual.name if multilingual else None,
        "corpus": str(corpus_dir.resolve()),
        "corpus_sha256": corpus_hash,
        "build_seconds": round(time.perf_counter() - started, 3),
    }
    real_minilm = embedder.name == MINILM and isinstance(embedder, SentenceTransformerEmbedder)
    check_texts = [*CHECK_QUESTIONS, *texts]
    index_store.save(built, out, info, extra=(lambda tmp: export(tmp / "minilm.onnx", check_texts))
                     if real_minilm else None)
    return built


def tqdm_progress() -> Progress:
    """A progress callback drawing one tqdm bar per stage on stderr."""
    from tqdm import tqdm

    bars: dict[str, tqdm] = {}

    def update(stage: str, done: int, total: int) -> None:
        bar = bars.get(stage)
        if bar is None:
            bar = bars[stage] = tqdm(total=total, desc=stage, unit="passage", file=sys.stderr)
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return update
