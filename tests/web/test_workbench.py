"""The officer's workbench: a document drafted into forms, every part edited without YAML, the checker's message at
the field that caused it, nothing saved half-way, placeholders blocking submission, proposed attributes accepted,
renamed or mapped, and only the department's officers editing. The form ↔ file mapping is checked on every library
file and on generated policies (a hypothesis round trip): a policy → forms → the same policy."""

from __future__ import annotations

import datetime as dt
import html
import re
import sqlite3
from collections.abc import Iterator
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from policyreach import settings as app_settings
from policyreach.app import workbench as wb
from policyreach.rules.schema import load_schema
from policyreach.store.models import Account, PolicyDraft, SchemaExtension
from tests.web.conftest import csrf_of, login, state_plain_cases

ROOT = Path(__file__).parents[2]
# a document in the structure of a real policy, in our own words: a scope article, a tier list, a rate with a cap,
# a per-unit award on a quantity the schema lacks
DOCUMENT = """长春市支持科技企业创新发展若干措施

第一条 本措施适用于在长春市行政区域内依法登记注册、具有独立法人资格的工业企业。

第二条 对上年度营业收入首次达到5000万元、1亿元的企业，分别给予10万元、30万元一次性奖励。

第三条 对上年度研发费用达到200万元以上的企业，按上年度研发费用的10%给予后补助，单个企业最高不超过100万元。

第四条 对上年度新获授权发明专利的企业，每件给予2万元奖励，每家企业每年最多奖励10件。

第五条 本措施由长春市科学技术局负责解释，自2026年1月1日起施行，有效期至2028年12月31日。
"""


@pytest.fixture(scope="module")
def bench(platform, app) -> Iterator[tuple[object, object]]:
    """The shared platform with its database put back afterwards (drafts and accepted attributes are this module's),
    and the running schema without the attributes accepted here."""
    database = platform.engine.url.database
    keep = sqlite3.connect(":memory:")
    with sqlite3.connect(database) as live:
        live.backup(keep)
    attributes = set(platform.schema.attributes)
    try:
        yield platform, app
    finally:
        platform.engine.dispose()
        with sqlite3.connect(database) as live:
            keep.backup(live)
        keep.close()
        for name in set(platform.schema.attributes) - attributes:
            del platform.schema.attributes[name]


class _Form(HTMLParser):
    """The fields a browser would post from the page's main form (the workbench's), as it shows them."""

    def __init__(self, action: str) -> None:
        super().__init__()
        self.action, self.inside, self.fields = action, False, {}
        self.select: str | None = None
        self.textarea: str | None = None
        self.first_option: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.inside = a.get("action") == self.action
        if not self.inside:
            return
        if tag == "input" and a.get("name"):
            if a.get("type") == "checkbox":
                if "checked" in a:
                    self.fields[a["name"]] = a.get("value", "on")
            else:
                self.fields[a["name"]] = a.get("value", "")
        elif tag == "select":
            self.select, self.first_option = a.get("name"), None
        elif tag == "option" and self.select:
            if self.first_option is None:
                self.first_option = a.get("value", "")
                self.fields.setdefault(self.select, self.first_option)
            if "selected" in a:
                self.fields[self.select] = a.get("value", "")
        elif tag == "textarea":
            self.textarea = a.get("name")
            self.fields[self.textarea or ""] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data: str) -> None:
        if self.textarea:
            self.fields[self.textarea] += data


def posted(page: str, action: str) -> dict[str, str]:
    parser = _Form(action)
    parser.feed(page)
    fields = {k: html.unescape(v) for k, v in parser.fields.items()}
    for name in [k for k in fields if k.endswith(".text") or k.endswith("steps")]:
        fields[name] = fields[name].removeprefix("\n")  # a textarea's first newline is not its value
    return fields


def _start(client: TestClient, **data: str) -> tuple[int, str]:
    token = csrf_of(client.get("/console/workbench").text)
    response = client.post("/console/workbench", data={"csrf_token": token, **data}, follow_redirects=False)
    assert response.status_code == 303, response.text[-800:]
    version_id = int(response.headers["location"].rsplit("/", 1)[1])
    return version_id, client.get(f"/console/workbench/{version_id}").text


def _text(platform, version_id: int) -> str:
    with platform.sessions() as session:
        return session.get(PolicyDraft, version_id).text


def _save(client: TestClient, version_id: int, fields: dict[str, str]):
    return client.post(f"/console/workbench/{version_id}", data=fields, follow_redirects=False)


