"""届次: a new term's roster keeps the old term's members in the old years' figures."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from policyreach.conference import duty, roster, terms
from policyreach.conference.annual_report import side_by_side
from policyreach.conference.models import ConferenceMember, ConferenceTerm
from policyreach.conference.statistics import year_stats
from tests.conference import records_db
from tests.conference.records_db import make_people
from tests.conference.test_records_web import demo, records_app  # noqa: F401 - shared session fixtures
from tests.conference.test_roster import _book, scratch  # noqa: F401 - the rolled-back session fixture
from tests.web.conftest import login

records_factory = records_db.records_factory


def _row(name: str, sector: str, term: str, first_year: str = "", position: str = "") -> list[str]:
    return [name, sector, "", "", position, "", term, "", "", first_year]


def test_a_new_term_keeps_the_old_years_members_and_the_office_dates_it(scratch) -> None:  # noqa: F811
    db = scratch
    people = make_people(db)
    kept, left = people.member_row, people.other_member_row  # both of the demo's 第十四届 (from 2022)
    new = _row("换届新任委员", "社科界", "第十五届", "2027")
    rolled = roster.import_roster(
        db, people.office, _book([_row(kept.name, kept.sector_group, "第十五届", "2027"), new]), "members"
    )
    assert rolled.ok, [str(e) for e in rolled.errors]
    newcomer = db.scalar(select(ConferenceMember).where(ConferenceMember.name == "换届新任委员"))
    assert kept.term == "第十五届" and left.term == "第十四届"
    in_2026, in_2027 = terms.members_of_year(db, 2026), terms.members_of_year(db, 2027)
    assert {kept.id, left.id} <= in_2026 and newcomer.id not in in_2026
    assert {kept.id, newcomer.id} <= in_2027 and left.id not in in_2027
    # the figures of each year count the members who sat in it: before the seats, 2026 lost the re-appointed
    assert year_stats(db, 2026).participation["members"] == len(in_2026)
    assert year_stats(db, 2027).participation["members"] == len(in_2027)
    assert left.id in duty.year_counts(db, 2026) and left.id not in duty.year_counts(db, 2027)
    assert terms.terms_of(db, [kept.id, left.id]) == {kept.id: ["第十四届", "第十五届"], left.id: ["第十四届"]}
    # the old term's roster imported again gives a seat, never a demotion
    again = _book([_row(kept.name, kept.sector_group, "第十四届", position="常委")])
    assert roster.import_roster(db, people.office, again, "members").ok
    assert kept.term == "第十五届" and kept.position != "常委"
    # the office re-dates a term by importing its roster with the year; two years for one term in a file are refused
    later = _book([_row(kept.name, kept.sector_group, "第十五届", "2028")])
    assert roster.import_roster(db, people.office, later, "members").ok
    assert db.scalar(select(ConferenceTerm.first_year).where(ConferenceTerm.name == "第十五届")) == 2028
    assert terms.term_of_year(db, 2027) == "第十四届" and terms.term_of_year(db, 2028) == "第十五届"
    both = _book(
        [_row(kept.name, kept.sector_group, "第十五届", "2027"), _row("换届新任委员", "社科界", "第十五届", "2029")]
    )
    refused = roster.import_roster(db, people.office, both, "members")
    assert [str(e) for e in refused.errors] == [
        "第 2 行“届次起始年份”：同一文件中第十五届的起始年份不一致（2027、2029）",
        "第 3 行“届次起始年份”：同一文件中第十五届的起始年份不一致（2027、2029）",
    ]
    assert db.scalar(select(ConferenceTerm.first_year).where(ConferenceTerm.name == "第十五届")) == 2028


def test_a_year_belongs_to_the_latest_term_begun_by_then(scratch) -> None:  # noqa: F811
    db = scratch
    people = make_people(db)
    earlier = _book([_row("上届委员", "经济界", "第十三届")])  # undated: 长春's calendar, five years before 2022
    assert roster.import_roster(db, people.office, earlier, "members").ok
    assert terms.first_years(db)["第十三届"] == 2017
    assert [terms.term_of_year(db, y) for y in (2016, 2017, 2021, 2022, 2030)] == [
        "第十三届",  # before every known term: the earliest one's members are the denominator
        "第十三届",
        "第十三届",
        "第十四届",
        "第十四届",
    ]
    assert ("第十三届", 2017, 1) in terms.seat_counts(db)


def test_the_report_shows_every_name_either_year_recorded() -> None:
    assert side_by_side({"市商务局": 3}, {"市商务局": 2, "市科技局": 1}) == [("市商务局", 3, 2), ("市科技局", 0, 1)]
    assert side_by_side({"市商务局": 3}, {}) == [("市商务局", 3, None)]  # no previous year: "—", not 0
    assert side_by_side({"a": 1, "b": 1}, {"c": 1}, limit=2) == [("a", 1, 0), ("b", 1, 0)]


def test_the_member_list_shows_the_years_members_with_their_terms(records_app) -> None:  # noqa: F811
    with TestClient(records_app) as office:
        login(office, "committee1")
        page = office.get("/conference/members?year=2024").text
        assert "2024 年在任的第十四届委员" in page and "<th>届次</th>" in page
        assert "<td>第十四届</td>" in page
        before = office.get("/conference/members?year=2016").text  # no earlier term known: the earliest one's
        assert "2016 年在任的第十四届委员" in before
