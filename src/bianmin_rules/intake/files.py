"""The edge of the library: reading variants, schedules and event logs from files.

Everything here opens files or package data; everything it returns is handed to the
pure core (:func:`bianmin_rules.evaluate`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from importlib import resources
from pathlib import Path
from typing import BinaryIO

from bianmin_rules.authoring.locate import key_lines, locate
from bianmin_rules.authoring.sources import Chain
from bianmin_rules.core.calendar import WorkCalendar, YearSchedule
from bianmin_rules.core.errors import (
    BianminError,
    CalendarError,
    EventError,
    ScheduleError,
    VariantError,
    did_you_mean,
    wrong_type,
)
from bianmin_rules.core.family import Families
from bianmin_rules.families import BUILTIN, Event, Variant
from bianmin_rules.intake.jsonl import read_logs

DATA = resources.files("bianmin_rules") / "data"

DEMO_AS_OF = "2026-03-31"
"""The day the built-in example log is evaluated as of."""


def builtin_variant_names() -> list[str]:
    """The names of the variants shipped with the library."""
    return sorted(p.name.removesuffix(".toml") for p in (DATA / "variants").iterdir() if p.name.endswith(".toml"))


def load_variant(name_or_path: str | Path, *, families: Families = BUILTIN) -> Variant:
    """A built-in variant by name, or a variant file by path (anything with a ``/`` or ``.toml``).

    A variant that ``extends`` another is laid over it: the parent is a built-in name or a
    path relative to the file that names it. Its policy kinds are those of ``families``
    (default: the library's own; :func:`~bianmin_rules.intake.families.installed_families`
    adds those of other installed packages), which the variant keeps and is judged with. A
    :class:`~bianmin_rules.core.errors.VariantError` names the file of the chain, the line
    and the key as that file writes them. Anything but a name or a path is a :class:`TypeError`.
    """
    if not isinstance(name_or_path, str | Path):
        raise wrong_type("the variant", "a built-in name or a path (str or Path)", name_or_path)
    text, origin = variant_text(str(name_or_path))
    chain = Chain(text, origin=origin, read_parent=variant_text)
    data = chain.resolve()
    try:
        return Variant.from_data(data, origin=origin, families=families)
    except VariantError as exc:
        raise chain.placed(exc, data) from None


def is_path(reference: str) -> bool:
    """Does ``reference`` name a file rather than a built-in variant?"""
    return "/" in reference or "\\" in reference or reference.endswith(".toml")


def variant_text(reference: str, referrer: str = "") -> tuple[str, str]:
    """The text of a variant file and its origin (the built-in name, or the path as read)."""
    if is_path(reference):
        path = Path(reference)
        if is_path(referrer) and not path.is_absolute():
            path = Path(referrer).parent / path
        return read_text(path, lambda why: VariantError(why, variant=str(path))), str(path)
    if reference not in builtin_variant_names():
        raise VariantError("no such built-in variant; " + did_you_mean(
            reference, builtin_variant_names(), listed="`bianmin-rules variants`"), variant=reference)
    return (DATA / "variants" / f"{reference}.toml").read_text(encoding="utf-8"), reference


def opened(path: Path, error: Callable[[str], BianminError]) -> BinaryIO:
    """A file opened to read; ``error(why)`` when it cannot be (missing, a folder, a name no file can have)."""
    try:
        return path.open("rb")
    except OSError as exc:
        raise error(f"cannot read the file ({exc.strerror})") from None
    except ValueError:
        raise error("cannot read the file (the path contains a NUL character)") from None


def read_bytes(path: Path, error: Callable[[str], BianminError]) -> bytes:
    """The bytes of a file; ``error(why)`` when it cannot be read."""
    with opened(path, error) as handle:
        try:
            return handle.read()
        except OSError as exc:  # a folder on some systems, a failing disk
            raise error(f"cannot read the file ({exc.strerror})") from None


def read_text(path: Path, error: Callable[[str], BianminError]) -> str:
    """The text of a UTF-8 file; ``error(why)`` when it cannot be read or is not UTF-8 text."""
    data = read_bytes(path, error)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(f"not UTF-8 text (byte {data[exc.start]:#04x} at offset {exc.start}): save it as UTF-8") from None


def load_schedule(path: str | Path) -> YearSchedule:
    """A year's official holiday schedule from a TOML file (see docs/calendar.md).

    Raises :class:`~bianmin_rules.core.errors.ScheduleError` naming the file, the key and
    its line.
    """
    source = str(path)
    text = read_text(Path(path), lambda why: ScheduleError(why, source=source))
    try:
        return YearSchedule.from_toml(text, source=source)
    except ScheduleError as exc:
        located = locate(key_lines(text), exc.key) if exc.key else None
        raise exc.placed(source, located[1] if located else None) from None


def with_schedules(calendar: WorkCalendar, paths: Iterable[str | Path]) -> WorkCalendar:
    """``calendar`` with the schedule files loaded in order; an error names the file that fails."""
    for path in paths:
        try:
            calendar = calendar.with_schedule(load_schedule(path))
        except ScheduleError:
            raise
        except CalendarError as exc:  # loaded out of order, or a year the calendar does not cover
            raise ScheduleError(str(exc), source=str(path), key="year") from None
    return calendar


def read_event_files(paths: Iterable[str | Path], *, families: Families = BUILTIN) -> Iterator[Event]:
    """The events of JSON Lines files, streamed one line at a time; ``-`` is not special.

    A line may be an event of any of ``families`` (default: the library's own; a variant's
    own families are ``variant.families``).
    """
    return read_logs(log_files(paths), families=families)


def log_files(paths: Iterable[str | Path], *, stdin: BinaryIO | None = None) -> Iterator[tuple[str, BinaryIO]]:
    """Each file as (name, open file), opened when the reader gets to it and closed when it is done.

    With ``stdin`` given, the path ``-`` is that stream, named ``<stdin>`` (the command
    line's convention); without it, ``-`` is a file of that name. The reader iterates the
    file object itself: no generator between the file and the reader, one call fewer per
    line of a log of millions.
    """
    for path in paths:
        if stdin is not None and str(path) == "-":
            yield "<stdin>", stdin
            continue
        with opened(Path(path), partial(EventError, source=str(path))) as handle:
            yield str(path), handle


def example_names() -> list[str]:
    """The names of the example logs shipped with the library (``township``: every family of events)."""
    return sorted(p.name.removesuffix(".jsonl") for p in (DATA / "examples").iterdir() if p.name.endswith(".jsonl"))


def example_text(name: str) -> str:
    """The text of an example log (JSON Lines), to copy and change.

    ``name`` is an example log, or a built-in variant: then a log that variant accepts —
    its own example where it has one, else the township log without the cases of types
    the variant does not declare (CASE-2), and without every event naming those cases.
    """
    if name in example_names():
        return (DATA / "examples" / f"{name}.jsonl").read_text(encoding="utf-8")
    if name in builtin_variant_names():
        return without_undeclared_cases(example_text("township"), load_variant(name).case_types)
    raise EventError(
        f"no such example log or built-in variant; the examples are: {', '.join(example_names())}, "
        f"and a log for each built-in variant: {', '.join(builtin_variant_names())}", source=name,
    )


def without_undeclared_cases(text: str, case_types: Iterable[str]) -> str:
    """A JSON Lines log without the cases received as a type not in ``case_types``, and their events."""
    declared = set(case_types)
    rows = [(line, json.loads(line)) for line in text.split("\n") if line.strip()]
    dropped = {row["case"] for _, row in rows if row["type"] == "case_received" and row["case_type"] not in declared}
    return "".join(f"{line}\n" for line, row in rows if row.get("case") not in dropped)


def demo_events() -> Iterator[Event]:
    """The built-in example log of a small county centre."""
    # JSON Lines end at "\n" only: str.splitlines would also split at a raw U+2028 inside a string.
    return read_logs([("county-centre.jsonl", example_text("county-centre").split("\n"))])
