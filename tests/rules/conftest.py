from __future__ import annotations

import pytest

from policyreach import settings
from policyreach.rules.library import Library, load_library
from policyreach.rules.schema import Schema, load_schema


@pytest.fixture(scope="session")
def schema() -> Schema:
    return load_schema(settings.ROOT / "schema")


@pytest.fixture(scope="session")
def library(schema: Schema) -> Library:
    return load_library([settings.ROOT / "library"], schema)
