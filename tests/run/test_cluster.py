"""The Dask backend on a real LocalCluster (2 worker processes): same database as a
single-process run, also when a worker is killed mid-run."""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from communique.store.ingest_run import run_ingest
from tests.run.helpers import rows, write_articles

distributed = pytest.importorskip("distributed")
pytestmark = pytest.mark.slow  # a real LocalCluster: worker processes each load the model

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "communique" / "samples"


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
    with distributed.Client(cluster) as dask_client:
        yield dask_client
    cluster.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The inputs and the rows of a single-process ingest of them (the reference)."""
    folder = tmp_path_factory.mktemp("cluster") / "in"
    folder.mkdir()
    shutil.copytree(SAMPLES, folder / "samples")
    write_articles(folder / "small", 12)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    db = folder.parent / "reference.db"
    run_ingest([folder], db, workers=0, published="2024-04-09")
    return folder, rows(db)


def test_local_cluster_equals_single_process(client: Any, corpus: tuple[Path, Any],
                                             tmp_path: Path) -> None:
    from communique.run.dask_executor import DaskExecutor

    inputs, reference = corpus
    executor = DaskExecutor(client, published="2024-04-09")
    db = tmp_path / "cluster.db"
    summary = run_ingest([inputs], db, executor=executor, batch_size=2)
    assert summary.run.failed == 1  # the empty file, with its reason
    assert executor.shards >= 5
    assert rows(db) == reference


def test_worker_killed_mid_run_completes(client: Any, corpus: tuple[Path, Any],
                                         tmp_path: Path) -> None:
    from communique.run.dask_executor import DaskExecutor

    inputs, reference = corpus
    killed: list[int] = []

    def kill_one(shards: int) -> None:
        if shards == 2 and not killed:
            # SIGKILL one worker process while the others' shards are still running; its
            # Nanny restarts it and the scheduler re-runs its tasks.
            pids = client.run(os.getpid)
            pid = pids[sorted(pids)[0]]
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    executor = DaskExecutor(client, published="2024-04-09", on_shard=kill_one)
    db = tmp_path / "killed.db"
    summary = run_ingest([inputs], db, executor=executor, batch_size=2)
    assert killed, "no worker was killed"
    assert summary.run.failed == 1
    assert rows(db) == reference
