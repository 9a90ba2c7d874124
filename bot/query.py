"""Question understanding: what kind of answer is wanted, about what, for when.

A question becomes a :class:`Query` with an intent (how many, how much, growth, rank, when,
how long, who/which, compare, or a plain fact), the units that intent accepts, the metric
words, the named entities and the period. English and Chinese are both read; the rules are
small on purpose — everything they do not catch falls through to retrieval and the figure
matcher, which look at the whole question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .intents import BOUND_AHEAD, EN_INTENTS, ZH_INTENTS
from .question_periods import parse_period, period_year
from .text import is_cjk, stem, tokens
from .zh import names as zh_names

# Intent -> the figure units that can answer it, best first.
UNITS_FOR = {
    "how_many": ("count", "years"),  # "how many times in a row" is counted in years
    "how_much": ("RMB", "count", "index"),
    "growth": ("%",),
    "rank": ("rank",),
    "when": ("date",),
    "how_long": ("years",),
    "index": ("index",),
    "compare": ("%", "RMB", "count", "index", "rank"),
    "who": (),
    "why": (),
    "fact": (),
}

# Words that frame a question but name nothing measured.
# Stemmed like the tokens they are compared with.
FRAME_WORDS = frozenset(stem(w) for w in
    """what was were is are did does do how many much when which who whom number value total
    amount figure level rate reach reached get got make made have has had tell know about
    according article document corpus report data statistic statistics say says said
    grow grew growth increase rise rose rank ranked ranking position place date day
    expand expanded expansion quickly fast rapidly speed pace
    year years long big large size take took happen occur
    through via across within among between during under against without upon onto toward
    towards despite including regarding besides except excluding apart aside
    out off down near double doubled triple tripled
    combined sum plus ratio exceed other others one ones rest remaining yoy percent percentage
    overall whole entire altogether
    roughly approximately approx then change changed changes yearonyear stand stands standing
    stood
    told tell says said heard read claim claims claimed someone somebody right true correct
    confirm wrong actual actually really exact exactly source named mentioned listed
    my our your colleague colleagues friend friends boss editor editors teacher client manager
    coworker think thinks thought believe believes reckon reckons guess guessed
    kind kinds type types sort sorts done row
    million millions billion billions thousand thousands hundred bn yuan rmb renminbi""".split())

# Capitalised words; not the second part of a compound ("E-Commerce").
_ENTITY = re.compile(r"(?<![-‐‑])\b([A-Z][a-zA-Z]+(?:\s+[A-Z][a-zA-Z]+)*)(?:[’']s)?\b")
_NOT_ENTITIES = frozenset(
    """What When Where Which Who Whom Whose Why How Is Are Was Were Did Does Do Can Could
    Anything Something Everything Nothing Info Information Details Any Some Facts Figures
    Year Years Chinese
    Tell Give Show List Please And Or But The A An In On Of For By To From With Q1 Q2 Q3 Q4
    RMB GDP Yuan First Second Third Fourth Compare Describe Explain Name Find Calculate
    Summarise Summarize Say According Overall Also Then Ok Okay Out Across Among Between
    Compared Besides Apart Within Without Under Over After Before During Since Until Through
    Throughout Regarding Concerning Considering Given Based Looking Speaking Roughly
    Approximately Exactly Just Only Still Now Currently Today Recently Last Next This That
    These Those Its Their Some Any Each Every All Both Either Neither Such Here There If As
    At Into Onto Upon Via Per Total Altogether Ratio Sum Combined Difference By Will Would
    Should Shall Might Must May My I We You They He She It Me Us Him Them Hi Hello Hey Dear
    January February March April June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Has Have Had Quick Answer Thanks Thank
    Size Scale Level Amount Number Value Count Share Rate Growth Rank Ranking Percentage
    Question Briefly Switching So Well Now Yes No Great Cool Right IT Express Convert State
    Provide Confirm Check Verify Estimate Compute Round Add Define Identify Quote Cite Report
    Outline Work Remind Recall Help Let Lets Let's Someone Somebody Everyone Everybody People
    Nobody Anyone Friend Colleague Source Sources Expressed Express Expressing Taking
    Assuming Using Treating Counting Besides Apart Aside Except Excluding Including""".split()
)


@dataclass
class Query:
    text: str
    lang: str
    intent: str
    units: tuple[str, ...]
    metric: list[str] = field(default_factory=list)  # content tokens naming what is measured
    entities: list[str] = field(default_factory=list)
    scopes: list[str] = field(default_factory=list)  # the entities that only place it
    period: str | None = None
    year: int | None = None
    followup_hint: bool = False  # pronoun or leading "and": leans on the previous turn
    # asked outright for a quantity ("how many", "多少"): only a figure can answer it
    strict: bool = False
    # A Chinese question's measure words, each with the corpus's English words for it
    # (empty: none): see bot.glossary. Set by the answerer, which knows the corpus.
    measure: tuple[tuple[str, tuple[str, ...]], ...] = ()
    missing: tuple[str, ...] = ()  # its measure words (not verbs) the corpus has none for
    # the period was the last question's, not asked in this one ("and the industrial fund?"
    # after a 2021 figure): a figure stated for no period still answers
    period_inherited: bool = False


# Asked outright for a quantity: then only a figure may answer. "What did the government
# allocate money for?" names money but asks what for, and a sentence answers it.
_STRICT_EN = re.compile(
    r"^\s*(?:and\s+)?(?:how (?:many|much|big|large|fast|long|high)|what (?:was|is|were|are)\b|"
    r"what'?s\b|by (?:how much|what)|what (?:percentage|share|proportion|rank|number|amount)|"
    r"which rank|where (?:did|does|do|is)\b)|\b(?:how many|how much|number of)\b", re.I)
_STRICT_ZH = re.compile(r"(多少|几|排名|第几|增长率|增速|规模)")


_WHY = re.compile(r"^\s*(?:and\s+|but\s+|so\s+)?(?:why|how come|for what reason|what (?:is|was) "
                  r"the reason)\b|为什么|为何|原因|缘故", re.I)
_MONEY = re.compile(r"\b(?:cost|costs|costing|spend|spent|price|priced|invest(?:ed|ment)?|"
                    r"paid|pay|budget(?:ed)?|funding|money)\b", re.I)
# What a sale or an activity brings in: money
_EARNED = re.compile(r"\b(?:bring|bringing|brought|rake|raked|take|took|pull|pulled)\s+in\b|"
                     r"\b(?:earn(?:ed|s)?|generat(?:e|ed|es)\s+in\s+sales|revenue|turnover|"
                     r"takings|retail\s+total|sales\s+total)\b", re.I)
_HOW_MANY_MONEY = re.compile(r"\bhow many\s+(?:\w+\s+)?(?:yuan|rmb|renminbi|dollars?|usd|"
                             r"billions?|millions?|bn)\b", re.I)


# Kinds of thing answered by name; places apart ("what place did Yiwu take?" asks a rank).
PLACE_KINDS = r"(?:cit(?:y|ies)|count(?:y|ies)|districts?|places|provinces?|towns?)"
KINDS = (r"(?:compan(?:y|ies)|firms?|enterprises?|institutions?|organi[sz]ations?|platforms?|"
          rf"banks?|universit(?:y|ies)|{PLACE_KINDS}|people|persons?|officials?|experts?|"
          r"partners?|brands?|apps?|websites?|ones)")
# up to three words before the kind, none a verb: "which equity investment institutions"
# but not "what funding did the city government allocate?"
_MODIFIERS = r"(?:(?!(?:did|does|do|was|is|are|were|has|have|had|will|can|could)\b)[\w-]+\s+){0,3}?"
# What is asked by name: "which institutions …", "what other companies …", "who …".
NAMED_KINDS = re.compile(
    rf"\b(?:which|what)\s+(?:other\s+)?{_MODIFIERS}{KINDS}\b|^\s*(?:and\s+)?who\b|"
    r"\bnames?\s+of\b|\b(?:name|list)\s+(?:the|them|all)\b|(?:哪几家|哪家|谁)|"
    # "which traditional industries …?": things of any kind, in the plural
    r"^\s*(?:and\s+)?which\s+(?:other\s+)?(?:[a-z-]+\s+){0,2}[a-z]+(?:ies|[a-rt-z]s)\b",
    re.I)
_NAMES_FIRST = re.compile(
    rf"^\s*(?:and\s+)?(?:(?:which|what)\s+(?:other\s+)?{_MODIFIERS}{KINDS}\b|"
    r"what\s+(?:are|were|is)\s+the\s+names?\s+of\b|(?:name|list)\s+(?:the|them|all)\b)", re.I)


def detect_intent(question: str, zh: bool) -> str:
    if not zh and _HOW_MANY_MONEY.search(question):
        return "how_much"  # "how many billion yuan …" asks for an amount
    if not zh and re.match(r"^\s*(?:and\s+)?when\b", question, re.I):
        return "when"  # "When did the top 500 company open it?" is not a rank
    if _WHY.search(question):
        return "why"  # "Why will Yiwu receive funds?" asks a reason, not an amount
    if not zh and _NAMES_FIRST.match(question):
        return "who"  # "Which institutions set up the funds?" asks names, not the fund
    for name, pattern in ZH_INTENTS if zh else EN_INTENTS:
        if pattern.search(question):
            return name
    return "fact"


# "in the province": placed in the province the document is set in (bot.coverage)
PROVINCE = "the province"
_IN_PROVINCE = re.compile(r"\b(?:in|among|within|across|throughout|of)\s+(?:the|this|its|their)\s+"
                          r"province\b|\bprovince-?wide\b|全省|省内", re.I)
_SCOPE_BEFORE = re.compile(r"\b(?:in|among|within|across|throughout)\s+(?:the\s+)?$", re.I)


def scopes(question: str) -> list[str]:
    """Names that place the question ("… rank in Jinhua") rather than name its subject
    ("Jinhua's output", "the output of Jinhua")."""
    out = []
    for m in _ENTITY.finditer(question):
        words = m.group(1).split()
        name = " ".join(w for w in words if w not in _NOT_ENTITIES)
        # "in Jinhua", "among Zhejiang's cities" place the question; "Jinhua's output" is
        # about Jinhua. A question may open with the preposition: "Among Zhejiang's cities, …"
        before = question[: m.start()] + " ".join(words[: words.index(name.split()[0])]
                                                  if name else [])
        if name and _SCOPE_BEFORE.search(before.rstrip() + " "):
            out.append(name)
    if _NATIONAL.search(question) and "China" not in out:
        out.append("China")  # "rank nationally", "among all Chinese counties": in China
    return out + _in_province(question)


_NATIONAL = re.compile(r"\b(?:nationally|nationwide|country-?wide|across\s+(?:the\s+)?country|"
                       r"(?:among|across|of)\s+(?:all\s+)?chinese)\b", re.I)


def _in_province(question: str) -> list[str]:
    return [PROVINCE] if _IN_PROVINCE.search(question) else []


def entities(question: str) -> list[str]:
    """Capitalised names in the question ("Jinhua", "France"), question words excluded."""
    found = []
    for m in _ENTITY.finditer(question):
        words = [w for w in m.group(1).split() if w not in _NOT_ENTITIES]
        if words:
            found.append(" ".join(words))
    return found


# The things "how many" counts: "how many 5G base stations has …" → "5G base stations".
_COUNTED = re.compile(
    r"\bhow\s+many\s+(?P<what>(?:(?!(?:is|are|was|were|do|does|did|has|have|had|will|would|can|"
    r"could|in|of|for|at|on|by|to|there|that|which|with|from|during)\b)[\w+-]+\s*){1,5})",
    re.I)


def counted(question: str) -> list[str]:
    """The tokens of what a "how many" question counts, or [] for none."""
    m = _COUNTED.search(question)
    return tokens(m.group("what")) if m else []


_PERIOD_WORDS = re.compile(
    r"\b(?:(?:first|second|third|fourth|1st|2nd|3rd|4th|last|next|this)\s+(?:quarter|half)"
    r"(?:\s+of)?|q[1-4]|h[12]|(?:early|late|mid)(?:-|\s+)?|"
    # months, which name a period or a date ("between January and March 2022")
    r"january|february|march|april|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b", re.I)


# "how much funding/money/financing …", "what funding …": money asked for, not a measure
# named ("the fund" is the documents' industrial fund)
_MONEY_ASKED = re.compile(r"\b(?:how\s+much|what|which)\s+(?:(?:public|government|state|"
                          r"municipal|city|extra|additional|total)\s+)?(?:funding|money|"
                          r"financing|finance|budget|cash|capital)\b", re.I)


_THAN_BOUND = re.compile(rf"\b(?:bigger|larger|greater|higher|smaller|lower|fewer)\s+than"
                         rf"(?={BOUND_AHEAD})", re.I)


def metric_tokens(question: str) -> list[str]:
    """Content tokens that name what is measured: frame words, years, quarters and names
    of places or organisations ("Jinhua", "China") dropped — those are entities."""
    names = {stem(w.lower()) for e in entities(question) for w in e.split()}
    question = _IN_PROVINCE.sub(" ", _PERIOD_WORDS.sub(" ", question))  # places, as names
    question = _MONEY_ASKED.sub(" ", question)  # "how much funding": the unit asked, RMB
    question = _THAN_BOUND.sub(" ", question)  # "bigger than 20 bn": a bound, no measure
    out = []
    for t in tokens(question):
        if t in names:
            continue
        # years, quarters, and the amounts a claim states ("someone said 500 million")
        if t in FRAME_WORDS or re.fullmatch(r"(?:19|20)\d\d|q[1-4]|h[12]|[\d.]+", t):
            continue
        out.append(t)
    return out


# "compared with a year earlier" asks for a year-on-year change, not a comparison of two
# figures: read as "year on year".
_YEAR_EARLIER = re.compile(
    r"\b(?:(?:as\s+)?compared\s+(?:with|to)|over|from|on|against|relative\s+to|versus|vs\.?)"
    r"\s+(?:"
    r"(?:a|one)\s+year\s+(?:earlier|before|ago)|(?:the\s+)?(?:previous|prior|last|preceding)"
    r"\s+year|(?:the\s+)?same\s+(?:period|quarter|time|months?)\s+(?:of\s+|in\s+)?(?:the\s+)?"
    r"(?:previous|prior|last|preceding)\s+year|(?:the\s+)?same\s+(?:period|quarter|time|months?)"
    r"\s+(?:a|one)\s+year\s+(?:earlier|before|ago)|(?:the\s+)?year\s+before)\b", re.I)


# Asks what something brings: "what does Yiwu get for being shortlisted?"
_GAINS = re.compile(r"\bwhat\s+(?:does|did|do|will|would|can|could)\s+[\w’' -]+?\s+(?:get|receive|"
                    r"gain|win|earn|obtain)\b|\bwhat\s+(?:is|was|are|were)\s+(?:the\s+)?"
                    r"(?:reward|benefit|prize|payoff|incentive)s?\b", re.I)


def asks_gain(question: str) -> bool:
    """Whether the question asks what something brings ("what does Yiwu get for being
    shortlisted?"), which a sentence saying what is received answers, not a figure."""
    return bool(_GAINS.search(question))


# "(2021 vs 2020)", "2021 over 2020": a year against the one before it
_YEAR_PAIR = re.compile(r"\(?\s*\b(?P<a>(?:19|20)\d\d)\s*(?:vs\.?|versus|over|against|compared\s+"
                        r"(?:with|to)|on)\s*(?P<b>(?:19|20)\d\d)\b\s*\)?", re.I)


def year_on_year(question: str) -> str:
    """``question`` with a change "compared with a year earlier" (or "on the previous year")
    written "year on year", so that "the previous year" there names no period; "(2021 vs
    2020)" of a change is "in 2021"."""
    question = _YEAR_EARLIER.sub("year on year", question)

    def later(m: re.Match[str]) -> str:
        a, b = int(m.group("a")), int(m.group("b"))
        return f" in {a}" if a - b == 1 else m.group(0)
    return re.sub(r"\s+in (?=(?:19|20)\d\d)", " in ", _YEAR_PAIR.sub(later, question))


def understand(question: str) -> Query:
    question = year_on_year(question)
    zh = is_cjk(question)
    found = zh_names(question) if zh else []
    intent = detect_intent(question, zh)
    period = parse_period(question)
    year = period_year(period)
    followup = (
        bool(re.match(r"^\s*(and|also|what about|how about|then|so)\b", question, re.I))
        or bool(re.search(r"\bthen\s*[?？.!]*\s*$", question, re.I))
        or bool(re.search(r"\b(it|its|they|their|them|that|this|those|these)\b", question, re.I))
        # "where does the total rank?": the total just given
        or bool(re.search(r"\bthe\s+(?:total|figure|number|amount|count|same\s+figure)\b(?!\s+of)",
                          question, re.I))
        or (zh and bool(re.search(r"(它|它们|其|那么|那|呢)", question)))
    )
    if intent == "fact" and not zh and _EARNED.search(question):
        intent = "how_much"  # "what did they bring in?" asks an amount
    units = UNITS_FOR[intent]
    if intent == "how_much" and not zh and (_MONEY.search(question) or _EARNED.search(question)):
        units = ("RMB",)  # "how much will it cost?" asks money, not a count
    return Query(
        text=question,
        lang="zh" if zh else "en",
        intent=intent,
        units=units,
        metric=[] if zh else metric_tokens(question),
        entities=[n for n, _ in found] if zh else entities(question),
        scopes=[n for n, scope in found if scope] + _in_province(question) if zh
        else scopes(question),
        period=period,
        year=year,
        followup_hint=followup,
        strict=intent not in ("who", "fact", "when", "compare")
        and bool((_STRICT_ZH if zh else _STRICT_EN).search(question)),
    )
