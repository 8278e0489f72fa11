"""Time the build over a folder of documents and write the figures to bench/results/.

Two measurements:
- end to end: ``govperf build`` as a subprocess (wall seconds, CPU seconds, peak memory),
  which includes Prefect's embedded-server start;
- per document: ``read_document`` in this process (CPU seconds per document and pages
  per second per core, without Prefect's start).

usage: python bench/bench_build.py [--raw data/raw/samples] [--out bench/results/latest.json]
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def end_to_end(raw: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(
            [str(Path(sys.executable).parent / "govperf"), "build", "--raw", str(raw),
             "--out", str(Path(tmp) / "curated"), "--quiet"],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "peak_rss_mb": round(after.ru_maxrss / 1024, 1)}


def per_document(raw: Path) -> list[dict[str, object]]:
    from extract.document import read_document
    from extract.sources.discover import DOCUMENT_SUFFIXES

    rows = []
    for path in sorted(p for p in raw.rglob("*") if p.suffix.lower() in DOCUMENT_SUFFIXES):
        c0, t0 = time.process_time(), time.perf_counter()
        res = read_document(path)
        cpu, wall = time.process_time() - c0, time.perf_counter() - t0
        pages = res.document.pages
        rows.append({
            "file": path.name, "pages": pages, "cpu_s": round(cpu, 3), "wall_s": round(wall, 3),
            "pages_per_cpu_s": round(pages / cpu, 1) if cpu else None, "status": res.document.status,
        })
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--raw", type=Path, default=ROOT / "data" / "raw" / "samples")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "latest.json")
    a = ap.parse_args()

    docs = per_document(a.raw)
    # warm-up (jieba, imports) is in the first document's figure; report totals both with and without it
    pages = sum(int(d["pages"]) for d in docs)  # type: ignore[call-overload]
    cpu = sum(float(d["cpu_s"]) for d in docs)  # type: ignore[arg-type]
    e2e = end_to_end(a.raw)
    result = {
        "when": time.strftime("%Y-%m-%d %H:%M:%S"),
        "machine": {"python": platform.python_version(), "cpus": __import__("os").cpu_count(),
                    "platform": platform.platform()},
        "raw": str(a.raw),
        "documents": len(docs),
        "pages": pages,
        "reading": {"cpu_s": round(cpu, 2), "pages_per_cpu_s": round(pages / cpu, 1) if cpu else None,
                    "cpu_s_per_document": round(cpu / len(docs), 3) if docs else None},
        "end_to_end": {**e2e, "pages_per_cpu_s": round(pages / e2e["cpu_s"], 1) if e2e["cpu_s"] else None,
                       "pages_per_wall_s": round(pages / e2e["wall_s"], 1)},
        "per_document": docs,
    }
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(docs)} documents, {pages} pages")
    print(f"reading (no Prefect start): {cpu:.2f} CPU s -> {result['reading']['pages_per_cpu_s']} pages/CPU-s, "
          f"{result['reading']['cpu_s_per_document']} CPU s/document")
    print(f"end to end `govperf build`: wall {e2e['wall_s']} s, CPU {e2e['cpu_s']} s "
          f"-> {result['end_to_end']['pages_per_cpu_s']} pages/CPU-s; peak memory {e2e['peak_rss_mb']} MB")
    print(f"figures written to {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
