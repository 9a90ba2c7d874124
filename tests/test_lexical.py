"""The BM25 index: its ranking is bm25s's, cut to the top ``k`` with ties to earlier passages."""

from __future__ import annotations

import numpy as np

from bot.lexical import LexicalIndex
from bot.text import tokens

TEXTS = [
    "Yiwu built 3,692 5G base stations by the end of 2021.",
    "The digital economy output value reached 45 bn RMB.",
    "Cross-border e-commerce grew by 26.5 percent.",
    "Yiwu ranked first in Jinhua for the digital economy.",
    "5G base stations cover every township.",
    "Nothing about the question here.",
    "The digital economy output value reached 45 bn RMB.",  # same text: tied scores
]


def _index() -> LexicalIndex:
    return LexicalIndex.build(TEXTS)


def test_top_k_has_the_scores_bm25s_retrieve_gives():
    index = _index()
    for question in ("how many 5G base stations?", "digital economy output value",
                     "e-commerce growth in Yiwu"):
        scores, ids = index.search(question, 3)
        q = [t for t in tokens(question) if t in index._vocab]
        assert np.allclose(scores, index._bm25.get_scores(q)[ids])
        assert list(scores) == sorted(scores, reverse=True)
        _, expected = index._bm25.retrieve([q], k=3, show_progress=False)
        expected = expected[0][expected[0] > 0]
        assert np.allclose(scores, expected)  # same scores, best first; ties may reorder


def test_ties_go_to_the_earlier_passage_even_at_the_cut():
    scores, ids = _index().search("digital economy output value 45 bn", 1)
    assert ids.tolist() == [1]  # passages 1 and 6 tie; k=1 keeps the first
    scores, ids = _index().search("digital economy output value 45 bn", 2)
    assert ids.tolist()[:2] == [1, 6] and scores[0] == scores[1]


def test_passages_sharing_no_word_are_not_returned():
    scores, ids = _index().search("township", 10)
    assert ids.tolist() == [4] and scores[0] > 0


def test_unknown_words_give_an_empty_result():
    scores, ids = _index().search("photosynthesis of kelp", 5)
    assert len(scores) == 0 and len(ids) == 0 and ids.dtype == np.int64


def test_k_beyond_the_corpus_returns_every_matching_passage():
    scores, ids = _index().search("economy", 100)
    assert sorted(ids.tolist()) == [1, 3, 6]
