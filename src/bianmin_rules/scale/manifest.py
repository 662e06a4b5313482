"""The manifest of a batch: the centres evaluated together, each with its variant, logs and day.

A manifest is a TOML file::

    as_of = 2026-03-31                  # the day of every centre that gives none of its own
    allow_provisional = false           # count days of years without an official schedule
    schedules = ["calendar/2027.toml"]  # official holiday schedules to load

    [[centres]]
    id = "dahe"                         # names the centre's partition of the dataset
    variant = "dahe-town"               # a built-in variant, or a .toml file
    logs = ["logs/dahe.jsonl"]          # JSON Lines files or fsspec URLs (s3://…), one log

    [[centres]]
    id = "jianshe"
    variant = "variants/jianshe.toml"
    logs = ["s3://audit/jianshe/2026-h1.jsonl.gz", "s3://audit/jianshe/2026-h2.jsonl.gz"]
    as_of = 2026-06-30

Relative paths are read from the manifest's folder. Reading the manifest reads no log
and no variant: a bad log or variant fails its own centre only, when the batch runs.
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, model_validator

from bianmin_rules.core.errors import ManifestError
from bianmin_rules.core.variant import key_path
from bianmin_rules.intake.files import is_path

CENTRE_ID = r"^[^\s/\\=%?#:*\"<>|.]([^\x00-\x1f/\\=%?#:*\"<>|]{0,98}[^\s/\\=%?#:*\"<>|])?$"
"""A centre id names a folder of the dataset (``centre=ID``): no path separator, ``=`` or
``%`` (which readers would decode), no character a file system refuses, no leading dot
(readers skip hidden folders), no surrounding space. Chinese names are welcome."""

DAY = TypeAdapter(date)


class Centre(BaseModel):
    """One centre of a batch: its id, its variant, its log and its day of evaluation."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=CENTRE_ID, description="The centre's id: its partition of the dataset.")
    variant: str = Field(min_length=1, description="A built-in variant name or a variant .toml file.")
    logs: tuple[str, ...] = Field(
        min_length=1, description="The files of its event log: paths or fsspec URLs, read one after the other."
    )
    as_of: date = Field(description="The day of evaluation (the manifest's, unless the centre gives its own).")


class Manifest(BaseModel):
    """The centres of a batch, and the calendar they are counted on."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    allow_provisional: bool = Field(
        default=False, description="Count days of years without an official schedule; results are provisional."
    )
    schedules: tuple[str, ...] = Field(default=(), description="Official holiday schedules (TOML files) to load.")
    centres: tuple[Centre, ...] = Field(min_length=1, description="The centres, each evaluated alone.")

    @model_validator(mode="after")
    def _ids_are_unique(self) -> Manifest:
        first: dict[str, int] = {}
        for index, centre in enumerate(self.centres):
            folded = centre.id.casefold()  # two folders that differ in case only are one on some file systems
            if folded in first:
                other = self.centres[first[folded]].id
                same = "the id" if other == centre.id else f"the id, but for case ({other!r}),"
                raise DuplicateCentreError(
                    f"{centre.id!r} is {same} of centres[{first[folded]}] already", key=f"centres[{index}].id"
                )
            first[folded] = index
        return self


class DuplicateCentreError(ValueError):
    """Two centres share an id; ``key`` names the second."""

    def __init__(self, message: str, key: str) -> None:
        super().__init__(message)
        self.key = key


def read_manifest(path: str | Path) -> Manifest:
    """The manifest in the TOML file ``path``, its relative paths read from the file's folder.

    Raises :class:`~bianmin_rules.core.errors.ManifestError` naming the key of the first problem.
    """
    origin = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise ManifestError(f"cannot read the file ({reason})", manifest=origin) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ManifestError(f"not valid TOML: {exc}", manifest=origin) from None
    return manifest_from_data(data, origin=origin, folder=Path(path).absolute().parent)


def manifest_from_data(data: dict[str, Any], *, origin: str, folder: Path) -> Manifest:
    """Validate parsed manifest data; relative paths are taken from ``folder``."""
    resolved = dict(data)
    default_day = resolved.pop("as_of", None)
    if default_day is not None:
        try:
            default_day = DAY.validate_python(default_day)
        except ValidationError as exc:
            raise ManifestError(exc.errors()[0]["msg"], manifest=origin, key="as_of") from None
    centres = resolved.get("centres")
    if isinstance(centres, list):
        resolved["centres"] = [
            centre_data(centre, default_day, folder) if isinstance(centre, dict) else centre for centre in centres
        ]
    if isinstance(resolved.get("schedules"), list):
        resolved["schedules"] = [located(entry, folder) for entry in resolved["schedules"]]
    try:
        return Manifest.model_validate(resolved)
    except ValidationError as exc:
        first = exc.errors()[0]
        cause = first.get("ctx", {}).get("error")
        if isinstance(cause, DuplicateCentreError):
            raise ManifestError(str(cause), manifest=origin, key=cause.key) from None
        key = key_path(first["loc"], resolved)
        message = first["msg"]
        if first["type"] == "missing" and first["loc"][-1] == "as_of":
            message = "missing: give the centre an as_of, or the manifest one for every centre"
        elif first["type"] == "string_pattern_mismatch" and first["loc"][-1] == "id":
            message = f"{first['input']!r} cannot name a folder: no / \\ = % ? # : * \" < > |, no leading dot or space"
        raise ManifestError(message, manifest=origin, key=key) from None


def centre_data(centre: dict[str, Any], default_day: Any, folder: Path) -> dict[str, Any]:
    """One centre's entry with the manifest's day filled in and its paths taken from ``folder``."""
    entry = dict(centre)
    if "as_of" not in entry and default_day is not None:
        entry["as_of"] = default_day
    if isinstance(entry.get("variant"), str) and is_path(entry["variant"]):
        entry["variant"] = located(entry["variant"], folder)
    if isinstance(entry.get("logs"), list):
        entry["logs"] = [located(log, folder) for log in entry["logs"]]
    elif isinstance(entry.get("logs"), str):
        entry["logs"] = [located(entry["logs"], folder)]
    return entry


def located(reference: Any, folder: Path) -> Any:
    """A path relative to ``folder`` made absolute; a URL (``scheme://…``) or anything else as it is."""
    if not isinstance(reference, str) or not reference or is_url(reference):
        return reference
    path = Path(reference).expanduser()
    return str(path if path.is_absolute() else folder / path)


def is_url(reference: str) -> bool:
    """Does ``reference`` name a file through fsspec (``s3://…``, ``gcs://…``, ``file://…``)?"""
    return "://" in reference or "::" in reference
