"""The version written into every document row (``extractor_version``)."""

__version__ = "0.1.0"
