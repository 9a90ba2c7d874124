"""Read a corpus directory and clean each document into an offset-stable body text.

A document is a ``.txt``, ``.md`` or ``.html`` file. Its metadata (title, published date,
source URL, language) comes from YAML front matter (``.md``/``.txt``), ``<title>``/``<meta>``
(``.html``) or a sidecar ``NAME.meta.json``; what is missing is recovered from the text.

Cleaning works on paragraphs and keeps only the story: a date line such as
``发布日期:2022-07-06`` becomes ``published``; photo captions and credits such as
"(Diagrammed by …)" become asides; a byline "(By …)" becomes ``byline``; page navigation
("12 > >>") is dropped; a paragraph that repeats an earlier one is indexed once; short
title-case lines become section headings. The cleaned text is the kept paragraphs joined by
blank lines, so every offset computed later points into one immutable string.
"""

from __future__ import annotations

import difflib
import hashlib
import html.parser
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import CorpusError
from .models import Aside, Document

SUFFIXES = (".txt", ".md", ".html", ".htm")

_DATE_LINE = re.compile(
    r"^\s*(?:发布日期|发布时间|日期|Published|Date)\s*[:：]\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})"
)
_NAVIGATION = re.compile(r"^[\s\d<>«»|…．.·\-]*[<>«»][\s\d<>«»|…．.·\-]*$|^\s*\d+\s*$")
_CREDIT = re.compile(
    r"\s*\((?:Diagrammed|Photo(?:graphed)?|Photos|Drawn|Graphic|Chart|Image|Illustrat\w*|"
    r"Designed|Map)\s+by\s+[^)]*\)",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"\s*\((By\s+[^)]*)\)\s*$")
_ORG_SUFFIX = re.compile(r"(Co\.,? Ltd\.|Ltd\.|Inc\.|Corporation|Group|Company)\s*$")
_TERMINAL = re.compile(r"[.!?。！？:;：；,，]\s*[\"'”’)]*\s*$")
_SMALL_WORDS = frozenset("a an and as at by for from in of on or the to with into via vs".split())
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
REPEAT_SIMILARITY = 0.8


@dataclass
class _Draft:
    """What cleaning has learnt of a document so far."""

    meta: dict
    paragraphs: list[tuple[str, str]] = field(default_factory=list)  # (kind, text)
    asides: list[Aside] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    # One matcher per kept body paragraph (as the second sequence), for :func:`_repeats`.
    matchers: list[difflib.SequenceMatcher] = field(default_factory=list)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def corpus_files(corpus_dir: Path) -> list[Path]:
    """The source documents of a corpus directory, in a stable order."""
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus directory {corpus_dir} does not exist")
    files = sorted(
        p for p in corpus_dir.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
    )
    if not files:
        raise CorpusError(f"corpus directory {corpus_dir} holds no .txt, .md or .html file")
    return files


def corpus_sha256(corpus_dir: Path) -> str:
    """One hash over every document and sidecar, so any change to the corpus is seen."""
    return combined_sha256(source_sha256(p, corpus_dir) for p in corpus_files(corpus_dir))


def combined_sha256(source_hashes: Iterable[str]) -> str:
    """The corpus hash from its documents' :func:`source_sha256`, in :func:`corpus_files`
    order (so a build that hashed each source already need not read the files again)."""
    h = hashlib.sha256()
    for digest in source_hashes:
        h.update(digest.encode() + b"\0")
    return h.hexdigest()


def source_sha256(path: Path, corpus_dir: Path) -> str:
    """One hash over what a document is made from: its name, its bytes and its sidecar's."""
    h = hashlib.sha256()
    for part in (path, path.with_name(path.stem + ".meta.json")):
        h.update(str(part.relative_to(corpus_dir)).encode() + b"\0")
        h.update(part.read_bytes() if part.exists() else b"\0missing")
        h.update(b"\0")
    return h.hexdigest()


def document_id(path: Path, corpus_dir: Path) -> str:
    """The id :func:`load_document` gives the document at ``path``."""
    return _doc_id(path.relative_to(corpus_dir))


def load_corpus(corpus_dir: Path) -> list[Document]:
    """Read and clean every document under ``corpus_dir``."""
    return [load_document(p, corpus_dir) for p in corpus_files(corpus_dir)]


