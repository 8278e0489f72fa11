"""The share of PDF pages holding a ruled table of amounts that give budgets rows.

A page **holds a ruled table of amounts** when pdfplumber finds a ruled table on it (before
tables are stitched across pages) with at least ``MIN_AMOUNTS`` cells that read as amounts:
numbers by the number grammar (normalize.numbers) printed with a decimal point or thousands
separators (``1,234.56``, ``0.00``) — bare integers (line numbers, codes, years) do not count.
A page **gives rows** when the full reading of the document (read_document: every interpreter)
gives at least one budgets row from a table (``source == "table"``) on that page.

Pages without rows are listed with the first cells of their table, so each can be looked at.

usage: python bench/statement_pages.py [--pdfs /work/shared/corpus/real] [--out bench/results/statement_pages.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.document import read_document  # noqa: E402
from extract.sources.pdf import OpenedPdf  # noqa: E402
from extract.tables.pdfplumber import read_tables  # noqa: E402
from normalize.numbers import read_number  # noqa: E402

MIN_AMOUNTS = 4


def _is_amount(cell: str | None) -> bool:
    n = read_number(cell)
    return n is not None and (n.decimals > 0 or n.grouped) and n.percent is None


def amount_table_pages(path: Path) -> dict[int, str]:
    """Page -> a short view of the first table of amounts on it."""
    out: dict[int, str] = {}
    with OpenedPdf(path) as pdf:
        for table in read_tables(pdf):
            n = sum(_is_amount(c) for r in table.rows for c in r)
            if n >= MIN_AMOUNTS and table.page not in out:
                head = " | ".join(c.replace("\n", "") for r in table.rows[:2] for c in r if c)
                out[table.page] = (table.text_above.strip().splitlines() or [""])[-1][:40] + " :: " + head[:100]
    return out


def measure(pdfs: list[Path]) -> dict[str, object]:
    per_doc = []
    total = given = 0
    missing: list[dict[str, object]] = []
    for path in pdfs:
        pages = amount_table_pages(path)
        result = read_document(path)
        with_rows = {b.page for b in result.extraction.budgets if b.source == "table"}
        hit = sorted(p for p in pages if p in with_rows)
        total += len(pages)
        given += len(hit)
        per_doc.append({"file": path.name, "amount_table_pages": len(pages), "pages_with_rows": len(hit)})
        missing += [{"file": path.name, "page": p, "table": pages[p]} for p in sorted(pages) if p not in with_rows]
    return {
        "definition": __doc__.split("\n\n")[1].replace("\n", " "),
        "documents": len(pdfs),
        "amount_table_pages": total,
        "pages_with_rows": given,
        "share": round(given / total, 4) if total else None,
        "per_document": per_doc,
        "pages_without_rows": missing,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pdfs", type=Path, default=Path("/work/shared/corpus/real"))
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "statement_pages.json")
    args = ap.parse_args()
    result = measure(sorted(args.pdfs.glob("*.pdf")))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{result['pages_with_rows']}/{result['amount_table_pages']} amount-table pages give rows "
          f"(share {result['share']}) over {result['documents']} PDFs -> {args.out}")


if __name__ == "__main__":
    main()
