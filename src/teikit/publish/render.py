"""Render TEI to an HTML edition or a plain-text edition with XSLT 3.0 (Saxon).

One :class:`Renderer` per process holds a Saxon processor and the compiled
stylesheets ``xslt/html.xsl`` and ``xslt/text.xsl``; every document reuses
them. Input never reaches Saxon's own parser from a file: it is parsed by
teikit's hardened lxml parser (:mod:`teikit.core.xmlsafe`: no entities, no DTD, no
XInclude) and handed to Saxon as text without a DOCTYPE. Once the
stylesheets are compiled, Saxon is told to open no URI at all, so neither
``document()`` nor ``unparsed-text()`` can read a file while rendering.

Saxon reports where a dynamic error happened only on the process's native
standard error; :func:`_captured_stderr` catches it so the error can name the
stylesheet's line and column.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from teikit.core.errors import ConfigError, Diagnostic, Location, RenderError, TeikitError
from teikit.core.resources import stylesheet_path
from teikit.core.xmlsafe import ParsedDocument, parse_file

FORMATS = ("html", "text")
STYLES = ("reading", "diplomatic")
VIEWS = ("parallel", "translation", "original")
_STYLESHEETS = {"html": "html.xsl", "text": "text.xsl"}
_SITE_STYLESHEET = "site/pages.xsl"
UI_LANGUAGES = ("en", "de", "fr", "ru")
SITE_PAGES = ("index", "persons", "places", "organisations")
_ALLOWED_PROTOCOLS = "http://saxon.sf.net/feature/allowedProtocols"
_WHERE_RE = re.compile(r"line (?P<line>\d+)(?: column (?P<col>\d+))? of (?P<file>[^\s:]+\.xsl)")
_CODE_RE = re.compile(r"\b(tk:[\w-]+|[A-Z]{4}\d{4})\b")


@dataclass(frozen=True)
class Options:
    """How to render: output format, text style shown (first), columns shown (first), metadata;
    the interface language; and, for a page of a built site, the record's key and its neighbours
    (keys of the key scheme, "" for none), which give it the site's navigation."""

    to: str = "html"
    style: str = "reading"
    view: str = "parallel"
    header: bool = True
    ui_lang: str = "en"
    site: bool = False
    key: str = ""
    prev: str = ""
    next: str = ""
    citation: str = ""
    facsimiles: str = ""


def output_name(source: Path, options: Options) -> str:
    """``record.html``, ``record.txt`` (reading) or ``record.diplomatic.txt``."""
    if options.to == "html":
        return f"{source.stem}.html"
    return f"{source.stem}.txt" if options.style == "reading" else f"{source.stem}.{options.style}.txt"


