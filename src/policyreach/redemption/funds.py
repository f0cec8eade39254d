"""Fund budgets per period, the money ledger and its reconciliation (``policyreach audit funds``).

A fund's figures are sums of its ledger, never a counter: *committed* is what was promised and is neither given
back nor paid yet, *paid* is what the bank paid (less what was clawed back). Every commitment takes the fund-period
row with an UPDATE first: on PostgreSQL that row lock, and on SQLite its one writer, make the sum it then reads the
latest one, so two commitments can never both fit in the room only one has (docs/ARCHITECTURE.md, "Windows and
payouts").

An award may be shared by several funds and paid over several years: :func:`plan` splits it into one part per fund
and year, exact to the 分, and :func:`commit_plan` commits all of them or none. A batch pays the parts due by its
year (:func:`in_batch`, :func:`pay`); a clawback (:func:`claw_back`) reverses every payment on the fund and year it
was paid from and releases what was not yet paid.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, cast

from sqlalchemy import Update, func, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session

from policyreach.redemption import audit
from policyreach.redemption.states import STATE_ZH, ClaimRefused, State
from policyreach.rules.policy import split_exact
from policyreach.store.models import Application, Disbursement, Fund, FundBudget, LedgerEntry

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
COMMIT, RELEASE, PAY, CLAWBACK = "commit", "release", "pay", "clawback"
KIND_ZH = {COMMIT: "承诺", RELEASE: "释放", PAY: "拨付", CLAWBACK: "追回"}
WARN_AT = Decimal("0.80")
MAX_BUDGET = Decimal("9999999999999999.99")  # what DECIMAL(18,2) holds


class NotFunded(ClaimRefused):
    """The benefit's fund has no budget for this period: nothing may be committed on it."""


class OverBudget(ClaimRefused):
    """The commitment does not fit in what is left of the budget."""


def updated(session: Session, statement: Update) -> int:
    """Run a guarded UPDATE and say how many rows it changed: a compare-and-set lost when it is 0."""
    result = cast(CursorResult[Any], session.execute(statement.execution_options(synchronize_session=False)))
    return result.rowcount


def budget_period(day: dt.date) -> str:
    """The budget a commitment draws on is that of the calendar year in which it is made."""
    return str(day.year)


def yuan(value: Decimal) -> str:
    return f"{value:,.2f} 元"


@dataclass(frozen=True)
class Figures:
    fund_id: str
    period: str
    budget: Decimal | None  # None: no budget set for the period
    committed: Decimal
    paid: Decimal

    @property
    def used(self) -> Decimal:
        return self.committed + self.paid

    @property
    def remaining(self) -> Decimal:
        return (self.budget or ZERO) - self.used

    @property
    def share(self) -> Decimal | None:
        if not self.budget:
            return None
        return (self.used / self.budget).quantize(Decimal("0.0001"), ROUND_HALF_UP)

    @property
    def warning(self) -> str | None:
        """用完 at 100%, 紧张 from 80%: what the fund page and the officer see."""
        if self.budget is None:
            return "本期资金尚未安排"
        if self.used >= self.budget:
            return "本期额度已用完"
        if self.share is not None and self.share >= WARN_AT:
            return f"本期额度已使用 {self.share * 100:.1f}%，即将用完"
        return None


def _ledger_sums(session: Session, fund_id: str | None = None) -> dict[tuple[str, str], dict[str, Decimal]]:
    query = select(LedgerEntry.fund_id, LedgerEntry.period, LedgerEntry.kind, func.sum(LedgerEntry.amount)).group_by(
        LedgerEntry.fund_id, LedgerEntry.period, LedgerEntry.kind
    )
    if fund_id is not None:
        query = query.where(LedgerEntry.fund_id == fund_id)
    sums: dict[tuple[str, str], dict[str, Decimal]] = defaultdict(dict)
    for fund, period, kind, total in session.execute(query):
        sums[(fund, period)][kind] = Decimal(total or 0).quantize(CENT)
    return sums


def _figures_of(fund_id: str, period: str, budget: Decimal | None, sums: dict[str, Decimal]) -> Figures:
    committed = sums.get(COMMIT, ZERO) - sums.get(RELEASE, ZERO) - sums.get(PAY, ZERO)
    paid = sums.get(PAY, ZERO) - sums.get(CLAWBACK, ZERO)
    return Figures(fund_id, period, budget, committed, paid)


