"""No single file can stall or sink a build: each document is read in a worker process under a time
and a memory limit; one that exceeds them, or kills its worker, is recorded as failed with an issues
row naming the limit, and the other documents are read."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from extract.pool import Job, Limits, read_documents
from tests.conftest import sample

SMALL_LIMITS = Limits(seconds=60, memory_mb=700)


def _expanding_docx(path: Path, xml_mb: int) -> Path:
    """A docx whose document.xml expands to ``xml_mb`` MB of paragraphs (a few hundred KB on disk)."""
    para = "<w:p><w:r><w:t>" + "预算执行情况" * 40 + "</w:t></w:r></w:p>"
    head = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                   'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
                   '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(head.encode())
            chunk = (para * 1000).encode()
            for _ in range(xml_mb * 1024 * 1024 // len(chunk) + 1):
                f.write(chunk)
            f.write(b"</w:body></w:document>")
    return path


def _pdf(objects: list[bytes], prev_self: bool = False) -> bytes:
    out, offsets = b"%PDF-1.4\n", []
    for i, o in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + o + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    prev = f" /Prev {xref}" if prev_self else ""
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{prev} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def _self_referencing_pdfs(folder: Path) -> list[Path]:
    text = b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET"
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>"
    files = {
        # the page tree lists itself among its kids
        "pages_kid_of_itself.pdf": [b"<< /Type /Catalog /Pages 2 0 R >>",
                                    b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>", page,
                                    f"<< /Length {len(text)} >>\nstream\n".encode() + text + b"\nendstream"],
        # the content stream's Length is the stream itself
        "length_is_itself.pdf": [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                                 page, b"<< /Length 4 0 R >>\nstream\n" + text + b"\nendstream"],
    }
    paths = []
    for name, objs in files.items():
        (folder / name).write_bytes(_pdf(objs))
        paths.append(folder / name)
    loop = folder / "xref_prev_loops.pdf"
    content = f"<< /Length {len(text)} >>\nstream\n".encode() + text + b"\nendstream"
    loop.write_bytes(_pdf([*files["length_is_itself.pdf"][:3], content], prev_self=True))
    return [*paths, loop]


def test_self_referencing_pdfs_end_as_failed_or_flagged_and_the_others_are_read(tmp_path: Path) -> None:
    bad = _self_referencing_pdfs(tmp_path)
    jobs = [Job(p) for p in bad] + [Job(sample("seed001_changning_2020.pdf"))]
    results = [k.load() for k in read_documents(jobs, workers=1, limits=SMALL_LIMITS)]
    for res in results[:-1]:
        rules = {i.rule for i in res.extraction.issues}
        damaged = res.document.status == "failed" or "pdf_structure_repaired" in rules
        assert damaged, (res.document.raw_path, res.document.status, rules)
    assert results[-1].document.status == "ok" and results[-1].extraction.budgets


def test_an_expanding_docx_is_stopped_by_the_memory_limit(tmp_path: Path) -> None:
    bomb = _expanding_docx(tmp_path / "bomb.docx", xml_mb=400)
    assert bomb.stat().st_size < 20 * 1024 * 1024
    [res] = [k.load() for k in read_documents([Job(bomb)], workers=1, limits=Limits(seconds=300, memory_mb=600))]
    assert res.document.status == "failed"
    assert [i.rule for i in res.extraction.issues] == ["memory_limit_exceeded"]


def test_a_slow_docx_is_stopped_by_the_time_limit_and_the_next_document_is_read(tmp_path: Path) -> None:
    # 40 MB of paragraphs take about 100 CPU-s to read (measured); a small report reads in about a second
    slow = _expanding_docx(tmp_path / "slow.docx", xml_mb=40)
    jobs = [Job(slow), Job(sample("seed001_changning_2020.pdf"))]
    first, second = [k.load() for k in read_documents(jobs, workers=1, limits=Limits(seconds=20, memory_mb=6000))]
    assert first.document.status == "failed"
    assert [i.rule for i in first.extraction.issues] == ["time_limit_exceeded"]
    assert "20 s" in (first.document.error or "")
    assert second.document.status == "ok"


@pytest.mark.parametrize("workers", [1, 2])
def test_results_come_back_in_job_order_whatever_the_workers(workers: int) -> None:
    names = ["seed001_changning_2020.pdf", "ys_2019_jiangsu_renda_tables.pdf", "seed004_hongshan_2019.pdf"]
    results = read_documents([Job(sample(n)) for n in names], workers=workers, limits=SMALL_LIMITS)
    assert [Path(r.document.raw_path).name for r in results] == names


def test_the_largest_files_are_read_first_so_no_long_document_is_left_for_last() -> None:
    """A worker free to take a document takes the largest one left: a long document started last would
    keep the build waiting while the other workers sit idle."""
    names = ["seed001_changning_2020.pdf", "jues_2024_shanghai_putuo_guihuaziran.pdf", "seed004_hongshan_2019.pdf"]
    order: list[str] = []
    read_documents([Job(sample(n)) for n in names], workers=1, limits=SMALL_LIMITS,
                   on_result=lambda _i, job, _res, _s, _c: order.append(job.path.name))
    assert order == sorted(names, key=lambda n: sample(n).stat().st_size, reverse=True)


def test_reader_processes_that_die_as_they_start_stop_the_build_with_a_reason(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A broken installation (the reader cannot even start) is an error, not an endless restart loop."""
    from extract import pool

    monkeypatch.setattr(pool, "_worker_main", _exit_at_once)
    with pytest.raises(pool.WorkerStartError, match="died while starting"):
        read_documents([Job(sample("seed001_changning_2020.pdf"))], workers=1, limits=SMALL_LIMITS)


def _exit_at_once(conn: object, memory_mb: int) -> None:
    raise SystemExit(3)
