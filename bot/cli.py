"""``python -m bot`` (also ``bot``): build the index, ask a question, evaluate, serve, report."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import BotError

DEFAULT_INDEX = Path("index/current")
DEFAULT_CORPUS = Path("corpus")


def _build(args: argparse.Namespace) -> int:
    from .build import build, tqdm_progress
    from .index import verify
    from .ingest import corpus_sha256

    _prepare_tables()
    if args.if_stale:
        try:
            verify(args.out, corpus_sha256=corpus_sha256(args.corpus), deep=True)
            print(f"index at {args.out} is up to date")
            return 0
        except BotError as e:
            print(f"rebuilding: {e}", file=sys.stderr)
    built = build(args.corpus, args.out, progress=tqdm_progress(),
                  hnsw_threshold=args.hnsw_threshold, reuse=not args.no_reuse,
                  multilingual=not args.no_multilingual)
    m = built.manifest
    print(f"built index {m['index_version']} at {args.out}: {m['document_count']} documents, "
          f"{m['passage_count']} passages, {m['figure_count']} figures, {m['index_type']} "
          f"index, {m['build_seconds']} s")
    reused = m.get("reused", {})
    docs, vecs = reused.get("documents", {}), reused.get("passages", {})
    if docs.get("reused") or vecs.get("reused"):
        print(f"from the previous index: {docs.get('reused', 0)} unchanged documents "
              f"({docs.get('processed', 0)} processed), the vectors of {vecs.get('reused', 0)} "
              f"passages ({vecs.get('embedded', 0)} embedded)")
    return 0


def _prepare_tables() -> None:
    """The per-machine tables a server would otherwise make on its first Chinese or
    lower-case question (see bot.tempcache): made here, where waiting costs no user."""
    from . import glossary, pinyin

    pinyin.prepare()
    glossary.prepare()


def _engine(args: argparse.Namespace):
    from .engine import Engine

    return Engine.load(args.index, corpus_dir=args.corpus)


def _ask(args: argparse.Namespace) -> int:
    engine = _engine(args)
    reply = engine.ask(args.question, top_k=args.top_k)
    if args.json:
        print(json.dumps(reply.public(), ensure_ascii=False, indent=2))
        return 0
    print(reply.answer)
    for c in reply.citations:
        print(f"  [{c['id']}] {c['text'][:160]}{'…' if len(c['text']) > 160 else ''}")
    for f in reply.figures:
        print(f"  figure: {f['label']} = {f['value']} {f['unit']} ({f.get('period') or '-'})")
    return 0


def _eval(args: argparse.Namespace) -> int:
    from .evaluate import evaluate, format_report

    results = evaluate(_engine(args), args.set)
    print(format_report(results, verbose=args.verbose))
    return 0


def _serve(args: argparse.Namespace) -> int:
    from .server import serve
    from .settings import Settings

    settings = Settings()
    serve(settings, host=args.host or settings.host, port=args.port or settings.port,
          workers=args.workers or settings.workers)
    return 0


def _report(args: argparse.Namespace) -> int:
    from .feedback import report
    from .settings import Settings

    print(report(Settings()))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="bot", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="clean the corpus and build the index")
    b.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    b.add_argument("--out", type=Path, default=DEFAULT_INDEX)
    b.add_argument("--if-stale", action="store_true",
                   help="only build when the index is missing, corrupt or stale")
    b.add_argument("--hnsw-threshold", type=int, default=20_000,
                   help="use HNSW instead of exact search from this many passages on")
    b.add_argument("--no-reuse", action="store_true",
                   help="embed every text again, even those the index at --out already holds")
    b.add_argument("--no-multilingual", action="store_true",
                   help="skip the multilingual-e5 vectors (~65 passages/s on 2 cores, most of a "
                        "large build); questions in Chinese are then refused, saying why")
    b.set_defaults(func=_build)

    for name, func, helptext in (("ask", _ask, "answer one question"),
                                 ("eval", _eval, "run a question set in-process")):
        a = sub.add_parser(name, help=helptext)
        if name == "ask":
            a.add_argument("question")
            a.add_argument("--json", action="store_true", help="print the /ask JSON")
            a.add_argument("--top-k", type=int, default=3)
        else:
            a.add_argument("set", type=Path, help="a .jsonl question set")
            a.add_argument("--verbose", action="store_true")
        a.add_argument("--index", type=Path, default=DEFAULT_INDEX)
        a.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
        a.set_defaults(func=func)

    s = sub.add_parser("serve", help="serve the HTTP API and pages")
    s.add_argument("--host")
    s.add_argument("--port", type=int)
    s.add_argument("--workers", type=int)
    s.set_defaults(func=_serve)

    r = sub.add_parser("report", help="most asked unanswered questions and feedback counts")
    r.set_defaults(func=_report)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except BotError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
