"""A server process keeps its platform out of the garbage collector's full passes (app/memory.py): a full pass
over the ~450,000 objects of the compiled library took 0.3–0.5 s in the middle of a request and set the policy
page's p99 (BENCHMARKS.md, "Web on PostgreSQL with several server workers")."""

from __future__ import annotations

import gc
import itertools
import weakref
from collections.abc import Iterator

import pytest

from policyreach.app import memory


@pytest.fixture
def thawed() -> Iterator[None]:
    """Whatever a test freezes goes back to the collector afterwards: the test process is no server."""
    try:
        yield
    finally:
        gc.unfreeze()
        memory._frozen, memory._served = False, itertools.count(1)


def _tracked(obj: object) -> bool:
    """Whether a full collection would walk ``obj`` (it is in one of the collector's generations)."""
    return any(o is obj for o in gc.get_objects())


def test_settled_objects_are_out_of_every_collection(thawed) -> None:
    held = [{"n": i} for i in range(1000)]
    assert _tracked(held)
    memory.settle()
    assert gc.get_freeze_count() >= len(held) and not _tracked(held) and not _tracked(held[0])
    made_after = [{"n": 1}]
    assert _tracked(made_after)  # what requests make afterwards is still collected as usual


def test_what_the_first_requests_cached_is_frozen_after_them(thawed, monkeypatch) -> None:
    monkeypatch.setenv("POLICYREACH_GC_FREEZE_AFTER", "3")
    memory.settle()
    cached = [{"statement": 1}]  # what a first request builds and keeps (a compiled statement, a template)
    memory.served()
    memory.served()
    assert _tracked(cached)
    memory.served()
    assert not _tracked(cached)
    later = [{"n": 1}]
    for _ in range(5):
        memory.served()
    assert _tracked(later)  # once: later requests' objects stay with the collector


def test_the_setting_turns_it_off(thawed, monkeypatch) -> None:
    monkeypatch.setenv("POLICYREACH_GC_FREEZE", "0")
    held = [{"n": 1}]
    memory.settle()
    assert gc.get_freeze_count() == 0 and _tracked(held)


def test_a_rebound_library_is_frozen_and_the_old_one_collected(platform, thawed) -> None:
    memory.settle()
    old = weakref.ref(platform.matcher)
    assert not _tracked(platform.compiled)
    # what a new day (or a published version) does: the library compiled again and swapped in
    platform._bind(platform.library, platform.test_report)
    assert not _tracked(platform.compiled) and not _tracked(platform.matcher)  # the new one frozen too
    assert old() is None  # and the old one, frozen with the rest, was thawed and collected, not kept for ever


def test_a_process_that_never_settled_freezes_nothing(platform, thawed) -> None:
    platform._bind(platform.library, platform.test_report)  # the tests' and the command line's processes
    assert gc.get_freeze_count() == 0 and _tracked(platform.compiled)
