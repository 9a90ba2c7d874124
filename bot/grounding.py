"""The rule that every number in an answer stands in a cited span, checked before sending.

A number counts as grounded when its digits occur in the text of a highlighted span of a
cited passage, or when it is the labelled result of a computation over figures that do.
Thousands separators and trailing zeros are ignored ("3,692" matches "3692"; "26.0" and
"26" match), so formatting never turns a true answer into a refused one.
"""

from __future__ import annotations

import re

_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?")


def _canon(token: str) -> str:
    token = token.replace(",", "")
    if "." in token:
        token = token.rstrip("0").rstrip(".")
    return token


def numbers(text: str) -> list[str]:
    """The numbers written in ``text``, canonicalised."""
    return [_canon(m.group(0).rstrip(",")) for m in _NUMBER.finditer(text)]


def ungrounded(answer: str, spans: list[str], computed: list[str] = ()) -> list[str]:
    """Numbers of ``answer`` found neither in ``spans`` nor among ``computed`` results."""
    allowed = {n for s in spans for n in numbers(s)} | {_canon(c) for c in computed}
    return [n for n in numbers(answer) if n not in allowed]
