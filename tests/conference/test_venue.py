"""Sign-in at the venue by QR code: a rotating, signed, time-limited token; only an invited (or signed-up) member on
the day, while attendance is open; an expired or forged code refused in Chinese; signing twice keeps the first time."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from policyreach import clock
from policyreach.conference import activities, venue
from policyreach.conference.models import ConferenceMember
from policyreach.conference.records_models import Activity
from policyreach.conference.roles import Forbidden, IllegalTransition
from policyreach.store.models import Account
from tests.conference import records_db
from tests.conference.records_db import make_people
from tests.conference.test_records_web import demo, records_app  # noqa: F401 - shared session fixtures
from tests.web.conftest import csrf_of, login

records_factory, db = records_db.records_factory, records_db.db
DAY = dt.date(2026, 6, 9)
NOW = dt.datetime(2026, 6, 9, 1, 30, tzinfo=dt.UTC)  # 09:30 in Beijing on the day


def _noticed(session, people, day=DAY):
    act = activities.plan(session, people.committee, title="扫码签到测试会", form="协商座谈会", held_on=day)
    activities.notify(session, people.committee, act, "请出席。", [people.member_row])
    return act


def test_an_invited_member_signs_in_once_from_the_code_shown_at_the_venue(db) -> None:
    people = make_people(db)
    act = _noticed(db, people)
    code = venue.code_for(act, "https://zc.example.cn/", NOW)
    assert code.url == f"https://zc.example.cn/conference/venue/{code.token}" and "<svg" in code.svg
    assert 0 < code.changes_in <= code.period
    later = NOW + dt.timedelta(seconds=40)
    at, made = venue.sign_in(db, people.member, act, code.token, later)
    assert made and at == dt.datetime(2026, 6, 9, 9, 30, 40)  # stored in Beijing time, as the app's sign-ins
    row = next(p for p in act.participants if p.member_pk == people.member_row.id)
    assert row.signed_in_at == at and row.signed_in_by is None
    # a second scan (the same code, or the next one) keeps the first time
    again, made = venue.sign_in(db, people.member, act, venue.token(act.id, later), later + dt.timedelta(minutes=1))
    assert (again, made) == (at, False)
    # the staff's closing counts them present
    activities.hold(db, people.committee, act)
    assert activities.reconcile(act)["present"] == 1


def test_an_expired_a_forged_or_another_activitys_code_is_refused(db) -> None:
    people = make_people(db)
    act = _noticed(db, people)
    other = _noticed(db, people)
    code = venue.token(act.id, NOW)
    with pytest.raises(venue.BadCode, match="二维码已过期"):
        venue.sign_in(db, people.member, act, code, NOW + dt.timedelta(minutes=4))
    activity_id, step, tag = code.split("-", 2)  # the tag is base64url: it may hold "-" itself
    forged = f"{activity_id}-{step}-{'A' * 22}"
    with pytest.raises(venue.BadCode, match="二维码无效"):
        venue.sign_in(db, people.member, act, forged, NOW)
    moved = f"{activity_id}-{int(step) + 100}-{tag}"  # a later step under the same tag: the tag covers the step
    with pytest.raises(venue.BadCode, match="二维码无效"):
        venue.sign_in(db, people.member, act, moved, NOW + dt.timedelta(hours=1))
    with pytest.raises(venue.BadCode, match="二维码无效"):
        venue.sign_in(db, people.member, other, code, NOW)  # one activity's code does not sign in to another
    with pytest.raises(venue.BadCode, match="二维码无效"):
        venue.activity_of("../../etc/passwd", NOW)
    assert all(p.signed_in_at is None for p in act.participants + other.participants)


def test_only_an_invited_member_on_the_day_with_attendance_open_signs_in(db) -> None:
    people = make_people(db)
    act = _noticed(db, people)
    with pytest.raises(Forbidden, match="未受邀"):  # other_member was not invited and did not sign up
        venue.sign_in(db, people.other_member, act, venue.token(act.id, NOW), NOW)
    # a row of theirs that is neither an invitation nor a sign-up (a leave asked for all the same) does not let in
    activities.ask_leave(db, people.other_member, act, "出差")
    with pytest.raises(Forbidden, match="未受邀"):
        venue.sign_in(db, people.other_member, act, venue.token(act.id, NOW), NOW)
    with pytest.raises(Forbidden):  # staff are not members
        venue.sign_in(db, people.committee, act, venue.token(act.id, NOW), NOW)
    tomorrow = _noticed(db, people, DAY + dt.timedelta(days=1))
    with pytest.raises(IllegalTransition, match="活动当天"):
        venue.sign_in(db, people.member, tomorrow, venue.token(tomorrow.id, NOW), NOW)
    activities.hold(db, people.committee, act)
    activities.decide_leave(db, people.committee, act, people.other_member_row.id, False)
    activities.close_attendance(db, people.committee, act, dt.datetime(2026, 6, 9, 8, 0))
    with pytest.raises(IllegalTransition, match="考勤已确认"):
        venue.sign_in(db, people.member, act, venue.token(act.id, NOW), NOW)


def test_staff_show_the_code_and_a_member_signs_in_from_the_phone(platform, records_app) -> None:  # noqa: F811
    today = clock.today()
    with platform.sessions() as session:
        committee = session.scalar(select(Account).where(Account.username == "committee1"))
        account = session.scalar(select(Account).where(Account.username == "member1"))
        member = session.scalar(select(ConferenceMember).where(ConferenceMember.account_pk == account.id))
        act = activities.plan(session, committee, title="扫码签到页面测试", form="视察", held_on=today)
        activities.notify(session, committee, act, "请出席。", [member])
        session.commit()
        activity_id = act.id
    with TestClient(records_app) as staff:
        login(staff, "committee1")
        page = staff.get(f"/conference/activities/{activity_id}/qr")
        assert page.status_code == 200 and "扫码签到" in page.text and 'data-refresh-seconds="30"' in page.text
        image = staff.get(f"/conference/activities/{activity_id}/qr.svg")
        assert image.headers["content-type"] == "image/svg+xml" and image.headers["cache-control"] == "no-store"
        token = re.search(r"<desc>[^<]*/conference/venue/([A-Za-z0-9_-]+-\d+-[A-Za-z0-9_-]{22})</desc>", image.text)
        assert token is not None
    with TestClient(records_app) as phone:
        login(phone, "member1")
        landing = phone.get(f"/conference/venue/{token[1]}")
        assert landing.status_code == 200 and "确认签到" in landing.text and "扫码签到页面测试" in landing.text
        done = phone.post(f"/conference/venue/{token[1]}", data={"csrf_token": csrf_of(landing.text)})
        assert done.status_code == 200 and "签到成功" in done.text
        again = phone.post(f"/conference/venue/{token[1]}", data={"csrf_token": csrf_of(landing.text)})
        assert "您已签到，无需重复签到" in again.text
        forged = phone.get(f"/conference/venue/{activity_id}-1-{'A' * 22}")
        assert forged.status_code == 400 and "二维码无效" in forged.text
    with TestClient(records_app) as member:
        login(member, "member1")
        assert member.get(f"/conference/activities/{activity_id}/qr").status_code == 403


def test_two_scans_at_once_sign_in_once_on_postgresql(pg_factory) -> None:
    """Two phones (or a double tap) scanning together: one conditional UPDATE each, the row lock orders them, and
    only the first signs in (one time, one audit entry) — a read-then-write would record both."""
    import threading

    from policyreach.store.models import AuditEntry
    from tests.conference.conftest import build_world

    with pg_factory() as session, session.begin():
        world = build_world(session)
        act = activities.plan(session, world["committee"], title="并发扫码", form="视察", held_on=DAY)
        activities.notify(session, world["committee"], act, "请出席。", [world.members["proposer"]])
        activity_id, account_id = act.id, world["proposer"].id
    code = venue.token(activity_id, NOW)
    first_updated, first_may_commit = threading.Event(), threading.Event()
    results: dict[str, tuple[dt.datetime, bool]] = {}

    def scan(name: str, at: dt.datetime, hold: bool) -> None:
        with pg_factory() as session, session.begin():
            account = session.get(Account, account_id)
            activity = session.get(Activity, activity_id)
            results[name] = venue.sign_in(session, account, activity, code, at)
            if hold:  # the first scan's UPDATE holds the row until the second one is waiting on it
                first_updated.set()
                first_may_commit.wait(10)

    first = threading.Thread(target=scan, args=("first", NOW, True))
    first.start()
    assert first_updated.wait(10)
    second = threading.Thread(target=scan, args=("second", NOW + dt.timedelta(seconds=5), False))
    second.start()
    second.join(1)  # it blocks on the first one's row lock (its UPDATE cannot finish before the first commits)
    assert second.is_alive()
    first_may_commit.set()
    first.join(10)
    second.join(10)
    assert results["first"][1] and not results["second"][1]
    assert results["second"][0] == results["first"][0] == dt.datetime(2026, 6, 9, 9, 30)
    with pg_factory() as session:
        entries = session.scalars(
            select(AuditEntry).where(
                AuditEntry.action == "activity.sign_in", AuditEntry.subject == f"activity:{activity_id}"
            )
        ).all()
    assert len(entries) == 1
