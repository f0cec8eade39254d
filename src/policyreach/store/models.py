"""The platform's tables. Attribute values are rows of ``entity_values`` (one per entity and column, typed, with
the value's provenance), read in bulk by ``store/entities.py``; every change of a value is kept in ``value_changes``."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, ClassVar

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, Numeric, SmallInteger, String, Text, UniqueConstraint, func
from sqlalchemy import false as sa_false
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator, TypeEngine

from policyreach.store import lengths

CENT = Decimal("0.01")


class Money(TypeDecorator[Decimal]):
    """元 with two places, exact in every database: ``NUMERIC(18,2)`` where it is exact (PostgreSQL), integer 分 on
    SQLite, whose NUMERIC columns keep fractions as binary floating point (docs/ARCHITECTURE.md, "Numbers")."""

    impl = Numeric(18, 2)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(18, 2, asdecimal=True))

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        if isinstance(value, float):  # a float here is a bug upstream: refuse it rather than round it silently
            raise TypeError("money must be a Decimal, never a float")
        amount = Decimal(value).quantize(CENT, ROUND_HALF_UP)
        return int(amount * 100) if dialect.name == "sqlite" else amount

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if dialect.name == "sqlite":
            return (Decimal(int(value)) / 100).quantize(CENT)
        return Decimal(value).quantize(CENT)


MONEY = Money()  # DECIMAL(18,2) 元, as docs/ARCHITECTURE.md, "Numbers" asks


class Hundredths(Money):
    """A figure exact to two places that is not money (an assessment's points): kept as money is, so that SQLite
    never holds it as binary floating point."""

    cache_ok = True


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON}


class Entity(Base):
    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    uscc: Mapped[str | None] = mapped_column(String(18), index=True)
    district: Mapped[str | None] = mapped_column(String(6), index=True)
    industry: Mapped[str | None] = mapped_column(String(8), index=True)
    updated_at: Mapped[dt.datetime] = mapped_column(server_default=func.now(), onupdate=func.now())

    accounts: Mapped[list[Account]] = relationship(back_populates="entity")
    # loaded with the entity (as the JSON document was), so that an entity read in one session still has its values
    # after it; bulk paths that never read them ask for ``lazyload(Entity.value_rows)``
    # (deleted by the ORM itself, not left to the database: PostgreSQL has no foreign key on them, migration g003i)
    value_rows: Mapped[list[EntityValue]] = relationship(
        cascade="all, delete-orphan", order_by="EntityValue.column", lazy="selectin"
    )

    # One entity's values as the JSON-like mapping every page and the single matcher read (decimals as exact
    # strings, dates in ISO): a view of its typed rows. Whole populations never come through here but through
    # store/entities.py, which reads and writes the rows in bulk.
    @property
    def values(self) -> dict[str, Any]:
        return {row.column: row.plain() for row in self.value_rows}

    @values.setter
    def values(self, values: dict[str, Any]) -> None:
        rows = {row.column: row for row in self.value_rows}
        kept = []
        for column, value in values.items():
            if value is None:
                continue
            row = rows.get(column) or EntityValue(column=column, year=year_of(column))
            row.put(value)
            kept.append(row)
        self.value_rows = kept  # rows no longer named are deleted (delete-orphan)
        self.updated_at = func.now()  # the rows changed, not this one: the simulation cache keys on it

    @property
    def provenance(self) -> dict[str, dict[str, Any]]:
        return {row.column: row.origin() for row in self.value_rows if row.source is not None}

    @provenance.setter
    def provenance(self, provenance: dict[str, Any]) -> None:
        for row in self.value_rows:  # a provenance without a value has nothing to describe
            info = provenance.get(row.column) or {}
            as_of = info.get("as_of")
            row.source = info.get("source")
            row.as_of = dt.date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
            row.batch_id = info.get("batch_id")
        self.updated_at = func.now()


MICRO = 10**6  # numbers are kept as exact integers of millionths: the engine's fixed point (rules/numbers.py)
_MAX_MICRO = 10**18  # |value| < 10**12, the engine's exact range (rules/ranges.py)
_YEAR = re.compile(r"_(\d{4})$")


def year_of(column: str) -> int | None:
    """The year of a year-indexed column (``revenue_2025`` → 2025), None for the others."""
    found = _YEAR.search(column)
    return int(found.group(1)) if found else None


def micro_of(value: object) -> int | None:
    """``value`` as an exact count of millionths when it is a finite number the engine holds exactly, else None."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite():
        return None
    scaled = number.scaleb(6)
    if scaled != scaled.to_integral_value() or abs(scaled) >= _MAX_MICRO:
        return None
    return int(scaled)


class EntityValue(Base):
    """One value of one entity: typed (``kind``: i integer, d decimal, s text, b flag, t date, f float, j other
    JSON) and, for anything that reads as a number, also as exact millionths in ``micro`` (a figure typed by a firm
    arrives as text and is still read as a number by the engine), with its provenance (source, as-of date, batch).

    The primary key (entity, column) keeps one row per value; ``year`` is the year of a year-indexed column."""

    __tablename__ = "entity_values"

    # the foreign key is the ORM's (it joins and orders by it); PostgreSQL does not check it per row: migration g003i
    entity_pk: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True)
    column: Mapped[str] = mapped_column(String(64), primary_key=True)
    year: Mapped[int | None] = mapped_column(SmallInteger)
    kind: Mapped[str] = mapped_column(String(1))
    micro: Mapped[int | None] = mapped_column(BigInteger)
    text: Mapped[str | None] = mapped_column(Text)
    flag: Mapped[bool | None]
    source: Mapped[str | None] = mapped_column(String(32))
    as_of: Mapped[dt.date | None]
    batch_id: Mapped[str | None] = mapped_column(String(64))

    def put(self, value: Any) -> None:
        """Keep a JSON-like value typed (what :meth:`plain` gives back is equal to it)."""
        kind, micro, text, flag = kind_of(value)
        if (self.kind, self.micro, self.text, self.flag) != (kind, micro, text, flag):
            self.kind, self.micro, self.text, self.flag = kind, micro, text, flag

    def plain(self) -> Any:
        return plain(self.kind, self.micro, self.text, self.flag)

    def origin(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "as_of": self.as_of.isoformat() if self.as_of is not None else None,
            "batch_id": self.batch_id,
        }


