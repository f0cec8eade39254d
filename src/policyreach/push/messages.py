"""The Chinese text of push messages: short, and saying why — the benefit, the clauses, the conditions met
or still unknown, the estimated amount and the window. Condition sentences come from the engine's one
renderer (``policyreach.engine.explain``), never from a stored string."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Sequence
from decimal import Decimal

from policyreach.engine.explain import Explainer, format_number
from policyreach.engine.match import Match
from policyreach.reports.matching import percent
from policyreach.rules.library import CompiledBenefit, CompiledLibrary

PARAM = re.compile(r"params\.([A-Za-z_][A-Za-z0-9_]*)")

DIGITS = "零一二三四五六七八九"
WHO = {"enterprise": "您的企业", "institute": "您的单位", "talent": "您"}
KIND_ZH = {
    "benefit.eligible": "新政策：符合条件",
    "benefit.likely": "新政策：可能符合",
    "benefit.lost": "政策变动：不再符合",
    "benefit.withdrawn": "政策停止受理",
    "window.opens": "申报开始",
    "window.closing": "申报即将截止",
    "offer.confirm": "免申即享待确认",
    "offer.expiring": "免申即享即将截止",
    "notice": "部门通知",
    "notice.legal": "依法告知",
    # the steps of a firm's own application (push/steps.py)
    "application.more_material": "申请：请补充材料",
    "application.approved": "申请：已核准",
    "application.approved_by_rule": "申请：已核准",
    "application.rejected": "申请：未通过",
    "application.notice": "申请：进入公示",
    "application.objected": "申请：公示收到异议",
    "application.disbursing": "申请：进入拨付",
    "application.paid": "申请：已拨付",
    "application.part_paid": "申请：分期已拨付",
    "application.clawed_back": "申请：资金追回",
    "application.withdrawn": "申请：终止办理",
    "application.declined": "申请：已放弃",
}


def clause_name(ref: str) -> str:
    """ "5" → "第五条", "12" → "第十二条"; anything else is kept as written."""
    if not ref.isdigit() or not 0 < int(ref) < 100:
        return ref
    tens, ones = divmod(int(ref), 10)
    text = ("" if tens == 0 else ("" if tens == 1 else DIGITS[tens]) + "十") + ("" if ones == 0 else DIGITS[ones])
    return f"第{text}条"


def benefit_version(benefit: CompiledBenefit) -> str:
    """The rule version a notification is keyed on: what of its policy file this benefit reads.

    That is its own spec, the policy's scope conditions, dates, title and cap, the parameters its rules name and the
    clauses they cite; a revision that changes another benefit of the same file leaves this one's version, so that
    publishing re-matches (and may notify again about) the changed benefits only.
    """
    policy = benefit.checked.policy
    spec = benefit.spec
    texts = [c.expr for c in (*policy.common_conditions, *spec.conditions)]
    cited = {c.clause for c in (*policy.common_conditions, *spec.conditions)}
    if spec.amount is not None:
        texts += [spec.amount.formula, str(spec.amount.cap or "")]
        cited.add(spec.amount.clause)
    names = sorted(set(PARAM.findall(" ".join(texts))))
    reads = {
        "policy": policy.model_dump(
            mode="json", include={"id", "title", "doc_number", "issuer", "valid_from", "valid_to", "cap"}
        ),
        "scope": [c.model_dump(mode="json") for c in policy.common_conditions],
        "parameters": {n: policy.parameters[n].model_dump(mode="json") for n in names if n in policy.parameters},
        "clauses": {k: policy.clauses.get(k) for k in sorted(cited)},
        "benefit": spec.model_dump(mode="json"),
    }
    text = json.dumps(reads, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def wan(amount: Decimal | None) -> str | None:
    return None if amount is None else format_number(amount.quantize(Decimal("0.01")).normalize())


def compose(
    *,
    kind: str,
    who: str,
    policy_title: str,
    benefit_title: str,
    clauses: Sequence[str],
    met: Sequence[str],
    unknown: Sequence[str],
    amount_wan: Decimal | None,
    closes: dt.date | None,
    opens: dt.date | None = None,
    days_left: int | None = None,
    payout: str = "cash",
    why: Sequence[str] = (),
    probability: float | None = None,
) -> tuple[str, str]:
    """(subject, body) of one message; ``why``: the renderer's hints on what a lost benefit now misses;
    ``probability``: a likely item's learned chance, said beside it."""
    ordered = sorted(dict.fromkeys(clauses), key=lambda c: (not c.isdigit(), int(c) if c.isdigit() else 0, c))
    where = f"《{policy_title}》" + "、".join(clause_name(c) for c in ordered)
    money = (
        (
            f"，预计减免税额 {wan(amount_wan)} 万元（在纳税申报时享受）"
            if payout == "tax"
            else f"，预计可获 {wan(amount_wan)} 万元"
        )
        if amount_wan is not None
        else ""
    )
    deadline = f"，申报截止 {closes.isoformat()}" if closes else ""
    if kind.startswith("benefit.") and opens is not None:  # the window has not opened yet: say when it does
        deadline = f"，{opens.isoformat()} 开始申报{deadline}"
    reasons = "；".join(met[:3])
    if kind == "benefit.eligible":
        subject = f"您可申报：{benefit_title}"
        body = f"{who}符合{where}规定的“{benefit_title}”条件（{reasons}）{money}{deadline}。"
    elif kind == "benefit.likely":
        chance = "" if probability is None else f"（约 {percent(probability)}，依据同行业、同规模企业的数据）"
        subject = f"您可能符合：{benefit_title}" + ("" if probability is None else f"（约 {percent(probability)}）")
        need = "；".join(unknown[:3])
        body = (
            f"{who}可能符合{chance}{where}规定的“{benefit_title}”{money}{deadline}。尚待核实：{need}"
            f"（请在“我的信息”中补充相关数据）{'；已满足：' + reasons if reasons else ''}。"
        )
    elif kind == "benefit.lost":
        subject = f"政策变动：{benefit_title}"
        reason = f"：{'；'.join(why[:3])}" if why else ""
        body = f"因政策调整或数据变化，{who}目前不再符合{where}规定的“{benefit_title}”条件{reason}。"
    elif kind == "benefit.withdrawn":
        subject = f"停止受理：{benefit_title}"
        body = f"{where}规定的“{benefit_title}”已停止受理或不再有效。"
    elif kind == "window.opens":
        subject = f"开始申报：{benefit_title}"
        body = f"{where}规定的“{benefit_title}”于 {opens} 开始申报{money}{deadline}。"
    elif kind == "window.closing":
        subject = f"还剩 {days_left} 天截止：{benefit_title}"
        body = f"{who}符合条件的“{benefit_title}”将于 {closes} 截止申报（还剩 {days_left} 天）{money}。"
    else:
        raise ValueError(kind)
    return subject, body


