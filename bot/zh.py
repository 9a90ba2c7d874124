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


def names(question: str) -> list[str]:
    """Proper names in a Chinese question, romanised: "杭州的数字经济" → ["Hangzhou"]."""
    pseg, lazy_pinyin = _load()
    out = []
    for word, flag in pseg.cut(question):
        if not re.fullmatch(r"[\u4e00-\u9fff]{2,}", word) or flag not in _NAME_TAGS:
            continue
        # jieba tags many two- and three-character place names "nz" (other proper noun), and
        # longer "nz" words are mostly terms ("新兴产业"), not names.
        if flag == "nz" and len(word) > 3 and not _ADMIN_SUFFIX.search(word):
            continue
        base = _ADMIN_SUFFIX.sub("", word) or word
        out.append("".join(lazy_pinyin(base)).capitalize())
    return out
