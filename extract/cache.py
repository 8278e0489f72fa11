"""Each document's extracted rows, kept between builds so a nightly build reads only what is new.

A result is keyed by the file's sha256, the file's name (the fiscal year may come from it), whether
pages without a text layer were OCR'd, and the **extractor version**: a hash of every source file
and vocabulary that produces rows (model/, normalize/, extract/) and of the versions of the
libraries that read the files. A changed rule, vocabulary or library therefore re-reads
everything, and nothing is trusted across versions: each version has its own folder and the
others are removed after a build.

Entries are written atomically (a temporary file renamed into place), so a crash leaves whole
entries or none. Only results of a completed reading are kept; a document stopped by a time
or memory limit, or whose worker died, is read again next time. What is stamped from the
job rather than read from the file (raw_path, source_url) is restamped on a hit.

Layout: ``<cache>/<version>/<sha256[:2]>/<key>.pickle``.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from extract.document import DocumentResult
from extract.interpreters.prose.reconcile import checks_companions
from extract.sources.discover import decoded_name
from model.records import DocumentRecord

# the packages whose code produces rows, hashed file by file
_CODE_PACKAGES = ("model", "normalize", "extract")
# libraries whose version changes what is read from a file
_LIBRARIES = ("pdfplumber", "pdfminer.six", "pypdfium2", "camelot-py", "jieba", "python-docx", "openpyxl",
              "rapidocr-onnxruntime", "lxml", "xlrd")
# results that say nothing about the file, only about one attempt to read it
_NOT_KEPT = ("time_limit_exceeded", "memory_limit_exceeded", "worker_crashed", "file_unreadable")
_ROOT = Path(__file__).resolve().parent.parent


def code_version(packages: tuple[str, ...], libraries: tuple[str, ...]) -> str:
    """A hash of every file under ``packages`` (of this project) and of the installed versions of
    ``libraries`` (16 hex digits)."""
    h = hashlib.sha256()
    for package in packages:
        for path in sorted((_ROOT / package).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc",):
                h.update(path.relative_to(_ROOT).as_posix().encode())
                h.update(path.read_bytes())
    for lib in libraries:
        try:
            h.update(f"{lib}=={metadata.version(lib)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{lib} absent".encode())
    return h.hexdigest()[:16]


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A hash of the code, vocabularies and library versions that produce rows (16 hex digits)."""
    return code_version(_CODE_PACKAGES, _LIBRARIES)


@dataclass(kw_only=True)
class KeptResult:
    """A document's result as a build keeps it until the dataset is written: the document's record and
    counts in memory, its rows on disk (its cache entry) when they are cached, so that a build of many
    documents never holds every row at once. A result that is not cached stays in memory."""

    document: DocumentRecord
    identities_checked: int = 0
    identities_held: int = 0
    rows: int = 0  # rows of every table the document gave
    checks_companions: bool = False  # its prose is checked against its companion files' tables
    entry: Path | None = None
    result: DocumentResult | None = None

    @classmethod
    def of(cls, result: DocumentResult, entry: Path | None = None) -> KeptResult:
        """``result`` kept: its rows left in ``entry`` when given, else kept in memory."""
        ex = result.extraction
        return cls(document=result.document, identities_checked=ex.identities_checked,
                   identities_held=ex.identities_held, rows=row_count(result),
                   checks_companions=checks_companions(ex), entry=entry,
                   result=None if entry is not None else result)

    def load(self) -> DocumentResult:
        """The whole result (its rows read back from the cache entry), stamped with this build's path."""
        if self.result is not None:
            return self.result
        assert self.entry is not None
        with self.entry.open("rb") as f:
            result: DocumentResult = pickle.load(f)
        result.document = self.document
        return result


def row_count(result: DocumentResult) -> int:
    ex = result.extraction
    return sum(len(rows) for rows in (ex.budgets, ex.indicators, ex.scores, ex.narratives, ex.facts, ex.issues))


class DocumentCache:
    """Results by (sha256, file name, extractor version) under ``folder``."""

    def __init__(self, folder: Path, version: str | None = None, reuse: bool = True) -> None:
        self.root = Path(folder)
        self.reuse = reuse  # False (--rebuild): read every document again, and refresh the entries
        self.version = version or extractor_version()
        self.folder = self.root / self.version
        self.hits = 0
        self.stored = 0

    def _entry(self, sha256: str, path: Path, ocr: bool) -> Path:
        name = os.fsencode(Path(path).name)
        # a reading without OCR (--no-ocr) leaves scanned pages unread: it is kept apart from a full one
        key = hashlib.sha256(sha256.encode() + b"\0" + name + (b"" if ocr else b"\0no-ocr")).hexdigest()
        return self.folder / sha256[:2] / f"{key}.pickle"

    def get(self, sha256: str, path: Path, source_url: str | None, ocr: bool = True) -> DocumentResult | None:
        if not self.reuse:
            return None
        entry = self._entry(sha256, path, ocr)
        try:
            with entry.open("rb") as f:
                result: DocumentResult = pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None
        name, name_bytes = decoded_name(Path(path))
        result.document.raw_path, result.document.raw_path_bytes = name, name_bytes
        result.document.source_url = source_url
        self.hits += 1
        return result

    def has(self, sha256: str, path: Path, ocr: bool = True) -> bool:
        """Whether a result is kept for this file (without loading it); never with --rebuild."""
        return self.reuse and self._entry(sha256, path, ocr).is_file()

    def put(self, path: Path, result: DocumentResult, ocr: bool = True) -> None:
        if not self._keeps(result):
            return
        entry = self._entry(result.document.doc_id, path, ocr)
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(result, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, entry)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self.stored += 1

    def keep(self, path: Path, result: DocumentResult, ocr: bool = True) -> KeptResult:
        """``result`` as the build keeps it: its rows left in the cache entry when there is one."""
        entry = self._entry(result.document.doc_id, path, ocr)
        return KeptResult.of(result, entry if self._keeps(result) and entry.is_file() else None)

    @staticmethod
    def _keeps(result: DocumentResult) -> bool:
        return not (result.document.status == "failed" and any(i.rule in _NOT_KEPT for i in result.extraction.issues))

    def drop_other_versions(self) -> list[str]:
        """Remove the entries of every other extractor version (they are never read again)."""
        removed = []
        if self.root.is_dir():
            for d in self.root.iterdir():
                if d.is_dir() and d.name != self.version:
                    shutil.rmtree(d, ignore_errors=True)
                    removed.append(d.name)
        return removed
