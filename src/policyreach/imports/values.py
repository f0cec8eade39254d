"""Cell values → typed values (exact Decimal, int, bool, date, code strings), or a reason in Chinese."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from policyreach.imports import standards
from policyreach.imports.headers import normalise
from policyreach.population.catalogue import Spec
from policyreach.rules import ranges
from policyreach.standards import industry

MAX_PLACES = 6
MAX_DIGITS = 18  # DECIMAL(18, 6)
TRUE = {"是", "有", "true", "yes", "y", "1", "t", "√", "✓"}
FALSE = {"否", "无", "false", "no", "n", "0", "f", "×", "✗"}
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%Y年%m月%d日")
_NON_NEGATIVE_UNITS = {"万元", "元", "人", "件", "月", "年"}


class ValueProblem(ValueError):
    """The reason (in Chinese) why a cell's value is refused."""


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and normalise(value) in ("", "-", "—", "/"))


def to_decimal(value: object, spec: Spec, factor: Decimal | None = None) -> Decimal:
    if isinstance(value, bool):
        raise ValueProblem(f"应为数值（{spec.unit or '无单位'}），填写的是是/否")
    if isinstance(value, int):
        d = Decimal(value)
    elif isinstance(value, float):
        # XLSX numbers arrive as binary floats: their shortest repr is the number the user typed
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueProblem("应为数值，填写的不是有限数")
        d = Decimal(repr(value))
    elif isinstance(value, Decimal):
        d = value
    else:
        text = normalise(value).replace(",", "").replace("，", "")
        if spec.unit and text.endswith(spec.unit):
            text = text[: -len(spec.unit)].strip()
        if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", text):
            raise ValueProblem(f"应为数值（单位：{spec.unit or '无'}），不能填写文字“{normalise(value)}”")
        try:
            d = Decimal(text)
        except InvalidOperation as exc:
            raise ValueProblem(f"应为数值，“{normalise(value)}”不是数") from exc
    if factor is not None:
        d = d * factor
    exponent = d.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_PLACES:
        raise ValueProblem(f"小数位数超过{MAX_PLACES}位（{spec.unit or ''}精确到分）：{value}")
    if d.is_signed() and d != 0 and (spec.unit in _NON_NEGATIVE_UNITS):
        raise ValueProblem("不能为负数")
    if abs(d) >= Decimal(10) ** (MAX_DIGITS - MAX_PLACES):
        raise ValueProblem(f"数值过大（超过 {MAX_DIGITS - MAX_PLACES} 位整数）")
    _in_range(spec, d)
    return d.quantize(Decimal(1).scaleb(-MAX_PLACES))


def _in_range(spec: Spec, value: Decimal | int) -> None:
    """The range the schema declares for the attribute (rules/ranges.py), as a cell's reason."""
    reason = ranges.problem(spec, value)
    if reason is not None:
        raise ValueProblem(reason)


def to_int(value: object, spec: Spec, as_of_year: int) -> int:
    if isinstance(value, bool):
        raise ValueProblem("应为整数，填写的是是/否")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueProblem(f"应为整数（{spec.unit or ''}），不能有小数：{value!r}")
        n = int(value)
    elif isinstance(value, int):
        n = value
    else:
        text = normalise(value).replace(",", "")
        if spec.unit and text.endswith(spec.unit):
            text = text[: -len(spec.unit)].strip()
        if re.fullmatch(r"[+-]?\d+(\.0+)?", text):
            n = int(Decimal(text))
        elif re.fullmatch(r"[+-]?\d+\.\d+", text):
            raise ValueProblem(f"应为整数（{spec.unit or ''}），不能有小数：{text}")
        else:
            raise ValueProblem(f"应为整数（{spec.unit or '无单位'}），不能填写文字“{normalise(value)}”")
    if spec.name.endswith("_year"):
        if not 1949 <= n <= as_of_year:
            raise ValueProblem(f"年份应在 1949 至 {as_of_year} 之间")
    elif n < 0 and spec.unit in _NON_NEGATIVE_UNITS:
        raise ValueProblem("不能为负数")
    _in_range(spec, n)
    return n


def to_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = normalise(value).lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise ValueProblem(f"应填“是”或“否”，填写的是“{normalise(value)}”")


def to_date(value: object, as_of_year: int) -> dt.date:
    d: dt.date | None
    if isinstance(value, dt.datetime):
        d = value.date()
    elif isinstance(value, dt.date):
        d = value
    else:
        text = normalise(value)
        d = None
        for fmt in _DATE_FORMATS:
            try:
                d = dt.datetime.strptime(text, fmt).date()
                break
            except ValueError:
                continue
        if d is None:
            raise ValueProblem(f"应为日期（如 2020-05-18），填写的是“{text}”")
    if not dt.date(1900, 1, 1) <= d <= dt.date(as_of_year + 1, 12, 31):
        raise ValueProblem(f"日期 {d.isoformat()} 超出合理范围")
    return d


def to_string(value: object, spec: Spec) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a code typed into a numeric cell: 220102.0 → "220102"
    text = normalise(value)
    if spec.codeset == "USCC" or spec.name in ("uscc", "employer_uscc"):
        code = text.upper()
        reason = standards.check_uscc(code)
        if reason:
            raise ValueProblem(reason)
        return code
    if spec.codeset == industry.STANDARD or spec.name == "industry":
        code = text.upper()
        reason = standards.check_industry(code)
        if reason:
            raise ValueProblem(reason)
        return code
    if spec.codeset in ("CHANGCHUN_DIVISIONS", "CHANGCHUN_DISTRICTS") or spec.name in ("district", "employer_district"):
        division, reason = standards.check_division(text)
        if reason:
            raise ValueProblem(reason)
        return str(division)
    if spec.name == "functional_area":
        area, reason = standards.check_functional_area(text)
        if reason:
            raise ValueProblem(reason)
        return str(area)
    if spec.values:
        if text in spec.values:
            return text
        for code, label in spec.value_labels.items():
            if text in (label, label.rstrip("级类")) or text.lower() == code.lower():
                return code
        allowed = "、".join(
            f"{spec.value_labels.get(v, v)}({v})" if spec.value_labels.get(v) else v for v in spec.values
        )
        raise ValueProblem(f"“{text}”不在可选值内：{allowed}")
    return text
