"""Shared fixtures: the shipped sample documents, broken inputs made from them, one full build."""

from __future__ import annotations

import io
import os
import shutil
import signal
import uuid
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
from PIL import ImageDraw

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "raw" / "samples"
GOLD = Path(__file__).resolve().parent / "gold"

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("DO_NOT_TRACK", "1")
# a loaded 2-core machine needs more than Prefect's 20 s to start its embedded server (18-22 s measured)
SERVER_STARTUP_S = 300
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", str(SERVER_STARTUP_S))
# every process the tests start inherits this mark, so the session can find any that outlived it
SESSION_MARK = "GOVPERF_TEST_SESSION"
os.environ[SESSION_MARK] = uuid.uuid4().hex


def sample(name: str) -> Path:
    return SAMPLES / name


SEAL_DPI = 150


@pytest.fixture(scope="session")
def sealed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, tuple[float, float, float, float]]:
    """Page 1 of a sample self-evaluation as an image-only PDF (150 dpi, colour) with a red seal's ring
    drawn across the fund block's 预算数 2953.33, and the box (points) of the cell around it: the scan
    readers' re-reads of a figure under a seal (identity re-reads, unsure cells read again)."""
    source = sample("seed000_qingshan_2020.pdf")
    with pdfplumber.open(source) as pdf:
        w = next(w for w in pdf.pages[0].extract_words() if w["text"] == "2953.33")
    doc = pdfium.PdfDocument(source)
    try:
        image = doc[0].render(scale=SEAL_DPI / 72).to_pil().convert("RGB")
    finally:
        doc.close()
    s = SEAL_DPI / 72
    x0, top, x1, bottom = w["x0"] - 4, w["top"] - 4, w["x1"] + 4, w["bottom"] + 4
    draw = ImageDraw.Draw(image)
    cx, cy, r = (x0 + x1) / 2 * s, bottom * s + 40, 48
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(220, 40, 40), width=5)
    out = tmp_path_factory.mktemp("sealed") / "自评表.pdf"
    image.save(out, resolution=SEAL_DPI)
    return out, (x0, top, x1, bottom)


def make_bad_inputs(folder: Path) -> dict[str, Path]:
    """The broken files real crawls bring home, made from a real sample where one is needed."""
    import pypdf

    folder.mkdir(parents=True, exist_ok=True)
    good = sample("seed000_qingshan_2020.pdf").read_bytes()
    files = {
        "html_as_pdf": folder / "error_page.pdf",
        "zero_bytes": folder / "empty.pdf",
        "truncated": folder / "truncated.pdf",
        "password": folder / "password.pdf",
        "legacy_doc": folder / "old_word.doc",
    }
    files["html_as_pdf"].write_text(
        "<!DOCTYPE html><html><head><title>404 Not Found</title></head><body>页面不存在</body></html>",
        encoding="utf-8",
    )
    files["zero_bytes"].write_bytes(b"")
    files["truncated"].write_bytes(good[: len(good) // 2])
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(good)))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    files["password"].write_bytes(buf.getvalue())
    files["legacy_doc"].write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    return files


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """One run of the ``build_dataset`` flow (embedded Prefect) over every sample plus the broken inputs."""
    from prefect.testing.utilities import prefect_test_harness

    from flows.build import build_dataset

    base = tmp_path_factory.mktemp("build")
    raw = base / "raw"
    shutil.copytree(SAMPLES, raw / "samples")
    bad = make_bad_inputs(raw / "crawled")
    out = base / "curated"
    with prefect_test_harness(server_startup_timeout=SERVER_STARTUP_S):
        state = build_dataset(raw=raw, out=out, progress=False, return_state=True)
        summary = state.result()
        artifacts = _artifacts_of(state.state_details.flow_run_id)
    return {"raw": raw, "out": out, "bad": bad, "summary": summary, "artifacts": artifacts}


def _artifacts_of(flow_run_id: object) -> list[dict[str, object]]:
    """The artifacts the flow run's page shows (key, type, data), read while its server is up."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    with get_client(sync_client=True) as client:
        found = client.read_artifacts(artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(
            any_=[flow_run_id])))
    return [{"key": a.key, "type": a.type, "data": a.data, "description": a.description} for a in found]


def _marked_processes() -> list[tuple[int, str]]:
    """Processes (other than this one) that carry this session's mark: started by the tests."""
    mark = f"{SESSION_MARK}={os.environ[SESSION_MARK]}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if mark in (entry / "environ").read_bytes().split(b"\0"):
                cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                # multiprocessing's resource tracker belongs to this process and ends with it
                if "multiprocessing.resource_tracker" not in cmd:
                    found.append((int(entry.name), cmd.strip()))
        except OSError:
            continue
    return found


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Nothing the tests started may outlive them: stop this process's embedded Prefect server, then
    kill and report any process still carrying the session's mark (the session then fails)."""
    import sys

    server_mod = sys.modules.get("prefect.server.api.server")
    if server_mod is not None:
        for server in list(getattr(server_mod.SubprocessASGIServer, "_instances", {}).values()):
            server.stop()
    left = _marked_processes()
    for pid, _cmd in left:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    if left:
        lines = "\n".join(f"  pid {pid}: {cmd[:160]}" for pid, cmd in left)
        print(f"\nprocesses started by the tests were still running (now killed):\n{lines}", file=sys.stderr)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
