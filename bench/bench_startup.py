"""Start-up of `govperf build`: seconds from the command to the first document read, cold and warm.

Cold: a fresh PREFECT_HOME (the embedded Prefect server creates its database); warm: the same
home again. Each is measured on an idle machine and with every core kept busy by other
processes (the case that failed with Prefect's default 20 s server start-up limit). The first
document read is seen in $PREFECT_HOME/govperf.log ("read …"), polled every 50 ms.

usage: python bench/bench_startup.py [--runs 2] [--out bench/results/startup.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "raw" / "samples" / "seed001_changning_2020.pdf"
BURN = "import time\nend = time.time() + 900\nwhile time.time() < end:\n    pass\n"


def one_run(home: Path, raw: Path, out: Path) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PREFECT_HOME"] = str(home)
    log = home / "govperf.log"
    seen_before = log.read_text(encoding="utf-8").count(" - read ") if log.exists() else 0
    t0 = time.perf_counter()
    proc = subprocess.Popen([str(Path(sys.executable).with_name("govperf")), "-q", "build", "--raw", str(raw),
                             "--out", str(out), "--force"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    first_read = None
    while proc.poll() is None:
        if first_read is None and log.exists() and log.read_text(encoding="utf-8").count(" - read ") > seen_before:
            first_read = time.perf_counter() - t0
        time.sleep(0.05)
    total = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"govperf build failed with exit code {proc.returncode}")
    return {"to_first_document_s": round(first_read or total, 2), "total_s": round(total, 2)}


def measure(runs: int, loaded: bool) -> dict[str, list[dict[str, float]]]:
    burners = [subprocess.Popen([sys.executable, "-c", BURN]) for _ in range(os.cpu_count() or 2)] if loaded else []
    try:
        out: dict[str, list[dict[str, float]]] = {"cold": [], "warm": []}
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as tmp:
                raw = Path(tmp) / "raw"
                raw.mkdir()
                shutil.copy(SAMPLE, raw)
                home = Path(tmp) / "home"
                out["cold"].append(one_run(home, raw, Path(tmp) / "curated"))
                out["warm"].append(one_run(home, raw, Path(tmp) / "curated"))
        return out
    finally:
        for b in burners:
            b.kill()
            b.wait()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "startup.json"))
    a = ap.parse_args()
    result = {
        "what": "seconds from `govperf build` to the first document read (one small PDF), cold and warm",
        "date": time.strftime("%Y-%m-%d"),
        "machine": {"cores": os.cpu_count(), "python": platform.python_version()},
        "idle": measure(a.runs, loaded=False),
        "every_core_busy": measure(a.runs, loaded=True),
    }
    Path(a.out).write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
