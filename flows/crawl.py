"""The Prefect flow ``crawl``: fetch new reports from every source, then build what is new.

Thin by design: the work is in :mod:`fetch`. ``run_crawl`` is what ``govperf crawl`` calls.
"""

from __future__ import annotations

import sys
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from fetch.crawler import crawl_source
from fetch.http_client import HostThrottle
from fetch.sources import Source, SourcesError, load_sources
from model.errors import CrawlFailed

DEFAULT_OUT = Path("data/curated")


@task(name="crawl-source", retries=0, cache_policy=NO_CACHE, persist_result=False)
def crawl_one(source: Source, raw: str, backoff_s: float = 1.0) -> dict[str, Any]:
    """Crawl one source (a task so each source shows up, and fails, on its own)."""
    return crawl_source(source, Path(raw), throttle=_THROTTLE, backoff_s=backoff_s, logger=get_run_logger()).as_dict()


# One throttle per process: sources that share a host still get one request at a time.
_THROTTLE = HostThrottle()


@flow(name="crawl", log_prints=False)
def crawl(
    sources: str = "sources.yaml",
    raw: str = "data/raw",
    build: bool = True,
    out: str = str(DEFAULT_OUT),
    backoff_s: float = 1.0,
) -> dict[str, Any]:
    """Crawl every source in ``sources`` into ``raw``; run the build if anything new was stored.

    A source that fails is logged (WARNING) and counted, never the end of the run; a run in which
    every source failed, or whose build failed, ends Failed (CrawlFailed), so the dashboard and the
    exit code show it.
    """
    log = get_run_logger()
    parsed = load_sources(Path(sources))  # SourcesError fails the flow run: nothing can be crawled
    summary: dict[str, Any] = {"sources": [], "failed_sources": [], "new_paths": [], "built": False}
    for source in parsed:
        try:
            stats = crawl_one(source, raw, backoff_s)
        except Exception as exc:  # one source's bug must not cost the others
            log.error("source %s failed: %s: %s", source.name, type(exc).__name__, exc)
            summary["failed_sources"].append(f"{source.name} ({type(exc).__name__}: {exc})")
            continue
        summary["sources"].append(stats)
        summary["new_paths"].extend(stats["new_paths"])
        if stats["failed"]:
            log.warning("source %s failed: %s", source.name, stats["first_error"])
            summary["failed_sources"].append(f"{source.name} ({stats['first_error']})")
    summary["closing"] = closing_line(len(parsed), summary["failed_sources"], len(summary["new_paths"]))
    if build and summary["new_paths"]:
        _build_new(raw, out, summary, log)
    if len(summary["failed_sources"]) == len(parsed) or summary.get("build_error"):
        log.error("%s", summary["closing"])
        raise CrawlFailed(summary["closing"])
    log.info("%s", summary["closing"])
    return summary


def closing_line(n_sources: int, failed: list[str], new_files: int) -> str:
    """One line for the end of a crawl: "5 of 5 sources failed: a (…), b (…)" or "crawl done: …"."""
    if failed:
        return f"{len(failed)} of {n_sources} sources failed: {'; '.join(failed)}; {new_files} new file(s)"
    return f"crawl done: {n_sources} source(s), {new_files} new file(s)"


def _build_new(raw: str, out: str, summary: dict[str, Any], log: Any) -> None:
    from flows.build import run_build  # lazy: the build is a separate feature

    log.info("building %s -> %s", raw, out)
    try:
        result = run_build(raw=Path(raw), out=Path(out), progress=False)
    except Exception as exc:  # the fetched files stay; the next run builds again
        log.error("build failed: %s: %s", type(exc).__name__, exc)
        summary["build_error"] = f"{type(exc).__name__}: {exc}"
        summary["closing"] += f"; the build failed: {exc}"
    else:
        summary["built"] = True
        summary["build"] = asdict(result) if is_dataclass(result) and not isinstance(result, type) else result


def run_crawl(
    sources: Path,
    raw: Path,
    build: bool = True,
    out: Path = DEFAULT_OUT,
) -> int:
    """Run the ``crawl`` flow; 0 on success, 2 if the sources file is unusable, 1 if every source or
    the build failed. The closing line is printed either way."""
    try:
        load_sources(sources)  # fail fast, before starting Prefect
    except SourcesError as exc:
        print(f"govperf crawl: {exc}", file=sys.stderr)
        return 2
    state = crawl(sources=str(sources), raw=str(raw), build=build, out=str(out), return_state=True)
    if state.is_failed():
        try:
            state.result()
        except CrawlFailed as exc:
            print(f"govperf crawl: {exc}", file=sys.stderr)
        except Exception as exc:
            print(f"govperf crawl: failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    summary = state.result()
    print(summary["closing"])
    return 0
