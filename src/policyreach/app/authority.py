"""The one authorization policy: who may do what, on which object.

Every page and API operation asks :func:`decide` (through ``web.deps.allow``); nothing else decides access. The
policy is a table of actions, each naming the roles that may take it, and one rule for objects:

- an entity account (企业、院所、人才) acts only on objects its own entity owns;
- an officer (部门工作人员) acts only on objects of its department: reviewing, uploading, disbursing, exporting and
  reading an entity's data through the API;
- an account acts only on objects addressed to it (its messages), the administrator included;
- the administrator acts on everything else.

A firm's agent (经办人) is an entity account acting for the firm within its authorisation's scopes
(:data:`AGENT_NEEDS`): an action it has no scope for is refused, and so is every action not listed there (managing
agents and answering disclosure requests stay the legal representative's).

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
# a registry's system account (数据共享交换平台的系统账号): its department is the source it speaks for (tax, …)
REGISTRY = "registry"
ENTITY_ROLES = frozenset({ENTERPRISE, INSTITUTE, TALENT})
STAFF = frozenset({OFFICER, ADMIN})
PLATFORM_ROLES = frozenset({ENTERPRISE, INSTITUTE, TALENT, OFFICER, FINANCE, ADMIN, REGISTRY})
ROLE_ZH = {
    ANONYMOUS: "未登录访客",
    ENTERPRISE: "企业",
    INSTITUTE: "院所/高校",
    TALENT: "人才",
    OFFICER: "部门工作人员",
    FINANCE: "财政局（资金管理）",
    ADMIN: "系统管理员",
    REGISTRY: "数据共享系统账号",
}
EVERYONE = "*"  # a public action: anonymous visitors included
SIGNED_IN = "+"  # any account, whatever its role (plug-ins' roles included)


class Actor(Protocol):
    """What the policy reads of an account (``store.models.Account`` has it); an agent's account also carries
    ``agent_scopes`` (read with :func:`agent_scopes`, so that an actor without it acts in its own right)."""

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
    # the sign-in is not complete (see gate): the account may only finish it
    CHANGE_PASSWORD = "change_password"  # an administrator set its password: change it first
    ENROL = "enrol"  # its role needs a second factor it has not enrolled
    STEP_UP = "step_up"  # a money action in a session opened without the second factor


# action → the roles that may take it; the object rule above narrows an allowed role to its own objects
ACTIONS: dict[str, frozenset[str]] = {
    # public pages and operations
    "public.read": frozenset({EVERYONE}),
    # public forms: signing in, an objection to a notice, the calculator, a token
    "public.submit": frozenset({EVERYONE}),
    # any account: its own inbox, preferences
    "account.own": frozenset({SIGNED_IN}),
    # any account: completing its own sign-in security (change the password, enrol the second factor) or signing
    # out; the only actions left to a sign-in that gate() holds back
    "account.secure": frozenset({SIGNED_IN}),
    # an entity's portal, read: its profile, matches, applications, reports, consents (an agent with 查看)
    "portal.use": ENTITY_ROLES,
    # applying for the firm: claims, applications, resubmitted material, declared figures (an agent with 申报)
    "firm.apply": ENTITY_ROLES,
    # confirming the bank account money is paid to (an agent with 确认银行账户)
    "firm.bank": ENTITY_ROLES,
    # what only the legal representative does: authorising and revoking agents, answering disclosure requests
    "agents.manage": frozenset({ENTERPRISE, INSTITUTE}),
    "firm.represent": ENTITY_ROLES,
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
    # an application's decisions that commit or take back money: approval, clawback, a withdrawn benefit's
    # continuation or release (the benefit's department)
    "application.approve": STAFF,
    # money: batches, their export and the bank's confirmation (the department's benefits)
    "disbursement.create": STAFF,
    "disbursement.export": STAFF,
    "disbursement.confirm": STAFF,
    # funds: figures for everyone who handles money (an officer: the funds its department draws on)
    "fund.read": frozenset({FINANCE, OFFICER, ADMIN}),
    "fund.budget": frozenset({FINANCE}),
    # policies: an officer uploads its department's files as drafts and submits them; a second officer of the
    # department with the publisher permission approves, publishes and withdraws (four eyes: never its own draft,
    # redemption/policy_lifecycle.py); the administrator's upload may still publish at once
    "policy.author": STAFF,
    "policy.approve": STAFF,
    "policy.publish": frozenset({ADMIN}),
    # the deployment's schema extension: an officer accepts an attribute a draft policy proposed
    "schema.extend": STAFF,
    "accounts.manage": frozenset({ADMIN}),
    # registry batches (数据推送): a system account pushes, reads and rolls back its own source's batches; the
    # administrator imports a file on a source's behalf and may roll back any batch. Which attributes a batch may
    # write is :func:`may_write_source`'s to say.
    "ingest.write": frozenset({REGISTRY, ADMIN}),
    "ingest.read": frozenset({REGISTRY, ADMIN}),
}


# actions an officer takes only with the department's publisher permission (``Account.publisher``)
PUBLISHER_ACTIONS = frozenset({"policy.approve"})


def publisher(actor: Actor | None) -> bool:
    """Does the account hold the publisher permission (an administrator always does)?"""
    return actor is not None and (actor.role == ADMIN or bool(getattr(actor, "publisher", False)))


# an agent's scopes, as the representative reads them
VIEW, APPLY, BANK, MESSAGES = "view", "apply", "bank", "messages"
AGENT_SCOPES = {VIEW: "查看", APPLY: "申报", BANK: "确认银行账户", MESSAGES: "接收消息"}
# action → the scope an agent needs for it (None: any agent); an action missing here is never an agent's
AGENT_NEEDS: dict[str, str | None] = {
    "public.read": None,
    "public.submit": None,
    "account.own": None,  # its own preferences; the firm's messages need MESSAGES
    "account.secure": None,  # its own password, second factor and sign-out
    "portal.use": VIEW,
    "entity.read": VIEW,
    "firm.apply": APPLY,
    "firm.bank": BANK,
}


def agent_scopes(actor: Actor | None) -> frozenset[str] | None:
    """The agent's scopes, or None for an account acting in its own right (or an actor that carries none)."""
    scopes = getattr(actor, "agent_scopes", None)
    return None if scopes is None else frozenset(scopes)


