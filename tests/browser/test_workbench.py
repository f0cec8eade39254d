"""Two officers at their desks, in a real browser (issue 23, "How it is judged"): officer A uploads a PDF written in
the structure of a real policy (a scope article, a tier list, a rate with a cap, a per-unit award on a quantity the
schema lacks), corrects a drafted rule in the forms, accepts the proposed attribute and submits; officer B reads
the difference and approves and publishes; the worker runs, and a firm that qualifies finds the notice in its inbox.
No YAML is typed anywhere. The editing part again with the keyboard alone.

The submission is one helper (``_submit``): the suggested boundary cases (issue 23, item 2) are confirmed there
when that step exists.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from sqlalchemy import select, update

from policyreach.app.accounts import hash_password
from policyreach.push import events, jobs, worker
from policyreach.push.clock import current_clock
from policyreach.push.models import Job, Notification
from policyreach.store.models import Account, Entity, PolicyDraft
from tests.browser.test_accessibility import AXE, WIDTHS, _axe
from tests.browser.test_journeys import DOCS, _login, _read
from tests.extract.pdfmake import write_pdf
from tests.web.conftest import plain_readings

# our own sentences in the structure of a city's support measures (a scope article, then the money articles)
DOCUMENT = """长春市支持企业研发创新若干措施

第一条 本措施适用于在长春市行政区域内依法登记注册、具有独立法人资格的工业企业。

第二条 对上年度营业收入首次达到5000万元、1亿元的企业，分别给予10万元、30万元一次性奖励。

第三条 对上年度研发费用达到200万元以上的企业，按上年度研发费用的10%给予后补助，单个企业最高不超过100万元。

第四条 对上年度新获授权发明专利的企业，每件给予2万元奖励，每家企业每年最多奖励10件。

第五条 本措施由长春市科学技术局负责解释，自2026年1月1日起施行，有效期至2028年12月31日。
"""
NAMES = {
    "第二条）之一": "营业收入首次突破5000万元奖励",
    "第二条）之二": "营业收入首次突破1亿元奖励",
    "第三条": "研发费用后补助（研发创新措施）",
    "第四条": "发明专利授权奖励",
}


def _benefit(page, part: str):
    return page.locator("section.wb-benefit", has_text=f"待命名（{part}").first


def _draft_from_pdf(page, server: str, tmp_path: Path) -> int:
    pdf = tmp_path / "研发创新措施.pdf"
    write_pdf(DOCUMENT, pdf)
    page.goto(f"{server}/console/workbench")
    page.get_by_label("政策文件（PDF、Word、网页或文本）").set_input_files(str(pdf))
    page.get_by_role("button", name="读取并起草").click()
    page.wait_for_url(re.compile(r".*/console/workbench/\d+$"))
    return int(page.url.rsplit("/", 1)[1])


def _audited(page) -> None:
    """The editor of a drafted document passes axe (serious and critical rules) at a desk's and a phone's width, and
    fits a phone's width without sideways scrolling."""
    page.context.add_init_script(path=str(AXE))  # for the next load: injected by the browser, the CSP untouched
    page.reload()
    for width in (WIDTHS["desktop"], WIDTHS["phone"]):
        page.set_viewport_size(width)
        assert not _axe(page), _axe(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), "wider than a phone"
    page.set_viewport_size(WIDTHS["desktop"])


