"""A policy's versions through four eyes, on a platform of its own (a revision changes what other tests would see):
an officer drafts and submits a revision, a second officer with the publisher permission reviews the difference in
words and the preview, approves and publishes it; push re-matches the changed benefit only; the library reads as of
any date; an application keeps the version it was decided under; the library goes out and back in as YAML."""

from __future__ import annotations

import datetime as dt
import io
import re
import sqlite3
import zipfile

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from policyreach.app import policy_versions
from policyreach.push.events import library_changed
from policyreach.push.models import Job
from policyreach.redemption import policy_lifecycle
from policyreach.redemption.claims import snapshot
from policyreach.rules.library import load_library, validate_policy
from policyreach.rules.yamlsource import load_yaml
from policyreach.store.models import Account, Application, AuditEntry, Entity, PolicyDraft
from tests.conftest import PLATFORM_AS_OF
from tests.web.conftest import csrf_of, login
from tests.web.test_policy_cases import _ineligible
from tests.web.test_policy_upload import _policy

NAME = "cc-rd-subsidy.yaml"
DAY_BEFORE = PLATFORM_AS_OF - dt.timedelta(days=1)
REVISED = "研发费用后补助：比例 10% → 12%；单个企业上限 100 → 120 万元"


@pytest.fixture(scope="module")
def lifecycle(platform, app):
    """The shared platform, its database and library directory put back afterwards (a revision published here
    must not change what other tests see)."""
    database = platform.engine.url.database
    keep = sqlite3.connect(":memory:")
    with sqlite3.connect(database) as live:
        live.backup(keep)
    files = {p.name: p.read_bytes() for p in platform.library_dir.glob("*.yaml")}
    library_changed(platform)  # push has looked at the library as it is: what follows is the revision's alone
    try:
        yield platform, app
    finally:
        platform.engine.dispose()
        with sqlite3.connect(database) as live:
            keep.backup(live)
        keep.close()
        for path in platform.library_dir.glob("*.yaml"):
            if path.name not in files:
                path.unlink()
        for name, content in files.items():
            (platform.library_dir / name).write_bytes(content)
        platform.use_library(load_library([platform.library_dir], platform.schema))
        with platform.sessions() as session:
            platform.adopt_announced_version(session)


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def _revised(platform) -> str:
    """研发费用后补助 at 12% up to 120 万元, and the file's cases saying so (a case the rules contradict blocks it)."""
    text = (platform.library_dir / NAME).read_text(encoding="utf-8")
    text = text.replace("values: {2025-01-01: 0.1}", "values: {2025-01-01: 0.12}", 1).replace(
        'values: {2025-01-01: 100}\n    reference: "2"', 'values: {2025-01-01: 120}\n    reference: "2"', 1
    )
    for before, after in (('"42.5"', "51"), ("10", "12"), ("30", "36"), ("100", "120")):
        old = f"rds-rd-subsidy: {{status: eligible, amount: {before}}}"
        assert old in text
        text = text.replace(old, f"rds-rd-subsidy: {{status: eligible, amount: {after}}}", 1)
    return text


def _upload(client: TestClient, platform, name: str, text: str) -> int:
    """Upload a file through the console; the id of the version it became."""
    token = csrf_of(client.get("/console/upload").text)
    response = client.post(
        "/console/upload", data={"csrf_token": token}, files={"policy": (name, text.encode(), "application/x-yaml")}
    )
    assert response.status_code == 200 and "已保存为草稿" in response.text, response.text[-1500:]
    policy_id = validate_policy(load_yaml(name, text)).id
    with platform.sessions() as session:
        return session.scalar(
            select(PolicyDraft.id).where(PolicyDraft.policy_id == policy_id).order_by(PolicyDraft.version.desc())
        )


def _step(client: TestClient, version_id: int, step: str, **fields: str):
    token = csrf_of(client.get(f"/console/policy-versions/{version_id}").text)
    data = {"csrf_token": token, "confirm": "yes", **fields}
    return client.post(f"/console/policy-versions/{version_id}/{step}", data=data, follow_redirects=False)


