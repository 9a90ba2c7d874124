"""Pinyin spellings of Chinese names, without pypinyin's phrase dictionary in the server.

pypinyin spells a word right only with its phrase dictionary ("重庆" is Chongqing, where the
characters alone give "Zhongqing"; "厦门" Xiamen, not "Shamen": 64 of jieba's 1,877 common
place names differ), and importing that dictionary costs each worker 56 MB of its 500 MB.
The service only ever spells the names jieba can tag (tags ``ns``, ``nr``, ``nz`` in the
dictionary :mod:`bot.zh` gives it: 23.5k words) and, for words jieba finds without a
dictionary entry, single characters. So those spellings are worked out once, by pypinyin with
its phrases, in a child process, and kept in a JSON table next to jieba's reduced dictionary
in the temp directory (0.9 MB; one per pypinyin and jieba version; see
:mod:`bot.tempcache`). Loading it costs ~6 MB.
"""

from __future__ import annotations

import json
import sys
import tempfile
import threading
from importlib.metadata import version
from pathlib import Path

from . import tempcache

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


def prepare() -> bool:
    """Make the table now if it is missing (``build`` does, so that a server's first
    questions on a new machine do not wait ~1.5 s for it)."""
    return tempcache.ensure(table_path(), __name__, _parse)


def _load() -> tuple[dict[str, str], dict[str, str]]:
    global _table
    with _lock:
        if _table is None:
            _table = tempcache.read_or_make(table_path(), __name__, _parse, make)
        return _table["words"], _table["chars"]


def _parse(raw: bytes) -> dict[str, dict[str, str]]:
    data = json.loads(raw)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("not a pinyin table of this format")
    return data


def make() -> str:
    """The table as JSON, from pypinyin with its phrase dictionary (imported here)."""
    from pypinyin import lazy_pinyin

    from . import zh

    source = zh.reduced_dictionary() or zh.full_dictionary()
    words: set[str] = set()
    for line in source.read_text("utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2] in NAME_TAGS:
            words.update((parts[0], zh.without_admin_suffix(parts[0])))
    return json.dumps({"format": FORMAT,
                       "words": {w: "".join(lazy_pinyin(w)) for w in sorted(words) if w},
                       "chars": {chr(c): lazy_pinyin(chr(c))[0] for c in HAN}},
                      ensure_ascii=False)


if __name__ == "__main__":
    tempcache.write(Path(sys.argv[1]), make())
