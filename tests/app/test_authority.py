"""The one authorization policy on its own: roles, the object rule, plug-ins' actions (no web, no database)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from policyreach import plugins
from policyreach.app import authority
from policyreach.app.authority import Decision, Scope


@dataclass
class Actor:
    id: int
    role: str
    department: str | None = None
    entity_pk: int | None = None


FIRM = Actor(1, "enterprise", entity_pk=10)
OFFICER = Actor(2, "officer", department="科技局")
OTHER_OFFICER = Actor(3, "officer", department="商务局")
FINANCE = Actor(4, "finance", department="财政局")
ADMIN = Actor(5, "admin")


def test_roles_then_objects() -> None:
    review = Scope(entity_pk=11, departments=frozenset({"科技局"}))
    assert authority.decide(None, "application.review", review) is Decision.LOGIN
    assert authority.decide(FIRM, "application.review", review) is Decision.REFUSE
    assert authority.decide(FINANCE, "application.review", review) is Decision.REFUSE
    assert authority.decide(OFFICER, "application.review", review) is Decision.ALLOW
    assert authority.decide(OTHER_OFFICER, "application.review", review) is Decision.NOT_FOUND
    assert authority.decide(ADMIN, "application.review", review) is Decision.ALLOW
    assert authority.decide(OFFICER, "application.review", review, exists=False) is Decision.NOT_FOUND


def test_a_firm_acts_on_its_own_objects_and_the_administrator_never_in_its_portal() -> None:
    assert authority.decide(FIRM, "portal.use", Scope(entity_pk=10)) is Decision.ALLOW
    assert authority.decide(FIRM, "portal.use", Scope(entity_pk=11)) is Decision.NOT_FOUND
    assert authority.decide(ADMIN, "portal.use", Scope(entity_pk=10)) is Decision.REFUSE


def test_messages_are_personal_even_for_the_administrator() -> None:
    assert authority.decide(ADMIN, "account.own", Scope(recipient="a:99")) is Decision.NOT_FOUND
    assert authority.decide(ADMIN, "account.own", Scope(recipient="a:5")) is Decision.ALLOW
    assert authority.decide(FIRM, "account.own", Scope(recipient="e:10")) is Decision.ALLOW


def test_finance_handles_every_departments_money_and_only_money() -> None:
    fund = Scope(departments=frozenset({"科技局"}))
    assert authority.decide(FINANCE, "fund.budget", fund) is Decision.ALLOW
    assert authority.decide(OFFICER, "fund.budget", fund) is Decision.REFUSE
    assert authority.decide(OTHER_OFFICER, "fund.read", fund) is Decision.NOT_FOUND


def test_an_officer_authors_only_a_file_wholly_of_its_department() -> None:
    assert authority.departments_allowed(OFFICER, "policy.author", {"科技局"})
    assert not authority.departments_allowed(OFFICER, "policy.author", {"科技局", "商务局"})
    assert not authority.departments_allowed(OFFICER, "policy.author", set())
    assert authority.departments_allowed(ADMIN, "policy.author", {"科技局", "商务局"})
    assert not authority.allowed(OFFICER, "policy.publish")


def test_plugins_add_actions_but_never_redefine_the_platforms(monkeypatch: pytest.MonkeyPatch) -> None:
    mine = plugins.Plugin(name="x", label="x", permissions={"x.use": ("member",)})
    monkeypatch.setattr(plugins, "installed", lambda: (mine,))
    assert authority.allowed(Actor(6, "member"), "x.use") and not authority.allowed(OFFICER, "x.use")
    thief = plugins.Plugin(name="y", label="y", permissions={"policy.publish": ("member",)})
    monkeypatch.setattr(plugins, "installed", lambda: (thief,))
    with pytest.raises(ValueError, match="redefines"):
        authority.decide(Actor(6, "member"), "policy.publish")
    monkeypatch.setattr(plugins, "installed", lambda: ())
    with pytest.raises(KeyError, match="unknown action"):
        authority.may("member", "no.such.action")


@dataclass
class Publisher(Actor):
    publisher: bool = True


def test_approving_a_policy_needs_the_departments_publisher_permission() -> None:
    """Four eyes' second pair: an officer with the publisher permission, of the policy's department."""
    policy = Scope.of_department("科技局")
    assert authority.decide(OFFICER, "policy.author", policy) is Decision.ALLOW
    assert authority.decide(OFFICER, "policy.approve", policy) is Decision.REFUSE  # no permission
    assert authority.decide(Publisher(6, "officer", department="科技局"), "policy.approve", policy) is Decision.ALLOW
    other = Publisher(7, "officer", department="商务局")
    assert authority.decide(other, "policy.approve", policy) is Decision.NOT_FOUND
    assert authority.decide(ADMIN, "policy.approve", policy) is Decision.ALLOW
    assert authority.decide(FIRM, "policy.approve", policy) is Decision.REFUSE
    assert authority.decide(Publisher(8, "finance"), "policy.approve", policy) is Decision.REFUSE
