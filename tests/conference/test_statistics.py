"""The year at a glance: counts, on-time rate, A/B/C and satisfaction shares (exact, half up), by unit,
by category; the XLSX carries the same figures. Also the records' tables on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from openpyxl import load_workbook

from policyreach.conference import duty, reports, statistics
from policyreach.conference.assessment import load_rules
from policyreach.conference.models import Assignment, ConferenceMember, Evaluation, HandlingUnit, Proposal
from policyreach.store.db import make_engine, migrate, sessions
from tests.conference import records_db
from tests.conference.records_db import make_people

records_factory, db = records_db.records_factory, records_db.db
YEAR = 2031  # a year no other test writes to


def _proposal(session, people, state, **kw):
    p = Proposal(
        year=YEAR,
        title=f"提案{state}",
        category=kw.pop("category", "经济建设"),
        proposer_pk=people.member_row.id,
        state=state,
        deadline=dt.date(YEAR, 6, 30),
        **kw,
    )
    session.add(p)
    session.flush()
    return p


def test_the_year_is_counted_like_the_work_report(db) -> None:
    people = make_people(db)
    other_unit = HandlingUnit(name=f"{people.unit_row.name}乙", short_name="乙", kind="government")
    db.add(other_unit)
    db.flush()
    answers = [
        ("A", dt.date(YEAR, 6, 1), "satisfied"),
        ("A", dt.date(YEAR, 6, 30), "basic"),
        ("B", dt.date(YEAR, 7, 2), "unsatisfied"),
    ]
    for i, (cls, on, rating) in enumerate(answers):
        p = _proposal(
            db,
            people,
            "closed" if rating != "unsatisfied" else "assigned",
            is_key=i == 0,
            category="社会建设" if i == 2 else "经济建设",
        )
        db.add(
            Assignment(
                proposal_pk=p.id,
                unit_pk=people.unit_row.id,
                role="lead",
                state="answered",
                answer_class=cls,
                answered_on=on,
            )
        )
        db.add(Assignment(proposal_pk=p.id, unit_pk=other_unit.id, role="co", state="opinion_sent"))
        db.add(Evaluation(proposal_pk=p.id, round=1, rating=rating, at=on))
    _proposal(db, people, "not_filed")
    _proposal(db, people, "merged")
    _proposal(db, people, "draft")
    report = reports.create(db, people.member, title="信息", situation="s", analysis="", suggestion="x", year=YEAR)
    reports.submit(db, people.member, report)
    reports.accept(db, people.office, report)
    reports.adopt(db, people.office, report, reports.bulletin_issue(db, YEAR, dt.date(YEAR, 3, 1)))
    reports.record_instruction(
        db, people.office, report, leader="市长", level="city", text="阅", on=dt.date(YEAR, 3, 2)
    )
    db.flush()

    stats = statistics.year_stats(db, YEAR)
    assert stats.proposals == {
        "received": 5,
        "filed": 3,
        "not_filed": 1,
        "merged": 1,
        "key": 1,
        "answers": 3,
        "answered_on_time": 2,
        "closed": 2,
        "adopted": 2,  # the two filed proposals answered A
    }
    assert stats.by_origin["委员个人"] == 3 and stats.by_during["大会期间"] == 3
    assert stats.on_time_rate == Decimal("0.666667")  # 2/3, six places, half up
    assert stats.class_share("A") == Decimal("0.666667") and stats.class_share("C") == Decimal("0.000000")
    assert stats.rating_share("unsatisfied") == Decimal("0.333333")
    assert statistics.percent(stats.on_time_rate) == "66.7%"
    assert stats.by_category["经济建设"] == 2 and stats.by_category["社会建设"] == 1
    lead = next(u for u in stats.by_unit if u.name == people.unit_row.name)
    co = next(u for u in stats.by_unit if u.name == other_unit.name)
    assert (lead.assigned, lead.answered, lead.on_time, lead.rated, lead.satisfied) == (3, 3, 2, 3, 2)
    assert (co.assigned, co.answered) == (3, 0) and co.on_time_rate is None
    assert stats.reports["received"] == 1 and stats.reports["adopted"] == 1 and stats.reports["instructed"] == 1
    assert stats.by_sector["经济界"]["proposals"] >= 3

    book = load_workbook(io.BytesIO(statistics.to_xlsx(stats)))
    overview = {row[0]: row[1] for row in book["总览"].iter_rows(min_row=3, values_only=True)}
    assert overview["立案"] == 3 and overview["按期答复"] == 2
    assert Decimal(str(overview["按期答复率"])) == Decimal("0.666667")
    units = {row[0]: row for row in book["承办单位"].iter_rows(min_row=2, values_only=True)}
    assert units[people.unit_row.name][1:4] == (3, 3, 2)


def test_an_empty_year_has_no_shares_rather_than_zero_divisions(db) -> None:
    stats = statistics.year_stats(db, 1999)
    assert stats.proposals["received"] == 0 and stats.on_time_rate is None and statistics.percent(None) == "—"
    assert statistics.to_xlsx(stats)[:2] == b"PK"


def test_records_work_on_postgresql(postgres_database) -> None:
    engine = make_engine(postgres_database("conference_records"))
    migrate(engine)
    factory = sessions(engine)
    with factory() as session, session.begin():
        people = make_people(session)
        report = reports.create(
            session, people.member, title="PostgreSQL 上的信息", situation="s", analysis="", suggestion="x", year=YEAR
        )
        reports.submit(session, people.member, report)
        reports.accept(session, people.office, report)
        reports.adopt(session, people.office, report, reports.bulletin_issue(session, YEAR, dt.date(YEAR, 5, 1)))
        _proposal(session, people, "filed")
        speech = duty.declare(
            session, people.member, kind="speeches", title="发言", happened_on=dt.date(YEAR, 4, 1), evidence="材料"
        )
        duty.decide(session, people.office, speech, True)
        member_pk = people.member_row.id
    with factory() as session:
        stats = statistics.year_stats(session, YEAR)
        assert stats.reports["adopted"] >= 1 and stats.proposals["filed"] >= 1
        member = session.get(ConferenceMember, member_pk)
        record = duty.record_of(session, member, YEAR)
        counts = record.counts
        assert (counts["reports_adopted"], counts["proposals_lead"], counts["speeches"]) == (1, 1, 1)
        result = duty.assessment_of(session, load_rules(dt.date(YEAR, 12, 31)), member, YEAR)
        assert result.score == Decimal("11.00")  # proposal 4 + report 1 + adopted 3 + speech 3, as on SQLite
    engine.dispose()
