"""Reading documents, in layers: sources (one reader per input format), tables (one reader per
method, the doubt check, stitching), text helpers, interpreters (REGISTRY), and the per-document
driver :mod:`extract.document`."""
