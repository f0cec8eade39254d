"""The rules language: parse with the stdlib ``ast`` (never eval), check names and types.

Only a whitelist of syntax is accepted. Every error says, in Chinese and English, what was
found and what was expected, at the line and column inside the expression; callers add
the file, benefit and condition.
"""

from __future__ import annotations

import ast
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from policyreach.rules import derivations
from policyreach.rules.errors import RuleError
from policyreach.rules.ir import (
    Arith,
    Attr,
    Award,
    BoolOp,
    Builtin,
    Call,
    Cmp,
    Const,
    In,
    ListLit,
    Lookup,
    Node,
    Not,
    Param,
    PerUnit,
    Progressive,
    Tier,
    Value,
    YearConst,
    YearRef,
)
from policyreach.rules.numbers import NumberError, to_decimal
from policyreach.rules.policy import Parameter
from policyreach.rules.schema import Attribute, CodeSet, Derived, Schema
from policyreach.rules.types import Type, unify_numbers

_CMP = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}
_ARITH = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
_YEAR_WORDS = {"last_year": -1, "this_year": 0}
FUNCTIONS = (
    "min",
    "max",
    "abs",
    "round",
    "ratio",
    "years_since",
    "startswith",
    "tier",
    "date",
    "coalesce",
    "years_ago",
    "progressive",
    "per_unit",
    "steps",
    "lookup",
    "award",
)


@dataclass
class Env:
    """What names mean while checking one policy's expressions."""

    schema: Schema
    params: Mapping[str, Parameter] = field(default_factory=dict)
    codesets: Mapping[str, CodeSet] = field(default_factory=dict)
    # the policy's benefits an amount may refer to with award("id") (id → title); None where no amount is checked
    benefits: Mapping[str, str] | None = None

    def codeset(self, name: str) -> CodeSet | None:
        return self.codesets.get(name) or self.schema.codesets.get(name)


def parse_expression(text: str, env: Env) -> Node:
    """Parse and type-check ``text``; raise ``RuleError`` with line and column."""
    source = str(text)
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError as exc:
        raise RuleError(
            f"表达式语法错误：{exc.msg}",
            f"syntax error: {exc.msg}",
            line=exc.lineno,
            column=exc.offset,
            found=source,
        ) from exc
    return _Checker(env, source.strip()).visit(tree.body)


def check_condition(node: Node) -> None:
    if node.type != Type.BOOL:
        raise _err(
            node,
            f"条件必须是“是/否”判断，这里得到的是{node.type.zh}",
            f"a condition must be a boolean test, got a {node.type.value}",
            expected="boolean",
            found=node.type.value,
        )


def check_amount(node: Node) -> None:
    if not node.type.is_number:
        raise _err(
            node,
            f"金额公式必须得出数值，这里得到的是{node.type.zh}",
            f"an amount formula must be numeric, got a {node.type.value}",
            expected="number",
            found=node.type.value,
        )


def _err(node: Node, zh: str, en: str, **extra: str | None) -> RuleError:
    line, col = node.pos
    return RuleError(zh, en, line=line, column=col + 1, **extra)


def _describe(node: Node) -> tuple[str, str]:
    """(zh, en) description of an operand for error messages."""
    if isinstance(node, Attr):
        return f"{node.name}", node.name
    if isinstance(node, Const):
        return f"{node.value!r}", repr(node.value)
    return "该表达式", "the expression"