def _state(platform, version_id: int) -> str:
    with platform.sessions() as session:
        return session.get(PolicyDraft, version_id).state


def _application_under_v1(platform) -> int:
    """A firm's application to 研发费用后补助 decided under the version in force now (the first)."""
    with platform.sessions() as session:
        sim = platform.simulation(session)
        entity_id = sim.eligible(["rds-rd-subsidy"])["entity_id"][0]
        entity = session.scalar(select(Entity).where(Entity.entity_id == entity_id))
        match = platform.match_one(entity, "rds-rd-subsidy")
        application = Application(
            entity_pk=entity.id,
            benefit_id="rds-rd-subsidy",
            period="2026",
            state="submitted",
            redemption="review",
            amount=match.amount * 10000 if match.amount is not None else None,
            snapshot=snapshot(platform, entity, match),
        )
        session.add(application)
        session.commit()
        return application.id


def test_a_revision_through_four_eyes_rematches_its_changed_benefit_only(lifecycle) -> None:
    platform, app = lifecycle
    with platform.sessions() as session:
        first = policy_versions.in_force(session, PLATFORM_AS_OF)["cc-rd-subsidy"]
        assert (first.version, first.state, first.effective_from) == (1, "published", dt.date(2025, 1, 1))
        jobs_before = set(session.scalars(select(Job.id)))
    application_id = _application_under_v1(platform)

    with TestClient(app) as officer, TestClient(app) as reviewer:
        login(officer, "officer")
        login(reviewer, "reviewer")
        draft = _upload(officer, platform, NAME, _revised(platform))
        with platform.sessions() as session:
            version = session.get(PolicyDraft, draft)
            assert (version.version, version.based_on, version.state) == (2, first.id, "draft")
        page = officer.get(f"/console/policy-versions/{draft}").text
        assert REVISED in _text(page) and "与第 1 版（已发布）相比" in page
        preview = officer.get(f"/console/policy-versions/{draft}/preview")
        assert preview.status_code == 200 and "新符合条件" in preview.text and "按区县" in preview.text
        assert re.search(r"资金拨付：[\d,.]+ → <strong>[\d,.]+</strong> 万元（增加 [\d,.]+ 万元）", preview.text)
        # the drafting officer has no publisher permission: approving is not its to do at all
        assert _step(officer, draft, "approve").status_code == 403
        assert _step(officer, draft, "submit", reason="按新文件调整比例和上限").status_code == 303
        assert _step(officer, draft, "submit").status_code == 409  # once: the state has moved on
        assert _state(platform, draft) == "submitted"
        # the second officer reviews the same words and approves, then publishes from today
        assert REVISED in _text(reviewer.get(f"/console/policy-versions/{draft}").text)
        assert _step(reviewer, draft, "publish").status_code == 409  # not yet approved
        assert _step(reviewer, draft, "approve").status_code == 303
        assert _step(reviewer, draft, "approve").status_code == 409
        published = _step(reviewer, draft, "publish", effective_from=PLATFORM_AS_OF.isoformat())
        assert published.status_code == 303, published.text

        with platform.sessions() as session:
            assert platform.library.versions["cc-rd-subsidy"] == session.get(PolicyDraft, draft).digest
            assert session.get(PolicyDraft, first.id).state == "superseded"
            actions = session.scalars(
                select(AuditEntry.action).where(AuditEntry.subject == "policy:cc-rd-subsidy:v2").order_by(AuditEntry.id)
            ).all()
            assert actions == ["policy.submit", "policy.approve", "policy.publish"]
            # push: the one benefit whose rules changed is re-matched, not the file's four others
            made = session.scalars(select(Job).where(Job.id.not_in(jobs_before), Job.kind == "push.rematch_benefit"))
            assert {(j.payload["benefit_id"], j.payload["event"]) for j in made} == {("rds-rd-subsidy", "changed")}
            # the library as of a date: the day before, the first version; today, the second
            assert (
                policy_versions.in_force(session, PLATFORM_AS_OF - dt.timedelta(days=1))["cc-rd-subsidy"].id == first.id
            )
            assert policy_versions.in_force(session, PLATFORM_AS_OF)["cc-rd-subsidy"].id == draft
        before = officer.get(f"/console/policies?as_of={DAY_BEFORE.isoformat()}").text
        assert f'<a href="/console/policy-versions/{first.id}">第 1 版</a>' in before
        assert f'<a href="/console/policy-versions/{draft}">第 2 版</a>' in officer.get("/console/policies").text
        assert officer.get("/console/policies?as_of=2026-02-30").status_code == 400
        history = _text(officer.get("/console/policies/cc-rd-subsidy").text)
        assert "第 2 版 已发布" in history and "第 1 版 已被新版本取代" in history
        assert "（载入的政策文件）" in history and "长春市科学技术局（审批发布）（reviewer）" in history

        # the application made before the revision is still explained by the first version
        shown = officer.get(f"/console/applications/{application_id}").text
        assert "所依据的政策版本" in shown and "第 1 版" in shown and "此后已修订" in shown
        assert "按上年度研发费用的10%给予后补助" in shown and "最高100万元" in shown and "最高120万元" not in shown

        # withdrawn: out of the library, and of the library read today, still in force the day before
        assert _step(reviewer, draft, "withdraw").status_code == 400  # a reason is required
        assert _step(reviewer, draft, "withdraw", reason="政策到期废止").status_code == 303
        assert "cc-rd-subsidy" not in platform.library.policies
        assert not (platform.library_dir / NAME).exists()
        with platform.sessions() as session:
            assert "cc-rd-subsidy" not in policy_versions.in_force(session, PLATFORM_AS_OF)
            assert (
                policy_versions.in_force(session, PLATFORM_AS_OF - dt.timedelta(days=1))["cc-rd-subsidy"].id == first.id
            )
        assert "所依据的政策版本" in officer.get(f"/console/applications/{application_id}").text


