"""The entity schema: attributes with type, unit, Chinese label and source.

A value is *verified* when it came from an authoritative source through a registry
import; ``self_declared`` is the one source that never is (docs/ARCHITECTURE.md, "Provenance").
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from policyreach.rules.errors import RuleError
from policyreach.rules.types import Type
from policyreach.rules.yamlsource import SourceDoc, load_yaml

SELF_DECLARED = "self_declared"
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_YEAR_SUFFIX = re.compile(r"_\d{4}$")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Validity(_Model):
    """How long a certification lasts: dated values like a policy's parameters, with the rule that states them.

    ``renewal`` says in plain words what a firm whose certificate expired must do (docs/formats.md, "Schema").
    """

    label: str = "有效期"
    unit: Literal["年"] = "年"
    values: dict[dt.date, int]
    reference: str
    renewal: str

    def years_at(self, when: dt.date) -> int | None:
        """The period in force on ``when``: the latest one dated on or before it."""
        current = None
        for since in sorted(self.values):
            if since <= when:
                current = self.values[since]
        return current


# Whether a firm can change a value (docs/formats.md, "Schema"): ``True`` never (industry, district, a date),
# ``False`` it can (a count, a flag, this year's figure), "past" it records when something happened (a
# certification's year): what happened is fixed, only a new event dated this year can change it.
Fixity = bool | Literal["past"]


class Attribute(_Model):
    name: str = ""
    label: str
    type: Type
    unit: str | None = None
    source: str = SELF_DECLARED
    yearly: bool = False
    codeset: str | None = None
    description: str | None = None
    kinds: tuple[str, ...] = ()
    # the declared range of a number (rules/ranges.py adds the engine's exact range to it); None: no bound declared
    min: Decimal | None = None
    max: Decimal | None = None
    # None: the default by kind (a date is fixed, anything else can change; a year-indexed figure of a closed year
    # is fixed whatever this says): see ``fixity``
    fixed: Fixity | None = None
    validity: Validity | None = None  # a certification's period, for "已于 N 年到期" hints

    @property
    def fixity(self) -> Fixity:
        if self.fixed is not None:
            return self.fixed
        return self.type == Type.DATE

    @model_validator(mode="after")
    def _range_for_numbers(self) -> Attribute:
        if (self.min is not None or self.max is not None) and not self.type.is_number:
            raise ValueError("only a number attribute (integer or decimal) may declare min/max")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min is greater than max")
        # an event's year and a certification's validity are read as years: on anything else they would mislead
        if (self.fixed == "past" or self.validity is not None) and self.type != Type.INT:
            raise ValueError("only an integer attribute (a year) may be 'fixed: past' or declare a validity")
        return self


class ProposedAttribute(_Model):
    """A quantity a draft policy needs and the schema lacks (docs/formats.md, "Proposed attributes"): declared in
    the draft's ``proposed_attributes`` and usable there; it checks and binds in the library once an officer has
    accepted it into the deployment's schema extension (``app.schema_extension``)."""

    label: str = Field(min_length=1, max_length=100)
    type: Type = Type.DEC
    unit: str | None = Field(default=None, max_length=20)
    yearly: bool = False
    department: str | None = Field(default=None, max_length=120)  # the department likely to hold the figure
    description: str | None = Field(default=None, max_length=500)

    def attribute(self, name: str) -> Attribute:
        """The attribute it becomes: self-declared until a registry of its department is imported for it."""
        note = f"拟由{self.department}提供" if self.department else None
        description = "；".join(t for t in (self.description, note) if t) or None
        return Attribute(
            name=name,
            label=self.label,
            type=self.type,
            unit=self.unit,
            yearly=self.yearly,
            description=description,
            min=Decimal(0) if self.type.is_number else None,
        )


def valid_name(name: str) -> bool:
    """An attribute's identifier: lower_snake_case, not ending in _YYYY (its year columns would clash)."""
    return bool(_NAME.match(name)) and not _YEAR_SUFFIX.search(name) and len(name) <= 60


def extend(schema: Schema, extension: dict[str, Attribute]) -> Schema:
    """``schema`` with the deployment's accepted attributes (a copy: the files' schema stays as loaded)."""
    merged = schema.model_copy(deep=True)
    for name, attr in extension.items():
        if name not in merged.attributes and name not in merged.derived:
            merged.attributes[name] = attr.model_copy(update={"name": name})
    return merged


class Derived(_Model):
    """An attribute computed from others: by a rules expression or a registered builtin."""

    name: str = ""
    label: str
    type: Type
    unit: str | None = None
    expr: str | None = None
    builtin: str | None = None
    description: str | None = None
    kinds: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _one_definition(self) -> Derived:
        if (self.expr is None) == (self.builtin is None):
            raise ValueError("a derived attribute needs exactly one of 'expr' or 'builtin'")
        return self


class Registry(_Model):
    """A source's list that, once imported, is complete for ``complete`` over ``kinds``.

    An entity of those kinds the list does not name has a known "none" value for each of those
    attributes (false for a flag): docs/ARCHITECTURE.md, "Known absence".
    """

    name: str = ""
    label: str
    source: str
    complete: tuple[str, ...]
    kinds: tuple[str, ...] = ()
    description: str | None = None


class CodeSet(_Model):
    name: str = ""
    label: str
    values: tuple[str, ...]
    labels: dict[str, str] = Field(default_factory=dict)


