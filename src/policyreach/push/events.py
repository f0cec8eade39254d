"""What makes the platform go to the firm: events, and the incremental re-matching they trigger.

- A benefit is published, changed or withdrawn (:func:`sync_library` diffs the library's rule versions
  against ``push_benefit_state``): that benefit only is re-matched against the whole population with the
  engine's batch path (job ``push.rematch_benefit``), and who newly qualifies, who is likely and who no
  longer qualifies is told.
- A firm's data changes (a self-declared edit found in ``value_changes`` by :func:`scan_changes`, or any
  other path calling :func:`entity_changed`): that firm only is re-matched against the whole library
  (job ``push.rematch_entity``).
- Time passes: :func:`tick` (run by the worker) enqueues the day's window reminders, 免申即享 offers, the
  digest and the audit chain check, each under a key of its date, so however often it runs each happens once a day.

Notifications are keyed ``<event kind>:<benefit>:<rule version>:<recipient>``: exactly once per recipient,
benefit, rule version and event kind, whatever is retried, re-run or run concurrently.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import polars as pl
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from policyreach import plugins, settings
from policyreach.app.ports import PlatformServices
from policyreach.engine.batch import BatchResult
from policyreach.push import audit_check, jobs, learning, rematch, steps
from policyreach.push.clock import Clock, current_clock, local
from policyreach.push.messages import WHO, BenefitTexts, benefit_version, from_match
from policyreach.push.models import BenefitState, Cursor, MatchState
from policyreach.push.notify import Message, notify_many
from policyreach.redemption import policy_lifecycle
from policyreach.rules.library import CompiledBenefit
from policyreach.rules.numbers import wan_text
from policyreach.store.models import Application, Entity, IngestChange, ValueChange

log = logging.getLogger("policyreach.push.events")
CLAIMABLE = ("eligible", "likely")


def versions(platform: PlatformServices) -> dict[str, str]:
    """Rule version of every benefit in force in the platform's library."""
    return {b.id: benefit_version(b) for b in platform.compiled.benefits}


def dedupe_key(kind: str, benefit_id: str, version: str, recipient: str, extra: str = "") -> str:
    return f"{kind}:{benefit_id}:{version}:{recipient}{':' + extra if extra else ''}"


# -- events --------------------------------------------------------------------------------------------------


def sync_library(session: Session, platform: PlatformServices, clock: Clock | None = None) -> list[int]:
    """Compare the library with what was last matched; one re-match job per published, changed or withdrawn
    benefit. The first run records a baseline (matched, nobody told), so starting the platform does not
    message the whole city about every policy at once."""
    clock = clock or current_clock()
    now = clock.now()
    jobs.advisory_lock(session, "push:sync_library")  # the web request and the worker's tick, one at a time
    known = {s.benefit_id: s for s in session.scalars(select(BenefitState))}
    baseline = not known
    current = versions(platform)
    benefits = {b.id: b for b in platform.compiled.benefits}
    made = []
    for benefit_id, version in current.items():
        state = known.get(benefit_id)
        if state is not None and state.version == version and not state.withdrawn:
            continue
        event = "baseline" if baseline else "published" if state is None or state.withdrawn else "changed"
        if state is None:
            state = BenefitState(benefit_id=benefit_id)
            session.add(state)
        spec = benefits[benefit_id].spec
        state.version, state.withdrawn, state.changed_at = version, False, now
        state.title, state.department = spec.title, spec.department
        state.policy_title = benefits[benefit_id].checked.policy.title
        made.append(_rematch_job(session, benefit_id, version, event, spec.department, clock))
    for benefit_id, state in known.items():
        if benefit_id not in current and not state.withdrawn:
            state.withdrawn, state.changed_at = True, now
            made.append(_rematch_job(session, benefit_id, state.version, "withdrawn", state.department, clock))
    session.flush()
    return made


def _rematch_job(
    session: Session, benefit_id: str, version: str, event: str, department: str | None, clock: Clock
) -> int:
    return jobs.enqueue(
        session,
        "push.rematch_benefit",
        {"benefit_id": benefit_id, "version": version, "event": event, "department": department},
        key=f"rematch:{benefit_id}:{version}:{event}",
        clock=clock,
    ).id


