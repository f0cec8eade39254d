"""Registry batches (数据推送): what a registry's system account sends, written once, reported, and undoable.

The city's data-sharing platform (数据共享交换平台) pushes each source's updates as batches: JSON lines, CSV (UTF-8 or
GBK), XLSX or Parquet, read and checked by the same readers as an officer's file (``imports.validate``), so a file
through the console or ``policyreach ingest`` takes this very path. A batch

- is written once per source and batch id: the row of ``ingest_batches`` is inserted first in the batch's
  transaction and its unique constraint decides (two concurrent posts of one batch: one writes, the other waits for
  it and answers its report); the same id with other content is refused;
- writes only the attributes whose schema source is the batch's (``authority.may_write_source``): 税务 writes
  revenue and tax, never the 高企 certificate; an entity new to the platform is created only by the source of its key
  (市场监管 for a firm's credit code, 人社 for a talent);
- with a bad row writes nothing, and its report names every row and column in Chinese;
- declaring a complete list (``registry``, one of the schema's ``registries``) is applied as one
  (``store.registry_imports.apply_list``): whom it does not name has none;
- keeps, per entity it changed, one row of ``ingest_changes``: how many values it wrote (they carry its provenance,
  source and batch id) and only what they replaced or what it removed, nothing when the entity had nothing there
  (a first load is its values and a row per entity, not three rows per value), so :func:`rollback` deletes the
  values that still carry the batch's provenance and restores what they replaced, refusing while a later change
  has touched one of them since (a value no longer carrying the batch's provenance, or one it removed come back).

The report says the rows read, entities created, values changed, entities whose matches changed (each touched
entity matched before and after, up to ``POLICYREACH_INGEST_MATCH_LIMIT`` entities) and the errors by row.
Other processes see the change as they see any: the population cache is keyed on the entities' latest update and the
latest batch row (a batch does not rewrite each entity's row to mark it: its row per entity is the mark), and the
lists in force are read at every request (docs/ARCHITECTURE.md, "Several processes").
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, lazyload, selectinload

from policyreach import settings
from policyreach.app import aggregates, authority
from policyreach.app.platform import WHO, Platform
from policyreach.imports.headers import chinese_header
from policyreach.imports.validate import ImportIssue, validate_import
from policyreach.rules.schema import SELF_DECLARED, Schema
from policyreach.store.entities import (
    VALUE_COLUMNS,
    VALUE_TYPES,
    among,
    copy_table,
    copy_values,
    forget_values,
    read_values,
    write_values,
)
from policyreach.store.models import (
    MICRO,
    Entity,
    EntityValue,
    IngestBatch,
    IngestChange,
    ValueChange,
    kind_of,
    micro_of,
)
from policyreach.store.registry_imports import ListRefused, RegistryImport, apply_list

KEYS = {"enterprise": "uscc", "institute": "uscc", "talent": "id_hash"}
IDENTITY = frozenset({"uscc", "id_hash", "name", "entity_id", "kind"})
FORMATS = {"csv": ".csv", "jsonl": ".jsonl", "xlsx": ".xlsx", "parquet": ".parquet"}
SHOWN = 200  # entities named in a report (the counts cover all)
BEIJING = dt.timezone(dt.timedelta(hours=8))  # what people read
# the audit chain's append (``redemption.audit.record``), handed in by the web and the CLI: it lives a layer above
AuditRecord = Callable[[Session, str, str, str, dict[str, Any]], object]


@dataclass
class BatchReport:
    """What a batch did, or why it did nothing; the API, the console and the CLI show it."""

    source: str
    batch_id: str
    kind: str
    as_of: str
    registry: str | None = None
    state: str = "refused"  # applied | refused | rolled_back
    replayed: bool = False  # the batch id was applied before: nothing written this time
    rows: int = 0
    created: int = 0
    values_changed: int = 0
    entities_changed: int = 0
    matches_changed: int | None = None  # None: too many entities touched to match each before and after
    matches_changed_entities: list[str] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    restored: int | None = None  # after a rollback: values restored

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BatchReport:
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})

    def summary(self, source_label: str = "") -> str:
        """One sentence in Chinese (a page passes the source's name; a system account reads its own code)."""
        where = f"批次 {self.batch_id}（{source_label or self.source}，截至 {self.as_of}）"
        if self.errors:
            return f"{where}：{len(self.errors)} 处错误，未写入任何数据"
        if self.state == "rolled_back":
            return f"{where}已回滚：恢复 {self.restored or 0} 项数据"
        matched = "未逐一比较匹配结果" if self.matches_changed is None else f"{self.matches_changed} 个主体匹配结果变化"
        again = "（重复提交，未重复写入）" if self.replayed else ""
        return (
            f"{where}{again}：{self.rows} 行，新建 {self.created} 个主体，{self.entities_changed} 个主体的 "
            f"{self.values_changed} 项数据变化，{matched}"
        )


def error(row: int, column: str, value: str, reason: str) -> dict[str, Any]:
    """One error of a report: the row and column as the sender sees them, and the reason in Chinese."""
    issue = ImportIssue(row, column, value, reason)
    return {"row": row, "column": column, "value": value, "reason": reason, "message": str(issue)}


class BatchConflict(ValueError):
    """The batch id was used before for other content (or another kind or date): nothing written."""


BATCH_ID = re.compile(r"[0-9A-Za-z._\-\u4e00-\u9fff]+")


class RollbackRefused(ValueError):
    """A rollback that cannot be made (already rolled back, or values changed since): nothing changed."""


class BatchNotFound(LookupError):
    pass


def digest_of(path: Path, kind: str, as_of: dt.date, registry: str | None) -> str:
    """What makes two posts "the same batch": the body and what was declared with it."""
    sha = hashlib.sha256()
    with path.open("rb") as body:  # in chunks: a batch may be hundreds of megabytes
        while chunk := body.read(1 << 20):
            sha.update(chunk)
    sha.update(f"|{kind}|{as_of.isoformat()}|{registry or ''}".encode())
    return sha.hexdigest()


_quiet_lock = threading.Lock()
_quiet_count = 0


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """The cycle collector paused while a batch runs: a batch makes millions of row lists, dicts and values (none in
    a cycle), and the collector's passes over everything alive, triggered by those allocations, took a quarter of
    a city's batch's Python time. Counted across threads (the server's pool runs several batches): it resumes when
    the last batch is done, and what it missed is collected then."""
    global _quiet_count
    with _quiet_lock:
        _quiet_count += 1
        if _quiet_count == 1:
            gc.disable()
    try:
        yield
    finally:
        with _quiet_lock:
            _quiet_count -= 1
            if _quiet_count == 0:
                gc.enable()


@_no_cycle_collection()  # a fresh pause per call (a generator context manager recreates itself as a decorator)
def submit(
    platform: Platform,
    path: Path,
    *,
    source: str,
    kind: str,
    batch_id: str,
    as_of: dt.date,
    actor: authority.Actor | None,
    submitted_by: str,
    registry: str | None = None,
    audit_record: AuditRecord | None = None,
) -> BatchReport:
    """Validate ``path`` and write it as batch ``batch_id`` of ``source``, all or nothing, once.

    ``actor`` is the account sending it (a system account, or the administrator importing a file); None is the
    operator at the command line, who may write any source's attributes. Raises :class:`BatchConflict` when the
    batch id was applied with other content; a batch with errors returns a refused report and writes nothing.
    """
    report = BatchReport(source, batch_id, kind, as_of.isoformat(), registry)
    schema = platform.schema
    if source == SELF_DECLARED or source not in schema.sources:
        known = "、".join(f"{k}（{v}）" for k, v in schema.sources.items() if k != SELF_DECLARED)
        report.errors.append(error(1, "source", source, f"未知的数据来源；可选：{known}"))
        return report
    if actor is not None and not authority.may_write_source(actor, source):
        report.errors.append(error(1, "source", source, f"本账号无权以“{schema.source_label(source)}”的名义推送数据"))
        return report
    if not batch_id or len(batch_id) > 64:
        report.errors.append(error(1, "batch_id", batch_id, "批次号必填，且不超过 64 个字符"))
        return report
    if not BATCH_ID.fullmatch(batch_id):  # it is a segment of the report's and the rollback's address
        report.errors.append(error(1, "batch_id", batch_id, "批次号只能由字母、数字、汉字和 . _ - 组成"))
        return report
    reg = schema.registries.get(registry) if registry else None
    if registry and reg is None:
        report.errors.append(error(1, "registry", registry, f"模式中没有名单；可选：{'、'.join(schema.registries)}"))
        return report
    if reg is not None and (reg.source != source or kind not in reg.kinds):
        reason = f"名单“{reg.label}”由{schema.source_label(reg.source)}提供，覆盖{'、'.join(reg.kinds)}"
        report.errors.append(error(1, "registry", str(registry), reason))
        return report

    # a registry's rows carry plain decimals as their text and millionths (no Decimal per value); a complete
    # list's go to apply_list as the other imports give them
    result = validate_import(
        path, schema, kind, source=source, batch_id=batch_id, as_of=as_of, key_only=True, plain_numbers=reg is None
    )
    report.rows = result.data_rows
    # a column named in English (revenue_2025) is told in Chinese too: 营业收入(万元)·2025（revenue_2025）
    shown = {
        c.header: c.header
        if c.spec is None or c.header == chinese_header(c.spec, c.year)
        else f"{chinese_header(c.spec, c.year)}（{c.header}）"
        for c in result.columns
    }
    report.errors = [error(i.row, shown.get(i.column, i.column), i.value, i.reason) for i in result.errors]
    for column in result.columns:
        spec = column.spec
        if spec is None or spec.name in IDENTITY:
            continue
        if reg is not None and spec.name not in reg.complete:
            reason = f"名单“{reg.label}”只能包含{'、'.join(schema.attributes[a].label for a in reg.complete)}"
            report.errors.append(error(1, shown[column.header], column.header, reason))
        elif spec.source != source:
            reason = (
                f"该项数据来源为{schema.source_label(spec.source)}，本批次来源{schema.source_label(source)}无权写入"
            )
            report.errors.append(error(1, shown[column.header], column.header, reason))
    if report.errors:
        return report
    digest = digest_of(path, kind, as_of, registry)
    try:
        with platform.sessions() as session, session.begin():
            batch = IngestBatch(
                source=source,
                batch_id=batch_id,
                kind=kind,
                as_of=as_of,
                list_name=registry,
                digest=digest,
                account_pk=actor.id if actor is not None else None,
                submitted_by=submitted_by[:64],
                state="applied",
                report={},
            )
            session.add(batch)
            session.flush()  # the unique constraint answers here: a second post of the batch waits, then fails
            if reg is not None:
                _apply_list(session, platform, batch, result.rows, result.row_numbers, report)
            else:
                _apply_rows(session, platform, batch, result.rows, result.row_numbers, report, result.millionths)
            if report.errors:
                raise _Refused
            report.state = "applied"
            batch.report = report.as_dict()
            if audit_record is not None:
                _audit(audit_record, session, submitted_by, "ingest.batch", batch, report)
    except _Refused:
        report.state = "refused"
        report.values_changed = report.entities_changed = report.created = 0
        report.matches_changed, report.matches_changed_entities = None, []
        return report
    except IntegrityError as exc:
        return _replay(platform, source, batch_id, digest, exc)
    return report


class _Refused(Exception):
    """Rows the database side refused (an unknown entity): the transaction rolls back."""


def _replay(platform: Platform, source: str, batch_id: str, digest: str, cause: IntegrityError) -> BatchReport:
    with platform.sessions() as session:
        batch = load_batch(session, source, batch_id)
    if batch is None:  # not the batch's unique constraint after all: let the caller see the real failure
        raise cause
    if batch.digest != digest:
        raise BatchConflict(
            f"批次号 {batch_id} 已用于内容不同的批次（{batch.at:%Y-%m-%d %H:%M}），未写入：请换用新的批次号"
        )
    found = BatchReport.from_dict(batch.report)
    found.replayed = True
    found.state = batch.state
    return found


def _stored(value: Any) -> Any:
    # as the entities table keeps values (store/entities.py): JSON, decimals as exact strings, dates in ISO
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@dataclass
class _Head:
    """An entity's row as a batch reads and keeps it in step: plain values, not an ORM object (a batch of a
    hundred thousand firms would have the session track each one)."""

    id: int
    entity_id: str
    kind: str
    name: str
    district: str | None
    industry: str | None

    def entity(self) -> Entity:
        # a detached copy for the single matcher's record (never added to the session)
        return Entity(id=self.id, entity_id=self.entity_id, kind=self.kind, name=self.name)


_HEAD = (Entity.id, Entity.entity_id, Entity.kind, Entity.name, Entity.district, Entity.industry)


def _entities(session: Session, kind: str, keys: list[str], *, shared: bool = False) -> dict[str, _Head]:
    """The entities the rows name, locked in one order (two batches touching the same firms never deadlock):
    ``FOR UPDATE``, or ``FOR KEY SHARE`` when ``shared`` (:func:`_shared_lock` says when that is enough)."""
    found: dict[str, _Head] = {}
    by_key = Entity.uscc if KEYS[kind] == "uscc" else EntityValue.text
    lock: dict[str, Any] = {"read": True, "key_share": True} if shared else {}  # read + key_share: FOR KEY SHARE
    for condition in among(session, by_key, keys):
        if KEYS[kind] == "uscc":
            query = select(*_HEAD, Entity.uscc).where(condition).order_by(Entity.id).with_for_update(**lock)
        else:  # a talent is named by its identity hash, a value row
            query = (
                select(*_HEAD, EntityValue.text)
                .join(EntityValue, EntityValue.entity_pk == Entity.id)
                .where(Entity.kind == kind, EntityValue.column == "id_hash", condition)
                .order_by(Entity.id)
                .with_for_update(of=Entity, **lock)
            )
        for pk, entity_id, kind_, name, district, industry, key in session.execute(query):
            found[str(key)] = _Head(pk, entity_id, kind_, name, district, industry)
    return found


def _shared_lock(session: Session, source: str, repeats: bool) -> bool:
    """Whether this batch may lock its entities ``FOR KEY SHARE`` rather than ``FOR UPDATE``, so that batches of
    different sources naming the same firms write at the same time (a city's tax, statistics and science batches
    each lock every firm; under ``FOR UPDATE`` they wrote one after the other). True on PostgreSQL when the batch
    writes none of the entity row's columns (``_REPEATED``: it never updates that row) and nothing is maintained
    yet (``aggregates.rematch`` would lock the rows ``FOR UPDATE`` itself, and two batches upgrading their shared
    locks on one firm would deadlock: a batch of a built city keeps ``FOR UPDATE``).

    What the exclusive lock protected still holds: two sources never write the same value row (a batch writes only
    its source's attributes, ``authority.may_write_source``); the lock still keeps the entity from being deleted
    under the batch (a rollback of the batch that created it, which locks ``FOR UPDATE``: the value rows have no
    per-row foreign key, g003i) and keeps rollbacks and complete lists (``FOR UPDATE``) out; and batches of one
    source, which write the same value rows and record what they replaced for the rollback, run one at a time
    under a transaction-level advisory lock of their source (taken here, before any row lock). One moment is left
    open: should the first full rebuild commit while two such batches over the same firms are under way, both
    re-match under ``FOR UPDATE`` and PostgreSQL refuses one as a deadlock; that batch writes nothing and its
    sender posts it again."""
    if repeats or session.get_bind().dialect.name != "postgresql" or aggregates.built(session):
        return False
    session.execute(select(func.pg_advisory_xact_lock(func.hashtext(f"policyreach.ingest:{source}"))))
    return True


def _signature(
    platform: Platform, entity: Entity, values: dict[str, Any], sources: dict[str, Any]
) -> frozenset[tuple[str, str, str]]:
    matches = platform.matcher.match(platform.record_of(entity, values, sources), who=WHO.get(entity.kind))
    return frozenset((m.benefit_id, m.status, str(m.amount)) for m in matches)


# the values the entities table repeats as columns (_denormalise)
_REPEATED = ("name", "district", "employer_district", "industry")


def _apply_rows(
    session: Session,
    platform: Platform,
    batch: IngestBatch,
    rows: list[dict[str, Any]],
    numbers: list[int],
    report: BatchReport,
    millionths: dict[str, pl.Series],
) -> None:
    schema, source, kind = platform.schema, batch.source, batch.kind
    key_name = KEYS[kind]
    key_source = schema.attributes[key_name].source if key_name in schema.attributes else None
    keys = [str(row[key_name]) for row in rows if row.get(key_name)]
    compare = len(rows) <= settings.ingest_match_limit()
    # the columns this batch writes (rows are validated: every row has the same columns); an identity column of
    # another source names the entity and writes nothing
    names = list(rows[0]) if rows else []
    written = []
    for column in names:
        spec = schema.attributes.get(column) or schema.attributes.get(column.rpartition("_")[0])
        if column not in ("entity_id", "kind") and spec is not None and spec.source == source:
            written.append(column)
    # what the rows replace, and what the matches are computed on: every value when each entity is matched before
    # and after, else only the columns written, and those the entity row repeats when the batch writes one of them
    # (else they cannot move: a tax batch of a first load finds nothing to read)
    repeats = any(column in _REPEATED for column in written)
    entities = _entities(session, kind, keys, shared=_shared_lock(session, source, repeats))
    current = read_values(
        session,
        [e.id for e in entities.values()],
        None if compare else list(dict.fromkeys([*written, *(_REPEATED if repeats else ())])),
    )
    provenance = {"source": source, "as_of": batch.as_of.isoformat(), "batch_id": batch.batch_id}
    matched: list[str] = []
    # rows are validated (imports.validate): each has its key, and keys are unique within the batch
    new: list[tuple[dict[str, Any], str]] = []
    for number, row in zip(numbers, rows, strict=True):
        key = str(row[key_name])
        if key in entities:
            continue
        if source != key_source:
            label = schema.attributes[key_name].label if key_name in schema.attributes else key_name
            reason = (
                f"平台中没有该主体，请先由{schema.source_label(key_source or '')}推送主体登记信息"
                f"（{row.get('name') or '未填名称'}）"
            )
            report.errors.append(error(number, label, key, reason))
        elif not row.get("name"):
            report.errors.append(error(number, "名称", "", "新主体须填写名称"))
        else:
            new.append((row, key))
    if report.errors:
        return
    created_keys = set()
    created_pks = set()
    created_heads = []
    for key, head in _create_many(session, kind, new).items():  # one insert for all the batch's new entities
        entities[key] = head
        created_heads.append(head)
        current[head.id] = {}
        created_keys.add(key)
        created_pks.add(head.id)
        report.created += 1
    existing: list[tuple[int, str]] = []
    repeated: list[dict[str, Any]] = []
    out = _Rows(batch)
    touched: set[int] = set()
    if not compare:  # a registry's batch of a city: written by column, the per-row work only where it is needed
        heads = [entities[str(row[key_name])] for row in rows]
        cells_of, replaced_of, existing = _by_column(rows, heads, written, current, source, out, millionths)
        for position, (row, head) in enumerate(zip(rows, heads, strict=True)):
            cells = int(cells_of[position])
            created = head.id in created_pks
            if cells or created:
                out.change(head.id, created, cells, replaced_of.get(position, {}))
            if not cells:
                continue
            touched.add(head.id)
            if repeats:
                values = {c: v for c, (v, _) in current[head.id].items()}
                values.update((c, _stored(row[c])) for c in _REPEATED if c in written and row.get(c) is not None)
                moved = _repeated(head, values)
                if moved is not None:
                    repeated.append(moved)
            report.values_changed += cells
            report.entities_changed += 1
        rows = []  # done: the loop below is the per-value path of a batch small enough to compare matches
    for row in rows:
        key = str(row[key_name])
        head = entities[key]
        created = key in created_keys
        stored = current[head.id]
        values = {c: v for c, (v, _) in stored.items()}
        sources = {c: o for c, (_, o) in stored.items() if o is not None}
        entity = head.entity() if compare else None
        before = _signature(platform, entity, values, sources) if entity is not None and not created else None
        replaced: dict[str, Any] = {}
        cells = 0
        for column in written:
            value = row.get(column)
            if value is None:
                continue
            encoded = _encode(value)
            new_value, old = encoded[0], values.get(column)
            old_source = sources.get(column)
            if old == new_value and old_source is not None and old_source.get("source") == source:
                continue
            out.value(head.id, column, encoded)
            if column in stored:
                existing.append((head.id, column))
                replaced[column] = [old, old_source]
            values[column], sources[column] = new_value, provenance
            cells += 1
        if cells or created:
            out.change(head.id, created, cells, replaced)
        if cells:
            touched.add(head.id)
            moved = _repeated(head, values) if repeats or compare else None
            if moved is not None:
                repeated.append(moved)
                if entity is not None:
                    entity.name = head.name
            report.values_changed += cells
            report.entities_changed += 1
            if entity is not None and (created or before != _signature(platform, entity, values, sources)):
                matched.append(head.entity_id)
    # as store.entities.write_values writes them, from the columns gathered above (no object per value)
    forget_values(session, existing)
    copy_values(session, out.values_frame())
    for start in range(0, len(repeated), 5000):  # the entity rows' repeated columns, where they moved
        session.execute(update(Entity), repeated[start : start + 5000])
    copy_table(session, "ingest_changes", out.changes_frame())
    # the changed entities re-matched alone: their stored pairs and the console's aggregates follow by delta
    aggregates.rematch(platform, session, sorted(touched))
    report.matches_changed = len(matched) if compare else None
    report.matches_changed_entities = matched[:SHOWN]


def _by_column(
    rows: list[dict[str, Any]],
    heads: list[_Head],
    written: list[str],
    current: dict[int, dict[str, Any]],
    source: str,
    out: _Rows,
    millionths: dict[str, pl.Series],
) -> tuple[np.ndarray, dict[int, dict[str, Any]], list[tuple[int, str]]]:
    """The batch's values written column by column, as the per-value loop of :func:`_apply_rows` writes them: a
    value where the entity has none is written, encoded over the whole column (a city's first load is only
    these); one where it has a value goes through the per-value comparison (skipped when equal and of this source,
    else written and its old value kept for the rollback). A plain decimal's new value is its text and the
    millionths validation computed (``millionths``). Returns the values written per row, what they replaced per row
    (position → column → [old value, old provenance]) and the (entity, column) rows they replace."""
    n = len(rows)
    pks = [head.id for head in heads]
    cells = np.zeros(n, dtype=np.int64)
    replaced: dict[int, dict[str, Any]] = {}
    existing: list[tuple[int, str]] = []
    holders: dict[str, set[int]] = {}  # column → the entities with a value there (none, in a first load)
    for pk, stored in current.items():
        for column in stored:
            holders.setdefault(column, set()).add(pk)
    for column in written:
        values = [row.get(column) for row in rows]
        had = holders.get(column, set())
        fresh = [i for i, value in enumerate(values) if value is not None and (not had or pks[i] not in had)]
        for i in [i for i, value in enumerate(values) if value is not None and had and pks[i] in had]:
            old, old_source = current[pks[i]][column]
            encoded = _encode(values[i])
            if old == encoded[0] and old_source is not None and old_source.get("source") == source:
                continue
            out.value(pks[i], column, encoded)
            existing.append((pks[i], column))
            replaced.setdefault(i, {})[column] = [old, old_source]
            cells[i] += 1
        if fresh:
            cells[np.asarray(fresh, dtype=np.int64)] += 1
        plain = millionths.get(column)
        if fresh and plain is not None:
            micro = plain.gather(fresh)
            known = micro.is_not_null()
            flags = known.to_list()
            pks_known = pl.Series([pks[i] for i in fresh], dtype=pl.Int64).filter(known)
            texts = [values[i] for i, ok in zip(fresh, flags, strict=True) if ok]
            out.numbers(pks_known, column, micro.filter(known), texts)
            fresh = [i for i, ok in zip(fresh, flags, strict=True) if not ok]  # a Decimal (another notation): below
        if fresh:
            out.column(pl.Series([pks[i] for i in fresh], dtype=pl.Int64), column, [values[i] for i in fresh])
    return cells, replaced, existing


def _encode_column(values: list[Any]) -> pl.DataFrame | None:
    """kind, micro, text, flag of a column of validated values as :func:`_encode` gives them, by column operations
    for whole columns of decimals, integers or text (no Python object per value; a text's millionths once per
    distinct text with a digit); None for any other column."""
    try:
        series = pl.Series(values, strict=True)
    except (TypeError, ValueError, OverflowError, pl.exceptions.PolarsError):
        return None  # mixed types: value by value
    if isinstance(series.dtype, pl.Decimal) and (series.dtype.scale or 0) <= 6:
        if any(value.is_signed() for value in values):  # a minus sign (even of zero): as _encode writes it
            return None
        six = series.cast(pl.Decimal(38, 6)).cast(pl.String)  # "1200.500000": exact, six places
        micro = six.str.replace(".", "", literal=True).cast(pl.Int64)
        if (micro.abs() >= 10**18).any():
            return None
        text = six.str.replace(r"0+$", "").str.replace(r"\.$", "")  # format(normalize(), "f"): "1200.5", "0"
        return pl.DataFrame(
            {"kind": pl.repeat("s", len(values), eager=True), "micro": micro, "text": text},
        ).with_columns(pl.lit(None, pl.Boolean).alias("flag"))
    if series.dtype == pl.String:  # as kind_of gives text: itself, and its millionths when it reads as a number
        numeric = series.filter(series.str.contains(r"\d")).unique().to_list()  # no digit (any script): no number
        micro_of_text = {text: micro_of(text) for text in numeric}
        return pl.DataFrame(
            {
                "kind": pl.repeat("s", len(values), eager=True),
                "micro": series.replace_strict(micro_of_text, default=None, return_dtype=pl.Int64),
                "text": series,
            },
        ).with_columns(pl.lit(None, pl.Boolean).alias("flag"))
    if series.dtype == pl.Int64 and not (series.abs() >= 10**12).any():
        return pl.DataFrame(
            {"kind": pl.repeat("i", len(values), eager=True), "micro": series * MICRO},
        ).with_columns(pl.lit(None, pl.String).alias("text"), pl.lit(None, pl.Boolean).alias("flag"))
    return None


# (stored JSON-like value, kind, micro, text, flag): one new value, encoded once
Encoded = tuple[Any, str, int | None, str | None, bool | None]


def _encode(value: Any) -> Encoded:
    """A validated value as the batch writes it: the JSON-like value the entity's mapping gives back (``_stored``)
    and its ``entity_values`` columns (``kind_of`` of that value); the common types without a detour through the
    generic encoders."""
    if type(value) is Decimal:  # validated: at most six places and below 10^12, so its millionths are exact
        text = format(value.normalize(), "f")
        scaled = value.scaleb(6)
        if scaled == scaled.to_integral_value() and abs(scaled) < 10**18:
            return text, "s", int(scaled), text, None
    elif type(value) is int and abs(value) < 10**12:
        return value, "i", value * MICRO, None, None
    stored = _stored(value)
    kind, micro, text_, flag = kind_of(stored)
    return stored, kind, micro, text_, flag


class _Rows:
    """A batch's rows for ``entity_values`` (one per value) and ``ingest_changes`` (one per entity), gathered column
    by column and copied in bulk."""

    def __init__(self, batch: IngestBatch) -> None:
        self.batch = batch
        self.day = batch.as_of
        self.values: dict[str, list[Any]] = {c: [] for c in _VALUE_PARTS}
        self.parts: list[pl.DataFrame] = []  # whole columns encoded at once (_by_column)
        self.changes: dict[str, list[Any]] = {c: [] for c in _CHANGE_COLUMNS}

    def change(self, pk: int, created: bool, cells: int, replaced: dict[str, Any]) -> None:
        out = self.changes
        out["batch_pk"].append(self.batch.id)
        out["entity_pk"].append(pk)
        out["created"].append(created)
        out["cells"].append(cells)
        out["old"].append(json.dumps(replaced, ensure_ascii=False) if replaced else None)

    def value(self, pk: int, column: str, encoded: Encoded) -> None:
        _stored_value, kind, micro, text, flag = encoded
        values = self.values
        values["entity_pk"].append(pk)
        values["column"].append(column)
        values["kind"].append(kind)
        values["micro"].append(micro)
        values["text"].append(text)
        values["flag"].append(flag)

    def column(self, pks: pl.Series, column: str, values: list[Any]) -> None:
        """One column's new values for the entities ``pks`` (none of which has a value there)."""
        encoded = _encode_column(values)
        if encoded is None:  # text, dates, flags: each distinct value encoded once
            seen: dict[tuple[type, Any], Encoded] = {}
            for pk, value in zip(pks.to_list(), values, strict=True):
                key = (type(value), value)
                hit = seen.get(key)
                if hit is None:
                    hit = seen[key] = _encode(value)
                self.value(pk, column, hit)
            return
        self.parts.append(
            encoded.with_columns(pks.alias("entity_pk"), pl.lit(column, pl.String).alias("column"))
            .select(_VALUE_PARTS)
            .cast({c: VALUE_TYPES[c] for c in _VALUE_PARTS})
        )

    def numbers(self, pks: pl.Series, column: str, micro: pl.Series, texts: list[Any]) -> None:
        """One column's new plain decimals (their normalised text and millionths from validation) for ``pks``,
        none of which has a value there: as :func:`_encode` encodes a ``Decimal``, without one."""
        if not texts:
            return
        frame = pl.DataFrame(
            {
                "entity_pk": pks,
                "column": pl.repeat(column, len(texts), eager=True, dtype=pl.String),
                "kind": pl.repeat("s", len(texts), eager=True, dtype=pl.String),
                "micro": micro.cast(pl.Int64),
                "text": pl.Series(texts, dtype=pl.String),
            }
        )
        self.parts.append(frame.with_columns(pl.lit(None, pl.Boolean).alias("flag")).select(_VALUE_PARTS))

    def values_frame(self) -> pl.DataFrame:
        batch = self.batch
        frame = pl.DataFrame(self.values, schema={c: VALUE_TYPES[c] for c in _VALUE_PARTS})
        if self.parts:
            frame = pl.concat([frame, *self.parts], how="vertical")
        # by entity, the primary key's first column: the copied rows go into the key's index page after
        # page instead of column after column across every page (a first load's new entities append at its end),
        # and an entity's values share heap pages; about a fifth less of PostgreSQL's CPU for the copy
        return (
            frame.sort("entity_pk", maintain_order=True)
            .with_columns(
                pl.col("column").str.extract(r"_(\d{4})$").cast(pl.Int16).alias("year"),  # models.year_of
                pl.lit(batch.source, pl.String).alias("source"),
                pl.lit(self.day, pl.Date).alias("as_of"),
                pl.lit(batch.batch_id, pl.String).alias("batch_id"),
            )
            .select(VALUE_COLUMNS)
        )

    def changes_frame(self) -> pl.DataFrame:
        return pl.DataFrame(self.changes, schema=_CHANGE_COLUMNS)


_VALUE_PARTS = ("entity_pk", "column", "kind", "micro", "text", "flag")
_CHANGE_COLUMNS = {
    "batch_pk": pl.Int64,
    "entity_pk": pl.Int64,
    "created": pl.Boolean,
    "cells": pl.Int32,
    "old": pl.String,
}


def _repeated(head: _Head, values: dict[str, Any]) -> dict[str, Any] | None:
    """The entity row's new name, district and industry (as :func:`_denormalise`), or None when none moved."""
    name = str(values.get("name") or head.name)[:200]
    district = values.get("district") or values.get("employer_district") or head.district
    industry = values.get("industry") or head.industry
    if (name, district, industry) == (head.name, head.district, head.industry):
        return None
    head.name, head.district, head.industry = name, district, industry
    return {"id": head.id, "name": name, "district": district, "industry": industry}


def _create_many(session: Session, kind: str, new: list[tuple[dict[str, Any], str]]) -> dict[str, _Head]:
    """The batch's new entities, inserted at once; key → entity."""
    if not new:
        return {}
    heads = []
    for row, key in new:
        entity_id = str(
            row.get("entity_id") or (key if len(key) <= 31 else hashlib.sha256(key.encode()).hexdigest()[:24])
        )
        heads.append(
            {
                "entity_id": ("R" + entity_id)[:32] if not row.get("entity_id") else entity_id,
                "kind": kind,
                "name": str(row.get("name") or key)[:200],
                "uscc": key if KEYS[kind] == "uscc" else None,
                # the repeated columns as the batch gives them (it is their source: the key's source writes them)
                "district": _text(row.get("district") or row.get("employer_district")),
                "industry": _text(row.get("industry")),
            }
        )
    keys = {h["entity_id"]: key for h, (_, key) in zip(heads, new, strict=True)}
    # copied in (a first load creates every firm of a city here); the unique entity id still refuses a duplicate
    text = dict.fromkeys(("entity_id", "kind", "name", "uscc", "district", "industry"), pl.String)
    copy_table(session, "entities", pl.DataFrame(heads, schema=text))
    found: dict[str, _Head] = {}
    for condition in among(session, Entity.entity_id, list(keys)):
        found.update({keys[head[1]]: _Head(*head) for head in session.execute(select(*_HEAD).where(condition))})
    return found


def _text(value: Any) -> str | None:
    return None if value is None else str(_stored(value))


def _denormalise(entity: Entity, values: dict[str, Any]) -> None:
    # the entities table repeats a few values as columns for search and scoping; keep them in step
    entity.name = str(values.get("name") or entity.name)[:200]
    entity.district = values.get("district") or values.get("employer_district") or entity.district
    entity.industry = values.get("industry") or entity.industry


def _apply_list(
    session: Session,
    platform: Platform,
    batch: IngestBatch,
    rows: list[dict[str, Any]],
    row_numbers: list[int],
    report: BatchReport,
) -> None:
    """A complete list: ``apply_list`` writes it (whom it does not name has none); the changes are its diff."""
    schema = platform.schema
    reg = schema.registries[str(batch.list_name)]
    entities = list(
        session.scalars(
            select(Entity)
            .where(Entity.kind.in_(reg.kinds))
            .options(selectinload(Entity.value_rows))  # every entity's values in a few queries, not one each
            .order_by(Entity.id)
            .with_for_update(of=Entity)
        )
    )
    before = {
        e.id: ({a: e.values.get(a) for a in reg.complete}, {a: e.provenance.get(a) for a in reg.complete})
        for e in entities
    }
    numbers = {str(row.get("uscc") or row.get("id_hash") or ""): n for n, row in zip(row_numbers, rows, strict=True)}
    try:
        applied = apply_list(session, schema, reg.name, rows, batch.as_of, batch.batch_id, batch.submitted_by)
    except ListRefused as refused:
        for reason in refused.reasons:
            key = reason.partition("（")[0]
            report.errors.append(error(numbers.get(key, 1), KEYS[batch.kind], key, reason))
        return
    out = _Rows(batch)
    changed = 0
    for entity in entities:
        old_values, old_sources = before[entity.id]
        now_values, now_sources = entity.values, entity.provenance
        replaced: dict[str, Any] = {}
        cells = 0
        for attr in reg.complete:
            new = now_values.get(attr)
            if new == old_values[attr] and now_sources.get(attr) == old_sources[attr]:
                continue
            if old_values[attr] is not None:  # replaced, or withdrawn (a list's silence): restored by a rollback
                replaced[attr] = [old_values[attr], old_sources[attr]]
            cells += new is not None  # written with the list's provenance
            changed += 1
        if cells or replaced:
            out.change(entity.id, False, cells, replaced)
    session.flush()  # apply_list's values (and their value_changes rows, which it writes itself) first
    copy_table(session, "ingest_changes", out.changes_frame())
    aggregates.after_list(platform, session)
    report.values_changed = changed
    report.entities_changed = len(out.changes["entity_pk"])
    report.rows = applied.named
    report.matches_changed = None  # a list closes every unnamed entity: the console's aggregates show the effect


def load_batch(session: Session, source: str, batch_id: str) -> IngestBatch | None:
    return session.scalar(select(IngestBatch).where(IngestBatch.source == source, IngestBatch.batch_id == batch_id))


def batches(session: Session, source: str | None = None, limit: int = 50) -> list[IngestBatch]:
    query = select(IngestBatch).order_by(IngestBatch.id.desc()).limit(limit)
    if source is not None:
        query = query.where(IngestBatch.source == source)
    return list(session.scalars(query))


def _audit(
    record: AuditRecord, session: Session, actor: str, action: str, batch: IngestBatch, report: BatchReport
) -> None:
    """A batch and its rollback enter the audit chain: who changed registry data is part of the tamper-evident
    record (the values themselves are in ``ingest_changes``)."""
    counts = {"rows": report.rows, "created": report.created, "values_changed": report.values_changed}
    if report.restored is not None:
        counts["restored"] = report.restored
    subject = f"ingest:{batch.source}:{batch.batch_id}"
    record(session, actor, action, subject, {"as_of": str(batch.as_of), **counts})


def rollback(
    platform: Platform, source: str, batch_id: str, by: str, audit_record: AuditRecord | None = None
) -> BatchReport:
    """Restore every value batch ``batch_id`` of ``source`` changed (and remove the entities it created), all or
    nothing. Refused when it was rolled back already or a later change touched one of its values since."""
    with platform.sessions() as session, session.begin():
        # compare-and-set first: of two concurrent rollbacks one moves the state, the other finds it moved
        moved = session.execute(
            update(IngestBatch)
            .where(
                IngestBatch.source == source,
                IngestBatch.batch_id == batch_id,
                IngestBatch.state == "applied",
            )
            .values(state="rolled_back", rolled_back_at=dt.datetime.now(dt.UTC).replace(tzinfo=None), rolled_back_by=by)
        )
        batch = load_batch(session, source, batch_id)
        if batch is None:
            raise BatchNotFound(f"没有批次 {batch_id}（{source}）")
        if moved.rowcount != 1:  # type: ignore[attr-defined]
            at = batch.rolled_back_at
            when = f"于 {at.replace(tzinfo=dt.UTC).astimezone(BEIJING):%Y-%m-%d %H:%M}（北京时间）" if at else ""
            raise RollbackRefused(f"批次 {batch_id} 已{when}回滚")
        changes = [
            _Change(*row)
            for row in session.execute(
                select(IngestChange.entity_pk, IngestChange.created, IngestChange.cells, IngestChange.old)
                .where(IngestChange.batch_pk == batch.id)
                .order_by(IngestChange.id)
            )
        ]
        pks = sorted({c.entity_pk for c in changes})
        entities: dict[int, Entity] = {}
        for condition in among(session, Entity.id, pks):
            query = select(Entity).where(condition).order_by(Entity.id).options(lazyload(Entity.value_rows))
            entities.update({e.id: e for e in session.scalars(query.with_for_update())})
        changes = [c for c in changes if c.entity_pk in entities]
        current = read_values(session, list(entities))
        stale = [(c, n) for c in changes if (n := _changed_since(c, current[c.entity_pk], batch))]
        if stale:
            shown = "；".join(f"{entities[c.entity_pk].name}（{n} 项）" for c, n in stale[:10])
            raise RollbackRefused(
                f"批次 {batch_id} 写入的 {sum(n for _, n in stale)} 项数据此后已被更改（{shown}），无法回滚："
                "请先回滚之后的批次"
            )
        restored = _restore(session, entities, current, changes, batch)
        created = [entities[c.entity_pk] for c in changes if c.created]
        aggregates.rematch(platform, session, [e.id for e in created], gone=True)  # before their rows go
        _remove_created(session, created)
        aggregates.rematch(platform, session, pks)  # those restored, and any created entity something still holds
        if batch.list_name:
            session.execute(
                delete(RegistryImport).where(
                    RegistryImport.list_name == batch.list_name, RegistryImport.batch_id == batch.batch_id
                )
            )
            aggregates.after_list(platform, session)
        report = BatchReport.from_dict(batch.report)
        report.state, report.restored = "rolled_back", restored
        batch.report = report.as_dict()
        if audit_record is not None:
            _audit(audit_record, session, by, "ingest.rollback", batch, report)
    return report


@dataclass
class _Change:
    """One row of ``ingest_changes`` as a rollback reads it."""

    entity_pk: int
    created: bool
    cells: int
    old: dict[str, Any] | None


def _ours(origin: dict[str, Any] | None, batch: IngestBatch) -> bool:
    # a value carries its batch's provenance until something else writes it (a later batch, an edit, a list)
    return origin is not None and origin.get("source") == batch.source and origin.get("batch_id") == batch.batch_id


def _changed_since(change: _Change, current: dict[str, Any], batch: IngestBatch) -> int:
    """How many of the values the batch wrote or removed for this entity something else has changed since: a value
    it wrote no longer carries its provenance (``cells`` counts them), or one it removed is there again."""
    ours = sum(1 for _, origin in current.values() if _ours(origin, batch))
    back = sum(1 for column in change.old or {} if column in current and not _ours(current[column][1], batch))
    return abs(change.cells - ours) + back


def _restore(
    session: Session,
    entities: dict[int, Entity],
    current: dict[int, dict[str, Any]],
    changes: list[_Change],
    batch: IngestBatch,
) -> int:
    """Every value the batch wrote goes, and what it replaced or removed comes back with its provenance; each move
    enters the value history (``value_changes``), which tells the worker which entities changed."""
    restored = 0
    writes: list[tuple[int, str, Any, dict[str, Any] | None]] = []
    history: dict[str, list[Any]] = {c: [] for c in ("entity_pk", "column", "old", "new")}
    for change in changes:
        pk = change.entity_pk
        now = current[pk]
        replaced = change.old or {}
        columns = sorted({c for c, (_, origin) in now.items() if _ours(origin, batch)} | set(replaced))
        if not columns:
            continue
        values = {c: v for c, (v, _) in now.items()}
        for column in columns:
            was, origin = replaced.get(column) or (None, None)
            history["entity_pk"].append(pk)
            history["column"].append(column)
            history["old"].append(None if values.get(column) is None else str(values[column])[:200])
            history["new"].append(None if was is None else str(was)[:200])
            writes.append((pk, column, was, origin))
            if was is None:
                values.pop(column, None)
            else:
                values[column] = was
            restored += 1
        _denormalise(entities[pk], values)
    write_values(session, writes)
    text = dict.fromkeys(("column", "old", "new"), pl.String)
    frame = pl.DataFrame(history, schema={"entity_pk": pl.Int64, **text}).with_columns(
        pl.lit(batch.source, pl.String).alias("source"),
        pl.lit(f"rollback:{batch.batch_id}"[:64], pl.String).alias("batch_id"),
    )
    copy_table(session, "value_changes", frame)
    return restored


def _remove_created(session: Session, created: list[Entity]) -> None:
    """Entities the batch created go again, unless something holds them (an account, an application): then they
    stay, emptied of the batch's values. All at once (a first load's rollback removes a city's firms), and one by
    one only when something holds one of them."""
    if not created:
        return
    try:
        with session.begin_nested():
            _delete_entities(session, [e.id for e in created])
        for entity in created:
            session.expunge(entity)
        return
    except IntegrityError:
        pass
    for entity in created:
        try:
            with session.begin_nested():
                _delete_entities(session, [entity.id])
            session.expunge(entity)
        except IntegrityError:
            continue


def _delete_entities(session: Session, pks: list[int]) -> None:
    session.flush()  # the entity rows' own changes (their repeated columns) before they go
    for column in (EntityValue.entity_pk, ValueChange.entity_pk, IngestChange.entity_pk):
        for condition in among(session, column, pks):
            session.execute(delete(column.class_).where(condition))
    for condition in among(session, Entity.id, pks):
        session.execute(delete(Entity).where(condition).execution_options(synchronize_session=False))
    session.flush()


def submit_by_source(
    platform: Platform,
    path: Path,
    *,
    batch_id: str,
    as_of: dt.date,
    submitted_by: str,
    workdir: Path,
    audit_record: AuditRecord | None = None,
) -> list[BatchReport]:
    """A file holding several sources' columns (a first load, ``policyreach generate``'s output) as one batch per
    kind and source, ``<batch_id>-<kind>-<source>``: the key's source first (it creates the entities), each batch
    with only its own attributes. Stops at the first batch with errors (those before it stay written)."""
    frame = pl.read_parquet(path) if path.suffix.lower() == ".parquet" else pl.read_csv(path, infer_schema=False)
    reports: list[BatchReport] = []
    for kind, source, part_rows in split_by_source(frame, platform.schema):
        part = workdir / f"{batch_id}-{kind}-{source}.parquet"
        part_rows.write_parquet(part)
        report = submit(
            platform,
            part,
            source=source,
            kind=kind,
            batch_id=f"{batch_id}-{kind}-{source}"[:64],
            as_of=as_of,
            audit_record=audit_record,
            actor=None,
            submitted_by=submitted_by,
        )
        reports.append(report)
        if report.errors:
            return reports
    return reports


def split_by_source(frame: pl.DataFrame, schema: Schema) -> Iterator[tuple[str, str, pl.DataFrame]]:
    """A frame of several sources' columns as (kind, source, rows) batches, each with only its source's attributes
    and the identity columns; the key's source first, since its batch creates the entities."""
    from policyreach.population.catalogue import catalogue

    specs = {s.name: s for s in catalogue(schema)}
    kinds = frame["kind"].unique().sort().to_list() if "kind" in frame.columns else ["enterprise"]
    for kind in kinds:
        rows = frame.filter(pl.col("kind") == kind) if "kind" in frame.columns else frame
        key = KEYS[kind]
        by_source: dict[str, list[str]] = {}
        for column in rows.columns:
            name = column if column in specs else column.rpartition("_")[0]
            spec = specs.get(name)
            if spec is None or kind not in spec.kinds or name in (key, "name") or spec.source == SELF_DECLARED:
                continue
            if rows[column].null_count() == rows.height:
                continue
            by_source.setdefault(spec.source, []).append(column)
        key_source = specs[key].source
        for source in sorted(by_source, key=lambda s: (s != key_source, s)):
            identity = [
                c
                for c in ("entity_id", key, "name")
                if c in rows.columns and (c != "entity_id" or source == key_source)
            ]
            yield kind, source, rows.select(identity + by_source[source])
