"""The HTTP API of ``/work/shared/api.md``: parse a request, call one core function, map errors.

``create_app`` builds the app; the engine is injected (tests) or loaded in a background
thread at start-up, so ``/healthz`` answers at once and ``/readyz`` says 503 until the index
is loaded and its first answer given (or names the fix if it is invalid); a question that
arrives during the load waits up to :data:`LOAD_WAIT` seconds for it. ``bot.api_errors`` maps
every error to ``{"error": {"code", "message", "request_id"}}``; no input, however malformed,
gets a 500.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, Literal

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, field_validator
from starlette.concurrency import run_in_threadpool

from . import api_errors, metrics
from .api_errors import SafeJSONResponse, error_responses
from .cores import IN_FLIGHT
from .engine import Engine
from .errors import BotError, NotReady
from .feedback import FeedbackStore, submit
from .logs import RequestLogMiddleware, configure, question_fields
from .metrics import MetricsMiddleware
from .ratelimit import (
    BodySizeLimit,
    Limits,
    MemoryRateLimiter,
    OriginPolicy,
    RedisRateLimiter,
    security_headers,
)
from .ratelimit import client_ip as _client_ip
from .server import load_in_background
from .sessions import Conversations, connect_redis, is_session_id, make_store
from .settings import Settings, frame_ancestors, load_settings

__all__ = ["create_app", "frame_ancestors"]
log = logging.getLogger("bot.api")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0/C1 controls except \t and \n
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _clean(text: str, field: str, limit: int) -> str:
    if _SURROGATE.search(text):
        raise ValueError(f"{field} holds invalid characters (unpaired UTF-16 surrogates)")
    text = _CONTROL.sub("", text).strip()
    if len(text) > limit:
        raise ValueError(f"{field} must be at most {limit} characters, got {len(text)}")
    return text


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question: StrictStr = Field(description="1–1000 characters after trimming; any language.",
                                json_schema_extra={"minLength": 1, "maxLength": 1000,
                                                   "pattern": r"\S"})
    session_id: StrictStr | None = Field(None, description="The id a previous answer returned; "
                                                           "null, unknown or expired: a new one.")
    top_k: StrictInt = Field(3, ge=1, le=10, description="How many citations to return.")

    @field_validator("question")
    @classmethod
    def _question(cls, v: str) -> str:
        v = _clean(v, "question", 1000)
        if not v:
            raise ValueError("question must not be empty")
        return v


class FeedbackRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    session_id: StrictStr = Field(description="The session the rated answer belongs to.")
    turn: StrictInt = Field(ge=1, description="The rated answer's turn number.")
    rating: Literal["up", "down"]
    comment: StrictStr | None = Field(None, json_schema_extra={"maxLength": 2000})

    @field_validator("comment")
    @classmethod
    def _comment(cls, v: str | None) -> str | None:
        return None if v is None else (_clean(v, "comment", 2000) or None)


class Figure(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    label: str
    value: float | None
    unit: str
    text: str
    qualifier: str | None
    period: str | None
    date: str | None
    doc_id: str
    start: int
    end: int


class Citation(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    doc_id: str
    title: str
    url: str | None
    text: str
    start: int
    end: int
    highlights: list[tuple[int, int]]
    score: float


class DocumentRecord(BaseModel):
    """What an answer about a document itself (its authors, date, title) rests on, in place
    of a cited passage: the document's record as cleaning kept it."""

    model_config = ConfigDict(extra="allow")
    doc_id: str
    title: str
    url: str | None
    field: str  # author | translator | editor | credit | published | title
    byline: str | None
    published: str | None
    credits: list[str]


class AskResponse(BaseModel):
    model_config = ConfigDict(extra="allow")
    session_id: str
    turn: int
    question: str
    resolved_question: str
    answered: bool
    answer: str
    confidence: float
    figures: list[Figure]
    citations: list[Citation]
    suggestions: list[str] = []
    source: DocumentRecord | None = None  # only on answers about the document itself


router = APIRouter()
LOAD_WAIT = 10.0  # seconds a question waits for an index that is still loading
_POST_ERRORS = error_responses(400, 413, 415, 422, 429, 503)


@router.post("/ask", response_model=AskResponse, responses=_POST_ERRORS)
async def ask(body: AskRequest, request: Request) -> Response:
    """Answer a question, continuing the conversation ``session_id`` names."""
    state = request.app.state
    # Inline (see Settings.ask_inline) only once the index is loaded: the wait for a load in
    # progress, up to LOAD_WAIT, always happens in the thread pool, never on the event loop.
    if state.ask_inline and state.engine is not None:
        return _ask(body, request)
    return await run_in_threadpool(_ask, body, request)


