"""Payout simulation over a whole population, policy reforms, and baseline-versus-reform comparison."""
