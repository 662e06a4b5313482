"""What the edges of the library share: optional packages named with the extra that installs them, and files
written whole or not at all."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import import_module
from pathlib import Path
from types import ModuleType
from typing import IO, Any, Literal

from bianmin_rules.core.errors import MissingExtraError


def require(module: str, *, extra: str, purpose: str) -> ModuleType:
    """Import ``module``, or say in one line which extra of the package installs it."""
    try:
        return import_module(module)
    except ImportError:
        raise MissingExtraError(module=module, extra=extra, purpose=purpose) from None


def exists(path: str | Path, *, folder: bool = False) -> bool:
    """Is there a file (or, with ``folder``, a folder) at ``path``? A path no file can have — too long, with a NUL
    — names nothing, rather than raising."""
    try:
        return Path(path).is_dir() if folder else Path(path).exists()
    except (OSError, ValueError):
        return False


@contextmanager
def written(path: str | Path, mode: Literal["w", "wb"]) -> Iterator[Any]:
    """A file that appears at ``path`` whole or not at all: written beside it, moved into place when done."""
    target = Path(path)
    part = target.with_name(f".{target.name}.part")
    handle: IO[Any] = part.open("w", encoding="utf-8", newline="") if mode == "w" else part.open("wb")
    try:
        with handle:
            yield handle
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)
