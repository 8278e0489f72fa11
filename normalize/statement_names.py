"""Statement titles: recognise a printed title and give its canonical name.

A line is a statement title when, without its furniture (year, 公开NN表 tag, agency, unit), it
names a statement of the vocabulary (``known`` in data/statements.yaml: the national templates'
tables and their variants), or has the shape of one: it ends with 表 and names a money flow
(收入, 支出, 预算, 采购, …), and is not a performance form (绩效, 自评) or a 目录. Known titles get
their canonical name; others keep the printed title (:func:`is_known_statement` tells them apart,
so a reader can say so). The vocabulary is reviewed data in data/statements.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from normalize.furniture import is_furniture
from normalize.text import fold, no_space
from normalize.units import declared_unit, strip_declarations

_DATA = Path(__file__).with_name("data") / "statements.yaml"
_TAG = re.compile(
    r"公开\s*[0-9一二三四五六七八九十]+(\s*[-－]\s*\d+)?\s*表|公开表\s*[0-9一二三四五六七八九十]+"
)
_UNIT_TAIL = re.compile(r"(编制)?(部门|单位)\s*[:：].*$")


@dataclass(frozen=True)
class StatementVocabulary:
    suffixes: tuple[str, ...]
    words: tuple[str, ...]
    excluded: tuple[str, ...]
    strip: tuple[re.Pattern[str], ...]
    canonical: dict[str, str]  # key of a printed title (known name or variant) -> canonical name
    known: frozenset[str]  # the canonical names
    line_numbers: frozenset[str]
    item_prefixes: tuple[str, ...]
    continuation_marks: frozenset[str]
    project_headers: frozenset[str]
    project_words: tuple[str, ...]
    caption_tags: tuple[re.Pattern[str], ...]
    empty_notes: tuple[str, ...]


def _key(text: str) -> str:
    return fold(text).replace('"', "").replace("“", "").replace("”", "")


def _canonical(known: dict[str, list[str] | None]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, variants in known.items():
        for printed in (name, *(variants or ())):
            out[_key(printed)] = name
    return out


@lru_cache(maxsize=1)
def vocabulary() -> StatementVocabulary:
    data = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    return StatementVocabulary(
        suffixes=tuple(data["title_suffixes"]),
        words=tuple(data["title_words"]),
        excluded=tuple(data["excluded_words"]),
        strip=tuple(re.compile(p) for p in data["strip_patterns"]),
        canonical=_canonical(data["known"]),
        known=frozenset(data["known"]),
        line_numbers=frozenset(_key(x) for x in data.get("line_number_labels") or ()),
        item_prefixes=tuple(sorted(data.get("item_prefixes") or (), key=len, reverse=True)),
        continuation_marks=frozenset(_key(x) for x in data.get("continuation_marks") or ()),
        project_headers=frozenset(_key(x) for x in data.get("project_item_headers") or ()),
        project_words=tuple(data.get("project_statement_words") or ()),
        caption_tags=tuple(re.compile(x) for x in data.get("caption_tags") or ()),
        empty_notes=tuple(no_space(x) for x in data.get("empty_table_notes") or ()),
    )


def clean_title(line: str) -> str:
    """The printed title without white space, 公开NN表 tags, year prefixes and unit/agency tails."""
    s = no_space(line)
    s = _TAG.sub("", s)
    s = _UNIT_TAIL.sub("", s)
    for pat in vocabulary().strip:
        s = pat.sub("", s)
    return s.strip()


_SENTENCE = re.compile(r"[。；;，,!！?？]")


def is_statement_title(line: str) -> bool:
    v = vocabulary()
    s = clean_title(line)
    if not s or len(s) > 40 or _SENTENCE.search(s):
        return False
    core = re.sub(r"[（(][^）)]*[）)]$", "", s)  # 财政拨款支出预算表（功能科目）
    if any(w in s for w in v.excluded):
        return False
    if _key(core) in v.canonical:
        return True
    return len(core) >= 4 and core.endswith(v.suffixes) and any(w in core for w in v.words)


def is_known_statement(name: str) -> bool:
    """Whether ``name`` (as :func:`canonical_statement` gives it) is a statement of the vocabulary."""
    return re.sub(r"[（(][^）)]*[）)]$", "", name) in vocabulary().known  # a note (（功能科目）) aside


def is_caption(line: str) -> bool:
    """A statement's caption line, never one of its rows: its agency (编制单位：某某局, 部门：…) or its
    unit (单位：元, 单位（万元）) or both, with nothing else but a 公开NN表 or 表五 tag (``caption_tags``)."""
    s = fold(line)
    if not (_UNIT_TAIL.search(s) or declared_unit(s)):
        return False
    rest = _UNIT_TAIL.sub("", strip_declarations(_TAG.sub("", s)))
    return not rest or any(p.fullmatch(rest) for p in vocabulary().caption_tags)


def notes_an_empty_table(text: str) -> bool:
    """The text says its statement is published empty (本表为空表, 故本表无数据: ``empty_table_notes``)."""
    s = no_space(fold(text))
    return any(n in s for n in vocabulary().empty_notes)


def is_line_number_label(text: str) -> bool:
    """行次 / 栏次: the label of a column or row that numbers lines or columns, not an amount."""
    return _key(text) in vocabulary().line_numbers


def is_continuation_mark(line: str) -> bool:
    """续表 / （续）: a line above a table saying it continues the previous page's table."""
    return _key(line) in vocabulary().continuation_marks


def strip_item_prefix(item: str) -> str:
    """'其中：公务用车购置费' -> '公务用车购置费' (a label's opening word that is not part of the name)."""
    for p in vocabulary().item_prefixes:
        if item.startswith(p) and len(item) > len(p):
            return item[len(p):]
    return item


def canonical_statement(title: str) -> str:
    """The canonical name of a printed title: the vocabulary's name, or the cleaned printed title."""
    s = clean_title(title)
    core = re.sub(r"[（(][^）)]*[）)]$", "", s)
    v = vocabulary()
    if _key(s) in v.canonical:
        return v.canonical[_key(s)]
    if _key(core) in v.canonical:  # 一般公共预算支出预算表（功能科目）: the note stays
        return v.canonical[_key(core)] + s[len(core):]
    return s


def find_title(text: str) -> str | None:
    """The statement title closest to the end of ``text`` (text above a table, or its first cells)."""
    for line in reversed(text.splitlines()):
        if is_furniture(line):
            continue
        if is_statement_title(line):
            return canonical_statement(line)
    return None


def lists_projects(statement: str, item_header: str) -> bool:
    """Whether the rows of ``statement``'s item column headed ``item_header`` are projects
    (项目支出表 | 项目名称), not lines of a summary."""
    v = vocabulary()
    return any(w in statement for w in v.project_words) and _key(item_header) in v.project_headers
