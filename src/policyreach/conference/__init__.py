"""政协履职: proposals, public-opinion reports, duty records and the consultation plan.

A sibling of ``policyreach.redemption``: it may import the engine, rules, simulation and redemption
(the audit log); nothing on the policy side imports it.
"""

# modules that register the module's job handlers on the push scheduler: the daily 催办 run (conference.chase),
# supervision reminders (conference.supervision_remind) and assessment reminders (conference.assessment_remind)
JOB_MODULES = ("policyreach.conference.proposals", "policyreach.conference.supervision", "policyreach.conference.duty")
