"""Redemption: applications from one click, automatic claims or review, exactly once and fully audited."""
