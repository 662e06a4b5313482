"""The ``bianmin-rules`` command line.

It evaluates, compares and explains event logs, prints an inquiry's chain, lists, shows
and lints variants, prints schemas and example logs, generates synthetic logs and counts
working days. Every bad input ends with one line on stderr naming the place, and exit
status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from typing import Any, TextIO, TypeVar

from bianmin_rules.authoring.synthetic import generate
from bianmin_rules.core.calendar import WorkCalendar
from bianmin_rules.core.engine import evaluate, evaluate_all
from bianmin_rules.core.errors import BianminError, RegisterError
from bianmin_rules.core.periods import Period
from bianmin_rules.core.variant import Variant
from bianmin_rules.families.events import event_json_schema
from bianmin_rules.intake.files import (
    DEMO_AS_OF,
    builtin_variant_names,
    demo_events,
    example_text,
    lint_variant,
    load_schedule,
    load_variant,
    read_event_files,
)
from bianmin_rules.intake.spreadsheets import import_register, load_mapping, summary, write_log, write_problems
from bianmin_rules.views.explain import explain, subject_of
from bianmin_rules.views.labels import LANGUAGES
from bianmin_rules.views.outputs import FORMATS, STORY_FORMATS, Viewed, write_view
from bianmin_rules.views.tables import DIFF_TABLES, REPORT_TABLES
from bianmin_rules.views.trace import render_trace, trace_inquiry
from bianmin_rules.views.whatif import diff

EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2
PROGRESS_EVERY = 100_000

T = TypeVar("T")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        command: Callable[[argparse.Namespace], int] = args.command
        return command(args)
    except BianminError as exc:
        print(f"bianmin-rules: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every sub-command."""
    parser = argparse.ArgumentParser(
        prog="bianmin-rules",
        description="Executable regulations of Chinese government service centres.",
        formatter_class=HelpFormatter,
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND", parser_class=Parser)

    run = commands.add_parser("evaluate", help="evaluate event logs under a variant")
    run.add_argument("events", nargs="+", help="JSON Lines event logs (one log may be split into files)")
    run.add_argument("--variant", required=True, help="a built-in variant name or a variant .toml file")
    run.add_argument("--as-of", required=True, type=iso_date, help="the day of evaluation (YYYY-MM-DD)")
    add_output_options(run)
    add_calendar_options(run)
    run.add_argument("--compliance", action="store_true", help="also report the rules that were met")
    run.set_defaults(command=run_evaluate)

    compare = commands.add_parser("diff", help="what-if: evaluate event logs under two variants and compare")
    compare.add_argument("events", nargs="+", help="JSON Lines event logs")
    compare.add_argument("--variant", required=True, help="the variant as it is (a name or a .toml file)")
    compare.add_argument("--against", required=True, help="the variant to compare with (e.g. an amended copy)")
    compare.add_argument("--as-of", required=True, type=iso_date, help="the day of evaluation (YYYY-MM-DD)")
    add_output_options(compare)
    add_calendar_options(compare)
    compare.set_defaults(command=run_diff)

    tell = commands.add_parser(
        "explain", help="one staff member's, window's or case's story: events, verdicts, totals, scorecards"
    )
    tell.add_argument("events", nargs="+", help="JSON Lines event logs")
    tell.add_argument("--variant", required=True, help="a built-in variant name or a variant .toml file")
    tell.add_argument("--as-of", required=True, type=iso_date, help="the day of evaluation (YYYY-MM-DD)")
    who = tell.add_mutually_exclusive_group(required=True)
    for kind in ("staff", "window", "case"):
        who.add_argument(f"--{kind}", metavar="ID", help=f"the {kind} to explain")
    tell.add_argument("--period", type=period_label, help="only this period: 2026, 2026-Q1 or 2026-03")
    add_output_options(tell, STORY_FORMATS, tables=False)
    add_calendar_options(tell)
    tell.set_defaults(command=run_explain)

    chain = commands.add_parser("chain", help="print one inquiry's first-inquiry chain step by step (FIR)")
    chain.add_argument("events", nargs="+", help="JSON Lines event logs")
    chain.add_argument("--inquiry", required=True, help="the inquiry's id")
    chain.add_argument("--variant", required=True, help="a built-in variant name or a variant .toml file")
    chain.add_argument("--as-of", type=iso_date, help="the day of evaluation (default: the day of the latest event)")
    add_calendar_options(chain)
    chain.set_defaults(command=run_chain)

    many = commands.add_parser(
        "batch", help="evaluate the centres of a manifest on Dask into a Parquet dataset (the scale extra)",
        description="Evaluate every centre of a manifest, each alone, on a Dask cluster, into a Parquet dataset "
                    "partitioned by centre (verdicts, totals, cards, card lines, standings) and a summary. A re-run "
                    "skips the centres whose inputs have not changed. Exit status 2 when a centre failed (the others "
                    "are kept).",
    )
    many.add_argument("manifest", help="the manifest (TOML): [[centres]] with id, variant, logs and as_of")
    many.add_argument("-o", "--output", required=True, metavar="OUT", help="the dataset's folder, or an fsspec URL")
    cluster = many.add_mutually_exclusive_group()
    cluster.add_argument("--scheduler", metavar="ADDRESS", help="a running Dask scheduler (default: a local cluster)")
    cluster.add_argument(
        "--workers", type=positive, metavar="N", help="worker processes of the local cluster (default: one per core)"
    )
    many.set_defaults(command=run_batch)

    demo = commands.add_parser("demo", help="evaluate the built-in example log under county-centre")
    add_output_options(demo)
    demo.set_defaults(command=run_demo)

    intake = commands.add_parser(
        "import", help="turn a case register or a time clock's export (.xlsx, .csv) into an event log",
        description="Read a register and write its events as JSON Lines. Every bad cell is reported with its "
                    "sheet, row, column and what was expected; nothing is written when a row is bad, unless "
                    "--skip-bad is given.",
    )
    intake.add_argument("register", help="the register: .xlsx or .csv")
    intake.add_argument("--mapping", metavar="FILE", help="a mapping file (TOML): the export's columns and values")
    intake.add_argument("-o", "--output", metavar="FILE", help="the event log to write (default: standard output)")
    intake.add_argument(
        "--skip-bad", action="store_true",
        help="write the good rows, and the bad cells to a CSV file beside the output (FILE.skipped.csv)",
    )
    intake.set_defaults(command=run_import)

    sample = commands.add_parser("example", help="print a built-in example event log (JSON Lines) to start from")
    sample.add_argument("name", nargs="?", default="township", help="which log (default: township, every family)")
    sample.set_defaults(command=run_example)

    synth = commands.add_parser("generate", help="write a synthetic event log (JSON Lines) for benchmarks and demos")
    synth.add_argument("--events", type=int, default=10_000, help="how many events (default: 10000)")
    synth.add_argument("--seed", type=int, default=1, help="random seed: the same seed gives the same log")
    synth.add_argument("--year", type=int, default=2026, help="the year simulated (default: 2026)")
    synth.add_argument("--windows", type=int, default=12, help="windows of the centre (default: 12)")
    synth.set_defaults(command=run_generate)

    variants = commands.add_parser("variants", help="list the built-in variants")
    variants.set_defaults(command=run_variants)

    show = commands.add_parser("show", help="print a variant as TOML, with `extends` resolved")
    show.add_argument("variant", help="a built-in variant name or a variant .toml file")
    show.set_defaults(command=run_show)

    check = commands.add_parser(
        "lint", help="report a variant's gaps, overlaps, blanks, unknown rules and contradicted caps",
        description="Lint a variant file: every finding with its catalogue ID, code, key, file and line. "
                    "Exit status 0 when the variant accepts every finding ([[lint.accept]]), 1 when it does not, "
                    "2 when the file cannot be read.",
    )
    check.add_argument("variant", help="a built-in variant name or a variant .toml file")
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    check.set_defaults(command=run_lint)

    schema = commands.add_parser("schema", help="print a JSON Schema")
    schema.add_argument("what", choices=["events", "variant"], help="which schema")
    schema.set_defaults(command=run_schema)

    calendar = commands.add_parser("calendar", help="count working days (CAL-1)")
    counts = calendar.add_subparsers(required=True, metavar="QUESTION", parser_class=Parser)
    add = counts.add_parser("add", help="the N-th working day after DATE (N < 0: before)")
    add.add_argument("date", type=iso_date)
    add.add_argument("n", type=int)
    add_calendar_options(add)
    add.set_defaults(command=run_calendar_add)
    between = counts.add_parser("between", help="working days in (START, END]")
    between.add_argument("start", type=iso_date)
    between.add_argument("end", type=iso_date)
    add_calendar_options(between)
    between.set_defaults(command=run_calendar_between)
    return parser


class HelpFormatter(argparse.HelpFormatter):
    """Help at a fixed width, so that it reads the same in every terminal and in docs/cli.md."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=100, max_help_position=32)


class Parser(argparse.ArgumentParser):
    """A sub-command parser with the fixed-width help."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)


TABLE_IDS = tuple(dict.fromkeys(spec.id for spec in (*REPORT_TABLES, *DIFF_TABLES)))


def add_output_options(
    parser: argparse.ArgumentParser, formats: Sequence[str] = FORMATS, *, tables: bool = True,
) -> None:
    """``--format``, ``-o``, ``--lang`` and ``--table``: how and where a report is written."""
    parser.add_argument("--format", choices=formats, default="markdown", help="output format (default: markdown)")
    parser.add_argument(
        "-o", "--output", metavar="PATH",
        help="write to this file instead of standard output (xlsx: required; csv: a folder, e.g. out/, "
             "gets one file per table)",
    )
    parser.add_argument(
        "--lang", choices=LANGUAGES, default="zh",
        help="the language of the headers and words of xlsx, html and per-table csv (default: zh)",
    )
    if tables:
        parser.add_argument(
            "--table", choices=TABLE_IDS, metavar="TABLE",
            help=f"csv: only this table, for Excel ({', '.join(TABLE_IDS)})",
        )


def write_output(args: argparse.Namespace, model: Viewed, variant: Variant | None = None) -> None:
    """Write ``model`` as the output options ask."""
    write_view(
        model, args.format, output=args.output, stream=sys.stdout, variant=variant, lang=args.lang,
        table=getattr(args, "table", None),
    )


def add_calendar_options(parser: argparse.ArgumentParser) -> None:
    """``--allow-provisional`` and ``--schedule``: the calendar the command counts days on (CAL-3)."""
    parser.add_argument(
        "--allow-provisional", action="store_true",
        help="count days in years without an official schedule; results are marked provisional (CAL-3)",
    )
    parser.add_argument(
        "--schedule", action="append", default=[], metavar="FILE",
        help="a year's official holiday schedule (TOML); may be repeated",
    )


def iso_date(text: str) -> date:
    """A YYYY-MM-DD argument."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (expected YYYY-MM-DD): {text!r}") from None


def positive(text: str) -> int:
    """A whole number of at least 1."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a whole number of at least 1: {text!r}")
    return int(text)


