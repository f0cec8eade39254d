"""The money side as a state machine (issue 18, "How it is proven"): random sequences of claims, applications,
decisions, notices, objections, batches, bank confirmations, budget changes, offers and days passing, on PostgreSQL.

After every step: committed + paid never exceeds a budget; the ledger's sums are the figures ``funds.figures``
reports and agree with every application's state; nothing is paid twice; every application moved only along the
state machine of ``redemption.states``; ``audit funds`` (``funds.reconcile``) and ``audit verify`` find nothing.
A step the workflow refuses changes nothing: it runs in a savepoint whose session is committed afterwards, so
anything written outside the savepoint (or left pending in the session) would show.

One platform is built once for the module on its own database; every run starts from no applications, no ledger,
an empty audit log, the platform's first day and tight budgets on the funds the run's firms draw on. `make test` runs
the same 25 sequences of up to 30 steps every time (derandomized: the coverage asserted at the end is then stable);
``MONEY_MACHINE_EXAMPLES=500`` runs that many random ones instead. Hypothesis switches whole rules off per sequence
(swarm testing), so rules aim at applications in a state they can move, and ``progress`` moves the furthest one on.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    rule,
    run_state_machine_as_test,
)
from openpyxl import load_workbook
from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from policyreach.app.funds import fund_of, shares_of
from policyreach.redemption import audit, funds
from policyreach.redemption.bank import check_bank_account
from policyreach.redemption.claims import one_click
from policyreach.redemption.facts import facts_of
from policyreach.redemption.states import TRANSITIONS, ClaimRefused, IllegalTransition, StaleState, State
from policyreach.redemption.workflow import (
    NotAllowed,
    batch_xlsx,
    claw_back,
    decide,
    departments_benefits,
    disburse,
    import_bank_file,
    move,
    object_to,
    offer_automatic,
    publish,
    resolve_objection,
    respond_to_offer,
    submit,
)
from policyreach.store.models import (
    Account,
    Application,
    AuditEntry,
    AuditHead,
    Disbursement,
    Entity,
    FundBudget,
    LedgerEntry,
    Material,
    Objection,
)
from tests.conftest import PLATFORM_AS_OF
from tests.platforms import demo_platform

FIRST_DAY = PLATFORM_AS_OF  # 2026-06-01: most windows open, several close during a run
LAST_DAY = dt.date(2027, 2, 28)  # days move forward up to here: windows close and a new budget year begins
REFUSED = (ClaimRefused, IllegalTransition, StaleState, NotAllowed)  # OverBudget and NotFunded are ClaimRefused
NOTICE_DAYS = 7
ACCOUNT = "6222 0202 0011 2233"
AIM = st.integers(-4, 15)  # below 0: the bundle's application, whatever its state
FOR = {  # the states a rule's action can move an application from (what it aims at)
    "approve": (State.SUBMITTED,),
    "more_material": (State.SUBMITTED,),
    "reject": (State.SUBMITTED, State.MORE_MATERIAL, State.OBJECTED),
    "publish": (State.APPROVED,),
    "object": (State.NOTICE,),
    "uphold": (State.OBJECTED,),
    "clawback": (State.PAID, State.PART_PAID),
}
STAGE = [  # how far along the way to payment
    State.HELD,
    State.SUBMITTED,
    State.MORE_MATERIAL,
    State.OFFERED,
    State.APPROVED,
    State.OBJECTED,
    State.NOTICE,
    State.DISBURSING,
    State.PART_PAID,
]
DONE = [State.PAID, State.REJECTED, State.DECLINED, State.CLAWED_BACK]  # nothing more to do but a clawback
DISTRICT = "mm-district-fund"
START = {State.APPROVED, State.SUBMITTED, State.OFFERED, State.HELD}  # what a new application may be


@dataclass(frozen=True)
class Pair:
    """A firm and a benefit it may claim (instant), apply for (review) or be offered (automatic)."""

    entity_pk: int
    benefit_id: str
    fund_id: str  # the lead fund
    amount: Decimal
    department: str
    shares: tuple[tuple[str, Decimal], ...]
    schedule: tuple[Decimal, ...]

    def parts(self, period: str) -> dict[tuple[str, str], Decimal]:
        """What a commitment made in budget year ``period`` needs of each fund and period."""
        return {(p.fund_id, p.period): p.amount for p in funds.plan(self.shares, self.schedule, self.amount, period)}


@dataclass
class World:
    platform: Any
    instant: list[Pair]
    review: list[Pair]
    automatic: list[Pair]

    @property
    def pairs(self) -> list[Pair]:
        return self.instant + self.review + self.automatic

    @property
    def funds(self) -> list[str]:
        return sorted({fund for p in self.pairs for fund, _share in p.shares})

    @property
    def departments(self) -> list[str]:
        return sorted({p.department for p in self.pairs})

    def unit(self, fund_id: str) -> Decimal:
        """The largest amount the run's firms may draw on a fund in one year: budgets are set in these units."""
        return max(a for p in self.pairs for (f, _), a in p.parts("2026").items() if f == fund_id)


