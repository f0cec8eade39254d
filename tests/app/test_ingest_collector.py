"""A batch pauses Python's cycle collector (app/ingest.py, ``_no_cycle_collection``): paused while any batch of the
server's pool runs, resumed when the last one is done, also when a batch fails."""

from __future__ import annotations

import gc
import threading

import pytest

from policyreach.app import ingest


def test_the_collector_resumes_only_when_the_last_batch_is_done() -> None:
    assert gc.isenabled()
    inside, leave = threading.Event(), threading.Event()

    def batch() -> None:
        with ingest._no_cycle_collection():
            inside.set()
            leave.wait(10)

    other = threading.Thread(target=batch)
    other.start()
    assert inside.wait(10)
    with ingest._no_cycle_collection():
        assert not gc.isenabled()
    assert not gc.isenabled()  # the other batch still runs
    leave.set()
    other.join(10)
    assert gc.isenabled()


def test_a_failing_batch_resumes_the_collector() -> None:
    with pytest.raises(RuntimeError), ingest._no_cycle_collection():
        raise RuntimeError("refused")
    assert gc.isenabled()