def _benefit(fields: dict[str, str], title_part: str) -> str:
    """The field prefix (b.N.) of the benefit whose title contains ``title_part``."""
    for name, value in fields.items():
        if re.fullmatch(r"b\.\d+\.title", name) and title_part in value:
            return name[: -len("title")]
    raise AssertionError(f"no benefit titled …{title_part}…")


def test_a_document_becomes_forms_each_rule_beside_its_clause_with_names_of_their_own(bench) -> None:
    platform, app = bench
    with TestClient(app) as officer:
        login(officer, "officer")
        version_id, page = _start(officer, text=DOCUMENT, policy_id="wb-doc-forms")
        assert "第二条对上年度营业收入首次达到5000万元" in page.replace(" ", "")
        # the two amounts of one article are two benefits with names of their own, never two 待命名（第二条）
        assert "待命名（第二条）之一" in page and "待命名（第二条）之二" in page
        # the rate with its cap is the rate builder (base, rate, cap), not an expression
        fields = posted(page, f"/console/workbench/{version_id}")
        rate = _benefit(fields, "第三条")
        assert (fields[rate + "a.kind"], fields[rate + "a.attr"], fields[rate + "a.year"]) == (
            "rate",
            "rd_expense",
            "last_year",
        )
        assert (fields[rate + "a.rate"], fields[rate + "a.cap"]) == ("0.1", "100")
        per_unit = _benefit(fields, "第四条")
        assert (fields[per_unit + "a.kind"], fields[per_unit + "a.each"], fields[per_unit + "a.most"]) == (
            "per_unit",
            "2",
            "10",
        )
        # the picker shows the Chinese label with its unit and whether it is yearly; the proposal is offered
        assert "研发费用（万元；按年度）" in page and "本政策拟新增的属性" in page
        # the page as shown, posted back unchanged, saves the same policy (nothing lost between file and forms)
        before = wb.load(_text(platform, version_id))
        fields[rate + "payout"] = "cash"
        for name in [k for k in fields if k.endswith(".payout") and not fields[k]]:
            fields[name] = "cash"
        saved = _save(officer, version_id, fields)
        assert saved.status_code == 303, saved.text[-2000:]
        after = wb.load(_text(platform, version_id))
        assert after["benefits"][0]["payout"] == "cash"
        for b in before["benefits"]:
            b["payout"] = "cash"
        assert after == before


def test_errors_are_shown_at_their_field_and_nothing_is_saved(bench) -> None:
    platform, app = bench
    with TestClient(app) as officer:
        login(officer, "officer")
        version_id, page = _start(officer, text=DOCUMENT, policy_id="wb-doc-errors")
        fields = posted(page, f"/console/workbench/{version_id}")
        before = _text(platform, version_id)
        refused = _save(officer, version_id, fields)  # 兑现方式 cannot be read off a sentence: the officer says it
        assert refused.status_code == 422 and 'id="e-b.0.payout" role="alert">兑现方式：请选择' in refused.text
        for name in [k for k in fields if re.fullmatch(r"b\.\d+\.payout", k)]:
            fields[name] = "cash"
        rate = _benefit(fields, "第三条")
        tier = _benefit(fields, "第二条）之二")
        fields[rate + "a.rate"] = "百分之十"  # the form's own check
        refused = _save(officer, version_id, fields)
        assert refused.status_code == 422
        assert re.search(rf'id="e-{re.escape(rate)}a.rate"[^>]*>比例：“百分之十”不是数字', refused.text)
        assert "百分之十" in refused.text  # the officer's value is shown again, not lost
        # two benefits with one name are refused at the second one's name
        fields[rate + "a.rate"] = "0.12"
        first_title = fields[tier + "title"]
        fields[tier + "title"] = fields[_benefit(fields, "第二条）之一") + "title"]
        refused = _save(officer, version_id, fields)
        assert refused.status_code == 422
        assert re.search(rf'id="e-{re.escape(tier)}title"[^>]*>名称“[^”]+”与第 \d+ 项相同', refused.text)
        # the checker's message (a text compared with a number) lands on the condition's value field
        fields[tier + "title"] = first_title
        fields[tier + "c.0.attr"] = "industry"
        fields[tier + "c.0.year"] = ""
        fields[tier + "c.0.op"] = ">="
        fields[tier + "c.0.value"] = "10000"
        refused = _save(officer, version_id, fields)
        assert refused.status_code == 422
        found = re.search(rf'id="e-{re.escape(tier)}c.0.value"[^>]*>([^<]+)<', refused.text)
        assert found and "比较" in found.group(1), refused.text[-3000:]
        assert _text(platform, version_id) == before  # nothing saved half-way


