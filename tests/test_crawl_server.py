"""A real Prefect server on loopback: deployment ``nightly`` is registered, scheduled, and runs.

Bounded: server health 45 s, registration 30 s, the run 40 s, shutdown 25 s per process.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from crawl_fixtures import Resp, Site, pdf_bytes, running_site

from fetch.manifest import Manifest

pytestmark = pytest.mark.server

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def site() -> Iterator[Site]:
    with running_site() as s:
        yield s


PREFECT = Path(sys.executable).with_name("prefect")

_SERVE_SCRIPT = """
import sys
from pathlib import Path
from flows.serve import serve_nightly
serve_nightly(Path(sys.argv[1]), Path(sys.argv[2]))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM the process group, then SIGKILL it if it does not go within 15 s."""
    if proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 10)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def _wait_healthy(api: str, proc: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"prefect server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{api}/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    pytest.fail("prefect server did not become healthy in time")


def test_nightly_deployment_on_a_real_server(site: Site, tmp_path: Path) -> None:
    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL, temporary_settings

    site.routes["/robots.txt"] = Resp(body=b"User-agent: *\nAllow: /\n", content_type="text/plain")
    site.routes["/list/"] = Resp(body='<title>绩效信息公开</title><a href="/r.pdf">报告</a>'.encode())
    site.routes["/r.pdf"] = Resp(body=pdf_bytes("served"), content_type="application/pdf")
    sources = tmp_path / "sources.yaml"
    sources.write_text(f"- name: local\n  start_url: {site.url('/list/')}\n  delay_s: 0\n", encoding="utf-8")
    raw = tmp_path / "raw"

    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = dict(
        os.environ,
        PREFECT_HOME=str(tmp_path / "prefect-home"),
        PREFECT_API_URL=api,
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_LOGGING_LEVEL="WARNING",
        PREFECT_RUNNER_POLL_FREQUENCY="1",
        PREFECT_SERVER_API_HOST="127.0.0.1",
        PREFECT_SERVER_API_PORT=str(port),
        PREFECT_UI_ENABLED="false",
        PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
        NO_PROXY="127.0.0.1,localhost",
    )
    logs = tmp_path / "logs"
    logs.mkdir()
    procs: list[subprocess.Popen[bytes]] = []
    try:
        with open(logs / "server.log", "wb") as server_log:
            server = subprocess.Popen(
                [str(PREFECT), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                env=env,
                cwd=tmp_path,
                stdout=server_log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        procs.append(server)
        _wait_healthy(api, server, timeout=300)  # generous: a busy 2-core machine is slow to start it

        with open(logs / "serve.log", "wb") as serve_log:
            serve = subprocess.Popen(
                [sys.executable, "-c", _SERVE_SCRIPT, str(sources), str(raw)],
                env=env,
                cwd=REPO,
                stdout=serve_log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        procs.append(serve)

        with temporary_settings({PREFECT_API_URL: api}):
            deployment = None
            deadline = time.monotonic() + 240
            with get_client(sync_client=True) as client:
                while time.monotonic() < deadline and deployment is None:
                    if serve.poll() is not None:
                        pytest.fail("govperf serve exited: " + (logs / "serve.log").read_text(errors="replace"))
                    try:
                        deployment = client.read_deployment_by_name("crawl/nightly")
                    except Exception:  # not registered yet
                        time.sleep(0.5)
            assert deployment is not None, "deployment crawl/nightly was never registered"
            assert len(deployment.schedules) == 1
            schedule = deployment.schedules[0].schedule
            assert getattr(schedule, "cron", None) == "0 2 * * *"
            assert getattr(schedule, "timezone", None) == "Asia/Shanghai"
            assert deployment.schedules[0].active
            assert deployment.parameters["raw"] == str(raw.resolve())

            flow_run = run_deployment("crawl/nightly", parameters={"build": False}, timeout=300, poll_interval=1)
            assert flow_run.state is not None
            assert flow_run.state.is_completed(), (
                f"run ended {flow_run.state!r}\n" + (logs / "serve.log").read_text(errors="replace")[-3000:]
            )
        rows = Manifest(raw).rows
        assert [r.outcome for r in rows] == ["new"] and rows[0].title == "绩效信息公开"
        assert site.statuses("/r.pdf") == [200]
    finally:
        for proc in reversed(procs):
            _stop(proc)
