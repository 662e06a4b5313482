"""The ``bianmin-rules`` command line.

It evaluates, compares and explains event logs, lists the open matters and their due
days (the agenda), prints an inquiry's chain, lists, shows
and lints variants, runs a variant's cases, starts a new variant, prints schemas and
example logs, generates synthetic logs and counts working days. Every bad input ends
with one line on stderr naming the place, and exit status 2.

Each command parses its arguments, calls the library and writes what it returns: the
reading of files and standard input and the writing of reports are in
:mod:`bianmin_rules.cli.files`, the progress bar in :mod:`bianmin_rules.cli.progress`.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from bianmin_rules import __version__
from bianmin_rules.authoring.commented import commented_toml
from bianmin_rules.authoring.lint import lint_variant
from bianmin_rules.authoring.schema import SCHEMA_MAKERS, schema_of, schema_text
from bianmin_rules.authoring.starter import relative_base, starter_files
from bianmin_rules.authoring.synthetic import MAX_WINDOWS, generate
from bianmin_rules.authoring.variant_tests import CaseResult, run_paths
from bianmin_rules.cli.files import named_file, output, read_logs_of
from bianmin_rules.cli.progress import Bar
from bianmin_rules.core.agenda import ALL, agenda
from bianmin_rules.core.bounds import LIMIT_DAYS
from bianmin_rules.core.calendar import WorkCalendar
from bianmin_rules.core.edge import exists
from bianmin_rules.core.engine import evaluate, evaluate_all
from bianmin_rules.core.errors import BianminError, MissingExtraError, OutputError, RegisterError
from bianmin_rules.core.periods import Period
from bianmin_rules.core.report import Report
from bianmin_rules.core.variant import Variant
from bianmin_rules.core.verdicts import VerdictKind
from bianmin_rules.core.words import joined, say, zh
from bianmin_rules.intake.families import installed_families
from bianmin_rules.intake.files import (
    DEMO_AS_OF,
    builtin_variant_names,
    demo_events,
    example_text,
    load_variant,
    variant_text,
    with_schedules,
)
from bianmin_rules.intake.spreadsheets import convert_register, load_mapping, summary, write_problems
from bianmin_rules.views.explain import explain, subject_of
from bianmin_rules.views.labels import LANGUAGES, Words
from bianmin_rules.views.outputs import FORMATS, STORY_FORMATS, Viewed, write_view
from bianmin_rules.views.tables import AGENDA_TABLES, DIFF_TABLES, REPORT_TABLES
from bianmin_rules.views.trace import render_trace, trace_inquiry
from bianmin_rules.views.whatif import diff

EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3
EXIT_BROKEN_PIPE = 141
"""The status of a command whose reader went away (``| head``): 128 + SIGPIPE, as the shell reports a command
that the signal ended quietly."""

FAIL_ON = ("violations", "warnings")
"""What ``evaluate --fail-on`` can fail on: any violation; any violation or warning."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args: argparse.Namespace | None = None
    try:
        args = build_parser().parse_args(argv)
        command: Callable[[argparse.Namespace], int] = args.command
        return command(args)
    except BianminError as exc:  # one line per problem: a variant file's are reported all at once
        for line in error_lines(exc, getattr(args, "lang", None)):
            print(f"bianmin-rules: {line}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return reader_gone()
    except Exception as exc:  # a bug, never bad input: not to be mistaken for findings (1) or bad input (2)
        print(f"bianmin-rules: internal error: {type(exc).__name__}: {exc} — a bug of bianmin-rules; please report "
              "it with the command that caused it", file=sys.stderr)
        return EXIT_INTERNAL


def reader_gone() -> int:
    """End quietly when the reader of standard output has gone (``| head -1``), as Unix commands do.

    What is still buffered for standard output is dropped: it is pointed at the null
    device, so that the interpreter's last flush has nowhere to fail.
    """
    with contextlib.suppress(OSError, ValueError):  # standard output is not a file (captured, or closed)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_BROKEN_PIPE


def error_lines(exc: BianminError, lang: str | None) -> list[str]:
    """The lines an error is printed as, one per problem (a variant file's are all reported): ``error: `` and its
    English text, or with ``--lang zh`` (or ``en``) given, ``错误：`` and its words from the catalogue.

    An error is for whoever wrote the input, and its English text is stable; the reports a
    command writes are Chinese without ``--lang``, its errors only when asked. Each line of
    a variant's problems is led by the same words.
    """
    details = str(exc).splitlines() or [""]
    if lang is None:
        return [f"error: {detail}" for detail in details]
    first, *_ = Words(lang)(say("错误：{error}", error=exc.words())).splitlines() or [""]
    lead = first.removesuffix(details[0]) if first.endswith(details[0]) else ""
    return [first, *(lead + detail for detail in details[1:])]


def examples(*lines: str) -> str:
    """A command's examples, as its ``--help`` ends with them."""
    return "examples:\n" + "".join(f"  {line}\n" for line in lines)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every sub-command."""
    parser = Parser(
        prog="bianmin-rules",
        description="Executable regulations of Chinese government service centres.",
        formatter_class=HelpFormatter,
        epilog=examples(
            "bianmin-rules demo",
            "bianmin-rules evaluate events.jsonl --variant county-centre --as-of 2026-03-31",
            "bianmin-rules COMMAND --help",
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(required=True, metavar="COMMAND", parser_class=Parser)

    run = commands.add_parser(
        "evaluate", help="evaluate event logs under a variant",
        description="Evaluate event logs under a variant and write the report. Exit status 0; with --fail-on, 1 "
                    "when the report has what it names; 2 on bad input.",
        epilog=examples(
            "bianmin-rules evaluate events.jsonl --variant county-centre --as-of 2026-03-31",
            "bianmin-rules evaluate jan.jsonl feb.jsonl --variant my-town.toml --as-of 2026-02-28 --format json "
            "-o report.json",
            "bianmin-rules example county-centre | bianmin-rules evaluate - --variant county-centre "
            "--as-of 2026-03-31 --fail-on violations",
        ),
    )
    add_judged_arguments(run)
    add_output_options(run)
    add_calendar_options(run)
    run.add_argument("--compliance", action="store_true", help="also report the rules that were met")
    run.add_argument(
        "--fail-on", choices=FAIL_ON,
        help="exit with status 1 when the report has violations (violations), or violations or warnings "
             "(warnings); without it, findings never change the exit status",
    )
    add_quiet_option(run)
    run.set_defaults(command=run_evaluate)

    compare = commands.add_parser(
        "diff", help="what-if: evaluate event logs under two variants and compare",
        epilog=examples(
            "bianmin-rules diff events.jsonl --variant county-centre --against my-town.toml --as-of 2026-03-31",
            "bianmin-rules diff events.jsonl --variant county-centre --against amended.toml --as-of 2026-03-31 "
            "--format csv -o changes.csv",
            "bianmin-rules diff events.jsonl --variant my-town.toml --on 2026-06-30 --against-on 2026-07-01 "
            "--as-of 2026-12-31",
        ),
    )
    add_log_arguments(compare)
    compare.add_argument("--variant", required=True, help="the variant as it is (a name or a .toml file)")
    compare.add_argument("--against", help="the variant to compare with (e.g. an amended copy; default: --variant)")
    compare.add_argument("--on", metavar="DATE", type=iso_date,
                         help="judge every case under --variant's rules as in force that day")
    compare.add_argument("--against-on", metavar="DATE", type=iso_date,
                         help="judge every case under the compared variant's rules as in force that day")
    compare.add_argument("--as-of", required=True, type=iso_date, help="the day of evaluation (YYYY-MM-DD)")
    add_output_options(compare)
    add_calendar_options(compare)
    add_quiet_option(compare)
    compare.set_defaults(command=run_diff)

    tell = commands.add_parser(
        "explain", help="one staff member's, window's or case's story: events, verdicts, totals, scorecards",
        epilog=examples(
            "bianmin-rules explain events.jsonl --variant county-centre --as-of 2026-03-31 --staff S-li",
            "bianmin-rules explain events.jsonl --variant county-centre --as-of 2026-03-31 --window W-land "
            "--period 2026-Q1 --format json -o w-land.json",
        ),
    )
    add_judged_arguments(tell)
    who = tell.add_mutually_exclusive_group(required=True)
    for kind in ("staff", "window", "case"):
        who.add_argument(f"--{kind}", metavar="ID", type=identifier, help=f"the {kind} to explain")
    tell.add_argument("--period", type=period_label, help="only this period: 2026, 2026-Q1 or 2026-03")
    add_output_options(
        tell, STORY_FORMATS, tables=False,
        lang="the language of the story's headings, lines and explanations (default: zh; json keeps its keys and "
             "Chinese words), and of an error (default: English)",
    )
    add_calendar_options(tell)
    add_quiet_option(tell)
    tell.set_defaults(command=run_explain)

    due = commands.add_parser(
        "agenda", help="what is open and when it is due: every timed matter by window and staff member",
        description="List the matters the variant's rules time that are open on --as-of: those already late, "
                    "those due within --within working days, and those a suspension holds; by window and staff "
                    "member, late first, then by due day, each with its rule and article. --within defaults to "
                    "the variant's TL-10 warning threshold (2 working days where the variant sets none); "
                    "--within all lists every open matter. Exit status 0; with --fail-on overdue, 1 when a "
                    "matter is late; 2 on bad input.",
        epilog=examples(
            "bianmin-rules agenda events.jsonl --variant county-centre --as-of 2026-03-31",
            "bianmin-rules agenda events.jsonl --variant county-centre --as-of 2026-03-31 --staff S-li",
            "bianmin-rules agenda events.jsonl --variant town-basic --as-of 2026-03-31 --within 5 --format html "
            "-o agenda.html",
            "bianmin-rules agenda events.jsonl --variant county-centre --as-of 2026-03-31 --within all "
            "--format xlsx -o agenda.xlsx --lang en",
        ),
    )
    add_judged_arguments(due, day="the day of the agenda")
    due.add_argument(
        "--within", type=horizon, metavar="N|all",
        help="list the matters due within N working days after --as-of (0: due that day; all: every open "
             "matter; default: the variant's TL-10 threshold)",
    )
    due.add_argument("--window", type=identifier, help="only the matters this window bears")
    due.add_argument("--staff", type=identifier, help="only the matters this staff member bears")
    add_output_options(due)
    add_calendar_options(due)
    due.add_argument("--fail-on", choices=("overdue",), help="exit with status 1 when a matter is late")
    add_quiet_option(due)
    due.set_defaults(command=run_agenda)

    chain = commands.add_parser(
        "chain", help="print one inquiry's first-inquiry chain step by step (FIR)",
        epilog=examples("bianmin-rules chain events.jsonl --variant county-centre --inquiry Q-7"),
    )
    add_log_arguments(chain)
    chain.add_argument("--inquiry", required=True, help="the inquiry's id")
    chain.add_argument("--variant", required=True, help="a built-in variant name or a variant .toml file")
    chain.add_argument("--as-of", type=iso_date, help="the day of evaluation (default: the day of the latest event)")
    add_output_file(chain)
    add_lang_option(chain, "the language of the chain's steps, its complaints and the verdicts about it "
                           "(default: zh), and of an error (default: English)")
    add_calendar_options(chain)
    add_quiet_option(chain)
    chain.set_defaults(command=run_chain)

    many = commands.add_parser(
        "batch", help="evaluate the centres of a manifest on Dask into a Parquet dataset (the scale extra)",
        description="Evaluate every centre of a manifest, each alone, on a Dask cluster, into a Parquet dataset "
                    "partitioned by centre (verdicts, totals, cards, card lines, standings) and a summary. A re-run "
                    "skips the centres whose inputs have not changed. Exit status 2 when a centre failed (the others "
                    "are kept).",
        epilog=examples(
            "bianmin-rules batch province.toml -o out/",
            "bianmin-rules batch province.toml -o out/ --workers 8",
            "bianmin-rules batch province.toml -o s3://audit/2026/ --scheduler tcp://10.0.0.5:8786",
        ),
    )
    many.add_argument("manifest", help="the manifest (TOML): [[centres]] with id, variant, logs and as_of")
    many.add_argument("-o", "--output", required=True, metavar="OUT", help="the dataset's folder, or an fsspec URL")
    cluster = many.add_mutually_exclusive_group()
    cluster.add_argument("--scheduler", metavar="ADDRESS", help="a running Dask scheduler (default: a local cluster)")
    cluster.add_argument(
        "--workers", type=positive, metavar="N", help="worker processes of the local cluster (default: one per core)"
    )
    many.add_argument("-q", "--quiet", action="store_true", help="no line per centre done (failures are still named)")
    many.set_defaults(command=run_batch)

    demo = commands.add_parser(
        "demo", help="evaluate the built-in example log under county-centre",
        epilog=examples("bianmin-rules demo", "bianmin-rules demo --format json -o demo.json"),
    )
    add_output_options(demo)
    demo.set_defaults(command=run_demo)

    intake = commands.add_parser(
        "import", help="turn a case register or a time clock's export (.xlsx, .csv) into an event log",
        description="Read a register and write its events as JSON Lines. Every bad cell is reported with its "
                    "sheet, row, column and what was expected; nothing is written when a row is bad, unless "
                    "--skip-bad is given.",
        epilog=examples(
            "bianmin-rules import register.xlsx -o events.jsonl",
            "bianmin-rules import clock.csv --mapping clock-mapping.toml --skip-bad -o sign-ins.jsonl",
        ),
    )
    intake.add_argument("register", help="the register: .xlsx or .csv")
    intake.add_argument("--mapping", metavar="FILE", help="a mapping file (TOML): the export's columns and values")
    add_output_file(intake, "the event log to write (default: standard output)")
    intake.add_argument(
        "--skip-bad", action="store_true",
        help="write the good rows, and the bad cells to a CSV file beside the output (FILE.skipped.csv)",
    )
    add_quiet_option(intake)
    add_lang_option(intake, "the language of the lines printed while importing and of an error (default: "
                            "English), and of the skipped cells' file (default: zh)")
    intake.set_defaults(command=run_import)

    sample = commands.add_parser(
        "example", help="print an example event log (JSON Lines) to start from: a built-in variant accepts its own",
        description="Print an example event log. NAME is a built-in variant (a log it accepts: its own example, "
                    "or the township log without the cases of types it does not declare) or an example log "
                    "(township: every family of events).",
        epilog=examples(
            "bianmin-rules example", "bianmin-rules example jiangxi-town -o jiangxi.jsonl",
            "bianmin-rules example town-basic | bianmin-rules evaluate - --variant town-basic --as-of 2026-04-01",
        ),
    )
    sample.add_argument("name", nargs="?", default="township",
                        help="a built-in variant or an example log (default: township, every family)")
    add_output_file(sample)
    sample.set_defaults(command=run_example)

    synth = commands.add_parser(
        "generate", help="write a synthetic event log (JSON Lines) for benchmarks and demos",
        epilog=examples("bianmin-rules generate --events 1000000 --seed 7 -o million.jsonl"),
    )
    synth.add_argument("--events", type=counted(1), default=10_000, help="how many events (default: 10000)")
    synth.add_argument("--seed", type=int, default=1, help="random seed: the same seed gives the same log")
    synth.add_argument("--year", type=int, default=2026, help="the year simulated (default: 2026)")
    synth.add_argument("--windows", type=counted(1, MAX_WINDOWS), default=12,
                       help=f"windows of the centre, 1 to {MAX_WINDOWS} (default: 12)")
    add_output_file(synth)
    add_quiet_option(synth)
    synth.set_defaults(command=run_generate)

    variants = commands.add_parser(
        "variants", help="list the built-in variants", epilog=examples("bianmin-rules variants"),
    )
    variants.set_defaults(command=run_variants)

    show = commands.add_parser(
        "show", help="print a variant as TOML, with `extends` resolved and its files' comments kept",
        description="Print a variant as one TOML file that reads back as the same variant, with every parameter it "
                    "applies (the defaults its files leave out added to each table). A built-in variant or a file "
                    "that extends none is printed as written, comments and all. A file that extends another is "
                    "laid over it: the parent's file with its comments, the keys the child sets with their "
                    "end-of-line comments, the child's comment lines above the entries they concern, its new "
                    "entries after the parent's, the removed policies gone, `based_on` set. Comments need the cli "
                    "extra (tomlkit); without it the variant is printed without them. With --on, the variant as in "
                    "force that day: plain values and the policies in force, without comments.",
        epilog=examples("bianmin-rules show county-centre -o county-copy.toml", "bianmin-rules show my-town.toml",
                        "bianmin-rules show my-town.toml --on 2026-07-01"),
    )
    show.add_argument("variant", help="a built-in variant name or a variant .toml file")
    show.add_argument("--on", metavar="DATE", type=iso_date,
                      help="the variant as in force that day: plain values, the policies in force")
    add_output_file(show)
    show.set_defaults(command=run_show)

    check = commands.add_parser(
        "lint", help="report a variant's gaps, overlaps, blanks, unknown rules and contradicted caps",
        description="Lint a variant file: every finding with its catalogue ID, code, key, file and line. "
                    "Exit status 0 when the variant accepts every finding ([[lint.accept]]), 1 when it does not, "
                    "2 when the file cannot be read.",
        epilog=examples("bianmin-rules lint my-town.toml", "bianmin-rules lint county-centre --format json"),
    )
    check.add_argument("variant", help="a built-in variant name or a variant .toml file")
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    check.add_argument("--year", type=positive, help="the year to be evaluated: policies in force on no day of it")
    add_output_file(check)
    check.set_defaults(command=run_lint)

    cases = commands.add_parser(
        "test", help="run a variant's cases: small logs and the verdicts, totals and cards they must give",
        description="Run case files (*.cases.toml; a folder: every one inside it) or a built-in variant's own "
                    "cases. Each failure shows what was expected against what the report holds, with the rule "
                    "and its article. Exit status 0 when every case passes, 1 when one fails, 2 on bad input. "
                    "The format: docs/authoring-tests.md.",
        epilog=examples(
            "bianmin-rules test county-centre",
            "bianmin-rules test my-town.cases.toml cases/",
            "bianmin-rules test county-centre --variant amended-county.toml   # what the amendment changes",
        ),
    )
    cases.add_argument("paths", nargs="+", metavar="PATH",
                       help="a case file, a folder of case files, or a built-in variant's name")
    cases.add_argument("--variant", metavar="VARIANT",
                       help="run the cases against this variant (a name or a .toml file) instead of their own")
    cases.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    cases.add_argument("--failures", action="store_true", help="print only the cases that fail, and the summary")
    add_output_file(cases)
    cases.set_defaults(command=run_test)

    start = commands.add_parser(
        "new-variant", help="write a new variant that extends another, and its case file",
        description="Write NAME.toml, a variant that extends BASE and changes nothing yet, and NAME.cases.toml, "
                    "its cases: a built-in BASE's own cases, which pass until the variant changes what they "
                    "check. Existing files are never overwritten.",
        epilog=examples(
            "bianmin-rules new-variant my-town --extends county-centre",
            "bianmin-rules new-variant my-village --extends ../my-town.toml --dir villages/",
        ),
    )
    start.add_argument("name", help="the new variant's name: lower-case letters, digits and hyphens")
    start.add_argument("--extends", required=True, metavar="BASE",
                       help="the variant it starts from: a built-in name or a .toml file")
    start.add_argument("--dir", default=".", help="the folder to write the two files to (default: here)")
    start.set_defaults(command=run_new_variant)

    schema = commands.add_parser(
        "schema", help="print a JSON Schema: of an event, a variant file or a case file",
        description="Print the JSON Schema of a line of an event log, a variant file (whole, or written as changes "
                    "to the variant it extends) or a case file, with the policy kinds and events of the installed "
                    "families. For an editor, put `#:schema ./variant.schema.json` at the top of a variant file "
                    "(taplo, Even Better TOML): see docs/tutorial.md.",
        epilog=examples("bianmin-rules schema variant -o variant.schema.json",
                        "bianmin-rules schema events -o events.schema.json", "bianmin-rules schema cases"),
    )
    schema.add_argument("what", choices=list(SCHEMA_MAKERS), help="which schema")
    add_output_file(schema)
    schema.set_defaults(command=run_schema)

    calendar = commands.add_parser(
        "calendar", help="count working days (CAL-1)",
        epilog=examples("bianmin-rules calendar add 2026-09-30 3", "bianmin-rules calendar between 2026-09-30 "
                        "2026-10-12"),
    )
    counts = calendar.add_subparsers(required=True, metavar="QUESTION", parser_class=Parser)
    add = counts.add_parser(
        "add", help="the N-th working day after DATE (N < 0: before)",
        epilog=examples("bianmin-rules calendar add 2026-09-30 3   # 2026-10-09: the National Day week is closed"),
    )
    add.add_argument("date", type=iso_date)
    add.add_argument("n", type=int)
    add_calendar_options(add)
    add.set_defaults(command=run_calendar_add)
    between = counts.add_parser(
        "between", help="working days in (START, END]",
        epilog=examples("bianmin-rules calendar between 2026-09-30 2026-10-12"),
    )
    between.add_argument("start", type=iso_date)
    between.add_argument("end", type=iso_date)
    add_calendar_options(between)
    between.set_defaults(command=run_calendar_between)
    return parser


class HelpFormatter(argparse.HelpFormatter):
    """Help at a fixed width, so that it reads the same in every terminal and in docs/cli.md.

    A text of several lines (the examples) is printed as written; a paragraph is wrapped.
    """

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=100, max_help_position=32)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if "\n" in text:
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


class Parser(argparse.ArgumentParser):
    """A sub-command parser with the fixed-width help, whose options may each be given once."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)
        self.register("action", None, StoreOnce)
        self.register("action", "store", StoreOnce)


class StoreOnce(argparse._StoreAction):
    """An option that may be given once: given twice (``--variant a --variant b``), it is an error, not the last."""

    def __call__(
        self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
        option_string: str | None = None,
    ) -> None:
        given: set[str] = namespace.__dict__.setdefault("_given", set())
        if option_string is not None and self.dest in given:
            raise argparse.ArgumentError(self, "given twice: give it once")
        given.add(self.dest)
        super().__call__(parser, namespace, values, option_string)


def add_judged_arguments(parser: argparse.ArgumentParser, *, day: str = "the day of evaluation") -> None:
    """The event logs a command judges, the variant it judges them by, and the day (``--as-of``)."""
    add_log_arguments(parser)
    parser.add_argument("--variant", required=True, help="a built-in variant name or a variant .toml file")
    parser.add_argument("--as-of", required=True, type=iso_date, help=f"{day} (YYYY-MM-DD)")


def add_log_arguments(parser: argparse.ArgumentParser) -> None:
    """The event logs a command reads; ``-`` is standard input."""
    parser.add_argument(
        "events", nargs="+", help="JSON Lines event logs (one log may be split into files; -: standard input)"
    )


TABLE_IDS = tuple(dict.fromkeys(spec.id for spec in (*REPORT_TABLES, *DIFF_TABLES, *AGENDA_TABLES)))


REPORT_LANG = ("the language of the report's headings, headers, summary lines and explanations (default: zh; json "
               "and the combined csv keep their keys and Chinese words), and of an error (default: English)")
"""``--lang`` of the commands that write a report."""


def add_output_options(
    parser: argparse.ArgumentParser, formats: Sequence[str] = FORMATS, *, tables: bool = True, lang: str = REPORT_LANG,
) -> None:
    """``--format``, ``-o``, ``--lang`` (its help: ``lang``) and ``--table``: how and where a report is written."""
    parser.add_argument("--format", choices=formats, default="markdown", help="output format (default: markdown)")
    add_output_file(
        parser, "write to this file instead of standard output (xlsx: required; csv: a folder, e.g. out/, "
                "gets one file per table)",
    )
    add_lang_option(parser, lang)
    if tables:
        parser.add_argument(
            "--table", choices=TABLE_IDS, metavar="TABLE",
            help=f"csv: only this table, for Excel ({', '.join(TABLE_IDS)})",
        )


def add_lang_option(parser: argparse.ArgumentParser, what: str = REPORT_LANG) -> None:
    """``--lang``: the language of what the command writes for people, and of an error; ``what`` says which."""
    parser.add_argument("--lang", choices=LANGUAGES, help=what)


def reader_lang(args: argparse.Namespace) -> str:
    """The language of what a command writes for people: ``--lang``, else Chinese."""
    return str(args.lang or "zh")


def write_output(args: argparse.Namespace, model: Viewed, variant: Variant | None = None) -> None:
    """Write ``model`` as the output options ask."""
    if args.output is not None:
        named_file(args.output)
    write_view(
        model, args.format, output=args.output, stream=sys.stdout, variant=variant, lang=reader_lang(args),
        table=getattr(args, "table", None),
    )


def add_output_file(parser: argparse.ArgumentParser, help: str = "write to FILE instead of standard output") -> None:
    """``-o/--output``: the file a command writes to instead of standard output, written whole or not at all."""
    parser.add_argument("-o", "--output", metavar="FILE", help=help)


def add_quiet_option(parser: argparse.ArgumentParser) -> None:
    """``--quiet``: no progress bar (there is none anyway when standard error is not a terminal)."""
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar on the terminal")


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


def identifier(text: str) -> str:
    """An id argument: not empty."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an id cannot be empty")
    return text


def counted(least: int, most: int | None = None) -> Callable[[str], int]:
    """A whole-number argument from ``least`` to ``most``."""
    def number(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if value < least or (most is not None and value > most):
            bounds = f"at least {least}" if most is None else f"from {least} to {most}"
            raise argparse.ArgumentTypeError(f"must be {bounds}, not {value}")
        return value
    return number


def iso_date(text: str) -> date:
    """A YYYY-MM-DD argument."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (expected YYYY-MM-DD): {text!r}") from None


