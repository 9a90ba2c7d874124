"""Helpers shared by the benchmark scripts: percentiles, tables, results files, child RSS.

Not a benchmark itself. Scripts run as ``.venv/bin/python benchmarks/NAME.py`` import it as
``common`` (the script's directory is on ``sys.path``) and get the repository root on the
path for ``bot`` too.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
CORPUS = ROOT / "corpus"
DEV_SET = ROOT.parent / "shared" / "eval" / "dev.jsonl"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def snapshot_code(work: Path) -> Path:
    """Copy ``bot/`` and ``web/`` into ``work/code`` and import ``bot`` from there.

    Other engineers edit the tree while a benchmark runs, and the index records a hash of the
    pipeline's source: a build and a later load must see the same code. Call before anything
    imports ``bot``; pass the returned root as ``cwd`` to :func:`run_child`.
    """
    import shutil

    if "bot" in sys.modules:
        raise RuntimeError("snapshot_code must run before bot is imported")
    dest = work / "code"
    shutil.rmtree(dest, ignore_errors=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("bot", "web"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, dest / name, ignore=ignore)
    sys.path.insert(0, str(dest))
    return dest


def pct(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0–100) of ``values``, linear interpolation; NaN if empty."""
    if not values:
        return float("nan")
    s = sorted(values)
    pos = (len(s) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def summary(seconds: Sequence[float]) -> dict[str, float]:
    """p50/p90/p99/mean in milliseconds and the sample count."""
    return {"n": len(seconds), "p50_ms": ms(pct(seconds, 50)), "p90_ms": ms(pct(seconds, 90)),
            "p99_ms": ms(pct(seconds, 99)),
            "mean_ms": ms(sum(seconds) / len(seconds)) if seconds else float("nan")}


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None,
          title: str | None = None) -> str:
    """A plain aligned text table of ``rows`` (dicts) and print it."""
    if not rows:
        return ""
    cols = list(columns or rows[0].keys())

    def cell(v: Any) -> str:
        if isinstance(v, float):
            return f"{v:,.3f}" if abs(v) < 10 else f"{v:,.1f}"
        return str(v)

    cells = [[cell(r.get(c, "")) for c in cols] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(cols)]
    lines = []
    if title:
        lines.append(f"\n## {title}")
    lines.append("  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)))
    lines.append("  ".join("-" * w for w in widths))
    for row in cells:
        lines.append("  ".join(v.rjust(w) if _numeric(v) else v.ljust(w)
                               for v, w in zip(row, widths, strict=True)))
    text = "\n".join(lines)
    print(text, flush=True)
    return text


def _numeric(v: str) -> bool:
    return v.replace(",", "").replace(".", "", 1).replace("-", "", 1).isdigit()


def machine() -> dict[str, Any]:
    """Where the figures were measured: the machine is shared and noisy, so say so."""
    versions = {}
    for name in ("torch", "onnxruntime", "faiss-cpu", "sentence-transformers", "bm25s",
                 "numpy", "tokenizers"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {"cpus": os.cpu_count(), "loadavg": os.getloadavg(), "python": platform.python_version(),
            "platform": platform.platform(), "versions": versions,
            "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}


def write_results(name: str, data: dict[str, Any]) -> Path:
    """Write ``benchmarks/results/NAME.json`` (git-ignored) and return its path."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    payload = {"benchmark": name, "machine": machine(), **data}
    path.write_text(json.dumps(payload, indent=1, ensure_ascii=False, default=str) + "\n",
                    encoding="utf-8")
    print(f"\nresults: {path.relative_to(ROOT)}")
    return path


def run_child(code: str, timeout: float = 600, env: dict[str, str] | None = None,
              cwd: Path = ROOT) -> dict:
    """Run ``code`` in a fresh interpreter (``cwd``: where ``bot`` is imported from, the
    repository root by default); it must print one JSON object as its last stdout line, and
    may call ``peak_rss_mb()`` (defined for it, see :data:`PEAK_RSS_SNIPPET`). Adds
    ``wall_s``."""
    code = PEAK_RSS_SNIPPET + code
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, **(env or {})})
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"child failed ({done.returncode}):\n{done.stderr[-3000:]}")
    out = json.loads(done.stdout.strip().splitlines()[-1])
    out["wall_s"] = round(wall, 3)
    return out


# For child code: peak RSS of *this* process in MB. ``ru_maxrss`` is wrong in a child: Linux
# carries the parent's RSS at fork into the child's maximum across exec. VmHWM belongs to the
# process's own address space.
PEAK_RSS_SNIPPET = """
def peak_rss_mb():
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    import resource
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
"""


def peak_rss_mb() -> float:
    """Peak RSS of this process in MB (VmHWM; see :data:`PEAK_RSS_SNIPPET`)."""
    scope: dict[str, Any] = {}
    exec(PEAK_RSS_SNIPPET, scope)
    return scope["peak_rss_mb"]()


def dir_size(path: Path) -> dict[str, int]:
    """Bytes per file under ``path`` (relative names) plus ``"total"``."""
    sizes = {str(p.relative_to(path)): p.stat().st_size for p in sorted(path.rglob("*"))
             if p.is_file()}
    sizes["total"] = sum(sizes.values())
    return sizes


def mb(n: float) -> float:
    return round(n / 1e6, 2)