def test_placeholders_block_submission_until_filled(bench) -> None:
    platform, app = bench
    with TestClient(app) as officer:
        login(officer, "officer")
        version_id, page = _start(officer, text=DOCUMENT, policy_id="wb-doc-placeholders")
        assert "提交审批前须填写" in page and "申报渠道" in page
        token = csrf_of(officer.get(f"/console/policy-versions/{version_id}").text)
        submit = {"csrf_token": token, "confirm": "yes"}
        refused = officer.post(f"/console/policy-versions/{version_id}/submit", data=submit, follow_redirects=False)
        assert refused.status_code == 409 and "待填写" in refused.text and "申报渠道" in refused.text
        # saved with the channel still 待填写 (a draft may be saved unfinished); the proposed attribute accepted
        fields = posted(page, f"/console/workbench/{version_id}")
        for name in [k for k in fields if re.fullmatch(r"b\.\d+\.(payout)", k)]:
            fields[name] = "cash"
        for name in [k for k in fields if re.fullmatch(r"b\.\d+\.title", k)]:
            fields[name] = f"科技企业创新奖励（{name}）"
        assert _save(officer, version_id, fields).status_code == 303
        page = officer.get(f"/console/workbench/{version_id}").text
        name = re.search(r'name="name" value="([a-z_]+)"', page).group(1)
        accept = {"csrf_token": token, "name": name, "action": "accept", "label": "新授权发明专利数", "unit": "件"}
        accept |= {"type": "integer", "yearly": "on", "department": "长春市市场监督管理局"}
        done = officer.post(f"/console/workbench/{version_id}/attributes", data=accept, follow_redirects=False)
        assert done.status_code == 303
        assert "已采纳" in officer.get(done.headers["location"]).text
        with platform.sessions() as session:
            row = session.get(SchemaExtension, name)
            assert (row.label, row.accepted_by) == ("新授权发明专利数", "officer")
        # the file now passes the library's checker: only the placeholder guard stands between it and submission
        refused = officer.post(f"/console/policy-versions/{version_id}/submit", data=submit, follow_redirects=False)
        assert refused.status_code == 409 and "申报渠道" in refused.text, refused.text[-600:]
        fields = posted(officer.get(f"/console/workbench/{version_id}").text, f"/console/workbench/{version_id}")
        for name in [k for k in fields if re.fullmatch(r"b\.\d+\.channel", k)]:
            fields[name] = "吉林省政务服务网"
        assert _save(officer, version_id, fields).status_code == 303
        assert wb.placeholders(_text(platform, version_id)) == []
        assert state_plain_cases(officer, version_id).status_code == 303  # the cases the submit step requires
        accepted = officer.post(f"/console/policy-versions/{version_id}/submit", data=submit, follow_redirects=False)
        assert accepted.status_code == 303, accepted.text
        # submitted: the forms no longer change it (the state is compared and set in the one update)
        again = _save(officer, version_id, fields)
        assert again.status_code == 409


def test_a_proposed_attribute_is_renamed_or_mapped_in_every_rule(bench) -> None:
    platform, app = bench
    with TestClient(app) as officer:
        login(officer, "officer")
        version_id, page = _start(officer, text=DOCUMENT, policy_id="wb-doc-map")
        name = re.search(r'name="name" value="([a-z_]+)"', page).group(1)
        token = csrf_of(page)
        url = f"/console/workbench/{version_id}/attributes"
        renamed = {"csrf_token": token, "name": name, "action": "rename", "new_name": "granted_patents"}
        assert officer.post(url, data=renamed, follow_redirects=False).status_code == 303
        text = _text(platform, version_id)
        assert name not in text and "per_unit(granted_patents[last_year], 2, 10)" in text
        bad = {"csrf_token": token, "name": "granted_patents", "action": "map", "existing": "no_such_thing"}
        refused = officer.post(url, data=bad, follow_redirects=False)
        assert refused.status_code == 400 and "existing" in refused.text and _text(platform, version_id) == text
        mapped = bad | {"existing": "invention_patents"}
        assert officer.post(url, data=mapped, follow_redirects=False).status_code == 303
        data = wb.load(_text(platform, version_id))
        assert "proposed_attributes" not in data
        assert any("per_unit(invention_patents[last_year]" in str(b["amount"]) for b in data["benefits"])


