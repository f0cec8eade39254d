"""What every request needs: the database, the compiled library, and matching one entity on demand.

Several server processes and the worker each hold a Platform over one database; what they must agree on lives in the
database: the library version in force (``platform_state``), the entities (the simulation cache is keyed by their
latest change), sessions (signed cookies with one key) and failed logins. See docs/ARCHITECTURE.md.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl
from sqlalchemy import Engine, func, inspect, select
from sqlalchemy.orm import Session, object_session, sessionmaker

from policyreach import settings
from policyreach.app import habits as learned_habits
from policyreach.app import likelihood, memory, schema_extension
from policyreach.app.funds import sync_funds
from policyreach.clock import Clock
from policyreach.clock import today as city_today
from policyreach.engine.batch import match_population
from policyreach.engine.cases import TestReport, run_tests
from policyreach.engine.entity import EntityRecord
from policyreach.engine.match import Match, SingleMatcher
from policyreach.imports.registries import close_frame, close_record
from policyreach.likelihood import LikelihoodModel, condition_chances, expected_value
from policyreach.questions import Priors, Question, next_question, priors
from policyreach.ranking import Candidate, Habits, LearnedWeights, rank
from policyreach.rules import ranges
from policyreach.rules.absence import ListImport
from policyreach.rules.library import (
    CompiledLibrary,
    Library,
    add_policy_file,
    compile_library,
    load_library,
    policy_files,
)
from policyreach.rules.schema import Schema
from policyreach.simulation.simulate import Simulation, simulate
from policyreach.store.entities import entity_values, population_frame
from policyreach.store.models import Entity, IngestChange, Interaction, PlatformState
from policyreach.store.registry_imports import imports_in_force, state_and_imports

LIBRARY_VERSION = "library_version"
WHO = {"enterprise": "您的企业", "institute": "您的单位", "talent": "您"}


@dataclass
class Platform:
    engine: Engine
    sessions: sessionmaker[Session]
    schema: Schema
    library: Library
    # a pinned evaluation date (POLICYREACH_AS_OF, a test's day); None: the date of the clock, in the city
    pinned_as_of: dt.date | None
    library_dir: Path
    # None: whatever clock is installed when asked (``policyreach.clock.current_clock``), so a test's set_clock holds
    clock: Clock | None = None
    compiled: CompiledLibrary = field(init=False)
    matcher: SingleMatcher = field(init=False)
    # the version of the library this process has loaded, as announced in ``platform_state`` (None: the files as found)
    library_version: str | None = field(init=False, default=None)
    # the complete registry lists in force (their latest imports): whom they do not name is a known none
    imports: tuple[ListImport, ...] = field(init=False, default=())
    # the learned likelihood of likely pairs, as announced in ``platform_state`` (None: none trained yet)
    likelihood: LikelihoodModel | None = field(init=False, default=None)
    _likelihood_tried: str | None = field(init=False, default=None, repr=False)
    # the habit weights fitted from the interaction log, as announced (None: the hand-set ones, too little data yet)
    habit_weights: LearnedWeights | None = field(init=False, default=None)
    _habits_tried: str | None = field(init=False, default=None, repr=False)

    def __post_init__(self) -> None:
        self.use_library(self.library)

    @property
    def as_of(self) -> dt.date:
        """The date the library is bound to: windows, "last year" and parameters in force all read it."""
        return self.compiled.as_of

    def today(self) -> dt.date:
        """The platform's date now: the pinned one, else the clock's day in the city (UTC+8)."""
        return self.pinned_as_of or city_today(self.clock)

    def use_library(self, library: Library) -> None:
        """Switch to a (re)loaded library: its cases are run and everything compiled from it is rebuilt."""
        self._bind(library, run_tests(library))

    def _bind(self, library: Library, report: TestReport) -> None:
        """Compile ``library`` for today's date; ``report`` is its cases' result, which no date changes."""
        compiled = compile_library(library, self.today())
        matcher = SingleMatcher(compiled, settings.engine_backend())  # the portal's one-entity path, planned here
        # assigned together once built: a request served meanwhile sees the old library or the new one, not a mix
        self.library, self.compiled, self.matcher, self.test_report = library, compiled, matcher, report
        # benefit id → (department, kind), as plain strings: ranking weighs habits by them without knowing the kinds
        self.catalogue: dict[str, tuple[str, str]] = {b.id: (b.spec.department, b.spec.kind) for b in compiled.benefits}
        self._simulation: (
            tuple[tuple[dt.datetime | None, int | None, tuple[ListImport, ...]], Simulation, pl.DataFrame] | None
        )
        self._simulation = None
        self._priors: tuple[object, Priors] | None = None  # the next question's base rates, keyed like the simulation
        memory.resettle()  # a server process keeps the new library out of the collector's full passes, as at start

    def rebind_if_new_day(self) -> bool:
        """Bind the library to the new date when the city's day has changed since it was compiled; True if so.

        Cheap (a clock read and a comparison): every request and every worker round asks it, so a server that runs
        for weeks closes a window on its last day's midnight, and "上年度" moves on 1 January, without a restart.
        The library's cases are not run again: their dates are their own, so a new day cannot change their result."""
        if self.today() == self.compiled.as_of:
            return False
        self._bind(self.library, self.test_report)
        return True

    def publish_file(self, session: Session, name: str, text: str) -> None:
        """Write a checked policy file into the library, load it here and announce the new version to every process.

        Nothing is half-written: the library with the new file is loaded and compiled from a staged copy first, and
        the file takes its place by one rename only then (a failure leaves the directory as it was)."""
        staged = self.library_dir / f".{name}.staged"  # not *.yaml: no process loads it meanwhile
        staged.write_text(text, encoding="utf-8")
        try:
            others = [f for f in policy_files([self.library_dir]) if f.name != name]
            library = load_library(others, self.schema)
            add_policy_file(library, self.library_dir / name, text)
            self.use_library(library)
        except BaseException:
            staged.unlink(missing_ok=True)
            raise
        os.replace(staged, self.library_dir / name)
        sync_funds(session, self.compiled)  # a fund the new policy names exists (with no budget until one is set)
        self.library_version = uuid.uuid4().hex
        session.merge(PlatformState(key=LIBRARY_VERSION, value=self.library_version))
        session.flush()

    def withdraw_file(self, session: Session, name: str) -> None:
        """Take a policy file out of the library, here and (announced) in every process: the library without it is
        loaded first, so a library that cannot stand without it (another policy's prerequisite) stays as it was."""
        others = [f for f in policy_files([self.library_dir]) if f.name != name]
        self.use_library(load_library(others, self.schema))
        (self.library_dir / name).unlink(missing_ok=True)
        self.library_version = uuid.uuid4().hex
        session.merge(PlatformState(key=LIBRARY_VERSION, value=self.library_version))
        session.flush()

    def refresh(self, session: Session) -> bool:
        """Load the library again when another process published a version this one has not loaded, or bind it to
        the new day; True if either happened. The registry lists in force are read again too (another process may
        have imported one)."""
        # the versions announced and the registry lists in force: one query, every request asks
        versions, imports = state_and_imports(session, self.schema, _ANNOUNCED, self.today())
        self.imports = tuple(imports)
        self._use_likelihood(versions.get(likelihood.LIKELIHOOD_VERSION))
        self._use_habit_weights(versions.get(learned_habits.HABITS_VERSION))
        announced = versions.get(LIBRARY_VERSION)
        if announced is None or announced == self.library_version:
            return self.rebind_if_new_day()
        # attributes another process accepted into the schema extension: a policy published there may use them
        for name, attribute in schema_extension.accepted(session).items():
            if self.schema.field(name) is None:
                self.schema.attributes[name] = attribute
        self.use_library(load_library([self.library_dir], self.schema))
        self.library_version = announced
        return True

    def _use_likelihood(self, version: str | None) -> None:
        # each announcement is tried once: a file this process cannot read (another data directory, or already
        # replaced by a newer model) keeps the model it has rather than reading the file again on every request
        if version is None or version == self._likelihood_tried:
            return
        self._likelihood_tried = version
        self.likelihood = likelihood.load(settings.likelihood_model_path(), version) or self.likelihood

    def _use_habit_weights(self, version: str | None) -> None:
        # as the likelihood: each announcement tried once, a file this process cannot read keeps what it has
        if version is None or version == self._habits_tried:
            return
        self._habits_tried = version
        self.habit_weights = learned_habits.load(settings.habits_model_path(), version) or self.habit_weights

    def fit_habits(self, session: Session) -> LearnedWeights | None:
        """Fit the habit weights on the interaction log, store and announce them; None while too few firms have a
        log to learn from (the hand-set weights stay)."""
        weights = learned_habits.fit_and_store(session, self._candidates, self.catalogue, self.clock)
        if weights is not None:
            self.habit_weights, self._habits_tried = weights, weights.version
        return weights

    def train_likelihood(self, session: Session) -> LikelihoodModel:
        """Train on today's closed population, store the model and announce it to every process."""
        self.likelihood = likelihood.train_and_store(session, self.frame(session), self.compiled)
        self._likelihood_tried = self.likelihood.info.version
        return self.likelihood

    def chances(self, session: Session, entity: Entity) -> dict[str, float]:
        """benefit id → learned probability of each of the entity's likely pairs (empty without a model)."""
        if self.likelihood is None:
            return {}
        return likelihood.chances(self.likelihood, self.frame(session, [entity.entity_id]), self.compiled)

    def use_imports(self, session: Session) -> None:
        """Read which complete registry lists are in force today (one small query; every request asks it)."""
        self.imports = tuple(imports_in_force(session, self.schema, self.today()))

    def adopt_announced_version(self, session: Session) -> None:
        """At start: the files on disk are the announced version (no reload on the first request)."""
        versions = _announcements(session)
        self.library_version = versions.get(LIBRARY_VERSION)
        self.use_imports(session)
        self._use_likelihood(versions.get(likelihood.LIKELIHOOD_VERSION))
        self._use_habit_weights(versions.get(learned_habits.HABITS_VERSION))

    def simulation(self, session: Session) -> Simulation:
        """The whole population matched, recomputed when an entity changed since the last time."""
        # an edit marks its entity's row; a registry batch writes a row per entity it changed instead (ingest_changes)
        changed = (
            session.scalar(select(func.max(Entity.updated_at))),
            session.scalar(select(func.max(IngestChange.id))),
            self.imports,
        )
        if self._simulation is None or self._simulation[0] != changed:
            frame = self.frame(session)
            self._simulation = (changed, simulate(self.compiled, frame), frame)
        return self._simulation[1]

    def question_priors(self, session: Session) -> Priors:
        """The next question's base rates: each condition's share met among the city's entities that have it
        decided, each benefit's mean eligible amount; recomputed when the population changes, like the simulation."""
        self.simulation(session)
        assert self._simulation is not None
        key, _, frame = self._simulation
        if self._priors is None or self._priors[0] != key:
            found = priors(match_population(self.compiled, frame)) if frame.height else Priors()
            self._priors = (key, found)
        return self._priors[1]

    def next_question(self, session: Session, entity: Entity, allowed: set[str]) -> Question | None:
        """The one missing value among ``allowed`` whose answer settles the most expected money for ``entity``: its
        unknown conditions weighed by the learned per-condition models when trained, else by the city's base rates."""
        record = self.record(entity)
        chances: dict[int, float] = {}
        if self.likelihood is not None:
            values = self.matcher.row(record)
            unknown = [cid for cid, fn in enumerate(self.matcher.conditions) if fn(values) is None]
            frame = self.frame(session, [entity.entity_id])
            chances = condition_chances(self.likelihood, frame, self.compiled, unknown)
        return next_question(self.matcher, record, self.question_priors(session), chances, allowed=allowed)

    def frame(self, session: Session, entity_ids: list[str] | None = None) -> pl.DataFrame:
        """The stored entities (all, or those of ``entity_ids``) as a population frame, closed by the lists in
        force: the one way the policy side reads a population, so batch and single matches agree."""
        frame = population_frame(session, self.schema, self.as_of.year, entity_ids)
        return close_frame(frame, self.schema, self.imports)

    def population(self, session: Session) -> pl.DataFrame:
        """The population frame behind :meth:`simulation` (for reforms over the same entities)."""
        self.simulation(session)
        assert self._simulation is not None
        return self._simulation[2]

    def record(self, entity: Entity) -> EntityRecord:
        """The engine's view of a stored entity: typed values and the source of each, closed by the lists in
        force (an attribute a complete list covers and does not name the entity for is a known none)."""
        if "value_rows" in inspect(entity).unloaded:  # not read with the entity: plain rows, no object per value
            session = object_session(entity)
            if session is not None:
                return self.record_of(entity, *entity_values(session, entity.id))
        return self.record_of(entity, entity.values, entity.provenance)

    def record_of(self, entity: Entity, values: dict[str, Any], provenance: dict[str, Any]) -> EntityRecord:
        """As :meth:`record`, from values read in bulk (or about to be written) rather than the entity's own."""
        values = {column: self._typed(column, value) for column, value in values.items()}
        sources = {column: (info or {}).get("source", "self_declared") for column, info in provenance.items()}
        record = EntityRecord(entity.entity_id, entity.kind, values, sources, entity.name)
        return close_record(record, self.schema, self.imports)

    def _typed(self, column: str, value: Any) -> Any:
        attr = ranges.attribute_of(self.schema, column)
        if value is None or attr is None:
            return value
        # a stored value out of its range or type (written before the checks) is unknown: the page still answers,
        # and the entity page shows it to an officer (ranges.flagged)
        return ranges.stored(attr, value)

    def matches(
        self,
        session: Session,
        entity: Entity,
        *,
        habits: bool | Habits = True,
        chances: dict[str, float] | None = None,
    ) -> list[Match]:
        """The entity's claimable and partial benefits, ranked by match and by its own habits (read from its log, or
        the ones given when the caller read them already); a likely pair by its expected value (learned probability
        × amount) when a model is trained."""
        found = {m.benefit_id: m for m in self.matcher.match(self.record(entity), who=WHO.get(entity.kind))}
        if chances is None:
            chances = self.chances(session, entity) if any(m.status == "likely" for m in found.values()) else {}
        candidates = [candidate(m, chances.get(m.benefit_id)) for m in found.values()]
        read = self.habits(session, entity) if habits is True else None if habits is False else habits
        order = rank(candidates, read, self.habit_weights)
        return [found[c.benefit_id] for c in order]

    def _candidates(self, entity: Entity) -> list[Candidate]:
        """The entity's matches today as the ranking reads them (the habit fit's candidates)."""
        return [candidate(m, None) for m in self.matcher.match(self.record(entity), who=WHO.get(entity.kind))]

    def match_one(self, entity: Entity, benefit_id: str) -> Match | None:
        return self.matcher.match(self.record(entity), keep_all=True, who=WHO.get(entity.kind)).get(benefit_id)

    def habits(self, session: Session, entity: Entity) -> Habits:
        rows = session.execute(
            select(Interaction.benefit_id, Interaction.action)
            .where(Interaction.entity_pk == entity.id)
            .order_by(Interaction.id)
        )
        return Habits.from_actions(rows, self.catalogue)


def candidate(m: Match, chance: float | None = None) -> Candidate:
    """The match as the ranking reads it (its expected value when a learned chance is given)."""
    return Candidate(
        m.benefit_id,
        m.status,
        m.degree,
        float(_expected(m, chance)),
        m.benefit.spec.department,
        m.benefit.spec.kind,
        closed=m.window.status == "closed",
    )


def _expected(match: Match, chance: float | None) -> Decimal:
    amount = Decimal(match.amount or 0)
    return amount if chance is None or match.status != "likely" else expected_value(chance, amount)


_ANNOUNCED = (LIBRARY_VERSION, likelihood.LIKELIHOOD_VERSION, learned_habits.HABITS_VERSION)


def _announcements(session: Session) -> dict[str, str]:
    """What the last publication and the last training announced to every process, in one query."""
    return dict(
        session.execute(select(PlatformState.key, PlatformState.value).where(PlatformState.key.in_(_ANNOUNCED))).all()
    )
