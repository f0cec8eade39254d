"""Browser tests share the session's server and browser (tests/conftest.py); the names other tests import."""

from __future__ import annotations

from tests.conftest import ARTIFACTS, PHONE

__all__ = ["ARTIFACTS", "PHONE"]
