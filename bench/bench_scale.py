"""Scale: parallel workers, incremental re-runs and a synthetic corpus, in one run on one machine.

Measures `govperf build` as a user runs it (a subprocess, Prefect's start included):
- a full build (--rebuild) with 1 worker and with 2: wall seconds and the speed-up;
- an unchanged re-run (everything from the cache): wall seconds against the full build's;
- a re-run after adding one document;
- synthetic corpora of N documents (the samples re-saved with varied metadata, so every file has
  distinct bytes), N = each of --sizes, with 1 worker and with 2: wall and CPU seconds, pages, and the
  peak resident memory of the largest process (the parent or one reader), to show time linear in pages
  and memory flat.

On the largest synthetic corpus it also times an unchanged re-run and a re-run after adding one
document. Memory: ``parent_peak_rss_mb`` is the peak of the govperf process itself (which assembles and
writes the dataset), sampled from /proc; ``peak_rss_mb`` that of the largest process (a reader or the parent).

usage: python bench/bench_scale.py [--sizes 100,300,1000] [--one-worker-sizes 100,300] [--out bench/results/scale.json]
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
import threading
import time
from pathlib import Path

import pypdf

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "raw" / "samples"


def _high_water_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def build(raw: Path, out: Path, *extra: str) -> dict[str, float | str]:
    """One `govperf build` as a subprocess: wall, CPU (parent and readers), peak RSS, and its summary."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen([str(Path(sys.executable).with_name("govperf")), "-q", "build", "--raw", str(raw),
                             "--out", str(out), "--force", *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    parent_peak = [0.0]

    def sample() -> None:  # VmHWM only grows: the last reading before exit is the peak
        while proc.poll() is None:
            parent_peak[0] = max(parent_peak[0], _high_water_mb(proc.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - t0
    sampler.join()
    if proc.returncode != 0:
        raise RuntimeError(f"govperf build failed ({proc.returncode}): {stderr[-2000:]}")
    done = subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    read = next((ln for ln in done.stdout.splitlines() if ln.startswith("read:")), "")
    docs = next((ln for ln in done.stdout.splitlines() if ln.startswith("documents:")), "")
    return {"wall_s": round(wall, 1), "cpu_s": round(cpu, 1), "peak_rss_mb": round(after.ru_maxrss / 1024),
            "parent_peak_rss_mb": round(parent_peak[0]), "read": read, "summary": docs,
            "unchanged": "unchanged" in done.stdout}


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


def reruns(raw: Path, out: Path, one_worker: bool) -> dict[str, object]:
    """A full build (with 2 workers, and with 1), an unchanged re-run, and a re-run after one new document."""
    row: dict[str, object] = {}
    if one_worker:
        row["workers_1"] = build(raw, out, "--rebuild", "--workers", "1")
    row["workers_2"] = two = build(raw, out, "--rebuild", "--workers", "2")
    if one_worker:
        row["speed_up_2_workers"] = round(float(row["workers_1"]["wall_s"]) / float(two["wall_s"]), 2)  # type: ignore[index]
    row["unchanged_rerun"] = again = build(raw, out)
    row["unchanged_rerun_share_of_full"] = round(float(again["wall_s"]) / float(two["wall_s"]), 3)
    src = next(iter(sorted(SAMPLES.glob("seed001_*.pdf"))))
    writer = pypdf.PdfWriter(clone_from=src)
    writer.add_metadata({"/Subject": "govperf scale: one new document"})
    with (raw / "zz_new_report.pdf").open("wb") as f:
        writer.write(f)
    row["rerun_after_one_new_document"] = build(raw, out)
    (raw / "zz_new_report.pdf").unlink()
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100,300,1000", help="synthetic corpus sizes, comma-separated")
    ap.add_argument("--one-worker-sizes", default="100,300", help="of those, the sizes also built with 1 worker")
    ap.add_argument("--skip-samples", action="store_true", help="only the synthetic corpora")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "scale.json"))
    a = ap.parse_args()
    result: dict[str, object] = {"date": time.strftime("%Y-%m-%d %H:%M"), "cores": os.cpu_count(),
                                 "load_average_at_start": os.getloadavg()}
    with tempfile.TemporaryDirectory() as tmp:
        if not a.skip_samples:
            raw = Path(tmp) / "raw"
            shutil.copytree(SAMPLES, raw)
            result["samples"] = reruns(raw, Path(tmp) / "curated", one_worker=True)
            print(json.dumps(result["samples"], indent=1, ensure_ascii=False), flush=True)
        scale = []
        sizes = [int(x) for x in a.sizes.split(",") if x]
        one_worker = {int(x) for x in a.one_worker_sizes.split(",") if x}
        for n in sizes:
            folder = Path(tmp) / f"synthetic{n}"
            synthetic(folder, n)
            out = Path(tmp) / f"out{n}" / "curated"
            row: dict[str, object] = {"documents": n}
            if n == max(sizes):
                row.update(reruns(folder, out, one_worker=n in one_worker))
            else:
                row["workers_2"] = two = build(folder, out, "--workers", "2")
                if n in one_worker:
                    row["workers_1"] = one = build(folder, Path(tmp) / f"one{n}" / "curated", "--workers", "1")
                    row["speed_up_2_workers"] = round(float(one["wall_s"]) / float(two["wall_s"]), 2)
            scale.append(row)
            print(json.dumps(row, ensure_ascii=False), flush=True)
            shutil.rmtree(out.parent, ignore_errors=True)
            shutil.rmtree(Path(tmp) / f"one{n}", ignore_errors=True)
        result["synthetic"] = scale
    Path(a.out).write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
