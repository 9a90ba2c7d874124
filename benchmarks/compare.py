"""The project's ``/ask`` against the quick-start baseline, then under concurrent load.

    .venv/bin/python benchmarks/compare.py [--requests 200] [--max-seconds 120]
                                            [--load-seconds 20] [--clients 16 50]
                                            [--workers 2 [--redis]] [--answer-cache]

1. Builds the real corpus index into ``--work`` (unless one is there; code snapshotted, see
   ``common.snapshot_code``), starts ``python -m bot serve`` (``--workers``, one by default;
   rate limits and the answer cache off so every request does the work; ``--answer-cache``
   keeps the cache; ``--redis`` keeps sessions in a redis-server started for the run, as a
   deployment of several workers must) and ``benchmarks/baseline.py`` on two loopback ports,
   and waits for both ``/readyz``. RSS is the peak of the largest server process (a worker).
2. **Interleaved, one client**: the dev questions (every turn as a standalone question), the
   same question to the project then to the baseline, until ``--requests`` each or
   ``--max-seconds``. p50/p99 for each, the ratio, and how many answers contain an accepted
   answer string (``answer_any`` of the dev set) — speed is only half of it.
3. **Concurrent clients** against the project's server only: for each of ``--clients``,
   that many threads each with its own keep-alive connection send questions for
   ``--load-seconds`` (and at most ``--max-requests-per-client`` each): throughput,
   p50/p99, and errors (non-200 statuses and failed connections, counted apart).

Loopback only; every loop is bounded by a count and a time. The client shares the 2 cores
with the servers, so absolute throughput is a floor.
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import common
from foundation import (
    ensure_index,
    free_port,
    server_env,
    start_server,
    stop_server,
    vm_hwm_mb,
    wait_ready,
)


def process_tree(pid: int) -> list[int]:
    """``pid`` and every process below it (uvicorn's workers are children of its supervisor)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        for task in Path(f"/proc/{p}/task").glob("*/children"):
            try:
                todo.extend(int(c) for c in task.read_text().split())
            except OSError:
                pass
    return out


def worker_rss_mb(pid: int) -> float | None:
    """Peak RSS of the largest process of the server: with one worker the server itself,
    with several the biggest worker (the supervisor is small)."""
    sizes = [m for p in process_tree(pid) if (m := vm_hwm_mb(p)) is not None]
    return max(sizes, default=None)


@contextmanager
def redis_server(enabled: bool) -> Iterator[str | None]:
    """A throw-away loopback ``redis-server`` (no persistence) while the block runs; its URL,
    or None when not ``enabled``."""
    if not enabled:
        yield None
        return
    import redis

    port = free_port()
    proc = subprocess.Popen([shutil.which("redis-server") or "/usr/bin/redis-server",
                             "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        client, deadline = redis.Redis.from_url(url), time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.05)
        client.close()
        yield url
    finally:
        proc.kill()
        proc.wait(timeout=10)


def load_questions() -> list[dict[str, Any]]:
    """Every turn of the dev set as a standalone question; the last turn keeps its answers."""
    out = []
    for line in common.DEV_SET.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        for i, q in enumerate(row["turns"]):
            last = i == len(row["turns"]) - 1
            out.append({"question": q, "kind": row["kind"],
                        "answer_any": row.get("answer_any") if last and len(row["turns"]) == 1
                        else None,
                        "abstain": bool(row.get("abstain")) and last})
    return out


def _norm(text: str) -> str:
    return re.sub(r"(?<=\d),(?=\d{3})", "", text.lower())


def correct(q: dict[str, Any], body: dict[str, Any] | None) -> bool | None:
    """Whether a single-turn answer passes the dev set's text check (None: not checked)."""
    if body is None:
        return False
    if q["abstain"]:
        return body.get("answered") is False
    if not q["answer_any"]:
        return None
    answer = _norm(str(body.get("answer", "")))
    return any(_norm(a) in answer for a in q["answer_any"])


class Client:
    """One keep-alive HTTP/1.1 connection to a loopback server."""

    def __init__(self, port: int, timeout: float = 30) -> None:
        self.port, self.timeout = port, timeout
        self.conn: http.client.HTTPConnection | None = None

    def post(self, path: str, body: dict) -> tuple[int, dict | None]:
        data = json.dumps(body).encode()
        for attempt in (0, 1):  # one reconnect if the server closed an idle connection
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port,
                                                       timeout=self.timeout)
            try:
                self.conn.request("POST", path, data, {"Content-Type": "application/json"})
                r = self.conn.getresponse()
                raw = r.read()
                try:
                    return r.status, json.loads(raw)
                except ValueError:
                    return r.status, None
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = None
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()


def interleaved(ports: dict[str, int], questions: list[dict[str, Any]], requests: int,
                max_seconds: float) -> dict[str, Any]:
    """One client, alternating servers question by question."""
    clients = {name: Client(port) for name, port in ports.items()}
    times: dict[str, list[float]] = {n: [] for n in ports}
    errors = {n: 0 for n in ports}
    right: dict[str, list[bool]] = {n: [] for n in ports}
    started = time.perf_counter()
    i = 0
    while i < requests and time.perf_counter() - started < max_seconds:
        q = questions[i % len(questions)]
        order = list(ports) if i % 2 == 0 else list(reversed(list(ports)))
        for name in order:
            t = time.perf_counter()
            try:
                status, body = clients[name].post("/ask", {"question": q["question"]})
            except OSError:
                status, body = 0, None
            times[name].append(time.perf_counter() - t)
            if status != 200:
                errors[name] += 1
            if i < len(questions):
                ok = correct(q, body if status == 200 else None)
                if ok is not None:
                    right[name].append(ok)
        i += 1
    for c in clients.values():
        c.close()
    return {"times": times, "errors": errors,
            "correct": {n: f"{sum(v)}/{len(v)}" for n, v in right.items()},
            "seconds": round(time.perf_counter() - started, 1)}


def load_test(port: int, questions: list[dict[str, Any]], clients: int, seconds: float,
              max_per_client: int) -> dict[str, Any]:
    """``clients`` threads, each a keep-alive connection, for at most ``seconds``."""
    lock = threading.Lock()
    times: list[float] = []
    statuses: dict[int, int] = {}
    failures: list[str] = []
    stop_at = time.perf_counter() + seconds

    def worker(k: int) -> None:
        client = Client(port, timeout=max(30.0, seconds))
        n = 0
        while n < max_per_client and time.perf_counter() < stop_at:
            q = questions[(k * 7 + n) % len(questions)]["question"]
            t = time.perf_counter()
            try:
                status, _ = client.post("/ask", {"question": q})
            except OSError as e:
                with lock:
                    failures.append(type(e).__name__)
                n += 1
                continue
            dt = time.perf_counter() - t
            with lock:
                statuses[status] = statuses.get(status, 0) + 1
                if status == 200:
                    times.append(dt)
            n += 1
        client.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(k,), daemon=True) for k in range(clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=seconds + 60)
    wall = time.perf_counter() - started
    ok = statuses.get(200, 0)
    return {"clients": clients, "seconds": round(wall, 1), "ok": ok,
            "throughput_rps": round(ok / wall, 1),
            "non_200": sum(v for k, v in statuses.items() if k != 200),
            "statuses": statuses, "connection_errors": len(failures),
            **{k: v for k, v in common.summary(times).items() if k != "n"}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--work", type=Path, default=Path("/tmp/bot-compare"))
    ap.add_argument("--requests", type=int, default=200, help="per server, interleaved")
    ap.add_argument("--max-seconds", type=float, default=180)
    ap.add_argument("--clients", type=int, nargs="*", default=[16, 50])
    ap.add_argument("--load-seconds", type=float, default=20)
    ap.add_argument("--max-requests-per-client", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=1, help="project server workers")
    ap.add_argument("--answer-cache", action="store_true",
                    help="leave the project's answer cache on (default: off)")
    ap.add_argument("--redis", action="store_true",
                    help="keep the project's sessions in a redis-server started for the run, "
                         "as several workers should")
    ap.add_argument("--rebuild", action="store_true")
    args = ap.parse_args()
    with redis_server(args.redis) as redis_url:
        run(args, redis_url)


def run(args: argparse.Namespace, redis_url: str | None) -> None:
    args.work.mkdir(parents=True, exist_ok=True)
    code_root = common.snapshot_code(args.work)
    index = args.work / "index" / "current"
    if args.rebuild:
        import shutil

        shutil.rmtree(index, ignore_errors=True)
    ensure_index(code_root, index)

    questions = load_questions()
    extra = {"BOT_WORKERS": str(args.workers)}
    if not args.answer_cache:
        extra["BOT_ANSWER_CACHE_SIZE"] = "0"
    if redis_url:
        extra["BOT_REDIS_URL"] = redis_url
    ports = {"project": free_port(), "baseline": free_port()}
    procs = {
        "project": start_server(code_root, ports["project"],
                                server_env(index, args.work, extra),
                                [sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1",
                                 "--port", str(ports["project"]), "--workers",
                                 str(args.workers)]),
        "baseline": start_server(code_root, ports["baseline"], server_env(index, args.work),
                                 [sys.executable, str(Path(__file__).with_name("baseline.py")),
                                  "--port", str(ports["baseline"])]),
    }
    results: dict[str, Any] = {"config": {"workers": args.workers,
                                          "answer_cache": args.answer_cache,
                                          "sessions": "redis" if redis_url else "memory",
                                          "questions": len(questions)}}
    try:
        for name, proc in procs.items():
            results.setdefault("ready_s", {})[name] = round(
                wait_ready(proc, f"http://127.0.0.1:{ports[name]}/readyz"), 2)
        print(f"ready: {results['ready_s']}", flush=True)
        one = interleaved(ports, questions, args.requests, args.max_seconds)
        rows = []
        for name in ports:
            rows.append({"server": name, **common.summary(one["times"][name]),
                         "errors": one["errors"][name], "dev_correct": one["correct"][name],
                         "rss_mb": worker_rss_mb(procs[name].pid)})
        p = {n: common.pct(one["times"][n], 50) for n in ports}
        q = {n: common.pct(one["times"][n], 99) for n in ports}
        rows.append({"server": "project/baseline", "p50_ms": round(p["project"] / p["baseline"], 3),
                     "p99_ms": round(q["project"] / q["baseline"], 3)})
        common.table(rows, ["server", "n", "p50_ms", "p90_ms", "p99_ms", "mean_ms", "errors",
                            "dev_correct", "rss_mb"],
                     title="one client, interleaved (ms; last row is the ratio)")
        results["interleaved"] = rows
        by_question = []
        for j, q in enumerate(questions):  # request i asked questions[i % len(questions)]
            row = {"question": q["question"][:60]}
            for name in ports:
                row[f"{name}_p50_ms"] = round(
                    1000 * common.pct(one["times"][name][j::len(questions)], 50), 2)
            by_question.append(row)
        common.table(by_question, ["question", *(f"{n}_p50_ms" for n in ports)],
                     title="p50 by question (ms)")
        results["by_question"] = by_question
        stop_server(procs["baseline"])  # the load test is the project's alone
        load = [load_test(ports["project"], questions, c, args.load_seconds,
                          args.max_requests_per_client) for c in args.clients]
        common.table(load, ["clients", "seconds", "ok", "throughput_rps", "p50_ms", "p90_ms",
                            "p99_ms", "non_200", "connection_errors"],
                     title="project server under concurrent clients")
        results["load"] = load
        results["project_rss_mb_after_load"] = worker_rss_mb(procs["project"].pid)
    finally:
        for proc in procs.values():
            stop_server(proc)
    common.write_results("compare", results)


if __name__ == "__main__":
    main()
