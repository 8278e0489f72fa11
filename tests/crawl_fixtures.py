"""A local test site on 127.0.0.1 for the crawl tests (stdlib http.server in a thread).

Routes map a raw request path to a :class:`Resp` or to a callable ``(hits, headers) -> Resp``;
every request is logged with its path, status and headers so tests can count them.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote


@dataclass
class Resp:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0  # before the status line: a slow server
    truncate_to: int | None = None  # send only this many body bytes, then close
    hang_s: float = 0.0  # after sending the truncated part, stall this long (for kill tests)
    etag: bool = True  # serve an ETag and honour If-None-Match
    last_modified: str | None = None  # serve and honour If-Modified-Since (exact match)


Route = Resp | Callable[[int, dict[str, str]], Resp]


@dataclass
class Hit:
    path: str
    status: int
    headers: dict[str, str]
    at: float


class Site:
    """The routes and request log of one running test site."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self.counts: dict[str, int] = {}
        self.lock = threading.Lock()
        self.stop_hanging = threading.Event()
        self.port = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def hits_for(self, path: str) -> list[Hit]:
        return [h for h in self.hits if h.path == path]

    def statuses(self, path: str) -> list[int]:
        return [h.status for h in self.hits_for(path)]

    def reset_log(self) -> None:
        with self.lock:
            self.hits.clear()


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:16] + '"'


class _Handler(BaseHTTPRequestHandler):
    server_version = "TestSite/1.0"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        site: Site = self.server.site  # type: ignore[attr-defined]
        path = self.path
        headers = {k.lower(): v for k, v in self.headers.items()}
        with site.lock:
            n = site.counts.get(path, 0) + 1
            site.counts[path] = n
        route = site.routes.get(path)
        if route is None:
            resp = Resp(404, b"<html><body>404 Not Found</body></html>")
        elif isinstance(route, Resp):
            resp = route
        else:
            resp = route(n, headers)
        status = resp.status
        out_headers = dict(resp.headers)
        if status == 200:
            if resp.etag:
                out_headers["ETag"] = _etag(resp.body)
            if resp.last_modified:
                out_headers["Last-Modified"] = resp.last_modified
            inm = headers.get("if-none-match")
            ims = headers.get("if-modified-since")
            if (resp.etag and inm == out_headers.get("ETag")) or (
                resp.last_modified and not inm and ims == resp.last_modified
            ):
                status = 304
        with site.lock:
            site.hits.append(Hit(path, status, headers, time.monotonic()))
        if resp.delay_s:  # logged on arrival: a client that gave up still counts
            time.sleep(resp.delay_s)
        body = b"" if status == 304 else resp.body
        try:
            self.send_response(status)
            if status != 304:
                self.send_header("Content-Type", resp.content_type)
            for k, v in out_headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            if resp.truncate_to is not None:
                self.send_header("Connection", "close")
            self.end_headers()
            if resp.truncate_to is not None:
                self.wfile.write(body[: resp.truncate_to])
                self.wfile.flush()
                if resp.hang_s:
                    site.stop_hanging.wait(resp.hang_s)
                self.close_connection = True
                return
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients that time out or are killed reset connections: expected here


@contextmanager
def running_site() -> Iterator[Site]:
    """A fresh, empty test site on 127.0.0.1 (add routes to ``site.routes``); stopped on exit.

    Test modules wrap it in their own ``site`` fixture.
    """
    s = Site()
    server = _Server(("127.0.0.1", 0), _Handler)
    server.site = s  # type: ignore[attr-defined]
    s.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield s
    finally:
        s.stop_hanging.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# ---------------------------------------------------------------------------------------------
# content

LAST_MODIFIED = formatdate(1_700_000_000, usegmt=True)


def pdf_bytes(label: str, size: int = 600) -> bytes:
    """A small PDF-looking file (magic + padding) distinct per label."""
    head = f"%PDF-1.4\n% {label}\n".encode()
    return head + b"0" * max(0, size - len(head) - 6) + b"\n%%EOF"


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CHINESE_FILE = "/files/2024年 部门预算.pdf"  # a space and Chinese characters in the link
CHINESE_FILE_QUOTED = quote(CHINESE_FILE)


def gbk_page(title: str, body_html: str, *, declare: str = "gb2312") -> bytes:
    html = (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={declare}">'
        f"<title>{title}</title></head><body>{body_html}</body></html>"
    )
    return html.encode("gbk")


def utf8_page(title: str, body_html: str) -> bytes:
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body>{body_html}</body></html>'
    ).encode()


