"""`python -m callboard`: the same as the `callboard` command."""

from callboard.cli import run

if __name__ == "__main__":  # a spawned worker imports this module too, and must not run the command
    run()
