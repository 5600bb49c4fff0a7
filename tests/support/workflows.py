"""Reading GitHub workflows the way the tests need them: the steps, the `callboard` commands they
run (with the values GitHub would give their variables), every `uses:` line with its comment,
and the two outside auditors (check-jsonschema, zizmor) run offline."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

SHELL_VALUES = {"$base_url": "https://org.github.io/board/"}
"""What the workflows' shell variables hold on GitHub: the Pages address of a project page."""
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<action>[^@\s]+)@(?P<ref>\S+)(?:\s+#\s*(?P<comment>.*))?$")


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads a bare `on` as true
    return data


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def callboard_commands(workflow: dict) -> list[list[str]]:
    """Every `callboard ...` line of every run step, split as the shell would split it."""
    commands = []
    for step in steps(workflow):
        for line in step.get("run", "").splitlines():
            line = line.strip()
            if line.startswith("callboard "):
                commands.append([SHELL_VALUES.get(word, word) for word in shlex.split(line)[1:]])
    return commands


@dataclass(frozen=True)
class Uses:
    path: Path
    line: int
    action: str
    ref: str
    comment: str


def uses_lines(path: Path) -> list[Uses]:
    """Every `uses:` of a workflow as written, with the comment after it (YAML drops comments)."""
    found = []
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if match := USES_LINE.match(text):
            found.append(Uses(path, number, match["action"], match["ref"], (match["comment"] or "").strip()))
    return found


def tool(name: str) -> str:
    """A command-line tool installed with the test extra, beside the running Python."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    assert found, f"{name} is missing: pip install -e '.[test]'"
    return found


def schema_problems(schema: str, paths: list[Path]) -> str:
    """check-jsonschema with one of its vendored schemas (no download): '' when all are valid."""
    result = subprocess.run([tool("check-jsonschema"), "--builtin-schema", schema, *map(str, paths)],
                            capture_output=True, text=True, timeout=120)
    return "" if result.returncode == 0 else result.stdout + result.stderr


def zizmor_findings(*inputs: Path, min_severity: str = "medium") -> list[str]:
    """zizmor's offline audits of workflows and Dependabot files, one line per finding."""
    result = subprocess.run([tool("zizmor"), "--offline", "--format", "json", "--min-severity", min_severity,
                             *map(str, inputs)], capture_output=True, text=True, timeout=120)
    assert result.stdout.strip(), result.stderr
    findings = []
    for finding in json.loads(result.stdout):
        where = finding["locations"][0]
        place = next(iter(where["symbolic"]["key"].get("Local", {}).values()), "?")
        line = where["concrete"]["location"]["start_point"]["row"] + 1
        findings.append(f"{place}:{line}: {finding['ident']} ({finding['determinations']['severity']}): "
                        f"{finding['desc']}")
    return findings