def load_document(path: Path, corpus_dir: Path | None = None) -> Document:
    raw_bytes = path.read_bytes()
    try:
        raw = raw_bytes.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise CorpusError(f"{path.name} is not UTF-8 text: {e}") from e
    meta = _sidecar(path)
    if path.suffix.lower() in (".html", ".htm"):
        blocks, html_meta = _html_blocks(raw)
        meta = {**html_meta, **meta}
    else:
        raw, front = _front_matter(raw)
        meta = {**front, **meta}
        blocks = _text_blocks(raw, markdown=path.suffix.lower() == ".md")
    rel = path.relative_to(corpus_dir) if corpus_dir else Path(path.name)
    return clean(blocks, meta, doc_id=_doc_id(rel), source=str(rel), sha=sha256_bytes(raw_bytes))


def _doc_id(rel: Path) -> str:
    stem = str(rel.with_suffix("")).replace("\\", "/")
    return re.sub(r"[^A-Za-z0-9/_-]+", "-", stem).strip("-").lower()


def _sidecar(path: Path) -> dict:
    side = path.with_name(path.stem + ".meta.json")
    if not side.exists():
        return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise CorpusError(f"{side.name} is not valid JSON: {e}") from e
    if not isinstance(data, dict):
        raise CorpusError(f"{side.name} must hold a JSON object")
    return {k: v for k, v in data.items() if v is not None}


def _front_matter(raw: str) -> tuple[str, dict]:
    m = _FRONT_MATTER.match(raw)
    if not m:
        return raw, {}
    meta = {}
    for line in m.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            value = value.strip().strip("'\"")
            meta[key.strip().lower()] = None if value.lower() in ("", "null", "~") else value
    return raw[m.end() :], {k: v for k, v in meta.items() if v is not None}


def _text_blocks(raw: str, markdown: bool) -> list[tuple[str, str]]:
    """Paragraphs of a plain-text or Markdown document as ``(hint, text)``."""
    blocks = []
    for para in re.split(r"\n\s*\n", raw.replace("\r\n", "\n")):
        lines = [ln.strip() for ln in para.strip().splitlines() if ln.strip()]
        if not lines:
            continue
        # A date line may share its paragraph with the title; give each line its own block
        # when the paragraph is a stack of short lines rather than wrapped prose.
        if len(lines) > 1 and any(_DATE_LINE.match(ln) for ln in lines):
            blocks.extend(("", ln) for ln in lines)
            continue
        text = " ".join(lines)
        hint = ""
        if markdown:
            if m := re.match(r"^(#{1,6})\s+(.*)$", text):
                hint, text = ("title" if len(m.group(1)) == 1 else "heading"), m.group(2)
            elif m := re.match(r"^!\[([^\]]*)\]\([^)]*\)$", text):
                hint, text = "caption", m.group(1)
        blocks.append((hint, text))
    return blocks


class _HTMLText(html.parser.HTMLParser):
    """Collects block-level text of an HTML page with what kind of block it is."""

    BLOCKS = {"p": "", "li": "", "h1": "title", "h2": "heading", "h3": "heading",
              "h4": "heading", "figcaption": "caption", "blockquote": "", "div": ""}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self.meta: dict[str, str] = {}
        self._stack: list[str] = []
        self._buf: list[str] = []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "style", "nav", "footer", "header"):
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "meta" and a.get("content"):
            name = (a.get("name") or a.get("property") or "").lower()
            key = {"date": "published", "article:published_time": "published",
                   "og:url": "url", "author": "byline", "language": "language"}.get(name)
            if key:
                self.meta[key] = a["content"][:10] if key == "published" else a["content"]
        elif tag == "html" and a.get("lang"):
            self.meta.setdefault("language", a["lang"].split("-")[0])
        if tag in self.BLOCKS:
            self._flush()
            self._stack.append(tag)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "nav", "footer", "header"):
            self._skip = max(0, self._skip - 1)
        elif tag == "title":
            self._in_title = False
        if tag in self.BLOCKS:
            self._flush()
            if self._stack:
                self._stack.pop()

    def handle_data(self, data):
        if self._in_title:
            self.meta.setdefault("title", data.strip())
        elif not self._skip:
            self._buf.append(data)

    def _flush(self):
        text = " ".join("".join(self._buf).split())
        self._buf = []
        if text:
            kind = self.BLOCKS.get(self._stack[-1], "") if self._stack else ""
            self.blocks.append((kind, text))


def _html_blocks(raw: str) -> tuple[list[tuple[str, str]], dict]:
    parser = _HTMLText()
    parser.feed(raw)
    parser.close()
    parser._flush()
    return parser.blocks, parser.meta