def figures(session: Session, fund_id: str | None = None) -> list[Figures]:
    """Budget, committed, paid and remaining for every fund and period that has a budget or ledger rows."""
    budgets = {
        (b.fund_id, b.period): b.budget
        for b in session.scalars(
            select(FundBudget) if fund_id is None else select(FundBudget).where(FundBudget.fund_id == fund_id)
        )
    }
    sums = _ledger_sums(session, fund_id)
    keys = sorted(set(budgets) | set(sums), key=lambda k: (k[0], k[1]), reverse=False)
    return [_figures_of(f, p, budgets.get((f, p)), sums.get((f, p), {})) for f, p in keys]


def figures_for(session: Session, fund_id: str, period: str) -> Figures:
    budget = session.scalar(select(FundBudget.budget).where(FundBudget.fund_id == fund_id, FundBudget.period == period))
    return _figures_of(fund_id, period, budget, _ledger_sums(session, fund_id).get((fund_id, period), {}))


def parse_money(text: str) -> Decimal:
    """An amount typed by a person: 元 with at most two places, positive, within DECIMAL(18,2)."""
    cleaned = text.strip().replace(",", "").replace("，", "").removesuffix("元").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ClaimRefused(f"金额“{text[:40]}”不是有效的数字（单位：元，最多两位小数）") from exc
    if not value.is_finite() or value <= 0:
        raise ClaimRefused("预算金额须为大于零的数字（单位：元）")
    if value > MAX_BUDGET:  # before quantizing: 1e308 has more digits than any context holds
        raise ClaimRefused("金额超出可记录的范围")
    if value != value.quantize(CENT):
        raise ClaimRefused("金额最多两位小数（单位：元）")
    return value.quantize(CENT)


def set_budget(session: Session, fund_id: str, period: str, amount: Decimal, reason: str, actor: str) -> Figures:
    """The finance role sets or changes a fund's budget for a period, with a reason, in the audit log.

    A budget below what is already committed and paid is refused with the figures: money promised is not unpromised
    by a budget change.
    """
    fund = session.get(Fund, fund_id)
    if fund is None:
        raise ClaimRefused(f"没有资金“{fund_id}”")
    if not (period.isdigit() and len(period) == 4 and 2000 <= int(period) <= 2100):
        raise ClaimRefused(f"预算期间“{period}”应为年份，例如 2026")
    if not reason.strip():
        raise ClaimRefused("调整预算须写明依据或理由（如预算批复文号）")
    # the same lock a commitment takes: no commitment slips in between the check and the change
    locked = updated(
        session,
        update(FundBudget)
        .where(FundBudget.fund_id == fund_id, FundBudget.period == period)
        .values(version=FundBudget.version + 1),
    )
    before = figures_for(session, fund_id, period)
    if amount < before.used:
        raise ClaimRefused(
            f"“{fund.name}”{period}年度已承诺 {yuan(before.committed)}、已拨付 {yuan(before.paid)}，"
            f"合计 {yuan(before.used)}；预算不能低于此数（拟设 {yuan(amount)}）"
        )
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    if locked:
        session.execute(
            update(FundBudget)
            .where(FundBudget.fund_id == fund_id, FundBudget.period == period)
            .values(budget=amount, set_by=actor, set_at=now)
            .execution_options(synchronize_session=False)
        )
    else:
        session.add(FundBudget(fund_id=fund_id, period=period, budget=amount, version=0, set_by=actor, set_at=now))
    session.flush()
    audit.record(
        session,
        actor,
        "fund.budget_set",
        f"fund:{fund_id}",
        {
            "period": period,
            "before": None if before.budget is None else str(before.budget),
            "after": str(amount),
            "reason": reason.strip()[:500],
        },
    )
    return figures_for(session, fund_id, period)


def has_budget(session: Session, fund_id: str, period: str) -> bool:
    return (
        session.scalar(select(FundBudget.fund_id).where(FundBudget.fund_id == fund_id, FundBudget.period == period))
        is not None
    )


def situation(session: Session, fund_id: str | None, period: str) -> tuple[Fund, Figures] | None:
    """The fund a benefit draws on and its figures this period (None for a benefit that pays no money out)."""
    fund = session.get(Fund, fund_id) if fund_id else None
    if fund is None:
        return None
    return fund, figures_for(session, fund.id, period)


def not_funded(fund_name: str, period: str) -> NotFunded:
    return NotFunded(f"本期资金尚未安排：“{fund_name}”{period}年度预算尚未下达，暂不能申领或核准，请关注后续通知")


