"""Prefect flows: they only wire the steps of extract/ and dataset/ into tasks; no logic of their own."""

from flows.prefect_env import configure

configure()