class SchemaFile(_Model):
    kind: str | None = None
    kinds: tuple[str, ...] = ()
    sources: dict[str, str] = Field(default_factory=dict)
    attributes: dict[str, Attribute] = Field(default_factory=dict)
    derived: dict[str, Derived] = Field(default_factory=dict)
    codesets: dict[str, CodeSet] = Field(default_factory=dict)
    registries: dict[str, Registry] = Field(default_factory=dict)


class Schema(BaseModel):
    """All kinds' attributes merged; an attribute shared by kinds is declared once per kind."""

    model_config = ConfigDict(frozen=False)

    sources: dict[str, str] = Field(default_factory=dict)
    attributes: dict[str, Attribute] = Field(default_factory=dict)
    derived: dict[str, Derived] = Field(default_factory=dict)
    codesets: dict[str, CodeSet] = Field(default_factory=dict)
    registries: dict[str, Registry] = Field(default_factory=dict)

    def field(self, name: str) -> Attribute | Derived | None:
        return self.attributes.get(name) or self.derived.get(name)

    def is_verified_source(self, source: str | None) -> bool:
        return source is not None and source != SELF_DECLARED and source in self.sources

    def source_label(self, source: str | None) -> str:
        if source is None:
            return "未提供"
        return self.sources.get(source, source)

    def columns(self, years: range | list[int]) -> list[str]:
        """Physical column names for the stored attributes over ``years``."""
        out: list[str] = []
        for attr in self.attributes.values():
            if attr.yearly:
                out.extend(year_column(attr.name, y) for y in years)
            else:
                out.append(attr.name)
        return out


def year_column(name: str, year: int) -> str:
    return f"{name}_{year}"


def load_schema(paths: Path | str | list[Path | str]) -> Schema:
    """Load one schema file, a directory of them, or a list; later files extend earlier ones."""
    files = _schema_files(paths)
    schema = Schema()
    for file in files:
        doc = load_yaml(file)
        part = _validate(doc)
        kinds = part.kinds or ((part.kind,) if part.kind else ())
        schema.sources.update(part.sources)
        for name, attr in part.attributes.items():
            _check_name(name, doc, ("attributes", name))
            merged = _merge_kinds(schema.attributes.get(name), attr.model_copy(update={"name": name}), kinds)
            schema.attributes[name] = merged
        for name, der in part.derived.items():
            _check_name(name, doc, ("derived", name))
            merged = _merge_kinds(schema.derived.get(name), der.model_copy(update={"name": name}), kinds)
            schema.derived[name] = merged
        for name, cs in part.codesets.items():
            schema.codesets[name] = cs.model_copy(update={"name": name})
        for name, reg in part.registries.items():
            old = schema.registries.get(name)
            reg_kinds = tuple(dict.fromkeys((*(old.kinds if old else ()), *(reg.kinds or kinds))))
            complete = tuple(dict.fromkeys((*(old.complete if old else ()), *reg.complete)))
            schema.registries[name] = reg.model_copy(update={"name": name, "kinds": reg_kinds, "complete": complete})
    _check_sources(schema)
    _check_registries(schema)
    return schema


def _schema_files(paths: Path | str | list[Path | str]) -> list[Path]:
    items = paths if isinstance(paths, list) else [paths]
    files: list[Path] = []
    for item in items:
        p = Path(item)
        files.extend(sorted(p.glob("*.yaml")) if p.is_dir() else [p])
    return files


def _validate(doc: SourceDoc) -> SchemaFile:
    try:
        return SchemaFile.model_validate(doc.data or {})
    except ValidationError as exc:
        err = exc.errors()[0]
        pos = doc.position(tuple(err["loc"]))
        loc = ".".join(str(p) for p in err["loc"])
        raise RuleError(
            f"实体模式文件字段 {loc} 有误：{err['msg']}",
            f"schema field {loc}: {err['msg']}",
            file=doc.file,
            line=pos.line if pos else None,
            column=pos.column if pos else None,
        ) from exc


def _check_name(name: str, doc: SourceDoc, path: tuple[str, ...]) -> None:
    if not valid_name(name):
        pos = doc.position(path)
        raise RuleError(
            f"属性名 {name!r} 不合法：须为小写字母、数字和下划线，且不以 _年份 结尾",
            f"attribute name {name!r} must be lower_snake_case and not end in _YYYY",
            file=doc.file,
            line=pos.line if pos else None,
            column=pos.column if pos else None,
        )


def _merge_kinds(old: Any, new: Any, kinds: tuple[str, ...]) -> Any:
    new_kinds = tuple(dict.fromkeys((*(old.kinds if old else ()), *kinds)))
    return new.model_copy(update={"kinds": new_kinds})


def _check_registries(schema: Schema) -> None:
    for reg in schema.registries.values():
        if reg.source == SELF_DECLARED or reg.source not in schema.sources:
            raise RuleError(
                f"名单 {reg.name} 的来源 {reg.source!r} 不是已声明的权威来源",
                f"registry {reg.name}: source {reg.source!r} is not a declared authoritative source",
            )
        for attr in reg.complete:
            if attr not in schema.attributes:
                raise RuleError(
                    f"名单 {reg.name} 声明完整的属性 {attr} 不存在",
                    f"registry {reg.name}: complete for unknown attribute {attr}",
                )


def _check_sources(schema: Schema) -> None:
    for attr in schema.attributes.values():
        if attr.source != SELF_DECLARED and schema.sources and attr.source not in schema.sources:
            raise RuleError(
                f"属性 {attr.name} 的来源 {attr.source!r} 未在 sources 中声明",
                f"attribute {attr.name}: source {attr.source!r} is not declared in sources",
            )