def test_no_one_approves_their_own_draft(lifecycle) -> None:
    """The guard is the approval's own conditional update: without it the publisher approves its own version."""
    platform, app = lifecycle
    with TestClient(app) as reviewer:
        login(reviewer, "reviewer")
        # its award needs an ineligible case beside its eligible ones before it can be submitted
        text = _policy("长春市科学技术局", "own-draft")
        text = text.replace("tests:\n", "tests:\n" + _ineligible("own-draft-award"), 1)
        own = _upload(reviewer, platform, "own-draft.yaml", text)
        preview = reviewer.get(f"/console/policy-versions/{own}/preview")  # a new policy: who would qualify
        assert preview.status_code == 200 and "按区县" in preview.text and "新符合条件" not in preview.text
        assert _step(reviewer, own, "submit").status_code == 303
        refused = _step(reviewer, own, "approve")
        assert refused.status_code == 403 and "不能审批自己起草或提交的版本" in refused.text
        assert _state(platform, own) == "submitted"
        # returned for a change: with a reason, back to draft
        assert _step(reviewer, own, "return").status_code == 400
        assert _step(reviewer, own, "return", reason="补充测试用例").status_code == 303
        assert _state(platform, own) == "draft"
        # submitted again and approved by a second pair of eyes (the administrator holds the permission too)
        assert _step(reviewer, own, "submit").status_code == 303
        with TestClient(app) as admin:
            login(admin, "admin")
            assert _step(admin, own, "approve").status_code == 303
        # published for tomorrow: nothing changes today; tomorrow the worker's tick puts it in force
        tomorrow = PLATFORM_AS_OF + dt.timedelta(days=1)
        assert _step(reviewer, own, "publish", effective_from=DAY_BEFORE.isoformat()).status_code == 400
        assert _step(reviewer, own, "publish", effective_from=tomorrow.isoformat()).status_code == 303
        assert _state(platform, own) == "scheduled" and "own-draft" not in platform.library.policies
    with platform.sessions() as session, session.begin():
        assert policy_lifecycle.put_due_in_force(platform, session) == []
    platform.pinned_as_of = tomorrow
    try:
        with platform.sessions() as session, session.begin():
            assert [v.id for v in policy_lifecycle.put_due_in_force(platform, session)] == [own]
            assert policy_lifecycle.put_due_in_force(platform, session) == []  # once
        assert "own-draft" in platform.library.policies and (platform.library_dir / "own-draft.yaml").exists()
        assert _state(platform, own) == "published"
    finally:
        platform.pinned_as_of = PLATFORM_AS_OF
        platform.rebind_if_new_day()