def build_report_site(site: Site) -> None:
    """The standard site: paginated listing (UTF-8 then GBK), detail pages, every fault."""
    base = site.base

    def flaky(n: int, _h: dict[str, str]) -> Resp:  # a 500 that recovers
        if n == 1:
            return Resp(500, b"<html>busy</html>")
        return Resp(body=pdf_bytes("flaky"), content_type="application/pdf")

    def truncated(n: int, _h: dict[str, str]) -> Resp:  # cut short on the first run only
        body = pdf_bytes("truncated", 4000)
        if n == 1:
            return Resp(body=body, content_type="application/pdf", truncate_to=1000)
        return Resp(body=body, content_type="application/pdf")

    site.routes.update(
        {
            "/robots.txt": Resp(body=b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"),
            "/list/index.html": Resp(
                body=utf8_page(
                    "部门预决算公开",
                    '<ul><li><a href="../detail/a.html">2024年部门预算</a></li>'
                    f'<li><a href="{base}/detail/b.html">2023年部门决算</a></li>'
                    '<li><a href="/private/secret.pdf">内部文件</a></li>'
                    '<li><a href="mailto:x@example.gov.cn">联系我们</a></li></ul>'
                    '<div class="page"><a href="index_1.html">下一页</a></div>',
                ),
            ),
            "/list/index_1.html": Resp(
                # GBK page; the header claims nothing, the meta says gb2312
                body=gbk_page(
                    "部门预决算公开 第二页",
                    '<a href="../detail/c.html">绩效自评报告</a>'
                    f'<a href="{CHINESE_FILE}">2024年 部门预算（附件）</a>'
                    '<a href="/files/missing.pdf">已删除的文件</a>'
                    '<a href="/files/flaky.pdf">偶尔出错</a>'
                    '<a href="/files/slow.pdf">很慢</a>'
                    '<a href="/loop/a.pdf">重定向循环</a>'
                    '<a href="/files/fake.pdf">假PDF</a>'
                    '<a href="/files/trunc.pdf">截断</a>'
                    '<a href="/files/moved.pdf">搬走了</a>'
                    '<a href="/files/huge.pdf">太大</a>'
                    '<a href="/list/index.html">上一页</a>',
                ),
                content_type="text/html",
            ),
            "/detail/a.html": Resp(
                body=utf8_page(
                    "2024年部门预算公开",
                    '<p>附件：<a href="/files/a.pdf">2024年部门预算.pdf</a></p>'
                    '<p><a href="/files/table.xls">附表</a></p>',
                ),
            ),
            "/detail/b.html": Resp(
                delay_s=0.2,  # slow but within the timeout
                body=utf8_page(
                    "2023年部门决算公开",
                    '<a href="/files/b.pdf">决算.pdf</a>'
                    '<a href="/files/a.pdf">同一个附件再次链接</a>'
                    '<a href="/files/b-copy.pdf">同样内容不同地址</a>'
                    '<a href="/files/noval.pdf">无校验头</a>',
                ),
            ),
            "/detail/c.html": Resp(
                body=gbk_page("绩效自评报告", '<a href="/download.jsp?id=7">下载附件</a>', declare="GBK"),
                content_type="text/html; charset=GBK",
            ),
            "/files/a.pdf": Resp(body=pdf_bytes("a v1"), content_type="application/pdf"),
            "/files/b.pdf": Resp(
                body=pdf_bytes("b"), content_type="application/pdf", etag=False, last_modified=LAST_MODIFIED
            ),
            "/files/b-copy.pdf": Resp(body=pdf_bytes("b"), content_type="application/pdf"),
            "/files/noval.pdf": Resp(body=pdf_bytes("noval"), content_type="application/pdf", etag=False),
            "/files/table.xls": Resp(body=OLE_MAGIC + b"\x00" * 600, content_type="application/vnd.ms-excel"),
            CHINESE_FILE_QUOTED: Resp(body=pdf_bytes("chinese name"), content_type="application/pdf"),
            "/files/flaky.pdf": flaky,
            "/files/slow.pdf": Resp(body=pdf_bytes("slow"), content_type="application/pdf", delay_s=1.0),
            "/loop/a.pdf": Resp(302, headers={"Location": "/loop/b.pdf"}),
            "/loop/b.pdf": Resp(302, headers={"Location": "/loop/a.pdf"}),
            "/files/fake.pdf": Resp(
                body=b"<!DOCTYPE html><html><body>Error 500: session expired</body></html>",
                content_type="application/pdf",
            ),
            "/files/trunc.pdf": truncated,
            "/files/moved.pdf": Resp(302, headers={"Location": f"http://localhost:{site.port}/files/b.pdf"}),
            "/files/huge.pdf": Resp(body=pdf_bytes("huge", 300_000), content_type="application/pdf"),
            "/private/secret.pdf": Resp(body=pdf_bytes("secret"), content_type="application/pdf"),
            "/download.jsp?id=7": Resp(
                body=pdf_bytes("jsp"),
                content_type="application/octet-stream",
                headers={"Content-Disposition": 'attachment; filename="%E7%BB%A9%E6%95%88%E8%87%AA%E8%AF%84.pdf"'},
            ),
        }
    )


def report_sources_yaml(site: Site, path: Path, *, name: str = "testsite", extra: str = "") -> Path:
    """A sources.yaml for the standard site (fast settings: no delay, short timeout)."""
    path.write_text(
        f"""
- name: {name}
  start_url: {site.url("/list/index.html")}
  follow: ['/detail/']
  keep: ['(?i)\\.(pdf|docx?|xlsx?)$', 'download\\.jsp\\?id=\\d+']
  max_pages: 20
  delay_s: 0
  timeout_s: 0.5
  retries: 2
  max_bytes: 100000
{extra}""",
        encoding="utf-8",
    )
    return path
