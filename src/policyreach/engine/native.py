"""The native half of the engine's kernel (engine/kernel.py): Numba functions over fixed-point integers and bitmaps.

Only Numba-compiled code lives here; Numba infers and checks its types when it compiles, so mypy leaves this
module alone (pyproject.toml). What each function computes is told in engine/kernel.py and beside each one.
"""

from __future__ import annotations

import os
import types
from typing import Any

import numpy as np

from policyreach import settings

# Numba reads its cache folder when it is imported: compiled kernels outlive the process (tests, CLI runs).
os.environ.setdefault("NUMBA_CACHE_DIR", str(settings.numba_cache_dir()))

import numba
from numba import njit, prange

BLOCK_WORDS = 64  # 4,096 entities: a block's ~24 value columns (≈800 KB) stay in L2 (32 words: 3% more CPU)
STACK = 16  # Kleene operands a condition may hold at once in the kernel (deeper nestings go to Polars)


_JIT = {"cache": True, "nogil": True, "error_model": "numpy", "boundscheck": False}


@njit(**_JIT)
def _mul(a: np.uint64, b: np.uint64) -> tuple[np.uint64, np.uint64]:  # pragma: no cover - native
    """Unsigned 64 × 64 → 128 bits as (high, low)."""
    mask = np.uint64(0xFFFFFFFF)
    s32 = np.uint64(32)
    a_lo, a_hi = a & mask, a >> s32
    b_lo, b_hi = b & mask, b >> s32
    ll = a_lo * b_lo
    lh = a_lo * b_hi
    hl = a_hi * b_lo
    hh = a_hi * b_hi
    mid = (ll >> s32) + (lh & mask) + (hl & mask)
    lo = (ll & mask) | ((mid & mask) << s32)
    hi = hh + (lh >> s32) + (hl >> s32) + (mid >> s32)
    return hi, lo


@njit(**_JIT)
def _add(hi: np.uint64, lo: np.uint64, x: np.uint64) -> tuple[np.uint64, np.uint64]:  # pragma: no cover
    out = lo + x
    return (hi + np.uint64(1) if out < lo else hi), out


@njit(**_JIT)
def _less(ah: np.uint64, al: np.uint64, bh: np.uint64, bl: np.uint64) -> bool:  # pragma: no cover
    return ah < bh or (ah == bh and al < bl)


@njit(**_JIT)
def _uabs(x: np.int64) -> np.uint64:  # pragma: no cover
    return np.uint64(-(x + 1)) + np.uint64(1) if x < 0 else np.uint64(x)


@njit(**_JIT)
def _rounded_ge(
    m_hi: np.uint64, m_lo: np.uint64, negative: bool, d: np.uint64, x: np.int64
) -> bool:  # pragma: no cover
    """r ≥ x, r = ±round_half_up(|M| / d): floor((2|M| + d) / 2d) ≥ m ⟺ 2|M| + d ≥ 2d·m (d > 0)."""
    # 2|M| + d
    lh, ll = _add((m_hi << np.uint64(1)) | (m_lo >> np.uint64(63)), m_lo << np.uint64(1), d)
    if not negative:
        if x <= 0:
            return True
        rh, rl = _mul(d, np.uint64(x))
        rh, rl = (rh << np.uint64(1)) | (rl >> np.uint64(63)), rl << np.uint64(1)
        return not _less(lh, ll, rh, rl)
    # −q ≥ x ⟺ q ≤ −x ⟺ 2|M| + d < 2d(−x + 1)
    if x > 0:
        return False
    rh, rl = _mul(d, _uabs(x) + np.uint64(1))
    rh, rl = (rh << np.uint64(1)) | (rl >> np.uint64(63)), rl << np.uint64(1)
    return _less(lh, ll, rh, rl)


@njit(**_JIT)
def _compare(op: np.int64, a: np.int64, b: np.int64) -> bool:  # pragma: no cover
    if op == 0:
        return a == b
    if op == 1:
        return a != b
    if op == 2:
        return a < b
    if op == 3:
        return a <= b
    if op == 4:
        return a > b
    return a >= b


@njit(**_JIT)
def _bit(bits: np.ndarray, c: np.int64, i: np.int64) -> bool:  # pragma: no cover
    return (bits[c, i >> 6] >> np.uint64(i & 63)) & np.uint64(1) == np.uint64(1)


@njit(**_JIT)
def _divcmp(op, x, u, mb, d):  # pragma: no cover - native
    """``x op ±round_half_up(|u·mb| / |d|)`` (d ≠ 0): floats decide clear cases, 128-bit integers the close ones."""
    negative = ((u < 0) ^ (mb < 0) ^ (d < 0)) and u != 0 and mb != 0
    ud = _uabs(d)
    # r ≥ x (and r ≥ x + 1) by cross-multiplication: 2|M| + d against 2d·m, in floats when far apart
    lhs = 2.0 * abs(float(u)) * abs(float(mb)) + float(ud)
    ge = _decide_ge(lhs, u, mb, negative, ud, x)
    if op == 3 or op == 4:  # x ≤ r ⟺ r ≥ x;  x > r ⟺ ¬(r ≥ x)
        return ge if op == 3 else not ge
    gt = _decide_ge(lhs, u, mb, negative, ud, x + 1)
    if op == 5 or op == 2:  # x ≥ r ⟺ ¬(r ≥ x + 1);  x < r ⟺ r ≥ x + 1
        return gt if op == 2 else not gt
    eq = ge and not gt
    return eq if op == 0 else not eq


@njit(**_JIT)
def _decide_ge(lhs, u, mb, negative, ud, x):  # pragma: no cover - native
    if not negative:
        if x <= 0:
            return True
        rhs = 2.0 * float(ud) * float(x)
        if lhs > rhs * (1.0 + 1e-12):
            return True
        if lhs < rhs * (1.0 - 1e-12):
            return False
    else:
        if x > 0:
            return False
        rhs = 2.0 * float(ud) * (float(_uabs(x)) + 1.0)
        if lhs < rhs * (1.0 - 1e-12):
            return True
        if lhs > rhs * (1.0 + 1e-12):
            return False
    m_hi, m_lo = _mul(_uabs(u), _uabs(mb))
    return _rounded_ge(m_hi, m_lo, negative, ud, x)


@njit(inline="always", **_JIT)
def _lane_ge(x, d, u, mbf, mb_neg):  # pragma: no cover - native
    """(r ≥ x, too close to call) in floats for r = ±round(|u·mb| / |d|) = ±⌊(2|M| + |d|) / 2|d|⌋: lhs = 2|M| + |d|
    against 2|d|·x, no division; selects instead of branches, so a word's 64 lanes become vector code."""
    neg = ((u < 0) ^ mb_neg ^ (d < 0)) and u != 0
    df = abs(float(d))
    lhs = 2.0 * abs(float(u)) * mbf + df
    xf = float(x)
    rhs = 2.0 * df * ((1.0 - xf) if neg else xf)
    near = abs(lhs - rhs) <= (lhs + rhs) * 1e-12
    positive = x > 0
    res = (not positive and lhs < rhs) if neg else (not positive or lhs >= rhs)
    close = (not positive if neg else positive) and near
    return res, close


@njit(**_JIT)
def _divcmp_words(values, ca, cb, cd, ma, mb, const, op, w0, w1, out_t, out_k):  # pragma: no cover - native
    """``x op r`` over words [w0, w1) into ``out_t`` / ``out_k`` (which holds the known bits): floats decide each
    lane, the lanes within 10^-12 of the line are decided again in 128-bit integers (``_divcmp``); d = 0 is unknown.
    x is a column times ``ma`` (or the constant ``ma``), d a column (or the constant ``const``). A ratio against a
    constant and a growth with one side to decide (<, ≤, >, ≥) read their operands as 64-value views and assemble
    the bits without branches (vector code: 2.7× faster at 1M × 1,000); other shapes go lane by lane."""
    mbf = abs(float(mb))
    mb_neg = mb < 0
    one = np.uint64(1)
    # x ≤ r ⟺ r ≥ x; x < r ⟺ r ≥ x + 1; > and ≥ their negations; == needs both
    shift = 1 if op == 2 or op == 5 else 0
    both = op <= 1
    invert = op == 1 or op == 4 or op == 5
    for w in range(w0, w1):
        base = w * 64
        us = values[cd, base : base + 64]
        true = np.uint64(0)
        unclear = np.uint64(0)
        zero_d = np.uint64(0)
        if not both and ca < 0 <= cb:  # ratio(a, b) op constant
            ds = values[cb, base : base + 64]
            for j in range(64):
                d = ds[j]
                res, close = _lane_ge(ma + shift, d, us[j], mbf, mb_neg)
                true |= np.uint64(res != invert) << np.uint64(j)
                unclear |= np.uint64(close) << np.uint64(j)
                zero_d |= np.uint64(d == 0) << np.uint64(j)
        elif not both and cb < 0 <= ca:  # a op b × k
            xs = values[ca, base : base + 64]
            for j in range(64):
                res, close = _lane_ge(xs[j] * ma + shift, const, us[j], mbf, mb_neg)
                true |= np.uint64(res != invert) << np.uint64(j)
                unclear |= np.uint64(close) << np.uint64(j)
            zero_d = np.uint64(0xFFFFFFFFFFFFFFFF) if const == 0 else np.uint64(0)
        else:
            for j in range(64):
                x = values[ca, base + j] * ma if ca >= 0 else ma
                d = values[cb, base + j] if cb >= 0 else const
                res, close = _lane_ge(x + shift, d, us[j], mbf, mb_neg)
                if both:
                    res2, close2 = _lane_ge(x + 1, d, us[j], mbf, mb_neg)
                    res = res and not res2
                    close = close or close2
                true |= np.uint64(res != invert) << np.uint64(j)
                unclear |= np.uint64(close) << np.uint64(j)
                zero_d |= np.uint64(d == 0) << np.uint64(j)
        known = out_k[w - w0]
        unclear &= known & ~zero_d
        while unclear:
            low = unclear & (~unclear + one)
            i = base + _popcount(low - one)
            unclear ^= low
            x = values[ca, i] * ma if ca >= 0 else ma
            d = values[cb, i] if cb >= 0 else const
            true = (true | low) if _divcmp(op, x, values[cd, i], mb, d) else (true & ~low)
        out_k[w - w0] = known & ~zero_d
        out_t[w - w0] = true


