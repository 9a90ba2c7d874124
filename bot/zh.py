"""Names in Chinese questions, in the corpus's own (pinyin) spelling.

jieba's part-of-speech tags find place and proper names ("杭州", "义乌"), and
:mod:`bot.pinyin` spells them the way an English document does ("Hangzhou", "Yiwu"), so a
question about a city the corpus never mentions can be refused like its English twin. Both
load a dictionary on first use, so they are loaded lazily and warmed in the background once
the service says it is ready.

jieba's own dictionary has 349k words and takes ~2 s to load (one ``marshal.load`` that
holds the GIL, so every request of the process waits). Names need far less: the dictionary
jieba is given keeps the words used at least :data:`KEEP_FREQ` times and every place name
(67k words; loads in ~0.4 s), and jieba's HMM still tags words it lacks. It is written once
per jieba version next to jieba's own cache; if that fails, the full dictionary is used.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import threading
from functools import lru_cache
from pathlib import Path

from . import pinyin

log = logging.getLogger(__name__)
_lock = threading.Lock()
# Words of this frequency in jieba's dictionary are kept (and every place name): 40 keeps
# measures such as 零售额 and 交易额 (48), which cut wrongly without them (零售 + 额比, taken
# for a place).
KEEP_FREQ = 40
_NAME_TAGS = pinyin.NAME_TAGS  # "nt" (organisations) is mostly terms
_SCOPE_WORDS = frozenset({"在", "于", "全", "居"})
_ADMIN_SUFFIX = re.compile(r"(?:市|省|县|区|镇|自治区)$")
# "Top-N" lists ("百强县", the top 100 counties), which jieba's dictionary tags as places,
# or cuts into a number and a place ("百佳县": 百 + 佳县, a county of Shaanxi).
_TOP_N = re.compile(r"^[〇一二三四五六七八九十百千万两]+[强佳]$")


def _load():
    with _lock:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        if not jieba.dt.initialized:
            small = reduced_dictionary()
            try:
                if small is not None:
                    jieba.set_dictionary(str(small))
                jieba.initialize()
            except Exception as e:  # a damaged file in the temp dir: jieba's own, then
                log.warning("using jieba's full dictionary: %s could not be read (%s)", small, e)
                jieba.set_dictionary(str(full_dictionary()))
                jieba.initialize()
        import jieba.posseg as pseg  # reads its word tags from the dictionary set above

        return pseg


def keep(line: str) -> bool:
    """Whether a line of jieba's dictionary (``word freq tag``) goes into the reduced one."""
    parts = line.split()
    return len(parts) == 3 and (parts[2] == "ns" or int(parts[1]) >= KEEP_FREQ)


def full_dictionary() -> Path:
    """jieba's own dictionary file."""
    import jieba

    return Path(jieba.__file__).with_name("dict.txt")


def reduced_dictionary() -> Path | None:
    """The reduced dictionary's path (written on first use), or None to use jieba's own."""
    import jieba

    full = full_dictionary()
    dest = Path(tempfile.gettempdir()) / f"bot-jieba-{jieba.__version__}-{KEEP_FREQ}.dict.txt"
    try:
        if not dest.is_file():
            lines = [line for line in full.read_text("utf-8").splitlines() if keep(line)]
            tmp = dest.with_name(f"{dest.name}.{os.getpid()}.tmp")
            tmp.write_text("\n".join(lines) + "\n", "utf-8")
            os.replace(tmp, dest)  # atomic: a concurrent worker reads all of it or none
        return dest
    except (OSError, ValueError) as e:
        log.warning("using jieba's full dictionary: the reduced one could not be made (%s)", e)
        return None


def warm() -> None:
    """Load the dictionaries now rather than on the first Chinese question."""
    _load()
    pinyin.warm()


def without_admin_suffix(word: str) -> str:
    """``word`` without 市, 省, 县, 区, 镇 or 自治区 at its end, unless that is all of it."""
    return _ADMIN_SUFFIX.sub("", word) or word


def romanise(word: str) -> str:
    """A Chinese place name as English writes it, without its administrative suffix
    ("杭州市" → "Hangzhou")."""
    return pinyin.spell(without_admin_suffix(word)).capitalize()


def cut(text: str) -> list[str]:
    """``text`` cut into words by jieba (with the dictionary :func:`names` uses)."""
    _load()
    import jieba

    return jieba.lcut(text)


def tag(word: str) -> str | None:
    """jieba's part-of-speech tag of ``word`` in its dictionary (``n`` noun, ``v`` verb …),
    or None for a word it lacks."""
    return _load().dt.word_tag_tab.get(word)


def names(question: str) -> list[tuple[str, bool]]:
    """Proper names in a Chinese question, romanised, each with whether it only places the
    question ("在浙江排名" → ("Zhejiang", True)) rather than names its subject
    ("杭州的数字经济" → ("Hangzhou", False))."""
    return [(romanise(word), scope) for word, scope, _ in name_words(question)]


@lru_cache(maxsize=1024)  # read by understand() and again by the glossary, per question
def name_words(question: str) -> tuple[tuple[str, bool, str], ...]:
    """The proper names of a Chinese question as written, each with whether it only places
    the question (see :func:`names`) and jieba's tag (``ns`` place, ``nr`` person, ``nz``
    other). A word only jieba's HMM calls a name (one not in its dictionary, such as 额比
    cut from 零售额比去年) is not taken for one."""
    pseg = _load()
    import jieba

    out = []
    previous = ""
    for word, flag in pseg.cut(question):
        is_name = re.fullmatch(r"[\u4e00-\u9fff]{2,}", word) and flag in _NAME_TAGS
        # jieba tags many two- and three-character place names "nz" (other proper noun), and
        # longer "nz" words are mostly terms ("新兴产业"), not names.
        if is_name and not (flag == "nz" and len(word) > 3 and not _ADMIN_SUFFIX.search(word)) \
                and not _TOP_N.match(_ADMIN_SUFFIX.sub("", word)) \
                and not _TOP_N.match(_ADMIN_SUFFIX.sub("", previous + word)) \
                and jieba.dt.FREQ.get(word):
            out.append((word, previous in _SCOPE_WORDS, flag))
        previous = word
    return tuple(out)
