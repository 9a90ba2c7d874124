"""Numbers and number words, for the figure extractor.

Everything here is about how numbers are written, with no notion of what one measures:
digits with thousands separators, English number and ordinal words, Chinese numerals, scale
words ("bn", "million", "亿", "万"), the patterns of money, percentages, durations, ranks and
counts, and the numbers that are not figures ("5G", "COVID-19", "top 500"). Dates and periods
are ``bot.periods``.

Values are computed with ``Decimal`` and only turned into ``float`` at the end, so that
"8.714 bn" becomes exactly 8714000000 and not 8714000000.000001.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "hundredth": 100,
}  # fmt: skip
# Scale words as written -> multiplier. "m" only counts when glued to a number or followed by
# a currency ("400m RMB"); the regex below enforces that it is not the start of a word.
SCALES = {
    "trillion": 10**12, "tn": 10**12, "trn": 10**12, "billion": 10**9, "bn": 10**9,
    "million": 10**6, "mln": 10**6, "mn": 10**6, "m": 10**6, "thousand": 10**3, "k": 10**3,
    "万亿": 10**12, "亿": 10**8, "千万": 10**7, "百万": 10**6, "万": 10**4, "千": 10**3,
}  # fmt: skip
FRACTIONS = {"half": 2, "third": 3, "quarter": 4, "fifth": 5, "tenth": 10}
CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first, so that "sixteen" is never read as
    "six" + "teen"."""
    return "|".join(sorted(words, key=len, reverse=True))


DIGITS_RE = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_ONES_RE = alternation(k for k in ONES if k != "zero")
WORD_NUMBER_RE = (
    rf"\b(?:(?:{alternation(TENS)})(?:-(?:{alternation(k for k in ONES if ONES[k] < 10)}))?"
    rf"|{_ONES_RE})(?:\s+hundred)?\b(?!-\w)"
)
NUMBER_RE = rf"(?:{DIGITS_RE}|{WORD_NUMBER_RE})"
SCALE_RE = r"(?:trillion|billion|million|thousand|trn|tn|bn|mln|mn|m|k)(?![A-Za-z])"
CN_NUMBER_RE = r"[零〇一二两三四五六七八九十百千]+"
CN_SCALE_RE = r"(?:万亿|千万|百万|亿|万)"
ORDINAL_RE = rf"\b(?:\d+(?:st|nd|rd|th)|{alternation(ORDINALS)})\b(?!-)"
FRACTION_RE = (
    r"\b(?:one|two|three|four|a)[- ](?:half|halves|thirds?|quarters?|fifths?|tenths?)\b"
)


def parse_number(text: str) -> Decimal | None:
    """"3,692" -> 3692; "twenty-three" -> 23; "十六" -> 16; "10.5" -> 10.5; else None."""
    t = text.strip().lower()
    if re.fullmatch(DIGITS_RE, t):
        return Decimal(t.replace(",", ""))
    if re.fullmatch(CN_NUMBER_RE, t):
        return Decimal(parse_chinese_integer(t))
    words = t.replace("-", " ").split()
    total = 0
    for w in words:
        if w in ONES:
            total += ONES[w]
        elif w in TENS:
            total += TENS[w]
        elif w == "hundred":
            total = (total or 1) * 100
        else:
            return None
    return Decimal(total) if words else None


def parse_chinese_integer(text: str) -> int:
    """"十六" -> 16, "一百零五" -> 105, "两" -> 2 (万 and 亿 are scales, handled apart)."""
    total, digit = 0, 0
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            total += (digit or 1) * CN_UNITS[ch]
            digit = 0
    return total + digit


def scale_factor(scale: str | None) -> int:
    """The multiplier of a scale word as written ("bn" -> 10**9); 1 for None."""
    return SCALES[scale.lower() if scale.isascii() else scale] if scale else 1


def scaled(number: str, scale: str | None = None) -> float | None:
    """The fully scaled value of a number and its scale word: ("45", "bn") -> 45000000000."""
    n = parse_number(number)
    return None if n is None else float(n * scale_factor(scale))


