"""The ``govperf`` command line: build, export, crawl, serve."""

from __future__ import annotations

import argparse
import fcntl
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flows.prefect_env import configure


def _print_summary(s: object) -> None:
    from dataset.summary import BuildSummary

    assert isinstance(s, BuildSummary)
    status = ", ".join(f"{k} {v}" for k, v in sorted(s.status.items()))
    print(f"documents: {s.documents} ({status}); pages: {s.pages}")
    print("rows: " + ", ".join(f"{k} {v}" for k, v in s.rows.items()))
    n_issues = s.rows.get("issues", 0)
    top = ", ".join(f"{k} {v}" for k, v in sorted(s.issues_by_rule.items(), key=lambda kv: -kv[1])[:8])
    print(f"issues found: {n_issues}" + (f" ({top})" if top else ""))
    if s.identities_checked:
        rate = s.identities_held / s.identities_checked
        print(f"statement identities: {s.identities_held} of {s.identities_checked} hold ({rate:.1%})")
    if s.indicator_names_raw:
        print(f"indicator names: {s.indicator_names_raw} as printed -> {s.indicator_names_canonical} canonical")
    print(f"dataset: {s.out}")


@contextmanager
def _one_run_at_a_time() -> Iterator[None]:
    """Embedded Prefect keeps its state in one SQLite file under PREFECT_HOME; two runs at once corrupt
    each other's run records, so a second build or crawl waits for the first."""
    home = Path(os.environ["PREFECT_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    with (home / "govperf.lock").open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("govperf: another build or crawl is running here; waiting for it", file=sys.stderr)
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def cmd_build(a: argparse.Namespace) -> int:
    from flows.build import run_build
    from model.errors import DatasetWriteError

    try:
        with _one_run_at_a_time():
            summary = run_build(Path(a.raw), Path(a.out), progress=not a.quiet)
    except DatasetWriteError as exc:
        print(f"govperf build: {exc}", file=sys.stderr)
        return 1
    _print_summary(summary)
    return 0


def cmd_export(a: argparse.Namespace) -> int:
    from dataset.export import ExportError, export_table

    out = Path(a.output) if a.output else Path(f"{a.table}.{a.format}")
    try:
        n = export_table(Path(a.curated), a.table, a.format, out, a.year, a.agency)
    except ExportError as exc:
        print(f"govperf export: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {n} rows to {out}")
    return 0


def cmd_crawl(a: argparse.Namespace) -> int:
    from flows.crawl import run_crawl

    with _one_run_at_a_time():
        return run_crawl(Path(a.sources), Path(a.raw), build=not a.no_build, out=Path(a.out))


def cmd_serve(a: argparse.Namespace) -> int:
    from flows.serve import serve_nightly

    serve_nightly(Path(a.sources), Path(a.raw))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="govperf", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build the curated dataset from every document under --raw")
    b.add_argument("--raw", default="data/raw", help="folder of source documents (default: data/raw)")
    b.add_argument("--out", default="data/curated", help="output folder (default: data/curated)")
    b.add_argument("--quiet", action="store_true", help="no progress bar")
    b.set_defaults(func=cmd_build)

    e = sub.add_parser("export", help="export one table as CSV (UTF-8 with BOM, for Excel) or xlsx")
    e.add_argument("table", help="documents, budgets, indicators, scores, narratives, facts or issues")
    e.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    e.add_argument("--year", type=int, help="only this fiscal year")
    e.add_argument("--agency", help="only agencies whose name contains this text")
    e.add_argument("-o", "--output", help="output file (default: TABLE.FORMAT in the current folder)")
    e.add_argument("--curated", default="data/curated", help="the dataset folder (default: data/curated)")
    e.set_defaults(func=cmd_export)

    c = sub.add_parser("crawl", help="fetch new reports from the sources, then build")
    c.add_argument("--sources", default="sources.yaml")
    c.add_argument("--raw", default="data/raw")
    c.add_argument("--out", default="data/curated")
    c.add_argument("--no-build", action="store_true", help="fetch only; do not rebuild the dataset")
    c.set_defaults(func=cmd_crawl)

    s = sub.add_parser("serve", help="register and serve the nightly crawl deployment (needs a Prefect server)")
    s.add_argument("--sources", default="sources.yaml")
    s.add_argument("--raw", default="data/raw")
    s.set_defaults(func=cmd_serve)
    return p


def main(argv: list[str] | None = None) -> int:
    configure()
    a = parser().parse_args(argv)
    return int(a.func(a))


if __name__ == "__main__":
    sys.exit(main())
