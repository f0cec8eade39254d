"""What services ask of the platform, as a Protocol: push, redemption and plug-ins type the platform with it.

The concrete :class:`policyreach.app.platform.Platform` satisfies it; a service never needs more than this, which keeps
it testable against a smaller object and keeps the platform's other parts out of its reach.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Protocol

import polars as pl
from sqlalchemy.orm import Session, sessionmaker

from policyreach.engine.entity import EntityRecord
from policyreach.engine.match import Match, SingleMatcher
from policyreach.likelihood import LikelihoodModel
from policyreach.ranking import LearnedWeights
from policyreach.rules.absence import ListImport
from policyreach.rules.library import CompiledLibrary, Library
from policyreach.rules.schema import Schema
from policyreach.simulation.simulate import Simulation
from policyreach.store.models import Entity


class PlatformServices(Protocol):
    sessions: sessionmaker[Session]
    schema: Schema
    library: Library
    library_dir: Path

    @property
    def as_of(self) -> dt.date: ...

    compiled: CompiledLibrary
    matcher: SingleMatcher
    imports: tuple[ListImport, ...]
    likelihood: LikelihoodModel | None

    def use_library(self, library: Library) -> None: ...

    def publish_file(self, session: Session, name: str, text: str) -> None: ...

    def withdraw_file(self, session: Session, name: str) -> None: ...

    def today(self) -> dt.date: ...

    def rebind_if_new_day(self) -> bool: ...

    def simulation(self, session: Session) -> Simulation: ...

    def population(self, session: Session) -> pl.DataFrame: ...

    def frame(self, session: Session, entity_ids: list[str] | None = None) -> pl.DataFrame: ...

    def use_imports(self, session: Session) -> None: ...

    def train_likelihood(self, session: Session) -> LikelihoodModel: ...

    def fit_habits(self, session: Session) -> LearnedWeights | None: ...

    def chances(self, session: Session, entity: Entity) -> dict[str, float]: ...

    def record(self, entity: Entity) -> EntityRecord: ...

    def matches(
        self, session: Session, entity: Entity, *, habits: bool = True, chances: dict[str, float] | None = None
    ) -> list[Match]: ...

    def match_one(self, entity: Entity, benefit_id: str) -> Match | None: ...