def _is_heading(text: str) -> bool:
    words = text.split()
    if not 1 <= len(words) <= 15 or _TERMINAL.search(text) or not text[0].isupper():
        return False
    capitalised = sum(w[0].isupper() for w in words if w.lower() not in _SMALL_WORDS)
    content = sum(1 for w in words if w.lower() not in _SMALL_WORDS)
    return content > 0 and capitalised / content >= 0.75


def _is_title(text: str, draft: _Draft) -> bool:
    """The document's first line, or a line that repeats the title the metadata gives."""
    title = draft.meta.get("title")
    if title:
        return _normalise_for_repeat(text) == _normalise_for_repeat(str(title))
    return not draft.paragraphs and not draft.asides and _is_short(text)


def _is_short(text: str) -> bool:
    return len(text.split()) <= 15 and len(re.findall(r"[.!?。！？](?:\s|$)", text)) <= 1


def _normalise_for_repeat(text: str) -> list[str]:
    return re.findall(r"[a-z]+|\d+(?:\.\d+)?|[\u4e00-\u9fff]", text.lower())


def _repeats(text: str, kept: Iterable[difflib.SequenceMatcher]) -> bool:
    """Whether ``text`` is >= REPEAT_SIMILARITY alike (difflib ratio over words) to a kept
    paragraph. Each kept paragraph's matcher holds it as the second sequence, so its index is
    built once; the cheap upper bounds rule most pairs out before the full ratio."""
    words = _normalise_for_repeat(text)
    if len(words) < 8:
        return False
    for matcher in kept:
        matcher.set_seq1(words)
        if (matcher.real_quick_ratio() >= REPEAT_SIMILARITY
                and matcher.quick_ratio() >= REPEAT_SIMILARITY
                and matcher.ratio() >= REPEAT_SIMILARITY):
            return True
    return False


def clean(blocks: list[tuple[str, str]], meta: dict, *, doc_id: str, source: str = "",
          sha: str = "") -> Document:
    """Turn raw blocks into a :class:`Document` following the rules in the module docstring."""
    draft = _Draft(meta=dict(meta))
    story_started = False
    for hint, text in blocks:
        text = " ".join(text.split())
        if not text:
            continue
        if m := _DATE_LINE.match(text):
            y, mo, d = (int(g) for g in m.groups())
            draft.meta.setdefault("published", f"{y:04d}-{mo:02d}-{d:02d}")
            continue
        if _NAVIGATION.match(text):
            draft.dropped.append(text)
            continue
        if hint == "title" or _is_title(text, draft):
            draft.meta.setdefault("title", text)
            continue
        for credit in _CREDIT.finditer(text):
            draft.asides.append(Aside("credit", credit.group(0).strip()))
        text = _CREDIT.sub("", text).strip()
        if m := _BYLINE.search(text):
            draft.meta.setdefault("byline", m.group(1).strip())
            text = text[: m.start()].strip()
        if not text:
            continue
        if hint == "caption":
            draft.asides.append(Aside("caption", text))
        elif hint == "heading" or _is_heading(text):
            draft.paragraphs.append(("heading", text))
        elif _is_short(text) and (not story_started or _ORG_SUFFIX.search(text)) and not (
            draft.paragraphs and draft.paragraphs[-1][0] == "heading"
        ):
            # A short line before the story begins, or a bare company name, labels a photo.
            draft.asides.append(Aside("caption", text))
        elif _repeats(text, draft.matchers):
            draft.dropped.append(text)
        else:
            draft.paragraphs.append(("body", text))
            draft.matchers.append(difflib.SequenceMatcher(None, b=_normalise_for_repeat(text)))
            story_started = True
    return _assemble(draft, doc_id, source, sha)


def _assemble(draft: _Draft, doc_id: str, source: str, sha: str) -> Document:
    parts: list[str] = []
    headings: list[tuple[int, int, str]] = []
    pos = 0
    for kind, text in draft.paragraphs:
        if parts:
            pos += 2
        if kind == "heading":
            headings.append((pos, pos + len(text), text))
        parts.append(text)
        pos += len(text)
    if not any(kind == "body" for kind, _ in draft.paragraphs):
        raise CorpusError(f"{source or doc_id}: no story text left after cleaning")
    meta = draft.meta
    return Document(
        id=doc_id,
        title=str(meta.get("title") or doc_id),
        text="\n\n".join(parts),
        published=meta.get("published"),
        url=meta.get("url"),
        language=str(meta.get("language") or "en"),
        byline=meta.get("byline"),
        source=source,
        source_sha256=sha,
        asides=tuple(draft.asides),
        headings=tuple(headings),
        dropped=tuple(draft.dropped),
    )
