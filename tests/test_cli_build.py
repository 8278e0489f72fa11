"""`govperf build` from the command line: exit 0 with a summary; 2 when it refuses before doing anything."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from govperf.cli import main
from tests.conftest import sample


def test_build_writes_and_summarizes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(sample("seed000_qingshan_2020.pdf"), raw)
    (raw / "broken.pdf").write_text("<html>502 Bad Gateway</html>", encoding="utf-8")
    out = tmp_path / "anywhere" / "curated"
    assert main(["build", "--raw", str(raw), "--out", str(out), "--quiet"]) == 0
    printed = capsys.readouterr().out
    assert "documents: 2 (failed 1, " in printed
    assert "issues found:" in printed
    assert len(pd.read_parquet(out / "documents")) == 2


def test_an_output_that_is_a_file_is_refused_before_reading(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(sample("seed000_qingshan_2020.pdf"), raw)
    out = tmp_path / "a_file"
    out.write_text("not a folder")
    assert main(["build", "--raw", str(raw), "--out", str(out), "--quiet"]) == 2
    assert out.read_text() == "not a folder"


def test_a_second_run_waits_for_the_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two builds sharing one PREFECT_HOME would corrupt its SQLite state: the second waits."""
    import fcntl
    import threading

    from govperf.cli import _one_run_at_a_time

    monkeypatch.setenv("PREFECT_HOME", str(tmp_path))
    entered = threading.Event()

    def second() -> None:
        with _one_run_at_a_time():
            entered.set()

    with _one_run_at_a_time():
        t = threading.Thread(target=second)
        t.start()
        assert not entered.wait(0.5)
    assert entered.wait(5)
    t.join()
    with (tmp_path / "govperf.lock").open("w") as f:
        fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)  # released after both
