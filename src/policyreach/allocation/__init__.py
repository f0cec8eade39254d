"""Allocation of limited policy funds: first come first served, pro-rata reduction, and a solver's optimum."""

from policyreach.allocation.claims import Claims, Fund, Priority
from policyreach.allocation.report import Outcome, compare

__all__ = ["Claims", "Fund", "Outcome", "Priority", "compare"]
