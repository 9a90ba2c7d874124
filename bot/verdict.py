"""Yes or no to a question that holds a figure against a bound or claims a value: "Did Yiwu
build more than 4,000 5G base stations?" is answered "No: 3,692 …", "Did e-commerce exceed
300 billion yuan?" "Yes: 371.5 bn RMB …", "My colleague says the output was 50 billion RMB"
"No: 45 bn RMB …".

The bound is read by the same extractor that reads the documents (:func:`bot.figures.
extract_text`), so "over three thousand" and "300 billion yuan" are values with units. A
figure the document itself bounds ("more than 400m RMB") settles only what its bound settles:
asked "more than 500m?", it says neither yes nor no.
"""

from __future__ import annotations

import re

from .accept import in_some_form
from .figures import extract_text
from .models import Figure
from .numbers import parse_number
from .ranks import ordinals

YES_NO = re.compile(r"^\s*(?:and\s+)?(?:did|does|do|is|was|were|are|has|have|had)\b", re.I)
_ABOVE = ("more than", "over", "above", "greater than", "beyond", "in excess of", "exceeding",
          "at least", "upwards of")
_BELOW = ("less than", "under", "below", "fewer than", "at most", "no more than")
_PASS = re.compile(r"\b(?:exceed(?:ed|s)?|surpass(?:ed|es)?|top(?:ped|s)?|pass(?:ed|es)?|"
                   r"beat|reach(?:ed|es)?|hit|break|broke)\b", re.I)
_MORE = ("bigger", "larger", "higher", "greater", "more")
_THAN = re.compile(r"\b(bigger|larger|higher|greater|more|smaller|lower|less|fewer)\s+than\s+"
                   r"(?:about\s+|around\s+|roughly\s+|nearly\s+|almost\s+)?$", re.I)
_CLAIM = re.compile(r"\b(?:says?|said|claims?|claimed|heard|read|told|thinks?|believes?|wrote|"
                    r"writes|reported|is it (?:true|right|correct)|am i right)\b|"
                    r"对吗|对不对|是吗|是不是|听说|据说|有人说|真的吗|没错吧|\d[^?？]*吗\s*[?？]?\s*$",
                    re.I)
# "50亿" in a question about an amount of RMB is 50亿元
_ZH_BARE_SCALE = re.compile(r"(\d)\s*(亿|万)(?![元\d])")
_ABOUT = ("about", "around", "nearly", "almost", "approximately", "roughly", "some")
# "in the top ten", "among the top 3", "a top-five city": a rank at most that
_TOP = re.compile(r"\btop[- ](?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|"
                  r"twenty|fifty|hundred)\b", re.I)


_NEGATION = re.compile(r"\b(?:not|no|never|neither|nor|without|none|cannot)\b|n[’']t\b", re.I)


def affirmed(question: str, sentence: str, words: set[str], said: set[str]) -> bool:
    """Whether ``sentence`` says yes to the yes/no ``question`` outright: every one of the
    question's ``words`` is among the sentence's words ``said`` (in some form), and nothing
    in it is negated ("Did SAP build an innovation center in Yiwu?": "SAP … has built an
    innovation center in Yiwu"). A question of two alternatives ("… or …?") is not."""
    if not YES_NO.match(question) or re.search(r"\bor\b", question, re.I) or not words:
        return False
    return in_some_form(words, said) == words and not _NEGATION.search(sentence)


def claimed_unit(question: str) -> str | None:
    """The unit of the value a claim or a yes/no question states ("about 105 sessions":
    count), or None."""
    if not (_CLAIM.search(question) or YES_NO.match(question)):
        return None
    return stated_unit(question)


def stated_unit(question: str) -> str | None:
    """The unit of the first value ``question`` states, whatever it asks ("Why did the
    output drop by 66.7%?": %), or None."""
    found = next((b for b in extract_text(question) if b.unit and b.value is not None
                  and b.unit != "date"), None)
    if found is None or found.unit == "count" and _SCALED.search(found.text):
        return None  # "it was 50 billion": of money or of things, the question does not say
    return found.unit


