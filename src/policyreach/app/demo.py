"""Demo mode only: the sample city, its demo accounts and the plug-ins' demo data (kept between runs).

Nothing here runs unless demo mode is on (``POLICYREACH_DEMO=1``, which ``make run`` sets) or someone asks for it
(``policyreach demo seed``): outside demo mode no account with a default or printed password exists.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from policyreach import plugins
from policyreach.app.accounts import check_password, hash_password
from policyreach.engine.batch import match_population
from policyreach.rules.library import CompiledLibrary
from policyreach.rules.schema import Schema
from policyreach.store.entities import replace_population
from policyreach.store.models import Account, Entity


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    who: str


def demo_password() -> str:
    """POLICYREACH_DEMO_PASSWORD: password of the demo accounts (default demo1234)."""
    return os.environ.get("POLICYREACH_DEMO_PASSWORD", "demo1234")


def seed(
    session: Session, population_file: Path, schema: Schema, compiled: CompiledLibrary, as_of: dt.date
) -> list[DemoAccount]:
    """Load the population and create demo accounts unless the database already has entities."""
    if not session.scalar(select(func.count()).select_from(Entity)):
        population = pl.read_parquet(population_file)
        replace_population(session, population, schema, f"sample-{population_file.stem}", as_of)
        session.flush()
        _accounts(session, population, compiled)
    password_hash = hash_password(demo_password())
    for plugin in plugins.installed():  # after the firms: the conference's 包保 ledgers cover some of them
        if plugin.demo_seed is not None:
            plugin.demo_seed(session, as_of, password_hash)
    session.flush()
    return demo_accounts(session)


def _accounts(session: Session, population: pl.DataFrame, compiled: CompiledLibrary) -> None:
    counts = (
        match_population(compiled, population)
        .frame()
        .filter(pl.col("status") == "eligible")
        .group_by("entity_id")
        .len()
    )
    kinds = population.select("entity_id", "kind").join(counts, on="entity_id", how="left").fill_null(0)
    password = hash_password(demo_password())
    picks = [("enterprise", 3), ("institute", 1), ("talent", 1)]
    for kind, n in picks:
        best = kinds.filter(pl.col("kind") == kind).sort(["len", "entity_id"], descending=[True, False]).head(n)
        for i, entity_id in enumerate(best["entity_id"], start=1):
            entity = session.scalar(select(Entity).where(Entity.entity_id == entity_id))
            assert entity is not None
            username = f"{kind}{i}"
            session.add(
                Account(
                    username=username, password_hash=password, role=kind, entity_pk=entity.id, display_name=entity.name
                )
            )
    for username, role, department in (("officer", "officer", "长春市科学技术局"), ("admin", "admin", None)):
        session.add(
            Account(
                username=username,
                password_hash=password,
                role=role,
                department=department,
                display_name=department or "系统管理员",
            )
        )


# the platform's demo accounts, in the order they are listed (each plug-in's follow, in its own order)
DEMO_USERNAMES = ("enterprise1", "enterprise2", "enterprise3", "institute1", "talent1", "officer", "admin")


def demo_accounts(session: Session) -> list[DemoAccount]:
    """The demo logins as they stand: the demo password where it still opens the account, else say it changed."""
    names = [*DEMO_USERNAMES, *plugins.demo_usernames()]
    found = {a.username: a for a in session.scalars(select(Account).where(Account.username.in_(names)))}
    password = demo_password()
    return [
        DemoAccount(
            a.username, password if check_password(a.password_hash, password) else "（已修改）", a.role, a.display_name
        )
        for name in names
        if (a := found.get(name)) is not None
    ]
