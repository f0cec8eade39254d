"""A firm's bank account saved once (typed twice, with its 开户行), sealed, offered for every claim and offer;
a change audited and only by someone with 确认银行账户; a refused field said beside it with what was typed kept."""

from __future__ import annotations

import re
from decimal import Decimal

from fastapi.testclient import TestClient
from sqlalchemy import select

from policyreach.app.funds import fund_of
from policyreach.redemption import audit, funds
from policyreach.redemption.bank import kept_account
from policyreach.redemption.states import State
from policyreach.rules.policy import PAID_OUT
from policyreach.store.crypto import is_sealed, open_sealed
from policyreach.store.models import Account, Application, AuditEntry, Entity, SavedBankAccount
from tests.web.conftest import csrf_of, login
from tests.web.test_agents import _grant, first_sign_in
from tests.web.test_one_click import _firm_with_a_one_click_benefit
from tests.web.test_windows_and_clock import _account_for

# as a phone keyboard in Chinese mode types it: full-width digits and an ideographic space
TYPED = "６２２２　０２０２ ００１１ ２２３３"
BRANCH = "中国工商银行长春人民大街支行"


def _save(client: TestClient, name: str, number: str, again: str, branch: str = BRANCH):
    page = client.get("/me/bank").text
    form = {"csrf_token": csrf_of(page), "account_name": name, "branch": branch}
    return client.post(
        "/me/bank", data={**form, "account_number": number, "account_number_again": again}, follow_redirects=False
    )


def test_an_account_saved_once_is_used_for_the_claim_and_a_change_is_audited(app, platform) -> None:
    username, benefit_id = _firm_with_a_one_click_benefit(platform)
    with platform.sessions() as session:
        entity = session.scalar(select(Account).where(Account.username == username)).entity
        name, entity_pk = entity.name, entity.id
    with TestClient(app) as firm:
        login(firm, username)
        assert "保存本单位收款账户" in firm.get(f"/me/benefits/{benefit_id}").text  # nothing saved: typed, or saved

        # the confirmation differs: said beside the second input, everything typed still there, nothing written
        mismatch = _save(firm, name, TYPED, "6222020200112234")
        assert mismatch.status_code == 400
        assert re.search(r'id="e-account_number_again"[^>]*>两次填写的银行账号不一致', mismatch.text)
        assert f'value="{TYPED}"' in mismatch.text and 'value="6222020200112234"' in mismatch.text
        assert f'value="{BRANCH}"' in mismatch.text
        missing = _save(firm, name, TYPED, TYPED, branch=" ")
        assert missing.status_code == 400 and 'id="e-branch"' in missing.text and "请填写开户行" in missing.text
        other = _save(firm, "某某贸易公司", TYPED, TYPED)
        assert other.status_code == 400 and 'id="e-account_name"' in other.text and "不一致" in other.text
        with platform.sessions() as session:
            assert session.scalar(select(SavedBankAccount).where(SavedBankAccount.entity_pk == entity_pk)) is None

        saved = _save(firm, name, TYPED, "6222 0202 0011 2233")  # spaces and widths differ, the digits agree
        assert saved.status_code == 303 and saved.headers["location"] == "/me/bank?saved=1"
        page = firm.get("/me/bank?saved=1").text
        assert "收款账户已保存" in page and BRANCH in page and "****2233" in page
        assert "6222020200112233" not in page  # the pages show the last four digits only

        # the claim offers it instead of asking again, and the application carries it
        benefit_page = firm.get(f"/me/benefits/{benefit_id}").text
        assert "资金将拨付至本单位收款账户" in benefit_page and "****2233" in benefit_page
        assert 'name="account_number"' not in benefit_page
        key = re.search(r'name="idempotency_key" value="([^"]+)"', benefit_page)
        assert key is not None
        claimed = firm.post(
            f"/me/benefits/{benefit_id}/claim",
            data={"csrf_token": csrf_of(benefit_page), "idempotency_key": key.group(1)},
            follow_redirects=False,
        )
        assert claimed.status_code == 303, claimed.text

        changed = _save(firm, name, "6217 0000 1234 5678", "6217000012345678", branch="中国银行长春分行")
        assert changed.status_code == 303
        history = firm.get("/me/bank").text
        assert "将账号 ****2233 更换为 ****5678" in history and "中国银行长春分行" in history

    with platform.sessions() as session:
        application = session.scalar(select(Application).where(Application.entity_pk == entity_pk))
        kept = kept_account(application.snapshot)
        assert kept is not None and kept.number == "6222020200112233" and kept.branch == BRANCH
        row = session.scalar(select(SavedBankAccount).where(SavedBankAccount.entity_pk == entity_pk))
        assert is_sealed(row.sealed) and "5678" not in row.sealed and open_sealed(row.sealed) == "6217000012345678"
        entries = list(
            session.scalars(
                select(AuditEntry).where(AuditEntry.subject == f"entity:{entity_pk}").order_by(AuditEntry.id)
            )
        )
        assert [e.action for e in entries] == ["bank.saved", "bank.changed"]
        assert entries[1].data["previous_tail"] == "2233" and entries[1].actor == username
        assert not any("6217000012345678" in str(e.data) for e in entries)  # the chain never holds the number
        assert audit.verify(session) == []


