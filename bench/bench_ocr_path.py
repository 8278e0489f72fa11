"""The whole OCR path as the build runs it, in CPU seconds per scanned page, stage by stage.

``bench/bench_ocr.py`` measures the page reader alone (render, detect, recognise) under chosen
settings. The build does more on a scanned page: it drops a seal's words, reads cut operators,
range dashes and missed marks again, tightens the boxes, reads unsure ideographs again from the
page rendered at 3x, finds the rulings, reads the marks and operators of empty ruled cells
(``read_spots``, ``read_shapes``), and, once the rows are interpreted, reads again the cells of each
failed identity at 3x and 4x (``read_cells_again``). This bench reads whole documents with
``read_document`` (the build's per-document call, in this process, as ``--workers 0``) and charges
each CPU second (``time.process_time``: this process, all its threads) to the outermost stage running
when it was spent:

- ``render 2x`` / ``render finer``: pages rendered at the reading scale / at other scales (the
  unsure-ideograph re-read renders the page at 3x; identity re-reads' renders go to their stage);
- ``detect``, ``recognise`` (the page's boxes), ``seal``, ``cut operators``, ``range dashes``,
  ``tighten`` (ink extents), ``marks``, ``operator bars``, ``ideograph re-read``, ``rulings``;
- ``spots``, ``shapes``: ruled cells read again by the scan grid reader;
- ``identity re-reads``: :func:`extract.sources.ocr.read_cells_again`, renders included;
- ``ocr other``: the rest of :func:`ocr_page` (crops, word boxes); ``scan tables``: the rest of
  reading the scanned pages' tables (grid, positions); ``interpret``: the rest of the document.

``build figure`` is what the build reports as OCR seconds (``ocr_seconds``: the page timings plus the
identity re-reads). The engine is loaded and jieba initialised before the clock starts.

Usage (from the repository root; about 2 CPU-minutes a set on a quiet machine)::

    nice -n 10 .venv/bin/python bench/bench_ocr_path.py [--sets NAME ...] [--code DIR] [--out FILE]

``--code`` reads with another checkout's code (an A/B against ``main``: ``git archive main | tar -x
-C /tmp/main``); figures of runs under different load are not comparable (CPU seconds inflate about
2x on a loaded 2-core machine): compare A and B interleaved, in the same conditions.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LAYOUTS = ROOT / "tests/fixtures/layouts"
RESULTS = ROOT / "bench/results"

# fixed documents: pages under seals, failing identities read again, unsure ideographs read again
SETS: dict[str, list[Path]] = {
    "nlayouts_holdout6_scanned": sorted((LAYOUTS / "national_holdout6").glob("*__scanned.pdf")),
    "nlayouts_holdout5_scanned": sorted((LAYOUTS / "national_holdout5").glob("*__scanned.pdf")),
    "layouts_tune_qujing_scanned": [LAYOUTS / "tune/seed002_qujing_2022__scanned.pdf"],
}

STAGES: list[tuple[str, str, str]] = [  # module, attribute, stage
    ("extract.sources.ocr", "_detect", "detect"),
    ("extract.sources.ocr", "_recognise", "recognise"),
    ("extract.sources.ocr", "_seal_boxes", "seal"),
    ("extract.sources.ocr", "_without_seal_characters", "seal"),
    ("extract.sources.ocr", "_with_cut_operator", "cut operators"),
    ("extract.sources.ocr", "_with_range_dashes", "range dashes"),
    ("extract.sources.ocr", "ink_extent", "tighten"),
    ("extract.sources.ocr", "_marks", "marks"),
    ("extract.sources.ocr", "_operator_bars", "operator bars"),
    ("extract.sources.ocr", "_reread_unsure_ideographs", "ideograph re-read"),
    ("extract.sources.ocr", "_rulings", "rulings"),
    ("extract.sources.ocr", "read_cells_again", "identity re-reads"),
    ("extract.tables.identity_rereads", "read_cells_again", "identity re-reads"),
    ("extract.sources.ocr", "OcrPage.read_spots", "spots"),
    ("extract.sources.ocr", "OcrPage.read_shapes", "shapes"),
    ("extract.sources.ocr", "ocr_page", "ocr other"),
    ("extract.tables.scans", "ocr_page", "ocr other"),
    ("extract.tables.scans", "read_scanned", "scan tables"),
    ("extract.document", "read_scanned", "scan tables"),
]
CONTAINERS = {"ocr other", "scan tables"}
ORDER = ["render 2x", "render finer", "detect", "recognise", "seal", "cut operators", "range dashes", "tighten",
         "marks", "operator bars", "ideograph re-read", "rulings", "ocr other", "spots", "shapes", "scan tables",
         "identity re-reads", "interpret"]


class Clock:
    """CPU seconds charged by stage. An opaque stage (a re-read, the marks) is charged with everything
    run inside it; a container (``ocr_page``, ``read_scanned``) with what the stages run inside it
    leave over."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)
        self.stack: list[list[Any]] = []  # [stage, opaque, start, CPU-s of the stages inside]

    def wrap(self, fn: Callable[..., Any], stage: str | Callable[..., str]) -> Callable[..., Any]:
        opaque = stage not in CONTAINERS

        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if self.stack and self.stack[-1][1]:  # inside an opaque stage: charged to it
                return fn(*args, **kwargs)
            name = stage(*args, **kwargs) if callable(stage) else stage
            frame = [name, opaque, time.process_time(), 0.0]
            self.stack.append(frame)
            try:
                return fn(*args, **kwargs)
            finally:
                self.stack.pop()
                spent = time.process_time() - frame[2]
                self.spent[name] += spent - frame[3]
                if self.stack:
                    self.stack[-1][3] += spent

        wrapped.__wrapped__ = fn  # type: ignore[attr-defined]
        return wrapped


