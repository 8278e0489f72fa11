"""Text folding, the one place for it: NFKC width folding and white-space removal.

- :func:`nfkc`: full-width letters, digits, signs and spaces to their plain forms;
- :func:`no_space`: every white-space character removed, widths kept;
- :func:`fold`: both, the key vocabularies are looked up by;
- :func:`is_sentence`: text carrying the punctuation of running prose, not a table cell's.

All take ``None`` as "".
"""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
_SENTENCE = re.compile(r"[，。；！？]")
_SENTENCE_END = re.compile(r"[。；！？]")


def nfkc(text: str | None) -> str:
    return unicodedata.normalize("NFKC", text or "")


def no_space(text: str | None) -> str:
    return _SPACE.sub("", text or "")


def fold(text: str | None) -> str:
    """NFKC-fold full-width digits, letters and signs; drop all white space."""
    return no_space(nfkc(text))


def is_sentence(text: str | None) -> bool:
    """Prose, not a cell: the text holds a full-width comma, full stop, semicolon, ! or ?."""
    return bool(_SENTENCE.search(text or ""))


def ends_a_sentence(text: str | None) -> bool:
    """The text holds a full-width full stop, semicolon, ! or ? (a comma only joins two phrases)."""
    return bool(_SENTENCE_END.search(text or ""))
