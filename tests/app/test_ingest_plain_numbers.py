"""A registry's plain decimals reach the writer as their text and millionths (``validate_import(plain_numbers=
True)``), never as a ``Decimal`` per value: what is written must be what the ``Decimal`` gave, cell for cell, and a
cell in another notation still goes the per-cell way."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from policyreach import settings as app_settings
from policyreach.app import ingest
from policyreach.imports.validate import validate_import
from policyreach.rules.schema import load_schema
from policyreach.standards.uscc import make_uscc

SCHEMA = load_schema(app_settings.ROOT / "schema")
PLAIN = r"[0-9]{1,12}(\.[0-9]{1,6})?"
OTHER = ["1,200.5", " 12.50 ", "１２.５", "3e2", "", "-", "0.1234567", "-5", "1000000000000"]


@given(st.lists(st.one_of(st.from_regex(PLAIN, fullmatch=True), st.sampled_from(OTHER)), min_size=1, max_size=25))
@settings(max_examples=60, deadline=None)
def test_plain_numbers_write_what_their_decimals_wrote(cells: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "tax.csv"
        lines = ["uscc,revenue_2025"] + [
            f'{make_uscc("9", "1", "220102", f"MA{n:05d}X")},"{cell}"' for n, cell in enumerate(cells)
        ]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        decimals = validate_import(path, SCHEMA, "enterprise", key_only=True)
        plain = validate_import(path, SCHEMA, "enterprise", key_only=True, plain_numbers=True)
    assert [str(e) for e in plain.errors] == [str(e) for e in decimals.errors]  # the same refusals, worded alike
    if not decimals.ok:
        return
    micro = plain.millionths["revenue_2025"].to_list()
    for before, after, millionths in zip(decimals.rows, plain.rows, micro, strict=True):
        old, new = before.get("revenue_2025"), after.get("revenue_2025")
        assert (old is None) == (new is None)
        if old is None:
            assert millionths is None
            continue
        assert ingest._encode(new) == ingest._encode(old)  # the per-value path writes the same row
        if millionths is None:  # another notation: still a Decimal, as every other import gives it
            assert type(new) is type(old)
            continue
        assert ingest._encode(old) == (new, "s", millionths, new, None)  # the column path's row (_Rows.numbers)
    for cell, millionths in zip(cells, micro, strict=True):  # every plain cell went the column's way
        assert millionths is not None or re.fullmatch(PLAIN, cell) is None


@given(st.lists(st.text(min_size=1, max_size=12) | st.from_regex(PLAIN, fullmatch=True), min_size=1, max_size=25))
@example(["٣٤", "１２.５", "长春", "1e3", "NaN"])  # Arabic-Indic and fullwidth digits read as numbers too
@settings(max_examples=100, deadline=None)
def test_a_text_column_is_encoded_as_each_text_is(texts: list[str]) -> None:
    """Text columns (names, codes) are encoded by column: each row as ``_encode`` gives it, its millionths too when
    it reads as a number (in any script's digits)."""
    frame = ingest._encode_column(texts)
    assert frame is not None
    rows = list(frame.select("kind", "micro", "text", "flag").iter_rows())
    assert rows == [ingest._encode(text)[1:] for text in texts]
