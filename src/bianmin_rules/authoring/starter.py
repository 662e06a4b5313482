"""A new variant's first two files: the variant, written as changes to another, and its cases.

:func:`starter_files` gives their names and texts (``bianmin-rules new-variant`` writes
them). The variant file ``extends`` its base and changes nothing yet; the case file runs
against it. A built-in base lends its own cases, which pass from the start: as the author
changes the variant, the cases the change affects fail, and the author rewrites them
from the new text. Another base gets one starting case to copy.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from bianmin_rules.authoring.variant_tests import CASES_SUFFIX, builtin_case_file
from bianmin_rules.core.errors import VariantError
from bianmin_rules.core.variant import Variant
from bianmin_rules.intake.files import builtin_variant_names, is_path

NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")

VARIANT_LINE = re.compile(r'^variant = ".*"$', re.MULTILINE)


def starter_files(name: str, base: str, base_variant: Variant) -> dict[str, str]:
    """``{file name: text}`` of a variant ``name`` extending ``base`` (a built-in name or a path) and its cases.

    ``base_variant`` is the base as loaded (its title and source are quoted in comments).
    Paths in the texts are relative to the folder the files are written to.
    """
    if not NAME.match(name):
        raise VariantError("a variant's name is lower-case letters, digits and hyphens, e.g. my-town",
                           variant=name, key="name")
    variant_file = f"{name}.toml"
    return {variant_file: variant_text(name, base, base_variant), f"{name}{CASES_SUFFIX}": cases_text(name, base)}


def variant_text(name: str, base: str, base_variant: Variant) -> str:
    """The variant file: ``extends``, a name, a title and a source to fill in, and how to change a policy."""
    rules = ", ".join(dict.fromkeys(policy.rule for policy in base_variant.policies))
    return f'''# {name}.toml — a variant written as changes to {base} ({base_variant.title}).
# Everything not written here is {base}'s. See docs/tutorial.md; check the file with
#   bianmin-rules lint {name}.toml
# and run its cases with
#   bianmin-rules test {name}{CASES_SUFFIX}
# For an editor that checks it as you type (taplo, VS Code's Even Better TOML):
#   bianmin-rules schema variant -o variant.schema.json
# and make this the file's first line:  #:schema ./variant.schema.json
extends = "{base}"
name = "{name}"
title = "{base_variant.title}"   # the centre, in Chinese
source = {{ document = "", section = "" }}   # the regulation this file encodes

# {base}'s policies cite: {rules}.
# Change one by naming its rule (or its id) and the parameters that differ, quoting your text:
#
# [[policies]]
# rule = "TL-7"
# limit = 2
# source = {{ document = "…", article = "第七条", quote = "驳回件最迟于两个工作日内作出决定。" }}
#
# Drop one with remove_policies = ["TL-1"]; add one with its own id, kind and rule.
'''


def cases_text(name: str, base: str) -> str:
    """The case file: the built-in base's own cases pointed at the new variant, or one case to start from."""
    header = (f"# {name}{CASES_SUFFIX} — cases of {name}, each computed by hand from its text.\n"
              f"# Run them with: bianmin-rules test {name}{CASES_SUFFIX}   (the format: docs/authoring-tests.md)\n")
    if not is_path(base) and base in builtin_variant_names():
        inherited = builtin_case_file(base).read_text(encoding="utf-8")
        return (header + f"# They start as {base}'s own cases: where {name} differs from {base}, a case fails;"
                " rewrite it from your text.\n\n" + VARIANT_LINE.sub(f'variant = "{name}.toml"', inherited, count=1))
    return header + f'''
variant = "{name}.toml"
as_of = "2026-03-31"

# Each case: a small log, the article it rests on, and what the report must show.
[[cases]]
name = "an empty log breaks no rule"
events = []
nothing_else = true

# [[cases]]
# name = "迟到一次扣款20元"
# article = "第三条"
# quote = "迟到或早退一次扣款20元"
# as_of = "2026-03-05"
# events = [
#   {{ type = "signed_in", at = "2026-03-02T09:10", method = "face", window = "W1", staff = "S1" }},
#   {{ type = "signed_out", at = "2026-03-02T17:35", method = "face", window = "W1", staff = "S1" }},
# ]
# [[cases.verdicts]]
# rule = "ATT-1"
# subject = "staff:S1"
# on = "2026-03-02"
# fine = 20
'''



def relative_base(base: str, folder: str) -> str:
    """How a variant written to ``folder`` names ``base``: a built-in by name, a file relative to ``folder``."""
    if not is_path(base):
        return base
    return Path(os.path.relpath(Path(base).resolve(), Path(folder).resolve())).as_posix()
