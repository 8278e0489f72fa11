"""The quality report: one self-contained HTML page about a dataset, to look at.

Every plot is an inline SVG (matplotlib, Agg; glyphs drawn as paths, so the page needs neither
fonts nor network), every table plain HTML. Each plot sits in ``<figure data-plot=NAME
data-points=N>`` where N is the number of values drawn, so a test (or a curious reader) can see
that every plot is there and has data. Sections: documents by kind, year and region; pages read
and how (table readers, scanned pages); issues by rule and by agency; identity checks held;
execution rates; scores; the indicator names that map to one canonical name.
"""

from __future__ import annotations

import html
import io
import warnings
from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import matplotlib
import pandas as pd
import pyarrow.dataset as ds
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure as MplFigure

from model.schema import TABLES
from normalize.indicator_name_report import name_mapping_report

FILE_NAME = "report.html"
# fonts with Chinese glyphs, the first one installed is used (DejaVu Sans draws the rest)
_FONTS = ["Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "SimHei",
          "PingFang SC", "DejaVu Sans"]
PLOTS = ("documents_by_year", "rows_by_reader", "issues_by_rule", "identities_by_agency",
         "execution_rates", "scores")


@lru_cache(maxsize=1)
def _installed_fonts() -> list[str]:
    """The fonts of _FONTS that are installed (asking for a missing one logs a warning per glyph)."""
    have = {f.name for f in font_manager.fontManager.ttflist}
    return [f for f in _FONTS if f in have] or ["DejaVu Sans"]


@dataclass(kw_only=True)
class Figure:
    name: str
    title: str
    points: int
    svg: str


# the columns the report reads of each table it shows (None: all); reading no more keeps a report of a
# large dataset small in memory. The largest tables (budgets, indicators, issues) are not read whole:
# their rows are counted one record batch at a time (:func:`_tally`).
_COLUMNS: dict[str, list[str] | None] = {"documents": None, "execution": None, "scores": ["score"]}
_K = TypeVar("_K", bound=Hashable)
_TALLIED: dict[str, list[str]] = {"budgets": ["extractor"], "indicators": ["extractor", "name"],
                                  "issues": ["rule", "severity", "agency"]}


def _read(curated: Path, table: str) -> pd.DataFrame:
    folder = Path(curated) / table
    wanted = _COLUMNS.get(table)
    columns = None if wanted is None else ["fiscal_year", *wanted]
    if not any(folder.glob("*/*.parquet")):
        return pd.DataFrame(columns=columns or [f.name for f in TABLES[table]])
    df = pd.read_parquet(folder, columns=columns)
    df["fiscal_year"] = df["fiscal_year"].astype("int32")
    return df


def _tally(curated: Path, table: str) -> Counter[tuple[object, ...]]:
    """How many rows of ``table`` hold each combination of its _TALLIED columns' values, read one record
    batch at a time (in the dataset's order: the first combinations seen come first)."""
    folder = Path(curated) / table
    counts: Counter[tuple[object, ...]] = Counter()
    if not any(folder.glob("*/*.parquet")):
        return counts
    columns = _TALLIED[table]
    for batch in ds.dataset(folder, format="parquet", partitioning="hive").to_batches(columns=columns):
        counts.update(zip(*(batch.column(c).to_pylist() for c in columns), strict=True))
    return counts


def _tallies(counts: Counter[tuple[object, ...]], keep: Callable[[tuple[object, ...]], bool],
             key: Callable[[tuple[object, ...]], _K]) -> Counter[_K]:
    """``counts`` of the combinations ``keep`` accepts, summed by ``key``."""
    out: Counter[_K] = Counter()
    for values, n in counts.items():
        if keep(values):
            out[key(values)] += n
    return out


def _svg(draw: Callable[[Axes], None], size: tuple[float, float] = (7.5, 3.6)) -> str:
    # a Figure of its own (no pyplot, no global state): safe in Prefect's worker threads
    with matplotlib.rc_context({"font.family": _installed_fonts(), "svg.fonttype": "path", "axes.unicode_minus": False,
                                "svg.hashsalt": "govperf"}), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a glyph missing from every installed font is drawn as a box
        fig = MplFigure(figsize=size)
        ax = fig.subplots()
        draw(ax)
        fig.tight_layout()
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None})
    text = buf.getvalue()
    return text[text.index("<svg"):]


