"""Closed-world registry imports: after a complete list, whom it does not name is known (docs/ARCHITECTURE.md,
"Known absence").

A registry in the schema declares the attributes its list is complete for and the kinds it
covers. ``close_frame`` (a population) and ``close_record`` (one entity) apply imports of such
lists: an entity of a covered kind with no value for a covered attribute gets a known none
(false for a flag), verified, with the import's provenance (source, as-of date, batch). A value
the entity already has (a listed one, or its own declaration) is kept: a declaration that
contradicts the list stays self-declared and is reported by :func:`contradictions`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import polars as pl

from policyreach.engine.entity import EntityRecord
from policyreach.engine.frame import POLARS_TYPES
from policyreach.rules.absence import NONE, ListImport, none_flag
from policyreach.rules.errors import RuleError
from policyreach.rules.schema import Schema
from policyreach.rules.types import Type


def list_import(schema: Schema, registry: str, as_of: dt.date | str, batch: str) -> ListImport:
    reg = schema.registries.get(registry)
    if reg is None:
        raise RuleError(f"模式中没有名单 {registry}", f"no registry {registry} in the schema")
    when = as_of if isinstance(as_of, dt.date) else dt.date.fromisoformat(str(as_of))
    return ListImport(registry, reg.label, reg.source, when, batch)


def _columns(schema: Schema, attr: str, present: Iterable[str]) -> list[str]:
    spec = schema.attributes[attr]
    if not spec.yearly:
        return [attr]
    return [c for c in present if c.rpartition("_")[0] == attr and c.rpartition("_")[2].isdigit()]


def close_frame(frame: pl.DataFrame, schema: Schema, imports: Iterable[ListImport]) -> pl.DataFrame:
    """``frame`` with every import's known nones (``column__none``, or false for a flag) and their flags verified."""
    for imp in imports:
        reg = schema.registries[imp.registry]
        covered = pl.col("kind").is_in(list(reg.kinds)) if reg.kinds else pl.lit(True)
        for attr in reg.complete:
            for column in _columns(schema, attr, frame.columns):
                if column not in frame.columns:
                    frame = frame.with_columns(pl.lit(None, dtype=_dtype(schema, attr)).alias(column))
                unnamed = covered & pl.col(column).is_null()
                flag = f"{column}__verified"
                verified = pl.col(flag).fill_null(False) if flag in frame.columns else pl.lit(False)
                updates = [(verified | unnamed).alias(flag)]
                if schema.attributes[attr].type == Type.BOOL:
                    updates.append(pl.when(unnamed).then(pl.lit(False)).otherwise(pl.col(column)).alias(column))
                else:
                    absent = none_flag(column)
                    before = pl.col(absent).fill_null(False) if absent in frame.columns else pl.lit(False)
                    updates.append((before | unnamed).alias(absent))
                frame = frame.with_columns(updates)
    return frame


def _dtype(schema: Schema, attr: str) -> pl.DataType:
    return POLARS_TYPES[schema.attributes[attr].type]


def close_record(record: EntityRecord, schema: Schema, imports: Iterable[ListImport]) -> EntityRecord:
    """``record`` with the known nones the imports imply, each with its list's provenance."""
    for imp in imports:
        reg = schema.registries[imp.registry]
        if reg.kinds and record.kind not in reg.kinds:
            continue
        for attr in reg.complete:
            if schema.attributes[attr].yearly or record.values.get(attr) is not None:
                continue
            record.values[attr] = False if schema.attributes[attr].type == Type.BOOL else NONE
            record.sources[attr] = imp.source
            record.absent[attr] = imp
    return record


def contradictions(record: EntityRecord, schema: Schema, imports: Iterable[ListImport]) -> list[tuple[str, ListImport]]:
    """Self-declared values of attributes a complete list says the entity does not have (for the officer)."""
    found = []
    for imp in imports:
        reg = schema.registries[imp.registry]
        if reg.kinds and record.kind not in reg.kinds:
            continue
        for attr in reg.complete:
            value = record.values.get(attr)
            declared = record.sources.get(attr) == "self_declared"
            if declared and value is not None and value is not NONE and value is not False:
                found.append((attr, imp))
    return found
