"""The policy's rule for a firm's agents (经办人), on its own: scopes narrow what an agent of the firm may do."""

from __future__ import annotations

from dataclasses import dataclass

from policyreach.app import authority
from policyreach.app.authority import Decision, Scope


@dataclass(frozen=True)
class Actor:
    id: int
    role: str
    department: str | None = None
    entity_pk: int | None = None
    agent_scopes: frozenset[str] | None = None


REPRESENTATIVE = Actor(1, "enterprise", entity_pk=10)
VIEWER = Actor(2, "enterprise", entity_pk=10, agent_scopes=frozenset({"view"}))
APPLICANT = Actor(3, "enterprise", entity_pk=10, agent_scopes=frozenset({"view", "apply"}))
CASHIER = Actor(4, "enterprise", entity_pk=10, agent_scopes=frozenset({"view", "bank", "messages"}))
REVOKED = Actor(5, "enterprise", entity_pk=10, agent_scopes=frozenset())
OWN = Scope(entity_pk=10)


def test_each_scope_opens_its_own_actions_only() -> None:
    for action, allowed in [
        ("portal.use", {REPRESENTATIVE, VIEWER, APPLICANT, CASHIER}),
        ("firm.apply", {REPRESENTATIVE, APPLICANT}),
        ("firm.bank", {REPRESENTATIVE, CASHIER}),
        ("agents.manage", {REPRESENTATIVE}),
        ("firm.represent", {REPRESENTATIVE}),
    ]:
        for actor in (REPRESENTATIVE, VIEWER, APPLICANT, CASHIER, REVOKED):
            expected = Decision.ALLOW if actor in allowed else Decision.REFUSE
            assert authority.decide(actor, action, OWN) is expected, (action, actor)


def test_an_agent_stays_within_its_firm_and_its_messages_need_the_scope() -> None:
    assert authority.decide(APPLICANT, "firm.apply", Scope(entity_pk=11)) is Decision.NOT_FOUND
    firm_message, own_message = Scope(recipient="e:10"), Scope(recipient="a:3")
    assert authority.decide(APPLICANT, "account.own", firm_message) is Decision.NOT_FOUND
    assert authority.decide(APPLICANT, "account.own", own_message) is Decision.ALLOW
    assert authority.decide(CASHIER, "account.own", firm_message) is Decision.ALLOW
    assert authority.decide(REPRESENTATIVE, "account.own", firm_message) is Decision.ALLOW


def test_an_action_unknown_to_agency_is_never_an_agents() -> None:
    everything = Actor(6, "enterprise", entity_pk=10, agent_scopes=frozenset(authority.AGENT_SCOPES))
    for action in authority.actions():
        if action not in authority.AGENT_NEEDS:
            assert authority.decide(everything, action, OWN) is not Decision.ALLOW, action
