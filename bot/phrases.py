"""Noun and verb phrases around a figure, and how a phrase becomes a label.

Reads a sentence's masked copy clause by clause (``clause_left``): the noun phrase that ends
where a figure starts (``trailing_np``), the one a count counts (``leading_np``), the verb
phrase after it (``verb_phrase_after``). ``clean`` turns a phrase into a label; ``drop_subject``
and ``is_actor`` leave out the actor the document is about ("Yiwu", "the city").
"""

from __future__ import annotations

import re

from . import numbers as nb
from .reading import Reading
from .vocabulary import (
    AUX,
    DETERMINERS,
    ED_ADJECTIVES,
    ING_VERBS,
    IRREGULAR_PAST,
    MODALS,
    NP_PREPS,
    PAST,
    PRESENT_VERBS,
    STOP_BACK,
)

_TOKEN = re.compile(r"[\w’'&-]+|[^\w\s]")
_BOUNDARY = ",;:(，；：（。"
_QUOTES = "“”\"‘"


def clause_left(masked: str, pos: int, cjk: bool = False) -> str:
    """The text of the clause before ``pos``: back to the last , ; : ( or sentence start."""
    cut = max(masked.rfind(c, 0, pos) for c in _BOUNDARY + ("、" if cjk else ""))
    return masked[cut + 1:pos]


def _is_verb(toks: list[re.Match[str]], i: int) -> bool:
    w = toks[i].group().lower()
    if w in AUX or w in ING_VERBS or w in PRESENT_VERBS or w in IRREGULAR_PAST - {"set"}:
        return True
    if i and toks[i - 1].group().lower() in MODALS:
        return True  # "can receive subsidies of ...": a verb after a modal
    if w.endswith("ed") and len(w) > 4 and w not in ED_ADJECTIVES:
        prev = toks[i - 1].group().lower() if i else ""
        return prev not in DETERMINERS and not prev.endswith(("’s", "'s"))
    return False


def trailing_np(s: Reading, end: int, strip_aux: bool = False) -> str:
    """The noun phrase ending at ``end`` in the clause: "Yiwu has developed an industrial
    fund" -> "an industrial fund"; "the volume of Yiwu’s e-commerce" whole."""
    left = clause_left(s.masked, end)
    base = end - len(left)
    if strip_aux:
        left = re.sub(r"(?i)(?:\s+(?:has|have|had|was|were|is|are|been|being|will|would))+\s*$",
                      "", left)
    toks = list(_TOKEN.finditer(left))
    start = None
    for i in range(len(toks) - 1, -1, -1):
        w = toks[i].group()
        lw = w.lower()
        if w in _QUOTES or w in "+&":
            continue
        if not (w[0].isalnum() or w[0] == "_"):
            break
        if lw in DETERMINERS:
            start = toks[i].start()
            if i and toks[i - 1].group().lower() in NP_PREPS:
                continue
            break
        if lw in STOP_BACK or _is_verb(toks, i):
            break
        start = toks[i].start()
    if start is None:
        return ""
    phrase = s.text[base + start:base + len(left.rstrip())]
    return re.sub(rf"(?i)^(?:{'|'.join(NP_PREPS)}|and)\s+", "", phrase).strip()


def leading_np(s: Reading, pos: int) -> tuple[int, int] | None:
    """The noun phrase a count counts: "3692 5G base stations", "five counties, cities, and
    districts in Zhejiang", "23 key projects of smart factories and digital workshops"."""
    m = s.masked
    listed = re.match(r"\s+[\w-]+(?:,\s+[\w-]+)+,?\s+(?:and|or)\s+[\w-]+", m[pos:])
    toks = list(_TOKEN.finditer(m, pos + (listed.end() if listed else 0)))
    start = pos + len(m[pos:]) - len(m[pos:].lstrip())
    end = pos + listed.end() if listed else None
    for i, t in enumerate(toks[:14]):
        w, lw = t.group(), t.group().lower()
        nxt = toks[i + 1].group() if i + 1 < len(toks) else ""
        if not (w[0].isalnum() or w[0] == "_" or w in "+&"):
            break
        if lw in ("of", "for") or (lw == "in" and nxt[:1].isupper()):
            continue
        if lw in ("and", "or"):  # "smart factories and digital workshops", not "and made"
            starts_figure = i + 1 < len(toks) and any(o.start == toks[i + 1].start()
                                                      for o in s.mentions)
            nl = nxt.lower()
            if not nxt or starts_figure or nl in AUX | DETERMINERS | IRREGULAR_PAST \
                    or nl.endswith("ed"):
                break
            continue
        if lw in AUX | STOP_BACK | {"in", "on", "to"} or lw in ING_VERBS:
            break
        if (lw.endswith("ed") and lw not in ED_ADJECTIVES and (i or listed)) or \
                lw in IRREGULAR_PAST:
            break
        end = t.end()
    if end is None:
        return None
    while True:  # no dangling "of"/"and" at the end
        trimmed = re.sub(r"(?i)\s+(?:of|for|in|and|or)$", "", m[start:end])
        if len(trimmed) == end - start:
            return start, end
        end = start + len(trimmed)


