"""Session stores and conversations: expiry, the cap on sessions and on history, isolation,
and that the history a follow-up needs reaches the engine."""

from __future__ import annotations

import threading

import pytest

from bot.engine import Reply
from bot.sessions import (
    Conversations,
    MemorySessionStore,
    is_session_id,
    new_session_id,
)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def record(question: str = "q", **state) -> dict:
    return {"question": question, "resolved_question": question, "answered": True,
            "state": state or {"q": question}}


@pytest.fixture
def clock() -> Clock:
    return Clock()


def store(clock, ttl=60, max_sessions=100, max_turns=20) -> MemorySessionStore:
    return MemorySessionStore(ttl, max_sessions, max_turns, clock=clock)


def test_ids_are_unguessable_and_validated_by_form():
    ids = {new_session_id() for _ in range(1000)}
    assert len(ids) == 1000
    assert all(len(i) == 32 and is_session_id(i) for i in ids)  # 24 bytes = 192 bits
    for bad in (None, "", "a" * 31, "a" * 33, "a" * 31 + "/", "a" * 31 + "é", 123, ["a" * 32]):
        assert not is_session_id(bad)


def test_turns_are_numbered_and_history_is_oldest_first(clock):
    s = store(clock)
    assert s.history("x" * 32) is None
    assert s.append("x" * 32, record("one")) == 1
    assert s.append("x" * 32, record("two")) == 2
    history = s.history("x" * 32)
    assert [t["turn"] for t in history] == [1, 2]
    assert [t["question"] for t in history] == ["one", "two"]
    assert set(history[0]) == {"turn", "question", "resolved_question", "answered", "state"}


def test_a_session_expires_after_its_ttl_without_a_question(clock):
    s = store(clock, ttl=60)
    s.append("a" * 32, record())
    clock.now += 59
    assert s.history("a" * 32) is not None
    s.append("a" * 32, record())  # a question renews the time to live
    clock.now += 59
    assert len(s.history("a" * 32)) == 2
    clock.now += 2
    assert s.history("a" * 32) is None
    assert s.append("a" * 32, record()) == 1  # an expired session starts again at turn 1


def test_beyond_the_cap_the_least_recently_used_session_is_dropped(clock):
    s = store(clock, max_sessions=3)
    for name in "abc":
        s.append(name * 32, record())
        clock.now += 1
    s.append("a" * 32, record())  # a is now the most recently used
    s.append("d" * 32, record())
    assert s.history("b" * 32) is None
    assert all(s.history(n * 32) is not None for n in "acd")
    assert len(s) == 3


def test_history_keeps_the_last_turns_but_numbering_goes_on(clock):
    s = store(clock, max_turns=3)
    for i in range(1, 6):
        assert s.append("h" * 32, record(f"q{i}")) == i
    assert [t["turn"] for t in s.history("h" * 32)] == [3, 4, 5]


def test_history_is_a_copy(clock):
    s = store(clock)
    s.append("c" * 32, record(items=[1]))
    s.history("c" * 32)[0]["state"]["items"].append(2)
    assert s.history("c" * 32)[0]["state"]["items"] == [1]


def test_concurrent_appends_lose_no_turn(clock):
    s = store(clock, max_turns=1000)
    threads = [threading.Thread(target=lambda: [s.append("t" * 32, record())
                                                for _ in range(50)]) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [t["turn"] for t in s.history("t" * 32)] == list(range(1, 401))


class RecordingEngine:
    """Remembers the history each question arrived with."""

    def __init__(self, version: str = "v1") -> None:
        self.calls: list[tuple[str, list]] = []
        self.version = version

    def ask(self, question, history=(), top_k=3) -> Reply:
        self.calls.append((question, list(history)))
        return Reply(question=question, resolved_question=f"{question} [{len(history)}]",
                     answered=True, answer="a", confidence=1.0,
                     state={"asked": question, "top_k": top_k})


def test_conversations_pass_the_history_states_to_the_engine(clock):
    engine = RecordingEngine()
    talk = Conversations(store(clock))
    first = talk.ask(engine, None, "one", 3)
    second = talk.ask(engine, first.session_id, "two", 3)
    assert (first.turn, second.turn) == (1, 2)
    assert second.session_id == first.session_id
    assert engine.calls[1] == ("two", [{"asked": "one", "top_k": 3}])
    assert second.reply.resolved_question == "two [1]"


def test_a_foreign_or_guessed_id_never_continues_another_session(clock):
    engine = RecordingEngine()
    talk = Conversations(store(clock))
    owner = talk.ask(engine, None, "secret", 3).session_id
    for guess in (owner[:-1], owner[:-1] + ("x" if owner[-1] != "x" else "y"), owner.upper(),
                  owner + "=", new_session_id(), "../" + owner):
        if guess == owner:
            continue
        exchange = talk.ask(engine, guess, "what did they ask?", 3)
        assert exchange.turn == 1
        assert exchange.session_id not in (owner, guess)
        assert engine.calls[-1][1] == []  # no history leaked into the answer
    assert talk.ask(engine, owner, "again", 3).turn == 2


def test_first_questions_are_cached_follow_ups_are_not(clock):
    engine = RecordingEngine()
    talk = Conversations(store(clock), cache_size=2)
    a = talk.ask(engine, None, "same", 3)
    b = talk.ask(engine, None, "same", 3)
    assert len(engine.calls) == 1
    assert a.session_id != b.session_id and b.turn == 1
    talk.ask(engine, None, "same", 5)  # another top_k is another answer
    talk.ask(engine, b.session_id, "same", 3)  # a follow-up always reaches the engine
    assert len(engine.calls) == 3
    talk.ask(engine, None, "other", 3)
    talk.ask(engine, None, "third", 3)  # evicts ("same", 3), the least recently used
    talk.ask(engine, None, "same", 3)
    assert len(engine.calls) == 6


def test_the_cache_meets_questions_that_differ_only_in_white_space_not_across_indexes(clock):
    engine = RecordingEngine()
    talk = Conversations(store(clock), cache_size=8)
    first = talk.ask(engine, None, "How many 5G base stations?", 3)
    again = talk.ask(engine, None, "  How   many\t5G base\nstations? ", 3)
    assert len(engine.calls) == 1
    assert again.reply.question == "  How   many\t5G base\nstations? "  # echoed as asked
    assert again.reply.answer == first.reply.answer
    talk.ask(engine, None, "how many 5G base stations?", 3)  # case may matter to the engine
    assert len(engine.calls) == 2
    rebuilt = RecordingEngine(version="v2")  # a new index: nothing cached for it
    talk.ask(rebuilt, None, "How many 5G base stations?", 3)
    assert len(rebuilt.calls) == 1


def test_the_reply_echoes_the_question_as_asked(clock):
    class Rewriting(RecordingEngine):
        def ask(self, question, history=(), top_k=3):
            reply = super().ask(question, history, top_k)
            reply.question = "rewritten"
            return reply

    exchange = Conversations(store(clock)).ask(Rewriting(), None, "as asked", 3)
    assert exchange.reply.question == "as asked"
