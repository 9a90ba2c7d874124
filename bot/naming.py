"""Whether a sentence names what a question asks to be named: "which institutions …?",
"who leads the working group?", "the other four counties": names the question does not
give, a list of the very things asked ("ten traditional industries, including …"), or what
kind they are in words the question does not use."""

from __future__ import annotations

import re

from .converse import Resolved
from .coverage import Coverage
from .numbers import parse_number
from .query import KINDS, NAMED_KINDS, PLACE_KINDS
from .ranks import other_rank
from .text import names_in, stem, tokens

_ORGANISATION = re.compile(r"\b(?:office|government|committee|council|party|company|co|ltd|"
                           r"inc|group|bureau|association|center|centre|institute|university|"
                           r"bank|ministry|department|commission|federation)\b", re.I)
# Asked for a person: "who is the mayor?", "who leads the working group?"
_OFFICES = (r"(?:secretary|mayor|director|head|leader|chair(?:man|woman|person)?|ceo|president|"
            r"governor|minister|spokes(?:man|woman|person)|founder|manager|official|boss|chief)")
_PERSON = re.compile(
    rf"^\s*(?:and\s+)?who\s+(?:is|was|are|were)\s+(?:the\s+)?[\w’' -]*?\b{_OFFICES}\b|"
    # "what's the name of the spokesman …?", "the mayor's name"
    rf"\bnames?\s+of\s+(?:the\s+|its\s+|this\s+)?[\w’' -]*?\b{_OFFICES}\b|"
    rf"\b{_OFFICES}(?:[’']s|s’)\s+names?\b|^\s*(?:and\s+)?who\s+"
    r"(?:leads|led|heads|headed|runs|ran|chairs|chaired|manages|managed|founded|directs|"
    r"directed|is\s+in\s+charge)\b", re.I)
# ("besides livestreaming, what kind of zone …?" sets a thing aside, not a name: no others)
_OTHER = re.compile(r"\b(?i:other|others|(?:besides|apart from|aside from|except|along with|"
                    r"alongside)(?=\s+(?-i:(?:the\s+)?[A-Z0-9]))|remaining|the rest)\b|"
                    r"其他|其余|另外|除了")
NAMING_WORDS = frozenset(stem(w) for w in """name named names mention mentions mentioned
    article document text list listed among""".split())
_LISTING = re.compile(r"\b([A-Za-z-]+)\s*,?\s+(?:including|such\s+as|namely|like|e\.g\.)\s+\w",
                      re.I)


# "which (traditional) industries …?": the kind of thing asked, in the plural
_WHICH_PLURAL = re.compile(r"^\s*(?:and\s+)?which\s+(?:other\s+)?(?:[a-z-]+\s+){0,2}?"
                           r"([a-z]+(?:ies|[a-rt-z]s))\b", re.I)


def lists(sentence: str, asked: set[str]) -> bool:
    """Whether ``sentence`` lists some of the things asked about: "ten traditional
    industries, including the jewelry and clothing industries" for "which industries?"."""
    return any(stem(m.group(1).lower()) in asked for m in _LISTING.finditer(sentence))


def asks_names(question: str) -> bool:
    """Whether the answer must name things: "which institutions …?", "who …?", or the
    "other" ones of a list ("what are the other eight industries?")."""
    return bool(NAMED_KINDS.search(question)) or bool(
        _OTHER.search(question) and re.search(r"\b(?:which|what)\b", question, re.I))


class Naming:
    def __init__(self, coverage: Coverage) -> None:
        self.coverage = coverage

    def tells_which(self, sentence: str, r: Resolved) -> bool:
        """Whether ``sentence`` says which ones: names them, or, unless the other ones are
        asked for, says what kind they are in words the question does not use
        ("integrated circuit companies" for "what companies did the fund attract?"), and
        gives the rank the question asks of them (:func:`bot.ranks.other_rank`)."""
        if other_rank(r.question, sentence):
            return False
        if self.new_names(sentence, r):
            return True
        if _OTHER.search(r.query.text):
            return False
        if lists(sentence, set(tokens(r.question))):
            return True
        asked = set(tokens(r.question))
        kind = re.search(rf"\b{KINDS}\b", r.question, re.I) or _WHICH_PLURAL.match(r.question)
        if not kind:
            return False
        head = stem(kind.group(kind.lastindex or 0).lower())
        words = re.findall(r"\w[\w-]*", sentence)  # with numbers: "and 15 companies"
        for i, w in enumerate(words):
            if stem(w.lower()) == head:
                # what kind: "integrated circuit companies", not "15 companies" (a count)
                before = [t for x in words[max(0, i - 2) : i] for t in tokens(x)
                          if parse_number(x) is None]
                if set(before) - asked:
                    return True
        return False

    def new_names(self, sentence: str, r: Resolved) -> set[str]:
        """The names ``sentence`` gives that the question does not, nor, when it asks for
        "the other ones", the answer before it; the documents' subjects count only when
        places are asked (not "Yiwu" for "which institutions?"), and never the regions
        figures are ranked in ("Zhejiang", "China")."""
        known = {w.lower() for w in re.findall(r"[A-Za-z]+", r.question)}
        # the places ranks are placed in ("in China", "in Jinhua") contain the ones asked
        known |= set(self.coverage.province.values()) | self.coverage.units | (
            self.coverage.places - self.coverage.subjects)
        # places asked for: "which cities …?", "the other four counties", not "who … cities?"
        places = bool(re.search(rf"^(?!\s*(?:and\s+)?who\b).*\b{PLACE_KINDS}\b", r.question,
                                re.I))
        if not places:
            known |= self.coverage.subjects
        if _OTHER.search(r.query.text):  # the other ones: not those said, nor the subject
            known |= set((r.previous or {}).get("names") or ()) | self.coverage.subjects
        # a name in the possessive is the name ("Yiwu’s industrial cluster": Yiwu)
        found = {re.sub(r"[’']s$", "", n) for n in names_in(sentence, self.coverage.proper)}
        if places:  # no office is a place
            found = {n for n in found if not _ORGANISATION.search(n)}
        if _PERSON.search(r.question):
            # "who is the party secretary?": a person's name, of two words or more ("Ding
            # Fenggang"), is the answer; an office, a place, a quoted term or "Internet" not
            found = {n for n in found if len(n.split()) >= 2 and not _ORGANISATION.search(n)
                     and not n.startswith("“")
                     and not set(n.split()) & (self.coverage.places | self.coverage.subjects)}
        return {n for n in found if not set(n.split()) <= known}
