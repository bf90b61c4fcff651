"""The `figwatch` console script as a user runs it: a real process, its output and exit status."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

FIGWATCH = str(Path(sys.executable).with_name("figwatch"))


def figwatch(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([FIGWATCH, *args], capture_output=True, text=True, env=full_env, cwd=cwd, timeout=240)


def error_lines(done: subprocess.CompletedProcess) -> list[str]:
    """stderr's lines, after checking that none of them is a traceback."""
    assert "Traceback" not in done.stderr, done.stderr
    return done.stderr.strip().splitlines()