def verb_phrase_after(s: Reading, pos: int) -> str:
    """"... were selected as provincial-level programs" -> "selected as provincial-level
    programs"; skips an apposition (", Kuaishou and Douyin,"); stops before another figure."""
    stop = min((o.start for o in s.mentions if o.start >= pos), default=len(s.masked))
    rest = s.masked[pos:stop]
    app = re.match(r"\s*,\s*[A-Z][^,]{0,60},", rest)
    skip = app.end() if app else 0
    m = re.match(r"\s*(?:(?:have|has|had|were|was|are|is)\s+(?:been\s+)?)?"
                 rf"({PAST})\b([^,;.:(_]*)", rest[skip:])
    if not m or m.group(1) in ED_ADJECTIVES:
        return ""
    tail = s.text[pos + skip + m.start(2):pos + skip + m.end(2)]
    tail = re.sub(rf"(?i)\s+(?:{'|'.join(nb.QUALIFIERS)}|worth|of)?\s*$", "", tail)
    words = re.sub(r"\b(?:their|its|his|her|our)\s+", "", tail).split()[:8]
    return " ".join([m.group(1), *words])


_ACTORS = frozenset("city county province country town region municipality company firm it "
                    "they government".split())


def drop_subject(s: Reading, text: str) -> str:
    """Drop the actor the document is about ("Yiwu has", "Yiwu’s") from a clause."""
    text = re.sub(r"^\s*(?:[A-Z][\w-]*\s+)*[A-Z][\w-]*[’']s\s+", "", text)
    text = re.sub(rf"(?i)^\s*(?:the\s+)?(?:{'|'.join(_ACTORS)})\s+(?=(?:has|have|had|is|was|"
                  r"were|will|\w+ed)\b)", "", text)
    m = re.match(r"\s*((?:[A-Z][\w-]*\s+)*[A-Z][\w-]*)\s+(?=(?:has|have|had|is|was|were|will|"
                 r"\w+ed)\b)", text)
    if m and m.group(1).split()[0] in s.proper:
        text = text[m.end():]
    return re.sub(r"^(?:has|have|had|will)\s+(?:been\s+)?", "", text.strip())


def is_actor(s: Reading, phrase: str) -> bool:
    """Whether a subject is the one the document is about ("Yiwu", "the city"), which a
    label leaves out."""
    words = re.sub(r"(?i)^(?:the|its|their)\s+", "", phrase).split()
    if len(words) == 1:  # a lone name or "the city"
        return words[0].lower() in _ACTORS or words[0][:1].isupper()
    return bool(words) and words[0] in s.proper


_FLIP = re.compile(r"^(?P<x>[\w-]+(?: [\w-]+)?) of (?P<y>[\w-]+(?: [\w-]+)?)$")
_NO_FLIP = frozenset("number share proportion percentage part rate ratio total amount list "
                     "group index".split())


def clean(s: Reading, phrase: str, flip: bool = True) -> str:
    """A label from a phrase: no quotes, no leading article, no "Yiwu’s", lower-case start,
    and "volume of e-commerce" said as "e-commerce volume"."""
    p = unquote(phrase)
    p = re.sub(r"\b(?:[A-Z][\w-]*\s+)*[A-Z][\w-]*[’']s\s+", "", p)
    p = re.sub(r"(?i)\b(?:the\s+)?(?:city|province|country|county|municipality)[’']s\s+", "", p)
    p = re.sub(r"(?i)^(?:(?:the|a|an|its|their|moreover|meanwhile|also|year-on-year)\s+)+",
               "", p.strip())
    p = re.sub(r"\s+", " ", p).strip(" ,;:.")
    first = p.split(" ")[0] if p else ""
    second = p.split(" ")[1] if " " in p else ""
    if first[:1].isupper() and first[1:].islower() and first not in s.proper and \
            not second[:1].isupper():  # "Zhejiang Aiko Solar" stays a name
        p = p[0].lower() + p[1:]
    f = _FLIP.match(p) if flip else None
    if f and f.group("x").split()[-1].lower() not in _NO_FLIP:
        p = f"{f.group('y')} {f.group('x')}"
    return p


def unquote(text: str) -> str:
    """``text`` without quotation marks; an apostrophe inside a word ("Yiwu’s") stays."""
    return re.sub(r"[“”\"‘]|(?<!\w)’|’(?!\w)", "", text)
