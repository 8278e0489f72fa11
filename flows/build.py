"""The ``build_dataset`` flow: every document under raw/ -> the curated dataset."""

from __future__ import annotations

from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from dataset.assemble import assemble
from dataset.store import write_dataset
from dataset.summary import BuildSummary, summarize
from extract.document import DocumentResult, read_document
from extract.sources.sniff import find_documents
from fetch.manifest import source_urls


@task(cache_policy=NO_CACHE, persist_result=False)
def discover(raw: Path) -> list[Path]:
    return find_documents(raw)


@task(cache_policy=NO_CACHE, persist_result=False)
def read_one(path: Path, source_url: str | None) -> DocumentResult:
    return read_document(path, source_url)


@task(cache_policy=NO_CACHE, persist_result=False)
def write(results: list[DocumentResult], out: Path) -> BuildSummary:
    assembled = assemble(results)
    write_dataset(assembled.tables, out)
    return summarize(assembled, results, out)


@flow(name="build_dataset", log_prints=False)
def build_dataset(
    raw: Path = Path("data/raw"), out: Path = Path("data/curated"), progress: bool = True
) -> BuildSummary:
    logger = get_run_logger()
    raw, out = Path(raw), Path(out)
    files = discover(raw)
    urls = source_urls(raw)
    logger.info("building %s from %d documents under %s", out, len(files), raw)
    results: list[DocumentResult] = []
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, disable=not progress, transient=True) as bar:
        job = bar.add_task("reading documents", total=len(files))
        for path in files:
            bar.update(job, description=f"reading {path.name[:40]}")
            res = read_one(path, urls.get(str(path.resolve())))
            if res.document.status != "ok":
                logger.warning("%s: %s%s", path.name, res.document.status,
                               f" ({res.document.error})" if res.document.error else "")
            results.append(res)
            bar.advance(job)
    summary = write(results, out)
    logger.info("wrote %s: %s", out, summary.rows)
    return summary


def run_build(raw: Path, out: Path, progress: bool = True) -> BuildSummary:
    """Run the flow (embedded Prefect) and return its summary; DatasetWriteError if nothing could be written."""
    return build_dataset(raw=raw, out=out, progress=progress)