def library_changed(platform: PlatformServices, clock: Clock | None = None) -> list[int]:
    """Call after the library was (re)loaded, e.g. when an officer publishes: the re-match jobs queued.

    Never fails the caller (a web request publishing a policy): if the worker's own scheduler is diffing the
    library at this very moment and wins, its next round has queued the same jobs under the same keys."""
    from sqlalchemy.exc import DBAPIError, IntegrityError

    try:
        with platform.sessions() as session, session.begin():
            return sync_library(session, platform, clock)
    except (IntegrityError, DBAPIError) as exc:
        log.warning("library sync deferred to the worker: %s", exc)
        return []


def entity_changed(session: Session, entity_pk: int, reason: str, clock: Clock | None = None) -> int:
    """A firm's data changed (an import, a new certification, an edit): re-match it against the library."""
    return jobs.enqueue(
        session,
        "push.rematch_entity",
        {"entity_pk": entity_pk, "reason": reason},
        key=f"entity:{entity_pk}:{reason}",
        clock=clock,
    ).id


def scan_changes(session: Session, clock: Clock | None = None) -> int:
    """Turn new rows of ``value_changes`` (an edit, a list, a rollback: a row per value) and of ``ingest_changes`` (a
    registry batch: a row per entity) into one re-match job per changed firm; the number queued."""
    queued = 0
    for name, table, mark in (("value_changes", ValueChange, "vc"), ("ingest_changes", IngestChange, "ic")):
        cursor = session.get(Cursor, name) or Cursor(name=name, position=0)
        session.add(cursor)
        rows = session.execute(
            select(table.entity_pk, func.max(table.id)).where(table.id > cursor.position).group_by(table.entity_pk)
        ).all()
        for entity_pk, last in rows:
            entity_changed(session, entity_pk, f"{mark}{last}", clock)
        if rows:
            cursor.position = max(last for _, last in rows)
        queued += len(rows)
    return queued


# -- re-matching (job handlers) ------------------------------------------------------------------------------


@jobs.handler("push.rematch_benefit")
def rematch_benefit(ctx: jobs.JobContext) -> dict[str, Any]:
    """One benefit × all entities through the engine's batch path; messages written in chunks with progress."""
    from policyreach.engine.batch import match_population
    from policyreach.rules.library import compile_library

    platform = ctx.platform
    benefit_id, version, event = ctx.payload["benefit_id"], ctx.payload["version"], ctx.payload["event"]
    refresh_library(platform)  # published by another process: this worker may not have read the file yet
    if event != "withdrawn" and benefit_id not in {b.id for b in platform.compiled.benefits}:
        raise LookupError(f"{benefit_id} is not in this worker's library (yet): retried, then failed")
    with ctx.transaction() as session:
        previous = dict(
            session.execute(
                select(MatchState.entity_pk, MatchState.status).where(MatchState.benefit_id == benefit_id)
            ).all()
        )
        people = {
            eid: (pk, kind) for pk, eid, kind in session.execute(select(Entity.id, Entity.entity_id, Entity.kind))
        }
        frame = None if event == "withdrawn" else _population(session, platform)
    current: dict[int, str] = {}
    messages: list[Message] = []
    department = ctx.payload.get("department")
    if frame is not None:
        compiled = compile_library(platform.library, platform.as_of, benefit_ids=[benefit_id])
        result = match_population(compiled, frame)
        texts = BenefitTexts(compiled, compiled.benefits[0])
        # past this round's window nobody is invited: who qualifies is recorded, and the next round's opening
        # reminder (push.reminders) tells them when they can apply again
        closed = compiled.benefits[0].spec.application.window_on(platform.as_of).status == "closed"
        pairs = result.frame().with_columns(result.pairs["entity_idx"])
        chances = _chances(platform, frame, result)
        floor = float(settings.push_min_probability())
        for row in pairs.filter(pl.col("status").is_in(CLAIMABLE)).iter_rows(named=True):
            pk, kind_of_entity = people[row["entity_id"]]
            current[pk] = row["status"]
            if event == "baseline" or closed:
                continue  # the first run only records who qualifies
            chance = chances.get(row["entity_idx"]) if row["status"] == "likely" else None
            if chance is not None and chance < floor:
                continue  # recorded as likely, not told to apply: the learned probability is under the threshold
            # told before about this version and kind? the dedupe key makes the repeat a no-op
            kind = f"benefit.{row['status']}"
            outcomes = result.outcomes(row["entity_idx"], benefit_id) if row["status"] == "likely" else None
            subject, body = texts.message(kind, kind_of_entity, row["amount"], outcomes, probability=chance)
            messages.append(_message(pk, kind, subject, body, benefit_id, version, department))
    if event != "baseline":
        lost_kind = "benefit.withdrawn" if event == "withdrawn" else "benefit.lost"
        subject, body = _lost_text(platform, benefit_id, lost_kind, ctx)
        for pk, status in previous.items():
            if status in CLAIMABLE and pk not in current:
                messages.append(_message(pk, lost_kind, subject, body, benefit_id, version, department))
    written = _write(ctx, messages)
    with ctx.transaction() as session:
        jobs.advisory_lock(session, f"match_state:{benefit_id}")  # two runs of one benefit replace it in turn
        session.execute(delete(MatchState).where(MatchState.benefit_id == benefit_id))
        _upsert_states(
            session,
            [{"benefit_id": benefit_id, "entity_pk": pk, "status": s, "version": version} for pk, s in current.items()],
        )
        ctx.progress(session, len(messages), len(messages))
    return {"event": event, "claimable": len(current), "messages": len(messages), "written": written}


