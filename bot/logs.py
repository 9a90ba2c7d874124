"""Structured logs: one JSON object a line, each carrying the id of the request it belongs to.

Question text never reaches a log line unless ``BOT_LOG_QUESTIONS`` is on; callers pass
lengths and outcomes instead (see :func:`question_fields`).
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from contextvars import ContextVar
from typing import Any

REQUEST_ID: ContextVar[str | None] = ContextVar("request_id", default=None)
_SAFE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
# LogRecord attributes that are not ``extra=`` fields.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message", "asctime", "color_message"}  # uvicorn's copy of the message with ANSI colours


def request_id_from(header: str | None) -> str:
    """The client's ``X-Request-ID`` if it is short and plain, else a fresh random id.

    A client-chosen id is kept so that a portal can correlate its logs with ours; anything
    that could forge log structure (spaces, quotes, newlines, length) is replaced.
    """
    if header and _SAFE_ID.match(header):
        return header
    return uuid.uuid4().hex


class JsonFormatter(logging.Formatter):
    """Formats a record as JSON: time, level, logger, message, request id and ``extra`` fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        rid = getattr(record, "request_id", None) or REQUEST_ID.get()
        if rid:
            entry["request_id"] = rid
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in entry:
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=True, default=str)


_HANDLER_NAME = "bot-json"


def configure(level: str = "INFO") -> None:
    """Send every log record (ours, uvicorn's) to stderr as JSON at ``level``. Idempotent."""
    root = logging.getLogger()
    root.setLevel(level)
    if not any(h.get_name() == _HANDLER_NAME for h in root.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.set_name(_HANDLER_NAME)
        handler.setFormatter(JsonFormatter())
        root.addHandler(handler)
    for name in ("uvicorn", "uvicorn.error"):
        # uvicorn's own handlers would print plain text beside ours
        logging.getLogger(name).handlers.clear()
        logging.getLogger(name).propagate = True
    # our access line (bot.access) replaces uvicorn's, which would also log client addresses
    access = logging.getLogger("uvicorn.access")
    access.handlers.clear()
    access.propagate = False


def question_fields(question: str, log_questions: bool) -> dict[str, Any]:
    """What a log line may say about a question: its length, and its text only if allowed."""
    fields: dict[str, Any] = {"question_chars": len(question)}
    if log_questions:
        fields["question"] = question
    return fields


class RequestLogMiddleware:
    """ASGI middleware: gives each HTTP request an id, echoes it as ``X-Request-ID``, adds
    ``default_headers`` a response does not set itself, writes one access line, and turns an
    unhandled exception into a JSON 500 carrying the request id (logged with the traceback).
    """

    def __init__(self, app: Any, default_headers: dict[str, str] | None = None) -> None:
        self.app = app
        self.defaults = [(k.lower().encode(), v.encode())
                         for k, v in (default_headers or {}).items()]

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        header = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        rid = request_id_from(header)
        token = REQUEST_ID.set(rid)
        started, status, t0 = False, 500, time.perf_counter()

        async def send_with_headers(message: dict[str, Any]) -> None:
            nonlocal started, status
            if message["type"] == "http.response.start":
                started, status = True, message["status"]
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(n, v) for n, v in self.defaults if n not in present]
                headers.append((b"x-request-id", rid.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            log = logging.getLogger("bot.error")
            log.exception("unhandled error", extra={"request_id": rid, "path": scope.get("path")})
            if started:
                raise
            body = json.dumps({"error": {
                "code": "internal_error", "request_id": rid,
                "message": f"an internal error occurred; quote request id {rid} when reporting it",
            }}).encode()
            await send_with_headers({"type": "http.response.start", "status": 500, "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode())]})
            await send_with_headers({"type": "http.response.body", "body": body})
        finally:
            route = getattr(scope.get("route"), "path", None)
            level = logging.DEBUG if route in ("/healthz", "/readyz", "/metrics") else logging.INFO
            logging.getLogger("bot.access").log(level, "request", extra={
                "method": scope.get("method"), "route": route or "unmatched", "status": status,
                "duration_ms": round(1000 * (time.perf_counter() - t0), 1)})
            REQUEST_ID.reset(token)
