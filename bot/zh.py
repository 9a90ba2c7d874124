"""Names in Chinese questions, in the corpus's own (pinyin) spelling.

jieba's part-of-speech tags find place and proper names ("杭州", "义乌"), and pypinyin
spells them the way an English document does ("Hangzhou", "Yiwu"), so a question about a
city the corpus never mentions can be refused like its English twin. Both load a dictionary
on first use (about a second), so they are imported lazily and can be warmed in the
background.
"""

from __future__ import annotations

import logging
import re
import threading

_lock = threading.Lock()
_NAME_TAGS = ("ns", "nz", "nr")  # places, other proper nouns, people; "nt" is mostly terms
_SCOPE_WORDS = frozenset({"在", "于", "全", "居"})
_ADMIN_SUFFIX = re.compile(r"(?:市|省|县|区|镇|自治区)$")


def _load():
    with _lock:
        import jieba
        import jieba.posseg as pseg
        from pypinyin import lazy_pinyin

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        return pseg, lazy_pinyin


def warm() -> None:
    """Load the dictionaries now rather than on the first Chinese question."""
    _load()


def names(question: str) -> list[tuple[str, bool]]:
    """Proper names in a Chinese question, romanised, each with whether it only places the
    question ("在浙江排名" → ("Zhejiang", True)) rather than names its subject
    ("杭州的数字经济" → ("Hangzhou", False))."""
    pseg, lazy_pinyin = _load()
    out = []
    previous = ""
    for word, flag in pseg.cut(question):
        is_name = re.fullmatch(r"[\u4e00-\u9fff]{2,}", word) and flag in _NAME_TAGS
        # jieba tags many two- and three-character place names "nz" (other proper noun), and
        # longer "nz" words are mostly terms ("新兴产业"), not names.
        if is_name and not (flag == "nz" and len(word) > 3 and not _ADMIN_SUFFIX.search(word)):
            base = _ADMIN_SUFFIX.sub("", word) or word
            out.append(("".join(lazy_pinyin(base)).capitalize(), previous in _SCOPE_WORDS))
        previous = word
    return out
