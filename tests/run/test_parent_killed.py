"""Worker processes exit when the ingest that started them is killed (``kill -9``): none
is left running, while it loads the pipeline or while it works on a batch.

The ingest runs in its own process group (``start_new_session``); multiprocessing's
workers and its resource tracker inherit that group, so after the kill every process of
the group must end. The time allowed is a hang bound, not a speed goal.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.run.helpers import write_articles
from tests.store.test_kill import _committed, _env

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(),
                                reason="reads the process table from /proc (Linux)")

# Longer than any batch of the short test articles on a loaded machine; a worker that
# outlives it is stuck, not slow.
_HANG_BOUND = 120.0


def _group(pgid: int) -> dict[int, str]:
    """Live processes of the process group ``pgid`` (zombies excluded): pid -> command."""
    found: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue  # ended while we looked
        # The command name is in parentheses and may hold spaces: fields follow the last ')'.
        state, _, group = stat.rpartition(")")[2].split()[:3]
        if int(group) == pgid and state not in ("Z", "X"):
            found[int(entry.name)] = command
    return found


def _workers(pgid: int) -> list[int]:
    return [pid for pid, command in _group(pgid).items() if "spawn_main" in command]


@pytest.mark.slow
@pytest.mark.parametrize("phase", ["loading", "working"])
def test_workers_exit_when_the_ingest_is_killed(tmp_path: Path, phase: str) -> None:
    inputs = tmp_path / "in"
    write_articles(inputs, 60)
    db = tmp_path / "c.db"
    command = [sys.executable, "-c", "from communique.cli import main; raise SystemExit(main())",
               "ingest", str(inputs), "--db", str(db), "--published", "2024-04-09",
               "--workers", "2", "--batch-size", "2"]
    process = subprocess.Popen(command, env=_env(), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    pgid = process.pid
    try:
        deadline = time.monotonic() + 240
        while process.poll() is None and time.monotonic() < deadline:
            if len(_workers(pgid)) == 2 and (phase == "loading" or _committed(db) >= 2):
                break
            time.sleep(0.02)
        assert process.poll() is None, "the ingest ended before it could be killed"
        assert len(_workers(pgid)) == 2, "no worker processes to watch"
        if phase == "loading":
            assert _committed(db) == 0, "the workers had already loaded"
        os.kill(pgid, signal.SIGKILL)
        process.wait(timeout=30)
        deadline = time.monotonic() + _HANG_BOUND
        while _group(pgid) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = _group(pgid)
        assert not left, f"processes left running after the ingest was killed: {left}"
    finally:
        for pid in _group(pgid):  # never leave our own strays behind a failed test
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
