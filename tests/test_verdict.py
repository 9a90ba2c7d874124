"""Yes or no to a figure asked against a bound."""

import dataclasses

import pytest

from bot.models import Figure
from bot.verdict import affirmed, verdict

STATIONS = Figure(id="s", label="5G base stations built", value=3692, unit="count", text="3692")
VOLUME = Figure(id="v", label="e-commerce volume", value=371.5e9, unit="RMB", text="371.5 bn RMB")
GROWTH = Figure(id="g", label="growth of e-commerce volume", value=18.9, unit="%", text="18.9%")
FUND = Figure(id="f", label="industrial fund", value=24e9, unit="RMB", text="exceeding 24 bn RMB",
              qualifier="exceeding")


@pytest.mark.parametrize(("question", "figure", "said"), [
    ("Did Yiwu build more than 4000 5G base stations?", STATIONS, "No"),
    ("Has Yiwu built over three thousand 5G base stations?", STATIONS, "Yes"),
    ("Did e-commerce exceed 300 billion yuan in 2021?", VOLUME, "Yes"),
    ("Was the e-commerce volume above 400 bn RMB?", VOLUME, "No"),
    ("Was e-commerce growth less than 20%?", GROWTH, "Yes"),
    ("Did the volume reach 371.5 billion yuan?", VOLUME, "Yes"),  # reaching is at least
    ("Did the fund exceed 20 billion RMB?", FUND, "Yes"),
    # a comparative before the bound: "bigger than (about) 20 bn"
    ("Is the chip fund bigger than 20 bn yuan?", FUND, "Yes"),
    ("Is e-commerce volume larger than 400 billion yuan?", VOLUME, "No"),
    ("Was the volume higher than about 350 billion yuan?", VOLUME, "Yes"),
    ("Is e-commerce growth lower than 20%?", GROWTH, "Yes"),
    # the document's own bound cannot settle it: "exceeding 24 bn" may or may not pass 30 bn
    ("Did the fund exceed 30 billion RMB?", FUND, None),
    # a value claimed or asked outright: the same or not
    ("My colleague says the e-commerce volume was 400 billion RMB.", VOLUME, "No"),
    ("I heard Yiwu built 3692 5G base stations, is that right?", STATIONS, "Yes"),
    ("Was e-commerce growth 20%?", GROWTH, "No"),
    ("Is it true that the fund is 24 billion RMB?", FUND, None),  # "exceeding 24 bn": unsettled
    ("A source of mine says the fund is 20 billion yuan.", FUND, "No"),  # below its lower bound
    # a value claimed roughly: near enough, far off, or too close to call
    ("Is it true the volume came to roughly 370 billion yuan?", VOLUME, "Yes"),
    ("Is it true the volume came to roughly 300 billion yuan?", VOLUME, "No"),
    ("My editor says Yiwu has about 2,900 5G base stations. Can you confirm?", STATIONS, "No"),
    ("Is it true the volume was about 350 billion yuan?", VOLUME, None),  # 6% off
    # in Chinese: 对吗, a number asked with 吗, and 亿 without 元 in a question of RMB
    ("听说电商交易额有3000亿,对吗?", VOLUME, "No"),
    ("电商交易额是3715亿元吗？", VOLUME, "Yes"),
    # not yes/no, no bound, or another unit
    ("How many 5G base stations has Yiwu built?", STATIONS, None),
    ("Did Yiwu build 5G base stations?", STATIONS, None),
    ("Was e-commerce growth above 300 billion yuan?", GROWTH, None),
])
def test_a_figure_against_a_bound_is_yes_or_no(question, figure, said):
    assert verdict(question, figure) == said


@pytest.mark.parametrize(("question", "unit"), [
    ("I read Yiwu held about 105 livestream sessions in Q1 2022 — is that right?", "count"),
    ("My colleague says the volume was 400 billion RMB.", "RMB"),
    ("Was e-commerce growth 20%?", "%"),
    ("How many 5G base stations has Yiwu built?", None),  # no claim
])
def test_the_unit_a_claim_states(question, unit):
    from bot.verdict import claimed_unit

    assert claimed_unit(question) == unit


@pytest.mark.parametrize(("question", "figure", "said"), [
    ("Why did the e-commerce volume fall by 18.9%?", GROWTH, "No"),  # it grew by 18.9%
    ("Why did e-commerce grow 18.9% in 2021?", GROWTH, "Yes"),
    ("Why did Yiwu build 4,000 5G base stations?", STATIONS, "No"),
    ("Why did Yiwu build 5G base stations?", STATIONS, None),  # takes no value for granted
])
def test_a_value_a_question_takes_for_granted_is_checked_as_a_claim(question, figure, said):
    from bot.verdict import stated_unit

    assert verdict(question, figure) is None  # not a yes/no question, nor a claim
    assert verdict(question, figure, presumed=True) == said
    assert (stated_unit(question) is None) == (said is None)


