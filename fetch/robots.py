"""robots.txt, fetched once per host per crawl and obeyed.

Per RFC 9309: a missing robots.txt (4xx) allows everything; one that cannot be fetched
(5xx, timeout, connection failure) means the host is treated as fully disallowed for this run.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from fetch.http_client import PoliteClient

ROBOTS_MAX_BYTES = 512 * 1024
AGENT_TOKEN = "govperf-crawler"


@dataclass
class HostRules:
    parser: RobotFileParser | None  # None: no rules (allow all)
    unreachable: str | None = None  # set when robots.txt could not be fetched (disallow all)


def parse_robots(text: str) -> RobotFileParser:
    parser = RobotFileParser()
    parser.parse(text.splitlines())
    return parser


class RobotsPolicy:
    """Caches robots.txt per scheme+host; :meth:`refusal` says why a URL may not be fetched."""

    def __init__(self, client: PoliteClient, agent: str = AGENT_TOKEN) -> None:
        self.client = client
        self.agent = agent
        self._rules: dict[str, HostRules] = {}

    def _rules_for(self, url: str) -> HostRules:
        parts = urlsplit(url)
        key = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        if key not in self._rules:
            self._rules[key] = self._fetch(key + "/robots.txt")
        return self._rules[key]

    def _fetch(self, robots_url: str) -> HostRules:
        result = self.client.get(robots_url, max_bytes=ROBOTS_MAX_BYTES)
        status = result.status
        if result.ok and result.body is not None:
            return HostRules(parse_robots(result.body.decode("utf-8", errors="replace")))
        if status is not None and 400 <= status < 500:
            return HostRules(None)
        return HostRules(None, unreachable=result.error or f"http {status}")

    def refusal(self, url: str) -> str | None:
        """``None`` if robots.txt allows ``url``, else the reason it is not fetched."""
        rules = self._rules_for(url)
        if rules.unreachable:
            return f"robots.txt unreachable ({rules.unreachable})"
        if rules.parser is not None and not rules.parser.can_fetch(self.agent, url):
            return "disallowed by robots.txt"
        return None

    def crawl_delay(self, url: str) -> float | None:
        rules = self._rules_for(url)
        if rules.parser is None:
            return None
        delay = rules.parser.crawl_delay(self.agent)
        return float(delay) if delay is not None else None
