"""Follow-up questions: rewrite "and how much did it grow?" into a standalone question.

Each answered turn leaves a small ``state`` (intent, what was measured, period, the figure
given). A new question that leans on the previous one — it starts with "and"/"what about",
uses a pronoun, or names no measure of its own — is rewritten from that state: pronouns
become the previous measure, a bare noun phrase takes the previous question's frame, and a
missing period is carried over. The rewrite is what is answered and what the API returns as
``resolved_question``, so a user can see how the question was understood.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from .converse_pairs import over_last_two
from .converse_zh import resolve_zh, zh_period
from .query import PLACE_KINDS, UNITS_FOR, Query, asks_gain, scopes, understand, year_on_year
from .question_periods import parse_period, period_phrase, period_year
from .text import is_cjk

_LEAD = re.compile(r"^\s*(?:and|also|so|then|ok(?:ay)?|what about|how about|(?:besides|apart from|"
                   r"aside from|other than|in addition to)\s+(?:that|this|it|those|these)|"
                   r"in addition)\b[\s,]*", re.I)
_FRAME = re.compile(
    r"^(?:(?:roughly|approximately|about)\s+)?"
    r"(?:what|how many|how much|which|who|when|how big|how large|how fast|how)\b"
    r"(?:\s+(?:was|is|were|are|did|does|do|has|have|had|about))?(?:\s+the)?\s*",
    re.I,
)
_PERIOD = re.compile(
    r"\b(?:in|during|for|as of)?\s*(?:the\s+)?(?:(?:first|second|third|fourth)\s+quarter\s+of\s+"
    r"|q[1-4]\s+(?:of\s+)?)?(?:19|20)\d\d(?:\s*-?\s*q[1-4])?\b",
    re.I,
)
_SUBJECT = re.compile(r"\b(?:(?:of|in)\s+yiwu[’']s|yiwu[’']s|of yiwu|in yiwu|yiwu)\b", re.I)
_TRAILING_VERB = re.compile(
    r"\s+(?:reach|reached|grow|grew|be|built|build|sell|sold|launch|launched|get|achieve|"
    r"increase|rise|rank|ranked)$", re.I)
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
_QUARTER_ONLY = re.compile(r"\b(?:(?:the\s+)?(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+"
                           r"quarter|q[1-4])\b(?!\s*(?:of\s+)?(?:19|20)\d\d)", re.I)

_WHY_ALONE = re.compile(r"^\s*(?:and\s+|but\s+|so\s+)?(?:why|how come)(?:\s+(?:is|was)\s+"
                        r"(?:that|this|it|so))?\s*[?？.!]*\s*$|^\s*为什么(?:呢)?\s*[？?]*\s*$",
                        re.I)
_WHEN_ALONE = re.compile(r"^\s*(?:and\s+|but\s+|so\s+)?(?:when|(?:in\s+)?(?:what|which)\s+"
                         r"(?:year|month)|on\s+what\s+date)(?:\s+(?:was|did|is)\s+(?:that|this|it)"
                         r"(?:\s+happen)?)?\s*[?？.!]*\s*$|^\s*(?:什么时候|哪一?年)(?:呢)?\s*[？?]*\s*$",
                         re.I)
# the question words a "when?" after a question drops: "Which Yiwu cluster was picked …?"
_WH_HEAD = re.compile(r"^\s*(?:which|what|who|how\s+(?:many|much))(?:\s+[\w’']+)?\s+", re.I)
# "which one is for knitting?", "which ones were picked?": one of the kind asked before
_WHICH_ONE_OF = re.compile(r"^\s*(?:and\s+|so\s+)?(?:which|what)\s+one(?P<ones>s)?\b(?!\s+of\b)"
                           r"(?P<rest>\s+(?:is|was|are|were|has|have|did|does|do)\b.+)$", re.I)
_ASKED_KIND = re.compile(r"^\s*(?:and\s+)?(?:which|what)\s+(?:other\s+)?"
                         r"(?!(?:was|is|were|are|does|do|did|has|have|had)\b)(?P<kind>(?:[a-z-]+\s+)"
                         r"{0,2}?[a-z-]+?(?:ies|[a-rt-z]s))\b(?!\s+of\b)", re.I)
# "per event", "for each one": an average over one thing, named alone
_PER_ONE = re.compile(r"\b(?:per|for\s+each|for\s+every|each)\s+(?P<one>[a-z]+?)s?\b"
                      r"(?=\s*(?:then|on\s+average|in\s+\w+|during\s+\w+)?\s*[?？.!]*\s*$|"
                      r"\s+(?:bring|brought|generate|generated|make|made|earn|earned|take|took|"
                      r"sell|sold|rake|raked|get|got|average|cost)\b)", re.I)
# "does any county have more?", "is anywhere else higher?": whether another ranks ahead in
# what was just asked
_AHEAD_ALONE = re.compile(rf"^\s*(?:and\s+|but\s+|so\s+)?(?:does|did|do|is|was|has|have)\s+"
                          rf"(?:any(?:one|where)?|another|some(?:one|where))(?:\s+other)?"
                          rf"(?:\s+(?P<kind>{PLACE_KINDS}))?(?:\s+else)?\s+(?:have\s+|has\s+|"
                          rf"had\s+|got\s+|built\s+|rank(?:ed)?\s+|do\s+|did\s+)?"
                          r"(?:more|higher|bigger|larger|better|ahead)\s*[?？.!]*$", re.I)
_THEN_END = re.compile(r"\s+then$", re.I)
# A period named relative to the one just answered: "what was it the year before?"
_RELATIVE = re.compile(
    r"(?:\b(?:in|for|during)\s+)?(?:\bthe\s+)?(?:\b(?P<unit>year|quarter)\s+(?P<dir>before|after)\b|"
    r"\b(?P<dir2>previous|prior|preceding|following|next)\s+(?P<unit2>year|quarter)\b|"
    r"\ba\s+(?P<unit3>year|quarter)\s+(?P<dir3>earlier|before|later|after)\b)"
    r"|(?P<zh>前一年|上一年|后一年|下一年|上一季度|下一季度|上个季度|下个季度)", re.I)


def _shifted(period: str, m: re.Match[str]) -> str | None:
    """``period`` moved by the year or quarter ``m`` names: "2022-Q1" a year before is
    "2021-Q1", a quarter before "2021-Q4"; None for a quarter away from a year or date."""
    if m.group("zh"):
        unit = "quarter" if "季度" in m.group("zh") else "year"
        step = -1 if m.group("zh")[0] in "前上" else 1
    else:
        unit = (m.group("unit") or m.group("unit2") or m.group("unit3")).lower()
        word = (m.group("dir") or m.group("dir2") or m.group("dir3")).lower()
        step = -1 if word in ("before", "previous", "prior", "preceding", "earlier") else 1
    if not re.match(r"\d{4}", period):
        return None
    year = int(period[:4])
    if q := re.fullmatch(r"\d{4}-Q([1-4])", period):
        n = int(q.group(1))
        if unit == "year":
            return f"{year + step}-Q{n}"
        n += step
        return f"{year + (n - 1) // 4}-Q{(n - 1) % 4 + 1}"
    if unit == "quarter":
        return None
    if len(period) == 10 and step < 0:
        # a stock "to date" answers for its date's year and the one before (match.period_
        # matches), so the year before it is the one before both
        return str(year - 2)
    return str(year + step)


# "where did that put it (in the province)?": the rank of what was just answered
_WHERE_PUT = re.compile(r"^where\s+(?:does|did|do|would|will)?\s*(?:that|this|it)\s+puts?\s*"
                        r"(?:it|them|yiwu|the\s+city)?\s*", re.I)

# "how does that compare with other cities and counties in Zhejiang?": a rank among peers
_AGAINST_OTHERS = re.compile(
    r"^how\s+(?:does|did|do|is|was)\s+(?:that|this|it|the\s+city|yiwu)\s+(?:compare|stack\s+up|"
    r"rank|fare)\s+(?:(?:with|to|against|among)\s+(?:the\s+)?(?:other|rest\s+of\s+the)\s+"
    r"(?P<others>.+?)|(?:in|within|across|inside)\s+(?P<place>.+?))\s*[?？.]*$", re.I)

# "How does Yiwu's index compare with other Zhejiang cities and counties?", "… within
# Zhejiang?": a rank among them, or there
_NAMED_AGAINST_OTHERS = re.compile(
    r"^\s*how\s+(?:does|did|do|is|was)\s+(?P<x>.+?)\s+(?:compare|stack\s+up|fare|measure\s+up)\s+"
    r"(?:(?:with|to|against|among)\s+(?:the\s+)?(?:other|rest\s+of\s+the)\s+(?P<others>.+?)|"
    r"(?:within|across|inside)\s+(?P<place>.+?)|(?P<nation>nationally|nationwide|across\s+the\s+"
    r"country|at\s+the\s+national\s+level))\s*[?？.]*$", re.I)

# How a bare noun phrase ("and the strategic emerging industries?") is asked, by the intent
# it carries over; the intent itself is restored from the previous turn.
FRAMES = {"how_many": "How many", "when": "When was"}


@dataclass(frozen=True)
class Resolved:
    question: str  # standalone question to answer
    query: Query
    prefer_of: str | None  # previous figure's id, when a growth of it is asked for
    previous: dict[str, Any] | None


def metric_phrase(question: str) -> str:
    """The measured thing a question names: "What was the e-commerce volume in 2021?" →
    "e-commerce volume"."""
    s = question.strip().rstrip("?？.!！ ")
    s = _LEAD.sub("", s)
    s = _FRAME.sub("", s)
    s = _PERIOD.sub("", s)
    s = _SUBJECT.sub("", s)
    s = _without_scopes(s)
    s = re.sub(r"\s+", " ", s).strip(" ,")
    s = _TRAILING_VERB.sub("", s)
    return re.sub(r"^(?:the|a|an)\s+", "", s, flags=re.I).strip()


def _without_scopes(s: str) -> str:
    """``s`` without the places that only place it: "rank in the evaluation in the province
    overall" → "rank in the evaluation", so that "and in Jinhua?" next asks it there."""
    places = [re.escape(n) for n in scopes(s)] + ["province", "country", "nation"]
    return re.sub(rf"\s*\b(?:in|among|within|across|throughout)\s+(?:the\s+)?"
                  rf"(?:{'|'.join(places)})(?:[’']s)?(?:\s+{PLACE_KINDS})?"
                  r"(?:\s+(?:overall|as\s+a\s+whole))?\b", "", s, flags=re.I)


