"""Fuzzing: hostile input into every entry point that reads outside data.

Whatever it is given — arbitrary bytes as an event log, schema-shaped events with hostile
values, arbitrary and mutated TOML as a variant or a holiday schedule, arbitrary command
lines — the library answers with a result or with one of its documented errors
(docs/errors.md): an :class:`~bianmin_rules.core.errors.EventError` for a log, a
:class:`~bianmin_rules.core.errors.VariantError` for a variant file, a
:class:`~bianmin_rules.core.errors.CalendarError` for a schedule, any
:class:`~bianmin_rules.core.errors.BianminError` from an evaluation; every message is one line (a variant's: one
line a problem).
The command line exits 0, 1 or 2, never with a traceback or an internal error (3). A
variant that lints clean is one that loads.

The everyday profile (CI) runs each test with a few dozen examples; for a long search:

    HYPOTHESIS_PROFILE=deep .venv/bin/python -m pytest tests/test_fuzz.py

which runs fifty times as many (see tests/conftest.py).
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import re
import shutil
import tempfile
import tomllib
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import pytest
import tomli_w
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from tools.reference import sub_commands

from bianmin_rules import (
    BianminError,
    CalendarError,
    EventError,
    VariantError,
    WorkCalendar,
    evaluate,
    load_variant,
    read_events,
)
from bianmin_rules.authoring.lint import lint_variant
from bianmin_rules.authoring.testing import events
from bianmin_rules.authoring.variant_tests import run_paths
from bianmin_rules.cli.main import build_parser, main
from bianmin_rules.core.errors import RegisterError
from bianmin_rules.families import BUILTIN
from bianmin_rules.intake.files import DATA, demo_events, load_schedule, variant_text, with_schedules
from bianmin_rules.intake.spreadsheets import convert_register, import_register

T = TypeVar("T")

SCALE = max(1, settings.default.max_examples // 40)
"""How many times the everyday count of examples to run: 1, or 50 under the deep profile."""


def fuzz(examples: int) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Run a test on ``examples`` examples (times :data:`SCALE`)."""
    return settings(max_examples=examples * SCALE, deadline=None, suppress_health_check=list(HealthCheck))


def answers(call: Callable[[], T], *errors: type[BianminError]) -> T | None:
    """The result of ``call``, or None when it raised one of ``errors`` as one line (a variant's: one a problem).

    Anything else fails.
    """
    try:
        return call()
    except errors as error:
        caught: BianminError = error
    if isinstance(caught, VariantError):
        assert str(caught).split("\n") == [problem.text(caught.variant) for problem in caught.problems]
    else:
        assert "\n" not in str(caught), str(caught)
    return None


COUNTY = load_variant("county-centre")
DEMO = list(demo_events())
AS_OF = date(2026, 12, 31)

# -- hostile values ------------------------------------------------------------------

