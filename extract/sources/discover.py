"""Find the documents under a raw folder, and say what else is there.

Every file under ``raw`` is either a document to read (by its name: .pdf, .docx, .xlsx,
.doc, .xls, .html, .htm; its bytes are judged later) or skipped, and skipped files are
counted by kind so that a folder holding only files govperf does not read says so instead
of building an empty dataset. Hidden files and folders (the crawler's partial downloads,
the dataset's own snapshots) and govperf's own exports (an .xlsx whose author is govperf)
are skipped too. A folder that cannot be listed is reported, never fatal.

File names are taken as the file system holds them: a name that is not UTF-8 (a GBK name
from a Chinese server or a zip archive) is read as GB18030 for display and its bytes kept
(:func:`decoded_name`).
"""

from __future__ import annotations

import os
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from model.errors import RawFolderError

DOCUMENT_SUFFIXES = (".pdf", ".docx", ".xlsx", ".xls", ".doc", ".html", ".htm")
# the author govperf writes into its .xlsx exports, so a build never reads them back as reports
EXPORT_CREATOR = "govperf"


@dataclass
class Discovery:
    raw: Path
    documents: list[Path] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)  # kind ("*.txt", "hidden", "govperf export") -> count
    unlisted: list[str] = field(default_factory=list)  # folders that could not be listed, and why

    def skipped_text(self) -> str:
        return ", ".join(f"{n} {kind}" for kind, n in sorted(self.skipped.items(), key=lambda kv: (-kv[1], kv[0])))


def discover(raw: Path) -> Discovery:
    """Every document under ``raw`` (sorted) and the count of what was skipped, by kind."""
    raw = Path(raw)
    if not raw.exists():
        raise RawFolderError(f"{raw} does not exist")
    if not raw.is_dir():
        raise RawFolderError(f"{raw} is not a folder")
    found = Discovery(raw=raw)

    def unlisted(exc: OSError) -> None:
        found.unlisted.append(f"{decoded_name(Path(exc.filename or raw))[0]}: {exc.strerror}")

    for folder, dirs, files in os.walk(raw, onerror=unlisted):
        hidden = sum(1 for d in dirs if d.startswith("."))
        if hidden:
            found.skipped["hidden"] += hidden
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            kind = _skip_kind(Path(folder) / name)
            if kind:
                found.skipped[kind] += 1
            else:
                found.documents.append(Path(folder) / name)
    found.documents.sort(key=lambda p: os.fsencode(p))
    return found


def _skip_kind(path: Path) -> str | None:
    """Why ``path`` is not read (None: it is a document to read)."""
    if path.name.startswith("."):
        return "hidden"
    suffix = path.suffix.lower()
    if suffix not in DOCUMENT_SUFFIXES:
        return f"*{suffix}" if suffix else "no extension"
    if suffix == ".xlsx" and _is_own_export(path):
        return "govperf export"
    return None


def _is_own_export(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as z:
            core = ElementTree.fromstring(z.read("docProps/core.xml"))
    except (OSError, KeyError, zipfile.BadZipFile, RuntimeError, ElementTree.ParseError):
        return False
    creator = core.find("{http://purl.org/dc/elements/1.1/}creator")
    return creator is not None and (creator.text or "").strip() == EXPORT_CREATOR


def decoded_name(path: Path) -> tuple[str, bytes | None]:
    """``path`` as text, and its raw bytes when they are not UTF-8 (else None).

    Not UTF-8: decoded as GB18030 (what Chinese servers and zip tools write), or, failing
    that, with the undecodable bytes shown as ``\\xNN``.
    """
    raw = os.fsencode(path)
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), raw
    except UnicodeDecodeError:
        return raw.decode("utf-8", "backslashreplace"), raw
