"""govperf: Chinese government budget and performance reports as one clean dataset."""

__version__ = "0.1.0"