@njit(**_JIT)
def _ratio_slots(atoms, program):  # pragma: no cover - native
    """(slot of each atom, the slots' (b, d, mb) columns): the ratios against a constant (``ratio(u, d) op x``,
    one side to decide) grouped by their columns and multiplier, when two or more share them (46 ratios of the
    1M × 1,000 bench on 7 pairs of columns): their lanes' terms are computed once a block (``_ratio_lanes``)."""
    keys = np.zeros((program.size + 1, 3), dtype=np.int64)
    count = np.zeros(program.size + 1, dtype=np.int64)
    slot_of = np.full(atoms.shape[0], -1, dtype=np.int64)
    groups = 0
    for p in range(program.size):
        a = program[p]
        if a < 0 or atoms[a, 0] != 2 or atoms[a, 1] <= 1 or atoms[a, 2] >= 0 or atoms[a, 3] < 0 or slot_of[a] >= 0:
            continue
        g = 0
        while g < groups and (keys[g, 0] != atoms[a, 3] or keys[g, 1] != atoms[a, 4] or keys[g, 2] != atoms[a, 6]):
            g += 1
        if g == groups:
            keys[g, 0], keys[g, 1], keys[g, 2] = atoms[a, 3], atoms[a, 4], atoms[a, 6]
            groups += 1
        slot_of[a] = g
        count[g] += 1
    # numbered again without the groups of one
    slot = np.full(groups, -1, dtype=np.int64)
    slots = 0
    for g in range(groups):
        if count[g] >= 2:
            slot[g] = slots
            keys[slots] = keys[g]
            slots += 1
    for a in range(slot_of.size):
        if slot_of[a] >= 0:
            slot_of[a] = slot[slot_of[a]]
    return slot_of, keys[:slots].copy()


@njit(**_JIT)
def _ratio_lanes(values, cb, cd, mb, w0, w1, lhs, d2, neg_w, zero_w):  # pragma: no cover - native
    """The terms of ``_lane_ge`` that do not depend on x, for u = column ``cd`` and d = column ``cb`` over words
    [w0, w1): lhs = 2|u|·|mb| + |d| and 2|d| per lane (the same float operations, so the same bits), the words
    of lanes where the rounded ratio is negative, and of those where d = 0."""
    mbf = abs(float(mb))
    mb_neg = mb < 0
    for w in range(w0, w1):
        base = w * 64
        us = values[cd, base : base + 64]
        ds = values[cb, base : base + 64]
        i0 = (w - w0) * 64
        neg = np.uint64(0)
        zero = np.uint64(0)
        for j in range(64):
            u = us[j]
            d = ds[j]
            df = abs(float(d))
            lhs[i0 + j] = 2.0 * abs(float(u)) * mbf + df
            d2[i0 + j] = 2.0 * df
            neg |= np.uint64(((u < 0) ^ mb_neg ^ (d < 0)) and u != 0) << np.uint64(j)
            zero |= np.uint64(d == 0) << np.uint64(j)
        neg_w[w - w0] = neg
        zero_w[w - w0] = zero


@njit(**_JIT)
def _ratio_words(values, cb, cd, ma, mb, op, w0, w1, out_t, out_k, lhs, d2, neg_w, zero_w):  # pragma: no cover
    """``_divcmp_words`` for ``ratio(u, d) op x`` (x = ``ma``, one side to decide) from its block's lane terms
    (``_ratio_lanes``). x's sign fixes which lanes can hold: for x > 0 the negative ratios are false and the others
    compare lhs with 2|d|·x; for x ≤ 0 the non-negative are true and the others compare with 2|d|·(1 − x), as
    ``_lane_ge`` does; the lanes near the line go to the same exact recheck."""
    one = np.uint64(1)
    shift = 1 if op == 2 or op == 5 else 0
    invert = op == 4 or op == 5
    x = ma + shift
    positive = x > 0
    xf = float(x)
    factor = xf if positive else 1.0 - xf
    # a band around rhs wider than ``_lane_ge``'s "too close" (|lhs − rhs| ≤ (lhs + rhs)·10^-12) by far more than
    # the floats' rounding: two compares a lane instead of four operations; outside it the floats decide as there,
    # inside it the lanes go to the exact recheck (a superset of those it sent)
    above = factor * (1.0 + 4e-12)
    below = factor * (1.0 - 4e-12)
    for w in range(w0, w1):
        i0 = (w - w0) * 64
        ls = lhs[i0 : i0 + 64]
        ds = d2[i0 : i0 + 64]
        ge = np.uint64(0)
        near = np.uint64(0)
        for j in range(64):
            left = ls[j]
            ge |= np.uint64(left > ds[j] * above) << np.uint64(j)
            near |= np.uint64(left >= ds[j] * below) << np.uint64(j)
        near &= ~ge
        neg = neg_w[w - w0]
        # x > 0: res = lhs ≥ rhs off the negative lanes; x ≤ 0: res = lhs < rhs on them, true elsewhere
        true = (ge & ~neg) if positive else (~neg | (~ge & neg))
        unclear = (near & ~neg) if positive else (near & neg)
        if invert:
            true = ~true
        zero_d = zero_w[w - w0]
        known = out_k[w - w0]
        unclear &= known & ~zero_d
        base = w * 64
        while unclear:
            low = unclear & (~unclear + one)
            i = base + _popcount(low - one)
            unclear ^= low
            true = (true | low) if _divcmp(op, ma, values[cd, i], mb, values[cb, i]) else (true & ~low)
        out_k[w - w0] = known & ~zero_d
        out_t[w - w0] = true


@njit(**_JIT)
def _atom_block(atoms, a, tables, values, valid, none, w0, w1, out_t, out_k, shared):  # pragma: no cover
    """(true, known) of atom ``a`` over words [w0, w1) into ``out_t`` / ``out_k`` (values padded to whole words),
    from what the block's atoms share (``_conditions``' ``shared``) when it can: a lookup on a code column with
    one-hot bitmaps, a ratio whose columns' lane terms are computed."""
    one_hot, slot_of, bits_of, ratio_of, lhs, d2, neg_w, zero_w = shared
    atom = atoms[a]
    kind, op, ca, cb, cd = atom[0], atom[1], atom[2], atom[3], atom[4]
    ma, mb, const, decided, table = atom[5], atom[6], atom[7], atom[8], atom[9]
    ones = np.uint64(0xFFFFFFFFFFFFFFFF)
    if kind == 0:  # lo ≤ x ≤ hi as one unsigned comparison; op holds the negation
        # the most common atom (233 of the bench's 399) in one pass over the words, known and absence included
        lo = np.uint64(ma)
        span = np.uint64(mb)
        flip = ones if op else np.uint64(0)
        for w in range(w0, w1):
            col = values[ca, w * 64 : w * 64 + 64]
            true = np.uint64(0)
            for j in range(64):
                true |= np.uint64(np.uint64(col[j]) - lo <= span) << np.uint64(j)
            known = valid[ca, w]
            true ^= flip
            if decided >= 0:
                nones = none[ca, w]
                known |= nones
                true = (true & ~nones) | (nones if decided == 1 else np.uint64(0))
            out_t[w - w0] = true & known
            out_k[w - w0] = known
        return
    for w in range(w0, w1):
        known = ones
        if ca >= 0:
            known &= valid[ca, w]
        if cb >= 0:
            known &= valid[cb, w]
        if cd >= 0:
            known &= valid[cd, w]
        out_k[w - w0] = known
    if kind == 3 and table < 0 and slot_of[ca] >= 0:
        _lookup_one_hot(np.uint64(const), one_hot[slot_of[ca]], bits_of[slot_of[ca]], w1 - w0, out_t)
    elif kind == 3:
        mask = np.uint64(const)
        for w in range(w0, w1):
            col = values[ca, w * 64 : w * 64 + 64]
            true = np.uint64(0)
            if table < 0:
                for j in range(64):
                    true |= ((mask >> np.uint64(col[j] & 63)) & np.uint64(1)) << np.uint64(j)
            else:
                for j in range(64):
                    true |= np.uint64(tables[table, col[j]]) << np.uint64(j)
            out_t[w - w0] = true
    elif kind == 1:
        for w in range(w0, w1):
            left = values[ca, w * 64 : w * 64 + 64]
            right = values[cb, w * 64 : w * 64 + 64]
            true = np.uint64(0)
            for j in range(64):
                if _compare(op, left[j] * ma, right[j] * mb):
                    true |= np.uint64(1) << np.uint64(j)
            out_t[w - w0] = true
    elif ratio_of[a] >= 0:
        r = ratio_of[a]
        _ratio_words(values, cb, cd, ma, mb, op, w0, w1, out_t, out_k, lhs[r], d2[r], neg_w[r], zero_w[r])
    else:
        # x op ±round(|u·mb| / d): ratio (x constant, d a column) and growth (x a column, d a constant)
        _divcmp_words(values, ca, cb, cd, ma, mb, const, op, w0, w1, out_t, out_k)
    for w in range(w0, w1):
        known = out_k[w - w0]
        true = out_t[w - w0]
        if decided >= 0:
            nones = np.uint64(0)
            if ca >= 0:
                nones |= none[ca, w]
            if cb >= 0:
                nones |= none[cb, w]
            if cd >= 0:
                nones |= none[cd, w]
            known |= nones
            true = (true & ~nones) | (nones if decided == 1 else np.uint64(0))
        out_t[w - w0] = true & known
        out_k[w - w0] = known


@njit(**_JIT)
def _code_slots(atoms, program, ncols):  # pragma: no cover - native
    """(slot of each column, slots): the columns that two or more lookups test through a one-word table (codes
    below 64) get one-hot bitmaps per block (``_one_hot``). 107 of the 1M × 1,000 bench's 399 conditions test
    two code columns; lane by lane each cost ≈ 28 ns a word, through the bitmaps a few ORs."""
    uses = np.zeros(ncols, dtype=np.int64)
    for p in range(program.size):
        code = program[p]
        if code >= 0 and atoms[code, 0] == 3 and atoms[code, 9] < 0:
            uses[atoms[code, 2]] += 1
    slot_of = np.full(ncols, -1, dtype=np.int64)
    slots = 0
    for c in range(ncols):
        if uses[c] >= 2:
            slot_of[c] = slots
            slots += 1
    return slot_of, slots


@njit(**_JIT)
def _one_hot(values, col, w0, w1, out, plane):  # pragma: no cover - native
    """``out[v, i]``: the entities of word w0 + i whose code (column ``col``, & 63 as the lookups read it) is v,
    for v < 2^bits; returns bits, the fewest that hold the block's codes. Built from the codes' bit planes by
    splitting each value's bitmap on one bit at a time (2^(bits+1) word operations, all in vector code)."""
    width = w1 - w0
    block = values[col, w0 * 64 : w1 * 64]
    top = np.uint64(0)
    for x in block:
        top |= np.uint64(x) & np.uint64(63)
    bits = 0
    while np.uint64(1 << bits) <= top:
        bits += 1
    for i in range(width):
        out[0, i] = np.uint64(0xFFFFFFFFFFFFFFFF)
    for k in range(bits):
        shift = np.uint64(k)
        for i in range(width):
            codes = block[i * 64 : i * 64 + 64]
            word = np.uint64(0)
            for j in range(64):
                word |= ((np.uint64(codes[j]) >> shift) & np.uint64(1)) << np.uint64(j)
            plane[i] = word
        half = 1 << k
        for v in range(half):
            low = out[v]
            high = out[v + half]
            for i in range(width):
                x = low[i]
                high[i] = x & plane[i]
                low[i] = x & ~plane[i]
    return bits


