"""Abbreviations in questions written out where the documents use the words (bot.abbreviations)."""

import pytest

from bot.abbreviations import expand
from bot.text import tokens

DOCUMENT_WORDS = set(tokens("integrated circuit fund e-commerce volume government artificial "
                            "intelligence internet things 5G base stations top 500 "
                            "traditional industries smart"))


def known(token: str) -> bool:
    return token in DOCUMENT_WORDS


@pytest.mark.parametrize(("question", "expanded"), [
    ("whats the IC fund size", "whats the integrated circuit fund size"),
    ("e-com growth %", "e-commerce growth %"),
    ("how many trad industries?", "how many traditional industries?"),
    ("how much did the gov put in?", "how much did the government put in?"),
    ("IoT in Yiwu?", "Internet of Things in Yiwu?"),
    # the documents never say "gross domestic product": "GDP" stays, and is refused by name
    ("What is Yiwu's GDP?", "What is Yiwu's GDP?"),
    # only the abbreviation as a word, in its own case where capitals make it one
    ("What is the ic fund?", "What is the ic fund?"),
    ("Which ICBC branch?", "Which ICBC branch?"),
    ("the e-commerce volume", "the e-commerce volume"),
])
def test_an_abbreviation_is_written_out_where_the_documents_use_its_words(question, expanded):
    assert expand(question, known) == expanded


@pytest.mark.parametrize(("question", "named"), [
    ("number of 5g masts in yiwu", "number of 5g base stations in yiwu"),
    ("How many fifth-generation mobile network masts?", "How many 5G base stations?"),
    ("cell sites put up so far?", "base stations put up so far?"),
    ("total value of online commerce transactions", "total value of e-commerce volume"),
    ("How much e-commerce business did Yiwu do?", "How much e-commerce volume did Yiwu do?"),
    ("Which Fortune Global 500 company?", "Which top 500 company?"),
    ("How many legacy industries?", "How many traditional industries?"),
    ("intelligent manufacturing clusters", "smart manufacturing clusters"),
    # not where the documents lack the words of the name ("livestream", "selling" here)
    ("How much did live commerce bring in?", "How much did live commerce bring in?"),
    # nor a word inside another, nor "intelligent" of anything else
    ("What is the mastery level?", "What is the mastery level?"),
    ("artificially intelligent robots", "artificially intelligent robots"),
])
def test_another_name_of_a_term_is_put_in_the_documents_words(question, named):
    assert expand(question, known) == named
