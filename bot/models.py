"""The data the pipeline passes along: documents, sentences, passages and figures.

Every span carries ``start``/``end`` character offsets into its document's cleaned text, so
that ``document.text[start:end] == span.text`` always holds; that invariant is what lets an
answer point at the exact characters it rests on.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Aside:
    """Text that belongs to a document but not to its story: a photo caption or a credit."""

    kind: str  # "caption" | "credit"
    text: str


@dataclass(frozen=True)
class Document:
    """A cleaned source document. ``text`` is the cleaned body that all offsets point into."""

    id: str
    title: str
    text: str
    published: str | None = None  # ISO date
    url: str | None = None
    language: str = "en"
    byline: str | None = None
    source: str = ""  # file name inside the corpus directory
    source_sha256: str = ""
    asides: tuple[Aside, ...] = ()
    # (start, end, heading text) of each section heading in ``text``
    headings: tuple[tuple[int, int, str], ...] = ()
    dropped: tuple[str, ...] = ()  # what cleaning removed, for the record (navigation, repeats)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        d = dict(d)
        d["asides"] = tuple(Aside(**a) for a in d.get("asides", ()))
        d["headings"] = tuple(tuple(h) for h in d.get("headings", ()))
        d["dropped"] = tuple(d.get("dropped", ()))
        return cls(**d)


@dataclass(frozen=True)
class Sentence:
    doc_id: str
    start: int
    end: int
    text: str
    heading: str | None = None


@dataclass(frozen=True)
class Passage:
    """One to three consecutive sentences of one paragraph: the unit that is embedded and cited."""

    id: str
    doc_id: str
    start: int
    end: int
    text: str
    heading: str | None = None
    # offsets of each sentence, relative to the document's cleaned text
    sentences: tuple[tuple[int, int], ...] = ()

    @property
    def embed_text(self) -> str:
        """What the embedder sees: the section heading gives a short passage its topic."""
        return f"{self.heading}. {self.text}" if self.heading else self.text

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["sentences"] = [list(s) for s in self.sentences]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Passage:
        d = dict(d)
        d["sentences"] = tuple(tuple(s) for s in d.get("sentences", ()))
        return cls(**d)


UNITS = ("RMB", "%", "count", "rank", "index", "years", "date")


@dataclass(frozen=True)
class Figure:
    """One figure stated in a document, typed.

    ``value`` is fully scaled ("45 bn RMB" -> 45e9; "first" -> 1); ``text`` is the figure as
    written and ``doc_id``/``start``/``end`` locate it in the cleaned text.
    """

    id: str
    label: str
    value: float | None
    unit: str
    text: str
    qualifier: str | None = None
    period: str | None = None
    date: str | None = None
    doc_id: str = ""
    start: int = 0
    end: int = 0
    scale: str | None = None  # "billion", "million", "亿", "万" ... as written
    scope: str | None = None  # for ranks: "in Jinhua", "among cities and counties in Zhejiang"
    of: str | None = None  # for a growth rate: the id of the figure it is the growth of
    # the sentence the figure stands in (offsets into the cleaned text)
    sentence_start: int = 0
    sentence_end: int = 0
    # the measured thing's normalised head words, for matching questions to figures
    keywords: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["keywords"] = list(self.keywords)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Figure:
        d = dict(d)
        d["keywords"] = tuple(d.get("keywords", ()))
        return cls(**d)

    def public(self) -> dict[str, Any]:
        """The fields of the ``/ask`` contract's Figure, plus a few useful extras."""
        return {
            "id": self.id,
            "label": self.label,
            "value": self.value,
            "unit": self.unit,
            "text": self.text,
            "qualifier": self.qualifier,
            "period": self.period,
            "date": self.date,
            "doc_id": self.doc_id,
            "start": self.start,
            "end": self.end,
            "scale": self.scale,
            "scope": self.scope,
            "of": self.of,
        }
