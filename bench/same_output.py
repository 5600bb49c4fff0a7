#!/usr/bin/env python3
"""Build the same boards with two commits of callboard and compare the output trees byte for byte.

    python bench/same_output.py BEFORE [AFTER]      # AFTER defaults to the working tree

For a change meant to leave behaviour alone (a restructuring, a speed-up): each commit is
checked out into a temporary worktree and run with its own code on PYTHONPATH, so both are
built by the same Python and the same installed libraries. The boards are the example board
(as it is, with drafts, and under a sub-path), the test fixture board, and a generated board of
a few hundred needs. Pagefind's index is left out (`--no-search`): its files are not
byte-stable between runs (Pagefind issue #638). Prints each board's verdict and exits 1 on any
difference.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NOW = "2026-11-28"
VARIANTS = (
    ("example", ".", []),
    ("example-drafts", ".", ["--drafts"]),
    ("example-subpath", ".", ["--base-url", "https://example.org/tavla/"]),
    ("fixture", "tests/fixtures/board", []),
    ("generated", "@generated", []),
)


def worktree(commit: str, into: Path) -> Path:
    subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", str(into), commit],
                   check=True, capture_output=True)
    return into


def build(code: Path, board: Path, out: Path, extra: list[str]) -> None:
    env = {**os.environ, "PYTHONPATH": str(code), "SOURCE_DATE_EPOCH": ""}
    command = [sys.executable, "-m", "callboard", "build", "--root", str(board), "--out", str(out), "--now", NOW,
               "--no-cache", "--no-search", "--quiet", *extra]
    run = subprocess.run(command, env=env, cwd=code, capture_output=True, text=True)  # -m puts the cwd first
    if run.returncode != 0:
        raise SystemExit(f"build failed with {code}:\n{run.stdout}{run.stderr}")


def differences(a: Path, b: Path, prefix: str = "") -> list[str]:
    compared = filecmp.dircmp(a, b)
    found = [f"only in before: {prefix}{name}" for name in compared.left_only]
    found += [f"only in after: {prefix}{name}" for name in compared.right_only]
    for name in compared.common_files:
        if (a / name).read_bytes() != (b / name).read_bytes():
            found.append(f"differs: {prefix}{name}")
    for name in compared.common_dirs:
        found += differences(a / name, b / name, f"{prefix}{name}/")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", help="a commit, e.g. main~3")
    parser.add_argument("after", nargs="?", help="a commit (default: the working tree)")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="callboard-same-"))
    trees = []
    try:
        before = worktree(args.before, scratch / "before")
        trees.append(before)
        after = worktree(args.after, scratch / "after") if args.after else REPO
        if args.after:
            trees.append(after)
        generated = scratch / "generated-board"
        subprocess.run([sys.executable, str(REPO / "bench" / "generate.py"), "--needs", "300", "--out", str(generated)],
                       check=True, capture_output=True)
        failed = False
        for name, board, extra in VARIANTS:
            outputs = []
            for label, code in (("before", before), ("after", after)):
                root = generated if board == "@generated" else code / board
                out = scratch / f"{name}-{label}"
                build(code, root, out, extra)
                outputs.append(out)
            found = differences(*outputs)
            files = sum(1 for path in outputs[0].rglob("*") if path.is_file())
            print(f"{name}: {'identical' if not found else f'{len(found)} differences'} ({files} files)")
            for line in found[:20]:
                print(f"  {line}")
            failed |= bool(found)
        return 1 if failed else 0
    finally:
        for tree in trees:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)], capture_output=True)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