EDGE_NUMBERS = [0, -1, 1, 52, 53, 366, 367, 1000, 1001, 10**6, 10**6 + 1, -(10**6), 2**63, -(2**63), 10**30]
NUMBER_TEXTS = [
    "1e99999999", "-1e99999999", "1e-99999999", "NaN", "Infinity", "-0", "0.00001", "0.005", "1" * 5000,
    "0." + "1" * 1000,
]
EDGE_TEXTS = [
    *NUMBER_TEXTS, "", " ", "\ufeff", "\x00", "\u2028", "XX-99", "xx-1",
    *sorted(BUILTIN.rules)[:: len(BUILTIN.rules) // 8],  # rule IDs of the catalogue, here and there
]
EDGE_MOMENTS = [
    "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00", "2000-12-31T23:59:59", "2000-12-31T20:00:00-08:00",
    "2001-01-01T00:00:00", "2099-12-31T23:59:59", "2099-12-31T20:00:00-12:00", "2100-01-01T00:00:00",
    "2026-02-29T10:00:00", "2026-03-01T25:00", "2026-03-02T09:00:00", "2031-12-31T17:00:00", "2032-01-05T09:00:00",
    "0001-01-01", "9999-12-31", "2001-01-01", "2099-12-31", "2026-02-30", "2026-10-01", "2031-12-31",
]
UNITS = ["working_days", "calendar_days", "same_day", "next_day", "week", "year"]


def hostile_values() -> st.SearchStrategy[Any]:
    """Values a careless or hostile writer puts in a field: extremes, wrong types, garbage."""
    scalars = st.one_of(
        st.none(), st.booleans(), st.integers(), st.sampled_from(EDGE_NUMBERS),
        st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(EDGE_TEXTS), st.sampled_from(EDGE_MOMENTS),
        st.text(max_size=40),
    )
    limits = st.fixed_dictionaries({
        "amount": st.one_of(st.sampled_from(EDGE_NUMBERS), st.integers(-3, 400)), "unit": st.sampled_from(UNITS),
    })
    periods = st.fixed_dictionaries({
        "kind": st.sampled_from(["month", "quarter", "year", "week"]), "start": st.sampled_from(EDGE_MOMENTS),
    })
    return st.one_of(
        scalars, limits, periods, st.lists(scalars, max_size=3), st.dictionaries(st.text(max_size=6), scalars,
                                                                                 max_size=3),
    )


ANY_EVENT = events()
MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def hostile_value_for(value: Any) -> st.SearchStrategy[Any]:
    """A hostile value, of the field's own shape half of the time: a moment for a moment, a number for a number."""
    if isinstance(value, str) and MOMENT.match(value):
        shaped: st.SearchStrategy[Any] = st.sampled_from(EDGE_MOMENTS)
    elif (isinstance(value, int | float) and not isinstance(value, bool)) or (
            isinstance(value, str) and NUMBER.match(value)):
        shaped = st.one_of(st.sampled_from(EDGE_NUMBERS), st.sampled_from(NUMBER_TEXTS))
    elif isinstance(value, dict) and "amount" in value:
        shaped = st.fixed_dictionaries({"amount": st.sampled_from(EDGE_NUMBERS), "unit": st.sampled_from(UNITS)})
    else:
        return hostile_values()
    return st.one_of(shaped, hostile_values())


@st.composite
def hostile_lines(draw: st.DrawFn) -> str:
    """One event of the log's schema, as a JSON line, with a field changed, dropped or added."""
    event = draw(ANY_EVENT)
    data: dict[str, Any] = json.loads(event.model_dump_json())
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        key = draw(st.sampled_from([*data, "at", "id", "type", "extra"]))
        if draw(st.integers(0, 4)) == 0:
            data.pop(key, None)
        else:
            data[key] = draw(hostile_value_for(data.get(key)))
    return json.dumps(data, ensure_ascii=draw(st.booleans()), allow_nan=True, default=str)


# -- event logs ----------------------------------------------------------------------


@fuzz(150)
@given(st.binary(max_size=600))
def test_read_events_on_arbitrary_bytes(data: bytes) -> None:
    answers(lambda: list(read_events(data.split(b"\n"), source="bytes.jsonl")), EventError)


@fuzz(100)
@given(st.lists(st.text(max_size=120), max_size=6))
def test_read_events_on_arbitrary_text(lines: list[str]) -> None:
    answers(lambda: list(read_events(lines, source="text.jsonl")), EventError)


@fuzz(150)
@given(st.lists(hostile_lines(), min_size=1, max_size=6), st.sampled_from([AS_OF, date(2026, 3, 31), date(2031, 6, 1)]))
def test_schema_shaped_events_with_hostile_values_are_read_and_evaluated(lines: list[str], as_of: date) -> None:
    """Each line is refused with the line and field, or read; what is read evaluates, or fails as bad input."""
    log = answers(lambda: list(read_events(lines, source="hostile.jsonl")), EventError)
    if log is not None:
        calendar = WorkCalendar.china(allow_provisional=True)
        answers(lambda: evaluate(COUNTY, [*DEMO, *log], as_of=as_of, calendar=calendar), BianminError)


# -- variant files -------------------------------------------------------------------


@contextlib.contextmanager
def written(content: str | bytes, name: str = "fuzzed.toml") -> Iterator[Path]:
    """A temporary file holding ``content``."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8", errors="surrogatepass")
        else:
            path.write_bytes(content)
        yield path


def check_variant_file(path: Path) -> None:
    """Loading and linting give a result or a VariantError; a file that lints clean loads; a loaded one evaluates."""
    variant = answers(lambda: load_variant(path), VariantError)
    report = answers(lambda: lint_variant(path), VariantError)
    if report is not None and report.clean:
        assert variant is not None, f"lint passes a variant that does not load: {report.summary()}"
    if variant is not None:
        answers(lambda: evaluate(variant, DEMO, as_of=date(2026, 3, 31)), BianminError)


@fuzz(60)
@given(st.one_of(st.binary(max_size=400), st.text(max_size=400)))
def test_load_variant_on_arbitrary_files(content: str | bytes) -> None:
    with written(content) as path:
        check_variant_file(path)


def toml_values() -> st.SearchStrategy[Any]:
    """Values TOML can write: the hostile ones but None, dates as dates."""
    scalars = st.one_of(
        st.booleans(), st.sampled_from(EDGE_NUMBERS), st.integers(-(2**63), 2**63 - 1),
        st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(EDGE_TEXTS), st.text(max_size=30),
        st.dates(), st.sampled_from([date(2001, 1, 1), date(2099, 12, 31), date(1, 1, 1), date(9999, 12, 31)]),
    )
    return st.one_of(
        scalars, st.lists(scalars, max_size=3), st.dictionaries(st.text(max_size=6), scalars, max_size=3),
        st.fixed_dictionaries({"amount": st.sampled_from(EDGE_NUMBERS), "unit": st.sampled_from(UNITS)}),
    )


def paths_in(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path to a value in nested tables and arrays."""
    yield path
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for step, child in items:
        yield from paths_in(child, (*path, step))


@st.composite
def mutated(draw: st.DrawFn, data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with a few values replaced, dropped or added, anywhere in its tables and arrays."""
    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from(list(paths_in(data))[1:]))
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "replace", "drop", "add"]))
        if action == "drop":
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            key = draw(st.sampled_from(["rule", "kind", "id", "limit", "extra", "which", "points"]))
            parent[key] = draw(toml_values())
        elif action == "add" and isinstance(parent, list):
            parent.append(draw(st.one_of(toml_values(), st.sampled_from(parent or [0]))))
        else:
            parent[path[-1]] = draw(toml_values())
    return data


def builtin_data(name: str) -> dict[str, Any]:
    return tomllib.loads(variant_text(name)[0])


def tutorial_township() -> dict[str, Any]:
    """The township variant of docs/tutorial.md, as its author finishes it: a child of county-centre."""
    text = (Path(__file__).parent.parent / "docs" / "tutorial.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```toml\n(# my-town\.toml.*?)^```$", text, re.MULTILINE | re.DOTALL)
    return tomllib.loads(blocks[-1])


CHILD = tutorial_township()
BASES = {"child": CHILD, **{name: builtin_data(name) for name in ("jianshe-street", "county-centre")}}


@fuzz(40)
@given(st.sampled_from(sorted(BASES)).flatmap(lambda name: mutated(BASES[name])))
def test_load_variant_on_mutated_toml(data: dict[str, Any]) -> None:
    with written(tomli_w.dumps(data)) as path:
        check_variant_file(path)


@fuzz(40)
@given(st.sampled_from(sorted(BASES)), st.data())
def test_load_variant_on_mutated_text(name: str, draw: st.DataObject) -> None:
    """The text itself cut, spliced or sprinkled with TOML's own punctuation."""
    text = tomli_w.dumps(BASES[name])
    for _ in range(draw.draw(st.integers(1, 3))):
        start = draw.draw(st.integers(0, len(text)))
        end = draw.draw(st.integers(start, min(len(text), start + 40)))
        text = text[:start] + draw.draw(st.text(alphabet='[]{}="\'.,#\n 0123456789-abc', max_size=12)) + text[end:]
    with written(text) as path:
        check_variant_file(path)


# -- holiday schedules ---------------------------------------------------------------

SCHEDULE = tomllib.loads((DATA / "calendar" / "2026.toml").read_text(encoding="utf-8"))
NEXT_YEAR = json.loads(json.dumps(SCHEDULE, default=str).replace("2026", "2027").replace("2025", "2026"))


def check_schedule_file(path: Path) -> None:
    """Loading a schedule, and counting on a calendar with it, give a result or a CalendarError."""
    if answers(lambda: load_schedule(path), CalendarError) is None:
        return
    calendar = answers(lambda: with_schedules(WorkCalendar.china(), [path]), CalendarError)
    if calendar is not None:
        for day, count in ((date(2026, 12, 20), 10), (date(2027, 6, 1), -100), (date(2027, 12, 31), 1)):
            answers(lambda day=day, count=count: calendar.add_working_days(day, count), CalendarError)


@fuzz(40)
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300)))
def test_load_schedule_on_arbitrary_files(content: str | bytes) -> None:
    with written(content, "2027.toml") as path:
        check_schedule_file(path)