def test_from_scratch_rows_are_added_without_script_and_only_the_department_edits(bench) -> None:
    platform, app = bench
    with TestClient(app) as officer, TestClient(app) as other:
        login(officer, "officer")
        version_id, page = _start(officer, title="从空白编写的政策", policy_id="wb-scratch")
        fields = posted(page, f"/console/workbench/{version_id}")
        added = officer.post(f"/console/workbench/{version_id}", data=fields | {"add": "b.0.c"})
        assert added.status_code == 200 and "条件 1" in added.text
        fields = posted(added.text, f"/console/workbench/{version_id}")
        fields |= {"b.0.c.0.attr": "employees", "b.0.c.0.year": "last_year", "b.0.c.0.value": "50"}
        fields |= {"clause.0.text": "第一条 上年度从业人员50人以上的企业，每年给予5万元奖励。", "b.0.a.value": "5"}
        fields |= {"b.0.title": "稳岗奖励", "b.0.payout": "cash", "b.0.channel": "吉林省政务服务网"}
        assert _save(officer, version_id, fields).status_code == 303
        data = wb.load(_text(platform, version_id))
        assert data["benefits"][0]["conditions"] == [{"expr": "employees[last_year] >= 50", "clause": "1"}]
        assert data["benefits"][0]["amount"] == {"formula": "5", "unit": "万元", "clause": "1"}
        # another department's officer: the version is not found, read or written
        _other_officer(platform)
        login(other, "wb-other-officer")
        assert other.get(f"/console/workbench/{version_id}").status_code == 404
        token = csrf_of(other.get("/console/workbench").text)
        written = other.post(f"/console/workbench/{version_id}", data=fields | {"csrf_token": token})
        assert written.status_code == 404
        attributes = {"csrf_token": token, "name": "x", "action": "map", "existing": "employees"}
        assert other.post(f"/console/workbench/{version_id}/attributes", data=attributes).status_code == 404
        assert wb.load(_text(platform, version_id)) == data


def _other_officer(platform) -> None:
    """An officer of 工业和信息化局, with the demo password."""
    with platform.sessions() as session:
        password = session.scalar(select(Account.password_hash).where(Account.username == "officer"))
        session.add(
            Account(
                username="wb-other-officer",
                password_hash=password,
                role="officer",
                department="长春市工业和信息化局",
                display_name="长春市工业和信息化局",
            )
        )
        session.commit()


# -- the mapping alone: every library file and generated policies -------------------------------------------------


SCHEMA = load_schema(app_settings.schema_path())


def test_every_library_file_goes_through_the_forms_unchanged() -> None:
    for file in sorted((ROOT / "library").glob("*.yaml")):
        data = wb.load(file.read_text(encoding="utf-8"))
        back = wb.from_post(wb.flatten(wb.to_form(data)), data, SCHEMA)
        assert wb.load(wb.dump(back)) == data, file.name


numbers = st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False).map(lambda d: d.normalize())
plain = numbers.map(lambda d: format(d, "f"))
yearly = [n for n, a in SCHEMA.attributes.items() if a.yearly and a.type.value in ("decimal", "integer")]
words = st.text(alphabet="科技企业奖励补助研发人才", min_size=1, max_size=12)


@st.composite
def amounts(draw) -> dict[str, object]:
    base = f"{draw(st.sampled_from(yearly))}[last_year]"
    kind = draw(st.sampled_from(["fixed", "rate", "tier", "progressive", "per_unit", "lookup", "manual"]))
    rows = draw(st.lists(st.tuples(plain, plain), min_size=1, max_size=4))
    if kind == "fixed":
        formula = draw(plain)
    elif kind == "rate":
        formula = f"{base} * {draw(plain)}"
    elif kind in ("tier", "progressive"):
        formula = f"{kind}({base}, [{', '.join(f'[{a}, {b}]' for a, b in rows)}])"
    elif kind == "per_unit":
        formula = f"per_unit({base}, {draw(plain)}, {draw(plain)})"
    elif kind == "lookup":
        formula = (
            "lookup(talent_level, {" + ", ".join(f'"{c}": {b}' for c, (_, b) in zip("ABCD", rows, strict=False)) + "})"
        )
    else:
        return {"manual": True, "clause": "1", "cap": draw(numbers)}
    amount: dict[str, object] = {"formula": formula, "clause": "1"}
    if draw(st.booleans()):
        cap = draw(numbers)
        amount["cap"] = cap
        if draw(st.booleans()):
            amount["floor"] = cap / 2
    if draw(st.booleans()):
        amount["schedule"] = [Decimal(1), Decimal("0.6")]
        amount["period_year"] = "years_since(founded) + 1"
    return amount


