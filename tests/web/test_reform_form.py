"""A reform written in a form: a published policy picked by name, a rate and a threshold changed, and the
difference shown as a person reads it: the change by district (names, not codes), who gains and who loses by
name, the cost change in 万元; no ids or English on the page. The push list names its districts too."""

from __future__ import annotations

import re
from urllib.parse import quote

from fastapi.testclient import TestClient

from tests.web.conftest import csrf_of, login


def _visible(html: str) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", html, flags=re.S)
    html = re.sub(r'<div class="chart">.*?</div>', "", html, flags=re.S)  # the chart's data, not its words
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_published_policy_changed_in_the_form_shows_the_change_by_name(app, platform) -> None:
    with TestClient(app) as officer:
        login(officer, "officer")
        picker = officer.get("/console/reform")
        assert picker.status_code == 200 and "研发费用后补助" not in _visible(picker.text).split("现行政策")[0]
        form = officer.get("/console/reform?policy=cc-rd-subsidy")
        shown = _visible(form.text)
        assert "研发费用后补助比例（现行 0.1）" in shown and "上年度研发费用占营业收入比例不低于3%：门槛（≥）" in shown
        assert officer.get("/console/reform?policy=no-such-policy").status_code == 400
        token = csrf_of(form.text)
        keys = ["param:rd_subsidy_rate", "cond:rds-rd-subsidy:1", "param:rd_subsidy_cap"]
        data = {"csrf_token": token, "policy": "cc-rd-subsidy", "key": keys, "value": ["0.12", "2", "100"]}
        result = officer.post("/console/reform/policy", data=data)
        assert result.status_code == 200, result.text[-1500:]
        text = _visible(result.text)
        assert "政策参数 · 研发费用后补助比例：0.1 → 0.12" in text
        assert "研发费用后补助 · 上年度研发费用占营业收入比例不低于3%：门槛（≥）：3 → 2%" in text
        assert "研发单个企业上限" not in text  # unchanged: not listed
        assert re.search(r"资金拨付：[\d,.]+ → [\d,.]+ 万元，增加 [\d,.]+ 万元", text), text[:2000]
        assert "按区县：改革带来的金额变化（万元）" in text and "data-figure=" in result.text
        assert "南关区" in text and not re.search(r"2201\d\d", text)
        # who gains, by firm name and benefit title; no entity ids, benefit ids or English statuses on the page
        gains = text.split("新增符合（前 50 项次）")[1]
        assert "研发费用后补助" in gains.split("·")[1]
        assert not re.search(r"\bE\d{7}\b|rds-|cc-rd|eligible|partial|status|amount", text)
        # nothing changed, and a number that is not one: told in Chinese, naming the field
        same = officer.post("/console/reform/policy", data={**data, "value": ["0.1", "3", "100"]})
        assert same.status_code == 400 and "没有修改任何数值" in same.text
        bad = officer.post("/console/reform/policy", data={**data, "value": ["百分之十二", "2", "100"]})
        assert bad.status_code == 400 and "研发费用后补助比例”（value）须为数字" in bad.text
        forged = officer.post("/console/reform/policy", data={**data, "key": ["param:nope", *keys[1:]]})
        assert forged.status_code == 400 and "（key）" in forged.text


def test_the_push_list_names_districts(app, platform) -> None:
    benefit = next(b for b in platform.compiled.benefits if b.spec.department == "长春市科学技术局")
    with TestClient(app) as officer:
        login(officer, "officer")
        page = officer.get(f"/console/benefits/{benefit.id}/push")
        assert page.status_code == 200
        text = _visible(page.text)
        # a code standing alone (a USCC carries its district's digits inside it)
        assert not re.search(r"(?<![0-9A-Z])2201\d\d(?![0-9A-Z])", text) and re.search(
            r"(南关|宽城|朝阳|二道|绿园|双阳|九台)区", text
        )
        export = officer.get(f"/console/benefits/{benefit.id}/push.xlsx")  # saved under its title, not its id
        assert export.headers["content-disposition"].endswith(quote(f"{benefit.spec.title}-待联系主体.xlsx"))


def test_allocation_runs_on_the_funds_and_applications_in_the_platform(app, platform) -> None:
    """Three firms' applications waiting for a decision on 研发费用后补助 (removed afterwards): the strategies run on
    them and the fund's remaining budget, and the page names firms, benefits and funds."""
    from sqlalchemy import delete, select

    from policyreach.store.models import Application, Entity

    with platform.sessions() as session:
        eligible = platform.simulation(session).eligible(["rds-rd-subsidy"]).head(3)
        made = []
        for entity_id, amount in zip(eligible["entity_id"], eligible["amount"], strict=True):
            entity = session.scalar(select(Entity).where(Entity.entity_id == entity_id))
            application = Application(
                entity_pk=entity.id,
                benefit_id="rds-rd-subsidy",
                period="alloc-test",
                state="submitted",
                redemption="review",
                amount=amount * 10000,
                snapshot={},
            )
            session.add(application)
            made.append((application, entity.name))
        session.commit()
        ids, firms = [a.id for a, _ in made], [n for _, n in made]
    try:
        with TestClient(app) as officer:
            login(officer, "officer")
            token = csrf_of(officer.get("/console/allocation").text)
            result = officer.post("/console/allocation/platform", data={"csrf_token": token, "entity_cap": "50"})
            assert result.status_code == 200, result.text[-1500:]
            text = _visible(result.text)
            assert '<th scope="col">最优配置（HiGHS）</th>' in result.text and "本年度可用" in text, text[-2000:]
            assert "研发费用后补助" in text and all(firm in text for firm in firms)
            # names of firms, benefits and funds; no ids or codes
            assert not re.search(r"\bE\d{7}\b|cc-[a-z]|rds-|dept:|fund", text)
            bad = officer.post("/console/allocation/platform", data={"csrf_token": token, "entity_cap": "五十"})
            assert bad.status_code == 400 and "（entity_cap）" in bad.text
    finally:
        with platform.sessions() as session:
            session.execute(delete(Application).where(Application.id.in_(ids)))
            session.commit()