@njit(inline="always", **_JIT)
def _lookup_one_hot(mask, one_hot, bits, width, out_t):  # pragma: no cover - native
    """The entities whose code is in ``mask``: the OR of its codes' one-hot rows, or the complement of the others'
    when they are fewer (codes of 2^bits and above occur nowhere in the block)."""
    codes = 1 << bits
    span = np.uint64(0xFFFFFFFFFFFFFFFF) if codes == 64 else (np.uint64(1) << np.uint64(codes)) - np.uint64(1)
    mask &= span
    invert = 2 * _popcount(mask) > codes
    rest = (span & ~mask) if invert else mask
    for i in range(width):
        out_t[i] = np.uint64(0)
    while rest:
        v = _popcount((rest & (~rest + np.uint64(1))) - np.uint64(1))
        rest &= rest - np.uint64(1)
        row = one_hot[v]
        for i in range(width):
            out_t[i] |= row[i]
    if invert:
        for i in range(width):
            out_t[i] = ~out_t[i]


@njit(inline="always", **_JIT)
def _bits_at(data, at):  # pragma: no cover - native
    """The 64 bits of a little-endian bitmap (Arrow's bit order) from bit ``at``; bits past the buffer are 0."""
    q = at >> 3
    s = np.uint64(at & 7)
    word = np.uint64(0)
    for k in range(8):
        if q + k < data.size:
            word |= np.uint64(data[q + k]) << np.uint64(8 * k)
    if s:
        word >>= s
        if q + 8 < data.size:
            word |= np.uint64(data[q + 8]) << (np.uint64(64) - s)
    return word


@njit(**_JIT)
def fill_column(
    raw, flags, offset, validity, has_validity, start, length, rows, out_values, out_valid
):  # pragma: no cover
    """One Arrow array (a column's chunk) into rows [start, start + length) of the kernel's layout: ``out_values``
    its int64 values (``raw`` holds int64, int32 or — ``flags`` — bits, from element ``offset``), a null as 0 (a
    code indexes a lookup table); its validity bits (all set without a validity buffer) AND ``rows`` ORed into
    ``out_valid``, which the caller has zeroed (chunks share the words at their seams)."""
    one = np.uint64(1)
    end = start + length
    for w in range(start >> 6, (end + 63) >> 6):
        base = w * 64
        lo = max(start, base)
        count = min(end, base + 64) - lo
        at = offset + lo - start  # the source element of row lo
        given = _bits_at(validity, at) if has_validity else np.uint64(0xFFFFFFFFFFFFFFFF)
        if count < 64:
            given &= (one << np.uint64(count)) - one
        out = out_values[lo : lo + count]
        if flags:
            bits = _bits_at(raw, at) & given
            for j in range(count):
                out[j] = np.int64((bits >> np.uint64(j)) & one)
        elif count == 64:
            src = raw[at : at + 64]
            for j in range(64):
                out[j] = np.int64(src[j]) * np.int64((given >> np.uint64(j)) & one)
        else:
            for j in range(count):
                out[j] = np.int64(raw[at + j]) if (given >> np.uint64(j)) & one else 0
        out_valid[w] |= (given << np.uint64(lo - base)) & rows[w]


@njit(**_JIT)
def _conditions(
    atoms, tables, program, starts, covered, values, valid, none, truth, known, w0, w1, n, shares
):  # pragma: no cover
    """Evaluate the covered conditions over words [w0, w1) into ``truth`` / ``known``, atom by atom over the block;
    first what its atoms share (``shares``: ``_code_slots`` and ``_ratio_slots``): the code columns' one-hot bitmaps
    (``_one_hot``) and the shared ratios' lane terms (``_ratio_lanes``)."""
    width = w1 - w0
    slot_of, slots, ratio_of, ratios = shares
    st = np.empty((STACK, BLOCK_WORDS), dtype=np.uint64)
    sk = np.empty((STACK, BLOCK_WORDS), dtype=np.uint64)
    one_hot = np.empty((max(slots, 1), 64, BLOCK_WORDS), dtype=np.uint64)
    bits_of = np.zeros(max(slots, 1), dtype=np.int64)
    for c in range(slot_of.size):
        if slot_of[c] >= 0:
            bits_of[slot_of[c]] = _one_hot(values, c, w0, w1, one_hot[slot_of[c]], st[0])
    rs = max(ratios.shape[0], 1)
    lhs = np.empty((rs, BLOCK_WORDS * 64), dtype=np.float64)
    d2 = np.empty((rs, BLOCK_WORDS * 64), dtype=np.float64)
    neg_w = np.empty((rs, BLOCK_WORDS), dtype=np.uint64)
    zero_w = np.empty((rs, BLOCK_WORDS), dtype=np.uint64)
    for r in range(ratios.shape[0]):
        _ratio_lanes(values, ratios[r, 0], ratios[r, 1], ratios[r, 2], w0, w1, lhs[r], d2[r], neg_w[r], zero_w[r])
    shared = (one_hot, slot_of, bits_of, ratio_of, lhs, d2, neg_w, zero_w)
    for j in range(covered.size):
        cid = covered[j]
        if starts[j + 1] - starts[j] == 1:  # one atom (most conditions): straight into the result
            _atom_block(
                atoms, program[starts[j]], tables, values, valid, none, w0, w1, truth[cid, w0:w1], known[cid, w0:w1],
                shared,
            )  # fmt: skip
            continue
        top = 0
        for p in range(starts[j], starts[j + 1]):
            code = program[p]
            if code >= 0:
                _atom_block(atoms, code, tables, values, valid, none, w0, w1, st[top], sk[top], shared)
                top += 1
            elif code == -3:  # not: the known stay known
                for i in range(width):
                    st[top - 1, i] = sk[top - 1, i] & ~st[top - 1, i]
            else:
                top -= 1
                for i in range(width):
                    t2, k2 = st[top, i], sk[top, i]
                    t1, k1 = st[top - 1, i], sk[top - 1, i]
                    if code == -1:  # Kleene and: a known false decides
                        st[top - 1, i] = t1 & t2
                        sk[top - 1, i] = (k1 & k2) | (k1 & ~t1) | (k2 & ~t2)
                    else:  # Kleene or: a true decides
                        st[top - 1, i] = t1 | t2
                        sk[top - 1, i] = (k1 & k2) | t1 | t2
        for i in range(width):
            truth[cid, w0 + i] = st[0, i]
            known[cid, w0 + i] = sk[0, i]


@njit(**_JIT)
def _add_plane(planes, used, x, place):  # pragma: no cover
    """planes += x << place (bit-sliced, 64 entities per word); returns the planes in use."""
    while used < place:
        planes[used] = np.uint64(0)
        used += 1
    carry = x
    i = place
    while carry and i < used:
        p = planes[i]
        planes[i] = p ^ carry
        carry = p & carry
        i += 1
    if carry:
        planes[used] = carry
        used += 1
    return used


@njit(inline="always", **_JIT)
def _benefit_word(
    b,
    w,
    cond_start,
    cond_ids,
    weights,
    offsets,
    uniform,
    applicable,
    truth,
    known,
    met_p,
    unmet_p,
    keep_partial,
    keep_likely,
):  # pragma: no cover
    """(kept, near, claimable, all_met) of benefit ``b`` at word ``w``; near = degree high enough despite an unmet."""
    app = applicable[w]
    any_unmet = np.uint64(0)
    all_met = app
    f = uniform[b]
    if f >= 0:
        # equal weights (the common case): met count + F ≥ unmet count, counts in 4 bit-sliced planes held in registers
        m0 = m1 = m2 = m3 = np.uint64(0)
        u0 = u1 = u2 = u3 = np.uint64(0)
        for j in range(cond_start[b], cond_start[b + 1]):
            c = cond_ids[j]
            t = truth[c, w]
            u = known[c, w] & ~t
            any_unmet |= u
            all_met &= t
            c0 = m0 & t
            m0 ^= t
            c1 = m1 & c0
            m1 ^= c0
            c2 = m2 & c1
            m2 ^= c1
            m3 ^= c2
            d0 = u0 & u
            u0 ^= u
            d1 = u1 & d0
            u1 ^= d0
            d2 = u2 & d1
            u2 ^= d1
            u3 ^= d2
        near = np.uint64(0)
        if any_unmet & app:
            k0, k1, k2, k3 = _planes_of(f)
            near = _near(m0, m1, m2, m3, u0, u1, u2, u3, k0, k1, k2, k3, any_unmet, app)
    else:
        met_used = 0
        unmet_used = 0
        for j in range(cond_start[b], cond_start[b + 1]):
            c = cond_ids[j]
            t = truth[c, w]
            u = known[c, w] & ~t
            any_unmet |= u
            all_met &= t
            weight = weights[j]
            place = 0
            while weight:
                if weight & 1:
                    met_used = _add_plane(met_p, met_used, t & app, place)
                    unmet_used = _add_plane(unmet_p, unmet_used, u, place)
                weight >>= 1
                place += 1
        offset = offsets[b]
        place = 0
        while offset:
            if offset & 1:
                met_used = _add_plane(met_p, met_used, app, place)
            offset >>= 1
            place += 1
        # met + offset ≥ unmet: ripple borrow of the difference
        borrow = np.uint64(0)
        for i in range(max(met_used, unmet_used)):
            x = met_p[i] if i < met_used else np.uint64(0)
            y = unmet_p[i] if i < unmet_used else np.uint64(0)
            borrow = (~x & y) | (~(x ^ y) & borrow)
        near = ~borrow & any_unmet & app
    claimable = ~any_unmet & app
    wanted = claimable if keep_likely else all_met
    kept = wanted | near if keep_partial else wanted
    return kept, near, claimable, all_met


