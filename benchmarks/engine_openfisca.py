"""The same synthetic rules in OpenFisca, encoded the way its documentation recommends.

One person entity (``firm``); one input ``Variable`` per attribute (yearly attributes have
``definition_period = YEAR`` and get one input per year, the others ``ETERNITY``; codes are
``Enum`` variables); one formula ``Variable`` per distinct condition and one per benefit
(``eligible = all conditions``). A ``Simulation`` built with ``SimulationBuilder`` over the
whole population computes every benefit variable for 2025; OpenFisca's own cache computes
each shared condition once, like our engine.

OpenFisca has no "unknown": missing inputs get the variable's default (0, False, the
``UNKNOWN`` enum item). Float inputs are stored as float32 by OpenFisca itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeAlias

import numpy as np

from benchmarks.engine_synth import DISTRICTS, INDUSTRIES, LAST_YEAR, TWO_YEARS_AGO

PERIOD = "2025"

# openfisca_core ships no types: its objects are named for the reader, not checked
Population: TypeAlias = Any
Period: TypeAlias = Any
System: TypeAlias = Any
Simulation: TypeAlias = Any
Values: TypeAlias = Any  # a NumPy array of one variable over the firms
Formula = Callable[[Population, Period], Values]


def build_system(
    pool: list[dict[str, Any]], benefits: list[dict[str, Any]], columns: list[dict[str, str]]
) -> tuple[System, dict[str, Any]]:
    from openfisca_core.entities import build_entity
    from openfisca_core.indexed_enums import Enum
    from openfisca_core.periods import DateUnit
    from openfisca_core.taxbenefitsystems import TaxBenefitSystem
    from openfisca_core.variables import Variable

    firm = build_entity(key="firm", plural="firms", label="企业", is_person=True)
    system = TaxBenefitSystem([firm])
    district = Enum("District", {"UNKNOWN": "unknown", **{f"D{c}": c for c in DISTRICTS}})
    industry = Enum("Industry", {"UNKNOWN": "unknown", **{f"I{c}": c for c in INDUSTRIES}})
    enums = {"district": district, "industry": industry}

    def variable(name: str, attrs: dict[str, Any]) -> None:
        system.add_variable(type(name, (Variable,), {"entity": firm, "label": name, **attrs}))

    for col in columns:  # inputs
        name, kind, yearly = col["attr"], col["kind"], col["yearly"] == "1"
        period = DateUnit.YEAR if yearly else DateUnit.ETERNITY
        if kind == "str":
            enum = enums[name]
            variable(
                name,
                {
                    "value_type": Enum,
                    "possible_values": enum,
                    "default_value": enum.UNKNOWN,
                    "definition_period": period,
                },
            )
        else:
            value_type = {"dec": float, "int": int, "bool": bool}[kind]
            variable(name, {"value_type": value_type, "definition_period": period})

    def ref(column: str) -> tuple[str, int]:
        """(attribute, period offset) of a stored column."""
        base, _, year = column.rpartition("_")
        if year.isdigit():
            return base, {LAST_YEAR: -1, TWO_YEARS_AGO: -2}[int(year)]
        return column, 0

    for cond in pool:
        variable(
            f"c{cond['id']}",
            {"value_type": bool, "definition_period": DateUnit.YEAR, "formula": _condition_formula(cond, ref, enums)},
        )
    for benefit in benefits:
        variable(
            f"b_{benefit['id'].replace('-', '_')}",
            {
                "value_type": bool,
                "definition_period": DateUnit.YEAR,
                "formula": _benefit_formula([f"c{c}" for c in benefit["conditions"]]),
            },
        )
    return system, enums


def _get(firm: Population, attr: str, offset: int, period: Period) -> Values:
    return firm(attr, period.offset(offset) if offset else period)


def _condition_formula(cond: dict[str, Any], ref: Callable[[str], tuple[str, int]], enums: dict[str, Any]) -> Formula:
    kind = cond["kind"]
    if kind == "cmp":
        attr, off = ref(cond["columns"][0])
        threshold = float(cond["value"]) if "." in cond["value"] else int(cond["value"])
        op = cond["op"]
        if op == ">=":

            def formula(firm: Population, period: Period) -> Values:
                return _get(firm, attr, off, period) >= threshold
        elif op == ">":

            def formula(firm: Population, period: Period) -> Values:
                return _get(firm, attr, off, period) > threshold
        elif op == "<":

            def formula(firm: Population, period: Period) -> Values:
                return _get(firm, attr, off, period) < threshold
        else:

            def formula(firm: Population, period: Period) -> Values:
                return _get(firm, attr, off, period) <= threshold

        return formula
    if kind == "flag":
        attr = cond["columns"][0]
        if cond["negate"]:

            def formula(firm: Population, period: Period) -> Values:
                return np.logical_not(firm(attr, period))
        else:

            def formula(firm: Population, period: Period) -> Values:
                return firm(attr, period)

        return formula
    if kind in ("in", "prefix"):
        attr = cond["columns"][0]
        enum = enums[attr]
        codes = DISTRICTS if attr == "district" else INDUSTRIES
        members = [enum[f"{'D' if attr == 'district' else 'I'}{codes[i]}"].index for i in cond["codes"]]

        def formula(firm: Population, period: Period) -> Values:
            return np.isin(firm(attr, period), members)

        return formula
    if kind == "ratio":
        (num, off_n), (den, off_d) = ref(cond["columns"][0]), ref(cond["columns"][1])
        threshold = float(cond["value"])

        def formula(firm: Population, period: Period) -> Values:
            a = _get(firm, num, off_n, period)
            b = _get(firm, den, off_d, period)
            # the usual OpenFisca idiom for a safe division
            return np.divide(a, b, out=np.zeros_like(a, dtype=np.float32), where=b != 0) >= threshold

        return formula
    if kind == "growth":
        (cur, off_c), (old, off_o) = ref(cond["columns"][0]), ref(cond["columns"][1])
        factor = float(cond["value"])

        def formula(firm: Population, period: Period) -> Values:
            return _get(firm, cur, off_c, period) >= _get(firm, old, off_o, period) * factor

        return formula
    raise ValueError(kind)  # pragma: no cover


def _benefit_formula(names: list[str]) -> Formula:
    def formula(firm: Population, period: Period) -> Values:
        result = firm(names[0], period)
        for name in names[1:]:
            result = result * firm(name, period)
        return result

    return formula


def set_inputs(simulation: Simulation, inputs: dict[str, tuple[str, np.ndarray]]) -> None:
    """inputs: column -> (period, array already filled where missing)."""
    for column, (period, array) in inputs.items():
        base, _, year = column.rpartition("_")
        name = base if year.isdigit() and year == period else column
        simulation.set_input(name, period, array)