def _leans_on_previous(q: Query, stripped: str) -> bool:
    if q.followup_hint:
        # "How much added value came from its strategic emerging industries?": a measure
        # named in two words or more, with only "its" to lean on, is a question of its
        # own, "its" being the documents' subject
        own = q.lang == "en" and len(q.metric) >= 2
        return not (own and not _LEANS.search(q.text))
    if q.lang == "en":
        return not q.metric and len(stripped.split()) <= 8
    return len(stripped) <= 8


# "how much of that came from livestreaming?", "what part of it was X?": a part of it
_PART_OF = re.compile(r"^(?:how\s+much|what\s+(?:part|share|portion|proportion|percentage))\s+"
                      r"of\s+(?:that|it|this|those|them)\s+(?:came|comes|come|was|were|is|are)"
                      r"\s+(?:from|due\s+to|through|via|by)?\s*(?P<part>.+?)\s*[?？.]*$", re.I)
# "what about X — <a question of it>?"
# "and X — <a question of it>?", "as for X: …"
_ABOUT_THEN = re.compile(r"^\s*(?:and\s+(?:(?:what|how)\s+about\s+)?|(?:what|how)\s+about\s+|"
                         r"as\s+(?:for|to)\s+|regarding\s+)(?P<x>[^—–:;,?]+?)\s*"
                         r"(?:[—–:;,]|\s-)\s*(?P<q>.*\b(?:that|it|this|those|these|them|"
                         r"they)\b.*)$", re.I)
