"""Run a question set in-process and judge it by the rules of the shared scorer.

The rules mirror ``shared/eval/score.py`` (which judges a running service over HTTP): the
answer text must contain one of ``answer_any`` (case and thousands separators ignored), one
of the first two figures must carry the expected value (within 0.5%) and unit, one of the
first three citations must contain one of ``passage_any``, and ``abstain`` cases must come
back with ``answered: false``. Only the last turn of a conversation is judged.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from .engine import Engine

UNITS = {"rmb": "RMB", "cny": "RMB", "yuan": "RMB", "%": "%", "percent": "%", "count": "count",
         "rank": "rank", "index": "index", "years": "years", "year": "years", "date": "date"}


@dataclass
class Result:
    id: str
    kind: str
    ok: bool
    why: list[str] = field(default_factory=list)
    answer: str = ""
    seconds: float = 0.0


def _norm(s: str | None) -> str:
    s = (s or "").lower()
    s = re.sub(r"(?<=\d),(?=\d{3})", "", s)
    return re.sub(r"\s+", " ", s)


def judge(case: dict, ans: dict) -> list[str]:
    """Why ``ans`` fails ``case`` (empty when it passes)."""
    if case.get("abstain"):
        return [] if not ans["answered"] else [f"should abstain: {ans['answer'][:80]!r}"]
    if not ans["answered"]:
        return [f"abstained: {ans['answer'][:80]!r}"]
    why = []
    text = _norm(ans["answer"])
    if case.get("answer_any") and not any(_norm(a) in text for a in case["answer_any"]):
        why.append(f"answer lacks {case['answer_any']}: {ans['answer'][:100]!r}")
    if want := case.get("figure"):
        ok = any(
            f.get("value") is not None
            and abs(float(f["value"]) - want["value"]) <= 0.005 * abs(want["value"])
            and UNITS.get(str(f.get("unit")).lower(), f.get("unit")) == want["unit"]
            for f in ans["figures"][:2]
        )
        if not ok:
            got = [(f.get("value"), f.get("unit")) for f in ans["figures"][:2]]
            why.append(f"top figures {got}, want {want['value']} {want['unit']}")
    if case.get("passage_any"):
        cites = " | ".join(_norm(c["text"]) for c in ans["citations"][:3])
        if not any(_norm(p) in cites for p in case["passage_any"]):
            why.append(f"no top-3 citation holds {case['passage_any']}")
    return why


def evaluate(engine: Engine, path: Path) -> list[Result]:
    results = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        history: list[dict] = []
        started = time.perf_counter()
        for q in case["turns"]:
            reply = engine.ask(q, history)
            history.append(reply.state)
        ans = reply.public()
        why = judge(case, ans)
        results.append(Result(case["id"], case["kind"], not why, why, ans["answer"],
                              time.perf_counter() - started))
    return results


def format_report(results: list[Result], verbose: bool = False) -> str:
    kinds: dict[str, list[int]] = {}
    lines = []
    for r in results:
        k = kinds.setdefault(r.kind, [0, 0])
        k[0] += r.ok
        k[1] += 1
        if verbose or not r.ok:
            mark = "ok  " if r.ok else "FAIL"
            lines.append(f"{mark} {r.id:<14} {'; '.join(r.why) or r.answer[:90]}")
    passed = sum(r.ok for r in results)
    lines.append("by kind: " + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(kinds.items())))
    ms = sorted(r.seconds * 1000 for r in results) or [0.0]
    lines.append(f"latency ms per case: p50 {ms[len(ms) // 2]:.1f}, max {ms[-1]:.1f}")
    lines.append(f"score: {passed}/{len(results)} passed")
    return "\n".join(lines)