@njit(inline="always", **_JIT)
def _count_in(i, t, k, m0, m1, m2, m3, u0, u1, u2, u3, any_unmet, all_met, deep):  # pragma: no cover - native
    """Word ``i`` of the met and unmet counters += one condition's bits; the fourth planes only when ``deep`` (a
    constant at each call, so a benefit of at most 7 conditions neither loads nor stores them)."""
    u = k & ~t
    any_unmet[i] |= u
    all_met[i] &= t
    c0 = m0[i] & t
    m0[i] ^= t
    c1 = m1[i] & c0
    m1[i] ^= c0
    d0 = u0[i] & u
    u0[i] ^= u
    d1 = u1[i] & d0
    u1[i] ^= d0
    if deep:
        c2 = m2[i] & c1
        m3[i] ^= c2
        d2 = u2[i] & d1
        u3[i] ^= d2
    m2[i] ^= c1
    u2[i] ^= d1


@njit(inline="always", **_JIT)
def _uniform_block(
    b,
    w0,
    w1,
    cond_start,
    cond_ids,
    f,
    applicable,
    truth,
    known,
    m0,
    m1,
    m2,
    m3,
    u0,
    u1,
    u2,
    u3,
    any_unmet,
    all_met,
    keep_partial,
    keep_likely,
    kept_w,
    any_claimable,
):  # pragma: no cover
    """``_benefit_word``'s equal-weights case for the words [w0, w1) of one block at once: condition by condition
    over the block's words, so each step is a run of contiguous words the compiler can turn into vector code
    instead of one word at a time (1.7× faster combining at 1M × 1,000). Returns the block's (kept, near, likely)
    counts; the same bits as ``_benefit_word``, which the weighted case and pass 2 still use."""
    width = w1 - w0
    # rows as views: ``truth[c, w0 + i]`` is an index that might be negative to Numba, which then wraps it per
    # element and LLVM gathers the words one by one instead of loading them (15% of pass 1 at 1M × 1,000)
    apps = applicable[w0:w1]
    # the first condition sets the counters (an equal-weights benefit has one or more: kernel._uniform)
    trues = truth[cond_ids[cond_start[b]], w0:w1]
    knowns = known[cond_ids[cond_start[b]], w0:w1]
    for i in range(width):
        t = trues[i]
        u = knowns[i] & ~t
        m0[i] = t
        u0[i] = u
        m1[i] = m2[i] = m3[i] = np.uint64(0)
        u1[i] = u2[i] = u3[i] = np.uint64(0)
        any_unmet[i] = u
        all_met[i] = apps[i] & t
    # counts of at most 7 conditions stay in three planes: the fourth are neither loaded nor stored
    shallow = cond_start[b + 1] - cond_start[b] <= 7
    for j in range(cond_start[b] + 1, cond_start[b + 1]):
        c = cond_ids[j]
        trues = truth[c, w0:w1]
        knowns = known[c, w0:w1]
        if shallow:
            for i in range(width):
                _count_in(i, trues[i], knowns[i], m0, m1, m2, m3, u0, u1, u2, u3, any_unmet, all_met, False)
        else:
            for i in range(width):
                _count_in(i, trues[i], knowns[i], m0, m1, m2, m3, u0, u1, u2, u3, any_unmet, all_met, True)
    k0, k1, k2, k3 = _planes_of(f)
    kept_c = 0
    near_c = 0
    likely_c = 0
    for i in range(width):
        kept, near, claimable, likely = _verdict(
            m0[i], m1[i], m2[i], m3[i], u0[i], u1[i], u2[i], u3[i], k0, k1, k2, k3, any_unmet[i], all_met[i], apps[i],
            keep_partial, keep_likely,
        )  # fmt: skip
        kept_c += _popcount(kept)
        kept_w[i] = kept
        near_c += _popcount(near)
        likely_c += _popcount(likely)
        any_claimable[i] |= claimable
    return kept_c, near_c, likely_c


@njit(inline="always", **_JIT)
def _near(m0, m1, m2, m3, u0, u1, u2, u3, k0, k1, k2, k3, any_unmet, app):  # pragma: no cover - native
    """The entities with an unmet condition whose met count + F ≥ unmet count, from the counts' bit planes and F's
    (``k0``…``k3``): a = met + F (five planes), then a ≥ unmet by ripple borrow (no branch: it vectorises)."""
    a0 = m0 ^ k0
    cy = m0 & k0
    a1 = m1 ^ k1 ^ cy
    cy = (m1 & k1) | (cy & (m1 ^ k1))
    a2 = m2 ^ k2 ^ cy
    cy = (m2 & k2) | (cy & (m2 ^ k2))
    a3 = m3 ^ k3 ^ cy
    a4 = (m3 & k3) | (cy & (m3 ^ k3))
    br = ~a0 & u0
    br = (~a1 & u1) | (~(a1 ^ u1) & br)
    br = (~a2 & u2) | (~(a2 ^ u2) & br)
    br = (~a3 & u3) | (~(a3 ^ u3) & br)
    br = ~a4 & br
    near = ~br & any_unmet & app
    return near


@njit(inline="always", **_JIT)
def _verdict(
    m0, m1, m2, m3, u0, u1, u2, u3, k0, k1, k2, k3, any_unmet, all_met, app, keep_partial, keep_likely
):  # pragma: no cover - native
    """(kept, near, claimable, likely) of 64 entities from their met and unmet counts' bit planes and F's."""
    near = _near(m0, m1, m2, m3, u0, u1, u2, u3, k0, k1, k2, k3, any_unmet, app)
    claimable = ~any_unmet & app
    wanted = claimable if keep_likely else all_met
    kept = wanted | near if keep_partial else wanted
    return kept, near, claimable, claimable & ~all_met


@njit(inline="always", **_JIT)
def _planes_of(x):  # pragma: no cover - native
    """The words of a count's bits 0-3 (all ones where set): x as four bit-sliced planes."""
    ones = np.uint64(0xFFFFFFFFFFFFFFFF)
    zero = np.uint64(0)
    return (ones if x & 1 else zero), (ones if x & 2 else zero), (ones if x & 4 else zero), (ones if x & 8 else zero)


@njit(inline="always", **_JIT)
def _add3(t, k, a0, a1, a2, b0, b1, b2, any_unmet):  # pragma: no cover - native
    """One condition's bits into met and unmet counts of at most 7 (three bit planes each), in registers."""
    u = k & ~t
    c0 = a0 & t
    c1 = a1 & c0
    d0 = b0 & u
    d1 = b1 & d0
    return a0 ^ t, a1 ^ c0, a2 ^ c1, b0 ^ u, b1 ^ d0, b2 ^ d1, any_unmet | u


@njit(inline="always", **_JIT)
def _uniform_fused(
    rows, b, w0, w1, cond_start, cond_ids, f, applicable, truth, known, m0, m1, m2, m3, u0, u1, u2, u3,
    keep_partial, keep_likely, kept_w, any_claimable, nothing,
):  # pragma: no cover - native  # fmt: skip
    """``_uniform_block`` for a benefit of at most ``rows`` ≤ 7 conditions (``rows`` a constant at each call): word
    by word, every condition's bits summed in registers (one pass over the block instead of one per condition, each
    loading and storing the eight counters); the counters are stored once, for ``_emit_uniform``. The rows past
    the benefit's conditions read ``nothing`` (zeros: neither met nor unmet), so one compiled loop serves several
    counts; all met is then met = the count."""
    width = w1 - w0
    zero = np.uint64(0)
    apps = applicable[w0:w1]
    s = cond_start[b]
    n = cond_start[b + 1] - s
    pad = nothing[:width]
    t0, x0 = truth[cond_ids[s], w0:w1], known[cond_ids[s], w0:w1]
    t1, x1 = (truth[cond_ids[s + 1], w0:w1], known[cond_ids[s + 1], w0:w1]) if n > 1 else (pad, pad)
    t2, x2 = (truth[cond_ids[s + 2], w0:w1], known[cond_ids[s + 2], w0:w1]) if n > 2 else (pad, pad)
    t3, x3 = (truth[cond_ids[s + 3], w0:w1], known[cond_ids[s + 3], w0:w1]) if n > 3 else (pad, pad)
    t4, x4 = (truth[cond_ids[s + 4], w0:w1], known[cond_ids[s + 4], w0:w1]) if n > 4 else (pad, pad)
    t5, x5 = (truth[cond_ids[s + 5], w0:w1], known[cond_ids[s + 5], w0:w1]) if n > 5 else (pad, pad)
    t6, x6 = (truth[cond_ids[s + 6], w0:w1], known[cond_ids[s + 6], w0:w1]) if n > 6 else (pad, pad)
    n0, n1, n2, _ = _planes_of(n)
    k0, k1, k2, k3 = _planes_of(f)
    kept_c = 0
    near_c = 0
    likely_c = 0
    for i in range(width):
        t = t0[i]
        u = x0[i] & ~t
        a0, a1, a2, b0, b1, b2, any_unmet = t, zero, zero, u, zero, zero, u
        if rows > 1:
            a0, a1, a2, b0, b1, b2, any_unmet = _add3(t1[i], x1[i], a0, a1, a2, b0, b1, b2, any_unmet)
        if rows > 2:
            a0, a1, a2, b0, b1, b2, any_unmet = _add3(t2[i], x2[i], a0, a1, a2, b0, b1, b2, any_unmet)
        if rows > 3:
            a0, a1, a2, b0, b1, b2, any_unmet = _add3(t3[i], x3[i], a0, a1, a2, b0, b1, b2, any_unmet)
        if rows > 4:
            a0, a1, a2, b0, b1, b2, any_unmet = _add3(t4[i], x4[i], a0, a1, a2, b0, b1, b2, any_unmet)
        if rows > 5:
            a0, a1, a2, b0, b1, b2, any_unmet = _add3(t5[i], x5[i], a0, a1, a2, b0, b1, b2, any_unmet)
        if rows > 6:
            a0, a1, a2, b0, b1, b2, any_unmet = _add3(t6[i], x6[i], a0, a1, a2, b0, b1, b2, any_unmet)
        all_met = apps[i] & ~((a0 ^ n0) | (a1 ^ n1) | (a2 ^ n2))  # met = n
        kept, near, claimable, likely = _verdict(
            a0, a1, a2, zero, b0, b1, b2, zero, k0, k1, k2, k3, any_unmet, all_met, apps[i], keep_partial, keep_likely
        )
        m0[i], m1[i], m2[i], m3[i] = a0, a1, a2, zero
        u0[i], u1[i], u2[i], u3[i] = b0, b1, b2, zero
        kept_c += _popcount(kept)
        kept_w[i] = kept
        near_c += _popcount(near)
        likely_c += _popcount(likely)
        any_claimable[i] |= claimable
    return kept_c, near_c, likely_c


@njit(inline="always", **_JIT)
def _status_degree(met, unmet, total):  # pragma: no cover - native
    """(status, degree) from met and unmet weights: degree rounded half up, status 3 eligible … 0 ineligible."""
    unknown = total - met - unmet
    deg = (200 * met + 100 * unknown + total) // (2 * total) if total > 0 else 100
    s = np.int64(deg >= 50)
    s = 2 if unmet == 0 else s
    s = 3 if met == total else s
    return s, deg