class EntityMatch(Base):
    """A kept pair (eligible, likely or partial) of the last match of an entity, with the entity's dimensions
    then: what the console's aggregates count (app/aggregates.py)."""

    __tablename__ = "entity_matches"

    entity_pk: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True)
    benefit_id: Mapped[str] = mapped_column(String(100), primary_key=True, index=True)
    status: Mapped[str] = mapped_column(String(10))
    cents: Mapped[int | None] = mapped_column(BigInteger)  # the amount in exact 分 (null: not known)
    district: Mapped[str] = mapped_column(String(12), default="")
    section: Mapped[str] = mapped_column(String(4), default="")
    size_class: Mapped[str] = mapped_column(String(16), default="")


class MatchAggregate(Base):
    """How many entities and how many 分 per benefit, status and dimensions, moved by increments only."""

    __tablename__ = "match_aggregates"

    benefit_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    status: Mapped[str] = mapped_column(String(10), primary_key=True)
    district: Mapped[str] = mapped_column(String(12), primary_key=True)
    section: Mapped[str] = mapped_column(String(4), primary_key=True)
    size_class: Mapped[str] = mapped_column(String(16), primary_key=True)
    entities: Mapped[int] = mapped_column(BigInteger, default=0)
    cents: Mapped[int] = mapped_column(BigInteger, default=0)


