"""Review, notice, objections, disbursement and the bank's confirmation file."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from policyreach.app.funds import fund_of
from policyreach.redemption import audit, funds
from policyreach.redemption.bank import BankAccount, check_bank_account, kept_account
from policyreach.redemption.claims import ClaimRefused, one_click
from policyreach.redemption.facts import facts_of
from policyreach.redemption.states import IllegalTransition, StaleState, State
from policyreach.redemption.workflow import (
    NotAllowed,
    batch_xlsx,
    claw_back,
    decide,
    disburse,
    import_bank_file,
    move,
    object_to,
    publish,
    resolve_objection,
    submit,
)
from policyreach.store.models import Account, Application, Disbursement, Entity, Fund, LedgerEntry
from tests.conftest import seeded_platform


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory):
    """Its own seeded city: the claims made here must not change what the web tests' firms see."""
    return seeded_platform(tmp_path_factory.mktemp("redemption"))


TODAY = dt.date(2026, 6, 1)


def _find(platform, want) -> tuple[Entity, str]:
    with platform.sessions() as session:
        for entity in session.scalars(select(Entity).where(Entity.kind == "enterprise").order_by(Entity.id.desc())):
            for m in platform.matcher.match(platform.record(entity)):
                if want(m) and not session.scalar(
                    select(Application).where(
                        Application.entity_pk == entity.id, Application.benefit_id == m.benefit_id
                    )
                ):
                    return entity, m.benefit_id
    raise AssertionError("no such match in the sample city")


def _bank_file(xlsx: bytes, amount_delta: Decimal = Decimal(0)) -> bytes:
    book = load_workbook(io.BytesIO(xlsx))
    sheet = book.active
    for row in sheet.iter_rows(min_row=2):
        row[6].value = Decimal(str(row[6].value)) + amount_delta
        row[9].value = f"BANK-{row[1].value}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_one_click_to_paid(platform) -> None:
    entity, benefit_id = _find(platform, lambda m: m.one_click and m.benefit.spec.redemption == "instant")
    with platform.sessions() as session:
        entity = session.get(Entity, entity.id)
        with pytest.raises(ClaimRefused, match="收款银行账户"):
            one_click(session, platform, entity, benefit_id, idempotency_key=None, actor="firm", bank_required=True)
        bank = check_bank_account(entity.name, "6222 0202 0011 2233", entity.name)
        application = one_click(session, platform, entity, benefit_id, idempotency_key=None, actor="firm", bank=bank)
        publish(session, application, TODAY, "officer", days=7)
        object_to(session, application, "有人反映该企业实际不在本区经营", "citizen")
        resolve_objection(session, application, upheld=False, actor="officer", reason="经核实，异议不成立")
        assert disburse(session, TODAY + dt.timedelta(days=3), "officer") is None  # notice still running
        batch = disburse(session, TODAY + dt.timedelta(days=8), "officer")
        assert batch is not None and application.state == State.DISBURSING and batch.total == application.amount
        xlsx = batch_xlsx(session, batch)
        sheet = load_workbook(io.BytesIO(xlsx)).active
        assert [c.value for c in sheet[1]][7:9] == ["收款账户名称", "收款账号"]  # the account travels to the bank
        assert [c.value for c in sheet[2]][7:9] == [entity.name, "6222020200112233"]
        with pytest.raises(ClaimRefused, match="金额不符"):
            import_bank_file(session, _bank_file(xlsx, Decimal("0.01")), "finance")
        assert application.state == State.DISBURSING  # nothing half-way
        assert import_bank_file(session, _bank_file(xlsx), "finance") == 1
        assert application.state == State.PAID
        with pytest.raises(IllegalTransition):
            move(session, application, State.APPROVED, "officer")
        session.commit()
        assert audit.verify(session) == []


