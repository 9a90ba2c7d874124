"""The lexical index: BM25 (bm25s) over the same passages, tokenised by :mod:`bot.text`."""

from __future__ import annotations

from pathlib import Path

import bm25s
import numpy as np

from .text import tokens


class LexicalIndex:
    def __init__(self, bm25: bm25s.BM25) -> None:
        self._bm25 = bm25
        self._vocab = set(bm25.vocab_dict) if getattr(bm25, "vocab_dict", None) else set()

    @classmethod
    def build(cls, texts: list[str]) -> LexicalIndex:
        bm25 = bm25s.BM25()
        bm25.index([tokens(t) or ["_"] for t in texts], show_progress=False)
        return cls(bm25)

    def save(self, directory: Path) -> None:
        self._bm25.save(str(directory), show_progress=False)

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex:
        return cls(bm25s.BM25.load(str(directory), show_progress=False, verbosity=0))

    def document_frequencies(self) -> dict[str, int]:
        """In how many passages each token occurs (read off the BM25 matrix's columns)."""
        indptr = np.asarray(self._bm25.scores["indptr"])
        df = np.diff(indptr)
        return {t: int(df[i]) for t, i in self._bm25.vocab_dict.items() if t and df[i] > 0}

    def count(self) -> int:
        return int(self._bm25.scores["num_docs"])

    def search(self, question: str, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Top ``k`` as ``(scores, ids)``; empty when no question word is in the corpus."""
        q = [t for t in tokens(question) if t in self._vocab]
        if not q:
            return np.zeros(0, np.float32), np.zeros(0, np.int64)
        # bm25s's own scorer; ``retrieve`` would add ~0.3 ms of batching and thread set-up per
        # question, a tenth of an uncached answer. Ties go to the earlier passage.
        scores = self._bm25.get_scores(q)
        k = max(1, min(k, len(scores)))
        if k < len(scores):
            kth = scores[np.argpartition(-scores, k - 1)[k - 1]]
            above = np.flatnonzero(scores > kth)
            top = np.concatenate([above, np.flatnonzero(scores == kth)[: k - len(above)]])
        else:
            top = np.arange(len(scores))
        top = top[np.lexsort((top, -scores[top]))]
        top = top[scores[top] > 0]
        return scores[top].astype(np.float32), top.astype(np.int64)