@dataclass(frozen=True)
class Part:
    """One fund's share of an award due in one budget period: one commitment row of the ledger."""

    fund_id: str
    period: str
    amount: Decimal


def plan(
    shares: Sequence[tuple[str, Decimal]], schedule: Sequence[Decimal], amount: Decimal, first_period: str
) -> list[Part]:
    """The award split by fund share (市区按比例分担), then each share by instalment (the share due in the year of
    approval, the year after, …), exact to the 分: the parts add up to ``amount`` and the cent a split leaves goes
    to the lead fund and to the first instalment (``rules.policy.split_exact``)."""
    parts = []
    for (fund_id, _share), fund_amount in zip(shares, split_exact(amount, [s for _, s in shares]), strict=True):
        for offset, due in enumerate(split_exact(fund_amount, schedule)):
            if due > 0:
                parts.append(Part(fund_id, str(int(first_period) + offset), due))
    return parts


def commit(
    session: Session, application: Application, fund_id: str, period: str, amount: Decimal, actor: str
) -> LedgerEntry:
    """Promise ``amount`` of one fund's budget for ``period`` to the application, or refuse; one ledger row."""
    return commit_plan(session, application, [Part(fund_id, period, amount)], actor)[0]


def commit_plan(session: Session, application: Application, parts: Sequence[Part], actor: str) -> list[LedgerEntry]:
    """Promise every part (each fund's share in each period it falls due) or none: every fund-period row is taken
    first, then every one is checked against the ledger's latest sums, and only then are the rows written.

    A part that does not fit refuses the whole claim before anything is written; the caller's transaction (or
    savepoint) holds no partial commitment to roll back.
    """
    wanted: dict[tuple[str, str], Decimal] = defaultdict(lambda: ZERO)
    for part in parts:
        wanted[(part.fund_id, part.period)] += part.amount
    # the rows in one order: two claims drawing on the same two funds never wait on each other in a circle
    for fund_id, period in sorted(wanted):
        locked = updated(
            session,
            update(FundBudget)
            .where(FundBudget.fund_id == fund_id, FundBudget.period == period)
            .values(version=FundBudget.version + 1),
        )
        if not locked:
            raise not_funded(_name(session, fund_id), period)
    for (fund_id, period), amount in sorted(wanted.items()):
        now = figures_for(session, fund_id, period)
        assert now.budget is not None
        if now.used + amount > now.budget:
            raise OverBudget(
                f"“{_name(session, fund_id)}”{period}年度额度已用完（剩余 {yuan(max(now.remaining, ZERO))}，"
                f"本项需 {yuan(amount)}），请关注下一批次资金安排"
            )
    return [_row(session, application, p.fund_id, p.period, p.amount, COMMIT, actor) for p in parts]


def _name(session: Session, fund_id: str) -> str:
    fund = session.get(Fund, fund_id)
    return fund.name if fund is not None else fund_id


def _row(
    session: Session,
    application: Application,
    fund_id: str,
    period: str,
    amount: Decimal,
    kind: str,
    actor: str,
    disbursement_id: str | None = None,
) -> LedgerEntry:
    entry = LedgerEntry(
        fund_id=fund_id,
        period=period,
        application_id=application.id,
        amount=amount,
        kind=kind,
        at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
        by=actor,
        disbursement_id=disbursement_id,
    )
    session.add(entry)
    session.flush()  # the unique (application, fund, period, kind) refuses a second movement here, in this transaction
    return entry


def _entries(session: Session, application: Application) -> dict[str, list[LedgerEntry]]:
    kinds: dict[str, list[LedgerEntry]] = defaultdict(list)
    for entry in session.scalars(
        select(LedgerEntry).where(LedgerEntry.application_id == application.id).order_by(LedgerEntry.id)
    ):
        kinds[entry.kind].append(entry)
    return kinds


def _open(kinds: dict[str, list[LedgerEntry]]) -> list[LedgerEntry]:
    """The commitments neither paid nor given back yet."""
    closed = {(e.fund_id, e.period) for e in kinds.get(PAY, []) + kinds.get(RELEASE, [])}
    return [e for e in kinds.get(COMMIT, []) if (e.fund_id, e.period) not in closed]


def due(session: Session, application: Application, period: str | None) -> list[LedgerEntry]:
    """The commitments that fall due by ``period`` (every open one for None) and are not paid yet."""
    return [e for e in _open(_entries(session, application)) if period is None or e.period <= period]


