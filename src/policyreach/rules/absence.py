"""Known absence: a value a complete registry proves the entity does not have.

Three states exist for an attribute: a value, *unknown* (``None``: nobody said) and *none*
(:data:`NONE`: a registry declared complete for it does not list the entity, so the entity
has no such value; docs/ARCHITECTURE.md, "Known absence"). None differs from every value:
comparisons with it are false except ``!=``, ``in`` is false and ``not in`` true, arithmetic
on it stays none, ``coalesce`` passes over it, and a boolean that is none is false (a flag
list that does not name the entity). Conditions on a none value are therefore decided.

Population frames carry it as a ``column__none`` flag beside a null value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

NONE_SUFFIX: Final = "__none"


class KnownNone:
    """The one "known to have no value" marker; falsy only by accident is avoided: it refuses ``bool``."""

    _instance: KnownNone | None = None

    def __new__(cls) -> KnownNone:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "NONE"

    def __bool__(self) -> bool:
        # A none value reaching a truth test means a back end forgot the third state.
        raise TypeError("a known-none value has no truth value")

    def __reduce__(self) -> str:
        return "NONE"


NONE: Final = KnownNone()


def none_flag(column: str) -> str:
    return column + NONE_SUFFIX


@dataclass(frozen=True)
class ListImport:
    """One import of a complete registry list: its provenance, which every none it implies carries."""

    registry: str  # the schema's registry name
    label: str  # e.g. 科技局高企名单
    source: str  # the schema source code, e.g. science_bureau
    as_of: dt.date
    batch: str

    def sentence(self) -> str:
        """How a none from this list reads: "科技局高企名单（截至 2026-06-30）未列入"."""
        return f"{self.label}（截至 {self.as_of.isoformat()}）未列入"
