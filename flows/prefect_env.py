"""Prefect settings for embedded use: state inside the project, a clean terminal, telemetry off.

Call ``configure()`` before the first ``import prefect``. Every setting is a default: a
variable already set in the environment wins.

- The embedded (ephemeral) API server gets ``STARTUP_TIMEOUT_S`` to start instead of Prefect's
  20 s, which a loaded 2-core machine exceeds (18–22 s measured); bench/bench_startup.py
  measures it.
- Prefect's per-task chatter goes to ``$PREFECT_HOME/govperf.log``; the console shows warnings
  and errors only (``verbosity`` 1 shows INFO, 2 DEBUG; -1 errors only).
- No telemetry: ``PREFECT_SERVER_ANALYTICS_ENABLED=false`` and ``DO_NOT_TRACK=1`` (the client's
  first-run notice and events).
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
LOGGING_CONFIG = Path(__file__).with_name("data") / "logging.yml"
STARTUP_TIMEOUT_S = 300
CONSOLE_LEVELS = {-1: "ERROR", 0: "WARNING", 1: "INFO", 2: "DEBUG"}


def configure(verbosity: int = 0) -> None:
    home = PROJECT_ROOT / ".prefect" if (PROJECT_ROOT / "pyproject.toml").exists() else Path.cwd() / ".prefect"
    os.environ.setdefault("PREFECT_HOME", str(home))
    Path(os.environ["PREFECT_HOME"]).mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", str(STARTUP_TIMEOUT_S))
    os.environ.setdefault("PREFECT_LOGGING_SETTINGS_PATH", str(LOGGING_CONFIG))
    level = CONSOLE_LEVELS[max(-1, min(2, verbosity))]
    if verbosity or "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL" not in os.environ:
        os.environ["PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"] = level
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "DEBUG" if verbosity >= 2 else "INFO")
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_LOGGING_LOG_PRINTS", "false")
