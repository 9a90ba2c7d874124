"""Cleaning rules for the raw article and for other document formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.errors import CorpusError
from bot.ingest import corpus_sha256, load_corpus, load_document


@pytest.fixture(scope="module")
def doc(corpus_dir):
    return load_corpus(corpus_dir)[0]


def test_date_line_becomes_published_date_not_body(doc):
    assert doc.published == "2022-07-06"
    assert "发布日期" not in doc.text and "浏览次数" not in doc.text


def test_photo_captions_are_kept_as_captions_not_story(doc):
    captions = [a.text for a in doc.asides if a.kind == "caption"]
    assert "Zhejiang Aiko Solar Energy Technology Co., Ltd." in captions
    assert "A production workshop of Trina Solar Co., Ltd." in captions
    assert "Aiko Solar" not in doc.text and "Trina Solar" not in doc.text


def test_diagram_credit_is_a_credit_not_text(doc):
    assert [a.text for a in doc.asides if a.kind == "credit"] == ["(Diagrammed by Guo Jianzheng)"]
    assert "Diagrammed" not in doc.text


def test_page_navigation_is_dropped(doc):
    assert "12 > >>" not in doc.text
    assert not doc.text.rstrip().endswith(">>")


def test_repeated_paragraph_is_indexed_once(doc):
    assert doc.text.count("comprehensive evaluation of the digital economy") == 1
    assert "45 bn RMB" in doc.text and "45 billion RMB" not in doc.text
    assert any("45 billion RMB" in d for d in doc.dropped)


def test_headings_are_recognised(doc):
    names = [h[2] for h in doc.headings]
    assert names == [
        "Developing Emerging Industries",
        "Accelerating the Upgrading of Traditional Industries",
        "Promoting Digital Trade to Improve Ease and Convenience of Transactions",
        "Applying Data Governance for Company Efficiency",
        "Infrastructure Foundation and Policy Support",
    ]
    for start, end, name in doc.headings:
        assert doc.text[start:end] == name


def test_byline_is_metadata(doc):
    assert doc.byline == ("By Ding Fenggang and Wang Ting, translated by Jin Haiqiong, "
                          "edited by Kendra Fiddler")
    assert "Ding Fenggang" not in doc.text


def test_title_and_metadata(doc):
    assert doc.title == "Yiwu’s Digital Economy in 2021"
    assert doc.language == "en" and doc.url is None
    assert not doc.text.startswith("Yiwu’s Digital Economy in 2021")


def test_body_keeps_the_story(doc):
    assert "To date, Yiwu has built 3692 5G base stations" in doc.text
    assert doc.text.endswith("add new impetus to Yiwu’s economic and social development.")


def test_markdown_front_matter_and_headings(tmp_path: Path):
    (tmp_path / "note.md").write_text(
        "---\ntitle: A Note\npublished: 2023-01-02\nurl: https://example.org/n\n---\n"
        "# A Note\n\n## Trade Figures\n\nExports rose 5% in 2022. Imports fell.\n",
        encoding="utf-8")
    d = load_document(tmp_path / "note.md", tmp_path)
    assert (d.title, d.published, d.url) == ("A Note", "2023-01-02", "https://example.org/n")
    assert [h[2] for h in d.headings] == ["Trade Figures"]
    assert "Exports rose 5% in 2022." in d.text


def test_html_document(tmp_path: Path):
    (tmp_path / "page.html").write_text(
        "<html lang='en'><head><title>Port Report</title>"
        "<meta name='date' content='2021-05-01'></head><body><nav>Home | News</nav>"
        "<h1>Port Report</h1><figure><figcaption>The harbour at dawn</figcaption></figure>"
        "<h2>Throughput</h2><p>The port handled 1.2 million containers in 2020.</p>"
        "<script>alert(1)</script></body></html>", encoding="utf-8")
    d = load_document(tmp_path / "page.html", tmp_path)
    assert d.title == "Port Report" and d.published == "2021-05-01"
    assert "Home" not in d.text and "alert" not in d.text
    assert [a.text for a in d.asides] == ["The harbour at dawn"]
    assert "1.2 million containers" in d.text


def test_sidecar_metadata(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Title Line\n\nSome story text goes here. It has two "
                                    "sentences and enough words to be a paragraph.\n",
                                    encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"title": "Side", "language": "en",
                                                      "url": None, "published": "2020-01-01"}))
    d = load_document(tmp_path / "a.txt", tmp_path)
    assert d.title == "Side" and d.published == "2020-01-01"


def test_corpus_hash_changes_with_any_byte(tmp_path: Path, corpus_dir):
    for f in corpus_dir.iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    before = corpus_sha256(tmp_path)
    art = tmp_path / "yiwu-digital-economy-2021.txt"
    art.write_bytes(art.read_bytes().replace(b"3692", b"3693"))
    assert corpus_sha256(tmp_path) != before


def test_empty_or_missing_corpus_is_refused(tmp_path: Path):
    with pytest.raises(CorpusError):
        load_corpus(tmp_path)
    with pytest.raises(CorpusError):
        load_corpus(tmp_path / "nope")