_SCALED = re.compile(r"\b(?:billion|million|trillion|bn|mn|m)\b|亿|万", re.I)
_FELL = re.compile(r"\b(?:shr[iu]nk|shrank|shrunken|f[ae]ll|fallen|falls|drop(?:ped|s)?|"
                   r"declin(?:e|ed|es|ing)|decreas(?:e|ed|es|ing)|contract(?:ed|s)?|slump(?:ed|s)?|"
                   r"plung(?:e|ed|es)|dip(?:ped)?|went\s+down|go\s+down|lower)\b", re.I)


def says_it_fell(question: str) -> bool:
    """Whether ``question`` takes a fall for granted ("Why did the output shrink in 2021?")."""
    return bool(_FELL.search(question))


def reversed_change(question: str, f: Figure) -> bool:
    """Whether ``question`` states the change ``f`` gives the other way round: "the 66.7%
    drop in output" of a growth of 66.7% (a fall is read as a negative value)."""
    if f.unit != "%" or not f.value or not re.search(r"\d\s*(?:%|percent)", question, re.I):
        return False  # (the extractor, ~60 µs a question, is run only on a stated percentage)
    return any(b.unit == "%" and b.value and b.value * f.value < 0
               for b in extract_text(question))


def verdict(question: str, f: Figure, presumed: bool = False) -> str | None:
    """"Yes", "No", or None when ``question`` is not a yes/no question against a bound of
    ``f``'s unit, nor a claim of a value of it ("my colleague says it was 50 billion"), or
    when ``f`` as the document gives it cannot settle it. ``presumed``: the question takes
    the value it states for granted ("Why did the output drop by 66.7%?"), which is then
    read as a claim."""
    claim = presumed or bool(_CLAIM.search(question))
    if not (YES_NO.match(question) or claim) or f.value is None:
        return None
    if f.unit == "rank":
        return _rank_verdict(question, float(f.value), f.scope)
    if f.unit == "%" and (m := _TIMES_OVER.search(question)):
        # "Did the added value more than double?": a growth of over 100%
        limit = {"doub": 100.0, "trip": 200.0, "quad": 300.0}[m.group("n").lower()[:4]]
        value = float(f.value)
        return "Yes" if (value > limit if m.group("more") else value >= limit) else "No"
    if f.unit == "RMB":
        question = _ZH_BARE_SCALE.sub(r"\1\2元", question)
    # ("it was 50 billion" of an amount of RMB is 50 billion RMB)
    bound = next((b for b in extract_text(question) if b.value is not None and (
        b.unit == f.unit or f.unit == "RMB" and b.unit == "count" and _SCALED.search(b.text))),
                 None)
    if bound is None:
        return None
    asked = (bound.qualifier or "").lower()
    before = question[: question.lower().find(bound.text.lower())]
    if m := _THAN.search(before):  # "bigger than (about) 20 bn yuan": a bound
        asked = "more than" if m.group(1).lower() in _MORE else "less than"
    value, claimed = float(f.value), float(bound.value)
    have = (f.qualifier or "").lower()
    if asked in _ABOUT:  # "is it true it came to roughly 14 billion?": near enough, or not
        off = abs(value - claimed) / abs(claimed) if claimed else 1.0
        return "Yes" if off <= 0.05 and have not in _ABOVE + _BELOW else \
            "No" if off > 0.10 and _settles(have, value, claimed) else None
    if not asked and (claim or not _PASS.search(question)):
        # a value claimed or asked outright ("was it 50 billion?"): the same, or not
        if have in _ABOVE + _BELOW + _ABOUT:
            # "more than 400m" is not 300m, though it may be 450m
            return "No" if _settles(have, value, claimed) and have not in _ABOUT else None
        same = abs(value - claimed) <= 0.005 * abs(claimed)
        return "Yes" if same else "No"
    if asked in _ABOVE or (not asked and _PASS.search(before)):
        above, inclusive = True, asked == "at least" or bool(re.search(r"\breach|\bhit", before))
    elif asked in _BELOW:
        above, inclusive = False, asked in ("at most", "no more than")
    else:
        return None
    limit = claimed
    if have in _ABOUT and abs(value - limit) <= 0.05 * abs(limit):
        return None  # "about 400m" against 400m: too close to call
    if have in _ABOVE and value < limit:
        return None  # "more than 400m" may or may not be more than 500m
    if have in _BELOW and value > limit:
        return None
    holds = (value >= limit if inclusive else value > limit) if above else (
        value <= limit if inclusive else value < limit)
    return "Yes" if holds else "No"