class _Checker:
    def __init__(self, env: Env, source: str) -> None:
        self.env = env
        self.lines = source.splitlines() or [""]
        self._derived_cache: dict[str, Node] = {}

    # -- positions -----------------------------------------------------------------
    def pos(self, node: ast.AST) -> tuple[int, int]:
        line = getattr(node, "lineno", 1)
        byte_col = getattr(node, "col_offset", 0)
        text = self.lines[line - 1] if line - 1 < len(self.lines) else ""
        return line, len(text.encode("utf-8")[:byte_col].decode("utf-8", "ignore"))

    def fail(self, node: ast.AST, zh: str, en: str, **extra: str | None) -> RuleError:
        line, col = self.pos(node)
        return RuleError(zh, en, line=line, column=col + 1, **extra)

    # -- dispatch ------------------------------------------------------------------
    def visit(self, node: ast.AST) -> Node:
        handler: Callable[[ast.AST], Node] | None = getattr(self, f"visit_{type(node).__name__}", None)
        if handler is None:
            raise self.fail(
                node,
                f"不支持的写法：{type(node).__name__}",
                f"unsupported syntax: {type(node).__name__}",
                found=ast.unparse(node),
            )
        return handler(node)

    def visit_Constant(self, node: ast.Constant) -> Const:
        value = node.value
        pos = self.pos(node)
        if isinstance(value, bool):
            return Const(Type.BOOL, value=value, pos=pos)
        if isinstance(value, int):
            return Const(Type.INT, value=value, pos=pos)
        if isinstance(value, float):
            segment = ast.get_source_segment("\n".join(self.lines), node) or repr(value)
            return Const(Type.DEC, value=to_decimal(segment), pos=pos)
        if isinstance(value, str):
            return Const(Type.STR, value=value, pos=pos)
        raise self.fail(node, f"不支持的常量 {value!r}", f"unsupported constant {value!r}", found=repr(value))

    def visit_UnaryOp(self, node: ast.UnaryOp) -> Node:
        if isinstance(node.op, ast.Not):
            item = self.boolean(node.operand, "not")
            return Not(Type.BOOL, item=item, pos=self.pos(node))
        if isinstance(node.op, ast.USub):
            operand = self.visit(node.operand)
            self.require_number(operand, node.operand, "-")
            if isinstance(operand, Const) and isinstance(operand.value, int | Decimal):
                return Const(operand.type, value=-operand.value, pos=self.pos(node))
            zero = Const(operand.type, value=0, pos=self.pos(node))
            return Arith(operand.type, op="-", left=zero, right=operand, pos=self.pos(node))
        if isinstance(node.op, ast.UAdd):
            operand = self.visit(node.operand)
            self.require_number(operand, node.operand, "+")
            return operand
        raise self.fail(node, "不支持的一元运算", "unsupported unary operator")

    def visit_BoolOp(self, node: ast.BoolOp) -> Node:
        op = "and" if isinstance(node.op, ast.And) else "or"
        items = tuple(self.boolean(v, op) for v in node.values)
        return BoolOp(Type.BOOL, op=op, items=items, pos=self.pos(node))

    def visit_BinOp(self, node: ast.BinOp) -> Node:
        op = _ARITH.get(type(node.op))
        if op is None:
            raise self.fail(node, "不支持的运算符", "unsupported operator", found=ast.unparse(node))
        left, right = self.visit(node.left), self.visit(node.right)
        self.require_number(left, node.left, op)
        self.require_number(right, node.right, op)
        result = Type.DEC if op == "/" else unify_numbers(left.type, right.type)
        return Arith(result, op=op, left=left, right=right, pos=self.pos(node))

    def visit_Compare(self, node: ast.Compare) -> Node:
        tests: list[Node] = []
        left_ast = node.left
        left: Node | None = self.visit(node.left)
        for op, right_ast in zip(node.ops, node.comparators, strict=True):
            if isinstance(op, ast.In | ast.NotIn):
                tests.append(self.membership(node, left, right_ast, isinstance(op, ast.NotIn)))
                left_ast, left = right_ast, None
                continue
            symbol = _CMP.get(type(op))
            if symbol is None:
                raise self.fail(node, "不支持的比较运算", "unsupported comparison", found=ast.unparse(node))
            right = self.visit(right_ast)
            if left is None:
                raise self.fail(node, "in 之后不能再接比较", "a comparison cannot follow 'in'")
            self.comparable(symbol, left, right, left_ast, right_ast)
            if symbol in ("==", "!="):
                self.in_codeset(left, right, right_ast)
                self.in_codeset(right, left, left_ast)
            tests.append(Cmp(Type.BOOL, op=symbol, left=left, right=right, pos=self.pos(node)))
            left_ast, left = right_ast, right
        if len(tests) == 1:
            return tests[0]
        return BoolOp(Type.BOOL, op="and", items=tuple(tests), pos=self.pos(node))

    def membership(self, node: ast.AST, item: Node | None, options_ast: ast.AST, negate: bool) -> Node:
        if item is None:
            raise self.fail(node, "in 之后不能再接比较", "a comparison cannot follow 'in'")
        options = self.list_of(options_ast)
        for option in options.items:
            if not _same_kind(option.type, item.type):
                zh, en = _describe(item)
                raise self.fail(
                    options_ast,
                    f"{zh} 是{item.type.zh}，列表中的 {option.value!r} 是{option.type.zh}",
                    f"{en} is a {item.type.value}; {option.value!r} in the list is a {option.type.value}",
                    expected=item.type.value,
                    found=option.type.value,
                )
        for option in options.items:
            self.in_codeset(item, option, options_ast)
        return In(Type.BOOL, item=item, options=options, negate=negate, pos=self.pos(node))

    def in_codeset(self, attr: Node, value: Node, where: ast.AST) -> None:
        """A code compared with a coded attribute must be one of its code set's values."""
        if not isinstance(attr, Attr) or not isinstance(value, Const) or not isinstance(value.value, str):
            return
        spec = self.env.schema.attributes.get(attr.name)
        if spec is None or not spec.codeset:
            return
        codeset = self.env.codeset(spec.codeset)
        if codeset is None or value.value in codeset.values:
            return
        shown = "、".join(f"{v}（{codeset.labels[v]}）" if v in codeset.labels else v for v in codeset.values[:12])
        raise self.fail(
            where,
            f"“{value.value}”不是{spec.label}的有效代码（代码集 {codeset.name}：{codeset.label}），可选：{shown}"
            + ("…" if len(codeset.values) > 12 else ""),
            f"{value.value!r} is not a code of {attr.name} (code set {codeset.name})",
            expected=codeset.name,
            found=value.value,
        )

    def list_of(self, node: ast.AST) -> ListLit:
        if isinstance(node, ast.Name) and self.env.codeset(node.id) is not None:
            codeset = self.env.codeset(node.id)
            assert codeset is not None
            pos = self.pos(node)
            items = tuple(Const(Type.STR, value=v, pos=pos) for v in codeset.values)
            return ListLit(Type.LIST, items=items, pos=pos)
        if isinstance(node, ast.List | ast.Tuple):
            consts: list[Const] = []
            for element in node.elts:
                value = self.visit(element)
                if not isinstance(value, Const):
                    raise self.fail(
                        element,
                        "列表中只能是常量（数字、文本）",
                        "list items must be constants",
                        found=ast.unparse(element),
                    )
                consts.append(value)
            return ListLit(Type.LIST, items=tuple(consts), pos=self.pos(node))
        raise self.fail(
            node,
            "这里需要一个列表或代码集名称（如 CHANGCHUN_DISTRICTS）",
            "expected a list or the name of a code set",
            found=ast.unparse(node),
            expected="list",
        )

    def comparable(self, op: str, left: Node, right: Node, left_ast: ast.AST, right_ast: ast.AST) -> None:
        if _same_kind(left.type, right.type):
            if left.type in (Type.STR, Type.BOOL) and op not in ("==", "!="):
                raise self.fail(
                    left_ast,
                    f"{left.type.zh}只能比较相等或不等，不能用 {op}",
                    f"a {left.type.value} can only be compared with == or !=, not {op}",
                )
            if left.type == Type.LIST:
                raise self.fail(left_ast, "列表不能直接比较，请用 in", "lists cannot be compared; use 'in'")
            return
        culprit, culprit_ast, other = (right, right_ast, left)
        if isinstance(left, Const) and not isinstance(right, Const):
            culprit, culprit_ast, other = left, left_ast, right
        zh_other, en_other = _describe(other)
        unit = _unit_of(other, self.env)
        raise self.fail(
            culprit_ast,
            f"{zh_other} 是{('以' + unit + '计的') if unit else ''}{other.type.zh}；"
            f"{_describe(culprit)[0]} 是{culprit.type.zh}",
            f"{en_other} is a {other.type.value}{(' in ' + unit) if unit else ''}; "
            f"{_describe(culprit)[1]} is a {culprit.type.value}",
            expected=other.type.value,
            found=culprit.type.value,
        )

    def boolean(self, node: ast.AST, where: str) -> Node:
        value = self.visit(node)
        if value.type != Type.BOOL:
            raise self.fail(
                node,
                f"{where} 需要“是/否”判断，这里是{value.type.zh}",
                f"'{where}' needs a boolean, got a {value.type.value}",
                expected="boolean",
                found=value.type.value,
            )
        return value

    def require_number(self, value: Node, node: ast.AST, op: str) -> None:
        if not value.type.is_number:
            zh, en = _describe(value)
            raise self.fail(
                node,
                f"运算 {op} 需要数值，{zh} 是{value.type.zh}",
                f"'{op}' needs numbers; {en} is a {value.type.value}",
                expected="number",
                found=value.type.value,
            )

    # -- names ---------------------------------------------------------------------
    def visit_Name(self, node: ast.Name) -> Node:
        name, pos = node.id, self.pos(node)
        if name in _YEAR_WORDS:
            return YearConst(Type.INT, offset=_YEAR_WORDS[name], pos=pos)
        if name in ("True", "False"):
            return Const(Type.BOOL, value=name == "True", pos=pos)
        attr = self.env.schema.field(name)
        if isinstance(attr, Attribute):
            if attr.yearly:
                raise self.fail(
                    node,
                    f"{name}（{attr.label}）按年度记录，请写明年度，如 {name}[last_year]",
                    f"{name} is year-indexed; write e.g. {name}[last_year]",
                    expected=f"{name}[last_year]",
                    found=name,
                )
            return Attr(attr.type, name=name, pos=pos)
        if isinstance(attr, Derived):
            return self.derived(attr, node)
        if self.env.codeset(name) is not None:
            raise self.fail(
                node,
                f"代码集 {name} 只能用在 in 之后",
                f"code set {name} can only follow 'in'",
            )
        raise self.fail(
            node,
            f"未知的名称 {name}：既不是实体属性，也不是参数或代码集",
            f"unknown name {name}: not an attribute, parameter or code set",
            found=name,
        )

    def derived(self, attr: Derived, node: ast.AST) -> Node:
        if attr.builtin is not None:
            if derivations.get(attr.builtin) is None:
                raise self.fail(
                    node,
                    f"派生属性 {attr.name} 使用的内置计算 {attr.builtin} 不存在",
                    f"derived attribute {attr.name}: unknown builtin {attr.builtin}",
                )
            return Builtin(attr.type, name=attr.builtin, pos=self.pos(node))
        if attr.name not in self._derived_cache:
            try:
                inner = parse_expression(attr.expr or "", Env(self.env.schema, {}, self.env.codesets))
            except RuleError as exc:
                raise self.fail(
                    node,
                    f"派生属性 {attr.name} 的定义有误：{exc.message_zh}",
                    f"derived attribute {attr.name} is invalid: {exc.message_en}",
                ) from exc
            self._derived_cache[attr.name] = inner
        return self._derived_cache[attr.name]

    def visit_Attribute(self, node: ast.Attribute) -> Node:
        if not (isinstance(node.value, ast.Name) and node.value.id == "params"):
            raise self.fail(
                node,
                "只支持 params.名称 形式的参数引用",
                "only params.NAME references are supported",
                found=ast.unparse(node),
            )
        param = self.env.params.get(node.attr)
        if param is None:
            raise self.fail(
                node,
                f"未定义的参数 params.{node.attr}",
                f"undefined parameter params.{node.attr}",
                found=node.attr,
                expected=", ".join(sorted(self.env.params)) or None,
            )
        return Param(_parameter_type(param), name=node.attr, pos=self.pos(node))

    def visit_Subscript(self, node: ast.Subscript) -> Node:
        if not isinstance(node.value, ast.Name):
            raise self.fail(node, "只有年度属性可以加 [年度]", "only yearly attributes take [year]")
        attr = self.env.schema.attributes.get(node.value.id)
        if attr is None and self.env.schema.field(node.value.id) is None:
            return self.visit_Name(node.value)  # reports the unknown name
        if attr is None or not attr.yearly:
            raise self.fail(
                node,
                f"{node.value.id} 不是按年度记录的属性，不能写 [年度]",
                f"{node.value.id} is not a yearly attribute",
                found=ast.unparse(node),
            )
        return Attr(attr.type, name=attr.name, year=self.year(node.slice), pos=self.pos(node))

    def year(self, node: ast.AST) -> YearRef:
        if isinstance(node, ast.Constant) and isinstance(node.value, int) and 1900 <= node.value <= 2200:
            return YearRef(absolute=node.value)
        if isinstance(node, ast.Name) and node.id in _YEAR_WORDS:
            return YearRef(offset=_YEAR_WORDS[node.id])
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "years_ago"
            and len(node.args) == 1
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, int)
        ):
            return YearRef(offset=-node.args[0].value)
        if (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Sub)
            and isinstance(node.left, ast.Name)
            and node.left.id in _YEAR_WORDS
            and isinstance(node.right, ast.Constant)
            and isinstance(node.right.value, int)
        ):
            return YearRef(offset=_YEAR_WORDS[node.left.id] - node.right.value)
        raise self.fail(
            node,
            "年度应写作 last_year、this_year、years_ago(n) 或具体年份（如 2024）",
            "a year is last_year, this_year, years_ago(n) or a literal year such as 2024",
            found=ast.unparse(node),
        )

    # -- functions -----------------------------------------------------------------
    def visit_Call(self, node: ast.Call) -> Node:
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            name = ast.unparse(node.func)
            raise self.fail(
                node,
                f"未知函数 {name}；可用：{', '.join(FUNCTIONS)}",
                f"unknown function {name}; available: {', '.join(FUNCTIONS)}",
                found=name,
            )
        if node.keywords:
            raise self.fail(node, "函数不接受关键字参数", "functions take no keyword arguments")
        fn = node.func.id
        handler: Callable[[ast.Call, list[ast.expr]], Node] = getattr(self, f"fn_{fn}")
        return handler(node, node.args)

    def arity(self, node: ast.Call, args: list[ast.expr], low: int, high: int | None = None) -> None:
        high = low if high is None else high
        if not low <= len(args) <= high:
            fn = ast.unparse(node.func)
            want = str(low) if low == high else f"{low}–{high}" if high < 99 else f"至少 {low}"
            raise self.fail(
                node,
                f"{fn} 需要 {want} 个参数，实际 {len(args)} 个",
                f"{fn} takes {want} arguments, got {len(args)}",
            )

    def numbers(self, args: list[ast.expr]) -> list[Node]:
        values = [self.visit(a) for a in args]
        for value, arg in zip(values, args, strict=True):
            self.require_number(value, arg, "函数 function")
        return values

    def fn_min(self, node: ast.Call, args: list[ast.expr]) -> Node:
        return self._extreme("min", node, args)

    def fn_max(self, node: ast.Call, args: list[ast.expr]) -> Node:
        return self._extreme("max", node, args)

    def _extreme(self, fn: str, node: ast.Call, args: list[ast.expr]) -> Node:
        self.arity(node, args, 2, 99)
        values = self.numbers(args)
        result = Type.INT if all(v.type == Type.INT for v in values) else Type.DEC
        return Call(result, fn=fn, args=tuple(values), pos=self.pos(node))

    def fn_abs(self, node: ast.Call, args: list[ast.expr]) -> Node:
        self.arity(node, args, 1)
        (value,) = self.numbers(args)
        return Call(value.type, fn="abs", args=(value,), pos=self.pos(node))

    def fn_round(self, node: ast.Call, args: list[ast.expr]) -> Node:
        self.arity(node, args, 1, 2)
        value = self.numbers(args[:1])[0]
        places = 0
        if len(args) == 2:
            if not (isinstance(args[1], ast.Constant) and type(args[1].value) is int and 0 <= args[1].value <= 6):
                raise self.fail(args[1], "小数位数应为 0 到 6 的整数", "places must be an integer 0..6")
            places = args[1].value
        pos = self.pos(node)
        result = Type.INT if places == 0 else Type.DEC
        return Call(result, fn="round", args=(value, Const(Type.INT, value=places, pos=pos)), pos=pos)

    def fn_ratio(self, node: ast.Call, args: list[ast.expr]) -> Node:
        self.arity(node, args, 2)
        a, b = self.numbers(args)
        return Call(Type.DEC, fn="ratio", args=(a, b), pos=self.pos(node))

    def fn_years_since(self, node: ast.Call, args: list[ast.expr]) -> Node:
        self.arity(node, args, 1)
        value = self.visit(args[0])
        if value.type != Type.DATE:
            raise self.fail(
                args[0],
                f"years_since 需要日期，这里是{value.type.zh}",
                f"years_since needs a date, got a {value.type.value}",
                expected="date",
                found=value.type.value,
            )
        return Call(Type.INT, fn="years_since", args=(value,), pos=self.pos(node))

    def fn_startswith(self, node: ast.Call, args: list[ast.expr]) -> Node:
        self.arity(node, args, 2)
        code = self.visit(args[0])
        if code.type != Type.STR:
            raise self.fail(
                args[0],
                f"startswith 的第一个参数应为文本代码，这里是{code.type.zh}",
                f"startswith needs a string code, got a {code.type.value}",
            )
        if isinstance(args[1], ast.Constant):
            const = self.visit_Constant(args[1])
            prefixes = ListLit(Type.LIST, items=(const,), pos=const.pos)
        else:
            prefixes = self.list_of(args[1])
        if any(p.type != Type.STR for p in prefixes.items):
            raise self.fail(args[1], "前缀必须是文本", "prefixes must be strings")
        return Call(Type.BOOL, fn="startswith", args=(code, prefixes), pos=self.pos(node))

    def fn_tier(self, node: ast.Call, args: list[ast.expr]) -> Node:
        self.arity(node, args, 2)
        (x,) = self.numbers(args[:1])
        bands_ast = args[1]
        if not isinstance(bands_ast, ast.List | ast.Tuple) or not bands_ast.elts:
            raise self.fail(bands_ast, "tier 的分档应写作 [[起点, 值], ...]", "tier bands are [[from, value], ...]")
        bands: list[tuple[Decimal, Const]] = []
        for band in bands_ast.elts:
            if not (isinstance(band, ast.List | ast.Tuple) and len(band.elts) == 2):
                raise self.fail(band, "每一档应为 [起点, 值]", "each band is [from, value]")
            start, value = self.visit(band.elts[0]), self.visit(band.elts[1])
            if not (isinstance(start, Const) and start.type.is_number):
                raise self.fail(band.elts[0], "分档起点必须是数字常量", "a band start must be a number")
            if not (isinstance(value, Const) and value.type.is_number):
                raise self.fail(band.elts[1], "分档的值必须是数字常量", "a band value must be a number")
            bands.append((to_decimal(start.value), value))
        starts = [b[0] for b in bands]
        if starts != sorted(starts) or len(set(starts)) != len(starts):
            raise self.fail(bands_ast, "分档起点必须严格递增", "band starts must be strictly increasing")
        result = Type.INT if all(v.type == Type.INT for _, v in bands) else Type.DEC
        return Tier(result, x=x, bands=tuple(bands), pos=self.pos(node))

    def fn_progressive(self, node: ast.Call, args: list[ast.expr]) -> Node:
        """progressive(x, [[0, 0.10], [100, 0.08], [500, 0.05]]): 分段累进, a rate per band of ``x``."""
        self.arity(node, args, 2)
        (x,) = self.numbers(args[:1])
        bands_ast = args[1]
        shape = ("progressive 的分段应写作 [[起点, 比例], ...]", "progressive bands are [[from, rate], ...]")
        if not isinstance(bands_ast, ast.List | ast.Tuple) or not bands_ast.elts:
            raise self.fail(bands_ast, *shape)
        bands: list[tuple[Decimal, Decimal]] = []
        for band in bands_ast.elts:
            if not (isinstance(band, ast.List | ast.Tuple) and len(band.elts) == 2):
                raise self.fail(band, *shape)
            start, rate = self.visit(band.elts[0]), self.visit(band.elts[1])
            if not (isinstance(start, Const) and start.type.is_number and to_decimal(start.value) >= 0):
                raise self.fail(band.elts[0], "分段起点必须是不小于 0 的数字常量", "a band start is a number ≥ 0")
            if not (isinstance(rate, Const) and rate.type.is_number and 0 <= to_decimal(rate.value) <= 1):
                raise self.fail(
                    band.elts[1], "分段比例必须是 0 到 1 之间的数字（如 0.08 表示 8%）", "a band rate is 0..1"
                )
            bands.append((to_decimal(start.value), to_decimal(rate.value)))
        starts = [b[0] for b in bands]
        if starts != sorted(starts) or len(set(starts)) != len(starts):
            raise self.fail(bands_ast, "分段起点必须严格递增", "band starts must be strictly increasing")
        return Progressive(Type.DEC, x=x, bands=tuple(bands), pos=self.pos(node))

    def fn_per_unit(self, node: ast.Call, args: list[ast.expr]) -> Node:
        """per_unit(count, each) or per_unit(count, each, most): 每件 each，最多 most 件."""
        self.arity(node, args, 2, 3)
        (x,) = self.numbers(args[:1])
        consts: list[Const] = []
        for arg, zh in zip(args[1:], ("每单位金额", "数量上限"), strict=False):
            value = self.visit(arg)
            if not (isinstance(value, Const) and value.type.is_number and to_decimal(value.value) >= 0):
                raise self.fail(arg, f"per_unit 的{zh}必须是不小于 0 的数字常量", "per_unit takes constants ≥ 0")
            consts.append(value)
        each, limit = consts[0], consts[1] if len(consts) > 1 else None
        result = Type.INT if x.type == Type.INT and each.type == Type.INT else Type.DEC
        return PerUnit(result, x=x, each=each, limit=limit, pos=self.pos(node))

    def fn_steps(self, node: ast.Call, args: list[ast.expr]) -> Node:
        """steps(x, size): how many whole ``size``s ``x`` holds (每新增1亿元、每超过1个百分点), never below 0."""
        self.arity(node, args, 2)
        (x,) = self.numbers(args[:1])
        size = self.visit(args[1])
        if not (isinstance(size, Const) and size.type.is_number and to_decimal(size.value) > 0):
            raise self.fail(args[1], "steps 的每档大小必须是大于 0 的数字常量", "steps takes a constant size > 0")
        return Call(Type.INT, fn="steps", args=(x, size), pos=self.pos(node))

    def fn_lookup(self, node: ast.Call, args: list[ast.expr]) -> Node:
        """lookup(code, {"A": 500, "B": 300}) or with a default for codes not listed (else 0)."""
        self.arity(node, args, 2, 3)
        x = self.visit(args[0])
        if x.type not in (Type.STR, Type.INT):
            raise self.fail(
                args[0],
                f"lookup 的第一个参数应为代码（文本或整数），这里是{x.type.zh}",
                f"lookup needs a code (string or integer), got a {x.type.value}",
            )
        table_ast = args[1]
        if not isinstance(table_ast, ast.Dict) or not table_ast.keys:
            raise self.fail(table_ast, 'lookup 的对照表应写作 {"A": 500, "B": 300}', "lookup takes a dict literal")
        table: list[tuple[Value, Const]] = []
        for key_ast, value_ast in zip(table_ast.keys, table_ast.values, strict=True):
            key = self.visit(key_ast) if key_ast is not None else None
            if not (isinstance(key, Const) and key.type == x.type):
                raise self.fail(
                    key_ast or table_ast, f"对照表的键必须是{x.type.zh}常量", f"keys must be {x.type.value} constants"
                )
            self.in_codeset(x, key, key_ast or table_ast)
            value = self.visit(value_ast)
            if not (isinstance(value, Const) and value.type.is_number):
                raise self.fail(value_ast, "对照表的金额必须是数字常量", "table amounts must be number constants")
            if any(key.value == k for k, _ in table):
                raise self.fail(key_ast or table_ast, f"对照表中 {key.value!r} 重复", f"{key.value!r} listed twice")
            table.append((key.value, value))
        pos = self.pos(node)
        default = Const(Type.INT, value=0, pos=pos)
        if len(args) == 3:
            found = self.visit(args[2])
            if not (isinstance(found, Const) and found.type.is_number):
                raise self.fail(args[2], "lookup 的默认金额必须是数字常量", "the default must be a number constant")
            default = found
        values = [v for _, v in table] + [default]
        result = Type.INT if all(v.type == Type.INT for v in values) else Type.DEC
        return Lookup(result, x=x, table=tuple(table), default=default, pos=pos)

    def fn_award(self, node: ast.Call, args: list[ast.expr]) -> Node:
        """award("id"): another benefit's amount of the same policy (在第X条奖励标准基础上上浮30%). The policy's
        check fills in that benefit's formula, cap and floor; a reference it cannot resolve is refused there."""
        self.arity(node, args, 1)
        arg = args[0]
        if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
            raise self.fail(arg, 'award 的参数应为本政策兑现事项的编号，如 award("b1")', "award takes a benefit id")
        if self.env.benefits is None:
            raise self.fail(node, "award 只能用于兑现事项的金额公式", "award is only allowed in an amount formula")
        if arg.value not in self.env.benefits:
            raise self.fail(
                arg,
                f"award 引用的兑现事项 {arg.value} 不在本政策中",
                f"award refers to {arg.value}, which is not a benefit of this policy",
                found=arg.value,
            )
        return Award(Type.DEC, benefit=arg.value, name=self.env.benefits[arg.value], pos=self.pos(node))

    def fn_date(self, node: ast.Call, args: list[ast.expr]) -> Node:
        self.arity(node, args, 1)
        arg = args[0]
        try:
            if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                raise ValueError
            value = dt.date.fromisoformat(arg.value)
        except ValueError:
            raise self.fail(arg, '日期应写作 date("2024-01-01")', 'a date is written date("2024-01-01")') from None
        return Const(Type.DATE, value=value, pos=self.pos(node))

    def fn_coalesce(self, node: ast.Call, args: list[ast.expr]) -> Node:
        self.arity(node, args, 2, 99)
        values = [self.visit(a) for a in args]
        first = values[0].type
        if not all(_same_kind(v.type, first) for v in values):
            raise self.fail(node, "coalesce 的参数类型必须一致", "coalesce arguments must share a type")
        result = unify_numbers(first, first) if first.is_number else first
        if first.is_number and any(v.type == Type.DEC for v in values):
            result = Type.DEC
        return Call(result, fn="coalesce", args=tuple(values), pos=self.pos(node))

    def fn_years_ago(self, node: ast.Call, args: list[ast.expr]) -> Node:
        self.arity(node, args, 1)
        if not (isinstance(args[0], ast.Constant) and type(args[0].value) is int):
            raise self.fail(args[0], "years_ago 需要整数", "years_ago needs an integer")
        return YearConst(Type.INT, offset=-args[0].value, pos=self.pos(node))


def _same_kind(a: Type, b: Type) -> bool:
    return a == b or (a.is_number and b.is_number)


def _unit_of(node: Node, env: Env) -> str | None:
    if isinstance(node, Attr):
        attr = env.schema.field(node.name)
        return attr.unit if attr else None
    return None


def _parameter_type(param: Parameter) -> Type:
    kinds = set()
    for value in param.values.values():
        if isinstance(value, bool):
            kinds.add(Type.BOOL)
        elif isinstance(value, int):
            kinds.add(Type.INT)
        elif isinstance(value, Decimal):
            kinds.add(Type.DEC)
        else:
            kinds.add(Type.STR)
    if kinds <= {Type.INT, Type.DEC}:
        return Type.DEC if Type.DEC in kinds else Type.INT
    if len(kinds) == 1:
        return kinds.pop()
    raise RuleError(
        f"参数 {param.label} 的各期取值类型不一致",
        f"parameter {param.label} mixes value types",
    )


def parameter_value(param: Parameter, when: dt.date) -> Value:
    value = param.value_at(when)
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):  # pragma: no cover - yaml floats are read as Decimal
        try:
            return to_decimal(value)
        except NumberError:
            return None
    return value
