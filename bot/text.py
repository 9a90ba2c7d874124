"""Word-level normalisation shared by the lexical index and question analysis.

Both sides must turn "e-commerce volumes" and "E-Commerce volume" into the same tokens, so
the rule lives in one place: lower case, hyphenated words joined, English stop words dropped,
Snowball stems. Chinese text yields single characters (only used for detection).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

STOPWORDS = frozenset(
    """a an the and or of in on at to for from by with as is are was were be been being has
    have had do does did its it this that these those there their they them what which who
    whom whose when where why how much many than then so such into about over after before
    yiwu yiwus s me tell please show give i you we our your can could would should will may
    also any all some more most per year years up anything something everything""".split()
)

# The words questions are asked with, which a misspelling may stand for ("waht", "wich").
QUESTION_WORDS = frozenset(
    """what which when where why how many much does did have were there their they volume
    value total number growth rate rank percentage compare between than larger bigger
    higher faster""".split())

# "e-commerce" is one word; "mid-2022" and "2021-22" are not.
_HYPHEN = re.compile(r"(?<=[a-z])[-‐‑](?=[a-z])")
_WORD = re.compile(r"[a-z0-9]+(?:\.[0-9]+)?|[\u4e00-\u9fff]")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


_STEMMER = snowballstemmer.stemmer("english")


# Irregular past forms, which no stemmer joins to their verb: "What did SAP build?" must meet
# "SAP … has built". The verbs reports use; a stemmer handles every regular form.
_IRREGULAR = {
    form: verb
    for verb, forms in {
        "build": "built", "grow": "grew grown", "rise": "rose risen", "fall": "fell fallen",
        "spend": "spent", "make": "made", "win": "won", "begin": "began begun",
        "lead": "led", "hold": "held", "take": "took taken", "bring": "brought",
        "sell": "sold", "buy": "bought", "pay": "paid", "give": "gave given",
        "become": "became", "send": "sent", "keep": "kept", "meet": "met",
        "lose": "lost", "find": "found", "choose": "chose chosen", "write": "wrote written",
        "draw": "drew drawn", "drive": "drove driven", "know": "knew known",
        "see": "saw seen", "go": "went gone", "get": "got gotten", "run": "ran",
        "stand": "stood", "understand": "understood", "undertake": "undertook undertaken",
    }.items()
    for form in forms.split()
}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball (Porter 2) stem, so "allocate"/"allocated" and "livestream"/"livestreaming"
    meet; irregular past forms are first made their verb ("built" → "build"), and British
    "-tre" and "-isation" spellings American ("centre" → "center", "organisation")."""
    word = _IRREGULAR.get(word, word)
    if len(word) > 4 and word.endswith(("tre", "bre")):
        word = word[:-2] + "er"
    if len(word) > 8 and word.endswith(("isation", "isations")):  # "informatisation"
        word = word.replace("isation", "ization")
    if not word.isascii() or not word.isalpha():
        return word
    return _STEMMER.stemWord(word)


_SPACE = re.compile(r"\s+")
_HAN = "[\u3000-\u303f\u3400-\u9fff\uff01-\uff60]"  # Han characters and CJK punctuation
_HAN_GAP = re.compile(f"(?<={_HAN}) (?={_HAN})")


def normalise_question(text: str) -> str:
    """The question as the engine reads it: Unicode NFKC (full-width "５Ｇ？" is "5G?"),
    every run of white space one space, none between two Chinese characters (where it means
    nothing), Chinese in simplified characters ("義烏有多少個5G基站" is "义乌有多少个5G基站":
    the glossary, jieba's dictionary and the tests of Chinese questions are all simplified),
    trimmed. Asked twice with only such differences, a question gets the same answer (and
    the same cache entry)."""
    text = _HAN_GAP.sub("", _SPACE.sub(" ", unicodedata.normalize("NFKC", text))).strip()
    return _simplified().convert(text) if _CJK.search(text) else text


@lru_cache(maxsize=1)
def _simplified():  # -> opencc.OpenCC, loaded on the first Chinese question (8 ms)
    """OpenCC's traditional-to-simplified converter (phrases as well as characters)."""
    import opencc

    return opencc.OpenCC("t2s")


def words(text: str) -> list[str]:
    """Every word of ``text``, lower case, hyphens joined, not filtered."""
    text = text.lower().replace("’", "'").replace("'s", "")
    return _WORD.findall(_HYPHEN.sub("", text))


def tokens(text: str) -> list[str]:
    """Content tokens for matching: stop words dropped, plurals stripped."""
    return [stem(w) for w in words(text) if w not in STOPWORDS]


def is_cjk(text: str) -> bool:
    """Whether the text is mostly Chinese (or Japanese/Korean Han) rather than English."""
    han = len(_CJK.findall(text))
    latin = len(re.findall(r"[A-Za-z]", text))
    return han > 0 and han * 3 >= latin


_PROPER = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][A-Za-z]+(?:[’']s)?(?:\s+[A-Z][A-Za-z]+)*|"
                     r"“[A-Z][^”]*”")


_OPENING = re.compile(r"^(?:[A-Z][A-Za-z]+)(?:\s+[A-Z][A-Za-z]+)*")


def names_in(text: str, proper: frozenset[str] | set[str] = frozenset()) -> set[str]:
    """The names a sentence gives, lower case: capitalised words not opening it, quoted
    terms ("kuaishou", "smart textile"), and an opening word in ``proper`` (words written
    capitalised within sentences elsewhere: "SAP, one of …") or in capitals."""
    text = text.strip()
    found = {m.group(0).strip("“”").lower() for m in _PROPER.finditer(text)}
    if m := _OPENING.match(text):
        first = m.group(0).split()[0]
        if first.lower() in proper or (first.isupper() and len(first) > 1):
            found.add(first.lower())
    return found
