"""行政区划代码 (GB/T 2260) of 长春 and its functional areas: codes, names, shares and how text resolves to them."""

from __future__ import annotations

from policyreach.standards import divisions


def test_changchun_divisions() -> None:
    assert len(divisions.DISTRICTS) == 11 and divisions.DISTRICTS["220102"] == "南关区"
    assert all(code.startswith("2201") for code in divisions.DISTRICTS)
    assert abs(sum(divisions.DISTRICT_WEIGHTS.values()) - 1) < 1e-9
    assert divisions.resolve_district("长春市朝阳区") == "220104"
    assert divisions.resolve_district("公主岭") == "220184"
    assert divisions.resolve_district("吉林市") is None
    assert divisions.resolve_functional_area("高新区") == "cc_gaoxin"
    assert divisions.resolve_functional_area("汽开区") == "cc_qikai"
    assert divisions.name_of("220100") == "长春市"
