"""OCR cost and accuracy per setting, on scanned pages whose true text is known.

The ``*__scanned.pdf`` files of ``tests/fixtures/layouts/tune/`` are image-only renders of the dev
documents ``data/raw/samples/<stem>.pdf`` (same page order; ``variants.json`` says each page's dpi,
grey/colour, skew and seal), so the original page's text layer (pdfplumber words) is the truth
for the scanned page. For each setting and page this records, in CPU seconds of this process
(``time.process_time``: all onnxruntime threads counted, other workers on the machine not):
render, prepare (red suppression + crop), detect, recognise; the boxes detected; and accuracy:

- ``num_recall``: share of the true numeric tokens (``\\d+(\\.\\d+)?%?``, two characters or more)
  that the OCR text holds exactly (as a multiset: each OCR token matches once);
- ``num_located``: the same, but the OCR word holding the token must lie within 8 pt of the
  true word (centres), i.e. usable by the position reader;
- ``char_p``, ``char_r``, ``char_f1``: precision/recall/F1 of the page's characters (bag of
  characters, white space left out): seal rim text read as words lowers precision.

Usage (from the repository root; about 10 CPU-minutes for all settings)::

    nice -n 10 .venv/bin/python bench/bench_ocr.py [--settings NAME ...] [--pages stem:page ...]

writes ``bench/results/ocr.json`` and ``bench/results/ocr.md``. Each setting runs in a fresh
process so engines and caches do not carry over; the first page of a setting pays no load time
(the engine is loaded before the clock starts: it is paid once per process, ~0.5 CPU-s).
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing as mp
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.sources import ocr  # noqa: E402

TUNE = ROOT / "tests/fixtures/layouts/tune"
ORIGINALS = ROOT / "data/raw/samples"
RESULTS = ROOT / "bench/results"

# (stem, 1-based page, what it is): dense self-evaluation forms with and without a seal, prose
PAGES: list[tuple[str, int, str]] = [
    ("seed002_qujing_2022", 11, "dense form, seal, colour, 150 dpi, skew 0.96"),
    ("seed002_qujing_2022", 20, "dense form, seal, grey, 200 dpi, skew -0.47"),
    ("seed002_qujing_2022", 3, "dense form, seal, colour, 200 dpi, skew 0.97"),
    ("seed000_qingshan_2020", 2, "dense form, seal, grey, 200 dpi, skew -0.29"),
    ("seed002_qujing_2022", 24, "dense form, colour, 200 dpi, skew -0.94"),
    ("seed002_qujing_2022", 16, "dense form, grey, 300 dpi, skew 0.14"),
    ("seed001_changning_2020", 5, "prose, seal, colour, 200 dpi, skew 0.79"),
    ("seed000_qingshan_2020", 4, "prose, colour, 200 dpi, skew -0.25"),
]

BASE = ocr.OcrSettings(scale=2.0, det_max_side=0, rec_batch=6, rec_min_ratio=0.0, threads=0,
                       suppress_red=False, crop=False, use_cls=True, tighten=False, marks=False, rulings=False)
OLD_DEFAULT = replace(ocr.DEFAULT, tighten=False, marks=False, rulings=False)  # = +det1280
SETTINGS: dict[str, ocr.OcrSettings] = {
    # rapidocr as it comes (angle classifier, batches of 6 padded to 320 px, all cores spinning,
    # detection on the full 2x render), only the render scale chosen
    "rapidocr-defaults@2x": BASE,
    "no-cls,1-thread": replace(BASE, use_cls=False, threads=1),
    "+batch1": replace(BASE, use_cls=False, threads=1, rec_batch=1),
    "+no-pad-floor": replace(BASE, use_cls=False, threads=1, rec_batch=1, rec_min_ratio=1.0),
    "+det1280": replace(BASE, use_cls=False, threads=1, rec_batch=1, rec_min_ratio=1.0, det_max_side=1280),
    # +det1280 was the default; ocr.DEFAULT adds boxes drawn as a text layer's (em high, advance
    # wide), marks the detector missed read from the image, and the image's rulings
    "+ink,marks,rulings (default)": ocr.DEFAULT,
    # issue #11: the default also drops the words of a seal's ink and reads short operators again
    # with paper around them; this row is the default without the seal's words dropped
    "default without seal drop": replace(ocr.DEFAULT, drop_seal=False),
    # the rows below try more on top of +det1280
    "+red,crop": replace(OLD_DEFAULT, suppress_red=True, crop=True),
    "+red,crop,2-threads": replace(OLD_DEFAULT, suppress_red=True, crop=True, threads=2),
    "+red,crop@1.5x": replace(OLD_DEFAULT, suppress_red=True, crop=True, scale=1.5),
    "+red,crop,det960": replace(OLD_DEFAULT, suppress_red=True, crop=True, det_max_side=960),
    "+crop (no red)": replace(OLD_DEFAULT, crop=True),
}

_NUM = re.compile(r"\d+(?:\.\d+)?%?")


def truth(stem: str, page: int) -> list[dict[str, Any]]:
    import pdfplumber

    with pdfplumber.open(str(ORIGINALS / f"{stem}.pdf")) as pdf:
        p = pdf.pages[page - 1]
        words = p.extract_words(return_chars=True)
        p.close()
    out = []
    for w in words:
        chars = w["chars"] if len(w["chars"]) == len(w["text"]) else []
        out.append({**{k: w[k] for k in ("text", "x0", "x1", "top", "bottom")},
                    "char_x": [(c["x0"] + c["x1"]) / 2 for c in chars]})
    return out


def _tokens(words: list[dict[str, Any]] | list[ocr.OcrWord]) -> list[tuple[str, float, float]]:
    """Numeric tokens with their centres; inside an OCR word a token is placed by its characters' x."""
    out = []
    for w in words:
        word = w if isinstance(w, ocr.OcrWord) else None
        text = word.text if word else w["text"]  # type: ignore[index]
        top, bottom = (word.top, word.bottom) if word else (w["top"], w["bottom"])  # type: ignore[index]
        for m in _NUM.finditer(text):
            if len(m.group()) < 2:
                continue
            if word:
                x0, x1 = word.span_x(m.start(), m.end())
                cx = (x0 + x1) / 2
            elif w["char_x"]:  # type: ignore[index]
                cx = (w["char_x"][m.start()] + w["char_x"][m.end() - 1]) / 2  # type: ignore[index]
            else:
                cx = (w["x0"] + w["x1"]) / 2  # type: ignore[index]
            out.append((m.group(), cx, (top + bottom) / 2))
    return out


