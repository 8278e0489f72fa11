"""The ``govperf`` command line: build, export, sql, report, crawl, serve, snapshots.

Exit codes: 0 done; 1 the run failed (every document or every source failed, the dataset
could not be written); 2 nothing was done because the input was wrong or the command would
do harm (a --raw that does not exist or holds no document, a build that would shrink the
dataset, an export filter that matches nothing, a bad sources file).
"""

from __future__ import annotations

import argparse
import fcntl
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flows.prefect_env import configure
from model.version import __version__

EXIT_OK, EXIT_FAILED, EXIT_REFUSED = 0, 1, 2

EPILOG = """examples:
  govperf build --raw data/raw --out data/curated
  govperf export indicators -o indicators.xlsx --year 2020 --year 2021
  govperf export budgets -o - --agency 公安 | head
  govperf sql "SELECT agency, fiscal_year, unit, rate FROM execution ORDER BY rate"
  govperf report -o report.html
  govperf crawl --sources sources.yaml
  govperf snapshots --rollback 20261201T020000.123456Z-3f9a1c

exit codes: 0 done; 1 the run failed; 2 refused (bad input, or it would do harm; nothing written)
"""


def _print_summary(s: Any) -> None:
    status = ", ".join(f"{k} {v}" for k, v in sorted(s.status.items()))
    print(f"documents: {s.documents} ({status}); pages: {s.pages}")
    print(f"read: {s.read} document(s), {s.from_cache} from the cache")
    if s.skipped:
        print("skipped files: " + ", ".join(f"{v} {k}" for k, v in s.skipped.items()))
    print("rows: " + ", ".join(f"{k} {v}" for k, v in s.rows.items()))
    n_issues = s.rows.get("issues", 0)
    top = ", ".join(f"{k} {v}" for k, v in sorted(s.issues_by_rule.items(), key=lambda kv: -kv[1])[:8])
    print(f"issues found: {n_issues}" + (f" ({top})" if top else ""))
    if s.identities_checked:
        rate = s.identities_held / s.identities_checked
        print(f"statement identities: {s.identities_held} of {s.identities_checked} hold ({rate:.1%})")
    if s.ocr_pages and s.unchanged:
        print(f"OCR: {s.ocr_pages} page(s) without a text layer, read by an earlier build")
    elif s.ocr_pages:
        print(f"OCR: {s.ocr_pages} page(s) without a text layer read in {s.ocr_seconds:.1f} CPU-s "
              f"({s.ocr_seconds / s.ocr_pages:.1f} s a page)")
    if s.indicator_names_raw:
        print(f"indicator names: {s.indicator_names_raw} as printed -> {s.indicator_names_canonical} canonical")
    for line in s.failed[:10]:
        print(f"failed: {line}")
    if len(s.failed) > 10:
        print(f"failed: … and {len(s.failed) - 10} more (see the issues table)")
    if s.unchanged:
        print(f"dataset: {s.out} (unchanged: its inputs are the ones it was built from; nothing written)")
    else:
        print(f"dataset: {s.out}")


