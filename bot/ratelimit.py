"""What a client may do: how often it may ask (per IP and per session), how much it may
send, and from which web origins a browser may call or frame the service.

Rates are counted in fixed one-minute windows, in this process or — when Redis is
configured — in Redis (``INCR`` + ``EXPIRE``), so that all workers share one count.
The body limit is a pure ASGI middleware: it refuses a body over the limit from its
``Content-Length`` at once, and counts the bytes of a streamed body as they arrive, so a
2 MB upload is never read into memory. Browsers may call the API (CORS) and frame
``/embed`` only from ``BOT_ALLOWED_ORIGINS``; no credentials are ever allowed.
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import RateLimited, StoreUnavailable
from .logs import REQUEST_ID

WINDOW = 60  # seconds
MAX_BODY_BYTES = 16 * 1024


class RateLimiter(Protocol):
    def hit(self, key: str, limit: int) -> int | None:
        """Count one request for ``key``; None if within ``limit`` per minute, else the
        seconds until the client may try again."""
        ...


def _window(now: float) -> tuple[int, int]:
    """The current window's number and the whole seconds left in it (at least 1)."""
    return int(now // WINDOW), max(1, math.ceil(WINDOW - now % WINDOW))


class MemoryRateLimiter:
    """Counts in this process; thread-safe. Old windows are dropped as time moves on."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self.clock = clock
        self._counts: dict[str, int] = {}
        self._current = -1
        self._lock = threading.Lock()

    def hit(self, key: str, limit: int) -> int | None:
        window, left = _window(self.clock())
        with self._lock:
            if window != self._current:
                self._counts.clear()
                self._current = window
            count = self._counts[key] = self._counts.get(key, 0) + 1
        return None if count <= limit else left


class RedisRateLimiter:
    """Counts in Redis, shared by every worker: one key per client and window."""

    def __init__(self, client: Any, prefix: str = "bot:rate:",
                 clock: Callable[[], float] = time.time) -> None:
        self.client, self.prefix, self.clock = client, prefix, clock

    def hit(self, key: str, limit: int) -> int | None:
        window, left = _window(self.clock())
        name = f"{self.prefix}{key}:{window}"
        try:
            pipe = self.client.pipeline(transaction=True)
            pipe.incr(name).expire(name, WINDOW + 1)
            count = pipe.execute()[0]
        except Exception as e:
            import redis

            if isinstance(e, redis.RedisError):
                raise StoreUnavailable("the rate limiter's store is unavailable; "
                                       "retry in a few seconds") from e
            raise
        return None if int(count) <= limit else left


class Limits:
    """The service's two rates: per client IP and per session (0 turns one off)."""

    def __init__(self, limiter: RateLimiter, per_ip: int, per_session: int) -> None:
        self.limiter, self.per_ip, self.per_session = limiter, per_ip, per_session

    def check(self, ip: str, session_id: str | None = None) -> None:
        """Count one request; raise :class:`RateLimited` if either rate is exceeded."""
        if self.per_ip and (wait := self.limiter.hit(f"ip:{ip}", self.per_ip)) is not None:
            raise RateLimited(f"too many requests from this address (limit {self.per_ip} per "
                              f"minute); retry in {wait} s", wait)
        if session_id and self.per_session:
            wait = self.limiter.hit(f"session:{session_id}", self.per_session)
            if wait is not None:
                raise RateLimited(f"too many questions in this conversation (limit "
                                  f"{self.per_session} per minute); retry in {wait} s", wait)


def client_ip(headers: Mapping[str, str], peer: str | None, trust_proxy: bool) -> str:
    """The address to count a request against.

    Behind a trusted reverse proxy the last ``X-Forwarded-For`` entry is the one that proxy
    wrote; earlier entries are whatever the client claimed, so they are never used.
    """
    if trust_proxy:
        forwarded = [p.strip() for p in headers.get("x-forwarded-for", "").split(",")]
        forwarded = [p for p in forwarded if p]
        if forwarded:
            return forwarded[-1][:64]
    return peer or "unknown"


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` when a body passes the limit; the app's handler makes it 413."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than {limit} bytes")


class BodySizeLimit:
    """ASGI middleware: 413 for HTTP bodies over ``max_bytes``, declared or streamed."""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.strip().isdigit() and int(declared) > self.max_bytes:
            await self._refuse(send)
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        async def watch_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, watch_send)
        except BodyTooLarge:
            # only reached if something read the body outside the app's exception handling
            if started:
                raise
            await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        body = _error_body("body_too_large",
                           f"the request body is larger than {self.max_bytes} bytes")
        await send({"type": "http.response.start", "status": 413, "headers": [
            (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
            (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


def _error_body(code: str, message: str) -> bytes:
    error = {"code": code, "message": message}
    if rid := REQUEST_ID.get():
        error["request_id"] = rid
    return json.dumps({"error": error}, separators=(",", ":")).encode()


class OriginPolicy(CORSMiddleware):
    """CORS for ``allowed_origins`` only, without credentials; a refused preflight is a 403
    in the API's JSON error shape instead of Starlette's plain-text 400."""

    def __init__(self, app: ASGIApp, allowed_origins: list[str]) -> None:
        super().__init__(app, allow_origins=allowed_origins, allow_credentials=False,
                         allow_methods=["GET", "POST"],
                         allow_headers=["Content-Type", "X-Request-ID"],
                         expose_headers=["X-Request-ID", "Retry-After"], max_age=600)

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code < 400:
            return response
        reason = bytes(response.body).decode()
        return Response(_error_body("cors_refused", f"{reason}; the allowed origins are set "
                                                    "by BOT_ALLOWED_ORIGINS"),
                        status_code=403, media_type="application/json")


def security_headers(settings: Any) -> dict[str, str]:
    """Headers for every response that does not set its own: no MIME sniffing, a modest
    referrer, and framing by this site and the allowed origins only."""
    from .settings import frame_ancestors

    return {"X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "strict-origin-when-cross-origin",
            "Content-Security-Policy": frame_ancestors(settings)}
