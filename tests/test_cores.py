"""A question is alone on the machine only when no other is being answered, by any thread or
process (``bot.cores``)."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from bot.cores import InFlight

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def in_flight(tmp_path) -> InFlight:
    return InFlight(tmp_path / "questions.lock")


def alone_now(in_flight: InFlight) -> bool:
    with in_flight.alone() as alone:
        return alone


def in_thread(fn):
    """Run ``fn`` on a new thread (its own open lock file) and return its result."""
    out = []
    t = threading.Thread(target=lambda: out.append(fn()))
    t.start()
    t.join(10)
    return out[0]


def test_a_question_with_nothing_else_in_flight_is_alone(in_flight):
    assert alone_now(in_flight)
    with in_flight.question():
        assert alone_now(in_flight)  # its own question does not count against it
        assert alone_now(in_flight)  # nor after it has been alone once


def test_a_question_in_another_thread_means_not_alone(in_flight):
    entered, leave = threading.Event(), threading.Event()

    def other() -> None:
        with in_flight.question():
            entered.set()
            leave.wait(10)

    t = threading.Thread(target=other)
    t.start()
    assert entered.wait(10)
    try:
        assert not alone_now(in_flight)
        with in_flight.question():
            assert not alone_now(in_flight)
    finally:
        leave.set()
        t.join(10)
    assert alone_now(in_flight)


def test_a_question_stays_counted_after_it_was_alone(in_flight):
    with in_flight.question():
        assert alone_now(in_flight)
        assert not in_thread(lambda: alone_now(in_flight))
    assert in_thread(lambda: alone_now(in_flight))


def test_while_one_is_alone_no_other_is(in_flight):
    with in_flight.alone() as alone:
        assert alone
        assert not in_thread(lambda: alone_now(in_flight))
    assert in_thread(lambda: alone_now(in_flight))


def test_a_question_in_another_process_means_not_alone(in_flight):
    code = ("import sys\nfrom bot.cores import InFlight\n"
            f"f = InFlight({str(in_flight.path)!r})\n"
            "with f.question():\n    print('in', flush=True)\n    sys.stdin.readline()\n")
    child = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "in"
        assert not alone_now(in_flight)
    finally:
        child.communicate("\n", timeout=10)
    assert alone_now(in_flight)


def test_an_unusable_lock_file_means_never_alone_and_no_error(tmp_path):
    blocked = InFlight(tmp_path / "missing-dir" / "questions.lock")
    with blocked.question():
        assert not alone_now(blocked)
