"""Loaded into a worker process by the crash tests (POLICYREACH_JOB_MODULES=tests.push.crashpoint): at each crash
point named in POLICYREACH_TEST_CRASH_PLAN ("point=address,…") the worker kills itself with SIGKILL, once per entry
(a marker file in POLICYREACH_TEST_CRASH_DIR remembers it), as a power cut or the OOM killer would."""

from __future__ import annotations

import os
import signal
from pathlib import Path

from policyreach.push import notify

PLAN = {tuple(item.split("=", 1)) for item in os.environ.get("POLICYREACH_TEST_CRASH_PLAN", "").split(",") if item}
MARKS = Path(os.environ.get("POLICYREACH_TEST_CRASH_DIR", "."))


def _crash(point: str, address: str) -> None:
    if (point, address) not in PLAN:
        return
    mark = MARKS / f"{point}={address}"
    if mark.exists():
        return
    mark.write_text(str(os.getpid()))
    os.kill(os.getpid(), signal.SIGKILL)


notify.CHECKPOINTS.append(_crash)
