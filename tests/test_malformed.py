"""Hostile and broken requests: each gets a 4xx JSON error (or a valid answer), never a 500.

Contract decisions pinned here: a body that is not JSON (or not UTF-8, or nested too deep
to parse) is 400 ``malformed_json``; JSON of the wrong shape is 422 ``invalid_request``; a
missing or non-JSON Content-Type is 415; a body over 16 KiB is 413 however it is sent.
"""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor

import anyio
import pytest
from starlette.testclient import TestClient

from bot.api import create_app
from bot.settings import Settings

JSON = {"Content-Type": "application/json"}
LIMIT = 16 * 1024


@pytest.fixture(scope="module")
def client(fake_engine, tmp_path_factory) -> TestClient:
    tmp = tmp_path_factory.mktemp("malformed")
    settings = Settings(feedback_db=tmp / "feedback.sqlite3", rate_limit_per_minute=0,
                        session_rate_limit_per_minute=0, corpus_dir=None, redis_url=None)
    return TestClient(create_app(settings, engine=fake_engine))


def assert_error(r, status: int | tuple[int, ...], code: str | None = None) -> dict:
    statuses = (status,) if isinstance(status, int) else status
    assert r.status_code in statuses, (r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith("application/json")
    error = r.json()["error"]
    assert isinstance(error["code"], str) and error["code"]
    assert isinstance(error["message"], str) and error["message"]
    if code is not None:
        assert error["code"] == code
    return error


def assert_answer(r) -> dict:
    assert r.status_code == 200, r.text[:300]
    body = r.json()
    assert re.fullmatch(r"[A-Za-z0-9_-]{32}", body["session_id"])
    assert isinstance(body["answer"], str) and isinstance(body["answered"], bool)
    return body


Q = "How many 5G base stations?"

# (name, raw body, headers, status, error code); status 200 means a valid answer
CASES = [
    ("empty body", b"", JSON, 400, "malformed_json"),
    ("whitespace body", b"   \n ", JSON, 400, "malformed_json"),
    ("not json", b"question=hi", JSON, 400, "malformed_json"),
    ("truncated json", b'{"question": "hi"', JSON, 400, "malformed_json"),
    ("trailing garbage", b'{"question": "hi"} x', JSON, 400, "malformed_json"),
    ("single quotes", b"{'question': 'hi'}", JSON, 400, "malformed_json"),
    ("NaN top_k", b'{"question": "hi", "top_k": NaN}', JSON, 422, "invalid_request"),
    ("invalid utf-8", b'{"question": "\xff\xfe how many"}', JSON, 400, "malformed_json"),
    ("latin-1 bytes", b'{"question": "caf\xe9"}', JSON, 400, "malformed_json"),
    ("utf-8 encoded surrogate", b'{"question": "\xed\xa0\x80"}', JSON, 422, "invalid_request"),
    ("null body", b"null", JSON, 422, "invalid_request"),
    ("array body", b'["How many 5G base stations?"]', JSON, 422, "invalid_request"),
    ("string body", b'"How many 5G base stations?"', JSON, 422, "invalid_request"),
    ("number body", b"42", JSON, 422, "invalid_request"),
    ("empty object", b"{}", JSON, 422, "invalid_request"),
]

FIELD_CASES = [
    ("empty question", {"question": ""}, 422),
    ("whitespace question", {"question": " \t\n  "}, 422),
    ("only control characters", {"question": "\x00\x01\x1b\x7f"}, 422),
    ("1001 characters", {"question": "a" * 1001}, 422),
    ("1000 characters", {"question": "5G " + "a" * 997}, 200),
    ("1000 characters padded", {"question": "  " + "b" * 1000 + "  "}, 200),
    ("null question", {"question": None}, 422),
    ("number question", {"question": 42}, 422),
    ("bool question", {"question": True}, 422),
    ("array question", {"question": [Q]}, 422),
    ("object question", {"question": {"text": Q}}, 422),
    ("lone high surrogate", {"question": "5G \ud800 stations"}, 422),
    ("lone low surrogate", {"question": "\udc00"}, 422),
    ("unknown field", {"question": Q, "debug": True}, 422),
    ("misspelt field", {"questoin": Q}, 422),
    ("top_k zero", {"question": Q, "top_k": 0}, 422),
    ("top_k eleven", {"question": Q, "top_k": 11}, 422),
    ("top_k negative", {"question": Q, "top_k": -1}, 422),
    ("top_k float", {"question": Q, "top_k": 2.5}, 422),
    ("top_k integral float", {"question": Q, "top_k": 3.0}, 422),
    ("top_k bool", {"question": Q, "top_k": True}, 422),
    ("top_k string", {"question": Q, "top_k": "3"}, 422),
    ("top_k null", {"question": Q, "top_k": None}, 422),
    ("top_k huge", {"question": Q, "top_k": 10**30}, 422),
    ("session_id number", {"question": Q, "session_id": 12345}, 422),
    ("session_id object", {"question": Q, "session_id": {"id": "x"}}, 422),
    ("session_id array", {"question": Q, "session_id": ["x"]}, 422),
    ("session_id bool", {"question": Q, "session_id": False}, 422),
    ("top_k ten", {"question": Q, "top_k": 10}, 200),
    ("chinese question", {"question": "义乌的数字经济产值是多少?"}, 200),
    ("emoji question", {"question": "🤖 how many 5G base stations? 🚀"}, 200),
    ("html question", {"question": "<script>alert(1)</script> 5G?"}, 200),
    ("sql question", {"question": "'; DROP TABLE feedback; --"}, 200),
]


@pytest.mark.parametrize(("name", "body", "headers", "status", "code"), CASES,
                         ids=[c[0] for c in CASES])
def test_raw_bodies(client, name, body, headers, status, code):
    assert_error(client.post("/ask", content=body, headers=headers), status, code)


@pytest.mark.parametrize(("name", "payload", "status"), FIELD_CASES,
                         ids=[c[0] for c in FIELD_CASES])
def test_fields(client, name, payload, status):
    body = json.dumps(payload).encode()  # ensure_ascii: lone surrogates travel as \ud800
    r = client.post("/ask", content=body, headers=JSON)
    if status == 200:
        assert_answer(r)
    else:
        error = assert_error(r, status, "invalid_request")
        assert error["details"] and all("field" in d for d in error["details"])


def test_control_characters_are_stripped_not_answered_raw(client):
    body = assert_answer(client.post("/ask", json={"question": "how many\x00 5G\x07 base\r "
                                                               "stations?\x1b"}))
    assert body["question"] == "how many 5G base stations?"
    tabbed = assert_answer(client.post("/ask", json={"question": "5G\tbase\nstations"}))
    assert tabbed["question"] == "5G\tbase\nstations"


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded",
                                          "multipart/form-data; boundary=x", "application/xml",
                                          "application/jsonx", "json"])
