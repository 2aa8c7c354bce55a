"""Validate against a large RELAX NG grammar with jing, reported like teikit's own messages.

libxml2 (through lxml) compiles a grammar the size of TEI's ``tei_all`` in
about 10 s, every run, and a compiled grammar cannot be kept between runs.
jing (Debian package ``jing``) checks the same files in about 2 s, most of
it the Java start, and is the reference implementation of RELAX NG. So for a
large foreign grammar teikit runs jing once over all the files of a run and
turns each of its lines (``file:line:col: error: message``) into a
:class:`~teikit.core.errors.Diagnostic` with an ``rng-…`` rule id.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from teikit.core.errors import ConfigError, Diagnostic, Location

LARGE_GRAMMAR_BYTES = 512 * 1024
_CHUNK = 400
_LINE_RE = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<level>error|fatal error|fatal|warning): (?P<msg>.*)$"
)
_CODES = (
    (re.compile(r"^value of attribute .* is invalid"), "rng-attribute-value"),
    (re.compile(r"^attribute .* not allowed"), "rng-attribute"),
    (re.compile(r"missing required attribute"), "rng-attribute-missing"),
    (
        re.compile(r'^element "(?:[^":]+:)?([^"]+)" not allowed.*expected element "(?:\w+:)?\1" \(with xmlns'),
        "rng-namespace",
    ),
    (re.compile(r"^element .* not allowed"), "rng-element"),
    (re.compile(r"^text not allowed"), "rng-text"),
    (re.compile(r"^element .* incomplete"), "rng-missing"),
    (re.compile(r"^character content .* invalid|^bad character content"), "rng-datatype"),
)


def _well_formed(path: Path) -> bool:
    """jing stops at the first file that is not well-formed; such files are left to teikit's parser."""
    try:
        etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))
    except (OSError, etree.XMLSyntaxError):
        return False
    return True


def find_jing() -> str | None:
    """The jing executable on PATH, if any."""
    return shutil.which("jing")


def rule_of(message: str) -> str:
    """The ``rng-…`` rule id of a jing message."""
    for pattern, code in _CODES:
        if pattern.search(message):
            return code
    return "rng"


def shorten(message: str, keep: int = 12) -> str:
    """Cut a long list of expected names (``expected element "a", "b", … or "z"``) to its first ``keep``."""
    head, sep, tail = message.partition("; expected ")
    names = re.findall(r'"[^"]*"', tail)
    if not sep or len(names) <= keep:
        return message
    cut = tail.index(names[keep - 1]) + len(names[keep - 1])
    return f"{head}{sep}{tail[:cut]} … ({len(names) - keep} more)"


def relocate(diagnostic: Diagnostic, text: str) -> Diagnostic:
    """Point a jing error at the start of its element, or of its attribute, as teikit's own messages do.

    jing reports the position where it noticed the error: the end of the
    element's start tag.
    """
    location = diagnostic.location
    if location is None or not location.line:
        return diagnostic
    lines = text.split("\n")
    if location.line > len(lines):
        return diagnostic
    offset = sum(len(line) + 1 for line in lines[: location.line - 1]) + max(0, (location.col or 1) - 1)
    start = text.rfind("<", 0, offset)
    if start < 0:
        return diagnostic
    target = start
    named = re.match(r'^(?:value of )?attribute "([^"]+)"', diagnostic.message)
    if named:
        found = re.search(rf"\s{re.escape(named.group(1))}\s*=", text[start:offset])
        if found:
            target = start + found.start() + 1
    line = text.count("\n", 0, target) + 1
    column = target - (text.rfind("\n", 0, target) + 1) + 1
    return Diagnostic(diagnostic.level, diagnostic.message, diagnostic.code, Location(location.path, line, column))


class JingGrammar:
    """A RELAX NG grammar checked by jing, a batch of files per Java start.

    Raises:
        ConfigError: jing is not installed.
    """

    def __init__(self, schema: Path, executable: str | None = None) -> None:
        found = executable or find_jing()
        if not found:
            raise ConfigError(
                "jing is not installed (Debian package 'jing'); use --rng-engine lxml", Location(str(schema)), "jing"
            )
        self.executable = found
        self.schema = schema
        self._results: dict[str, list[Diagnostic]] = {}

    def prepare(self, paths: Iterable[str | Path]) -> None:
        """Check every file of ``paths`` now (one jing call per few hundred files) and keep the findings."""
        files = [str(path) for path in paths if str(path) not in self._results and _well_formed(Path(path))]
        for start in range(0, len(files), _CHUNK):
            chunk = files[start : start + _CHUNK]
            self._results.update(self._run(chunk))

    def diagnostics(self, path: str, data: bytes | None = None) -> list[Diagnostic]:
        """The grammar errors of one file (from :meth:`prepare`, or checked now)."""
        if path not in self._results:
            if Path(path).is_file():
                self._results.update(self._run([path]))
            elif data is not None:
                with tempfile.TemporaryDirectory(prefix="teikit-jing-") as folder:
                    copy = Path(folder) / "document.xml"
                    copy.write_bytes(data)
                    found = self._run([str(copy)]).get(str(copy), [])
                self._results[path] = [
                    Diagnostic(d.level, d.message, d.code, Location(path, d.location.line, d.location.col))
                    if d.location
                    else d
                    for d in found
                ]
        return self._results.get(path, [])

    def _run(self, files: list[str]) -> dict[str, list[Diagnostic]]:
        """Check ``files``; jing stops at a file that is not well-formed, so it is started again after it."""
        found: dict[str, list[Diagnostic]] = {}
        remaining = list(files)
        while remaining:
            results, stopped_at = self._run_once(remaining)
            found.update(results)
            if stopped_at is None:
                break
            remaining = remaining[remaining.index(stopped_at) + 1 :]
        return found

    def _run_once(self, files: list[str]) -> tuple[dict[str, list[Diagnostic]], str | None]:
        try:
            completed = subprocess.run(
                [self.executable, str(self.schema), *files], capture_output=True, text=True, check=False
            )
        except OSError as exc:
            raise ConfigError(f"cannot run jing: {exc}", Location(str(self.schema)), "jing") from exc
        found: dict[str, list[Diagnostic]] = {name: [] for name in files}
        stopped_at = None
        for line in completed.stdout.splitlines():
            match = _LINE_RE.match(line)
            if match is None:
                continue
            name = match.group("path")
            if name not in found:
                if name == str(self.schema) or match.group("level") != "error":
                    raise ConfigError(f"jing cannot use the grammar: {line}", Location(str(self.schema)), "jing")
                continue
            if match.group("level").startswith("fatal"):
                stopped_at = name  # not well-formed: teikit's parser reports it; jing stopped here
                break
            message = shorten(match.group("msg"))
            found[name].append(
                Diagnostic(
                    "error",
                    message,
                    rule_of(message),
                    Location(name, int(match.group("line")), int(match.group("col"))),
                )
            )
        if completed.returncode not in (0, 1):
            raise ConfigError(f"jing failed: {completed.stderr.strip()[-400:]}", Location(str(self.schema)), "jing")
        if stopped_at is not None:
            # Findings of the file that stopped jing are the parser's to report, not the grammar's.
            found[stopped_at] = []
            for name in files[files.index(stopped_at) + 1 :]:
                del found[name]
        return found, stopped_at
