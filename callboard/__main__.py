"""`python -m callboard`: the same as the `callboard` command."""

from callboard.cli import run

run()
