"""Mutation testing of the modules that count days and points, one module at a time, with mutmut.

    python tools/mutation.py                 # every module below, one after the other
    python tools/mutation.py calendar bands  # these modules only
    python tools/mutation.py --list          # the modules and the tests each is tested by
    python tools/mutation.py --report        # the scores of the runs done so far, and the survivors
    python tools/mutation.py scoring --only '*measure_lines__mutmut_*'   # some functions' mutants only

Each module is mutated in a copy of the project of its own (``build/mutation/MODULE/``),
whose ``[tool.mutmut]`` names the module and the fast test files that test it: mutmut
runs only those tests against the module's mutants. A run is resumed where it stopped
(mutmut keeps its results in the copy); ``--fresh`` starts the module over. mutmut
runs at a lower priority (``nice``) so that the machine stays usable.

A mutant is *killed* when a test fails (or times out) against it and *survives*
otherwise. The score of a module is killed / (killed + survived): a mutant no selected
test reaches counts as surviving. Survivors that do not change what the code does (a
cache size, a message's wording) are listed as equivalent in docs/testing.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "build" / "mutation"


@dataclass(frozen=True)
class Target:
    """A module mutated and the test files that should notice its mutants."""

    sources: tuple[str, ...]
    tests: tuple[str, ...]


PACKAGE = "src/bianmin_rules"
TARGETS = {
    "calendar": Target(
        (f"{PACKAGE}/core/calendar.py",),
        ("tests/test_calendar.py", "tests/test_calendar_properties.py", "tests/test_office_hours.py"),
    ),
    "deadlines": Target(
        (f"{PACKAGE}/core/deadlines.py",), ("tests/test_deadlines.py", "tests/test_time_limits.py"),
    ),
    "bands": Target((f"{PACKAGE}/core/scorecards/bands.py",), ("tests/test_bands.py",)),
    "leave": Target((f"{PACKAGE}/families/leave/policies.py",), ("tests/test_leave.py",)),
    "time-limits": Target(
        (f"{PACKAGE}/families/cases/policies.py",),
        ("tests/test_time_limits.py", "tests/test_case_types.py", "tests/test_deadlines.py",
         "tests/test_variant_county_centre.py", "tests/test_agenda.py"),
    ),
    "ladders": Target(
        (f"{PACKAGE}/families/ladders/policies.py", f"{PACKAGE}/families/ladders/counting.py"),
        ("tests/test_ladders.py",),
    ),
    "scoring": Target(
        (f"{PACKAGE}/core/scorecards/scoring.py",),
        ("tests/test_scorecards_engine.py",),
    ),
}
"""The modules mutated: the calendar, deadlines, band tables, time-limit and ladder policies, scorecard arithmetic."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("modules", nargs="*", metavar="MODULE",
                        help=f"modules to mutate (default: all): {', '.join(TARGETS)}")
    parser.add_argument("--list", action="store_true", help="list the modules and their tests")
    parser.add_argument("--report", action="store_true", help="the scores and survivors of the runs so far")
    parser.add_argument("--fresh", action="store_true", help="forget earlier results of these modules")
    parser.add_argument("--survivors", action="store_true",
                        help="test again only the mutants that survived the last run (after tests were added)")
    parser.add_argument("--children", type=int, default=1, help="mutants tested at once (default: 1)")
    parser.add_argument("--only", action="append", default=[], metavar="GLOB",
                        help="only the mutants whose names match (mutmut's globs, e.g. '*measure_lines__mutmut_*')")
    args = parser.parse_args()
    names = args.modules or list(TARGETS)
    unknown = [name for name in names if name not in TARGETS]
    if unknown:
        parser.error(f"no module {', '.join(unknown)}; the modules are: {', '.join(TARGETS)}")
    if args.list:
        for name in names:
            print(f"{name}: {', '.join(TARGETS[name].sources)}\n    tests: {', '.join(TARGETS[name].tests)}")
        return 0
    if not args.report:
        for name in names:
            again = survivors(name) if args.survivors else list(args.only)
            if args.survivors and not again:
                continue
            forget(name, again)
            mutate(name, TARGETS[name], fresh=args.fresh, children=args.children, only=again)
    for name in names:
        report(name)
    return 0


