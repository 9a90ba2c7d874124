"""Settings: read from BOT_* variables, checked at start-up, every one documented in README."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

import pytest

from bot.settings import Settings, SettingsInvalid, frame_ancestors

README = Path(__file__).resolve().parent.parent / "README.md"


def readme_rows() -> dict[str, list[str]]:
    """The ``## Settings`` table: variable name -> [default, help]."""
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Settings\n", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        m = re.match(r"^\| `(BOT_[A-Z0-9_]+)` \| (.*?) \| (.*) \|$", line)
        if m:
            rows[m.group(1)] = [m.group(2), m.group(3)]
    return rows


def shown_default(value) -> str:
    if value is None:
        return "unset"
    if isinstance(value, list):
        return ",".join(value) or "empty"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    return f"`{value}`"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for name in Settings().env():
        monkeypatch.delenv(name, raising=False)


def test_every_field_has_help_text():
    for name, field in Settings.model_fields.items():
        assert field.description and len(field.description) > 15, name


def test_every_field_is_documented_in_the_readme_with_its_default_and_help():
    rows = readme_rows()
    for name, field in Settings.model_fields.items():
        var = f"BOT_{name.upper()}"
        assert var in rows, f"{var} is missing from README's ## Settings table"
        default, help_text = rows[var]
        assert default == shown_default(field.get_default(call_default_factory=True)), var
        assert help_text == field.description, f"{var}: README help differs from the field's"
    stale = set(rows) - {f"BOT_{n.upper()}" for n in Settings.model_fields}
    assert not stale, f"README documents settings that do not exist: {stale}"


def test_values_come_from_bot_variables(monkeypatch):
    monkeypatch.setenv("BOT_ALLOWED_ORIGINS", " https://a.example, http://localhost:3000/ ,")
    monkeypatch.setenv("BOT_LOG_QUESTIONS", "true")
    monkeypatch.setenv("BOT_CORPUS_DIR", "")
    monkeypatch.setenv("BOT_WORKERS", "4")
    monkeypatch.setenv("BOT_LOG_LEVEL", "debug")
    s = Settings()
    assert s.allowed_origins == ["https://a.example", "http://localhost:3000"]
    assert s.log_questions is True
    assert s.corpus_dir is None
    assert s.workers == 4
    assert s.log_level == "DEBUG"
    assert Settings(workers=2).workers == 2  # keyword arguments win


def test_defaults():
    s = Settings()
    assert s.index_dir == Path("index/current")
    assert s.redis_url is None and s.trust_proxy_headers is False and s.log_questions is False
    assert s.max_history_turns == 20
    assert s.allowed_origins == []


@pytest.mark.parametrize(("var", "value"), [
    ("BOT_PORT", "70000"),
    ("BOT_PORT", "http"),
    ("BOT_WORKERS", "0"),
    ("BOT_EMBEDDER", "bert"),
    ("BOT_MULTILINGUAL", "yes"),
    ("BOT_ALLOWED_ORIGINS", "*"),
    ("BOT_ALLOWED_ORIGINS", "https://a.example/path"),
    ("BOT_ALLOWED_ORIGINS", "portal.example"),
    ("BOT_REDIS_URL", "http://localhost:6379"),
    ("BOT_MAX_HISTORY_TURNS", "0"),
    ("BOT_RATE_LIMIT_PER_MINUTE", "-1"),
    ("BOT_LOG_LEVEL", "LOUD"),
    ("BOT_LOG_QUESTIONS", "maybe"),
])
def test_bad_values_fail_at_start_up_naming_the_variable(monkeypatch, var, value):
    monkeypatch.setenv(var, value)
    with pytest.raises(SettingsInvalid) as e:
        Settings()
    assert str(e.value).startswith("invalid settings: ")
    assert var in str(e.value)


def test_a_bad_redis_url_is_not_echoed():
    with pytest.raises(SettingsInvalid) as e:
        Settings(redis_url="http://:hunter2@cache:6379")
    assert "hunter2" not in str(e.value)


def test_unknown_keyword_settings_are_refused():
    with pytest.raises(SettingsInvalid, match="BOT_WROKERS"):
        Settings(wrokers=2)


def test_env_round_trips(monkeypatch):
    original = Settings(allowed_origins=["https://a.example"], redis_url="redis://r:6379/1",
                        workers=3, log_questions=True, corpus_dir=None)
    for name, value in original.env().items():
        monkeypatch.setenv(name, value)
    assert Settings() == original


def test_frame_ancestors_lists_self_and_the_allowed_origins():
    assert frame_ancestors(Settings()) == "frame-ancestors 'self'"
    s = Settings(allowed_origins="https://a.example,https://b.example")
    assert frame_ancestors(s) == "frame-ancestors 'self' https://a.example https://b.example"


def test_serve_hands_the_settings_to_its_workers(monkeypatch, caplog):
    """``serve`` with 2 workers: uvicorn runs the app factory with uvloop and httptools, the
    workers get the settings as BOT_* variables and one thread per BLAS pool, metrics go
    to a shared multiprocess directory, and without Redis a warning says what is lost."""
    import uvicorn

    from bot import server

    environ = {k: v for k, v in os.environ.items()
               if not k.startswith("BOT_") and k not in ("OMP_NUM_THREADS", "MKL_NUM_THREADS",
                                                          "PROMETHEUS_MULTIPROC_DIR")}
    monkeypatch.setattr(os, "environ", environ)  # serve() edits the environment
    seen = {}

    def fake_run(app, **kwargs):
        seen.update(kwargs, app=app, env=dict(os.environ))

    monkeypatch.setattr(uvicorn, "run", fake_run)
    with caplog.at_level(logging.WARNING, logger="bot.server"):
        server.serve(Settings(allowed_origins="https://a.example"), port=8123, workers=2)
    assert seen["app"] == "bot.api:create_app" and seen["factory"] is True
    assert (seen["workers"], seen["port"], seen["loop"], seen["http"]) == (
        2, 8123, "uvloop", "httptools")
    env = seen["env"]
    assert env["BOT_WORKERS"] == "2" and env["BOT_PORT"] == "8123"
    assert env["BOT_ALLOWED_ORIGINS"] == "https://a.example"
    assert env["OMP_NUM_THREADS"] == env["MKL_NUM_THREADS"] == "1"
    assert env["PROMETHEUS_MULTIPROC_DIR"]
    assert not os.path.exists(env["PROMETHEUS_MULTIPROC_DIR"])  # removed after the run
    assert any("without BOT_REDIS_URL" in r.getMessage() for r in caplog.records)

    caplog.clear()
    seen.clear()
    server.serve(Settings(redis_url="redis://127.0.0.1:1/0"), workers=1)
    assert seen["workers"] == 1 and "PROMETHEUS_MULTIPROC_DIR" not in seen["env"]
    assert not any("without BOT_REDIS_URL" in r.getMessage() for r in caplog.records)


def test_answers_are_inline_by_default_only_when_the_workers_fill_the_cores(monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    assert Settings(workers=1).answers_inline is False
    assert Settings(workers=2).answers_inline is True
    assert Settings(workers=4).answers_inline is True
    assert Settings(workers=2, ask_inline=False).answers_inline is False
    assert Settings(workers=1, ask_inline=True).answers_inline is True
    monkeypatch.setenv("BOT_ASK_INLINE", "")
    assert Settings(workers=1).ask_inline is None
    monkeypatch.setenv("BOT_ASK_INLINE", "true")
    assert Settings(workers=1).answers_inline is True