@pytest.mark.parametrize(("question", "figure", "reversed_"), [
    ("What caused the 18.9% drop in e-commerce volume?", GROWTH, True),
    ("What led to the 20% decline in e-commerce?", GROWTH, True),  # a fall, whatever its size
    ("What drove the 18.9% increase in e-commerce?", GROWTH, False),
    ("How many 5G base stations, out of 4,000 planned?", STATIONS, False),  # not a change
])
def test_a_change_stated_the_other_way_round(question, figure, reversed_):
    from bot.verdict import reversed_change

    assert reversed_change(question, figure) is reversed_


RANK_16 = Figure(id="r", label="rank in the comprehensive evaluation of the digital economy",
                 value=16, unit="rank", text="16th", scope="Zhejiang")
FIRST = Figure(id="r1", label="rank of 5G base stations", value=1, unit="rank", text="first")


@pytest.mark.parametrize(("question", "figure", "said"), [
    ("Was Yiwu in the top ten in Zhejiang in the evaluation?", RANK_16, "No"),
    ("Did Yiwu make the top 20 in Zhejiang?", RANK_16, "Yes"),
    ("Is Yiwu a top-five city for 5G base stations?", FIRST, "Yes"),
    ("Did Yiwu rank first in Zhejiang in the evaluation?", RANK_16, "No"),
    ("Is Yiwu first in Zhejiang for 5G base stations?", FIRST, "Yes"),
    ("Was Yiwu ranked 16th in Zhejiang?", RANK_16, "Yes"),
    ("Is Yiwu the best in Zhejiang for 5G base stations?", FIRST, "Yes"),  # first there
    ("Was it the highest in Zhejiang in the evaluation?", RANK_16, "No"),
    ("Where did Yiwu rank in Zhejiang?", RANK_16, None),  # not yes or no
    ("Did Yiwu rank well in Zhejiang?", RANK_16, None),  # no rank to hold it against
    ("Does Yiwu have the most 5G base stations in Zhejiang?", FIRST, "Yes"),
    # anyone ahead? yes where it is not first; where it is, "not" there only
    ("Is any other county ahead of Yiwu in the evaluation?", RANK_16, "Yes"),
    ("Does any other county rank ahead in 5G base stations?", FIRST, "No"),
    ("Does any county have more 5G base stations?",
     dataclasses.replace(FIRST, scope="among cities and counties in Zhejiang"),
     "No, not among cities and counties in Zhejiang"),
    ("Does any county in Zhejiang have more 5G base stations?",
     dataclasses.replace(FIRST, scope="among cities and counties in Zhejiang"), "No"),
])
def test_a_rank_against_a_top_n_or_a_rank_claimed(question, figure, said):
    assert verdict(question, figure) == said


GROWTH = Figure(id="g", label="growth of added value", value=107.2, unit="%", text="107.2%")


@pytest.mark.parametrize(("question", "said"), [
    ("Did the added value more than double?", "Yes"),
    ("Did the added value triple?", "No"),
    ("Has it doubled?", "Yes"),
])
def test_doubling_is_a_growth_of_100_percent(question, said):
    assert verdict(question, GROWTH) == said


@pytest.mark.parametrize(("question", "sentence", "said"), [
    ("Did SAP build an innovation center in Yiwu?",
     "SAP, one of the world's top 500 companies, has built an innovation center in Yiwu.", True),
    # a word the sentence does not say, a negation, two alternatives, not yes/no
    ("Did SAP close its innovation center in Yiwu?",
     "SAP, one of the world's top 500 companies, has built an innovation center in Yiwu.", False),
    ("Did SAP build an innovation center in Yiwu?",
     "SAP has not built an innovation center in Yiwu.", False),
    ("Did SAP or Kuaishou build an innovation center in Yiwu?",
     "SAP and Kuaishou built an innovation center in Yiwu.", False),
    ("Which company built an innovation center in Yiwu?",
     "SAP has built an innovation center in Yiwu.", False),
])
def test_a_sentence_says_yes_only_when_it_states_every_word_asked(question, sentence, said):
    from bot.query import FRAME_WORDS
    from bot.text import tokens

    words = set(tokens(question)) - FRAME_WORDS
    assert affirmed(question, sentence, words, set(tokens(sentence))) is said