def _correct_in_forms(page) -> None:
    """What the officer does in the forms: names each benefit, says how it is paid and where it is applied for,
    and corrects the drafted rule of article 3 (the threshold the officer reads as 300 万元, the cap as 120)."""
    _read(page)
    rate = _benefit(page, "第三条")
    clause = page.locator(".wb-row", has=rate).locator("textarea[name$='.text']")
    assert "第三条对上年度研发费用达到200万元以上的企业" in clause.input_value().replace(" ", "")
    assert rate.locator("select[name$='.a.kind']").input_value() == "rate"
    assert rate.locator("input[name$='.a.rate']").input_value() == "0.1"
    assert rate.locator("input[name$='.a.cap']").input_value() == "100"
    # the builder of another kind is hidden by the page's script; the rate's own fields are shown
    assert rate.locator("input[name$='.a.each']").is_hidden() and rate.locator("input[name$='.a.rate']").is_visible()
    rate.locator("input[name$='.c.0.value']").fill("300")
    rate.locator("input[name$='.a.cap']").fill("120")
    for part, name in NAMES.items():
        section = _benefit(page, part)
        section.locator("select[name$='.payout']").select_option(label="资金拨付")
        section.locator("input[name$='.channel']").fill("吉林省政务服务网“惠企政策”专区")
        section.locator("input[name$='.title']").fill(name)
    with page.expect_navigation():
        page.get_by_role("button", name="保存").first.click()
    assert "已保存" in _read(page), _read(page)[:1500]


def _accept_proposed(page) -> None:
    box = page.locator("form.wb-proposed").first
    box.get_by_label("中文名称").fill("上年度新获授权发明专利数")
    with page.expect_navigation():
        box.get_by_role("button", name="采纳该属性").click()
    assert "已采纳属性" in _read(page)


def _confirm_cases(page, server: str, version_id: int) -> None:
    """The officer states, on the suggested cases page, the readings the clauses leave no doubt about (the case
    meeting every condition 符合, the one outside the scope or below the first threshold 不符合); the page then says
    the draft may be submitted, which it says only when the rules agree with every stated reading."""
    page.goto(f"{server}/console/policy-versions/{version_id}/cases")
    cases = page.locator("fieldset.case")
    keys = [cases.nth(i).locator('input[name="case"]').get_attribute("value") for i in range(cases.count())]
    readings = plain_readings(keys)
    assert readings, "no suggested case to state"
    for i, key in enumerate(keys):
        if key in readings:
            label = {"eligible": "符合", "ineligible": "不符合"}[readings[key]]
            cases.nth(i).get_by_label("按条文，该情形的结论").select_option(label=label)
    with page.expect_navigation():
        page.get_by_role("button", name="保存我的判断并检查").click()
    assert "可以提交审批" in _read(page), _read(page)[:1500]
    page.screenshot(path=str(DOCS / "console-policy-cases.png"), full_page=False)


def _submit(page, server: str, version_id: int) -> None:
    """The officer confirms the suggested cases and submits the version for a second officer's approval (the one
    place the submission happens)."""
    _confirm_cases(page, server, version_id)
    page.goto(f"{server}/console/policy-versions/{version_id}")
    form = page.locator("form", has=page.get_by_role("button", name="提交审批"))
    form.get_by_label("修订说明（可不填，审批人会看到）").fill("依据研发创新措施文件编写")
    form.get_by_role("checkbox").check()
    with page.expect_navigation():
        form.get_by_role("button", name="提交审批").click()
    assert "待审批" in _read(page)


def _approve_and_publish(page, server: str, version_id: int) -> str:
    page.goto(f"{server}/console/policy-versions/{version_id}")
    reviewed = _read(page)
    page.screenshot(path=str(DOCS / "console-policy-review.png"), full_page=False)
    approve = page.locator("form", has=page.get_by_role("button", name="审批通过"))
    approve.get_by_role("checkbox").check()
    with page.expect_navigation():
        approve.get_by_role("button", name="审批通过").click()
    publish = page.locator("form", has=page.get_by_role("button", name="发布", exact=True))
    publish.get_by_role("checkbox").check()
    with page.expect_navigation():
        publish.get_by_role("button", name="发布", exact=True).click()
    assert "已发布" in _read(page)
    return reviewed


