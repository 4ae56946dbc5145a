"""joinedup: test health and social care partnerships against outcomes for people."""

__version__ = "0.1.0"
