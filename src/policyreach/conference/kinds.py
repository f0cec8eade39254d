"""The inbox labels of the conference's messages, kept apart so that registering the plug-in imports nothing more."""

from __future__ import annotations

# the inbox's label of each kind of message this module writes (registered through the plug-in)
KINDS = {
    "proposal.cosigning": "提案：请确认联名",
    "proposal.submitted": "提案：待审查",
    "proposal.draft": "提案：退回草稿",
    "proposal.filed": "提案：已立案",
    "proposal.not_filed": "提案：不予立案",
    "proposal.merged": "提案：已并案",
    "proposal.assigned": "提案：交办",
    "proposal.answered": "提案：请评价",
    "proposal.closed": "提案：已办结",
    "proposal.extend": "提案：延期",
    "assignment.adjusting": "提案：申请调整",
    "assignment.withdrawn": "提案：同意调整",
    "assignment.assigned": "提案：交办",
    "assignment.opinion_sent": "提案：会办意见",
    "assignment.answered": "提案：已答复",
    "assignment.chase": "提案：催办",
    "conference.chase": "提案：催办",
    "report.submitted": "社情民意：待接收",
    "report.from_proposal": "社情民意：待接收",
    "report.editing": "社情民意：已接收",
    "report.returned": "社情民意：退回修改",
    "report.adopted": "社情民意：已采用",
    "report.forwarded": "社情民意：已上报",
    "report.archived": "社情民意：已存档",
    "report.instruction": "社情民意：领导批示",
    "report.higher_adopted": "社情民意：上级采用",
    "activity.noticed": "活动通知",
    "activity.changed": "活动调整",
    "activity.cancelled": "活动取消",
}