def _ask(body: AskRequest, request: Request) -> Response:
    state = request.app.state
    sid = body.session_id if is_session_id(body.session_id) else None
    state.limits.check(_ip(request), sid)
    engine = _engine(request, wait=LOAD_WAIT)
    started = time.perf_counter()
    with IN_FLIGHT.question():  # while counted, no other question encodes on every core
        exchange = state.conversations.ask(engine, body.session_id, body.question, body.top_k)
    reply = exchange.reply
    metrics.count_answer(reply.answered)
    if not reply.answered:
        try:
            state.feedback.record_unanswered(reply.question, reply.resolved_question)
        except Exception:  # a full disk must not cost the user the answer
            log.warning("could not record an unanswered question", exc_info=True)
    log.info("asked", extra={"turn": exchange.turn, "answered": reply.answered,
                             "confidence": reply.public()["confidence"],
                             "engine_ms": round(1000 * (time.perf_counter() - started), 1),
                             **question_fields(body.question, state.settings.log_questions)})
    content = {"session_id": exchange.session_id, "turn": exchange.turn, **reply.public()}
    return SafeJSONResponse(content, headers={"Cache-Control": "no-store"})


@router.post("/feedback", responses=error_responses(400, 404, 413, 415, 422, 429, 503))
def feedback(body: FeedbackRequest, request: Request) -> dict[str, Any]:
    """Rate an answer ``up`` or ``down``; a session's later rating of a turn replaces it."""
    state = request.app.state
    state.limits.check(_ip(request))
    submit(state.conversations.store, state.feedback, body.session_id, body.turn,
           body.rating, body.comment)
    return {"recorded": True, "session_id": body.session_id, "turn": body.turn,
            "rating": body.rating}


@router.get("/healthz")
def healthz() -> dict[str, str]:
    """Liveness: the process answers. Says nothing about the index."""
    return {"status": "ok"}


@router.get("/readyz", responses=error_responses(503))
def readyz(request: Request) -> Response:
    """Readiness: 200 with the index's version, counts and models once it is loaded."""
    try:
        engine = _engine(request)
    except BotError as e:
        body = {"status": "loading" if isinstance(e, NotReady) else "unavailable",
                "error": {"code": e.code, "message": str(e)}}
        return SafeJSONResponse(body, status_code=503, headers={"Retry-After": "5"})
    sessions = "redis" if request.app.state.settings.redis_url else "memory"
    return SafeJSONResponse({"status": "ready", **engine.info(), "sessions": sessions})


@router.get("/api/figures", response_model=list[Figure], responses=error_responses(503))
def figures(request: Request) -> Response:
    """Every figure of the corpus, in document order."""
    return SafeJSONResponse(_engine(request, wait=LOAD_WAIT).figures())


@router.get("/metrics", include_in_schema=False)
def prometheus() -> Response:
    body, content_type = metrics.render()
    return Response(body, media_type=content_type)


def _ip(request: Request) -> str:
    peer = request.client.host if request.client else None
    return _client_ip(request.headers, peer, request.app.state.settings.trust_proxy_headers)


def _engine(request: Request, wait: float = 0.0) -> Engine:
    """The loaded engine. A request may ``wait`` that many seconds for a load in progress
    (a worker that is still warming up answers rather than turning a question away)."""
    state = request.app.state
    if state.engine is None and wait > 0 and state.loader is not None:
        state.loader.join(wait)
    if state.engine is None:
        raise state.engine_error or NotReady("the index is still loading; "
                                             "retry in a few seconds")
    return state.engine


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    if app.state.engine is None and app.state.engine_error is None:
        app.state.loader = load_in_background(app.state)
    try:
        yield
    finally:
        app.state.feedback.close()
        app.state.conversations.store.close()


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    """The ASGI app. ``settings`` default to the environment; ``engine`` to the index in
    ``settings.index_dir``, loaded in the background once the app starts.

    ``app.state`` carries ``settings``, ``engine`` (None until loaded) and ``get_engine``
    for the pages of ``bot.web``, which is included when it exists.
    """
    settings = settings or load_settings()
    configure(settings.log_level)
    redis_client = connect_redis(settings.redis_url) if settings.redis_url else None
    app = FastAPI(title="Yiwu Q&A", version="1", lifespan=_lifespan,
                  default_response_class=SafeJSONResponse,
                  description="Answers questions over the corpus with typed, cited figures.")
    app.state.settings = settings
    app.state.ask_inline = settings.answers_inline  # resolved once, not on every question
    app.state.engine = engine
    app.state.engine_error = None
    app.state.loader = None  # the thread loading the index, once the lifespan starts it
    app.state.get_engine = lambda: app.state.engine
    app.state.conversations = Conversations(make_store(settings, redis_client),
                                            settings.answer_cache_size)
    limiter = RedisRateLimiter(redis_client) if redis_client else MemoryRateLimiter()
    app.state.limits = Limits(limiter, settings.rate_limit_per_minute,
                              settings.session_rate_limit_per_minute)
    app.state.feedback = FeedbackStore(settings.feedback_db)
    if engine is not None:
        metrics.set_index(engine.info())
    app.include_router(router)
    try:
        from .web import router as web_router
    except ImportError:
        log.debug("bot.web is not available; serving the API only")
    else:
        app.include_router(web_router)
    api_errors.install(app)
    app.add_middleware(BodySizeLimit)
    app.add_middleware(OriginPolicy, allowed_origins=settings.allowed_origins)
    app.add_middleware(MetricsMiddleware)
    app.add_middleware(RequestLogMiddleware, default_headers=security_headers(settings))
    return app