def test_review_in_the_right_department_within_the_fund(platform, monkeypatch) -> None:
    entity, benefit_id = _find(
        platform, lambda m: m.benefit.spec.redemption == "review" and m.status == "eligible" and m.amount
    )
    with platform.sessions() as session:
        entity = session.get(Entity, entity.id)
        department = platform.compiled.benefit(benefit_id).spec.department
        application = submit(session, platform, entity, benefit_id, idempotency_key="r-1", actor="firm")
        assert submit(session, platform, entity, benefit_id, idempotency_key="r-1", actor="firm") is application
        stranger = Account(username="other-dept", password_hash="x", role="officer", department="某其他部门")
        owner = Account(username="owner-dept", password_hash="x", role="officer", department=department)
        with pytest.raises(NotAllowed):
            decide(session, platform, stranger, application, "approve")
        decide(session, platform, owner, application, "more_material", "请补充研发费用专项审计报告")
        move(session, application, State.SUBMITTED, "firm", "已补充材料")
        with pytest.raises(ClaimRefused, match="须写明理由"):
            decide(session, platform, owner, application, "reject")
        fund_id = fund_of(platform.compiled.benefit(benefit_id))
        period = funds.budget_period(platform.as_of)
        used = funds.figures_for(session, fund_id, period).used
        funds.set_budget(session, fund_id, period, used + application.amount - Decimal("0.01"), "测试", "finance")
        with pytest.raises(ClaimRefused, match="额度已用完"), session.begin_nested():
            decide(session, platform, owner, application, "approve")
        session.refresh(application)  # a savepoint's rollback leaves objects it did not mark changed unexpired
        assert application.state == State.SUBMITTED
        funds.set_budget(session, fund_id, period, used + application.amount, "测试：追加", "finance")
        decide(session, platform, owner, application, "approve")
        assert application.state == State.APPROVED
        assert funds.figures_for(session, fund_id, period).used == used + application.amount
        session.commit()
        assert funds.reconcile(session) == []


def test_automatic_offers_once_per_period_and_the_firm_confirms(platform) -> None:
    from policyreach.redemption.workflow import fund_for, offer_automatic, respond_to_offer

    with platform.sessions() as session:
        made = offer_automatic(session, platform)
        session.commit()
        assert made > 0 and offer_automatic(session, platform) == 0
        offers = list(session.scalars(select(Application).where(Application.state == State.OFFERED).limit(2)))
        assert all(o.redemption == "automatic" and o.snapshot["conditions"] for o in offers)
        first, second = offers
        assert all(facts_of(platform, o).payout in ("cash", "interest") for o in offers)  # never a tax relief
        name = session.get(Entity, first.entity_pk).name
        with pytest.raises(ClaimRefused, match="银行账号"):
            check_bank_account(name, "12ab", name)
        with pytest.raises(ClaimRefused, match="不一致"):
            check_bank_account("另一家公司", "6222020200112233", name)
        with pytest.raises(ClaimRefused, match="确认领取"):
            respond_to_offer(session, platform, first, "maybe", None, "firm")
        with pytest.raises(ClaimRefused, match="银行账户"):
            respond_to_offer(session, platform, first, "accept", None, "firm")
        assert first.state == State.OFFERED
        fund_id, period = fund_for(platform, first), funds.budget_period(platform.as_of)
        assert fund_id is not None and first.amount is not None
        figures = funds.figures_for(session, fund_id, period)  # room for this offer, whatever earlier tests used
        funds.set_budget(session, fund_id, period, figures.committed + figures.paid + first.amount, "测试", "finance")
        respond_to_offer(
            session, platform, first, "accept", check_bank_account(name, "6222 0202 0011 2233", name), "firm"
        )
        respond_to_offer(session, platform, second, "decline", None, "firm")
        assert first.state == State.APPROVED and second.state == State.DECLINED
        # kept sealed with SM4, read back whole (the disbursement file's need)
        assert kept_account(first.snapshot) == BankAccount(name, "6222020200112233")
        assert first.snapshot["bank"]["tail"] == "2233" and "6222020200112233" not in str(first.snapshot)
        with pytest.raises(IllegalTransition):
            respond_to_offer(session, platform, second, "accept", BankAccount(name, "6222020200112233"), "firm")
        session.commit()
        assert audit.verify(session) == []


def test_a_batch_fund_holds_claims_until_the_allocation_decides(platform, monkeypatch) -> None:
    from policyreach.redemption.workflow import close_batch

    with platform.sessions() as session:
        picks = []
        for entity in session.scalars(select(Entity).where(Entity.kind == "enterprise").order_by(Entity.id)):
            for m in platform.matcher.match(platform.record(entity)):
                if (
                    m.one_click
                    and m.benefit.spec.redemption == "instant"
                    and m.amount
                    and not session.scalar(
                        select(Application).where(
                            Application.entity_pk == entity.id, Application.benefit_id == m.benefit_id
                        )
                    )
                ):
                    picks.append((entity, m))
            if len({m.benefit_id for _, m in picks}) and len(picks) >= 6:
                break
        benefit_id = picks[0][1].benefit_id
        picks = [(e, m) for e, m in picks if m.benefit_id == benefit_id][:4] or picks[:1]
        fund_id = "batch-fund"
        monkeypatch.setitem(platform.compiled.benefit(benefit_id).spec.__dict__, "fund", fund_id)
        amount = picks[0][1].amount * 10_000
        session.merge(Fund(id=fund_id, name="批次资金", mode="batch"))
        session.flush()
        period = funds.budget_period(platform.as_of)
        funds.set_budget(session, fund_id, period, amount, "测试：统一核定", "finance")
        held = [one_click(session, platform, e, benefit_id, idempotency_key=None, actor="firm") for e, _ in picks]
        assert all(a.state == State.HELD for a in held)
        assert funds.figures_for(session, fund_id, period).used == 0  # nothing committed before the window closes
        approved = close_batch(session, platform, fund_id, "officer")
        now = funds.figures_for(session, fund_id, period)
        assert approved >= 1 and 0 < now.used <= now.budget
        assert {a.state for a in held} <= {State.APPROVED, State.REJECTED}
        session.commit()
        assert audit.verify(session) == []