def test_content_types_other_than_json_are_415(client, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    r = client.post("/ask", content=json.dumps({"question": Q}).encode(), headers=headers)
    assert_error(r, 415, "unsupported_media_type")


@pytest.mark.parametrize("content_type", ["application/json; charset=utf-8",
                                          "Application/JSON", "application/vnd.api+json"])
def test_json_content_type_variants_are_accepted(client, content_type):
    r = client.post("/ask", content=json.dumps({"question": Q}).encode(),
                    headers={"Content-Type": content_type})
    assert_answer(r)


def test_a_body_over_the_limit_is_413(client):
    big = json.dumps({"question": "a" * (2 * 1024 * 1024)}).encode()
    assert_error(client.post("/ask", content=big, headers=JSON), 413, "body_too_large")


async def _send_in_chunks(app, headers: list[tuple[bytes, bytes]], chunks: int) -> tuple[int, int]:
    """Drive the ASGI app directly with a 1 KiB-chunked body; return (status, chunks read)."""
    read = 0
    status = 0

    async def receive():
        nonlocal read
        read += 1
        if read == 1:
            return {"type": "http.request", "body": b'{"question": "', "more_body": True}
        return {"type": "http.request", "body": b"a" * 1024, "more_body": read <= chunks}

    async def send(message):
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "POST", "scheme": "http", "path": "/ask", "raw_path": b"/ask",
             "root_path": "", "query_string": b"", "server": ("testserver", 80),
             "client": ("127.0.0.1", 5000), "headers": headers}
    await app(scope, receive, send)
    return status, read


@pytest.mark.parametrize("declared", [None, b"10", str(LIMIT).encode()])
def test_a_streamed_2mb_body_is_refused_while_reading(client, declared):
    """No Content-Length, or one that understates the body: the bytes are counted as they
    arrive and reading stops just past the limit, long before 2 MB."""
    headers = [(b"content-type", b"application/json")]
    if declared is not None:
        headers.append((b"content-length", declared))
    # In a thread of its own: a Playwright fixture of the browser tier may hold this
    # thread's event loop open when the whole suite runs.
    with ThreadPoolExecutor(1) as pool:
        status, read = pool.submit(anyio.run, _send_in_chunks, client.app, headers,
                                   2 * 1024).result()
    assert status == 413
    assert read <= LIMIT // 1024 + 2


