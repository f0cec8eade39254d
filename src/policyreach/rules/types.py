"""Value types of the rules language and of schema attributes."""

from __future__ import annotations

from enum import StrEnum


class Type(StrEnum):
    BOOL = "boolean"
    INT = "integer"
    DEC = "decimal"
    STR = "string"
    DATE = "date"
    LIST = "list"

    @property
    def is_number(self) -> bool:
        return self in (Type.INT, Type.DEC)

    @property
    def zh(self) -> str:
        return _ZH[self]


_ZH = {
    Type.BOOL: "是/否",
    Type.INT: "整数",
    Type.DEC: "数值",
    Type.STR: "文本",
    Type.DATE: "日期",
    Type.LIST: "列表",
}


def unify_numbers(left: Type, right: Type) -> Type:
    """Integer op integer stays integer; anything with a decimal is decimal."""
    return Type.INT if left == right == Type.INT else Type.DEC