# What leans on the turn before, other than a possessive
_WH = re.compile(r"\b(?:how|what|which|when|who|where)\b", re.I)
_PRONOUN = re.compile(r"\b(?:it|they|them|that|this|those|these)\b", re.I)
_LEANS = re.compile(r"^\s*(?:and|also|what about|how about|then|so)\b|\bthen\s*[?？.!]*\s*$|"
                    r"\b(?:it|they|them|that|this|those|these)\b|\bthe\s+(?:total|figure|"
                    r"number|amount|count)\b", re.I)


def _substitute_pronouns(text: str, phrase: str) -> str:
    text = re.sub(r"\b(?:its|their)\s+(\w+(?:\s+rate)?)", rf"the \1 of {phrase}", text,
                  flags=re.I)
    def substituted(m: re.Match[str]) -> str:
        # "the platforms it launched": "it" doing something is the documents' subject (a
        # city, a company), not a measure, and is left as asked; "how was it set up?" is
        # done to it
        if _DOES_THINGS.match(text, m.end()) and not _AUXILIARY.search(text, 0, m.start()):
            return m.group(0)
        return phrase

    # "how big is that fund?": "that" before a noun of its own points at it ("the fund")
    text = re.sub(rf"\b(?:that|this|those|these)\s+(?!(?:{_NOT_NOUN})\b)(?=[a-z][\w-]*\b)", "the ",
                  text, flags=re.I)
    return re.sub(r"\b(?:it|they|them|that|this|those|these|ones)\b", substituted, text,
                  flags=re.I)


