"""The API's one error shape, and the handlers that map every failure onto it.

Every error is ``{"error": {"code", "message", "request_id"}}``: domain errors
(:class:`~bot.errors.BotError`) get the status ``_STATUS`` names, Starlette's HTTP errors and
FastAPI's validation errors are reworded, and no input, however malformed, gets a 500.
``install(app)`` registers the handlers.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from .errors import (
    BotError,
    FeedbackNotFound,
    IndexInvalid,
    ModelUnavailable,
    NotReady,
    RateLimited,
    StoreUnavailable,
)
from .logs import REQUEST_ID

__all__ = ["SafeJSONResponse", "error_response", "error_responses", "install"]
log = logging.getLogger("bot.api")  # the name these records have always been logged under


class SafeJSONResponse(JSONResponse):
    """JSON that cannot fail on text: an unpaired surrogate becomes "?" instead of a 500."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, allow_nan=False,
                          separators=(",", ":")).encode("utf-8", "replace")


class ErrorDetail(BaseModel):
    code: str
    message: str
    request_id: str | None = None


class ErrorResponse(BaseModel):
    error: ErrorDetail


def error_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` documenting the error shape for each status in ``codes``."""
    return {code: {"model": ErrorResponse} for code in codes}


def error_response(status: int, code: str, message: str,
                   headers: dict[str, str] | None = None, **extra: Any) -> SafeJSONResponse:
    """The one error shape: ``{"error": {"code", "message", "request_id", **extra}}``."""
    error: dict[str, Any] = {"code": code, "message": message, **extra}
    if rid := REQUEST_ID.get():
        error["request_id"] = rid
    return SafeJSONResponse({"error": error}, status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    """Register the handlers that turn domain, HTTP and validation errors into the shape."""
    app.add_exception_handler(BotError, _bot_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)


_STATUS: dict[type[BotError], int] = {
    RateLimited: 429, FeedbackNotFound: 404, NotReady: 503, StoreUnavailable: 503,
    IndexInvalid: 503, ModelUnavailable: 503,
}


async def _bot_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, BotError)
    status = next((s for kind, s in _STATUS.items() if isinstance(exc, kind)), 500)
    headers = {}
    if isinstance(exc, RateLimited):
        headers["Retry-After"] = str(exc.retry_after)
    elif isinstance(exc, NotReady | StoreUnavailable):
        headers["Retry-After"] = "5"
    if status == 500:
        log.error("unexpected domain error", exc_info=exc)
    return error_response(status, exc.code, str(exc), headers)


_HTTP_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed",
               413: "body_too_large", 415: "unsupported_media_type"}


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    code = _HTTP_CODES.get(exc.status_code, f"http_{exc.status_code}")
    message = str(exc.detail)
    if exc.status_code == 400 and message == "There was an error parsing the body":
        # FastAPI's words for a body that is not UTF-8, or JSON nested too deep to parse
        code, message = "malformed_json", "the request body is not valid UTF-8 JSON"
    elif exc.status_code == 404:
        message = f"no such route: {request.method} {request.url.path[:200]}"
    elif exc.status_code == 405:
        message = f"{request.method} is not allowed on {request.url.path[:200]}"
    return error_response(exc.status_code, code, message, dict(exc.headers or {}))


def _is_json(content_type: str | None) -> bool:
    kind = (content_type or "").split(";")[0].strip().lower()
    return kind == "application/json" or (kind.startswith("application/")
                                          and kind.endswith("+json"))


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    if not _is_json(request.headers.get("content-type")):
        return error_response(415, "unsupported_media_type",
                              "send the body as JSON with Content-Type: application/json")
    bad = next((e for e in errors if e.get("type") == "json_invalid"), None)
    if bad is not None:
        reason = (bad.get("ctx") or {}).get("error", "invalid JSON")
        return error_response(400, "malformed_json", f"the request body is not valid JSON: "
                                                     f"{reason} at position {bad['loc'][-1]}")
    if any(tuple(e.get("loc", ())) == ("body",) and e.get("type") == "missing" for e in errors):
        return error_response(400, "malformed_json", "the request body is empty; "
                                                     "send a JSON object")
    details = [_detail(e) for e in errors]
    message = "; ".join(f"{d['field']}: {d['message']}" for d in details)
    return error_response(422, "invalid_request", message, details=details)


def _detail(error: dict[str, Any]) -> dict[str, str]:
    loc = [str(p) for p in error.get("loc", ()) if p != "body"]
    field = ".".join(loc)[:100] or "body"
    if error.get("type") == "extra_forbidden":
        message = "unknown field"
    elif error.get("type") in ("model_attributes_type", "dict_type", "model_type"):
        message = "the request body must be a JSON object"
    else:
        message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
    return {"field": field, "message": message, "type": str(error.get("type", ""))}
