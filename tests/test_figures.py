"""The figure extractor, on a table of hard cases: every figure of the Yiwu article, and
sentences written to break it (scales, currencies, signs, ranges, dates, periods, Chinese,
and numbers that are not figures at all). Each row asserts exact values."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.figures import (
    extract_figures,
    extract_text,
    figure_bounds,
    keywords_for,
    split_sentences,
)
from bot.models import Document, Figure
from bot.text import tokens

ARTICLE = Path(__file__).resolve().parents[1] / "corpus" / "yiwu-digital-economy-2021.txt"
PUBLISHED = "2022-07-06"


def article_body() -> str:
    """The article without its title line, its date line and the page navigation."""
    lines = ARTICLE.read_text(encoding="utf-8").split("\n")
    return "\n".join(lines[2:-1])


@pytest.fixture(scope="module")
def article() -> list[Figure]:
    return extract_text(article_body(), doc_id="yiwu", published=PUBLISHED)


@dataclass(frozen=True)
class Want:
    """One expected figure. ``label`` is a substring the label must contain."""

    text: str
    value: float | None
    unit: str
    label: str
    scale: str | None = None
    qualifier: str | None = None
    period: str | None = None
    scope: str | None = None
    date: str | None = None


def check(fig: Figure, want: Want, exact_label: bool = False) -> None:
    assert fig.text == want.text
    assert fig.value == (pytest.approx(want.value) if want.value is not None else None)
    assert fig.unit == want.unit
    if exact_label:
        assert fig.label == want.label
    else:
        assert want.label in fig.label, fig.label
    assert fig.scale == want.scale
    assert fig.qualifier == want.qualifier
    assert fig.period == want.period
    assert fig.scope == want.scope
    assert fig.date == want.date


# --- (1) every figure of the article --------------------------------------------------------

# (words of the figure's sentence, expected figure); the first occurrence is the one kept.
ARTICLE_FIGURES: list[tuple[str, Want]] = [
    ("Yiwu ranked first in Jinhua", Want(
        "first", 1, "rank", "rank in the comprehensive evaluation of the digital economy",
        period="2021", scope="in Jinhua")),
    ("Yiwu ranked first in Jinhua", Want(
        "16th", 16, "rank", "rank in the comprehensive evaluation of the digital economy",
        period="2021", scope="in Zhejiang")),
    ("digital economic output value reached", Want(
        "45 bn RMB", 45e9, "RMB", "digital economic output value", scale="bn",
        period="2021")),
    ("digital economic output value reached", Want(
        "66.7%", 66.7, "%", "growth of digital economic output value", period="2021")),
    ("digital economic output value reached", Want(
        "first", 1, "rank", "rank of digital economic output value", period="2021",
        scope="in Jinhua")),
    ("added value of Yiwu’s strategic", Want(
        "16.4 bn RMB", 16.4e9, "RMB", "added value of strategic emerging industries",
        scale="bn", period="2021")),
    ("added value of Yiwu’s strategic", Want(
        "107.2%", 107.2, "%", "growth of added value of strategic emerging industries",
        period="2021")),
    ("A total of five counties", Want(
        "five", 5, "count", "counties, cities, and districts in Zhejiang shortlisted")),
    ("industrial fund exceeding", Want(
        "exceeding 24 bn RMB", 24e9, "RMB", "industrial fund", scale="bn",
        qualifier="exceeding")),
    ("ten traditional industries", Want("ten", 10, "count", "traditional industries")),
    ("23 key projects", Want(
        "23", 23, "count", "key projects of smart factories and digital workshops developed",
        period="2021")),
    ("for five consecutive years", Want(
        "five consecutive years", 5, "years",
        "consecutive years index on the integration of informatization and industrialization "
        "ranked among the top in Zhejiang")),
    ("15 companies and institutions", Want(
        "15", 15, "count", "companies and institutions selected as provincial-level digital "
        "economy demonstration programs", period="2021")),
    ("two giant social networking platforms", Want(
        "two", 2, "count", "giant social networking platforms established industrial bases in "
        "Yiwu", period=PUBLISHED)),
    ("for seven consecutive years", Want(
        "first", 1, "rank", "rank among the top 100 e-commerce counties in China",
        scope="among the top 100 e-commerce counties in China")),
    ("for seven consecutive years", Want(
        "seven consecutive years", 7, "years",
        "consecutive years ranked first among the top 100 e-commerce counties in China")),
    ("volume of Yiwu’s e-commerce", Want(
        "371.5 bn RMB", 371.5e9, "RMB", "e-commerce volume", scale="bn", period="2021")),
    ("volume of Yiwu’s e-commerce", Want(
        "18.9%", 18.9, "%", "growth of e-commerce volume", period="2021")),
    ("main statistical data", Want(
        "first", 1, "rank", "rank of main statistical data of e-commerce", period="2021",
        scope="in China")),
    ("105,000 online livestreaming", Want(
        "105,000", 105000, "count", "online livestreaming selling activities launched",
        period="2022-Q1")),
    ("105,000 online livestreaming", Want(
        "8.714 bn RMB", 8.714e9, "RMB",
        "total retail sales volume of online livestreaming selling activities", scale="bn",
        period="2022-Q1")),
    ("105,000 online livestreaming", Want(
        "26.0%", 26.0, "%",
        "growth of total retail sales volume of online livestreaming selling activities",
        period="2022-Q1")),
    ("3692 5G base stations", Want(
        "3692", 3692, "count", "5G base stations built", period=PUBLISHED)),
    ("3692 5G base stations", Want(
        "first", 1, "rank", "rank of 5G base stations", period=PUBLISHED,
        scope="among cities and counties in Zhejiang")),
    ("second dedicated Internet channel", Want(
        "second", 2, "rank", "rank of dedicated Internet channel opened", period=PUBLISHED,
        scope="in county-level cities in China")),
    ("On December 15, 2021", Want(
        "December 15, 2021", None, "date", "on-demand response system of blockchain + 5G "
        "launched", period="2021-12-15", date="2021-12-15")),
    ("On December 15, 2021", Want(
        "first", 1, "rank", "rank of on-demand response system of blockchain + 5G",
        period="2021-12-15",
        scope="in China")),
    ("index is 104.81", Want(
        "104.81", 104.81, "index", "comprehensive informatization development index",
        period=PUBLISHED)),
    ("index is 104.81", Want(
        "first", 1, "rank", "rank of comprehensive informatization development index",
        period=PUBLISHED, scope="among cities and counties in Zhejiang")),
    ("allocated more than 400m RMB", Want(
        "more than 400m RMB", 400e6, "RMB",
        "amount allocated by municipal government for the digital transformation and the "
        "cultivation of core industries of the digital economy", scale="m",
        qualifier="more than", period="2021")),
]


def sentence_of(fig: Figure, body: str) -> str:
    return body[fig.sentence_start:fig.sentence_end]


@pytest.mark.parametrize(
    ("anchor", "want"), ARTICLE_FIGURES,
    ids=[f"article-{w.text}-{w.label[:30]}" for _, w in ARTICLE_FIGURES],
)
def test_article_figure(article: list[Figure], anchor: str, want: Want) -> None:
    body = article_body()
    found = [f for f in article if f.text == want.text and anchor in sentence_of(f, body)
             and want.label in f.label]
    assert len(found) == 1, [(f.text, f.label) for f in article if f.text == want.text]
    check(found[0], want, exact_label=True)


def test_article_has_no_other_figures(article: list[Figure]) -> None:
    assert len(article) == len(ARTICLE_FIGURES)


def test_article_not_figures(article: list[Figure]) -> None:
    """"5G", "top 500"/"top 100", "sixth-generation", "the first group", "one of", years
    used as periods and the page navigation are not figures."""
    body = article_body()
    texts = {f.text for f in article}
    assert not texts & {"5", "5G", "500", "100", "sixth", "one", "2021", "2022", "12"}
    assert not any("first group" in sentence_of(f, body) and f.unit == "rank" for f in article)
    assert all(f.value not in (500, 2021, 2022) for f in article)


def test_article_dedupes_repeated_paragraph(article: list[Figure]) -> None:
    """The second statement of the opening paragraph ("45 billion RMB") adds nothing."""
    body = article_body()
    assert body.count("45 bn RMB") == 1 and body.count("45 billion RMB") == 1
    assert [f.text for f in article if f.value == 45e9] == ["45 bn RMB"]
    assert [f.text for f in article if f.value == 66.7] == ["66.7%"]
    assert len([f for f in article if f.value == 16.4e9]) == 1
    assert len([f for f in article if f.value == 16 and f.unit == "rank"]) == 1
    first = body.index("45 bn RMB")
    assert all(f.start < body.index("45 billion RMB") for f in article if f.value == 66.7)
    assert next(f for f in article if f.value == 45e9).start == first


def test_article_growth_links(article: list[Figure]) -> None:
    by_text = {f.text: f for f in article}
    assert by_text["66.7%"].of == by_text["45 bn RMB"].id
    assert by_text["107.2%"].of == by_text["16.4 bn RMB"].id
    assert by_text["18.9%"].of == by_text["371.5 bn RMB"].id
    assert by_text["26.0%"].of == by_text["8.714 bn RMB"].id
    growth = [f for f in article if f.label.startswith("growth of ")]
    assert len(growth) == 4 and all(f.of for f in growth)
    assert all(f.of is None for f in article if f not in growth)


def test_article_keywords(article: list[Figure]) -> None:
    by_text = {f.text: f for f in article}
    # keywords are in the matcher's token space (bot.text.tokens: stemmed)
    assert set(tokens("5G base stations build")) <= set(by_text["3692"].keywords)
    assert set(tokens("growth e-commerce volume")) <= set(by_text["18.9%"].keywords)
    assert set(tokens("digital economy output value")) <= set(by_text["45 bn RMB"].keywords)
    assert set(tokens("allocate government digital transformation")) <= set(
        by_text["more than 400m RMB"].keywords)
    rank = next(f for f in article if f.label == "rank of 5G base stations")
    assert set(tokens("rank 5G station Zhejiang")) <= set(rank.keywords)
    for f in article:
        assert f.keywords and all(k == k.lower() and " " not in k for k in f.keywords)


def test_article_via_document_and_sentences() -> None:
    """``extract_figures`` on a Document gives what ``extract_text`` gives."""
    body = article_body()
    doc = Document(id="yiwu", title="Yiwu’s Digital Economy in 2021", text=body,
                   published=PUBLISHED)
    figs = extract_figures(doc, split_sentences(body, "yiwu"))
    assert figs == extract_text(body, doc_id="yiwu", published=PUBLISHED)
    assert all(f.doc_id == "yiwu" for f in figs)


def test_to_date_without_publication_date() -> None:
    figs = extract_text("To date, Yiwu has built 3692 5G base stations.")
    assert [(f.value, f.period) for f in figs] == [(3692, None)]


# --- (2) sentences written to break it ------------------------------------------------------

SENTENCES: list[tuple[str, str | None, list[Want], list[float]]] = [
    # (text, published, expected figures in order, values that must not be extracted)
    ("The city's exports reached RMB 45 billion in 2021.", None,
     [Want("RMB 45 billion", 45e9, "RMB", "exports", scale="billion", period="2021")],
     [2021]),
    ("The province approved a 45-billion-yuan investment plan for new infrastructure.", None,
     [Want("45-billion-yuan", 45e9, "RMB", "investment plan", scale="billion")], [45]),
    ("Foreign direct investment rose to US$1.2bn last year.", "2022-03-01",
     [Want("US$1.2bn", 1.2e9, "USD", "foreign direct investment", scale="bn",
           period="2021")], [1.2]),
    ("The port handled 1.2 million tonnes of cargo in 2022.", None,
     [Want("1.2 million", 1.2e6, "count", "tonnes of cargo handled", scale="million",
           period="2022")], [2022]),
    ("Industrial output fell 3.2% in the first quarter of 2022.", None,
     [Want("3.2%", -3.2, "%", "growth of industrial output", period="2022-Q1")], [3.2, 1]),
    ("Exports were down by 1.5 percent year on year.", None,
     [Want("1.5 percent", -1.5, "%", "growth of exports")], [1.5]),
    ("The digital economy's share of GDP rose 3 percentage points.", None,
     [Want("3 percentage points", 3, "%", "growth of digital economy's share of GDP",
           scale="percentage points")], []),
    ("The city expects export growth of 3-5% in 2023.", None,
     [Want("3-5%", 3, "%", "growth of export", qualifier="between", period="2023")], [5]),
    ("The new fund will raise between 10 and 20 billion yuan for start-ups.", None,
     [Want("between 10 and 20 billion yuan", 10e9, "RMB", "amount raised by new fund",
           scale="billion", qualifier="between")], [20e9, 10, 20]),
    ("Nearly 4,000 companies have moved their sales online.", None,
     [Want("Nearly 4,000", 4000, "count", "companies", qualifier="nearly")], []),
    ("The city reported 12 new COVID-19 cases on Monday.", None,
     [Want("12", 12, "count", "new COVID-19 cases reported")], [19]),
    ("Sales of the iPhone 13 rose 20% in Yiwu's market.", None,
     [Want("20%", 20, "%", "growth of sales of the iPhone 13")], [13]),
    ("Revenue reached 3 bn yuan in the 2021-22 fiscal year.", None,
     [Want("3 bn yuan", 3e9, "RMB", "revenue", scale="bn", period="FY2021-22")], [2021, 22]),
    ("The platform went live on 2021/12/15.", None,
     [Want("2021/12/15", None, "date", "platform went live", period="2021-12-15",
           date="2021-12-15")], [2021, 12, 15]),
    ("The free trade zone opened on 15 December 2021.", None,
     [Want("15 December 2021", None, "date", "free trade zone opened", period="2021-12-15",
           date="2021-12-15")], [15]),
    ("In 2021, the city upgraded its trade platform. On Dec. 15, the new system went live.",
     None, [Want("Dec. 15", None, "date", "new system went live", period="2021-12-15",
                 date="2021-12-15")], [15, 2021]),
    ("In H1 2022, exports grew 12.5% year on year.", None,
     [Want("12.5%", 12.5, "%", "growth of exports", period="2022-H1")], [1, 2022]),
    ("In January-March 2022, online retail sales reached 8.7 billion yuan.", None,
     [Want("8.7 billion yuan", 8.7e9, "RMB", "online retail sales", scale="billion",
           period="2022-Q1")], [2022]),
    ("In January-March, online retail sales reached 8.7 billion yuan.", "2022-04-20",
     [Want("8.7 billion yuan", 8.7e9, "RMB", "online retail sales", scale="billion",
           period="2022-Q1")], []),
    ("The number of cross-border e-commerce firms doubled in 2021.", None,
     [Want("doubled", 100, "%", "growth of number of cross-border e-commerce firms",
           period="2021")], []),
    ("Online sales account for one-third of the market's turnover.", None,
     [Want("one-third", 33.33, "%", "share of the market's turnover")], [1, 3]),
    ("2021年，义乌电子商务交易额3715亿元，同比增长18.9%。", None,
     [Want("3715亿元", 371.5e9, "RMB", "电子商务交易额", scale="亿", period="2021"),
      Want("18.9%", 18.9, "%", "growth of 义乌电子商务交易额", period="2021")], [3715, 2021]),
    ("2022年一季度，义乌开展直播带货活动10.5万场。", None,
     [Want("10.5万", 105000, "count", "直播带货活动", scale="万", period="2022-Q1")],
     [10.5, 1]),
    ("义乌数字经济综合评价位列金华第一、全省第十六。", None,
     [Want("第一", 1, "rank", "数字经济综合评价", scope="金华"),
      Want("第十六", 16, "rank", "数字经济综合评价", scope="全省")], []),
    ("义乌信息化和工业化融合指数连续五年位居全省前列。", None,
     [Want("连续五年", 5, "years", "融合指数")], []),
    ("义乌产业基金规模超过240亿元，外贸主体逾3万家，近2000家企业完成数字化改造。", None,
     [Want("超过240亿元", 24e9, "RMB", "产业基金规模", scale="亿", qualifier="more than"),
      Want("逾3万", 30000, "count", "外贸主体", scale="万", qualifier="over"),
      Want("近2000", 2000, "count", "企业", qualifier="nearly")], []),
    ("Over 2,000 merchants have joined the platform so far.", "2022-07-06",
     [Want("Over 2,000", 2000, "count", "merchants joined the platform", qualifier="over",
           period="2022-07-06")], []),
    ("Each firm can receive subsidies of up to 2 million yuan.", None,
     [Want("up to 2 million yuan", 2e6, "RMB", "subsidies", scale="million",
           qualifier="up to")], []),
    ("Zhejiang Aiko Solar Energy Technology Co., Ltd. invested 2 billion yuan in Yiwu.", None,
     [Want("2 billion yuan", 2e9, "RMB", "amount invested", scale="billion")], []),
    ("For inquiries call 0579-85512345 or cite case No. 2021-0345.", None, [],
     [579, 85512345, 2021, 345]),
    ("12 > >>", None, [], [12]),
    ("发布日期:2022-07-06 浏览次数:", None,
     [Want("2022-07-06", None, "date", "发布日期", period="2022-07-06", date="2022-07-06")],
     [2022, 7, 6]),
    ("Q1 exports rose 7% from a year earlier.", None,
     [Want("7%", 7, "%", "growth of exports")], [1]),
    ("The unemployment rate dropped to 5% in 2021.", None,
     [Want("5%", 5, "%", "unemployment rate", period="2021")], [-5]),
    ("Jinhua ranked second in Zhejiang in terms of export volume.", None,
     [Want("second", 2, "rank", "rank in export volume", scope="in Zhejiang")], []),
    ("At least 30 companies signed contracts worth about CNY 3.5 million.", None,
     [Want("At least 30", 30, "count", "companies signed contracts", qualifier="at least"),
      Want("about CNY 3.5 million", 3.5e6, "RMB", "contracts", scale="million",
           qualifier="about")], [3.5]),
    ("The park's output value was 1.5 trillion yuan, a decrease of 4.1%.", None,
     [Want("1.5 trillion yuan", 1.5e12, "RMB", "output value", scale="trillion"),
      Want("4.1%", -4.1, "%", "growth of park's output value")], []),
    ("Revenue reached RMB 4.5 bn. The figure was a record.", None,
     [Want("RMB 4.5 bn", 4.5e9, "RMB", "revenue", scale="bn")], []),
    ("Yiwu is home to more than 75,000 market stalls and about 210,000 suppliers.", None,
     [Want("more than 75,000", 75000, "count", "market stalls", qualifier="more than"),
      Want("about 210,000", 210000, "count", "suppliers", qualifier="about")], []),
    ("It was the first time the fair was held online, with 2,300 exhibitors.", None,
     [Want("2,300", 2300, "count", "exhibitors")], [1]),
    ("The sixth-generation market covers 1.2 million square metres.", None,
     [Want("1.2 million", 1.2e6, "count", "square metres", scale="million")], [6]),
    ("Trade with Africa grew 15.6 per cent to 52.3 billion yuan in 2021.", None,
     [Want("15.6 per cent", 15.6, "%", "growth of trade with Africa", period="2021"),
      Want("52.3 billion yuan", 52.3e9, "RMB", "trade with Africa", scale="billion",
           period="2021")], []),
    ("The city has been ranked No. 1 among China's top 100 counties for five years in a row.",
     None, [Want("No. 1", 1, "rank", "rank among", scope="among China's top 100 counties"),
            Want("five years", 5, "years", "ranked No. 1")], [100]),
    ("About 60% of the goods are exported, and the market hosts 2,000 buyers a day.", None,
     [Want("About 60%", 60, "%", "share of the goods exported", qualifier="about"),
      Want("2,000", 2000, "count", "buyers")], []),
    ("SAP, one of the world's top 500 companies, opened a center in Yiwu in 2020.", None,
     [], [1, 500, 2020]),
    ("Exports to ASEAN countries were 62.1 billion yuan, an increase of 34.5%.", None,
     [Want("62.1 billion yuan", 62.1e9, "RMB", "exports to ASEAN countries", scale="billion"),
      Want("34.5%", 34.5, "%", "growth of exports to ASEAN countries")], []),
    ("The bonded zone's throughput hit a record 1.2 million TEUs in the second half of 2021.",
     None, [Want("1.2 million", 1.2e6, "count", "TEUs of bonded zone's throughput",
                 scale="million", period="2021-H2")], [2021]),
    ("Its GDP was 157.9 billion yuan in 2022, second in Jinhua.", None,
     [Want("157.9 billion yuan", 157.9e9, "RMB", "GDP", scale="billion", period="2022"),
      Want("second", 2, "rank", "rank of GDP", period="2022", scope="in Jinhua")], []),
    ("Average wages rose 8 percent, while rents fell 2 percent.", None,
     [Want("8 percent", 8, "%", "growth of average wages"),
      Want("2 percent", -2, "%", "growth of rents")], []),
    ("Yiwu ranked 13th among the top 100 counties in China for comprehensive strength in 2021.",
     None, [Want("13th", 13, "rank", "rank in comprehensive strength", period="2021",
                 scope="among the top 100 counties in China")], [100]),
    ("Over the past five years, the number of registered market entities has doubled to "
     "1 million.", None,
     [Want("doubled", 100, "%", "growth of number of registered market entities"),
      Want("1 million", 1e6, "count", "number of registered market entities",
           scale="million")], [5]),
    ("The city aims to build 10,000 5G base stations by 2025.", None,
     [Want("10,000", 10000, "count", "5G base stations", period="2025")], [5, 2025]),
    ("Yiwu was named one of the first batch of national digital commerce pilot cities in 2020.",
     None, [], [1, 2020]),
    ("On 10 March, the 28th China Yiwu International Commodities Fair opened.", "2023-02-01",
     [Want("10 March", None, "date", "28th China Yiwu International Commodities Fair opened",
           period="2023-03-10", date="2023-03-10")], [28, 10]),
    ("Yiwu's GDP grew 6.7 percent to 148.5 billion yuan, a 2.5-fold rise on 2012.", None,
     [Want("6.7 percent", 6.7, "%", "growth of GDP"),
      Want("148.5 billion yuan", 148.5e9, "RMB", "GDP", scale="billion")], [2012]),
]


@pytest.mark.parametrize(
    ("text", "published", "wants", "absent"), SENTENCES, ids=[c[0][:40] for c in SENTENCES],
)
def test_sentence(text: str, published: str | None, wants: list[Want],
                  absent: list[float]) -> None:
    figs = extract_text(text, published=published)
    assert [f.text for f in figs] == [w.text for w in wants]
    for fig, want in zip(figs, wants, strict=True):
        check(fig, want)
    values = {f.value for f in figs}
    assert not values & set(absent)


def test_growth_links_outside_the_article() -> None:
    figs = extract_text("2021年，义乌电子商务交易额3715亿元，同比增长18.9%。")
    assert figs[1].of == figs[0].id
    figs = extract_text("Trade with Africa grew 15.6 per cent to 52.3 billion yuan in 2021.")
    assert figs[0].of == figs[1].id
    figs = extract_text("Sales reached 5 bn yuan in 2021. This was an increase of 12%.")
    assert [f.label for f in figs] == ["sales", "growth of sales"]
    assert figs[1].of == figs[0].id
    assert extract_text("Industrial output fell 3.2% in 2022.")[0].of is None


def test_ranges_keep_both_bounds() -> None:
    """A range is one figure: value = lower bound, qualifier "between", text the whole range;
    ``figure_bounds`` reads the upper bound back."""
    (pct,) = extract_text("Officials expect growth of 3-5% in 2023.")
    assert (pct.value, pct.qualifier, pct.text) == (3, "between", "3-5%")
    assert figure_bounds(pct) == (3, 5)
    (money,) = extract_text("The fund will raise between 10 and 20 billion yuan.")
    assert figure_bounds(money) == (10e9, 20e9)
    (single,) = extract_text("Exports reached 45 bn RMB.")
    assert figure_bounds(single) == (45e9, 45e9)


# --- invariants -----------------------------------------------------------------------------


def all_texts() -> list[tuple[str, str | None]]:
    return [(article_body(), PUBLISHED), *[(t, p) for t, p, _, _ in SENTENCES]]


def test_offsets_round_trip() -> None:
    for text, published in all_texts():
        for f in extract_text(text, published=published):
            assert text[f.start:f.end] == f.text
            assert f.sentence_start <= f.start < f.end <= f.sentence_end
            assert f.unit in ("RMB", "USD", "%", "count", "rank", "index", "years", "date")
            assert (f.value is None) == (f.unit == "date")


def test_ids_are_stable_and_unique() -> None:
    for text, published in all_texts():
        first = extract_text(text, doc_id="d1", published=published)
        again = extract_text(text, doc_id="d1", published=published)
        assert [f.id for f in first] == [f.id for f in again]
        assert len({f.id for f in first}) == len(first)
        assert all(re.fullmatch(r"f-[0-9a-f]{10}", f.id) for f in first)
    one = extract_text("Exports reached 45 bn RMB.", doc_id="a")[0].id
    assert one != extract_text("Exports reached 45 bn RMB.", doc_id="b")[0].id


def test_figures_serialise() -> None:
    f = extract_text("Exports reached more than 45 bn RMB in 2021.")[0]
    assert Figure.from_dict(f.to_dict()) == f
    assert f.public()["text"] == "more than 45 bn RMB"


def test_split_sentences() -> None:
    text = ("Trina Solar Co., Ltd. invested 2.5 bn. yuan on Dec. 15. Revenue reached "
            "RMB 4.5 bn. The figure was a record! 义乌很好。它在浙江。\nA new line")
    got = [s.text for s in split_sentences(text)]
    assert got == [
        "Trina Solar Co., Ltd. invested 2.5 bn. yuan on Dec. 15.",
        "Revenue reached RMB 4.5 bn.",
        "The figure was a record!",
        "义乌很好。",
        "它在浙江。",
        "A new line",
    ]
    assert all(text[s.start:s.end] == s.text for s in split_sentences(text))


def test_keywords_for() -> None:
    assert set(tokens("5G base stations built build")) == set(
        keywords_for("5G base stations built"))
    assert tokens("economy")[0] in keywords_for("digital economic output value")
    assert tokens("allocate")[0] in keywords_for("amount allocated")
    assert {"直播", "带货"} <= set(keywords_for("直播带货活动"))