@st.composite
def policies(draw) -> dict[str, object]:
    benefits = []
    for n in range(draw(st.integers(min_value=1, max_value=3))):
        attr = draw(st.sampled_from(yearly))
        condition = {"expr": f"{attr}[last_year] {draw(st.sampled_from(['>=', '>', '<']))} {draw(plain)}"}
        condition |= {"clause": "1", "label": draw(words)}
        text_condition = {"expr": 'industry == "C27"', "clause": "1"}
        benefit = {
            "id": f"gen-{n}",
            "title": f"{draw(words)}{n}",
            "kind": draw(st.sampled_from(list(wb.KIND_ZH))),
            "payout": draw(st.sampled_from(list(wb.PAYOUT_ZH))),
            "department": "长春市科学技术局",
            "conditions": [condition, text_condition][: draw(st.integers(min_value=0, max_value=2))],
            "amount": draw(amounts()),
            "application": {
                "department": "长春市科学技术局",
                "channel": draw(words),
                "steps": draw(st.lists(words, max_size=2)),
                "materials": [{"name": draw(words), "auto": draw(st.booleans())}],
                "window": {"opens": dt.date(2026, 3, 1), "closes": dt.date(2026, 6, 30)},
            },
        }
        if not benefit["application"]["steps"]:
            del benefit["application"]["steps"]
        if benefit["amount"].get("manual"):
            benefit["redemption"] = "review"
        if draw(st.booleans()):
            benefit["exclusive_group"] = "gen-highest"
        benefits.append(benefit)
    return {
        "id": "gen",
        "title": draw(words),
        "issuer": "长春市科学技术局",
        "level": "city",
        "region": "220100",
        "valid_from": dt.date(2026, 1, 1),
        "source": draw(words),
        "clauses": {"1": draw(words)},
        "common_conditions": [{"expr": "district in CHANGCHUN_DISTRICTS", "clause": "1"}],
        "benefits": benefits,
    }


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(policies())
def test_a_policy_through_the_forms_is_the_same_policy(policy) -> None:
    """A policy → forms (as the page posts them) → the same policy, for every amount kind the builders write."""
    text = wb.dump(policy)
    data = wb.load(text)
    back = wb.from_post(wb.flatten(wb.to_form(data)), data, SCHEMA)
    assert wb.load(wb.dump(back)) == data
    # and the builders recognise each kind: nothing they can write falls back to a raw expression
    for b in data["benefits"]:
        assert wb.amount_form(b["amount"])["kind"] != "expr", b["amount"]


def test_any_value_in_any_field_is_answered_in_chinese_never_a_server_error(bench) -> None:
    """Every field of a real draft's forms at once: text where numbers go, markup, 10,000 characters, a bad date, a
    huge row count. A 4xx naming what is wrong, the draft unchanged."""
    platform, app = bench
    with TestClient(app) as officer:
        login(officer, "officer")
        version_id, page = _start(officer, text=DOCUMENT, policy_id="wb-doc-abuse")
        fields = posted(page, f"/console/workbench/{version_id}")
        before = _text(platform, version_id)
        payloads = ("x'); DROP TABLE policy_drafts; --", "{{ 7*7 }}<script>alert(1)</script>", "长" * 10_000, "9" * 30)
        for payload in payloads:
            abused = {k: (v if k == "csrf_token" else payload) for k, v in fields.items()}
            answer = _save(officer, version_id, abused)
            assert 400 <= answer.status_code < 500, (payload[:20], answer.status_code, answer.text[-800:])
            assert "<script>alert(1)</script>" not in answer.text
            added = officer.post(f"/console/workbench/{version_id}", data=abused | {"add": "b.0.c"})
            assert added.status_code < 500
        assert _text(platform, version_id) == before


def test_a_published_policy_is_revised_in_the_forms_as_a_new_draft(bench) -> None:
    platform, app = bench
    with TestClient(app) as officer:
        login(officer, "officer")
        with platform.sessions() as session:
            published = session.scalar(
                select(PolicyDraft).where(PolicyDraft.policy_id == "cc-rd-subsidy", PolicyDraft.state == "published")
            )
            published_id, number = published.id, published.version
        page = officer.get(f"/console/workbench/{published_id}").text
        assert "不能再修改" in page and "以此版本为基础修订" in page
        token = csrf_of(page)
        url = f"/console/workbench/{published_id}/revise"
        made = officer.post(url, data={"csrf_token": token}, follow_redirects=False)
        assert made.status_code == 303
        draft_id = int(made.headers["location"].rsplit("/", 1)[1])
        with platform.sessions() as session:
            draft = session.get(PolicyDraft, draft_id)
            assert (draft.state, draft.version, draft.based_on) == ("draft", number + 1, published_id)
        fields = posted(officer.get(f"/console/workbench/{draft_id}").text, f"/console/workbench/{draft_id}")
        assert _save(officer, draft_id, fields).status_code == 303  # the library's own file saves as it is
        assert wb.load(_text(platform, draft_id)) == wb.load(_text(platform, published_id))
