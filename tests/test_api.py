"""The HTTP API as a client sees it: the /ask contract, sessions, readiness, feedback,
CORS, rate limits, request ids and errors (see /work/shared/api.md)."""

from __future__ import annotations

import asyncio
import logging
import re
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from starlette.testclient import TestClient

from bot.api import create_app, frame_ancestors
from bot.feedback import FeedbackStore, report
from bot.settings import Settings

FIGURE_FIELDS = {"id", "label", "value", "unit", "text", "qualifier", "period", "date",
                 "doc_id", "start", "end"}
CITATION_FIELDS = {"id", "doc_id", "title", "url", "text", "start", "end", "highlights", "score"}
UNITS = {"RMB", "%", "count", "rank", "index", "years", "date"}
ORIGIN = "https://portal.example"


def settings_for(tmp_path, **overrides) -> Settings:
    values = {"feedback_db": tmp_path / "feedback.sqlite3", "rate_limit_per_minute": 0,
              "redis_url": None, "allowed_origins": [], "log_questions": False,
              "session_rate_limit_per_minute": 0, "corpus_dir": None,
              "index_dir": tmp_path / "no-index", **overrides}
    return Settings(**values)


@pytest.fixture
def make_client(fake_engine, tmp_path):
    """A client of a fresh app with the fake engine injected; settings may be overridden."""
    def make(engine=fake_engine, **overrides) -> TestClient:
        return TestClient(create_app(settings_for(tmp_path, **overrides), engine=engine))
    return make


@pytest.fixture
def client(make_client) -> TestClient:
    return make_client()


def ask(client: TestClient, question: str, session_id: str | None = None, **extra):
    return client.post("/ask", json={"question": question, "session_id": session_id, **extra})


def test_ask_answers_in_the_contract_shape(client):
    r = ask(client, "What was the e-commerce volume in 2021?")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    assert r.headers["cache-control"] == "no-store"
    body = r.json()
    assert re.fullmatch(r"[A-Za-z0-9_-]{32}", body["session_id"])
    assert body["turn"] == 1
    assert body["question"] == "What was the e-commerce volume in 2021?"
    assert isinstance(body["resolved_question"], str) and body["resolved_question"]
    assert body["answered"] is True
    assert "371.5" in body["answer"]
    assert 0 <= body["confidence"] <= 1
    assert isinstance(body["suggestions"], list)
    assert body["figures"] and all(FIGURE_FIELDS <= f.keys() for f in body["figures"])
    assert all(f["unit"] in UNITS for f in body["figures"])
    assert 1 <= len(body["citations"]) <= 3
    for c in body["citations"]:
        assert CITATION_FIELDS <= c.keys()
        assert all(0 <= a <= b <= len(c["text"]) for a, b in c["highlights"])


def test_top_k_bounds_the_citations(client):
    one = ask(client, "How many 5G base stations?", top_k=1).json()
    assert len(one["citations"]) == 1
    many = ask(client, "How many 5G base stations?", top_k=10).json()
    assert 1 <= len(many["citations"]) <= 10


def test_an_abstention_says_so_with_no_figures(client):
    body = ask(client, "What is the capital of France?").json()
    assert body["answered"] is False
    assert body["figures"] == []
    assert body["answer"]


def test_turns_count_up_and_a_follow_up_is_resolved_from_the_history(client):
    first = ask(client, "What was the e-commerce volume in 2021?").json()
    second = ask(client, "What was its growth?", first["session_id"]).json()
    assert second["session_id"] == first["session_id"]
    assert second["turn"] == 2
    assert second["question"] == "What was its growth?"
    assert "e-commerce" in second["resolved_question"].lower()
    assert "18.9" in second["answer"]
    third = ask(client, "How many 5G base stations?", first["session_id"]).json()
    assert third["turn"] == 3


def test_an_answer_about_the_document_carries_its_record_as_source(client):
    body = ask(client, "Who wrote the article?").json()
    assert body["answered"] is True and body["citations"] == []
    assert body["source"]["field"] == "author"
    assert body["source"]["byline"].startswith("By Ding Fenggang")
    assert "source" not in ask(client, "How many 5G base stations?").json()


