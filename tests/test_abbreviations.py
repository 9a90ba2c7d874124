"""Abbreviations in questions written out where the documents use the words (bot.abbreviations)."""

import pytest

from bot.abbreviations import expand
from bot.text import tokens

DOCUMENT_WORDS = set(tokens("integrated circuit fund e-commerce volume government artificial "
                            "intelligence internet things"))


def known(token: str) -> bool:
    return token in DOCUMENT_WORDS


@pytest.mark.parametrize(("question", "expanded"), [
    ("whats the IC fund size", "whats the integrated circuit fund size"),
    ("e-com growth %", "e-commerce growth %"),
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
