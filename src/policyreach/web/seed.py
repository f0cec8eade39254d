"""First start: the database, the sample population and demo accounts (kept between runs)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from policyreach.engine.batch import match_population
from policyreach.rules.library import CompiledLibrary
from policyreach.rules.schema import Schema
from policyreach.store.entities import replace_population
from policyreach.store.models import Account, Entity
from policyreach.web.security import hash_password


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    who: str


def demo_password() -> str:
    """POLICYREACH_DEMO_PASSWORD: password of the demo accounts (default demo1234)."""
    return os.environ.get("POLICYREACH_DEMO_PASSWORD", "demo1234")


def seed(session: Session, population_file: Path, schema: Schema, compiled: CompiledLibrary,
         as_of: dt.date) -> list[DemoAccount]:
    """Load the population and create demo accounts unless the database already has entities."""
    from policyreach.conference.demo_proposals import seed_proposals  # 政协提案 demo year; idempotent

    seed_proposals(session, as_of, hash_password(demo_password()))
    from policyreach.conference.demo_records import seed_conference_records  # 政协履职 records; idempotent

    if session.scalar(select(func.count()).select_from(Entity)):
        seed_conference_records(session, as_of)
        return existing_demo_accounts(session)
    population = pl.read_parquet(population_file)
    replace_population(session, population, schema, f"sample-{population_file.stem}", as_of)
    session.flush()
    made = _accounts(session, population, compiled)
    seed_conference_records(session, as_of)  # after the firms: leaders' 包保 ledgers cover some of them
    return made


def _accounts(session: Session, population: pl.DataFrame, compiled: CompiledLibrary) -> list[DemoAccount]:
    counts = match_population(compiled, population).frame().filter(pl.col("status") == "eligible").group_by(
        "entity_id").len()
    kinds = population.select("entity_id", "kind").join(counts, on="entity_id", how="left").fill_null(0)
    password = hash_password(demo_password())
    made: list[DemoAccount] = []
    picks = [("enterprise", 3), ("institute", 1), ("talent", 1)]
    for kind, n in picks:
        best = kinds.filter(pl.col("kind") == kind).sort(["len", "entity_id"], descending=[True, False]).head(n)
        for i, entity_id in enumerate(best["entity_id"], start=1):
            entity = session.scalar(select(Entity).where(Entity.entity_id == entity_id))
            assert entity is not None
            username = f"{kind}{i}"
            session.add(Account(username=username, password_hash=password, role=kind, entity_pk=entity.id,
                                display_name=entity.name))
            made.append(DemoAccount(username, demo_password(), kind, entity.name))
    for username, role, department in (("officer", "officer", "长春市科学技术局"), ("admin", "admin", None)):
        session.add(Account(username=username, password_hash=password, role=role, department=department,
                            display_name=department or "系统管理员"))
        made.append(DemoAccount(username, demo_password(), role, department or "系统管理员"))
    return made


def existing_demo_accounts(session: Session) -> list[DemoAccount]:
    return [DemoAccount(a.username, "（已设置）", a.role, a.display_name)
            for a in session.scalars(select(Account).order_by(Account.id).limit(10))]