def from_match(kind: str, match: Match, who: str, probability: float | None = None) -> tuple[str, str]:
    """A message for one entity's match: each condition explained with the entity's own values (and a likely
    item's learned probability)."""
    window = match.window
    return compose(
        kind=kind,
        who=who,
        policy_title=match.policy.title,
        benefit_title=match.title,
        clauses=match.clause_refs,
        met=[c.explanation for c in match.conditions if c.outcome == "met"],
        unknown=[c.requirement for c in match.conditions if c.outcome == "unknown"],
        amount_wan=match.amount,
        closes=window.closes,
        opens=window.opens if window.status == "not_yet" else None,
        payout=match.payout,
        # a lost benefit says what the firm now misses: a gap, a fixed condition, an expired certification
        why=[c.hint.text for c in match.unmet if c.hint is not None] if kind == "benefit.lost" else (),
        probability=probability if match.status == "likely" else None,
    )


class BenefitTexts:
    """The per-benefit parts of the batch path's messages, rendered once per benefit, not once per firm."""

    def __init__(self, compiled: CompiledLibrary, benefit: CompiledBenefit, day: dt.date | None = None) -> None:
        explainer = Explainer(compiled.schema, compiled.as_of)
        self.benefit = benefit
        self.requirements = [
            c.spec.label or explainer.sentence(compiled.conditions[cid])
            for c, cid in zip(benefit.checked.conditions, benefit.condition_ids, strict=True)
        ]
        self.clauses = list(dict.fromkeys(c.spec.clause for c in benefit.checked.conditions))
        # the round in force (or coming) on ``day``, the library's date by default
        window = benefit.spec.application.window_on(day or compiled.as_of)
        self.closes = window.closes
        self.opens = window.opens
        self.opening = window.status == "not_yet"

    def message(
        self,
        kind: str,
        kind_of_entity: str,
        amount_wan: Decimal | None,
        outcomes: Sequence[str] | None = None,
        days_left: int | None = None,
        probability: float | None = None,
    ) -> tuple[str, str]:
        outcomes = outcomes or ["met"] * len(self.requirements)
        return compose(
            kind=kind,
            who=WHO.get(kind_of_entity, "您"),
            policy_title=self.benefit.checked.policy.title,
            benefit_title=self.benefit.spec.title,
            clauses=self.clauses,
            met=[r for r, o in zip(self.requirements, outcomes, strict=True) if o == "met"],
            unknown=[r for r, o in zip(self.requirements, outcomes, strict=True) if o == "unknown"],
            amount_wan=amount_wan,
            closes=self.closes,
            opens=self.opens if kind == "window.opens" or self.opening else None,
            days_left=days_left,
            payout=self.benefit.spec.payout,
            probability=probability,
        )


def email_text(body: str, link_url: str | None, preferences_url: str, legal: bool) -> str:
    """The e-mail (and digest) body: the message, its link, and how to change what one receives."""
    lines = [body]
    if link_url:
        lines += ["", f"查看详情并申报：{link_url}"]
    lines += ["", "本邮件由政策通（长春市惠企政策精准推送）发出。"]
    if legal:
        lines.append("本通知为依法告知事项，不受消息设置影响。")
    else:
        lines.append(f"不想再收到此类消息？请在消息设置中修改：{preferences_url}")
    return "\n".join(lines)


def sms_text(subject: str, link_url: str | None) -> str:
    return f"【政策通】{subject}{'，详情：' + link_url if link_url else ''}"
