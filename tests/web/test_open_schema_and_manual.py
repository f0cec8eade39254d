"""Two things a real policy needs beyond the sample schema and a formula, through the pages and the services:

- an open schema: a draft that uses a quantity the schema lacks declares it as a proposed attribute; the upload
  refuses the draft until an officer accepts the attribute into the deployment's schema extension, and then the
  same file checks, binds and is kept as a draft;
- 一事一议: a manual amount is the reviewer's, set on approval and checked on the server against the policy's cap.

One small city of its own (the test library of amount kinds beside the sample policies), so that neither the
extension nor the approvals change what the other web tests' platform holds.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from policyreach.app import schema_extension
from policyreach.app.platform import LIBRARY_VERSION
from policyreach.redemption.claims import ClaimRefused
from policyreach.redemption.facts import facts_of
from policyreach.redemption.states import State
from policyreach.redemption.workflow import decide
from policyreach.rules.library import Library, add_policy_file, compile_library
from policyreach.rules.schema import ProposedAttribute, load_schema
from policyreach.rules.types import Type
from policyreach.settings import ROOT
from policyreach.store.models import (
    Account,
    Application,
    Entity,
    LedgerEntry,
    PlatformState,
    PolicyDraft,
    SchemaExtension,
)
from tests.conftest import PLATFORM_AS_OF
from tests.platforms import demo_platform
from tests.web.conftest import csrf_of, login

KINDS = Path(__file__).resolve().parents[1] / "rules" / "amount_kinds" / "cc-amount-kinds.yaml"
DRAFT = """id: mu-tax-draft
title: 亩均税收奖励（草案）
issuer: 长春市科学技术局
level: city
region: "220100"
valid_from: 2025-01-01
source: 测试
clauses: {"1": 第一条 上年度亩均税收达到30万元的企业，奖励10万元。}
proposed_attributes:
  mu_tax: {label: 亩均税收, type: decimal, unit: 万元/亩, yearly: true, department: 长春市税务局}
benefits:
  - id: mu-tax-award
    title: 亩均税收奖励
    kind: indicator
    payout: cash
    department: 长春市科学技术局
    conditions: [{expr: "mu_tax[last_year] >= 30", clause: "1"}]
    amount: {formula: "10", clause: "1"}
    application: {department: 长春市科学技术局, channel: 政务服务网}
tests:
  - name: 亩均税收40万元
    as_of: 2026-06-01
    entity: {kind: enterprise, mu_tax: {2025: 40}}
    expect: {mu-tax-award: {status: eligible, amount: 10}}