def test_only_an_agent_with_the_bank_scope_changes_the_account(app, platform) -> None:
    username, _ = _firm_with_a_one_click_benefit(platform)
    with TestClient(app) as representative:
        login(representative, username)
        applicant, password = _grant(representative, ["apply"], phone="13800138011", name="王申报")
        name = representative.get("/me/bank").text.split('name="account_name" value="')[1].split('"')[0]
    with TestClient(app) as agent:
        first_sign_in(agent, applicant, password)
        page = agent.get("/me/bank").text
        assert 'id="bank-form"' not in page and "确认银行账户" in page  # no form it would refuse
        refused = agent.post(
            "/me/bank",
            data={
                "csrf_token": csrf_of(page),
                "account_name": name,
                "branch": BRANCH,
                "account_number": "6222020200119999",
                "account_number_again": "6222020200119999",
            },
            follow_redirects=False,
        )
        assert refused.status_code == 403 and "确认银行账户" in refused.text


def test_an_offer_takes_the_saved_account_and_a_bad_number_keeps_the_form(app, platform) -> None:
    # a 免申即享 offer as the daily job makes it (made here directly: the job reads the whole city)
    period = funds.budget_period(platform.as_of)
    with platform.sessions() as session:
        benefit = next(
            b
            for b in platform.compiled.benefits
            if b.spec.redemption == "automatic"
            and b.spec.payout in PAID_OUT
            and fund_of(b)
            and funds.figures_for(session, fund_of(b), period).remaining > 100_000
        )
        taken = set(session.scalars(select(Application.entity_pk))) | set(
            session.scalars(select(SavedBankAccount.entity_pk))
        )
        entity = next(
            e
            for e in session.scalars(select(Entity).where(Entity.kind == "enterprise").order_by(Entity.id))
            if e.id not in taken
        )
        offer = Application(
            entity_pk=entity.id,
            benefit_id=benefit.id,
            period="bank-offer",
            state=State.OFFERED,
            redemption="automatic",
            amount=Decimal(1000),
            snapshot={"benefit": {"title": benefit.spec.title, "department": benefit.spec.department}},
        )
        session.add(offer)
        session.commit()
        offer_id = offer.id
    username = _account_for(platform, entity)
    with TestClient(app) as firm:
        login(firm, username)
        page = firm.get("/me/applications").text
        bad = firm.post(
            f"/me/applications/{offer_id}/offer",
            data={
                "csrf_token": csrf_of(page),
                "answer": "accept",
                "account_name": entity.name,
                "account_number": "62 22",
            },
        )
        # the applications again, the error beside the number, the number as typed: never a page without the form
        assert bad.status_code == 400
        assert re.search(rf'id="acct-{offer_id}"[^>]*value="62 22"|value="62 22"[^>]*id="acct-{offer_id}"', bad.text)
        assert "8至30位数字" in bad.text and 'aria-invalid="true"' in bad.text and "<nav" in bad.text
        assert _save(firm, entity.name, "6222 0202 0011 4455", "6222020200114455").status_code == 303
        page = firm.get("/me/applications").text
        assert "资金将拨付至本单位收款账户" in page and f'id="acct-{offer_id}"' not in page
        accepted = firm.post(
            f"/me/applications/{offer_id}/offer",
            data={"csrf_token": csrf_of(page), "answer": "accept"},
            follow_redirects=False,
        )
        assert accepted.status_code == 303, accepted.text
    with platform.sessions() as session:
        kept = session.get(Application, offer_id)
        assert kept.state == State.APPROVED and kept_account(kept.snapshot).number == "6222020200114455"
