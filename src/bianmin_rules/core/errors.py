"""The library's errors: one base class, one subclass per kind of bad input.

Every error renders as one readable line that names the place of the problem (the
line of an event log, the key of a variant file, the date outside the official
calendar), so that the command line can print it as it is and exit with status 2. A
:class:`VariantError` reports every problem of a variant file at once, one line each.

An error is written for whoever wrote the input — a variant's author, a system that
imports the library — and ``str(error)`` is that line in English, a stable text a
program may log or match. :meth:`BianminError.words` is the same line for people with a
Chinese lead naming the kind of input at fault (``变体文件有误：…``), from the label
catalogue; the command line prints it with ``--lang zh``.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from bianmin_rules.core.words import Message, say, word, zh


class BianminError(Exception):
    """Base class of every error the library raises on bad input."""

    title: ClassVar[str] = zh("输入有误")
    """What is at fault, in Chinese: the lead of :meth:`words`."""

    def words(self) -> Message:
        """The error for people: its :attr:`title` (translated like any word), then the line ``str()`` gives."""
        return say("{title}：{detail}", title=word(self.title), detail=str(self))


class EventError(BianminError):
    """An event log entry is malformed: bad JSON, unknown type, missing or invalid field."""

    title = zh("事件日志有误")

    def __init__(
        self, message: str, *, source: str = "<events>", line: int | None = None,
        field: str | None = None, event_id: str | None = None,
    ) -> None:
        self.source = source
        self.line = line
        self.field = field
        self.event_id = event_id
        self.message = message
        place = source if line is None else f"{source}:{line}"
        if event_id is not None:
            place += f": event {event_id!r}"
        if field is not None:
            place += f": field {field!r}"
        super().__init__(f"{place}: {message}")


class DuplicateEventError(EventError):
    """Two events of one log share an id."""

    title = zh("事件编号重复")


class CalendarError(BianminError):
    """A date cannot be counted by the calendar."""

    title = zh("日期无法按工作日计算")


class ProvisionalCalendarError(CalendarError):
    """A date lies in a year whose official holiday schedule the calendar does not hold (CAL-3).

    Raised unless the caller opted in to provisional results; load the year's schedule
    with :meth:`bianmin_rules.WorkCalendar.with_schedule` to count it with certainty.
    """

    title = zh("该年度尚无官方节假日安排")

    def __init__(self, day: date, last_official_year: int) -> None:
        self.day = day
        self.last_official_year = last_official_year
        super().__init__(
            f"{day.isoformat()} lies in {day.year}, after {last_official_year}, the last year "
            "whose official holiday schedule the calendar holds; load that year's schedule "
            "or allow provisional results"
        )


class CalendarRangeError(CalendarError):
    """A date lies outside the years the calendar covers at all."""

    title = zh("日期超出日历范围")


class ScheduleError(CalendarError):
    """A year's holiday schedule file is malformed, or schedules are loaded out of order.

    ``source`` names the file (or ``<schedule>`` for text), ``key`` the dotted key and
    ``line`` its line, when known.
    """

    title = zh("节假日安排文件有误")

    def __init__(
        self, message: str, *, source: str = "<schedule>", key: str | None = None, line: int | None = None,
    ) -> None:
        self.source = source
        self.key = key
        self.line = line
        self.message = message
        place = f"schedule {source}" + ("" if line is None else f":{line}") + (f": {key}" if key else "")
        super().__init__(f"{place}: {message}")

    def placed(self, source: str, line: int | None) -> ScheduleError:
        """The same error, naming ``source`` and the ``line`` of its key."""
        return ScheduleError(self.message, source=source, key=self.key, line=line)


@dataclass(frozen=True, slots=True)
class VariantProblem:
    """One problem of a variant file: what is wrong, at which ``key``, in which ``file`` and on which ``line``.

    ``key``, ``file`` and ``line`` are none where unknown (the file as a whole; a key no
    file writes).
    """

    message: str
    key: str | None = None
    file: str | None = None
    line: int | None = None

    def text(self, variant: str) -> str:
        """The problem as one line, naming the variant and, where it differs, the file of its chain."""
        place = f"variant {variant!r}"
        if self.file is not None and self.file != variant:
            place += f", file {self.file!r}"
        if self.line is not None:
            place += f", line {self.line}"
        if self.key:
            place += f": {self.key}"
        return f"{place}: {self.message}"


class VariantError(BianminError):
    """A variant (a centre's rule set) is unknown, malformed or inconsistent.

    ``problems`` lists every problem found in the file, each with its message, key, file
    and line; a file is checked whole, so that its author corrects it in one pass.
    ``message``, ``key``, ``file`` and ``line`` are those of the first. ``key`` names the
    place as a dotted path such as ``policies[2].limit``; ``file`` and ``line``, when
    known, the file of the ``extends`` chain that writes it and its line, and ``key`` is
    then the key in that file. For a variant that extends another, that is the author's
    own file and entry (``variant 'my-town.toml', line 15: policies[0].limit``), not the
    index of the entry in the variant as resolved. Its text is one line per problem.
    """

    title = zh("变体文件有误")

    def __init__(
        self, message: str, *, variant: str, key: str | None = None, file: str | None = None,
        line: int | None = None, problems: Sequence[VariantProblem] = (),
    ) -> None:
        self.variant = variant
        self.problems = tuple(problems) or (VariantProblem(message, key, file, line),)
        first = self.problems[0]
        self.message, self.key, self.file, self.line = first.message, first.key, first.file, first.line
        super().__init__("\n".join(problem.text(variant) for problem in self.problems))

    @classmethod
    def of(cls, problems: Sequence[VariantProblem], *, variant: str) -> VariantError:
        """The error of every problem of ``variant`` (at least one)."""
        if not problems:
            raise ValueError("a VariantError needs a problem")
        return cls(problems[0].message, variant=variant, problems=problems)

    def placed(self, *, variant: str, file: str, key: str | None, line: int | None) -> VariantError:
        """The same (first) problem, about the variant ``variant``, placed at ``key`` and ``line`` of ``file``."""
        return type(self)(self.message, variant=variant, key=key, file=file, line=line)

    def each_placed(
        self, variant: str, where: Callable[[VariantProblem], VariantProblem],
    ) -> VariantError:
        """The same problems, about the variant ``variant``, each placed by ``where``."""
        return type(self).of([where(problem) for problem in self.problems], variant=variant)


class EvaluationError(BianminError):
    """The events contradict the variant, e.g. a case type the variant does not declare."""

    title = zh("事件与变体不符")

    def __init__(self, message: str, *, event_id: str | None = None) -> None:
        self.event_id = event_id
        self.message = message
        super().__init__(f"event {event_id!r}: {message}" if event_id else message)


class NoValueInForceError(EvaluationError):
    """A matter started on a day before the first value of one of its policy's (or table's) dated values.

    The variant says what the rule was from that first day only: judging the matter by a
    later value would be a guess. ``rule`` and ``key`` name the policy or table and its
    dated value, ``matter`` the matter (``case 'C-1'``, or an assessment period and its
    table; None: the variant asked for as in force on ``day``, :meth:`Variant.on`), ``day``
    its start day (a period's first day), ``first`` the first day a value is given for.
    """

    title = zh("变体未规定当日适用的规则")

    def __init__(self, *, rule: str, key: str, matter: str | None, day: date, first: date) -> None:
        self.rule = rule
        self.key = key
        self.day = day
        self.first = first
        if matter is None:
            super().__init__(
                f"{rule} ({key}): no value is in force on {day}, before {first}, the first day the variant gives a "
                "value for; ask for a day on or after it, or give the value in force that day"
            )
            return
        super().__init__(
            f"{rule} ({key}): the matter of {matter} started on {day}, before {first}, the first day the variant "
            "gives a value for; give the value in force that day, or leave the matter out"
        )


class ScoringError(BianminError):
    """An assessment table cannot score its inputs without guessing (SC-5, SC-7).

    For instance a measured rate falls into a gap of a band table that the variant does
    not resolve, or two verdicts measure the same rate of one subject and period.
    ``place`` names the table, subject, period and item.
    """

    title = zh("考核表无法计分")

    def __init__(self, message: str, *, place: str) -> None:
        self.place = place
        self.message = message
        super().__init__(f"{place}: {message}")


class CaseFileError(BianminError):
    """A case file (a variant's tests in data) cannot be read, or a case cannot be run.

    ``file`` is the case file, ``key`` the dotted key of the problem (``cases[2].verdicts[0].on``)
    and ``line`` the line it is written on.
    """

    title = zh("测试用例文件有误")

    def __init__(self, message: str, *, file: str, key: str | None = None, line: int | None = None) -> None:
        self.file = file
        self.key = key
        self.line = line
        self.message = message
        place = file if line is None else f"{file}:{line}"
        if key:
            place += f": {key}"
        super().__init__(f"{place}: {message}")


class MissingExtraError(BianminError, ImportError):
    """An optional package a view or reader needs is not installed; the message names the extra to install."""

    title = zh("缺少可选组件")

    def __init__(self, *, module: str, extra: str, purpose: str) -> None:
        self.module = module
        self.extra = extra
        super().__init__(
            f"{purpose} needs the optional package {module!r}: pip install 'bianmin-rules[{extra}]'", name=module
        )


class OutputError(BianminError):
    """A view cannot be written as asked: a workbook with no file to go to, a table the output does not have,
    or a file or folder that cannot be written."""

    title = zh("无法写出")


class RegisterError(BianminError):
    """A register (a spreadsheet of cases or sign-ins) cannot be turned into events.

    ``problems`` lists every bad cell, each with its sheet, row, column and what was
    expected; the message says how many there are and names the first. A register of
    complaints is never quoted (CMP-7).
    """

    title = zh("台账有误")

    def __init__(self, message: str, *, problems: tuple[object, ...] = ()) -> None:
        self.problems = problems
        self.message = message
        super().__init__(message)


class FamilyError(BianminError):
    """A rule family cannot be registered.

    Two families claim one name, event type, policy kind, book or rule ID, or an entry
    point of the group ``bianmin_rules.families`` does not load a family. ``family`` names
    the family (or the entry point) concerned.
    """

    title = zh("规则族无法注册")

    def __init__(self, message: str, *, family: str) -> None:
        self.family = family
        self.message = message
        super().__init__(f"family {family!r}: {message}")


class ManifestError(BianminError):
    """A batch manifest (the centres evaluated together) is unreadable, malformed or inconsistent.

    ``key`` names the place in the manifest, as a dotted path such as ``centres[2].as_of``.
    A bad log or variant of one centre is not a manifest error: that centre fails alone.
    """

    title = zh("批量清单有误")

    def __init__(self, message: str, *, manifest: str, key: str | None = None) -> None:
        self.manifest = manifest
        self.key = key
        self.message = message
        place = f"manifest {manifest!r}" + (f": {key}" if key else "")
        super().__init__(f"{place}: {message}")


class BatchError(BianminError):
    """A batch of centres cannot run at all: the cluster it was given cannot be reached.

    A centre that fails does not fail the batch: it is reported with its id and error
    while the others complete.
    """

    title = zh("批量评估无法运行")


BOM = "\ufeff"
"""The byte-order mark, as text: some editors write it at the start of a UTF-8 file."""

BOM_FOUND = "starts with a byte-order mark (BOM): save it as UTF-8 without a BOM"
"""What an error says of a file or log that does not parse because it starts with a BOM."""


def shown(value: object, limit: int = 60) -> str:
    """A value as quoted in an error message, cut short so that the message stays one line."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def wrong_type(name: str, expected: str, value: object) -> TypeError:
    """The error of an argument of the wrong type: which argument, what it must be, what it was.

    Misusing the API is not bad input: it raises a :class:`TypeError`, never a
    :class:`BianminError`.
    """
    return TypeError(f"{name} must be {expected}, not {type(value).__name__} ({shown(value)})")


def close_names(word: str, names: Iterable[str], *, most: int = 3) -> list[str]:
    """The names nearest to ``word`` (a misspelt kind, event type, variant or rule ID), nearest first.

    Compared without regard to case, so that ``tl-7`` finds ``TL-7``.
    """
    by_folded = {name.casefold(): name for name in names}
    found = difflib.get_close_matches(word.casefold(), list(by_folded), n=most, cutoff=0.6)
    return [by_folded[name] for name in found]


def did_you_mean(word: str, names: Iterable[str], *, listed: str, most: int = 3) -> str:
    """What an error adds after an unknown name: the nearest known names, else where they are all listed.

    ``listed`` says where (``bianmin-rules schema variant``, docs/catalogue.md …); a short
    list (up to a dozen names) is given in full instead.
    """
    names = list(names)
    found = close_names(word, names, most=most)
    if found:
        quoted = [repr(name) for name in found]
        return "did you mean " + (quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}") + "?"
    if len(names) <= 12:
        return "expected one of: " + ", ".join(names)
    return f"nothing close among the {len(names)} known; {listed} lists them"
