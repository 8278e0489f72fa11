"""Recognize what a source file is and refuse broken inputs with a named error.

A file is judged by its bytes, not its name: an HTML error page saved as ``.pdf``
is ``NotADocumentError``; a zero-byte file ``EmptyFileError``; an encrypted or
password-protected PDF ``EncryptedDocumentError``; a truncated one
``CorruptDocumentError``. A legacy OLE file is a .doc or an .xls by the streams it holds
(``WordDocument``; ``Workbook``/``Book``), whatever its name says. A page saved as ``.html``/``.htm``
is ``html``; HTML bytes under any other name are not a document.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from pathlib import Path

from model.errors import EmptyFileError, NotADocumentError

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# names of the OLE streams that make a file a Word or an Excel document (UTF-16LE in the directory)
_OLE_WORD = "WordDocument".encode("utf-16-le")
_OLE_EXCEL = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le") + b"\x00\x00")
_HTML_SUFFIXES = (".html", ".htm")
_HTML_STARTS = (b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body", b"<meta", b"<div", b"<table", b"<p")


# digests already computed in this process, by (path, inode, size, mtime): a build looks a file up
# more than once (its inputs, the cache) and should read its bytes once
_DIGESTS: dict[tuple[str, int, int, int], str] = {}


def sha256_of(path: Path) -> str:
    st = os.stat(path)
    key = (os.fspath(path), st.st_ino, st.st_size, st.st_mtime_ns)
    known = _DIGESTS.get(key)
    if known is not None:
        return known
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    _DIGESTS[key] = digest = h.hexdigest()
    return digest


def sniff_type(path: Path) -> str:
    """Return pdf, docx, xlsx, doc or xls from the file's bytes; raise if it is none of them."""
    size = path.stat().st_size
    if size == 0:
        raise EmptyFileError(str(path), "the file is empty (0 bytes)")
    with path.open("rb") as f:
        head = f.read(2048)
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
        except zipfile.BadZipFile as exc:
            raise NotADocumentError(str(path), f"a damaged zip/Office file: {exc}") from exc
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        raise NotADocumentError(str(path), "a zip file that is neither .docx nor .xlsx")
    if head.startswith(_OLE_MAGIC):
        return _ole_kind(path)
    sample = head.removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if sample.startswith(_HTML_STARTS) or b"<html" in sample or b"<body" in sample:
        if path.suffix.lower() in _HTML_SUFFIXES:
            return "html"
        raise NotADocumentError(str(path), "the file is an HTML page, not a document (an error page saved as a file?)")
    raise NotADocumentError(str(path), f"unrecognized file content (starts with {head[:16]!r})")


def _ole_kind(path: Path) -> str:
    """doc or xls, by the streams the OLE file holds; by its name when neither is found."""
    data = path.read_bytes()
    word = data.find(_OLE_WORD)
    excel = min((i for i in (data.find(n) for n in _OLE_EXCEL) if i >= 0), default=-1)
    if word >= 0 and excel < 0:
        return "doc"
    if excel >= 0 and word < 0:
        return "xls"
    return "xls" if path.suffix.lower() == ".xls" else "doc"
