"""Schemathesis against the API's own OpenAPI document (issue 19): every operation, signed in with a bearer token,
a handful of generated requests each in ``make test`` (``make fuzz-api`` runs many more): no server error, and every
response conforms to the schema (documented status codes, content types and bodies)."""

from __future__ import annotations

import os
from types import SimpleNamespace

import schemathesis
from hypothesis import HealthCheck, given, settings
from sqlalchemy import select

from policyreach.app.accounts import open_session
from policyreach.store.models import Account
from policyreach.web import api

# generated requests per operation: 10 in ``make test``; ``make fuzz-api`` sets many more (BENCHMARKS.md)
EXAMPLES = int(os.environ.get("POLICYREACH_FUZZ_EXAMPLES", "10"))


def _bearer(app, platform, username: str) -> dict[str, str]:
    """A fresh token for ``username``, opened as /api/token would, without a password (the limiter is not the
    subject here, and a generated DELETE /api/token revokes only this one)."""
    with platform.sessions() as session, session.begin():
        account = session.scalar(select(Account).where(Account.username == username))
        assert account is not None
        secret = open_session(session, account.id, "api", api.TOKEN_MAX_AGE)
        token = api._serializer(SimpleNamespace(app=app)).dumps({"a": account.id, "s": secret})  # type: ignore[arg-type]
    return {"Authorization": f"Bearer {token}"}


def test_every_operation_answers_within_its_schema(app, platform) -> None:
    # the operations walked by hand: schemathesis' pytest plug-in does not run under this pytest; the checks are its own
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 8, "every operation of the API is generated for"
    failures: dict[str, str] = {}
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def run(case) -> None:
            case.call_and_validate(headers=_bearer(app, platform, "officer"))

        try:
            run()
        except (Exception, BaseExceptionGroup) as failure:  # every operation is tried; all are reported together
            failures[operation.label] = str(failure)[:2000]
    assert not failures, "\n\n".join(f"{label}: {why}" for label, why in failures.items())
