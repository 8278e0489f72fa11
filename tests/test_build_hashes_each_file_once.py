"""A new document is hashed once per build, not once by the build for its cache look-up and again by
the reader for its doc_id: the digest travels with the job to the reader (in this process or in a worker)."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import pytest
from conftest import sample

import extract.document
import extract.pool
from extract.cache import DocumentCache
from extract.pool import Job, Limits, read_documents
from extract.sources.sniff import sha256_of


@pytest.mark.parametrize("workers", [0, 1])
def test_a_new_document_is_hashed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int) -> None:
    pdf = sample("seed001_changning_2020.pdf")
    hashed: Counter[Path] = Counter()

    def counted(path: Path) -> str:
        hashed[Path(path)] += 1
        return sha256_of(path)

    # the parent's side (the look-up, and reading in this process with workers=0); a worker process
    # imports its own modules, so there a second hash would show as a call here only with workers=0
    monkeypatch.setattr(extract.pool, "sha256_of", counted)
    monkeypatch.setattr(extract.document, "sha256_of", counted)
    [res] = read_documents([Job(pdf)], workers=workers, limits=Limits(), cache=DocumentCache(tmp_path / "cache"))
    assert res.document.doc_id == hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert hashed[pdf] == 1


def test_a_digest_given_to_the_reader_is_the_doc_id() -> None:
    pdf = sample("seed001_changning_2020.pdf")
    res = extract.document.read_document(pdf, sha256="0" * 64)
    assert res.document.doc_id == "0" * 64
