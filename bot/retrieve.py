"""Hybrid retrieval: dense (FAISS) and lexical (BM25) rankings fused by reciprocal rank.

English questions use the MiniLM vectors and BM25; questions in Chinese use the
multilingual-e5 vectors over the same English passages (BM25 cannot match across scripts).
Each hit keeps its dense cosine as well as the fused score, so later stages can tell a
strong match from the best of a weak lot.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .embed import Embedder
from .index import Index
from .models import Passage

RRF_K = 60
CANDIDATES = 30
LEXICAL_KEPT_FROM = 5  # hits asked for, from which the best lexical match is always kept


@dataclass(frozen=True)
class Hit:
    idx: int  # passage position in the index
    passage: Passage
    score: float  # fused reciprocal-rank score, scaled so the best possible is 1.0
    dense: float  # cosine similarity of question and passage
    lexical: float  # BM25 score (0 when the passage shares no word with the question)


class Retriever:
    def __init__(self, index: Index, embedder: Embedder,
                 multilingual: Embedder | None = None) -> None:
        self.index = index
        self.embedder = embedder
        self.multilingual = multilingual if index.dense_e5 is not None else None

    def query_vector(self, question: str, cross_lingual: bool) -> np.ndarray:
        if cross_lingual and self.multilingual is not None:
            return self.multilingual.embed_query(question)
        return self.embedder.embed_query(question)

    def search(self, question: str, k: int = 10, *, cross_lingual: bool = False,
               vector: np.ndarray | None = None) -> list[Hit]:
        """The ``k`` best passages for ``question``, best first, and after them the best
        lexical match if it is not among them."""
        use_e5 = cross_lingual and self.multilingual is not None
        if vector is None:
            vector = self.query_vector(question, use_e5)
        dense_index = self.index.dense_e5 if use_e5 else self.index.dense
        d_scores, d_ids = dense_index.search(vector, CANDIDATES)
        rankings = [d_ids]
        l_scores = l_ids = np.zeros(0)
        if not use_e5:
            l_scores, l_ids = self.index.lexical.search(question, CANDIDATES)
            rankings.append(l_ids)
        fused: dict[int, float] = {}
        for ranking in rankings:
            for rank, pid in enumerate(ranking):
                fused[int(pid)] = fused.get(int(pid), 0.0) + 1.0 / (RRF_K + rank + 1)
        best_possible = len(rankings) / (RRF_K + 1)
        dense = {int(i): float(s) for i, s in zip(d_ids, d_scores, strict=True)}
        lexical = {int(i): float(s) for i, s in zip(l_ids, l_scores, strict=True)}
        missing = [pid for pid in fused if pid not in dense]
        if missing:  # lexical-only hits: score them densely too, from the stored vectors
            dense.update(self._cosines(dense_index, vector, missing))
        order = sorted(fused, key=lambda pid: (-fused[pid], -dense.get(pid, 0.0)))[:k]
        if len(l_ids) and int(l_ids[0]) not in order and k >= LEXICAL_KEPT_FROM:
            # the passage sharing the most (and rarest) words with the question is a hit too,
            # after the k, though the dense ranking misses it ("which platforms set up
            # industrial bases?": MiniLM put the Kuaishou and Douyin passage past its first 30)
            order.append(int(l_ids[0]))
        return [
            Hit(pid, self.index.passages[pid], fused[pid] / best_possible, dense.get(pid, 0.0),
                lexical.get(pid, 0.0))
            for pid in order
        ]

    @staticmethod
    def _cosines(dense_index, vector: np.ndarray, ids: list[int]) -> dict[int, float]:
        vecs = dense_index.reconstruct(ids)
        if vecs is None:
            return {}
        return {pid: float(v @ vector) for pid, v in zip(ids, vecs, strict=True)}