def kind_of(value: Any) -> tuple[str, int | None, str | None, bool | None]:
    """(kind, micro, text, flag) of a JSON-like value: how ``entity_values`` keeps it."""
    if isinstance(value, bool):
        return "b", None, None, value
    if isinstance(value, int):
        micro = micro_of(value)
        return ("i", micro, None, None) if micro is not None else ("s", None, str(value), None)
    if isinstance(value, Decimal):
        micro = micro_of(value)
        return ("d", micro, None, None) if micro is not None else ("s", None, format(value, "f"), None)
    if isinstance(value, float):
        return "f", micro_of(value), repr(value), None
    if isinstance(value, dt.date):
        return "t", None, value.isoformat(), None
    if isinstance(value, str):
        return "s", micro_of(value), value, None
    return "j", None, json.dumps(value, ensure_ascii=False), None


def plain(kind: str, micro: int | None, text: str | None, flag: bool | None) -> Any:
    """The JSON-like value a row keeps (decimals as exact strings, as the entity's mapping always gave them)."""
    if kind == "b":
        return flag
    if kind == "i":
        return int(micro or 0) // MICRO
    if kind == "d":
        return format((Decimal(micro or 0) / MICRO).normalize(), "f")
    if kind == "f":
        return float(text or "nan")
    if kind == "j":
        return json.loads(text or "null")
    return text


class Account(Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))  # enterprise | institute | talent | officer | admin
    entity_pk: Mapped[int | None] = mapped_column(ForeignKey("entities.id"))
    department: Mapped[str | None] = mapped_column(String(100))
    display_name: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())
    # the second factor (app/second_factor.py): the TOTP secret once confirmed, the one being enrolled, and the
    # last time step a code was accepted for (a code is never accepted twice)
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_pending: Mapped[str | None] = mapped_column(String(64))
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger)
    # set when an administrator chose the password: the next sign-in leads to the change page and nowhere else
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    # an officer who may approve, publish and withdraw its department's policies (four eyes: never its own draft)
    publisher: Mapped[bool] = mapped_column(default=False, server_default=sa_false())

    entity: Mapped[Entity | None] = relationship(back_populates="accounts")
    # set when the account is a firm's agent (经办人): it acts for the firm only within the authorisation's scopes
    agent: Mapped[FirmAgent | None] = relationship(back_populates="account", foreign_keys="FirmAgent.account_id")

    @property
    def agent_scopes(self) -> frozenset[str] | None:
        """What the authorization policy reads: None for an account acting in its own right (a firm's legal
        representative, an officer), else the agent's scopes, none at all once the authorisation is revoked."""
        if self.agent is None:
            return None
        return frozenset(self.agent.scopes) if self.agent.state == "active" else frozenset()


class FirmAgent(Base):
    """A firm's agent (经办人): an account the legal representative authorised for some tasks until a date.

    The authorisation ends at its expiry (a Beijing date, inclusive) or when revoked; the account then opens no
    session (``accounts.session_account``), and it stays so that the audit entries it wrote still name a person.
    """

    __tablename__ = "firm_agents"

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_pk: Mapped[int] = mapped_column(ForeignKey("entities.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), unique=True)
    name: Mapped[str] = mapped_column(String(50))
    phone: Mapped[str] = mapped_column(String(20))
    # the agent's own subject at the unified identity provider (OIDC ``sub``), when known
    subject: Mapped[str | None] = mapped_column(String(200), index=True)
    scopes: Mapped[list[str]] = mapped_column(JSON)  # a subset of authority.AGENT_SCOPES
    expires_on: Mapped[dt.date]
    state: Mapped[str] = mapped_column(String(12), default="active")  # active | revoked
    granted_by: Mapped[str] = mapped_column(String(64))
    granted_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())
    revoked_by: Mapped[str | None] = mapped_column(String(64))
    revoked_at: Mapped[dt.datetime | None]

    account: Mapped[Account] = relationship(back_populates="agent", foreign_keys=[account_id])

    def in_force(self, today: dt.date) -> bool:
        """Active and not past its last day (the city's date): an expired authorisation acts as revoked."""
        return self.state == "active" and today <= self.expires_on


class ValueChange(Base):
    """Who changed which value, from what to what, and on whose authority (import batch or own edit)."""

    __tablename__ = "value_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_pk: Mapped[int] = mapped_column(ForeignKey("entities.id"), index=True)
    column: Mapped[str] = mapped_column(String(64))
    old: Mapped[str | None] = mapped_column(String(200))
    new: Mapped[str | None] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(32))
    batch_id: Mapped[str | None] = mapped_column(String(64))
    account_pk: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    at: Mapped[dt.datetime] = mapped_column(server_default=func.now())