def _firm_told(platform, benefit_ids: list[str]) -> tuple[str, str]:
    """A firm the new benefits reached, with an account to read its inbox. Only the re-match jobs publishing queued
    for these benefits are run (as the worker would run them), not the library's baseline round."""
    worker.load_handlers()
    clock, lease = current_clock(), dt.timedelta(minutes=10)
    with platform.sessions() as session:
        ours = [
            job.id
            for job in session.scalars(select(Job).where(Job.kind == "push.rematch_benefit", Job.state == "pending"))
            if job.payload["benefit_id"] in benefit_ids
        ]
        assert ours, "publishing queued no re-match"
        session.execute(
            update(Job)
            .where(Job.id.in_(ours))
            .values(state="running", locked_by="wb-test", locked_until=clock.now() + lease, attempts=Job.attempts + 1)
        )
        session.commit()
    for job_id in ours:
        with platform.sessions() as session:
            job = session.get(Job, job_id)
        jobs.run_job(platform.sessions, clock, job, "wb-test", lease, {"platform": platform})
    with platform.sessions() as session:
        told = session.scalars(
            select(Notification).where(
                Notification.benefit_id.in_(benefit_ids), Notification.kind == "benefit.eligible"
            )
        ).all()
        assert told, "no firm was told of the published policy"
        pk = int(told[0].recipient.removeprefix("e:"))
        benefit = next(b for b in platform.library.benefits if b.id == told[0].benefit_id)
        entity = session.get(Entity, pk)
        username = f"wb-firm-{pk}"
        if session.scalar(select(Account.id).where(Account.username == username)) is None:
            session.add(
                Account(
                    username=username,
                    password_hash=hash_password("demo1234"),
                    role=entity.kind,
                    entity_pk=pk,
                    display_name=entity.name,
                )
            )
            session.commit()
    return username, benefit.spec.title


def test_two_officers_take_a_document_to_a_published_policy_without_yaml(
    desktop, server, served_platform, tmp_path
) -> None:
    page = desktop
    events.library_changed(served_platform)  # the library as push has seen it: what follows is this policy's alone
    _login(page, server, "officer")
    version_id = _draft_from_pdf(page, server, tmp_path)
    _audited(page)
    _correct_in_forms(page)
    _accept_proposed(page)
    page.screenshot(path=str(DOCS / "console-workbench.png"), full_page=False)  # the README's picture of the forms
    _submit(page, server, version_id)
    with served_platform.sessions() as session:
        policy_id = session.get(PolicyDraft, version_id).policy_id
        text = session.get(PolicyDraft, version_id).text
    assert "rd_expense[last_year] >= 300" in text and "cap: 120" in text  # the correction, in the file kept

    _login(page, server, "reviewer")
    reviewed = _approve_and_publish(page, server, version_id)
    assert "新发布，含兑现事项" in reviewed and "研发费用后补助（研发创新措施）" in reviewed
    assert policy_id in served_platform.library.policies

    benefit_ids = [b.id for b in served_platform.library.policies[policy_id].benefits]
    username, title = _firm_told(served_platform, benefit_ids)
    _login(page, server, username)
    page.goto(f"{server}/me/inbox")
    assert title in _read(page)


