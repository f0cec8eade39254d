"""政协履职: proposals, public-opinion reports, duty records and the consultation plan.

A sibling of ``policyreach.redemption``: it may import the engine, rules, simulation and redemption
(the audit log); nothing on the policy side imports it.
"""
