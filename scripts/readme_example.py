"""Regenerate the README's example output from a real build of the shipped samples.

    .venv/bin/python scripts/readme_example.py          # rewrite the block in README.md
    .venv/bin/python scripts/readme_example.py --check  # exit 1 if the README differs from a real run

The block sits between ``<!-- make-run:begin -->`` and ``<!-- make-run:end -->``; the test
tests/test_readme_example.py checks it against a build of data/raw/samples, so the README's
figures are never edited by hand.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BEGIN, END = "<!-- make-run:begin -->", "<!-- make-run:end -->"
SAMPLES = "data/raw/samples"


def normalized(summary: str) -> str:
    """The summary as `make run` prints it, the dataset line pointing at data/curated."""
    lines = [re.sub(r"^dataset: .*$", "dataset: data/curated", ln) for ln in summary.strip().splitlines()]
    return "\n".join(lines)


def block(summary: str) -> str:
    return f"{BEGIN}\n```\n{normalized(summary)}\n```\n{END}"


def readme_summary(text: str) -> str:
    m = re.search(re.escape(BEGIN) + r"\n```\n(.*?)\n```\n" + re.escape(END), text, re.S)
    if not m:
        raise SystemExit(f"README.md has no {BEGIN} … {END} block")
    return m.group(1)


def run_samples() -> str:
    govperf = Path(sys.executable).with_name("govperf")
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run([str(govperf), "-q", "build", "--raw", str(ROOT / SAMPLES), "--out",
                               str(Path(tmp) / "curated")], capture_output=True, text=True, check=True, cwd=ROOT)
    return done.stdout


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare only; exit 1 if the README is out of date")
    a = ap.parse_args()
    text = README.read_text(encoding="utf-8")
    fresh = normalized(run_samples())
    if a.check:
        same = readme_summary(text) == fresh
        print("README example is up to date" if same else f"README example differs from a real run:\n{fresh}")
        return 0 if same else 1
    start, end = text.index(BEGIN), text.index(END) + len(END)
    README.write_text(text[:start] + block(fresh) + text[end:], encoding="utf-8")
    print(fresh)
    return 0


if __name__ == "__main__":
    sys.exit(main())
