"""Misspelt words of an English question put right, toward the documents' own words: "how
many 5g staions" → "stations", "an inovation centre" → "innovation".

A word is corrected only when the documents never use it, one of their words is within one
edit of it (two for words of eight letters or more), and it is not itself an English word:
"users" is a word, so "how many 5G users?" stays a question about users and is refused.
Whether a word is English is pyspellchecker's dictionary (128k words, ~30 MB loaded), which
no worker holds: a child process (:mod:`bot.tempcache`) writes down, once per machine and
set of document words, the English words within reach of the documents' words (a few
thousand), and workers read that. rapidfuzz measures the edit distances, in C, as optimal
string alignment: two letters swapped ("waht") are one edit.
"""

from __future__ import annotations

import hashlib
import logging
import re
import sys
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from . import tempcache
from .text import STOPWORDS, stem

log = logging.getLogger(__name__)
_WORD = re.compile(r"\b[A-Za-z]{4,}\b")
_SHORT = re.compile(r"\b[a-z]{3}\b")
_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")
_HEADER = "# English words near the documents' words (OSA distance), one a line\n"


def reach(word: str) -> int:
    """How many edits a misspelling of ``word`` may be away from it."""
    return 2 if len(word) >= 8 else 1


def document_words(texts) -> set[str]:
    """The words of four letters or more the documents use, in lower case, hyphenated ones
    also joined ("e-commerce" is "ecommerce" too, as bot.text reads it)."""
    out: set[str] = set()
    for text in texts:
        low = text.lower()
        out.update(re.findall(r"[a-z]{4,}", low))
        out.update(re.findall(r"[a-z]{4,}", _HYPHEN.sub("", low)))
    return out


class Speller:
    def __init__(self, words: set[str], stems: set[str] = frozenset()) -> None:
        """``words``: the documents' words (:func:`document_words`); ``stems``: their stems,
        so that any form of a word they use ("allocation" of "allocated") is left alone."""
        self.words = sorted(words)
        self._known = set(words)
        self._stems = stems
        digest = hashlib.sha256("\n".join(self.words).encode()).hexdigest()[:12]
        try:
            dictionary = version("pyspellchecker")
        except PackageNotFoundError:
            dictionary = None
        self.path = (Path(tempfile.gettempdir()) / f"bot-spelling-{dictionary}-{digest}.txt"
                     if dictionary else None)
        self._english: set[str] | None = None

    def english(self) -> set[str]:
        """The English words near the documents' words (made on first use; empty, so that
        nothing is corrected, when pyspellchecker is not installed)."""
        if self._english is None:
            if self.path is None:
                self._english = set()
            else:
                words = self.path.with_suffix(".words")
                if not self.path.exists():  # what the child process reads to make it
                    tempcache.write(words, "\n".join(self.words))
                self._english = tempcache.read_or_make(
                    self.path, __name__, _parse, lambda: make(self.words))
        return self._english

    def prepare(self) -> None:
        """Read (or make) the table, and import rapidfuzz, now rather than on the first
        question with a word the documents do not use."""
        import rapidfuzz.process  # noqa: F401

        self.english()

    def correct(self, text: str) -> str:
        """``text`` with its misspelt words replaced by the documents' words they stand for."""
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        def fixed(m: re.Match[str]) -> str:
            word = m.group(0)
            if word[0].isupper() and m.start() > 0:
                return word  # a name ("Hangzhou") is not put right into another
            low = word.lower()
            if low in self._known or stem(low) in self._stems or not self.words or (
                    self.path is None):
                return word  # a document word, or no dictionary to tell a misspelling by
            best = process.extractOne(low, self.words, scorer=OSA.distance,
                                      score_cutoff=reach(low))
            if best is None or low in self.english():
                return word
            return best[0]

        # three letters are too few for a distance; "teh" and "hwo" are "the" and "how"
        text = _SHORT.sub(lambda m: m.group(0) if m.group(0).lower() in self._known
                          else _swapped_stopword(m.group(0).lower()) or m.group(0), text)
        return _WORD.sub(fixed, text)


def _swapped_stopword(word: str) -> str | None:
    """The one stopword ``word`` is with two neighbouring letters swapped ("teh": "the");
    None for none, or for two ("hwo": "how" or "who")."""
    found = {swapped for i in range(len(word) - 1)
             if (swapped := word[:i] + word[i + 1] + word[i] + word[i + 2:]) != word
             and swapped in STOPWORDS}
    return found.pop() if len(found) == 1 else None


def make(words: list[str]) -> str:
    """The table: the English words (pyspellchecker's) within reach of ``words``."""
    import numpy as np
    from rapidfuzz import process
    from rapidfuzz.distance import OSA
    from spellchecker import SpellChecker

    english = [w for w in SpellChecker().word_frequency.dictionary if w.isalpha() and len(w) >= 4]
    near: set[str] = set()
    if words:
        d = process.cdist(english, words, scorer=OSA.distance, score_cutoff=2,
                          workers=-1, dtype=np.uint8)
        # an English word is kept when a document word is within the reach of its length,
        # as a misspelling of it would be
        reaches = np.array([reach(e) for e in english], dtype=np.uint8)
        for i in np.flatnonzero(d.min(axis=1) <= reaches):
            near.add(english[i])
    return _HEADER + "".join(f"{w}\n" for w in sorted(near))


def _parse(data: bytes) -> set[str]:
    text = data.decode("utf-8")
    if not text.startswith(_HEADER) or not text.endswith("\n"):
        raise ValueError("not a whole spelling table of this format")
    return set(text[len(_HEADER):].split())


if __name__ == "__main__":
    out = Path(sys.argv[1])
    tempcache.write(out, make(out.with_suffix(".words").read_text("utf-8").split()))
