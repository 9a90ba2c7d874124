"""Conversations: who asked what, so that a follow-up reaches the engine with its history.

A session id is ``secrets.token_urlsafe(24)`` (192 random bits) and is the only key to a
conversation. An id that is unknown, expired or not of that exact form starts a new session
with a new id, so a client can neither guess its way into another conversation nor choose
the id of its own. Turns are kept in process (:class:`MemorySessionStore`) or, when several
workers must share them, in Redis (:class:`RedisSessionStore`).
"""

from __future__ import annotations

import json
import re
import secrets
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Protocol, TypedDict

from .engine import Engine, Reply
from .errors import StoreUnavailable
from .settings import Settings
from .text import normalise_question

_SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{32}$")


class Turn(TypedDict):
    turn: int
    question: str
    resolved_question: str
    answered: bool
    state: dict[str, Any]


def new_session_id() -> str:
    """A fresh unguessable id: 24 random bytes, URL-safe base64 (32 characters)."""
    return secrets.token_urlsafe(24)


def is_session_id(value: object) -> bool:
    """True if ``value`` has the exact form of an id this service hands out."""
    return isinstance(value, str) and _SESSION_ID.match(value) is not None


class SessionStore(Protocol):
    """Where turns live. Implementations are safe to call from many threads."""

    def history(self, session_id: str) -> list[Turn] | None:
        """The session's remembered turns, oldest first; None if it is unknown or expired."""
        ...

    def append(self, session_id: str, record: dict[str, Any]) -> int:
        """Add one turn (all :class:`Turn` fields but ``turn``), creating the session if
        needed, renew its time to live, and return the turn's number (1, 2, …).
        Concurrent appends to one session get distinct numbers and none is lost."""
        ...

    def close(self) -> None: ...


@dataclass
class _Session:
    turns: deque[str]
    expires: float
    last_turn: int = 0


class MemorySessionStore:
    """Sessions in this process: expire after ``ttl`` idle seconds; beyond ``max_sessions``
    the least recently used is dropped; each keeps its last ``max_turns`` turns."""

    def __init__(self, ttl: float, max_sessions: int, max_turns: int,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl, self.max_sessions, self.max_turns, self.clock = (ttl, max_sessions,
                                                                    max_turns, clock)
        self._sessions: OrderedDict[str, _Session] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._sessions)

    def history(self, session_id: str) -> list[Turn] | None:
        with self._lock:
            self._purge(self.clock())
            session = self._sessions.get(session_id)
            # stored as JSON so that callers get copies, exactly as from Redis
            return None if session is None else [json.loads(t) for t in session.turns]

    def append(self, session_id: str, record: dict[str, Any]) -> int:
        with self._lock:
            now = self.clock()
            self._purge(now)
            session = self._sessions.get(session_id)
            if session is None:
                while len(self._sessions) >= self.max_sessions:
                    self._sessions.popitem(last=False)
                session = self._sessions[session_id] = _Session(deque(maxlen=self.max_turns), 0)
            session.last_turn += 1
            session.turns.append(json.dumps({"turn": session.last_turn, **record}))
            session.expires = now + self.ttl
            self._sessions.move_to_end(session_id)
            return session.last_turn

    def _purge(self, now: float) -> None:
        # ordered by last use, so the expired ones are at the front
        while self._sessions:
            oldest = next(iter(self._sessions.values()))
            if oldest.expires > now:
                break
            self._sessions.popitem(last=False)

    def close(self) -> None:
        pass


# Numbers the turn and appends it in one step, so two workers never lose a turn. The record
# arrives as JSON without its opening brace; the turn number is spliced in front of it.
_APPEND = """
local n = redis.call('INCR', KEYS[2])
redis.call('RPUSH', KEYS[1], '{"turn":' .. n .. ',' .. ARGV[1])
redis.call('LTRIM', KEYS[1], -tonumber(ARGV[3]), -1)
redis.call('EXPIRE', KEYS[1], ARGV[2])
redis.call('EXPIRE', KEYS[2], ARGV[2])
return n
"""


