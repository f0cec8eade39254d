"""One entity's per-condition probabilities (what the next question weighs unknown conditions by) agree with the
probability a likely pair gets from the same models."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np

from policyreach import settings
from policyreach.engine.batch import match_population
from policyreach.imports.registries import close_frame, list_import
from policyreach.likelihood import condition_chances, score, train
from policyreach.population.truth import ObservationModel, observe, true_city
from policyreach.rules.library import compile_library, load_library
from policyreach.rules.schema import load_schema

AS_OF = dt.date(2025, 6, 30)


def test_per_condition_chances_multiply_to_the_pair_probability_without_a_joint_model() -> None:
    compiled = compile_library(load_library([settings.library_path()], load_schema(settings.schema_path())), AS_OF)
    observed = observe(true_city(1500, 11, AS_OF.year), ObservationModel(), 11, AS_OF.year)
    schema = compiled.schema
    imports = [
        list_import(schema, name, AS_OF, f"t-{name}")
        for name, reg in schema.registries.items()
        if all(attr in observed.covered for attr in reg.complete)
    ]
    frame = close_frame(observed.frame, schema, imports)
    result = match_population(compiled, frame)
    # the base-rate method: seconds, not minutes; a boosted model is read through the same code as ``score``
    model = train(frame, compiled, method="base_rate", max_rows=500, seed=1)
    pairs = score(model, frame, result)
    checked = 0
    for entity_idx, benefit_idx, probability in pairs.head(400).iter_rows():
        benefit = compiled.benefits[benefit_idx]
        unknown = [
            cid
            for cid in benefit.condition_ids
            if not (result.condition_known[cid].view(np.uint8)[entity_idx >> 3] >> (entity_idx & 7)) & 1
        ]
        joint = (benefit.id, frozenset(compiled.conditions[c] for c in unknown))
        if joint in model.conditions:
            continue
        one = frame[int(entity_idx) : int(entity_idx) + 1]
        chances = condition_chances(model, one, compiled, unknown)
        assert all(0.0 <= p <= 1.0 for p in chances.values())
        if set(chances) != set(unknown):
            continue  # a condition nobody decided has no model: the selector takes its base rate
        assert math.isclose(math.prod(chances.values()), probability, rel_tol=1e-6)
        checked += 1
        if checked == 10:
            break
    assert checked > 0
