"""The data model: records, errors, the rule registry, the Arrow schemas and the extraction model.

Imports nothing of ours (stdlib, pyarrow, yaml only); every other package builds on it.
"""
