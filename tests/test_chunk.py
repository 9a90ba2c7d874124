"""Sentence splitting and passages: offsets always round-trip."""

from __future__ import annotations

import pytest

from bot.chunk import chunk, document_sentences, split_sentences
from bot.ingest import load_corpus


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It reached 45 bn RMB. Growth was 66.7%.", ["It reached 45 bn RMB.", "Growth was 66.7%."]),
        ("Sales were 8.714 bn RMB in total. Next.", ["Sales were 8.714 bn RMB in total.", "Next."]),
        ("A workshop of Trina Solar Co., Ltd. is here.",
         ["A workshop of Trina Solar Co., Ltd. is here."]),
        ("He works at Trina Solar Co., Ltd. The firm grew.",
         ["He works at Trina Solar Co., Ltd.", "The firm grew."]),
        ("The strategy of “building platforms,” Yiwu said. Then more.",
         ["The strategy of “building platforms,” Yiwu said.", "Then more."]),
        ("It launched “Smart Textile.” Yiwu grew.", ["It launched “Smart Textile.”", "Yiwu grew."]),
        ("Dr. Wang spoke. Mr. Li agreed.", ["Dr. Wang spoke.", "Mr. Li agreed."]),
        ("J. Smith wrote it. Then he left.", ["J. Smith wrote it.", "Then he left."]),
        ("The U.S. market grew. So did others.", ["The U.S. market grew.", "So did others."]),
        ("Is it 3.5? Yes! It is.", ["Is it 3.5?", "Yes!", "It is."]),
        ("On Dec. 15 it opened. Fine.", ["On Dec. 15 it opened.", "Fine."]),
        ("义乌数字经济产值450亿元。增长66.7%。", ["义乌数字经济产值450亿元。", "增长66.7%。"]),
        ("No terminal punctuation", ["No terminal punctuation"]),
        ("  Leading space. ", ["Leading space."]),
        ("Version 2.0 shipped. It is done.", ["Version 2.0 shipped.", "It is done."]),
    ],
)
def test_sentence_splitting(text, expected):
    assert sentences(text) == expected


def test_offsets_are_shifted(corpus_dir):
    spans = split_sentences("A b. C d.", offset=10)
    assert spans == [(10, 14), (15, 19)]


@pytest.fixture(scope="module")
def doc(corpus_dir):
    return load_corpus(corpus_dir)[0]


def test_every_sentence_round_trips(doc):
    sents = document_sentences(doc)
    assert len(sents) > 50
    for s in sents:
        assert doc.text[s.start : s.end] == s.text
        assert s.text == s.text.strip()


def test_passages_round_trip_and_hold_one_to_three_sentences(doc):
    passages = chunk(doc)
    assert passages
    for p in passages:
        assert doc.text[p.start : p.end] == p.text
        assert 1 <= len(p.sentences) <= 3
        for s, e in p.sentences:
            assert p.start <= s < e <= p.end
        assert "\n\n" not in p.text  # never across paragraphs


def test_passages_carry_their_heading(doc):
    five_g = next(p for p in chunk(doc) if "5G base stations" in p.text)
    assert five_g.heading == "Infrastructure Foundation and Policy Support"
    assert five_g.embed_text.startswith("Infrastructure Foundation and Policy Support. ")


def test_passage_ids_are_stable(doc):
    assert [p.id for p in chunk(doc)] == [p.id for p in chunk(doc)]
    assert len({p.id for p in chunk(doc)}) == len(chunk(doc))


def test_headings_are_not_passages(doc):
    names = {h[2] for h in doc.headings}
    assert not any(p.text in names for p in chunk(doc))