"""


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory):
    return demo_platform(tmp_path_factory.mktemp("grow"), None, 20, 5, PLATFORM_AS_OF, lambda d: shutil.copy(KINDS, d))


@pytest.fixture(scope="module")
def app(platform):
    from policyreach.web.app import create_app

    return create_app(platform, secret="test-secret")


def _upload(client: TestClient, text: str):
    token = csrf_of(client.get("/console/upload").text)
    files = {"policy": ("mu-tax.yaml", text.encode(), "application/x-yaml")}
    return client.post("/console/upload", data={"csrf_token": token}, files=files)


def test_a_draft_checks_with_its_proposed_attribute_but_the_library_only_once_accepted() -> None:
    schema = load_schema(ROOT / "schema")
    drafting = Library(schema=schema)
    add_policy_file(drafting, "mu-tax.yaml", DRAFT, drafting=True)  # usable while drafting …
    with pytest.raises(Exception, match="尚未采纳进本部署的模式扩展"):  # … not in the library in force
        add_policy_file(Library(schema=schema), "mu-tax.yaml", DRAFT)
    wrong = DRAFT.replace("type: decimal", "type: integer")
    accepted = schema.model_copy(deep=True)
    accepted.attributes["mu_tax"] = ProposedAttribute(label="亩均税收", yearly=True).attribute("mu_tax")
    with pytest.raises(Exception, match="类型或按年度记录方式不一致"):
        add_policy_file(Library(schema=accepted), "mu-tax.yaml", wrong)
    library = Library(schema=accepted)
    add_policy_file(library, "mu-tax.yaml", DRAFT)
    bound = compile_library(library, PLATFORM_AS_OF)
    assert bound.columns() == ["mu_tax_2025"]


def test_an_officer_accepts_a_proposed_attribute_and_the_draft_then_passes(app, platform) -> None:
    with TestClient(app) as officer:
        login(officer, "officer")
        refused = _upload(officer, DRAFT)
        assert refused.status_code == 422 and "尚未采纳进本部署的模式扩展" in refused.text
        assert "本政策拟新增的属性" in refused.text and 'value="亩均税收"' in refused.text
        form = {
            "csrf_token": csrf_of(refused.text),
            "name": "mu_tax",
            "label": "亩均税收",
            "type": "decimal",
            "unit": "万元/亩",
            "yearly": "1",
            "department": "长春市税务局",
            "policy_id": "mu-tax-draft",
        }
        bad = officer.post("/console/schema/attributes", data={**form, "name": "Mu-Tax"})
        assert bad.status_code == 400 and "属性标识 name 不合法" in bad.text
        bad_type = officer.post("/console/schema/attributes", data={**form, "type": "float"})
        assert bad_type.status_code == 400 and "属性类型 type" in bad_type.text
        done = officer.post("/console/schema/attributes", data=form, follow_redirects=False)
        assert done.status_code == 303 and "/console/upload?note=" in done.headers["location"]
        again = officer.post("/console/schema/attributes", data=form)
        assert again.status_code == 400 and "模式中已有属性 mu_tax" in again.text
        passed = _upload(officer, DRAFT)
        assert passed.status_code == 200 and "已保存为草稿" in passed.text, passed.text
    with platform.sessions() as session:
        row = session.get(SchemaExtension, "mu_tax")
        assert row is not None and row.accepted_by == "officer" and row.yearly and row.type == "decimal"
        assert session.scalar(select(func.count()).where(PolicyDraft.policy_id == "mu-tax-draft")) == 1
        # a platform built again over this database (another process, a restart) loads the extension too
        rebuilt = schema_extension.extended(session, load_schema(ROOT / "schema"))
        assert rebuilt.attributes["mu_tax"].label == "亩均税收" and rebuilt.attributes["mu_tax"].yearly


def test_two_acceptances_of_one_name_write_one_row(platform) -> None:
    """The primary key decides, not a read before the write: an acceptance that did not see the other's (a schema
    of another process) is refused, not duplicated."""
    stale = load_schema(ROOT / "schema")
    proposed = ProposedAttribute(label="亩均产值", type=Type.DEC, yearly=True)
    with platform.sessions() as session, session.begin():
        schema_extension.accept(session, stale.model_copy(deep=True), "mu_output", proposed, "officer")
    with (
        platform.sessions() as session,
        session.begin(),
        pytest.raises(schema_extension.ExtensionRefused, match="已被采纳"),
    ):
        schema_extension.accept(session, stale.model_copy(deep=True), "mu_output", proposed, "admin")
    with platform.sessions() as session:
        assert session.scalar(select(func.count()).where(SchemaExtension.name == "mu_output")) == 1
    # accepted "in another process" (a schema this platform does not hold): when a library version is announced,
    # this process loads the attribute before the library, so a policy published there with it loads here too
    assert platform.schema.field("mu_output") is None
    with platform.sessions() as session, session.begin():
        session.merge(PlatformState(key=LIBRARY_VERSION, value="published-elsewhere"))
    with platform.sessions() as session:
        assert platform.refresh(session)
    assert platform.schema.attributes["mu_output"].label == "亩均产值"


def _submitted(session, benefit_id: str, period: str = "2026") -> Application:
    entity = session.scalar(select(Entity).where(Entity.kind == "enterprise").order_by(Entity.id))
    application = Application(
        entity_pk=entity.id,
        benefit_id=benefit_id,
        period=period,
        state=State.SUBMITTED,
        redemption="review",
        amount=None,
        snapshot={},
    )
    session.add(application)
    session.flush()
    return application


def test_the_reviewer_sets_a_manual_amount_within_the_cap(platform) -> None:
    officer = Account(username="o", password_hash="x", role="officer", department="长春市科学技术局")
    with platform.sessions() as session, session.begin():
        application = _submitted(session, "ak-manual")
        facts = facts_of(platform, application)
        assert facts.manual and facts.manual_cap == Decimal("10000000.00")  # 1,000 万元 in 元
        for amount, message in [
            (None, "须填写核定金额"),
            (Decimal("10000000.01"), "超过政策规定的上限 1,000 万元"),
            (Decimal(0), "须大于 0"),
            (Decimal("0.001"), "最多精确到分"),
        ]:
            with pytest.raises(ClaimRefused, match=message):
                decide(session, platform, officer, application, "approve", amount=amount)
            session.refresh(application)
            assert application.state == State.SUBMITTED and application.amount is None
        assert not session.scalar(select(func.count()).where(LedgerEntry.application_id == application.id))
        decide(session, platform, officer, application, "approve", amount=Decimal("800000.00"))
        session.refresh(application)
        assert application.state == State.APPROVED and application.amount == Decimal("800000.00")
        committed = select(func.sum(LedgerEntry.amount)).where(LedgerEntry.application_id == application.id)
        assert session.scalar(committed) == Decimal("800000.00")
    with platform.sessions() as session, session.begin():
        formula = _submitted(session, "ak-progressive")
        with pytest.raises(ClaimRefused, match="不由评审填写"):
            decide(session, platform, officer, formula, "approve", amount=Decimal(100))


def test_the_reviewer_sets_a_manual_amount_not_below_the_floor(platform) -> None:
    """不低于50万元: the floor holds on the server, from the library and from the application's snapshot alike."""
    from policyreach.redemption.facts import snapshot_of

    officer = Account(username="o", password_hash="x", role="officer", department="长春市科学技术局")
    with platform.sessions() as session, session.begin():
        application = _submitted(session, "ak-manual-floor", "2028")
        facts = facts_of(platform, application)
        assert facts.manual and facts.manual_floor == Decimal("500000.00") and facts.manual_cap is None
        with pytest.raises(ClaimRefused, match="低于政策规定的下限 50 万元"):
            decide(session, platform, officer, application, "approve", amount=Decimal("499999.99"))
        session.refresh(application)
        assert application.state == State.SUBMITTED and application.amount is None
        decide(session, platform, officer, application, "approve", amount=Decimal("500000.00"))
        session.refresh(application)
        assert application.state == State.APPROVED and application.amount == Decimal("500000.00")
    found = platform.compiled.find("ak-manual-floor")
    kept = snapshot_of(found.spec, "测试")
    assert kept["manual_floor"] == "500000.00" and kept["manual_cap"] is None


