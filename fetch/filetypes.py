"""What a downloaded file is (by its magic bytes) versus what it claims to be (URL, headers)."""

from __future__ import annotations

import re
from email.message import Message
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

KNOWN_EXTENSIONS = ("pdf", "doc", "docx", "xls", "xlsx", "html")

_CONTENT_TYPES = {
    "application/pdf": "pdf",
    "application/x-pdf": "pdf",
    "application/msword": "doc",
    "application/vnd.ms-excel": "xls",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "text/html": "html",
    "application/xhtml+xml": "html",
}
# which magic family each extension must have
_FAMILY = {"pdf": "pdf", "doc": "ole", "xls": "ole", "docx": "zip", "xlsx": "zip", "html": "html"}
_UNSAFE_NAME = re.compile(r"[\x00-\x1f<>:\"/\\|?*]+")


def sniff(head: bytes) -> str:
    """Magic family of a file from its first bytes: pdf, ole, zip, html or unknown."""
    if b"%PDF-" in head[:1024]:  # readers accept a little junk before the header
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    lowered = head[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml", b"<meta", b"<script")):
        return "html"
    if b"<html" in lowered or b"<body" in lowered:
        return "html"
    return "unknown"


def _undo_latin1(name: str) -> str:
    """Header bytes in GBK/UTF-8 that an HTTP library decoded as Latin-1: decode them again."""
    if not any("\x80" <= ch <= "\xff" for ch in name) or any(ch > "\xff" for ch in name):
        return name
    raw = name.encode("latin-1")
    for enc in ("utf-8", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return name


def filename_from_disposition(value: str | None) -> str | None:
    """The file name in a Content-Disposition header (RFC 6266 / 5987, and raw GBK/UTF-8 bytes)."""
    if not value:
        return None
    msg = Message()
    msg["content-disposition"] = value
    name = msg.get_filename()
    if not name:
        return None
    if "%" in name:
        name = unquote(name)
    name = _undo_latin1(name)
    return PurePosixPath(name.replace("\\", "/")).name or None


def extension_of(name: str) -> str | None:
    suffix = PurePosixPath(name).suffix.lower().lstrip(".")
    if suffix in ("htm", "shtml", "jhtml"):
        suffix = "html"
    return suffix if suffix in KNOWN_EXTENSIONS else None


def claimed_type(url: str, content_type: str | None, disposition: str | None) -> str | None:
    """The extension a response claims: Content-Disposition name, then URL path, then MIME type."""
    name = filename_from_disposition(disposition)
    if name and extension_of(name):
        return extension_of(name)
    ext = extension_of(unquote(urlsplit(url).path))
    if ext:
        return ext
    mime = (content_type or "").split(";")[0].strip().lower()
    return _CONTENT_TYPES.get(mime)


def check_type(claimed: str | None, head: bytes, content_type: str | None) -> tuple[str, str | None]:
    """Decide the stored extension and whether the bytes contradict the claim.

    Returns ``(extension, reason)``; ``reason`` is ``None`` if the file is acceptable, otherwise
    why it is rejected (e.g. an HTML error page served as ``application/pdf``).
    """
    family = sniff(head)
    mime = (content_type or "").split(";")[0].strip().lower()
    mime_ext = _CONTENT_TYPES.get(mime)
    if claimed is None:
        by_family = {"pdf": "pdf", "ole": "doc", "zip": "docx", "html": "html"}
        return by_family.get(family, "bin"), None
    want = _FAMILY.get(claimed)
    if want == "html" or family == want:
        return claimed, None
    if family == "html":
        return claimed, f"content is an HTML page, not {claimed} (served as {mime or 'no content type'})"
    if family == "unknown" and want != "pdf" and mime_ext in (None, claimed):
        return claimed, None  # e.g. old WPS files: not worth rejecting what we cannot identify
    return claimed, f"content is not {claimed} (magic says {family}, served as {mime or 'no content type'})"


def safe_stem(url: str, disposition: str | None, max_len: int = 80) -> str:
    """A readable, file-system-safe stem for a stored file (keeps Chinese characters)."""
    name = filename_from_disposition(disposition) or PurePosixPath(unquote(urlsplit(url).path)).name
    stem = PurePosixPath(name).stem if name else ""
    stem = _UNSAFE_NAME.sub("_", stem).strip(" ._")
    stem = re.sub(r"\s+", "_", stem)
    return stem[:max_len] or "file"
