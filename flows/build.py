"""The ``build_dataset`` flow: every document under raw/ -> the curated dataset.

It wires four steps: plan (find the documents, refuse a build that would do harm), read
(every document in a worker process under a time and a memory limit), write (one new
snapshot, switched in at once) and summarize. The output's lock is held from plan to
write, so two builds into one dataset take turns whatever their PREFECT_HOME.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_link_artifact, create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from dataset.assemble import Totals, assemble_by_year, kept_copies
from dataset.companions import write_companions
from dataset.inputs import Inputs, plan_inputs, unchanged_build, write_inputs
from dataset.plan import BuildPlan, check_shrink, plan_build
from dataset.report import FILE_NAME as REPORT_FILE
from dataset.snapshots import SnapshotStore
from dataset.store import write_parts
from dataset.summary import BuildSummary, failed_documents_line, summarize, summary_markdown
from dataset.years import YearLedger, write_years
from extract.cache import DocumentCache, KeptResult
from extract.document import DocumentResult
from extract.pool import Job, Limits, OnResult, PendingReader, default_workers, read_documents, read_isolated
from fetch.manifest import source_urls
from model.errors import BuildFailed

# a Dask scheduler to read documents on (also --dask): tcp://host:8786
DASK_ADDRESS_ENV = "GOVPERF_DASK_ADDRESS"


@task(cache_policy=NO_CACHE, persist_result=False)
def plan(raw: Path, out: Path, force: bool) -> BuildPlan:
    return plan_build(raw, out, force=force)


def _jobs(p: BuildPlan, ocr: bool = True) -> list[Job]:
    urls = source_urls(p.raw)
    return [Job(path=f, source_url=urls.get(str(f.resolve())), ocr=ocr) for f in p.discovery.documents]


@contextmanager
def _reporting(total: int, progress: bool) -> Iterator[OnResult]:
    """The per-document callback: a log line for each document (failures at WARNING) and the progress bar."""
    logger = get_run_logger()
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, disable=not progress, transient=True) as bar, _console_quiet(progress):
        job_bar = bar.add_task("reading documents", total=total)

        def done(_i: int, job: Job, res: DocumentResult, seconds: float, cached: bool) -> None:
            d = res.document
            took = "from the cache" if cached else f"{seconds:.1f} s"
            line = f"{d.raw_path}: {d.status}, {d.pages} page(s), {took}"
            line += f" ({d.error})" if d.error else ""
            if d.status == "failed":
                logger.warning("%s", line)
                if progress:  # printed through the bar, so it stays whole
                    bar.console.print(f"[yellow]warning[/]: {line}", markup=True, highlight=False)
            else:
                logger.info("read %s", line)
            bar.update(job_bar, advance=1, description=f"read {job.path.name[:40]}")

        yield done


@task(cache_policy=NO_CACHE, persist_result=False)
def read_all(p: BuildPlan, workers: int, limits: Limits, progress: bool, cache: DocumentCache,
             ocr: bool = True) -> list[KeptResult]:
    """Every document, read on this machine by ``workers`` worker processes (or taken from the cache)."""
    jobs = _jobs(p, ocr)
    get_run_logger().info("reading %d documents under %s with %d worker(s)", len(jobs), p.raw, workers)
    with _reporting(len(jobs), progress) as done:
        return read_documents(jobs, workers=workers, limits=limits, on_result=done, cache=cache)


@task(cache_policy=NO_CACHE, persist_result=False, retries=0)
def read_one(job: Job, limits: Limits) -> DocumentResult:
    """One document, on whichever worker the flow's task runner chose (a Dask worker with --dask)."""
    return read_isolated(job, limits)


def _on_cluster(limits: Limits) -> PendingReader:
    """Read through the flow's task runner (prefect-dask's DaskTaskRunner): one task per document."""

    def read(pending: Sequence[Job], done: OnResult) -> None:
        started = time.monotonic()
        futures = {read_one.submit(job, limits): k for k, job in enumerate(pending)}
        for fut in as_completed(list(futures)):
            k = futures[fut]
            done(k, pending[k], fut.result(), time.monotonic() - started, False)

    return read