@contextmanager
def _one_run_at_a_time() -> Iterator[None]:
    """Embedded Prefect keeps its state in one SQLite file under PREFECT_HOME; two runs at once corrupt
    each other's run records, so a second build or crawl with the same PREFECT_HOME waits for the first.
    (Writers of one dataset are serialised by the dataset's own lock, whatever their PREFECT_HOME.)"""
    home = Path(os.environ["PREFECT_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    with (home / "govperf.lock").open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("govperf: another build or crawl is running with this PREFECT_HOME; waiting for it",
                  file=sys.stderr)
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _unchanged(p: Any, ocr: bool) -> Any:
    """The current snapshot's summary when the build's inputs are those it was built from, else None."""
    from dataset.inputs import plan_inputs, unchanged_build
    from dataset.snapshots import SnapshotStore
    from extract.cache import DocumentCache

    store = SnapshotStore(p.out)
    with store.lock():
        return unchanged_build(p, plan_inputs(p, ocr), DocumentCache(store.cache_dir))


def cmd_build(a: argparse.Namespace) -> int:
    from dataset.plan import plan_build
    from model.errors import BuildRefused, DatasetWriteError, GovperfError, RawFolderError

    try:  # before Prefect starts: a typo costs a second, not a server start-up
        p = plan_build(Path(a.raw), Path(a.out), force=a.force)
    except (RawFolderError, BuildRefused, DatasetWriteError) as exc:
        print(f"govperf build: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    unchanged = None if a.rebuild else _unchanged(p, ocr=not a.no_ocr)
    if unchanged is not None:  # nothing to read or write: no Prefect server either
        _print_summary(unchanged)
        return EXIT_OK
    from flows.build import cluster_address, with_runner

    dask = cluster_address(a.dask)
    with _one_run_at_a_time():
        state = with_runner(dask)(raw=Path(a.raw), out=Path(a.out), progress=not a.quiet and sys.stderr.isatty(),
                                  force=a.force, workers=a.workers, doc_timeout_s=a.doc_timeout,
                                  doc_memory_mb=a.doc_memory, rebuild=a.rebuild, on_cluster=bool(dask),
                                  ocr=not a.no_ocr, return_state=True)
    try:
        summary = state.result()
    except (RawFolderError, BuildRefused) as exc:  # the raw folder changed since the check above
        print(f"govperf build: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except GovperfError as exc:  # BuildFailed, DatasetWriteError, WorkerStartError
        print(f"govperf build: {exc}; the dataset was not changed", file=sys.stderr)
        return EXIT_FAILED
    _print_summary(summary)
    return EXIT_OK


def cmd_export(a: argparse.Namespace) -> int:
    from dataset.export import ExportError, export_table, format_for

    try:
        fmt = a.format or format_for(a.output)
        out = a.output or f"{a.table}.{fmt}"
        n = export_table(Path(a.curated), a.table, fmt, out, years=a.year, agencies=a.agency)
    except ExportError as exc:  # NoRowsError included: the message names what the table holds
        print(f"govperf export: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    if out != "-":
        print(f"wrote {n} rows to {out}", file=sys.stderr if a.quiet else sys.stdout)
    return EXIT_OK


def cmd_sql(a: argparse.Namespace) -> int:
    from dataset.export import ExportError, format_for, write_frame
    from dataset.sql import SqlError, query

    try:
        df = query(Path(a.curated), a.query)
        if a.output:
            fmt = a.format or _sql_format(a.output, format_for)
            n = write_frame(df, fmt, a.output, sheet="query", columns=[(str(c), str(t), "") for c, t in
                                                                        df.dtypes.items()])
            if a.output != "-":
                print(f"wrote {n} rows to {a.output}", file=sys.stderr if a.quiet else sys.stdout)
            return EXIT_OK
    except (SqlError, ExportError) as exc:
        print(f"govperf sql: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    import pandas as pd

    with pd.option_context("display.max_rows", a.max_rows, "display.min_rows", a.max_rows, "display.width", 200,
                           "display.max_columns", 50, "display.max_colwidth", 40):
        print(df.to_string(index=False, max_rows=a.max_rows) if len(df) else "(no rows)")
    if len(df) > a.max_rows:
        print(f"({len(df)} rows; -o FILE writes them all)")
    return EXIT_OK


def _sql_format(output: str, format_for: Any) -> str:
    return "parquet" if output.lower().endswith(".parquet") else str(format_for(output))


def cmd_report(a: argparse.Namespace) -> int:
    from dataset.report import write_report

    if not (Path(a.curated) / "documents").is_dir():
        print(f"govperf report: {a.curated} holds no dataset: run `govperf build` first", file=sys.stderr)
        return EXIT_REFUSED
    out = write_report(Path(a.curated), Path(a.output))
    print(f"wrote {out}", file=sys.stderr if a.quiet else sys.stdout)
    return EXIT_OK


def cmd_crawl(a: argparse.Namespace) -> int:
    from flows.crawl import run_crawl

    with _one_run_at_a_time():
        return run_crawl(Path(a.sources), Path(a.raw), build=not a.no_build, out=Path(a.out))


def cmd_serve(a: argparse.Namespace) -> int:
    from flows.serve import serve_nightly

    serve_nightly(Path(a.sources), Path(a.raw))
    return EXIT_OK


def cmd_snapshots(a: argparse.Namespace) -> int:
    from dataset.snapshots import SnapshotStore
    from model.errors import DatasetWriteError

    store = SnapshotStore(Path(a.out))
    if a.rollback:
        try:
            with store.lock():
                snap = store.switch_to(a.rollback)
        except DatasetWriteError as exc:
            print(f"govperf snapshots: {exc}", file=sys.stderr)
            return EXIT_REFUSED
        print(f"{a.out} now shows snapshot {snap.name}")
        return EXIT_OK
    snaps = store.snapshots()
    if not snaps:
        print(f"no snapshots of {a.out} yet", file=sys.stderr)
        return EXIT_OK
    for s in snaps:
        print(("* " if s.current else "  ") + s.id)
    return EXIT_OK


def _build_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    b = sub.add_parser("build", parents=[common], help="build the curated dataset from every document under --raw",
                       epilog="A build never replaces a dataset with one of under half its documents unless "
                              "--force is given. Each document is read in a worker process under --doc-timeout "
                              "and --doc-memory; one that exceeds them is recorded as failed.")
    b.add_argument("--raw", default="data/raw", help="folder of source documents (default: %(default)s)")
    b.add_argument("--out", default="data/curated", help="the dataset folder (default: %(default)s)")
    b.add_argument("--force", action="store_true",
                   help="replace the dataset even if the new one has far fewer documents")
    b.add_argument("--rebuild", action="store_true",
                   help="read every document again, ignoring the rows kept from earlier builds")
    b.add_argument("--workers", type=int, default=None,
                   help="worker processes reading documents (default: one per core; 0: read in this process, "
                        "without limits)")
    b.add_argument("--dask", metavar="ADDRESS",
                   help="read the documents on a Dask cluster (tcp://host:8786; also GOVPERF_DASK_ADDRESS)")
    b.add_argument("--doc-timeout", type=float, default=600.0, metavar="SECONDS",
                   help="time limit for reading one document (default: %(default)s)")
    b.add_argument("--doc-memory", type=int, default=2048, metavar="MB",
                   help="memory limit of the worker reading one document (default: %(default)s)")
    b.add_argument("--no-ocr", action="store_true",
                   help="do not OCR pages without a text layer (scans): they only get a scanned_page warning")
    b.set_defaults(func=cmd_build)


def _export_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    e = sub.add_parser("export", parents=[common], formatter_class=argparse.RawDescriptionHelpFormatter,
                       help="export one table as CSV (UTF-8 with BOM, for Excel) or xlsx",
                       epilog="examples:\n  govperf export execution -o execution.xlsx\n"
                              "  govperf export indicators -o ind.csv --year 2020 --agency 公安\n\n"
                              "exit codes: 0 done; 2 unknown table or format, no dataset, or no row matches")
    e.add_argument("table", help="documents, budgets, indicators, scores, narratives, facts, issues, execution or "
                                 "indicator_results")
    e.add_argument("--format", choices=("csv", "xlsx"), default=None,
                   help="csv or xlsx (default: from the extension of -o, else csv)")
    e.add_argument("--year", type=int, action="append",
                   help="only this fiscal year (repeat for several: --year 2020 --year 2021)")
    e.add_argument("--agency", action="append",
                   help="only agencies whose name contains this text (repeat for several)")
    e.add_argument("-o", "--output", help="output file, or - for standard output (default: TABLE.FORMAT here)")
    e.add_argument("--curated", default="data/curated", help="the dataset folder (default: %(default)s)")
    e.set_defaults(func=cmd_export)


def _reader_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    fmt = argparse.RawDescriptionHelpFormatter
    q = sub.add_parser("sql", parents=[common], formatter_class=fmt,
                       help="run a SQL query (duckdb) over the dataset; print the result or write it to a file",
                       epilog="Every table is a view of its name (documents, budgets, indicators, scores, narratives, "
                              "facts, issues, execution, indicator_results); fiscal_year is an INTEGER.\n\n"
                              "examples:\n"
                              "  govperf sql \"SELECT agency, fiscal_year, unit, rate FROM execution\"\n"
                              "  govperf sql \"SELECT rule, count(*) n FROM issues GROUP BY rule\" -o rules.xlsx\n"
                              "  govperf sql \"SELECT * FROM indicator_results WHERE NOT met\" -o short.csv\n\n"
                              "exit codes: 0 done; 2 the query failed or there is no dataset (the message says why)")
    q.add_argument("query", help="the SQL query, in quotes")
    q.add_argument("-o", "--output", help="write the result to this file (.csv, .xlsx, .parquet; - for CSV on "
                                          "standard output) instead of printing it")
    q.add_argument("--format", choices=("csv", "xlsx", "parquet"), default=None,
                   help="format of -o (default: from its extension)")
    q.add_argument("--max-rows", type=int, default=50, help="rows printed at most (default: %(default)s)")
    q.add_argument("--curated", default="data/curated", help="the dataset folder (default: %(default)s)")
    q.set_defaults(func=cmd_sql)

    r = sub.add_parser("report", parents=[common], formatter_class=fmt,
                       help="write the quality report of the dataset: one HTML page, plots included",
                       epilog="Every build also writes it into the dataset (data/curated/report.html).\n\n"
                              "examples:\n  govperf report -o report.html\n"
                              "  govperf report --curated /srv/govperf/curated -o /tmp/report.html\n\n"
                              "exit codes: 0 done; 2 there is no dataset")
    r.add_argument("-o", "--output", default="govperf-report.html",
                   help="the HTML file to write (default: %(default)s)")
    r.add_argument("--curated", default="data/curated", help="the dataset folder (default: %(default)s)")
    r.set_defaults(func=cmd_report)


def _crawl_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    c = sub.add_parser("crawl", parents=[common], help="fetch new reports from the sources, then build",
                       epilog="Exit 1 when every source failed or the build failed (the flow run is Failed).")
    c.add_argument("--sources", default="sources.yaml", help="the sources file (default: %(default)s)")
    c.add_argument("--raw", default="data/raw", help="where fetched files are kept (default: %(default)s)")
    c.add_argument("--out", default="data/curated", help="the dataset folder (default: %(default)s)")
    c.add_argument("--no-build", action="store_true", help="fetch only; do not rebuild the dataset")
    c.set_defaults(func=cmd_crawl)

    s = sub.add_parser("serve", parents=[common],
                       help="register and serve the nightly crawl deployment (needs a Prefect server: make serve)")
    s.add_argument("--sources", default="sources.yaml", help="the sources file (default: %(default)s)")
    s.add_argument("--raw", default="data/raw", help="where fetched files are kept (default: %(default)s)")
    s.set_defaults(func=cmd_serve)

    n = sub.add_parser("snapshots", parents=[common], help="list the dataset's snapshots, or roll back to one")
    n.add_argument("--out", default="data/curated", help="the dataset folder (default: %(default)s)")
    n.add_argument("--rollback", metavar="ID", help="make this snapshot the one readers see")
    n.set_defaults(func=cmd_snapshots)


def _common() -> argparse.ArgumentParser:
    """-v and -q, accepted before or after the command (govperf -q build, govperf build -q)."""
    c = argparse.ArgumentParser(add_help=False)
    c.add_argument("-v", "--verbose", action="count", default=argparse.SUPPRESS,
                   help="show Prefect's and each document's log lines (-vv: debug)")
    c.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS,
                   help="no progress bar: errors and the summary only")
    return c


def parser() -> argparse.ArgumentParser:
    common = _common()
    p = argparse.ArgumentParser(prog="govperf", description=__doc__.splitlines()[0], epilog=EPILOG,
                                formatter_class=argparse.RawDescriptionHelpFormatter, parents=[common])
    p.add_argument("--version", action="version", version=f"govperf {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _build_parser(sub, common)
    _export_parser(sub, common)
    _reader_parsers(sub, common)
    _crawl_parsers(sub, common)
    return p


def main(argv: list[str] | None = None) -> int:
    a = parser().parse_args(argv)
    a.quiet, a.verbose = getattr(a, "quiet", False), getattr(a, "verbose", 0)
    configure(-1 if a.quiet else a.verbose)  # before Prefect is imported
    return int(a.func(a))


if __name__ == "__main__":
    sys.exit(main())
