"""What validation found, file by file, as plain data.

Kept apart from :mod:`teikit.check.validate` (which needs lxml and the
compiled schemas) so that a run answered wholly from the validation cache,
the report formats and the Dask client side import neither.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from teikit.core.errors import Diagnostic


@dataclass
class FileResult:
    """The outcome for one file: its diagnostics, and whether it could be read at all."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    unreadable: bool = False

    @property
    def errors(self) -> list[Diagnostic]:
        return [diagnostic for diagnostic in self.diagnostics if diagnostic.level == "error"]

    @property
    def valid(self) -> bool:
        return not self.errors and not self.unreadable


def exit_code(results: Iterable[FileResult]) -> int:
    """0 all valid, 1 some document invalid or malformed, 2 some input unreadable."""
    results = list(results)
    if any(result.unreadable for result in results):
        return 2
    return 1 if any(result.errors for result in results) else 0
