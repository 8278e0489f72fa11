"""The ``build_dataset`` flow: every document under raw/ -> the curated dataset.

It wires four steps: plan (find the documents, refuse a build that would do harm), read
(every document in a worker process under a time and a memory limit), write (one new
snapshot, switched in at once) and summarize. The output's lock is held from plan to
write, so two builds into one dataset take turns whatever their PREFECT_HOME.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from dataset.assemble import assemble
from dataset.plan import BuildPlan, check_shrink, plan_build
from dataset.snapshots import SnapshotStore
from dataset.store import write_dataset
from dataset.summary import BuildSummary, failed_documents_line, summarize
from extract.document import DocumentResult
from extract.pool import Job, Limits, default_workers, read_documents
from fetch.manifest import source_urls
from model.errors import BuildFailed


@task(cache_policy=NO_CACHE, persist_result=False)
def plan(raw: Path, out: Path, force: bool) -> BuildPlan:
    return plan_build(raw, out, force=force)


@task(cache_policy=NO_CACHE, persist_result=False)
def read_all(p: BuildPlan, workers: int, limits: Limits, progress: bool, ocr: bool = True) -> list[DocumentResult]:
    logger = get_run_logger()
    urls = source_urls(p.raw)
    jobs = [Job(path=f, source_url=urls.get(str(f.resolve())), ocr=ocr) for f in p.discovery.documents]
    logger.info("reading %d documents under %s with %d worker(s)", len(jobs), p.raw, workers)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, disable=not progress, transient=True) as bar, _console_quiet(progress):
        job_bar = bar.add_task("reading documents", total=len(jobs))

        def done(_i: int, job: Job, res: DocumentResult, seconds: float) -> None:
            d = res.document
            line = f"{d.raw_path}: {d.status}, {d.pages} page(s), {seconds:.1f} s"
            line += f" ({d.error})" if d.error else ""
            if d.status == "failed":
                logger.warning("%s", line)
                if progress:  # printed through the bar, so it stays whole
                    bar.console.print(f"[yellow]warning[/]: {line}", markup=True, highlight=False)
            else:
                logger.info("read %s", line)
            bar.update(job_bar, advance=1, description=f"read {job.path.name[:40]}")

        return read_documents(jobs, workers=workers, limits=limits, on_result=done)


@task(cache_policy=NO_CACHE, persist_result=False)
def write(results: list[DocumentResult], p: BuildPlan, force: bool, store: SnapshotStore) -> BuildSummary:
    assembled = assemble(results)
    check_shrink(p.current_documents, assembled.tables["documents"].num_rows, out=p.out, raw=p.raw, force=force)
    write_dataset(assembled.tables, p.out, store)
    return summarize(assembled, results, p.out, skipped=dict(p.discovery.skipped))


@contextmanager
def _console_quiet(active: bool) -> Iterator[None]:
    """While the progress bar is shown, Prefect's console handlers print errors only (the rest still goes
    to the log file and the API), so nothing tears the bar."""
    handlers = [h for h in logging.getLogger().handlers if type(h).__name__ == "PrefectConsoleHandler"]
    before = [h.level for h in handlers]
    if active:
        for h in handlers:
            h.setLevel(max(h.level, logging.ERROR))
    try:
        yield
    finally:
        for h, level in zip(handlers, before, strict=True):
            h.setLevel(level)


@flow(name="build_dataset", log_prints=False)
def build_dataset(
    raw: Path = Path("data/raw"),
    out: Path = Path("data/curated"),
    progress: bool = True,
    force: bool = False,
    workers: int | None = None,
    doc_timeout_s: float = Limits.seconds,
    doc_memory_mb: int = Limits.memory_mb,
    ocr: bool = True,
) -> BuildSummary:
    """Build ``out`` from ``raw``. Fails (BuildFailed) when every document failed, leaving ``out`` as it was."""
    logger = get_run_logger()
    raw, out = Path(raw), Path(out)
    store = SnapshotStore(out)
    with store.lock():
        leftovers = store.clean_leftovers()
        if leftovers:
            logger.warning("removed what an interrupted build left: %s", ", ".join(leftovers))
        p = plan(raw, out, force)
        n_workers = default_workers() if workers is None else workers
        results = read_all(p, n_workers, Limits(seconds=doc_timeout_s, memory_mb=doc_memory_mb), progress,
                           ocr)
        all_failed = failed_documents_line(results)
        if all_failed:
            raise BuildFailed(all_failed)
        summary = write(results, p, force, store)
    logger.info("wrote %s: %s", out, summary.rows)
    return summary


def run_build(raw: Path, out: Path, progress: bool = True, force: bool = False,
              workers: int | None = None) -> BuildSummary:
    """Run the flow (embedded Prefect) and return its summary; raises what failed the flow."""
    return build_dataset(raw=raw, out=out, progress=progress, force=force, workers=workers)