def horizon(text: str) -> int | str:
    """A ``--within`` argument: a number of working days (0 to a year's), or ``all``."""
    if text == ALL:
        return ALL
    try:
        return counted(0, LIMIT_DAYS)(text)
    except argparse.ArgumentTypeError as error:
        raise argparse.ArgumentTypeError(f"{error} (a number of working days, or 'all')") from None


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
    return with_schedules(WorkCalendar.china(allow_provisional=args.allow_provisional), args.schedule)


def progress_bar(args: argparse.Namespace) -> Bar:
    """The command's progress bar on standard error: drawn on a terminal unless ``--quiet``."""
    return Bar(sys.stderr, quiet=args.quiet)


def run_evaluate(args: argparse.Namespace) -> int:
    variant = load_variant(args.variant, families=installed_families())
    with progress_bar(args) as bar:
        report = evaluate(
            variant, read_logs_of(args.events, bar, variant.families), as_of=args.as_of, calendar=calendar_from(args),
            include_compliance=args.compliance, progress=bar,
        )
        bar.stage("writing")
        write_output(args, report, variant)
    return failing(report, args.fail_on, Words(reader_lang(args)))


def failing(report: Report, fail_on: str | None, words: Words) -> int:
    """The exit status ``--fail-on`` asks for, with a line on stderr (in the language of ``words``) saying why."""
    if fail_on is None:
        return 0
    kinds = {VerdictKind.VIOLATION} | ({VerdictKind.WARNING} if fail_on == "warnings" else set())
    found = [v for v in report.verdicts if v.kind in kinds]
    if not found:
        return 0
    violations = sum(v.kind is VerdictKind.VIOLATION for v in found)
    found_words = say("违规 {violations} 条，提醒 {warnings} 条（--fail-on {fail_on}）",
                      violations=violations, warnings=len(found) - violations, fail_on=fail_on)
    print(f"bianmin-rules: {words(found_words)}", file=sys.stderr)
    return EXIT_FINDINGS


