"""govperf: Chinese government budget and performance reports as one clean dataset (the command line)."""

from model.version import __version__

__all__ = ["__version__"]
