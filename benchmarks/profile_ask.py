"""Profile ``Engine.ask`` over the dev conversations with pyinstrument.

    .venv/bin/python benchmarks/profile_ask.py [--index DIR] [--rounds 5] [--work DIR]

Uses ``--index`` if given (any built index, e.g. one ``scale.py --keep`` left: then pass
``--code`` the snapshot it was built with, ``--questions synth`` and ``--onnx``), else builds
the real corpus into ``--work`` (code snapshotted, see ``common.snapshot_code``). One warm-up
pass (loads e5 lazily, fills caches), then ``--rounds`` profiled passes. Prints the call tree,
a table of the functions with the most time spent in their own code and under the project's
``bot`` functions, and writes ``results/profile_ask.html`` and ``results/profile_ask.json``.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

import common


def hotspots(root: Any, limit: int = 15) -> tuple[list[dict], list[dict]]:
    """(functions by self time, ``bot`` functions by total time) from a pyinstrument tree."""
    own: dict[str, float] = {}
    total: dict[str, float] = {}

    def walk(frame: Any, stack: frozenset[str]) -> None:
        if frame.is_synthetic:  # "[self]" nodes: their time is in the parent's self time
            return
        key = f"{frame.function} ({Path(frame.file_path or '?').name}:{frame.line_no})"
        own[key] = own.get(key, 0.0) + frame.total_self_time
        path = (frame.file_path or "").replace("\\", "/")
        if "/bot/" in path and key not in stack:  # count recursion once
            total[key] = total.get(key, 0.0) + frame.time
        for child in frame.children:
            walk(child, stack | {key})

    walk(root, frozenset())
    all_time = root.time or 1.0

    def rows(d: dict[str, float]) -> list[dict]:
        top = sorted(d.items(), key=lambda kv: -kv[1])[:limit]
        return [{"function": k, "seconds": round(v, 3), "share": f"{100 * v / all_time:.1f}%"}
                for k, v in top]

    return rows(own), rows(total)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--index", type=Path, help="a built index (default: build the corpus)")
    ap.add_argument("--corpus", type=Path, help="its corpus (default: corpus/ when building)")
    ap.add_argument("--work", type=Path, default=Path("/tmp/bot-profile"))
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--interval", type=float, default=0.0005, help="sampling interval, s")
    ap.add_argument("--code", type=Path,
                    help="import bot from this snapshot (the one the index was built with, "
                         "e.g. /tmp/bot-scale/code) instead of snapshotting the tree")
    ap.add_argument("--onnx", type=Path,
                    help="query encoder: this exported minilm.onnx (for an index built "
                         "without one, e.g. by scale.py); default: what the index says")
    ap.add_argument("--questions", choices=("dev", "synth"), default="dev",
                    help="dev conversations, or 100 synth.py questions (synthetic corpora)")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.code:
        import sys

        sys.path.insert(0, str(args.code))
        code_root = args.code
    else:
        code_root = common.snapshot_code(args.work)
    index, corpus = args.index, args.corpus
    if index is None:
        from foundation import ensure_index

        index, corpus = args.work / "index" / "current", common.CORPUS
        ensure_index(code_root, index)

    from foundation import dev_conversations
    from pyinstrument import Profiler

    from bot.engine import Engine

    if args.onnx:
        from bot.onnx_minilm import OnnxMiniLMEmbedder

        engine = Engine.load(index, corpus_dir=corpus, embedder=OnnxMiniLMEmbedder(args.onnx))
    else:
        engine = Engine.load(index, corpus_dir=corpus)
    if args.questions == "synth":
        import synth

        conversations = [[q] for q in synth.questions(100)]
    else:
        conversations = dev_conversations()

    def one_pass() -> list[float]:
        out = []
        for turns in conversations:
            history: list[dict] = []
            for q in turns:
                t = time.perf_counter()
                history.append(engine.ask(q, history).state)
                out.append(time.perf_counter() - t)
        return out

    one_pass()  # warm-up: lazy model loads are a cold-start cost, not a per-query one
    profiler = Profiler(interval=args.interval)
    profiler.start()
    times: list[float] = []
    for _ in range(args.rounds):
        times += one_pass()
    profiler.stop()
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    own, under = hotspots(profiler.last_session.root_frame())
    common.table(own, title="self time (where the CPU actually goes)")
    common.table(under, title="total time under bot functions")
    print(f"\nEngine.ask: {common.summary(times)}; engine {engine.info()['query_encoder']}")
    common.RESULTS.mkdir(parents=True, exist_ok=True)
    (common.RESULTS / "profile_ask.html").write_text(profiler.output_html(), encoding="utf-8")
    common.write_results("profile_ask", {"index": str(index), "rounds": args.rounds,
                                         "ask": common.summary(times), "self_time": own,
                                         "bot_total_time": under,
                                         "info": json.loads(json.dumps(engine.info(),
                                                                       default=str))})


if __name__ == "__main__":
    main()
