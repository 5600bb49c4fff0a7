"""`python -m callboard`: the same as the `callboard` command."""

from .cli import run

run()
