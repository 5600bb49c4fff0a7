#!/usr/bin/env python3
"""Build the board in this folder: the same as `callboard build` (arguments are passed on)."""

import sys

from callboard.cli import main

if __name__ == "__main__":
    sys.exit(main(["build", *sys.argv[1:]]))