def _chances(platform: PlatformServices, frame: pl.DataFrame, result: BatchResult) -> dict[int, float]:
    """Entity (index of ``result``) → the learned probability of its likely pair (empty without a trained model):
    under POLICYREACH_PUSH_MIN_PROBABILITY it is not told to apply (BENCHMARKS.md, "Match truth"); above, its
    message says the probability."""
    if platform.likelihood is None:
        return {}
    from policyreach.likelihood import score

    scored = score(platform.likelihood, frame, result)
    return dict(zip(scored["entity_idx"].to_list(), scored["probability"].to_list(), strict=True))


def _unlikely(platform: PlatformServices, frame: pl.DataFrame, result: BatchResult) -> set[int]:
    """Entities (indexes of ``result``) whose likely pair is under POLICYREACH_PUSH_MIN_PROBABILITY: not told."""
    floor = float(settings.push_min_probability())
    return {e for e, p in _chances(platform, frame, result).items() if p < floor}


def _upsert_states(session: Session, rows: list[dict[str, Any]]) -> None:
    """Insert or update (a benefit's run and a firm's run may write the same pair at the same time)."""
    from sqlalchemy.dialects import postgresql, sqlite

    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    for start in range(0, len(rows), 10_000):
        statement = dialect.insert(MatchState)
        session.execute(
            statement.on_conflict_do_update(
                index_elements=["benefit_id", "entity_pk"],
                set_={"status": statement.excluded.status, "version": statement.excluded.version},
            ),
            rows[start : start + 10_000],
        )


_frames: dict[int, tuple[tuple, pl.DataFrame]] = {}


def _population(session: Session, platform: PlatformServices) -> pl.DataFrame:
    """The population frame, read again only when entities or their values changed (a baseline re-matches
    every benefit one after the other; each should not read the whole table again)."""
    stamp = (
        session.scalar(select(func.count()).select_from(Entity)),
        session.scalar(select(func.max(Entity.updated_at))),
        session.scalar(select(func.max(ValueChange.id))),
        session.scalar(select(func.max(IngestChange.id))),
        platform.as_of,
        platform.imports,
    )
    cached = _frames.get(id(platform))
    if cached is None or cached[0] != stamp:
        cached = (stamp, platform.frame(session))
        _frames[id(platform)] = cached
    return cached[1]


def _message(
    pk: int, kind: str, subject: str, body: str, benefit_id: str, version: str, department: str | None
) -> Message:
    recipient = f"e:{pk}"
    return Message(
        recipient,
        kind,
        subject,
        body,
        f"/me/benefits/{benefit_id}",
        dedupe_key(kind, benefit_id, version, recipient),
        department=department,
        benefit_id=benefit_id,
    )


def _lost_text(platform: PlatformServices, benefit_id: str, kind: str, ctx: jobs.JobContext) -> tuple[str, str]:
    from policyreach.push.messages import compose

    try:
        benefit = platform.compiled.benefit(benefit_id)
        policy_title, title = benefit.checked.policy.title, benefit.spec.title
    except KeyError:  # withdrawn: the names kept when it was last matched
        with ctx.transaction() as session:
            state = session.get(BenefitState, benefit_id)
            policy_title = (state.policy_title if state else None) or "相关政策"
            title = (state.title if state else None) or benefit_id
    return compose(
        kind=kind,
        who="您的企业",
        policy_title=policy_title,
        benefit_title=title,
        clauses=(),
        met=(),
        unknown=(),
        amount_wan=None,
        closes=None,
    )


