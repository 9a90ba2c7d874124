"""Load generator for a running service on this machine: N concurrent clients for D seconds.

    BOT_RATE_LIMIT_PER_MINUTE=0 python -m bot serve --workers 2 &
    .venv/bin/python benchmarks/load.py --url http://127.0.0.1:8000 --clients 16 --duration 30 \
        [--questions ../shared/eval/dev.jsonl] [--warmup 3] [--json out.json]

Each client plays conversations from a fixed mix — every case of the question set (multi-turn
cases continue their session, as a widget would) and a few questions the corpus cannot
answer — one after the other until time is up. Prints requests/s, p50/p90/p99/max latency
and error counts as a table; ``--json`` also writes them to a file. Only loopback targets
are accepted: this is a benchmark, not a tool to load someone else's server.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import socket
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SET = ROOT.parent / "shared" / "eval" / "dev.jsonl"
ABSTAIN = [
    ["What is the population of Yiwu?"],
    ["Who won the 2018 World Cup?"],
    ["How many airports does Jinhua have?"],
]
MAX_CLIENTS, MAX_DURATION = 256, 600


def is_loopback_url(url: str) -> bool:
    """True only for http(s) URLs whose host resolves to loopback addresses alone."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 80, proto=socket.IPPROTO_TCP)
    except socket.gaierror:
        return False
    return bool(infos) and all(ipaddress.ip_address(i[4][0].split("%")[0]).is_loopback
                               for i in infos)


def load_mix(path: Path) -> list[list[str]]:
    """The conversations to replay: each case's turns, then the abstain questions."""
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            turns = json.loads(line).get("turns") or []
            if turns:
                cases.append([str(t) for t in turns])
    return cases + ABSTAIN


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)  # seconds, successful requests
    statuses: Counter = field(default_factory=Counter)
    failures: Counter = field(default_factory=Counter)  # transport errors by type
    answered: int = 0


async def client_loop(http: httpx.AsyncClient, url: str, mix: list[list[str]], offset: int,
                      stop_at: float, record_from: float, stats: Stats) -> None:
    i = offset
    while time.monotonic() < stop_at:
        session_id = None
        for question in mix[i % len(mix)]:
            if time.monotonic() >= stop_at:
                return
            started = time.monotonic()
            try:
                r = await http.post(url, json={"question": question, "session_id": session_id})
            except httpx.HTTPError as e:
                if started >= record_from:
                    stats.failures[type(e).__name__] += 1
                break
            elapsed = time.monotonic() - started
            if started >= record_from:
                stats.statuses[r.status_code] += 1
                if r.status_code == 200:
                    stats.latencies.append(elapsed)
                    stats.answered += bool(r.json().get("answered"))
            if r.status_code != 200:
                break
            session_id = r.json().get("session_id")
        i += 1


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of an ascending list (0 if empty)."""
    if not sorted_values:
        return 0.0
    rank = max(1, round(p / 100 * len(sorted_values) + 0.4999))
    return sorted_values[min(rank, len(sorted_values)) - 1]


async def run(url: str, clients: int, duration: float, warmup: float,
              mix: list[list[str]], timeout: float) -> dict:
    stats = Stats()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=timeout, limits=limits) as http:
        start = time.monotonic()
        record_from, stop_at = start + warmup, start + warmup + duration
        await asyncio.gather(*(client_loop(http, url.rstrip("/") + "/ask", mix, n, stop_at,
                                           record_from, stats) for n in range(clients)))
    lat = sorted(stats.latencies)
    total = sum(stats.statuses.values()) + sum(stats.failures.values())
    errors = {str(k): v for k, v in sorted(stats.statuses.items()) if k != 200}
    errors.update(stats.failures)
    return {
        "url": url, "clients": clients, "duration_s": duration, "warmup_s": warmup,
        "requests": total, "ok": len(lat), "errors": errors,
        "requests_per_s": round(total / duration, 2),
        "ok_per_s": round(len(lat) / duration, 2),
        "answered_share": round(stats.answered / len(lat), 3) if lat else 0.0,
        "latency_ms": {name: round(1000 * percentile(lat, p), 1)
                       for name, p in (("p50", 50), ("p90", 90), ("p99", 99), ("max", 100))},
    }


def table(result: dict) -> str:
    lat = result["latency_ms"]
    rows = [
        ("target", result["url"]),
        ("clients × seconds", f"{result['clients']} × {result['duration_s']:g}"),
        ("requests (ok)", f"{result['requests']} ({result['ok']})"),
        ("requests/s", f"{result['requests_per_s']:.1f}"),
        ("latency p50 / p90 / p99 / max", f"{lat['p50']} / {lat['p90']} / {lat['p99']} / "
                                          f"{lat['max']} ms"),
        ("answered share", f"{100 * result['answered_share']:.0f}%"),
        ("errors", ", ".join(f"{k}: {v}" for k, v in result["errors"].items()) or "none"),
    ]
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k:<{width}}  {v}" for k, v in rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", default="http://127.0.0.1:8000")
    ap.add_argument("--clients", type=int, default=8, help=f"concurrent clients, 1–{MAX_CLIENTS}")
    ap.add_argument("--duration", type=float, default=20, help=f"seconds, 1–{MAX_DURATION}")
    ap.add_argument("--warmup", type=float, default=2, help="seconds not counted, up to 60")
    ap.add_argument("--questions", type=Path, default=DEFAULT_SET, help="a .jsonl question set")
    ap.add_argument("--timeout", type=float, default=30, help="per request, seconds")
    ap.add_argument("--json", type=Path, help="also write the result here")
    a = ap.parse_args(argv)
    if not 1 <= a.clients <= MAX_CLIENTS or not 1 <= a.duration <= MAX_DURATION \
            or not 0 <= a.warmup <= 60:
        ap.error(f"--clients must be 1–{MAX_CLIENTS}, --duration 1–{MAX_DURATION}, "
                 "--warmup 0–60")
    if not is_loopback_url(a.url):
        print(f"refusing {a.url}: only loopback targets (127.0.0.1, ::1, localhost)",
              file=sys.stderr)
        return 2
    try:
        httpx.get(a.url.rstrip("/") + "/readyz", timeout=5).raise_for_status()
    except httpx.HTTPError as e:
        print(f"the service at {a.url} is not ready: {e}", file=sys.stderr)
        return 2
    result = asyncio.run(run(a.url, a.clients, a.duration, a.warmup, load_mix(a.questions),
                             a.timeout))
    print(table(result))
    if "429" in result["errors"]:
        print("note: 429s mean the rate limit was hit; serve with BOT_RATE_LIMIT_PER_MINUTE=0",
              file=sys.stderr)
    if a.json:
        a.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