def run_diff(args: argparse.Namespace) -> int:
    if args.against is None and args.against_on is None:
        raise BianminError("diff needs --against VARIANT, --against-on DATE, or both")
    families = installed_families()
    variant = load_variant(args.variant, families=families)
    against = variant if args.against is None else load_variant(args.against, families=families)
    variants = (as_on(variant, args.on), as_on(against, args.against_on))
    with progress_bar(args) as bar:
        before, after = evaluate_all(
            variants, read_logs_of(args.events, bar, families), as_of=args.as_of, calendar=calendar_from(args),
            progress=bar,
        )
        bar.stage("writing")
        write_output(args, diff(before, after))
    return 0


def as_on(variant: Variant, day: date | None) -> Variant:
    """The variant as in force on ``day`` (as it is without one), named with the day: ``my-town@2026-07-01``."""
    if day is None:
        return variant
    return variant.on(day).model_copy(update={"name": f"{variant.name}@{day}"})


def run_explain(args: argparse.Namespace) -> int:
    kind = next(kind for kind in ("staff", "window", "case") if getattr(args, kind) is not None)
    variant = load_variant(args.variant, families=installed_families())
    with progress_bar(args) as bar:
        story = explain(
            variant, read_logs_of(args.events, bar, variant.families), subject=subject_of(kind, getattr(args, kind)),
            as_of=args.as_of, period=args.period, calendar=calendar_from(args), progress=bar,
        )
        bar.stage("writing")
        write_output(args, story)
    return 0


