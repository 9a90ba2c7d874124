"""Several worker processes sharing one real Redis: a follow-up answered by another worker,
rate limits counted across workers, and Redis dying mid-run (a clear 503, never a 500)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.redis

ROOT = Path(__file__).resolve().parent.parent
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RedisServer:
    """A throw-away redis-server: no persistence, loopback only."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        import redis

        client = redis.Redis.from_url(self.url)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.05)
        client.close()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)


@pytest.fixture(scope="module")
def redis_server() -> Iterator[RedisServer]:
    if not os.path.exists(REDIS_SERVER):
        pytest.fail(f"{REDIS_SERVER} is not installed: `make test` installs it "
                    "(apt-get install redis-server)")
    server = RedisServer()
    server.start()
    yield server
    server.stop()


def worker_env(redis_url: str, index_dir: Path, tmp: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BOT_")}
    env.update({
        "BOT_EMBEDDER": "fake", "BOT_MULTILINGUAL": "fake", "BOT_INDEX_DIR": str(index_dir),
        "BOT_CORPUS_DIR": str(ROOT / "corpus"), "BOT_REDIS_URL": redis_url,
        "BOT_FEEDBACK_DB": str(tmp / "feedback.sqlite3"), "BOT_TRUST_PROXY_HEADERS": "true",
        "BOT_RATE_LIMIT_PER_MINUTE": "5", "BOT_SESSION_RATE_LIMIT_PER_MINUTE": "0",
        "BOT_LOG_LEVEL": "WARNING", **extra,
    })
    return env


def wait_ready(url: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"the server at {url} exited with {proc.returncode}:\n"
                                 + log_tail(proc))
        try:
            r = httpx.get(f"{url}/readyz", timeout=2)
        except httpx.TransportError:
            time.sleep(0.1)
            continue
        if r.status_code == 200:
            return
        if r.json().get("status") == "unavailable":  # it will not get better by waiting
            raise AssertionError(f"the server at {url} cannot serve: {r.text}")
        time.sleep(0.1)
    raise AssertionError(f"the server at {url} never became ready:\n" + log_tail(proc))


def spawn(args: list[str], env: dict[str, str]) -> subprocess.Popen:
    """Start a server process with its output in a log file (shown if it fails to start)."""
    log = Path(tempfile.mkstemp(prefix="bot-server-", suffix=".log")[1])
    with log.open("wb") as out:
        # its own process group, so that a server that will not stop takes its workers along
        proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    proc.log_path = log  # type: ignore[attr-defined]
    return proc


def log_tail(proc: subprocess.Popen, lines: int = 30) -> str:
    text = Path(proc.log_path).read_text(errors="replace")  # type: ignore[attr-defined]
    return "\n".join(text.splitlines()[-lines:])


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    Path(proc.log_path).unlink(missing_ok=True)  # type: ignore[attr-defined]


def start_uvicorn(env: dict[str, str]) -> tuple[str, subprocess.Popen]:
    """One single-process uvicorn worker running ``bot.api:create_app``."""
    port = free_port()
    proc = spawn(
        [sys.executable, "-m", "uvicorn", "bot.api:create_app", "--factory", "--host",
         "127.0.0.1", "--port", str(port), "--no-proxy-headers", "--log-level", "warning"],
        env)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(url, proc)
    except BaseException:
        stop(proc)
        raise
    return url, proc


@pytest.fixture(scope="module")
def two_workers(redis_server, fake_index_dir, tmp_path_factory) -> Iterator[tuple[str, str]]:
    env = worker_env(redis_server.url, fake_index_dir, tmp_path_factory.mktemp("workers"))
    # One worker answers on its event loop (as each does when workers fill the cores), the
    # other in its thread pool: a conversation must carry on across both.
    a_url, a = start_uvicorn({**env, "BOT_ASK_INLINE": "true"})
    try:
        b_url, b = start_uvicorn({**env, "BOT_ASK_INLINE": "false"})
    except BaseException:
        stop(a)
        raise
    yield a_url, b_url
    stop(a)
    stop(b)


def client_ip() -> str:
    """A fresh client address per test (the workers trust X-Forwarded-For), so that one
    test's requests never count against another's rate limit."""
    n = uuid.uuid4().int
    return f"10.{n % 250}.{(n >> 8) % 250}.{(n >> 16) % 250 + 1}"


def ask(url: str, question: str, session_id: str | None = None, ip: str = "10.9.9.9"):
    return httpx.post(f"{url}/ask", json={"question": question, "session_id": session_id},
                      headers={"X-Forwarded-For": ip}, timeout=30)


def test_a_follow_up_is_answered_by_another_worker(two_workers):
    a, b = two_workers
    ip = client_ip()
    first = ask(a, "What was the e-commerce volume in 2021?", ip=ip).json()
    assert first["turn"] == 1
    second = ask(b, "What was its growth?", first["session_id"], ip=ip).json()
    assert second["session_id"] == first["session_id"]
    assert second["turn"] == 2
    # the history reached worker B's engine: the follow-up was rewritten with its subject
    assert second["resolved_question"] != second["question"]
    assert "e-commerce" in second["resolved_question"].lower()
    assert "18.9" in second["answer"]
    third = ask(a, "How many 5G base stations?", first["session_id"], ip=ip).json()
    assert third["turn"] == 3


def test_feedback_reaches_a_turn_asked_on_another_worker(two_workers):
    a, b = two_workers
    ip = client_ip()
    sid = ask(a, "How many 5G base stations?", ip=ip).json()["session_id"]
    r = httpx.post(f"{b}/feedback", json={"session_id": sid, "turn": 1, "rating": "up"},
                   headers={"X-Forwarded-For": ip})
    assert r.status_code == 200


def test_rate_limits_are_shared_by_the_workers(two_workers):
    if time.time() % 60 > 50:  # the five requests must fall into one one-minute window
        time.sleep(61 - time.time() % 60)
    a, b = two_workers
    ip = client_ip()
    statuses = [ask((a, b)[i % 2], "How many 5G base stations?", ip=ip).status_code
                for i in range(5)]
    assert statuses == [200] * 5
    for url in (a, b):
        r = ask(url, "How many 5G base stations?", ip=ip)
        assert r.status_code == 429
        assert r.json()["error"]["code"] == "rate_limited"
        assert 1 <= int(r.headers["retry-after"]) <= 60
    assert ask(a, "How many 5G base stations?", ip=client_ip()).status_code == 200


def test_redis_store_expires_and_numbers_turns_atomically(redis_server):
    from bot.sessions import RedisSessionStore, connect_redis, new_session_id

    client = connect_redis(redis_server.url)
    store = RedisSessionStore(client, ttl=1, max_turns=1000, prefix=f"t{uuid.uuid4().hex}:")
    sid = new_session_id()
    assert store.history(sid) is None
    record = {"question": "q", "resolved_question": "q", "answered": True, "state": {"a": []}}

    def append_many() -> None:
        for _ in range(25):
            store.append(sid, record)

    threads = [threading.Thread(target=append_many) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    history = store.history(sid)
    assert [t["turn"] for t in history] == list(range(1, 201))
    assert history[0]["state"] == {"a": []}
    assert all(0 < client.ttl(k) <= 1 for k in store._keys(sid))
    time.sleep(1.6)
    assert store.history(sid) is None

    capped = RedisSessionStore(client, ttl=60, max_turns=3, prefix=f"c{uuid.uuid4().hex}:")
    for _ in range(5):
        capped.append(sid, record)
    assert [t["turn"] for t in capped.history(sid)] == [3, 4, 5]
    client.close()


def test_redis_going_away_is_a_clear_503_and_recovers(fake_index_dir, tmp_path):
    if not os.path.exists(REDIS_SERVER):
        pytest.fail(f"{REDIS_SERVER} is not installed: `make test` installs it "
                    "(apt-get install redis-server)")
    server = RedisServer()
    server.start()
    url, proc = start_uvicorn(worker_env(server.url, fake_index_dir, tmp_path,
                                         BOT_RATE_LIMIT_PER_MINUTE="1000"))
    try:
        sid = ask(url, "How many 5G base stations?").json()["session_id"]
        server.stop()
        for _ in range(3):
            r = ask(url, "and in 2021?", sid)
            assert r.status_code == 503
            assert r.json()["error"]["code"] == "store_unavailable"
            assert r.headers["retry-after"]
        r = httpx.post(f"{url}/feedback", json={"session_id": sid, "turn": 1, "rating": "up"})
        assert r.status_code == 503
        assert httpx.get(f"{url}/healthz").status_code == 200
        assert httpx.get(f"{url}/api/figures").status_code == 200
        server.start()  # same port, empty: the conversation is gone, the service is back
        deadline = time.monotonic() + 10
        while (r := ask(url, "and in 2021?", sid)).status_code == 503:
            assert time.monotonic() < deadline, "the service did not recover with Redis"
            time.sleep(0.2)
        assert r.status_code == 200 and r.json()["turn"] == 1
    finally:
        stop(proc)
        server.stop()


def test_serve_with_two_workers_shares_sessions_and_metrics(redis_server, fake_index_dir,
                                                            tmp_path):
    """``python -m bot serve --workers 2``: connections land on either worker, yet a
    conversation goes on turn after turn and one scrape of /metrics counts every request."""
    port = free_port()
    env = worker_env(redis_server.url, fake_index_dir, tmp_path,
                     BOT_RATE_LIMIT_PER_MINUTE="1000")
    proc = spawn([sys.executable, "-m", "bot", "serve", "--workers", "2", "--port", str(port)],
                 env)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(url, proc)
        sid = None
        for turn in range(1, 13):
            with httpx.Client() as fresh:  # a new connection each time
                r = fresh.post(f"{url}/ask", json={"question": "How many 5G base stations?",
                                                   "session_id": sid})
            assert r.status_code == 200
            assert r.json()["turn"] == turn
            sid = r.json()["session_id"]
        for _ in range(4):
            with httpx.Client() as fresh:
                text = fresh.get(f"{url}/metrics").text
            line = next(ln for ln in text.splitlines() if ln.startswith(
                'bot_http_requests_total{') and 'route="/ask"' in ln and 'status="200"' in ln)
            assert float(line.rsplit(" ", 1)[1]) == 12
            # served by prometheus-client's multiprocess collector, which sums the workers
            # (the single-process registry would also list the python_gc_* metrics)
            assert "python_gc_objects_collected_total" not in text
    finally:
        stop(proc)
