"""Pages that print the fund block of a self-evaluation form (项目资金 / 年度资金总额 / 其中：财政拨款 /
其他资金 over 年初预算数 全年预算数 全年执行数 分值 执行率 得分, or label:amount pairs 预算数: 1047.8)
but from which no budget row was read: issues rule ``fund_block_not_read``.

A page *prints a fund block* when its text, outside sentences, shows

- a row of the block: a line opening with a row label of the block's vocabulary (a total: 年度资金总额,
  合计; a funding source: 财政拨款, 上年结转资金, 其他资金, anything ending in 资金/补助/拨款; 其中：
  removed) followed by ``MIN_FIGURES`` figures or more, on a page that also names a measure (年初预算数,
  调整后预算, 执行数, also wrapped: 年初预算 on a line of its own) and a column without money (执行率,
  分值, 得分, 权重: what a statement's amounts never have beside them); or
- a pair: a measure label and its colon followed by a figure (预算数： 318.09).

Without this check a block no reader could read (headings wrapped over rows, a label merged into the
row labels, a layout not known yet) left no trace: the form's indicators and score were read, its money
silently missing.
"""

from __future__ import annotations

import itertools

from extract.interpreters.selfeval.funds import fund_vocab
from extract.interpreters.selfeval.unread_forms import unread_pages_printing
from extract.interpreters.selfeval.vocab import key, vocab
from model.pages import PageText
from model.records import BudgetRow, IssueRow
from normalize.numbers import parse_number
from normalize.text import is_sentence

RULE = "fund_block_not_read"
MIN_FIGURES = 2  # figures after a row label: a row of amounts, not a label and one stray number


def _row_label(word: str) -> bool:
    """A row label of a fund block: a total or a funding source (其中： removed)."""
    k = key(word)
    for p in fund_vocab()["strip_prefixes"]:
        if k.startswith(p):
            k = k[len(p):]
    return bool(k) and (k in fund_vocab()["total_labels"] or k in vocab()["fund_source_columns"]
                        or k.endswith(tuple(vocab()["fund_source_suffixes"])))


def _measure(word: str) -> bool:
    return key(word) in vocab()["fund_measures"]


def _figure(word: str) -> bool:
    return parse_number(word) is not None


def _pair(words: list[str]) -> bool:
    """A measure label with its colon and its amount beside it (预算数： 318.09; a statement's row
    预算数 18.96 3.75 is no pair)."""
    return any(w.endswith((":", "：")) and _measure(w) and _figure(n) for w, n in itertools.pairwise(words))


def _block_row(words: list[str]) -> bool:
    return bool(words) and _row_label(words[0]) and sum(1 for w in words[1:] if _figure(w)) >= MIN_FIGURES


def fund_block_line(text: str) -> str | None:
    """The first line of a page's ``text`` that shows it prints a fund block (see the module), or None."""
    lines = [(ln.strip(), ln.split()) for ln in text.split("\n") if ln.strip() and not is_sentence(ln)]
    for line, words in lines:
        if _pair(words):
            return line
    rows = [line for line, words in lines if _block_row(words)]
    if not rows:
        return None
    words = [w for _, ws in lines for w in ws]
    non_money = set(vocab()["fund_non_money"])
    if any(_measure(w) for w in words) and any(key(w) in non_money for w in words):
        return rows[0]
    return None


def fund_blocks_not_read(doc_id: str, pages: list[PageText], budgets: list[BudgetRow],
                         flagged: set[int]) -> list[IssueRow]:
    """An issue for every page (not garbled, not among ``flagged``) that prints a fund block but gave
    no budget row read from a table."""
    read = {b.page for b in budgets if b.source == "table"}
    return [IssueRow(doc_id=doc_id, page=n, rule=RULE, severity="warning",
                     message=f"{how} {n} prints the fund block of a self-evaluation form ({line[:60]}) but no "
                             "budget row was read from it: its amounts are missing from the dataset")
            for how, n, line in unread_pages_printing(pages, read, flagged, fund_block_line)]