def run_agenda(args: argparse.Namespace) -> int:
    variant = load_variant(args.variant, families=installed_families())
    with progress_bar(args) as bar:
        result = agenda(
            variant, read_logs_of(args.events, bar, variant.families), as_of=args.as_of, within=args.within,
            window=args.window, staff=args.staff, calendar=calendar_from(args), progress=bar,
        )
        bar.stage("writing")
        write_output(args, result, variant)
    late = len(result.overdue())
    if args.fail_on is None or not late:
        return 0
    print(f"bianmin-rules: {late} matters late (--fail-on overdue)", file=sys.stderr)
    return EXIT_FINDINGS


def run_chain(args: argparse.Namespace) -> int:
    variant = load_variant(args.variant, families=installed_families())
    with progress_bar(args) as bar:
        trace = trace_inquiry(
            variant, read_logs_of(args.events, bar, variant.families), args.inquiry, as_of=args.as_of,
            calendar=calendar_from(args), progress=bar,
        )
        bar.stage("writing")
        with output(args.output) as out:
            out.write(render_trace(trace, reader_lang(args)))
    return 0


def run_batch(args: argparse.Namespace) -> int:
    from bianmin_rules import scale  # the scale extra, imported only here: without it, one line naming it

    def progress(outcome: scale.CentreOutcome, done: int, total: int) -> None:
        if not args.quiet or outcome.failed:
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
    if args.output is not None:
        named_file(args.output)
    try:
        with progress_bar(args) as bar:
            tally = convert_register(args.register, args.output, sys.stdout, mapping, skip_bad=args.skip_bad,
                                     progress=bar.counting("row"))
    except RegisterError as exc:
        for problem in exc.problems:
            print(f"bianmin-rules: {args.register}: {problem}", file=sys.stderr)
        raise
    for problem in tally.problems:
        print(f"bianmin-rules: {args.register}: {problem}", file=sys.stderr)
    # The lines for whoever runs the import are English unless --lang is given, as an error's are;
    # the skipped cells' file is for the centre's staff, Chinese unless --lang en.
    told = Words(args.lang or "en")
    if tally.problems:
        skipped = f"{args.output or 'events'}.skipped.csv"
        write_problems(tally.problems, skipped, Words(reader_lang(args)))
        listed = say("有误的单元格列在{file}", file=skipped)
        print(f"bianmin-rules: {told(listed)}", file=sys.stderr)
    print(f"bianmin-rules: {told(joined(summary(tally), zh('；')))}", file=sys.stderr)
    return 0


