"""Scale: parallel workers, incremental re-runs and a synthetic corpus, in one run on one machine.

Measures `govperf build` as a user runs it (a subprocess, Prefect's start included):
- a full build (--rebuild) with 1 worker and with 2: wall seconds and the speed-up;
- an unchanged re-run (everything from the cache): wall seconds against the full build's;
- a re-run after adding one document;
- synthetic corpora of N documents (the samples re-saved with varied metadata, so every file has
  distinct bytes), N = each of --sizes, with 1 worker and with 2: wall and CPU seconds, pages, and the
  peak resident memory of the largest process (the parent or one reader), to show time linear in pages
  and memory flat.

usage: python bench/bench_scale.py [--sizes 100,300] [--out bench/results/scale.json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pypdf

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "raw" / "samples"


def build(raw: Path, out: Path, *extra: str) -> dict[str, float | str]:
    """One `govperf build` as a subprocess: wall, CPU (parent and readers) and peak RSS, and its summary."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run([str(Path(sys.executable).with_name("govperf")), "-q", "build", "--raw", str(raw),
                           "--out", str(out), "--force", *extra], capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    read = next((ln for ln in done.stdout.splitlines() if ln.startswith("read:")), "")
    docs = next((ln for ln in done.stdout.splitlines() if ln.startswith("documents:")), "")
    return {"wall_s": round(wall, 1), "cpu_s": round(cpu, 1), "peak_rss_mb": round(after.ru_maxrss / 1024),
            "read": read, "summary": docs}


def synthetic(folder: Path, n: int) -> None:
    """``n`` PDFs: the samples in turn, each re-saved with its own metadata (distinct bytes, same pages)."""
    folder.mkdir(parents=True)
    sources = sorted(SAMPLES.glob("*.pdf"))
    for i in range(n):
        src = sources[i % len(sources)]
        writer = pypdf.PdfWriter(clone_from=src)
        writer.add_metadata({"/Subject": f"govperf scale copy {i}"})
        with (folder / f"{i:05d}_{src.name}").open("wb") as f:
            writer.write(f)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100,300", help="synthetic corpus sizes, comma-separated")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "scale.json"))
    a = ap.parse_args()
    result: dict[str, object] = {"date": time.strftime("%Y-%m-%d %H:%M"), "cores": os.cpu_count(),
                                 "load_average_at_start": os.getloadavg()}
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw"
        shutil.copytree(SAMPLES, raw)
        out = Path(tmp) / "curated"
        one = build(raw, out, "--rebuild", "--workers", "1")
        two = build(raw, out, "--rebuild", "--workers", "2")
        again = build(raw, out)
        shutil.copy(SAMPLES / "seed001_changning_2020.pdf", raw / "new_report.pdf")
        pypdf.PdfWriter(clone_from=raw / "new_report.pdf").write(raw / "new_report.pdf")
        plus_one = build(raw, out)
        result["samples"] = {
            "workers_1": one, "workers_2": two,
            "speed_up_2_workers": round(float(one["wall_s"]) / float(two["wall_s"]), 2),
            "unchanged_rerun": again,
            "unchanged_rerun_share_of_full": round(float(again["wall_s"]) / float(two["wall_s"]), 3),
            "rerun_after_one_new_document": plus_one,
        }
        print(json.dumps(result["samples"], indent=1, ensure_ascii=False), flush=True)
        scale = []
        for n in (int(x) for x in a.sizes.split(",") if x):
            folder = Path(tmp) / f"synthetic{n}"
            synthetic(folder, n)
            one = build(folder, Path(tmp) / f"one{n}" / "curated", "--workers", "1")
            two = build(folder, Path(tmp) / f"out{n}" / "curated", "--workers", "2")
            row = {"documents": n, "workers_1": one, "workers_2": two,
                   "speed_up_2_workers": round(float(one["wall_s"]) / float(two["wall_s"]), 2)}
            scale.append(row)
            print(json.dumps(row, ensure_ascii=False), flush=True)
        result["synthetic"] = scale
    Path(a.out).write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
