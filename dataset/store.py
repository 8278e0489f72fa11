"""Write the curated dataset atomically and idempotently.

Every table is written into a new snapshot folder, which then replaces the previous one
in a single switch (:mod:`dataset.snapshots`): a reader sees the old dataset or the new
one, every table of it, never a mix. Rows are sorted by fixed keys and files named
deterministically, so building the same inputs twice gives the same files.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from dataset.snapshots import SnapshotStore
from dataset.years import PARTITION, KeptYear, link_year
from model.errors import DatasetWriteError
from model.schema import SORT_KEYS, TABLES


def to_arrow(table: str, rows: Iterable[Mapping[str, Any]]) -> pa.Table:
    """Rows (dicts or dataclasses) -> a pyarrow table of ``table``'s schema, sorted by its keys."""
    schema = TABLES[table]
    # dicts are read as they are (assembly's stamped rows: copying each again would double the memory)
    dicts = [dataclasses.asdict(r) if dataclasses.is_dataclass(r) else r for r in rows]  # type: ignore[arg-type]
    cols = {f.name: [d.get(f.name) for d in dicts] for f in schema}
    t = pa.Table.from_pydict(cols, schema=schema)
    if not t.num_rows:
        return t
    keys = [(k, "ascending", "at_start") for k in SORT_KEYS[table]]
    order = pc.sort_indices(t, options=pc.SortOptions(keys))
    return t.take(order)


_NULLABLE_PANDAS = {pa.int32(): pd.Int32Dtype(), pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}


@cache
def _pandas_metadata(table: str) -> bytes:
    """The ``pandas`` key of a file's metadata: pandas reads nullable integers back as Int32/Int64 (not
    float64) and nullable booleans as ``boolean`` (not object). Other readers ignore the key."""
    schema = file_schema(table)
    empty = schema.empty_table().to_pandas(types_mapper=_NULLABLE_PANDAS.get)
    meta = json.loads(pa.Schema.from_pandas(empty, preserve_index=False).metadata[b"pandas"])
    for col in meta["columns"]:
        f = schema.field(col["name"])
        if f.type in _NULLABLE_PANDAS and not f.nullable:  # never null: the plain numpy type
            col["numpy_type"] = "bool" if f.type == pa.bool_() else str(f.type)
    meta.pop("creator", None)  # the same files whatever the pandas version
    return json.dumps(meta, ensure_ascii=False, sort_keys=True).encode()


def file_schema(table: str) -> pa.Schema:
    """The schema of the table's Parquet files: the table's, less the partition column (in the path)."""
    schema = TABLES[table]
    return schema.remove(schema.get_field_index(PARTITION))


def _write_table(t: pa.Table, folder: Path) -> None:
    """Write table ``folder.name`` into ``folder``: a file per year, the year's next part (``part-N``)."""
    name = folder.name
    folder.mkdir(parents=True, exist_ok=True)
    years = sorted(set(t.column(PARTITION).to_pylist())) or [0]
    schema = file_schema(name)
    file_schema_ = schema.with_metadata({**(schema.metadata or {}), b"pandas": _pandas_metadata(name)})
    for y in years:
        part = t.filter(pc.equal(t.column(PARTITION), pa.scalar(y, pa.int32()))) if t.num_rows else t
        part = part.drop_columns([PARTITION]).cast(file_schema_)
        d = folder / f"{PARTITION}={y}"
        d.mkdir(exist_ok=True)
        n = sum(1 for _ in d.glob("part-*.parquet"))
        pq.write_table(part, d / f"part-{n}.parquet", compression="zstd")


def write_dataset(tables: Mapping[str, pa.Table], out: Path, store: SnapshotStore | None = None,
                  extras: Callable[[Path], None] | None = None) -> Path:
    """Write every table into a new snapshot and make it the one ``out`` shows: :func:`write_parts` of one part."""
    return write_parts([tables], out, store, extras)


def write_parts(parts: Iterable[Mapping[str, pa.Table] | KeptYear], out: Path, store: SnapshotStore | None = None,
                extras: Callable[[Path], None] | None = None) -> Path:
    """Write the tables of every part (each part: some fiscal years of some tables; a year given again is
    written as its next file, part-1.parquet, ...; a :class:`KeptYear`: that year's files of the current
    snapshot, linked as they are) into a new snapshot, and make it the one ``out`` shows,
    all tables at once. Parts are written as they come, so a build never holds more than one of them.

    A table given only empty is written as one empty file (``fiscal_year=0``). ``extras`` writes the
    snapshot's other files (datapackage.json, the report) into the staging folder it is given, before
    the switch. Call it holding ``store.lock()``; returns the snapshot folder. On any failure the
    previous snapshot stays in place and the staging folder is removed.
    """
    store = store or SnapshotStore(out)
    staging: Path | None = None
    try:
        staging = store.new_staging()
        empty: dict[str, pa.Table] = {}
        written: set[str] = set()
        for tables in parts:
            if isinstance(tables, KeptYear):
                written |= link_year(tables, staging)
                continue
            for name, t in tables.items():
                if name not in TABLES:
                    raise DatasetWriteError(f"unknown table {name!r}")
                if t.num_rows:
                    _write_table(t, staging / name)
                    written.add(name)
                else:
                    empty.setdefault(name, t)
        for name, t in empty.items():
            if name not in written:
                _write_table(t, staging / name)
        if extras is not None:
            extras(staging)
        return store.publish(staging)
    except OSError as exc:
        raise DatasetWriteError(f"could not write the dataset to {out}: {exc}") from exc
    finally:
        if staging is not None and staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
