"""The importer's view of the national standards (``policyreach.standards``).

Each check returns ``None`` when the value is valid or the reason in Chinese. The standards
modules are owned elsewhere; this file only adapts their API, it does not re-implement them.
When a module is not installed the check says so in its reason (the file is refused rather
than imported unchecked).
"""

from __future__ import annotations

import importlib
import re
from functools import lru_cache
from types import ModuleType
from typing import Any

from policyreach.population import realism

_INDUSTRY_FORMAT = re.compile(r"^[A-T]\d{2}$")


def _module(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(f"policyreach.standards.{name}")
    except ImportError:
        return None


def _first(mod: ModuleType | None, *names: str) -> Any:
    for name in names:
        if mod is not None and hasattr(mod, name):
            return getattr(mod, name)
    return None


def check_uscc(code: str) -> str | None:
    mod = _module("uscc")
    parse = _first(mod, "parse_uscc")
    if parse is None:
        return "无法校验统一社会信用代码：缺少国家标准模块 policyreach.standards.uscc"
    try:
        parse(code)
    except Exception as exc:  # the standard's own reason
        reason = str(exc) or "校验失败"
        return f"统一社会信用代码无效：{reason}"
    return None


@lru_cache(maxsize=1)
def _industry_codes() -> tuple[set[str] | None, Any]:
    mod = _module("industry")
    if mod is None:
        return None, None
    checker = _first(mod, "is_valid_division", "is_division_code", "is_valid_code", "is_valid_industry",
                     "is_valid")
    table = _first(mod, "DIVISIONS", "DIVISION_NAMES", "MAJOR", "CODES", "INDUSTRIES")
    codes: set[str] | None = None
    if isinstance(table, dict):
        codes = {str(k) for k in table}
    return codes, checker


def check_industry(code: str) -> str | None:
    """A GB/T 4754-2017 大类 with its 门类 letter, e.g. ``C36``."""
    if not _INDUSTRY_FORMAT.match(code):
        return "行业代码格式应为门类字母加两位大类代码（GB/T 4754-2017），如 C36"
    codes, checker = _industry_codes()
    if codes is None and checker is None:
        return "无法校验行业代码：缺少国家标准模块 policyreach.standards.industry"
    if codes is not None:
        if code in codes or code[1:] in codes:
            return None
        return f"行业代码 {code} 不是 GB/T 4754-2017 的大类"
    try:
        ok = bool(checker(code))
    except Exception:
        ok = False
    return None if ok else f"行业代码 {code} 不是 GB/T 4754-2017 的大类"


@lru_cache(maxsize=1)
def divisions() -> dict[str, str]:
    """长春 division code → name, from the standards module (falls back to none when absent)."""
    mod = _module("divisions")
    table = _first(mod, "DISTRICTS", "CHANGCHUN_DIVISIONS", "DIVISIONS", "COUNTIES")
    if isinstance(table, dict) and table:
        out = {}
        for code, value in table.items():
            name = value if isinstance(value, str) else getattr(value, "name", None) or (
                value.get("name") if isinstance(value, dict) else str(value))
            out[str(code)] = str(name)
        return {k: v for k, v in out.items() if k != "220100"}
    if isinstance(table, list | tuple) and table:
        out = {}
        for item in table:
            code = getattr(item, "code", None) or (item.get("code") if isinstance(item, dict) else None)
            name = getattr(item, "name", None) or (item.get("name") if isinstance(item, dict) else None)
            if code and str(code) != "220100":
                out[str(code)] = str(name or code)
        return out
    return {}


def check_division(value: str) -> tuple[str | None, str | None]:
    """(code, reason): accepts a code or a name (南关区 → 220102)."""
    table = divisions()
    if not table:
        return None, "无法校验行政区划：缺少国家标准模块 policyreach.standards.divisions"
    if value in table:
        return value, None
    for code, name in table.items():
        if value in (name, name.rstrip("区县市")) or (value.startswith("长春市") and value[3:] == name):
            return code, None
    return None, f"“{value}”不是长春市的区县代码或名称（GB/T 2260）"


@lru_cache(maxsize=1)
def functional_areas() -> dict[str, str]:
    mod = _module("divisions")
    table = _first(mod, "FUNCTIONAL_AREAS", "ZONES", "DEVELOPMENT_ZONES")
    if isinstance(table, dict) and table:
        out = {}
        for code, value in table.items():
            name = value if isinstance(value, str) else getattr(value, "name", None) or (
                value.get("name") if isinstance(value, dict) else str(code))
            out[str(code)] = str(name)
        return out
    return dict(realism.FUNCTIONAL_AREA_NAMES)


def check_functional_area(value: str) -> tuple[str | None, str | None]:
    table = functional_areas()
    if value in table:
        return value, None
    for code, name in table.items():
        if value == name:
            return code, None
    return None, f"“{value}”不是长春市的功能区（可填：{'、'.join(table.values())}）"
