"""HTML pages of Chinese government sites: charset decoding, links, pagination, URL quoting."""

from __future__ import annotations

import codecs
import contextlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote, urldefrag, urljoin, urlsplit, urlunsplit

# GB2312 and GBK pages routinely contain characters outside their declared set; GB18030 is a
# superset of both, so that is what they are decoded as (browsers do the same for GBK).
_GB_ALIASES = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "hz-gb-2312", "gb_2312-80"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_:.-]+)""", re.IGNORECASE)

NEXT_PAGE_TEXTS = ("下一页", "下页", "后一页", "下一頁", "next page", "next")

# TRS-style CMS pagination script, very common on government sites:
#   createPageHTML(12, 0, "index", "html")  -> pages index.html, index_1.html, ... index_11.html
_CREATE_PAGE_HTML = re.compile(
    r"createPageHTML\(\s*(\d+)\s*,\s*(\d+)\s*,\s*[\"']([^\"']+)[\"']\s*,\s*[\"']([^\"']+)[\"']"
)


def _normalise_encoding(label: str) -> str | None:
    label = label.strip().lower()
    if label in _GB_ALIASES:
        return "gb18030"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_encodings(body: bytes, content_type: str | None) -> list[str]:
    """Encodings a page claims, most authoritative first: BOM, HTTP header, ``<meta>``."""
    found: list[str] = []
    if body.startswith(codecs.BOM_UTF8):
        found.append("utf-8")
    if content_type:
        m = _HEADER_CHARSET.search(content_type)
        if m:
            found.append(m.group(1))
    m2 = _META_CHARSET.search(body[:4096])
    if m2:
        found.append(m2.group(1).decode("ascii", "replace"))
    out: list[str] = []
    for label in found:
        enc = _normalise_encoding(label)
        if enc and enc not in out:
            out.append(enc)
    return out


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode an HTML page; return ``(text, encoding used)``.

    Declared encodings are tried strictly in order (header, meta); a page whose bytes do not
    decode under its declaration (common: header says UTF-8, page is GBK) falls through to
    detection: UTF-8 if the bytes are valid UTF-8, else GB18030. The last resort replaces
    undecodable bytes rather than failing.
    """
    if body.startswith(codecs.BOM_UTF8):  # a BOM beats any declaration
        candidates = ["utf-8"]
        body = body.removeprefix(codecs.BOM_UTF8)
    else:
        candidates = declared_encodings(body, content_type)
    candidates += ["utf-8", "gb18030"]
    for enc in dict.fromkeys(candidates):
        try:
            return body.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            continue
    return body.decode("gb18030", errors="replace"), "gb18030"


_SAFE_PATH = "/%:@!$&'()*+,;=-._~"
_SAFE_QUERY = "/%:@!$&'()*+,;=-._~?"


def quote_url(url: str, encoding: str = "utf-8") -> str:
    """Percent-encode what needs it in an absolute URL, leaving existing escapes alone.

    Following the WHATWG URL rules browsers use: the path is encoded as UTF-8, the query in the
    page's own encoding (so a GBK page's ``?name=预算`` becomes GBK percent-escapes), spaces
    become ``%20``. IDN host names are converted to punycode.
    """
    parts = urlsplit(url.strip())
    host = parts.hostname or ""
    try:
        host.encode("ascii")
    except UnicodeEncodeError:
        host = host.encode("idna").decode("ascii")
    netloc = host
    if parts.port is not None:
        netloc = f"{host}:{parts.port}"
    if parts.username:
        netloc = f"{parts.username}{':' + parts.password if parts.password else ''}@{netloc}"
    path = quote(parts.path, safe=_SAFE_PATH, encoding="utf-8") or "/"
    query_encoding = encoding if encoding.lower() not in ("utf-16", "utf-16le", "utf-16be") else "utf-8"
    query = quote(parts.query, safe=_SAFE_QUERY, encoding=query_encoding, errors="xmlcharrefreplace")
    return urlunsplit((parts.scheme.lower(), netloc, path, query, ""))


def absolute_url(base: str, href: str, encoding: str = "utf-8") -> str | None:
    """Resolve ``href`` against ``base``; ``None`` for javascript:, mailto:, fragments etc."""
    href = href.strip().replace("\\", "/")
    href = re.sub(r"[\r\n\t]", "", href)
    if not href or href.startswith("#"):
        return None
    scheme = urlsplit(href).scheme.lower()
    if scheme and scheme not in ("http", "https"):
        return None
    joined, _frag = urldefrag(urljoin(base, href))
    if urlsplit(joined).scheme not in ("http", "https"):
        return None
    return quote_url(joined, encoding)


@dataclass
class Link:
    url: str
    text: str


@dataclass
class Page:
    """What a crawler needs from one HTML page."""

    url: str
    title: str
    links: list[Link] = field(default_factory=list)
    next_pages: list[str] = field(default_factory=list)
    encoding: str = "utf-8"


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.base: str | None = None
        self.title_parts: list[str] = []
        self.in_title = False
        self.anchors: list[tuple[str, list[str], str]] = []  # (href, text parts, title attr)
        self.frames: list[str] = []
        self._open: tuple[str, list[str], str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "base" and a.get("href") and self.base is None:
            self.base = a["href"]
        elif tag == "title":
            self.in_title = True
        elif tag == "a" and "href" in a:
            self._open = (a["href"], [], a.get("title", ""))
            self.anchors.append(self._open)
        elif tag in ("iframe", "frame") and a.get("src"):
            self.frames.append(a["src"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag == "a":
            self._open = None

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        if self._open is not None:
            self._open[1].append(data)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def is_next_page_text(text: str) -> bool:
    t = _clean(text).lower().strip("<>»›[]【】 ")
    return any(t == n or t.startswith(n) for n in NEXT_PAGE_TEXTS)


def script_next_pages(base_url: str, html: str) -> list[str]:
    """Next page of a ``createPageHTML(total, current, "index", "html")`` pager, if any."""
    m = _CREATE_PAGE_HTML.search(html)
    if not m:
        return []
    total, current, stem, ext = int(m.group(1)), int(m.group(2)), m.group(3), m.group(4)
    nxt = current + 1
    if nxt >= total:
        return []
    return [urljoin(base_url, f"{stem}_{nxt}.{ext}")]


def parse_page(url: str, body: bytes, content_type: str | None = None) -> Page:
    """Decode ``body`` and pull out title, links (absolute, quoted) and next-page links."""
    text, encoding = decode_html(body, content_type)
    parser = _LinkParser()
    with contextlib.suppress(Exception):  # html.parser is lenient; a broken tail must not lose the links
        parser.feed(text)
        parser.close()
    base = urljoin(url, parser.base) if parser.base else url
    page = Page(url=url, title=_clean("".join(parser.title_parts)), encoding=encoding)
    seen: set[str] = set()
    for href, parts, title_attr in parser.anchors:
        target = absolute_url(base, href, encoding)
        if target is None:
            continue
        link_text = _clean("".join(parts)) or _clean(title_attr)
        if is_next_page_text(link_text) and target not in page.next_pages and target != url:
            page.next_pages.append(target)
        if target not in seen:
            seen.add(target)
            page.links.append(Link(url=target, text=link_text))
    for src in parser.frames:
        target = absolute_url(base, src, encoding)
        if target and target not in seen:
            seen.add(target)
            page.links.append(Link(url=target, text=""))
    for nxt in script_next_pages(base, text):
        q = quote_url(nxt, encoding)
        if q not in page.next_pages and q != url:
            page.next_pages.append(q)
    return page
