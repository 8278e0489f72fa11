"""Reading speed of govperf against pdfplumber's ``extract_tables`` alone, by report kind.

For every PDF of the folders given (the same file found twice, by its sha256, counts once), in
this process and in CPU time (``time.process_time``, so a machine loaded by others slows the
figures less than wall time would):

- govperf: ``read_document`` (text layer, tables, doubt check, every interpreter);
- pdfplumber alone: open the file and call ``page.extract_tables()`` on every page.

Every document is read once first (imports, jieba's dictionary, camelot's import: costs a
worker pays once, not per document) and its report kind taken from that reading. Then
``--repeat`` rounds read every document both ways; each document's CPU time is the median of
its rounds, and a group's speed is its pages over the sum of those medians. Groups: the
绩效自评 documents (``department_self_evaluation``, ``project_self_evaluation``), the
预算/决算 documents (``budget``, ``final_accounts``) and the others (``evaluation_report``).

usage: python bench/bench_vs_pdfplumber.py [--repeat 5] [--out bench/results/vs_pdfplumber.json] [FOLDER ...]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FOLDERS = (
    ROOT / "data" / "raw" / "samples",
    Path("/work/shared/corpus/dev"),
    Path("/work/shared/corpus/real"),
    ROOT / "tests" / "fixtures" / "national" / "tune",
    ROOT / "tests" / "fixtures" / "national" / "holdout",
)
GROUPS = {
    "department_self_evaluation": "self_evaluation",
    "project_self_evaluation": "self_evaluation",
    "budget": "budget_final",
    "final_accounts": "budget_final",
}


def _pdfs(folders: list[Path]) -> list[Path]:
    seen: set[str] = set()
    out = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.pdf")):
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            if digest not in seen:
                seen.add(digest)
                out.append(path)
    return out


def _govperf(path: Path) -> float:
    from extract.document import read_document

    c0 = time.process_time()
    read_document(path)
    return time.process_time() - c0


def _pdfplumber(path: Path) -> float:
    import pdfplumber

    c0 = time.process_time()
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.close()
    return time.process_time() - c0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "vs_pdfplumber.json")
    a = ap.parse_args()
    from extract.document import read_document

    docs = []
    for path in _pdfs(a.folders or list(FOLDERS)):
        res = read_document(path)  # warm-up, and the report kind
        kind = res.document.report_kind or "unknown"
        docs.append({"file": path.name, "path": path, "pages": res.document.pages, "kind": kind,
                     "group": GROUPS.get(kind, "other"), "govperf": [], "pdfplumber": []})
    for _ in range(a.repeat):
        for d in docs:
            d["govperf"].append(_govperf(d["path"]))
            d["pdfplumber"].append(_pdfplumber(d["path"]))
    groups: dict[str, dict[str, float]] = {}
    for d in docs:
        g = groups.setdefault(d["group"], {"documents": 0, "pages": 0, "govperf_cpu_s": 0.0, "pdfplumber_cpu_s": 0.0})
        g["documents"] += 1
        g["pages"] += d["pages"]
        g["govperf_cpu_s"] += statistics.median(d["govperf"])
        g["pdfplumber_cpu_s"] += statistics.median(d["pdfplumber"])
    for g in groups.values():
        g["govperf_pages_per_cpu_s"] = round(g["pages"] / g["govperf_cpu_s"], 1)
        g["pdfplumber_pages_per_cpu_s"] = round(g["pages"] / g["pdfplumber_cpu_s"], 1)
        g["ratio"] = round(g["pdfplumber_cpu_s"] / g["govperf_cpu_s"], 2)
        g["govperf_cpu_s"] = round(g["govperf_cpu_s"], 3)
        g["pdfplumber_cpu_s"] = round(g["pdfplumber_cpu_s"], 3)
    result = {
        "when": time.strftime("%Y-%m-%d %H:%M:%S"),
        "repeat": a.repeat,
        "groups": groups,
        "per_document": [
            {"file": d["file"], "kind": d["kind"], "pages": d["pages"],
             "govperf_cpu_s": round(statistics.median(d["govperf"]), 3),
             "pdfplumber_cpu_s": round(statistics.median(d["pdfplumber"]), 3)}
            for d in docs
        ],
    }
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for name, g in sorted(groups.items()):
        print(f"{name}: {g['documents']} documents, {g['pages']} pages; govperf {g['govperf_pages_per_cpu_s']} "
              f"pages/CPU-s, pdfplumber extract_tables alone {g['pdfplumber_pages_per_cpu_s']} -> {g['ratio']}x")
    print(f"figures written to {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
