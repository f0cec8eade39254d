"""Demo mode only: the sample city, its demo accounts and the plug-ins' demo data (kept between runs).

Nothing here runs unless demo mode is on (``POLICYREACH_DEMO=1``, which ``make run`` sets) or someone asks for it
(``policyreach demo seed``): outside demo mode no account with a default or printed password exists.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from pathlib import Path

import polars as pl
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from policyreach import plugins
from policyreach.app.accounts import check_password, hash_password
from policyreach.app.funds import shares_of, sync_funds
from policyreach.engine.batch import match_population
from policyreach.imports.registries import close_frame
from policyreach.rules.library import CompiledLibrary
from policyreach.rules.schema import Schema
from policyreach.store.entities import replace_population
from policyreach.store.models import Account, Entity, FundBudget
from policyreach.store.registry_imports import imports_in_force, record_import

WAN = Decimal(10_000)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    who: str


# The complete lists the sample city imports (issue 21): the certification lists, which the generator gives in full
# (a missing certification year is "never certified"), and the 失信 list. Not the statistics or market lists: the
# generator leaves some of their values missing at random, so closing them would turn unknowns into false nones.
DEMO_LISTS = (
    "hightech_list",
    "tech_sme_list",
    "gazelle_list",
    "unicorn_list",
    "lab_prov_list",
    "lab_nat_list",
    "srdi_list",
    "little_giant_list",
    "innovation_demo_list",
    "tech_center_list",
    "first_set_list",
    "credit_blacklist",
)


def demo_password() -> str:
    """POLICYREACH_DEMO_PASSWORD: password of the demo accounts (default demo1234)."""
    return os.environ.get("POLICYREACH_DEMO_PASSWORD", "demo1234")


def seed(
    session: Session, population_file: Path, schema: Schema, compiled: CompiledLibrary, as_of: dt.date
) -> list[DemoAccount]:
    """Load the population and create demo accounts unless the database already has entities; give every fund a
    budget for the current year where it has none."""
    demand: dict[str, Decimal] = {}
    if not session.scalar(select(func.count()).select_from(Entity)):
        population = pl.read_parquet(population_file)
        replace_population(session, population, schema, f"sample-{population_file.stem}", as_of)
        for registry in DEMO_LISTS:
            if registry in schema.registries:
                record_import(session, schema, registry, as_of, f"sample-{population_file.stem}", "demo")
        session.flush()
        closed = close_frame(population, schema, imports_in_force(session, schema, as_of))
        eligible = match_population(compiled, closed).frame().filter(pl.col("status") == "eligible")
        _accounts(session, population, eligible)
        demand = _demand(compiled, eligible)
    _budgets(session, compiled, as_of, demand)
    password_hash = hash_password(demo_password())
    for plugin in plugins.installed():  # after the firms: the conference's 包保 ledgers cover some of them
        if plugin.demo_seed is not None:
            plugin.demo_seed(session, as_of, password_hash)
    session.flush()
    return demo_accounts(session)


def _demand(compiled: CompiledLibrary, eligible: pl.DataFrame) -> dict[str, Decimal]:
    """Per fund, what the city's eligible firms would claim (元) and the largest single claim: sizes the demo's
    budgets so that the pages have something to show."""
    per_benefit = eligible.group_by("benefit_id").agg(pl.col("amount").sum().alias("total"))
    totals = {r["benefit_id"]: r["total"] for r in per_benefit.iter_rows(named=True)}
    demand: dict[str, Decimal] = {}
    for benefit in compiled.benefits:
        if totals.get(benefit.id) is None:
            continue
        for fund_id, share in shares_of(benefit.spec):  # each fund of a 市区分担 its share
            demand[fund_id] = demand.get(fund_id, Decimal(0)) + Decimal(str(totals[benefit.id])) * WAN * share
    return demand


def _budgets(session: Session, compiled: CompiledLibrary, as_of: dt.date, demand: dict[str, Decimal]) -> None:
    """Every fund gets this year's budget where it has none: 1.2 times the city's demand, rounded up to 10,000 元;
    the funds that only review applications draw on get room for a few claims, so that the path to 额度已用完 and a
    raised budget can be walked in the demo (one-click funds stay roomy: a demo click should succeed)."""
    sync_funds(session, compiled)
    have = {(f, p) for f, p in session.execute(select(FundBudget.fund_id, FundBudget.period))}
    review_only: dict[str, bool] = {}
    years: dict[str, int] = {}  # how many budget years a fund's instalments reach
    for benefit in compiled.benefits:
        for fund_id, _share in shares_of(benefit.spec):
            review_only[fund_id] = review_only.get(fund_id, True) and benefit.spec.redemption == "review"
            years[fund_id] = max(years.get(fund_id, 1), len(benefit.spec.schedule))
    tight = sorted(f for f, only in review_only.items() if only)[:2]
    for fund_id in sorted(review_only):
        wanted = demand.get(fund_id, Decimal(0)) * (Decimal("0.05") if fund_id in tight else Decimal("1.2"))
        budget = max(Decimal(100_000), (wanted / 10_000).to_integral_value(ROUND_CEILING) * 10_000)
        for offset in range(years[fund_id]):  # a multi-year commitment needs next years' budgets (中期财政规划)
            period = str(as_of.year + offset)
            if (fund_id, period) not in have:
                session.add(FundBudget(fund_id=fund_id, period=period, budget=budget, version=0, set_by="demo"))
    session.flush()


def _accounts(session: Session, population: pl.DataFrame, eligible: pl.DataFrame) -> None:
    counts = eligible.group_by("entity_id").len()
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
    for username, role, department in (
        ("officer", "officer", "长春市科学技术局"),
        ("reviewer", "officer", "长春市科学技术局"),
        ("finance", "finance", "长春市财政局"),
        ("admin", "admin", None),
    ):
        session.add(
            Account(
                username=username,
                password_hash=password,
                role=role,
                department=department,
                # the second officer of four eyes: approves and publishes the department's policy versions
                publisher=username == "reviewer",
                display_name=f"{department}（审批发布）" if username == "reviewer" else department or "系统管理员",
            )
        )


# the platform's demo accounts, in the order they are listed (each plug-in's follow, in its own order)
DEMO_USERNAMES = (
    "enterprise1",
    "enterprise2",
    "enterprise3",
    "institute1",
    "talent1",
    "officer",
    "reviewer",
    "finance",
    "admin",
)


def demo_accounts(session: Session) -> list[DemoAccount]:
    """The demo logins as they stand: the demo password where it still opens the account, else say it changed."""
    names = [*DEMO_USERNAMES, *plugins.demo_usernames()]
    found = {a.username: a for a in session.scalars(select(Account).where(Account.username.in_(names)))}
    password = demo_password()
    # the demo accounts share a few hashes (one per seeding step): one argon2 run per distinct hash, not per account
    opens = {h: check_password(h, password) for h in {a.password_hash for a in found.values()}}
    return [
        DemoAccount(a.username, password if opens[a.password_hash] else "（已修改）", a.role, a.display_name)
        for name in names
        if (a := found.get(name)) is not None
    ]
