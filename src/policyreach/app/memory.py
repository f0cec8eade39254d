"""Keep the garbage collector's full passes off the request path of a long-running server process.

A server process holds the compiled library, the single-entity matcher's plan and every imported module: about
450,000 objects that live as long as the process. CPython's full (oldest-generation) collection walks all of them,
0.3–0.5 s on this machine, and it runs in whichever request crosses the threshold: a p99 of ~285 ms while the median
page took 18 ms. Freezing them once built (``gc.freeze``) leaves the collector only what requests create. The first
requests build caches of their own that live as long (SQL statements compiled, templates, the driver's prepared
statements); a full pass over those still took 20–50 ms, so they are frozen once more after the first requests.
"""

from __future__ import annotations

import gc
import itertools

from policyreach import settings

_frozen = False
_served = itertools.count(1)  # next() is atomic under the GIL: requests in several threads count each once
_again_after = 0


def settle() -> None:
    """Once the platform is built: collect what building left behind, then freeze everything still alive."""
    global _frozen, _again_after
    if not settings.gc_freeze():
        return
    gc.collect()
    gc.freeze()
    _frozen = True
    _again_after = settings.gc_freeze_after()


def served() -> None:
    """Count a request served; at the ``POLICYREACH_GC_FREEZE_AFTER``-th, freeze what the first requests cached.

    What other requests hold at that moment is frozen with it: it is still freed when nothing refers to it, and only
    a cycle among those few requests' objects would stay (once, not per request)."""
    if _frozen and _again_after and next(_served) == _again_after:
        gc.collect()
        gc.freeze()


def resettle() -> None:
    """After the platform replaced what it holds (a library published or withdrawn, a new day's binding): the old
    library is frozen too, and a frozen object is never collected, so thaw, collect it once and freeze the new one.
    Nothing happens in a process that never settled (the tests, the command line's one-off jobs)."""
    if not _frozen:
        return
    gc.unfreeze()
    gc.collect()
    gc.freeze()
