"""A policy version's steps are compare-and-set on the state, never check-then-act: a second officer who loaded the
version before the first one approved it cannot approve it again, and the audit log holds one approval."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from policyreach.redemption import policy_lifecycle
from policyreach.redemption.policy_lifecycle import LifecycleError
from policyreach.store.db import make_engine, migrate, sessions
from policyreach.store.models import AuditEntry, PolicyDraft


@pytest.fixture(scope="module")
def factory(tmp_path_factory):
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('versions') / 'versions.db'}")
    migrate(engine)
    yield sessions(engine)
    engine.dispose()


@pytest.fixture
def submitted(factory, monkeypatch) -> int:
    """A version its author submitted, waiting for a second officer; its id."""
    monkeypatch.setenv("POLICYREACH_AUDIT_KEY", "lifecycle-test-key")
    with factory() as session, session.begin():
        number = len(session.scalars(select(PolicyDraft.id)).all()) + 1
        version = PolicyDraft(
            file_name="p.yaml",
            policy_id="p",
            title="测试政策",
            department="长春市科学技术局",
            text="id: p",
            state="submitted",
            cases=1,
            uploaded_by="author",
            submitted_by="author",
            version=number,
        )
        session.add(version)
        session.flush()
        return version.id


def test_two_approvals_of_one_version_move_it_once(factory, submitted) -> None:
    first, second = factory(), factory()
    mine, theirs = first.get(PolicyDraft, submitted), second.get(PolicyDraft, submitted)
    assert mine.state == theirs.state == "submitted"  # both officers see a version waiting
    policy_lifecycle.approve(first, mine, "reviewer-a")
    first.commit()
    with pytest.raises(LifecycleError) as refused:
        policy_lifecycle.approve(second, theirs, "reviewer-b")
    assert refused.value.status == 409 and "已审批待发布" in refused.value.message
    second.rollback()
    with factory() as session:
        assert session.get(PolicyDraft, submitted).approved_by == "reviewer-a"
        subject = AuditEntry.subject == f"policy:p:v{mine.version}"
        assert session.scalars(select(AuditEntry.action).where(subject)).all() == ["policy.approve"]
    first.close()
    second.close()


def test_the_author_never_approves_and_a_return_needs_a_reason(factory, submitted) -> None:
    with factory() as session:
        version = session.get(PolicyDraft, submitted)
        with pytest.raises(LifecycleError) as own:
            policy_lifecycle.approve(session, version, "author")
        assert own.value.status == 403 and version.state == "submitted"
        with pytest.raises(LifecycleError) as bare:
            policy_lifecycle.send_back(session, version, "reviewer", "  ")
        assert bare.value.status == 400 and "理由" in bare.value.message
        policy_lifecycle.send_back(session, version, "reviewer", "补充用例")
        session.commit()
        assert (version.state, version.reason) == ("draft", "补充用例")
