"""``python -m govperf``: the command line."""

from govperf.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
