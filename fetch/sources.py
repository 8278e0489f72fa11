"""Load and validate ``sources.yaml``: a YAML list of mappings, one per publishing site."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

DEFAULT_KEEP = (r"(?i)\.(pdf|docx?|xlsx?)([?#].*)?$",)
DEFAULT_MAX_PAGES = 50
DEFAULT_DELAY_S = 2.0
DEFAULT_TIMEOUT_S = 30.0
DEFAULT_MAX_BYTES = 200 * 1024 * 1024
DEFAULT_RETRIES = 3

_NAME_RE = re.compile(r"^[\w][\w.-]*$")  # \w is Unicode-aware: Chinese names are fine
_KNOWN_KEYS = {
    "name",
    "start_url",
    "follow",
    "keep",
    "max_pages",
    "delay_s",
    "timeout_s",
    "max_bytes",
    "retries",
    "allow_hosts",
}


class SourcesError(ValueError):
    """``sources.yaml`` is unreadable or invalid. The original error, if any, is ``__cause__``."""


@dataclass(frozen=True)
class Source:
    """One publishing site's report column."""

    name: str
    start_url: str
    follow: tuple[re.Pattern[str], ...] = ()
    keep: tuple[re.Pattern[str], ...] = field(default_factory=lambda: tuple(re.compile(p) for p in DEFAULT_KEEP))
    max_pages: int = DEFAULT_MAX_PAGES
    delay_s: float = DEFAULT_DELAY_S
    timeout_s: float = DEFAULT_TIMEOUT_S
    max_bytes: int = DEFAULT_MAX_BYTES
    retries: int = DEFAULT_RETRIES
    allow_hosts: frozenset[str] = frozenset()

    @property
    def host(self) -> str:
        return (urlsplit(self.start_url).hostname or "").lower()

    def host_allowed(self, url: str) -> bool:
        """Whether ``url`` is on the source's own host or one it explicitly allows."""
        host = (urlsplit(url).hostname or "").lower()
        return host == self.host or host in self.allow_hosts

    def wants_page(self, url: str) -> bool:
        return any(p.search(url) for p in self.follow)

    def wants_file(self, url: str) -> bool:
        return any(p.search(url) for p in self.keep)


def _patterns(value: Any, where: str, key: str) -> tuple[re.Pattern[str], ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SourcesError(f"{where}: '{key}' must be a regex or a list of regexes")
    out = []
    for v in value:
        try:
            out.append(re.compile(v))
        except re.error as exc:
            raise SourcesError(f"{where}: '{key}' has a bad regex {v!r}: {exc}") from exc
    return tuple(out)


def _number(entry: dict[str, Any], key: str, default: float, where: str, *, integer: bool) -> Any:
    value = entry.get(key, default)
    ok_type = int if integer else (int, float)
    if isinstance(value, bool) or not isinstance(value, ok_type) or value < 0:
        kind = "a non-negative integer" if integer else "a non-negative number"
        raise SourcesError(f"{where}: '{key}' must be {kind}, got {value!r}")
    return value if integer else float(value)


def parse_source(entry: Any, index: int) -> Source:
    """Validate one mapping of ``sources.yaml``."""
    where = f"source #{index + 1}"
    if not isinstance(entry, dict):
        raise SourcesError(f"{where}: expected a mapping, got {type(entry).__name__}")
    unknown = set(entry) - _KNOWN_KEYS
    if unknown:
        raise SourcesError(f"{where}: unknown key(s) {sorted(unknown)}")
    name = entry.get("name")
    if not isinstance(name, str) or not _NAME_RE.match(name):
        raise SourcesError(f"{where}: 'name' must be a folder-safe word (letters, digits, _ . -), got {name!r}")
    where = f"source {name!r}"
    start_url = entry.get("start_url")
    if not isinstance(start_url, str):
        raise SourcesError(f"{where}: 'start_url' must be an http(s) URL, got {start_url!r}")
    parts = urlsplit(start_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SourcesError(f"{where}: 'start_url' must be an http(s) URL, got {start_url!r}")
    allow = entry.get("allow_hosts", [])
    if not isinstance(allow, list) or not all(isinstance(h, str) for h in allow):
        raise SourcesError(f"{where}: 'allow_hosts' must be a list of host names")
    max_pages = _number(entry, "max_pages", DEFAULT_MAX_PAGES, where, integer=True)
    if max_pages < 1:
        raise SourcesError(f"{where}: 'max_pages' must be at least 1")
    return Source(
        name=name,
        start_url=start_url,
        follow=_patterns(entry.get("follow", []), where, "follow"),
        keep=_patterns(entry.get("keep", list(DEFAULT_KEEP)), where, "keep"),
        max_pages=max_pages,
        delay_s=_number(entry, "delay_s", DEFAULT_DELAY_S, where, integer=False),
        timeout_s=_number(entry, "timeout_s", DEFAULT_TIMEOUT_S, where, integer=False) or DEFAULT_TIMEOUT_S,
        max_bytes=_number(entry, "max_bytes", DEFAULT_MAX_BYTES, where, integer=True),
        retries=_number(entry, "retries", DEFAULT_RETRIES, where, integer=True),
        allow_hosts=frozenset(h.lower() for h in allow),
    )


def parse_sources(data: Any) -> list[Source]:
    """Validate the parsed YAML document (a list of mappings)."""
    if not isinstance(data, list) or not data:
        raise SourcesError("sources file must be a non-empty YAML list of mappings")
    sources = [parse_source(entry, i) for i, entry in enumerate(data)]
    names = [s.name for s in sources]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise SourcesError(f"duplicate source name(s): {dupes}")
    return sources


def load_sources(path: Path) -> list[Source]:
    """Read and validate ``sources.yaml``; raise :class:`SourcesError` on any problem."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourcesError(f"cannot read sources file {path}: {exc}") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise SourcesError(f"{path}: not valid YAML: {exc}") from exc
    try:
        return parse_sources(data)
    except SourcesError as exc:
        raise SourcesError(f"{path}: {exc}") from exc.__cause__