def test_rejecting_an_objected_application_releases_its_money(platform) -> None:
    """Found by the stateful money test: 驳回 on an objected application kept its commitment forever."""
    entity, benefit_id = _find(platform, lambda m: m.one_click and m.benefit.spec.redemption == "instant" and m.amount)
    admin = Account(username="admin", password_hash="x", role="admin")
    with platform.sessions() as session:
        entity = session.get(Entity, entity.id)
        application = one_click(session, platform, entity, benefit_id, idempotency_key=None, actor="firm")

        def used() -> Decimal:  # over every fund and period: a benefit may draw on several funds by share
            return sum((f.used for f in funds.figures(session)), Decimal(0))

        before = used()
        publish(session, application, TODAY, "officer", days=7)
        object_to(session, application, "有人反映该企业不符合条件", "citizen")
        decide(session, platform, admin, application, "reject", "异议属实")
        assert application.state == State.REJECTED
        assert used() == before - application.amount
        session.commit()
        assert funds.reconcile(session) == []


def test_an_application_in_an_exclusive_group_already_held_is_refused_not_a_500(platform) -> None:
    """Found by the stateful money test: submit let the exclusive-group constraint escape as an IntegrityError."""

    def grouped(m) -> bool:
        group = m.benefit.spec.exclusive_group
        return (
            m.benefit.spec.redemption == "review"
            and m.status == "eligible"
            and bool(group)
            and any(b.spec.exclusive_group == group and b.id != m.benefit_id for b in platform.compiled.benefits)
        )

    entity, benefit_id = _find(platform, grouped)
    group = platform.compiled.benefit(benefit_id).spec.exclusive_group
    other = next(b.id for b in platform.compiled.benefits if b.spec.exclusive_group == group and b.id != benefit_id)
    with platform.sessions() as session:
        entity = session.get(Entity, entity.id)
        period = str(platform.as_of.year)
        session.add(
            Application(
                entity_pk=entity.id,
                benefit_id=other,
                period=period,
                state=State.SUBMITTED,
                redemption="review",
                exclusive_key=f"{group}:{period}",
                snapshot={},
            )
        )
        session.flush()
        with pytest.raises(ClaimRefused, match="同一组"):
            submit(session, platform, entity, benefit_id, idempotency_key=None, actor="firm")
        session.rollback()


# -- several funds, instalments, clawback ---------------------------------------------------------------------------


def _submitted(session, benefit_id: str, amount: str) -> Application:
    """A review application for ``benefit_id`` as the officer finds it, from a firm that has none for it yet."""
    taken = select(Application.entity_pk).where(Application.benefit_id == benefit_id)
    entity = session.scalar(
        select(Entity).where(Entity.kind == "enterprise", Entity.id.not_in(taken)).order_by(Entity.id)
    )
    application = Application(
        entity_pk=entity.id,
        benefit_id=benefit_id,
        period="once",
        state=State.SUBMITTED,
        redemption="review",
        amount=Decimal(amount),
        snapshot={},
    )
    session.add(application)
    session.flush()
    return application


def _pay_what_is_due(session, platform, today: dt.date) -> Disbursement | None:
    # with the platform: the library says the benefit pays cash (these applications carry no snapshot)
    batch = disburse(session, today, "officer", platform=platform)
    if batch is not None:
        assert import_bank_file(session, _bank_file(batch_xlsx(session, batch)), "officer", platform=platform)
    return batch


