"""Fetching reports from the sites where departments publish them.

One module per concern:

- :mod:`fetch.sources` -- load and validate ``sources.yaml`` into :class:`~fetch.sources.Source`.
- :mod:`fetch.robots` -- robots.txt policy, cached per host.
- :mod:`fetch.http_client` -- the polite HTTP client (per-host delay, retries, size cap,
  redirect policy, conditional requests, atomic downloads).
- :mod:`fetch.html_links` -- charset decoding, link extraction, pagination, URL quoting.
- :mod:`fetch.filetypes` -- what a downloaded file really is (magic bytes) vs. what it claims.
- :mod:`fetch.manifest` -- the append-only manifest ``data/raw/manifest.jsonl``.
- :mod:`fetch.crawler` -- walk one source.

Nothing here imports Prefect; the flows in ``flows/crawl.py`` are thin wrappers.
"""