def _write(ctx: jobs.JobContext, messages: list[Message]) -> int:
    """Chunk by chunk, each chunk in its own transaction with the job's progress: a worker killed here
    leaves whole chunks, and the next try skips what is written (ON CONFLICT DO NOTHING on the key)."""
    written, chunk, pause = 0, settings.push_chunk(), settings.push_chunk_pause()
    for start in range(0, len(messages), chunk):
        with ctx.transaction() as session:
            written += len(notify_many(session, messages[start : start + chunk], clock=ctx.clock))
            ctx.progress(session, min(start + chunk, len(messages)), len(messages))
        if pause:
            time.sleep(pause)  # spares the database on a busy day (POLICYREACH_PUSH_PAUSE)
    return written


@jobs.handler("push.rematch_entity")
def rematch_entity(ctx: jobs.JobContext) -> dict[str, Any]:
    """One entity × the whole library (the single-entity path); what became claimable, or stopped being."""
    platform = ctx.platform
    entity_pk = ctx.payload["entity_pk"]
    all_versions = versions(platform)
    with ctx.transaction() as session:
        entity = session.get(Entity, entity_pk)
        if entity is None:
            return {"entity": "missing"}
        who = WHO.get(entity.kind, "您")
        every = platform.matcher.match(platform.record(entity), keep_all=True, who=who)
        matches = [m for m in every if m.status in CLAIMABLE]
        # a benefit this firm no longer qualifies for: its match says why (hints are rendered only for those)
        now = {m.benefit_id: m for m in every}
        chances = platform.chances(session, entity) if any(m.status == "likely" for m in matches) else {}
        previous = dict(
            session.execute(
                select(MatchState.benefit_id, MatchState.status).where(MatchState.entity_pk == entity_pk)
            ).all()
        )
    current = {m.benefit_id: m for m in matches}
    messages = []
    floor = float(settings.push_min_probability())
    for m in matches:
        if previous.get(m.benefit_id) == m.status or m.window.status == "closed":
            continue  # told already, or past the window (the next round's opening reminder will tell)
        if m.status == "likely" and chances.get(m.benefit_id, 1.0) < floor:
            continue  # likely, but the learned probability is under the push threshold: not invited
        kind = f"benefit.{m.status}"
        subject, body = from_match(kind, m, who, chances.get(m.benefit_id))
        messages.append(
            _message(
                entity_pk, kind, subject, body, m.benefit_id, all_versions[m.benefit_id], m.benefit.spec.department
            )
        )
    for benefit_id, status in previous.items():
        if status in CLAIMABLE and benefit_id not in current and benefit_id in all_versions:
            was = now.get(benefit_id)
            subject, body = (
                from_match("benefit.lost", was, who)
                if was is not None
                else _lost_text(platform, benefit_id, "benefit.lost", ctx)
            )
            messages.append(
                _message(
                    entity_pk,
                    "benefit.lost",
                    subject,
                    body,
                    benefit_id,
                    all_versions[benefit_id],
                    platform.compiled.benefit(benefit_id).spec.department,
                )
            )
    with ctx.transaction() as session:
        written = len(notify_many(session, messages, clock=ctx.clock))
        session.execute(
            delete(MatchState).where(MatchState.entity_pk == entity_pk, MatchState.benefit_id.in_(list(all_versions)))
        )
        _upsert_states(
            session,
            [
                {
                    "benefit_id": m.benefit_id,
                    "entity_pk": entity_pk,
                    "status": m.status,
                    "version": all_versions[m.benefit_id],
                }
                for m in matches
            ],
        )
    return {"claimable": len(matches), "written": written}


# -- time: reminders, 免申即享 offers, digests ----------------------------------------------------------------


