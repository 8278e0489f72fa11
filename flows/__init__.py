"""Prefect flows: they wire the steps of extract/ and normalize/; no extraction logic here."""

from flows.prefect_env import configure

configure()