class Interaction(Base):
    """A firm's own use of the portal: views, favourites, dismissals, 'applied elsewhere'."""

    __tablename__ = "interactions"
    __table_args__ = (Index("ix_interactions_entity_benefit", "entity_pk", "benefit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_pk: Mapped[int] = mapped_column(ForeignKey("entities.id"))
    benefit_id: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(24))  # view | favourite | unfavourite | dismiss | applied_elsewhere
    at: Mapped[dt.datetime] = mapped_column(server_default=func.now())


class Fund(Base):
    """A pot of money behind one or more benefits: every ``fund:`` the library names is a row. Its money is per
    period (:class:`FundBudget`) and every movement of it a row of :class:`LedgerEntry`."""

    __tablename__ = "funds"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    mode: Mapped[str] = mapped_column(String(8), default="fcfs")  # fcfs | batch


class FundBudget(Base):
    """The budget the finance bureau set for one fund in one period (a calendar year). What is committed and paid
    is never stored here: it is the ledger's sum. ``version`` moves at every commitment, which makes the update
    that takes this row the lock that serialises commitments against the same budget."""

    __tablename__ = "fund_budgets"

    fund_id: Mapped[str] = mapped_column(ForeignKey("funds.id"), primary_key=True)
    period: Mapped[str] = mapped_column(String(16), primary_key=True)
    budget: Mapped[Decimal] = mapped_column(MONEY)
    version: Mapped[int] = mapped_column(default=0)
    set_by: Mapped[str] = mapped_column(String(64))
    set_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())