# a pass 1 pair in one word of the slab: the entity within its block, degree, status and provable
LOCAL_BITS = (BLOCK_WORDS * 64 - 1).bit_length()  # 12: 4,096 entities a block
DEGREE_AT = LOCAL_BITS
STATUS_AT = DEGREE_AT + 7  # degree ≤ 100
PROVABLE_AT = STATUS_AT + 2


@njit(inline="always", **_JIT)
def _packed(status, degree):  # pragma: no cover - native
    return (np.uint32(status) << np.uint32(STATUS_AT)) | (np.uint32(degree) << np.uint32(DEGREE_AT))


@njit(**_JIT)
def grade_table(weight, total, out):  # pragma: no cover - native
    """``out[met | unmet << 4]``: the packed status and degree (``_status_degree``) of an equal-weights benefit for
    met and unmet counts ≤ 15 (0 where they exceed the benefit's conditions)."""
    for key in range(256):
        met = key & 15
        unmet = key >> 4
        out[key] = 0
        if weight * (met + unmet) <= total:
            st, deg = _status_degree(weight * met, weight * unmet, total)
            out[key] = _packed(st, deg)


@njit(inline="always", **_JIT)
def _emit_uniform(
    b,
    w0,
    width,
    kept_w,
    m0,
    m1,
    m2,
    m3,
    u0,
    u1,
    u2,
    u3,
    grades,
    col_start,
    col_ids,
    verified,
    slab,
    blk,
    at,
    ok_w,
    busy_w,
    keep_partial,
):  # pragma: no cover - native
    """The kept pairs of an equal-weights benefit over one block into the block's slab from ``at``: met and unmet
    counts read from pass 1's bit-sliced counters while they are in L1 (pass 2 used to gather every condition's
    bits again per pair), their status and degree looked up in the benefit's ``grades`` (met | unmet << 4 → the
    packed status and degree: no division per pair), one store per pair."""
    one = np.uint64(1)
    # provable: every column the benefit reads verified, over the whole block at once as contiguous rows (per kept
    # word, the columns' words were a strided gather: ≈ 10% of pass 1)
    for i in range(width):
        ok_w[i] = np.uint64(0xFFFFFFFFFFFFFFFF)
    for j in range(col_start[b], col_start[b + 1]):
        row = verified[col_ids[j], w0 : w0 + width]
        for i in range(width):
            ok_w[i] &= row[i]
    # the words holding pairs listed first, without a branch: "does this word hold a pair?" is a coin flip to the
    # branch predictor (most words hold none or one), and each miss cost as much as writing a pair
    busy = 0
    for i in range(width):
        busy_w[busy] = i
        busy += kept_w[i] != 0
    for q in range(busy):
        i = busy_w[q]
        kept = kept_w[i]
        base = i * np.uint64(64)
        ok = ok_w[i]
        a0, a1, a2, a3 = m0[i], m1[i], m2[i], m3[i]
        b0, b1, b2, b3 = u0[i], u1[i], u2[i], u3[i]
        while kept:
            low = kept & (~kept + one)
            sh = np.uint64(_popcount(low - one))
            kept ^= low
            key = ((a0 >> sh) & one) | (((a1 >> sh) & one) << np.uint64(1))
            key |= (((a2 >> sh) & one) << np.uint64(2)) | (((a3 >> sh) & one) << np.uint64(3))
            if keep_partial:  # otherwise a kept pair has no unmet condition: the unmet count is 0
                key |= (((b0 >> sh) & one) << np.uint64(4)) | (((b1 >> sh) & one) << np.uint64(5))
                key |= (((b2 >> sh) & one) << np.uint64(6)) | (((b3 >> sh) & one) << np.uint64(7))
            local = base | sh | (((ok >> sh) & one) << np.uint64(PROVABLE_AT))
            slab[blk, np.uint64(at)] = grades[key] | np.uint32(local)
            at += 1
    return at


@njit(inline="always", **_JIT)
def _emit_gathered(
    b,
    w0,
    width,
    kept_w,
    cond_start,
    cond_ids,
    weights,
    truth,
    known,
    total,
    col_start,
    col_ids,
    verified,
    slab,
    blk,
    at,
):  # pragma: no cover - native
    """``_emit_uniform`` for a benefit of unequal weights: each pair's weights summed from its conditions' bits."""
    one = np.uint64(1)
    for i in range(width):
        kept = kept_w[i]
        w = w0 + i
        while kept:
            low = kept & (~kept + one)
            sh = np.uint64(_popcount(low - one))
            kept ^= low
            met = 0
            unmet = 0
            # without branches: a condition's outcome is a coin flip to the branch predictor
            for j in range(cond_start[b], cond_start[b + 1]):
                c = cond_ids[j]
                k = np.int64((known[c, w] >> sh) & one)
                t = np.int64((truth[c, w] >> sh) & one)
                met += weights[j] * t
                unmet += weights[j] * (k - t)
            st, deg = _status_degree(met, unmet, total)
            ok = one
            for j in range(col_start[b], col_start[b + 1]):
                ok &= verified[col_ids[j], w] >> sh
            local = np.uint64(i * 64) | sh | ((ok & one) << np.uint64(PROVABLE_AT))
            slab[blk, np.uint64(at)] = _packed(st, deg) | np.uint32(local)
            at += 1
    return at


@njit(parallel=True, **_JIT)
def _count(
    atoms,
    tables,
    program,
    starts,
    covered,
    values,
    valid,
    none,
    truth,
    known,
    n,
    words,
    cond_start,
    cond_ids,
    weights,
    offsets,
    uniform,
    totals,
    app_index,
    masks,
    keep_partial,
    keep_likely,
    col_start,
    col_ids,
    verified,
    grades,
    grade_of,
    slab,
):  # pragma: no cover
    """Pass 1: conditions of each block, then each benefit's kept / near / likely counts in the same block, and
    the block's kept pairs (benefit by benefit, entities ascending) into its row of the slab while they are in
    cache. A block whose pairs outgrow its slab row is marked ``overflow``; pass 2 (``_fill``) recomputes it.
    The counts come back block-major: ``kept_n[blk, b]``."""
    blocks = (words + BLOCK_WORDS - 1) // BLOCK_WORDS
    nb = cond_start.size - 1
    cap = slab.shape[1]
    # block-major: a block's 1,000 counts are one contiguous run, not 1,000 cache lines a row apart (the stores
    # missed the cache); the caller transposes them to benefit-major
    kept_n = np.zeros((blocks, nb), dtype=np.int64)
    near_n = np.zeros((blocks, nb), dtype=np.int64)
    likely_n = np.zeros((blocks, nb), dtype=np.int64)
    claimable_any = np.zeros(words, dtype=np.uint64)
    overflow = np.zeros(blocks, dtype=np.bool_)
    # what the conditions of every block share: the code columns' one-hot slots and the ratios' lane terms
    shares = _code_slots(atoms, program, values.shape[0]) + _ratio_slots(atoms, program)
    for blk in prange(blocks):
        w0 = blk * BLOCK_WORDS
        w1 = min(w0 + BLOCK_WORDS, words)
        width = w1 - w0
        _conditions(atoms, tables, program, starts, covered, values, valid, none, truth, known, w0, w1, n, shares)
        met_p = np.empty(64, dtype=np.uint64)
        unmet_p = np.empty(64, dtype=np.uint64)
        any_claimable = np.zeros(BLOCK_WORDS, dtype=np.uint64)
        # the equal-weights counters of one benefit over the block: 4 + 4 bit planes, any unmet, all met, kept
        planes = np.empty((13, BLOCK_WORDS), dtype=np.uint64)  # views taken once per block, not per benefit
        m0, m1, m2, m3 = planes[0], planes[1], planes[2], planes[3]
        u0, u1, u2, u3 = planes[4], planes[5], planes[6], planes[7]
        unmet_any, met_all, kept_w, ok_w, busy_w = planes[8], planes[9], planes[10], planes[11], planes[12]
        nothing = np.zeros(BLOCK_WORDS, dtype=np.uint64)
        at = 0
        full = False
        for b in range(nb):
            applicable = masks[app_index[b]]
            nc = cond_start[b + 1] - cond_start[b]
            # equal weights and few conditions (the common case): summed word by word in registers
            if uniform[b] >= 0 and nc <= 3:
                kept_c, near_c, likely_c = _uniform_fused(
                    3, b, w0, w1, cond_start, cond_ids, uniform[b], applicable, truth, known, m0, m1, m2, m3, u0, u1,
                    u2, u3, keep_partial, keep_likely, kept_w, any_claimable, nothing,
                )  # fmt: skip
            elif uniform[b] >= 0 and nc <= 5:
                kept_c, near_c, likely_c = _uniform_fused(
                    5, b, w0, w1, cond_start, cond_ids, uniform[b], applicable, truth, known, m0, m1, m2, m3, u0, u1,
                    u2, u3, keep_partial, keep_likely, kept_w, any_claimable, nothing,
                )  # fmt: skip
            elif uniform[b] >= 0 and nc <= 7:
                kept_c, near_c, likely_c = _uniform_fused(
                    7, b, w0, w1, cond_start, cond_ids, uniform[b], applicable, truth, known, m0, m1, m2, m3, u0, u1,
                    u2, u3, keep_partial, keep_likely, kept_w, any_claimable, nothing,
                )  # fmt: skip
            elif uniform[b] >= 0:  # equal weights, more conditions: condition by condition over the block
                kept_c, near_c, likely_c = _uniform_block(
                    b, w0, w1, cond_start, cond_ids, uniform[b], applicable, truth, known, m0, m1, m2, m3, u0, u1,
                    u2, u3, unmet_any, met_all, keep_partial, keep_likely, kept_w, any_claimable,
                )  # fmt: skip
            else:
                # counted in registers, stored once per benefit and block: the arrays would be written per word
                kept_c = 0
                near_c = 0
                likely_c = 0
                for w in range(w0, w1):
                    kept, near, claimable, all_met = _benefit_word(
                        b, w, cond_start, cond_ids, weights, offsets, uniform, applicable, truth, known, met_p,
                        unmet_p, keep_partial, keep_likely,
                    )  # fmt: skip
                    kept_c += _popcount(kept)
                    kept_w[w - w0] = kept
                    near_c += _popcount(near)
                    likely_c += _popcount(claimable & ~all_met)
                    any_claimable[w - w0] |= claimable
            kept_n[blk, b] = kept_c
            near_n[blk, b] = near_c
            likely_n[blk, b] = likely_c
            if full or kept_c == 0:
                continue
            if at + kept_c > cap:
                full = True
                continue
            if uniform[b] >= 0:
                at = _emit_uniform(
                    b, w0, width, kept_w, m0, m1, m2, m3, u0, u1, u2, u3, grades[grade_of[b]], col_start, col_ids,
                    verified, slab, blk, at, ok_w, busy_w, keep_partial,
                )  # fmt: skip
            else:
                at = _emit_gathered(
                    b, w0, width, kept_w, cond_start, cond_ids, weights, truth, known, totals[b], col_start,
                    col_ids, verified, slab, blk, at,
                )  # fmt: skip
        overflow[blk] = full
        for w in range(w0, w1):
            claimable_any[w] = any_claimable[w - w0]
    return kept_n, near_n, likely_n, claimable_any, overflow


