"""Errors, source locations and diagnostics shared by every stage.

Every problem teikit reports carries a :class:`Location` where one is known and
prints as one line, ``path:line:col: level: message [code]``, the shape
compilers use so editors and CI annotate the right place. Each error class
says which exit code the command line uses for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import ClassVar

_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")


def one_line(text: str) -> str:
    """``text`` with control characters written as escapes (``\\n``, ``\\x01``).

    A message is one line: a newline in a file name or in an attribute value
    (``&#10;``) must not start what looks like a second diagnostic.
    """
    return _CONTROL_RE.sub(lambda match: repr(match.group())[1:-1] if match.group() != "\t" else " ", text)


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file: 1-based line and column (column counts characters)."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.path
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Diagnostic:
    """One message about a document: an error or a warning, with its place."""

    level: str
    message: str
    code: str
    location: Location | None = None

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        return one_line(f"{where}{self.level}: {self.message} [{self.code}]")


@dataclass
class TeikitError(Exception):
    """Root of teikit's errors: a message, an optional place and a code."""

    message: str
    location: Location | None = None
    code: str = "teikit"
    exit_code: ClassVar[int] = 1

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def __str__(self) -> str:
        return str(self.as_diagnostic())

    def as_diagnostic(self) -> Diagnostic:
        return Diagnostic("error", self.message, self.code, self.location)


class TranscriptError(TeikitError):
    """The transcript cannot be read or converted (exit 2: unreadable input)."""

    exit_code: ClassVar[int] = 2


class InputError(TeikitError):
    """A path is missing, unreadable or not usable as asked (exit 2)."""

    exit_code: ClassVar[int] = 2


class OutputExistsError(TeikitError):
    """Writing would replace a file the user has; ``--force`` allows it (exit 2)."""

    exit_code: ClassVar[int] = 2


class XMLInputError(TeikitError):
    """An XML file is malformed or hostile (exit 1: the document has a problem)."""


@dataclass
class ValidationError(TeikitError):
    """Documents are invalid; holds every diagnostic found, not just the first."""

    diagnostics: list[Diagnostic] = field(default_factory=list)


class RenderError(TeikitError):
    """A stylesheet failed on a document (exit 1)."""


class BuildError(TeikitError):
    """Some records of a build failed (exit 1); each failure was reported."""


class ConfigError(TeikitError):
    """A schema or stylesheet teikit needs is missing or broken (exit 3)."""

    exit_code: ClassVar[int] = 3
