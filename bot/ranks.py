"""Ranks stated in words: which rank a question asks ("Which city came first in Zhejiang?"),
and whether a sentence ranks otherwise ("Yiwu ranked first in Jinhua and 16th in Zhejiang",
"the second dedicated Internet channel")."""

from __future__ import annotations

import re

_ORDINAL = (r"(?:first|second|third|fourth|fifth|top|1st|2nd|3rd|\d+th|no\.\s*1|number\s+one|"
            r"sixteenth|tenth)")
_ORDINAL_IN = re.compile(rf"\b(?P<ord>{_ORDINAL})\s+(?:in|among|across|of)\s+(?:the\s+)?"
                         r"(?P<where>(?:(?!and\b|or\b)[\w’'-]+\s*){1,4})", re.I)


_RANKED = re.compile(rf"\b(?:rank\w*|came|comes?|placed?|finish\w*|stood|stands?)\s+(?:the\s+)?"
                     rf"{_ORDINAL}\b", re.I)


def ranked_which(question: str) -> set[str]:
    """The rank a question asks names by ("Which city came first in Zhejiang …?": first),
    or an empty set."""
    if not re.match(r"^\s*(?:and\s+)?(?:which|what)\b", question, re.I):
        return set()
    m = _RANKED.search(question)
    return _ordinals(m.group(0)) if m else set()


def _ordinals(text: str) -> set[str]:
    return {m.lower().replace("1st", "first").replace("2nd", "second").replace("3rd", "third")
            for m in re.findall(rf"\b{_ORDINAL}\b", text, re.I)}


def other_rank(question: str, sentence: str) -> bool:
    """Whether ``sentence`` ranks something otherwise than the question asks: "Which city
    came first in Zhejiang?" against "Yiwu ranked first in Jinhua and 16th in Zhejiang",
    "Which city opened the first such channel?" against "the second … channel"."""
    asked, said = _ordinals(question), _ordinals(sentence)
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
        if ranked_there and not any(_ordinals(n.group("ord")) & _ordinals(m.group("ord"))
                                    for n in ranked_there):
            return True
    return False
