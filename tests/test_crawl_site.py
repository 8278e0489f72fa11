"""End-to-end crawls of the local test site (no Prefect): what is stored, what the manifest says."""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from crawl_fixtures import (
    CHINESE_FILE_QUOTED,
    Resp,
    Site,
    build_report_site,
    pdf_bytes,
    report_sources_yaml,
    running_site,
)

from fetch.crawler import CrawlStats, crawl_source
from fetch.manifest import Manifest, ManifestRow
from fetch.sources import load_sources

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def site() -> Iterator[Site]:
    with running_site() as s:
        yield s


def _crawl(site: Site, tmp_path: Path) -> CrawlStats:
    (source,) = load_sources(report_sources_yaml(site, tmp_path / "sources.yaml"))
    return crawl_source(source, tmp_path / "raw", backoff_s=0.01)


def _latest(raw: Path) -> dict[str, ManifestRow]:
    m = Manifest(raw)
    return {r.url: r for r in m.rows}


def _stored_files(raw: Path, source: str = "testsite") -> list[str]:
    folder = raw / source
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_first_crawl_stores_reports_and_records_every_fault(site: Site, tmp_path: Path) -> None:
    build_report_site(site)
    raw = tmp_path / "raw"
    stats = _crawl(site, tmp_path)
    u = site.url
    rows = _latest(raw)

    # pagination (下一页, a GBK page) and relative/absolute links were all walked
    for page in (
        "/list/index.html",
        "/list/index_1.html",
        "/detail/a.html",
        "/detail/b.html",
        "/detail/c.html",
    ):
        assert site.statuses(page) == [200], page
    assert stats.pages == 5 and stats.pages_failed == 0

    # stored: new files, each once, under raw/<source>/, with a complete manifest row
    new = {url: r for url, r in rows.items() if r.outcome == "new"}
    assert set(new) == {
        u("/files/a.pdf"),
        u("/files/b.pdf"),
        u("/files/noval.pdf"),
        u("/files/table.xls"),
        u(CHINESE_FILE_QUOTED),
        u("/files/flaky.pdf"),
        u("/download.jsp?id=7"),
    }
    for url, row in new.items():
        assert row.path and (raw / row.path).is_file()
        data = (raw / row.path).read_bytes()
        assert len(data) == row.bytes
        assert row.sha256 and len(row.sha256) == 64
        assert row.status == 200 and row.final_url == url and row.fetched_at
        assert row.path.startswith("testsite/")
    assert len(_stored_files(raw)) == len(new)  # nothing else: no temp files, no rejected files

    a = rows[u("/files/a.pdf")]
    assert a.title == "2024年部门预算公开" and a.link_text == "2024年部门预算.pdf"
    assert a.listing_url == u("/detail/a.html") and a.etag and a.content_type == "application/pdf"
    assert rows[u("/files/b.pdf")].last_modified and not rows[u("/files/b.pdf")].etag
    assert rows[u("/files/table.xls")].path.endswith(".xls")  # type: ignore[union-attr]
    jsp = rows[u("/download.jsp?id=7")]
    assert jsp.path == f"testsite/绩效自评-{jsp.sha256[:12]}.pdf"  # type: ignore[index]
    assert jsp.title == "绩效自评报告"  # GBK detail page decoded
    chinese = rows[u(CHINESE_FILE_QUOTED)]
    assert "%20" in chinese.url and chinese.title == "部门预决算公开 第二页"  # GBK listing decoded
    assert chinese.link_text == "2024年 部门预算（附件）"

    # /files/a.pdf is linked twice but fetched once; b-copy has b's bytes: not stored twice
    assert site.statuses("/files/a.pdf") == [200]
    dup = rows[u("/files/b-copy.pdf")]
    assert dup.outcome == "duplicate" and dup.path == rows[u("/files/b.pdf")].path
    assert dup.sha256 == rows[u("/files/b.pdf")].sha256

    # the 500 recovered on retry
    assert site.statuses("/files/flaky.pdf") == [500, 200]

    # robots.txt: the disallowed path was never requested, and that is recorded
    assert site.hits_for("/private/secret.pdf") == []
    assert rows[u("/private/secret.pdf")].reason == "disallowed by robots.txt"
    assert site.statuses("/robots.txt") == [200]

    # faults: one row each with the reason; none of them stored anything
    def fault(path: str) -> ManifestRow:
        row = rows[u(path)]
        assert row.outcome in ("error", "rejected") and row.path is None, (path, row)
        assert row.reason
        return row

    assert fault("/files/missing.pdf").status == 404
    assert fault("/files/missing.pdf").reason == "http 404"
    slow = fault("/files/slow.pdf")
    assert slow.reason.startswith("timeout") and slow.attempts == 3  # type: ignore[union-attr]
    assert len(site.hits_for("/files/slow.pdf")) == 3  # retried with back-off, then gave up
    assert "redirect loop" in fault("/loop/a.pdf").reason  # type: ignore[operator]
    fake = fault("/files/fake.pdf")
    assert fake.outcome == "rejected" and "HTML" in fake.reason and fake.sha256  # type: ignore[operator]
    assert "truncated" in fault("/files/trunc.pdf").reason  # type: ignore[operator]
    assert site.statuses("/files/trunc.pdf") == [200]  # not retried within the run
    moved = fault("/files/moved.pdf")
    assert "refused" in moved.reason and "localhost" in moved.reason  # type: ignore[operator]
    assert "too large" in fault("/files/huge.pdf").reason  # type: ignore[operator]

    assert stats.files_new == len(new) and stats.files_duplicate == 1 and stats.files_rejected == 1
    assert stats.files_failed == 7  # secret, missing, slow, loop, trunc, moved, huge

    # the manifest is valid JSON lines, one row per event
    lines = (raw / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    assert all(json.loads(line)["source"] == "testsite" for line in lines)
    assert len(lines) == len(rows)


def test_second_crawl_downloads_only_what_changed(site: Site, tmp_path: Path) -> None:
    build_report_site(site)
    raw = tmp_path / "raw"
    _crawl(site, tmp_path)
    rows_before = len(Manifest(raw).rows)
    files_before = set(_stored_files(raw))

    # between runs: a.pdf changes, the slow server gets fast
    site.routes["/files/a.pdf"] = Resp(body=pdf_bytes("a v2"), content_type="application/pdf")
    site.routes["/files/slow.pdf"] = Resp(body=pdf_bytes("slow"), content_type="application/pdf")
    site.reset_log()
    stats = _crawl(site, tmp_path)
    u = site.url

    # conditional requests: unchanged files answer 304 and are not downloaded
    for path in (
        "/files/b.pdf",
        "/files/b-copy.pdf",
        "/files/table.xls",
        CHINESE_FILE_QUOTED,
        "/files/flaky.pdf",
        "/download.jsp?id=7",
    ):
        assert site.statuses(path) == [304], path
    b_headers = site.hits_for("/files/b.pdf")[0].headers
    assert "if-modified-since" in b_headers and "if-none-match" not in b_headers
    assert "if-none-match" in site.hits_for("/files/table.xls")[0].headers
    # the changed file is downloaded again; a server without validators costs a download
    assert site.statuses("/files/a.pdf") == [200]
    assert site.statuses("/files/noval.pdf") == [200]
    # failures are retried
    assert site.statuses("/files/trunc.pdf") == [200]
    assert site.statuses("/files/slow.pdf") == [200]
    assert site.statuses("/files/missing.pdf") == [404]
    downloads = [h for h in site.hits if h.path.startswith("/files/") and h.status == 200]
    assert sorted(h.path for h in downloads) == sorted(
        [
            "/files/a.pdf",
            "/files/noval.pdf",
            "/files/trunc.pdf",
            "/files/slow.pdf",
            "/files/fake.pdf",
            "/files/huge.pdf",
        ]
    )

    m = Manifest(raw)
    new_rows = m.rows[rows_before:]
    by_url = {r.url: r for r in new_rows}
    assert by_url[u("/files/a.pdf")].outcome == "new"
    old_a = next(r for r in m.rows[:rows_before] if r.url == u("/files/a.pdf"))
    assert by_url[u("/files/a.pdf")].supersedes == old_a.sha256
    assert by_url[u("/files/trunc.pdf")].outcome == "new"
    assert by_url[u("/files/slow.pdf")].outcome == "new"
    # unchanged, healthy URLs and failures in the same state add no rows
    assert set(by_url) == {u("/files/a.pdf"), u("/files/trunc.pdf"), u("/files/slow.pdf")}
    assert stats.files_new == 3 and stats.files_unchanged == 7
    # the old version of a.pdf is kept; three new files
    assert files_before < set(_stored_files(raw)) and len(_stored_files(raw)) == len(files_before) + 3

    # third run: nothing new at all
    site.reset_log()
    stats3 = _crawl(site, tmp_path)
    assert stats3.files_new == 0
    assert len(Manifest(raw).rows) == len(m.rows)


def test_source_down_costs_the_source_not_the_run(site: Site, tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead_port = s.getsockname()[1]
    path = tmp_path / "sources.yaml"
    path.write_text(
        f"- name: down\n  start_url: http://127.0.0.1:{dead_port}/list/\n  delay_s: 0\n  timeout_s: 0.5\n",
        encoding="utf-8",
    )
    (source,) = load_sources(path)
    stats = crawl_source(source, tmp_path / "raw", backoff_s=0.01)
    assert stats.pages_failed == 1 and stats.files_new == 0
    (row,) = Manifest(tmp_path / "raw").rows
    assert row.kind == "page" and row.outcome == "error" and "robots.txt unreachable" in (row.reason or "")


def test_start_page_error_is_recorded_then_recovers(site: Site, tmp_path: Path) -> None:
    site.routes["/list/"] = lambda n, _h: Resp(503, b"down") if n <= 3 else Resp(body=b'<a href="/r.pdf">r</a>')
    site.routes["/r.pdf"] = Resp(body=pdf_bytes("r"), content_type="application/pdf")
    path = tmp_path / "s.yaml"
    path.write_text(f"- name: s\n  start_url: {site.url('/list/')}\n  delay_s: 0\n  retries: 2\n", encoding="utf-8")
    (source,) = load_sources(path)
    crawl_source(source, tmp_path / "raw", backoff_s=0.01)
    assert site.statuses("/list/") == [503, 503, 503]
    (row,) = Manifest(tmp_path / "raw").rows
    assert row.kind == "page" and row.status == 503 and row.reason == "http 503 (after 3 attempts)"
    stats = crawl_source(source, tmp_path / "raw", backoff_s=0.01)
    assert stats.files_new == 1
    assert [r.outcome for r in Manifest(tmp_path / "raw").rows] == ["error", "unchanged", "new"]


def test_per_host_delay_and_one_request_at_a_time(site: Site, tmp_path: Path) -> None:
    site.routes["/list/"] = Resp(body=b'<a href="/1.pdf">1</a><a href="/2.pdf">2</a>')
    site.routes["/1.pdf"] = Resp(body=pdf_bytes("1"), content_type="application/pdf")
    site.routes["/2.pdf"] = Resp(body=pdf_bytes("2"), content_type="application/pdf")
    path = tmp_path / "s.yaml"
    path.write_text(f"- name: s\n  start_url: {site.url('/list/')}\n  delay_s: 0.3\n", encoding="utf-8")
    (source,) = load_sources(path)
    crawl_source(source, tmp_path / "raw")
    times = [h.at for h in site.hits]
    assert len(times) == 4  # robots, list, 1.pdf, 2.pdf
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= 0.28, gaps


def test_redirect_within_host_is_followed_and_allow_hosts_widens_it(site: Site, tmp_path: Path) -> None:
    site.routes["/list/"] = Resp(body=b'<a href="/old.pdf">old</a><a href="/away.pdf">away</a>')
    site.routes["/old.pdf"] = Resp(301, headers={"Location": "/new/report.pdf"})
    site.routes["/new/report.pdf"] = Resp(body=pdf_bytes("moved"), content_type="application/pdf")
    site.routes["/away.pdf"] = Resp(302, headers={"Location": f"http://localhost:{site.port}/new/other.pdf"})
    site.routes["/new/other.pdf"] = Resp(body=pdf_bytes("other"), content_type="application/pdf")
    path = tmp_path / "s.yaml"
    path.write_text(
        f"- name: s\n  start_url: {site.url('/list/')}\n  delay_s: 0\n  allow_hosts: [localhost]\n",
        encoding="utf-8",
    )
    (source,) = load_sources(path)
    crawl_source(source, tmp_path / "raw")
    rows = {r.url: r for r in Manifest(tmp_path / "raw").rows}
    old = rows[site.url("/old.pdf")]
    assert old.outcome == "new" and old.final_url == site.url("/new/report.pdf")
    away = rows[site.url("/away.pdf")]
    assert away.outcome == "new" and away.final_url == f"http://localhost:{site.port}/new/other.pdf"


_KILL_SCRIPT = """
import sys
from pathlib import Path
from fetch.crawler import crawl_source
from fetch.sources import load_sources
(source,) = load_sources(Path(sys.argv[1]))
crawl_source(source, Path(sys.argv[2]))
"""


def test_killed_crawl_leaves_no_half_file_and_no_row(site: Site, tmp_path: Path) -> None:
    body = pdf_bytes("big", 200_000)
    site.routes["/list/"] = Resp(body=b'<a href="/done.pdf">done</a><a href="/big.pdf">big</a>')
    site.routes["/done.pdf"] = Resp(body=pdf_bytes("done"), content_type="application/pdf")
    site.routes["/big.pdf"] = Resp(body=body, content_type="application/pdf", truncate_to=100_000, hang_s=30)
    path = tmp_path / "s.yaml"
    path.write_text(f"- name: s\n  start_url: {site.url('/list/')}\n  delay_s: 0\n  timeout_s: 20\n", encoding="utf-8")
    raw = tmp_path / "raw"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen([sys.executable, "-c", _KILL_SCRIPT, str(path), str(raw)], cwd=REPO, env=env)
    try:
        deadline = time.monotonic() + 60  # generous: CI machines are slow and busy
        while time.monotonic() < deadline:  # wait until the big download is half-written
            temps = list((raw / "s").glob(".part-*")) if (raw / "s").exists() else []
            try:
                if temps and temps[0].stat().st_size >= 100_000:
                    break
            except FileNotFoundError:  # the temp file of the small download, just renamed
                pass
            time.sleep(0.05)
        else:
            pytest.fail("download never started")
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
    visible = [p.name for p in (raw / "s").iterdir() if not p.name.startswith(".")]
    assert len(visible) == 1 and visible[0].startswith("done-")
    assert [r.url for r in Manifest(raw).rows] == [site.url("/done.pdf")]

    # the next run cleans the temp file up and fetches the file
    site.routes["/big.pdf"] = Resp(body=body, content_type="application/pdf")
    (source,) = load_sources(path)
    stats = crawl_source(source, raw)
    assert stats.files_new == 1
    assert not list((raw / "s").glob(".part-*"))
    big = Manifest(raw).rows[-1]
    assert big.url == site.url("/big.pdf") and (raw / big.path).read_bytes() == body  # type: ignore[operator]