@fuzz(60)
@given(st.sampled_from([SCHEDULE, NEXT_YEAR]).flatmap(mutated))
def test_load_schedule_on_mutated_toml(data: dict[str, Any]) -> None:
    with written(tomli_w.dumps(data), "2027.toml") as path:
        check_schedule_file(path)


# -- registers -------------------------------------------------------------------------

REGISTERS = Path(__file__).parent.parent / "examples" / "registers"


def check_register(path: Path) -> None:
    """Importing a register gives its events and bad cells, or a RegisterError; so does writing its log row by row."""
    answers(lambda: import_register(path), RegisterError)
    answers(lambda: convert_register(path, None, io.StringIO(), skip_bad=True), RegisterError)


@fuzz(30)
@given(st.binary(max_size=400), st.sampled_from([".csv", ".xlsx"]))
def test_import_register_on_arbitrary_files(content: bytes, suffix: str) -> None:
    with written(content, "register" + suffix) as path:
        check_register(path)


@fuzz(30)
@given(st.sampled_from(["case-register.xlsx", "time-clock.csv", "online-hall.csv"]), st.data())
def test_import_register_on_damaged_files(name: str, draw: st.DataObject) -> None:
    """A register cut short or with bytes overwritten, as a failing disk or a careless edit leaves it."""
    data = bytearray((REGISTERS / name).read_bytes())
    for _ in range(draw.draw(st.integers(1, 4))):
        start = draw.draw(st.integers(0, len(data) - 1))
        data[start:start + draw.draw(st.integers(0, 64))] = draw.draw(st.binary(max_size=16))
    with written(bytes(data), name) as path:
        check_register(path)


