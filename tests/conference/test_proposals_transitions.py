"""Every forbidden transition, for every role: the table refuses it, and the workflow refuses it with the state
unchanged; and a unit cannot read or act on another unit's assignment."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from policyreach.conference import proposals as wf
from policyreach.conference.roles import ADMIN, COMMITTEE, INFO_OFFICE, LEADER, MEMBER, UNIT, Forbidden
from policyreach.conference.states import (
    ASSIGNMENT_TRANSITIONS,
    PROPOSAL_TRANSITIONS,
    AState,
    IllegalTransition,
    PState,
    check_assignment,
    check_proposal,
)
from tests.conference.conftest import build_world

ALL_ROLES = (MEMBER, COMMITTEE, UNIT, INFO_OFFICE, LEADER, ADMIN)
TEXT = dict(category="社会建设", case_text="案由", analysis="分析", suggestions="建议", year=2024)


@pytest.mark.parametrize("current,wanted", list(itertools.product(PState, PState)))
def test_proposal_table_for_every_role(current, wanted):
    allowed = PROPOSAL_TRANSITIONS.get((current, wanted))
    for role in ALL_ROLES:
        if allowed is None:
            with pytest.raises(IllegalTransition):
                check_proposal(current, wanted, role)
        elif role not in allowed:
            with pytest.raises(Forbidden):
                check_proposal(current, wanted, role)
        else:
            check_proposal(current, wanted, role)


@pytest.mark.parametrize("current,wanted", list(itertools.product(AState, AState)))
def test_assignment_table_for_every_role(current, wanted):
    allowed = ASSIGNMENT_TRANSITIONS.get((current, wanted))
    for role in ALL_ROLES:
        if allowed is None:
            with pytest.raises(IllegalTransition):
                check_assignment(current, wanted, role)
        elif role not in allowed:
            with pytest.raises(Forbidden):
                check_assignment(current, wanted, role)
        else:
            check_assignment(current, wanted, role)


def _at(session, w, state: str):
    """A fresh proposal of the world's proposer brought to ``state`` by the right people."""
    p = wf.draft(session, w["proposer"], title=f"关于{state}的建议", cosigner_pks=[w.members["cosigner"].id], **TEXT)
    if state == "draft":
        return p, None
    wf.submit(session, w["proposer"], p, dt.date(2024, 3, 1))
    if state == "cosigning":
        return p, None
    wf.cosign(session, w["cosigner"], p, True, dt.date(2024, 3, 2))
    if state == "submitted":
        return p, None
    wf.file_proposal(session, w["committee"], p, dt.date(2024, 3, 3))
    if state == "filed":
        return p, None
    (lead,) = wf.assign(session, w["committee"], p, dt.date(2024, 3, 4), lead=w.units["science"].id)
    if state == "assigned":
        return p, lead
    wf.record_contact(session, w["science"], lead, dt.date(2024, 3, 5), "电话")
    wf.answer(session, w["science"], lead, "已经研究落实，列入年度计划。", "B", dt.date(2024, 3, 6))
    return p, lead


