"""YAML loading that remembers where every value came from.

PyYAML's composed nodes carry line and column marks; we build plain Python values from
them and keep a map from each value's path (``("benefits", 0, "conditions", 1, "expr")``)
to its position, so a pydantic or rules error can name the exact line and column.
Floats are read as exact decimals: ``2000.5`` in a policy file is never a binary float.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeAlias

import yaml

from policyreach.rules.errors import RuleError

Path_: TypeAlias = tuple[str | int, ...]
_FLOAT_TAG = "tag:yaml.org,2002:float"
_STR_TAG = "tag:yaml.org,2002:str"


@dataclass
class Position:
    line: int
    column: int
    quoted: bool = False


@dataclass
class SourceDoc:
    """A loaded YAML document with the position of every value."""

    file: str
    data: Any
    positions: dict[Path_, Position] = field(default_factory=dict)

    def position(self, path: Path_) -> Position | None:
        """Position of ``path`` or of its nearest enclosing value."""
        while True:
            if path in self.positions:
                return self.positions[path]
            if not path:
                return None
            path = path[:-1]


def load_yaml(path: Path | str, text: str | None = None) -> SourceDoc:
    file = str(path)
    if text is None:
        text = Path(path).read_text(encoding="utf-8")
    # libyaml composes nodes (with marks) far faster than the pure-Python parser.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", exc)
        raise _error(exc, f"YAML 格式错误：{problem}", f"invalid YAML: {problem}", file) from exc
    finally:
        loader.dispose()
    doc = SourceDoc(file=file, data=None)
    if node is not None:
        try:
            doc.data = _build(node, (), doc, yaml.SafeLoader(""), [MAX_NODES])
        except (ValueError, ArithmeticError, yaml.YAMLError) as exc:  # a date like 2026-02-30, a bad number
            zh = f"YAML 内容有误：{getattr(exc, 'problem', None) or exc}"
            raise _error(exc, zh, f"invalid YAML value: {exc}", file) from exc
    return doc


def _error(exc: Exception, zh: str, en: str, file: str) -> RuleError:
    """A YAML problem as a rules error, at the place the parser marked (if it did)."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    return RuleError(zh, en, file=file, line=line, column=column)


MAX_NODES = 200_000  # far beyond any policy file; aliases nested a few levels deep expand past it (billion laughs)


class _TooManyNodes(ValueError):
    """YAML whose aliases expand to more values than any policy, schema or reform file holds."""


def _build(node: yaml.Node, path: Path_, doc: SourceDoc, loader: yaml.SafeLoader, budget: list[int]) -> Any:
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooManyNodes(f"文件展开后超过 {MAX_NODES} 个值（别名嵌套过深），不予读取")
    quoted = isinstance(node, yaml.ScalarNode) and node.style in ("'", '"')
    doc.positions[path] = Position(node.start_mark.line + 1, node.start_mark.column + 1, quoted)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _build(key_node, (*path, "<key>"), doc, loader, budget)
            doc.positions.pop((*path, "<key>"), None)
            result[key] = _build(value_node, (*path, _key_part(key)), doc, loader, budget)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), doc, loader, budget) for i, item in enumerate(node.value)]
    if node.tag == _FLOAT_TAG:
        return Decimal(node.value.replace("_", ""))
    if node.tag == _STR_TAG and isinstance(node, yaml.ScalarNode):
        return node.value  # what the safe constructor returns for a string, without its dispatch (most of a policy)
    return loader.construct_object(node, deep=True)


def _key_part(key: Any) -> str | int:
    return key if isinstance(key, str | int) and not isinstance(key, bool) else str(key)
