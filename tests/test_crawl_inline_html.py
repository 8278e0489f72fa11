"""A site that publishes its report inline, as an HTML article: crawl, then build, ends as rows.

The detail page is the GBK portal page of tests/fixtures/formats (a project self-evaluation form as an
HTML table); the source keeps detail pages, so the crawl stores it as .html and the build reads it.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from crawl_fixtures import Resp, Site, running_site
from gold_matching import match

from fetch.manifest import Manifest

os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="govperf-prefect-home-"))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

PAGE = Path(__file__).resolve().parent / "fixtures" / "formats" / "tune" / "proj_mof_wan_qingxi_2023.html"
GOLD = PAGE.parent / "gold" / f"{PAGE.name}.gold.json"


@pytest.fixture
def site() -> Iterator[Site]:
    with running_site() as s:
        yield s


@pytest.fixture(scope="module")
def prefect_harness() -> Iterator[None]:
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=300):
        yield


def test_an_inline_html_report_ends_as_rows_after_crawl(prefect_harness: None, site: Site, tmp_path: Path) -> None:
    from flows.crawl import run_crawl

    site.routes["/zwgk/czyjs/index.html"] = Resp(body=(
        '<html><head><meta charset="utf-8"><title>财政预决算</title></head><body><ul>'
        '<li><a href="/zwgk/czyjs/202404/t20240415_88.html">2023年度项目支出绩效自评表</a></li>'
        "</ul></body></html>").encode())
    # served without a charset in the header: the page's <meta> says gb2312
    site.routes["/zwgk/czyjs/202404/t20240415_88.html"] = Resp(body=PAGE.read_bytes(), content_type="text/html")
    sources = tmp_path / "sources.yaml"
    sources.write_text(
        f"- name: inline\n  start_url: {site.url('/zwgk/czyjs/index.html')}\n  follow: ['/zwgk/czyjs/']\n"
        "  keep: ['/t\\d{8}_\\d+\\.html$']\n  delay_s: 0\n  timeout_s: 5\n", encoding="utf-8")
    raw, out = tmp_path / "raw", tmp_path / "curated"
    assert run_crawl(sources, raw, build=True, out=out) == 0
    (row,) = [r for r in Manifest(raw).rows if r.outcome == "new"]
    assert row.path is not None and row.path.endswith(".html")

    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    docs = pd.read_parquet(out / "documents")
    (doc,) = docs.to_dict("records")
    assert doc["doc_id"] == gold["sha256"] and doc["file_type"] == "html"
    assert doc["source_url"] == site.url("/zwgk/czyjs/202404/t20240415_88.html")
    assert (doc["publisher"], doc["published_date"]) == (gold["portal"]["publisher"], gold["portal"]["published_date"])
    assert int(doc["fiscal_year"]) == gold["doc"]["fiscal_year"]
    indicators = pd.read_parquet(out / "indicators").to_dict("records")
    budgets = pd.read_parquet(out / "budgets").to_dict("records")
    assert match("indicators", gold["indicators"], indicators) >= len(gold["indicators"]) / 2
    assert match("budgets", gold["budgets"], budgets) >= len(gold["budgets"]) / 2
    assert {r["page"] for r in indicators} == {1}
