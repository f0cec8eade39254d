"""Learned likelihood of "likely" pairs (issue 21, item 3; docs/ARCHITECTURE.md, "Likelihood").

``train`` learns, from the platform's own observed frame, one calibrated model per condition
that stays unknown; ``score`` gives each likely pair the probability that its unknown
conditions hold; ``expected_value`` and ``push_mask`` are how ranking and the push list use it.
"""

from policyreach.likelihood.model import (
    LikelihoodModel,
    ModelInfo,
    condition_chances,
    expected_value,
    expected_values,
    importances,
    probabilities,
    push_mask,
    score,
    train,
)

__all__ = [
    "LikelihoodModel",
    "ModelInfo",
    "condition_chances",
    "expected_value",
    "expected_values",
    "importances",
    "probabilities",
    "push_mask",
    "score",
    "train",
]