class RedisSessionStore:
    """Sessions in Redis, shared by every worker: a list of turns and a turn counter per
    session, both expiring ``ttl`` seconds after the last question."""

    def __init__(self, client: Any, ttl: int, max_turns: int, prefix: str = "bot:session:"):
        self.client, self.ttl, self.max_turns, self.prefix = client, ttl, max_turns, prefix
        self._append = client.register_script(_APPEND)

    def _keys(self, session_id: str) -> list[str]:
        base = f"{self.prefix}{{{session_id}}}"  # one hash slot per session on a cluster
        return [base + ":turns", base + ":n"]

    def history(self, session_id: str) -> list[Turn] | None:
        turns_key, n_key = self._keys(session_id)
        try:
            pipe = self.client.pipeline(transaction=True)
            pipe.get(n_key).lrange(turns_key, 0, -1)
            last, turns = pipe.execute()
        except Exception as e:
            _raise_unavailable(e)
            raise
        return None if last is None else [json.loads(t) for t in turns]

    def append(self, session_id: str, record: dict[str, Any]) -> int:
        body = json.dumps(record)
        if not record or not body.startswith("{"):
            raise ValueError("a turn record must be a non-empty JSON object")
        try:
            return int(self._append(keys=self._keys(session_id),
                                    args=[body[1:], self.ttl, self.max_turns]))
        except Exception as e:
            _raise_unavailable(e)
            raise

    def close(self) -> None:
        self.client.close()


def _raise_unavailable(e: Exception) -> None:
    """Turn a Redis failure into :class:`StoreUnavailable`; other errors are the caller's."""
    import redis

    if isinstance(e, redis.RedisError):
        raise StoreUnavailable("the session store is unavailable; retry in a few seconds") from e


def connect_redis(url: str) -> Any:
    """A Redis client that fails fast (1 s) instead of hanging a request on a dead server."""
    import redis

    return redis.Redis.from_url(url, decode_responses=True, socket_timeout=1.0,
                                socket_connect_timeout=1.0, health_check_interval=30)


@dataclass
class Exchange:
    """One question asked in a session: the engine's reply, the session id and turn number."""

    reply: Reply
    session_id: str
    turn: int


@dataclass
class Conversations:
    """Asks the engine with the session's history and records the turn.

    First questions (no history) are answered from an LRU cache of ``cache_size`` replies,
    keyed by the index version, the normalised question (the engine reads no more than that,
    see :func:`bot.text.normalise_question`) and ``top_k``.
    """

    store: SessionStore
    cache_size: int = 0
    _cache: OrderedDict[tuple[str, str, int], Reply] = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def ask(self, engine: Engine, session_id: str | None, question: str, top_k: int) -> Exchange:
        """Answer ``question`` in session ``session_id`` (or a new one if it is None, unknown,
        expired or malformed) and return the reply with the session id and turn number."""
        turns = self.store.history(session_id) if is_session_id(session_id) else None
        sid = session_id if turns is not None and session_id else new_session_id()
        reply = self._answer(engine, question, [t["state"] for t in turns or []], top_k)
        if reply.question != question:  # the contract echoes the question as asked
            reply = replace(reply, question=question)
        turn = self.store.append(sid, {
            "question": reply.question, "resolved_question": reply.resolved_question,
            "answered": reply.answered, "state": reply.state,
        })
        return Exchange(reply, sid, turn)

    def _answer(self, engine: Engine, question: str, history: list[dict[str, Any]],
                top_k: int) -> Reply:
        if history or self.cache_size <= 0:
            return engine.ask(question, history=history, top_k=top_k)
        key = (engine.version, normalise_question(question), top_k)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        reply = engine.ask(question, history=history, top_k=top_k)
        with self._lock:
            self._cache[key] = reply
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return reply


def make_store(settings: Settings, redis_client: Any | None = None) -> SessionStore:
    """The Redis store if a client is given, else the in-process one, sized by ``settings``."""
    if redis_client is not None:
        return RedisSessionStore(redis_client, settings.session_ttl_seconds,
                                 settings.max_history_turns)
    return MemorySessionStore(settings.session_ttl_seconds, settings.max_sessions,
                              settings.max_history_turns)
