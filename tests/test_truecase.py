"""Lower-case names: the gazetteer and the rules that keep plain words plain."""

from __future__ import annotations

from bot.truecase import Truecaser, chinese_places, is_pinyin, shouting, written_names

ARTICLE = """Yiwu's Digital Economy in 2021

Digital Infrastructure Construction

In 2021, Yiwu ranked first in Jinhua and 16th in China. The General Office of the People's
Government of Zhejiang said so. Both Douyin and Kuaishou set up bases; people bought online.

Smart Office Tools
"""


def test_written_names_are_capitalised_inside_sentences_and_never_lower_case():
    names = written_names([ARTICLE])
    assert {"Jinhua", "China", "Zhejiang", "Douyin", "Kuaishou", "General"} <= names
    assert "People" not in names  # also written "people"
    assert "Smart" not in names and "Infrastructure" not in names  # headings only
    assert "In" not in names  # sentence starts


def test_pinyin_spellings_are_told_from_english_words():
    for word in ("jinhua", "Zhejiang", "china", "douyin", "kuaishou", "yiwu", "xian"):
        assert is_pinyin(word), word
    for word in ("people", "general", "office", "internet", "cloud", "party", ""):
        assert not is_pinyin(word), word


def test_chinese_places_are_romanised_and_leave_short_words_out():
    places = chinese_places()
    assert places["hangzhou"] == "Hangzhou" and places["shanghai"] == "Shanghai"
    assert places["wenzhou"] == "Wenzhou" and places["ningbo"] == "Ningbo"
    assert all(len(name) >= 5 for name in places)
    assert not {"age", "sue", "lima", "dean"} & set(places)


def test_only_questions_without_capitals_are_changed():
    truecase = Truecaser(lambda: [ARTICLE])
    assert truecase("what was jinhua's output?") == "what was Jinhua's output?"
    assert truecase("how many 5g stations in hangzhou and china?") == \
        "how many 5g stations in Hangzhou and China?"
    assert truecase("how many people work in the general office?") == \
        "how many people work in the general office?"  # not pinyin: plain words
    assert truecase("What was jinhua's output?") == "What was jinhua's output?"  # as typed
    assert truecase("义乌的产值是多少？") == "义乌的产值是多少？"


def test_capitals_that_say_nothing_about_names_are_told_apart():
    assert shouting("HOW MANY 5G BASE STATIONS?")
    assert shouting("How Many Base Stations Does Yiwu Have?")
    assert shouting("What Was The E-Commerce Volume In 2021?")
    assert shouting("How Did It Rank?")  # short, but every word capitalised
    assert not shouting("What was Jinhua's output?")
    assert not shouting("Who is Jack Ma?")  # a short question of names stays as typed
    assert not shouting("how many 5g stations?") and not shouting("5G?")
    truecase = Truecaser(lambda: [ARTICLE])
    assert truecase("WHAT WAS JINHUA'S OUTPUT?") == "what was Jinhua's output?"
    assert truecase("How Many Stations Does Hangzhou Have?") == \
        "how many stations does Hangzhou have?"