# -- case files ------------------------------------------------------------------------

CASES = tomllib.loads((DATA / "variants" / "tests" / "jianshe-street.cases.toml").read_text(encoding="utf-8"),
                      parse_float=Decimal)


@fuzz(15)
@given(mutated(CASES))
def test_case_files_on_mutated_toml(data: dict[str, Any]) -> None:
    """A variant's tests in data (docs/authoring-tests.md), mutated: they run, fail, or give one error line."""
    with written(tomli_w.dumps(data), "town.cases.toml") as path:
        answers(lambda: run_paths([str(path)]), BianminError)


# -- the command line ----------------------------------------------------------------

FOLDER = Path(tempfile.mkdtemp(prefix="bianmin-fuzz-"))
FILES = {
    "log.jsonl": (DATA / "examples" / "county-centre.jsonl").read_text(encoding="utf-8"),
    "junk.jsonl": '{"type": "case_received", "id": 1}\nnot json\n',
    "bom.jsonl": "\ufeff" + (DATA / "examples" / "township.jsonl").read_text(encoding="utf-8"),
    "child.toml": tomli_w.dumps(CHILD),
    "broken.toml": "name = \n[[policies]]\nrule = 5\n",
    "2027.toml": tomli_w.dumps(NEXT_YEAR),
}
for _name, _content in FILES.items():
    (FOLDER / _name).write_text(_content, encoding="utf-8")
