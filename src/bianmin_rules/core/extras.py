"""The optional packages some views and readers need (openpyxl, Jinja2, pygal), each named with its extra."""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from bianmin_rules.core.errors import MissingExtraError


def require(module: str, *, extra: str, purpose: str) -> ModuleType:
    """Import ``module``, or say in one line which extra of the package installs it."""
    try:
        return import_module(module)
    except ImportError:
        raise MissingExtraError(module=module, extra=extra, purpose=purpose) from None
