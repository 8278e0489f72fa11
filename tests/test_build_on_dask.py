"""A build whose documents are read on a Dask cluster (prefect-dask) gives the same dataset as a local one.

The cluster is a scheduler and two worker processes on loopback, started and stopped by the test.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import dask
import pytest
from distributed import LocalCluster

from govperf.cli import main
from tests.conftest import sample


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.parquet"))}


def test_a_build_on_a_dask_cluster_equals_the_local_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("seed001_changning_2020.pdf", "ys_2019_jiangsu_renda_tables.pdf", "seed004_hongshan_2019.pdf"):
        shutil.copy(sample(name), raw)
    (raw / "broken.pdf").write_text("<html>502 Bad Gateway</html>", encoding="utf-8")
    local, remote = tmp_path / "local" / "curated", tmp_path / "remote" / "curated"
    assert main(["-q", "build", "--raw", str(raw), "--out", str(local), "--workers", "1"]) == 0

    # workers that may start the per-document reader process (govperf's time and memory limits)
    with dask.config.set({"distributed.worker.daemon": False}), LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        assert main(["-q", "build", "--raw", str(raw), "--out", str(remote), "--dask", cluster.scheduler_address]) == 0
    printed = capsys.readouterr().out
    assert "read: 4 document(s), 0 from the cache" in printed
    assert _files(remote) == _files(local)
