"""pdfplumber's PDF with a faster turn of each character into its record (same records, less work).

pdfplumber turns every object pdfminer laid out into a dict (``Page.process_object``): for each
attribute it runs ``resolve_all`` (which rebuilds every tuple, e.g. each character's matrix),
finds the object's kind with a regular expression on its class name and decodes its colour
space's name character by character. On a page of a thousand characters that is a quarter of
the page's parse. :class:`PlumberPdf` builds a character's record directly, with the same keys in
the same order and equal values; other objects (rulings, images) keep pdfplumber's own code.
Anything a character holds that could need resolving (a reference, a list, a nested tuple) goes
through pdfplumber's ``resolve_all`` as before.
"""

from __future__ import annotations

from typing import Any

import pdfplumber
from pdfminer.layout import LTChar
from pdfplumber.page import ALL_ATTRS, Page
from pdfplumber.utils.pdfinternals import resolve_all, resolve_and_decode

_PLAIN = (int, float, str, bool, type(None))
_DECODED: dict[str, Any] = {}  # colour space name -> as resolve_and_decode gives it (pure, so shared)


def _plain(v: Any) -> bool:
    """A value ``resolve_all`` gives back unchanged (equal): a number, text, None, or a flat tuple of numbers."""
    t = type(v)
    if t in _PLAIN:
        return True
    return t is tuple and all(type(e) in _PLAIN for e in v)


def _colour_space(name: Any) -> Any:
    if type(name) is not str:
        return resolve_and_decode(name)
    got = _DECODED.get(name)
    if got is None:
        got = _DECODED[name] = resolve_and_decode(name)
    return got


class _Page(Page):
    """A pdfplumber page whose characters are turned into records without the generic path."""

    def process_object(self, obj: Any) -> dict[str, Any]:
        if type(obj) is not LTChar or self.pdf.unicode_norm is not None:
            return super().process_object(obj)  # type: ignore[no-any-return]
        attr = {k: (v if _plain(v) else resolve_all(v)) for k, v in obj.__dict__.items() if k in ALL_ATTRS}
        attr["object_type"] = "char"
        attr["page_number"] = self.page_number
        for cs in ("ncs", "scs"):
            if hasattr(obj, cs):
                attr[cs] = _colour_space(getattr(obj, cs).name)
        attr["text"] = obj.get_text()
        gs = obj.graphicstate
        attr["stroking_color"] = gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,)
        attr["non_stroking_color"] = gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,)
        if isinstance(attr["fontname"], bytes):
            return super().process_object(obj)  # type: ignore[no-any-return]  # rare: pdfplumber fixes the name
        mb_x0, mb_top = self.mediabox[:2]
        attr["top"] = (self.height - attr["y1"]) + mb_top
        attr["bottom"] = (self.height - attr["y0"]) + mb_top
        attr["doctop"] = self.initial_doctop + attr["top"]
        if mb_x0 != 0:
            attr["x0"] = attr["x0"] + mb_x0
            attr["x1"] = attr["x1"] + mb_x0
        return attr


class PlumberPdf(pdfplumber.PDF):
    """``pdfplumber.PDF`` whose pages are :class:`_Page` (open it with ``PlumberPdf.open(path)``)."""

    @property
    def pages(self) -> list[Page]:
        pages: list[Page] = super().pages
        for p in pages:
            if type(p) is Page:
                p.__class__ = _Page
        return pages
