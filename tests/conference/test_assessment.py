"""The members' duty assessment: rules in the policy language, score and grade from the engine."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from policyreach import settings
from policyreach.cli import app
from policyreach.conference.assessment import assess, compare, load_rules, member_record
from policyreach.engine.cases import run_tests
from policyreach.rules.errors import RuleErrors
from policyreach.rules.library import load_library
from policyreach.rules.schema import load_schema
from policyreach.simulation.reform import Reform

AS_OF = dt.date(2026, 12, 31)
ACTIVE = {
    "proposals_lead": 3,
    "proposals_cosigned": 2,
    "key_proposals": 1,
    "reports_submitted": 12,
    "reports_adopted": 4,
    "reports_instructed": 1,
    "reports_higher": 0,
    "meetings_attended": 6,
    "activities_attended": 5,
    "unexcused_absences": 0,
    "legislative_comments": 3,
    "legislative_adopted": 1,
    "speeches": 1,
    "studio_activities": 2,
    "public_services": 1,
    "proposals_submitted": 4,
}
IDLE = {k: 0 for k in ACTIVE} | {"meetings_attended": 2, "unexcused_absences": 1}


@pytest.fixture(scope="module")
def rules():
    return load_rules(AS_OF)


def test_the_assessment_policy_passes_its_own_cases_through_the_cli() -> None:
    result = CliRunner().invoke(
        app, ["test", str(settings.ROOT / "library_conference"), "--schema", str(settings.ROOT / "schema_conference")]
    )
    assert result.exit_code == 0, result.output
    assert "9 cases" in result.output and "0 failed" in result.output


def test_the_cases_catch_a_wrong_rule(tmp_path) -> None:
    """The cases are not decorative: a policy whose proposal points differ fails them."""
    text = (settings.ROOT / "library_conference" / "assessment.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "assessment.yaml"
    lead = "pts_proposal_lead: {label: 立案提案（第一提案人）每件分值, unit: 分, values: {2025-01-01: "
    assert lead + "4}}" in text
    broken.write_text(text.replace(lead + "4}}", lead + "5}}"), encoding="utf-8")  # its cases come along
    report = run_tests(load_library(tmp_path, load_schema(settings.ROOT / "schema_conference")))
    assert not report.ok
    assert any(f.benefit == "cppcc-score-proposals" and f.field == "amount" for f in report.failures)


def test_an_active_member_scores_item_by_item_and_is_excellent(rules) -> None:
    result = assess(rules, member_record(rules, "m1", ACTIVE, verified=ACTIVE))
    points = {i.match.benefit_id: i.points for i in result.items}
    assert points["cppcc-score-proposals"] == Decimal("14.00")
    assert points["cppcc-score-reports"] == Decimal("29.00")  # 12×1 + 4×3 + 1×5
    assert points["cppcc-score-meetings"] == Decimal("15.00")  # 6×3 capped at 15
    assert points["cppcc-score-absences"] == Decimal("0.00")
    assert result.score == Decimal("85.00") == sum(points.values())
    assert result.grade == "excellent" and result.grade_zh == "优秀"
    assert not result.reminder
    assert result.provable


def test_each_item_is_explained_clause_by_clause_by_the_engine_renderer(rules) -> None:
    result = assess(rules, member_record(rules, "m1", ACTIVE, verified=ACTIVE))
    proposals = next(i for i in result.items if i.match.benefit_id == "cppcc-score-proposals")
    assert proposals.match.benefit.checked.amount_clause_text.startswith("第二条 提案")
    assert (
        proposals.match.conditions[0].explanation
        == "有经立案的提案（您：立案提案（第一提案人） 3件；立案提案（联名附议） 2件，满足）"
    )
    assert proposals.match.amount_explanation.endswith("本项得 14 分")
    assert "最高20分" in proposals.match.amount_explanation
    assert "每件4分" in proposals.match.amount_explanation and "万元" not in proposals.match.amount_explanation
    services = next(i for i in result.items if i.match.benefit_id == "cppcc-score-services")
    assert "（委员工作室活动＋为民服务活动）×2" in services.match.amount_explanation  # brackets kept
    grade = result.grade_match
    assert grade is not None and grade.conditions[0].clause_text.startswith("第十条")
    assert grade.conditions[0].explanation == "年度履职得分不低于50分（您：85分，满足）"


def test_an_idle_member_with_an_absence_is_unqualified_and_reminded(rules) -> None:
    result = assess(rules, member_record(rules, "m2", IDLE, verified=IDLE))
    absences = next(i for i in result.items if i.match.benefit_id == "cppcc-score-absences")
    assert absences.points == Decimal("-5.00")
    assert absences.match.amount_explanation.endswith("本项扣 5 分")
    assert result.score == Decimal("1.00")  # 2 meetings × 3 − 5
    assert result.grade == "unqualified"
    assert result.reminder


def test_a_missing_count_leaves_the_grade_open_instead_of_scoring_zero(rules) -> None:
    counts = dict(ACTIVE)
    del counts["speeches"]
    result = assess(rules, member_record(rules, "m3", counts, verified=counts))
    assert result.grade is None and result.grade_zh == "待定"
    speech = next(i for i in result.items if i.match.benefit_id == "cppcc-score-speeches")
    assert speech.match.status == "likely" and speech.match.missing == ["大会发言、协商发言"]


def test_unconfirmed_self_declared_counts_are_not_provable(rules) -> None:
    verified = [k for k in ACTIVE if k not in ("speeches", "studio_activities", "public_services")]
    result = assess(rules, member_record(rules, "m4", ACTIVE, verified=verified))
    assert not result.provable
    assert result.score == Decimal("85.00")  # counted, but flagged as not yet confirmed


def test_a_rules_change_is_a_reform_with_a_before_and_after(rules) -> None:
    reform = Reform(
        id="raise-excellent",
        title="优秀线提高到90分，发言每次计4分",
        parameters={"cppcc-assessment.line_excellent": 90, "cppcc-assessment.pts_speech": 4},
    )
    after = load_rules(AS_OF, reform=reform)
    members = [
        ("m1", ACTIVE, ACTIVE),
        ("m2", IDLE, IDLE),
        ("m5", ACTIVE | {"speeches": 3, "reports_submitted": 16}, ACTIVE),
    ]
    result = compare(rules, after, members)
    assert result.before["m1"].grade == "excellent" and result.after["m1"].grade == "qualified"
    assert result.after["m1"].score == Decimal("86.00")  # one speech is now worth 4
    assert result.before["m5"].score == Decimal("92.00") and result.after["m5"].score == Decimal("95.00")
    assert result.after["m5"].grade == "excellent"
    assert result.changed() == ["m1"]
    assert result.moves()[("优秀", "合格")] == 1
    before, after_counts = result.grade_counts()
    assert before["优秀"] == 2 and after_counts["优秀"] == 1


def test_a_reform_naming_an_unknown_parameter_is_refused() -> None:
    with pytest.raises(Exception, match="不存在的参数"):
        load_rules(AS_OF, reform=Reform(id="x", title="x", parameters={"cppcc-assessment.nope": 1}))


def test_a_points_unit_typo_is_reported_with_its_place(tmp_path) -> None:
    text = (settings.ROOT / "library_conference" / "assessment.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "a.yaml"
    meetings = 'params.cap_meetings)", unit: 分'
    assert meetings in text
    bad.write_text(text.replace(meetings, 'params.cap_meetings)", unit: 点'), encoding="utf-8")
    with pytest.raises(RuleErrors, match="万元、元 或 分"):
        load_library(bad, load_schema(settings.ROOT / "schema_conference"))
