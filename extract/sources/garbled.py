"""Unreadable text: fonts without ToUnicode maps give U+FFFD, private-use or ``(cid:N)`` characters,
or characters of other scripts mixed into the CJK. Every source reader flags such text."""

from __future__ import annotations

import re

_CID = re.compile(r"\(cid:\d+\)")
_BAD_CHAR = re.compile(r"[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f]")
# characters a Chinese government report is written in, with the symbols its forms tick and mark
# (✓ ✔ ☑ ☐ ★ ✗, U+2600-27BF) and the small and vertical forms of signs and punctuation (﹦ ﹪ ︰,
# U+FE10-FE1F, U+FE50-FE6F: the national templates print 指标值 as ﹦100%); a font without a Unicode
# map comes out as characters of other scripts (Syriac, Canadian syllabics, Coptic, ...) mixed into the CJK
_EXPECTED_CHAR = re.compile(
    "[\\s\x20-\x7e\u00a0-\u00ff\u0391-\u03c9\u2000-\u206f\u2100-\u22ff\u2460-\u27bf\u2e80-\u2fdf"
    "\u3000-\u303f\u3200-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe10-\ufe1f\ufe30-\ufe6f\uff00-\uffef]"
)

# share of a page's non-space characters that may be unreadable before it is garbled
GARBLED_SHARE = 0.05


def garbled_count(text: str) -> int:
    """How many characters of ``text`` are unreadable or of an unexpected script (cid escapes count once)."""
    text = _CID.sub("\ufffd", text)
    return len(_BAD_CHAR.findall(text)) + len(_EXPECTED_CHAR.sub("", _BAD_CHAR.sub("", text)))


def is_garbled(text: str) -> bool:
    visible = len(re.sub(r"\s", "", text))
    bad = garbled_count(text)
    return bad > 0 and (visible == 0 or bad / visible >= GARBLED_SHARE or bad >= 20)


def cells_garbled(rows: list[list[str | None]]) -> bool:
    """Some cell of the table holds unreadable text."""
    return any(garbled_count(c) for r in rows for c in r if c)
