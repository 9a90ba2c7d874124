"""Dates and periods: finding them in text, and giving each figure its period.

``find_calendar`` finds every date and period of a text ("December 15, 2021", "the first
quarter of 2022", "H1 2022", "the 2021-22 fiscal year", "in 2021", "so far"), resolved to
"2021-12-15", "2022-Q1", "2022-H1", "FY2021-22", "2021" or the publication date, or left for
the context to give a year. ``read_calendar`` masks them in a sentence being read (a date also
becomes a figure of kind "date"); ``period_for`` picks the period a figure refers to.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from .numbers import alternation
from .reading import Mention, Reading

# --- in text --------------------------------------------------------------------------------

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# Capitalised only: lower-case "may" and "march" are a verb and a noun far more often.
MONTH_RE = rf"(?:{alternation(m.capitalize() for m in MONTHS)})\b\.?"
_YEAR = r"(?:19|20)\d{2}"
# A preposition in front of a period belongs to it: "in the first quarter of 2022".
_PREP = (
    r"(?:\b(?i:in|during|for|over|throughout|by|since|until|through|as of|from)\s+)?"
    r"(?:\b(?i:the)\s+)?"
)
_Q_WORDS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
            "4th": 4, "一": 1, "二": 2, "三": 3, "四": 4}  # fmt: skip
# Month ranges that are quarters or halves get the quarter's name; others stay a range.
_MONTH_SPANS = {(1, 3): "Q1", (4, 6): "Q2", (7, 9): "Q3", (10, 12): "Q4", (1, 6): "H1",
                (7, 12): "H2", (1, 12): ""}  # fmt: skip


@dataclass(frozen=True)
class CalendarSpan:
    """A date or period in a sentence. ``value`` is resolved ("2022-Q1", "2021-12-15"), or
    None when it still needs a year from context, which ``suffix`` ("-Q1", "-12-15") is then
    appended to; ``kind`` is "date" for a calendar day, "todate" for "to date"/"so far"."""

    start: int
    end: int
    kind: str  # "date" | "year" | "quarter" | "half" | "month" | "fiscal" | "todate" | "rel"
    value: str | None
    suffix: str | None = None

    def resolve(self, year: str | None, published: str | None) -> str | None:
        if self.kind == "todate":
            return published
        if self.kind == "rel":
            if not published:
                return None
            return str(int(published[:4]) + int(self.suffix or 0))
        if self.value:
            return self.value
        return f"{year}{self.suffix}" if year and self.suffix else None


def _iso(y: int | str, m: int | str, d: int | str) -> str | None:
    try:
        return date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def _month(text: str) -> int:
    return MONTHS[text.rstrip(".").lower()]


def _fy(y1: str, y2: str | None) -> str:
    y1 = y1 if len(y1) == 4 else "20" + y1
    return f"FY{y1}-{y2[-2:]}" if y2 else f"FY{y1}"


_Built = tuple[str, str | None, str | None]  # (kind, value, suffix)


def _date_words(g: dict[str, str]) -> _Built:
    return "date", _iso(g["y"], _month(g["m"]), g["d"]), None


def _date_digits(g: dict[str, str]) -> _Built:
    return "date", _iso(g["y"], g["mo"], g["d"]), None


def _date_no_year(g: dict[str, str]) -> _Built:
    m, d = _month(g["m"]), int(g["d"])
    ok = _iso(2000, m, d)  # 2000 is a leap year, so Feb 29 passes
    return "date", None, f"-{m:02d}-{d:02d}" if ok else None


def _fiscal(g: dict[str, str]) -> _Built:
    return "fiscal", _fy(g["y1"], g.get("y2")), None


def _quarter(g: dict[str, str]) -> _Built:
    q = _Q_WORDS.get(g["q"].lower()) or int(g["q"])
    return "quarter", f"{g['y']}-Q{q}" if g.get("y") else None, f"-Q{q}"


def _half(g: dict[str, str]) -> _Built:
    h = 1 if g["h"].lower() in ("1", "first", "上") else 2
    return "half", f"{g['y']}-H{h}" if g.get("y") else None, f"-H{h}"


def _month_range(g: dict[str, str]) -> _Built:
    m1, m2 = _month(g["m1"]), _month(g["m2"])
    name = _MONTH_SPANS.get((m1, m2))
    if name is None:
        suffix = f"-{m1:02d}/{m2:02d}"
    else:
        suffix = f"-{name}" if name else ""  # January-December is the whole year
    return "months", f"{g['y']}{suffix}" if g.get("y") else None, suffix


def _month_year(g: dict[str, str]) -> _Built:
    return "month", f"{g['y']}-{_month(g['m']):02d}", None


def _to_date(g: dict[str, str]) -> _Built:
    return "todate", None, None


def _relative_year(g: dict[str, str]) -> _Built:
    offset = {"last": -1, "previous": -1, "past": -1, "this": 0, "next": 1}[g["w"].lower()]
    return "rel", None, str(offset)


def _year(g: dict[str, str]) -> _Built:
    return "year", g["y"], None


_D = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
# In priority order: full dates, then the longer periods before the shorter ones they contain.
# The third item is a cheap search every match of the pattern contains (a month name, "Q1",
# "fiscal", ...): a text without it is not scanned with the full pattern, which saves most of
# the time of a sentence with no period (the optional preposition in front makes the full
# patterns try every position).
_CAL: list[tuple[re.Pattern[str], Callable[[dict[str, str]], _Built], re.Pattern[str]]] = [
    (re.compile(p), fn, re.compile(needs))
    for p, fn, needs in [
        (rf"(?P<m>{MONTH_RE})\s+{_D}(?:,\s*|\s+)(?P<y>{_YEAR})\b", _date_words, MONTH_RE),
        (rf"\b{_D}\s+(?P<m>{MONTH_RE}),?\s+(?P<y>{_YEAR})\b", _date_words, MONTH_RE),
        (rf"\b(?P<y>{_YEAR})([/.-])(?P<mo>\d{{1,2}})\2(?P<d>\d{{1,2}})(?![\d/.-]\d)", _date_digits,
         _YEAR),
        (rf"(?P<y>{_YEAR})\s*年\s*(?P<mo>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*日", _date_digits,
         "月"),
        (rf"(?P<m>{MONTH_RE})\s+{_D}\b(?![,.]?\d)", _date_no_year, MONTH_RE),
        (rf"\b{_D}\s+(?P<m>{MONTH_RE})", _date_no_year, MONTH_RE),
        (rf"(?i:{_PREP}(?P<y1>{_YEAR})[-–/](?P<y2>\d{{2}}|{_YEAR})\s+fiscal\s+year)", _fiscal,
         "(?i)fiscal"),
        (rf"(?i:{_PREP}fiscal\s+(?:year\s+)?(?P<y1>{_YEAR})(?:[-–/](?P<y2>\d{{2}}|{_YEAR}))?)\b",
         _fiscal, "(?i)fiscal"),
        (r"\bFY\s?(?P<y1>\d{4}|\d{2})(?:[-–/](?P<y2>\d{2}|\d{4}))?\b", _fiscal, "FY"),
        (rf"(?i:{_PREP}(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter)"
         rf"(?:\s+of)?(?:,?\s+(?P<y>{_YEAR}))?", _quarter, "(?i)quarter"),
        (rf"{_PREP}\bQ(?P<q>[1-4])\b(?:\s*,?\s*(?P<y>{_YEAR}))?", _quarter, "Q[1-4]"),
        (rf"{_PREP}\b(?P<y>{_YEAR})\s*Q(?P<q>[1-4])\b", _quarter, "Q[1-4]"),
        (rf"(?:(?P<y>{_YEAR})\s*年\s*)?第?(?P<q>[一二三四])季度", _quarter, "季度"),
        (rf"(?i:{_PREP}(?P<h>first|second)\s+half)(?:\s+of)?(?:,?\s+(?P<y>{_YEAR}))?", _half,
         "(?i)half"),
        (rf"{_PREP}\bH(?P<h>[12])\b(?:\s*,?\s*(?P<y>{_YEAR}))?", _half, "H[12]"),
        (rf"{_PREP}\b(?P<y>{_YEAR})\s*H(?P<h>[12])\b", _half, "H[12]"),
        (rf"(?:(?P<y>{_YEAR})\s*年\s*)?(?P<h>[上下])半年", _half, "半年"),
        (rf"{_PREP}(?P<m1>{MONTH_RE})\s*(?:-|–|to|through)\s*(?P<m2>{MONTH_RE})"
         rf"(?:,?\s+(?P<y>{_YEAR}))?", _month_range, MONTH_RE),
        (rf"{_PREP}(?P<m>{MONTH_RE})\s+(?P<y>{_YEAR})\b", _month_year, MONTH_RE),
        (r"(?i:\b(?:to date|so far|thus far|up to now|until now|as of now|as of today)\b)",
         _to_date, "(?i)date|far|now|today"),
        (r"(?i:\b(?:in\s+)?(?P<w>last|this|next|previous|past)\s+year\b)", _relative_year,
         "(?i)year"),
        (rf"(?i:\b(?:in|during|for|by|since|until|through|throughout|of|from|as of)\s+)"
         rf"(?:the\s+year\s+)?(?P<y>{_YEAR})\b(?![-–/.,]\d|\s*(?:%|percent))", _year, _YEAR),
        (rf"(?P<y>{_YEAR})\s*年(?:度)?", _year, "年"),
    ]
]


def find_calendar(text: str) -> list[CalendarSpan]:
    """Every date and period in ``text``, without overlaps, in text order.

    Dates ("December 15, 2021", "15 December 2021", "2021/12/15", "Dec. 15") are kind
    "date"; periods are quarters ("the first quarter of 2022", "Q1 2022", "2022年一季度"),
    halves ("H1 2022", "上半年"), month ranges ("January-March 2022" -> "2022-Q1"), fiscal
    years ("the 2021-22 fiscal year" -> "FY2021-22"), months, years after a preposition
    ("in 2021"), and "to date"/"so far" (resolved to the publication date).
    """
    spans: list[CalendarSpan] = []
    taken: list[tuple[int, int]] = []
    for pattern, build, needs in _CAL:
        if not needs.search(text):
            continue
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            g = {k: v for k, v in m.groupdict().items() if v is not None}
            kind, value, suffix = build(g)  # type: ignore[operator]
            if value is None and suffix is None and kind not in ("todate", "rel"):
                continue  # an impossible date such as "February 30"
            spans.append(CalendarSpan(m.start(), m.end(), kind, value, suffix))
            taken.append((m.start(), m.end()))
    return sorted(spans, key=lambda s: s.start)


# --- in a sentence --------------------------------------------------------------------------


@dataclass
class Periods:
    """The dates and periods of one sentence, resolved, and the one that opens it."""

    spans: list[tuple[int, int, str | None]]  # (start, end, resolved period) in the sentence
    at_start: str | None  # a non-date period opening the sentence: carried to the next ones


_OPENER = re.compile(r"(?i)^\W*(?:(?:moreover|meanwhile|also|besides|in addition|however|"
                     r"overall|additionally|furthermore|then|and)\W+)*$")


def read_calendar(s: Reading, carry: str | None, published: str | None) -> Periods:
    """Find and mask the sentence's dates and periods; dates also become date mentions."""
    found = find_calendar(s.text)
    year = next((c.value[:4] for c in found if c.value and c.value[:4].isdigit()), None)
    year = year or (carry[:4] if carry and carry[:4].isdigit() else None)
    year = year or (published[:4] if published else None)
    spans, at_start = [], None
    for c in found:
        value = c.resolve(year, published)
        spans.append((c.start, c.end, value))
        if c.kind == "date":
            iso = value if value and len(value) == 10 else None
            s.mentions.append(Mention(c.start, c.end, c.start, "date", None, "date",
                                      date=iso, suffix=c.suffix))
        elif _OPENER.match(s.text[:c.start]):
            at_start = value
        s.claim(c.start, c.end, ",")
    return Periods(spans, at_start)


def period_for(s: Reading, mn: Mention, periods: Periods, carry: str | None) -> str | None:
    """The period stated nearest before the figure in its sentence, else later in its
    clause ("fell 3.2% in the first quarter of 2022"), else the one carried over."""
    before = [p for a, e, p in periods.spans if e <= mn.start and p]
    after = [p for a, e, p in periods.spans
             if a >= mn.end and p and not re.search(r"[,;，；]", s.text[mn.end:a])]
    return (before[-1] if before else after[0] if after else None) or carry
