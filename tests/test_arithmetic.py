"""One figure worked with a number the question gives (bot.arithmetic)."""

import dataclasses
import re

import pytest

from bot import arithmetic
from bot.grounding import ungrounded
from bot.models import Figure

VOLUME = Figure(id="v", label="e-commerce volume", value=371.5e9, unit="RMB", text="371.5 bn RMB",
                period="2021")
INDEX = Figure(id="i", label="comprehensive informatization development index", value=104.81,
               unit="index", text="104.81")
SESSIONS = Figure(id="s", label="online livestreaming selling activities launched",
                  value=105000, unit="count", text="105,000", period="2022-Q1")
SALES = Figure(id="r", label="total retail sales volume of online livestreaming selling "
               "activities", value=8.714e9, unit="RMB", text="8.714 bn RMB", period="2022-Q1")
GROWTH = Figure(id="g", label="growth of e-commerce volume", value=18.9, unit="%", text="18.9%",
                period="2021")
ALLOCATED = Figure(id="a", label="amount allocated", value=400e6, unit="RMB",
                   text="more than 400m RMB", qualifier="more than")


@pytest.mark.parametrize(("question", "figure", "lead"), [
    ("Express Yiwu's 2021 e-commerce volume in trillions of RMB.", VOLUME, "0.3715 trillion RMB"),
    ("What was the e-commerce volume in millions of yuan?", VOLUME, "371,500 million RMB"),
    ("By how much does the informatization development index exceed 100?", INDEX,
     "4.81 above 100"),
    ("How far above 40 billion yuan was the e-commerce volume?", VOLUME,
     "331.5 bn RMB above 40 billion yuan"),
    ("How much short of 400 billion RMB was the e-commerce volume?", VOLUME,
     "28.5 bn RMB below 400 billion RMB"),
    ("By how many points did e-commerce growth exceed 10%?", GROWTH,
     "8.9 percentage points above 10%"),
    ("On average how many livestream sessions per day in Q1 2022, taking the quarter as 90 "
     "days?", SESSIONS, "About 1,166.7 a day"),
    ("If the Q1 2022 livestream sales pace held for all four quarters, what would the total "
     "be?", SALES, "About 34.856 bn RMB over four quarters"),
    ("What would Q1 2022 livestream retail sales be annualised?", SALES, "About 34.856 bn RMB"),
])
def test_the_working_asked_is_done_and_every_number_is_accounted_for(question, figure, lead):
    w = arithmetic.asked(question)
    assert w is not None and arithmetic.fits(w, figure)
    answer, fig, numbers = arithmetic.work_out(w, figure)
    assert answer.startswith(lead), answer
    assert "(computed" in answer and fig["computed"] and fig["inputs"] == [figure.id]
    # the figure's own text and period are in its cited sentence; the rest is computed or given
    assert not ungrounded(answer, [figure.text, figure.period or ""], numbers)
    # the computed figure says what it was computed from, the question's number included
    assert set(numbers) <= set(re.findall(r"\d[\d,]*(?:\.\d+)?", fig["text"]))


@pytest.mark.parametrize("question", [
    "What was Yiwu's total e-commerce volume for the full year 2022?",  # no projection asked
    "How many 5G base stations has Yiwu built?",
    "How much bigger was the e-commerce volume than the digital economy output?",
    "How far above 2020's level was the 2021 output?",  # a year, not a number to set against
    "How many livestream sessions were there per day?",  # no span given to divide by
])
def test_questions_that_ask_no_working(question):
    assert arithmetic.asked(question) is None


def test_a_working_that_would_be_a_guess_or_is_not_needed_is_not_done():
    # a bounded figure set against a number would be a guess ("more than 400m" less 300m)
    assert not arithmetic.fits(arithmetic.asked("how far above 300m RMB is the allocation?"),
                               ALLOCATED)
    # a year's figure is not a quarter's pace
    assert not arithmetic.fits(arithmetic.asked("if that pace held for all four quarters"),
                               VOLUME)
    # "in billions" of a figure written in billions: the figure itself answers
    assert arithmetic.own_scale(arithmetic.asked("the volume in billions of RMB"), VOLUME)


@pytest.mark.parametrize(("question", "words"), [
    ("By how much does Yiwu's informatization development index exceed 100?",
     "Yiwu's informatization development index"),
    ("Express Yiwu's 2021 e-commerce volume in trillions of RMB.", "Yiwu's 2021 e-commerce volume"),
])
def test_the_measure_is_the_question_less_its_working(question, words):
    assert arithmetic.measure_words(question).replace("  ", " ") == words


def test_a_bounded_figure_rewritten_in_another_scale_keeps_its_bound():
    # "more than 400m RMB" in yuan is "more than 400,000,000 yuan", not a precise amount
    w = arithmetic.asked("write the allocation out in yuan")
    assert arithmetic.fits(w, ALLOCATED)
    text, fig, numbers = arithmetic.work_out(w, ALLOCATED)
    assert text.startswith("More than 400,000,000 yuan:") and fig["value"] == 400_000_000
    assert arithmetic.work_out(arithmetic.asked("the allocation in 亿元"), ALLOCATED)[0] \
        .startswith("More than 4亿元")
    assert not arithmetic.fits(w, dataclasses.replace(ALLOCATED, unit="count", qualifier=None))