def run_example(args: argparse.Namespace) -> int:
    with output(args.output) as out:
        out.write(example_text(args.name))
    return 0


def run_generate(args: argparse.Namespace) -> int:
    with progress_bar(args) as bar, output(args.output) as out:
        bar.stage("writing", total=args.events, unit="event", scale=False)
        write, step = out.write, max(1, args.events // 200)
        for count, row in enumerate(generate(args.events, seed=args.seed, year=args.year, windows=args.windows), 1):
            write(json.dumps(row, ensure_ascii=False) + "\n")
            if count % step == 0:
                bar.advance(step)
    return 0


def run_variants(args: argparse.Namespace) -> int:
    for name in builtin_variant_names():
        variant = load_variant(name)
        source = " — ".join(part for part in (variant.source.document, variant.source.section) if part)
        print(f"{name}\t{variant.title}\t{source}")
    return 0


def run_schema(args: argparse.Namespace) -> int:
    text = schema_text(schema_of(args.what, installed_families()))
    with output(args.output) as out:
        out.write(text)
    return 0


def run_show(args: argparse.Namespace) -> int:
    variant = load_variant(args.variant, families=installed_families())
    if args.on is not None:
        text = variant.on(args.on).to_toml()
    else:
        source, origin = variant_text(args.variant)
        try:
            text = commented_toml(variant, source, origin=origin, read=variant_text)
        except MissingExtraError as exc:  # without tomlkit: the variant all the same, without its comments
            print(f"bianmin-rules: comments left out: {exc}", file=sys.stderr)
            text = variant.to_toml()
    with output(args.output) as out:
        out.write(text)
    return 0


def run_lint(args: argparse.Namespace) -> int:
    report = lint_variant(args.variant, families=installed_families(), year=args.year)
    with output(args.output) as out:
        if args.format == "json":
            out.write(report.model_dump_json(indent=2) + "\n")
        else:
            out.writelines(f"{finding}\n" for finding in report.findings)
            out.write(report.summary() + "\n")
    return 0 if report.clean else EXIT_FINDINGS


def run_test(args: argparse.Namespace) -> int:
    families = installed_families()
    variant = load_variant(args.variant, families=families) if args.variant else None
    with output(args.output) as out:
        def shown(result: CaseResult) -> None:
            if args.format == "text" and not (args.failures and result.passed):
                out.write(result.text() + "\n")
                out.flush()

        outcome = run_paths(args.paths, variant=variant, on_result=shown, families=families)
        if args.format == "json":
            out.write(outcome.model_dump_json(indent=2) + "\n")
        else:
            out.write(outcome.summary() + "\n")
    return EXIT_FINDINGS if outcome.failed else 0


def run_new_variant(args: argparse.Namespace) -> int:
    folder = Path(args.dir)
    base = load_variant(args.extends, families=installed_families())  # fails here on a base that does not load
    files = starter_files(args.name, relative_base(args.extends, args.dir), base)
    existing = [name for name in files if exists(folder / name)]
    if existing:
        raise OutputError(f"{', '.join(str(folder / name) for name in existing)}: exists already; nothing written")
    for name, text in files.items():
        with output(str(folder / name)) as out:
            out.write(text)
        print(f"wrote {folder / name}")
    return 0


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


if __name__ == "__main__":
    raise SystemExit(main())
