"""A synthetic 长春: deterministic, streamed populations of enterprises, institutes and talents."""

from policyreach.population.generate import GenerateResult, generate, population_schema

__all__ = ["GenerateResult", "generate", "population_schema"]