@jobs.handler("push.reminders")
def reminders(ctx: jobs.JobContext) -> dict[str, Any]:
    """Windows opening today, and windows closing in 7 or 1 days (POLICYREACH_REMINDER_DAYS), for firms that
    qualify and have not applied yet."""
    platform = ctx.platform
    day = dt.date.fromisoformat(ctx.payload["date"])
    all_versions = versions(platform)
    messages: list[Message] = []
    with ctx.transaction() as session:
        for benefit in platform.compiled.benefits:
            # the round in force on that day (an annual window's this year's, one of several declared rounds): a
            # reminder is never sent for a window that is not open that day
            window = benefit.spec.application.window_on(day)
            if window.status != "open":
                continue
            due: list[tuple[str, int | None]] = []
            if window.opens == day:
                due.append(("window.opens", None))
            if window.closes is not None and (window.closes - day).days in settings.reminder_days():
                due.append(("window.closing", (window.closes - day).days))
            if not due:
                continue
            applied = set(session.scalars(select(Application.entity_pk).where(Application.benefit_id == benefit.id)))
            targets = session.execute(
                select(MatchState.entity_pk, MatchState.status, Entity.kind)
                .join(Entity, Entity.id == MatchState.entity_pk)
                .where(MatchState.benefit_id == benefit.id)
            ).all()
            texts = BenefitTexts(platform.compiled, benefit, day)
            for kind, days_left in due:
                for pk, status, kind_of_entity in targets:
                    if pk in applied or (kind == "window.closing" and status != "eligible"):
                        continue
                    subject, body = texts.message(kind, kind_of_entity, None, days_left=days_left)
                    recipient = f"e:{pk}"
                    messages.append(
                        Message(
                            recipient,
                            kind,
                            subject,
                            body,
                            f"/me/benefits/{benefit.id}",
                            dedupe_key(kind, benefit.id, all_versions[benefit.id], recipient, str(days_left or "")),
                            department=benefit.spec.department,
                            benefit_id=benefit.id,
                        )
                    )
    return {"messages": len(messages), "written": _write(ctx, messages)}