class LedgerEntry(Base):
    """One movement of money, written in the transaction of the state change that causes it.

    Kinds: ``commit`` (promised to an application), ``release`` (the promise given back), ``pay`` (the bank paid
    it) and ``clawback`` (paid money recovered). Each kind happens at most once per application, fund and period
    (a benefit shared by several funds, or paid in instalments over several years, has one row per fund and
    period): the unique constraint, not a check, is what stops a second payment.
    """

    __tablename__ = "fund_ledger"
    __table_args__ = (
        UniqueConstraint("application_id", "fund_id", "period", "kind", name="uq_ledger_once"),
        Index("ix_fund_ledger_fund_period", "fund_id", "period"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    fund_id: Mapped[str] = mapped_column(ForeignKey("funds.id"))
    period: Mapped[str] = mapped_column(String(16))
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    amount: Mapped[Decimal] = mapped_column(MONEY)  # always positive; the kind says which way it moves
    kind: Mapped[str] = mapped_column(String(12))
    at: Mapped[dt.datetime] = mapped_column(server_default=func.now())
    by: Mapped[str] = mapped_column(String(64))
    disbursement_id: Mapped[str | None] = mapped_column(String(32))  # a payment: the batch the bank paid it in


class Application(Base):
    """One claim of one entity for one benefit in one period, with the evidence it was decided on."""

    __tablename__ = "applications"
    __table_args__ = (
        UniqueConstraint("entity_pk", "benefit_id", "period", name="uq_application_once"),
        UniqueConstraint("entity_pk", "exclusive_key", name="uq_application_exclusive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_pk: Mapped[int] = mapped_column(ForeignKey("entities.id"), index=True)
    benefit_id: Mapped[str] = mapped_column(String(64), index=True)
    period: Mapped[str] = mapped_column(String(16))
    exclusive_key: Mapped[str | None] = mapped_column(String(96))  # group:period; NULL when not exclusive
    state: Mapped[str] = mapped_column(String(24), index=True)
    version: Mapped[int] = mapped_column(default=0)  # moves with every state change (compare-and-set)
    redemption: Mapped[str] = mapped_column(String(12))
    amount: Mapped[Decimal | None] = mapped_column(MONEY)  # 元
    fund_id: Mapped[str | None] = mapped_column(ForeignKey("funds.id"))
    snapshot: Mapped[dict[str, Any]] = mapped_column(default=dict)
    idempotency_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    notice_until: Mapped[dt.date | None]
    disbursement_id: Mapped[str | None] = mapped_column(String(32), index=True)
    decided_by: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())
    updated_at: Mapped[dt.datetime] = mapped_column(server_default=func.now(), onupdate=func.now())


class AuditEntry(Base):
    """Append-only, hash-chained: each entry's keyed hash covers its content, its key id and the previous hash."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[str] = mapped_column(String(32))  # ISO timestamp, part of the hashed content
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(48))
    subject: Mapped[str] = mapped_column(String(96))
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    key_id: Mapped[str | None] = mapped_column(String(16))  # the audit secret that signed it (migration 0012)
    hash: Mapped[str] = mapped_column(String(64), unique=True)  # HMAC-SM3 (or HMAC-SHA256) under that secret


class AuditHead(Base):
    """The chain's head, written in the same transaction as each entry: deleting the tail is detected."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(primary_key=True)
    entries: Mapped[int]
    hash: Mapped[str] = mapped_column(String(64))


class Disbursement(Base):
    """A batch of approved, publicised applications sent to the finance bureau for payment."""

    __tablename__ = "disbursements"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    fund_id: Mapped[str | None] = mapped_column(String(64))
    department: Mapped[str | None] = mapped_column(String(100))  # a batch holds one department's applications
    created_by: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())
    total: Mapped[Decimal] = mapped_column(MONEY)
    state: Mapped[str] = mapped_column(String(12), default="sent")  # sent | paid
    # the budget year whose instalments the batch pays (those due by then); NULL for batches made before instalments
    period: Mapped[str | None] = mapped_column(String(16))


class Material(Base):
    """An uploaded document of an application, stored outside the web root under a random name."""

    __tablename__ = "materials"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    stored_as: Mapped[str] = mapped_column(String(80))
    content_type: Mapped[str] = mapped_column(String(80))
    size: Mapped[int]


class LoginFailure(Base):
    """A failed login: kept in the database so that every server process counts the same failures."""

    __tablename__ = "login_failures"
    __table_args__ = (
        Index("ix_login_failures_key", "username", "address", "at"),
        Index("ix_login_failures_address", "address", "at"),  # the hard block of a source address
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[float]  # seconds since the epoch, as the limiter's clock gives them


class AuthSession(Base):
    """A signed-in browser or an API token, looked up at every request: deleting the row ends it server-side
    (logout, password change), whatever copy of the cookie or token is replayed afterwards."""

    __tablename__ = "auth_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # SHA-256 of the secret the cookie carries
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(8))  # web | api
    created_at: Mapped[float]  # seconds since the epoch
    expires_at: Mapped[float] = mapped_column(index=True)
    # opened with a second factor (or the factor was enrolled in it): only such a session may move money
    second_factor: Mapped[bool] = mapped_column(default=False, server_default=sa_false())


class RecoveryCode(Base):
    """One single-use recovery code of an account's second factor; only its digest is kept (it is shown once)."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    digest: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[float | None]


class PasswordHistory(Base):
    """An account's earlier password hashes (argon2), the last few: a new password may not be one of them."""

    __tablename__ = "password_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    at: Mapped[float]


class ExternalIdentity(Base):
    """An identity of an OpenID Connect provider (issuer, subject) and the account it signs in as: made at its first
    sign-in, bound to the firm its credit code named (or the person), reused by every later one."""

    __tablename__ = "external_identities"
    __table_args__ = (UniqueConstraint("issuer", "subject", name="uq_external_identities_issuer_subject"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    issuer: Mapped[str] = mapped_column(String(255))
    subject: Mapped[str] = mapped_column(String(255))
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[float]  # seconds since the epoch
    last_login_at: Mapped[float]


class PlatformState(Base):
    """A value every process must agree on (the library version in force), read by each at every request."""

    __tablename__ = "platform_state"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
    changed_at: Mapped[dt.datetime] = mapped_column(server_default=func.now(), onupdate=func.now())


class Objection(Base):
    """One objection raised on the public notice (公示), kept whatever it did: froze the payout, was only recorded
    (a second one after an officer's decision, until an officer accepts that it brings new grounds), or came late
    (the application was already in a disbursement batch)."""

    __tablename__ = "objections"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    text: Mapped[str] = mapped_column(String(2000))
    contact: Mapped[str] = mapped_column(String(100), default="")
    address: Mapped[str] = mapped_column(String(64), default="")
    # freezing | pending (recorded, not freezing) | late | upheld | dismissed | no_new_grounds
    status: Mapped[str] = mapped_column(String(16), index=True)
    at: Mapped[dt.datetime] = mapped_column(server_default=func.now())
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decision: Mapped[str | None] = mapped_column(String(500))


class ObjectionQuota(Base):
    """How many objections one key (an address, an application, both) made in its current window.

    Counted by one conditional UPDATE, so every server process shares the count exactly; a row whose window ended is
    reused or pruned, which bounds the table by the keys active in one window.
    """

    __tablename__ = "objection_quota"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    until: Mapped[float] = mapped_column(index=True)  # seconds since the epoch when the window ends
    count: Mapped[int]


class WithdrawalDecision(Base):
    """An officer's decision on an application whose benefit left the library: pay on from the snapshot, or release
    its money with a reason. One per application (the primary key refuses a second)."""

    __tablename__ = "withdrawal_decisions"

    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), primary_key=True)
    decision: Mapped[str] = mapped_column(String(12))  # continue | release
    reason: Mapped[str] = mapped_column(String(500))
    decided_by: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(server_default=func.now())


class PolicyDraft(Base):
    """One version of a policy file: an upload that passed validation and its cases in a staging area, and its way
    through four eyes (draft → submitted → approved → published; returned to draft; a published version is
    superseded by the next one or withdrawn).

    The file's text lives here, so a refused or abandoned upload never touches the library directory
    (docs/ARCHITECTURE.md, "Several processes": the library on disk is what every process loads); every version
    ever published stays here with its text, which is how the library is read as of a past date.
    """

    __tablename__ = "policy_drafts"
    __table_args__ = (Index("uq_policy_drafts_version", "policy_id", "version", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(String(200))
    policy_id: Mapped[str] = mapped_column(String(120), index=True)
    title: Mapped[str] = mapped_column(String(400))
    department: Mapped[str] = mapped_column(String(120), index=True)
    text: Mapped[str] = mapped_column(Text)
    # draft | submitted | approved | published | superseded | withdrawn (app/policy_versions.STATE_ZH)
    state: Mapped[str] = mapped_column(String(16), default="draft")
    cases: Mapped[int] = mapped_column(default=0)
    uploaded_by: Mapped[str] = mapped_column(String(64))
    uploaded_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())
    published_by: Mapped[str | None] = mapped_column(String(64))
    published_at: Mapped[dt.datetime | None]
    version: Mapped[int] = mapped_column(default=1, server_default="1")  # 第 N 版 of its policy
    based_on: Mapped[int | None]  # the published version this one revises (the diff's other side)
    digest: Mapped[str | None] = mapped_column(String(64))  # sha256 of the text: Library.versions, the snapshot's
    effective_from: Mapped[dt.date | None]  # the first day the version is in force (set when published)
    submitted_by: Mapped[str | None] = mapped_column(String(64))
    submitted_at: Mapped[dt.datetime | None]
    approved_by: Mapped[str | None] = mapped_column(String(64))
    approved_at: Mapped[dt.datetime | None]
    ended_at: Mapped[dt.datetime | None]  # superseded or withdrawn
    withdrawn_by: Mapped[str | None] = mapped_column(String(64))
    withdrawn_on: Mapped[dt.date | None]  # the platform's date it left the library (the as-of reading's end)
    reason: Mapped[str | None] = mapped_column(String(500))  # the last returning or withdrawal reason


class SchemaExtension(Base):
    """An attribute the deployment added to the entity schema: proposed by a draft policy (a quantity the schema
    files lack), accepted by an officer (``app.schema_extension``); merged into the schema every process loads."""

    __tablename__ = "schema_extensions"

    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    label: Mapped[str] = mapped_column(String(100))
    type: Mapped[str] = mapped_column(String(16))
    unit: Mapped[str | None] = mapped_column(String(20))
    yearly: Mapped[bool] = mapped_column(default=False)
    department: Mapped[str | None] = mapped_column(String(120))
    description: Mapped[str | None] = mapped_column(String(500))
    policy_id: Mapped[str | None] = mapped_column(String(120))  # the draft that proposed it
    accepted_by: Mapped[str] = mapped_column(String(64))
    accepted_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())


class DisclosureConsent(Base):
    """Whether someone outside the government may see what the platform knows about an entity.

    A plug-in (the conference's 包保 ledger) asks under its own ``subject`` key; the entity grants or refuses in its
    portal, or the office named by the asking plug-in approves. Until then nothing about the entity is shown.
    """

    __tablename__ = "disclosure_consents"

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(String(120), unique=True)  # e.g. liaison:12
    entity_pk: Mapped[int] = mapped_column(ForeignKey("entities.id"), index=True)
    requester: Mapped[str] = mapped_column(String(200))  # who asks, as the entity reads it
    purpose: Mapped[str] = mapped_column(String(400))
    state: Mapped[str] = mapped_column(String(16), default="pending")  # pending | granted | refused | approved
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())


class AuditPrune(Base):
    """A range of the audit chain moved out of the database after the retention period (``app.retention``): the
    entries up to number ``entries`` were written to ``export_file`` first, and the chain now starts from ``hash``,
    the last pruned entry's (the anchor), so verification still passes from there."""

    __tablename__ = "audit_prunes"

    id: Mapped[int] = mapped_column(primary_key=True)
    entries: Mapped[int]  # entries pruned so far, this range included
    hash: Mapped[str] = mapped_column(String(64))  # the last pruned entry's hash: the next entry's prev_hash
    export_file: Mapped[str] = mapped_column(String(300))
    export_digest: Mapped[str] = mapped_column(String(64))  # SM3 of the export file
    at: Mapped[dt.datetime] = mapped_column(server_default=func.now())


class SensitiveValue(Base):
    """A personal datum kept encrypted (``store.crypto``: SM4 with an HMAC-SM3 tag, the key outside the database):
    a talent's ID number. ``key_id`` repeats the key the sealed value names, so a rotation can be checked by SQL."""

    __tablename__ = "sensitive_values"
    __table_args__ = (UniqueConstraint("entity_pk", "field"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_pk: Mapped[int] = mapped_column(ForeignKey("entities.id"), index=True)
    field: Mapped[str] = mapped_column(String(32))  # id_number
    key_id: Mapped[str] = mapped_column(String(16))
    sealed: Mapped[str] = mapped_column(String(400))
    updated_at: Mapped[dt.datetime] = mapped_column(server_default=func.now(), onupdate=func.now())


class SavedBankAccount(Base):
    """The account a firm's public money goes to, given once (typed twice) and offered for every claim and offer.

    The number is sealed like every personal datum (``store.crypto``; ``key_id`` repeats the key it names, so a
    rotation can be checked by SQL); its last four digits stay in clear for the pages. One row per entity: a change
    replaces it, and the audit chain keeps who changed it and when (never the number)."""

    __tablename__ = "bank_accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_pk: Mapped[int] = mapped_column(ForeignKey("entities.id"), unique=True)
    name: Mapped[str] = mapped_column(String(200))  # 户名: the registered name, checked when saved
    branch: Mapped[str] = mapped_column(String(100))  # 开户行
    key_id: Mapped[str] = mapped_column(String(16))
    sealed: Mapped[str] = mapped_column(String(400))
    tail: Mapped[str] = mapped_column(String(4))
    saved_by: Mapped[str] = mapped_column(String(64))
    saved_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())


class PersonalConsent(Base):
    """A talent's consent to the platform holding one kind of their personal data, for a stated purpose
    (个人信息保护法 art. 14-15): given when, withdrawn when. Not the disclosure consent above (who may see it)."""

    __tablename__ = "personal_consents"
    __table_args__ = (UniqueConstraint("entity_pk", "item"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_pk: Mapped[int] = mapped_column(ForeignKey("entities.id"), index=True)
    item: Mapped[str] = mapped_column(String(32))  # identity | education | housing
    purpose: Mapped[str] = mapped_column(String(400))  # the purpose as the talent read it when agreeing
    given_at: Mapped[dt.datetime]
    given_by: Mapped[str] = mapped_column(String(64))
    withdrawn_at: Mapped[dt.datetime | None]
    withdrawn_by: Mapped[str | None] = mapped_column(String(64))


class DeletionRequest(Base):
    """A talent's request to delete their personal data: done at once, or held with the law that keeps it."""

    __tablename__ = "deletion_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_pk: Mapped[int] = mapped_column(ForeignKey("entities.id"), index=True)
    requested_by: Mapped[str] = mapped_column(String(64))
    requested_at: Mapped[dt.datetime]
    state: Mapped[str] = mapped_column(String(8))  # done | held
    reason: Mapped[str] = mapped_column(String(500), default="")  # held: the law and the applications it covers
    held_until: Mapped[dt.date | None]


class IngestBatch(Base):
    """One batch a registry pushed (or an officer's file went through the same path): applied once per source and
    batch id (the unique constraint is the idempotency, never a look-up first), its report, and its rollback."""

    __tablename__ = "ingest_batches"
    __table_args__ = (UniqueConstraint("source", "batch_id", name="uq_ingest_batches_source_batch"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(32))
    batch_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    as_of: Mapped[dt.date]
    # a complete list the batch declares (the column is "registry"; DeclarativeBase already uses that name)
    list_name: Mapped[str | None] = mapped_column("registry", String(64))
    digest: Mapped[str] = mapped_column(String(64))  # sha256 of the body: the same id with other content is refused
    account_pk: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    submitted_by: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(16), default="applied")  # applied | rolled_back
    report: Mapped[dict[str, Any]] = mapped_column(default=dict)
    at: Mapped[dt.datetime] = mapped_column(server_default=func.now())
    rolled_back_at: Mapped[dt.datetime | None]
    rolled_back_by: Mapped[str | None] = mapped_column(String(64))


class IngestChange(Base):
    """What one batch did to one entity: one row per (batch, entity), never one per value (a city's first load is
    tens of millions of values). The values it wrote are the entity's ``entity_values`` rows that still carry the
    batch's provenance (source and batch id), ``cells`` of them when nothing changed them since; ``old`` keeps only
    what they replaced or what the batch removed (column → [value, provenance]), and is empty when the entity had
    nothing there before (a first load), so a rollback deletes the batch's values and restores ``old``. The id is
    also the worker's cursor: each row tells it one entity changed (``push.events.scan_changes``)."""

    __tablename__ = "ingest_changes"

    # the foreign keys are the ORM's; PostgreSQL does not check them per row: migration g004i
    id: Mapped[int] = mapped_column(primary_key=True)
    batch_pk: Mapped[int] = mapped_column(ForeignKey("ingest_batches.id"), index=True)
    entity_pk: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    created: Mapped[bool] = mapped_column(default=False)  # the batch created the entity: its rollback removes it
    cells: Mapped[int] = mapped_column(default=0)
    old: Mapped[Any] = mapped_column(JSON, nullable=True)


# a firm's agents page lists what each agent did: the audit entries written under its account
Index("ix_audit_log_actor", AuditEntry.actor)

lengths.install()  # every session refuses text longer than its column before writing (store/lengths.py)
