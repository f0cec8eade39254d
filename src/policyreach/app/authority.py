"""The one authorization policy: who may do what, on which object.

Every page and API operation asks :func:`decide` (through ``web.deps.allow``); nothing else decides access. The
policy is a table of actions, each naming the roles that may take it, and one rule for objects:

- an entity account (企业、院所、人才) acts only on objects its own entity owns;
- an officer (部门工作人员) acts only on objects of its department: reviewing, uploading, disbursing, exporting and
  reading an entity's data through the API;
- an account acts only on objects addressed to it (its messages), the administrator included;
- the administrator acts on everything else.

A refusal on an object someone else owns answers "not found", never "forbidden", so that ids cannot be probed.
Plug-ins add their own actions through ``policyreach.plugins`` (``Plugin.permissions``); this module never imports
a plug-in. Pure: no FastAPI, no database (the web layer resolves an object into a :class:`Scope`).
See docs/ARCHITECTURE.md, "Decisions every module shares".
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from policyreach import plugins

ANONYMOUS = "anonymous"
ENTERPRISE, INSTITUTE, TALENT = "enterprise", "institute", "talent"
OFFICER, FINANCE, ADMIN = "officer", "finance", "admin"
ENTITY_ROLES = frozenset({ENTERPRISE, INSTITUTE, TALENT})
STAFF = frozenset({OFFICER, ADMIN})
PLATFORM_ROLES = frozenset({ENTERPRISE, INSTITUTE, TALENT, OFFICER, FINANCE, ADMIN})
ROLE_ZH = {
    ANONYMOUS: "未登录访客",
    ENTERPRISE: "企业",
    INSTITUTE: "院所/高校",
    TALENT: "人才",
    OFFICER: "部门工作人员",
    FINANCE: "财政局（资金管理）",
    ADMIN: "系统管理员",
}
EVERYONE = "*"  # a public action: anonymous visitors included
SIGNED_IN = "+"  # any account, whatever its role (plug-ins' roles included)


class Actor(Protocol):
    """What the policy reads of an account (``store.models.Account`` has it)."""

    @property
    def id(self) -> int: ...
    @property
    def role(self) -> str: ...
    @property
    def department(self) -> str | None: ...
    @property
    def entity_pk(self) -> int | None: ...


@dataclass(frozen=True)
class Scope:
    """Who owns an object, as the policy needs it: its entity, its departments, the account it is addressed to.

    ``None`` in a field means the object has no owner of that kind. ``departments`` is a set: an entity's data
    belongs to every department it has business with (an application, a benefit it qualifies for).
    """

    entity_pk: int | None = None
    departments: frozenset[str] | None = None
    # a message's recipient: "a:<account pk>" or "e:<entity pk>"; personal, so not even the administrator reads it
    recipient: str | None = None

    @staticmethod
    def of_department(department: str | None) -> Scope:
        return Scope(departments=frozenset({department}) if department else frozenset())


class Decision(enum.Enum):
    ALLOW = "allowed"
    LOGIN = "login"  # anonymous: sign in first
    REFUSE = "refused"  # the role may not take this action at all
    NOT_FOUND = "not_found"  # the object is not this account's (or does not exist)


# action → the roles that may take it; the object rule above narrows an allowed role to its own objects
ACTIONS: dict[str, frozenset[str]] = {
    # public pages and operations
    "public.read": frozenset({EVERYONE}),
    # public forms: signing in, an objection to a notice, the calculator, a token
    "public.submit": frozenset({EVERYONE}),
    # any account: its own inbox, preferences, sign-out
    "account.own": frozenset({SIGNED_IN}),
    # an entity's portal: its profile, matches, applications, reports, consents
    "portal.use": ENTITY_ROLES,
    # a talent's own personal data: its consents, export and deletion (个人信息保护法)
    "personal.own": frozenset({TALENT}),
    # an entity's personal data (ID number): an officer only where the entity applied to the department's benefits
    "personal.read": STAFF,
    # the government console: the library, analysis, search, funnel overview
    "console.read": STAFF,
    # one benefit's figures, push list and exports (the benefit's department)
    "benefit.read": STAFF,
    "benefit.announce": STAFF,
    # an entity's data through the API (the entity itself, or a department it has business with)
    "entity.read": ENTITY_ROLES | STAFF,
    # an entity's page in the console (search results): every officer, as before (see the README "Security")
    "entity.search": STAFF,
    # review: the queue, one application, its decisions and materials (the benefit's department)
    "application.review": STAFF,
    # money: batches, their export and the bank's confirmation (the department's benefits)
    "disbursement.create": STAFF,
    "disbursement.export": STAFF,
    "disbursement.confirm": STAFF,
    # funds: figures for everyone who handles money (an officer: the funds its department draws on)
    "fund.read": frozenset({FINANCE, OFFICER, ADMIN}),
    "fund.budget": frozenset({FINANCE}),
    # policies: an officer uploads its department's files as drafts; publishing is the administrator's
    "policy.author": STAFF,
    "policy.publish": frozenset({ADMIN}),
    "accounts.manage": frozenset({ADMIN}),
}


def actions() -> Mapping[str, frozenset[str]]:
    """The platform's actions and every installed plug-in's (a plug-in may not redefine the platform's)."""
    table = dict(ACTIONS)
    for plugin in plugins.installed():
        for action, roles in plugin.permissions.items():
            if action in ACTIONS:
                raise ValueError(f"plug-in {plugin.name} redefines the platform's action {action}")
            table[action] = frozenset(roles)
    return table


def roles_of(action: str) -> frozenset[str]:
    try:
        return actions()[action]
    except KeyError:
        raise KeyError(f"unknown action {action!r}: add it to policyreach.app.authority.ACTIONS") from None


def may(role: str, action: str) -> bool:
    """May this role take the action at all (on some object)?"""
    allowed = roles_of(action)
    if EVERYONE in allowed:
        return True
    if role == ANONYMOUS:
        return False
    return SIGNED_IN in allowed or role in allowed  # the administrator only where listed: never in a firm's portal


def _owns(actor: Actor, scope: Scope) -> bool:
    if scope.recipient is not None:
        return scope.recipient in (f"a:{actor.id}", f"e:{actor.entity_pk}")
    if actor.role == ADMIN:
        return True
    if actor.role in ENTITY_ROLES:
        return scope.entity_pk is not None and scope.entity_pk == actor.entity_pk
    if actor.role == OFFICER:
        return scope.departments is not None and actor.department in scope.departments
    if actor.role == FINANCE:  # the finance bureau handles every department's money (its actions are money only)
        return scope.entity_pk is None
    # finance and the plug-ins' roles have no object rule here: their actions carry no department or entity scope
    return scope.entity_pk is None and scope.departments is None


def decide(actor: Actor | None, action: str, scope: Scope | None = None, *, exists: bool = True) -> Decision:
    """The answer for this account, action and object (``exists=False``: the object id names nothing)."""
    role = actor.role if actor is not None else ANONYMOUS
    if not may(role, action):
        return Decision.LOGIN if actor is None else Decision.REFUSE
    if not exists:
        return Decision.NOT_FOUND
    if scope is None or EVERYONE in roles_of(action):
        return Decision.ALLOW
    assert actor is not None
    return Decision.ALLOW if _owns(actor, scope) else Decision.NOT_FOUND


def allowed(actor: Actor | None, action: str, scope: Scope | None = None) -> bool:
    return decide(actor, action, scope) is Decision.ALLOW


def departments_allowed(actor: Actor, action: str, departments: Iterable[str]) -> bool:
    """May the actor take the action for every one of these departments (a policy file names one or several)?"""
    wanted = frozenset(departments)
    return (
        bool(wanted)
        and decide(actor, action, Scope(departments=wanted)) is Decision.ALLOW
        and (actor.role == ADMIN or wanted == {actor.department})
    )
