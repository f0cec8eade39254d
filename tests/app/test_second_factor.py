"""The second factor and the password policy on a real SQLite file migrated to head: TOTP window and replay,
recovery codes spent once, the administrator's reset, the policy's rules, the password history and the gate."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pyotp
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from policyreach.app import accounts, passwords, second_factor
from policyreach.app.authority import Assurance, Decision, gate
from policyreach.store.db import make_engine, migrate, sessions
from policyreach.store.models import Account, AuthSession, RecoveryCode

STRONG = "Strong-Pass-2026"


@pytest.fixture(scope="module")
def factory(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    engine = make_engine(f"sqlite:///{Path(tmp_path_factory.mktemp('factor')) / 'db.sqlite'}")
    migrate(engine)
    yield sessions(engine)
    engine.dispose()


@pytest.fixture
def session(factory) -> Iterator[Session]:  # type: ignore[no-untyped-def]
    with factory() as s:
        yield s


def _account(session: Session, name: str, role: str = "officer") -> Account:
    made = accounts.create_account(session, name, STRONG, role=role, department="长春市科学技术局")
    session.commit()
    return made


def _enrolled(session: Session, name: str, now: float) -> tuple[Account, list[str]]:
    user = _account(session, name)
    secret = second_factor.pending_secret(user)
    codes = second_factor.confirm(session, user, pyotp.TOTP(secret).at(now), now)
    session.commit()
    return user, codes


def test_a_code_is_accepted_one_step_either_side_and_not_further(session: Session) -> None:
    now = 1_800_000_015.0  # inside a step, away from its edges
    user, _ = _enrolled(session, "window", now - 300)
    totp = pyotp.TOTP(user.totp_secret)
    assert not second_factor.verify(session, user, totp.at(now - 60), now)  # two steps back
    assert not second_factor.verify(session, user, totp.at(now + 60), now)  # two steps ahead
    assert second_factor.verify(session, user, totp.at(now - 30), now)  # the step before: a slow clock
    assert second_factor.verify(session, user, totp.at(now + 30), now)  # the step after: a fast clock
    assert not second_factor.verify(session, user, "12345", now) and not second_factor.verify(session, user, "", now)


def test_a_used_code_is_never_accepted_again(session: Session) -> None:
    now = 1_800_000_615.0
    user, _ = _enrolled(session, "replay", now - 300)
    code = pyotp.TOTP(user.totp_secret).at(now)
    assert second_factor.verify(session, user, code, now)
    session.commit()
    assert not second_factor.verify(session, user, code, now)  # the same code, at once
    assert not second_factor.verify(session, user, code, now + 25)  # still inside its window
    earlier = pyotp.TOTP(user.totp_secret).at(now - 30)
    assert not second_factor.verify(session, user, earlier, now)  # an older step than the one used: refused too
    session.commit()
    with session.get_bind().connect() as other:  # another process reads the same step as used
        assert other.scalar(select(Account.totp_last_step).where(Account.id == user.id)) == int(now // 30)


def test_recovery_codes_are_stored_hashed_and_each_opens_one_sign_in(session: Session) -> None:
    now = 1_800_001_215.0
    user, codes = _enrolled(session, "recovery", now)
    assert len(codes) == 10 and len(set(codes)) == 10
    stored = set(session.scalars(select(RecoveryCode.digest).where(RecoveryCode.account_id == user.id)))
    assert len(stored) == 10 and not {c.replace("-", "") for c in codes} & stored  # digests, not the codes
    assert second_factor.verify(session, user, codes[3].lower(), now)  # typed in lower case, still the code
    session.commit()
    assert not second_factor.verify(session, user, codes[3], now)  # spent
    assert second_factor.remaining_codes(session, user) == 9
    other = _account(session, "recovery-other")
    second_factor.confirm(session, other, pyotp.TOTP(second_factor.pending_secret(other)).at(now), now)
    assert not second_factor.verify(session, other, codes[4], now)  # another account's code opens nothing


def test_enrolment_needs_a_right_code_and_a_reset_removes_everything(session: Session) -> None:
    now = 1_800_001_815.0
    user = _account(session, "enrol")
    secret = second_factor.pending_secret(user)
    assert second_factor.pending_secret(user) == secret  # a reload shows the same secret
    with pytest.raises(second_factor.SecondFactorError, match="动态验证码不正确"):
        second_factor.confirm(session, user, "000000" if pyotp.TOTP(secret).at(now) != "000000" else "111111", now)
    assert user.totp_secret is None
    second_factor.confirm(session, user, pyotp.TOTP(secret).at(now), now)
    accounts.open_session(session, user.id, "web", 3600, second_factor=True)
    session.commit()
    second_factor.reset(session, user)
    session.commit()
    assert user.totp_secret is None and user.totp_pending is None and user.totp_last_step is None
    assert not session.scalar(select(RecoveryCode.id).where(RecoveryCode.account_id == user.id))
    assert not session.scalar(select(AuthSession.id).where(AuthSession.account_id == user.id))


@pytest.mark.parametrize(
    ("password", "username", "rule"),
    [
        ("Short-1a", "zhang", "至少 12 位（现为 8 位）"),
        ("alllowercaseletters", "zhang", "至少 3 类（现有：小写字母）"),
        ("lowercase-and-symbols", "zhang", "至少 3 类（现有：小写字母、符号）"),
        ("Zhangsan-Pass-2026", "zhangsan", "不能包含用户名"),
        ("x" * 120 + "Aa1-" * 3, "zhang", "不能超过 128 位"),
    ],
)
def test_the_policy_names_the_rule_broken(password: str, username: str, rule: str) -> None:
    with pytest.raises(passwords.PasswordRefused, match=re.escape(rule)):
        passwords.check(password, username)


@pytest.mark.parametrize("password", ["Strong-Pass-2026", "strongpass2026!", "STRONG PASS 2026", "长春政策通Pass2026"])
def test_the_policy_accepts_three_classes_of_twelve(password: str) -> None:
    passwords.check(password, "zhang")


def test_the_last_five_passwords_do_not_come_back(session: Session) -> None:
    user = _account(session, "history", role="admin")
    used = [STRONG] + [f"Rotation-{n}-Pass!" for n in range(6)]
    current = STRONG
    for new in used[1:]:
        accounts.change_password(session, user, current, new, new)
        current = new
    session.commit()
    # the current one and the five before it are refused; the one before those may come back
    for old in used[-6:]:
        with pytest.raises(passwords.PasswordRefused, match="最近 5 次"):
            accounts.change_password(session, user, current, old, old)
    accounts.change_password(session, user, current, used[0], used[0])


def test_an_administrator_set_password_must_be_changed(session: Session) -> None:
    user = _account(session, "forced", role="admin")
    accounts.set_by_administrator(session, user, "Temporary-Pass-9")
    assert user.must_change_password
    with pytest.raises(passwords.PasswordRefused):
        accounts.set_by_administrator(session, user, "weak")
    accounts.change_password(session, user, "Temporary-Pass-9", "Chosen-By-Me-77", "Chosen-By-Me-77")
    assert not user.must_change_password


def test_the_gate() -> None:
    def sign_in(**kw: bool) -> Assurance:
        given = {"second_factor": False, "enrolled": False, "must_change_password": False, "required": True}
        return Assurance(**{**given, **kw})

    assert gate("officer", "console.read", sign_in()) is Decision.ENROL
    assert gate("finance", "fund.read", sign_in()) is Decision.ENROL
    assert gate("officer", "account.secure", sign_in()) is None  # enrolling, changing the password, signing out
    assert gate("officer", "console.read", sign_in(enrolled=True)) is None
    assert gate("officer", "application.approve", sign_in(enrolled=True)) is Decision.STEP_UP
    assert gate("officer", "application.approve", sign_in(enrolled=True, second_factor=True)) is None
    assert gate("enterprise", "portal.use", sign_in()) is None  # a firm may turn it on, need not
    assert gate("officer", "disbursement.create", sign_in(required=False)) is None  # the demo's choice
    assert gate("officer", "disbursement.create", sign_in(required=False, enrolled=True)) is Decision.STEP_UP
    assert gate("enterprise", "portal.use", sign_in(must_change_password=True)) is Decision.CHANGE_PASSWORD
    assert gate("enterprise", "account.secure", sign_in(must_change_password=True)) is None


def test_time_is_the_clock_the_app_uses() -> None:
    # a code made now is accepted now: the module reads the same clock as pyotp
    secret = pyotp.random_base32()
    assert second_factor.matching_step(secret, pyotp.TOTP(secret).now(), time.time()) is not None


def test_one_code_sent_twice_at_once_opens_one_sign_in_on_postgresql(postgres_database) -> None:  # type: ignore[no-untyped-def]
    """Two processes check the same code at the same moment: the compare-and-set on the last step lets one through
    (PostgreSQL, where the two transactions really overlap)."""
    import threading

    engine = make_engine(postgres_database("second_factor"))
    try:
        migrate(engine)
        factory = sessions(engine)
        now = time.time()
        with factory() as session:
            user, _ = _enrolled(session, "race", now - 120)
            account_id, code = user.id, pyotp.TOTP(user.totp_secret).at(now)
        barrier, results = threading.Barrier(2), []

        def attempt() -> None:
            with factory() as session:
                account = session.get(Account, account_id)
                assert account is not None and account.totp_secret is not None  # read before the other writes
                barrier.wait()
                results.append(second_factor.verify(session, account, code, now))
                session.commit()

        threads = [threading.Thread(target=attempt) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(results) == [False, True]
    finally:
        engine.dispose()