# Words after "that"/"this" that leave it a pronoun ("that is", "that figure", "this in")
_NOT_NOUN = (r"is|was|were|are|be|been|has|have|had|did|does|do|will|would|can|could|should|"
             r"compare[sd]?|came|comes|come|grew|grow|grows|rose|rise|rises|went|go|goes|mean[st]?|"
             r"represent(?:s|ed)?|happen(?:s|ed)?|put|puts|rank(?:s|ed)?|stand(?:s)?|stood|make[s]?|"
             r"made|take[s]?|took|get[s]?|got|figure|number|amount|total|one|ones|value|count|rate|"
             r"growth|level|result|in|of|for|on|at|to|from|by|with|as|than|and|or|but|so|then|"
             r"year|quarter|period|time|same|much|many|far|big|large|high|fast|figures|numbers|"
             r"amounts|totals|values|rates|results|more|less|fewer|out|up|down|off|right|true|"
             r"correct|wrong|the|a|an|all|enough|also|too|still|just|really|actually|exactly|"
             r"highest|largest|biggest|best|most|least|lowest|first|last|higher|lower|larger|"
             r"bigger|smaller|better|worse|not|no|yes|because|why|how|what|when|where|which|who")


_DOES_THINGS = re.compile(r"\s+(?:has\s+|have\s+|had\s+)?(?:launched|built|set\s+up|developed|"
                          r"opened|created|established|attracted|introduced|allocated|made|"
                          r"started|founded|rolled\s+out)\b", re.I)
_AUXILIARY = re.compile(r"\b(?:was|is|were|are|been|be|being|get|got)\s+$", re.I)


