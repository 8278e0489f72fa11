"""SQL over the dataset (duckdb): every table is a view of the same name.

The views read one snapshot (the link is resolved once, so a build switching snapshots meanwhile
does not mix two datasets in one query) and give ``fiscal_year`` as INTEGER, as in the files'
schema (duckdb would read the Hive partition as BIGINT otherwise)::

    govperf sql "SELECT agency, fiscal_year, rate FROM execution WHERE scope = 'department'"
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from model.errors import GovperfError
from model.schema import TABLES


class SqlError(GovperfError):
    """The query cannot be run (no dataset, or duckdb refused it); the message says why."""


def view_sql(table: str, folder: Path) -> str:
    """The statement that makes ``table`` a view of its Parquet files under ``folder``."""
    files = str(folder / table / "*" / "*.parquet").replace("'", "''")
    return (f"CREATE OR REPLACE VIEW {table} AS SELECT * FROM read_parquet('{files}', "
            "hive_partitioning = true, hive_types = {'fiscal_year': INTEGER})")


def connect(curated: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory duckdb with a view per table of the dataset ``curated`` shows now."""
    folder = Path(curated).resolve()
    if not (folder / "documents").is_dir():
        raise SqlError(f"{curated} holds no dataset: run `govperf build` first")
    con = duckdb.connect()
    for table in TABLES:
        if any((folder / table).glob("*/*.parquet")):
            con.execute(view_sql(table, folder))
    return con


def query(curated: Path, sql: str) -> pd.DataFrame:
    """The result of ``sql`` over the dataset as a DataFrame."""
    con = connect(curated)
    try:
        return con.execute(sql).df()
    except duckdb.Error as exc:
        raise SqlError(str(exc).strip()) from exc
    finally:
        con.close()
