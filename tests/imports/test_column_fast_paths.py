"""The column-at-once paths of ``imports.validate._parse_column`` give what the per-cell parse gives, cell for
cell: free text that normalising cannot change is taken as it is, everything else still goes through
``_parse`` (and its reasons)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from policyreach.imports import validate
from policyreach.imports.headers import Column
from policyreach.imports.values import ValueProblem
from policyreach.population.catalogue import catalogue

SPECS = {s.name: s for s in catalogue(None)}
# ASCII, CJK ideographs (both ranges), fullwidth forms and ideographic space (which NFKC changes), compatibility
# ideographs, spaces, tabs and newlines, the blanks' marks; and plain cells about the entity id's length limit
ALPHABET = st.sampled_from([*"aZ9-/ ().", "长", "春", "\u3400", "（", "）", "Ａ", "\u3000", "\t", "\n", "\uf900", "—"])


def _per_cell(value: object, column: Column) -> object:
    try:
        return validate._parse(value, column, 2026)
    except ValueProblem as problem:
        return validate._Refused(str(problem))


def _check(cells: list[object], column: Column) -> None:
    values, refused, blank = validate._parse_column(cells, column, 2026)
    expected = [_per_cell(cell, column) for cell in cells]
    assert values == expected
    assert sorted(refused) == [i for i, v in enumerate(expected) if type(v) is validate._Refused]
    assert sorted(blank) == [i for i, v in enumerate(expected) if v is None]


@given(
    st.sampled_from(["name", "entity_id", "kind"]),
    st.lists(
        st.one_of(
            st.none(), st.text(ALPHABET, max_size=8), st.text(st.sampled_from("aZ9长"), min_size=30, max_size=40)
        ),
        max_size=30,
    ),
)
@settings(max_examples=200, deadline=None)
def test_free_text_taken_at_once_is_what_each_cell_gives(name: str, cells: list[str | None]) -> None:
    _check(cells, Column(header=name, name=name, spec=SPECS.get(name) if name == "name" else None))


NUMBERS = st.one_of(
    st.none(),
    st.from_regex(r"[0-9]{1,14}(\.[0-9]{1,8})?", fullmatch=True),
    st.sampled_from(["", " ", "-", "—", "1,200", "１２", "-3", "2.5万", "abc", "1e3", "2024", "1948"]),
    st.integers(-5, 10**13),  # a JSON or XLSX number: judged cell by cell
)


@given(st.sampled_from(["revenue_2025", "invention_patents", "cert_hightech_year"]), st.lists(NUMBERS, max_size=30))
@settings(max_examples=200, deadline=None)
def test_numbers_taken_at_once_are_what_each_cell_gives(name: str, cells: list[object]) -> None:
    spec = SPECS.get(name) or SPECS.get(name.rpartition("_")[0])
    if spec is None:  # an attribute this schema does not have
        return
    _check(cells, Column(header=name, name=name, spec=spec, year=2025 if name.endswith("2025") else None))


def test_the_columns_checked_are_the_schema_s() -> None:
    assert {"name", "revenue", "invention_patents", "cert_hightech_year"} <= set(SPECS)
