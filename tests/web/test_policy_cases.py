"""The officer's test cases of a draft: boundary cases proposed per benefit without what the rules decide, the
officer's reading kept in the file's ``tests:``, and submission refused (in the submit step itself) while a reading
disagrees with the rules or a benefit lacks an eligible and an ineligible case."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from policyreach.app import policy_versions
from policyreach.redemption import policy_lifecycle
from policyreach.redemption.policy_lifecycle import LifecycleError
from policyreach.rules.library import validate_policy
from policyreach.rules.yamlsource import load_yaml
from policyreach.store.models import AuditEntry, PolicyDraft
from tests.web.conftest import csrf_of, login
from tests.web.test_policy_upload import OWN, _policy

AWARD = "cases-demo-award"
NAME = "cases-demo.yaml"


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


@pytest.fixture(scope="module")
def draft(app, platform) -> int:
    """A draft of the officer's department whose award has eligible cases only (its file as written)."""
    with TestClient(app) as officer:
        login(officer, "officer")
        token = csrf_of(officer.get("/console/upload").text)
        sent = _policy(OWN, "cases-demo").encode()
        response = officer.post(
            "/console/upload", data={"csrf_token": token}, files={"policy": (NAME, sent, "application/x-yaml")}
        )
        assert response.status_code == 200 and "已保存为草稿" in response.text, response.text[-1500:]
    with platform.sessions() as session:
        return session.scalar(select(PolicyDraft.id).where(PolicyDraft.policy_id == "cases-demo"))


def _save(client: TestClient, draft: int, readings: dict[str, tuple[str, str]]):
    token = csrf_of(client.get(f"/console/policy-versions/{draft}/cases").text)
    data: dict[str, object] = {"csrf_token": token}
    data["case"] = list(readings)
    data["outcome"] = [o for o, _ in readings.values()]
    data["amount"] = [a for _, a in readings.values()]
    return client.post(f"/console/policy-versions/{draft}/cases", data=data, follow_redirects=False)


def _submit(client: TestClient, draft: int):
    token = csrf_of(client.get(f"/console/policy-versions/{draft}").text)
    data = {"csrf_token": token, "confirm": "yes"}
    return client.post(f"/console/policy-versions/{draft}/submit", data=data, follow_redirects=False)


def test_bad_readings_are_refused_in_chinese_and_nothing_is_kept(app, platform, draft) -> None:
    """Run before the draft is submitted (the next test submits it)."""
    with platform.sessions() as session:
        before = session.get(PolicyDraft, draft).text
    with TestClient(app) as officer:
        login(officer, "officer")
        for readings, words in (
            ({f"{AWARD}:typical": ("maybe", "")}, "结论（outcome）"),
            ({f"{AWARD}:typical": ("eligible", "-3")}, "金额（amount）"),
            ({f"{AWARD}:typical": ("ineligible", "30")}, "只有判断为符合时才填写金额"),
            ({"no-such:case": ("eligible", "")}, "用例（case）"),
        ):
            response = _save(officer, draft, readings)
            assert response.status_code in (400, 409) and words in response.text, response.text[-800:]
    with platform.sessions() as session:
        assert session.get(PolicyDraft, draft).text == before


def test_cases_are_stated_by_the_officer_and_gate_submission(app, platform, draft) -> None:
    with TestClient(app) as officer:
        login(officer, "officer")
        # the award has no ineligible case yet: submission is refused, naming the benefit
        refused = _submit(officer, draft)
        assert refused.status_code == 409 and "「首次认定国家高新技术企业奖励」还缺少判断为不符合" in refused.text

        page = officer.get(f"/console/policy-versions/{draft}/cases")
        assert page.status_code == 200
        shown = _text(page.text)
        # proposed around the threshold, in words and with the values named; the rules' decision is not shown
        assert "国家高新技术企业认定年份略低于门槛：2024 年" in shown and "恰好等于门槛：2025 年" in shown
        assert "所在区县：南关区" in shown and "220102" not in shown
        assert "不满足适用范围（第 1 条）：严重失信或重大违法记录：是，其他条件均满足" in shown
        assert "规则判定" not in shown and "可能符合" not in shown
        assert 'name="outcome"' in page.text and '<label for="o-1-1">' in page.text

        # a reading the rules contradict: the certification of last year read as not qualifying
        wrong = _save(
            officer,
            draft,
            {
                f"{AWARD}:typical": ("eligible", "30"),
                f"{AWARD}:0:below": ("ineligible", ""),
                f"{AWARD}:0:at": ("ineligible", ""),
            },
        )
        assert wrong.status_code == 303
        checked = _text(officer.get(f"/console/policy-versions/{draft}/cases").text)
        assert "首次认定国家高新技术企业奖励：国家高新技术企业认定年份恰好等于门槛" in checked
        assert "您的判断为不符合，规则判定为符合" in checked
        assert "规则认为“上年度首次认定为国家高新技术企业（第 2 条）”已满足" in checked
        blocked = _submit(officer, draft)
        assert blocked.status_code == 409 and "恰好等于门槛" in blocked.text
        with platform.sessions() as session:
            assert session.get(PolicyDraft, draft).state == "draft"

        # the officer reads the clause again: the year of last year qualifies, at 30 万元 in 2026
        assert _save(officer, draft, {f"{AWARD}:0:at": ("eligible", "30")}).status_code == 303
        assert "可以提交审批" in officer.get(f"/console/policy-versions/{draft}/cases").text
        with platform.sessions() as session:
            version = session.get(PolicyDraft, draft)
            policy = validate_policy(load_yaml(NAME, version.text))
            stated = {c.name: c.expect[AWARD] for c in policy.tests if AWARD in c.expect}
            at = next(e for n, e in stated.items() if "恰好等于门槛" in n)
            assert (at.outcome, at.amount, version.cases) == ("eligible", 30, len(policy.tests))
            assert version.digest == policy_versions.digest(version.text)
            # the file as uploaded is kept line for line above its cases
            assert version.text.startswith(_policy(OWN, "cases-demo").split("\ntests:")[0])
            actions = session.scalars(select(AuditEntry.action).where(AuditEntry.subject == "policy:cases-demo:v1"))
            assert list(actions).count("policy.cases") == 2
        assert _submit(officer, draft).status_code == 303
        # submitted: the cases are no longer the author's to change
        late = _save(officer, draft, {f"{AWARD}:0:above": ("ineligible", "")})
        assert late.status_code == 409