@njit(**_JIT)
def slots(kept_n, start_at, bounds):  # pragma: no cover - native
    """The benefit-major slot of each (block, benefit) run of kept pairs, in ``kept_n``'s block-major layout:
    ``start_at[blk, b]``, the runs of benefit b in block order after every run of the benefits before it;
    ``bounds[b]``: where benefit b's pairs start (``bounds[-1]``: all of them). Row by row, no transpose."""
    blocks, nb = kept_n.shape
    bounds[0] = 0
    for b in range(nb):
        bounds[b + 1] = 0
    for blk in range(blocks):
        for b in range(nb):
            bounds[b + 1] += kept_n[blk, b]
    for b in range(nb):
        bounds[b + 1] += bounds[b]
    at = bounds[:nb].copy()
    for blk in range(blocks):
        for b in range(nb):
            start_at[blk, b] = at[b]
            at[b] += kept_n[blk, b]


@njit(parallel=True, **_JIT)
def _place(
    kept_n,
    start_at,
    overflow,
    slab,
    entity,
    benefit,
    status,
    degree,
    provable,
    amount,
):  # pragma: no cover - native
    """Pass 2 for the blocks pass 1 wrote: each (benefit, block) run of the slab copied to its benefit-major slot
    (``kept_n`` / ``start_at``: the runs' sizes and slots, block-major: a block reads one contiguous row of each),
    then the block's amounts (``amount``: ``_block_amounts``' inputs; its ``with_amounts`` false: none)."""
    blocks, nb = kept_n.shape
    local = np.uint32((1 << LOCAL_BITS) - 1)
    with_amounts, values, known = amount[0], amount[-3], amount[-2]
    for blk in prange(blocks):
        if overflow[blk]:
            continue
        base = np.uint32(blk * BLOCK_WORDS * 64)
        src = np.uint64(0)
        for b in range(nb):
            count = np.uint64(kept_n[blk, b])
            # unsigned indices: a signed one might be negative to Numba, which wraps it per element, and LLVM then
            # scatters the stores one by one (the zeroing below was the hottest loop of pass 2)
            dst = np.uint64(start_at[blk, b])
            for k in range(count):
                x = slab[blk, src + k]
                entity[dst + k] = base + (x & local)
                benefit[dst + k] = b
                status[dst + k] = (x >> STATUS_AT) & 3
                degree[dst + k] = (x >> DEGREE_AT) & 127
                provable[dst + k] = (x >> PROVABLE_AT) & 1
            if with_amounts:
                for k in range(count):
                    values[dst + k] = 0
                    known[dst + k] = False
            src += count
        _block_amounts(blk, kept_n, start_at, entity, status, amount, False)


@njit(**_JIT)
def _popcount(x: np.uint64) -> np.int64:  # pragma: no cover
    x = x - ((x >> np.uint64(1)) & np.uint64(0x5555555555555555))
    x = (x & np.uint64(0x3333333333333333)) + ((x >> np.uint64(2)) & np.uint64(0x3333333333333333))
    x = (x + (x >> np.uint64(4))) & np.uint64(0x0F0F0F0F0F0F0F0F)
    return np.int64((x * np.uint64(0x0101010101010101)) >> np.uint64(56))


@njit(parallel=True, **_JIT)
def _fill(
    truth,
    known,
    words,
    cond_start,
    cond_ids,
    weights,
    offsets,
    uniform,
    totals,
    app_index,
    masks,
    keep_partial,
    keep_likely,
    todo,
    start_at,
    col_start,
    col_ids,
    verified,
    entity,
    benefit,
    status,
    degree,
    provable,
):  # pragma: no cover
    """Pass 2 for the blocks in ``todo`` (those whose pairs outgrew pass 1's slab): every kept pair's entity,
    benefit, status, degree and provable, at its benefit-major slot, the combination computed again."""
    blocks = (words + BLOCK_WORDS - 1) // BLOCK_WORDS
    nb = cond_start.size - 1
    for blk in prange(blocks):
        if not todo[blk]:
            continue
        w0 = blk * BLOCK_WORDS
        w1 = min(w0 + BLOCK_WORDS, words)
        met_p = np.empty(64, dtype=np.uint64)
        unmet_p = np.empty(64, dtype=np.uint64)
        for b in range(nb):
            at = start_at[b, blk]
            applicable = masks[app_index[b]]
            total = totals[b]
            for w in range(w0, w1):
                kept, _, _, _ = _benefit_word(
                    b,
                    w,
                    cond_start,
                    cond_ids,
                    weights,
                    offsets,
                    uniform,
                    applicable,
                    truth,
                    known,
                    met_p,
                    unmet_p,
                    keep_partial,
                    keep_likely,
                )
                while kept:
                    low = kept & (~kept + np.uint64(1))
                    bit = _popcount(low - np.uint64(1))
                    kept ^= low
                    i = w * 64 + bit
                    met = 0
                    unmet = 0
                    # without branches: a condition's outcome is a coin flip to the branch predictor
                    for j in range(cond_start[b], cond_start[b + 1]):
                        c = cond_ids[j]
                        k = np.int64((known[c, w] >> np.uint64(bit)) & np.uint64(1))
                        t = np.int64((truth[c, w] >> np.uint64(bit)) & np.uint64(1))
                        met += weights[j] * t
                        unmet += weights[j] * (k - t)
                    unknown = total - met - unmet
                    deg = (200 * met + 100 * unknown + total) // (2 * total) if total > 0 else 100
                    s = np.int64(deg >= 50)
                    s = 2 if unmet == 0 else s
                    s = 3 if met == total else s
                    ok = np.uint64(1)
                    for j in range(col_start[b], col_start[b + 1]):
                        ok &= verified[col_ids[j], w] >> np.uint64(bit)
                    entity[at] = i
                    benefit[at] = b
                    status[at] = s
                    degree[at] = deg
                    provable[at] = (ok & np.uint64(1)) == np.uint64(1)
                    at += 1


@njit(parallel=True, **_JIT)
def _outcomes(truth, known, entity, benefit, cond_start, cond_ids, offsets, flat):  # pragma: no cover - native
    """Per kept pair, its conditions' outcomes (0 unmet, 1 met, 2 unknown) at ``flat[offsets[p]:offsets[p + 1]]``."""
    for p in prange(entity.size):
        i = entity[p]
        w = i >> 6
        bit = np.uint64(i & 63)
        b = benefit[p]
        at = offsets[p]
        for j in range(cond_start[b], cond_start[b + 1]):
            c = cond_ids[j]
            if (known[c, w] >> bit) & np.uint64(1):
                flat[at] = np.int8((truth[c, w] >> bit) & np.uint64(1))
            else:
                flat[at] = np.int8(2)
            at += 1


def _serial(dispatcher: Any, name: str) -> Any:
    """The same kernel without the thread pool, under its own name (Numba's cache is keyed by function name):
    for a handful of words, waking the other core costs more than the work."""
    fn = dispatcher.py_func
    code = fn.__code__.replace(co_name=name, co_qualname=name)
    return njit(**_JIT)(types.FunctionType(code, fn.__globals__, name, fn.__defaults__, fn.__closure__))


count_serial = _serial(_count, "_count_serial")
fill_serial = _serial(_fill, "_fill_serial")
place_serial = _serial(_place, "_place_serial")
count, fill, place, outcomes = _count, _fill, _place, _outcomes


def threads(count: int | None) -> None:
    """Use ``count`` threads (None: every core); the single-core figure is measured with 1."""
    numba.set_num_threads(count or numba.config.NUMBA_NUM_THREADS)


@njit(**_JIT)
def _atom_one(atoms, a, tables, values, valid, none):  # pragma: no cover - native
    """(true, known) of atom ``a`` for one entity: ``_atom_block``'s lane, without the other 63 (and without
    taking a view of the atom's row, which costs more than the comparison)."""
    kind, op, ca, cb, cd = atoms[a, 0], atoms[a, 1], atoms[a, 2], atoms[a, 3], atoms[a, 4]
    ma, mb, const, decided, table = atoms[a, 5], atoms[a, 6], atoms[a, 7], atoms[a, 8], atoms[a, 9]
    known = (ca < 0 or valid[ca]) and (cb < 0 or valid[cb]) and (cd < 0 or valid[cd])
    true = False
    if kind == 0:  # lo ≤ x ≤ hi as one unsigned comparison; op holds the negation
        true = (np.uint64(values[ca]) - np.uint64(ma) <= np.uint64(mb)) != (op != 0)
    elif kind == 3:
        if table < 0:
            true = (np.uint64(const) >> np.uint64(values[ca] & 63)) & np.uint64(1) == np.uint64(1)
        else:
            true = tables[table, values[ca]] != 0
    elif kind == 1:
        true = _compare(op, values[ca] * ma, values[cb] * mb)
    else:  # ratio and growth: exact cross-multiplication (floats decide only the clear cases), never a division
        d = values[cb] if cb >= 0 else const
        if d == 0:
            known = False
        elif known:
            x = values[ca] * ma if ca >= 0 else ma
            true = _divcmp(op, x, values[cd], mb, d)
    if decided >= 0:
        nones = (ca >= 0 and none[ca]) or (cb >= 0 and none[cb]) or (cd >= 0 and none[cd])
        if nones:
            known = True
            true = decided == 1
    return true and known, known


@njit(**_JIT)
def _single_codes(atoms, tables, program, starts, covered, values, valid, none, codes):  # pragma: no cover
    """One entity's covered conditions into ``codes`` (0 unmet, 1 met, 2 unknown), Kleene logic on booleans."""
    st = np.empty(STACK, dtype=np.bool_)
    sk = np.empty(STACK, dtype=np.bool_)
    for j in range(covered.size):
        top = 0
        for p in range(starts[j], starts[j + 1]):
            code = program[p]
            if code >= 0:
                t, k = _atom_one(atoms, code, tables, values, valid, none)
                st[top] = t
                sk[top] = k
                top += 1
            elif code == -3:  # not: the known stay known
                st[top - 1] = sk[top - 1] and not st[top - 1]
            else:
                top -= 1
                t2, k2 = st[top], sk[top]
                t1, k1 = st[top - 1], sk[top - 1]
                if code == -1:  # Kleene and: a known false decides
                    st[top - 1] = t1 and t2
                    sk[top - 1] = (k1 and k2) or (k1 and not t1) or (k2 and not t2)
                else:  # Kleene or: a true decides
                    st[top - 1] = t1 or t2
                    sk[top - 1] = (k1 and k2) or t1 or t2
        codes[covered[j]] = (1 if st[0] else 0) if sk[0] else 2