def remaining_after(session: Session, application: Application, period: str | None) -> Decimal:
    """What is still committed for later periods once everything due by ``period`` is paid."""
    if period is None:
        return ZERO
    return _sum([e for e in _open(_entries(session, application)) if e.period > period])


def in_batch(session: Session, application: Application, period: str | None, batch_id: str | None = None) -> Decimal:
    """What a disbursement batch of budget year ``period`` pays the application: what fell due by then and is unpaid
    (the whole award unless it is paid in instalments), or, once the bank confirmed it, what batch ``batch_id`` paid."""
    kinds = _entries(session, application)
    if not kinds.get(COMMIT):  # money that was never committed on a fund (no fund behind it): the award as it is
        return application.amount or ZERO
    if batch_id is not None and application.state != State.DISBURSING:
        return _sum([e for e in kinds.get(PAY, []) if e.disbursement_id == batch_id])
    return _sum([e for e in _open(kinds) if period is None or e.period <= period])


def paid_of(session: Session, application: Application) -> Decimal:
    """What the bank paid the application so far, less what was clawed back."""
    kinds = _entries(session, application)
    return _sum(kinds.get(PAY, [])) - _sum(kinds.get(CLAWBACK, []))


def release(session: Session, application: Application, actor: str) -> Decimal:
    """Give the application's open commitments back to the funds (each to the period it was drawn from)."""
    total = ZERO
    for entry in _open(_entries(session, application)):
        _row(session, application, entry.fund_id, entry.period, entry.amount, RELEASE, actor)
        total += entry.amount
    return total


def pay(
    session: Session,
    application: Application,
    actor: str,
    period: str | None = None,
    disbursement_id: str | None = None,
) -> Decimal:
    """The bank paid what fell due by ``period`` (all of it for None): it moves from committed to paid, each part at
    most once (the unique constraint); the amount paid."""
    total = ZERO
    for entry in due(session, application, period):
        _row(session, application, entry.fund_id, entry.period, entry.amount, PAY, actor, disbursement_id)
        total += entry.amount
    return total


def claw_back(session: Session, application: Application, actor: str) -> tuple[Decimal, Decimal]:
    """追回: every payment comes back to the fund and period it was paid from (a clawback row each), and what was
    still committed for later instalments is given back; (recovered, released)."""
    kinds = _entries(session, application)
    recovered = ZERO
    for entry in kinds.get(PAY, []):
        _row(session, application, entry.fund_id, entry.period, entry.amount, CLAWBACK, actor)
        recovered += entry.amount
    return recovered, release(session, application, actor)


# -- reconciliation -----------------------------------------------------------------------------------------------

HOLDING = {State.APPROVED, State.NOTICE, State.OBJECTED, State.DISBURSING}
NO_MONEY = {State.OFFERED, State.SUBMITTED, State.HELD, State.MORE_MATERIAL, State.DECLINED}
PAYING = {State.DISBURSING, State.PART_PAID, State.PAID, State.CLAWED_BACK}  # may hold payment rows


def reconcile(session: Session) -> list[str]:
    """Every difference between the ledger, the applications, the budgets and the disbursement batches, per fund
    and period."""
    problems: list[str] = []
    rows: dict[int, dict[str, list[LedgerEntry]]] = defaultdict(lambda: defaultdict(list))
    for entry in session.scalars(select(LedgerEntry).order_by(LedgerEntry.id)):
        rows[entry.application_id][entry.kind].append(entry)
    applications = {a.id: a for a in session.scalars(select(Application).order_by(Application.id))}
    for application_id in sorted(set(rows) - set(applications)):
        problems.append(f"台账引用了不存在的申请 {application_id}")
    for application in applications.values():
        problems += _application_problems(application, rows.get(application.id, {}))
    for f in figures(session):
        if f.budget is None:
            problems.append(f"资金 {f.fund_id} {f.period} 年度没有预算，台账却有 {yuan(f.used)} 的承诺或拨付")
        elif f.used > f.budget:
            problems.append(
                f"资金 {f.fund_id} {f.period} 年度：已承诺 {yuan(f.committed)} + 已拨付 {yuan(f.paid)} "
                f"超出预算 {yuan(f.budget)}"
            )
        if f.committed < 0 or f.paid < 0:
            problems.append(f"资金 {f.fund_id} {f.period} 年度：释放或拨付多于承诺（承诺余额 {yuan(f.committed)}）")
    paid_in: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for kinds in rows.values():
        for entry in kinds.get(PAY, []):
            if entry.disbursement_id is not None:
                paid_in[entry.disbursement_id] += entry.amount
    for a in applications.values():  # money never committed on a fund is counted whole, as the batch did
        if a.disbursement_id and not rows.get(a.id, {}).get(COMMIT) and a.state in PAYING:
            paid_in[a.disbursement_id] += a.amount or ZERO
    for batch in session.scalars(select(Disbursement).order_by(Disbursement.id)):
        # what the bank confirmed of the batch, and what its applications still wait for from it
        waiting = sum(
            (
                e.amount
                for a in applications.values()
                if a.disbursement_id == batch.id and a.state == State.DISBURSING
                for e in _open(rows.get(a.id, {}))
                if batch.period is None or e.period <= batch.period
            ),
            ZERO,
        )
        if paid_in[batch.id] + waiting != batch.total:
            problems.append(
                f"拨付批次 {batch.id}：合计 {yuan(batch.total)}，其中已拨付 {yuan(paid_in[batch.id])}、"
                f"待银行确认 {yuan(waiting)}"
            )
    return problems


