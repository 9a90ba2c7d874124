"""Shared fixtures. The unit tier builds the real corpus with a fake embedder (no model);
the integration tier (``-m integration``) builds it once with the real models."""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED_EVAL = ROOT.parent / "shared" / "eval" / "dev.jsonl"


class CountedSession:
    """An ONNX Runtime session that counts its runs."""

    def __init__(self, session) -> None:
        self.session, self.runs = session, 0

    def run(self, *args, **kwargs):
        self.runs += 1
        return self.session.run(*args, **kwargs)


class FixedInFlight:
    """A :class:`bot.cores.InFlight` whose answer to ``alone`` is fixed."""

    def __init__(self, alone: bool) -> None:
        self.value = alone

    def alone(self):
        return contextlib.nullcontext(self.value)


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def fake_index_dir(tmp_path_factory) -> Path:
    """The real corpus indexed with the deterministic fake embedder (fast, no model)."""
    from bot.build import build
    from bot.embed import FakeEmbedder

    out = tmp_path_factory.mktemp("fake-index") / "index"
    build(CORPUS, out, embedder=FakeEmbedder(), multilingual=FakeEmbedder())
    return out


@pytest.fixture(scope="session")
def fake_engine(fake_index_dir):
    from bot.embed import FakeEmbedder
    from bot.engine import Engine

    return Engine.load(fake_index_dir, embedder=FakeEmbedder(), multilingual=FakeEmbedder())


@pytest.fixture(scope="session")
def real_index_dir(tmp_path_factory) -> Path:
    """The real corpus built with the real packaged models, once per test run."""
    from bot.build import build

    out = tmp_path_factory.mktemp("real-index") / "index"
    build(CORPUS, out)
    return out


@pytest.fixture(scope="session")
def real_engine(real_index_dir):
    from bot.engine import Engine

    return Engine.load(real_index_dir, corpus_dir=CORPUS)


@pytest.fixture
def index_copy(fake_index_dir, tmp_path) -> Path:
    """A throw-away copy of the fake index, for tests that damage it."""
    dst = tmp_path / "index"
    shutil.copytree(fake_index_dir, dst)
    return dst
