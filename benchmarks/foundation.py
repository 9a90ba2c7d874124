"""Foundation: build time, cold start, query latency and memory on the real corpus.

    .venv/bin/python benchmarks/foundation.py [--work /tmp/bot-foundation] [--rounds 10]

1. **build**: ``bot.build.build`` of ``corpus/`` in a child process, exactly as
   ``python -m bot build`` does it (MiniLM + multilingual-e5 + BM25 + ONNX export and check):
   wall time, the manifest's ``build_seconds`` (before the ONNX export), the export's own
   seconds, and the child's peak RSS.
2. **cold start to ready**: ``python -m bot serve`` spawned and ``/readyz`` polled every 50 ms
   until it says 200, then one ``/ask``; peak RSS of the server process (VmHWM). Once with
   the default query encoder (ONNX, no torch) and once with ``BOT_EMBEDDER=minilm`` (torch),
   interleaved, ``--cold`` times each. Without the service layer it falls back to a child that
   runs ``Engine.load`` + one ``ask``; that child is measured always, as the floor.
3. **query latency in-process**: ``Engine.ask`` over the dev conversations
   (``/work/shared/eval/dev.jsonl``; a follow-up gets its conversation's earlier states),
   ``--rounds`` times, the ONNX engine and a torch engine interleaved question by question;
   and ``embed_query`` alone, ONNX vs torch, interleaved: p50/p99 and the ratio.

The code is snapshotted into the work directory first (see ``common.snapshot_code``) so edits
made to the tree while this runs cannot make the fresh index look stale.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import common

BUILD_CHILD = """
import json, time
from pathlib import Path
t = time.perf_counter()
from bot.build import build
built = build(Path({corpus!r}), Path({out!r}), reuse={reuse!r})
m = built.manifest
print(json.dumps({{"how": "from scratch" if not {reuse!r} else "rebuild, corpus unchanged",
                  "build_s": round(time.perf_counter() - t, 2),
                  "build_seconds_manifest": m.get("build_seconds"),
                  "onnx_query_encoder": m.get("onnx_query_encoder"),
                  "onnx_check": m.get("onnx_check"), "passages": m.get("passage_count"),
                  "figures": m.get("figure_count"), "index_type": m.get("index_type"),
                  "rss_mb": peak_rss_mb()}}))
"""

def ensure_index(code_root: Path, index: Path) -> None:
    """Build the index of the real corpus with the snapshot's code, unless it is up to date
    (a stale one would never get the server ready)."""
    check = subprocess.run(
        [sys.executable, "-c", "import sys; from pathlib import Path; "
         "from bot.index import verify; from bot.ingest import corpus_sha256; "
         f"verify(Path({str(index)!r}), corpus_sha256=corpus_sha256(Path("
         f"{str(common.CORPUS)!r})))"], cwd=code_root, capture_output=True)
    if check.returncode == 0:
        return
    print("building the real corpus index …", flush=True)
    common.run_child(BUILD_CHILD.format(corpus=str(common.CORPUS), out=str(index), reuse=True),
                     timeout=1800, cwd=code_root)


ENGINE_CHILD = """
import json, sys, time
t0 = time.perf_counter()
from pathlib import Path
from bot.engine import Engine
t1 = time.perf_counter()
engine = Engine.load(Path({index!r}), corpus_dir=Path({corpus!r}), embedder={embedder!r})
t2 = time.perf_counter()
reply = engine.ask("how many 5G base stations?")
t3 = time.perf_counter()
print(json.dumps({{"import_s": round(t1 - t0, 3), "load_s": round(t2 - t1, 3),
                  "first_ask_s": round(t3 - t2, 3), "ready_s": round(t3 - t0, 3),
                  "query_encoder": engine.info()["query_encoder"], "rss_mb": peak_rss_mb(),
                  "torch_imported": "torch" in sys.modules}}))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method: str, url: str, body: dict | None = None, timeout: float = 30) -> tuple[int, Any]:
    """(status, parsed JSON or None) with the standard library; never raises on HTTP errors."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        try:
            return e.code, json.loads(e.read() or b"null")
        except ValueError:
            return e.code, None


def vm_hwm_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def server_env(index: Path, work: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """Environment for a benchmark server: this index, no rate limits, state in ``work``."""
    env = {**os.environ, "BOT_INDEX_DIR": str(index), "BOT_CORPUS_DIR": str(common.CORPUS),
           "BOT_FEEDBACK_DB": str(work / "feedback.sqlite3"),
           "BOT_RATE_LIMIT_PER_MINUTE": "0", "BOT_SESSION_RATE_LIMIT_PER_MINUTE": "0",
           "BOT_LOG_LEVEL": "WARNING", "HF_HUB_OFFLINE": "1"}
    env.pop("BOT_REDIS_URL", None)
    env.update(extra or {})
    return env


def start_server(code_root: Path, port: int, env: dict[str, str],
                 argv: list[str] | None = None) -> subprocess.Popen:
    """``python -m bot serve`` (or ``argv``) on loopback ``port``, in its own process group."""
    cmd = argv or [sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1", "--port",
                   str(port)]
    return subprocess.Popen(cmd, cwd=code_root, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)


def wait_ready(proc: subprocess.Popen, url: str, timeout: float = 180) -> float:
    """Seconds until ``url`` answers 200 (polled every 50 ms); raises if the process dies."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if proc.poll() is not None:
            err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
            raise RuntimeError(f"server exited with {proc.returncode}: {err[-2000:]}")
        try:
            status, _ = http("GET", url, timeout=2)
            if status == 200:
                return time.perf_counter() - started
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.05)
    raise TimeoutError(f"{url} not ready after {timeout} s")