@task(cache_policy=NO_CACHE, persist_result=False)
def write(results: list[KeptResult], p: BuildPlan, force: bool, store: SnapshotStore,
          cache: DocumentCache, inputs: Inputs) -> BuildSummary:
    """Assemble and write the dataset one fiscal year at a time (rows loaded from the cache for it)."""
    documents = len(kept_copies((r.document.doc_id, r.document.raw_path) for r in results))
    check_shrink(p.current_documents, documents, out=p.out, raw=p.raw, force=force)
    totals = Totals()
    ledger = YearLedger.after(store.current() if cache.reuse else None,
                              f"{inputs.extractor}:{inputs.writer}:ocr={inputs.ocr}")

    def extras(staging: Path) -> None:
        write_companions(staging)
        write_inputs(staging, inputs)
        write_years(staging, ledger.written)

    snapshot = write_parts(assemble_by_year(results, totals, ledger=ledger), p.out, store, extras=extras)
    summary = summarize(totals, results, p.out, skipped=dict(p.discovery.skipped), from_cache=cache.hits)
    cache.drop_other_versions()
    _attach_artifacts(summary, snapshot)
    return summary


def _attach_artifacts(summary: BuildSummary, snapshot: Path) -> None:
    """The flow run's page shows the build's summary and links to the snapshot's quality report."""
    create_markdown_artifact(markdown=summary_markdown(summary, snapshot.name), key="build-summary",
                             description="what the build read and wrote")
    create_link_artifact(link=(snapshot / REPORT_FILE).resolve().as_uri(), link_text="quality report (report.html)",
                         key="quality-report", description=f"the report of snapshot {snapshot.name}")


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
    rebuild: bool = False,
    on_cluster: bool = False,
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
        cache = DocumentCache(store.cache_dir, reuse=not rebuild)
        inputs = plan_inputs(p, ocr)
        unchanged = unchanged_build(p, inputs, cache)
        if unchanged is not None:  # the same inputs as the current snapshot: it would be written again
            logger.info("inputs unchanged since snapshot %s: nothing read or written", store.current())
            return unchanged
        limits = Limits(seconds=doc_timeout_s, memory_mb=doc_memory_mb)
        if on_cluster:  # tasks are submitted from the flow itself, so they go to its (Dask) task runner
            jobs = _jobs(p, ocr)
            with _reporting(len(jobs), progress) as done:
                results = read_documents(jobs, workers=0, limits=limits, on_result=done, cache=cache,
                                         reader=_on_cluster(limits))
        else:
            results = read_all(p, n_workers, limits, progress, cache, ocr)
        logger.info("%d document(s) read, %d from the cache (extractor version %s)",
                    len(results) - cache.hits, cache.hits, cache.version)
        all_failed = failed_documents_line(results)
        if all_failed:
            raise BuildFailed(all_failed)
        summary = write(results, p, force, store, cache, inputs)
    logger.info("wrote %s: %s", out, summary.rows)
    return summary


def cluster_address(given: str | None) -> str | None:
    """The Dask scheduler to read on: the one given (--dask), else ``GOVPERF_DASK_ADDRESS``, else None."""
    return given or os.environ.get(DASK_ADDRESS_ENV) or None


def with_runner(address: str | None) -> Any:
    """The build flow, with prefect-dask's task runner on the cluster at ``address`` (see
    :func:`cluster_address`), or as it is."""
    if not address:
        return build_dataset
    from prefect_dask import DaskTaskRunner

    return build_dataset.with_options(task_runner=DaskTaskRunner(address=address))  # type: ignore[arg-type]


def run_build(raw: Path, out: Path, progress: bool = True, force: bool = False,
              workers: int | None = None, rebuild: bool = False, dask_address: str | None = None,
              ocr: bool = True) -> BuildSummary:
    """Run the flow (embedded Prefect) and return its summary; raises what failed the flow."""
    address = cluster_address(dask_address)
    summary: BuildSummary = with_runner(address)(raw=raw, out=out, progress=progress, force=force,
                                                 workers=workers, rebuild=rebuild, on_cluster=bool(address), ocr=ocr)
    return summary
