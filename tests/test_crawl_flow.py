"""The ``crawl`` flow and ``run_crawl`` (Prefect test harness, one per module)."""

from __future__ import annotations

import os
import sys
import tempfile
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from crawl_fixtures import (
    Resp,
    Site,
    build_report_site,
    pdf_bytes,
    report_sources_yaml,
    running_site,
)

from fetch.manifest import Manifest

os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="govperf-prefect-home-"))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def site() -> Iterator[Site]:
    with running_site() as s:
        yield s


SAMPLE_PDF = REPO / "data" / "raw" / "samples" / "seed000_qingshan_2020.pdf"


@pytest.fixture(scope="module")
def prefect_harness() -> Iterator[None]:
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=300):
        yield


@pytest.fixture
def fake_build(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Stand-in for ``flows.build`` recording how it is called."""
    calls: list[dict[str, Any]] = []

    def run_build(raw: Path, out: Path, progress: bool = True) -> int:
        calls.append({"raw": raw, "out": out, "files": sorted(p.name for p in (raw / "testsite").iterdir())})
        return 0

    module = types.ModuleType("flows.build")
    module.run_build = run_build  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "flows.build", module)
    return calls


def test_run_crawl_rejects_a_bad_sources_file(tmp_path: Path) -> None:
    from flows.crawl import run_crawl

    bad = tmp_path / "sources.yaml"
    bad.write_text("- name: x\n  start_url: ftp://nope\n", encoding="utf-8")
    assert run_crawl(bad, tmp_path / "raw", build=False) == 2
    assert run_crawl(tmp_path / "missing.yaml", tmp_path / "raw", build=False) == 2
    assert not (tmp_path / "raw").exists()


def test_run_crawl_builds_only_when_something_is_new(
    prefect_harness: None, site: Site, tmp_path: Path, fake_build: list[dict[str, Any]]
) -> None:
    from flows.crawl import run_crawl

    build_report_site(site)
    site.routes["/files/slow.pdf"] = Resp(body=pdf_bytes("slow"), content_type="application/pdf")
    site.routes["/files/trunc.pdf"] = Resp(body=pdf_bytes("trunc"), content_type="application/pdf")
    sources = report_sources_yaml(site, tmp_path / "sources.yaml")
    raw, out = tmp_path / "raw", tmp_path / "curated"
    assert run_crawl(sources, raw, build=True, out=out) == 0
    assert len(fake_build) == 1
    assert fake_build[0]["raw"] == raw and fake_build[0]["out"] == out
    stored = {r.path.split("/")[-1] for r in Manifest(raw).rows if r.outcome == "new" and r.path}
    assert set(fake_build[0]["files"]) == stored  # the build saw every file the crawl stored

    assert run_crawl(sources, raw, build=True, out=out) == 0  # nothing changed: no build
    assert len(fake_build) == 1


def test_flow_keeps_going_when_a_source_is_down_and_no_build_means_no_build(
    prefect_harness: None, site: Site, tmp_path: Path, fake_build: list[dict[str, Any]]
) -> None:
    from flows.crawl import crawl

    build_report_site(site)
    sources = report_sources_yaml(
        site,
        tmp_path / "sources.yaml",
        extra="- name: down\n  start_url: http://127.0.0.1:9/list/\n  delay_s: 0\n  timeout_s: 0.5\n",
    )
    summary = crawl(sources=str(sources), raw=str(tmp_path / "raw"), build=False, backoff_s=0.01)
    by_name = {s["source"]: s for s in summary["sources"]}
    assert by_name["testsite"]["files_new"] == 7
    assert by_name["down"]["pages_failed"] == 1
    assert summary["built"] is False and fake_build == []


@pytest.mark.skipif(not SAMPLE_PDF.exists(), reason="sample PDF missing")
def test_build_picks_up_what_was_fetched(prefect_harness: None, site: Site, tmp_path: Path) -> None:
    from flows.crawl import run_crawl

    site.routes["/list/"] = Resp(body='<title>预算公开</title><a href="/qingshan.pdf">青山区2020年预算</a>'.encode())
    site.routes["/qingshan.pdf"] = Resp(body=SAMPLE_PDF.read_bytes(), content_type="application/pdf")
    sources = tmp_path / "sources.yaml"
    sources.write_text(f"- name: local\n  start_url: {site.url('/list/')}\n  delay_s: 0\n", encoding="utf-8")
    raw, out = tmp_path / "raw", tmp_path / "curated"
    assert run_crawl(sources, raw, build=True, out=out) == 0
    (row,) = Manifest(raw).rows
    assert row.outcome == "new" and (raw / row.path).read_bytes() == SAMPLE_PDF.read_bytes()  # type: ignore[operator]
    docs = pd.read_parquet(out / "documents")
    assert len(docs) == 1
    assert docs.iloc[0]["source_url"] == site.url("/qingshan.pdf")
    assert docs.iloc[0]["doc_id"] == row.sha256


def test_a_crawl_in_which_every_source_fails_is_a_failed_run(
    prefect_harness: None, tmp_path: Path, fake_build: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    """Nothing listening on the sources' port: the flow run ends Failed, the command exits 1, one closing line."""
    from flows.crawl import crawl, run_crawl

    sources = tmp_path / "sources.yaml"
    sources.write_text(
        "".join(f"- name: down{i}\n  start_url: http://127.0.0.1:9/list{i}/\n  delay_s: 0\n  timeout_s: 0.5\n"
                f"  retries: 0\n" for i in range(3)),
        encoding="utf-8",
    )
    state = crawl(sources=str(sources), raw=str(tmp_path / "raw"), build=True, backoff_s=0.01, return_state=True)
    assert state.is_failed()
    capsys.readouterr()
    assert run_crawl(sources, tmp_path / "raw", build=True, out=tmp_path / "curated") == 1
    # each source's failure is a WARNING log line (Prefect's console shows them when logging is set up
    # at WARNING, as it is when this test runs alone); govperf's own closing line is one line
    err = capsys.readouterr().err.strip().splitlines()
    closing = [ln for ln in err if ln.startswith("govperf crawl:")]
    assert len(closing) == 1 and "3 of 3 sources failed: down0 (" in closing[0]
    assert fake_build == []


def test_a_crawl_with_one_source_down_still_succeeds_and_says_which_failed(
    prefect_harness: None, site: Site, tmp_path: Path, fake_build: list[dict[str, Any]]
) -> None:
    from flows.crawl import crawl

    build_report_site(site)
    sources = report_sources_yaml(
        site, tmp_path / "sources.yaml",
        extra="- name: down\n  start_url: http://127.0.0.1:9/list/\n  delay_s: 0\n  timeout_s: 0.5\n  retries: 0\n",
    )
    summary = crawl(sources=str(sources), raw=str(tmp_path / "raw"), build=False, backoff_s=0.01)
    assert summary["closing"].startswith("1 of 2 sources failed: down (")
