"""Questions about the document itself: answered from its record, never from its story."""

import dataclasses

import pytest

from bot import about
from bot.models import Aside, Document

DOC = Document(id="d", title="Yiwu’s Digital Economy in 2021", text="Story.",
               published="2022-07-06",
               byline="By Ding Fenggang and Wang Ting, translated by Jin Haiqiong, edited by "
                      "Kendra Fiddler",
               asides=(Aside("credit", "(Diagrammed by Guo Jianzheng)"),))


@pytest.mark.parametrize(("question", "field"), [
    ("Who wrote the article?", "author"),
    ("who is the author", "author"),
    ("Written by whom?", "author"),
    ("文章的作者是谁？", "author"),
    ("And who translated it?", "translator"),
    ("Who edited this piece?", "editor"),
    ("who made the diagram?", "credit"),
    ("When was the article published?", "published"),
    ("What's the publication date?", "published"),
    ("这篇文章什么时候发布的？", "published"),
    ("What is the title of the article?", "title"),
    ("Can you give me a summary?", "summary"),
    # about a figure, not the whole document
    ("My colleague says the output was 50 billion RMB. What does the article say?", None),
    ("Give me a summary of the e-commerce figures", None),
    # questions about the story
    ("How many 5G base stations?", None),
    ("When was the blockchain + 5G system launched?", None),
    ("Who built an innovation center in Yiwu?", None),
    ("What does the chart show?", None),
    ("What does the translation industry earn?", None),
])
def test_what_is_asked_of_the_document(question, field):
    assert about.asked(question) == field


def test_credits_are_read_from_the_byline_and_the_credit_lines():
    assert about.credits(DOC) == {"author": "Ding Fenggang and Wang Ting",
                                  "translator": "Jin Haiqiong", "editor": "Kendra Fiddler",
                                  "credit": "Guo Jianzheng"}


def test_answers_name_who_and_when_and_carry_the_record():
    a = about.answer("author", DOC)
    assert a.answered and a.answer.startswith("Ding Fenggang and Wang Ting wrote")
    assert a.source["byline"] == DOC.byline and a.source["field"] == "author"
    a = about.answer("published", DOC)
    assert a.answered and a.answer.startswith("July 6, 2022:") and "2022-07-06" in a.answer


def test_a_record_without_the_field_is_a_plain_refusal():
    bare = dataclasses.replace(DOC, byline=None, published=None, asides=())
    for field in ("author", "translator", "published", "credit"):
        a = about.answer(field, bare)
        assert not a.answered and "does not say" in a.answer


def test_the_engine_answers_from_the_record_and_follow_ups_skip_that_turn(fake_engine):
    first = fake_engine.ask("How many 5G base stations?")
    who = fake_engine.ask("who wrote it?", [first.state])
    ans = who.public()
    assert ans["answered"] and "Ding Fenggang" in ans["answer"]
    assert ans["citations"] == [] and ans["figures"] == []
    assert ans["source"]["published"] == "2022-07-06"
    assert "source" not in first.public()
    # "they" is still the 5G base stations, not the authors
    rank = fake_engine.ask("and how did they rank?", [first.state, who.state])
    assert "5G base stations" in rank.resolved_question


def test_what_the_article_is_about_is_its_sections():
    a = about.answer("summary", dataclasses.replace(
        DOC, text="Intro.\n\nDeveloping Emerging Industries\n\nYiwu grew.",
        headings=((8, 38, "Developing Emerging Industries"),)))
    assert a.answered and a.answer == ("“Yiwu’s Digital Economy in 2021” covers developing "
                                       "emerging industries.")
    assert about.asked("What is this article about?") == "summary"
    assert about.asked("这篇文章讲了什么？") == "summary"


@pytest.mark.parametrize("said", ["hello", "Thanks!", "thank you so much", "你好", "ok"])
def test_a_greeting_is_met_with_what_can_be_asked_not_a_refusal(fake_engine, said):
    reply = fake_engine.ask(said).public()
    assert reply["answered"] is False and reply["intent"] == "small_talk"
    assert "do not say" not in reply["answer"] and "Ask me about" in reply["answer"]
    assert reply["suggestions"]


def test_a_greeting_with_a_question_is_the_question(fake_engine):
    assert fake_engine.ask("Hello, how many 5G base stations?").public()["answered"]