def test_the_gate_is_in_the_submit_step_and_reads_the_text_it_moves(app, platform) -> None:
    """Submitting through the lifecycle itself (not the page) refuses a draft whose cases disagree; and a text
    changed between the check and the move is not submitted (the move requires the text that was checked)."""
    text = _policy(OWN, "cases-gate")
    agreeing = text.replace("tests:\n", "tests:\n" + _ineligible("cases-gate-award"), 1)
    with platform.sessions() as session:
        policy = validate_policy(load_yaml("cases-gate.yaml", text))
        version = policy_versions.new_draft(
            session, name="cases-gate.yaml", policy=policy, text=text, cases=len(policy.tests), author="officer"
        )
        session.commit()
        version_id = version.id
    with platform.sessions() as session:
        version = session.get(PolicyDraft, version_id)
        with pytest.raises(LifecycleError) as missing:
            policy_lifecycle.submit(session, version, "officer", platform.library)
        assert missing.value.status == 409 and "还缺少判断为不符合" in missing.value.message
        session.rollback()
    # a reading the rules contradict is refused the same way
    contradicted = agreeing.replace("{outcome: ineligible}", "{outcome: eligible}", 1)
    with platform.sessions() as session, session.begin():
        version = session.get(PolicyDraft, version_id)
        version.text, version.digest = contradicted, policy_versions.digest(contradicted)
    with platform.sessions() as session:
        version = session.get(PolicyDraft, version_id)
        with pytest.raises(LifecycleError) as disagreeing:
            policy_lifecycle.submit(session, version, "officer", platform.library)
        said = disagreeing.value.message
        assert "用例「失信企业」对「首次认定国家高新技术企业奖励」：您的判断为符合，规则判定为不符合" in said
        assert "（未满足“" in said and "（第 1 条）”" in said
        session.rollback()
    # the agreeing text is read by one officer, then another officer saves the contradicted one: not submitted
    with platform.sessions() as session, session.begin():
        version = session.get(PolicyDraft, version_id)
        version.text, version.digest = agreeing, policy_versions.digest(agreeing)
    reader, writer = platform.sessions(), platform.sessions()
    try:
        version = reader.get(PolicyDraft, version_id)
        assert version.text == agreeing
        theirs = writer.get(PolicyDraft, version_id)
        policy_lifecycle.record_cases(writer, theirs, "officer2", contradicted, 6)
        writer.commit()
        with pytest.raises(LifecycleError) as moved:
            policy_lifecycle.submit(reader, version, "officer", platform.library)
        assert moved.value.status == 409 and "刚被修改" in moved.value.message
        reader.rollback()
    finally:
        reader.close()
        writer.close()
    # two officers saving readings of the same text: the second one is told, not overwritten silently
    first, second = platform.sessions(), platform.sessions()
    try:
        mine, theirs = first.get(PolicyDraft, version_id), second.get(PolicyDraft, version_id)
        assert mine.state == "draft"
        policy_lifecycle.record_cases(first, mine, "officer", agreeing, 6)
        first.commit()
        with pytest.raises(LifecycleError) as lost:
            policy_lifecycle.record_cases(second, theirs, "officer2", contradicted, 6)
        assert lost.value.status == 409
        second.rollback()
    finally:
        first.close()
        second.close()
    with platform.sessions() as session:
        version = session.get(PolicyDraft, version_id)
        assert version.text == agreeing
        policy_lifecycle.submit(session, version, "officer", platform.library)
        session.commit()
        assert session.get(PolicyDraft, version_id).state == "submitted"


def _ineligible(benefit: str) -> str:
    return (
        "  - name: 失信企业\n"
        "    as_of: 2026-06-01\n"
        '    entity: {cert_hightech_year: 2025, district: "220102", serious_violation: true}\n'
        "    expect:\n"
        f"      {benefit}: {{outcome: ineligible}}\n"
    )
