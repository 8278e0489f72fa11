"""Normalizing values: numbers, units, names, vocabularies (one module per kind of value)."""