def test_the_reviewer_sets_a_manual_amount_within_bounds_from_the_claimants_figures(platform) -> None:
    """按研发费用的8%～12%，最高1000万元: the bounds computed from the claimant's figures as the platform holds them;
    unknown, they stop the approval."""
    from policyreach.store.entities import write_values

    officer = Account(username="o", password_hash="x", role="officer", department="长春市科学技术局")
    column = f"rd_expense_{platform.compiled.as_of.year - 1}"
    with platform.sessions() as session, session.begin():
        application = _submitted(session, "ak-manual-range", "2029")
        entity = session.get(Entity, application.entity_pk)
        before = platform.record(entity).values.get(column)
        write_values(session, [(entity.id, column, None, None)])
        session.expire(entity)
        facts = facts_of(platform, application)
        assert facts.manual_unbounded is not None and "研发费用" in facts.manual_unbounded
        with pytest.raises(ClaimRefused, match="须先核实"):
            decide(session, platform, officer, application, "approve", amount=Decimal("1.00"))
        write_values(session, [(entity.id, column, 500, {"source": "self_declared"})])
        session.expire(entity)
        facts = facts_of(platform, application)  # 500万元: 40万元 to 60万元
        assert (facts.manual_floor, facts.manual_cap, facts.manual_unbounded) == (
            Decimal("400000.00"),
            Decimal("600000.00"),
            None,
        )
        for amount, message in [
            (Decimal("600000.01"), "超过政策规定的上限"),
            (Decimal("399999.99"), "低于政策规定的下限"),
        ]:
            with pytest.raises(ClaimRefused, match=message):
                decide(session, platform, officer, application, "approve", amount=amount)
        decide(session, platform, officer, application, "approve", amount=Decimal("600000.00"))
        session.refresh(application)
        assert application.state == State.APPROVED and application.amount == Decimal("600000.00")
        write_values(session, [(entity.id, column, before, {"source": "self_declared"})])
    found = platform.compiled.find("ak-manual-range")
    gone = facts_of_snapshot(found.spec)
    assert gone.manual_unbounded is not None  # gone from the library: the bounds cannot be computed, no approval


def facts_of_snapshot(spec):
    """The facts an application keeps when its benefit has left the library (its snapshot only)."""
    from policyreach.redemption.facts import snapshot_of

    class Gone:
        compiled = type("C", (), {"find": staticmethod(lambda _id: None)})()

    kept = Application(benefit_id="gone", period="2029", snapshot={"benefit": snapshot_of(spec, "测试")})
    return facts_of(Gone(), kept)


def test_the_review_page_asks_for_the_amount_and_the_server_holds_the_cap(app, platform) -> None:
    with platform.sessions() as session, session.begin():
        application_id = _submitted(session, "ak-manual", "2027").id
    with TestClient(app) as officer:
        login(officer, "officer")
        page = officer.get(f"/console/applications/{application_id}")
        assert page.status_code == 200 and 'name="amount_wan"' in page.text and "最高 1,000 万元" in page.text
        form = {"csrf_token": csrf_of(page.text), "action": "approve", "confirm": "yes"}
        over = officer.post(f"/console/applications/{application_id}", data={**form, "amount_wan": "1000.01"})
        assert over.status_code == 409 and "超过政策规定的上限" in over.text
        typo = officer.post(f"/console/applications/{application_id}", data={**form, "amount_wan": "八十万"})
        assert typo.status_code == 400 and "核定金额（万元）应为数字" in typo.text
    with platform.sessions() as session:
        application = session.get(Application, application_id)
        assert application.state == State.SUBMITTED and application.amount is None
