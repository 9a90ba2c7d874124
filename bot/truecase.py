"""Names typed in lower case, in capitals or in title case read as the names they are.

The question analysis finds names by their capitals (:func:`bot.query.entities`), so "what
was jinhua's digital economy output?" used to read as a question about Yiwu and got Yiwu's
figure, where "What was Jinhua's …" is refused. A question typed without a single capital
letter therefore first gets the capitals of the names it holds:

* Chinese places, romanised as English writes them: jieba's place names (tag ``ns``) used at
  least :data:`PLACE_MIN_FREQ` times, spelt in pinyin ("杭州" → "Hangzhou"), and only
  those of :data:`MIN_LETTERS` letters or more, so that no short English word ("age",
  "sue") is taken for one;
* the documents' own names that are spelt in pinyin ("Jinhua", "China", "Douyin") and have
  :data:`MIN_OWN_LETTERS` letters or more: words they capitalise inside sentences and never
  write in lower case. The pinyin test keeps out the parts of organisation names ("People",
  "Office", "Internet"), which a question may well use as plain words.

A question in capitals or in title case (:func:`shouting`) is first put in lower case, and
so read the same way; any other question with a capital letter is left as typed: its writer
capitalises names (all capitals had changed 143 of 222 test answers, title case 142; now
none and one). The names cost ~0.5 s to gather for the article (reading jieba's
dictionary and the pinyin table; ~2 s at 100k passages), so they are gathered on the first
such question or by :meth:`Truecaser.warm`, which the server runs after it says it is ready.
No library does this: English truecasers are trained on news text and know few Chinese
places.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable
from functools import lru_cache

PLACE_MIN_FREQ = 100
MIN_LETTERS = 5
MIN_OWN_LETTERS = 4  # "Yiwu"; shorter pinyin-shaped words ("She", "Men") are English
_HAN = re.compile(r"[\u4e00-\u9fff]{2,}")
_UPPER = re.compile(r"[A-Z]")
_ANY_LOWER = re.compile(r"[a-z]")
_LONG_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z]{4,}(?![A-Za-z])")
_WORD_OF_TWO_OR_MORE = re.compile(r"(?<![A-Za-z])[A-Za-z]{2,}(?![A-Za-z])")
_LOWER_WORD = re.compile(r"(?<![A-Za-z0-9])[a-z]+(?![A-Za-z0-9])")
# A capitalised word after white space that follows neither a sentence end nor an opening
# quote or bracket: inside a sentence.
_MID_SENTENCE = re.compile(r"(?<=[^\s.!?:;\"“(「])\s+([A-Z][a-z]+)(?![A-Za-z])")
_PARAGRAPH = re.compile(r"\n\s*\n")
_SENTENCE_END = (".", "!", "?", "。", "”", '"')


def written_names(texts: Iterable[str]) -> set[str]:
    """Words ``texts`` capitalise inside a sentence and never write in lower case. Only
    paragraphs that end a sentence count: title-case headings would make every word a name."""
    lower: set[str] = set()
    capitalised: set[str] = set()
    for text in texts:
        lower.update(_LOWER_WORD.findall(text))
        sentences = "\n\n".join(p for p in _PARAGRAPH.split(text)
                                 if p.rstrip().endswith(_SENTENCE_END))
        capitalised.update(_MID_SENTENCE.findall(sentences))
    return {w for w in capitalised if w.lower() not in lower}


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    from .pinyin import syllables

    return syllables()


def is_pinyin(word: str) -> bool:
    """Whether ``word`` splits into pinyin syllables ("jinhua" = jin+hua; "people" does not)."""
    word, syllables = word.lower(), _syllables()
    ends = {0}
    for i in range(1, len(word) + 1):
        if any(j in ends and word[j:i] in syllables for j in range(max(0, i - 6), i)):
            ends.add(i)
    return len(word) in ends and bool(word)


@lru_cache(maxsize=1)
def chinese_places() -> dict[str, str]:
    """Romanised Chinese place names, lower case → capitalised ("hangzhou" → "Hangzhou")."""
    from .zh import full_dictionary, romanise

    out: dict[str, str] = {}
    for line in full_dictionary().read_text("utf-8").splitlines():
        parts = line.split()
        if len(parts) != 3 or parts[2] != "ns" or int(parts[1]) < PLACE_MIN_FREQ \
                or not _HAN.fullmatch(parts[0]):
            continue
        name = romanise(parts[0])
        if len(name) >= MIN_LETTERS and name.isascii() and name.isalpha():
            out.setdefault(name.lower(), name)
    return out


def shouting(question: str) -> bool:
    """Whether the capitals of ``question`` say nothing about names: it has no lower-case
    letter ("HOW MANY 5G BASE STATIONS?") or is in title case: every word of four letters or
    more capitalised, and at least three of them ("How Many Base Stations Does Yiwu Have?"),
    or every word of two letters or more, at least three ("How Did It Rank?")."""
    if not _UPPER.search(question):
        return False
    if not _ANY_LOWER.search(question):
        return bool(_WORD_OF_TWO_OR_MORE.search(question))
    long_words = _LONG_WORD.findall(question)
    if len(long_words) >= 3 and all(w[0].isupper() for w in long_words):
        return True
    words = _WORD_OF_TWO_OR_MORE.findall(question)  # short: every word capitalised
    return len(words) >= 3 and all(w[0].isupper() for w in words)


class Truecaser:
    """Gives the names in an all-lower-case question their capitals (see the module)."""

    def __init__(self, texts: Callable[[], Iterable[str]]) -> None:
        """``texts`` gives the documents' texts when the names are first needed (reading
        them all takes ~1.5 s at 100k passages, which loading the index should not pay)."""
        self._texts = texts
        self._names: dict[str, str] | None = None
        self._lock = threading.Lock()

    def names(self) -> dict[str, str]:
        """Lower case → capitalised, for every name this truecaser knows."""
        if self._names is None:
            with self._lock:
                if self._names is None:
                    own = {w.lower(): w for w in written_names(self._texts())
                           if len(w) >= MIN_OWN_LETTERS and is_pinyin(w)}
                    self._names = {**chinese_places(), **own}
        return self._names

    def warm(self) -> None:
        """Make the gazetteer now rather than on the first lower-case question."""
        self.names()

    def __call__(self, question: str) -> str:
        if shouting(question):
            question = question.lower()
        elif _UPPER.search(question) or not _LOWER_WORD.search(question):
            return question
        names = self.names()
        return _LOWER_WORD.sub(lambda m: names.get(m.group(0), m.group(0)), question)
