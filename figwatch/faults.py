"""Named crash points, so the kill tests can SIGKILL a real run at an exact step.

Inert unless FIGWATCH_CRASH_AT names the point; then the process kills itself with SIGKILL
(no cleanup, no `finally`), the way a power cut or an OOM kill would.
"""
from __future__ import annotations

import os
import signal

CRASH_ENV = "FIGWATCH_CRASH_AT"


def crash_point(name: str) -> None:
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