def resolve(question: str, history: list[dict[str, Any]]) -> Resolved:
    """Rewrite ``question`` given earlier turns' states (oldest first)."""
    question = year_on_year(question)  # "growth on the previous year" names no period
    if m := _ABOUT_THEN.match(question):
        # "what about the Internet channel — where does Yiwu stand on that?": "that" is it
        question = re.sub(r"\b(?:that|it|this|those|these|them|they)\b", m.group("x"),
                          m.group("q"), count=1, flags=re.I)
    if (m := _NAMED_AGAINST_OTHERS.match(question)) and not re.fullmatch(
            r"(?:that|this|it|they|those|these)", m.group("x"), re.I):
        # "How does Yiwu's informatization index compare with other Zhejiang cities?": its
        # rank among them
        where = (f"among the other {m.group('others')}" if m.group("others")
                 else f"in {m.group('place')}" if m.group("place") else "nationally")
        question = f"What was the rank of {m.group('x')} {where}?"
    q = understand(question)
    # the last answered turn a follow-up can lean on (not one about the document itself)
    leant = [h for h in history if h.get("context", True)]
    previous = next((h for h in reversed(leant) if h.get("answered")), None)
    previous = previous or (leant[-1] if leant else None)
    if q.lang == "en" and previous and previous.get("intent") == "how_many" and (
            phrase := previous.get("metric_phrase")) and (m := _PER_ONE.search(question)):
        # "what was the average sales per event then?" after the count of the events: per
        # one of those counted
        text = f"{question[: m.start('one')]}{phrase}{question[m.end('one'):]}"
        text = _THEN_END.sub("", text.rstrip("?？ ")).strip()
        if (carried := _carried_period(previous)) and not q.period:
            when = period_phrase(carried)
            if re.search(r"\bin$", text):  # "bring in during …", not "bring in in …"
                when = re.sub(r"^in\b", "during", when)
            text = f"{text} {when}"
        text = f"{text}?"
        return Resolved(text, understand(text), None, previous)
    if q.lang == "en" and previous and (phrase := previous.get("metric_phrase")) and (
            m := _AHEAD_ALONE.match(question)):
        # "does any county have more?" after the count of 5G base stations: whether another
        # ranks ahead in them
        kind = re.sub(r"ies$", "y", m.group("kind") or "place").rstrip("s")
        text = f"Does any other {kind} rank ahead in {phrase}?"
        return Resolved(text, understand(text), None, previous)
    if pair := over_last_two(question, q.lang, history):
        # "how many times bigger is the latter?", "which is higher?", "哪个更高？": the
        # last two figures given, related as asked
        return Resolved(pair, understand(pair), None, previous)
    base = previous and (previous.get("figure_period") or previous.get("period"))
    if base and (rel := _RELATIVE.search(question)) and (shifted := _shifted(base, rel)):
        # "what was it the year before?" after 2021's figure: "what was it in 2020?"
        when = zh_period(shifted) if is_cjk(question) else period_phrase(shifted)
        question = f"{question[: rel.start()]}{when}{question[rel.end():]}"
        q = replace(understand(question), followup_hint=True)
    if previous and _WHY_ALONE.match(question):
        # "why?" after "Will Yiwu get additional funds?": "Why will Yiwu get …?"
        asked = previous.get("resolved") or previous.get("question") or ""
        if re.match(r"(?:will|would|did|does|do|is|was|were|are|has|have|had|can)\b", asked,
                    re.I):
            text = f"Why {asked[0].lower()}{asked[1:]}"
        else:  # "why?" after "How many 5G base stations?": why about them
            text = f"Why {previous.get('metric_phrase') or asked}?"
        return Resolved(text, understand(text), None, previous)
    if previous and _WHEN_ALONE.match(question):
        # "in what year?" after an answer ("Which cluster was picked …?", "How many
        # programs were selected?"): when that
        asked = previous.get("resolved") or previous.get("question") or ""
        rest = _WH_HEAD.sub("", asked).rstrip("?？ ")
        text = f"When {rest[:1].lower()}{rest[1:]}?"
        if previous.get("figure_id") and previous.get("metric_phrase"):
            # after a figure: when it was given ("When was the e-commerce volume?")
            text = f"When was the {previous['metric_phrase']}?"
        return Resolved(text, replace(understand(text), intent="when",
                                      units=UNITS_FOR["when"]), None, previous)
    if q.lang == "en" and previous and (m := _WHICH_ONE_OF.match(question)) and (
            kind := _ASKED_KIND.match(previous.get("resolved") or previous.get("question") or "")):
        # "which one is for knitting?" after "What online platforms has Yiwu launched?":
        # which of those platforms
        plural = kind.group("kind")
        one = plural if m.group("ones") else re.sub(r"ies$", "y", re.sub(r"(?<!ie)s$", "",
                                                                         plural))
        text = f"Which {one}{m.group('rest')}"
        return Resolved(text, understand(text), None, previous)
    stripped = _LEAD.sub("", question).strip()
    if previous and _LEAD.match(question) and (text := _other_name(stripped, q, previous)):
        # "and Kuaishou?" after "What did SAP do in Yiwu?": "What did Kuaishou do in Yiwu?"
        return Resolved(text, understand(text), None, previous)
    if not previous or not _leans_on_previous(q, stripped):
        return Resolved(question, q, None, previous)
    phrase = previous.get("metric_phrase") or ""
    if previous.get("told_of") and q.intent in ("how_much", "how_many", "growth", "rank",
                                                "index", "compare"):
        # "how big is it?" after a sentence that tells of one figure: that figure's measure
        # ("which year was it selected?" still asks of the thing the question was about)
        phrase = previous["told_of"]
    previous_year = period_year(previous.get("period"))
    if q.lang == "zh":
        text = resolve_zh(question, q, previous, phrase)
        asked = parse_period(text)
        if previous_year and (not asked or asked.startswith("Q")):
            # "那二季度呢？" after a question about 2022's first quarter: 2022's second
            text = (f"{previous_year}年{text}" if asked
                    else f"{zh_period(previous['period'])}{text}")
    else:
        if phrase and (m := _WHERE_PUT.match(stripped)):  # "where did that put it …?"
            stripped = f"What was the rank of {phrase} {stripped[m.end():]}"
        elif phrase and (m := _PART_OF.match(stripped)):
            # "how much of that came from livestreaming?": the share of it that is
            stripped = f"What share of {phrase} is {m.group('part')}"
        elif phrase and (m := _AGAINST_OTHERS.match(stripped)):
            # "how does that compare with other cities in Zhejiang?": its rank among them
            where = f"among {m.group('others')}" if m.group("others") else f"in {m.group('place')}"
            stripped = f"What was the rank of {phrase} {where}"
        # "and for how long has its integration index been among the top?": a measure of
        # its own, "its" being the documents' subject; only a pronoun is the measure before
        keep = len(q.metric) >= 2 and _WH.search(stripped) and not _PRONOUN.search(stripped)
        text = _substitute_pronouns(stripped, phrase) if phrase and not keep else stripped
        if phrase and (q.period or q.scopes) and not q.metric and re.match(
                r"(?:in|for|during|among|within|across)\b", text, re.I):
            # "And in the first quarter of 2022?", "and in the province?"
            text = f"What was the {phrase} {text}"
        if q.metric:  # "and for the integration index?" asks about that index
            text = re.sub(r"^(?:as\s+)?(?:for|regarding|about)\s+", "", text, flags=re.I)
        if not understand(text).metric and phrase and phrase.lower() not in text.lower():
            text = f"{text.rstrip('?？ ')} of {phrase}"
        if not _FRAME.match(text) and not re.match(r"^(?:did|does|do|is|was|were|are)\b",
                                                   text, re.I):
            frame = FRAMES.get(q.intent if q.intent != "fact" else previous.get("intent", ""),
                               "What was")
            if frame == "How many" and re.match(r"how many\b", text, re.I):
                frame = ""
            text = f"{frame} {_ARTICLE.sub('', text) if frame != 'What was' else text}".strip()
    quarter = _QUARTER_ONLY.search(question)
    yearless = not q.period or q.period.startswith("Q")
    inherited = False
    if quarter and yearless and previous_year and q.lang != "zh":
        # "what about the second quarter?" is that quarter of the year asked before
        text = _QUARTER_ONLY.sub(lambda m: f"{m.group(0)} of {previous_year}", text, count=1)
    elif not q.period and (carried := _carried_period(previous)) and q.lang != "zh":
        text = f"{text.rstrip('?？ ')} {period_phrase(carried)}".rstrip()
        inherited = True
    text = text.rstrip("?？ ") + ("？" if q.lang == "zh" else "?")
    text = text[0].upper() + text[1:]
    rq = understand(text)
    if q.intent in ("growth", "rank") and rq.intent not in (q.intent, "compare"):
        # "增长率呢？" after an English question: the growth asked in Chinese stays asked;
        # "where did that put it?": the rank, though "it" became the measure's words
        rq = replace(rq, intent=q.intent, units=UNITS_FOR[q.intent])
    if rq.intent == "fact" and previous.get("intent") in UNITS_FOR and not asks_gain(text):
        rq = replace(rq, intent=previous["intent"], units=UNITS_FOR[previous["intent"]])
    if inherited:
        rq = replace(rq, period_inherited=True)
    prefer = previous.get("figure_id") if rq.intent == "growth" else None
    return Resolved(text, rq, prefer, previous)