class Renderer:
    """Compiled stylesheets on one Saxon processor (see the module doc).

    Raises:
        ConfigError: a stylesheet is missing or does not compile.
    """

    def __init__(self, stylesheets: Path | None = None, *, site_pages: bool = False) -> None:
        """Compile ``html.xsl`` and ``text.xsl`` of teikit's stylesheet folder, or of ``stylesheets``
        (a customised copy: a project's own rules, or a test's); with ``site_pages`` also
        ``site/pages.xsl`` (the site's own pages, made once per build)."""
        from saxonche import PySaxonApiError, PySaxonProcessor

        self._api_error = PySaxonApiError
        self._processor = PySaxonProcessor(license=False)
        self._compiler = self._processor.new_xslt30_processor()
        self._stylesheets = stylesheets
        self._executables: dict[str, Any] = {}
        self._parameters: dict[str, dict[str, object]] = {}
        for name, filename in _STYLESHEETS.items():
            self._compile(name, filename)
        if site_pages:
            self._compile("site", _SITE_STYLESHEET)
        self._processor.set_configuration_property(_ALLOWED_PROTOCOLS, "")

    def _compile(self, name: str, filename: str) -> Any:
        """Compile one stylesheet of the folder and keep it under ``name``.

        Raises:
            ConfigError: the stylesheet is missing or does not compile.
        """
        path = self._stylesheets / filename if self._stylesheets is not None else stylesheet_path(filename)
        with _captured_stderr() as captured:
            try:
                executable = self._compiler.compile_stylesheet(stylesheet_file=str(path))
            except self._api_error as exc:
                raise ConfigError(
                    f"stylesheet does not compile: {exc} {captured()}".strip(), Location(str(path)), "xslt-compile"
                ) from exc
        if executable is None:
            raise ConfigError("stylesheet does not compile", Location(str(path)), "xslt-compile")
        executable.set_save_xsl_message(True)
        self._executables[name] = executable
        return executable

    def render_document(self, document: ParsedDocument, options: Options) -> str:
        """The edition of one parsed document, as a string.

        Raises:
            RenderError: the stylesheet failed on this document.
        """
        return self.render_editions(document, [options])[0]

    def render_editions(self, document: ParsedDocument, editions: list[Options]) -> list[str]:
        """Several editions of one document, Saxon parsing it once.

        Raises:
            RenderError: a stylesheet failed on this document.
        """
        text = _saxon_input(document)
        results = []
        with _captured_stderr() as captured:
            try:
                node = self._processor.parse_xml(xml_text=text)
            except self._api_error as exc:
                raise RenderError(
                    f"Saxon cannot read the document: {exc}", Location(document.path), "xslt-input"
                ) from exc
            for options in editions:
                executable = self._executables[options.to]
                self._set_parameters(options.to, options, Path(document.path).name)
                try:
                    result = executable.transform_to_string(xdm_node=node)
                except self._api_error as exc:
                    raise self._error(document.path, options, str(exc), captured(), executable) from exc
                if result is None:
                    raise self._error(document.path, options, "the stylesheet returned nothing", captured(), executable)
                results.append(str(result))
        return results

    def _set_parameters(self, name: str, options: Options, source_name: str) -> None:
        """Pass the stylesheet parameters that differ from the previous call (each call crosses into Saxon)."""
        wanted: dict[str, object] = {
            "style": options.style,
            "view": options.view,
            "header": options.header,
            "source-name": source_name,
        }
        if name == "html":
            wanted |= {
                "ui-lang": options.ui_lang,
                "site": options.site,
                "key": options.key,
                "prev": options.prev,
                "next": options.next,
                "citation": options.citation,
                "facsimiles": options.facsimiles,
            }
        self._set(name, wanted)

    def _set(self, name: str, wanted: dict[str, object]) -> None:
        current = self._parameters.setdefault(name, {})
        for key, value in wanted.items():
            if current.get(key) != value:
                made = (
                    self._processor.make_boolean_value(value)
                    if isinstance(value, bool)
                    else self._processor.make_string_value(value)
                )
                self._executables[name].set_parameter(key, made)
                current[key] = value

    def render_site_page(self, site_xml: str, page: str, ui_lang: str = "en") -> str:
        """A site page (one of :data:`SITE_PAGES`) of the site document (see ``xslt/site/pages.xsl``).

        Raises:
            RenderError: the stylesheet failed.
        """
        executable = self._executables.get("site")
        if executable is None:
            raise ConfigError("this renderer was made without site_pages=True", Location(_SITE_STYLESHEET))
        with _captured_stderr() as captured:
            try:
                node = self._processor.parse_xml(xml_text=site_xml)
                self._set("site", {"page": page, "ui-lang": ui_lang})
                result = executable.transform_to_string(xdm_node=node)
            except self._api_error as exc:
                raise self._error(f"{page}.html", Options(to="site"), str(exc), captured(), executable) from exc
        if result is None:
            raise self._error(f"{page}.html", Options(to="site"), "the stylesheet returned nothing", "", executable)
        return str(result)

    def render_file(self, path: str | Path, options: Options) -> str:
        """Parse ``path`` safely and render it.

        Raises:
            TeikitError: the file cannot be read, is malformed or hostile, or fails to render.
        """
        return self.render_document(parse_file(path), options)

    def _error(self, path: str, options: Options, message: str, stderr: str, executable: object) -> RenderError:
        messages = [str(item) for item in (executable.get_xsl_messages() or [])]  # type: ignore[attr-defined]
        executable.clear_xsl_messages()  # type: ignore[attr-defined]
        detail = " ".join(" ".join([*messages, message.strip()]).split())
        where = _WHERE_RE.search(stderr) or _WHERE_RE.search(message)
        code_match = _CODE_RE.search(stderr + " " + message)
        code = code_match.group(1).replace(":", "-") if code_match else "xslt-error"
        location = Location(path)
        if where:
            stylesheet = str(stylesheet_path(Path(where.group("file")).name))
            detail += f" (stylesheet {stylesheet}:{where.group('line')}:{where.group('col') or 1})"
        return RenderError(f"cannot render as {options.to}: {detail}", location, code)