def _bar(ax: Axes, counts: pd.Series, xlabel: str, horizontal: bool = False) -> None:
    labels = [str(k) for k in counts.index]
    if horizontal:
        ax.barh(labels[::-1], counts.to_numpy()[::-1], color="#4a7ab7")
        ax.set_xlabel(xlabel)
    else:
        ax.bar(labels, counts.to_numpy(), color="#4a7ab7")
        ax.set_ylabel(xlabel)


def _documents_figure(docs: pd.DataFrame) -> Figure:
    counts = docs.groupby(["fiscal_year", "report_kind"]).size().unstack(fill_value=0) if len(docs) else None

    def draw(ax: Axes) -> None:
        if counts is None:
            return
        bottom = None
        for kind in counts.columns:
            ax.bar([str(y) for y in counts.index], counts[kind], bottom=bottom, label=kind)
            bottom = counts[kind] if bottom is None else bottom + counts[kind]
        ax.set_ylabel("documents")
        ax.set_xlabel("fiscal year")
        ax.legend(fontsize=7)

    return Figure(name="documents_by_year", title="Documents by fiscal year and kind", points=len(docs),
                  svg=_svg(draw))


def _readers_figure(budgets: Counter[tuple[object, ...]], indicators: Counter[tuple[object, ...]]) -> Figure:
    by_reader: Counter[object] = Counter()
    by_reader.update(_tallies(budgets, lambda v: True, lambda v: v[0] or "prose (text layer)"))
    by_reader.update(_tallies(indicators, lambda v: True, lambda v: v[0] or "unknown"))
    counts = _descending(by_reader)
    return Figure(name="rows_by_reader", title="Rows read, by table reader", points=int(counts.sum()),
                  svg=_svg(lambda ax: _bar(ax, counts, "rows (budgets + indicators)", horizontal=True)))


def _descending(counts: Counter[object]) -> pd.Series:
    return pd.Series(dict(counts), dtype="int64").sort_values(ascending=False, kind="stable")


def _issues_figure(issues: Counter[tuple[object, ...]]) -> Figure:
    counts = _descending(_tallies(issues, lambda v: True, lambda v: v[0]))
    return Figure(name="issues_by_rule", title="Issues by rule", points=int(counts.sum()),
                  svg=_svg(lambda ax: _bar(ax, counts, "issues rows", horizontal=True),
                           size=(7.5, max(2.0, 0.3 * len(counts) + 1))))


def _identities_figure(docs: pd.DataFrame) -> Figure:
    d = docs[docs["identities_checked"].fillna(0) > 0]
    by = d.groupby("agency")[["identities_checked", "identities_held"]].sum().sort_values("identities_checked")

    def draw(ax: Axes) -> None:
        ax.barh(by.index, by["identities_checked"], color="#d9d9d9", label="checked")
        ax.barh(by.index, by["identities_held"], color="#4a7ab7", label="held")
        ax.set_xlabel("accounting identities")
        ax.legend(fontsize=7)

    return Figure(name="identities_by_agency", title="Statement identities checked and held, by agency",
                  points=int(by["identities_checked"].sum()) if len(by) else 0,
                  svg=_svg(draw, size=(7.5, max(2.0, 0.35 * len(by) + 1))))


def _histogram(name: str, title: str, values: pd.Series, xlabel: str) -> Figure:
    values = values.dropna().astype(float)

    def draw(ax: Axes) -> None:
        if len(values):
            ax.hist(values, bins=20, color="#4a7ab7")
        ax.set_xlabel(xlabel)
        ax.set_ylabel("count")

    return Figure(name=name, title=title, points=len(values), svg=_svg(draw))


def _table(df: pd.DataFrame) -> str:
    return df.to_html(index=False, border=0, classes="t", na_rep="", escape=True)


def _names_table(indicators: Counter[tuple[object, ...]]) -> tuple[int, int, str]:
    rep = name_mapping_report(dict.fromkeys(str(v[1]) for v in indicators if v[1]))
    rows = [{"name_canonical": c, "names as printed": "；".join(v), "variants": len(v)} for c, v in rep.merged.items()]
    df = pd.DataFrame(rows, columns=["name_canonical", "names as printed", "variants"])
    return rep.raw_names, rep.canonical_names, _table(df.sort_values("variants", ascending=False))