def accuracy(true_words: list[dict[str, Any]], ocr_words: list[ocr.OcrWord]) -> dict[str, float]:
    t_tok, o_tok = _tokens(true_words), _tokens(ocr_words)
    recall = sum((Counter(t for t, _, _ in t_tok) & Counter(t for t, _, _ in o_tok)).values())
    located = 0
    free = list(o_tok)
    for text, x, y in t_tok:
        for k, (ot, ox, oy) in enumerate(free):
            if ot == text and math.hypot(ox - x, oy - y) <= 8.0:
                located += 1
                del free[k]
                break
    t_chars = Counter("".join(w["text"] for w in true_words).replace(" ", ""))
    o_chars = Counter("".join(w.text for w in ocr_words).replace(" ", ""))
    common = sum((t_chars & o_chars).values())
    p = common / max(1, sum(o_chars.values()))
    r = common / max(1, sum(t_chars.values()))
    return {
        "num_tokens": len(t_tok),
        "num_recall": recall / max(1, len(t_tok)),
        "num_located": located / max(1, len(t_tok)),
        "char_p": p,
        "char_r": r,
        "char_f1": 2 * p * r / (p + r) if p + r else 0.0,
    }


def run_setting(name: str, settings: ocr.OcrSettings, pages: list[tuple[str, int, str]]) -> dict[str, Any]:
    import pypdfium2 as pdfium

    t = time.process_time()
    ocr._engine(settings.threads, settings.use_cls)
    load = time.process_time() - t
    rows = []
    for stem, number, what in pages:
        gold = truth(stem, number)
        doc = pdfium.PdfDocument(str(TUNE / f"{stem}__scanned.pdf"))
        try:
            page = doc[number - 1]
            result = ocr.ocr_page(page, settings=settings)
            page.close()
        finally:
            doc.close()
        tm = result.timings
        rows.append({
            "page": f"{stem}:{number}", "what": what, "boxes": result.boxes, "words": len(result.words),
            "render": round(tm.render, 3), "prepare": round(tm.prepare, 3), "detect": round(tm.detect, 3),
            "recognise": round(tm.recognise, 3), "total": round(tm.total, 3),
            **{k: round(v, 4) for k, v in accuracy(gold, result.words).items()},
        })
    return {"name": name, "settings": asdict(settings), "engine_load_cpu_s": round(load, 3), "pages": rows,
            "summary": summarise(rows)}