def test_without_a_session_id_each_question_starts_its_own_session(client):
    a = ask(client, "What was the e-commerce volume in 2021?").json()
    b = ask(client, "What was its growth?").json()
    assert a["session_id"] != b["session_id"]
    assert b["turn"] == 1
    assert b["resolved_question"] == "What was its growth?"


def test_an_unknown_session_id_starts_a_new_session_with_a_new_id(client):
    made_up = "A" * 32
    body = ask(client, "How many 5G base stations?", made_up).json()
    assert body["turn"] == 1
    assert body["session_id"] != made_up
    again = ask(client, "How many 5G base stations?", made_up).json()
    assert again["turn"] == 1 and again["session_id"] not in (made_up, body["session_id"])


def test_healthz_answers_and_readyz_waits_for_the_engine(fake_engine, tmp_path):
    app = create_app(settings_for(tmp_path))  # no engine, lifespan not started: not loaded
    client = TestClient(app)
    assert client.get("/healthz").json() == {"status": "ok"}
    r = client.get("/readyz")
    assert r.status_code == 503
    assert r.json()["error"]["code"] == "not_ready"
    r = ask(client, "How many 5G base stations?")
    assert r.status_code == 503 and r.json()["error"]["code"] == "not_ready"
    assert r.headers["retry-after"]
    assert client.get("/api/figures").status_code == 503
    app.state.engine = fake_engine
    r = client.get("/readyz")
    assert r.status_code == 200
    info = r.json()
    assert info["status"] == "ready"
    assert info["index_version"] == fake_engine.info()["index_version"]
    assert info["documents"] >= 1 and info["passages"] >= 1
    assert info["model"] == "fake-hash-embedder"
    assert ask(client, "How many 5G base stations?").status_code == 200


def test_the_index_loads_in_the_background(fake_index_dir, corpus_dir, tmp_path):
    settings = settings_for(tmp_path, index_dir=fake_index_dir, corpus_dir=corpus_dir,
                            embedder="fake", multilingual="fake")
    with TestClient(create_app(settings)) as client:
        assert client.get("/healthz").status_code == 200
        deadline = time.monotonic() + 60
        while (r := client.get("/readyz")).status_code == 503:
            assert r.json()["status"] == "loading", r.json()
            assert time.monotonic() < deadline, "the index never loaded"
            time.sleep(0.05)
        assert r.json()["passages"] >= 1
        assert client.app.state.engine is not None
        assert ask(client, "How many 5G base stations?").json()["answered"] is True


def test_a_question_sent_while_the_index_loads_waits_and_is_answered(
        fake_index_dir, corpus_dir, tmp_path, monkeypatch):
    from bot.engine import Engine

    load = Engine.load.__func__

    def slow_load(cls, *args, **kwargs):
        time.sleep(1.0)  # a worker still loading, as the second of two workers may be
        return load(cls, *args, **kwargs)

    monkeypatch.setattr(Engine, "load", classmethod(slow_load))
    settings = settings_for(tmp_path, index_dir=fake_index_dir, corpus_dir=corpus_dir,
                            embedder="fake", multilingual="fake")
    with TestClient(create_app(settings)) as client:
        assert client.get("/readyz").json()["status"] == "loading"
        r = ask(client, "How many 5G base stations?")
        assert r.status_code == 200 and r.json()["answered"] is True


def _on_event_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def _observe_answering(monkeypatch, engine, probe) -> list:
    """What ``probe()`` returns each time ``engine`` answers, filled as it answers."""
    seen: list = []
    answer = engine.ask

    def observed(*args, **kwargs):
        seen.append(probe())
        return answer(*args, **kwargs)

    monkeypatch.setattr(engine, "ask", observed)
    return seen


@pytest.mark.parametrize("inline", [True, False])
def test_answers_are_computed_on_the_event_loop_only_when_inline(make_client, fake_engine,
                                                                 monkeypatch, inline):
    where = _observe_answering(monkeypatch, fake_engine, _on_event_loop)
    client = make_client(ask_inline=inline)
    r = ask(client, "How many 5G base stations?")
    assert r.status_code == 200 and "3,692" in r.json()["answer"]
    assert where == [inline]