def _section(title: str, *parts: str) -> str:
    return f"<section><h2>{html.escape(title)}</h2>{''.join(parts)}</section>"


def _figure_html(f: Figure) -> str:
    return (f'<figure data-plot="{f.name}" data-points="{f.points}"><figcaption>{html.escape(f.title)} '
            f"({f.points} values)</figcaption>{f.svg}</figure>")


_CSS = """body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em auto;max-width:1100px;color:#222}
h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.6em}
table.t{border-collapse:collapse;font-size:.85em;margin:.6em 0}table.t td,table.t th{border:1px solid #ddd;
padding:2px 6px;text-align:left}table.t th{background:#f2f2f2}figure{margin:1em 0}svg{max-width:100%;height:auto}
.kpi{display:inline-block;margin-right:2em}.kpi b{font-size:1.4em;display:block}"""


def _kpis(pairs: Iterable[tuple[str, object]]) -> str:
    return "".join(f'<span class="kpi"><b>{html.escape(str(v))}</b>{html.escape(k)}</span>' for k, v in pairs)


def build_report(curated: Path, title: str = "govperf dataset report") -> str:
    """The report of the dataset ``curated`` (a dataset folder or its link) as one HTML page."""
    t = {name: _read(curated, name) for name in _COLUMNS}
    n = {name: _tally(curated, name) for name in _TALLIED}
    docs, ex = t["documents"], t["execution"]
    region = docs.groupby(["province", "city"], dropna=False).size().reset_index(name="documents")
    kinds = docs.groupby(["report_kind", "status"]).size().reset_index(name="documents")
    by_agency = pd.DataFrame([(*v, k) for v, k in _tallies(n["issues"], lambda v: v[1] != "info",
                                                            lambda v: (v[2], v[0])).items()],
                             columns=["agency", "rule", "issues"]).sort_values(["issues", "agency", "rule"],
                                                                        ascending=[False, True, True])
    scanned = sum(k for v, k in n["issues"].items() if v[0] == "scanned_page")
    ocr = int(docs["ocr_pages"].sum())
    checked, held = int(docs["identities_checked"].fillna(0).sum()), int(docs["identities_held"].fillna(0).sum())
    raw_names, canonical, names_html = _names_table(n["indicators"])
    rows = {name: sum(counts.values()) for name, counts in n.items()}
    ex_tab = ex[["agency", "fiscal_year", "unit", "budget_wan", "actual_wan", "rate"]].sort_values(
        ["agency", "fiscal_year", "unit"])
    body = [
        f"<h1>{html.escape(title)}</h1>",
        _kpis([("documents", len(docs)), ("pages", int(docs["pages"].sum())), ("budget rows", rows["budgets"]),
               ("indicators", rows["indicators"]), ("issues", rows["issues"]),
               ("identities held", f"{held} of {checked}")]),
        _section("Documents by kind, year and region", _figure_html(_documents_figure(docs)), _table(kinds),
                 _table(region)),
        _section("Pages read and how",
                 f"<p>{int(docs['pages'].sum())} pages in {len(docs)} documents; {ocr} page(s) without a text "
                 f"layer read by OCR; {scanned} left unread (built with --no-ocr, or OCR found no text: each is "
                 "an issues row <code>scanned_page</code>).</p>",
                 _figure_html(_readers_figure(n["budgets"], n["indicators"]))),
        _section("Issues by rule and agency", _figure_html(_issues_figure(n["issues"])), _table(by_agency)),
        _section("Identity checks held", f"<p>{held} of {checked} accounting identities of the statements hold.</p>",
                 _figure_html(_identities_figure(docs))),
        _section("Execution rates", _figure_html(_histogram("execution_rates", "Execution rate (actual / budget)",
                                                            ex["rate"], "rate")), _table(ex_tab)),
        _section("Scores", _figure_html(_histogram("scores", "Self-evaluation scores", t["scores"]["score"],
                                                   "score"))),
        _section("Indicator names that map to one canonical name",
                 f"<p>{raw_names} names as printed map to {canonical} canonical names.</p>", names_html),
    ]
    return ("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>{''.join(body)}</body></html>\n")


def write_report(curated: Path, out: Path) -> Path:
    """Write the report of ``curated`` to ``out`` (atomically)."""
    out = Path(out)
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_text(build_report(curated), encoding="utf-8")
    tmp.replace(out)
    return out