def _shape_library(library: Path) -> None:
    """The run's copy of the sample library draws on funds every way the library can say: of the benefits naming a
    fund, in turn, one is shared with a district fund by thirds (0.666667/0.333333: a cent is left over on most
    awards), the next pays in two yearly instalments, the next both, the next as written."""
    line = re.compile(r"^    fund: (\S+)$", re.M)
    turn = itertools.count()

    def shaped(match: re.Match[str]) -> str:
        fund, way = match.group(1), next(turn) % 4
        out = [
            f"    funds: [{{fund: {fund}, share: 0.666667}}, {{fund: {DISTRICT}, share: 0.333333}}]"
            if way in (0, 2)
            else f"    fund: {fund}"
        ]
        if way in (1, 2):
            out.append("    instalments: [0.5, 0.5]")
        return "\n".join(out)

    for f in sorted(library.glob("*.yaml")):
        f.write_text(line.sub(shaped, f.read_text(encoding="utf-8")), encoding="utf-8")


def _pool(platform: Any) -> World:
    """A few firms of the sample city with money to claim, apply for or be offered on the first day, over several
    funds and departments; at most two benefits per fund so that funds fill up."""
    found: dict[str, list[Pair]] = {"instant": [], "review": [], "automatic": []}
    per_fund: Counter[tuple[str, str]] = Counter()
    wanted = {"instant": 5, "review": 5, "automatic": 3}
    with platform.sessions() as session:
        for entity in session.scalars(select(Entity).where(Entity.kind == "enterprise").order_by(Entity.id)):
            for match in platform.matcher.match(platform.record(entity)):
                spec = match.benefit.spec
                fund_id = fund_of(match.benefit)
                kind = spec.redemption
                if (
                    kind not in found
                    or len(found[kind]) >= wanted[kind]
                    or fund_id is None
                    or not match.amount
                    or match.status != "eligible"
                    or not match.provable
                    or not match.window.open
                    or spec.payout not in ("cash", "interest")
                    or per_fund[(kind, fund_id)] >= 2
                    or any(p.entity_pk == entity.id for p in found[kind])
                ):
                    continue
                amount = (match.amount * 10_000).quantize(Decimal("0.01"))
                found[kind].append(
                    Pair(
                        entity.id,
                        match.benefit_id,
                        fund_id,
                        amount,
                        spec.department,
                        shares_of(spec),
                        spec.schedule,
                    )
                )
                per_fund[(kind, fund_id)] += 1
    world = World(platform, found["instant"], found["review"], found["automatic"])
    assert world.instant and world.review and world.automatic, {k: len(v) for k, v in found.items()}
    return world