@pytest.mark.parametrize("inline", [True, False])
def test_a_question_being_answered_keeps_others_off_every_core(make_client, fake_engine,
                                                                monkeypatch, tmp_path, inline):
    """While /ask answers, another thread's question is not alone (so it encodes on one
    core); once answered, it is again. A lock file of its own: no other server interferes."""
    import bot.api
    from bot.cores import InFlight

    in_flight = InFlight(tmp_path / "questions.lock")
    monkeypatch.setattr(bot.api, "IN_FLIGHT", in_flight)

    def alone_elsewhere() -> bool:
        out: list[bool] = []

        def probe() -> None:
            with in_flight.alone() as alone:
                out.append(alone)

        with ThreadPoolExecutor(1) as pool:
            pool.submit(probe).result(10)
        return out[0]

    seen = _observe_answering(monkeypatch, fake_engine, alone_elsewhere)
    client = make_client(ask_inline=inline)
    assert ask(client, "How many 5G base stations?").status_code == 200
    assert seen == [False]
    assert alone_elsewhere()


def test_inline_answers_still_wait_for_a_loading_index_off_the_event_loop(
        fake_index_dir, corpus_dir, tmp_path, monkeypatch):
    from bot.engine import Engine

    load = Engine.load.__func__

    def slow_load(cls, *args, **kwargs):
        time.sleep(1.5)
        return load(cls, *args, **kwargs)

    monkeypatch.setattr(Engine, "load", classmethod(slow_load))
    settings = settings_for(tmp_path, index_dir=fake_index_dir, corpus_dir=corpus_dir,
                            embedder="fake", multilingual="fake", ask_inline=True)
    with TestClient(create_app(settings)) as client, ThreadPoolExecutor(1) as pool:
        assert client.get("/readyz").json()["status"] == "loading"
        waiting = pool.submit(ask, client, "How many 5G base stations?")
        time.sleep(0.2)  # the question is now waiting for the index
        started = time.monotonic()
        assert client.get("/healthz").status_code == 200
        assert time.monotonic() - started < 0.5  # the event loop was not blocked by the wait
        assert not waiting.done()
        r = waiting.result(timeout=30)
        assert r.status_code == 200 and r.json()["answered"] is True


def test_an_invalid_index_is_reported_with_its_fix(tmp_path):
    settings = settings_for(tmp_path, index_dir=tmp_path / "missing", embedder="fake")
    with TestClient(create_app(settings)) as client:
        deadline = time.monotonic() + 30
        while (r := client.get("/readyz")).json()["status"] == "loading":
            assert time.monotonic() < deadline
            time.sleep(0.02)
        assert r.status_code == 503
        assert r.json()["error"]["code"] == "index_invalid"
        assert "python -m bot build" in r.json()["error"]["message"]
        r = ask(client, "How many 5G base stations?")
        assert r.status_code == 503
        assert r.json()["error"]["code"] == "index_invalid"
        assert "python -m bot build" in r.json()["error"]["message"]


def test_metrics_count_requests_by_route_template_and_answers(client):
    ask(client, "How many 5G base stations?")
    ask(client, "What is the capital of France?")
    client.get("/no/such/path-12345")
    r = client.get("/metrics")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/plain")
    text = r.text
    assert re.search(r'bot_http_requests_total\{method="POST",route="/ask",status="200"\} \d', text)
    assert 'bot_http_request_duration_seconds_bucket{le="0.005",method="POST",route="/ask"}' in text
    assert re.search(r'bot_answers_total\{outcome="answered"\} [1-9]', text)
    assert re.search(r'bot_answers_total\{outcome="abstained"\} [1-9]', text)
    assert re.search(r"bot_index_passages [1-9]", text)
    assert 'route="unmatched"' in text and "path-12345" not in text


def test_api_figures_lists_every_figure(client, fake_engine):
    r = client.get("/api/figures")
    assert r.status_code == 200
    figures = r.json()
    assert len(figures) == len(fake_engine.figures()) > 0
    assert all(FIGURE_FIELDS <= f.keys() for f in figures)