def period_label(text: str) -> Period:
    """A period argument: 2026, 2026-Q1 or 2026-03."""
    try:
        return Period.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def calendar_from(args: argparse.Namespace) -> WorkCalendar:
    """The China calendar with the loaded schedules and the provisional opt-in."""
    calendar = WorkCalendar.china(allow_provisional=args.allow_provisional)
    for path in args.schedule:
        calendar = calendar.with_schedule(load_schedule(path))
    return calendar


def run_evaluate(args: argparse.Namespace) -> int:
    variant = load_variant(args.variant)
    events = with_progress(read_event_files(args.events), sys.stderr)
    report = evaluate(
        variant, events, as_of=args.as_of, calendar=calendar_from(args), include_compliance=args.compliance
    )
    write_output(args, report, variant)
    return 0


def run_diff(args: argparse.Namespace) -> int:
    before, after = evaluate_all(
        (load_variant(args.variant), load_variant(args.against)), read_event_files(args.events), as_of=args.as_of,
        calendar=calendar_from(args),
    )
    write_output(args, diff(before, after))
    return 0


def run_explain(args: argparse.Namespace) -> int:
    kind = next(kind for kind in ("staff", "window", "case") if getattr(args, kind))
    story = explain(
        load_variant(args.variant), read_event_files(args.events), subject=subject_of(kind, getattr(args, kind)),
        as_of=args.as_of, period=args.period, calendar=calendar_from(args),
    )
    write_output(args, story)
    return 0


