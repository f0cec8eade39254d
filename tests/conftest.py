from __future__ import annotations

from pathlib import Path

import pytest

from policyreach.rules.library import load_library
from policyreach.rules.schema import load_schema

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def fixture_schema():
    return load_schema(FIXTURES / "schema")


@pytest.fixture(scope="session")
def fixture_library(fixture_schema):
    return load_library(FIXTURES / "library", fixture_schema)
