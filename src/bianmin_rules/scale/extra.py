"""The packages of the ``scale`` extra, checked before any module of this package imports them.

Without the extra, importing :mod:`bianmin_rules.scale` is one
:class:`~bianmin_rules.core.errors.MissingExtraError` naming it.
"""

from __future__ import annotations

from bianmin_rules.core.edge import require

PACKAGES = ("distributed", "pyarrow", "fsspec")

for package in PACKAGES:
    require(package, extra="scale", purpose="evaluating many centres on Dask")
