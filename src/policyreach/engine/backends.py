"""The one list of the engine's back ends: the parity tests compare each with the reference interpreter.

``BATCH`` maps a name to a population matcher with ``match_population``'s signature; ``polars`` is the
reference columnar path and ``numba`` the native kernel (engine/kernel.py). A new back end is added here and
is then checked by tests/engine/test_parity.py with every random library and population drawn there.
``SINGLE`` does the same for ``match_entity`` (the portal's one-entity path): ``polars`` decides conditions with
the Python closures, ``numba`` in the native kernel.
"""

from __future__ import annotations

from functools import partial
from typing import Any, Protocol

import polars as pl

from policyreach.engine.batch import BatchResult, match_population
from policyreach.engine.match import match_entity
from policyreach.rules.library import CompiledLibrary


class BatchMatcher(Protocol):
    def __call__(
        self,
        compiled: CompiledLibrary,
        population: pl.DataFrame | pl.LazyFrame,
        *,
        min_degree: int = ...,
        include_partial: bool = ...,
        keep_likely: bool = ...,
    ) -> BatchResult: ...


BATCH: dict[str, Any] = {
    "polars": partial(match_population, backend="polars"),
    "numba": partial(match_population, backend="numba"),
}

SINGLE: dict[str, Any] = {
    "polars": partial(match_entity, backend="polars"),
    "numba": partial(match_entity, backend="numba"),
}
