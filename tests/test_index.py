"""The saved index is trusted only when every check passes; damage is refused with the fix."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot import index as index_store
from bot.build import build
from bot.embed import FakeEmbedder
from bot.engine import Engine
from bot.errors import IndexInvalid

FIX = "python -m bot build"


def test_manifest_records_what_was_built(fake_index_dir, corpus_dir):
    from bot.ingest import corpus_sha256

    m = json.loads((fake_index_dir / "manifest.json").read_text())
    assert m["model"] == "fake-hash-embedder" and m["dimension"] == 256
    assert m["corpus_sha256"] == corpus_sha256(corpus_dir)
    assert m["passage_count"] > 20 and m["figure_count"] > 10 and m["document_count"] == 1
    assert m["index_type"] == "flat"
    assert set(m["files"]) >= {"dense.faiss", "passages.json", "documents.json", "figures.json"}
    assert all(len(h) == 64 for h in m["files"].values())
    assert m["libraries"]["faiss-cpu"] and m["built_at"].endswith("Z")


def test_a_good_index_loads(fake_index_dir, corpus_dir):
    engine = Engine.load(fake_index_dir, embedder=FakeEmbedder(), multilingual=FakeEmbedder(),
                         corpus_dir=corpus_dir)
    assert engine.info()["passages"] == len(engine.index.passages)


def _refused(path: Path, **kw) -> str:
    with pytest.raises(IndexInvalid) as e:
        Engine.load(path, embedder=kw.pop("embedder", FakeEmbedder()),
                    multilingual=FakeEmbedder(), **kw)
    assert FIX in str(e.value)
    return str(e.value)


def test_truncated_file_is_refused(index_copy):
    f = index_copy / "dense.faiss"
    f.write_bytes(f.read_bytes()[: f.stat().st_size // 2])
    assert "dense.faiss" in _refused(index_copy)


def test_one_flipped_byte_is_refused(index_copy):
    f = index_copy / "dense.faiss"
    data = bytearray(f.read_bytes())
    data[len(data) // 2] ^= 0x01
    f.write_bytes(bytes(data))
    assert "corrupt" in _refused(index_copy)


def test_flipped_byte_in_passages_is_refused(index_copy):
    f = index_copy / "passages.json"
    f.write_text(f.read_text().replace("3692", "3693"))
    assert "passages.json" in _refused(index_copy)


def test_missing_file_is_refused(index_copy):
    (index_copy / "figures.json").unlink()
    assert "missing figures.json" in _refused(index_copy)


def test_wrong_model_is_refused(index_copy):
    class Other(FakeEmbedder):
        name = "some-other-model"

    assert "model" in _refused(index_copy, embedder=Other())


def test_wrong_dimension_is_refused(index_copy):
    assert "dimension" in _refused(index_copy, embedder=FakeEmbedder(dim=128))


def test_changed_corpus_is_refused_as_stale(index_copy, corpus_dir, tmp_path):
    changed = tmp_path / "corpus"
    shutil.copytree(corpus_dir, changed)
    art = changed / "yiwu-digital-economy-2021.txt"
    art.write_text(art.read_text(encoding="utf-8") + "\nA new paragraph about ports.\n",
                   encoding="utf-8")
    assert "stale" in _refused(index_copy, corpus_dir=changed)


def test_missing_index_names_the_fix(tmp_path):
    assert "no built index" in _refused(tmp_path / "nothing")


def test_tampered_manifest_is_refused(index_copy):
    m = json.loads((index_copy / "manifest.json").read_text())
    m["passage_count"] = 1
    m["files"]["dense.faiss"] = "0" * 64
    (index_copy / "manifest.json").write_text(json.dumps(m))
    _refused(index_copy)


class _Exploding(FakeEmbedder):
    def embed_passages(self, texts, batch_size=64):
        raise KeyboardInterrupt


def test_interrupted_build_leaves_previous_index(index_copy, corpus_dir):
    before = json.loads((index_copy / "manifest.json").read_text())["index_version"]
    with pytest.raises(KeyboardInterrupt):
        build(corpus_dir, index_copy, embedder=_Exploding(), multilingual=None,
              reuse=False)  # nothing reused, so embedding runs
    after = index_store.verify(index_copy)
    assert after["index_version"] == before
    assert not list(index_copy.parent.glob(f".{index_copy.name}.tmp-*"))


def test_killed_build_process_leaves_previous_index(index_copy, corpus_dir):
    """SIGKILL in the middle of embedding: nothing to clean up, the old index still loads."""
    script = (
        "import time, sys\n"
        "from pathlib import Path\n"
        "from bot.build import build\n"
        "from bot.embed import FakeEmbedder\n"
        "class Slow(FakeEmbedder):\n"
        "    def embed_passages(self, texts, batch_size=64):\n"
        "        print('embedding', flush=True); time.sleep(60)\n"
        f"build(Path({str(corpus_dir)!r}), Path({str(index_copy)!r}), embedder=Slow(),"
        " multilingual=None, reuse=False)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "embedding"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    Engine.load(index_copy, embedder=FakeEmbedder(), multilingual=FakeEmbedder())


def test_swap_interrupted_between_renames_is_recovered(index_copy):
    """If a build dies after moving the old index aside, loading finds the moved copy."""
    aside = index_copy.parent / f".{index_copy.name}.old-{time.time_ns()}"
    os.rename(index_copy, aside)
    engine = Engine.load(index_copy, embedder=FakeEmbedder(), multilingual=FakeEmbedder())
    assert engine.index.path == aside


def test_rebuild_replaces_atomically(index_copy, corpus_dir):
    build(corpus_dir, index_copy, embedder=FakeEmbedder(), multilingual=FakeEmbedder())
    assert index_store.verify(index_copy)["passage_count"] > 0
    assert not list(index_copy.parent.glob(f".{index_copy.name}.old-*"))


def test_label_vectors_store_each_distinct_label_once(tmp_path):
    from bot.index import LabelVectors

    calls: list[list[str]] = []

    def embed(texts: list[str]):
        calls.append(texts)
        return FakeEmbedder().embed_passages(texts)

    labels = ["e-commerce volume", "growth of e-commerce volume", "e-commerce volume"]
    lv = LabelVectors.embed(labels, embed)
    assert calls == [["e-commerce volume", "growth of e-commerce volume"]]
    assert len(lv) == 3 and lv.rows.shape[0] == 2
    assert (lv[0] == lv[2]).all() and not (lv[0] == lv[1]).all()
    assert lv[[1, 2]].shape == (2, FakeEmbedder().dim)
    lv.save(tmp_path / "fv.npy")
    again = LabelVectors.load(tmp_path / "fv.npy")
    assert (again[[0, 1, 2]] == lv[[0, 1, 2]]).all()


def test_label_rows_pointing_past_the_vectors_are_refused(tmp_path):
    import numpy as np

    from bot.index import LabelVectors

    LabelVectors(np.zeros((2, 4), np.float32), np.array([0, 5], np.int32)).save(tmp_path / "f.npy")
    with pytest.raises(ValueError, match="points past"):
        LabelVectors.load(tmp_path / "f.npy")


def test_build_no_multilingual_from_the_command_line(tmp_path, corpus_dir, monkeypatch):
    import bot.build
    from bot.cli import main

    monkeypatch.setattr(bot.build, "get_embedder", lambda kind: FakeEmbedder())
    with_e5, without = tmp_path / "with", tmp_path / "without"
    assert main(["build", "--corpus", str(corpus_dir), "--out", str(with_e5)]) == 0
    assert main(["build", "--corpus", str(corpus_dir), "--out", str(without),
                 "--no-multilingual"]) == 0
    assert (with_e5 / "dense_e5.faiss").exists()
    assert not (without / "dense_e5.faiss").exists()
    assert json.loads((without / "manifest.json").read_text())["multilingual_model"] is None
