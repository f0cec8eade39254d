"""The conference's registration with the platform: the one object the ``policyreach.plugins`` entry point names.

Everything the policy side shows or runs of the conference comes through here; the policy side never imports the
conference (import-linter checks it in ``make test``). See docs/ARCHITECTURE.md, "Plug-ins".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from policyreach.conference import roles
from policyreach.conference.kinds import KINDS
from policyreach.plugins import BenefitLink, NavEntry, Plugin, TellsTime

HERE = Path(__file__).parent


def _routers() -> Iterable[Any]:
    from policyreach.conference.web import followup, forms, proposals, records, roster, venue

    return (records.router, proposals.router, roster.router, followup.router, forms.router, venue.router)


def _navigation(role: str) -> Sequence[NavEntry]:
    """The header of a conference account: each role sees the parts of the module it works in."""
    if role == roles.ADMIN:  # the administrator onboards the conference (its roster and units)
        return (NavEntry("/conference/roster", "政协名册"),)
    if role not in roles.ROLES:
        return ()
    entries = [NavEntry("/conference/proposals", "提案")]
    if role in (roles.MEMBER, roles.INFO_OFFICE, roles.LEADER):
        entries.append(NavEntry("/conference/reports", "社情民意"))
    if role != roles.UNIT:
        entries.append(NavEntry("/conference/activities", "协商活动"))
    if role == roles.MEMBER:
        entries.append(NavEntry("/conference/me/assessment", "履职档案"))
    if role in (roles.MEMBER, roles.LEADER):
        entries.append(NavEntry("/conference/liaison", "包保"))
    if role in (roles.COMMITTEE, roles.INFO_OFFICE, roles.LEADER):
        entries += [NavEntry("/conference/members", "委员履职"), NavEntry("/conference/statistics", "年度统计")]
    if role == roles.UNIT:
        entries.append(NavEntry("/conference/supervision", "协商式监督"))
    if role == roles.INFO_OFFICE:
        entries.append(NavEntry("/conference/liaison-approvals", "包保审批"))
    if role in (roles.COMMITTEE, roles.INFO_OFFICE, roles.LEADER, roles.UNIT):
        entries.append(NavEntry("/conference/instructions", "领导批示"))
    if role in (roles.COMMITTEE, roles.INFO_OFFICE, roles.LEADER):
        entries.append(NavEntry("/conference/ledgers", "包保台账"))
    if role in (roles.COMMITTEE, roles.INFO_OFFICE):
        entries.append(NavEntry("/conference/roster", "名册"))
    return entries


def _benefit_links(session: Session, benefit_id: str) -> list[BenefitLink]:
    from policyreach.conference.evidence import proposals_for_benefit

    return [
        BenefitLink("落实的政协提案", f"{p.number} {p.title}（{answer_class} 类答复）")
        for p, answer_class in proposals_for_benefit(session, benefit_id)
    ]


def _demo_seed(session: Session, as_of: dt.date, password_hash: str) -> None:
    from policyreach.conference.demo_proposals import seed_proposals
    from policyreach.conference.demo_records import seed_conference_records

    seed_proposals(session, as_of, password_hash)
    seed_conference_records(session, as_of, password_hash=password_hash)


def _schedule(session: Session, day: dt.date) -> None:
    """The daily 催办 and supervision reminders and the monthly assessment reminders (each queued once)."""
    from policyreach.conference import instructions
    from policyreach.conference.duty import next_month, schedule_member_reminders
    from policyreach.conference.proposals import schedule_chase
    from policyreach.conference.supervision import schedule_reminders

    schedule_chase(session, day)
    schedule_reminders(session, day)
    instructions.schedule_reminders(session, day)
    schedule_member_reminders(session, next_month(day))


def _each_round(session: Session, clock: TellsTime) -> int:
    """The proposals', reports' and activities' steps since the last round, told to the people concerned."""
    from policyreach.conference.announce import announce

    return announce(session, clock)


def _reseal(session: Session, ring: Any) -> int:
    from policyreach.conference.roster import reseal_phones

    return reseal_phones(session, ring)


def _identity_account(session: Session, issuer: str, subject: str, name: str | None) -> int | None:
    from policyreach.conference.roster import account_for_identity

    return account_for_identity(session, issuer, subject, name)


plugin = Plugin(
    name="conference",
    label="政协履职",
    job_modules=(
        "policyreach.conference.proposals",
        "policyreach.conference.supervision",
        "policyreach.conference.duty",
        "policyreach.conference.instructions",
    ),
    migrations=HERE / "migrations",
    templates=HERE / "templates",
    routers=_routers,
    homes=dict.fromkeys(roles.ROLES, "/conference"),
    navigation=_navigation,
    benefit_links=_benefit_links,
    demo_seed=_demo_seed,
    demo_usernames=("member1", "member2", "committee1", "unit1", "info1", "leader1", "weiyuan", "xinxiban", "lingdao"),
    schedule=_schedule,
    each_round=_each_round,
    reseal=_reseal,
    identity_account=_identity_account,
    message_kinds=KINDS,
    # the one authorization policy (policyreach.app.authority) learns the module's actions from here; objects
    # (a proposal, a ledger entry) are checked by the module's own rules on top (roles.py, proposals.get_visible)
    permissions={
        "conference.use": (*roles.ROLES, roles.ADMIN),
        "conference.liaison": (*roles.COVERERS, roles.ADMIN),
        "conference.liaison.approve": (roles.INFO_OFFICE,),
    },
)
