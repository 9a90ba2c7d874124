"""Questions over every figure of a kind (bot.listing)."""

import pytest

from bot import listing
from bot.models import Figure

GROWTHS = [
    Figure(id="g1", label="growth of e-commerce volume", value=18.9, unit="%", text="18.9%",
           of="v"),
    Figure(id="g2", label="growth of added value of strategic emerging industries", value=107.2,
           unit="%", text="107.2%", of="a"),
    Figure(id="g3", label="growth of digital economic output value", value=66.7, unit="%",
           text="66.7%", of="o"),
]
OTHERS = [
    Figure(id="v", label="e-commerce volume", value=371.5e9, unit="RMB", text="371.5 bn RMB"),
    Figure(id="o", label="digital economic output value", value=45e9, unit="RMB",
           text="45 bn RMB"),
    Figure(id="s", label="5G base stations built", value=3692, unit="count", text="3692"),
    Figure(id="r", label="rank of 5G base stations", value=1, unit="rank", text="first"),
    Figure(id="r16", label="rank in the evaluation", value=16, unit="rank", text="16th"),
    Figure(id="p", label="share", value=12.0, unit="%", text="12%"),  # a % that is no growth
]


@pytest.mark.parametrize(("question", "kind", "order"), [
    ("What was the biggest growth rate in the article?", "growth", "max"),
    ("Which grew the fastest?", "growth", "max"),
    ("What was the slowest growth rate?", "growth", "min"),
    ("Which figure is the largest amount?", "amount", "max"),
    ("Give me all the growth rates", "growth", None),
    ("List all the growth rates in the article", "growth", None),
    ("What are the amounts mentioned in the article?", "amount", None),
    ("In what does Yiwu rank first?", "first", None),
    ("What happened in Q1 2022?", "any", None),  # every figure of that period
])
def test_the_kind_of_figures_asked_over(question, kind, order):
    wanted = listing.asked(question)
    assert wanted is not None and (wanted.kind, wanted.order) == (kind, order)


@pytest.mark.parametrize("question", [
    "Which grew faster: e-commerce or livestream sales?",  # two sides: a comparison
    "Which grew the fastest, e-commerce or the digital economy?",
    "What was the growth rate of e-commerce?",  # one figure, named
    "How many 5G base stations?",
])
def test_questions_about_named_figures_are_not_listings(question):
    assert listing.asked(question) is None


def test_growth_rates_are_the_growth_figures_sorted_and_nothing_else():
    figures = GROWTHS + OTHERS
    top = listing.select(listing.Listing("growth", "max"), figures, {})
    assert [f.id for f in top] == ["g2", "g3", "g1"]  # the 12% share is no growth rate
    assert [f.id for f in listing.select(listing.Listing("growth", "min"), figures, {})][0] == "g1"
    assert [f.id for f in listing.select(listing.Listing("amount", "max"), figures, {})] == \
        ["v", "o"]
    assert [f.id for f in listing.select(listing.Listing("first", None), figures, {})] == ["r"]


def test_a_topic_keeps_the_figures_that_carry_its_words():
    wanted = listing.asked("What figures do you have about e-commerce?")
    assert wanted.topic == ("ecommerc",)
    words = {"v": {"ecommerc", "volum"}, "g1": {"growth", "ecommerc", "volum"}, "o": {"digit"}}
    assert {f.id for f in listing.select(wanted, GROWTHS + OTHERS, words)} == {"v", "g1"}


@pytest.mark.parametrize(("question", "kind", "order"), [
    ("文章里增长最快的是哪一项？", "growth", "max"),
    ("哪个指标增速最高？", "growth", "max"),
    ("金额最大的是哪一项？", "amount", "max"),
    ("列出所有的增长率", "growth", None),
])
def test_the_kind_asked_over_in_chinese(question, kind, order):
    wanted = listing.asked(question)
    assert wanted is not None and (wanted.kind, wanted.order) == (kind, order)


@pytest.mark.parametrize("question", [
    "Which city grew the fastest?",  # places, which no figure is
    "Which county has the highest growth rate in Zhejiang?",
    "浙江增速最快的城市是哪个？",
    "哪个增长更快：电商还是直播？",  # two sides: a comparison
])
def test_a_superlative_over_places_or_between_two_is_no_listing(question):
    assert listing.asked(question) is None


@pytest.mark.parametrize(("question", "topic", "period"), [
    ("What is the largest amount of e-commerce?", ("ecommerc",), None),
    ("What is the highest growth rate of GDP?", ("gdp",), None),  # no figure is: refused
    ("What was the largest amount invested by Alibaba?", ("invest", "alibaba"), None),
    ("Which grew the fastest in Q1 2022?", (), "2022-Q1"),
    ("List all the growth rates in 2021", (), "2021"),
    ("What was the fastest growth rate among the figures?", (), None),
])
def test_what_else_a_superlative_or_list_names_narrows_it(question, topic, period):
    wanted = listing.asked(question)
    assert (wanted.topic, wanted.period) == (topic, period)
