"""Run the service: uvicorn with one or several worker processes, each loading the index.

Each worker builds its own app with ``bot.api:create_app`` and loads the index read-only in
a background thread, so that it answers ``/healthz`` at once. Workers share nothing but what
Redis holds: without ``BOT_REDIS_URL``, sessions and rate limits are per process, which is
fine for one worker and wrong for several.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
from typing import Any

from . import metrics
from .errors import BotError, ModelUnavailable
from .errors import NotReady as NotReady  # re-exported: it was defined here
from .logs import configure
from .settings import Settings

log = logging.getLogger("bot.server")


def load_in_background(state: Any) -> threading.Thread:
    """Load the engine ``state.settings`` describe in a daemon thread.

    On success ``state.engine`` is set; on failure ``state.engine_error`` holds a
    :class:`~bot.errors.BotError` whose message names the fix (``IndexInvalid``), and the
    service stays up to say so on ``/readyz`` and ``/ask``.
    """
    thread = threading.Thread(target=_load, args=(state,), name="index-loader", daemon=True)
    thread.start()
    return thread


def _load(state: Any) -> None:
    from .engine import Engine

    s: Settings = state.settings
    try:
        engine = Engine.load(s.index_dir, embedder=s.embedder, corpus_dir=s.corpus_dir,
                             multilingual=None if s.multilingual == "none" else s.multilingual)
    except BotError as e:
        state.engine_error = e
        log.error("the index was not loaded", extra={"code": e.code, "reason": str(e)})
        return
    except Exception as e:
        log.exception("the engine failed to load")
        state.engine_error = ModelUnavailable(
            f"the engine failed to load ({type(e).__name__}); see the server log")
        return
    # The first runs, before readiness (tens of ms), and the e5 graph and tokenizer (~0.5 s,
    # GIL-bound: made after readiness they held up the first questions, up to 165 ms).
    _warm(engine, ("en", "zh-encoder"))
    info = engine.info()
    metrics.set_index(info)
    state.engine = engine
    log.info("index loaded", extra={k: info.get(k) for k in ("index_version", "passages")})
    # The Chinese dictionaries (~0.6 s) after it: before, they would push cold start past 3 s.
    _warm(engine, ("zh",))


def _warm(engine: Any, languages: tuple[str, ...]) -> None:
    try:
        engine.warm(languages)
    except Exception:  # a failed warm-up only costs the first request its speed
        log.exception("warm-up failed")


def worker_environment(settings: Settings, workers: int) -> dict[str, str]:
    """The environment variables a worker needs.

    The settings travel as ``BOT_*`` variables, so a worker sees exactly the settings the
    command line chose. With several workers on a small machine each BLAS/OpenMP pool is
    pinned to one thread; otherwise N workers × N threads fight for the cores.
    """
    env = settings.env()
    if workers > 1:
        for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
            env[name] = os.environ.get(name, "1")
    return env


def serve(settings: Settings, host: str | None = None, port: int | None = None,
          workers: int | None = None) -> None:
    """Serve until interrupted on ``host``:``port`` with ``workers`` processes (defaults:
    the settings'). Uses uvloop and httptools; logs as JSON."""
    import uvicorn

    host = host or settings.host
    port = port or settings.port
    workers = workers or settings.workers
    settings = settings.model_copy(update={"host": host, "port": port, "workers": workers})
    configure(settings.log_level)
    if workers > 1 and not settings.redis_url:
        log.warning("%d workers without BOT_REDIS_URL: sessions and rate limits are kept per "
                    "process, so a follow-up sent to another worker starts a new session",
                    workers)
    os.environ.update(worker_environment(settings, workers))
    metrics_dir = None
    if workers > 1 and "PROMETHEUS_MULTIPROC_DIR" not in os.environ:
        # one /metrics for the whole server: each worker writes its samples here
        metrics_dir = tempfile.mkdtemp(prefix="bot-metrics-")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir
    try:
        uvicorn.run("bot.api:create_app", factory=True, host=host, port=port, workers=workers,
                    loop="uvloop", http="httptools", log_config=None, access_log=False,
                    # the app reads X-Forwarded-For itself, only if BOT_TRUST_PROXY_HEADERS
                    proxy_headers=False, server_header=False, timeout_graceful_shutdown=10)
    finally:
        if metrics_dir is not None:
            os.environ.pop("PROMETHEUS_MULTIPROC_DIR", None)
            shutil.rmtree(metrics_dir, ignore_errors=True)