@njit(**_JIT)
def single(atoms, tables, program, starts, covered, values, valid, none, codes):  # pragma: no cover
    """One entity: every covered condition into ``codes`` (the others stay as given), for the portal's path."""
    _single_codes(atoms, tables, program, starts, covered, values, valid, none, codes)


@njit(**_JIT)
def single_match(
    atoms,
    tables,
    program,
    starts,
    covered,
    values,
    valid,
    none,
    codes,
    cond_start,
    cond_ids,
    weights,
    totals,
    applies,
    col_start,
    col_ids,
    given,
    keep_all,
):  # pragma: no cover
    """:func:`single` then :func:`single_combine` in one call: the portal's path when the plan covers everything."""
    _single_codes(atoms, tables, program, starts, covered, values, valid, none, codes)
    return single_combine(codes, cond_start, cond_ids, weights, totals, applies, col_start, col_ids, given, keep_all)


@njit(**_JIT)
def single_combine(codes, cond_start, cond_ids, weights, totals, applies, col_start, col_ids, given, keep_all):
    """One entity's benefits from its condition codes: (benefit, status, degree, provable) of those kept."""
    nb = totals.size
    kept = np.empty(nb, dtype=np.int64)
    status = np.empty(nb, dtype=np.int64)
    degree = np.empty(nb, dtype=np.int64)
    provable = np.empty(nb, dtype=np.bool_)
    k = 0
    for b in range(nb):
        if not applies[b]:
            continue
        met = 0
        unmet = 0
        for j in range(cond_start[b], cond_start[b + 1]):
            code = codes[cond_ids[j]]
            if code == 1:
                met += weights[j]
            elif code == 0:
                unmet += weights[j]
        total = totals[b]
        deg = (200 * met + 100 * (total - met - unmet) + total) // (2 * total) if total > 0 else 100
        s = 3 if met == total else (2 if unmet == 0 else (1 if deg >= 50 else 0))
        if s == 0 and not keep_all:
            continue
        ok = True
        for j in range(col_start[b], col_start[b + 1]):
            if not given[col_ids[j]]:
                ok = False
                break
        kept[k] = b
        status[k] = s
        degree[k] = deg
        provable[k] = ok
        k += 1
    return kept[:k], status[:k], degree[:k], provable[:k]


# ------------------------------------------------------------------------------------------------ amounts

AMOUNT_CHUNK = 256  # rows a program's stack holds at once: an op runs over the chunk, in cache, not per row
AMOUNT_DEPTH = 16  # stack slots of one amount program (deeper formulas go to Polars)
A_CONST, A_COL, A_LIFT, A_MUL, A_ADD, A_SUB, A_DIV, A_MIN, A_MAX, A_TIER = range(10)
_A_LIMIT = np.uint64(2**62)


@njit(inline="always", **_JIT)
def _floordiv(num, den):  # pragma: no cover - native
    """⌊num / den⌋ for 0 ≤ num, 0 < den: through a float division corrected by one multiplication (an integer
    division costs ~40 cycles, a float one pipelines), else in integers. The float quotient's relative error is
    below 3 · 2^-53 (num, den and the division each rounded once), so below 2^51 it is off by less than one and
    its truncation at most one from the floor, which the remainder corrects; num < 2^62 and den < 2^61 keep q · den
    ≤ num + den within int64. (Only below 2^52 before: the amounts' rounding of a product ÷ 10^6, 2|x · rate| +
    10^6 ≈ 10^17 for revenues of 10^5 万元, always took the integer division.)"""
    if num < 4611686018427387904 and den < 2305843009213693952:
        f = float(num) / float(den)
        if f < 2251799813685248.0:
            q = np.int64(f)
            r = num - q * den
            if r < 0:
                q -= 1
            elif r >= den:
                q += 1
            return q
    return num // den


@njit(inline="always", **_JIT)
def _a_mul(x, y, a, b):  # pragma: no cover - native
    """(in range, x·y then × a (b = 1) or rounded half up ÷ b)."""
    ux, uy = _uabs(x), _uabs(y)
    # a float product below 2^61 is a true product below 2^62 (the floats' error is far below 2×): no integer
    # division per row then (it cost more than the rest of the op)
    if float(ux) * float(uy) >= 2.0**61 and ux != 0 and uy > (_A_LIMIT - np.uint64(1)) // ux:
        return False, 0
    p = x * y
    if b == 1:
        if a != 1:
            if _uabs(p) > (_A_LIMIT - np.uint64(1)) // np.uint64(a):
                return False, 0
            p *= a
    else:
        q = _floordiv(2 * abs(p) + b, 2 * b)
        p = -q if p < 0 else q
    return True, p


@njit(inline="always", **_JIT)
def _a_div(x, y, a):  # pragma: no cover - native
    """(in range, x·a / y rounded half up, known: y ≠ 0); |x·a|, |y| < 2^61."""
    half = _A_LIMIT >> np.uint64(1)
    if _uabs(x) > (half - np.uint64(1)) // np.uint64(a) or _uabs(y) >= half:
        return False, 0, False
    if y == 0:
        return True, 0, False
    n = x * a
    d = abs(y)
    q = _floordiv(2 * abs(n) + d, 2 * d)
    return True, (-q if (n < 0) != (y < 0) and n != 0 else q), True


@njit(inline="always", **_JIT)
def _a_binary(code, x, y, a, b):  # pragma: no cover - native
    """(in range, value, known: false for a zero divisor) of the binary op ``code`` (A_MUL, A_DIV, A_ADD, A_SUB)."""
    if code == A_MUL:
        ok, v = _a_mul(x, y, a, b)
        return ok, v, True
    if code == A_DIV:
        return _a_div(x, y, a)
    return _uabs(x) + _uabs(y) < _A_LIMIT, (x + y if code == A_ADD else x - y), True


@njit(inline="always", **_JIT)
def _mul_lane(x, c, fc, a, lim_a, b, den, inv):  # pragma: no cover - native
    """``_a_mul(x, c, a, b)`` without a branch, for a vector lane: (value, hard). Where ``hard`` is false the value is
    ``_a_mul``'s: the product is exact (its float below 2^61) and, ÷ b, the quotient is the floor the float ``f``
    gives after its correction (``_floordiv``'s argument: num, 1/den and the product each rounded once, den exact
    below 2^53, so below 2^51 it is less than one off). Where true (the product may leave the range, or its × a
    may, or the quotient is past the floats) the value means nothing and the row is ``_a_mul``'s to do."""
    p = x * c
    hard = float(_uabs(x)) * fc >= 2.0**61
    if b == 1:
        hard |= _uabs(p) > lim_a
        return p * a, hard
    num = 2 * abs(p) + b
    f = float(num) * inv
    hard |= np.uint64(num) >= np.uint64(2**62) or f >= 2.0**51
    q = np.int64(min(f, 2.0**51))  # clamped: a hard lane's float may be past int64, whose conversion is undefined
    rest = num - q * den
    q = q - 1 if rest < 0 else (q + 1 if rest >= den else q)
    return (-q if p < 0 else q), hard


@njit(inline="always", **_JIT)
def _mul_constant(vs, kk, c, ck, a, b, m, hard_rows):  # pragma: no cover - native
    """``_a_mul`` of rows ``vs[:m]`` (known: ``kk``) by the constant c (known: ``ck``), in place: a rate, the
    commonest amount (min(x × rate, cap): the multiplication was half its cost, row by row through ``_a_mul``'s
    branches and integer division). The rows go through ``_mul_lane`` in vector code (in place, as two arrays that
    might overlap keep LLVM's loop scalar); a hard row keeps its input, is marked in ``hard_rows`` (scratch) and is
    done after by ``_a_mul`` itself. False: a row left the int64 range (as ``_a_mul``). Only for a ≥ 1 (× a, b = 1)
    or 2 ≤ b < 2^52 (÷ b rounded: 2b exact as a float)."""
    fc = float(_uabs(c))
    lim_a = (_A_LIMIT - np.uint64(1)) // np.uint64(a if b == 1 else 1)
    den = 2 * b
    inv = 1.0 / float(den)
    redo = False
    for r in range(m):
        x = vs[r]
        v, hard = _mul_lane(x, c, fc, a, lim_a, b, den, inv)
        vs[r] = x if hard else v
        kk[r] = kk[r] and (hard or ck)
        hard_rows[r] = hard
        redo |= hard
    if redo:
        for r in range(m):
            if hard_rows[r]:
                ok, v = _a_mul(vs[r], c, a, b)
                if not ok:
                    return False
                vs[r] = v
                kk[r] = kk[r] and ck
    return True


@njit(inline="always", **_JIT)
def _a_tier(x, tiers, a, b):  # pragma: no cover - native
    """Bands ``tiers[a : a + b]`` as (start, value): the last band whose start x reaches; else 0."""
    for t in range(a + b - 1, a - 1, -1):
        if x >= tiers[t, 0]:
            return tiers[t, 1]
    return 0


