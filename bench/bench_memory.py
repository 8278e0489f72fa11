"""Peak memory of the process reading one document, on a 3,000-page PDF and a 20,000 x 20,000-point page.

The 3,000-page PDF repeats the pages of a real 部门预算 (ys_2024_shanghai_putuo_wanlijiedao.pdf, 33
pages of statements); the huge page is a 20,000 x 20,000-point page with the text of a real
statement page scaled onto it. Each is read by one reader process (extract.pool, as a build does);
the figure is that process's peak resident memory (ru_maxrss of the children).

usage: python bench/bench_memory.py [--pages 3000] [--out bench/results/memory.json]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

import pypdf
from pypdf import Transformation

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SOURCE = ROOT / "data" / "raw" / "samples" / "ys_2024_shanghai_putuo_wanlijiedao.pdf"


def many_pages(path: Path, pages: int) -> None:
    reader = pypdf.PdfReader(SOURCE)
    writer = pypdf.PdfWriter()
    for i in range(pages):
        writer.add_page(reader.pages[i % len(reader.pages)])
    writer.write(path)


def huge_page(path: Path, side: float = 20000.0) -> None:
    writer = pypdf.PdfWriter()
    page = writer.add_page(pypdf.PdfReader(SOURCE).pages[3])
    scale = side / float(page.mediabox.width)
    page.add_transformation(Transformation().scale(scale, scale))
    page.mediabox.upper_right = (side, float(page.mediabox.height) * scale)
    writer.write(path)


def main() -> None:
    from extract.pool import Job, Limits, read_documents

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=3000)
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "memory.json"))
    a = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in (("page_20000x20000.pdf", huge_page),
                           (f"{a.pages}_pages.pdf", lambda p: many_pages(p, a.pages))):
            path = Path(tmp) / name
            make(path)
            t0 = time.perf_counter()
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            [res] = read_documents([Job(path=path)], workers=1, limits=Limits(seconds=7200, memory_mb=8192))
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            rows.append({"file": name, "status": res.document.status, "pages": res.document.pages,
                         "budget_rows": len(res.extraction.budgets),
                         "wall_s": round(time.perf_counter() - t0, 1),
                         "cpu_s": round(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, 1),
                         "reader_peak_rss_mb": round(after.ru_maxrss / 1024)})
            print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
    Path(a.out).write_text(json.dumps({"date": time.strftime("%Y-%m-%d %H:%M"), "rows": rows}, indent=1,
                                      ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