_TIMES_OVER = re.compile(r"\b(?P<more>more\s+than\s+|over\s+)?(?P<n>double|triple|quadruple)d?\b",
                         re.I)
_HIGHEST = re.compile(r"\bthe\s+(?:highest|best|largest|biggest|leading|greatest|most|top)\s+"
                      r"(?:[\w-]+\s+){0,5}?(?:in|among|of|across)\b|\bnumber\s+one\b|"
                      r"\bthe\s+leader\b", re.I)
# "Is any other county ahead of Yiwu?", "Does anywhere have more?": is it beaten, not first?
_BEATEN = re.compile(r"\b(?:any|another|others?|anyone|anybody|anywhere|somewhere|someone)\b"
                     r".*\b(?:ahead|more|higher|bigger|larger|better|outranks?|beats?|"
                     r"surpass(?:es)?|exceeds?)\b|\bbehind\b", re.I)


# "Was that a record?", "unusually high compared with previous years?", "the highest ever?"
_RECORD_ASKED = re.compile(
    r"\b(?:record|all[- ]time\s+high|highest\s+ever|ever\s+higher|(?:unusually|exceptionally|"
    r"historically|particularly)\s+(?:high|large|big)|(?:high|large|big|a\s+lot|much)\s+"
    r"(?:compared|relative)\s+(?:with|to)\s+(?:previous|past|earlier|prior|other)\s+years|"
    r"(?:higher|more|larger|bigger)\s+than\s+(?:ever|before|(?:in\s+)?(?:any|previous|past|"
    r"earlier|prior)\s+years?))\b", re.I)
_RECORD_SAID = re.compile(r"\brecord(?:[- ]high|[- ]breaking)?\b|\ball[- ]time\s+high\b|"
                          r"\bhighest\s+ever\b", re.I)


def record_verdict(question: str, sentence: str) -> str | None:
    """"Yes" to "Was that a record (unusually high for past years)?" when the figure's
    sentence calls it a record; else None (a sentence silent on it settles nothing)."""
    if YES_NO.match(question) and _RECORD_ASKED.search(question) and \
            _RECORD_SAID.search(sentence) and not _NEGATION.search(sentence):
        return "Yes"
    return None


def asks_if_beaten(question: str) -> bool:
    """Whether a yes/no ``question`` asks if anything else ranks ahead ("Does any other
    county have more 5G base stations?")."""
    return bool(YES_NO.match(question) and _BEATEN.search(question))


def _rank_verdict(question: str, rank: float, scope: str | None = None) -> str | None:
    """A rank asked against "the top ten", or as a rank ("Was it first?", "ranked 16th?")."""
    if m := _TOP.search(question):
        n = parse_number(m.group("n"))
        return None if n is None else "Yes" if rank <= n else "No"
    asked = {r for r in ordinals(question) if isinstance(r, int)}
    if not asked and _BEATEN.search(question):
        if rank > 1:
            return "Yes"
        # first where the documents rank it, which is all they can say: "No, not in Jinhua"
        place = scope and re.sub(r"^(?:in|among)\s+(?:(?:cities|counties|cities and counties|"
                                 r"districts)\s+in\s+)?", "", scope)
        return f"No, not {scope}" if scope and place and place.lower() not in \
            question.lower() else "No"
    if not asked and _HIGHEST.search(question):
        asked = {1}  # "is that the highest in Zhejiang?": first there
    if len(asked) != 1:
        return None
    return "Yes" if rank in asked else "No"


def _settles(have: str, value: float, claimed: float) -> bool:
    """Whether a figure the document bounds ("more than 400m") rules out ``claimed``: a
    lower bound rules out what is below it, an upper bound what is above; an exact figure
    or an approximate one ("about 400m") rules out what is not it."""
    if have in _ABOVE:
        return claimed < value
    if have in _BELOW:
        return claimed > value
    return True
