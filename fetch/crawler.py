"""Walk one source: listing pages (with pagination) -> detail pages -> report files.

Pages are visited breadth-first from ``start_url``; a link is a *file* if it matches one of the
source's ``keep`` regexes, a *page* to visit if it matches ``follow`` or is the page's next-page
link (下一页). ``keep`` wins over ``follow``, so a source whose reports are inline HTML can list
its detail pages under ``keep`` to store them as ``.html`` files. Only the source's own host (and
``allow_hosts``) is visited, and only where robots.txt allows.

Every outcome of a file link is a manifest row (see :mod:`fetch.manifest`); failures of pages
are rows too (``kind="page"``). Nothing about a single URL raises.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fetch.filetypes import check_type, claimed_type, safe_stem, sniff
from fetch.html_links import Link, Page, parse_page, quote_url
from fetch.http_client import FetchResult, HostThrottle, PoliteClient, remove_stale_temp_files
from fetch.manifest import (
    DUPLICATE,
    ERROR,
    NEW,
    NOT_MODIFIED,
    OK_OUTCOMES,
    REJECTED,
    UNCHANGED,
    Manifest,
    ManifestRow,
    utc_now,
)
from fetch.robots import RobotsPolicy
from fetch.sources import Source

PAGE_MAX_BYTES = 10 * 1024 * 1024
MAX_CRAWL_DELAY_S = 60.0

Logger = logging.Logger | logging.LoggerAdapter[Any]


@dataclass
class CrawlStats:
    """What one crawl of one source did."""

    source: str
    pages: int = 0
    pages_failed: int = 0
    files_new: int = 0
    files_duplicate: int = 0
    files_unchanged: int = 0
    files_rejected: int = 0
    files_failed: int = 0
    requests: int = 0
    new_paths: list[str] = field(default_factory=list)
    pages_ok: int = 0  # pages that loaded as HTML or as a file listing
    first_error: str | None = None  # the first page failure, to say why a source failed

    @property
    def failed(self) -> bool:
        """The source gave nothing to walk: not one of its pages could be fetched."""
        return self.pages_ok == 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "failed": self.failed,
            "first_error": self.first_error,
            "pages": self.pages,
            "pages_ok": self.pages_ok,
            "pages_failed": self.pages_failed,
            "files_new": self.files_new,
            "files_duplicate": self.files_duplicate,
            "files_unchanged": self.files_unchanged,
            "files_rejected": self.files_rejected,
            "files_failed": self.files_failed,
            "requests": self.requests,
            "new_paths": list(self.new_paths),
        }


@dataclass
class _LinkContext:
    """Where a file link was found."""

    text: str | None = None
    title: str | None = None
    listing_url: str | None = None


class SourceCrawler:
    """Crawls one :class:`Source` into ``<raw>/<source.name>/``, recording into the manifest."""

    def __init__(
        self,
        source: Source,
        raw: Path,
        *,
        manifest: Manifest | None = None,
        throttle: HostThrottle | None = None,
        backoff_s: float = 1.0,
        logger: Logger | None = None,
    ) -> None:
        self.source = source
        self.raw = Path(raw)
        self.folder = self.raw / source.name
        self.manifest = manifest if manifest is not None else Manifest(self.raw)
        self.log: Logger = logger or logging.getLogger("govperf.fetch")
        self.client = PoliteClient(
            delay_s=source.delay_s,
            timeout_s=source.timeout_s,
            retries=source.retries,
            backoff_s=backoff_s,
            max_bytes=source.max_bytes,
            throttle=throttle,
        )
        self.robots = RobotsPolicy(self.client)
        self.stats = CrawlStats(source=source.name)
        self._files_done: set[str] = set()

    # -- policy --------------------------------------------------------------------------------

    def refusal(self, url: str) -> str | None:
        """Why ``url`` may not be fetched (host policy, robots.txt), or ``None``."""
        if not self.source.host_allowed(url):
            return "host not allowed for this source (add it to allow_hosts)"
        return self.robots.refusal(url)

    # -- the walk ------------------------------------------------------------------------------

    def run(self) -> CrawlStats:
        removed = remove_stale_temp_files(self.folder)
        if removed:
            self.log.warning("%s: removed %d temp file(s) left by an interrupted crawl", self.source.name, removed)
        try:
            self._apply_crawl_delay()
            self._walk()
            self._retry_failed()
        finally:
            self.stats.requests = self.client.requests_made
            self.client.close()
        s = self.stats
        self.log.info(
            "%s: %d page(s) (%d failed), files: %d new, %d duplicate, %d unchanged, %d rejected, %d failed",
            s.source,
            s.pages,
            s.pages_failed,
            s.files_new,
            s.files_duplicate,
            s.files_unchanged,
            s.files_rejected,
            s.files_failed,
        )
        return s

    def _apply_crawl_delay(self) -> None:
        delay = self.robots.crawl_delay(self.source.start_url)
        if delay is not None and delay > self.client.delay_s:
            self.client.delay_s = min(delay, MAX_CRAWL_DELAY_S)

    def _walk(self) -> None:
        start = quote_url(self.source.start_url)
        queue: deque[tuple[str, str | None]] = deque([(start, None)])
        queued = {start}
        while queue and self.stats.pages < self.source.max_pages:
            url, referrer = queue.popleft()
            page = self._fetch_page(url, referrer)
            if page is None:
                continue
            next_pages = set(page.next_pages)
            for link in page.links:
                if self.source.wants_file(link.url):
                    self.fetch_file(link.url, _LinkContext(link.text, page.title, page.url))
                elif (
                    (link.url in next_pages or self.source.wants_page(link.url))
                    and link.url not in queued
                    and self.source.host_allowed(link.url)
                ):
                    queued.add(link.url)
                    queue.append((link.url, page.url))
            for nxt in page.next_pages:  # script pagers are not <a> links
                if nxt not in queued and self.source.host_allowed(nxt):
                    queued.add(nxt)
                    queue.append((nxt, page.url))
        if queue:
            self.log.info(
                "%s: stopped at max_pages=%d, %d page(s) not visited",
                self.source.name,
                self.source.max_pages,
                len(queue),
            )

    def _fetch_page(self, url: str, referrer: str | None) -> Page | None:
        refusal = self.refusal(url)
        if refusal:
            if referrer is None:  # the start page itself: the whole source is lost, say so
                self.log.warning("%s: start page %s refused: %s", self.source.name, url, refusal)
                self._record_failure(url, None, _LinkContext(), refusal, kind="page")
                self.stats.pages_failed += 1
                self.stats.first_error = self.stats.first_error or f"{url}: {refusal}"
            else:
                self.log.info("%s: skip page %s: %s", self.source.name, url, refusal)
            return None
        self.stats.pages += 1
        res = self.client.get(url, redirect_check=self.refusal, max_bytes=min(self.source.max_bytes, PAGE_MAX_BYTES))
        if not res.ok or res.body is None:
            reason = res.error or f"http {res.status}"
            self.log.warning("%s: page %s failed: %s", self.source.name, url, reason)
            self._record_failure(url, res, _LinkContext(listing_url=referrer), reason, kind="page")
            self.stats.pages_failed += 1
            self.stats.first_error = self.stats.first_error or f"{url}: {reason}"
            return None
        self.stats.pages_ok += 1
        ctype = (res.content_type or "").lower()
        if "html" not in ctype and sniff(res.body[:2048]) != "html":
            self.log.info("%s: %s is not an HTML page (%s), not walked", self.source.name, url, ctype)
            return None
        latest = self.manifest.latest(url)
        if latest is not None and latest.kind == "page" and latest.outcome == ERROR:
            self.manifest.append(self._row(url, res, _LinkContext(listing_url=referrer), UNCHANGED, kind="page"))
        return parse_page(res.final_url, res.body, res.content_type)

    def _retry_failed(self) -> None:
        """Files whose last fetch failed and that this run's walk did not reach again."""
        for row in self.manifest.failed(self.source.name):
            if row.kind != "file" or row.url in self._files_done or not self.source.wants_file(row.url):
                continue
            self.log.info("%s: retrying %s (last: %s)", self.source.name, row.url, row.reason)
            self.fetch_file(row.url, _LinkContext(row.link_text, row.title, row.listing_url))

    # -- files ---------------------------------------------------------------------------------

    def fetch_file(self, url: str, ctx: _LinkContext) -> None:
        """Fetch one report link and record what happened. Never raises for a bad URL."""
        if url in self._files_done:
            return
        self._files_done.add(url)
        refusal = self.refusal(url)
        if refusal:
            self.log.info("%s: skip file %s: %s", self.source.name, url, refusal)
            self._record_failure(url, None, ctx, refusal)
            self.stats.files_failed += 1
            return
        res = self.client.get(
            url, headers=self.manifest.validators(url), dest_dir=self.folder, redirect_check=self.refusal
        )
        try:
            self._settle_file(url, res, ctx)
        finally:
            res.discard()  # no-op once the temp file has been moved into place

    def _settle_file(self, url: str, res: FetchResult, ctx: _LinkContext) -> None:
        prev = self.manifest.last_ok(url)
        latest = self.manifest.latest(url)
        recovering = latest is not None and latest.outcome not in OK_OUTCOMES
        if res.not_modified and prev is not None:
            self.stats.files_unchanged += 1
            if recovering:
                row = self._row(url, res, ctx, NOT_MODIFIED)
                row.sha256, row.bytes, row.path = prev.sha256, prev.bytes, prev.path
                row.etag = res.etag or prev.etag
                row.last_modified = res.last_modified or prev.last_modified
                self.manifest.append(row)
            return
        if not res.ok or res.temp_path is None or res.sha256 is None:
            reason = res.error or f"http {res.status}"
            self.log.warning("%s: file %s failed: %s", self.source.name, url, reason)
            self._record_failure(url, res, ctx, reason)
            self.stats.files_failed += 1
            return
        claimed = claimed_type(url, res.content_type, res.content_disposition)
        if claimed is None and res.final_url != url:
            claimed = claimed_type(res.final_url, res.content_type, res.content_disposition)
        ext, bad = check_type(claimed, res.head, res.content_type)
        if bad:
            self.log.warning("%s: file %s rejected: %s", self.source.name, url, bad)
            res.discard()
            self._record_failure(url, res, ctx, bad, outcome=REJECTED)
            self.stats.files_rejected += 1
            return
        if prev is not None and prev.sha256 == res.sha256:
            res.discard()
            self.stats.files_unchanged += 1
            if recovering or (res.etag, res.last_modified) != (prev.etag, prev.last_modified):
                row = self._row(url, res, ctx, UNCHANGED)
                row.path = prev.path
                self.manifest.append(row)
            return
        stored = self.manifest.stored(res.sha256)
        if stored is not None:
            res.discard()
            row = self._row(url, res, ctx, DUPLICATE)
            row.path = stored.path
            row.supersedes = prev.sha256 if prev else None
            self.manifest.append(row)
            self.stats.files_duplicate += 1
            return
        dest = self.folder / f"{safe_stem(res.final_url, res.content_disposition)}-{res.sha256[:12]}.{ext}"
        os.replace(res.temp_path, dest)
        res.temp_path = None
        _fsync_dir(self.folder)
        row = self._row(url, res, ctx, NEW)
        row.path = dest.relative_to(self.raw).as_posix()
        row.supersedes = prev.sha256 if prev else None
        self.manifest.append(row)
        self.stats.files_new += 1
        self.stats.new_paths.append(row.path)
        self.log.info("%s: stored %s (%d bytes) from %s", self.source.name, row.path, res.size, url)

    # -- rows ----------------------------------------------------------------------------------

    def _row(
        self, url: str, res: FetchResult | None, ctx: _LinkContext, outcome: str, kind: str = "file"
    ) -> ManifestRow:
        row = ManifestRow(
            source=self.source.name,
            url=url,
            final_url=res.final_url if res else url,
            fetched_at=utc_now(),
            outcome=outcome,
            kind=kind,
            title=ctx.title,
            link_text=ctx.text,
            listing_url=ctx.listing_url,
        )
        if res is not None:
            row.status = res.status
            row.content_type = res.content_type
            row.etag = res.etag
            row.last_modified = res.last_modified
            row.attempts = res.attempts
            if res.sha256 is not None:
                row.sha256 = res.sha256
                row.bytes = res.size
        return row

    def _record_failure(
        self,
        url: str,
        res: FetchResult | None,
        ctx: _LinkContext,
        reason: str,
        *,
        kind: str = "file",
        outcome: str = ERROR,
    ) -> None:
        """Record a failure, unless the URL is already in exactly this failed state."""
        row = self._row(url, res, ctx, outcome, kind=kind)
        row.reason = reason
        latest = self.manifest.latest(url)
        if (
            latest is not None
            and latest.outcome == outcome
            and latest.reason == reason
            and latest.sha256 == row.sha256
            and latest.status == row.status
        ):
            return
        self.manifest.append(row)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def crawl_source(
    source: Source,
    raw: Path,
    *,
    throttle: HostThrottle | None = None,
    backoff_s: float = 1.0,
    logger: Logger | None = None,
) -> CrawlStats:
    """Crawl one source into ``raw``; see :class:`SourceCrawler`."""
    return SourceCrawler(source, raw, throttle=throttle, backoff_s=backoff_s, logger=logger).run()


__all__ = ["CrawlStats", "Link", "SourceCrawler", "crawl_source"]
