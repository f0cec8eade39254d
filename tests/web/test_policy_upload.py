"""A policy upload is staged: validated and its cases run outside the library, stored as a draft of its department
only when both pass, written into the library only when published; an officer uploads only its department's files."""

from __future__ import annotations

import hashlib
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select

from policyreach.store.models import PolicyDraft
from tests.web.conftest import csrf_of, login

FIXTURES = Path(__file__).parents[1] / "fixtures"
OWN = "长春市科学技术局"  # the demo officer's department


def _library(platform) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(platform.library_dir.iterdir())}


def _policy(department: str, policy_id: str) -> str:
    text = (FIXTURES / "library" / "hightech.yaml").read_text(encoding="utf-8")
    text = text.replace("测试市科学技术局", department).replace("id: test-hightech", f"id: {policy_id}", 1)
    # benefit ids are unique across the library too (the cases name them)
    return text.replace("test-hightech-award", f"{policy_id}-award").replace("test-rd-subsidy", f"{policy_id}-rd")


def _upload(client: TestClient, name: str, text: str, publish: bool = False):
    token = csrf_of(client.get("/console/upload").text)
    data = {"csrf_token": token, **({"publish": "1"} if publish else {})}
    return client.post("/console/upload", data=data, files={"policy": (name, text.encode(), "application/x-yaml")})


def _drafts(platform, name: str) -> list[PolicyDraft]:
    with platform.sessions() as session:
        # uploads only: the library's own files are recorded as published versions by the system at start
        uploads = select(PolicyDraft).where(PolicyDraft.file_name == name, PolicyDraft.uploaded_by != "system")
        return list(session.scalars(uploads))


def test_an_officers_upload_is_a_draft_and_other_departments_are_refused(app, platform) -> None:
    before = _library(platform)
    benefits = len(platform.compiled.benefits)
    with TestClient(app) as officer:
        login(officer, "officer")
        # the officer's own department: staged, passes, kept as a draft; the library is untouched
        response = _upload(officer, "upload-own.yaml", _policy(OWN, "upload-own"), publish=True)
        assert response.status_code == 200 and "已保存为草稿" in response.text and "已发布" not in response.text
        assert [d.state for d in _drafts(platform, "upload-own.yaml")] == ["draft"]
        # another department's policy, and a file of another department under its own name: refused, nothing kept
        other = _upload(officer, "upload-other.yaml", _policy("长春市商务局", "upload-other"))
        assert other.status_code == 403 and "长春市商务局" in other.text
        overwrite = _upload(officer, "cc-talent.yaml", _policy(OWN, "cc-talent"))
        assert overwrite.status_code == 403 and "长春市人力资源和社会保障局" in overwrite.text
        # a file that does not validate: its errors, no draft
        broken = _policy(OWN, "upload-broken").replace('"revenue[last_year] >= 2000"', '"revenue[last_year] >= x"')
        failed = _upload(officer, "upload-broken.yaml", broken)
        assert failed.status_code == 422 and "upload-broken.yaml" in failed.text
        assert _drafts(platform, "upload-other.yaml") == _drafts(platform, "upload-broken.yaml") == []
        assert _drafts(platform, "cc-talent.yaml") == []
        # an officer may not publish, not even its own draft
        draft_id = _drafts(platform, "upload-own.yaml")[0].id
        page = officer.get("/console/upload").text
        assert "<title>上传政策 · 政策通</title>" in page and page.count("<h2>草稿</h2>") == 1  # the list, once
        token = csrf_of(page)
        refused = officer.post(f"/console/drafts/{draft_id}/publish", data={"csrf_token": token})
        assert refused.status_code == 403
    assert _library(platform) == before and len(platform.compiled.benefits) == benefits

    with TestClient(app) as admin:
        login(admin, "admin")
        token = csrf_of(admin.get("/console/upload").text)
        published = admin.post(
            f"/console/drafts/{draft_id}/publish", data={"csrf_token": token}, follow_redirects=False
        )
        assert published.status_code == 303
    assert (platform.library_dir / "upload-own.yaml").exists()
    assert [d.state for d in _drafts(platform, "upload-own.yaml")] == ["published"]
    assert len(platform.compiled.benefits) == benefits + 2


def test_the_administrator_never_publishes_its_own_upload(app, platform) -> None:
    """Four eyes on the direct path too: the uploader's publish is refused in the update itself."""
    with TestClient(app) as admin:
        login(admin, "admin")
        uploaded = _upload(admin, "upload-admin.yaml", _policy(OWN, "upload-admin"), publish=True)
        assert uploaded.status_code == 200 and "已保存为草稿" in uploaded.text and "已发布" not in uploaded.text
        draft_id = _drafts(platform, "upload-admin.yaml")[0].id
        page = admin.get("/console/upload").text
        assert f'action="/console/drafts/{draft_id}/publish"' not in page  # not offered
        refused = admin.post(f"/console/drafts/{draft_id}/publish", data={"csrf_token": csrf_of(page)})
        assert refused.status_code == 403 and "不能直接发布自己上传的草稿" in refused.text
    assert [d.state for d in _drafts(platform, "upload-admin.yaml")] == ["draft"]
    assert not (platform.library_dir / "upload-admin.yaml").exists()


def test_a_publish_that_fails_leaves_the_library_as_it_was(platform) -> None:
    before = _library(platform)
    version = platform.library_version
    # a file that parses but collides with a policy id already in the library: loading fails after staging
    clash = _policy(OWN, "cc-talent")
    with platform.sessions() as session:
        try:
            platform.publish_file(session, "clash.yaml", clash)
        except Exception:
            session.rollback()
        else:
            raise AssertionError("a clashing policy id was published")
    assert _library(platform) == before and platform.library_version == version