def run_chain(args: argparse.Namespace) -> int:
    trace = trace_inquiry(
        load_variant(args.variant), read_event_files(args.events), args.inquiry, as_of=args.as_of,
        calendar=calendar_from(args),
    )
    sys.stdout.write(render_trace(trace))
    return 0


def run_batch(args: argparse.Namespace) -> int:
    from bianmin_rules import scale  # the scale extra, imported only here: without it, one line naming it

    def progress(outcome: scale.CentreOutcome, done: int, total: int) -> None:
        print(f"[{done:{len(str(total))}}/{total}] {scale.describe(outcome)}", file=sys.stderr, flush=True)

    batch = scale.evaluate_many(
        scale.read_manifest(args.manifest), args.output, scheduler=args.scheduler, workers=args.workers,
        progress=progress,
    )
    print(batch.summary())
    if batch.failures:
        failures = ", ".join(outcome.centre for outcome in batch.failures)
        print(f"bianmin-rules: error: {len(batch.failures)} of {len(batch.outcomes)} centres failed: {failures}",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    return 0


def run_demo(args: argparse.Namespace) -> int:
    variant = load_variant("county-centre")
    report = evaluate(variant, demo_events(), as_of=date.fromisoformat(DEMO_AS_OF))
    write_output(args, report, variant)
    return 0


def run_import(args: argparse.Namespace) -> int:
    mapping = load_mapping(args.mapping) if args.mapping else None
    intake = import_register(args.register, mapping)
    for problem in intake.problems:
        print(f"bianmin-rules: {args.register}: {problem}", file=sys.stderr)
    if intake.problems and not args.skip_bad:
        raise RegisterError(
            f"{args.register}: {len(intake.problems)} bad cells in {intake.bad_rows} of {intake.rows} rows; "
            "nothing written (correct them, or give --skip-bad to write the good rows)",
            problems=intake.problems,
        )
    write_log(intake, args.output, sys.stdout)
    if intake.problems:
        skipped = f"{args.output or 'events'}.skipped.csv"
        write_problems(intake.problems, skipped)
        print(f"bianmin-rules: the bad cells are listed in {skipped}", file=sys.stderr)
    print(f"bianmin-rules: {'; '.join(summary(intake))}", file=sys.stderr)
    return 0


def run_example(args: argparse.Namespace) -> int:
    sys.stdout.write(example_text(args.name))
    return 0


def run_generate(args: argparse.Namespace) -> int:
    write = sys.stdout.write
    for row in generate(args.events, seed=args.seed, year=args.year, windows=args.windows):
        write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


def run_variants(args: argparse.Namespace) -> int:
    for name in builtin_variant_names():
        variant = load_variant(name)
        source = " — ".join(part for part in (variant.source.document, variant.source.section) if part)
        print(f"{name}\t{variant.title}\t{source}")
    return 0


def run_schema(args: argparse.Namespace) -> int:
    schema = event_json_schema() if args.what == "events" else Variant.json_schema()
    print(json.dumps(schema, ensure_ascii=False, indent=2))
    return 0


def run_show(args: argparse.Namespace) -> int:
    sys.stdout.write(load_variant(args.variant).to_toml())
    return 0


def run_lint(args: argparse.Namespace) -> int:
    report = lint_variant(args.variant)
    if args.format == "json":
        sys.stdout.write(report.model_dump_json(indent=2) + "\n")
    else:
        sys.stdout.writelines(f"{finding}\n" for finding in report.findings)
        print(report.summary())
    return 0 if report.clean else EXIT_FINDINGS


def run_calendar_add(args: argparse.Namespace) -> int:
    calendar = calendar_from(args)
    result = calendar.add_working_days(args.date, args.n)
    note = " (provisional)" if calendar.is_provisional(result) or calendar.is_provisional(args.date) else ""
    print(f"{result.isoformat()}{note}")
    return 0


def run_calendar_between(args: argparse.Namespace) -> int:
    calendar = calendar_from(args)
    count = calendar.working_days_between(args.start, args.end)
    provisional = calendar.is_provisional(args.start) or calendar.is_provisional(args.end)
    print(f"{count}{' (provisional)' if provisional else ''}")
    return 0


def with_progress(items: Iterable[T], stream: TextIO) -> Iterable[T]:
    """Pass ``items`` through, counting them on ``stream`` when it is a terminal.

    Not on a terminal, ``items`` itself is returned: a JSON Lines reader stays one, and
    the engine does not check its ids a second time (1M events: one set of a million
    ids and about 0.2 s fewer).
    """
    if not stream.isatty():
        return items
    return _counted(items, stream)


def _counted(items: Iterable[T], stream: TextIO) -> Iterator[T]:
    """``items``, with a running count written to ``stream`` every PROGRESS_EVERY items."""
    count = 0
    for count, item in enumerate(items, start=1):
        if count % PROGRESS_EVERY == 0:
            stream.write(f"\r{count:,} events read")
            stream.flush()
        yield item
    if count >= PROGRESS_EVERY:
        stream.write(f"\r{count:,} events read\n")


if __name__ == "__main__":
    raise SystemExit(main())
