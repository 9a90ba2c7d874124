"""Answers as a user relies on them: the right figure first, grounded, cited — or a refusal.

The fast tests use the fake embedder (lexical signals only); the ``integration`` ones run
the real packaged models over the article and the question sets.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.evaluate import judge
from bot.grounding import numbers
from bot.text import is_cjk

from .conftest import SHARED_EVAL

DATA = sorted((Path(__file__).parent / "data").glob("questions*.jsonl"))
# A test so marked runs with the fake embedder and, in the integration tier, the real models;
# it takes the engine with ``request.getfixturevalue(which)``.
BOTH_ENGINES = pytest.mark.parametrize(
    "which", ["fake_engine", pytest.param("real_engine", marks=pytest.mark.integration)])


def _cases(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _run(engine, turns: list[str]) -> dict:
    history: list[dict] = []
    for q in turns:
        reply = engine.ask(q, history)
        history.append(reply.state)
    return reply.public()


def assert_grounded(ans: dict) -> None:
    """Every number of the answer is in a highlighted span or a computed figure."""
    spans = " ".join(c["text"][a:b] for c in ans["citations"] for a, b in c["highlights"])
    computed = {n for f in ans["figures"] if f.get("computed") for n in numbers(f["text"])}
    allowed = set(numbers(spans)) | computed
    assert set(numbers(ans["answer"])) <= allowed, (ans["answer"], spans)


# -- fast tier -----------------------------------------------------------------------------


def test_figure_answer_leads_with_the_figure(fake_engine):
    ans = _run(fake_engine, ["How many 5G base stations has Yiwu built?"])
    assert ans["answered"] and ans["answer"].startswith("3,692")
    top = ans["figures"][0]
    assert (top["value"], top["unit"]) == (3692, "count")
    cite = ans["citations"][0]
    assert cite["text"][slice(*cite["highlights"][0])] in cite["text"]
    figure_span = [top["start"] - cite["start"], top["end"] - cite["start"]]
    assert figure_span in cite["highlights"]
    assert_grounded(ans)


def test_citations_are_verbatim_slices_of_the_cleaned_document(fake_engine):
    ans = _run(fake_engine, ["What was the e-commerce volume in 2021?"])
    for c in ans["citations"]:
        doc = fake_engine.index.documents[c["doc_id"]]
        assert doc.text[c["start"] : c["end"]] == c["text"]
        for a, b in c["highlights"]:
            assert 0 <= a < b <= len(c["text"])


@pytest.mark.parametrize(
    "question",
    [
        "What is the capital of France?",
        "How many hospitals are in Yiwu?",
        "What will the e-commerce volume be in 2030?",
        "How many 6G base stations are there?",
        "xqzv plorb wexx",
        "How many 5G base stations does Hangzhou have?",
    ],
)
def test_refuses_what_the_corpus_does_not_hold(fake_engine, question):
    ans = _run(fake_engine, [question])
    assert ans["answered"] is False
    assert ans["figures"] == []
    assert "do not say" in ans["answer"]
    assert ans["suggestions"], "a refusal offers figures the corpus does hold"


def test_period_mismatch_is_refused_not_answered_with_another_year(fake_engine):
    ans = _run(fake_engine, ["What was the e-commerce volume in 2019?"])
    assert ans["answered"] is False


def test_growth_question_gets_the_growth_not_the_level(fake_engine):
    ans = _run(fake_engine, ["What was the growth of e-commerce volume in 2021?"])
    assert (ans["figures"][0]["value"], ans["figures"][0]["unit"]) == (18.9, "%")
    assert_grounded(ans)


def test_followup_is_resolved_from_the_previous_turn(fake_engine):
    ans = _run(fake_engine, ["What was the e-commerce volume in 2021?", "What was its growth?"])
    assert "e-commerce volume" in ans["resolved_question"]
    assert ans["figures"][0]["value"] == 18.9


def test_comparison_is_computed_with_both_inputs(fake_engine):
    ans = _run(fake_engine, ["Which grew faster, the e-commerce volume or the total retail "
                             "sales volume of online livestreaming selling activities?"])
    computed = [f for f in ans["figures"] if f.get("computed")]
    inputs = [f for f in ans["figures"] if not f.get("computed")]
    assert len(computed) == 1 and {f["value"] for f in inputs} == {18.9, 26.0}
    assert computed[0]["value"] == pytest.approx(7.1)
    assert set(computed[0]["inputs"]) == {f["id"] for f in inputs}
    assert_grounded(ans)


def test_share_is_computed(fake_engine):
    ans = _run(fake_engine, ["What share of the e-commerce volume is the total retail sales "
                             "volume of online livestreaming selling activities?"])
    assert ans["figures"][0]["computed"] and ans["figures"][0]["value"] == pytest.approx(
        100 * 8.714 / 371.5, rel=1e-3)


# -- integration tier: the real models --------------------------------------------------------


@pytest.mark.integration
@pytest.mark.parametrize("case", _cases(SHARED_EVAL) + [c for p in DATA for c in _cases(p)],
                         ids=lambda c: c["id"])
def test_question_sets(real_engine, case):
    ans = _run(real_engine, case["turns"])
    assert judge(case, ans) == []
    if ans["answered"]:
        assert_grounded(ans)


@pytest.mark.integration
def test_5g_question_puts_the_5g_passage_first(real_engine):
    ans = real_engine.ask("how many 5G base stations?").public()
    assert "5G base stations" in ans["citations"][0]["text"]


@pytest.mark.integration
@pytest.mark.parametrize("question", ["how many 5G base stations?",
                                      "What was the e-commerce volume in 2021?",
                                      "How many hospitals are in Yiwu?"])
def test_every_suggestion_is_answerable(real_engine, question):
    suggestions = real_engine.ask(question).suggestions
    assert suggestions
    for s in suggestions:
        assert real_engine.ask(s).answered, s


@pytest.mark.integration
def test_chinese_question_that_differs_only_in_the_measure(real_engine):
    """The 4-bit e5 alone scores 'funds for core industries' (资金投入) closer to the digital
    economy's output value than to the allocation; the measure words' English decides."""
    ans = _run(real_engine, ["义乌2021年数字经济核心产业资金投入多少？"])
    assert judge({"answer_any": ["400"], "figure": {"value": 400000000, "unit": "RMB"}}, ans) == []


def test_words_written_apart_that_the_documents_join_are_joined(fake_engine):
    from bot.coverage import Coverage

    coverage = Coverage(fake_engine.index)
    assert coverage.join_compounds("how many live streaming events?") == \
        "how many livestreaming events?"
    assert coverage.join_compounds("on line sales") == "online sales"
    # both words the documents' own: left apart
    assert coverage.join_compounds("how many base stations?") == "how many base stations?"


def test_the_province_is_the_one_a_document_names(fake_engine):
    from bot.coverage import Coverage

    coverage = Coverage(fake_engine.index)
    doc = next(iter(fake_engine.index.documents))
    assert coverage.place_names("Zhejiang", doc) == ("zhejiang", "the province", "provincial")
    assert coverage.place_names("the province", doc)[0] == "zhejiang"
    assert coverage.place_names("Jinhua", doc) == ("jinhua",)


def test_an_unreadable_glossary_leaves_chinese_questions_to_similarity(fake_engine,
                                                                        monkeypatch, caplog):
    from bot import glossary
    from bot.coverage import Coverage
    from bot.query import understand

    def unreadable() -> bytes:
        raise OSError("no space left on device")

    monkeypatch.setattr(glossary, "_table_bytes", unreadable)
    coverage = Coverage(fake_engine.index)
    q = coverage.read_chinese(understand("义乌有多少家医院？"))
    assert q.measure == () and "glossary could not be read" in caplog.text
    assert coverage.gap(q) is None  # as before the glossary: e5's similarity decides


# Phrasings a probe of 108 new questions found answered wrong or refused (93 right before).
PHRASINGS = [
    ("yiwu ranking zhejiang digital economy evaluation", "16th"),  # was "nothing about Zhejiang"
    ("Out of all of Zhejiang, where was Yiwu placed in the digital economy comprehensive "
     "evaluation?", "16th"),  # was "nothing about Out"
    ("How many traditional industries is Yiwu upgrading through smart transformation?", "Ten"),
    ("How much did livestream retail sales rise in early 2022 compared with a year earlier?",
     "26.0%"),  # was refused as an uncomputable comparison
    ("Which grew faster: livestream retail sales in Q1 2022 or e-commerce volume in 2021?",
     "26.0% in the first quarter of 2022 against 18.9% in 2021"),  # a period on each side
    ("livestreaming activities Q1 2022", "105,000"),  # names no unit: got the 8.714 bn RMB
    ("livestream events 2022", "105,000"),
    ("义乌目前共有几座5G基站？", "3,692"),  # 几座 was not a count: got the rank
    ("2021年义乌市政府拨付了多少资金支持数字经济发展？", "400m RMB"),  # 拨付, a verb, is no measure
    # an opening word the documents use, and never as a name, names nothing (was "they
    # mention Number, but not that"); a measure's own words neither ("nothing about Size")
    ("Number of 5G base stations in Yiwu?", "3,692"),
    ("Size of the industrial fund?", "24 bn RMB"),
    ("yiwu 5g stations count", "3,692"),  # "… count" asks how many: got the rank
    ("Anything on semiconductors?", "semiconductor"),  # was "nothing about Anything"
    # from a held-out set written from the article alone (probe 12)
    ("Year-on-year growth of Yiwu's e-commerce volume in 2021?", "18.9%"),  # "nothing about Year"
    ("how quickly did the digital economy in yiwu expand in 2021?", "66.7%"),  # a sentence
    ("whats the IC fund size", "24 bn RMB"),  # "nothing about IC": the integrated circuit fund
    ("e-com growth %", "18.9%"),
    ("Among Chinese county-level cities, where does Yiwu stand in getting a dedicated "
     "international internet channel?", "second"),  # was "nothing about Chinese"
    # other names of the documents' terms, from probes 8–13 (each was refused)
    ("number of 5g masts in yiwu", "3,692"),
    ("How many fifth-generation mobile network masts has the city put up?", "3,692"),
    ("What was the total value of online commerce transactions in Yiwu for 2021?", "371.5"),
    ("How much e-commerce business did Yiwu do in 2021?", "371.5 bn RMB"),
    ("Which Fortune Global 500 company built an innovation centre in Yiwu?", "SAP"),
    ("How many legacy industries is Yiwu targeting for intelligent upgrading?", "Ten"),
    ("How much money did live commerce bring in for Yiwu between January and March 2022?",
     "8.714 bn RMB"),  # months name the quarter, not a measure
]


@pytest.mark.integration
@pytest.mark.parametrize(("question", "expected"), PHRASINGS)
def test_phrasings_found_by_probing(real_engine, question, expected):
    ans = real_engine.ask(question).public()
    assert ans["answered"] and expected in ans["answer"], ans["answer"]
    assert_grounded(ans)


# Found by a second probe (106 questions of conversations, paraphrases, calculations and
# refusals; 77 right before): (question turns, what the answer must contain, or None: refused).
SECOND_PROBE = [
    (["What is the sum of the digital economy output and the strategic emerging industries "
      "added value?"], "61.4 bn RMB"),
    (["By how many percentage points did digital economy output growth exceed e-commerce "
      "growth?"], "47.8 percentage points"),
    (["How much larger was e-commerce growth than livestream retail growth?"],
     "7.1 percentage points"),  # growth rates, not the amounts
    (["Ratio of the 2021 e-commerce volume to the livestream retail sales in Q1 2022?"],
     "42.6 times"),
    (["What was the retail sales figure from livestream e-commerce in January–March 2022?"],
     "8.714 bn RMB"),
    (["My boss wants to know how much money Yiwu's city government allocated for digital "
      "transformation in 2021"], "400m RMB"),
    (["义乌电商2021年涨了多少啊？"], "18.9%"),
    (["How large was the e-commerce volume of Yiwu in 2021?", "how about in 2022?"], None),
    (["How many livestream selling activities did Yiwu run in Q1 2022?", "how about in 2021?"],
     None),
    (["What was Yiwu's e-commerce volume in 2022?"], None),  # not the Q1 2022 livestream sales
    # Chinese "what about X?" follow-ups: X a frame of the previous measure, a new measure
    # in the previous period, a pronoun's measure, or a period ("那2022年呢？").
    (["义乌的5G基站数量是多少？", "排名呢？"], "rank of 5G base stations"),
    (["2022年一季度义乌开展了多少场直播？", "销售额呢？"], "8.714 bn RMB"),
    (["义乌的电子商务交易额是多少？", "它的增长率呢？"], "18.9%"),
    (["义乌的数字经济产值是多少？", "那2022年呢？"], None),
    (["How much was the added value of strategic emerging industries?",
      "is that more than the e-commerce volume?"], "No — E-commerce volume is larger"),
    # A 'when' question is not answered by a sentence without a date (was the SAP sentence).
    (["Which company from the world's top 500 has an innovation center in Yiwu?",
      "when did it open?"], None),
    (["What's the industrial fund for chips?", "when was it set up?"], None),
    # A rank asked of Yiwu with another place named must be a rank in that place.
    (["What rank did Yiwu get nationally in China's comprehensive digital economy "
      "evaluation?"], None),  # was "First in Jinhua"
]


# Found by a third probe (83 questions: spellings, units, preambles, mixed-language
# conversations; 65 right before).
THIRD_PROBE = [
    (["Quick question: how many 5G base stations has Yiwu built?"], "3,692"),  # was "Quick"
    (["Answer briefly: size of the chip industrial fund?"], "24 bn RMB"),
    (["Thanks in advance. What were the retail sales from livestreaming in the first quarter "
      "of 2022?"], "8.714 bn RMB"),
    (["E-Commerce growth rate of Yiwu in 2021"], "18.9%"),  # "nothing about Commerce"
    (["How many 5G base stations does Yi Wu have?"], "3,692"),  # "nothing about Yi Wu"
    (["Has Yiwu built over three thousand 5G base stations?"], "3,692"),
    (["How many billion RMB is the industrial fund?"], "24 bn RMB"),  # an amount, not a count
    (["How many billion yuan was Yiwu's e-commerce volume in 2021?"], "371.5 bn RMB"),
    (["How many livestreaming activities in Q1 2022?", "what about the second quarter?"],
     None),  # was answered with Q1's figure
    (["How much was the added value of strategic emerging industries?", "增长率呢？"],
     "107.2%"),
    (["Jinhua: how many 5G base stations?"], None),  # a place before a colon stays a place
    # A quarter asked without a year is that quarter: the first quarter's figure, the only
    # one held, does not answer for the second (it did, and a sentence about 2022's first
    # quarter answered for 2022's second).
    (["What were the livestream retail sales in the second quarter?"], None),
    (["二季度直播销售额是多少？"], None),
    (["livestream retail sales in the second quarter of 2022"], None),
    (["What were the livestream retail sales in the first quarter?"], "8.714 bn RMB"),
    (["Q1 livestream sales in 2022"], "8.714 bn RMB"),
    (["2022年一季度义乌开展了多少场直播？", "那二季度呢？"], None),
    (["义乌直播带货一季度有多少场？", "how much did they sell?", "what about the second quarter?"],
     None),
    # "How many more A than B?" is a computed difference of two counts (was A's count alone).
    (["How many more smart factory key projects than demonstration programs were there?"],
     "8 more: key projects of smart factories and digital workshops developed (23) against "
     "companies and institutions selected as provincial-level digital economy demonstration "
     "programs (15)"),  # the difference asked leads
    (["How many more demonstration programs were there than smart factory key projects?"],
     "8 more: key projects of smart factories and digital workshops developed (23)"),
    (["How many more 5G base stations than livestream selling activities?"],
     "(105,000 in the first quarter of 2022) against 5G base stations built (3692)"),
    (["How many more hospitals than schools are there in Yiwu?"], None),
    # A Chinese follow-up naming only a measure is asked as the turn before asked.
    (["Tell me Yiwu's digital economy growth.", "电商呢？"], "18.9%"),  # was the volume
    (["义乌的数字经济产值增长了多少？", "电商呢？", "直播呢？"], "26.0%"),
    (["义乌的5G基站数量排名第几？", "电商呢？"], "First among the top 100"),
    (["义乌的数字经济产值是多少？", "电商呢？"], "371.5 bn RMB"),
]


# Found by a fourth probe (90 questions written without seeing the code; 73 right before):
# ratios, differences and averages asked in other words, comparisons of the last two answers,
# and a rank the document gives in words ("a leading position in the province").
FOURTH_PROBE = [
    (["What's the difference in RMB between the digital economy output value and the added "
      "value of strategic emerging industries?"], "28.6 bn RMB more"),  # was 16.4 bn alone
    (["How many times larger is the chip industrial fund than the 2021 government allocation "
      "for digital transformation?"], "About 60 times"),  # the fund has no 2021: was refused
    (["How many times the government's 400m allocation is the industrial fund?"],
     "About 60 times"),
    (["How many times faster did the digital economy output grow than e-commerce volume in "
      "2021?"], "a gap of 47.8 percentage points, about 3.5 times the rate"),
    (["how many percentage points higher was livestream retail growth in Q1 2022 than "
      "e-commerce growth in 2021"], "7.1 percentage points: "),
    (["average retail sales per livestreaming session in Q1 2022?"],
     "About 82,990 RMB each on average"),
    (["Which streak is longer: Yiwu topping the top-100 e-commerce counties, or its "
      "integration index ranking among Zhejiang's top?"],
     "is longer: seven consecutive years against five consecutive years"),
    (["Is the e-commerce volume more than ten times the digital economy output?"],
     "No — e-commerce volume (371.5 bn RMB) is about 8.3 times"),
    # against a fraction: the share, computed (was the output's figure alone)
    (["Is the chip fund more than half the size of the digital economy output?"],
     "Yes — industrial fund (exceeding 24 bn RMB) is more than 53.3% of digital economic "
     "output value"),
    (["Is the strategic emerging industries added value less than a third of the digital "
      "economy output?"], "No — added value of strategic emerging industries (16.4 bn RMB) is "
     "about 36.4% of"),
    (["Which is larger, Q1 2022 livestream retail sales or the 2021 strategic emerging "
      "industries added value?"],  # 2021 is not in the added value's passage: not named
     "16.4 bn RMB against 8.714 bn RMB in the first quarter of 2022"),
    (["What was e-commerce growth in 2021?", "and the growth of livestream retail sales in "
      "Q1 2022?", "which is higher?"], "26.0% in the first quarter of 2022 against 18.9% in 2021"),
    (["How big is the industrial fund?", "and the digital economic output?",
      "what is the difference?"], "21.0 bn RMB more"),
    (["How many 5G base stations?", "which is higher?"], None),  # one figure: nothing to compare
    (["Where does Yiwu's digital economic output rank in Zhejiang?"],
     "A leading position in the province (Zhejiang) — "),  # was refused
    (["Where does Yiwu's digital economic output rank in the province?"],
     "A leading position in the province — "),  # was "First in Jinhua"
    (["What was the digital economic output in 2021?", "what about its position in Zhejiang?"],
     "A leading position in the province"),
    (["how did the strategic emerging industries rank in Zhejiang?"],
     "Among the top in the province (Zhejiang)"),
    (["How does Yiwu rank in Zhejiang for e-commerce?"], None),  # its ranks are national
    # a period relative to the last answer's: was answered with the same figure again
    (["What is Yiwu's comprehensive informatization development index?",
      "what was it the year before?"], None),
    (["How many livestream selling activities in Q1 2022?", "what about the quarter before?"],
     None),
    (["What was the e-commerce volume in 2021?", "and the growth?", "and the year after?"],
     None),
    # a word the corpus never uses in what is counted needs a figure close in meaning; one
    # in the rest of the question (a verb) does not when the label names the counted thing
    (["how many 5G users are there?"], None),  # was the 3,692 base stations
    (["How many 5G subscribers?"], None),
    (["How many traditional industries is Yiwu targeting for smart upgrading?"], "Ten"),
    (["how many live streaming events in Q1 2022?"], "105,000"),  # "live streaming" joined
    # a figure asked against a bound is answered yes or no, then the figure
    (["Did Yiwu build more than 4000 5G base stations?"], "No: 3,692 — "),
    (["My colleague says Yiwu's digital economy output was 50 billion RMB in 2021. What does "
      "the article say?"], "No: 45 bn RMB — "),  # a claim checked
    (["Did e-commerce exceed 300 billion yuan in 2021?"], "Yes: 371.5 bn RMB — "),
    (["Is the chip industrial fund bigger than 20 bn yuan?"], "Yes: "),  # was refused as a
    # comparison of two figures with "bigger" for a measure
    (["Did the government allocate more than 500m RMB?"], "more than 400m RMB"),  # "nothing
    # about 500m" before: an amount was taken for an identifier such as "6G"
    # "why?" is answered by a sentence that gives a reason, or refused
    (["Will Yiwu get additional provincial financial funds?", "why?"],
     "Yiwu was shortlisted in the list of"),  # the sentence before its "therefore"
    (["Why did Yiwu launch the energy consumption supervision system?"], "helps to solve"),
    (["How many 5G base stations?", "why?"], None),  # was the 3,692 again
    # what is asked by name is answered by a sentence naming it, else refused: the article
    # gives five shortlisted places but names only Yiwu, and no investment institution
    (["Which equity investment institutions set up the guiding funds?"], None),  # was 24 bn
    (["What are the names of the other four counties or districts shortlisted along with "
      "Yiwu?"], None),
    (["How many places were shortlisted in Zhejiang's digital economy circular?",
      "Which were the other ones?"], None),  # was the SAP sentence
    (["Besides jewelry and clothing, what are the other eight traditional industries?"], None),
    (["Which other four counties, cities or districts were shortlisted alongside Yiwu?"],
     None),  # was a sentence naming only China, in a quoted title
    (["Which company built an innovation center in Yiwu?", "which other companies?"], None),
    (["Which company built an innovation center in Yiwu?"], "SAP"),  # a name opening it
    (["What's the size of the industrial fund?", "what companies did it attract?"],
     "integrated circuit companies"),  # no names, but which kind, in words not asked
    (["Which city launched the first blockchain + 5G on-demand response system in China?"],
     "Yiwu launched"),
    (["What funding did the city government allocate in 2021?"], "400m RMB"),  # no name asked
    # computed comparisons asked in yet other words
    (["What's the percentage-point gap between the digital economy output growth and the "
      "e-commerce growth in 2021?"], "47.8 percentage points: "),
    (["On average, how much in sales did each livestreaming session generate in Q1 2022?"],
     "About 82,990 RMB each"),
    (["Did Yiwu's digital economy output top 40 billion yuan in 2021?"], "Yes: 45 bn RMB"),
    # a figure of the year before, worked back from its growth when that is asked for
    (["Working back from the 2021 growth rate, roughly what was Yiwu's e-commerce volume in "
      "2020?"], "About 312.4 bn RMB in 2020 (computed from 371.5 bn RMB in 2021"),
    (["Given the growth rate, what were Yiwu's livestream retail sales in Q1 2021 "
      "approximately?"], "About 6.9 bn RMB in the first quarter of 2021"),
    (["In absolute terms, how much did Yiwu's e-commerce volume increase from 2020 to 2021?"],
     "About 59.1 bn RMB more than in 2020"),
    (["What was the e-commerce volume in 2020?"], None),  # not stated, no working asked
    (["How many 5G base stations did Yiwu add in 2021 alone?"], None),  # a stock to date
    (["义乌2021年电商交易额是多少？", "数字经济产值呢？", "哪个更高？"],
     "E-commerce volume is higher: 371.5 bn RMB against 45 bn RMB"),
    # two questions at once: both answered, the second as a follow-up of the first
    (["What was the e-commerce volume in 2021 and how much did it grow?"],
     "371.5 bn RMB, an increase of 18.9% year on year. 18.9% — growth of e-commerce volume"),
    (["How many 5G base stations and what is the e-commerce volume?"], "371.5 bn RMB — "),
    # misspellings put right toward the documents' words; English words left as asked
    (["how many 5g staions has yiwu built"], "3,692"),
    (["Which company set up an inovation centre in Yiwu?"], "SAP"),
    (["Waht was the e-comerce volumne of Yiwu in 2021?"], "371.5 bn RMB"),  # a swap, one edit
    (["Hi! Writing a quick piece for our tech desk. Could you give me the exact number of 5G "
      "base stations?"], "3,692"),  # was "nothing about Writing"
    (["What was livestream growth?", "and yoy growth?"], "26.0%"),
    (["What was the e-commerce volume in 2021?", "growth rate呢?"], "18.9%"),
    (["What does the energy system do?", "How much will that system cost?"], None),  # not 23
    (["义乌在中国电商百强县排名第几？"], "First among the top 100"),  # 中国 is China, not Zhongguo
    (["杭州的数字经济产值是多少？"], None),
    (["Based on the 66.7% growth, approximately what was the digital economy output value the "
      "year before 2021?"], "About 27.0 bn RMB in 2020"),
    (["What was the e-commerce volume in 2021?", "so roughly what was the 2020 number then?"],
     "About 312.4 bn RMB in 2020"),
    (["If strategic emerging industries' added value grew 107.2% to reach the 2021 level, "
      "what was it in 2020, roughly?"], "About 7.9 bn RMB in 2020"),  # 2021 is not in its
    # passage, so not named: the answer was replaced by its evidence sentence
    (["一季度义乌搞了多少场直播？"], "105,000"),  # colloquial 搞: a little less close in meaning
    (["What score did Yiwu get on the overall IT / informatisation development index?"],
     "104.81"),  # "nothing about IT"; British -isation
    (["What does Yiwu's online energy consumption supervision system make possible?"],
     "The system can achieve accurate dual control"),  # was the sentence introducing it
    (["What was the digital economy output in 2021?", "and e-commerce volume?",
      "how many times bigger is the latter?"], "About 8.3 times: e-commerce volume"),
    (["How big is the industrial fund?", "and the digital economic output?",
      "is the former bigger than the latter?"], "No — Digital economic output value is larger"),
]

# Found by a sixth probe (100 questions written from the article alone; 83 right before).
SIXTH_PROBE = [
    (["What did the digital economy output reach in 2021?", "and the growth on the previous "
      "year?"], "66.7%"),  # "the previous year" was read as 2020 and refused
    (["How many livestreaming activities in Q1 2022?", "year on year change?"], "26.0%"),
    # was "nothing about change"
    (["Among Zhejiang's cities and counties, where does Yiwu stand for its count of 5G base "
      "stations?"], "First among cities and counties in Zhejiang"),  # "nothing about Zhejiang"
    (["Where did Yiwu place province-wide in the comprehensive digital economy appraisal?"],
     "16th in Zhejiang"),  # "provincewid" and "apprais" were unknown words
    (["What's the gap in billions of RMB between the digital economy output and the strategic "
      "emerging industries' added value?"], "28.6 bn RMB more"),  # was 16.4 bn alone
    (["Strategic emerging industries' added value growth minus the digital economy output "
      "growth - what's the difference in points?"], "40.5 percentage points"),
    (["The 400m RMB government allocation is what percent of the 45 bn digital economy "
      "output?"], "0.9% of digital economic output value"),
    (["2021年义乌电商交易额是多少,同比增长多少?"],  # both answers: was 18.9% alone
     "year on year. 18.9% — growth of e-commerce volume"),
    (["What was the digital economy output per capita in Yiwu?"], None),  # was 45 bn RMB
    (["In what year was the Yiwu Comprehensive Bonded Zone established?"], None),  # a sentence
    # with no time in it was the answer
    (["Which platforms set up industrial bases in yiwu?"], "Kuaishou and Douyin"),  # the
    # "industrial online platforms" sentence of a passage retrieved higher, missing "bases"
]

# Found by a seventh probe (100 questions by users of several kinds; 72 right before).
SEVENTH_PROBE = [
    (["How many livestreaming selling activities in Q1 2022?", "What did they bring in?"],
     "8.714 bn RMB"),  # was the 105,000 activities again
    (["My editor says Yiwu has about 2,900 5G base stations. Can you confirm the actual "
      "count?"], "3,692 — 5G base stations built"),  # was their rank
    (["What was the added value of Yiwu's strategic emerging industries?",
      "where did that put it in the province?"], "Among the top in the province"),  # refused
    (["how much did yiwu's e-commerce do in 2021",
      "and what about livestreaming sales in q1 22?"], "8.714 bn RMB"),  # "q1 22" had no year
    (["How many smart factory and digital workshop key projects did Yiwu develop in 2021?",
      "and how many companies and institutions became provincial demonstration programs?",
      "add those two numbers up"], "38 together"),  # was the 15 programs again
    (["What did Yiwu's municipal government allocate in 2021 for digital transformation?",
      "and the chip industrial fund?"], "Exceeding 24 bn RMB"),  # the fund, stated for no
    # year, was refused as "for another period" than the 2021 of the question before
    (["What did Yiwu's municipal government allocate in 2021 for digital transformation?",
      "and the chip industrial fund?", "which of those is bigger?"], "Industrial fund is bigger"),
    (["How big is the industrial fund?", "and the digital economic output?",
      "what is the total of the two?"], "More than 69.0 bn RMB together"),  # a sum of a lower
    # bound is one: was "69.0 bn RMB"
    (["By how many billion RMB did Yiwu's digital economy output increase in 2021?"],
     "About 18.0 bn RMB more than in 2020"),  # was the 45 bn RMB output
    (["In billions, how much bigger was Yiwu's e-commerce volume in 2021 than in 2020?"],
     "About 59.1 bn RMB more than in 2020"),  # was refused
    (["Who leads Yiwu's special working group on the digital economy system?"], None),  # was
    # the sentence that names the group, and no one
    (["Who is Yiwu's Party Secretary?"], None),  # was a sentence naming the party committee
    (["Who issued a circular to supervise and award cities?"], "The General Office"),
    (["义乌连续几年位居中国电商百佳县第一?"], "Seven consecutive years"),  # "nothing about Jia"
    (["What does Yiwu get for being shortlisted in the provincial circular?"],
     "will receive additional provincial financial funds"),  # was the count of shortlisted
    (["How many places in Zhejiang were shortlisted for outstanding digital economy results?",
      "what does Yiwu get for it?"], "will receive additional provincial financial funds"),
    # the first was refused: "outstanding results" stand two sentences before the five
    (["What problems is Yiwu's online energy consumption supervision system meant to fix?"],
     "helps to solve the problems"),  # was the sentence saying it was launched
    (["How much did the Yiwu city government put toward digital transformation in 2021? A "
      "source of mine says 300 million yuan."], "No: More than 400m RMB"),  # the claim was
    # taken for a second question; and "more than 400m" rules out 300m
    (["Someone told me the government allocated 500 million yuan in 2021. Is that right?"],
     "More than 400m RMB"),  # was refused: "someone", "told", "500" were measure words
    (["I'm writing a piece for an investor newsletter about Yiwu. I need the headline number "
      "for how much its digital economy produced in 2021, plus the growth rate, so I can put "
      "both in the opening paragraph. What are they?"], "66.7% — growth of digital economic"),
    # was refused: the need was scene-setting, "what are they?" the question, "plus" a sum
    (["Which Yiwu industrial cluster was picked for Zhejiang's first group of smart "
      "manufacturing clusters?", "in what year?"], "In 2021, Yiwu’s industrial cluster"),
    # was refused: "in what year of industrial cluster …" about Zhejiang
    (["Which company built an innovation center in Yiwu?", "when?"], None),  # not said; was
    # a sentence of 2021 about something else
    (["How many companies are there in Yiwu?"], None),  # was the 15 selected as programs
    (["How many companies are in Yiwu's knitting industry cluster?"], None),  # the same
    (["How many counties are there in Zhejiang?"], None),  # was the five shortlisted
    (["How many companies and institutions were selected as provincial demonstration "
      "programs?"], "15 — companies and institutions"),
    (["How many livestreams did Yiwu merchants run in the first quarter of 2022?"], "105,000"),
    (["Which city or county came first in Zhejiang's 2021 digital economy comprehensive "
      "evaluation?"], None),  # was "Yiwu ranked first in Jinhua and 16th in Zhejiang"
    (["Which county-level city opened China's first dedicated international Internet "
      "channel?"], None),  # was the sentence about the second one, Yiwu's
    (["Which city ranked first in Jinhua in the comprehensive evaluation of the digital "
      "economy?"], "Yiwu: first in Jinhua — rank in the comprehensive evaluation"),
    (["Which county ranks first among the top 100 e-commerce counties in China?"],
     "Yiwu: first among the top 100 e-commerce counties in China"),
    # found by an eighth probe, held out until then (80 questions as the dev set asks; 73 right)
    (["How many traditional industries is Yiwu upgrading with smart technology?"], "Ten"),
    # was the 23 smart-factory projects: the label naming all that is counted now answers
    (["Name the traditional industries the article mentions among the ten being upgraded."],
     "including the jewelry and clothing industries"),  # a sentence listing them (was refused)
    (["How many traditional industries is Yiwu upgrading with smart technology?",
      "Which ones are named?"], "including the jewelry and clothing industries"),
    (["Which industries is Yiwu's information and optoelectronic cluster built on?"],
     "semiconductor lighting and photovoltaic industries"),
    (["How many 5G base stations has Yiwu built?", "How does that compare with other cities "
      "and counties in Zhejiang?"], "First among cities and counties in Zhejiang"),  # was a
    # "computed" comparison with the five places shortlisted
    (["Expressed as a percentage, how big is the strategic emerging industries' added value "
      "relative to the digital economy output?"], "36.4% of digital economic output value"),
    (["义乌有多少家高新技术企业?"], None),  # was the 15 selected as demonstration programs
    (["义乌有多少家企业和机构入选省级数字经济示范项目？"], "15 — companies"),  # was refused
    # comparisons asked in Chinese are computed, each side matched across languages (were
    # answered with one figure or a sentence)
    (["电商交易额是数字经济产值的几倍？"], "About 8.3 times: e-commerce volume"),
    (["战略性新兴产业增加值占数字经济产值的比重是多少？"], "is 36.4% of digital economic output"),
    (["电商交易额和直播零售额哪个增长更快？"], "a gap of 7.1 percentage points"),
    (["义乌数字经济核心产业增加值占GDP比重是多少?"], None),  # a side it has no words for
    (["一季度直播零售额比去年同期多了多少亿元?"], "About 1.8 bn RMB more than in the first "
     "quarter of 2021"),  # worked back, as in English (was the 26.0% rate)
    # found by a ninth probe (80 questions, conversations of three and four turns; 56 right)
    (["Yiwu's digital economy — how big was its output in 2021?", "So roughly what would it "
      "have been in 2020?", "How did that output rank within Jinhua?"], "First in Jinhua"),
    # the 2020 worked back had become the period of the next question ("nothing about 2020")
    (["How many 5G base stations are there in Yiwu?", "OK — where does the total rank in "
      "Zhejiang?"], "First among cities and counties in Zhejiang"),  # "the total" leans back
    (["yiwu e-commerce volume 2021?", "Fine. What was the year-on-year growth then?"],
     "18.9%"),  # "year-on-year" was taken for a measure of its own
    (["Where did Yiwu rank in Zhejiang in the 2021 comprehensive evaluation of the digital "
      "economy?", "Never mind — how much added value came from its strategic emerging "
      "industries?"], "16.4 bn RMB"),  # "its" was the evaluation; "Never" a name
    (["What's the growth rate of Yiwu's cross-border e-commerce?"], None),  # was e-commerce's
    (["For January to March 2022, how much did Yiwu's livestreaming retail sales rise compared "
      "with the same period a year earlier?"], "26.0%"),  # was refused
    (["yiwu top 100 e-commerce counties streak years"], "Seven consecutive years"),
    (["Add up the smart factory/digital workshop key projects and the provincial demonstration "
      "programs from 2021 — what's the total?"], "38 together"),
    (["What did Yiwu launch on December 15, 2021?", "what about the international dedicated "
      "Internet channel — where does Yiwu stand on that?"], "Second in county-level cities"),
    # "that" is the channel just named, not the launch (was refused)
    (["What did Yiwu launch on December 15, 2021?", "what about the international dedicated "
      "Internet channel — where does Yiwu stand on that?", "What bandwidth does that channel "
      "have?"], None),  # was the channel's rank: the follow-up's own measure is unknown
    (["How many 5G base stations?", "how many users do they have?"], None),
    (["What does Yiwu's online system for company energy consumption do?", "What problems is "
      "it meant to solve?"], "helps to solve the problems"),  # was only the sentence after
    (["Where did Yiwu rank in Zhejiang in the 2021 comprehensive evaluation of the digital "
      "economy?", "How many points did it score in that evaluation?"], None),  # was the rank
    (["yiwu e-commerce volume 2021?", "How much of that came from livestreaming?"], None),
    # was the whole 371.5 bn: the part is not given (livestream sales are of 2022's first
    # quarter)
    (["What was the digital economy output in 2021?", "what share of it was the strategic "
      "emerging industries added value?"], "is 36.4% of digital economic output value"),
    (["I read Yiwu held about 105 livestream selling sessions in Q1 2022 — is that the right "
      "number?"], "No: 105,000 — online livestreaming selling activities"),  # a count claimed
    # is checked against the count (was the 8.714 bn RMB of sales)
    (["How many 5G base stations?", "how many times bigger is that than the number of "
      "traditional industries?"], "times"),  # a comparison asks no measure of its own
    (["What was the added value of the digital economy's core industries?"], None),
    (["How much value added did core digital economy industries create?"], None),
    # both were the 400m RMB allocated to those industries: the documents give the added
    # value of other industries only
    (["What was the added value of strategic emerging industries?"], "16.4 bn RMB"),
    (["How much was allocated to the core industries of the digital economy?"],
     "More than 400m RMB"),
    (["What did SAP do in Yiwu?", "and Kuaishou?"], "Kuaishou and Douyin"),
    (["What did SAP do in Yiwu?", "what about Alibaba?"], None),
    # the name asked about gives way to the new one (was "What was Kuaishou of SAP do?")
    (["Why did Yiwu's digital economic output drop by 66.7% in 2021?"],
     "The documents say otherwise: 66.7% — growth of digital economic output value"),
    # was a sentence about a shortlist, given as the reason for a fall that never happened
    (["Why did Yiwu build 4,000 5G base stations?"], "The documents say otherwise: 3,692"),
    (["Why did Yiwu's e-commerce volume grow by 18.9% in 2021?"], None),  # no reason given
    # (was the reason Yiwu gets provincial funds)
    (["why is Yiwu getting extra money from the province?"], "Yiwu was shortlisted"),
    (["What caused the 66.7% drop in digital economy output?"],
     "The documents say otherwise: 66.7% — growth"),  # was the 66.7% as if it were a drop
    (["为什么义乌数字经济产值下降了66.7%？"], "The documents say otherwise: 66.7%"),
    (["义乌电商交易额下降了18.9%的原因是什么？"], "The documents say otherwise: 18.9%"),
    (["义乌电商交易额增长18.9%的原因是什么？"], None),  # was the volume, given as a reason
    (["Was Yiwu in the top ten in Zhejiang in the comprehensive evaluation of the digital "
      "economy?"], "No: 16th in Zhejiang"),  # a rank against a top ten (was the rank alone)
    (["Is Yiwu first in Zhejiang for 5G base stations?"], "Yes: First among cities"),
    # one figure worked with a number the question gives (all were the figure alone, or
    # refused)
    (["Express Yiwu's 2021 e-commerce volume in trillions of RMB."], "0.3715 trillion RMB"),
    (["By how much does Yiwu's informatization development index exceed 100?"],
     "4.81 above 100"),
    (["On average how many livestream selling activities per day did Yiwu run in Q1 2022, "
      "taking the quarter as 90 days?"], "About 1,166.7 a day"),
    (["If Yiwu kept up its Q1 2022 livestream sales pace for all four quarters, what would "
      "the annual total be?"], "About 34.856 bn RMB over four quarters at that pace"),
    (["What was Yiwu's total e-commerce volume for the full year 2022?"], None),
    (["In the year before this July 2022 article was published, what was Yiwu's e-commerce "
      "growth rate?"], "18.9%"),  # was refused, taken for a question about 2022
    (["What did Yiwu do to attract chip companies?"], "industrial fund exceeding 24 bn RMB"),
    # over every figure of a kind (were a sentence about one of them, or refused)
    (["What was the biggest growth rate in the article?"],
     "107.2% — growth of added value of strategic emerging industries: the fastest of the "
     "four growth rates"),
    (["Which figure is the largest amount?"], "371.5 bn RMB — e-commerce volume"),
    (["Give me all the growth rates"], "The documents give four growth rates: 107.2%"),
    (["What figures do you have about e-commerce?"], "371.5 bn RMB (e-commerce volume, 2021)"),
    (["In what does Yiwu rank first?"], "Yiwu ranks first in: "),
    (["What can you tell me?"], None),  # what can be asked, not "nothing about What can you …"
    (["文章里增长最快的是哪一项？"], "107.2%"),  # was refused
    (["What is the highest growth rate of GDP?"], None),  # not the fastest of those given
    (["What was the largest amount invested by Alibaba?"], None),
    (["Which grew the fastest in Q1 2022?"], "26.0% — growth of total retail sales volume"),
    (["What international channel did Yiwu open?"], "The international dedicated Internet "
     "access is available in Yiwu"),  # a thing done: was led by the channel's rank
    (["What volume did e-commerce reach in 2021?"], "371.5 bn RMB — e-commerce volume"),
    (["How much funding did the city provide for digital transformation in 2021?"],
     "More than 400m RMB"),  # "funding" asks for money, the city is the municipal government
    (["What was the added value of the digital economy in 2021?"], None),
    # was the added value of strategic emerging industries: that measure, of something else
    (["What was the added value in 2021?"], "16.4 bn RMB"),
    (["What was the e-commerce volume?", "and the digital economy output?", "which is bigger?",
      "by how much?"], "326.5 bn RMB more"),  # was the e-commerce volume again
    (["How many demonstration programs?", "and key projects?", "add those two up"],
     "38 together"),  # a label with "and" of its own split the sum wrongly: refused
    (["e-commerce growth 2021", "and livestream sales growth?"],
     "26.0% — growth of total retail sales volume"),  # refused: 2021 was carried, not asked
    (["Q1 2022 livestream sales", "and e-commerce volume?"], "371.5 bn RMB — e-commerce volume"),
    (["What is the integration of informatization and industrialization index?"],
     "Five consecutive years — consecutive years index on the integration"),
    # was the other index's 104.81: the documents give this one as a streak, not a value
    (["What is the comprehensive informatization development index?"], "104.81"),
    (["Which world top-500 company opened an innovation center in Yiwu?", "besides that, what "
      "industrial online platforms did Yiwu launch?"], "Smart Textile"),  # was refused
    (["Where does Yiwu's informatization development index rank nationally, among all "
      "Chinese counties?"], None),  # the documents rank it in Zhejiang only
    (["Where does Yiwu rank in Jinhua?"], "The documents give two ranks in Jinhua: first"),
    (["Has any big international software firm opened an innovation hub in Yiwu? Which one?"],
     "SAP"),  # "Which one?" was split off and read as "Which one of Has any …?"
    (["How much did each livestream selling activity bring in on average in Q1 2022?"],
     "About 82,990 RMB each on average"),  # was refused
    (["What is the e-commerce volume per livestream session?"], None),
    # was the livestream sales; a year's volume over a quarter's sessions averages nothing
    (["What happened in Q1 2022?"], "The documents give three figures in the first quarter of "
     "2022: 105,000"),  # every figure of the period asked (was refused)
    (["Since when has Yiwu ranked first among the top 100 e-commerce counties?"],
     "Seven consecutive years"),  # was the rank, "first"
    (["Which social networking platforms set up industrial bases in Yiwu?", "what about "
      "bonded goods, what did Yiwu build for those?"], "global livestreaming center"),
    # "those" is the bonded goods just named (was the platforms' sentence again)
    (["Did e-commerce grow slower than livestream sales?"], "Yes — E-commerce volume grew "
     "slower: 18.9%"),  # was "No — …", read as "faster than"
    (["Which is smaller: the fund or the digital economy output?"], "Industrial fund is "
     "smaller"),  # was the output alone
    (["What did Yiwu do to attract chip companies?", "how big is it?"],
     "Exceeding 24 bn RMB — industrial fund"),  # "it" is the fund the answer told of
    (["What is the informatization index?", "is that the highest in Zhejiang?"],
     "Yes: First among cities and counties in Zhejiang"),  # was the sentence alone
    (["金额最大的是哪一项？"], "371.5 bn RMB"),  # was "nothing about 金额"
    # was "Yiwu has actively attracted chip companies …" alone: the question said as much
]

# A held-out set written by someone who had not seen the code (session 11)
EIGHTH_PROBE = [
    (["Where did Yiwu rank in Jinhua in the digital economy evaluation?",
      "and in the province overall?"], "16th in Zhejiang"),  # "nothing about overall"
    (["Where did Yiwu rank in Jinhua in the digital economy evaluation?", "and in the province?",
      "and in Jinhua?"], "First in Jinhua"),  # was asked "in the province … in Jinhua", refused
    # a yes/no question a sentence states in full is answered yes (was the sentence alone)
    (["Does Kuaishou have an industrial base in Yiwu?", "what about Douyin?"], "Yes: "),
    # a sentence listing the kind asked comes first (was the expert committee's, for its
    # capitalised name), and "Give examples." is no question of its own ("nothing about")
    (["Which old-school industries in Yiwu are being pushed toward smart manufacturing? "
      "Give examples."], "including the jewelry and clothing industries"),
    (["What is the energy-consumption supervision system meant to achieve?"],
     "dual control"),  # what it is meant to achieve: the sentences after (was the launch)
    # terse requests for the two figures' sum, gap or ratio
    (["How many key smart factory and digital workshop projects did Yiwu develop in 2021?",
      "and how many companies and institutions became provincial digital economy "
      "demonstration programmes?", "how many is that combined?"], "38 together"),
    (["whats the e-commerce growth rate?", "and livestream retail sales growth in Q1 2022?",
      "gap in percentage points?"], "7.1 percentage points: "),  # was "nothing about gap"
    (["What was e-commerce volume?", "and the digital economy output?", "ratio?"],
     "About 8.3 times"),
    # "and X - <a question of it>": "it" is X (was the first turn's streak again)
    (["how many years running has yiwu topped the top-100 e-commerce counties list?",
      "and the informatisation and industrialisation integration index - how many years has "
      "it been near the top?"], "Five consecutive years"),
    (["how many trad industries is yiwu focusing its smart upgrade on"], "Ten"),
    (["Q1 2022 livestream retail sales as a percentage of 2021 e-commerce volume?"],
     "is 2.3% of e-commerce volume"),  # was the livestream sales alone
    (["How many percentage points slower did e-commerce grow than digital economy output in "
      "2021?"], "47.8 percentage points: e-commerce volume grew slower"),  # was refused
    (["How much smaller is the digital economy output than the e-commerce volume?"],
     "326.5 bn RMB less: digital economic output value (45 bn RMB)"),
    # a fall taken for granted is corrected by the growth given (was refused)
    (["why did yiwus digital economy output shrink in 2021?"],
     "The documents say otherwise: 66.7% — growth of digital economic output value"),
    (["Why did the 5G base stations decline?"], None),  # no growth given either way
    # an average "per event" after the count of the events: per one of those counted
    (["How many livestream selling events were held in Q1 2022?",
      "what was the average sales per event then?"], "About 82,990 RMB each on average"),
    (["How many livestream selling events were held in Q1 2022?",
      "how much did each one bring in?"], "About 82,990 RMB each on average"),
    # the thing received, not the shortlist cited beside it, is what "how much?" asks
    (["What does Yiwu get for being shortlisted by the provincial government?",
      "how much exactly?"], None),  # was "Five — counties, cities, and districts …"
    (["How much more (in RMB) did livestream retail sales bring in during Q1 2022 than in Q1 "
      "2021?"], "About 1.8 bn RMB more than in the first quarter of 2021"),  # was refused
    # the passage sharing most words with the question, which MiniLM ranked past 30, and
    # "set up" read as "established" (was refused)
    (["Which company built an innovation center in Yiwu?",
      "and which platforms set up industrial bases?"], "Kuaishou and Douyin"),
    # a name asked of an office is a person's: not the bonded zone the spokesman spoke of
    (["What is the name of the Yiwu Market Development Commission spokesman?"], None),
    # "which ones?" after a count the documents do not itemise: refused (was the sentence
    # counting them, "and 15 companies" read as a kind of company)
    (["How many companies and institutions became provincial digital economy demonstration "
      "programs in 2021?", "which ones?"], None),
    (["浙江一共有几个县市区入选？", "其他入选的是哪几个？"], None),  # 其他 is "other", not 其 "its"
    # "it" is the one figure a sentence told of only for a quantity asked of it; a date
    # asked is of the thing asked about (was refused as "when was the 15 companies …")
    (["Which of Yiwu's industrial clusters made the first group of smart manufacturing "
      "clusters in Zhejiang?", "which year was it selected?"], "In 2021"),
    # "which one is for knitting?": one of the kind the question before asked for
    (["What online platforms has Yiwu launched for industry?", "which one is for knitting?"],
     "Knitting Cloud"),  # was refused
    # a guess after a question for a name is checked against the answer (was "nothing
    # about Alibaba"), and "Fortune-500-type" is one of the world's top 500
    (["Which Fortune 500 firm opened an innovation centre in Yiwu - was it Alibaba?"],
     "Not Alibaba: SAP"),
    (["Which Fortune-500-type company built an innovation centre in Yiwu? Was it SAP?"],
     "Yes: SAP"),
    # a long message: scene-setting naming "5G" is no figure stated; ", and for how many"
    # opens a second question
    (["Background: Yiwu is famous as a small-commodities hub. Beyond the 5G rollout, the "
      "article mentions international Internet access. What is notable about Yiwu's "
      "international dedicated Internet access?"], "second dedicated Internet channel"),
    (["For how many consecutive years has Yiwu ranked first among China's top 100 e-commerce "
      "counties, and for how many consecutive years has its informatization-industrialization "
      "integration index been among the top in Zhejiang?"], "Five consecutive years"),
    (["how big is teh chip industy fund"], "24 bn RMB"),  # "teh" is "the"
    # a judgement asked for, and a whole year of which the documents give one quarter
    (["Is Yiwu's digital economy policy a good one, in your opinion?"], None),
    (["What were Yiwu's livestream retail sales for the whole of 2022?"], None),
    # what the documents say of a topic: the sentences naming it, in their order (were
    # "nothing about presence", refused, or one sentence of it)
    (["Tell me about SAP's presence in Yiwu."], "SAP, one of the world’s top 500 companies"),
    (["What's the story with chips in Yiwu?"], "industrial fund exceeding 24 bn RMB"),
    (["I'd like to know what's happening with the knitting industry there."],
     "Knitting Cloud"),
    (["Say something about Yiwu's photovoltaic sector."],
     "the largest information and optoelectronic industrial cluster in Zhejiang"),
    (["Tell me about Hangzhou"], None),
    # "the total of A and B" is their sum (was refused)
    (["What is the total of the smart factory key projects and the provincial demonstration "
      "programs in 2021?"], "38 together"),
    (["Besides Douyin, which other social networking platforms have industrial bases in "
      "Yiwu?"], "Kuaishou"),
    # a standing in words: "the largest … in Zhejiang" (was refused)
    (["Where does Yiwu's information and optoelectronic industrial cluster stand in Zhejiang?"],
     "The largest information and optoelectronic industrial cluster in Zhejiang — "),
    (["How big is the industrial fund Yiwu developed to attract chip firms?",
      "how was it set up?"], "equity investment institutions"),  # "it" done to: the fund
    (["How much money did live-stream shopping bring in for Yiwu from January to March 2022?"],
     "8.714 bn RMB"),
    # "how does X compare with other Zhejiang cities?": X's rank among them (was refused)
    (["How does Yiwu's comprehensive informatization development index compare with other "
      "Zhejiang cities and counties?"], "First among cities and counties in Zhejiang"),
    # "in which year?" after a figure: when it was given (was refused)
    (["How many companies and institutions were selected as provincial-level digital economy "
      "demonstration programs?", "in which year?"], "In 2021"),
    # "the platforms it launched": "it" launching is the city, not the measure just asked
    (["How many key smart factory and digital workshop projects did Yiwu develop in 2021, and "
      "what are the industrial online platforms it launched called?"], "Knitting Cloud"),
    # "the average (mean) of A and B": their mean, with both inputs (was refused, or one side
    # given as if it were the mean)
    (["What is the mean growth of e-commerce and livestream sales?"],
     "22.45% on average: growth of e-commerce volume (18.9% in 2021)"),
    (["What was the average of the digital economy output and the e-commerce volume?"],
     "208.2 bn RMB on average"),
    # standings asked yes or no: the most/highest "in Zhejiang", anyone ahead (the standing
    # in which it is beaten, if the documents give one; else "not" where it is first)
    (["Does Yiwu have the most 5G base stations in Zhejiang?"],
     "Yes: First among cities and counties in Zhejiang"),
    (["How many 5G base stations?", "Does any county have more?"],
     "No, not among cities and counties in Zhejiang: "),  # was the five shortlisted counties
    (["What rank did Yiwu get in the digital economy evaluation in Zhejiang?",
      "does any other city rank higher?"], "Yes: 16th in Zhejiang"),
    (["How many 5G base stations does Yiwu have?", "how does that compare within zhejiang?"],
     "First among cities and counties in Zhejiang"),
    # words run together that the documents write apart; other names of terms
    (["how many 5g basestations has yiwu got so far"], "3,692"),
    (["How much did livestream retail sales reach in Yiwu in Q1 2022?",
      "how many livestream sessions was that from?"], "105,000"),
    (["how big was yiwu's digital sector in 2021?"], "45 bn RMB"),  # was the 400m allocation
    # requests: "Spell out …", "Back out …"
    (["Spell out the development strategy Yiwu follows for its emerging industries."],
     "building large platforms"),
    (["Back out the 2020 e-commerce volume from the 2021 figure and its growth rate."],
     "About 312.4 bn RMB in 2020"),
    # comparisons found by the held-out sets
    (["Roughly how many times larger is the chip industrial fund than the government's 2021 "
      "allocation for digital transformation?"], "About 60 times"),
    (["Which number is bigger: Yiwu's 5G base stations or its Q1 2022 livestreaming selling "
      "activities?"], "Online livestreaming selling activities launched is bigger: 105,000"),
    (["What do the digital economy output and the strategic emerging industries' added value "
      "add up to?"], "61.4 bn RMB together"),  # was the added value alone
    (["By how many points did the strategic emerging industries outgrow livestream sales?"],
     "81.2 percentage points"),  # was the difference of the amounts
    (["In 2021, were there more smart factory projects or provincial digital economy "
      "demonstration programs, and by how many?"], "8 more"),
    (["What was the added value of the strategic emerging industries?",
      "which one was bigger, that or the digital economy output?"],
     "Digital economic output value is bigger"),  # "which one" read as "which wa"
    (["How fast did e-commerce grow in 2021?", "how does that compare to the livestreaming "
      "growth?"], "grew faster: 26.0% in the first quarter of 2022 against 18.9% in 2021"),
    # a figure written out in yuan, or in 亿元
    (["What was the digital economy output value of Yiwu?", "in yuan please"],
     "45,000,000,000 yuan"),
    (["How much did the municipal government allocate for digital transformation in 2021?",
      "write that out in yuan"], "More than 400,000,000 yuan"),
    (["What was the digital economy output in 亿元?"], "450亿元"),
    # a whole question after "and", its "its" the documents' subject (was the measure before
    # put inside the words of this one)
    (["How long has Yiwu been first among the top 100 e-commerce counties in China?",
      "and for how long has its informatization-industrialization integration index been "
      "among the top in Zhejiang?"], "Five consecutive years"),
    # "which number was it among …?" asks its ordinal; "what about X?" that cannot be asked
    # the way the question before was is asked of X itself (was refused)
    (["How many 5G base stations are there?", "what about the international dedicated "
      "Internet access?", "which number was it among county-level cities in China?"],
     "Second in county-level cities in China"),
    (["On how many traditional sectors is Yiwu focusing its smart upgrade push?"], "Ten"),
    (["Among digital economy output, strategic emerging industries, e-commerce and livestream "
      "sales, which grew the slowest?"], "18.9% — growth of e-commerce volume"),
    # "a record?", "unusually high compared with previous years?": yes where the sentence
    # calls it a record
    (["Was Yiwu's 2021 funding for digital transformation unusually high compared with "
      "previous years?"], "Yes: In 2021, the municipal government allocated more than 400m"),
    (["How much did the government allocate in 2021?", "Was that a lot compared with previous "
      "years?"], "Yes: More than 400m RMB"),
    (["Was the e-commerce volume a record?"], "371.5 bn RMB"),  # not said: no "Yes"
    # a figure asked about by its value (were refused)
    (["For which year is the 371.5 billion figure?"], "In 2021: 371.5 bn RMB — e-commerce volume"),
    (["What period does the 8.714 billion RMB retail sales figure refer to?"],
     "In the first quarter of 2022: 8.714 bn RMB"),
    (["How many 5G base stations?", "What does the 104.81 figure refer to?"],
     "104.81 — comprehensive informatization development index"),
    # "…, in RMB?" is the unit the figures are in, not a figure to write out
    (["How much bigger was the e-commerce volume than the digital economy output, in RMB?"],
     "326.5 bn RMB more"),
    # Chinese: a claim's unit picks the figure; the thing counted must be one the documents
    # have words for (从业人员, employees: was the output value)
    (["义乌的5G基站数超过3000个了吗?"], "Yes: 3,692"),  # was the rank
    (["义乌数字经济从业人员有多少?"], None),
    (["义乌的产业基金规模超过多少亿?"], "24 bn RMB"),  # 超过 (exceed) counts nothing
    # yes or no: a sentence that says yes rather than a count that settles nothing; doubling
    # is a growth of 100%
    (["Was Yiwu shortlisted?"], "Yes: "),
    (["Did the added value of strategic emerging industries more than double?"],
     "Yes: 107.2%"),
    (["Did the digital economy output double in 2021?"], "No: 66.7%"),
    # held-out set D: claims, year pairs, scene-setting before a dash, other names of terms
    (["My colleague says it was 50 billion. What does the article say the output was?"],
     "No: 45 bn RMB"),  # was refused: "colleague" read as a measure word, 50 billion a count
    (["By what percentage did the value of Yiwu's e-commerce go up compared with the year "
      "before (2021 vs 2020)?"], "18.9%"),
    (["I'm comparing budgets across years for a report on Zhejiang counties. The article says "
      "2021 was a record — how much did the municipal government allocate for digital "
      "transformation in 2020?"], None),  # was 2021's allocation
    (["Which kinds of chip firms were drawn in by the industrial fund?"],
     "integrated circuit companies"),
    (["What's the size of the investment pot Yiwu used to lure chipmakers?"], "24 bn RMB"),
    (["In the overall digital economy assessment for 2021, what position did Yiwu take among "
      "the localities of Jinhua?"], "First in Jinhua — rank in the comprehensive evaluation"),
    (["About how many times the digital economy's growth rate was the growth rate of strategic "
      "emerging industries?"], "1.6 times"),
    (["Tell me about what Yiwu has done to attract chip companies.",
      "How big is that fund, in bn?"], "Exceeding 24 bn RMB"),  # "that fund": the fund
    (["How does Yiwu's index on the integration of informatization and industrialization rank "
      "in Zhejiang?"], "Among the top in Zhejiang for five consecutive years"),  # was the
    # other index's rank: a telling word ("integration") the label lacks, another has
    (["How does Yiwu's index on the integration of informatization and industrialization rank "
      "in Zhejiang?", "for how many years in a row?"], "Five consecutive years"),
    (["How do the main statistical data of Yiwu's e-commerce compare nationally?"],
     "First in China"),
    (["Besides livestreaming, what kind of experimental free trade zone is Yiwu speeding up?"],
     "pilot digital free trade zone"),  # was the livestreaming sentence
    (["What is the bandwidth of Yiwu's international dedicated internet access?"], None),
    (["yiwu total export value 2021"], None),  # was the strategic industries' sentence, for
    # its "added value": a sentence must say some of what is measured
    # "the second one" is the latter of the two figures given, and the gap asked leads
    (["What was e-commerce growth in 2021?", "And livestream retail growth in Q1 2022?",
      "How many percentage points higher is the second one?"], "7.1 percentage points: "),
]


@pytest.mark.integration
@pytest.mark.parametrize(("turns", "expected"),
                         SECOND_PROBE + THIRD_PROBE + FOURTH_PROBE + SIXTH_PROBE
                         + SEVENTH_PROBE + EIGHTH_PROBE)
def test_probed_conversations(real_engine, turns, expected):
    """The last answer holds ``expected``, grounded; None: it is refused."""
    ans = _run(real_engine, turns)
    if expected is None:
        assert ans["answered"] is False, ans["answer"]
    else:
        assert ans["answered"] and expected in ans["answer"], ans["answer"]
        assert_grounded(ans)


# Chinese questions the 4-bit e5 alone got wrong: a figure of similar meaning, or a figure
# for a measure the article never mentions. The English of their words decides now.
CHINESE_MEASURES = [
    ("直播电商零售额同比增长了多少？", "26.0%"),  # not the e-commerce growth, 18.9%
    ("义乌有多少家企业入选省级数字经济示范项目？", "15"),  # not "five counties"
    ("哪家公司在义乌建立了创新中心？", "SAP"),  # not "23 key projects"
    ("快手和抖音在义乌建立了什么？", "industrial bases"),
    ("义乌对几个传统产业进行了智能化改造？", "Ten"),  # 智能化 was taken for a person
    ("义乌的GDP是多少？", None),
    ("义乌有多少家医院？", None),
    ("义乌有多少个机场？", None),
    ("义乌的失业率是多少？", None),
    ("义乌的新能源汽车销量是多少？", None),  # not the e-commerce volume
    ("义乌的出口额是多少？", None),
    ("数字经济核心产业增加值是多少？", None),  # not the 400m RMB allocated to them
    ("战略性新兴产业增加值是多少？", "16.4 bn RMB"),
    ("义乌重点推进智能化改造的传统产业有几个?", "Ten"),  # 推进 (push on) qualifies nothing
    ("义乌的5G基站比去年多了多少？", None),  # a change on last year, of which the documents
    # give none for the stations (was their rank)
    ("电商交易额比去年增长了多少？", "18.9%"),
    ("义乌在金华排第几？", "two ranks in Jinhua: first"),  # its ranks there (was refused)
    ("义乌有多少家上市公司？", None),  # refused without naming 上市 (listed) a place, "Shang"
    ("义乌推动哪些传统产业进行智能化改造？", "including the jewelry and clothing industries"),
    # 哪些 asks which ones: was "Two — giant social networking platforms …", a count
]


@pytest.mark.integration
@pytest.mark.parametrize(("question", "expected"), CHINESE_MEASURES)
def test_a_chinese_question_is_matched_by_the_english_of_its_words(real_engine, question,
                                                                   expected):
    ans = real_engine.ask(question).public()
    if expected is None:
        assert ans["answered"] is False, ans["answer"]
        assert ans["answer"].startswith("The documents do not say")
    else:
        assert ans["answered"] and expected in ans["answer"], ans["answer"]
        assert_grounded(ans)


@pytest.fixture(scope="module")
def english_only_index(tmp_path_factory, corpus_dir):
    """The article built without multilingual vectors (`build --no-multilingual`)."""
    from bot.build import build
    from bot.embed import FakeEmbedder

    out = tmp_path_factory.mktemp("english-only") / "index"
    build(corpus_dir, out, embedder=FakeEmbedder(), multilingual=None)
    return out


def test_chinese_over_an_index_without_multilingual_vectors_is_refused_saying_why(
        english_only_index, corpus_dir):
    from bot.embed import FakeEmbedder
    from bot.engine import Engine

    engine = Engine.load(english_only_index, corpus_dir=corpus_dir, embedder=FakeEmbedder())
    reply = engine.ask("义乌建了多少个5G基站？")
    assert not reply.answered and reply.citations == [] and reply.figures == []
    assert "Chinese" in reply.answer and "--no-multilingual" in reply.answer
    assert "do not say" not in reply.answer  # the documents may well hold it
    assert engine.ask("How many 5G base stations has Yiwu built?").answered


def test_chinese_with_the_multilingual_encoder_switched_off_names_that_setting(
        fake_index_dir, corpus_dir):
    from bot.embed import FakeEmbedder
    from bot.engine import Engine

    engine = Engine.load(fake_index_dir, corpus_dir=corpus_dir, embedder=FakeEmbedder(),
                         multilingual=None)
    reply = engine.ask("义乌的数字经济产值是多少?")
    assert not reply.answered and "BOT_MULTILINGUAL=none" in reply.answer


def _every_turn() -> list[str]:
    turns = [t for path in [*DATA, SHARED_EVAL] for case in _cases(path) for t in case["turns"]]
    return list(dict.fromkeys(turns))


@BOTH_ENGINES
def test_a_chinese_question_in_traditional_characters_gets_the_simplified_ones_answer(
        request, which):
    """Hong Kong and Taiwan write 義烏 for 义乌: every Chinese question of the sets, in
    traditional characters, gets the answer of the simplified question."""
    import opencc

    engine = request.getfixturevalue(which)
    to_traditional = opencc.OpenCC("s2t")
    chinese = [q for q in _every_turn() if is_cjk(q)]
    changed = []
    for q in chinese:
        traditional = to_traditional.convert(q)
        if traditional == q:
            continue
        got = engine.ask(traditional).public()
        if {**got, "question": q} != engine.ask(q).public():
            changed.append((q, traditional))
    assert len(chinese) > 20
    assert changed == []


@BOTH_ENGINES
def test_white_space_and_full_width_forms_do_not_change_the_answer(request, which):
    """Typed with doubled spaces, a line break or full-width characters, a question reads as
    itself (this changed 24 of 222 answers before questions were normalised)."""
    engine = request.getfixturevalue(which)

    def spaced(q: str) -> str:
        if is_cjk(q):  # white space between Chinese characters means nothing
            return re.sub(r"(?<=[\u4e00-\u9fff])(?=[\u4e00-\u9fff])", " ", q)
        return "  " + q.replace(" ", "  ", 3).replace(" ", "\n", 1) + " \t"

    def wide(q: str) -> str:  # what a Chinese keyboard types for ASCII
        return q.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})

    changed = []
    for q in _every_turn():
        want = engine.ask(q).public()
        for variant in (spaced(q), wide(q)):
            got = engine.ask(variant).public()
            assert got["question"] == variant  # echoed as asked
            if {**got, "question": q} != want:
                changed.append((q, variant))
    assert len(_every_turn()) > 150
    assert changed == []


@BOTH_ENGINES
def test_a_question_typed_in_lower_case_or_capitals_gets_the_answer_of_its_twin(request, which):
    """Names are found by their capitals; typed in lower case, "jinhua's output" used to
    read as a question about Yiwu and got Yiwu's figure (11 of 222 questions changed), and
    in capitals every word read as a name (143 of 222 refused)."""
    engine = request.getfixturevalue(which)

    def gist(reply: dict) -> tuple:
        return (reply["answered"], [f["id"] for f in reply["figures"]][:1],
                [c["id"] for c in reply["citations"]][:1])

    for typed in (str.lower, str.upper):
        changed = [q for q in _every_turn()
                   if gist(engine.ask(typed(q)).public()) != gist(engine.ask(q).public())]
        assert changed == [], typed
    for q in ("what was jinhua's digital economy output?",
              "how many 5g base stations does hangzhou have?",
              "what is the digital economy output of shanghai?"):
        reply = engine.ask(q).public()
        assert reply["answered"] is False, (q, reply["answer"])
        assert reply["question"] == q  # echoed as typed
    assert "3,692" in engine.ask("how many 5g base stations has yiwu built?").answer
    assert "3,692" in engine.ask("How Many 5G Base Stations Has Yiwu Built?").answer
    assert engine.ask("WHAT WAS JINHUA'S DIGITAL ECONOMY OUTPUT?").answered is False


@BOTH_ENGINES
def test_a_question_asked_politely_gets_the_answer_of_the_bare_question(request, which):
    """"Could you tell me which grew faster, …?" lost its comparison, and "… what was Yiwu's
    export volume?" was answered with the e-commerce volume (11 of 198 English questions);
    "你知道义乌有多少人口吗？" got a count of districts."""
    engine = request.getfixturevalue(which)

    def gist(reply: dict) -> tuple:
        return (reply["answered"], [f["id"] for f in reply["figures"]][:1])

    wrappers = ("Could you tell me {}", "Please, {}", "Do you know {}", "{} please?")
    wrappers_zh = ("请问{}", "能告诉我{}", "我想知道{}", "你知道{}吗？")
    changed = []
    for q in _every_turn():
        want = gist(engine.ask(q).public())
        if is_cjk(q):
            polite_forms = [wrap.format(q.rstrip("？?") if wrap.endswith("吗？") else q)
                            for wrap in wrappers_zh]
        else:
            lowered = q[0].lower() + q[1:]
            polite_forms = [wrap.format(q.rstrip("?") if wrap.endswith("please?") else lowered)
                            for wrap in wrappers]
        changed += [p for p in polite_forms if gist(engine.ask(p).public()) != want]
    assert changed == []


@BOTH_ENGINES
def test_a_comparison_that_cannot_be_computed_is_refused_not_answered_with_a_sentence(
        request, which):
    engine = request.getfixturevalue(which)
    for q in ("What was the share of the digital economy in GDP?",
              "What share of GDP was the digital economy?",
              "How many times larger is the e-commerce volume than Yiwu's exports?"):
        reply = engine.ask(q).public()
        assert reply["answered"] is False, (q, reply["answer"])
        assert reply["answer"].startswith("The documents do not say")


@BOTH_ENGINES
def test_irregular_verbs_and_took_place_read_as_their_plain_forms(request, which):
    """"What did SAP build?" missed "SAP … has built" (no stemmer joins built to build), and
    "took place" read as a question about a rank ("first place")."""
    engine = request.getfixturevalue(which)
    sap = engine.ask("What did SAP build in Yiwu?").public()
    assert sap["answered"] is True and "innovation center" in sap["answer"]
    events = engine.ask("How many livestreaming activities took place in Q1 2022?").public()
    assert events["answered"] is True and events["answer"].startswith("105,000")


@pytest.mark.integration
def test_added_value_asked_in_chinese_gets_the_amount_not_its_growth(real_engine):
    """增加值 ("added value") was read as 增加 ("increase") and got 107.2% instead."""
    reply = real_engine.ask("战略性新兴产业增加值是多少？").public()
    assert reply["answered"] is True and reply["answer"].startswith("16.4 bn RMB"), reply


@BOTH_ENGINES
def test_a_name_inside_the_measure_is_not_another_place(request, which):
    """"Internet" in "dedicated Internet channel" is part of the measure; it used to be read
    as a place the corpus is not about, and the question was refused."""
    engine = request.getfixturevalue(which)
    reply = engine.ask("What was Yiwu's rank for opening a dedicated Internet channel?").public()
    assert reply["answered"] is True and reply["answer"].startswith("Second"), reply["answer"]
    assert engine.ask("What was Hangzhou's digital economy output?").answered is False


@pytest.mark.integration
def test_a_top_100_list_in_chinese_is_not_a_place(real_engine):
    """jieba's dictionary tags 百强县 ("top-100 county") as a place: it was romanised to
    "Baiqiang" and the question refused."""
    reply = real_engine.ask("义乌电子商务连续多少年位居全国电商百强县第一？").public()
    assert reply["answered"] is True and reply["answer"].startswith("Seven"), reply["answer"]
    assert real_engine.ask("杭州的数字经济产值是多少？").answered is False


@BOTH_ENGINES
def test_how_does_x_compare_with_y_is_computed(request, which):
    engine = request.getfixturevalue(which)
    reply = engine.ask("How does the e-commerce volume compare to the digital economic output "
                       "value?").public()
    assert reply["answered"] is True, reply["answer"]
    assert reply["answer"].startswith("E-commerce volume is larger: 371.5 bn RMB")
    assert any(f.get("computed") for f in reply["figures"])
    history: list[dict] = []
    for turn in ("What was the e-commerce volume in 2021?", "And the growth?",
                 "How does that compare with the digital economy's growth?"):
        answer = engine.ask(turn, history)
        history.append(answer.state)
    assert answer.answer.startswith("Digital economic output value grew faster: 66.7%")


@pytest.mark.parametrize(("question", "named"), [
    ("How many hospitals are in Yiwu?", "nothing about hospitals."),
    ("How many more hospitals than schools are there in Yiwu?",
     "nothing about hospitals, schools."),
    ("Tell me about quantum chromodynamics", "nothing about quantum chromodynamics."),
    ("lorem ipsum dolor sit amet", "nothing about lorem ipsum dolor sit amet."),
])
def test_a_refusal_names_what_is_missing_not_the_whole_question(fake_engine, question, named):
    """It read "nothing about How many hospitals are in Yiwu?." before."""
    ans = _run(fake_engine, [question])
    assert ans["answered"] is False and named in ans["answer"], ans["answer"]


def test_a_refusal_about_a_name_the_documents_mention_does_not_deny_knowing_it(fake_engine):
    """It read "they hold nothing about Kuaishou" though the article names Kuaishou."""
    ans = _run(fake_engine, ["How much did Kuaishou invest in Yiwu?"])
    assert ans["answered"] is False, ans["answer"]
    assert "they mention Kuaishou, but not that" in ans["answer"], ans["answer"]
    ans = _run(fake_engine, ["How many 5G base stations does Hangzhou have?"])
    assert "nothing about Hangzhou" in ans["answer"], ans["answer"]


def test_a_refusal_never_reads_the_whole_question_back(fake_engine):
    ans = fake_engine.ask("What is Yiwu known for?").public()
    assert ans["answered"] is False
    assert "What is Yiwu known for" not in ans["answer"]


@pytest.mark.integration
def test_a_common_word_jieba_tags_a_place_is_no_place(real_engine):
    ans = real_engine.ask("义乌有多少家上市公司？").public()
    assert ans["answered"] is False and "Shang" not in ans["answer"]


@pytest.mark.integration
def test_a_growth_the_documents_do_not_give_is_refused_naming_what_they_do_give(real_engine):
    ans = _run(real_engine, ["how many 5G base stations?", "and how much did it grow?"])
    assert ans["answered"] is False and ans["figures"] == []
    assert ans["answer"] == ("The documents do not say: they give the 5G base stations built, "
                             "but no growth rate for it.")
    ans = real_engine.ask("How much did the GDP grow?").public()  # GDP: never mentioned
    assert "nothing about GDP" in ans["answer"]


@pytest.mark.integration
def test_a_carried_period_that_gives_way_is_not_in_the_question_answered(real_engine):
    ans = _run(real_engine, ["Q1 2022 livestream sales", "and e-commerce volume?"])
    assert ans["answer"].startswith("371.5 bn RMB — e-commerce volume, in 2021")
    assert "2022" not in ans["resolved_question"]


@pytest.mark.parametrize("question", ["What can you tell me?", "help", "What can I ask?"])
def test_asked_what_can_be_asked_it_says_so_with_examples(fake_engine, question):
    ans = fake_engine.ask(question).public()
    assert ans["answered"] is False
    assert ans["answer"].startswith("Ask me about") and ans["suggestions"]


@pytest.mark.integration
def test_a_period_not_given_is_refused_naming_the_period_that_is_and_citing_it(real_engine):
    """"… for the whole of 2022?": the first quarter's figure is all there is; the refusal
    says so, and cites the sentence that gives it."""
    ans = _run(real_engine, ["What were Yiwu's livestream retail sales for the whole of 2022?"])
    assert ans["answered"] is False
    assert "for the first quarter of 2022 only, not for the period asked" in ans["answer"]
    first = ans["citations"][0]
    assert "8.714 bn RMB" in first["text"] and first["highlights"]



@pytest.mark.integration
def test_misspelt_words_of_a_question_about_the_document_are_put_right(real_engine):
    # "transalted", "artcle": words the story never uses, but questions about it do (was
    # refused as "nothing about transalted, artcle")
    ans = real_engine.ask("who transalted the artcle into english?").public()
    assert ans["answered"] and ans["answer"].startswith("Jin Haiqiong translated")
    assert ans["source"]["byline"].endswith("edited by Kendra Fiddler")
