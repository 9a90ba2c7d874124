"""Prometheus metrics: requests and latency by route, answers vs abstentions, index size.

With one worker the metrics live in this process. ``bot.server.serve`` with several workers
sets ``PROMETHEUS_MULTIPROC_DIR`` before they start, and :func:`render` then sums the
workers' files, so that one scrape of ``/metrics`` sees the whole server.
"""

from __future__ import annotations

import os
import time
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

REQUESTS = Counter("bot_http_requests_total", "HTTP requests by route template, method and status",
                   ["route", "method", "status"])
LATENCY = Histogram("bot_http_request_duration_seconds", "HTTP request latency by route template",
                    ["route", "method"],
                    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10))
ANSWERS = Counter("bot_answers_total", "Questions answered from the corpus vs abstained",
                  ["outcome"])
# Every worker loads the same index, so the largest value is the index's.
PASSAGES = Gauge("bot_index_passages", "Passages in the loaded index", multiprocess_mode="max")
FIGURES = Gauge("bot_index_figures", "Figures in the loaded index", multiprocess_mode="max")
DOCUMENTS = Gauge("bot_index_documents", "Documents in the loaded index",
                  multiprocess_mode="max")


def observe_request(route: str, method: str, status: int, seconds: float) -> None:
    """Count one finished request. ``route`` is the template (``/ask``), never the raw path."""
    REQUESTS.labels(route, method, str(status)).inc()
    LATENCY.labels(route, method).observe(seconds)


def count_answer(answered: bool) -> None:
    ANSWERS.labels("answered" if answered else "abstained").inc()


def set_index(info: dict[str, Any]) -> None:
    """Publish the loaded index's sizes (``Engine.info()``)."""
    PASSAGES.set(info.get("passages") or 0)
    FIGURES.set(info.get("figures") or 0)
    DOCUMENTS.set(info.get("documents") or 0)


def render() -> tuple[bytes, str]:
    """The exposition text and its content type, across workers in multiprocess mode."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


class MetricsMiddleware:
    """ASGI middleware: counts every HTTP request by route template, method and status."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status, t0 = 500, time.perf_counter()

        async def send_status(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            # the template, never the raw path: unknown paths must not create label values
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            observe_request(route, scope.get("method", ""), status, time.perf_counter() - t0)