_NAME_ALONE = re.compile(r"^(?:(?:in|for|about|with|regarding)\s+)?(?:the\s+)?(?P<name>[^?？.!,]+?)"
                         r"(?:[’']s)?\s*[?？.!]*\s*$", re.I)


def _other_name(stripped: str, q: Query, previous: dict[str, Any]) -> str | None:
    """The previous question asked of another name, when a follow-up is that name alone:
    the name the previous one asked about gives way to it ("What did SAP do in Yiwu?", "and
    Kuaishou?"); a place ("and in Hangzhou?") takes the documents' subject's place, or is
    added where the previous question named none."""
    m = _NAME_ALONE.match(stripped)
    if q.lang != "en" or q.metric or not m:
        return None
    name = m.group("name").strip()
    if name.lower() not in {e.lower() for e in q.entities}:
        return None
    before = (previous.get("resolved") or previous.get("question") or "").strip()
    if not before or is_cjk(before):
        return None
    others = [e for e in understand(before).entities if not _SUBJECT.fullmatch(e)]
    if q.scopes and scopes(before):  # "and in Jinhua?" after "… in the province?": there
        return f"{_without_scopes(before).rstrip('?？. ')} in {name}?"
    if others:
        old = re.escape(others[-1])
    elif not q.scopes:  # "and SAP?" after "Which platforms set up bases in Yiwu?": not a place
        return None
    elif _SUBJECT.search(before):
        old = r"yiwu"
    else:
        return f"{before.rstrip('?？. ')} in {name}?"
    return re.sub(rf"\b{old}\b", lambda _: name, before, count=1, flags=re.I)


def _carried_period(previous: dict[str, Any]) -> str | None:
    """The period a follow-up carries over from the turn before: its figure's year or quarter
    (2021's, after the 2020 worked back from it), else the period that turn asked."""
    figure = previous.get("figure_period") or ""
    return figure if re.fullmatch(r"\d{4}(?:-Q[1-4]|-H[12])?", figure) else previous.get("period")