def summarise(rows: list[dict[str, Any]]) -> dict[str, float]:
    dense = [r for r in rows if r["what"].startswith("dense")]
    stamped = [r for r in dense if "seal" in r["what"]]
    tokens = sum(r["num_tokens"] for r in rows)
    return {
        "dense_cpu_s": round(statistics.mean(r["total"] for r in dense), 2) if dense else 0.0,
        "stamped_dense_cpu_s": round(statistics.mean(r["total"] for r in stamped), 2) if stamped else 0.0,
        "render": round(statistics.mean(r["render"] + r["prepare"] for r in dense), 2) if dense else 0.0,
        "detect": round(statistics.mean(r["detect"] for r in dense), 2) if dense else 0.0,
        "recognise": round(statistics.mean(r["recognise"] for r in dense), 2) if dense else 0.0,
        "dense_boxes": round(statistics.mean(r["boxes"] for r in dense), 1) if dense else 0.0,
        "all_cpu_s": round(statistics.mean(r["total"] for r in rows), 2),
        "num_recall": round(sum(r["num_recall"] * r["num_tokens"] for r in rows) / max(1, tokens), 4),
        "num_located": round(sum(r["num_located"] * r["num_tokens"] for r in rows) / max(1, tokens), 4),
        "char_f1": round(statistics.mean(r["char_f1"] for r in rows), 4),
        "char_p": round(statistics.mean(r["char_p"] for r in rows), 4),
    }


def _child(args: tuple[str, ocr.OcrSettings, list[tuple[str, int, str]]]) -> dict[str, Any]:
    return run_setting(*args)


def markdown(results: list[dict[str, Any]]) -> str:
    lines = [
        "# OCR: CPU seconds and accuracy per setting",
        "",
        "`bench/bench_ocr.py` on scanned pages of `tests/fixtures/layouts/tune/` (truth: the original's text "
        "layer). CPU-s per page are this process's CPU time (`time.process_time`, all onnxruntime threads), "
        "mean over the dense form pages; render includes red suppression and crop. Accuracy over all "
        f"{len(results[0]['pages'])} pages: numeric tokens recovered exactly (and within 8 pt of the true word), "
        "character F1 (bag of characters).",
        "",
        "| setting | dense CPU-s/page | stamped dense | render | detect | recognise | boxes | numbers exact | "
        "numbers located | char F1 | char precision |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        s = r["summary"]
        lines.append(
            f"| {r['name']} | {s['dense_cpu_s']:.2f} | {s['stamped_dense_cpu_s']:.2f} | {s['render']:.2f} | "
            f"{s['detect']:.2f} | {s['recognise']:.2f} | {s['dense_boxes']:.0f} | {s['num_recall']:.1%} | "
            f"{s['num_located']:.1%} | {s['char_f1']:.3f} | {s['char_p']:.3f} |"
        )
    lines += ["", "Per page (CPU-s total / numbers exact / char F1):", "",
              "| setting | " + " | ".join(p["page"] for p in results[0]["pages"]) + " |",
              "|---|" + "---|" * len(results[0]["pages"])]
    for r in results:
        cells = [f"{p['total']:.1f} / {p['num_recall']:.0%} / {p['char_f1']:.2f}" for p in r["pages"]]
        lines.append(f"| {r['name']} | " + " | ".join(cells) + " |")
    lines += ["", "Pages: " + "; ".join(f"{p['page']} {p['what']}" for p in results[0]["pages"]), ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--settings", nargs="*", default=list(SETTINGS), help="names from SETTINGS")
    ap.add_argument("--pages", nargs="*", help="stem:page (default: the panel in PAGES)")
    ap.add_argument("--out", default=str(RESULTS / "ocr.json"))
    ap.add_argument("--jobs", type=int, default=2, help="settings measured side by side")
    args = ap.parse_args(argv)
    pages = PAGES
    if args.pages:
        pages = [(p.split(":")[0], int(p.split(":")[1]), "page") for p in args.pages]
    results = []
    ctx = mp.get_context("spawn")
    # a fresh process per setting (maxtasksperchild=1); --jobs of them at once: CPU seconds are
    # counted per process, so running settings side by side does not change the figures
    with ctx.Pool(args.jobs, maxtasksperchild=1) as pool:
        tasks = [(name, SETTINGS[name], pages) for name in args.settings]
        for res in pool.imap(_child, tasks, chunksize=1):
            s = res["summary"]
            print(f"{res['name']:24s} dense {s['dense_cpu_s']:5.2f} CPU-s (det {s['detect']:.2f}, "
                  f"rec {s['recognise']:.2f}) numbers {s['num_recall']:.1%} located {s['num_located']:.1%} "
                  f"charF1 {s['char_f1']:.3f}", flush=True)
            results.append(res)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    meta = {"engine": ocr.engine_version(), "cpu_count": __import__("os").cpu_count(),
            "recorded": time.strftime("%Y-%m-%d"), "clock": "time.process_time (CPU seconds)"}
    out.write_text(json.dumps({"meta": meta, "results": results}, ensure_ascii=False, indent=1), encoding="utf-8")
    out.with_suffix(".md").write_text(markdown(results), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
