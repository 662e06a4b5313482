"""The rule families installed in the environment: the library's own, and those other packages register.

A package adds a family by naming its declaration under the entry-point group
``bianmin_rules.families`` in its ``pyproject.toml``::

    [project.entry-points."bianmin_rules.families"]
    market = "xizhen_market:FAMILY"

:func:`installed_families` reads the environment's entry points once, when called: the
command line calls it for every command that reads a variant or a log, and a program
calls it (or builds its own :class:`~bianmin_rules.core.family.Families`) and passes the
value on. Nothing is registered anywhere else.
"""

from __future__ import annotations

from importlib.metadata import entry_points

from bianmin_rules.core.errors import FamilyError
from bianmin_rules.core.family import Families, Family
from bianmin_rules.families import BUILTIN

GROUP = "bianmin_rules.families"
"""The entry-point group under which a package registers a family."""


def installed_families() -> Families:
    """The library's own families, then every family registered under :data:`GROUP`, by entry-point name.

    Raises :class:`~bianmin_rules.core.errors.FamilyError` when an entry point cannot be
    loaded, names something other than a :class:`~bianmin_rules.core.family.Family`, or
    claims a name, event type, policy kind, book or rule ID another family has.
    """
    found: list[Family] = []
    for point in sorted(entry_points(group=GROUP), key=lambda point: (point.name, point.value)):
        try:
            family = point.load()
        except Exception as exc:  # an installed package's bug: one line, naming it
            raise FamilyError(f"cannot load {point.value!r} ({type(exc).__name__}: {exc})", family=point.name) from None
        if not isinstance(family, Family):
            raise FamilyError(f"{point.value!r} is a {type(family).__name__}, not a Family", family=point.name)
        found.append(family)
    return Families(*BUILTIN, *found) if found else BUILTIN
