"""Spotting the figures of a sentence: where each is, its kind, value, unit and qualifier.

Money and percentages first; then the numbers that are not figures are masked; then years,
ranks and counts. Each claims its span, so that a weaker reading cannot reuse its digits. How
numbers are written is ``bot.numbers``; whether an ordinal is a rank, or a bare number a count,
is decided here from the words around it. What a figure measures is ``bot.labels``.
"""

from __future__ import annotations

import re

from . import numbers as nb
from .phrases import clause_left
from .reading import Mention, Reading
from .vocabulary import AUX, CHANGE_TO, CN_RANK_VERB, LINK, RANK_VERB, STOP_BACK

_NAME_NOUNS = frozenset(  # "the first group of ..." names a list, it is not a rank
    "group groups batch batches round rounds phase generation half quarter time times step stage "
    "session edition day week month year place prize class tier plenary wave series".split()
)


def spot(s: Reading) -> None:
    """Find the sentence's money, percentages, years, ranks and counts, in that priority,
    each claiming its span so that a later, weaker reading cannot reuse its digits."""
    for m in _matches(s, nb.MONEY):
        g = m.groupdict()
        unit = nb.CURRENCIES.get(g["cur"].lower(), g["cur"].upper())
        bound = nb.CN_QUALIFIERS.get(g.get("post") or g.get("post2") or "")
        _add(s, m, "money", nb.scaled(g["num"], g["scale"]), unit, g["scale"],
             "between" if g.get("num2") else bound)
    for m in _matches(s, nb.PERCENT):
        g = m.groupdict()
        scale = None
        if g.get("frac"):
            value = nb.parse_fraction(g["frac"])
        elif g.get("mult"):
            value = nb.MULTIPLES[g["mult"]]
        else:
            value = nb.scaled(g["num"])
            scale = "percentage points" if g["sym"].startswith("percentage") else None
        _add(s, m, "pct", value, "%", scale, "between" if g.get("num2") else None)
    for m in _matches(s, nb.NOT_FIGURES):
        if not (m.group().startswith("No") and RANK_VERB.search(s.masked[:m.start()])):
            s.claim(m.start(), m.end(), "_")
    for m in _matches(s, nb.YEARS):
        value = nb.scaled(m.group("num"))
        if value and value < 1000:
            _add(s, m, "years", value, "years", None, None)
    for m in _matches(s, [nb.RANK_EN, nb.RANK_CN]):
        if _is_rank(s, m.start(), m.end()):
            value = nb.parse_ordinal(re.sub(r"[名位]$", "", m.group()))
            _add(s, m, "rank", value, "rank", None, None, qualify=False)
    for m in _matches(s, [nb.COUNT_EN]):
        if _is_count(s, m):
            value = nb.scaled(m.group("num"), m.group("scale"))
            _add(s, m, "count", value, "count", m.group("scale"), None)
    for m in _matches(s, [nb.COUNT_CN]):
        value = nb.scaled(m.group("num"), m.group("scale"))
        if value != 1:  # "一家" is "a company", not a count
            bound = nb.CN_QUALIFIERS.get(m.group("post") or "")
            _add(s, m, "count", value, "count", m.group("scale"), bound)
    s.mentions.sort(key=lambda x: x.start)


def _matches(s: Reading, patterns: list[re.Pattern[str]]) -> list[re.Match[str]]:
    """Matches of the patterns in the masked sentence that overlap nothing claimed yet."""
    return [m for rx in patterns for m in rx.finditer(s.masked) if s.free(m.start(), m.end())]


def _add(s: Reading, m: re.Match[str], kind: str, value: float | None, unit: str,
         scale: str | None, qual: str | None, qualify: bool = True) -> None:
    start, end = m.start(), m.end()
    if value is None or not s.free(start, end):
        return
    num_start = start
    if qualify:
        q = nb.QUALIFIER_BEFORE.search(s.masked[:start])
        qc = nb.CN_QUALIFIER_BEFORE.search(s.masked[:start])
        if q and not s.cjk(q.start()):
            start, qual = q.start(), qual or _normal_qualifier(q.group(1))
        elif qc:
            start, qual = qc.start(), qual or nb.CN_QUALIFIERS[qc.group(1)]
    if not s.free(start, end):
        start = num_start
    s.mentions.append(Mention(start, end, num_start, kind, float(value), unit, scale, qual))
    s.claim(start, end, "_")


def _normal_qualifier(q: str) -> str:
    q = q.lower()
    return "exceeding" if q.startswith("exceed") else q


def _is_rank(s: Reading, start: int, end: int) -> bool:
    """An ordinal is a rank after a ranking verb, in a chain ("first in Jinhua and 16th in
    Zhejiang"), or as "the second <thing> ... in China"; not in a name ("the first group")."""
    left = clause_left(s.masked, start)
    if s.masked[start] == "第":
        return bool(CN_RANK_VERB.search(left)) or left.endswith("、")
    if RANK_VERB.search(left):
        return True
    before = s.masked[:start]
    if re.search(r"(?:\band|,)\s+$", before) and any(m.kind == "rank" for m in s.mentions):
        last = max((m for m in s.mentions if m.kind == "rank"), key=lambda m: m.end)
        return not any(c in s.masked[last.end:start] for c in ";(")
    if re.search(r"[,;]\s*$", before) and re.match(r"\s+(?:in|among)\s+[A-Z]", s.masked[end:]):
        return True  # "..., second in Jinhua"
    if re.search(r"(?i)\bthe\s+$", before):
        nxt = re.match(r"\s+([\w-]+)", s.masked[end:])
        scope = re.search(r"\b(?:in|among)\s+[^,;.]*?(?:[A-Z]\w+|countr(?:y|ies)|world|"
                          r"province|nation|cit(?:y|ies)|count(?:y|ies))\b", s.masked[end:])
        return bool(nxt and nxt.group(1).lower() not in _NAME_NOUNS and scope)
    return False


def _is_count(s: Reading, m: re.Match[str]) -> bool:
    """A bare number is a count when a noun follows it ("15 companies") or a linking verb
    precedes it ("the index is 104.81"); "one", years and stray digits are not."""
    if not s.free(m.start(), m.end()):
        return False
    word = m.group("num").lower()
    if word == "one":
        return False  # "one of the world's top 500 companies"
    after = s.masked[m.end():]
    nxt = re.match(r"\s+([\w’'-]+)", after)
    w = nxt.group(1) if nxt else ""
    noun = (w[:1].islower() or w[:1] == "_" or bool(re.fullmatch(r"[A-Z]{2,}s?", w))) and (
        w.lower() not in AUX | STOP_BACK | {"of", "and", "or", "in", "on", "for", "to", "from"})
    if re.fullmatch(r"(?:19|20)\d\d", word) and not (noun and w.endswith("s")):
        return False  # a year without a preposition: "2021 was a record"
    left = clause_left(s.masked, m.start())
    linked = bool(LINK.search(left) or CHANGE_TO.search(left))
    return noun or linked
