"""Retrieval with the real packaged models: the gold passage comes back in the top 3."""

from __future__ import annotations

import json

import pytest

from bot.retrieve import Retriever
from bot.text import is_cjk

from .conftest import SHARED_EVAL

pytestmark = pytest.mark.integration


def _dev_cases():
    if not SHARED_EVAL.exists():
        return []
    cases = [json.loads(line) for line in SHARED_EVAL.read_text().splitlines() if line.strip()]
    return [c for c in cases if c.get("passage_any") and len(c["turns"]) == 1]


@pytest.mark.parametrize("case", _dev_cases(), ids=lambda c: c["id"])
def test_gold_passage_in_top_3(real_engine, case):
    retriever = Retriever(real_engine.index, real_engine.embedder, real_engine.multilingual)
    question = case["turns"][-1]
    hits = retriever.search(question, 3, cross_lingual=is_cjk(question))
    texts = " | ".join(h.passage.text for h in hits)
    assert any(p in texts for p in case["passage_any"]), [h.passage.id for h in hits]


@pytest.mark.parametrize(
    ("question", "needle"),
    [
        ("how many 5G base stations?", "5G base stations"),
        ("How big is the fund for chip companies?", "24 bn RMB"),
        ("Which online platforms for short videos have bases in Yiwu?", "Douyin"),
        ("What did the energy consumption supervision system do?", "energy consumption"),
        ("义乌建了多少个5G基站？", "5G base stations"),
        ("义乌电子商务交易额是多少？", "371.5"),
    ],
)
def test_paraphrases_find_their_passage(real_engine, question, needle):
    retriever = Retriever(real_engine.index, real_engine.embedder, real_engine.multilingual)
    hits = retriever.search(question, 3, cross_lingual=is_cjk(question))
    assert any(needle in h.passage.text for h in hits), [h.passage.text[:60] for h in hits]


def test_5g_passage_is_first(real_engine):
    retriever = Retriever(real_engine.index, real_engine.embedder, real_engine.multilingual)
    assert "5G base stations" in retriever.search("how many 5G base stations?", 3)[0].passage.text


def test_the_best_lexical_match_is_a_hit_though_the_dense_ranking_misses_it(real_engine):
    """MiniLM puts the Kuaishou and Douyin passage past its first 30 for this question; the
    passage sharing most words with it still comes back, after the k asked for."""
    retriever = Retriever(real_engine.index, real_engine.embedder, real_engine.multilingual)
    hits = retriever.search("which platforms set up industrial bases?", 10)
    assert any("Kuaishou" in h.passage.text for h in hits)
    assert max(hits, key=lambda h: h.lexical).passage.text.count("Kuaishou") == 1
    assert len(hits) <= 11
