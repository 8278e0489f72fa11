"""Write the curated dataset atomically and idempotently.

Every table is written to a staging folder beside the output, then swapped into
place with renames, so a reader sees the old table or the new one, never half of
one. Rows are sorted by fixed keys and files named deterministically, so building
the same inputs twice gives the same files.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from model.errors import DatasetWriteError
from model.schema import SORT_KEYS, TABLES

PARTITION = "fiscal_year"


def to_arrow(table: str, rows: Iterable[Mapping[str, Any]]) -> pa.Table:
    """Rows (dicts or dataclasses) -> a pyarrow table of ``table``'s schema, sorted by its keys."""
    schema = TABLES[table]
    dicts = [dataclasses.asdict(r) if dataclasses.is_dataclass(r) else dict(r) for r in rows]  # type: ignore[arg-type]
    cols = {f.name: [d.get(f.name) for d in dicts] for f in schema}
    t = pa.Table.from_pydict(cols, schema=schema)
    if not t.num_rows:
        return t
    keys = [(k, "ascending", "at_start") for k in SORT_KEYS[table]]
    order = pc.sort_indices(t, options=pc.SortOptions(keys))
    return t.take(order)


def _write_table(t: pa.Table, folder: Path) -> None:
    folder.mkdir(parents=True)
    years = sorted(set(t.column(PARTITION).to_pylist())) or [0]
    file_schema = t.schema.remove(t.schema.get_field_index(PARTITION))
    for y in years:
        part = t.filter(pc.equal(t.column(PARTITION), pa.scalar(y, pa.int32()))) if t.num_rows else t
        part = part.drop_columns([PARTITION]).cast(file_schema)
        d = folder / f"{PARTITION}={y}"
        d.mkdir()
        pq.write_table(part, d / "part-0.parquet", compression="zstd")


def write_dataset(tables: Mapping[str, pa.Table], out: Path) -> None:
    """Write every table under ``out/<table>/fiscal_year=Y/part-0.parquet``, swapping atomically."""
    out = Path(out)
    staging = out / f".staging-{uuid.uuid4().hex}"
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, t in tables.items():
            if name not in TABLES:
                raise DatasetWriteError(f"unknown table {name!r}")
            _write_table(t, staging / name)
        for name in tables:
            target = out / name
            old = out / f".old-{name}-{uuid.uuid4().hex}"
            if target.exists():
                os.replace(target, old)
            os.replace(staging / name, target)
            if old.exists():
                shutil.rmtree(old)
    except OSError as exc:
        raise DatasetWriteError(f"could not write the dataset to {out}: {exc}") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