# action name -> (state it needs, the call, the one account key allowed)
ACTIONS = {
    "submit": ("draft", lambda s, w, a, p, x: wf.submit(s, a, p, dt.date(2024, 3, 9)), "proposer"),
    "cosign": ("cosigning", lambda s, w, a, p, x: wf.cosign(s, a, p, True, dt.date(2024, 3, 9)), "cosigner"),
    "file": ("submitted", lambda s, w, a, p, x: wf.file_proposal(s, a, p, dt.date(2024, 3, 9)), "committee"),
    "not_file": ("submitted", lambda s, w, a, p, x: wf.not_file(s, a, p, "个案", "report"), "committee"),
    "return": ("submitted", lambda s, w, a, p, x: wf.return_to_proposer(s, a, p, "请修改"), "committee"),
    "assign": (
        "filed",
        lambda s, w, a, p, x: wf.assign(s, a, p, dt.date(2024, 3, 9), lead=w.units["commerce"].id),
        "committee",
    ),
    "adjust": (
        "assigned",
        lambda s, w, a, p, x: wf.request_adjustment(s, a, x, "非本单位职责", dt.date(2024, 3, 5)),
        "science",
    ),
    "answer": (
        "assigned",
        lambda s, w, a, p, x: wf.answer(s, a, x, "答复内容已经写好了。", "A", dt.date(2024, 3, 9)),
        "science",
    ),
    "evaluate": (
        "answered",
        lambda s, w, a, p, x: wf.evaluate(s, a, p, "satisfied", "", dt.date(2024, 3, 9)),
        "proposer",
    ),
    "extend": ("assigned", lambda s, w, a, p, x: wf.extend(s, a, p, 5, "复杂"), "committee"),
    "publish": ("filed", lambda s, w, a, p, x: wf.publish(s, a, p), "committee"),
}
ACCOUNTS = ("proposer", "cosigner", "stranger", "committee", "leader", "info", "science", "commerce", "admin")


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_every_other_account_is_refused(sqlite_factory, action):
    state, call, allowed = ACTIONS[action]
    with sqlite_factory() as session, session.begin():
        w = build_world(session)
        for key in ACCOUNTS:
            if key == allowed:
                continue
            p, assignment = _at(session, w, state)
            before = (p.state, assignment.state if assignment else None)
            with pytest.raises((Forbidden, IllegalTransition)):
                call(session, w, w[key], p, assignment)
            assert (p.state, assignment.state if assignment else None) == before, (action, key)


@pytest.mark.parametrize("state", ["draft", "cosigning", "submitted", "filed", "assigned", "answered"])
def test_moves_out_of_order_are_illegal(sqlite_factory, state):
    """From each state, every action that needs another state is refused for the right person too."""
    with sqlite_factory() as session, session.begin():
        w = build_world(session)
        for action, (needs, call, allowed) in ACTIONS.items():
            if needs == state or action in ("extend", "publish"):
                continue
            p, assignment = _at(session, w, state)
            if assignment is None and action in ("adjust", "answer"):
                continue  # no assignment exists before 交办: nothing to act on
            with pytest.raises((IllegalTransition, wf.Refused, Forbidden)):
                call(session, w, w[allowed], p, assignment)
            assert p.state == state


def test_a_unit_never_reads_another_units_assignment(sqlite_factory):
    with sqlite_factory() as session, session.begin():
        w = build_world(session)
        p, lead = _at(session, w, "assigned")
        assert wf.get_visible(session, w["science"], p.id) is p
        for other in ("commerce", "transport"):
            with pytest.raises(Forbidden):
                wf.get_visible(session, w[other], p.id)
            with pytest.raises(Forbidden):
                wf.assignment_of_unit(session, w[other], lead.id)
        draft, _ = _at(session, w, "draft")
        for key in ("stranger", "committee", "leader", "science", "info"):
            with pytest.raises(Forbidden):
                wf.get_visible(session, w[key], draft.id)
        assert wf.get_visible(session, w["proposer"], draft.id) is draft
        assert wf.get_visible(session, w["cosigner"], draft.id) is draft
        assert wf.get_visible(session, w["stranger"], p.id) is p  # filed proposals are open to members


def test_a_contact_without_what_was_said_is_refused_and_nothing_recorded(sqlite_factory):
    """办前联系 gates the written answer: a blank note would let a click stand for the conversation."""
    with sqlite_factory() as session, session.begin():
        w = build_world(session)
        _, lead = _at(session, w, "assigned")
        for blank in ("", "  　"):
            with pytest.raises(wf.Refused, match="沟通的情况"):
                wf.record_contact(session, w["science"], lead, dt.date(2024, 3, 5), blank)
            assert lead.contacted_on is None and lead.contact_note is None
        with pytest.raises(wf.Refused):
            wf.answer(session, w["science"], lead, "已经研究落实。", "B", dt.date(2024, 3, 6))