def parse_ordinal(text: str) -> int | None:
    """"16th" -> 16, "first" -> 1, "第十六" -> 16, "No. 1" -> 1; else None."""
    t = text.strip().lower()
    if t in ORDINALS:
        return ORDINALS[t]
    m = re.fullmatch(r"(?:no\.?\s*)?(\d+)(?:st|nd|rd|th)?", t)
    if m:
        return int(m.group(1))
    m = re.fullmatch(rf"第({CN_NUMBER_RE}|\d+)", t)
    if m:
        return int(parse_number(m.group(1)) or 0) or None
    return None


def parse_fraction(text: str) -> float | None:
    """A fraction as a percentage, to two decimals: "one-third" -> 33.33, "two-thirds" -> 66.67."""
    m = re.fullmatch(r"(one|two|three|four|a)[- ](\w+?)(?:e?s)?", text.strip().lower())
    if not m:
        return None
    den = FRACTIONS.get(m.group(2)) or FRACTIONS.get(m.group(2).rstrip("v") + "f")
    if not den:
        return None
    num = 1 if m.group(1) == "a" else ONES[m.group(1)]
    return round(100 * num / den, 2)


# --- numbers as figures write them ---------------------------------------------------------
# Patterns for the figures a sentence can hold, each with named groups: ``num`` (and ``num2``
# for the upper bound of a range), ``scale``, ``cur``. What a figure measures is not decided
# here; only how its number, unit and bound are written.

QUALIFIERS = (
    "more than", "over", "exceeding", "exceeded", "exceeds", "in excess of", "upwards of",
    "above", "about", "around", "approximately", "roughly", "some", "nearly", "almost",
    "close to", "at least", "no less than", "not less than", "up to", "as much as",
    "as many as", "less than", "under", "below", "fewer than", "at most", "no more than",
)  # fmt: skip
QUALIFIER_BEFORE = re.compile(rf"(?i)\b({alternation(QUALIFIERS)})\s+$")
# Chinese bounds, given in English so that clients handle one vocabulary.
CN_QUALIFIERS = {
    "超过": "more than", "超": "more than", "逾": "over", "近": "nearly", "约": "about",
    "大约": "about", "至少": "at least", "不少于": "at least", "不到": "less than",
    "不足": "less than", "以上": "more than", "余": "more than", "多": "more than",
    "左右": "about",
}  # fmt: skip
CN_QUALIFIER_BEFORE = re.compile(r"(超过|大约|至少|不少于|不到|不足|超|逾|近|约)$")
CURRENCIES = {
    "rmb": "RMB", "cny": "RMB", "yuan": "RMB", "¥": "RMB", "￥": "RMB", "元": "RMB",
    "人民币": "RMB", "us$": "USD", "$": "USD", "usd": "USD", "us dollars": "USD",
    "dollars": "USD", "美元": "USD", "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "hk$": "HKD", "hkd": "HKD", "£": "GBP",
}  # fmt: skip
MULTIPLES = {"doubled": 100.0, "tripled": 200.0, "trebled": 200.0, "quadrupled": 300.0,
             "halved": -50.0}  # fmt: skip

