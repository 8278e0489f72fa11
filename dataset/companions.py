"""The files a snapshot carries beside its tables, written into it before it is switched in.

``datapackage.json`` (the tables described, dataset/datapackage.py) and ``report.html`` (the
quality report, dataset/report.py), so that they always describe the tables next to them.
"""

from __future__ import annotations

from pathlib import Path

from dataset import report
from dataset.datapackage import write_datapackage
from model.schema import TABLES


def write_companions(staging: Path) -> None:
    """Write the companion files of the snapshot being built in ``staging`` (its tables already written)."""
    write_datapackage(staging, TABLES)
    report.write_report(staging, staging / report.FILE_NAME)
