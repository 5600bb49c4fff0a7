"""callboard: a static site generator for an open innovation call board."""

__version__ = "0.1.0"
