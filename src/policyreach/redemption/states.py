"""The application's state machine: every allowed transition, and nothing else."""

from __future__ import annotations

from enum import StrEnum


class State(StrEnum):
    OFFERED = "offered"  # 免申即享: created by the platform, waiting for the firm's confirmation
    SUBMITTED = "submitted"  # 申报审批: waiting for an officer
    HELD = "held"  # a batch-mode fund: waiting for the window to close and the allocation to decide
    MORE_MATERIAL = "more_material"  # the officer asked for more material
    APPROVED = "approved"
    REJECTED = "rejected"
    DECLINED = "declined"  # the firm declined an automatic claim
    NOTICE = "notice"  # 公示中
    OBJECTED = "objected"  # an objection was raised during the notice
    DISBURSING = "disbursing"  # in a disbursement batch sent to the finance bureau
    PAID = "paid"
    PART_PAID = "part_paid"  # paid over several years (分期拨付): the instalments due so far are paid
    CLAWED_BACK = "clawed_back"  # 追回: paid money recovered (a condition broken, an objection upheld after payment)
    WITHDRAWN = "withdrawn"  # the benefit left the library and an officer ended the application (money released)


STATE_ZH = {
    State.OFFERED: "待确认",
    State.SUBMITTED: "待审核",
    State.HELD: "待统一核定",
    State.MORE_MATERIAL: "待补充材料",
    State.APPROVED: "已核准",
    State.REJECTED: "未通过",
    State.DECLINED: "已放弃",
    State.NOTICE: "公示中",
    State.OBJECTED: "公示异议处理中",
    State.DISBURSING: "拨付中",
    State.PAID: "已拨付",
    State.PART_PAID: "分期拨付中",
    State.CLAWED_BACK: "已追回",
    State.WITHDRAWN: "事项已撤销，终止办理",
}

# WITHDRAWN only by an officer's recorded decision on an application whose benefit was withdrawn (never silently);
# an application already at the bank (DISBURSING) is paid on
TRANSITIONS: dict[State, frozenset[State]] = {
    State.OFFERED: frozenset({State.APPROVED, State.DECLINED, State.WITHDRAWN}),
    State.SUBMITTED: frozenset({State.APPROVED, State.REJECTED, State.MORE_MATERIAL, State.WITHDRAWN}),
    State.MORE_MATERIAL: frozenset({State.SUBMITTED, State.REJECTED, State.WITHDRAWN}),
    State.HELD: frozenset({State.APPROVED, State.REJECTED, State.WITHDRAWN}),
    State.APPROVED: frozenset({State.NOTICE, State.WITHDRAWN}),
    State.NOTICE: frozenset({State.DISBURSING, State.OBJECTED, State.WITHDRAWN}),
    State.OBJECTED: frozenset({State.NOTICE, State.REJECTED, State.WITHDRAWN}),
    State.DISBURSING: frozenset({State.PAID, State.PART_PAID}),
    State.PART_PAID: frozenset({State.DISBURSING, State.CLAWED_BACK}),
    State.REJECTED: frozenset(),
    State.DECLINED: frozenset(),
    State.PAID: frozenset({State.CLAWED_BACK}),
    State.CLAWED_BACK: frozenset(),
    State.WITHDRAWN: frozenset(),
}


class IllegalTransition(ValueError):
    def __init__(self, current: str, wanted: str) -> None:
        allowed = "、".join(STATE_ZH[s] for s in TRANSITIONS[State(current)]) or "无（已是终态）"
        super().__init__(
            f"申请当前状态为“{STATE_ZH[State(current)]}”，不能变为“{STATE_ZH[State(wanted)]}”；可变为：{allowed}"
        )


def check(current: str, wanted: str) -> None:
    if State(wanted) not in TRANSITIONS[State(current)]:
        raise IllegalTransition(current, wanted)


class ClaimRefused(ValueError):
    """A claim or a decision that cannot be made; the message says why, in Chinese."""


class StaleState(RuntimeError):
    """A compare-and-set found the application no longer as its actor saw it: someone else acted first.

    The web layer answers it with 409 in one registered handler; nothing of the losing action was written.
    """

    def __init__(self, application_id: int, now: str | None) -> None:
        where = f"，当前状态为“{STATE_ZH[State(now)]}”" if now in STATE_ZH else ""
        super().__init__(f"已被他人处理：申请 {application_id} 刚刚已由他人办理{where}，请刷新页面后查看")
        self.application_id = application_id


# What an application's history says of each audited action, in the words of the people who read it
HISTORY_ZH = {
    "application.submitted": "已提交申请",
    "application.offered": "平台生成免申即享兑现",
    "application.approved_by_rule": "按规则核准（权威数据已证明全部条件）",
    "application.held_for_batch": "待申报期结束后统一核定",
    "application.approved": "已核准",
    "application.rejected": "未通过",
    "application.more_material": "要求补充材料",
    "application.declined": "企业放弃",
    "application.notice": "进入公示",
    "application.objected": "收到公示异议",
    "application.disbursing": "进入拨付批次",
    "application.paid": "已拨付",
    "application.part_paid": "已拨付本期分期",
    "application.clawed_back": "已追回",
    "application.withdrawn": "事项已撤销，终止办理",
    "application.submitted_again": "已补充材料并重新提交",
    "application.reevaluated": "按当日数据重新评估（记录在案，不改变申请）",
    "fund.clawback": "追回资金",
    "objection.new_grounds": "异议认定：有新的事实和理由，暂停拨付",
    "objection.no_new_grounds": "异议认定：无新理由，不暂停",
    "objection.pending": "收到公示异议",
    "objection.frozen": "收到公示异议，暂停办理",
    "objection.upheld": "异议成立",
    "objection.dismissed": "异议不成立",
}


def history_label(action: str) -> str:
    """An audited action in Chinese; one this table lacks is said by the state it names, never as a code."""
    if action in HISTORY_ZH:
        return HISTORY_ZH[action]
    _, _, tail = action.partition(".")
    if tail in STATE_ZH:
        return STATE_ZH[State(tail)]
    if action.startswith("objection."):
        return "公示异议已记录"
    return "办理记录"