def test_a_2mb_body_sent_at_once_is_413(client):
    big = json.dumps({"question": "a" * (2 * 1024 * 1024)}).encode()

    def stream():
        yield big

    r = client.post("/ask", content=stream(), headers={**JSON, "Content-Length": "100"})
    assert_error(r, 413, "body_too_large")


def test_a_content_length_over_the_limit_is_refused_unread(client):
    r = client.post("/ask", content=b'{"question": "hi"}',
                    headers={**JSON, "Content-Length": str(2 * 1024 * 1024)})
    assert_error(r, 413, "body_too_large")


def test_deep_nesting_over_the_limit_is_413(client):
    deep = b'{"question": ' + b"[" * 10_000 + b"]" * 10_000 + b"}"
    assert_error(client.post("/ask", content=deep, headers=JSON), 413)


@pytest.mark.parametrize("depth", [2_000, 7_000])
def test_deep_nesting_within_the_limit_is_4xx(client, depth):
    deep = b'{"question": ' + b"[" * depth + b"]" * depth + b"}"
    assert len(deep) <= LIMIT
    assert_error(client.post("/ask", content=deep, headers=JSON), (400, 422))
    objects = b'{"question": ' + b'{"a":' * (depth // 5) + b"1" + b"}" * (depth // 5) + b"}"
    assert_error(client.post("/ask", content=objects, headers=JSON), (400, 422))


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "PATCH"])
def test_wrong_methods_are_405(client, method):
    r = client.request(method, "/ask", json={"question": Q})
    assert_error(r, 405, "method_not_allowed")
    assert "POST" in r.headers["allow"]


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
def test_wrong_methods_on_read_routes_are_405(client, method):
    assert_error(client.request(method, "/healthz"), 405, "method_not_allowed")


HOSTILE_IDS = [
    "x" * 10_000,
    "../../etc/passwd",
    "'; DROP TABLE sessions; --",
    "' OR '1'='1",
    "会话标识符" * 8,
    "A" * 31 + "é",
    "*",
    "",
    " " * 32,
    "\x00" * 32,
    "bot:session:*",
    "{" + "a" * 30 + "}",
]


@pytest.mark.parametrize("session_id", HOSTILE_IDS, ids=range(len(HOSTILE_IDS)))
def test_hostile_session_ids_start_a_new_session(client, session_id):
    body = assert_answer(client.post("/ask", json={"question": Q, "session_id": session_id}))
    assert body["turn"] == 1
    assert body["session_id"] != session_id


def test_another_sessions_id_prefix_or_neighbour_never_continues_it(client):
    owner = assert_answer(client.post("/ask", json={"question": "What was the e-commerce "
                                                                "volume in 2021?"}))
    sid = owner["session_id"]
    flipped = sid[:-1] + ("A" if sid[-1] != "A" else "B")
    for guess in (sid[:16], sid[:-1], sid + "A", flipped, sid.upper(), sid.lower(), f" {sid}"):
        if guess == sid:
            continue
        body = assert_answer(client.post("/ask", json={"question": "What was its growth?",
                                                       "session_id": guess}))
        assert body["turn"] == 1, guess
        assert body["session_id"] not in (sid, guess)
    # the owner's conversation is untouched: its next question is turn 2
    own = assert_answer(client.post("/ask", json={"question": "What was its growth?",
                                                  "session_id": sid}))
    assert own["turn"] == 2


@pytest.mark.parametrize("payload", [
    {"session_id": "x", "turn": 1, "rating": "up"},
    {"session_id": "A" * 32, "turn": "1", "rating": "up"},
    {"session_id": "A" * 32, "turn": True, "rating": "up"},
    {"session_id": "A" * 32, "turn": 1, "rating": "UP"},
    {"session_id": "A" * 32, "turn": 1, "rating": "up", "comment": "x" * 2001},
    {"session_id": "A" * 32, "turn": 1, "rating": "up", "extra": 1},
    {"session_id": None, "turn": 1, "rating": "up"},
    {"turn": 1, "rating": "up"},
    [],
])
def test_malformed_feedback_is_4xx(client, payload):
    assert_error(client.post("/feedback", json=payload), (404, 422))


def test_keys_that_are_not_valid_unicode_are_422(client):
    r = client.post("/ask", content=b'{"\xed\xa0\x80": 1, "question": "hi"}', headers=JSON)
    assert_error(r, 422)
    r = client.post("/ask", content=b'{"question": "hi", "\\ud800": 1}', headers=JSON)
    assert_error(r, 422)
