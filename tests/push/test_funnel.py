"""The funnel's stages are subsets of each other, and only a message's link attributes an application."""

from __future__ import annotations

from sqlalchemy import select

from policyreach.push import funnel
from policyreach.push.notify import follow, mark_read, notify
from policyreach.store.models import Application, Entity


def test_stages_are_nested_and_attributed_by_the_link(db, clock) -> None:
    with db() as session, session.begin():
        firms = list(session.scalars(select(Entity).order_by(Entity.id)))
        sent = [
            notify(
                session,
                recipient=f,
                kind="benefit.eligible",
                subject="s",
                body="b",
                link="/me/benefits/x",
                dedupe_key=f"f:{f.id}",
                benefit_id="x",
                clock=clock,
            )
            for f in firms
        ]
        notify(
            session,
            recipient=firms[0],
            kind="window.closing",
            subject="s",
            body="b",
            link="/me/benefits/x",
            dedupe_key="f:again",
            benefit_id="x",
            clock=clock,
        )  # a reminder: still one firm notified
        notify(
            session,
            recipient=firms[0],
            kind="benefit.lost",
            subject="s",
            body="b",
            link=None,
            dedupe_key="f:lost",
            benefit_id="y",
            clock=clock,
        )  # not a reach message
        follow(session, sent[0].token, clock)  # firm 1: followed the link, applied, approved
        mark_read(session, sent[1], clock)  # firm 2: read it, went no further
        for firm, state in ((firms[0], "approved"), (firms[2], "submitted")):  # firm 3 applied without the link
            session.add(
                Application(
                    entity_pk=firm.id, benefit_id="x", period="2026", state=state, redemption="review", snapshot={}
                )
            )
    with db() as session:
        assert funnel.summary(session, "x") == {"notified": 3, "opened": 2, "viewed": 1, "applied": 1, "approved": 1}
        assert funnel.summary(session, "y") == dict.fromkeys(funnel.STAGES, 0)
        totals = funnel.totals(funnel.entity_stages(session)).row(0, named=True)
    assert totals["benefit_id"] == "x" and round(totals["reach_rate"], 4) == round(2 / 3, 4)