@njit(**_JIT)
def _amount_chunk(ops, o0, o1, tiers, cols, valid, rows, m, sv, sk, cv, cb):  # pragma: no cover - native
    """Run ops [o0, o1) over ``rows[:m]`` (m ≥ 1; ``cols``: a value per row, ``valid``: a bitmap row per column, the
    kernel's own layout); the result is in ``sv[0]`` / ``sk[0]``. False: an intermediate
    would leave the exact int64 range (|x| ≥ 2^62) on some row, and the caller leaves the whole formula to Polars.

    A constant stays one scalar on the stack (``cb[0, s]``: slot s holds one, ``cv[s]`` its value, ``cb[1, s]``
    whether it is known; the caller's scratch) until the end: an op over constants only is computed once, and an
    op with a constant operand reads the scalar. A fixed award, a rate and a cap then cost no pass over the rows
    (6 passes became 3 for ``min(x * rate, cap)``); the arithmetic and its range checks are the same, and a
    constant passes or fails them on every row alike."""
    top = 0
    for o in range(o0, o1):
        code, a, b = ops[o, 0], ops[o, 1], ops[o, 2]
        if code == A_CONST:
            cb[0, top] = True
            cv[top] = a
            cb[1, top] = True
            top += 1
        elif code == A_COL:
            cb[0, top] = False
            for r in range(m):
                row = rows[r]
                sv[top, r] = cols[a, row]
                sk[top, r] = (valid[a, row >> np.uint64(6)] >> (row & np.uint64(63))) & np.uint64(1) != 0
            top += 1
        elif code == A_LIFT:  # × a, |x| ≤ b = ⌊(2^62 − 1) / a⌋
            s = top - 1
            if cb[0, s]:
                if _uabs(cv[s]) > np.uint64(b):
                    return False
                cv[s] *= a
                continue
            for r in range(m):
                if _uabs(sv[s, r]) > np.uint64(b):
                    return False
                sv[s, r] *= a
        elif code in (A_MUL, A_DIV, A_ADD, A_SUB):
            top -= 1
            s, t = top - 1, top
            if cb[0, s] and cb[0, t]:
                ok, v, given = _a_binary(code, cv[s], cv[t], a, b)
                if not ok:
                    return False
                cv[s], cb[1, s] = v, cb[1, s] and cb[1, t] and given
                continue
            cs, ct = cb[0, s], cb[0, t]
            cb[0, s] = False
            if code == A_MUL and cs != ct and ((b == 1 and a >= 1) or (2 <= b < 2**52)):
                fixed = s if cs else t  # the constant's slot; the rows go to slot s
                if cs:
                    sv[s, :m] = sv[t, :m]
                    sk[s, :m] = sk[t, :m]
                if not _mul_constant(sv[s], sk[s], cv[fixed], cb[1, fixed], a, b, m, sk[t]):  # (slot t: now free)
                    return False
                continue
            for r in range(m):
                x = cv[s] if cs else sv[s, r]
                y = cv[t] if ct else sv[t, r]
                ok, v, given = _a_binary(code, x, y, a, b)
                if not ok:
                    return False
                sv[s, r] = v
                sk[s, r] = (cb[1, s] if cs else sk[s, r]) and (cb[1, t] if ct else sk[t, r]) and given
        elif code in (A_MIN, A_MAX):  # over the top a slots
            base = top - a
            every = True
            for q in range(base, top):
                every = every and cb[0, q]
            if every:
                best, k = cv[base], cb[1, base]
                for q in range(base + 1, top):
                    x = cv[q]
                    best = (x if x < best else best) if code == A_MIN else (x if x > best else best)
                    k = k and cb[1, q]
                cv[base], cb[1, base] = best, k
                top = base + 1
                continue
            if a == 2 and cb[0, base] != cb[0, base + 1]:  # a column against a constant (a cap): in vector code
                q = base if cb[0, base] else base + 1  # the constant's slot; the rows go to slot base
                c, ck = cv[q], cb[1, q]
                if q == base:
                    sv[base, :m] = sv[base + 1, :m]
                    sk[base, :m] = sk[base + 1, :m]
                vs, kk = sv[base], sk[base]  # in place (see ``_mul_constant``)
                for r in range(m):
                    x = vs[r]
                    vs[r] = (x if x < c else c) if code == A_MIN else (x if x > c else c)
                    kk[r] = kk[r] and ck
                cb[0, base] = False
                top = base + 1
                continue
            for r in range(m):
                best = cv[base] if cb[0, base] else sv[base, r]
                k = cb[1, base] if cb[0, base] else sk[base, r]
                for q in range(base + 1, top):
                    x = cv[q] if cb[0, q] else sv[q, r]
                    best = (x if x < best else best) if code == A_MIN else (x if x > best else best)
                    k = k and (cb[1, q] if cb[0, q] else sk[q, r])
                sv[base, r] = best
                sk[base, r] = k
            cb[0, base] = False
            top = base + 1
        else:  # A_TIER on the top slot
            s = top - 1
            if cb[0, s]:
                cv[s] = _a_tier(cv[s], tiers, a, b)
                continue
            for r in range(m):
                sv[s, r] = _a_tier(sv[s, r], tiers, a, b)
    if cb[0, 0]:
        for r in range(m):
            sv[0, r] = cv[0]
            sk[0, r] = cb[1, 0]
    return True


@njit(inline="always", **_JIT)
def _amount_scratch():  # pragma: no cover - native
    """(stack values, stack known, constants' values, constants' flags, pairs, rows) of ``_amount_chunk``."""
    return (
        np.empty((AMOUNT_DEPTH, AMOUNT_CHUNK), dtype=np.int64),
        np.empty((AMOUNT_DEPTH, AMOUNT_CHUNK), dtype=np.bool_),
        np.empty(AMOUNT_DEPTH, dtype=np.int64),
        np.empty((2, AMOUNT_DEPTH), dtype=np.bool_),
        np.empty(AMOUNT_CHUNK, dtype=np.uint64),  # unsigned: no per-element index wrapping (see ``_place``)
        np.empty(AMOUNT_CHUNK, dtype=np.uint64),
    )


@njit(inline="always", **_JIT)
def _flush(f, programs, scratch, m):  # pragma: no cover - native
    """Program ``f`` over the gathered ``rows[:m]``, the results to their pairs ``at[:m]``."""
    ops, op_start, cols, valid, tiers, values, known, failed = programs
    sv, sk, cv, cb, at, rows = scratch
    if m and not failed[f]:
        if not _amount_chunk(ops, op_start[f], op_start[f + 1], tiers, cols, valid, rows, m, sv, sk, cv, cb):
            failed[f] = True  # the caller computes the formula again in Polars: its other rows may stop
            return
        for r in range(m):
            k = sk[0, r]
            values[at[r]] = sv[0, r] if k else 0
            known[at[r]] = k


@njit(inline="always", **_JIT)
def _gather(f, s0, s1, status, entity, programs, scratch, m):  # pragma: no cover - native
    """The eligible and likely pairs among [s0, s1) onto the chunk of ``m`` gathered ones, program ``f`` run
    whenever it is full; returns the chunk's new size."""
    at, rows = scratch[4], scratch[5]
    for p in range(s0, s1):
        if status[p] >= 2:
            at[m] = p
            rows[m] = entity[p]
            m += 1
            if m == AMOUNT_CHUNK:
                _flush(f, programs, scratch, m)
                m = 0
    return m


@njit(inline="always", **_JIT)
def _constant_amounts(f, g, blk, kept_n, start_at, status, amount, scratch):  # pragma: no cover - native
    """A formula that reads no column (a fixed award) computed once, its value written to the eligible and likely
    pairs of the group's benefits in block ``blk`` (gathering them for the stack machine cost 7 ns a pair)."""
    _, ops, op_start, _, group_start, groups, _, cols, valid, tiers, values, known, failed = amount
    sv, sk, cv, cb, _, rows = scratch
    if failed[f]:
        return
    rows[0] = 0  # never read
    if not _amount_chunk(ops, op_start[f], op_start[f + 1], tiers, cols, valid, rows, 1, sv, sk, cv, cb):
        failed[f] = True
        return
    given = sk[0, 0]
    value = sv[0, 0] if given else 0
    for j in range(group_start[g], group_start[g + 1]):
        b = groups[j]
        s0 = np.uint64(start_at[blk, b])
        for p in range(s0, s0 + np.uint64(kept_n[blk, b])):
            if status[p] >= 2:
                values[p] = value
                known[p] = given


@njit(**_JIT)
def _block_amounts(blk, kept_n, start_at, entity, status, amount, zero):  # pragma: no cover - native
    """The amounts of one block's eligible and likely pairs, each distinct formula once over the pairs of every
    benefit that has it (``groups``: the benefits ordered by program, ``group_start`` their runs, ``group_of``
    the program, ``reads`` whether it reads a column): the block's rows of the value columns stay in cache, where a
    benefit's pairs over the whole population missed the cache on every pair, and 86 formulas make 86 runs a block,
    not 950. The other pairs get 0 / unknown (``zero``: here; else the caller did it while placing them)."""
    with_amounts, ops, op_start, group_of, group_start, groups, reads, cols, valid, tiers = amount[:10]
    values, known, failed = amount[10:]
    if not with_amounts:
        return
    if zero:
        for b in range(kept_n.shape[1]):
            s0 = np.uint64(start_at[blk, b])
            for p in range(s0, s0 + np.uint64(kept_n[blk, b])):
                values[p] = 0
                known[p] = False
    programs = (ops, op_start, cols, valid, tiers, values, known, failed)
    scratch = _amount_scratch()
    for g in range(group_of.size):
        f = group_of[g]
        if not reads[g]:
            _constant_amounts(f, g, blk, kept_n, start_at, status, amount, scratch)
            continue
        m = 0
        for j in range(group_start[g], group_start[g + 1]):
            b = groups[j]
            s0 = np.uint64(start_at[blk, b])
            m = _gather(f, s0, s0 + np.uint64(kept_n[blk, b]), status, entity, programs, scratch, m)
        _flush(f, programs, scratch, m)


@njit(parallel=True, **_JIT)
def _fill_amounts(todo, kept_n, start_at, entity, status, amount):  # pragma: no cover - native
    """``_block_amounts`` for the blocks in ``todo`` (those pass 2 recomputed: ``_place`` skipped them)."""
    for blk in prange(kept_n.shape[0]):
        if todo[blk]:
            _block_amounts(blk, kept_n, start_at, entity, status, amount, True)


@njit(**_JIT)
def _benefit_amounts(f, s0, s1, status, entity, programs):  # pragma: no cover - native
    """Program ``f`` over the eligible and likely pairs among [s0, s1). A function of its own, not inlined into
    ``amounts``' parallel loop, its write to ``failed`` was lost (Numba 0.68; the int64-range test caught it)."""
    scratch = _amount_scratch()
    _flush(f, programs, scratch, _gather(f, s0, s1, status, entity, programs, scratch, 0))


@njit(parallel=True, **_JIT)
def amounts(ops, op_start, program_of, bounds, status, entity, cols, valid, tiers, values, known, failed):
    """Each benefit's amount program over its eligible and likely pairs (``bounds`` slices the benefit-major pairs),
    in parallel over benefits; other pairs get 0 / unknown. ``failed[f]``: program f left the int64 range."""
    programs = (ops, op_start, cols, valid, tiers, values, known, failed)
    for b in prange(program_of.size):
        f = program_of[b]
        s0, s1 = np.uint64(bounds[b]), np.uint64(bounds[b + 1])
        for p in range(s0, s1):
            values[p] = 0
            known[p] = False
        if f >= 0 and s0 != s1:
            _benefit_amounts(f, s0, s1, status, entity, programs)


fill_amounts = _fill_amounts
fill_amounts_serial = _serial(_fill_amounts, "_fill_amounts_serial")
