"""A session's cookie opens its own account only while the server-side row is live (``accounts.live_account``, asked
by every request in one query with the account, its agent and its entity)."""

from __future__ import annotations

import time

from sqlalchemy import select

from policyreach.app.accounts import _digest, close_session, live_account, open_session
from policyreach.store.models import Account, AuthSession


def test_a_session_opens_its_own_account_only_while_its_row_is_live(platform) -> None:
    with platform.sessions() as session:
        firm, other = session.scalars(select(Account).where(Account.entity_pk.is_not(None)).limit(2)).all()
        secret = open_session(session, firm.id, "web", 3600)
        session.commit()
        found = live_account(session, secret, firm.id)
        assert found is not None and found[1].id == firm.id and found[1].entity is not None
        assert live_account(session, secret, other.id) is None  # a cookie naming another account with this secret
        assert live_account(session, "not-a-secret", firm.id) is None and live_account(session, None, firm.id) is None
        row = session.get(AuthSession, _digest(secret))
        assert row is not None
        row.expires_at = time.time() - 1  # expired: as good as ended, whatever the cookie says
        session.commit()
        assert live_account(session, secret, firm.id) is None
        row.expires_at = time.time() + 3600
        session.commit()
        assert live_account(session, secret, firm.id) is not None
        close_session(session, secret)
        session.commit()
        assert live_account(session, secret, firm.id) is None  # logged out: the row is gone
