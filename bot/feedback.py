"""What users tell us: ratings of answers, and the questions the corpus could not answer.

Both go to one SQLite file (WAL, so several workers can write it). The question text is
stored here on purpose — it is what the report is for — but never written to the logs.
Session ids are stored only as SHA-256 hashes: the database must not hold live keys to
conversations.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from .errors import FeedbackNotFound
from .sessions import SessionStore, Turn, is_session_id

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    session_hash TEXT NOT NULL,
    turn INTEGER NOT NULL,
    rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    comment TEXT,
    question TEXT NOT NULL,
    resolved_question TEXT NOT NULL,
    answered INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (session_hash, turn)
);
CREATE TABLE IF NOT EXISTS unanswered (
    id INTEGER PRIMARY KEY,
    question TEXT NOT NULL,
    resolved_question TEXT NOT NULL,
    created_at TEXT NOT NULL
);
"""


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


class FeedbackStore:
    """The SQLite file at ``path``, opened on first use; one connection behind a lock."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=5.0, check_same_thread=False,
                                   isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.executescript(_SCHEMA)
            self._conn = conn
        return self._conn

    def _execute(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._db().execute(sql, params).fetchall()

    def record_feedback(self, session_id: str, turn: Turn, rating: str,
                        comment: str | None) -> None:
        """Store one rating; rating the same turn again replaces the earlier rating."""
        self._execute(
            "INSERT INTO feedback VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (session_hash, turn) DO UPDATE SET rating = excluded.rating, "
            "comment = excluded.comment, created_at = excluded.created_at",
            (_hash(session_id), turn["turn"], rating, comment, turn["question"],
             turn["resolved_question"], int(turn["answered"]), _now()))

    def record_unanswered(self, question: str, resolved_question: str) -> None:
        self._execute("INSERT INTO unanswered (question, resolved_question, created_at) "
                      "VALUES (?, ?, ?)", (question, resolved_question, _now()))

    def rating_counts(self) -> dict[str, int]:
        rows = self._execute("SELECT rating, COUNT(*) FROM feedback GROUP BY rating")
        return {"up": 0, "down": 0, **{r: n for r, n in rows}}

    def top_unanswered(self, limit: int = 20) -> list[tuple[str, int]]:
        """The most often asked unanswered questions (case and spacing ignored), with counts."""
        return [(q, n) for q, n in self._execute(
            "SELECT MIN(question), COUNT(*) AS n FROM unanswered "
            "GROUP BY LOWER(TRIM(resolved_question)) ORDER BY n DESC, MIN(id) LIMIT ?",
            (limit,))]

    def recent_down(self, limit: int = 10) -> list[tuple[str, str | None]]:
        return [(q, c) for q, c in self._execute(
            "SELECT question, comment FROM feedback WHERE rating = 'down' "
            "ORDER BY created_at DESC LIMIT ?", (limit,))]

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


def submit(sessions: SessionStore, store: FeedbackStore, session_id: str, turn: int,
           rating: str, comment: str | None) -> Turn:
    """Record a rating of turn ``turn`` of session ``session_id`` and return that turn.

    Raises :class:`FeedbackNotFound` if the session is unknown or expired, or if it has no
    such turn (or no longer remembers it).
    """
    turns = sessions.history(session_id) if is_session_id(session_id) else None
    if turns is None:
        raise FeedbackNotFound("session_not_found", "no such session (it may have expired)")
    found = next((t for t in turns if t["turn"] == turn), None)
    if found is None:
        raise FeedbackNotFound("turn_not_found", f"this session has no turn {turn}")
    store.record_feedback(session_id, found, rating, comment)
    return found


def report(settings: Any, limit: int = 20) -> str:
    """A plain-text report: rating counts, the most asked unanswered questions, and the
    latest down-rated answers. Reads ``settings.feedback_db``; never creates it."""
    path = Path(settings.feedback_db)
    if not path.exists():
        return f"No feedback yet: {path} does not exist.\n"
    store = FeedbackStore(path)
    try:
        counts = store.rating_counts()
        unanswered = store.top_unanswered(limit)
        down = store.recent_down()
    finally:
        store.close()
    total = counts["up"] + counts["down"]
    share = f" ({100 * counts['up'] / total:.0f}% up)" if total else ""
    lines = [f"Ratings: {counts['up']} up, {counts['down']} down{share}", "",
             "Most asked unanswered questions:"]
    lines += [f"  {n:5d}  {q}" for q, n in unanswered] or ["  (none)"]
    lines += ["", "Latest down-rated answers:"]
    lines += [f"  - {q}" + (f"  — {c}" if c else "") for q, c in down] or ["  (none)"]
    return "\n".join(lines) + "\n"
