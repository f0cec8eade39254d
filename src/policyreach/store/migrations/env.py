"""Alembic environment: runs on the connection handed over by ``policyreach.store.db.migrate``."""

from __future__ import annotations

from alembic import context

from policyreach.store.db import make_engine
from policyreach.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only through db.migrate or an explicit URL
    connection = make_engine().connect()
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
