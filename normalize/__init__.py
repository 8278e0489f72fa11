"""Normalizing values: numbers, units, names, vocabularies (one module per kind of value)."""

from pathlib import Path

# the reviewed vocabularies (YAML, TSV) that normalize/ and the interpreters read
DATA_DIR = Path(__file__).with_name("data")
