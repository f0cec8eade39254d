"""An activity's outcome files (issue 27, item 4: "outcomes and attachments"), through the pages on the conference
tests' seeded platform: the office uploads PDF, DOCX, XLSX and images for an activity whose form records attachments;
the record lists them (name, size, who, when in Beijing time); whoever reads the record downloads them and nobody
else; another activity's file id is 404; removing one is audited and takes the file off the disk; a form without
attachments, a file whose content is not its type and a file over the platform's limit are refused with nothing
written."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest
from docx import Document
from fastapi.testclient import TestClient
from openpyxl import Workbook
from sqlalchemy import func, select

from policyreach.conference.records_models import Activity, ActivityAttachment
from policyreach.push.clock import current_clock
from policyreach.store.models import AuditEntry
from tests.web.conftest import AS_OF, csrf_of, login

YEAR = AS_OF.year
PDF = b"%PDF-1.4\n% survey report\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _docx() -> bytes:
    doc = Document()
    doc.add_paragraph("会议纪要")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _xlsx() -> bytes:
    book = Workbook()
    book.active.append(["走访企业", 12])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def uploads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("POLICYREACH_UPLOADS", str(tmp_path))
    return tmp_path / "conference"


@pytest.fixture(scope="module")
def clients(app) -> Iterator[dict[str, TestClient]]:
    """Signed in once for the module (a login hashes a password): the tests only read and post with them."""
    names = {"office": "committee1", "leader": "leader1", "member": "member1", "unit": "unit1"}
    with (
        TestClient(app) as office,
        TestClient(app) as leader,
        TestClient(app) as member,
        TestClient(app) as unit,
    ):
        found = {"office": office, "leader": leader, "member": member, "unit": unit}
        for key, client in found.items():
            login(client, names[key])
        yield found


def _plan(office: TestClient, platform, title: str, form: str) -> int:
    token = csrf_of(office.get("/conference/activities").text)
    data = {"csrf_token": token, "title": title, "form": form, "held_on": dt.date(YEAR, 6, 3).isoformat()}
    answer = office.post("/conference/activities", data=data, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    with platform.sessions() as session:
        return session.scalar(select(Activity.id).where(Activity.title == title))


def _upload(client: TestClient, act: int, name: str, data: bytes, follow: bool = False):  # type: ignore[no-untyped-def]
    token = csrf_of(client.get(f"/conference/activities/{act}/record").text)
    return client.post(
        f"/conference/activities/{act}/attachments",
        data={"csrf_token": token},
        files={"file": (name, data, "application/octet-stream")},
        follow_redirects=follow,
    )


def _remove(client: TestClient, act: int, attachment: int, page: int | None = None):  # type: ignore[no-untyped-def]
    token = csrf_of(client.get(f"/conference/activities/{page or act}/record").text)
    return client.post(
        f"/conference/activities/{act}/attachments/{attachment}/delete",
        data={"csrf_token": token},
        follow_redirects=False,
    )


def _rows(platform, act: int) -> list[ActivityAttachment]:
    with platform.sessions() as session:
        return list(
            session.scalars(
                select(ActivityAttachment).where(ActivityAttachment.activity_pk == act).order_by(ActivityAttachment.id)
            )
        )


def test_the_office_uploads_lists_downloads_and_removes_files(platform, clients, uploads) -> None:
    office, leader, member, unit = (clients[k] for k in ("office", "leader", "member", "unit"))
    act = _plan(office, platform, "营商环境调研（附件）", "调研")
    files = {
        "C:\\Users\\办公室\\调研报告.pdf": PDF,  # a browser that sends the whole path: only the name is kept
        "会议纪要.docx": _docx(),
        "走访企业名单.xlsx": _xlsx(),
    }
    for name, data in files.items():
        page = _upload(office, act, name, data, follow=True)
        assert page.status_code == 200, page.text
    assert "已上传附件“走访企业名单.xlsx”" in page.text
    photo = _upload(leader, act, "现场照片.png", PNG, follow=True)  # a leader records outcomes too
    assert "已上传附件“现场照片.png”" in photo.text
    rows = _rows(platform, act)
    assert [r.name for r in rows] == ["调研报告.pdf", "会议纪要.docx", "走访企业名单.xlsx", "现场照片.png"]
    assert [r.content_type.split("/")[0] for r in rows] == ["application"] * 3 + ["image"]
    on_disk = sorted(p.name for p in uploads.iterdir())
    assert on_disk == sorted(r.stored_as for r in rows)
    assert all(len(n) == 32 and n.isalnum() for n in on_disk)  # random names: nothing of the user's reaches the disk

    listed = member.get(f"/conference/activities/{act}/record").text  # a member reads the record and its files
    for row in rows:
        assert row.name in listed
    # stored in UTC, read in Beijing time (eight hours ahead), under the name people read
    assert abs(current_clock().now().replace(tzinfo=None) - rows[0].uploaded_at) < dt.timedelta(minutes=5)
    beijing = (rows[0].uploaded_at + dt.timedelta(hours=8)).strftime("%Y-%m-%d %H:%M")
    assert f"提案委员会办公室 上传于 {beijing}" in listed
    assert "孙立新副主席 上传于" in listed and "字节" in listed and "KB" in listed
    assert "上传附件" not in listed and "/delete" not in listed  # the member reads, the office uploads and removes

    pdf = rows[0]
    link = f"/conference/activities/{act}/attachments/{pdf.id}"
    got = member.get(link)
    assert got.status_code == 200 and got.content == PDF
    assert got.headers["content-type"] == "application/pdf" and "attachment" in got.headers["content-disposition"]
    assert office.get(f"/conference/activities/{act}/attachments/{rows[1].id}").content == files["会议纪要.docx"]
    assert unit.get(link).status_code == 403  # a handling unit reads no activity record, hence none of its files

    gone = _remove(office, act, pdf.id)
    assert gone.status_code == 303 and "已删除附件“调研报告.pdf”" in unquote(gone.headers["location"])
    assert [r.id for r in _rows(platform, act)] == [r.id for r in rows[1:]]
    assert not (uploads / pdf.stored_as).exists() and len(list(uploads.iterdir())) == 3
    assert member.get(link).status_code == 404
    assert _remove(office, act, pdf.id).status_code == 404  # removed once: a second removal finds nothing
    with platform.sessions() as session:
        entries = list(
            session.scalars(select(AuditEntry).where(AuditEntry.subject == f"activity:{act}").order_by(AuditEntry.id))
        )
    added = [e for e in entries if e.action == "activity.attachment_added"]
    removed = [e for e in entries if e.action == "activity.attachment_removed"]
    assert len(added) == 4 and {e.actor for e in added} == {"committee1", "leader1"}
    assert len(removed) == 1 and removed[0].actor == "committee1"
    assert removed[0].data["name"] == "调研报告.pdf" and removed[0].data["size"] == len(PDF)


def test_only_the_office_uploads_and_removes_and_another_activitys_file_is_not_found(
    platform, clients, uploads
) -> None:
    office, member, unit = clients["office"], clients["member"], clients["unit"]
    mine = _plan(office, platform, "专题协商会（附件权限）", "专题协商会")
    other = _plan(office, platform, "督办视察（附件权限）", "督办视察")
    assert _upload(office, mine, "纪要.pdf", PDF).status_code == 303
    assert _upload(office, other, "督办报告.pdf", PDF).status_code == 303
    kept, theirs = _rows(platform, mine)[0], _rows(platform, other)[0]

    for client in (member, unit):
        refused = client.post(  # a token from a page the role does see: the refusal is the role's, not the form's
            f"/conference/activities/{mine}/attachments",
            data={"csrf_token": csrf_of(client.get("/me/preferences").text)},
            files={"file": ("越权.pdf", PDF, "application/pdf")},
            follow_redirects=False,
        )
        assert refused.status_code == 403 and "上传活动附件仅限" in refused.text
        removal = client.post(
            f"/conference/activities/{mine}/attachments/{kept.id}/delete",
            data={"csrf_token": csrf_of(client.get("/me/preferences").text)},
            follow_redirects=False,
        )
        assert removal.status_code == 403 and "删除活动附件仅限" in removal.text
    assert [r.id for r in _rows(platform, mine)] == [kept.id] and len(list(uploads.iterdir())) == 2

    # another activity's file asked for under this one: not found, to its readers and to the office alike
    crossed = f"/conference/activities/{mine}/attachments/{theirs.id}"
    assert member.get(crossed).status_code == 404 and office.get(crossed).status_code == 404
    assert _remove(office, mine, theirs.id).status_code == 404
    assert [r.id for r in _rows(platform, other)] == [theirs.id] and (uploads / theirs.stored_as).exists()
    assert office.get(f"/conference/activities/{other}/attachments/{theirs.id}").content == PDF


def test_refusals_are_chinese_and_write_nothing(platform, clients, uploads, monkeypatch) -> None:
    office = clients["office"]
    visit = _plan(office, platform, "参观（无附件）", "参观")  # a form that records no attachments
    survey = _plan(office, platform, "视察（坏文件）", "视察")

    def nothing_written() -> None:
        with platform.sessions() as session:
            count = session.scalar(
                select(func.count())
                .select_from(ActivityAttachment)
                .where(ActivityAttachment.activity_pk.in_([visit, survey]))
            )
        assert count == 0
        assert not uploads.exists() or not list(uploads.iterdir())

    no_form = _upload(office, visit, "参观照片.png", PNG)
    assert no_form.status_code == 400 and "“参观”活动不记录附件材料，不能上传文件" in no_form.text
    assert "上传附件" not in office.get(f"/conference/activities/{visit}/record").text  # nor is it offered
    cases = [
        ("调研报告.pdf", b"MZ\x90\x00 a program", 400, "内容与扩展名 .pdf 不符"),
        ("安装包.exe", b"MZ\x90\x00", 400, "类型不受支持"),
        ("空白.docx", b"", 400, "是空文件"),
    ]
    for name, data, status, message in cases:
        answer = _upload(office, survey, name, data)
        assert answer.status_code == status and message in answer.text and "“附件”" in answer.text, answer.text
    empty = office.post(
        f"/conference/activities/{survey}/attachments",
        data={"csrf_token": csrf_of(office.get(f"/conference/activities/{survey}/record").text)},
        follow_redirects=False,
    )
    assert empty.status_code == 400 and "请选择要上传的文件" in empty.text
    monkeypatch.setenv("POLICYREACH_UPLOAD_MAX_MB", "0.01")  # the platform's per-file limit, about 10 KB
    big = _upload(office, survey, "全文.pdf", PDF + b"0" * 20_000)
    assert big.status_code == 413 and "“全文.pdf”超过" in big.text
    nothing_written()