def stop_server(proc: subprocess.Popen) -> None:
    """SIGTERM the server's process group (it started its own), SIGKILL after 15 s."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)
    except ProcessLookupError:
        pass


def cold_start_server(code_root: Path, index: Path, work: Path, encoder: str) -> dict[str, Any]:
    """Spawn → /readyz 200 → one /ask; the server's peak RSS; then stop it."""
    port = free_port()
    extra = {"BOT_EMBEDDER": encoder} if encoder != "auto" else {}
    started = time.perf_counter()
    proc = start_server(code_root, port, server_env(index, work, extra))
    try:
        ready = wait_ready(proc, f"http://127.0.0.1:{port}/readyz")
        t = time.perf_counter()
        status, body = http("POST", f"http://127.0.0.1:{port}/ask",
                            {"question": "how many 5G base stations?"})
        first = time.perf_counter() - t
        _, info = http("GET", f"http://127.0.0.1:{port}/readyz")
        return {"encoder": encoder, "ready_s": round(ready, 3),
                "first_ask_ms": common.ms(first), "ask_status": status,
                "to_first_answer_s": round(time.perf_counter() - started, 3),
                "query_encoder": (info or {}).get("query_encoder"),
                "rss_mb": vm_hwm_mb(proc.pid)}
    finally:
        stop_server(proc)


def dev_conversations() -> list[list[str]]:
    rows = [json.loads(x) for x in common.DEV_SET.read_text(encoding="utf-8").splitlines()
            if x.strip()]
    return [r["turns"] for r in rows]