def _sum(entries: list[LedgerEntry]) -> Decimal:
    return sum((e.amount for e in entries), ZERO)


def _application_problems(application: Application, kinds: dict[str, list[LedgerEntry]]) -> list[str]:
    name = f"申请 {application.id}（{STATE_ZH.get(State(application.state), application.state)}）"
    commits, releases, pays = kinds.get(COMMIT, []), kinds.get(RELEASE, []), kinds.get(PAY, [])
    clawbacks = kinds.get(CLAWBACK, [])
    committed, released, paid, recovered = _sum(commits), _sum(releases), _sum(pays), _sum(clawbacks)
    state = State(application.state)
    out = []
    if state in NO_MONEY and any(kinds.values()):
        out.append(f"{name}：尚未核准，台账却有资金记录")
    if state in HOLDING | PAYING and application.fund_id and application.amount:
        if not commits:
            out.append(f"{name}：金额 {yuan(application.amount)}，台账没有承诺记录")
        elif committed != application.amount:
            out.append(f"{name}：金额 {yuan(application.amount)}，台账承诺 {yuan(committed)}")
        if commits and application.fund_id not in {e.fund_id for e in commits}:
            out.append(f"{name}：记在资金 {application.fund_id}，台账承诺在 {sorted({e.fund_id for e in commits})}")
    # per fund and period: nothing given back or paid that was not committed there, nothing recovered not paid
    committed_at = {(e.fund_id, e.period) for e in commits}
    paid_at = {(e.fund_id, e.period) for e in pays}
    if any((e.fund_id, e.period) not in committed_at for e in releases + pays):
        out.append(f"{name}：释放或拨付了未承诺的资金期间")
    if any((e.fund_id, e.period) not in paid_at for e in clawbacks) or recovered > paid:
        out.append(f"{name}：追回了未拨付的资金")
    if state in HOLDING - {State.DISBURSING} and (releases or pays):
        out.append(f"{name}：仍在途，台账却有释放或拨付记录")
    if state == State.DISBURSING and (releases or (commits and paid >= committed)):
        out.append(f"{name}：拨付中，台账却已释放或付清")
    if state == State.PAID and (paid != committed or releases):
        out.append(f"{name}：已拨付，台账拨付 {yuan(paid)}，承诺 {yuan(committed)}")
    if state == State.PART_PAID and (not ZERO < paid < committed or releases):
        out.append(f"{name}：分期拨付中，台账拨付 {yuan(paid)}，承诺 {yuan(committed)}")
    if state == State.CLAWED_BACK and (recovered != paid or paid + released != committed):
        out.append(
            f"{name}：已追回，台账拨付 {yuan(paid)}、追回 {yuan(recovered)}、释放 {yuan(released)}，"
            f"承诺 {yuan(committed)}"
        )
    if state == State.REJECTED and (released != committed or pays):
        out.append(f"{name}：已驳回，承诺的 {yuan(committed)} 没有全部释放")
    if state == State.WITHDRAWN and (released != committed or pays):
        out.append(f"{name}：事项撤销后终止办理，承诺的 {yuan(committed)} 没有全部释放")
    if state not in PAYING and pays:
        out.append(f"{name}：台账有拨付记录，申请却未标记为已拨付")
    if state != State.CLAWED_BACK and clawbacks:
        out.append(f"{name}：台账有追回记录，申请却未标记为已追回")
    return out
