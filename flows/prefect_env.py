"""Prefect settings for embedded use: state inside the project, telemetry off.

Call ``configure()`` before the first ``import prefect``.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def configure() -> None:
    home = PROJECT_ROOT / ".prefect" if (PROJECT_ROOT / "pyproject.toml").exists() else Path.cwd() / ".prefect"
    os.environ.setdefault("PREFECT_HOME", str(home))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO")
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_LOGGING_LOG_PRINTS", "false")