def ask_latencies(engines: dict[str, Any], conversations: list[list[str]],
                  rounds: int) -> dict[str, list[float]]:
    """Per-turn seconds of ``Engine.ask`` for each engine, interleaved turn by turn."""
    times: dict[str, list[float]] = {k: [] for k in engines}
    for _ in range(rounds):
        for turns in conversations:
            history: dict[str, list[dict]] = {k: [] for k in engines}
            for q in turns:
                for name, engine in engines.items():
                    t = time.perf_counter()
                    reply = engine.ask(q, history[name])
                    times[name].append(time.perf_counter() - t)
                    history[name].append(reply.state)
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--work", type=Path, default=Path("/tmp/bot-foundation"))
    ap.add_argument("--rounds", type=int, default=10, help="passes over the dev questions")
    ap.add_argument("--cold", type=int, default=3, help="cold starts per encoder")
    ap.add_argument("--skip-build", action="store_true", help="reuse WORK/index/current")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    code_root = common.snapshot_code(args.work)
    index = args.work / "index" / "current"
    results: dict[str, Any] = {}

    if not args.skip_build or not (index / "manifest.json").exists():
        print("building the real corpus index (MiniLM + e5 + ONNX export) …", flush=True)
        # From scratch (what a fresh clone pays), then again over it with nothing changed
        # (what `make run` pays after a code change: every vector and the export reused).
        results["build"], results["rebuild"] = (common.run_child(
            BUILD_CHILD.format(corpus=str(common.CORPUS), out=str(index), reuse=reuse),
            timeout=1800, cwd=code_root) for reuse in (False, True))
        common.table([results["build"], results["rebuild"]],
                     ["how", "build_s", "build_seconds_manifest", "passages", "figures",
                      "onnx_query_encoder", "rss_mb"], title="build of the real corpus (s, MB)")

    have_server = (code_root / "bot" / "server.py").exists() and \
        (code_root / "bot" / "api.py").exists()
    cold: list[dict[str, Any]] = []
    for _ in range(args.cold):
        for encoder in ("auto", "minilm"):
            row = common.run_child(ENGINE_CHILD.format(index=str(index),
                                                       corpus=str(common.CORPUS),
                                                       embedder=encoder), cwd=code_root)
            cold.append({"how": "Engine.load + ask (child)", "encoder": encoder, **row})
            if have_server:
                cold.append({"how": "python -m bot serve → /readyz",
                             **cold_start_server(code_root, index, args.work, encoder)})
    results["cold_start"] = cold
    common.table(cold, ["how", "encoder", "query_encoder", "ready_s", "first_ask_ms",
                        "first_ask_s", "to_first_answer_s", "rss_mb", "torch_imported"],
                 title="cold start (s; RSS MB)")

    from bot.engine import Engine  # from the snapshot: common.snapshot_code put it first

    onnx_engine = Engine.load(index, corpus_dir=common.CORPUS)
    torch_engine = Engine.load(index, corpus_dir=common.CORPUS, embedder="minilm")
    assert type(onnx_engine.embedder).__name__ == "OnnxMiniLMEmbedder", onnx_engine.info()
    conversations = dev_conversations()
    engines = {"onnx": onnx_engine, "torch": torch_engine}
    ask_latencies(engines, conversations, 1)  # warm-up
    times = ask_latencies(engines, conversations, args.rounds)
    questions = [q for turns in conversations for q in turns]
    enc: dict[str, list[float]] = {"onnx": [], "torch": []}
    for _ in range(args.rounds):
        for q in questions:
            for name, engine in engines.items():
                t = time.perf_counter()
                engine.embedder.embed_query(q)
                enc[name].append(time.perf_counter() - t)
    rows = []
    for what, data in (("Engine.ask", times), ("embed_query", enc)):
        for name in ("onnx", "torch"):
            rows.append({"what": what, "encoder": name, **common.summary(data[name])})
        rows.append({"what": what, "encoder": "onnx/torch",
                     "p50_ms": round(common.pct(data["onnx"], 50) / common.pct(data["torch"], 50),
                                     3),
                     "p99_ms": round(common.pct(data["onnx"], 99) / common.pct(data["torch"], 99),
                                     3)})
    common.table(rows, ["what", "encoder", "n", "p50_ms", "p90_ms", "p99_ms", "mean_ms"],
                 title="in-process latency over the dev questions (ms; ratio rows are ratios)")
    results["latency"] = rows
    results["latency_raw_ms"] = {f"{w}:{k}": [common.ms(x) for x in d[k]]
                                 for w, d in (("ask", times), ("embed", enc)) for k in d}
    results["benchmark_process_rss_mb"] = common.peak_rss_mb()
    common.write_results("foundation", results)


if __name__ == "__main__":
    main()