def _instrument(clock: Clock) -> None:
    import importlib

    from extract.sources import ocr

    for module, attr, stage in STAGES:
        mod = importlib.import_module(module)
        owner: Any = mod
        name = attr
        if "." in attr:
            cls, name = attr.split(".")
            owner = getattr(mod, cls)
        setattr(owner, name, clock.wrap(getattr(owner, name), stage))
    render = ocr.render

    def render_stage(page: Any, scale: float) -> str:
        return "render 2x" if scale == ocr.DEFAULT.scale else "render finer"

    ocr.render = clock.wrap(render, render_stage)  # type: ignore[assignment]


def _warm() -> None:
    """What a worker pays once, not per document: the OCR engine and jieba's dictionaries."""
    from extract.sources import ocr
    from normalize.jieba_domain import keywords

    ocr._engine(ocr.DEFAULT.threads, ocr.DEFAULT.use_cls)
    keywords("项目绩效目标完成情况")


def run(sets: list[str]) -> dict[str, Any]:
    from extract.document import read_document

    _warm()
    clock = Clock()
    _instrument(clock)
    out: dict[str, Any] = {}
    for name in sets:
        docs = []
        for path in SETS[name]:
            before = dict(clock.spent)
            t = time.process_time()
            res = read_document(path)
            total = time.process_time() - t
            stages = {k: round(v - before.get(k, 0.0), 3) for k, v in clock.spent.items()}
            stages["interpret"] = round(total - sum(stages.values()), 3)
            rec = res.document
            rereads = [i for i in res.extraction.issues if i.rule == "ocr_reread_satisfies_identity"]
            docs.append({"document": path.name, "pages": rec.ocr_pages, "total": round(total, 3),
                         "build_figure": round(rec.ocr_seconds or 0.0, 3), "rereads_taken": len(rereads),
                         "stages": {k: stages[k] for k in ORDER if k in stages}})
            print(f"{path.name:60s} {rec.ocr_pages:3d} p {total:7.1f} CPU-s", flush=True)
        pages = sum(d["pages"] for d in docs) or 1
        per_page = {k: round(sum(d["stages"].get(k, 0.0) for d in docs) / pages, 3) for k in ORDER}
        out[name] = {"pages": pages, "documents": docs, "per_page": per_page,
                     "total_per_page": round(sum(d["total"] for d in docs) / pages, 3),
                     "build_figure_per_page": round(sum(d["build_figure"] for d in docs) / pages, 3)}
    return out


def markdown(result: dict[str, Any], meta: dict[str, Any]) -> str:
    sets = list(result)
    lines = [f"# The build's OCR path, CPU-s per scanned page (`bench/bench_ocr_path.py`, {meta['recorded']})", "",
             f"code {meta['code']}; load average {meta['load_before']} before, {meta['load_after']} after "
             f"({meta['cpu_count']} cores): figures of runs under other load are not comparable.", "",
             "| stage | " + " | ".join(f"{s} ({result[s]['pages']} p)" for s in sets) + " |",
             "|---|" + "---|" * len(sets)]
    for k in ORDER:
        lines.append(f"| {k} | " + " | ".join(f"{result[s]['per_page'][k]:.2f}" for s in sets) + " |")
    lines.append("| **whole document** | " + " | ".join(f"**{result[s]['total_per_page']:.2f}**" for s in sets) + " |")
    lines.append("| build's OCR figure | " + " | ".join(f"{result[s]['build_figure_per_page']:.2f}" for s in sets)
                 + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", nargs="*", default=list(SETS), choices=list(SETS))
    ap.add_argument("--code", default=str(ROOT), help="the checkout whose code reads the documents")
    ap.add_argument("--out", default=str(RESULTS / "ocr_path.json"))
    args = ap.parse_args(argv)
    sys.path.insert(0, str(Path(args.code).resolve()))
    load_before = os.getloadavg()[0]
    result = run(args.sets)
    meta = {"code": args.code, "recorded": time.strftime("%Y-%m-%d %H:%M"), "cpu_count": os.cpu_count(),
            "load_before": round(load_before, 1), "load_after": round(os.getloadavg()[0], 1),
            "clock": "time.process_time (CPU seconds of this process)"}
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"meta": meta, "sets": result}, ensure_ascii=False, indent=1), encoding="utf-8")
    out.with_suffix(".md").write_text(markdown(result, meta), encoding="utf-8")
    print(markdown(result, meta))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
