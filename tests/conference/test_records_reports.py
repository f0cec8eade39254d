"""Public-opinion reports: the whole path, every forbidden transition, and who may read what."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from sqlalchemy import select

from policyreach.conference import reports
from policyreach.conference.reports import TRANSITIONS, IllegalTransition, ReportState
from policyreach.conference.roles import Forbidden
from policyreach.redemption.audit import verify
from policyreach.store.models import AuditEntry
from tests.conference import records_db
from tests.conference.records_db import make_people

# the records fixtures (pytest finds fixtures by module attribute)
records_factory, db = records_db.records_factory, records_db.db

TODAY = dt.date(2026, 5, 20)


def _report(session, people, title="关于新民胡同夜市常态化运营的建议"):
    return reports.create(
        session,
        people.member,
        title=title,
        situation="夜市客流大，但摊位审批周期长。",
        analysis="审批环节多，冬季经营困难。",
        suggestion="建立夜市常态化运营的备案制。",
        category="经济建设",
        year=2026,
    )


def test_a_report_goes_from_draft_to_a_bulletin_and_upwards_with_instructions(db) -> None:
    people = make_people(db)
    report = _report(db, people)
    assert report.state == ReportState.DRAFT
    reports.submit(db, people.member, report, today=TODAY)
    reports.accept(db, people.office, report)
    reports.edit(db, people.office, report, text="（编辑稿）建议建立备案制。", rating="A")
    issue = reports.bulletin_issue(db, 2026, TODAY, "社情民意")
    reports.adopt(db, people.office, report, issue, today=TODAY)
    reports.record_instruction(
        db, people.office, report, leader="市长", level="city", text="请商务局研究落实。", on=TODAY
    )
    reports.forward(db, people.office, report, "province", today=TODAY)
    reports.record_higher_adoption(db, people.office, report)
    assert report.state == ReportState.FORWARDED and report.bulletin_pk == issue.id
    assert report.forwarded_to == "province" and report.higher_adopted and report.rating == "A"
    assert [i.leader for i in report.instructions] == ["市长"]
    actions = list(
        db.scalars(select(AuditEntry.action).where(AuditEntry.subject == f"report:{report.id}").order_by(AuditEntry.id))
    )
    assert actions == [
        "report.draft",
        "report.submitted",
        "report.editing",
        "report.edited",
        "report.adopted",
        "report.instruction",
        "report.forwarded",
        "report.higher_adopted",
    ]
    assert verify(db) == []


def test_a_returned_report_is_revised_and_resubmitted_by_its_author_only(db) -> None:
    people = make_people(db)
    report = _report(db, people)
    reports.submit(db, people.member, report, today=TODAY)
    with pytest.raises(ValueError, match="理由"):
        reports.return_for_revision(db, people.office, report, " ")
    reports.return_for_revision(db, people.office, report, "请补充数据来源")
    with pytest.raises(Forbidden):
        reports.revise(db, people.other_member, report, title="别人改的")
    reports.revise(db, people.member, report, situation="补充：2025年客流120万人次。")
    with pytest.raises(Forbidden):
        reports.submit(db, people.other_member, report)
    reports.submit(db, people.member, report)
    assert report.state == ReportState.SUBMITTED and report.reason == "请补充数据来源"
    with pytest.raises(IllegalTransition):
        reports.revise(db, people.member, report, title="已报送后修改")


STATES = list(ReportState)


@pytest.mark.parametrize(
    ("start", "target"), [(a, b) for a, b in itertools.product(STATES, STATES) if (a, b) not in TRANSITIONS and a != b]
)
def test_every_transition_outside_the_table_is_refused(db, start, target) -> None:
    people = make_people(db)
    report = _report(db, people)
    report.state = start
    for account in (people.member, people.office, people.leader):
        with pytest.raises(IllegalTransition):
            reports.move(db, report, target, account)
    assert report.state == start


@pytest.mark.parametrize(("start", "target"), list(TRANSITIONS))
def test_every_allowed_transition_is_refused_to_the_wrong_people(db, start, target) -> None:
    people = make_people(db)
    report = _report(db, people)
    report.state = start
    allowed = TRANSITIONS[(start, target)]
    wrong = [people.other_member, people.unit, people.committee, people.leader]
    wrong += [people.office] if allowed == (reports.AUTHOR,) else [people.member]
    for account in wrong:
        with pytest.raises(Forbidden):
            reports.move(db, report, target, account)
    assert report.state == start
    right = people.member if allowed == (reports.AUTHOR,) else people.office
    reports.move(db, report, target, right)
    assert report.state == target


def test_a_member_reads_only_their_own_reports_and_units_none(db) -> None:
    people = make_people(db)
    mine = _report(db, people, "我的信息")
    theirs = reports.create(
        db, people.other_member, title="别人的信息", situation="情况", analysis="", suggestion="建议", year=2026
    )
    assert [r.id for r in reports.visible(db, people.member)] == [mine.id]
    assert reports.get(db, people.member, mine.id) is mine
    with pytest.raises(Forbidden):
        reports.get(db, people.member, theirs.id)
    with pytest.raises(Forbidden):
        reports.get(db, people.unit, mine.id)
    with pytest.raises(Forbidden):
        reports.visible(db, people.unit)
    assert {mine.id, theirs.id} <= {r.id for r in reports.visible(db, people.office)}
    assert reports.get(db, people.leader, theirs.id) is theirs


def test_only_members_write_reports_and_only_the_office_records_instructions(db) -> None:
    people = make_people(db)
    with pytest.raises(Forbidden):
        reports.create(db, people.unit, title="t", situation="s", analysis="", suggestion="x")
    report = _report(db, people)
    with pytest.raises(IllegalTransition):
        reports.record_instruction(db, people.office, report, leader="市长", level="city", text="阅", on=TODAY)
    reports.submit(db, people.member, report)
    reports.accept(db, people.office, report)
    with pytest.raises(ValueError, match="评级"):
        reports.edit(db, people.office, report, rating="D")
    reports.adopt(db, people.office, report, reports.bulletin_issue(db, 2031, TODAY))
    with pytest.raises(Forbidden):
        reports.record_instruction(db, people.member, report, leader="我", level="city", text="阅", on=TODAY)
    with pytest.raises(IllegalTransition):
        reports.record_higher_adoption(db, people.office, report)


def test_bulletin_issues_are_numbered_per_year(db) -> None:
    first = reports.bulletin_issue(db, 2040, TODAY)
    second = reports.bulletin_issue(db, 2040, TODAY)
    other_year = reports.bulletin_issue(db, 2041, TODAY)
    assert (first.number, second.number, other_year.number) == (1, 2, 1)
    assert second.title == "社情民意 2040年第2期"


def test_a_proposal_not_filed_as_a_report_enters_the_offices_queue_once(db) -> None:
    from policyreach.conference.models import Proposal

    people = make_people(db)
    refused = Proposal(
        year=2026,
        title="关于社区菜市场改造的建议",
        category="社会建设",
        case_text="菜市场设施老化。",
        analysis="",
        suggestions="分批改造。",
        proposer_pk=people.member_row.id,
        state="not_filed",
        disposal="report",
        reason="属于具体事务，转社情民意信息",
    )
    reference = Proposal(
        year=2026,
        title="参考件",
        category="其他",
        proposer_pk=people.member_row.id,
        state="not_filed",
        disposal="reference",
        disposal_unit="某局",
    )
    filed = Proposal(year=2026, title="已立案", category="其他", proposer_pk=people.member_row.id, state="filed")
    db.add_all([refused, reference, filed])
    db.flush()
    assert refused.id in [p.id for p in reports.proposals_to_take(db, people.office, limit=10_000)]
    with pytest.raises(Forbidden):
        reports.from_proposal(db, people.committee, refused)
    for other in (reference, filed):
        with pytest.raises(IllegalTransition):
            reports.from_proposal(db, people.office, other)
    report = reports.from_proposal(db, people.office, refused, TODAY)
    assert report.state == ReportState.SUBMITTED and report.author_pk == people.member_row.id
    assert report.situation == "菜市场设施老化。" and report.proposal_pk == refused.id
    assert reports.from_proposal(db, people.office, refused) is report  # once
    assert refused.id not in [p.id for p in reports.proposals_to_take(db, people.office, limit=10_000)]
    assert reports.get(db, people.member, report.id) is report  # the proposer sees it among their reports
    reports.accept(db, people.office, report)
    assert report.state == ReportState.EDITING


def test_a_database_with_reports_upgrades_past_c002(tmp_path) -> None:
    """c003 adds a column to a table that others refer to: it must upgrade a SQLite file that has data."""
    from alembic import command
    from sqlalchemy import text

    from policyreach.store.db import alembic_config, make_engine, migrate

    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "c002")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO opinion_reports (id, year, title, situation, analysis, suggestion, "
                "category, state, higher_adopted, sample) VALUES (1, 2025, 't', 's', '', 'x', "
                "'其他', 'adopted', 0, 0)"
            )
        )
        connection.execute(
            text(
                'INSERT INTO report_instructions (report_pk, leader, level, text, "on") '
                "VALUES (1, '市长', 'city', '阅', '2025-03-01')"
            )
        )
    migrate(engine)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT title, proposal_pk FROM opinion_reports")).one() == ("t", None)
        assert connection.execute(text("SELECT count(*) FROM report_instructions")).scalar() == 1
    engine.dispose()
