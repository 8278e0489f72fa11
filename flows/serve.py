"""Register and serve the deployment ``nightly`` of the ``crawl`` flow (02:00 Asia/Shanghai).

Needs a Prefect server (``prefect server start``) and ``PREFECT_API_URL`` pointing at it; the
embedded (ephemeral) mode cannot schedule. ``make serve`` does both.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import serve
from prefect.schedules import Cron

from flows.crawl import DEFAULT_OUT, crawl

DEPLOYMENT_NAME = "nightly"
CRON = "0 2 * * *"
TIMEZONE = "Asia/Shanghai"


def nightly_deployment(sources: Path, raw: Path, build: bool = True, out: Path = DEFAULT_OUT) -> Any:
    """The ``nightly`` deployment (a RunnerDeployment) with absolute paths baked into its parameters."""
    return crawl.to_deployment(
        name=DEPLOYMENT_NAME,
        schedules=[Cron(CRON, timezone=TIMEZONE)],
        parameters={
            "sources": str(Path(sources).resolve()),
            "raw": str(Path(raw).resolve()),
            "build": build,
            "out": str(Path(out).resolve()),
        },
        description="Nightly crawl of the report columns in sources.yaml, then build.",
        tags=["govperf", "crawl"],
    )


def serve_nightly(sources: Path, raw: Path, build: bool = True, out: Path = DEFAULT_OUT) -> None:
    """Register the deployment ``nightly`` on the Prefect server and serve it (blocks)."""
    serve(nightly_deployment(sources, raw, build, out))
