"""The one registration point for plug-ins (the conference module is the first).

A plug-in is a package that declares an entry point in the group ``policyreach.plugins`` whose object is a
:class:`Plugin`. The policy side asks this registry for routers, navigation entries, job modules, templates,
migrations, roles, permissions and benefit-page links; it never imports a plug-in by name, so the platform runs, and its
tests pass, with every plug-in absent (``POLICYREACH_PLUGINS=none``). See docs/ARCHITECTURE.md, "Plug-ins".
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from policyreach import settings

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

GROUP = "policyreach.plugins"


class NavEntry(NamedTuple):
    """A link in the page header: where it goes and what it says."""

    href: str
    label: str


class BenefitLink(NamedTuple):
    """Something a plug-in links to a benefit (a proposal whose answer the benefit implements)."""

    section: str  # the heading of the card on the benefit page, e.g. 落实的政协提案
    text: str
    href: str | None = None


# (session, benefit id) → the links a plug-in shows on that benefit's page
BenefitLinks = Callable[["Session", str], Sequence[BenefitLink]]
# (session, the platform's date, argon2 hash of the demo password) → demo data of the plug-in (idempotent)
DemoSeeder = Callable[["Session", dt.date, str], None]
# (session, the platform's date) → the plug-in's recurring jobs queued (idempotent: one job per day by its key)
Scheduler = Callable[["Session", dt.date], None]


class TellsTime(Protocol):
    """What a round hook is given to tell the time (``policyreach.clock.Clock``, which this layer cannot import)."""

    def now(self) -> dt.datetime: ...


# (session, clock) → the messages a plug-in wrote in one scheduler round (each worker tick, in its transaction):
# the plug-in's workflow steps read from its own history and announced through the one notifier
Round = Callable[["Session", TellsTime], int]
# (session, the field key ring) → how many sealed values of the plug-in were re-sealed under the ring's current key
# (``policyreach keys rotate``, in its one transaction; the ring is ``store.crypto.FieldRing``, which this layer
# cannot import)
Resealer = Callable[["Session", Any], int]
# (session, issuer, subject, name) → the id of the account a plug-in signs this natural person's unified identity in
# as (made by the hook when the plug-in knows the person and they have none yet), or None when it does not know them
IdentityAccount = Callable[["Session", str, str, "str | None"], "int | None"]


@dataclass(frozen=True)
class Plugin:
    """What a plug-in adds to the platform; every hook is optional."""

    name: str
    label: str
    # modules whose ``@jobs.handler`` registrations the worker imports
    job_modules: tuple[str, ...] = ()
    # an Alembic version location: the plug-in's own branch of the schema
    migrations: Path | None = None
    # a Jinja2 template directory searched after the platform's own
    templates: Path | None = None
    # a callable returning FastAPI routers, imported only when the web app is built
    routers: Callable[[], Iterable[Any]] | None = None
    # role → the plug-in's home page, for accounts that belong to the plug-in only
    homes: dict[str, str] = field(default_factory=dict)
    # role → the header links the plug-in adds for that role
    navigation: Callable[[str], Sequence[NavEntry]] | None = None
    benefit_links: BenefitLinks | None = None
    demo_seed: DemoSeeder | None = None
    # usernames of the plug-in's demo accounts, listed after the platform's own at start-up
    demo_usernames: tuple[str, ...] = ()
    schedule: Scheduler | None = None
    each_round: Round | None = None
    # message kind → its Chinese label in the inbox, for the messages the plug-in writes
    message_kinds: dict[str, str] = field(default_factory=dict)
    # action → the roles that may take it, added to the one authorization policy (policyreach.app.authority)
    permissions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # the plug-in's own sealed fields re-sealed when the field key rotates
    reseal: Resealer | None = None
    # a person the plug-in knows (a conference member) signs in through the unified identity as their own account
    identity_account: IdentityAccount | None = None


def enabled_names() -> set[str] | None:
    """The names POLICYREACH_PLUGINS asks for; ``none`` gives the empty set; None when unset (every installed one)."""
    raw = settings.plugins()
    if raw is None:
        return None
    names = {n.strip() for n in raw.split(",") if n.strip()}
    return set() if names <= {"none"} else names


@functools.cache
def _discover(wanted: frozenset[str] | None) -> tuple[Plugin, ...]:
    found: list[Plugin] = []
    for point in sorted(metadata.entry_points(group=GROUP), key=lambda p: p.name):
        if wanted is not None and point.name not in wanted:
            continue
        plugin = point.load()
        if not isinstance(plugin, Plugin):
            raise TypeError(f"entry point {point.value} of group {GROUP} is not a policyreach Plugin")
        found.append(plugin)
    return tuple(found)


def installed() -> tuple[Plugin, ...]:
    """The enabled plug-ins, in name order (discovered once per process and setting)."""
    wanted = enabled_names()
    return _discover(None if wanted is None else frozenset(wanted))


def migration_locations() -> list[Path]:
    return [p.migrations for p in installed() if p.migrations is not None]


def template_dirs() -> list[Path]:
    return [p.templates for p in installed() if p.templates is not None]


def job_modules() -> list[str]:
    return [module for p in installed() for module in p.job_modules]


def home_for(role: str) -> str | None:
    """The home page of a role that only a plug-in knows (None: the platform's own roles)."""
    for plugin in installed():
        if role in plugin.homes:
            return plugin.homes[role]
    return None


def navigation(role: str) -> list[NavEntry]:
    return [entry for p in installed() if p.navigation is not None for entry in p.navigation(role)]


def benefit_links(session: Session, benefit_id: str) -> list[BenefitLink]:
    return [link for p in installed() if p.benefit_links is not None for link in p.benefit_links(session, benefit_id)]


def demo_usernames() -> list[str]:
    return [name for p in installed() for name in p.demo_usernames]


def rounds() -> list[tuple[str, Round]]:
    """The plug-ins' per-round hooks, by plug-in name (the scheduler runs each in its own savepoint)."""
    return [(p.name, p.each_round) for p in installed() if p.each_round is not None]


def message_kinds() -> dict[str, str]:
    """The inbox labels of the plug-ins' message kinds."""
    return {kind: label for p in installed() for kind, label in p.message_kinds.items()}


def reseal(session: Session, ring: Any) -> int:
    """Every plug-in's sealed values re-sealed under ``ring``'s current key: how many."""
    return sum(p.reseal(session, ring) for p in installed() if p.reseal is not None)


def identity_account(session: Session, issuer: str, subject: str, name: str | None) -> int | None:
    """The account a plug-in binds this person's identity to, from the first plug-in that knows them."""
    for p in installed():
        if p.identity_account is not None:
            found = p.identity_account(session, issuer, subject, name)
            if found is not None:
                return found
    return None
