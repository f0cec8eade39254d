"""政策找人: events that trigger re-matching, the job queue, the clock, notifications and the reach funnel.

This package owns the platform's one scheduler and one notifier (docs/ARCHITECTURE.md, "One scheduler, one notifier"):
redemption's periodic 免申即享 runs and the conference module's reminders use them too.
"""
