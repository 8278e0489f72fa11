"""What the shape reader of operators costs: OCR CPU-seconds per page with it on and off.

``bench/bench_ocr.py`` times one page's render + detect + recognise; the shape reader
(:mod:`extract.sources.mark_shapes`) runs later, when a ruled table's cells are filled
(:func:`extract.tables.scans.read_scanned`), on the cells of an operator column the recogniser read
as nothing. This reads whole scanned documents with ``read_document`` and sums the documents'
``ocr_seconds`` (CPU-s of this process: render, detect, recognise, the marks read again and the
shapes) over their OCR'd pages, with ``OcrSettings.shapes`` on and off, each setting in a fresh
process, and counts the operator cells the shapes filled.

usage (from the repository root, under nice)::

    nice -n 15 .venv/bin/python bench/bench_shapes.py [PDF ...] [--out bench/results/shapes.json]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import sys
import time
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_PDFS = ["tests/fixtures/layouts/tune/seed002_qujing_2022__scanned.pdf"]  # 25 pages of forms with 指标性质


def _run(pdfs: list[str], shapes: bool, q: Any) -> None:
    from extract import document
    from extract.sources import ocr
    from extract.tables import scans

    settings = replace(ocr.DEFAULT, shapes=shapes)
    scans.ocr_page = partial(ocr.ocr_page, settings=settings)  # type: ignore[assignment]
    filled = 0
    original = scans._fill_shapes

    def counting(t: Any, read: Any, slope: float, centre: tuple[float, float], unread: Any) -> None:
        nonlocal filled
        before = sum(1 for r in t.rows for c in r if c)
        original(t, read, slope, centre, unread)
        filled += sum(1 for r in t.rows for c in r if c) - before

    scans._fill_shapes = counting  # type: ignore[assignment]
    ocr._engine(ocr.DEFAULT.threads, ocr.DEFAULT.use_cls)  # loaded before the clock starts
    pages = 0
    seconds = 0.0
    wall = time.perf_counter()
    for p in pdfs:
        res = document.read_document(ROOT / p)
        pages += res.document.ocr_pages
        seconds += res.document.ocr_seconds
    q.put({"shapes": shapes, "pages": pages, "ocr_cpu_s": round(seconds, 2),
           "cpu_s_per_page": round(seconds / max(1, pages), 3), "cells_filled_by_shapes": filled,
           "wall_s": round(time.perf_counter() - wall, 1)})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdfs", nargs="*", default=DEFAULT_PDFS)
    ap.add_argument("--out", default=str(ROOT / "bench/results/shapes.json"))
    args = ap.parse_args(argv)
    ctx = mp.get_context("spawn")
    out: list[dict[str, Any]] = []
    for shapes in (False, True):
        q = ctx.Queue()
        proc = ctx.Process(target=_run, args=(args.pdfs, shapes, q))
        proc.start()
        out.append(q.get())
        proc.join()
        print(json.dumps(out[-1]), flush=True)
    load = os.getloadavg()
    Path(args.out).write_text(json.dumps({"pdfs": args.pdfs, "runs": out, "loadavg_at_end": load}, indent=1) + "\n",
                              encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