def test_feedback_is_stored_for_a_real_turn_only(make_client, tmp_path):
    client = make_client()
    first = ask(client, "How many 5G base stations?").json()
    sid = first["session_id"]
    ok = client.post("/feedback", json={"session_id": sid, "turn": 1, "rating": "up"})
    assert ok.status_code == 200 and ok.json()["recorded"] is True
    # rating the same turn again replaces the first rating
    again = client.post("/feedback", json={"session_id": sid, "turn": 1, "rating": "down",
                                           "comment": "wrong city"})
    assert again.status_code == 200
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    assert store.rating_counts() == {"up": 0, "down": 1}
    store.close()
    r = client.post("/feedback", json={"session_id": sid, "turn": 2, "rating": "up"})
    assert r.status_code == 404 and r.json()["error"]["code"] == "turn_not_found"
    r = client.post("/feedback", json={"session_id": "B" * 32, "turn": 1, "rating": "up"})
    assert r.status_code == 404 and r.json()["error"]["code"] == "session_not_found"
    r = client.post("/feedback", json={"session_id": sid, "turn": 1, "rating": "meh"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_request"
    r = client.post("/feedback", json={"session_id": sid, "turn": 0, "rating": "up"})
    assert r.status_code == 422


def test_unanswered_questions_reach_the_report(make_client, tmp_path):
    client = make_client()
    for _ in range(2):
        assert ask(client, "How many hospitals are in Yiwu?").json()["answered"] is False
    ask(client, "How many 5G base stations?")
    text = report(settings_for(tmp_path))
    assert "How many hospitals are in Yiwu?" in text
    assert re.search(r"\b2\s+How many hospitals", text)
    assert "5G" not in text.split("Most asked unanswered questions:")[1]


def test_cors_allows_listed_origins_only(make_client):
    client = make_client(allowed_origins=[ORIGIN])
    preflight = {"Origin": ORIGIN, "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "content-type"}
    r = client.options("/ask", headers=preflight)
    assert r.status_code == 200
    assert r.headers["access-control-allow-origin"] == ORIGIN
    assert "access-control-allow-credentials" not in r.headers
    r = client.post("/ask", json={"question": "How many 5G base stations?"},
                    headers={"Origin": ORIGIN})
    assert r.headers["access-control-allow-origin"] == ORIGIN
    assert "x-request-id" in r.headers["access-control-expose-headers"].lower()

    refused = {**preflight, "Origin": "https://evil.example"}
    r = client.options("/ask", headers=refused)
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "cors_refused"
    assert "access-control-allow-origin" not in r.headers
    r = client.post("/ask", json={"question": "How many 5G base stations?"},
                    headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers


def test_security_headers_and_frame_ancestors(make_client):
    client = make_client(allowed_origins=[ORIGIN])
    for r in (client.get("/healthz"), client.get("/nope"), ask(client, "5G base stations")):
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"]
        assert r.headers["content-security-policy"] == f"frame-ancestors 'self' {ORIGIN}"
    assert frame_ancestors(Settings(allowed_origins=[ORIGIN, "http://localhost:3000"])) == (
        f"frame-ancestors 'self' {ORIGIN} http://localhost:3000")
    assert frame_ancestors(Settings(allowed_origins=[])) == "frame-ancestors 'self'"


def test_a_page_that_sets_its_own_policy_keeps_it(make_client):
    from fastapi.responses import Response

    client = make_client(allowed_origins=[ORIGIN])
    own = "default-src 'none'; frame-ancestors 'none'"
    client.app.add_api_route("/own-policy", lambda: Response(
        "x", headers={"Content-Security-Policy": own}))
    r = client.get("/own-policy")
    assert r.headers["content-security-policy"] == own
    assert r.headers["x-content-type-options"] == "nosniff"


def test_rate_limit_per_ip_answers_429_with_retry_after(make_client):
    client = make_client(rate_limit_per_minute=2)
    assert ask(client, "How many 5G base stations?").status_code == 200
    assert ask(client, "How many 5G base stations?").status_code == 200
    r = ask(client, "How many 5G base stations?")
    assert r.status_code == 429
    assert r.json()["error"]["code"] == "rate_limited"
    assert 1 <= int(r.headers["retry-after"]) <= 60
    assert client.get("/healthz").status_code == 200  # probes are never limited


def test_rate_limit_per_session(make_client):
    client = make_client(session_rate_limit_per_minute=2)
    sid = ask(client, "How many 5G base stations?").json()["session_id"]
    assert ask(client, "and in 2021?", sid).status_code == 200
    assert ask(client, "and in 2021?", sid).status_code == 200
    r = ask(client, "and in 2021?", sid)
    assert r.status_code == 429 and r.headers["retry-after"]
    assert ask(client, "How many 5G base stations?").status_code == 200  # a new session may ask


def test_forwarded_for_is_used_only_when_trusted(make_client):
    trusting = make_client(rate_limit_per_minute=1, trust_proxy_headers=True)
    # the proxy appended the real address last; the first entry is the client's claim
    for ip in ("10.0.0.1", "10.0.0.2"):
        r = trusting.post("/ask", json={"question": "5G base stations?"},
                          headers={"X-Forwarded-For": f"6.6.6.6, {ip}"})
        assert r.status_code == 200
    r = trusting.post("/ask", json={"question": "5G base stations?"},
                      headers={"X-Forwarded-For": "10.0.0.9, 10.0.0.1"})
    assert r.status_code == 429
    naive = make_client(rate_limit_per_minute=1)
    headers = {"X-Forwarded-For": "10.0.0.3"}
    assert naive.post("/ask", json={"question": "5G?"}, headers=headers).status_code == 200
    headers = {"X-Forwarded-For": "10.0.0.4"}
    assert naive.post("/ask", json={"question": "5G?"}, headers=headers).status_code == 429


def test_request_id_is_echoed_or_made(client):
    r = client.get("/healthz", headers={"X-Request-ID": "portal-123.abc"})
    assert r.headers["x-request-id"] == "portal-123.abc"
    r = client.get("/healthz", headers={"X-Request-ID": "x" * 200})
    assert re.fullmatch(r"[0-9a-f]{32}", r.headers["x-request-id"])
    r = client.post("/ask", json={"question": ""})
    assert r.json()["error"]["request_id"] == r.headers["x-request-id"]


class BrokenEngine:
    """The fake engine with a bug in ``ask``."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.version = engine.version

    def ask(self, question, history=(), top_k=3):
        raise RuntimeError("boom: a bug in the core")

    def figures(self):
        return self.engine.figures()

    def info(self):
        return self.engine.info()


def test_a_bug_is_a_json_500_with_a_logged_request_id(make_client, fake_engine, caplog):
    client = make_client(engine=BrokenEngine(fake_engine))
    with caplog.at_level(logging.ERROR):
        r = ask(client, "How many 5G base stations?")
    assert r.status_code == 500
    error = r.json()["error"]
    assert error["code"] == "internal_error"
    assert error["request_id"] == r.headers["x-request-id"]
    assert "boom" not in error["message"]  # internals stay in the log
    logged = [rec for rec in caplog.records
              if getattr(rec, "request_id", None) == error["request_id"]]
    assert logged and logged[0].exc_info and "boom" in str(logged[0].exc_info[1])


def test_question_text_stays_out_of_logs_unless_enabled(make_client, caplog):
    secret = "How many 5G base stations zebra-question?"
    with caplog.at_level(logging.DEBUG):
        ask(make_client(), secret)
    assert all(secret not in rec.getMessage() and secret not in str(vars(rec))
               for rec in caplog.records if rec.name.startswith("bot"))
    caplog.clear()
    with caplog.at_level(logging.INFO):
        ask(make_client(log_questions=True), secret)
    assert any(getattr(rec, "question", None) == secret for rec in caplog.records)


def test_unknown_routes_and_wrong_methods_are_json(client):
    r = client.get("/api/nothing-here")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    r = client.get("/ask")
    assert r.status_code == 405 and r.json()["error"]["code"] == "method_not_allowed"
    assert "POST" in r.headers["allow"]


def test_openapi_documents_the_routes(client):
    schema = client.get("/openapi.json").json()
    assert {"/ask", "/feedback", "/healthz", "/readyz", "/api/figures"} <= schema["paths"].keys()
    body = schema["components"]["schemas"]["AskRequest"]
    assert body["additionalProperties"] is False
    assert body["properties"]["top_k"]["maximum"] == 10


def test_the_web_pages_are_included_when_bot_web_exists(client):
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert client.app.state.settings.feedback_db.name == "feedback.sqlite3"
    assert client.app.state.get_engine() is client.app.state.engine
