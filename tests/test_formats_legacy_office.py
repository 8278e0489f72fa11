"""Legacy .xls and .doc files: read by content, with a clear failure where no converter is installed."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.document import read_document
from extract.sources import doc as doc_source
from extract.sources.sniff import sniff_type

TUNE = Path(__file__).resolve().parent / "fixtures" / "formats" / "tune"


def test_a_doc_without_libreoffice_fails_saying_what_to_install(monkeypatch: pytest.MonkeyPatch,
                                                                  tmp_path: Path) -> None:
    monkeypatch.setenv("SOFFICE", str(tmp_path / "no-such-soffice"))
    monkeypatch.setattr(doc_source.shutil, "which", lambda _name: None)
    res = read_document(TUNE / "proj_mof_wan_qingxi_2023.doc")
    assert res.document.status == "failed" and res.document.file_type == "doc"
    (issue,) = res.extraction.issues
    assert issue.rule == "converter_missing"
    assert "libreoffice" in issue.message.lower() and "apt-get install" in issue.message


def test_a_converter_that_hangs_is_stopped_by_the_time_limit(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nexec sleep 30\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("SOFFICE", str(fake))
    with pytest.raises(doc_source.CorruptDocumentError, match="did not convert"):
        doc_source.convert_to_docx(TUNE / "proj_mof_wan_qingxi_2023.doc", tmp_path, timeout=1)


def test_ole_files_are_told_apart_by_content_not_by_name(tmp_path: Path) -> None:
    xls_named_doc = tmp_path / "statement.doc"
    xls_named_doc.write_bytes((TUNE / "final_wan_dongou_2023.xls").read_bytes())
    doc_named_xls = tmp_path / "form.xls"
    doc_named_xls.write_bytes((TUNE / "proj_mof_wan_qingxi_2023.doc").read_bytes())
    assert sniff_type(xls_named_doc) == "xls"
    assert sniff_type(doc_named_xls) == "doc"


def test_xls_self_evaluation_form_reads_its_merged_cells_and_projects() -> None:
    res = read_document(TUNE / "proj_mof_wan_qingxi_2023.xls")
    # as printed on the form's first sheet: 项目名称 13098121-高标准农田建设管护经费, 主管部门 青溪县农业农村局
    projects = {i.project for i in res.extraction.indicators}
    assert any(p and "高标准农田建设管护经费" in p for p in projects)
    assert {i.level1 for i in res.extraction.indicators} == {"产出指标", "效益指标", "满意度指标"}
    assert not any(i.name in ("不适用", "指标1：") for i in res.extraction.indicators)