def test_the_forms_are_edited_with_the_keyboard_alone(desktop, server, served_platform) -> None:
    """A policy from scratch: every step by Tab, typing, arrow keys and Enter; no mouse."""
    page = desktop
    _login(page, server, "officer")
    page.goto(f"{server}/console/workbench")
    _tab_to(page, "title")
    page.keyboard.type("键盘编写的稳岗政策")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/console/workbench/\d+$"))
    version_id = int(page.url.rsplit("/", 1)[1])
    # one more condition row, by the button's keyboard activation (no script needed)
    _tab_to(page, "add", value="b.0.c")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    _tab_to(page, "b.0.c.0.attr")
    _choose(page, "从业人员（人；按年度）")
    _tab_to(page, "b.0.c.0.year")
    _choose(page, "上年度")
    _tab_to(page, "b.0.c.0.value")
    page.keyboard.type("50")
    _tab_to(page, "b.0.title")
    page.keyboard.press("Control+A")
    page.keyboard.type("稳岗奖励")
    _tab_to(page, "b.0.payout")
    _choose(page, "资金拨付")
    _tab_to(page, "b.0.a.value")
    page.keyboard.press("Control+A")
    page.keyboard.type("5")
    _tab_to(page, "b.0.channel")
    page.keyboard.press("Control+A")
    page.keyboard.type("吉林省政务服务网")
    _tab_to(page, "clause.0.text")
    page.keyboard.press("Control+A")
    page.keyboard.type("第一条 上年度从业人员50人以上的企业，给予5万元奖励。")
    _tab_to(page, "b.0.c.0.value")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # Enter in a field submits the form with its first button: 保存
    assert "已保存" in _read(page), _read(page)[:1500]
    with served_platform.sessions() as session:
        text = session.get(PolicyDraft, version_id).text
    assert "employees[last_year] >= 50" in text and "title: 稳岗奖励" in text and "payout: cash" in text

    # the cases stated, the version submitted, and a second officer's approval and publication: keyboard only
    page.goto(f"{server}/console/policy-versions/{version_id}/cases")
    keys = page.locator('input[name="case"]').evaluate_all("els => els.map(e => e.value)")
    readings = plain_readings(keys)
    for _ in range(len(keys)):
        _tab_until(page, "e => e.name === 'outcome'", leave=True)
        key = page.evaluate("() => document.activeElement.closest('fieldset').querySelector('[name=case]').value")
        if key in readings:
            _choose(page, {"eligible": "符合", "ineligible": "不符合"}[readings[key]])
    _tab_until(page, "e => e.tagName === 'BUTTON' && e.textContent.includes('保存我的判断')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "可以提交审批" in _read(page), _read(page)[:1500]
    page.goto(f"{server}/console/policy-versions/{version_id}")
    _keyboard_step(page, "/submit", "提交审批")
    assert "待审批" in _read(page)
    _login(page, server, "reviewer")
    page.goto(f"{server}/console/policy-versions/{version_id}")
    _keyboard_step(page, "/approve", "审批通过")
    _keyboard_step(page, "/publish", "发布")
    assert "已发布" in _read(page)


def _tab_until(page, predicate: str, leave: bool = False, most: int = 600) -> None:
    """Tab until the focused element satisfies the JavaScript ``predicate``; with ``leave`` the one focused now does
    not count (the next such control is wanted). Fails if the keyboard cannot reach one."""
    if leave:
        page.keyboard.press("Tab")
    for _ in range(most):
        if page.evaluate(f"() => ({predicate})(document.activeElement)"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"the keyboard does not reach {predicate}")


def _keyboard_step(page, action: str, button: str) -> None:
    """A step's form on the version page by the keyboard: its confirmation ticked with Space, its button pressed."""
    in_form = f"e.form && e.form.action.endsWith('{action}')"
    _tab_until(page, f"e => e.name === 'confirm' && {in_form}")
    page.keyboard.press("Space")
    _tab_until(page, f"e => e.tagName === 'BUTTON' && {in_form}")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state()


def _tab_to(page, name: str, value: str | None = None, most: int = 400) -> None:
    """Tab until the control named ``name`` (and ``value``) has the focus; fails if the keyboard cannot reach it."""
    for _ in range(most):
        focused = page.evaluate(
            "() => { const e = document.activeElement; return e ? [e.name || '', e.value || ''] : ['', ''] }"
        )
        if focused[0] == name and (value is None or focused[1] == value):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"the keyboard does not reach {name}")


def _choose(page, label_part: str) -> None:
    """Pick an option of the focused select by the keyboard: arrow down until its text holds ``label_part``."""
    for _ in range(200):
        chosen = page.evaluate("() => { const s = document.activeElement; return s.options[s.selectedIndex].text }")
        if label_part in chosen:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"no option {label_part}")
