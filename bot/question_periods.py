"""The period a question asks about: "in 2021", "Q1 2022", "q1 22", "the first half of 2022",
"2022年一季度", or a quarter of no year ("Q2"). (:mod:`bot.periods` finds the periods of the
documents' figures; this reads questions, which write them more loosely.)"""

from __future__ import annotations

import re

_QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2,
                  "3rd": 3, "4th": 4}
_ZH_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}

_MONTHS_OF_QUARTER = re.compile(
    r"\b(?:(jan(?:uary)?\W+(?:to\W+|through\W+|and\W+)?mar(?:ch)?)|"
    r"(apr(?:il)?\W+(?:to\W+|through\W+|and\W+)?june?)|"
    r"(jul(?:y)?\W+(?:to\W+|through\W+|and\W+)?sep(?:t(?:ember)?)?)|"
    r"(oct(?:ober)?\W+(?:to\W+|through\W+|and\W+)?dec(?:ember)?))\W+(?:of\s+)?"
    r"(?P<year>20\d\d)\b")


# "the year before 2022", "in the year before this July 2022 article was published": 2021
_YEAR_NEXT_TO = re.compile(
    r"\b(?:the\s+)?year\s+(?P<rel>before|prior\s+to|preceding|after|following)\s+"
    r"(?:[a-z’']+\s+){0,4}?(?P<year>(?:19|20)\d\d)\b")


# A whole year asked, which no part of it answers: "for the whole of 2022", "full-year 2022",
# "2022 as a whole", "2022全年"
_WHOLE_YEAR = re.compile(
    r"\b(?:(?:the\s+)?(?:whole|entire|full|all)(?:\s+|-)(?:of\s+)?(?:the\s+)?(?:year\s+(?:of\s+)?)?"
    r"(?P<y1>20\d\d)|(?:full|whole)[- ]year\s+(?P<y2>20\d\d))\b|\b(?P<y3>20\d\d)\s*(?:as\s+a\s+"
    r"whole\b|in\s+full\b|年?全年)")


def parse_period(text: str) -> str | None:
    """The period a question asks about: "2021", "2022-Q1", "2022-H1", "2022-FY" (the whole
    year, asked as such), a quarter of no year named ("Q2": that quarter of any year, never
    a whole year's figure) or None."""
    t = _YEAR_NEXT_TO.sub(lambda m: str(int(m.group("year")) + (
        -1 if m.group("rel") in ("before", "preceding") or m.group("rel").startswith("prior")
        else 1)), text.lower())
    # a year of two digits by a quarter or half: "q1 22", "Q1'22", "Q1-22", "1Q22", "H1 FY22"
    t = re.sub(r"\b([qh][1-4])\s*(?:[-'’/]|of)?\s*(?:fy)?(\d\d)\b", r"\1 20\2", t)
    t = re.sub(r"\b([1-4])([qh])\s*(?:fy)?'?(\d\d)\b", r"\2\1 20\3", t)
    if m := re.search(r"\b(q[1-4])\s*(?:of\s*)?(20\d\d)\b", t):
        return f"{m.group(2)}-{m.group(1).upper()}"
    if m := re.search(r"\b(20\d\d)\s*[- ]?(q[1-4])\b", t):
        return f"{m.group(1)}-{m.group(2).upper()}"
    if m := re.search(r"\b(first|second|third|fourth|1st|2nd|3rd|4th) quarter (?:of )?(20\d\d)",
                      t):
        return f"{m.group(2)}-Q{_QUARTER_WORDS[m.group(1)]}"
    if m := re.search(r"\b(h[12])\s*(?:of\s*)?(20\d\d)\b|\b(20\d\d)\s*(h[12])\b", t):
        half = (m.group(1) or m.group(4)).upper()
        return f"{m.group(2) or m.group(3)}-{half}"
    if m := _MONTHS_OF_QUARTER.search(t):  # "January–March 2022", "jan to mar 2022"
        first = next(i for i, g in enumerate(m.groups()[:4]) if g)
        return f"{m.group('year')}-Q{first + 1}"
    if m := _WHOLE_YEAR.search(t):  # "the whole of 2022", "full-year 2022", "2022全年"
        return f"{m.group('y1') or m.group('y2') or m.group('y3')}-FY"
    if m := re.search(r"(20\d\d)\s*年?\s*第?\s*([一二三四1-4])\s*季度", text):
        return f"{m.group(1)}-Q{_ZH_QUARTER[m.group(2)]}"
    year = re.search(r"(?<!\d)((?:19|20)\d\d)(?!\d)", t)
    if n := _quarter_alone(t):  # "Q2 sales in 2022", or no year at all: "Q2"
        return f"{year.group(1)}-Q{n}" if year else f"Q{n}"
    return year.group(1) if year else None


def period_year(period: str | None) -> int | None:
    """The year of a period ("2022-Q1" → 2022), None for none or a quarter of no year."""
    return int(period[:4]) if period and period[:4].isdigit() else None


def _quarter_alone(t: str) -> int | None:
    """The quarter a question names apart from any year: "second quarter", "Q2", "二季度"."""
    if m := re.search(r"\b(first|second|third|fourth|1st|2nd|3rd|4th) quarter\b", t):
        return _QUARTER_WORDS[m.group(1)]
    if m := re.search(r"\bq([1-4])\b", t):
        return int(m.group(1))
    if m := re.search(r"第?([一二三四1-4])\s*季度", t):
        return _ZH_QUARTER[m.group(1)]
    return None


def period_phrase(period: str | None) -> str:
    if not period:
        return ""
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", period):
        nth = ("first", "second", "third", "fourth")[int(m.group(2)) - 1]
        return f"in the {nth} quarter of {m.group(1)}"
    if re.fullmatch(r"\d{4}", period):
        return f"in {period}"
    if re.fullmatch(r"\d{4}-FY", period):
        return f"in the whole of {period[:4]}"
    return ""