def agent_may(actor: Actor | None, action: str) -> bool:
    """May this account take the action as far as agency goes (always, for an account that is no agent)?"""
    scopes = agent_scopes(actor)
    if scopes is None:
        return True
    if action not in AGENT_NEEDS:
        return False
    needed = AGENT_NEEDS[action]
    return needed is None or needed in scopes


# -- the sign-in's assurance: second factor and forced password change (issue 20, items 3 and 4) -------------------

# roles that move or control money: a second factor is theirs to enrol when POLICYREACH_TOTP_REQUIRED is on
SECOND_FACTOR_ROLES = frozenset({OFFICER, FINANCE, ADMIN})
# what a sign-in held back by gate() may still do: finish it, or sign out
COMPLETING = frozenset({"public.read", "public.submit", "account.secure"})
# actions that move money: only in a session opened with the second factor (where one is required or enrolled)
MONEY_ACTIONS = frozenset(
    {"application.approve", "disbursement.create", "disbursement.export", "disbursement.confirm", "fund.budget"}
)


@dataclass(frozen=True)
class Assurance:
    """What the policy reads of a sign-in besides the account's role: set by the web layer from the session."""

    second_factor: bool  # the session was opened with a TOTP or recovery code (or enrolled the factor)
    enrolled: bool  # the account has a second factor
    must_change_password: bool  # an administrator set the password
    required: bool  # POLICYREACH_TOTP_REQUIRED: the SECOND_FACTOR_ROLES must have one


def gate(role: str, action: str, assurance: Assurance) -> Decision | None:
    """The refusal a sign-in's assurance imposes on an action its role may otherwise take, or None.

    A password an administrator set must be changed before anything else; a role that must have a second factor
    and has none may only enrol it; money moves only in a session opened with the second factor, wherever one is
    required or the account has one (a firm that turned it on, an officer in demo mode who enrolled).
    """
    if action in COMPLETING:
        return None
    if assurance.must_change_password:
        return Decision.CHANGE_PASSWORD
    needs = assurance.required and role in SECOND_FACTOR_ROLES
    if needs and not assurance.enrolled:
        return Decision.ENROL
    if action in MONEY_ACTIONS and (needs or assurance.enrolled) and not assurance.second_factor:
        return Decision.STEP_UP
    return None


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
        # the firm's messages reach an agent only with 接收消息; its own (a:) always
        scopes = agent_scopes(actor)
        if scopes is not None and MESSAGES not in scopes:
            return scope.recipient == f"a:{actor.id}"
        return scope.recipient in (f"a:{actor.id}", f"e:{actor.entity_pk}")
    if actor.role == ADMIN:
        return True
    if actor.role in ENTITY_ROLES:
        return scope.entity_pk is not None and scope.entity_pk == actor.entity_pk
    if actor.role == OFFICER:
        return scope.departments is not None and actor.department in scope.departments
    if actor.role == REGISTRY:  # a system account: the batches of the source it speaks for
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
    if not agent_may(actor, action):
        return Decision.REFUSE
    if action in PUBLISHER_ACTIONS and not publisher(actor):
        return Decision.REFUSE
    if not exists:
        return Decision.NOT_FOUND
    if scope is None or EVERYONE in roles_of(action):
        return Decision.ALLOW
    assert actor is not None
    return Decision.ALLOW if _owns(actor, scope) else Decision.NOT_FOUND


def allowed(actor: Actor | None, action: str, scope: Scope | None = None) -> bool:
    return decide(actor, action, scope) is Decision.ALLOW


def may_write_source(actor: Actor | None, source: str) -> bool:
    """May this account write values whose schema source is ``source`` (a registry's push or an import)?

    A system account writes only its own source's attributes (税务 never the 高企 certificate); the administrator
    imports a file on any registry's behalf; nobody writes ``self_declared`` values as a registry."""
    if actor is None or source == "self_declared" or not may(actor.role, "ingest.write"):
        return False
    return actor.role == ADMIN or actor.department == source


def departments_allowed(actor: Actor, action: str, departments: Iterable[str]) -> bool:
    """May the actor take the action for every one of these departments (a policy file names one or several)?"""
    wanted = frozenset(departments)
    return (
        bool(wanted)
        and decide(actor, action, Scope(departments=wanted)) is Decision.ALLOW
        and (actor.role == ADMIN or wanted == {actor.department})
    )
