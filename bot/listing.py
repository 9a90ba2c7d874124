"""Questions over every figure of a kind, which no one passage answers: the largest of them
("What was the fastest growth rate in the article?", "Which grew the most?", "the largest
amount"), all of them ("List all the growth rates", "What figures do you have about
e-commerce?") and the measures Yiwu ranks first in ("In what does Yiwu rank first?").

The figures are typed, so this is a filter and a sort over them, not a search: growth rates
are the figures in % that are the growth of another, amounts those in RMB. Only these kinds
are ranked against each other; counts of different things (ten industries, 3,692 stations)
are not, and neither are ranks or indices. The answer quotes each figure as the documents
write it, as many as its citations can show (and :data:`MOST_SHOWN` at most); the
``figures`` of the reply hold them all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .match import period_matches
from .models import Figure
from .question_periods import parse_period
from .text import tokens

_KIND_GROWTH = r"growth(?:\s+rates?|\s+figures?)?|rates?\s+of\s+growth|increases?|growth\s+numbers?"
_KIND_AMOUNT = (r"amounts?(?:\s+of\s+money)?|sums?(?:\s+of\s+money)?|monetary\s+figures?|"
                r"figures?\s+in\s+(?:rmb|yuan)|money\s+figures?")
_KIND_ANY = r"(?:key\s+)?(?:figures|numbers|statistics|stats|data\s+points|data|metrics)"
_KIND_RANK = r"rank(?:ing)?s|positions"

_SUPERLATIVE = re.compile(
    r"\b(?:the\s+)?(?P<sup>biggest|largest|highest|greatest|fastest|strongest|top|smallest|"
    rf"lowest|slowest|weakest)\s+(?P<kind>{_KIND_GROWTH}|{_KIND_AMOUNT})\b", re.I)
# "Which grew the fastest?", "What rose the most in 2021?": no sides named ("X or Y" compares)
_WHICH_MOST = re.compile(
    # "Among A, B and C, which grew the slowest?": one of those
    r"^\s*(?:(?:among|of|between|out\s+of)\s+(?P<among>[^?]+?),\s*)?(?:which|what)\s+(?:[\w-]+\s+){0,2}?(?:grew|rose|increased|expanded|climbed)\s+"
    r"(?:the\s+)?(?P<sup>fastest|most|slowest|least|quickest)\b(?![^?]*\bor\b)", re.I)
_IN_ARTICLE = (r"(?:\s+(?:that\s+)?(?:(?:are\s+)?(?:given|mentioned|stated|quoted|cited)\s+)?"
               r"(?:in|by)\s+the\s+(?:article|documents?|text|report))?")
_LIST = re.compile(
    r"^\s*(?:please\s+|can\s+you\s+|could\s+you\s+)?(?:(?:list|give\s+me|show\s+me|tell\s+me|"
    r"what\s+are|which\s+are|name)\s+(?:me\s+)?(?:all\s+|every\s+|each\s+)?|all\s+|every\s+)"
    r"(?:of\s+)?(?:the\s+)?"
    rf"(?P<kind>{_KIND_GROWTH}|{_KIND_AMOUNT}|{_KIND_ANY}|{_KIND_RANK})\b{_IN_ARTICLE}"
    r"(?:\s+(?:about|on|for|of|in|during|regarding|concerning)\s+(?P<topic>[^?.!]+?))?"
    rf"{_IN_ARTICLE}\s*[?.!]*$", re.I)
_WHAT_FIGURES = re.compile(
    rf"^\s*what\s+(?P<kind>{_KIND_ANY}|{_KIND_GROWTH}|{_KIND_AMOUNT})\s+(?:do\s+you\s+have|are\s+"
    r"there|does\s+the\s+article\s+give|do\s+the\s+documents\s+give|are\s+given|exist)"
    r"(?:\s+(?:about|on|for|in|during|regarding|concerning)\s+(?P<topic>[^?.!]+?))?\s*[?.!]*$",
    re.I)
# "Where does Yiwu rank in Jinhua?", "义乌在金华排第几？": its ranks there, whatever the measure
_RANKS_IN = re.compile(r"^\s*(?:where|how)\s+(?:does|did|do|is|was)\s+yiwu\s+(?:rank(?:ed)?|"
                       r"stand|place[ds]?)\s+(?:in|among|within)\s+(?P<place>[A-Z][\w ]*?)\s*"
                       r"[?.!]*$", re.I)
_RANKS_IN_ZH = re.compile(r"^义乌在(?P<place>[\u4e00-\u9fff]{2,4}?)(?:排名?第几|排第几|排名|"
                          r"排在第几|位列第几)[名位]?[？?]?$")
# "What happened in Q1 2022?", "What did Yiwu achieve in 2021?": every figure of that period
_IN_PERIOD = re.compile(
    r"^\s*what\s+(?:happened|(?:was|were)\s+(?:achieved|done|the\s+(?:results?|highlights?|"
    r"achievements?))|did\s+yiwu\s+(?:do|achieve|accomplish))\s+(?:in|during)\s+\S", re.I)
_FIRST_IN = re.compile(
    r"^\s*(?:in\s+)?(?:what|which)\s+(?:areas?|fields?|things?|measures?|respects?|categories?|"
    r"indicators?|metrics?)?\s*(?:does|did|is|was|has)\s+yiwu\s+(?:rank(?:ed)?\s+|come\s+|came\s+|"
    r"been\s+)?(?:first|no\.?\s*1|number\s+one|top)\b|"
    r"^\s*where\s+(?:does|did|is|was)\s+yiwu\s+(?:rank(?:ed)?\s+)?(?:first|no\.?\s*1|number\s+one)\b",
    re.I)
MOST_SHOWN = 6
# Chinese: "增长最快的是哪一项？", "哪个指标增速最高？", "金额最大的是？", "列出所有的增长率"
_ZH_GROWTH = r"(?:增长|增速|增幅|增长率|涨幅|同比增长)"
_ZH_AMOUNT = r"(?:金额|资金|产值|数额|规模)"
_ZH_SUPERLATIVE = re.compile(
    rf"(?P<kind>{_ZH_GROWTH}|{_ZH_AMOUNT})(?:率|速度)?(?:的?是)?\s*(?P<sup>最(?:快|高|大|多|慢|低|小|少))"
    rf"|(?P<sup2>最(?:快|高|大|多|慢|低|小|少))的?(?P<kind2>{_ZH_GROWTH}|{_ZH_AMOUNT})")
_ZH_LIST = re.compile(rf"(?:列出|列举|有哪些|所有|全部|每个|每一个).{{0,4}}?(?P<kind>{_ZH_GROWTH}|"
                      rf"{_ZH_AMOUNT})|(?P<kind2>{_ZH_GROWTH}|{_ZH_AMOUNT})(?:率)?(?:都)?有哪些")
_PLACES = re.compile(r"\b(?:city|cities|count(?:y|ies)|districts?|places?|provinces?|regions?|"
                     r"compan(?:y|ies)|firms?|countr(?:y|ies)|towns?)\b|城市|县|区|地方|公司|企业|省",
                     re.I)
_LEAST = ("smallest", "lowest", "slowest", "weakest", "least")
_TOPIC_FRAME = {"articl", "document", "text", "report"}


@dataclass(frozen=True)
class Listing:
    kind: str  # "growth", "amount", "any", "first" (the measures ranked first)
    order: str | None  # "max", "min" (one figure asked), None (all of them)
    topic: tuple[str, ...] = ()  # tokens the figures must carry ("ecommerc")
    period: str | None = None  # the period they must be of ("2021")
    place: str | None = None  # where ranks must be placed ("Jinhua")
    among: tuple[tuple[str, ...], ...] = ()  # the measures named to choose from, as tokens


def asked(question: str) -> Listing | None:
    """The figures ``question`` asks over, or None if it asks of no kind of them as a whole."""
    if _PLACES.search(question):
        return None  # "Which city grew the fastest?" asks of places, which the figures are not
    found = _asked(question)
    return found and replace(found, period=parse_period(question))


def _asked(question: str) -> Listing | None:
    if m := _ZH_SUPERLATIVE.search(question):
        kind = m.group("kind") or m.group("kind2")
        sup = m.group("sup") or m.group("sup2")
        return Listing("amount" if re.fullmatch(_ZH_AMOUNT, kind) else "growth",
                       "min" if sup[1] in "慢低小少" else "max")
    if m := _ZH_LIST.search(question):
        kind = m.group("kind") or m.group("kind2")
        return Listing("amount" if re.fullmatch(_ZH_AMOUNT, kind) else "growth", None)
    if m := _SUPERLATIVE.search(question):
        return Listing(_kind(m.group("kind")), _order(m.group("sup")), _rest(question, m))
    if m := _WHICH_MOST.match(question):
        if m.group("among"):
            items = re.split(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", m.group("among"))
            among = tuple(t for t in (_topic(i) for i in items) if t)
            return Listing("growth", _order(m.group("sup")), among=among)
        return Listing("growth", _order(m.group("sup")), _rest(question, m))
    if _FIRST_IN.match(question):
        return Listing("first", None)
    if m := _RANKS_IN.match(question):
        return Listing("rank", None, place=m.group("place").strip())
    if m := _RANKS_IN_ZH.match(question):
        from .zh import romanise

        return Listing("rank", None, place=romanise(m.group("place")))
    if _IN_PERIOD.match(question) and parse_period(question):
        return Listing("any", None)  # the period is read by asked()
    if m := _LIST.match(question) or _WHAT_FIGURES.match(question):
        topic = tuple(t for t in _topic(m.group("topic") or "") if t not in _TOPIC_FRAME)
        return Listing(_kind(m.group("kind")), None, topic)
    return None


# Words a superlative is framed with, which name nothing measured
_FRAME = frozenset(tokens("""article document documents text report figure figures mentioned
    given gives give stated say says one ones measure measures indicator indicator metric
    metrics item items number numbers value values record recorded which whole overall
    listed quoted cited there here see found find among amongst across between within all
    every each any"""))


_PERIOD_WORD = re.compile(r"\d+|q[1-4]|h[12]|quarter|half|first|second|third|fourth|1st|2nd|"
                          r"3rd|4th|januari|februari|march|april|may|june|juli|august|septemb|"
                          r"octob|novemb|decemb|month|earli|late|mid")


def _rest(question: str, m: re.Match[str]) -> tuple[str, ...]:
    """The words of a superlative question besides the superlative and its frame: what the
    figures must be of ("the largest amount of e-commerce": e-commerce; "the highest growth
    rate of GDP": GDP, which then no figure is)."""
    rest = f"{question[: m.start()]} {question[m.end():]}"
    if re.search(r"[\u4e00-\u9fff]", rest):
        return ()  # a Chinese question's other words are its frame ("文章里", "哪一项")
    return _topic(rest)


def _topic(text: str) -> tuple[str, ...]:
    """The words of ``text`` that name what figures are of: not frame words, nor the period
    (which :func:`asked` reads on its own)."""
    return tuple(dict.fromkeys(t for t in tokens(text) if t not in _FRAME
                               and not _PERIOD_WORD.fullmatch(t)))


def _kind(word: str) -> str:
    word = word.lower()
    if re.match(r"grow|rate|increase", word):
        return "growth"
    if re.match(rf"(?:{_KIND_AMOUNT})$", word):
        return "amount"
    if re.match(rf"(?:{_KIND_RANK})$", word):
        return "rank"
    return "any"


def _order(word: str) -> str:
    return "min" if word.lower() in _LEAST else "max"


def select(listing: Listing, figures: list[Figure],
           words_of: dict[str, set[str]]) -> list[Figure]:
    """The figures of the kind asked, best first (largest, or smallest if asked); those of
    the topic only, when one is named (its words in the figure's label or sentence, as
    ``words_of`` gives them by figure id)."""
    if listing.kind == "growth":
        chosen = [f for f in figures if f.unit == "%" and f.of and f.value is not None]
    elif listing.kind == "amount":
        chosen = [f for f in figures if f.unit == "RMB" and f.value is not None]
    elif listing.kind == "first":
        chosen = [f for f in figures if f.unit == "rank" and f.value == 1]
    elif listing.kind == "rank":
        chosen = [f for f in figures if f.unit == "rank" and f.value is not None]
    else:
        chosen = [f for f in figures if f.unit != "date"]
    if listing.topic:
        chosen = [f for f in chosen if set(listing.topic) <= words_of.get(f.id, set())]
    if listing.among:  # "Among A, B and C, …": a figure of one of them
        chosen = [f for f in chosen
                  if any(set(item) <= words_of.get(f.id, set()) for item in listing.among)]
    if listing.period:  # "Which grew the fastest in 2021?"
        chosen = [f for f in chosen if period_matches(listing.period, f)]
    if listing.place:  # "Where does Yiwu rank in Jinhua?"
        chosen = [f for f in chosen if re.search(rf"\b{re.escape(listing.place)}\b",
                                                 f"{f.scope or ''} {f.label}", re.I)]
    if listing.kind in ("growth", "amount"):
        chosen.sort(key=lambda f: float(f.value or 0), reverse=listing.order != "min")
    return chosen


_KIND_NAMES = {"growth": ("growth rate", "growth rates"), "amount": ("amount", "amounts"),
               "first": ("first place", "first places"), "rank": ("rank", "ranks"),
               "any": ("figure", "figures")}
_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                 "ten")


def count_words(n: int, kind: str) -> str:
    """"four growth rates", "one amount"."""
    one, many = _KIND_NAMES[kind]
    return f"{_NUMBER_WORDS[n] if n < len(_NUMBER_WORDS) else n} {one if n == 1 else many}"
