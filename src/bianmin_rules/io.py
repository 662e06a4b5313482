"""The edge of the library: reading variants, schedules and event logs from files.

Everything here opens files or package data; everything it returns is handed to the
pure core (:func:`bianmin_rules.evaluate`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

from bianmin_rules.calendar import YearSchedule
from bianmin_rules.errors import CalendarError, EventError, VariantError
from bianmin_rules.events import Event
from bianmin_rules.jsonl import read_logs
from bianmin_rules.variant import Variant

DATA = resources.files("bianmin_rules") / "data"

DEMO_AS_OF = "2026-03-31"
"""The day the built-in example log is evaluated as of."""


def builtin_variant_names() -> list[str]:
    """The names of the variants shipped with the library."""
    return sorted(p.name.removesuffix(".toml") for p in (DATA / "variants").iterdir() if p.name.endswith(".toml"))


def load_variant(name_or_path: str | Path) -> Variant:
    """A built-in variant by name, or a variant file by path (anything with a ``/`` or ``.toml``)."""
    text = str(name_or_path)
    if isinstance(name_or_path, Path) or "/" in text or text.endswith(".toml"):
        path = Path(name_or_path)
        try:
            content = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise VariantError(f"cannot read the file ({exc.strerror})", variant=text) from None
        return Variant.from_toml(content, origin=text)
    resource = DATA / "variants" / f"{text}.toml"
    if not resource.is_file():
        known = ", ".join(builtin_variant_names())
        raise VariantError(f"no such built-in variant; the built-in variants are: {known}", variant=text)
    return Variant.from_toml(resource.read_text(encoding="utf-8"), origin=text)


def load_schedule(path: str | Path) -> YearSchedule:
    """A year's official holiday schedule from a TOML file (see docs/calendar.md)."""
    try:
        content = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise CalendarError(f"{path}: cannot read the schedule ({exc.strerror})") from None
    return YearSchedule.from_toml(content)


def read_event_files(paths: Iterable[str | Path]) -> Iterator[Event]:
    """The events of JSON Lines files, streamed one line at a time; ``-`` is not special."""
    return read_logs((str(path), _lines(Path(path))) for path in paths)


def _lines(path: Path) -> Iterator[bytes]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise EventError(f"cannot read the file ({exc.strerror})", source=str(path)) from None
    with handle:
        yield from handle


def demo_events() -> Iterator[Event]:
    """The built-in example log of a small county centre."""
    resource = DATA / "examples" / "county-centre.jsonl"
    return read_logs([("county-centre.jsonl", resource.read_text(encoding="utf-8").splitlines())])
