"""Legacy Word .doc (Word 97-2003) reports: converted to .docx by LibreOffice, then read as a .docx.

The converter is LibreOffice's ``soffice`` (``$SOFFICE``, else ``soffice`` or ``libreoffice`` on the PATH;
Debian: ``apt-get install libreoffice-writer-nogui``). Each conversion runs headless with a profile
directory of its own (conversions in parallel workers do not share LibreOffice's lock) and under a time
limit. Where no converter is installed the document is failed with rule ``converter_missing``, whose
reason says what to install; a file LibreOffice cannot convert is a corrupt document.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from extract.sources.docx import read_docx
from model.errors import ConverterMissingError, CorruptDocumentError
from model.pages import PageText
from model.tables import RawTable

CONVERT_TIMEOUT_S = 180
INSTALL_HINT = "install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui) or set $SOFFICE"


def converter() -> str | None:
    """LibreOffice's command, or None where it is not installed."""
    for cand in (os.environ.get("SOFFICE"), shutil.which("soffice"), shutil.which("libreoffice")):
        if cand and Path(cand).exists():
            return cand
    return None


def convert_to_docx(path: Path, out_dir: Path, *, timeout: float = CONVERT_TIMEOUT_S) -> Path:
    """``path`` (.doc) converted to ``out_dir/<name>.docx`` by LibreOffice."""
    soffice = converter()
    if soffice is None:
        raise ConverterMissingError(str(path), f"a legacy .doc needs a converter: {INSTALL_HINT}")
    src = out_dir / "in.doc"  # a plain name: LibreOffice mangles some non-ASCII names and option-like ones
    shutil.copyfile(path, src)
    profile = out_dir / "profile"
    args = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
            "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out_dir), str(src)]
    try:
        done = subprocess.run(args, capture_output=True, timeout=timeout, check=False, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as exc:
        raise CorruptDocumentError(str(path), f"LibreOffice did not convert the .doc within {timeout:.0f} s") from exc
    out = out_dir / "in.docx"
    if done.returncode != 0 or not out.exists():
        said = (done.stderr or done.stdout).decode("utf-8", "replace").strip()[-300:]
        reason = f"LibreOffice could not convert the .doc (exit {done.returncode}: {said})"
        raise CorruptDocumentError(str(path), reason)
    return out


def read_doc(path: Path) -> tuple[list[PageText], list[RawTable]]:
    """A .doc's text as page 1 and its tables, as for a .docx (the converted copy is not kept)."""
    with tempfile.TemporaryDirectory(prefix="govperf-doc-") as tmp:
        return read_docx(convert_to_docx(path, Path(tmp)))
