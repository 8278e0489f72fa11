"""The quality report: a self-contained page with every plot drawn from data; attached to the flow run."""

from __future__ import annotations

import re
from pathlib import Path

from dataset.report import PLOTS
from govperf.cli import main


def _check_report(page: str) -> None:
    for name in PLOTS:
        m = re.search(rf'<figure data-plot="{name}" data-points="(\d+)">.*?(<svg.*?</svg>)', page, re.S)
        assert m, f"plot {name} is missing"
        assert int(m.group(1)) > 0, f"plot {name} has no data"
        assert "<path" in m.group(2) or "<use" in m.group(2), f"plot {name} draws nothing"
    # nothing to fetch: no external script, stylesheet or image
    assert not re.search(r'(src|href)="(https?:)?//', page)
    for heading in ("Documents by kind, year and region", "Pages read and how", "Issues by rule and agency",
                    "Identity checks held", "Execution rates", "Scores",
                    "Indicator names that map to one canonical name"):
        assert heading in page


def test_the_build_writes_the_report_into_its_snapshot(built: dict[str, object]) -> None:
    out = Path(str(built["out"]))
    page = (out.resolve() / "report.html").read_text(encoding="utf-8")
    _check_report(page)
    assert "武汉市公安局青山区交通大队" in page  # the execution table lists the units


def test_the_report_command_writes_the_page(built: dict[str, object], tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    assert main(["-q", "report", "--curated", str(built["out"]), "-o", str(target)]) == 0
    _check_report(target.read_text(encoding="utf-8"))
    assert main(["-q", "report", "--curated", str(tmp_path / "none"), "-o", str(target)]) == 2


def test_the_flow_run_has_the_summary_and_the_report_link(built: dict[str, object]) -> None:
    arts = {a["key"]: a for a in built["artifacts"]}  # type: ignore[attr-defined]
    assert arts["build-summary"]["type"] == "markdown"
    assert "| budgets |" in str(arts["build-summary"]["data"])
    link = str(arts["quality-report"]["data"])  # Prefect stores a link artifact as markdown: [text](link)
    assert "report.html" in link and "file://" in link