(FOLDER / "latin1.toml").write_bytes("name = 'é'".encode("latin-1"))
(FOLDER / "register.xlsx").write_bytes((REGISTERS / "case-register.xlsx").read_bytes()[:3000])

VALUES = [
    "county-centre", "town-basic", "atlantis", "a" * 300, "town\x00", "json", "csv", "markdown", "html", "text",
    "xlsx", "en", "events", "variant", "township", "2026-03-31", "2026-02-13", "2026-13-01", "0001-01-01",
    "9999-12-31", "2031-12-31", "2026-Q1", "2026-Q5", "2026", "2026-03", "S-li", "W-build", "Q-7", "C2026-0104",
    "", " ", "0", "-5", "3", "40", "1999", "2099", "99999999999999999999", "-",
    *(str(FOLDER / name) for name in (*FILES, "latin1.toml", "register.xlsx", "missing.jsonl", "out.json")),
    str(FOLDER), str(REGISTERS / "time-clock.csv"),
]


COMMANDS = dict(sub_commands(build_parser()))


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    """A command, its positional arguments and some of its options, each with a value or hostile text."""
    name = draw(st.sampled_from(sorted(COMMANDS)))
    parser = COMMANDS[name]
    value = st.one_of(st.sampled_from(VALUES), st.text(max_size=12))
    argv = name.split()
    for action in parser._actions:
        if not action.option_strings and draw(st.integers(0, 9)):  # a positional, mostly given
            argv += draw(st.lists(value, min_size=1, max_size=2))
    options = [action for action in parser._actions if action.option_strings]
    for action in draw(st.lists(st.sampled_from(options), max_size=5)):
        argv.append(draw(st.sampled_from(action.option_strings)))
        if action.nargs != 0:
            argv.append(draw(value))
    return argv + draw(st.lists(value, max_size=1))


@fuzz(80)
@given(command_lines())
def test_the_command_line_exits_0_1_or_2(argv: list[str]) -> None:
    assume(not ("generate" in argv and "99999999999999999999" in argv))  # a log of 10²⁰ events takes its time
    out, err = io.StringIO(), io.StringIO()
    # In the fuzz folder: what a command writes (-o, new-variant) stays out of the project.
    with contextlib.chdir(FOLDER), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as exit_:  # argparse: --help (0), a usage error (2)
            status = exit_.code if isinstance(exit_.code, int) else 2
    assert status in (0, 1, 2), (argv, status, err.getvalue())
    assert "Traceback" not in err.getvalue()
    if status == 2:
        assert err.getvalue().strip(), argv  # bad input always says what


def test_the_fuzz_suite_reaches_its_inputs() -> None:
    """The prepared files are as the command-line fuzzing expects: a readable log, a child that loads."""
    assert len(list(read_events((FOLDER / "log.jsonl").read_text(encoding="utf-8").split("\n")))) == len(DEMO)
    assert load_variant(FOLDER / "child.toml").name == "my-town"


@pytest.fixture(scope="module", autouse=True)
def _remove_folder() -> Iterator[None]:
    yield
    shutil.rmtree(FOLDER)