def _day(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def offer_expiring(benefit: CompiledBenefit, application: Application, day: dt.date, version: str) -> Message | None:
    """An offer not confirmed before its window closes lapses: the firm is told again 7 and 1 days before
    (POLICYREACH_REMINDER_DAYS); None on other days and for a benefit without a closing date."""
    window = benefit.spec.application.window_on(day)
    if window.closes is None or window.status != "open":
        return None
    left = (window.closes - day).days
    if left not in settings.reminder_days():
        return None
    recipient = f"e:{application.entity_pk}"
    money = f"，金额 {wan_text(application.amount)}" if application.amount is not None else ""
    return Message(
        recipient,
        "offer.expiring",
        f"免申即享即将截止：{benefit.spec.title}",
        f"您的企业有一项免申即享兑现尚未确认{money}。申报窗口将于 {_day(window.closes)} 截止"
        f"（还剩 {left} 天），截止后不再办理。请在“我的申请”中确认对公银行账户。",
        "/me/applications",
        dedupe_key("offer.expiring", benefit.id, version, recipient, f"{application.period}:{left}"),
        department=benefit.spec.department,
        benefit_id=benefit.id,
    )


@jobs.handler("redemption.offer")
def offers(ctx: jobs.JobContext) -> dict[str, Any]:
    """免申即享 on the scheduler: this period's offers, then a message to each firm with an offer to confirm."""
    from policyreach.redemption.states import State
    from policyreach.redemption.workflow import offer_automatic

    platform = ctx.platform
    with ctx.transaction() as session:
        made = offer_automatic(session, platform)
    all_versions = versions(platform)
    messages = []
    with ctx.transaction() as session:
        for application in session.scalars(select(Application).where(Application.state == State.OFFERED)):
            benefit = platform.compiled.find(application.benefit_id)
            if benefit is None or benefit.spec.application.window_on(platform.as_of).status == "closed":
                continue  # withdrawn, or past the window: no invitation (the offer itself stays)
            recipient = f"e:{application.entity_pk}"
            amount = application.amount
            money = f"，金额 {wan_text(amount)}" if amount is not None else ""
            # the day the job was queued for, as the window reminders count it
            day = dt.date.fromisoformat(ctx.payload.get("date") or platform.as_of.isoformat())
            expiring = offer_expiring(benefit, application, day, all_versions.get(benefit.id, ""))
            if expiring is not None:
                messages.append(expiring)
            messages.append(
                Message(
                    recipient,
                    "offer.confirm",
                    f"免申即享待确认：{benefit.spec.title}",
                    f"根据权威部门数据，您的企业符合《{benefit.checked.policy.title}》规定的“{benefit.spec.title}”，"
                    f"无需申报{money}。请在“我的申请”中确认对公银行账户后即可兑现。",
                    "/me/applications",
                    dedupe_key(
                        "offer.confirm",
                        benefit.id,
                        all_versions.get(benefit.id, ""),
                        recipient,
                        f"{application.period}",
                    ),
                    department=benefit.spec.department,
                    benefit_id=benefit.id,
                )
            )
    return {"offers": made, "written": _write(ctx, messages)}


def announce(
    session: Session,
    platform: PlatformServices,
    benefit_id: str,
    subject: str,
    body: str,
    *,
    legal: bool,
    actor: str,
    clock: Clock | None = None,
) -> int:
    """An officer's notice to every firm that can claim a benefit (eligible or likely), sent in the background.

    Preferences apply (unsubscribed departments, quiet hours, digests) unless the notice is legally required:
    then it is marked 【依法告知】 and the officer's choice is kept in the audit log."""
    import hashlib

    from policyreach.redemption import audit

    digest = hashlib.sha256(f"{legal}\n{subject}\n{body}".encode()).hexdigest()[:16]
    job = jobs.enqueue(
        session,
        "push.announce",
        {"benefit_id": benefit_id, "subject": subject, "body": body, "legal": legal, "digest": digest},
        key=f"announce:{benefit_id}:{digest}",
        clock=clock,
    )
    audit.record(
        session, actor, "push.announce", f"benefit:{benefit_id}", {"subject": subject, "legal": legal, "job": job.id}
    )
    return job.id


@jobs.handler("push.announce")
def announce_job(ctx: jobs.JobContext) -> dict[str, Any]:
    platform, p = ctx.platform, ctx.payload
    found = platform.compiled.find(p["benefit_id"])  # withdrawn since: the notice still goes, without a department
    department = found.spec.department if found is not None else None
    with ctx.transaction() as session:
        targets = list(
            session.scalars(
                select(MatchState.entity_pk).where(
                    MatchState.benefit_id == p["benefit_id"], MatchState.status.in_(CLAIMABLE)
                )
            )
        )
    messages = [
        Message(
            f"e:{pk}",
            "notice.legal" if p["legal"] else "notice",
            p["subject"],
            p["body"],
            f"/me/benefits/{p['benefit_id']}",
            dedupe_key("announce", p["benefit_id"], p["digest"], f"e:{pk}"),
            legal=p["legal"],
            department=department,
            benefit_id=p["benefit_id"],
        )
        for pk in targets
    ]
    return {"messages": len(messages), "written": _write(ctx, messages)}


def tick(
    factory: sessionmaker[Session], platform: PlatformServices, clock: Clock | None = None, digest_hour: int = 8
) -> None:
    """The scheduler, run by the worker each round: library and data events, and the day's periodic jobs
    (keys carry the local date, so each runs once a day however many workers tick)."""
    clock = clock or current_clock()
    refresh_library(platform)
    platform.rebind_if_new_day()  # a worker running for weeks matches, reminds and offers on today's date
    day = local(clock).date()
    with factory() as session, session.begin():
        platform.use_imports(session)  # a list imported since the last round closes the world for this one
        policy_lifecycle.put_due_in_force(platform, session)  # a version published for today takes effect
        sync_library(session, platform, clock)
        scan_changes(session, clock)
        steps.announce(session, clock)  # each step of a firm's application, told in its inbox within a round
        _plugin_rounds(session, clock)  # the plug-ins' own steps (the conference's proposals, reports, activities)
        jobs.enqueue(session, "push.reminders", {"date": day.isoformat()}, key=f"reminders:{day}", clock=clock)
        jobs.enqueue(session, "redemption.offer", {"date": day.isoformat()}, key=f"offers:{day}", clock=clock)
        at = dt.datetime.combine(day, dt.time(digest_hour), tzinfo=local(clock).tzinfo)
        jobs.enqueue(session, "push.digest", {"date": day.isoformat()}, key=f"digest:{day}", run_at=at, clock=clock)
        audit_check.enqueue_daily(session, clock)
        learning.enqueue_nightly(session, clock)  # the learned likelihood, retrained on the day's data
        rematch.enqueue_nightly(session, clock)  # the stored matches and aggregates rebuilt from a full re-match


def _plugin_rounds(session: Session, clock: Clock) -> None:
    """Each plug-in's round in a savepoint: a plug-in that fails is logged and retried next round, and the policy
    side's own round (library events, a firm's steps) still commits."""
    for name, hook in plugins.rounds():
        try:
            with session.begin_nested():
                hook(session, clock)
        except Exception:
            log.exception("round of plug-in %s failed", name)


_fingerprints: dict[int, tuple] = {}


def refresh_library(platform: PlatformServices) -> bool:
    """Reload the library when its files changed on disk (published by another process); True if reloaded."""
    from policyreach.rules.library import load_library

    directory = Path(platform.library_dir)
    files: Iterable[Path] = sorted(directory.glob("*.yaml")) if directory.is_dir() else []
    fingerprint = tuple((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in files)
    previous = _fingerprints.get(id(platform))
    _fingerprints[id(platform)] = fingerprint
    if previous is None or previous == fingerprint:
        return False
    platform.use_library(load_library([directory], platform.schema))
    return True
