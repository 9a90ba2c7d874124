"""A figure of the year before, worked back from a figure and its growth when asked to."""

import pytest

from bot import derive
from bot.models import Figure

VOLUME = Figure(id="v", label="e-commerce volume", value=371.5e9, unit="RMB",
                text="371.5 bn RMB", period="2021")
GROWTH = Figure(id="g", label="growth of e-commerce volume", value=18.9, unit="%",
                text="18.9%", period="2021", of="v")


@pytest.mark.parametrize(("question", "period", "kind", "earlier"), [
    ("Working back from the growth rate, what was the e-commerce volume in 2020?", "2020",
     "level", "2020"),
    ("What does the growth rate imply the output was in 2020?", "2020", "level", "2020"),
    ("Given the growth rate, what were livestream sales in Q1 2021?", "2021-Q1", "level",
     "2021-Q1"),
    ("In absolute terms, how much did e-commerce increase from 2020 to 2021?", "2021",
     "change", "2020"),
    # a change asked in money is the change since the year before
    ("By how many billion RMB did the output increase in 2021?", "2021", "change", "2020"),
    ("In billions, how much bigger was e-commerce in 2021 than in 2020?", "2021", "change",
     "2020"),
    ("How much did livestream sales grow in Q1 2022 in billion RMB?", "2022-Q1", "change",
     "2021-Q1"),
    ("How much did the added value rise in absolute terms, in bn RMB?", None, "change", None),
])
def test_asked_for_the_working(question, period, kind, earlier):
    assert derive.asked(question, period) == derive.Derivation(kind, earlier)


@pytest.mark.parametrize("question", [
    "What was the e-commerce volume in 2020?",  # not stated, and no working asked for
    "Working back from the growth rate, what was the e-commerce volume?",  # no year
    "How much did e-commerce grow in 2021?",  # a rate will do
    "How many more 5G base stations than industrial bases?",
])
def test_a_plain_question_for_another_year_asks_no_working(question):
    assert derive.asked(question, "2020") is None


def test_the_level_before_and_the_change_since():
    answer, fig, numbers = derive.work_out(derive.Derivation("level", "2020"), VOLUME, GROWTH)
    assert answer.startswith("About 312.4 bn RMB in 2020 (computed from 371.5 bn RMB in 2021")
    assert fig["computed"] and fig["value"] == pytest.approx(312.447e9, rel=1e-4)
    assert fig["inputs"] == ["v", "g"] and "312.4" in numbers
    answer, fig, _ = derive.work_out(derive.Derivation("change", "2020"), VOLUME, GROWTH)
    assert answer.startswith("About 59.1 bn RMB more than in 2020")
    assert fig["value"] == pytest.approx(59.05e9, rel=1e-3)


def test_the_measure_of_a_change_asked_in_money_keeps_its_words():
    assert derive.measure_words("In billions, how much bigger was Yiwu's e-commerce volume in "
                                "2021 than in 2020?") == "Yiwu's e-commerce volume"


@pytest.mark.parametrize(("question", "asked"), [
    ("一季度直播零售额比去年同期多了多少亿元?", True),
    ("2021年电商交易额比上年增加了多少亿元？", True),
    ("电商交易额同比增长多少？", False),  # the rate, which the documents state
    ("数字经济产值比去年多了多少？", False),  # no money named: the rate answers
])
def test_a_change_in_money_asked_in_chinese(question, asked):
    assert (derive.asked_zh(question) is not None) is asked
    if asked:
        assert "多少" not in derive.measure_words_zh(question)
