"""Unit tests of the fetch/ building blocks (no network beyond a loopback site, no Prefect)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from crawl_fixtures import Resp, Site, pdf_bytes, running_site

from fetch.filetypes import check_type, claimed_type, filename_from_disposition, safe_stem, sniff
from fetch.html_links import absolute_url, decode_html, parse_page, quote_url
from fetch.http_client import PoliteClient
from fetch.manifest import NEW, Manifest, ManifestRow, utc_now
from fetch.sources import SourcesError, load_sources


@pytest.fixture
def site() -> Iterator[Site]:
    with running_site() as s:
        yield s


# -- sources.yaml ------------------------------------------------------------------------------


def test_sources_defaults_and_validation(tmp_path: Path) -> None:
    p = tmp_path / "s.yaml"
    p.write_text("- name: 上海财政\n  start_url: https://czj.sh.gov.cn/zwgk/\n  follow: '/art/'\n", encoding="utf-8")
    (s,) = load_sources(p)
    assert s.name == "上海财政" and s.host == "czj.sh.gov.cn" and s.max_pages == 50 and s.delay_s == 2.0
    assert s.wants_file("https://czj.sh.gov.cn/a/预算.PDF") and s.wants_file("https://x/a.xlsx?v=1")
    assert not s.wants_file("https://x/a.html") and s.wants_page("https://czj.sh.gov.cn/art/1.html")


def test_the_default_sources_file_is_valid() -> None:
    sources = load_sources(Path(__file__).resolve().parents[1] / "sources.yaml")
    assert len(sources) >= 3 and all(s.start_url.startswith("http") for s in sources)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{}", "non-empty YAML list"),
        ("- [1]", "expected a mapping"),
        ("- name: a/b\n  start_url: http://x/", "folder-safe"),
        ("- name: a\n  start_url: ftp://x/", r"http\(s\) URL"),
        ("- name: a\n  start_url: http://x/\n  follow: '('", "bad regex"),
        ("- name: a\n  start_url: http://x/\n  delay_s: -1", "non-negative"),
        ("- name: a\n  start_url: http://x/\n  max_pages: 0", "at least 1"),
        ("- name: a\n  start_url: http://x/\n  flollow: []", "unknown key"),
        ("- {name: a, start_url: 'http://x/'}\n- {name: a, start_url: 'http://y/'}", "duplicate"),
        ("- name: [", "not valid YAML"),
    ],
)
def test_bad_sources_raise_sources_error(tmp_path: Path, text: str, message: str) -> None:
    p = tmp_path / "s.yaml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(SourcesError, match=message):
        load_sources(p)


def test_unreadable_sources_keep_the_cause(tmp_path: Path) -> None:
    with pytest.raises(SourcesError) as info:
        load_sources(tmp_path / "nope.yaml")
    assert isinstance(info.value.__cause__, FileNotFoundError)


# -- charset, links, pagination, quoting -------------------------------------------------------


def test_decode_gbk_gb2312_gb18030_and_utf8() -> None:
    text = "<title>部门预算公开 䶮</title>"  # 䶮 is outside GB2312 and GBK, inside GB18030
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
    assert decode_html((meta + text).encode("gb18030")) == (meta + text, "gb18030")
    assert decode_html(("<meta charset='GBK'>部门").encode("gbk"))[0].endswith("部门")
    # the header lies (says utf-8, page is GBK): detection saves it
    assert decode_html("部门决算".encode("gbk"), "text/html; charset=utf-8") == ("部门决算", "gb18030")
    assert decode_html("部门决算".encode(), None) == ("部门决算", "utf-8")
    assert decode_html(b"\xef\xbb\xbf" + "预算".encode(), "text/html; charset=gbk") == ("预算", "utf-8")


def test_quote_url_paths_queries_and_existing_escapes() -> None:
    assert quote_url("http://x.gov.cn/附件/2024年 预算.pdf") == (
        "http://x.gov.cn/%E9%99%84%E4%BB%B6/2024%E5%B9%B4%20%E9%A2%84%E7%AE%97.pdf"
    )
    assert quote_url("http://x.gov.cn/a%20b.pdf") == "http://x.gov.cn/a%20b.pdf"  # not double-quoted
    assert quote_url("http://x.gov.cn/d.jsp?name=预算", "gb18030") == "http://x.gov.cn/d.jsp?name=%D4%A4%CB%E3"
    idn = quote_url("HTTP://财政.中国/x")
    assert idn.startswith("http://xn--") and idn.endswith(".xn--fiqs8s/x")


def test_absolute_url_resolves_and_skips_non_http() -> None:
    base = "http://x.gov.cn/zwgk/yjs/index.html"
    assert absolute_url(base, "../art/1.html") == "http://x.gov.cn/zwgk/art/1.html"
    assert absolute_url(base, "./a.pdf#page=2") == "http://x.gov.cn/zwgk/yjs/a.pdf"
    assert absolute_url(base, "//cdn.x.gov.cn/a.pdf") == "http://cdn.x.gov.cn/a.pdf"
    assert absolute_url(base, "\\files\\a.pdf") == "http://x.gov.cn/files/a.pdf"
    for href in ("javascript:void(0)", "mailto:a@b", "#top", "  "):
        assert absolute_url(base, href) is None


def test_parse_page_links_title_base_and_pagination() -> None:
    html = (
        '<html><head><meta charset="gbk"><title> 预决算公开\n</title><base href="/root/"></head><body>'
        '<a href="a.pdf" title="标题">  2024年 预算 </a><a href="a.pdf">again</a>'
        '<a href="list_2.html">下一页&gt;</a><a href="list_9.html">尾页</a>'
        '<iframe src="frame.html"></iframe>'
        '<script>createPageHTML(5, 0, "index", "html");</script></body></html>'
    ).encode("gbk")
    page = parse_page("http://x.gov.cn/zwgk/index.html", html, "text/html")
    assert page.title == "预决算公开" and page.encoding == "gb18030"
    assert [(lk.url, lk.text) for lk in page.links][:2] == [
        ("http://x.gov.cn/root/a.pdf", "2024年 预算"),
        ("http://x.gov.cn/root/list_2.html", "下一页>"),
    ]
    assert "http://x.gov.cn/root/frame.html" in [lk.url for lk in page.links]
    assert page.next_pages == ["http://x.gov.cn/root/list_2.html", "http://x.gov.cn/root/index_1.html"]


def test_script_pager_stops_at_the_last_page() -> None:
    html = b'<script>createPageHTML(3, 2, "index", "shtml");</script>'
    assert parse_page("http://x/a/index_2.shtml", html).next_pages == []


# -- file types --------------------------------------------------------------------------------


def test_sniff_and_type_checks() -> None:
    assert sniff(b"%PDF-1.7") == "pdf" and sniff(b"\r\n%PDF-1.4") == "pdf"
    assert sniff(b"PK\x03\x04") == "zip" and sniff(b"  <!DOCTYPE html>") == "html"
    assert check_type("pdf", b"%PDF-1.4", "application/pdf") == ("pdf", None)
    ext, reason = check_type("pdf", b"<html><body>login</body></html>", "application/pdf")
    assert ext == "pdf" and reason and "HTML" in reason
    assert check_type("docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", None)[1]  # OLE is not docx
    assert check_type(None, b"%PDF-1.4", "application/octet-stream") == ("pdf", None)
    assert check_type("html", b"<html>", "text/html") == ("html", None)


def test_claimed_type_and_names() -> None:
    cd = "attachment; filename*=UTF-8''%E9%A2%84%E7%AE%97%20%E6%8A%A5%E5%91%8A.xlsx"
    assert filename_from_disposition(cd) == "预算 报告.xlsx"
    assert claimed_type("http://x/d.jsp?id=1", "application/octet-stream", cd) == "xlsx"
    assert claimed_type("http://x/d.jsp?id=1", "application/msword", None) == "doc"
    assert claimed_type("http://x/a.PDF", None, None) == "pdf"
    gbk_in_latin1 = 'attachment; filename="' + "决算.pdf".encode("gbk").decode("latin-1") + '"'
    assert filename_from_disposition(gbk_in_latin1) == "决算.pdf"
    assert safe_stem("http://x/files/2024%E5%B9%B4%20%E9%A2%84%E7%AE%97.pdf", None) == "2024年_预算"
    assert safe_stem("http://x/", None) == "file"


# -- manifest ----------------------------------------------------------------------------------


def _row(url: str, sha: str, path: str | None, etag: str | None = None) -> ManifestRow:
    return ManifestRow(
        source="s",
        url=url,
        final_url=url,
        fetched_at=utc_now(),
        outcome=NEW,
        sha256=sha,
        path=path,
        etag=etag,
    )


def test_manifest_appends_survive_a_torn_last_line(tmp_path: Path) -> None:
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "a.pdf").write_bytes(b"%PDF")
    m = Manifest(tmp_path)
    m.append(_row("http://x/a.pdf", "a" * 64, "s/a.pdf", etag='"e1"'))
    with open(m.path, "ab") as fh:
        fh.write(b'{"source":"s","url":"http://x/torn.pdf","fina')  # killed mid-write
    m2 = Manifest(tmp_path)
    assert [r.url for r in m2.rows] == ["http://x/a.pdf"] and m2.skipped_lines == 1
    m2.append(_row("http://x/b.pdf", "b" * 64, None))
    m3 = Manifest(tmp_path)
    assert [r.url for r in m3.rows] == ["http://x/a.pdf", "http://x/b.pdf"] and m3.skipped_lines == 0
    assert m3.validators("http://x/a.pdf") == {"If-None-Match": '"e1"'}
    assert m3.stored("a" * 64) is not None and m3.stored("b" * 64) is None  # b has no file


def test_validators_are_dropped_when_the_file_is_gone(tmp_path: Path) -> None:
    m = Manifest(tmp_path)
    m.append(_row("http://x/a.pdf", "a" * 64, "s/a.pdf", etag='"e1"'))
    assert m.validators("http://x/a.pdf") == {}  # s/a.pdf does not exist: download it again


# -- polite client -----------------------------------------------------------------------------


def test_client_retries_5xx_and_timeouts_only(site: Site, tmp_path: Path) -> None:
    site.routes["/503"] = Resp(503, b"busy")
    site.routes["/403"] = Resp(403, b"no")
    site.routes["/slow"] = Resp(body=b"x", delay_s=0.5)
    sleeps: list[float] = []
    with PoliteClient(delay_s=0, timeout_s=0.2, retries=3, backoff_s=0.5, sleep=sleeps.append) as client:
        r = client.get(site.url("/503"))
        assert r.status == 503 and r.attempts == 4 and r.error == "http 503 (after 4 attempts)"
        assert sleeps == [0.5, 1.0, 2.0]  # exponential back-off
        r = client.get(site.url("/403"))
        assert r.attempts == 1 and r.error == "http 403"
        r = client.get(site.url("/slow"))
        assert r.error and r.error.startswith("timeout") and r.attempts == 4
    assert len(site.hits_for("/503")) == 4 and len(site.hits_for("/403")) == 1


def test_client_size_cap_while_streaming_and_temp_cleanup(site: Site, tmp_path: Path) -> None:
    def chunked_big(_n: int, _h: dict[str, str]) -> Resp:
        return Resp(body=pdf_bytes("big", 50_000), content_type="application/pdf")

    site.routes["/big.pdf"] = chunked_big
    with PoliteClient(delay_s=0, max_bytes=10_000) as client:
        r = client.get(site.url("/big.pdf"), dest_dir=tmp_path)
        assert r.error and "too large" in r.error
    assert os.listdir(tmp_path) == []  # no temp file left behind
