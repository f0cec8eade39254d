"""The importer's view of the national standards: each check returns the reason in Chinese, or None."""

from __future__ import annotations

from policyreach.standards import divisions, industry, uscc


def check_uscc(code: str) -> str | None:
    try:
        uscc.parse_uscc(code)
    except uscc.InvalidUscc as exc:
        return f"统一社会信用代码无效：{exc.reason}"
    return None


def check_industry(code: str) -> str | None:
    """A GB/T 4754-2017 大类 with its 门类 letter, e.g. ``C36``."""
    try:
        letter, _ = industry.parse_industry(code)
    except industry.InvalidIndustry as exc:
        return f"行业代码无效（GB/T 4754-2017）：{exc}"
    if code[:1] != letter:
        return f"行业代码应写作门类字母加两位大类代码（GB/T 4754-2017），如 {industry.full_code(code[-2:])}"
    return None


def check_division(value: str) -> tuple[str | None, str | None]:
    """(code, reason): accepts a code or a name (南关区 → 220102)."""
    code = divisions.resolve_district(value)
    if code is None:
        return None, f"“{value}”不是长春市的区县代码或名称（GB/T 2260）"
    return code, None


def check_functional_area(value: str) -> tuple[str | None, str | None]:
    code = divisions.resolve_functional_area(value)
    if code is None:
        names = "、".join(divisions.FUNCTIONAL_AREAS.values())
        return None, f"“{value}”不是长春市的功能区（可填：{names}）"
    return code, None
