"""The extractor drafts the constructs the rules language grew for real policies (per-unit amounts with count
caps, interest as a share of LPR, 一事一议 within a cap, proposed attributes), and the draft checks as a draft."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from policyreach import settings
from policyreach.cli import app
from policyreach.extract.sentence import draft_sentence
from policyreach.rules.errors import RuleErrors
from policyreach.rules.library import Library, add_policy_file
from policyreach.rules.schema import load_schema

DOCUMENT = (
    "第一条 对新授权的发明专利，每件资助2000元，每家单位每年最多资助8件。\n"
    "第二条 对新型农业经营主体贷款，按不超过贷款市场报价利率（LPR）的40%进行贴息，单个主体年度贴息金额不超过80万元。\n"
    "第三条 贷款利率不高于同期贷款市场报价利率（LPR）上浮30个基点的，按LPR的20%给予贴息，单户年度贴息不超过60万元。\n"
    "第四条 对总投资5亿元以上的重大产业项目，实行“一事一议”，最高800万元。\n"
    "第五条 对在北交所首发上市的企业，按实际募资净额的2%给予最高不超过300万元奖励。\n"
    "第六条 对入驻孵化载体的企业，前三年给予全额租金补贴，后两年按50%给予补贴。\n"
)


@pytest.mark.parametrize(
    ("text", "conditions", "amount"),
    [
        (
            "对新授权的发明专利，每件资助2000元，每家单位每年最多资助8件。",
            ["invention_patents_granted[last_year] > 0"],
            "per_unit(invention_patents_granted[last_year], 0.2, 8)",
        ),
        (
            "贷款利率不高于同期贷款市场报价利率（LPR）上浮30个基点的，按LPR的20%给予贴息，单户年度贴息不超过60万元。",
            ["loan_interest_at_lpr[last_year] > 0", "loan_rate_over_lpr_bp[last_year] <= 30"],
            "min(loan_interest_at_lpr[last_year] * 0.2, 60)",
        ),
        (
            "对种植面积达到80亩以上的经营主体，按每亩150元给予补贴，单个主体最高不超过30万元。",
            ["planted_area[last_year] >= 80"],
            "min(per_unit(planted_area[last_year], 0.015), 30)",
        ),
        (
            "对总投资5亿元以上的重大产业项目，实行“一事一议”，最高800万元。",
            ["project_investment >= 50000"],
            "manual(800)",
        ),
    ],
)
def test_new_constructs_are_drafted_with_proposed_attributes(text: str, conditions: list[str], amount: str) -> None:
    draft = draft_sentence(text)
    assert not draft.manual, draft.manual
    assert [c for c, _ in draft.conditions] == conditions and draft.amount and draft.amount[0] == amount
    used = {name for name in draft.proposed if any(name in c for c in [*conditions, amount])}
    assert used == set(draft.proposed) and used, "every proposed attribute is used, every used one proposed"
    for spec in draft.proposed.values():
        assert spec["label"] and spec["department"] and isinstance(spec["yearly"], bool)


def test_per_unit_patents_by_kind_and_several_kinds_go_to_a_person() -> None:
    draft = draft_sentence("每件新授权的实用新型专利奖励500元，每年最多奖励20件。")
    assert draft.amount and draft.amount[0] == "per_unit(utility_patents_granted[last_year], 0.05, 20)"
    # two kinds with two sums are two benefits, each kind with its own sum: never drafted as one
    both = draft_sentence("对新授权的发明专利每件奖励5000元，实用新型专利每件奖励1000元。")
    assert not both.manual and both.amount is None
    assert [a for _, (a, _) in both.variants] == [
        "per_unit(invention_patents_granted[last_year], 0.5)",
        "per_unit(utility_patents_granted[last_year], 0.1)",
    ]
    # listed with 分别, the sums pair by position (extract15; it had gone to a person), each kind its own benefit
    listed = draft_sentence("对新授权的发明专利、实用新型专利，分别每件奖励5000元、1000元。")
    assert not listed.manual and listed.amount is None
    assert [a for _, (a, _) in listed.variants] == [a for _, (a, _) in both.variants]


def test_a_threshold_on_a_quantity_the_schema_lacks_never_yields_true() -> None:
    # a threshold on a contribution the schema lacks is a condition on a proposed attribute, its number no amount
    draft = draft_sentence("对当年地方经济贡献超过1000万元的，奖励100万元。")
    assert [c for c, _ in draft.conditions] == ["local_fiscal_contribution[this_year] > 1000"]
    assert draft.amount and draft.amount[0] == "100" and "local_fiscal_contribution" in draft.proposed
    draft = draft_sentence("对总投资5亿元以上的重大产业项目，实行“一事一议”。")
    assert [c for c, _ in draft.conditions] == ["project_investment >= 50000"]
    # 一事一议 for a kind of claimant no attribute reads: that kind as a yes-or-no attribute in the clause's words
    named = draft_sentence("对特别重大的招商项目，经市政府研究，可实行一事一议。")
    assert named.amount and named.amount[0] == "manual()" and not named.manual
    (flag,) = [c for c, _ in named.conditions]
    assert named.proposed[flag]["label"] == "特别重大的招商项目" and named.proposed[flag]["type"] == "boolean"
    # with no claimant at all it goes whole to a person, never `True`
    open_ended = draft_sentence("可实行一事一议，具体由市政府研究确定。")
    assert open_ended.manual and open_ended.amount is None and not open_ended.conditions


def test_the_draft_checks_as_a_draft_and_is_refused_in_force_until_accepted(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["extract", "-", "--id", "conn"], input=DOCUMENT)
    assert result.exit_code == 0, result.output
    draft = yaml.safe_load(result.output)
    assert set(draft["proposed_attributes"]) == {
        "invention_patents_granted",
        "loan_interest_at_lpr",
        "loan_rate_over_lpr_bp",
        "new_agri_operator",
        "project_investment",
        "ipo_net_proceeds",
        "rent_paid",
        "settled_date",
    }
    manual = next(b for b in draft["benefits"] if b["amount"]["clause"] == "4")
    assert manual["amount"]["manual"] is True and manual["amount"]["cap"] == 800 and manual["redemption"] == "review"
    assert "True" not in [c["expr"] for b in draft["benefits"] for c in b["conditions"]]
    path = tmp_path / "draft.yaml"
    path.write_text(result.output.replace("payout: 待填写", "payout: cash"), encoding="utf-8")
    library = Library(schema=load_schema(settings.schema_path()))
    add_policy_file(library, path, drafting=True)
    rent = next(b for b in draft["benefits"] if b["amount"]["clause"] == "6")["amount"]
    assert rent["schedule"] == [1, 1, 1, 0.5, 0.5] and rent["period_year"] == "years_since(settled_date) + 1"
    assert len(library.benefits) == 6
    with pytest.raises(RuleErrors, match="尚未采纳"):
        add_policy_file(Library(schema=load_schema(settings.schema_path())), path)


@pytest.mark.parametrize("name", ["d1_industry", "d2_science", "d3_talent", "d4_agri", "d5_trade"])
def test_every_whole_document_drafts_a_file_that_checks_as_a_draft(name: str, tmp_path: Path) -> None:
    from policyreach.extract.draft import draft_policy, to_yaml

    docs = Path(__file__).parent / "real" / "documents"
    draft = draft_policy((docs / f"{name}.txt").read_text(encoding="utf-8"), name.replace("_", "-"))
    path = tmp_path / "draft.yaml"
    path.write_text(to_yaml(draft).replace("payout: 待填写", "payout: cash"), encoding="utf-8")
    add_policy_file(Library(schema=load_schema(settings.schema_path())), path, drafting=True)
