"""Native conversion of a frame's Arrow chunks into the kernel's layout, every column in one call.

A collected frame holds each column in a dozen or more chunks; calling the converter once per chunk from Python
cost 400 calls, a ``to_arrow`` per chunk and per-call dispatch at 1M × 1,000. Here the chunks are described by
their buffers' addresses in one int64 table (``kernel.Chunks``, which also holds the arrays alive for the call)
and one call converts them all, column by column, over both cores or one.

Only Numba-compiled code lives here: mypy leaves it alone, like engine/native.py.
"""

from __future__ import annotations

import numpy as np
from numba import carray, njit, prange, types
from numba.extending import intrinsic

from policyreach.engine.native import _JIT, _bits_at, _serial, fill_column

# one row per chunk (kernel.Chunks): column, data address, data bytes, validity address (0: none), validity
# bytes, width (16: decimal128 of at most 18 digits, 8: int64, 4: int32, 0: bits), element offset, first row, rows
_COL, _DATA, _DATA_BYTES, _VALID, _VALID_BYTES, _WIDTH, _OFFSET, _START, _LENGTH = range(9)


@intrinsic
def _pointer(typingctx, address):  # pragma: no cover - compiled
    """An address (int64) as a pointer ``carray`` can view."""

    def codegen(context, builder, signature, args):
        return builder.inttoptr(args[0], context.get_value_type(types.voidptr))

    return types.voidptr(address), codegen


@njit(inline="always", **_JIT)
def _bytes(address, size):  # pragma: no cover - native
    """A buffer's bytes (none when it has no address: an absent validity buffer)."""
    return carray(_pointer(address), (size if address else 0,), np.uint8)


@njit(parallel=True, **_JIT)
def _fill(chunks, col_start, n, rows, values, valid):  # pragma: no cover - native
    """Every column c's chunks ``chunks[col_start[c]:col_start[c + 1]]`` into ``values[c]`` (int64, a null and the
    padding after row ``n`` as 0) and ``valid[c]`` (validity AND ``rows``): ``native.fill_column`` per chunk, the
    columns spread over the threads (a column's chunks share words at their seams: one thread per column)."""
    for c in prange(col_start.size - 1):
        valid[c, :] = 0
        values[c, n:] = 0
        for k in range(col_start[c], col_start[c + 1]):
            d = chunks[k]
            bits = _bytes(d[_VALID], d[_VALID_BYTES])
            has_validity = d[_VALID] != 0
            width = d[_WIDTH]
            if width == 16:  # a micro-unit decimal: the low word of each little-endian 128-bit integer
                low = carray(_pointer(d[_DATA]), (d[_DATA_BYTES] >> 3,), np.int64)[::2]
                fill_column(
                    low, False, d[_OFFSET], bits, has_validity, d[_START], d[_LENGTH], rows, values[c], valid[c]
                )
            elif width == 8:
                raw64 = carray(_pointer(d[_DATA]), (d[_DATA_BYTES] >> 3,), np.int64)
                fill_column(
                    raw64, False, d[_OFFSET], bits, has_validity, d[_START], d[_LENGTH], rows, values[c], valid[c]
                )
            elif width == 4:
                raw32 = carray(_pointer(d[_DATA]), (d[_DATA_BYTES] >> 2,), np.int32)
                fill_column(
                    raw32, False, d[_OFFSET], bits, has_validity, d[_START], d[_LENGTH], rows, values[c], valid[c]
                )
            else:
                raw = _bytes(d[_DATA], d[_DATA_BYTES])
                fill_column(raw, True, d[_OFFSET], bits, has_validity, d[_START], d[_LENGTH], rows, values[c], valid[c])


@njit(parallel=True, **_JIT)
def _flags(chunks, col_start, rows, out):  # pragma: no cover - native
    """Every boolean column c's chunks into ``out[c]``: bit set where the flag is true and not null, AND ``rows``."""
    one = np.uint64(1)
    for c in prange(col_start.size - 1):
        out[c, :] = 0
        for k in range(col_start[c], col_start[c + 1]):
            d = chunks[k]
            raw = _bytes(d[_DATA], d[_DATA_BYTES])
            bits = _bytes(d[_VALID], d[_VALID_BYTES])
            start, end = d[_START], d[_START] + d[_LENGTH]
            for w in range(start >> 6, (end + 63) >> 6):
                base = w * 64
                lo = max(start, base)
                count = min(end, base + 64) - lo
                at = d[_OFFSET] + lo - start
                word = _bits_at(raw, at)
                if d[_VALID]:
                    word &= _bits_at(bits, at)
                if count < 64:
                    word &= (one << np.uint64(count)) - one
                out[c, w] |= (word << np.uint64(lo - base)) & rows[w]


TEXT_SLOTS = 1024  # the hash table of ``encode_inline``: up to half as many distinct strings, else Arrow encodes
_VIEW_INLINE = 12  # the bytes an Arrow string view holds in itself


@njit(**_JIT)
def encode_inline(views, validity, has_validity, offset, n, codes, first):  # pragma: no cover - native
    """Dictionary codes of the ``n`` Arrow string views from element ``offset`` (``views``: two words each) into
    ``codes[offset : offset + n]``, numbered in order of first appearance (``first[c]``: the element, from
    ``offset``, where code c first appears; a null gets 0 and keeps its validity). A string of at most 12 bytes lies
    whole in its view, zero-padded, so the two words are its key. Returns how many codes, or -1 when a string is
    longer (its view points into a data buffer) or distinct strings fill half the table: Arrow's encoder then."""
    mask = np.uint64(TEXT_SLOTS - 1)
    slot_code = np.full(TEXT_SLOTS, -1, dtype=np.int64)
    key0 = np.zeros(TEXT_SLOTS, dtype=np.uint64)
    key1 = np.zeros(TEXT_SLOTS, dtype=np.uint64)
    count = 0
    for i in range(n):
        at = offset + i
        if has_validity and not (validity[at >> 3] >> (at & 7)) & 1:
            codes[at] = 0
            continue
        w0, w1 = views[2 * at], views[2 * at + 1]
        if (w0 & np.uint64(0xFFFFFFFF)) > _VIEW_INLINE:
            return -1
        h = ((w0 * np.uint64(0x9E3779B97F4A7C15)) ^ (w1 * np.uint64(0xC2B2AE3D27D4EB4F))) >> np.uint64(40)
        h &= mask
        while True:
            c = slot_code[h]
            if c < 0:
                if count >= TEXT_SLOTS // 2:
                    return -1
                slot_code[h], key0[h], key1[h] = count, w0, w1
                first[count] = i
                codes[at] = count
                count += 1
                break
            if key0[h] == w0 and key1[h] == w1:
                codes[at] = c
                break
            h = (h + np.uint64(1)) & mask
    return count


fill_serial = _serial(_fill, "_fill_columns_serial")
flags_serial = _serial(_flags, "_flags_serial")
fill, flags = _fill, _flags