def _saxon_input(document: ParsedDocument) -> str:
    """The document as text for Saxon: the file's own text when it is plain UTF-8
    without a DOCTYPE (already checked by the hardened parser), else lxml's
    serialisation of what it parsed."""
    docinfo = document.tree.docinfo
    if not docinfo.doctype and (docinfo.encoding or "UTF-8").upper() in ("UTF-8", "UTF8"):
        try:
            return document.data.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
    return str(etree.tostring(document.tree.getroot(), encoding="unicode"))


class _StderrCapture:
    """Native file descriptor 2, sent to one reusable temporary file while Saxon runs."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(mode="w+b")  # noqa: SIM115 - kept open for the life of the process

    @contextlib.contextmanager
    def __call__(self) -> Iterator[Callable[[], str]]:
        capture = self._file
        capture.seek(0)
        capture.truncate()
        saved = os.dup(2)
        os.dup2(capture.fileno(), 2)
        content: list[str] = []

        def read() -> str:
            if not content:
                capture.flush()
                capture.seek(0)
                content.append(capture.read().decode("utf-8", errors="replace"))
            return content[0]

        try:
            yield read
        finally:
            os.dup2(saved, 2)
            os.close(saved)


_captured_stderr = _StderrCapture()


@dataclass(frozen=True)
class RenderJob:
    """One file to render and where to write the edition."""

    source: str
    target: str
    options: Options


@dataclass(frozen=True)
class RenderOutcome:
    """What became of a :class:`RenderJob`: written, or the error and its exit code."""

    source: str
    target: str
    error: Diagnostic | None = None
    exit_code: int = 0


def renderer_factory() -> dict[str, object]:
    """Worker set-up: one compiled :class:`Renderer` per process."""
    return {"renderer": Renderer()}


def render_job(job: RenderJob) -> RenderOutcome:
    """Render one file and write it atomically (runs in a worker; never raises for a bad file).

    Not flushed to the disk before its rename (4-31 ms a file): an edition is
    made again from its TEI by the same command, so a power cut costs a rerun,
    never the user's own work; a killed process still leaves the old file or the new.
    """
    from teikit.core.serialize import write_atomic
    from teikit.core.workers import worker_state

    renderer = worker_state()["renderer"]
    assert isinstance(renderer, Renderer)
    try:
        result = renderer.render_file(job.source, job.options)
        write_atomic(Path(job.target), result.encode("utf-8"), force=True, durable=False)
    except TeikitError as error:
        return RenderOutcome(job.source, job.target, error.as_diagnostic(), error.exit_code)
    return RenderOutcome(job.source, job.target)


def render_many(
    paths: list[Path], out_dir: Path, options: Options, *, jobs: int | None = None
) -> Iterator[RenderOutcome]:
    """Render every file into ``out_dir``, on all cores; outcomes in the order given."""
    from teikit.core.workers import run_parallel

    inputs = {path.resolve() for path in paths}
    work, refused = [], {}
    for path in paths:
        target = out_dir / output_name(path, options)
        if target.resolve() in inputs:
            refused[str(path)] = RenderOutcome(
                str(path),
                str(target),
                Diagnostic(
                    "error",
                    "would replace an input file; choose another -o folder",
                    "output-is-input",
                    Location(str(target)),
                ),
                2,
            )
        else:
            work.append(RenderJob(str(path), str(target), options))
    done = run_parallel(work, render_job, renderer_factory, crashed=render_crashed, jobs=jobs)
    for path in paths:
        yield refused.get(str(path)) or next(done)


def render_crashed(job: RenderJob, why: str) -> RenderOutcome:
    """The outcome of a job that raised or whose worker died."""
    return RenderOutcome(job.source, job.target, Diagnostic("error", why, "internal-error", Location(job.source)), 1)