def test_a_shared_benefit_commits_each_funds_share_and_refuses_when_one_fund_is_full(platform) -> None:
    """首次认定高企奖励 is shared 60/40 by the city's and the district's fund: the cent the split leaves is the
    city's; when the district's fund is full nothing is committed on the city's either."""
    officer = Account(username="o", password_hash="x", role="officer", department="长春市科学技术局")
    with platform.sessions() as session:
        application = _submitted(session, "ht-hightech-first", "1000.01")
        decide(session, platform, officer, application, "approve", today=TODAY)
        rows = session.scalars(select(LedgerEntry).where(LedgerEntry.application_id == application.id)).all()
        assert sorted((r.fund_id, r.period, r.amount, r.kind) for r in rows) == [
            ("cc-district-sci-fund", "2026", Decimal("400.00"), "commit"),
            ("cc-sci-fund", "2026", Decimal("600.01"), "commit"),
        ]
        assert application.fund_id == "cc-sci-fund"  # the lead fund
        session.commit()
        assert funds.reconcile(session) == []
        # the district's fund is full: the next approval is refused whole, the city's fund untouched
        district = funds.figures_for(session, "cc-district-sci-fund", "2026")
        city = funds.figures_for(session, "cc-sci-fund", "2026")
        funds.set_budget(session, "cc-district-sci-fund", "2026", district.used, "压减", "finance")
        session.commit()
        second = _submitted(session, "ht-hightech-first", "500.00")
        second_id = second.id
        session.commit()
        with pytest.raises(funds.OverBudget, match="区（开发区）科技创新配套资金"):
            decide(session, platform, officer, second, "approve", today=TODAY)
        session.rollback()
        assert session.get(Application, second_id).state == State.SUBMITTED
        assert funds.figures_for(session, "cc-sci-fund", "2026").used == city.used
        assert not session.scalar(select(LedgerEntry.id).where(LedgerEntry.application_id == second_id))
        funds.set_budget(session, "cc-district-sci-fund", "2026", district.budget, "恢复", "finance")
        session.commit()


def test_instalments_draw_on_each_years_budget_and_are_paid_as_they_fall_due_then_clawed_back(platform) -> None:
    """外地高企迁入奖励 is paid over three years (40/30/30): approval commits each year's instalment on that year's
    budget; a batch pays only what has fallen due; a clawback recovers what was paid and releases the rest."""
    officer = Account(username="o", password_hash="x", role="officer", department="长春市科学技术局")
    stranger = Account(username="s", password_hash="x", role="officer", department="长春市商务局")
    with platform.sessions() as session:
        before = {p: funds.figures_for(session, "cc-sci-fund", p) for p in ("2026", "2027", "2028")}
        application = _submitted(session, "ht-relocation", "1000.01")
        decide(session, platform, officer, application, "approve", today=TODAY)
        after = {p: funds.figures_for(session, "cc-sci-fund", p) for p in ("2026", "2027", "2028")}
        assert {p: after[p].committed - before[p].committed for p in after} == {
            "2026": Decimal("400.01"),
            "2027": Decimal("300.00"),
            "2028": Decimal("300.00"),
        }
        publish(session, application, TODAY, "officer", days=7)
        first = _pay_what_is_due(session, platform, TODAY + dt.timedelta(days=8))
        assert first is not None and first.total == Decimal("400.01") and first.period == "2026"
        assert application.state == State.PART_PAID
        # nothing more falls due in 2026
        assert _pay_what_is_due(session, platform, TODAY + dt.timedelta(days=9)) is None
        session.commit()
        assert funds.reconcile(session) == []
        second = _pay_what_is_due(session, platform, dt.date(2027, 1, 4))
        assert second is not None and second.total == Decimal("300.00")
        assert application.state == State.PART_PAID and funds.paid_of(session, application) == Decimal("700.01")
        session.commit()
        assert funds.reconcile(session) == []  # the first batch still adds up after the application moved on
        with pytest.raises(NotAllowed):
            claw_back(session, platform, stranger, application, "未履行")
        with pytest.raises(ClaimRefused, match="追回须写明理由"):
            claw_back(session, platform, officer, application, " ")
        session.commit()
        late = platform.sessions()  # a second officer whose page was read before the clawback
        seen = late.get(Application, application.id)
        assert seen.state == State.PART_PAID
        recovered, released = claw_back(session, platform, officer, application, "迁入后未满三年即迁出本市")
        assert (recovered, released) == (Decimal("700.01"), Decimal("300.00"))
        assert application.state == State.CLAWED_BACK
        session.commit()
        now = {p: funds.figures_for(session, "cc-sci-fund", p) for p in ("2026", "2027", "2028")}
        assert all(now[p].used == before[p].used for p in now)  # paid money back, the later instalment released
        assert funds.reconcile(session) == []
    with late:  # that officer acts on what the page showed: 已被他人处理, and no money moves a second time
        with pytest.raises(StaleState, match="已被他人处理"):
            claw_back(late, platform, officer, seen, "重复追回")
        late.rollback()
    with platform.sessions() as session:
        kinds = session.scalars(
            select(LedgerEntry.kind).where(LedgerEntry.application_id == application.id, LedgerEntry.kind == "clawback")
        ).all()
        assert len(kinds) == 2  # one per year paid, once
