"""A sentence being read by the figure extractor, and the figures found in it.

``Reading`` holds a sentence's text and a masked copy of the same length, so that offsets hold
in both. Each span read (a period, a figure, a number that is not a figure) is claimed and
masked, so that a later, weaker reading cannot reuse its digits. ``Mention`` is a figure found
in the sentence (offsets relative to it), filled in as it is spotted, labelled and linked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Mention:
    """A figure found in a sentence, before it is labelled. Offsets are sentence-relative."""

    start: int
    end: int
    num_start: int  # where the number itself starts, after any qualifier
    kind: str  # money | pct | growth | rank | years | count | date
    value: float | None
    unit: str
    scale: str | None = None
    qualifier: str | None = None
    date: str | None = None
    suffix: str | None = None  # a date still missing its year: "-12-15"
    label: str = ""
    core: str = ""  # the label without a trailing verb, for "growth of"/"rank of"
    scope: str | None = None
    of: int | None = None  # index of the base mention in the sentence
    of_prev: bool = False  # the base is the last figure of the previous sentence
    extra: list[str] = field(default_factory=list)


@dataclass
class Reading:
    """One sentence being read: the text, a masked copy (same length) and its mentions."""

    text: str
    masked: str
    proper: frozenset[str]
    mentions: list[Mention] = field(default_factory=list)
    taken: list[tuple[int, int]] = field(default_factory=list)

    def free(self, s: int, e: int) -> bool:
        return not any(s < b and a < e for a, b in self.taken)

    def claim(self, s: int, e: int, mask: str | None = None) -> None:
        self.taken.append((s, e))
        if mask is not None:
            # Digits become "_" so the words around stay words; "," makes a clause boundary.
            piece = mask + " " * (e - s - 1) if mask == "," else re.sub(
                r"\d", "_", self.masked[s:e])
            self.masked = self.masked[:s] + piece + self.masked[e:]

    def cjk(self, pos: int) -> bool:
        """Whether the figure at ``pos`` stands in Chinese text."""
        return bool(_CJK.match(self.text[max(pos - 1, 0):pos + 1]))