def test_the_library_goes_out_and_back_in_as_yaml_without_loss(lifecycle) -> None:
    platform, app = lifecycle
    with TestClient(app) as officer:
        login(officer, "officer")
        exported = officer.get("/console/policies/export.zip")
        assert exported.status_code == 200 and exported.headers["content-type"] == "application/zip"
        with zipfile.ZipFile(io.BytesIO(exported.content)) as archive:
            files = {name: archive.read(name).decode("utf-8") for name in archive.namelist()}
        # every policy in force, each parsed back to exactly the policy the platform runs
        parsed = {name: validate_policy(load_yaml(name, text)) for name, text in files.items()}
        assert {p.id for p in parsed.values()} == set(platform.library.policies)
        for policy in parsed.values():
            assert policy == platform.library.policies[policy.id]

        def send(archive_files: dict[str, str]):
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w") as archive:
                for name, text in archive_files.items():
                    archive.writestr(name, text)
            token = csrf_of(officer.get("/console/policies").text)
            return officer.post(
                "/console/policies/import",
                data={"csrf_token": token},
                files={"library": ("library.zip", buffer.getvalue(), "application/zip")},
            )

        # imported again unchanged: nothing to review
        with platform.sessions() as session:
            versions = len(session.scalars(select(PolicyDraft.id)).all())
        again = send(files)
        assert again.status_code == 200 and "0 个与施行版本不同" in again.text, again.text[-1500:]
        # one file of the officer's department changed: a new draft of it, its text exactly as sent
        name = next(n for n, p in parsed.items() if policy_versions.departments(p) == {"长春市科学技术局"})
        changed = files[name].replace("sample: true", "sample: false", 1)
        assert changed != files[name]
        done = send({**files, name: changed})
        assert done.status_code == 200 and "1 个与施行版本不同" in done.text, done.text[-1500:]
        with platform.sessions() as session:
            made = session.scalars(
                select(PolicyDraft).where(PolicyDraft.state == "draft", PolicyDraft.file_name == name)
            )
            (draft,) = made.all()
            assert validate_policy(load_yaml(name, draft.text)) == validate_policy(load_yaml(name, changed))
            assert len(session.scalars(select(PolicyDraft.id)).all()) == versions + 1
        # another department's file may not be imported by this officer: nothing kept
        other = next(n for n, p in parsed.items() if "长春市科学技术局" not in policy_versions.departments(p))
        refused = send({other: files[other].replace("sample: true", "sample: false", 1)})
        assert refused.status_code == 422 and "只能导入本部门" in refused.text
        assert send({"a.txt": "x"}).status_code == 400


def test_the_administrator_gives_an_officer_the_publisher_permission(lifecycle) -> None:
    platform, app = lifecycle
    with TestClient(app) as admin:
        login(admin, "admin")
        token = csrf_of(admin.get("/console/accounts").text)
        for username, ticked in (("lc-publisher", "yes"), ("lc-author", "")):
            form = {"csrf_token": token, "username": username, "password": "Zx9!kLm2#pQr", "role": "officer"}
            form |= {"subject": "长春市科学技术局", "publisher": ticked}
            assert admin.post("/console/accounts", data=form, follow_redirects=False).status_code == 303
        assert "（有发布权限）" in admin.get("/console/accounts").text
    with platform.sessions() as session:
        made = session.execute(select(Account.username, Account.publisher).where(Account.username.like("lc-%")))
        assert dict(made.all()) == {"lc-publisher": True, "lc-author": False}
