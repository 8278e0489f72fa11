"""Text set sideways on the sheet: a page whose glyphs are turned 90 degrees in the content stream
(a landscape table printed across portrait paper, or the reverse) and that carries no /Rotate to
turn it back.

pdfplumber applies /Rotate itself, so a page stored turned *with* /Rotate already reads upright.
Without it every character is ``upright: False`` and its matrix advances along y: words come out
as vertical runs, read backwards, and no row or column can be found. Here the characters are
turned back into the frame in which the text reads left to right, top to bottom, and the words
are made there, so the position reader sees the table as printed.

The turn is told by the characters' matrices: the text advance ``(a, b)`` points up the sheet
(``b > 0``: turned counter-clockwise) or down it (``b < 0``: turned clockwise). A page is turned
when most of its characters run one of those two ways (a page of upright text with a sideways
stamp or margin note is left as it is).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pdfplumber.utils.text import extract_words

from extract.tables.glued_words import split_glued

Char = dict[str, Any]
Box = tuple[float, float, float, float]
Word = dict[str, Any]

SIDEWAYS_SHARE = 0.5  # a page is turned when more than this share of its characters run along y


@dataclass(kw_only=True)
class UprightWords:
    words: list[Word]
    width: float  # of the frame the words are in (the sheet's height when the page was turned)
    height: float
    turn: int  # 0 (as stored), 90 (text turned counter-clockwise on the sheet) or 270 (clockwise)


def turn_of(chars: list[Char]) -> int:
    """90 when most characters advance up the sheet, 270 when most advance down it, else 0."""
    up = down = 0
    for c in chars:
        m = c.get("matrix")
        if not m or c.get("upright", True) or not str(c.get("text", "")).strip():
            continue
        a, b = float(m[0]), float(m[1])
        if abs(b) > abs(a):
            up, down = up + (b > 0), down + (b < 0)
    total = sum(1 for c in chars if str(c.get("text", "")).strip())
    if total and up > SIDEWAYS_SHARE * total:
        return 90
    if total and down > SIDEWAYS_SHARE * total:
        return 270
    return 0


def upright_box(box: Box, turn: int, width: float, height: float) -> Box:
    """A box ``(x0, top, x1, bottom)`` of the stored page (``width`` x ``height``) in the upright frame:
    along the text's advance is x, the next line's way is down."""
    x0, top, x1, bottom = (float(v) for v in box)
    if turn == 90:  # the text runs up the sheet; its next line lies to the right
        return (height - bottom, x0, height - top, x1)
    if turn == 270:  # the text runs down the sheet; its next line lies to the left
        return (top, width - x1, bottom, width - x0)
    return (x0, top, x1, bottom)


def _turned(c: Char, turn: int, width: float, height: float) -> Char:
    """``c`` in the upright frame."""
    x0, top, x1, bottom = upright_box((c["x0"], c["top"], c["x1"], c["bottom"]), turn, width, height)
    out = dict(c)
    out["x0"], out["x1"], out["top"], out["bottom"] = x0, x1, top, bottom
    out["doctop"] = top
    out["width"], out["height"] = x1 - x0, bottom - top
    out["upright"] = True
    return out


@dataclass(kw_only=True)
class UprightChars:
    chars: list[Char]
    width: float  # of the upright frame
    height: float
    turn: int  # as in :class:`UprightWords`


def upright_chars(page: Any) -> UprightChars:
    """The characters of a pdfplumber ``page`` in the frame where its text reads upright (the page's
    own when it is not turned)."""
    width, height = float(page.width), float(page.height)
    chars = list(page.chars)
    turn = turn_of(chars)
    if turn == 0:
        return UprightChars(chars=chars, width=width, height=height, turn=0)
    return UprightChars(chars=[_turned(c, turn, width, height) for c in chars], width=height, height=width,
                        turn=turn)


def upright_words(page: Any) -> UprightWords:
    """The words of a pdfplumber ``page`` in the frame where its text reads upright, each with its
    characters (``chars``: where two cells set close run together into one word, the position reader
    cuts it between them)."""
    frame = upright_chars(page)
    if frame.turn == 0:
        words = list(page.extract_words(keep_blank_chars=False, use_text_flow=False, return_chars=True))
    else:
        words = extract_words(frame.chars, keep_blank_chars=False, use_text_flow=False, return_chars=True)
    words = split_glued(words)
    return UprightWords(words=words, width=frame.width, height=frame.height, turn=frame.turn)
