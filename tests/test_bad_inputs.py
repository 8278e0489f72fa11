"""Broken files never stop a build: the document is recorded as failed, says why, and is kept."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extract.document import read_document
from tests.conftest import make_bad_inputs

EXPECTED_RULE = {
    "html_as_pdf": "not_a_document",
    "zero_bytes": "empty_file",
    "truncated": "corrupt_document",
    "password": "encrypted_document",
    "legacy_doc": "corrupt_document",  # an OLE header and nothing else: LibreOffice cannot convert it
}


@pytest.mark.parametrize("kind", sorted(EXPECTED_RULE))
def test_bad_file_is_failed_with_a_reason(tmp_path: Path, kind: str) -> None:
    path = make_bad_inputs(tmp_path)[kind]
    res = read_document(path)
    assert res.document.status == "failed"
    assert res.document.error
    assert [i.rule for i in res.extraction.issues] == [EXPECTED_RULE[kind]]
    assert res.extraction.issues[0].severity == "error"
    assert path.exists()


def test_build_records_bad_files_and_reads_the_rest(built: dict[str, object]) -> None:
    out = Path(str(built["out"]))
    docs = pd.read_parquet(out / "documents")
    issues = pd.read_parquet(out / "issues")
    bad = {k: Path(str(p)) for k, p in dict(built["bad"]).items()}  # type: ignore[call-overload]
    for kind, path in bad.items():
        row = docs[docs["raw_path"].str.endswith("/crawled/" + path.name)]
        assert len(row) == 1, kind
        assert row.iloc[0]["status"] == "failed"
        assert EXPECTED_RULE[kind] in set(issues[issues["doc_id"] == row.iloc[0]["doc_id"]]["rule"])
        assert path.exists()
    good = docs[docs["raw_path"].str.contains("/samples/")]
    assert (good["status"] != "failed").all()
