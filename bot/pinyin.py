"""Pinyin spellings of Chinese names, without pypinyin's phrase dictionary in the server.

pypinyin spells a word right only with its phrase dictionary ("重庆" is Chongqing, where the
characters alone give "Zhongqing"; "厦门" Xiamen, not "Shamen": 64 of jieba's 1,877 common
place names differ), and importing that dictionary costs each worker 56 MB of its 500 MB.
The service only ever spells the names jieba can tag (tags ``ns``, ``nr``, ``nz`` in the
dictionary :mod:`bot.zh` gives it: 23.5k words) and, for words jieba finds without a
dictionary entry, single characters. So those spellings are worked out once, by pypinyin with
its phrases, in a child process, and kept in a JSON table next to jieba's reduced dictionary
in the temp directory (0.7 MB; one per pypinyin and jieba version). Loading it costs ~6 MB.
If the child process fails, pypinyin is imported here instead: right, only bigger.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import tempfile
import threading
from importlib.metadata import version
from pathlib import Path

log = logging.getLogger(__name__)

NAME_TAGS = ("ns", "nz", "nr")  # places, other proper nouns, people
HAN = range(0x4E00, 0x9FA6)  # the CJK Unified Ideographs that pypinyin spells
FORMAT = 1
_lock = threading.Lock()
_table: dict[str, dict[str, str]] | None = None


def table_path() -> Path:
    from . import zh

    return Path(tempfile.gettempdir()) / (
        f"bot-pinyin-{FORMAT}-{version('pypinyin')}-{version('jieba')}-{zh.KEEP_FREQ}.json")


def spell(text: str) -> str:
    """``text`` in toneless pinyin syllables run together ("重庆" → "chongqing"), as
    pypinyin's ``lazy_pinyin`` with its phrase dictionary gives it for a name jieba knows;
    characters it cannot spell are kept."""
    words, chars = _load()
    if text in words:
        return words[text]
    return "".join(chars.get(c, c) for c in text)


def syllables() -> frozenset[str]:
    """Every syllable a common Han character is spelt with."""
    return frozenset(s for s in _load()[1].values() if s.isascii() and s.isalpha())


def warm() -> None:
    _load()


def _load() -> tuple[dict[str, str], dict[str, str]]:
    global _table
    with _lock:
        if _table is None:
            _table = _read_or_make(table_path())
        return _table["words"], _table["chars"]


def _read_or_make(path: Path) -> dict[str, dict[str, str]]:
    for attempt in (0, 1):
        try:
            data = json.loads(path.read_text("utf-8"))
            if data.get("format") == FORMAT:
                return data
        except (OSError, ValueError, AttributeError):
            pass
        if attempt == 0:
            try:
                subprocess.run([sys.executable, "-m", "bot.pinyin", str(path)], check=True,
                               timeout=300, capture_output=True)
            except (OSError, subprocess.SubprocessError) as e:
                log.warning("spelling names with pypinyin in this process (+56 MB): the "
                            "table %s could not be made (%s)", path, e)
                break
    return make()


def make() -> dict[str, dict[str, str]]:
    """The table, from pypinyin with its phrase dictionary (imported here)."""
    from pypinyin import lazy_pinyin

    from . import zh

    source = zh.reduced_dictionary() or zh.full_dictionary()
    words: set[str] = set()
    for line in source.read_text("utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2] in NAME_TAGS:
            words.update((parts[0], zh.without_admin_suffix(parts[0])))
    return {"format": FORMAT,
            "words": {w: "".join(lazy_pinyin(w)) for w in sorted(words) if w},
            "chars": {chr(c): lazy_pinyin(chr(c))[0] for c in HAN}}


def _write(path: Path) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(make(), ensure_ascii=False), "utf-8")
    os.replace(tmp, path)  # atomic: a concurrent worker reads all of it or none


if __name__ == "__main__":
    _write(Path(sys.argv[1]))