@pytest.fixture(scope="module")
def world(postgres_database, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    url = postgres_database("policyreach_money_machine")
    platform = demo_platform(
        tmp_path_factory.mktemp("money-machine"), url, 400, 31, FIRST_DAY, _shape_library, missing_rate=0.0
    )
    yield _pool(platform)
    platform.engine.dispose()


class _Firms:
    """The platform as ``offer_automatic`` sees it, matching only the run's firms: its own code, over a few firms
    instead of the whole city (every other attribute is the platform's)."""

    def __init__(self, platform: Any, entity_ids: set[str]) -> None:
        self._platform, self._ids = platform, entity_ids

    def __getattr__(self, name: str) -> Any:
        return getattr(self._platform, name)

    @property
    def matcher(self) -> Any:
        inner, ids = self._platform.matcher, self._ids

        class Only:
            def match(self, record: Any) -> Any:
                return inner.match(record) if record.entity_id in ids else []

        return Only()


# -- what the database holds, read whole: compared before and after a refused step, checked after every step -----


def _state(session: Session) -> dict[str, Any]:
    return {
        "applications": sorted(
            session.execute(
                select(
                    Application.id,
                    Application.state,
                    Application.version,
                    Application.amount,
                    Application.fund_id,
                    Application.disbursement_id,
                    Application.notice_until,
                    Application.reason,
                )
            ).all()
        ),
        "ledger": sorted(
            session.execute(
                select(
                    LedgerEntry.id,
                    LedgerEntry.fund_id,
                    LedgerEntry.period,
                    LedgerEntry.application_id,
                    LedgerEntry.amount,
                    LedgerEntry.kind,
                )
            ).all()
        ),
        "budgets": sorted(
            session.execute(select(FundBudget.fund_id, FundBudget.period, FundBudget.budget, FundBudget.version)).all()
        ),
        "batches": sorted(session.execute(select(Disbursement.id, Disbursement.total, Disbursement.state)).all()),
        "audit": session.execute(select(func.count(AuditEntry.id), func.max(AuditEntry.id))).one(),
    }


class MoneyMachine(RuleBasedStateMachine):
    world: World  # set by the test before the run
    tally: Counter[str]  # what the runs did, for the coverage check and BENCHMARKS.md

    applications = Bundle("applications")
    batches = Bundle("batches")

    def __init__(self) -> None:
        super().__init__()
        self.platform = self.world.platform
        self.seen: dict[int, str] = {}  # every application's state after the last step
        self.notice_until: dict[int, dt.date] = {}
        self.tally["sequences"] += 1
        with self.platform.sessions() as session, session.begin():
            for model in (Material, LedgerEntry, Objection, Application, Disbursement, AuditEntry, AuditHead):
                session.execute(delete(model))
            session.execute(delete(FundBudget).where(FundBudget.fund_id.in_(self.world.funds)))
        self.platform.pinned_as_of = FIRST_DAY
        self.platform.rebind_if_new_day()

    # -- running one step as the web layer does: commit when done; refused, the savepoint goes and the rest commits

    def session(self) -> Session:
        session = self.platform.sessions()
        session.execute(text("SET lock_timeout = '10s'"))  # one thread, two sessions: a wait would be a hang
        return session

    def step(self, name: str, action: Callable[[Session], Any], session: Session | None = None) -> Any:
        """The action's result, or the refusal it raised after checking that it changed nothing."""
        own = session is None
        session = session or self.session()
        try:
            with self.session() as reader:
                before = _state(reader)
            try:
                with session.begin_nested():
                    result = action(session)
            except REFUSED as exc:
                session.commit()
                with self.session() as reader:
                    assert _state(reader) == before, f"{name} was refused ({exc}) but changed the database"
                self.tally[f"{name}: {type(exc).__name__}"] += 1
                event(f"{name}: {type(exc).__name__}")
                return exc
            session.commit()
            self.tally[f"{name}: done"] += 1
            event(f"{name}: done")
            return result
        finally:
            if own:
                session.close()

    def officer(self, department: str | None) -> Account:
        if department is None:
            return Account(username="admin", password_hash="x", role="admin")
        return Account(username=f"officer:{department}", password_hash="x", role="officer", department=department)

    def aimed(self, application_id: int, aim: int, *states: State) -> int:
        """The bundle's application (``aim`` below 0), or one now in a state the rule acts on: so that runs get
        past their first steps instead of mostly trying moves the state machine refuses."""
        if aim < 0:
            return application_id
        with self.session() as session:
            fitting = sorted(session.scalars(select(Application.id).where(Application.state.in_(states))))
        return fitting[aim % len(fitting)] if fitting else application_id

    def application(self, session: Session, application_id: int) -> Application:
        found = session.get(Application, application_id)
        assert found is not None
        return found

    def figures(self, fund_id: str, period: str | None = None) -> funds.Figures:
        with self.session() as session:
            return funds.figures_for(session, fund_id, period or funds.budget_period(self.platform.as_of))

    def room_for(self, pair: Pair) -> tuple[bool, bool]:
        """(every fund and period it needs has a budget, and every one has room for its part) as of now."""
        needed = pair.parts(funds.budget_period(self.platform.as_of))
        now = {key: self.figures(*key) for key in needed}
        funded = all(f.budget is not None for f in now.values())
        return funded, funded and all(now[k].used + a <= (now[k].budget or 0) for k, a in needed.items())

    def new(self, result: Any) -> Any:
        """The application (id, state) a creating step returned, into the bundle when it is new to the run."""
        if isinstance(result, tuple) and result[0] not in self.seen:
            assert result[1] in START, result
            self.seen[result[0]] = result[1]
            return multiple(result[0])
        return multiple()

    # -- set-up ---------------------------------------------------------------------------------------------------

    @initialize(data=st.data())
    def budgets(self, data: st.DataObject) -> None:
        """Each fund of the run, this year and next (instalments fall due then): no budget (本期资金尚未安排), or room
        for one to four of its largest claims."""
        with self.session() as session:
            for fund_id in self.world.funds:
                for period in ("2026", "2027"):
                    units = data.draw(st.sampled_from([0, 1, 1, 2, 4]), label=f"{fund_id} {period}")
                    if units:
                        budget = self.world.unit(fund_id) * units
                        funds.set_budget(session, fund_id, period, budget, "年初预算", "finance")
            session.commit()

    # -- firms ------------------------------------------------------------------------------------------------------

    @rule(target=applications, pair=st.sampled_from(range(100)), keyed=st.booleans())
    def claim(self, pair: int, keyed: bool) -> Any:
        """即申即享: one click, with a checked account; a repeated click with its key finds the same application."""
        chosen = self.world.instant[pair % len(self.world.instant)]
        funded, room = self.room_for(chosen)

        def act(session: Session) -> tuple[int, str]:
            entity = session.get(Entity, chosen.entity_pk)
            assert entity is not None
            bank = check_bank_account(entity.name, ACCOUNT, entity.name)
            key = f"click-{chosen.entity_pk}-{chosen.benefit_id}" if keyed else None
            made = one_click(
                session, self.platform, entity, chosen.benefit_id, idempotency_key=key, actor="firm", bank=bank
            )
            return made.id, made.state

        result = self.step("claim", act)
        if isinstance(result, funds.OverBudget):  # some fund's share in some year did not fit
            assert funded and not room, result
        if isinstance(result, funds.NotFunded):  # some fund has no budget for a year a part falls due in
            assert not funded, result
        return self.new(result)

    @rule(target=applications, pair=st.sampled_from(range(100)))
    def apply(self, pair: int) -> Any:
        """申报审批: an application for review (no money moves until an officer approves)."""
        chosen = self.world.review[pair % len(self.world.review)]

        def act(session: Session) -> tuple[int, str]:
            entity = session.get(Entity, chosen.entity_pk)
            assert entity is not None
            bank = check_bank_account(entity.name, ACCOUNT, entity.name)
            made = submit(
                session, self.platform, entity, chosen.benefit_id, idempotency_key=None, actor="firm", bank=bank
            )
            return made.id, made.state

        return self.new(self.step("apply", act))

    @rule(target=applications)
    def offer(self) -> Any:
        """免申即享: the platform offers the run's firms what they can have without applying (once per period)."""
        firms = _Firms(self.platform, self._entity_ids({p.entity_pk for p in self.world.automatic}))
        before = set(self.seen)
        self.step("offer", lambda session: offer_automatic(session, firms))
        with self.session() as session:
            made = list(session.scalars(select(Application).where(Application.id.not_in(before or {0}))))
        for application in made:
            assert application.state == State.OFFERED
            self.seen[application.id] = application.state
        return multiple(*(a.id for a in made))

    def _entity_ids(self, pks: set[int]) -> set[str]:
        with self.session() as session:
            return set(session.scalars(select(Entity.entity_id).where(Entity.id.in_(pks))))

    @rule(application_id=applications, aim=AIM, accept=st.booleans())
    def answer(self, application_id: int, aim: int, accept: bool) -> None:
        """The firm confirms its account (the money is committed) or declines the offer."""
        application_id = self.aimed(application_id, aim, State.OFFERED)

        def act(session: Session) -> None:
            application = self.application(session, application_id)
            entity = session.get(Entity, application.entity_pk)
            assert entity is not None
            bank = check_bank_account(entity.name, ACCOUNT, entity.name) if accept else None
            respond_to_offer(session, self.platform, application, "accept" if accept else "decline", bank, "firm")

        self.step("accept offer" if accept else "decline offer", act)

    @rule(application_id=applications, aim=AIM)
    def resubmit(self, application_id: int, aim: int) -> None:
        application_id = self.aimed(application_id, aim, State.MORE_MATERIAL)
        self.step("resubmit", lambda s: move(s, self.application(s, application_id), State.SUBMITTED, "firm", "已补充"))

    @rule(application_id=applications, aim=AIM)
    def object(self, application_id: int, aim: int) -> None:
        application_id = self.aimed(application_id, aim, State.NOTICE)
        self.step("object", lambda s: object_to(s, self.application(s, application_id), "实际不在本区经营", "citizen"))

    # -- officers ---------------------------------------------------------------------------------------------------

    def _department(self, application_id: int) -> str:
        with self.session() as session:
            department = facts_of(self.platform, self.application(session, application_id)).department
        assert department is not None
        return department

    @rule(
        application_id=applications,
        aim=AIM,
        decision=st.sampled_from(["approve", "approve", "reject", "more_material", "other department"]),
    )
    def decide(self, application_id: int, aim: int, decision: str) -> None:
        if decision == "other department":
            return self.stranger_decides(application_id)
        application_id = self.aimed(application_id, aim, *FOR[decision])
        officer = self.officer(self._department(application_id))

        def act(session: Session) -> None:
            application = self.application(session, application_id)
            decide(session, self.platform, officer, application, decision, "核实" if decision != "approve" else "")

        self.step(decision, act)

    def stranger_decides(self, application_id: int) -> None:
        """An officer of another department is refused whatever the application's state."""
        others = [d for d in self.world.departments if d != self._department(application_id)] or ["某其他部门"]
        officer = self.officer(others[0])
        result = self.step(
            "approve (other department)",
            lambda s: decide(s, self.platform, officer, self.application(s, application_id), "approve"),
        )
        assert isinstance(result, NotAllowed)

    @rule(application_id=applications, aim=AIM)
    def publish(self, application_id: int, aim: int) -> None:
        application_id = self.aimed(application_id, aim, State.APPROVED)
        today = self.platform.today()
        done = self.step(
            "publish", lambda s: publish(s, self.application(s, application_id), today, "officer", NOTICE_DAYS)
        )
        if done is None:
            self.notice_until[application_id] = today + dt.timedelta(days=NOTICE_DAYS)

    @rule(application_id=applications, aim=AIM, upheld=st.booleans())
    def resolve(self, application_id: int, aim: int, upheld: bool) -> None:
        application_id = self.aimed(application_id, aim, State.OBJECTED)
        self.step(
            "uphold" if upheld else "dismiss",
            lambda s: resolve_objection(s, self.application(s, application_id), upheld, "officer", "经核实"),
        )

    @rule(target=batches, aim=AIM, everyone=st.booleans())
    def disburse(self, aim: int, everyone: bool) -> Any:
        """A department's officer (or an admin) batches what is due on the server's date, and only that."""
        ready = self._ready()
        if everyone:
            name = None
        elif aim >= 0 and ready:  # the department of an application whose notice ended
            name = self._department(ready[aim % len(ready)])
        else:
            name = self.world.departments[aim % len(self.world.departments)]
        batch_id = self._disburse(name)
        return multiple(*([(batch_id, name)] if batch_id else []))

    def _ready(self) -> list[int]:
        """The applications whose notice ended before today, and those paid in part whose next instalment fell due."""
        period = funds.budget_period(self.platform.today())
        with self.session() as session:
            query = select(Application.id).where(
                Application.state == State.NOTICE, Application.notice_until < self.platform.today()
            )
            part_paid = session.scalars(select(Application).where(Application.state == State.PART_PAID))
            return sorted([*session.scalars(query), *(a.id for a in part_paid if funds.in_batch(session, a, period))])

    def _disburse(self, name: str | None) -> str | None:
        officer = self.officer(name)
        today = self.platform.today()
        benefits = departments_benefits(self.platform, officer)
        due = set(self._ready())
        if benefits is not None:
            with self.session() as session:
                query = select(Application.id).where(Application.benefit_id.in_(sorted(benefits)))
                due &= set(session.scalars(query))

        def act(session: Session) -> str | None:
            batch = disburse(session, today, officer.username, benefits=benefits, department=name)
            return batch.id if batch is not None else None

        batch_id = self.step("disburse", act)
        with self.session() as session:
            query = select(Application.id).where(Application.disbursement_id == batch_id)
            batched = set(session.scalars(query)) if batch_id else set()
        assert batched == (due if batch_id else set()), (batched, due)
        assert all(self.notice_until[a] < today for a in batched)  # never before its notice ended
        return batch_id if isinstance(batch_id, str) else None

    @rule(batch=batches, tamper=st.sampled_from([None, None, None, "amount", "account", "unknown"]))
    def confirm_paid(self, batch: tuple[str, str | None], tamper: str | None) -> None:
        self._confirm(batch[0], batch[1], tamper)

    def _confirm(self, batch_id: str, department: str | None, tamper: str | None) -> None:
        """The bank's file: the batch's list with the receipt filled in; any altered row refuses the whole file."""
        with self.session() as session:
            found = session.get(Disbursement, batch_id)
            assert found is not None
            book = load_workbook(io.BytesIO(batch_xlsx(session, found)))
        sheet = book.worksheets[0]
        for row in sheet.iter_rows(min_row=2):
            row[9].value = f"BANK-{row[1].value}"
        if tamper == "amount":
            sheet.cell(row=2, column=7).value = Decimal(str(sheet.cell(row=2, column=7).value)) + Decimal("0.01")
        elif tamper == "account":
            sheet.cell(row=2, column=9).value = "6222020200119999"
        elif tamper == "unknown":
            sheet.append([batch_id, 999_999, "", "", "", "", "1.00", "", "", "BANK-X"])
        out = io.BytesIO()
        book.save(out)
        benefits = departments_benefits(self.platform, self.officer(department))
        result = self.step(
            "confirm paid" + (f" ({tamper} altered)" if tamper else ""),
            lambda s: import_bank_file(s, out.getvalue(), "finance", benefits=benefits),
        )
        if tamper:
            assert isinstance(result, ClaimRefused), result

    @rule(target=batches, aim=st.integers(0, 3))
    def progress(self, aim: int) -> Any:
        """Whoever acts next on an application does the obvious thing: the officer approves, the firm resubmits or
        accepts its offer, the officer publishes, dismisses the objection, batches once the notice ended (or the
        days pass until it does), the bank confirms. Swarm testing switches rules off for whole runs; with this one
        on, a run reaches payment in few steps."""
        with self.session() as session:
            moving = sorted(
                session.execute(
                    select(Application.id, Application.state, Application.disbursement_id).where(
                        Application.state.not_in(DONE)
                    )
                ).all()
            )
        if not moving:  # everything paid or settled: a paid firm is found to have broken a condition it must keep
            with self.session() as session:
                paid = sorted(session.scalars(select(Application.id).where(Application.state == State.PAID)))
            if paid:
                self.clawback(paid[aim % len(paid)], -1, "officer")
            return multiple()
        moving.sort(key=lambda row: (-STAGE.index(State(row[1])), row[0]))  # the furthest along first
        application_id, state, batch_id = moving[aim % len(moving)]
        department = self._department(application_id)
        officer = self.officer(department)
        if state == State.SUBMITTED:
            self.step(
                "approve", lambda s: decide(s, self.platform, officer, self.application(s, application_id), "approve")
            )
        elif state == State.MORE_MATERIAL:
            self.step(
                "resubmit", lambda s: move(s, self.application(s, application_id), State.SUBMITTED, "firm", "已补充")
            )
        elif state == State.OFFERED:
            self.answer(application_id, -1, True)
        elif state == State.APPROVED:
            self.publish(application_id, -1)
        elif state == State.OBJECTED:
            self.resolve(application_id, -1, False)
        elif state == State.NOTICE:
            if application_id not in self._ready():
                self.next_days(NOTICE_DAYS + 1)
            made = self._disburse(department)
            return multiple(*([(made, department)] if made else []))
        elif state == State.PART_PAID:  # the next instalment falls due in the next budget year
            if application_id not in self._ready():
                today = self.platform.today()
                self.next_days((dt.date(today.year + 1, 1, 2) - today).days)
            made = self._disburse(department)
            return multiple(*([(made, department)] if made else []))
        elif state == State.DISBURSING:
            with self.session() as session:
                found = session.get(Disbursement, batch_id)
                assert found is not None
                self._confirm(found.id, found.department, None)
        return multiple()

    @rule(
        application_id=applications,
        aim=AIM,
        who=st.sampled_from(["officer", "officer", "other department", "no reason"]),
    )
    def clawback(self, application_id: int, aim: int, who: str) -> None:
        """追回: the department's officer recovers paid money with a reason; another department's officer, or one
        without a reason, is refused and nothing moves."""
        application_id = self.aimed(application_id, aim, *FOR["clawback"])
        department = self._department(application_id)
        others = [d for d in self.world.departments if d != department] or ["某其他部门"]
        officer = self.officer(others[0] if who == "other department" else department)
        with self.session() as session:
            paid = funds.paid_of(session, self.application(session, application_id))
            state = self.application(session, application_id).state

        def act(session: Session) -> tuple[Decimal, Decimal]:
            application = self.application(session, application_id)
            return claw_back(session, self.platform, officer, application, "" if who == "no reason" else "迁出本市")

        result = self.step(f"clawback ({who})" if who != "officer" else "clawback", act)
        if who == "other department":
            assert isinstance(result, NotAllowed), result
        elif who == "no reason" and state in FOR["clawback"]:
            assert isinstance(result, ClaimRefused) and "理由" in str(result), result
        elif isinstance(result, tuple):
            assert result[0] == paid
            with self.session() as session:
                application = self.application(session, application_id)
                assert application.state == State.CLAWED_BACK and funds.paid_of(session, application) == 0

    @rule(
        application_id=applications,
        aim=AIM,
        first=st.sampled_from(["approve", "reject", "publish", "object", "uphold", "clawback"]),
    )
    def race(self, application_id: int, aim: int, first: str) -> None:
        """Two actors read the application; the other acts and commits first; the one who read it before acts on
        what it saw and is told 已被他人处理 (or refused), never moving it or its money a second time."""
        application_id = self.aimed(application_id, aim, *FOR[first])
        officer = self.officer(self._department(application_id))
        today = self.platform.today()
        actions: dict[str, Callable[[Session, Application], None]] = {
            "approve": lambda s, a: decide(s, self.platform, officer, a, "approve"),
            "reject": lambda s, a: decide(s, self.platform, officer, a, "reject", "不符合"),
            "publish": lambda s, a: publish(s, a, today, officer.username, NOTICE_DAYS),
            "object": lambda s, a: object_to(s, a, "异议", "citizen"),
            "uphold": lambda s, a: resolve_objection(s, a, True, officer.username, "成立"),
            "clawback": lambda s, a: claw_back(s, self.platform, officer, a, "未履行承诺条件"),
        }
        late = self.session()
        try:
            seen = self.application(late, application_id)
            version = seen.version
            won = self.step(f"race {first} (first)", lambda s: actions[first](s, self.application(s, application_id)))
            if won is None and first == "publish":
                self.notice_until[application_id] = today + dt.timedelta(days=NOTICE_DAYS)
            with self.session() as session:
                moved = self.application(session, application_id).version != version
            result = self.step(f"race {first} (second)", lambda s: actions[first](s, seen), late)
            if moved:
                assert isinstance(result, REFUSED), f"a second {first} on a stale read went through"
        finally:
            late.close()

    # -- finance and the clock --------------------------------------------------------------------------------------

    @rule(fund=st.sampled_from(range(100)), change=st.sampled_from(["0.5", "1", "3", "to used", "below used"]))
    def budget(self, fund: int, change: str) -> None:
        """The finance role raises a budget (by units of the fund's largest claim), or cuts it: down to what is used
        is allowed (the fund is then full); one 分 below it is refused with the figures."""
        fund_id = self.world.funds[fund % len(self.world.funds)]
        now = self.figures(fund_id)
        if change in ("to used", "below used"):
            if now.used == 0:
                return
            amount = now.used if change == "to used" else now.used - funds.CENT
            reason = "压减"
        else:
            amount = ((now.budget or funds.ZERO) + self.world.unit(fund_id) * Decimal(change)).quantize(funds.CENT)
            reason = "追加预算"
        result = self.step(
            f"budget {change}", lambda s: funds.set_budget(s, fund_id, now.period, amount, reason, "finance")
        )
        if change == "below used":
            assert isinstance(result, ClaimRefused) and "不能低于" in str(result), result
        else:
            assert isinstance(result, funds.Figures) and result.budget == amount, result
            assert change != "to used" or result.remaining == 0

    @rule(days=st.sampled_from([1, 2, 5, 8, 8, 20, 45]))
    def next_days(self, days: int) -> None:
        """The platform's day moves on: notices end, windows close (已截止), a new budget year begins."""
        day = min(self.platform.today() + dt.timedelta(days=days), LAST_DAY)
        self.platform.pinned_as_of = day
        self.platform.rebind_if_new_day()
        assert self.platform.as_of == day
        self.tally["day moved"] += 1

    # -- after every step -------------------------------------------------------------------------------------------

    @invariant()
    def money_adds_up(self) -> None:
        self.tally["checks"] += 1  # after the set-up and after every step
        with self.session() as session:
            applications = {a.id: a for a in session.scalars(select(Application))}
            ledger = list(session.scalars(select(LedgerEntry)))
            sums: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
            for entry in ledger:
                sums[(entry.fund_id, entry.period)][entry.kind] += entry.amount
            # the fund figures are the ledger's sums, and no budget is ever exceeded
            for f in funds.figures(session):
                kinds = sums[(f.fund_id, f.period)]
                assert f.committed == kinds["commit"] - kinds["release"] - kinds["pay"], f
                assert f.paid == kinds["pay"] - kinds["clawback"], f
                assert f.committed >= 0 and f.paid >= 0, f
                assert f.used <= (f.budget if f.budget is not None else funds.ZERO), f
            # every application's money agrees with its state, each (fund, period, kind) at most once
            by_application: dict[int, list[LedgerEntry]] = defaultdict(list)
            for entry in ledger:
                by_application[entry.application_id].append(entry)
            for application in applications.values():
                state, entries = State(application.state), by_application[application.id]
                once = Counter((e.fund_id, e.period, e.kind) for e in entries)
                assert max(once.values(), default=0) <= 1, (application.id, once)  # nothing twice, paid included
                money = {e.kind for e in entries}
                pays = application.amount is not None and application.fund_id is not None
                if state in funds.HOLDING - {State.DISBURSING}:
                    assert money == ({"commit"} if pays else set()), (application.id, state, money)
                elif state == State.DISBURSING:
                    assert money in (({"commit"}, {"commit", "pay"}) if pays else (set(),)), (application.id, money)
                elif state == State.PART_PAID:
                    assert money == {"commit", "pay"}, (application.id, state, money)
                    self.tally["part paid seen"] += 1
                elif state == State.PAID:
                    assert money == ({"commit", "pay"} if pays else set()), (application.id, state, money)
                    assert application.disbursement_id is not None
                elif state == State.CLAWED_BACK:
                    assert money in ({"commit", "pay", "clawback"}, {"commit", "pay", "clawback", "release"}), money
                elif state == State.REJECTED:
                    assert money in (set(), {"commit", "release"}), (application.id, state, money)
                else:
                    assert money == set(), (application.id, state, money)
                committed = [e for e in entries if e.kind == "commit"]
                if committed:  # each fund's share in each year it falls due, from the year it was approved
                    facts = facts_of(self.platform, application)
                    assert application.amount is not None
                    expected = funds.plan(
                        facts.shares, facts.schedule, application.amount, min(e.period for e in committed)
                    )
                    assert sorted((e.fund_id, e.period, e.amount) for e in committed) == sorted(
                        (p.fund_id, p.period, p.amount) for p in expected
                    ), application.id
                    assert committed[0].fund_id == application.fund_id or application.fund_id in {
                        e.fund_id for e in committed
                    }
                    self.tally["several funds committed"] += len({e.fund_id for e in committed}) > 1
                    self.tally["several years committed"] += len({e.period for e in committed}) > 1
                # only along the state machine since the last step (each step moves an application at most once)
                before = self.seen.get(application.id)
                if before is None:
                    assert state in START, (application.id, state)
                else:
                    assert state == State(before) or state in TRANSITIONS[State(before)], (
                        application.id,
                        before,
                        state,
                    )
                self.seen[application.id] = state.value
            assert set(self.seen) == set(applications)  # none vanished
            # the audit trail of every application follows the state machine too, and ends where it stands
            trail: dict[int, list[tuple[str, str]]] = defaultdict(list)
            for entry in session.scalars(
                select(AuditEntry).where(AuditEntry.subject.like("application:%")).order_by(AuditEntry.id)
            ):
                if "from" in entry.data:
                    trail[int(entry.subject.split(":")[1])].append((entry.data["from"], entry.data["to"]))
            for application_id, steps in trail.items():
                for (_, to), (after, _) in itertools.pairwise(steps):
                    assert to == after, (application_id, steps)
                assert all(State(b) in TRANSITIONS[State(a)] for a, b in steps), (application_id, steps)
                assert steps[-1][1] == applications[application_id].state, (application_id, steps)
            assert funds.reconcile(session) == []
            assert audit.verify(session) == []


def test_money_machine(world: World) -> None:
    MoneyMachine.world = world
    MoneyMachine.tally = Counter()
    run_state_machine_as_test(
        MoneyMachine,
        settings=settings(
            # make test: the same 25 runs every time (the whole path is asserted below); more, and random, on demand
            max_examples=int(os.environ.get("MONEY_MACHINE_EXAMPLES", "25")),
            derandomize="MONEY_MACHINE_EXAMPLES" not in os.environ,
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
    tally = MoneyMachine.tally
    print(sorted(tally.items()))
    # the runs reached the whole path, refusals included, not only its first steps
    for reached in (
        "claim: done",
        "approve: done",
        "publish: done",
        "disburse: done",
        "confirm paid: done",
        "clawback: done",
        "part paid seen",
        "several funds committed",
        "several years committed",
    ):
        assert tally[reached], (reached, sorted(tally.items()))
