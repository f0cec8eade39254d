"""The entity schema: complete, labelled, sourced, and in step with the standards' code tables."""

from __future__ import annotations

import pytest

from policyreach.rules.schema import Schema
from policyreach.standards import divisions, industry

VERIFIED_SOURCES = {"market_supervision", "tax", "science_bureau", "miit", "statistics", "hr_social_security"}


def _of(schema: Schema, kind: str) -> list:
    return [a for a in (*schema.attributes.values(), *schema.derived.values()) if kind in a.kinds]


def test_enterprise_has_at_least_forty_attributes(schema: Schema) -> None:
    assert len(_of(schema, "enterprise")) >= 40
    for name in (
        "uscc",
        "revenue",
        "rd_expense",
        "cert_hightech_year",
        "cert_little_giant_year",
        "invention_patents",
        "tax_credit_grade",
        "size_class",
        "firm_age",
        "rd_ratio",
        "revenue_growth",
    ):
        assert schema.field(name) is not None, name


@pytest.mark.parametrize("kind", ["enterprise", "institute", "talent"])
def test_every_attribute_has_label_source_and_unit(schema: Schema, kind: str) -> None:
    attributes = [a for a in schema.attributes.values() if kind in a.kinds]
    assert len(attributes) >= 10
    for attr in attributes:
        assert attr.label and any("\u4e00" <= ch <= "\u9fff" for ch in attr.label), attr.name
        assert attr.source in VERIFIED_SOURCES | {"self_declared"}, attr.name
        if attr.type in ("decimal", "integer") and not attr.name.endswith("_year"):
            assert attr.unit, f"{attr.name} has no unit"


def test_talent_attributes(schema: Schema) -> None:
    names = {a.name for a in _of(schema, "talent")}
    assert {"degree", "title", "age", "field", "employer_uscc", "arrival_date", "owns_home_in_changchun"} <= names


def test_yearly_scale_attributes(schema: Schema) -> None:
    for name in ("employees", "revenue", "total_assets", "tax_paid", "rd_expense", "rd_staff", "exports"):
        assert schema.attributes[name].yearly, name
    assert schema.attributes["loan_interest_paid"].source == "self_declared"


def test_code_sets_agree_with_the_standards(schema: Schema) -> None:
    assert dict(schema.codesets["CHANGCHUN_DISTRICTS"].labels) == divisions.DISTRICTS
    assert dict(schema.codesets["CHANGCHUN_FUNCTIONAL_AREAS"].labels) == divisions.FUNCTIONAL_AREAS
    divisions_set = schema.codesets["INDUSTRY_DIVISIONS"]
    assert len(divisions_set.values) == 97
    assert dict(divisions_set.labels) == {industry.full_code(d): n for d, n in industry.DIVISIONS.items()}
