"""The polite HTTP client.

- one request at a time per host, with a delay between requests (:class:`HostThrottle`);
- retries with exponential back-off on 5xx responses and timeouts only;
- a size cap per response, checked on Content-Length and while streaming;
- redirects followed by hand, each hop vetted by the caller (host policy, robots.txt), loops and
  over-long chains refused;
- conditional requests (the caller passes If-None-Match / If-Modified-Since);
- downloads streamed into a hidden temp file in the destination folder; the caller moves it into
  place with :func:`os.replace` (or it is removed on any failure, including interrupts).

Problems with a URL are returned as :attr:`FetchResult.error`, never raised.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Self
from urllib.parse import urljoin

import httpx

from fetch.html_links import quote_url

USER_AGENT = "govperf-crawler/0.1 (+https://github.com/govperf/govperf; budget report archiving)"
REDIRECT_STATUSES = (301, 302, 303, 307, 308)
TEMP_PREFIX = ".part-"
MAX_REDIRECTS = 10
HEAD_BYTES = 2048

RedirectCheck = Callable[[str], str | None]
"""Given a redirect target, return ``None`` to follow it or a reason to refuse it."""


class HostThrottle:
    """One request at a time per host, at least ``delay_s`` apart (shared by all clients)."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._last: dict[str, float] = {}

    def _lock(self, host: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(host, threading.Lock())

    def acquire(self, host: str, delay_s: float, sleep: Callable[[float], None] = time.sleep) -> None:
        self._lock(host).acquire()
        last = self._last.get(host)
        if last is not None:
            wait = last + delay_s - time.monotonic()
            if wait > 0:
                sleep(wait)

    def release(self, host: str) -> None:
        self._last[host] = time.monotonic()
        self._lock(host).release()


@dataclass
class FetchResult:
    """Outcome of one GET (after redirects and retries)."""

    url: str
    final_url: str
    status: int | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_disposition: str | None = None
    location: str | None = None  # redirect target, while following redirects
    body: bytes | None = None  # in-memory fetches
    temp_path: Path | None = None  # downloads: hidden temp file, caller must os.replace or unlink
    head: bytes = b""  # first bytes, for type sniffing
    sha256: str | None = None
    size: int = 0
    attempts: int = 0
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.status == 200

    @property
    def not_modified(self) -> bool:
        return self.error is None and self.status == 304

    def discard(self) -> None:
        """Remove the temp file of a download that is not kept."""
        if self.temp_path is not None:
            self.temp_path.unlink(missing_ok=True)
            self.temp_path = None


class _TooLarge(Exception):
    pass


class _Deadline(Exception):
    pass


class PoliteClient:
    """Sequential, rate-limited GETs. One instance per source (settings differ per source)."""

    def __init__(
        self,
        *,
        delay_s: float = 2.0,
        timeout_s: float = 30.0,
        retries: int = 3,
        backoff_s: float = 1.0,
        max_bytes: int = 200 * 1024 * 1024,
        throttle: HostThrottle | None = None,
        user_agent: str = USER_AGENT,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.delay_s = delay_s
        self.timeout_s = timeout_s
        self.retries = retries
        self.backoff_s = backoff_s
        self.max_bytes = max_bytes
        self.throttle = throttle or HostThrottle()
        self.sleep = sleep
        self.requests_made = 0
        self._client = httpx.Client(
            follow_redirects=False,
            timeout=httpx.Timeout(timeout_s),
            headers={"User-Agent": user_agent, "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5"},
            transport=transport,
            trust_env=False,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- public -------------------------------------------------------------------------------

    def get(
        self,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        dest_dir: Path | None = None,
        redirect_check: RedirectCheck | None = None,
        max_bytes: int | None = None,
    ) -> FetchResult:
        """GET ``url``, following vetted redirects; stream to ``dest_dir`` if given, else memory."""
        result = FetchResult(url=url, final_url=url)
        seen = [url]
        current = url
        cap = self.max_bytes if max_bytes is None else max_bytes
        while True:
            hop = self._get_with_retries(current, headers or {}, dest_dir, cap)
            hop.url = url
            hop.attempts += result.attempts
            result = hop
            if result.error is not None or result.status not in REDIRECT_STATUSES:
                return result
            location = result.location
            if not location:
                result.error = f"redirect {result.status} without a Location header"
                return result
            target = quote_url(urljoin(current, location))
            if target in seen:
                result.error = "redirect loop: " + " -> ".join([*seen, target])
                return result
            if len(seen) > MAX_REDIRECTS:
                result.error = f"too many redirects (> {MAX_REDIRECTS})"
                return result
            if redirect_check is not None:
                refusal = redirect_check(target)
                if refusal:
                    result.error = f"redirect to {target} refused: {refusal}"
                    result.final_url = target
                    return result
            seen.append(target)
            current = target

    # -- internals -----------------------------------------------------------------------------

    def _get_with_retries(self, url: str, headers: Mapping[str, str], dest_dir: Path | None, cap: int) -> FetchResult:
        attempts = 0
        while True:
            attempts += 1
            result, retryable = self._fetch_once(url, headers, dest_dir, cap)
            result.attempts = attempts
            if not retryable or attempts > self.retries:
                if retryable and attempts > 1 and result.error:
                    result.error = f"{result.error} (after {attempts} attempts)"
                return result
            result.discard()
            self.sleep(self.backoff_s * (2 ** (attempts - 1)))

    def _fetch_once(
        self, url: str, headers: Mapping[str, str], dest_dir: Path | None, cap: int
    ) -> tuple[FetchResult, bool]:
        """One request. Returns the result and whether it is worth retrying (5xx, timeout)."""
        result = FetchResult(url=url, final_url=url)
        host = httpx.URL(url).host
        self.throttle.acquire(host, self.delay_s, self.sleep)
        try:
            self.requests_made += 1
            with self._client.stream("GET", url, headers=dict(headers)) as resp:
                result.status = resp.status_code
                result.final_url = url
                result.content_type = resp.headers.get("content-type")
                result.etag = resp.headers.get("etag")
                result.last_modified = resp.headers.get("last-modified")
                result.content_disposition = resp.headers.get("content-disposition")
                if resp.status_code in REDIRECT_STATUSES:
                    result.location = resp.headers.get("location")
                    return result, False
                if resp.status_code >= 500:
                    result.error = f"http {resp.status_code}"
                    return result, True
                if resp.status_code == 304:
                    return result, False
                if resp.status_code != 200:
                    result.error = f"http {resp.status_code}"
                    return result, False
                declared = resp.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > cap:
                    result.error = f"too large: Content-Length {declared} > cap {cap} bytes"
                    return result, False
                self._read_body(resp, result, dest_dir, cap)
                encoded = resp.headers.get("content-encoding", "identity").lower() not in ("", "identity")
                if declared and declared.isdigit() and not encoded and result.size != int(declared):
                    result.discard()
                    result.body = None
                    result.error = f"truncated: got {result.size} of {declared} bytes"
                    return result, False
                return result, False
        except _TooLarge:
            result.error = f"too large: more than {cap} bytes"
            return result, False
        except (httpx.TimeoutException, _Deadline):
            result.error = "timeout"
            return result, True
        except (httpx.RemoteProtocolError, httpx.ReadError) as exc:
            result.error = f"truncated or broken response: {exc}"
            return result, False
        except httpx.HTTPError as exc:
            result.error = f"connection failed: {type(exc).__name__}: {exc}"
            return result, False
        finally:
            if result.error:
                result.discard()
            self.throttle.release(host)

    def _read_body(self, resp: httpx.Response, result: FetchResult, dest_dir: Path | None, cap: int) -> None:
        deadline = time.monotonic() + max(60.0, self.timeout_s * 20)
        digest = hashlib.sha256()
        head = bytearray()
        size = 0
        if dest_dir is None:
            chunks: list[bytes] = []
            for chunk in resp.iter_bytes():
                size += len(chunk)
                if size > cap:
                    raise _TooLarge
                if time.monotonic() > deadline:
                    raise _Deadline
                chunks.append(chunk)
                digest.update(chunk)
            result.body = b"".join(chunks)
            head = bytearray(result.body[:HEAD_BYTES])
        else:
            dest_dir.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(dir=dest_dir, prefix=TEMP_PREFIX, suffix=".tmp")
            result.temp_path = Path(name)
            try:
                with os.fdopen(fd, "wb") as fh:
                    for chunk in resp.iter_bytes():
                        size += len(chunk)
                        if size > cap:
                            raise _TooLarge
                        if time.monotonic() > deadline:
                            raise _Deadline
                        if len(head) < HEAD_BYTES:
                            head.extend(chunk[: HEAD_BYTES - len(head)])
                        fh.write(chunk)
                        digest.update(chunk)
                    fh.flush()
                    os.fsync(fh.fileno())
            except BaseException:
                # anything, including KeyboardInterrupt: never leave a half-written file behind
                result.discard()
                raise
        result.size = size
        result.head = bytes(head)
        result.sha256 = digest.hexdigest()


def remove_stale_temp_files(folder: Path) -> int:
    """Delete temp files left by a crawl that was killed mid-download; return how many."""
    if not folder.is_dir():
        return 0
    n = 0
    for p in folder.glob(f"{TEMP_PREFIX}*.tmp"):
        p.unlink(missing_ok=True)
        n += 1
    return n
