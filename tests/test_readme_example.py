"""The README's example output is what `make run` prints: a real build of the shipped samples."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from govperf.cli import main
from tests.conftest import SAMPLES

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from readme_example import README, normalized, readme_summary


def test_the_readme_example_is_the_summary_of_a_real_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-q", "build", "--raw", str(SAMPLES), "--out", str(tmp_path / "curated")]) == 0
    printed = normalized(capsys.readouterr().out)
    assert readme_summary(README.read_text(encoding="utf-8")) == printed, (
        "README.md's example differs from a real run: regenerate it with scripts/readme_example.py"
    )
