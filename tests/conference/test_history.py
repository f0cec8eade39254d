"""Past years imported from XLSX (proposals, 社情民意 reports, activities), all rows or none, idempotent, so that the
year's report has a real previous year: its previous-year column is checked against the imported file."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from docx import Document
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from policyreach.conference import annual_report, history, roster
from policyreach.conference.models import Proposal
from policyreach.conference.records_models import Activity, OpinionReport
from policyreach.conference.statistics import year_stats
from policyreach.store.db import make_engine, migrate, sessions
from policyreach.store.models import Account

TODAY = dt.date(2025, 3, 1)


def _book(kind: str, rows: list[dict[str, object]]) -> bytes:
    headers = [c.header for c in roster.kinds()[kind][1]]
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(h) for h in headers])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """A database of its own (the figures of a whole year are compared): the roster of two terms and two units."""
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('history') / 'history.db'}")
    migrate(engine)
    factory = sessions(engine)
    with factory() as session, session.begin():
        staff = Account(username="historyoffice", password_hash="x", role="committee", display_name="提案委员会")
        session.add(staff)
        session.flush()
        members = [
            ["往年委员甲", "经济界", "", "民盟", "", "", "第十三届", ""],
            ["往年委员乙", "科技界", "", "", "", "", "第十三届", ""],
            ["往年委员丙", "经济界", "", "", "", "", "第十四届", ""],
            ["往年委员丙", "农业界", "", "", "", "", "第十四届", ""],  # the same name in another 界别
        ]
        units = [["长春市往年商务局", "往年商务局", "", ""], ["长春市往年科技局", "往年科技局", "", ""]]
        book = Workbook()
        book.active.append([c.header for c in roster.MEMBER_COLUMNS])
        for m in members:
            book.active.append(m)
        raw = io.BytesIO()
        book.save(raw)
        assert roster.import_roster(session, staff, raw.getvalue(), "members").ok
        book = Workbook()
        book.active.append([c.header for c in roster.UNIT_COLUMNS])
        for u in units:
            book.active.append(u)
        raw = io.BytesIO()
        book.save(raw)
        assert roster.import_roster(session, staff, raw.getvalue(), "units").ok
    yield factory
    engine.dispose()


def _proposal(number: str, year: int, **extra: object) -> dict[str, object]:
    row: dict[str, object] = {
        "年度": year,
        "编号": number,
        "标题": f"关于{number}的提案",
        "提出者": "往年委员甲",
        "来源": "委员",
        "提出时段": "大会",
        "立案情况": "立案",
        "承办单位": "往年商务局",
    }
    return {**row, **extra}


PROPOSALS_2023 = [
    _proposal("2023-001", 2023, 答复日期="2023-06-20", 答复类别="A", 评价="满意", 重点提案="是"),
    _proposal("2023-002", 2023, 答复日期=dt.datetime(2023, 7, 1), 答复类别="B", 提出时段="平时", 答复期限="2023-06-15"),
    _proposal(
        "2023-003",
        2023,
        提出者="往年委员丙",
        界别="农业界",
        来源="联名",
        承办单位="长春市往年科技局",
        答复日期="2024/1/15",
        答复类别="A",
    ),
    _proposal("2023-004", 2023, 提出者="民盟长春市委", 来源="党派团体"),  # filed, not answered yet
    _proposal("2023-005", 2023, 立案情况="不立案", 承办单位=None),
]
REPORTS_2023 = [
    {"年度": 2023, "标题": "往年信息一", "报送者": "往年委员乙", "报送者类别": "委员", "报送日期": "2023-04-12",
     "采用期号": 3, "批示领导": "市长 某某", "批示层级": "市级", "批示日期": "2023-05-08", "批示内容": "请研究",
     "上报": "省级", "上级采用": "是"},
    {"年度": 2023, "标题": "往年信息二", "报送者": "往年委员甲", "报送者类别": "委员", "报送日期": "2023-09-01",
     "采用期号": 3},
    {"年度": 2023, "标题": "往年信息三", "报送者": "九三学社长春市委", "报送者类别": "党派团体",
     "报送日期": "2023-11-30"},
]  # fmt: skip
ACTIVITIES_2023 = [
    {"年度": 2023, "活动名称": "往年专题协商会", "形式": "专题协商会", "日期": "2023-05-18",
     "出席委员": "往年委员甲、往年委员丙（经济界）", "请假委员": "往年委员乙",
     "协商成果": "建议三条", "成果采纳": "是"},
    {"年度": 2023, "活动名称": "往年视察", "形式": "视察", "日期": "2023-08-02", "出席委员": "往年委员乙",
     "缺席委员": "往年委员甲"},
]  # fmt: skip


def _import(session, kind: str, rows: list[dict[str, object]]) -> roster.Outcome:
    staff = session.scalar(select(Account).where(Account.username == "historyoffice"))
    return roster.import_roster(session, staff, _book(kind, rows), kind, f"{kind}.xlsx", TODAY)


def test_a_previous_year_imported_fills_the_reports_previous_year_column(office) -> None:
    with office() as session, session.begin():
        for kind, rows in (("proposals", PROPOSALS_2023), ("reports", REPORTS_2023), ("activities", ACTIVITIES_2023)):
            outcome = _import(session, kind, rows)
            assert outcome.ok, [str(e) for e in outcome.errors]
            assert (outcome.added, outcome.updated) == (len(rows), 0)
        this_year = [_proposal("2024-001", 2024, 答复日期="2024-05-01", 答复类别="A")]
        assert _import(session, "proposals", this_year).ok
    with office() as session:
        now, before = year_stats(session, 2024), year_stats(session, 2023)
        figures = {f.label: f for s in annual_report.sections(now, before) for f in s.figures}
    last = {label: f.last_year for label, f in figures.items()}
    # what the 2023 file says, counted by hand
    assert last["收到提案"] == 5 and last["立案"] == 4 and last["不立案"] == 1 and last["重点提案"] == 1
    assert last["立案·委员个人"] == 2 and last["立案·委员联名"] == 1 and last["立案·党派团体、界别和专门委员会"] == 1
    assert last["立案·大会期间"] == 3 and last["立案·平时"] == 1
    assert last["答复件数"] == 3 and last["已解决或采纳（A类）"] == 2
    assert last["按期答复率"] == Decimal("0.666667")  # 2023-002 answered after its 答复期限
    assert {u.name: u.assigned for u in before.by_unit} == {"长春市往年商务局": 3, "长春市往年科技局": 1}
    assert last["长春市往年商务局"] == 3 and figures["长春市往年商务局"].this_year == 1
    # a unit that handled proposals last year and none this year stays in the report, at 0
    assert (figures["长春市往年科技局"].this_year, last["长春市往年科技局"]) == (0, 1)
    assert figures["长春市往年科技局"].change == "减少 1件次"
    assert last["收到社情民意信息"] == 3 and last["采用编发"] == 2 and last["获领导批示"] == 1
    assert last["上报省级以上"] == 1 and last["被省级以上采用"] == 1
    assert before.activities == {"专题协商会": 1, "视察": 1} and before.activity_outcomes["adopted"] == 1
    assert (before.participation["invited"], before.participation["attended"]) == (5, 3)
    assert before.participation["excused"] == 1
    assert figures["立案"].this_year == 1 and figures["立案"].change == "减少 3件"
    # the DOCX carries the previous year's column too
    doc = Document(io.BytesIO(annual_report.to_docx(now, before)))
    header = [c.text for c in doc.tables[0].rows[0].cells]
    assert header == ["指标", "2024年", "2023年", "比上年"]
    filed = next(r for r in doc.tables[0].rows if r.cells[0].text == "立案")
    assert [c.text for c in filed.cells[1:]] == ["1件", "4件", "减少 3件"]

    # importing the same files again changes nothing (idempotent): every row is updated, none added
    with office() as session, session.begin():
        counts = [session.scalar(select(func.count()).select_from(t)) for t in (Proposal, OpinionReport, Activity)]
        for kind, rows in (("proposals", PROPOSALS_2023), ("reports", REPORTS_2023), ("activities", ACTIVITIES_2023)):
            outcome = _import(session, kind, rows)
            assert outcome.ok and (outcome.added, outcome.updated) == (0, len(rows))
        session.flush()
        again = year_stats(session, 2023)
        assert [
            session.scalar(select(func.count()).select_from(t)) for t in (Proposal, OpinionReport, Activity)
        ] == counts
    assert (again.proposals, again.reports, again.participation) == (
        before.proposals,
        before.reports,
        before.participation,
    )


def test_a_file_with_bad_rows_is_refused_whole_naming_row_and_column(office) -> None:
    rows = [
        _proposal("2022-001", 2022, 答复日期="2022-06-01", 答复类别="A"),
        _proposal("2022-002", 2022, 提出者="不在名册的人"),
        _proposal("2022-003", 2022, 提出者="往年委员丙", 答复日期="2021-12-31"),
        _proposal("2022-004", 2022, 承办单位="不存在的局", 答复类别="D"),
        _proposal("2025-001", 2025),
    ]
    with office() as session, session.begin():
        before = session.scalar(select(func.count()).select_from(Proposal))
        outcome = _import(session, "proposals", rows)
        assert not outcome.ok and session.scalar(select(func.count()).select_from(Proposal)) == before
        assert [str(e) for e in outcome.errors] == [
            "第 5 行“答复类别”：“D”应为：A、B、C",
            "第 6 行“年度”：“2025”不是往年：只能导入 2025 年以前的数据",
        ]  # cell errors first: the cross-checks read only cells that passed
        marked = load_workbook(io.BytesIO(outcome.marked))
        assert marked.worksheets[0]["M5"].fill.fgColor.rgb == "FFFF9999" and marked["错误说明"].max_row == 3
        rows[3] = _proposal("2022-004", 2022, 承办单位="不存在的局", 答复类别="A")
        outcome = _import(session, "proposals", rows[:4])
        assert [str(e) for e in outcome.errors] == [
            "第 3 行“提出者”：委员“不在名册的人”不在名册中，请先导入该届次的委员名册",
            "第 4 行“提出者”：名册中有 2 位委员名为“往年委员丙”，请写明界别",
            "第 4 行“答复日期”：“2021-12-31”不在2022–2023 年内",
            "第 5 行“承办单位”：“不存在的局”不在承办单位名册中，请先导入承办单位",
            "第 5 行“答复类别”：须先填写答复日期",
        ]
        assert session.scalar(select(func.count()).select_from(Proposal)) == before


def test_a_record_made_on_the_platform_is_never_overwritten_by_an_import(office) -> None:
    with office() as session, session.begin():
        session.add(Proposal(number="2022-900", year=2022, title="平台中的提案", category="其他", state="filed"))
        session.flush()
        outcome = _import(session, "proposals", [_proposal("2022-900", 2022)])
        assert [str(e) for e in outcome.errors] == ["第 2 行“编号”：“2022-900”是平台中已有的提案，不能用导入覆盖"]
        activity = [{"年度": 2022, "活动名称": "往年视察", "形式": "视察", "日期": "2022-13-02"}]
        outcome = _import(session, "activities", activity)
        assert [str(e) for e in outcome.errors] == ["第 2 行“日期”：“2022-13-02”不是有效的日期"]
        # a form the office added to its list imports; one not on the list is named
        forms = [{"年度": 2022, "活动名称": "往年送医下乡", "形式": "为民服务", "日期": "2022-06-02"}]
        forms.append({"年度": 2022, "活动名称": "往年茶话会", "形式": "茶话会", "日期": "2022-06-03"})
        outcome = _import(session, "activities", forms)
        assert [str(e) for e in outcome.errors] == [
            "第 3 行“形式”：“茶话会”不在活动形式名录中（可在“活动形式”页面添加）"
        ]
        session.rollback()


def test_every_past_year_template_has_its_guide() -> None:
    for kind in history.KINDS:
        book = load_workbook(io.BytesIO(roster.template(kind)))
        assert book.worksheets[0]["A1"].value == "年度"
        guide = {row[0]: row[1] for row in book["填写说明"].iter_rows(min_row=2, values_only=True)}
        assert guide["年度"] == "是"
