"""Ranks stated in words: which rank a question asks ("Which city came first in Zhejiang?"),
and whether a sentence ranks otherwise ("Yiwu ranked first in Jinhua and 16th in Zhejiang",
"the second dedicated Internet channel")."""

from __future__ import annotations

import re

from .numbers import ORDINAL_RE, parse_ordinal

# An ordinal as the figure extractor reads one ("16th", "first"), "No. 1", or "top"
_ORDINAL = rf"(?:{ORDINAL_RE}|\bno\.\s*1\b|\bnumber\s+one\b|\btop\b)"
_ORDINAL_IN = re.compile(rf"(?P<ord>{_ORDINAL})\s+(?:in|among|across|of)\s+(?:the\s+)?"
                         r"(?P<where>(?:(?!and\b|or\b)[\w’'-]+\s*){1,4})", re.I)
_RANKED = re.compile(rf"\b(?:rank\w*|came|comes?|placed?|finish\w*|stood|stands?)\s+(?:the\s+)?"
                     rf"{_ORDINAL}", re.I)


def ranked_which(question: str) -> set[int | str]:
    """The rank a question asks names by ("Which city came first in Zhejiang …?": {1}), or
    an empty set."""
    if not re.match(r"^\s*(?:and\s+)?(?:which|what)\b", question, re.I):
        return set()
    m = _RANKED.search(question)
    return ordinals(m.group(0)) if m else set()


def ordinals(text: str) -> set[int | str]:
    """The ranks ``text`` states, as numbers ("first", "1st", "No. 1" are 1; "16th" 16),
    "top" apart: it says first among few or among the leaders, no rank."""
    out: set[int | str] = set()
    for m in re.finditer(_ORDINAL, text, re.I):
        word = m.group(0).lower()
        out.add("top" if word == "top" else 1 if word.startswith(("no", "number"))
                else parse_ordinal(word) or word)
    return out


def other_rank(question: str, sentence: str) -> bool:
    """Whether ``sentence`` ranks something otherwise than the question asks: "Which city
    came first in Zhejiang?" against "Yiwu ranked first in Jinhua and 16th in Zhejiang",
    "Which city opened the first such channel?" against "the second … channel"."""
    asked, said = ordinals(question), ordinals(sentence)
    if asked and _RANKED.search(question) and not _RANKED.search(sentence):
        return True  # "which city came first …?" and no rank given
    if not asked or not said:
        return False
    if not asked & said:
        return True
    for m in _ORDINAL_IN.finditer(question):
        place = m.group("where").split()[0].rstrip("’'s").lower()
        ranked_there = [n for n in _ORDINAL_IN.finditer(sentence)
                        if place in n.group("where").lower()]
        if ranked_there and not any(ordinals(n.group("ord")) & ordinals(m.group("ord"))
                                    for n in ranked_there):
            return True
    return False