def mutate(name: str, target: Target, *, fresh: bool, children: int, only: list[str]) -> None:
    """Run mutmut over one module in its copy of the project."""
    copy = WORK / name
    if fresh and copy.exists():
        shutil.rmtree(copy)
    copy.mkdir(parents=True, exist_ok=True)
    for folder in ("src", "tests", "docs", "examples"):  # tests read the docs' examples and the example files
        shutil.copytree(ROOT / folder, copy / folder, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__", ".hypothesis"))
    (copy / "pyproject.toml").write_text(project_file(target), encoding="utf-8")
    mutmut = Path(sys.executable).with_name("mutmut")
    print(f"== {name}: {', '.join(target.sources)}", flush=True)
    subprocess.run(["nice", "-n", "19", str(mutmut), "run", "--max-children", str(children), *only], cwd=copy,
                   check=False, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})


def project_file(target: Target) -> str:
    """The copy's pyproject.toml: the project's own, with mutmut told what to mutate and which tests to run."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    pytest = tomllib.loads(text)["tool"]["pytest"]["ini_options"]
    lines = [
        "[tool.pytest.ini_options]",
        f"addopts = {pytest.get('addopts', '')!r}",
        "",
        "[tool.mutmut]",
        'source_paths = ["src/"]',
        'also_copy = ["docs/", "examples/"]',
        f"only_mutate = {list(target.sources)!r}",
        f"pytest_add_cli_args_test_selection = {list(target.tests)!r}",
        'pytest_add_cli_args = ["-p", "no:cacheprovider", "-x"]',
        "timeout_multiplier = 4.0",  # a mutant looping for ever is given up sooner than by mutmut's 15
        "",
    ]
    return "\n".join(lines).replace("'", '"')


def results(name: str) -> dict[str, str]:
    """Each mutant of the module and what became of it (killed, survived, no tests, …) in the last run."""
    copy = WORK / name
    if not (copy / "mutants").exists():
        return {}
    mutmut = Path(sys.executable).with_name("mutmut")
    shown = subprocess.run([str(mutmut), "results", "--all", "true"], cwd=copy, capture_output=True, text=True,
                           check=False).stdout
    return dict(re.findall(r"^\s+(\S+): (.+)$", shown, flags=re.MULTILINE))


def survivors(name: str) -> list[str]:
    """The mutants of the module that no test killed in the last run."""
    return [key for key, value in results(name).items() if value in ("survived", "no tests")]


def forget(name: str, mutants: list[str]) -> None:
    """Forget the results of these mutants, so that mutmut tests them again (it remembers what it has done)."""
    for meta in (WORK / name / "mutants").rglob("*.py.meta"):
        data = json.loads(meta.read_text(encoding="utf-8"))
        codes = data["exit_code_by_key"]
        if any(key in codes for key in mutants):
            codes.update({key: None for key in mutants if key in codes})
            meta.write_text(json.dumps(data), encoding="utf-8")


def report(name: str) -> None:
    """The module's score and its surviving mutants, from mutmut's results in its copy."""
    status = results(name)
    if not status:
        print(f"{name}: not run yet")
        return
    killed = sum(value in ("killed", "timeout") for value in status.values())
    survived = [key for key, value in status.items() if value in ("survived", "no tests")]
    other = len(status) - killed - len(survived)
    tested = killed + len(survived)
    score = f"{100 * killed / tested:.1f} %" if tested else "—"
    print(f"{name}: {score} ({killed} killed of {tested}; {other} not yet run or skipped)")
    for key in survived:
        print(f"    survived: {key} ({status[key]})")


if __name__ == "__main__":
    raise SystemExit(main())