_N, _S = NUMBER_RE, SCALE_RE
# A number starts here, not inside a token: not the "19" of "COVID-19" nor the "5" of "A5".
_NB = r"(?<![A-Za-z0-9_.,/])(?<![A-Za-z0-9]-)"
_RANGE = rf"(?:\s?(?:-|–|to)\s?(?P<num2>{_N}))?"
_CUR_PRE = r"(?P<cur>US\$|HK\$|RMB|CNY|USD|EUR|HKD|\$|¥|￥|€|£)"
_CUR_POST = r"(?P<cur>RMB|CNY|yuan|USD|US dollars|dollars|euros?)\b"
_PCT_UNIT = r"\s?(?P<sym>%|％|percentage points?|per ?cent|pct)(?![A-Za-z])"
MONEY = [
    # "RMB 45 billion", "US$1.2bn"
    re.compile(rf"(?<![A-Za-z]){_CUR_PRE}\s?(?P<num>{_N}){_RANGE}(?:[\s-]?(?P<scale>{_S}))?"
               r"(?![A-Za-z0-9])"),
    # "between 10 and 20 billion yuan"
    re.compile(rf"\b(?P<between>between)\s+(?P<num>{_N})\s+and\s+(?P<num2>{_N})"
               rf"(?:[\s-]?(?P<scale>{_S}))?[\s-]?{_CUR_POST}"),
    # "45 bn RMB", "400m RMB", "45-billion-yuan", "3-5 billion yuan"
    re.compile(rf"{_NB}(?P<num>{_N}){_RANGE}(?:[\s-]?(?P<scale>{_S}))?[\s-]?{_CUR_POST}"),
    # "3715亿元", "3万余元", "240亿元以上"
    re.compile(rf"(?P<num>\d+(?:\.\d+)?|{CN_NUMBER_RE})(?P<scale>{CN_SCALE_RE})?"
               r"(?P<post>余|多)?(?P<cur>元|美元|人民币)(?P<post2>以上|左右)?"),
]
PERCENT = [
    re.compile(rf"\b(?P<between>between)\s+(?P<num>{_N})\s*%?\s+and\s+(?P<num2>{_N})"
               rf"{_PCT_UNIT}"),
    re.compile(rf"{_NB}(?P<num>{_N})(?:\s?%?\s?(?:-|–|to)\s?(?P<num2>{_N}))?{_PCT_UNIT}"),
    re.compile(rf"(?i)(?P<frac>{FRACTION_RE})(?=\s+of\b)"),  # "one-third of"
    re.compile(rf"\b(?P<mult>{alternation(MULTIPLES)})\b"),  # "doubled"
]
# Numbers that are not figures; they are masked before years, ranks and counts are read.
NOT_FIGURES = [
    re.compile(r"(?i)\b(?:top|fortune|global|forbes)\s+\d+\b"),  # list names: "top 500"
    re.compile(r"\b[A-Za-z]+-\d+\b"),  # COVID-19
    re.compile(r"\b\d+(?!(?:st|nd|rd|th|bn|mn|mln|tn|trn|m|k|pct)\b)[A-Za-z]\w*"),  # 5G, 3D
    re.compile(r"\b[a-z]+[A-Z]\w*\s+\d+\b"),  # product names: iPhone 13
    re.compile(r"\b(?:No|Nos|Room|Line|Phase|Article|Chapter|Section|Model|Version|Gate|Route|"
               r"Building|Hall|Page|Vol|Issue|Lot|Booth|Stand)\.?\s?\d+\b"),  # ids
    re.compile(r"\d+\s*>\s*>>|<<\s*<\s*\d+"),  # page navigation: "12 > >>"
    re.compile(r"(?<![\w.,])\+?\d+(?:-\d+)+(?![\w.,%])"),  # phones, ids: 0579-85512345
    re.compile(r"(?<![\d,.])\d{9,}(?![\d,.])"),  # long digit strings
    # a stretch of time, not a measured number: "over the past five years"
    re.compile(rf"(?i)\b(?:over|in|during|within)\s+the\s+(?:past|last|next|previous|coming)"
               rf"\s+(?:{NUMBER_RE}\s+)?years?\b"),
]
YEARS = [
    re.compile(rf"{_NB}(?P<num>{_N})(?:\s+(?P<cons>consecutive|straight|successive|running))?"
               r"\s+years?\b(?!-)"),  # "seven consecutive years", not "a five-year plan"
    re.compile(rf"(?P<cons>连续)?(?P<num>{CN_NUMBER_RE}|\d{{1,2}})年(?!度|级)"),
]
RANK_EN = re.compile(rf"{ORDINAL_RE}|\bNo\.\s?\d+\b")
RANK_CN = re.compile(rf"第(?:{CN_NUMBER_RE}|\d+)(?:名|位)?")
COUNT_EN = re.compile(rf"{_NB}(?P<num>{_N})(?:\s?(?P<scale>trillion|billion|million|thousand|"
                      r"bn|mn|mln|k)(?![A-Za-z]))?(?![A-Za-z0-9_%])")
# Chinese counts carry a measure word: "10.5万场", "3万余家".
COUNT_CN = re.compile(rf"(?P<num>\d+(?:\.\d+)?|{CN_NUMBER_RE})(?P<scale>{CN_SCALE_RE})?"
                      r"(?P<post>余|多)?(?=个|家|场|项|座|人|名|件|台|次|户|所|条|款|吨|辆|套|亩)")
