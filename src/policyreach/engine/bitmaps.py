"""Bit-packed boolean columns and bit-sliced counters over them.

A condition's outcome over n entities is two bitmaps: *true* and *known* (Arrow's values
and validity). Combining the conditions of a benefit works 64 entities per machine word:
Kleene AND/OR become word operations and weighted counts become bit-sliced adders, so
a thousand benefits over a million entities never touch a per-entity Python object.
"""

from __future__ import annotations

from typing import TypeAlias

import numpy as np
import numpy.typing as npt
import polars as pl
import pyarrow as pa

Bits: TypeAlias = npt.NDArray[np.uint64]  # bit i of word j = entity 64·j + i
Indices: TypeAlias = npt.NDArray[np.uint32]  # entity positions, ascending


def n_words(n: int) -> int:
    return (n + 63) // 64


def _buffer_bits(buffer: pa.Buffer | None, offset: int, n: int, fill: bool) -> Bits:
    words = n_words(n)
    if buffer is None:
        return np.full(words, np.uint64(0xFFFFFFFFFFFFFFFF) if fill else 0, dtype=np.uint64)
    raw = np.frombuffer(buffer, dtype=np.uint8)
    if offset % 8:
        bits = np.unpackbits(raw, bitorder="little")[offset : offset + n]
        raw = np.packbits(bits, bitorder="little")
    else:
        raw = raw[offset // 8 : offset // 8 + (n + 7) // 8]
    out = np.zeros(words * 8, dtype=np.uint8)
    out[: raw.size] = raw
    return out.view(np.uint64)


def from_boolean(series: pl.Series) -> tuple[Bits, Bits]:
    """(true, known) bitmaps of a Boolean series; padding bits are 0 in both."""
    n = series.len()
    array = series.rechunk().to_arrow()
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    validity, values = array.buffers()[0], array.buffers()[1]
    known = _buffer_bits(validity, array.offset, n, fill=True)
    true = _buffer_bits(values, array.offset, n, fill=False)
    valid = row_mask(n)
    known &= valid
    true &= known
    return true, known


def from_bools(values: np.ndarray) -> Bits:
    n = values.size
    packed = np.packbits(values.astype(bool), bitorder="little")
    out = np.zeros(n_words(n) * 8, dtype=np.uint8)
    out[: packed.size] = packed
    return out.view(np.uint64)


def row_mask(n: int) -> Bits:
    words = n_words(n)
    mask = np.full(words, np.uint64(0xFFFFFFFFFFFFFFFF), dtype=np.uint64)
    if n % 64:
        mask[-1] = np.uint64((1 << (n % 64)) - 1)
    return mask


def positions(bits: Bits) -> Indices:
    """Indices of set bits, ascending, as uint32; work proportional to non-zero words."""
    nonzero = np.flatnonzero(bits)
    if nonzero.size == 0:
        return np.empty(0, dtype=np.uint32)
    if nonzero.size * 4 > bits.size:  # dense: unpack everything once
        return np.flatnonzero(np.unpackbits(bits.view(np.uint8), bitorder="little")).astype(np.uint32)
    unpacked = np.unpackbits(bits[nonzero].view(np.uint8), bitorder="little")
    hits = np.flatnonzero(unpacked)
    # numpy's stubs type an array-indexed array as Any; the word indices keep nonzero's dtype
    words: npt.NDArray[np.intp] = nonzero[hits >> 6]
    return (words.astype(np.uint32) << np.uint32(6)) | (hits & 63).astype(np.uint32)


def gather(bits: Bits, idx: Indices) -> npt.NDArray[np.uint8]:
    """Bit values (0/1 as uint8) at entity indices ``idx``."""
    as_bytes = bits.view(np.uint8)
    picked: npt.NDArray[np.uint8] = as_bytes[idx >> 3]  # array-indexed: Any to numpy's stubs
    return (picked >> (idx & 7).astype(np.uint8)) & np.uint8(1)


class Counter:
    """A bit-sliced unsigned integer per entity: plane i holds bit i of every count."""

    def __init__(self, words: int) -> None:
        self.words = words
        self.planes: list[Bits] = []

    def add(self, x: Bits, weight: int = 1) -> None:
        place = 0
        while weight:
            if weight & 1:
                self._add_at(x, place)
            weight >>= 1
            place += 1

    def _add_at(self, x: Bits, place: int) -> None:
        while len(self.planes) < place:
            self.planes.append(np.zeros(self.words, dtype=np.uint64))
        carry = x
        for i in range(place, len(self.planes)):
            plane = self.planes[i]
            self.planes[i] = plane ^ carry
            carry = plane & carry
            if not carry.any():
                return
        self.planes.append(carry.copy())

    def values_at(self, idx: Indices) -> npt.NDArray[np.int64]:
        out = np.zeros(idx.size, dtype=np.int64)
        byte_idx, shift = idx >> 3, (idx & 7).astype(np.uint8)
        for i, plane in enumerate(self.planes):
            bit = (plane.view(np.uint8)[byte_idx] >> shift) & np.uint8(1)
            out += bit.astype(np.int64) << i
        return out


def greater_equal(a: Counter, b: Counter) -> Bits:
    """Bitmap of entities where a ≥ b (ripple borrow of a − b)."""
    words = a.words
    zero = np.zeros(words, dtype=np.uint64)
    borrow = zero.copy()
    for i in range(max(len(a.planes), len(b.planes))):
        x = a.planes[i] if i < len(a.planes) else zero
        y = b.planes[i] if i < len(b.planes) else zero
        borrow = (~x & y) | (~(x ^ y) & borrow)
    return ~borrow
