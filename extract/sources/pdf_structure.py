"""Is a PDF's structure intact, or will the readers have to repair it to open it?

PDF readers open a damaged file by rebuilding what is broken: a cross-reference table
whose offsets do not point at their objects, a ``startxref`` that points nowhere, a stream
whose ``/Length`` is wrong, a compressed stream that does not decompress. The file then
opens and reads "ok" with text or tables silently missing. This module checks the file's
own bytes for those signs, without any PDF library, so a damaged copy is not taken for a
clean one: each problem found becomes a ``pdf_structure_repaired`` warning.

It reads the file once (memory-mapped) and stops after ``MAX_PROBLEMS`` findings.
"""

from __future__ import annotations

import mmap
import re
import zlib
from pathlib import Path

MAX_PROBLEMS = 5
_TAIL = 4096
_STARTXREF = re.compile(rb"startxref\s+(\d+)")
_OBJ_AT = re.compile(rb"\s*(\d+)\s+(\d+)\s+obj\b")
_XREF_SUB = re.compile(rb"(\d+)\s+(\d+)\s*[\r\n]+")
_XREF_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])")
_PREV = re.compile(rb"/Prev\s+(\d+)")
# a stream dictionary's /Length, direct ("/Length 3534") or indirect ("/Length 12 0 R")
_STREAM = re.compile(rb"/Length\s+(\d+)(?!\d)(?:\s+(\d+)\s+R)?[^>]*?(?:>>)\s*stream(\r\n|\n|\r)")
# an object holding just an integer (where indirect lengths are kept)
_INT_OBJ = re.compile(rb"(\d+)\s+\d+\s+obj\s*(\d+)\s*endobj")
_FLATE = re.compile(rb"/FlateDecode")


def structure_problems(path: Path) -> list[str]:
    """What is broken in the file's structure, in words (empty when it is intact)."""
    with Path(path).open("rb") as f:
        try:
            data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError:  # empty file: sniffing rejects it before this is called
            return []
        with data:
            problems = _xref_problems(data)
            problems += _stream_problems(data, MAX_PROBLEMS - len(problems))
    return problems[:MAX_PROBLEMS]


def _xref_problems(data: mmap.mmap) -> list[str]:
    tail_at = max(0, len(data) - _TAIL)
    found = list(_STARTXREF.finditer(data[tail_at:]))
    if not found:
        return ["no startxref at the end of the file (truncated, or the cross-reference table is missing)"]
    offset = int(found[-1].group(1))
    seen: set[int] = set()
    problems: list[str] = []
    while len(problems) < MAX_PROBLEMS:
        if offset in seen:
            problems.append("the chain of cross-reference sections loops (/Prev points back)")
            break
        seen.add(offset)
        if offset >= len(data):
            return [f"startxref or /Prev points past the end of the file (offset {offset})"]
        if data[offset: offset + 4] == b"xref":
            problems += _classic_section_problems(data, offset + 4)
        elif not _OBJ_AT.match(data, offset):
            return [f"the cross-reference offset {offset} points at neither a table nor an object"]
        prev = _PREV.search(data, offset, min(len(data), offset + _section_span(data, offset)))
        if not prev:
            break
        offset = int(prev.group(1))
    return problems


def _section_span(data: mmap.mmap, offset: int) -> int:
    """How far from ``offset`` the section's trailer dictionary can reach (up to the next startxref)."""
    end = data.find(b"startxref", offset)
    return (end - offset) if end > 0 else _TAIL


def _classic_section_problems(data: mmap.mmap, pos: int) -> list[str]:
    problems: list[str] = []
    bad = checked = 0
    while True:
        sub = _XREF_SUB.match(data, pos) or _XREF_SUB.match(data, _skip_ws(data, pos))
        if not sub:
            break
        first, count = int(sub.group(1)), int(sub.group(2))
        pos = sub.end()
        for k in range(count):
            entry = _XREF_ENTRY.match(data, _skip_ws(data, pos))
            if not entry:
                return [f"the cross-reference table is damaged near object {first + k}"]
            pos = entry.end()
            if entry.group(3) != b"n":
                continue
            checked += 1
            obj = _OBJ_AT.match(data, int(entry.group(1)))
            if not obj or int(obj.group(1)) != first + k:
                bad += 1
    if bad:
        problems.append(f"{bad} of {checked} cross-reference offsets do not point at their objects")
    return problems


def _skip_ws(data: mmap.mmap, pos: int) -> int:
    while pos < len(data) and data[pos: pos + 1] in (b" ", b"\r", b"\n", b"\t"):
        pos += 1
    return pos


def _stream_problems(data: mmap.mmap, room: int) -> list[str]:
    """Streams whose direct /Length does not end at ``endstream``, and Flate streams that do not inflate."""
    wrong_length = bad_flate = 0
    ints: dict[int, int] | None = None
    for m in _STREAM.finditer(data):
        start, length = m.end(), int(m.group(1))
        if m.group(2) is not None:  # indirect: the number is in object N (unless it sits in an object stream)
            if ints is None:
                ints = {int(o.group(1)): int(o.group(2)) for o in _INT_OBJ.finditer(data)}
            if length not in ints:
                continue
            length = ints[length]
        end = start + length
        after = data[end: end + 12].lstrip(b"\r\n \t")
        if not after.startswith(b"endstream"):
            wrong_length += 1
            continue
        if _FLATE.search(data, m.start(), m.end()) and not _inflates(data[start:end]):
            bad_flate += 1
    problems = []
    if wrong_length:
        problems.append(f"{wrong_length} streams' /Length do not end at endstream")
    if bad_flate:
        problems.append(f"{bad_flate} compressed streams do not decompress (damaged bytes)")
    return problems[: max(0, room)]


def _inflates(raw: bytes) -> bool:
    try:
        zlib.decompressobj().decompress(raw)
    except zlib.error:
        return False
    return True
