"""The ``teikit`` command line: thin commands over the library.

Errors are turned into messages in one place (:class:`TeikitGroup`): a
:class:`~teikit.core.errors.TeikitError` prints as ``file:line:col: error: message
[code]`` on standard error and the command exits with the error's code
(1: the documents have problems, 2: usage or unreadable input, 3: teikit's
own schemas or stylesheets are broken). Any other exception is reported as
one line, never a traceback (exit 3); Ctrl-C ends with 130 and SIGTERM with
143, as a shell reports a process killed by them, after the worker processes
are stopped and no half-written output is left.
"""

from __future__ import annotations

import functools
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click
from click.core import ParameterSource

from teikit import __version__
from teikit.core.errors import Diagnostic, InputError, Location, TeikitError

if TYPE_CHECKING:
    from teikit.check.results import FileResult
    from teikit.convert.read import Transcript
    from teikit.core.config import ProjectConfig

# Each command imports the stages it runs when it runs, so that a CI job
# calling 'teikit validate' does not pay for importing the converter, and
# 'teikit --help' imports neither lxml nor Saxon.
REPORT_FORMATS = ("text", "tsv", "json")
VALIDATE_FORMATS = ("text", "json", "junit", "github", "sarif")
STDIN_NAME = "<stdin>"

F = TypeVar("F", bound=Callable[..., Any])


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwind (stopping workers, removing temporary files), then exit."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _terminate(signum: int, frame: object) -> None:
    raise Terminated(signum)


@contextmanager
def _stop_on_signals() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into :class:`Terminated` while a command runs (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, _terminate) for signum in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


class TeikitGroup(click.Group):
    """Runs a command and turns teikit's errors into one line and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            with _stop_on_signals():
                return super().invoke(ctx)
        except TeikitError as error:
            click.echo(str(error), err=True)
            ctx.exit(error.exit_code)
        except KeyboardInterrupt:
            click.echo("teikit: interrupted", err=True)
            ctx.exit(130)
        except Terminated as stop:
            click.echo(f"teikit: stopped by {signal.Signals(stop.signum).name}", err=True)
            ctx.exit(128 + stop.signum)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as error:
            from teikit.core.workers import describe_failure

            click.echo(f"teikit: error: {describe_failure(error)}", err=True)
            ctx.exit(3)


# --- options every command shares ----------------------------------------------------------
#
# One vocabulary: -o/--output is a file ('-': standard output), -d/--out-dir a
# folder, -q/--quiet and -v/--verbose on every command, -j/--jobs wherever
# work runs in parallel, --allow-empty wherever an input folder may hold
# nothing. Defaults come from the project's teikit.toml (see ``cli`` below).


def verbosity_options(function: F) -> F:
    """``-q``/``-v``, passed to the command as one ``verbosity``: -1 quiet, 0 normal, 1 verbose."""

    @functools.wraps(function)
    def wrapper(*args: Any, quiet: bool, verbose: bool, **kwargs: Any) -> Any:
        if quiet and verbose:
            raise click.UsageError("give -q/--quiet or -v/--verbose, not both")
        return function(*args, verbosity=-1 if quiet else int(verbose), **kwargs)

    wrapper = click.option("-v", "--verbose", is_flag=True, help="Say more: every file and what became of it.")(wrapper)
    wrapper = click.option("-q", "--quiet", is_flag=True, help="Print errors only (no warnings, no summary).")(wrapper)
    return cast(F, wrapper)


def output_option(help_text: str) -> Callable[[F], F]:
    """``-o/--output FILE``: a file; ``-`` is standard output."""
    return click.option(
        "-o", "--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path), help=help_text
    )


def out_dir_option(help_text: str, **settings: Any) -> Callable[[F], F]:
    """``-d/--out-dir DIR``: a folder, created if needed."""
    return click.option("-d", "--out-dir", type=click.Path(file_okay=False, path_type=Path), help=help_text, **settings)


def allow_empty_option(function: F) -> F:
    return click.option(
        "--allow-empty",
        is_flag=True,
        help="Succeed when the input holds nothing to work on (default: that is an error, so CI cannot pass vacuously).",
    )(function)


def lang_option(function: F) -> F:
    return click.option(
        "--lang",
        "text_lang",
        default="en",
        show_default=True,
        metavar="CODE",
        help="Language of the transcript's main text (the translation; teikit.toml: first of languages).",
    )(function)


def _resolve_jobs(_ctx: click.Context, _param: click.Parameter, value: int | None) -> int:
    """One default for every command: one worker per core this process may run on."""
    if value:
        return value
    from teikit.core.cpus import default_jobs

    return default_jobs()


def speakers_option(function: F) -> F:
    return click.option(
        "--speakers",
        "speakers_file",
        type=click.Path(dir_okay=False, path_type=Path),
        metavar="FILE",
        help="Declared speaker labels, one 'LABEL = person-id' a line (adds to a 'Speakers:' header line).",
    )(function)


def _speakers(path: Path | None) -> dict[str, str] | None:
    from teikit.convert.turns import read_speakers

    return read_speakers(path) if path is not None else None


def schema_options(schema_help: str, schematron_help: str) -> Callable[[F], F]:
    """``--schema`` and ``--schematron``: the grammar and the rules a command checks with."""

    def decorate(function: F) -> F:
        path = click.Path(exists=True, dir_okay=False, path_type=Path)
        function = click.option("--schematron", type=path, help=schematron_help)(function)
        return click.option("--schema", type=path, help=schema_help)(function)

    return decorate


def jobs_option(function: F) -> F:
    return click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=0),
        default=None,
        callback=_resolve_jobs,
        help="Worker processes (default, or 0: one per core this process may use; teikit.toml: jobs).",
    )(function)


def executor_options(function: F) -> F:
    """``--dask`` and ``--scheduler``: run the jobs on a Dask cluster instead of the local pool."""
    function = click.option(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help="Run the jobs on this Dask scheduler's workers (needs teikit[dask] and a shared file system).",
    )(function)
    return click.option(
        "--dask",
        is_flag=True,
        help="Run the jobs on a local Dask cluster of --jobs worker processes (needs teikit[dask]).",
    )(function)


@contextmanager
def _executor(dask: bool, scheduler: str | None, jobs: int) -> Iterator[Any]:
    """The Dask executor that --dask or --scheduler ask for (started when first used, closed afterwards),
    or None: the local pool."""
    if not dask and not scheduler:
        yield None
        return
    from teikit.core.workers import DaskExecutor, DeferredExecutor

    with DeferredExecutor(lambda: DaskExecutor(scheduler, workers=jobs)) as executor:
        yield executor


def _echo(text: str, verbosity: int, level: int = 0) -> None:
    """A message on standard error, shown when ``verbosity`` reaches ``level``."""
    if verbosity >= level:
        click.echo(text, err=True)


def _warn(diagnostics: list[Diagnostic], verbosity: int) -> None:
    for diagnostic in diagnostics:
        _echo(str(diagnostic), verbosity)


def _given(name: str) -> bool:
    """Whether the option ``name`` was given on the command line (not taken from teikit.toml)."""
    return click.get_current_context().get_parameter_source(name) == ParameterSource.COMMANDLINE


def _is_dash(path: Path | None) -> bool:
    return path is not None and str(path) == "-"


def _nothing_to_do(where: Sequence[str | Path], what: str, allow_empty: bool) -> None:
    """Empty input: fine with --allow-empty, else an error, so a CI job never passes having checked nothing."""
    if allow_empty:
        return
    place = ", ".join(str(path) for path in where) or "."
    raise InputError(
        f"no {what} found; nothing to do (check the path, or pass --allow-empty)", Location(place), "input-empty"
    )


def _write_output(output: Path | None, data: bytes) -> None:
    """Write a report to a file atomically, or to standard output when ``output`` is ``None`` or ``-``."""
    from teikit.core.serialize import write_atomic

    if output is None or _is_dash(output):
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_atomic(output, data, force=True)


def _config_defaults(config: ProjectConfig) -> dict[str, dict[str, Any]]:
    """teikit.toml as option defaults, command by command (``None`` values are left out)."""
    tei, records, site = (str(config.path(value)) for value in (config.tei, config.records, config.site))
    schema = str(config.path(config.schema)) if config.schema else None
    schematron = str(config.path(config.schematron)) if config.schematron else None
    jobs = config.jobs or None
    lang = config.languages[0]
    defaults: dict[str, dict[str, Any]] = {
        "convert": {"records": [records], "out_dir": tei, "text_lang": lang},
        "brackets": {"records": [records], "text_lang": lang},
        "turns": {"records": [records], "text_lang": lang},
        "validate": {"paths": [tei], "schema": schema, "schematron": schematron, "jobs": jobs},
        "render": {"jobs": jobs, "ui_lang": config.ui_lang},
        "build": {
            "tei_dir": tei,
            "out_dir": site,
            "title": config.title,
            "ui_lang": config.ui_lang,
            "base_url": config.base_url,
            "schema": schema,
            "schematron": schematron,
            "jobs": jobs,
        },
    }
    return {
        command: {key: value for key, value in values.items() if value is not None}
        for command, values in defaults.items()
    }


@click.group(cls=TeikitGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="teikit")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """TEI P5 editions of archival records: transcripts to validated TEI to an edition site.

    Every command reads teikit.toml (or [tool.teikit] in pyproject.toml)
    from the current folder or a parent folder; options given on the
    command line override it. 'teikit init DIR' starts a project.
    Run 'teikit COMMAND --help' for the options and an example of each.
    """
    from teikit.core.config import load_config

    config = load_config()
    ctx.obj = config
    if config.source is not None:
        ctx.default_map = _config_defaults(config)


def _read_stdin_transcript() -> Transcript:
    from teikit.convert.read import decode_transcript, parse_transcript

    return parse_transcript(decode_transcript(sys.stdin.buffer.read(), STDIN_NAME), STDIN_NAME)


def _read_transcripts(records: tuple[Path, ...]) -> list[Transcript]:
    """The transcripts the listing commands read: standard input for ``-``, else files and folders."""
    from teikit.convert.files import find_transcripts
    from teikit.convert.read import read_transcript

    if records == (Path("-"),):
        return [_read_stdin_transcript()]
    return [read_transcript(source) for source in find_transcripts(records)]


@cli.command(short_help="Convert transcripts to TEI P5.")
@click.argument("records", nargs=-1, required=True, type=click.Path(allow_dash=True, path_type=Path))
@output_option("Write the TEI of a single RECORD to this file ('-': standard output, the default).")
@out_dir_option("Write RECORD.xml for each record into this folder; existing files are skipped (teikit.toml: tei).")
@click.option("--force", is_flag=True, help="Replace existing TEI files (hand edits in them are lost).")
@click.option(
    "--report",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="Write the bracket review listing to this file ('-': standard output).",
)
@lang_option
@allow_empty_option
@speakers_option
@verbosity_options
def convert(
    records: tuple[Path, ...],
    output: Path | None,
    out_dir: Path | None,
    force: bool,
    report: Path | None,
    text_lang: str,
    allow_empty: bool,
    speakers_file: Path | None,
    verbosity: int,
) -> None:
    """Convert record transcripts (.md, .txt) to TEI P5.

    RECORD is a transcript file, a folder of them, or '-' for standard
    input. The TEI gets a full teiHeader, speaker turns, every editorial
    bracket encoded by kind, and the original-language text aligned turn by
    turn with the translation. Warnings (turns that do not align, brackets
    no rule knows) go to standard error; TEI that exists is never replaced
    without --force. In a project (teikit.toml), 'teikit convert' converts
    records/ into tei/.

    \b
    Examples:
      teikit convert examples/records/wilson-111240.md -o tei/wilson-111240.xml
      teikit convert records/ -d tei/
      teikit convert - < record.md > record.xml
      teikit convert record.md -o record.xml --report -
      teikit convert telcon.txt -o telcon.xml --speakers speakers.txt
    """
    from teikit.convert.encode import encode
    from teikit.convert.files import check_output, convert_to_folder, find_transcripts, tei_bytes
    from teikit.convert.read import read_transcript
    from teikit.core.serialize import refuse_input, refuse_overwrite, write_atomic

    if output is not None and out_dir is not None:
        if _given("out_dir"):
            raise click.UsageError("give either -o/--output or -d/--out-dir, not both")
        out_dir = None  # a file given on the command line wins over teikit.toml's folder
    from_stdin = records == (Path("-"),)
    if from_stdin and out_dir is not None:
        if _given("out_dir"):
            raise click.UsageError("standard input has no name to make a file of in -d/--out-dir; use -o FILE")
        out_dir = None
    if from_stdin:
        sources: list[Path] = []
    else:
        try:
            sources = find_transcripts(records)
        except InputError as error:
            if error.code != "input-empty-folder" or not allow_empty:
                raise
            _echo(f"{error.location}: no transcript; nothing to do", verbosity, 1)
            return
    for written in (output, report):
        if written is not None and not _is_dash(written):
            refuse_input(written, sources)
    if report is not None and not _is_dash(report) and not force:
        refuse_overwrite(report)
    schemas = _project_schemas()
    speakers = _speakers(speakers_file)
    if out_dir is not None:
        run = convert_to_folder(sources, out_dir, force=force, text_lang=text_lang, schemas=schemas, speakers=speakers)
        brackets = []
        for result in run.results:
            if result.skipped:
                _echo(f"{result.target}: skipped, exists already (use --force to replace it)", verbosity, -1)
            elif result.error is not None:
                click.echo(str(result.error), err=True)
            elif result.encoded is not None:
                _warn(result.encoded.warnings, verbosity)
                brackets.extend(result.encoded.brackets)
                _echo(f"{result.target}: written", verbosity)
                _echo(f"{result.source} -> {result.target}: {len(result.encoded.brackets)} brackets", verbosity, 1)
        _write_report(report, brackets)
        if run.failures:
            sys.exit(max(result.error.exit_code for result in run.failures if result.error))
        return
    if len(sources) > 1:
        raise click.UsageError("several records need -d/--out-dir DIR (or convert them one at a time with -o)")
    target = None if output is None or _is_dash(output) else output
    if target is not None and not force:
        refuse_overwrite(target)
    transcript = _read_stdin_transcript() if from_stdin else read_transcript(sources[0])
    encoded = encode(transcript, text_lang=text_lang, speakers=speakers)
    check_output(encoded, STDIN_NAME if from_stdin else str(sources[0]))
    data = tei_bytes(encoded, target, schemas)
    _warn(encoded.warnings, verbosity)
    if target is None:
        if _is_dash(report):
            raise click.UsageError("the TEI already goes to standard output; give --report a file, or -o a file")
        _write_output(None, data)
    else:
        write_atomic(target, data, force=force)
        _echo(f"{target}: written", verbosity, 1)
    _write_report(report, encoded.brackets)


def _project_schemas() -> tuple[Path, Path] | None:
    """The project's grammar and rules (teikit.toml: schema, schematron), for new TEI to point at."""
    from teikit.core.config import ProjectConfig

    config = click.get_current_context().find_root().obj
    if not isinstance(config, ProjectConfig) or config.source is None or not (config.schema and config.schematron):
        return None
    return config.root / config.schema, config.root / config.schematron


def _write_report(report: Path | None, brackets: list[Any]) -> None:
    from teikit.convert.report import format_rows, review_rows

    if report is not None:
        _write_output(report, format_rows(review_rows(brackets), "text").encode("utf-8"))


@cli.command(short_help="List the editorial brackets and their TEI.")
@click.argument("records", nargs=-1, required=True, type=click.Path(allow_dash=True, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(REPORT_FORMATS), default="text", show_default=True, help="Listing format."
)
@output_option("Write the listing to this file ('-': standard output, the default).")
@lang_option
@verbosity_options
def brackets(records: tuple[Path, ...], fmt: str, output: Path | None, text_lang: str, verbosity: int) -> None:
    """List every editorial bracket of the records and how it is encoded.

    One row per bracket: file:line:col, the bracket as printed, the kind the
    rules gave it, and the TEI it becomes. Brackets no rule recognises are
    kept as <note type="editorial"> and warned about: review those first.
    RECORD may be '-' for standard input.

    \b
    Examples:
      teikit brackets examples/records/wilson-111240.md
      teikit brackets records/ --format tsv -o brackets.tsv
    """
    from teikit.convert.encode import encode
    from teikit.convert.report import format_rows, review_rows

    transcripts = _read_transcripts(records)
    rows = []
    for transcript in transcripts:
        encoded = encode(transcript, text_lang=text_lang)
        _warn(encoded.warnings, verbosity)
        rows.extend(review_rows(encoded.brackets))
    _write_output(output, format_rows(rows, fmt).encode("utf-8"))
    _echo(f"{len(rows)} brackets in {len(transcripts)} records", verbosity, 1)


@cli.command(short_help="List the speaker turns and why each is one.")
@click.argument("records", nargs=-1, required=True, type=click.Path(allow_dash=True, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(REPORT_FORMATS), default="text", show_default=True, help="Listing format."
)
@output_option("Write the listing to this file ('-': standard output, the default).")
@lang_option
@speakers_option
@verbosity_options
def turns(
    records: tuple[Path, ...], fmt: str, output: Path | None, text_lang: str, speakers_file: Path | None, verbosity: int
) -> None:
    """List every speaker label of the records: place, label, person, and why.

    One row per paragraph that opens with something shaped like a label:
    file:line:col, the label as printed, the person id its turn points to
    (@who), and why the label grammar took it as a turn (declared,
    participant, recurs, title or role, ...) or kept it as prose. Labels
    marked 'warned' are uncertain: review those first. RECORD may be '-'
    for standard input.

    \b
    Examples:
      teikit turns examples/records/wilson-111240.md
      teikit turns records/ --format tsv -o turns.tsv
    """
    from teikit.convert.encode import encode
    from teikit.convert.turns import format_turns, turn_rows

    speakers = _speakers(speakers_file)
    transcripts = _read_transcripts(records)
    rows = []
    for transcript in transcripts:
        encoded = encode(transcript, text_lang=text_lang, speakers=speakers)
        _warn(encoded.warnings, verbosity)
        rows.extend(turn_rows(encoded.parts))
    _write_output(output, format_turns(rows, fmt).encode("utf-8"))
    _echo(f"{len(rows)} labels in {len(transcripts)} records", verbosity, 1)


@cli.command(short_help="Check TEI against RELAX NG and Schematron.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(VALIDATE_FORMATS),
    default="text",
    show_default=True,
    help="Output for people (text) or CI (json, junit, github, sarif).",
)
@schema_options(
    "Validate against this RELAX NG (XML syntax) instead of teikit.rng, e.g. tei_all.rng (teikit.toml: schema).",
    "Run this ISO Schematron (default: teikit.sch, or none with --schema; teikit.toml: schematron).",
)
@click.option("--no-schematron", is_flag=True, help="Check the grammar only.")
@click.option(
    "--rng-engine",
    type=click.Choice(("auto", "jing", "lxml")),
    default="auto",
    show_default=True,
    help="Who checks the grammar: auto uses jing for a large --schema (tei_all) when it is installed.",
)
@click.option(
    "--cache",
    is_flag=False,
    flag_value="",
    default=None,
    metavar="[FILE]",
    help="Remember results by content; re-check only changed files "
    "(default FILE: .teikit-cache/validate.sqlite beside teikit.toml, or here; write --cache=FILE).",
)
@output_option("Write the report to this file (e.g. junit.xml, teikit.sarif) instead of standard output.")
@allow_empty_option
@jobs_option
@executor_options
@verbosity_options
def validate(
    paths: tuple[str, ...],
    fmt: str,
    schema: Path | None,
    schematron: Path | None,
    no_schematron: bool,
    rng_engine: str,
    cache: str | None,
    output: Path | None,
    allow_empty: bool,
    jobs: int,
    dask: bool,
    scheduler: str | None,
    verbosity: int,
) -> None:
    """Validate TEI files (or folders of them) against teikit's schemas.

    RELAX NG first (teikit.rng, or --schema), then the Schematron rules
    (teikit.sch: pointers resolve, translation/original links go both ways,
    unique ids, real dates, ...). Every problem prints as
    file:line:col: error: message [rule]. Malformed files are reported like
    any other error while the others are still checked. XML files whose
    root is not TEI or teiCorpus (build.xml, stylesheets, grammars, SVG) are
    skipped with a notice, unless --schema is given on the command line.
    '-' reads one document from standard input; a URL (s3://bucket/tei,
    file:///data/tei, with teikit[fsspec]) is read through fsspec; in a
    project, PATHS default to the tei folder of teikit.toml. Finding nothing to check is an error
    unless --allow-empty. Exit status: 0 all valid, 1 some invalid,
    2 a path cannot be read or nothing was found.

    \b
    Examples:
      teikit validate tei/
      teikit validate tei/ --format github          # annotations in GitHub Actions
      teikit validate tei/ --format sarif -o teikit.sarif
      teikit validate tei/ --format junit -o junit.xml
      teikit validate letters/ --schema tei_all.rng
      teikit validate tei/ --cache                  # unchanged files are not read again
      teikit validate s3://bucket/tei/ --dask       # needs teikit[fsspec,dask] and s3fs
    """
    from teikit.check.formats import github_summary, needs_summary, summary
    from teikit.check.formats import render as render_results
    from teikit.check.results import exit_code

    chosen: Path | bool | None = False if no_schematron else schematron
    progress = lambda note: _echo(note, verbosity)  # noqa: E731
    with _executor(dask, scheduler, jobs) as executor:
        if paths == ("-",):
            from teikit.check.validate import Validator

            results = [_validate_stdin(Validator(schema, chosen, engine=rng_engine, progress=progress))]
        elif cache is not None:
            cached = _validate_cached(
                paths, schema, chosen, cache, output, allow_empty, jobs, executor, verbosity, rng_engine, progress
            )
            if cached is None:
                return
            results = cached
        else:
            checked = _validate_files(paths, schema, chosen, output, allow_empty, jobs, executor, verbosity, rng_engine)
            if checked is None:
                return
            results = checked
    _write_output(output, render_results(results, fmt).encode("utf-8"))
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt == "github" and step_summary and needs_summary(results):
        with open(step_summary, "a", encoding="utf-8") as stream:
            stream.write(github_summary(results))
    if verbosity > 0:
        for result in results:
            if result.valid:
                _echo(f"{result.path}: valid", verbosity, 1)
    _echo(summary(results), verbosity)
    sys.exit(exit_code(results))


def _validate_files(
    paths: tuple[str, ...],
    schema: Path | None,
    schematron: Path | bool | None,
    output: Path | None,
    allow_empty: bool,
    jobs: int,
    executor: Any,
    verbosity: int,
    engine: str,
) -> list[FileResult] | None:
    """``validate`` of files, folders and URLs: the results, or None when there was nothing to check."""
    from teikit.check.roots import split_foreign
    from teikit.check.validate import Validator, validate_paths
    from teikit.core.sources import find_inputs, is_url

    files = find_inputs(paths)
    if not _given("schema"):
        files, foreign = split_foreign(files)
        for skipped in foreign:
            _echo(str(skipped), verbosity)
    if not files:
        _nothing_to_do(paths, "TEI files (*.xml whose root is TEI or teiCorpus)", allow_empty)
        _echo("0 files checked", verbosity)
        return None
    if output is not None and not _is_dash(output):
        from teikit.core.serialize import refuse_input

        refuse_input(output, [Path(name) for name in files if not is_url(name)])
    validator = Validator(schema, schematron, engine=engine, progress=lambda note: _echo(note, verbosity))
    validator.prepare(files)
    return validate_paths(files, validator, jobs=jobs, executor=executor)


def _validate_cached(
    paths: tuple[str, ...],
    schema: Path | None,
    schematron: Path | bool | None,
    cache: str,
    output: Path | None,
    allow_empty: bool,
    jobs: int,
    executor: Any,
    verbosity: int,
    engine: str,
    progress: Callable[[str], None],
) -> list[FileResult] | None:
    """``validate --cache``: the results, or None when there was nothing to check."""
    from teikit.check.cache import DEFAULT_CACHE, validate_cached
    from teikit.core.sources import find_inputs, is_url

    url = next((name for name in paths if is_url(name)), None)
    if url is not None:
        raise InputError(
            "--cache remembers local files by their stat; validate URLs without --cache", Location(url), "cache-url"
        )
    files = find_inputs(paths)  # names, not Paths: 100,000 of them would cost more than the cached run
    if cache:
        where = Path(cache)
    else:
        config = click.get_current_context().find_root().obj
        where = (config.root if config is not None and config.source is not None else Path.cwd()) / DEFAULT_CACHE
    if output is not None and not _is_dash(output):
        from teikit.core.serialize import refuse_input

        refuse_input(output, map(Path, files))
    report = validate_cached(
        files,
        where,
        schema,
        schematron,
        skip_foreign=not _given("schema"),
        jobs=jobs,
        engine=engine,
        progress=progress,
        executor=executor,
    )
    for skipped in report.foreign:
        _echo(str(skipped), verbosity)
    if not report.results:
        _nothing_to_do(paths, "TEI files (*.xml whose root is TEI or teiCorpus)", allow_empty)
        _echo("0 files checked", verbosity)
        return None
    _echo(f"{report.reused} results from the cache {where}, {report.checked} files checked", verbosity, 1)
    return report.results


def _validate_stdin(validator: Any) -> FileResult:
    from teikit.check.results import FileResult
    from teikit.core.xmlsafe import parse_document

    try:
        document = parse_document(sys.stdin.buffer.read(), STDIN_NAME)
    except TeikitError as error:
        return FileResult(STDIN_NAME, [error.as_diagnostic()])
    return FileResult(STDIN_NAME, validator.check_document(document))


@cli.command(short_help="Render TEI as an HTML or plain-text edition.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True, path_type=Path))
@click.option(
    "--to", "to", type=click.Choice(("html", "text")), default="html", show_default=True, help="Edition to produce."
)
@click.option(
    "--style",
    type=click.Choice(("reading", "diplomatic")),
    default="reading",
    show_default=True,
    help="Text style (the HTML has both and a toggle; this one is shown first).",
)
@click.option(
    "--view",
    type=click.Choice(("parallel", "translation", "original")),
    default="parallel",
    show_default=True,
    help="Columns shown first in the HTML edition.",
)
@click.option(
    "--no-header", is_flag=True, help="Leave out the record's metadata (title, date, citation, participants)."
)
@click.option(
    "--ui-lang",
    type=click.Choice(("en", "de", "fr", "ru")),
    default="en",
    show_default=True,
    help="Language of the edition's own labels and navigation (teikit.toml: ui_lang).",
)
@output_option("Write the edition of a single file here ('-': standard output, the default).")
@out_dir_option("Write NAME.html / NAME.txt / NAME.diplomatic.txt into this folder (needed for several files).")
@allow_empty_option
@jobs_option
@verbosity_options
def render(
    paths: tuple[Path, ...],
    to: str,
    style: str,
    view: str,
    no_header: bool,
    ui_lang: str,
    output: Path | None,
    out_dir: Path | None,
    allow_empty: bool,
    jobs: int,
    verbosity: int,
) -> None:
    """Render TEI files as an HTML edition or a plain-text edition.

    The HTML edition is one self-contained page: the record's metadata and
    participants, translation and original side by side turn by turn, a
    reading view (expansions, regularised names, numbered notes) and a
    diplomatic view (the transcript's brackets as printed) with a toggle
    that works without JavaScript. The text edition gives one block per
    paragraph; --style diplomatic gives back the transcript's conventions.
    PATH may be '-' for standard input.

    \b
    Examples:
      teikit render tei/wilson-111240.xml --to html -d site/
      teikit render tei/wilson-111240.xml --to text --style diplomatic
      teikit render tei/wilson-111240.xml -o wilson.html
      teikit render tei/ --to text -d editions/
    """
    from teikit.core.sources import find_xml
    from teikit.publish.render import Options, Renderer, render_many

    if output is not None and out_dir is not None:
        raise click.UsageError("give either -o/--output or -d/--out-dir, not both")
    options = Options(to=to, style=style, view=view, header=not no_header, ui_lang=ui_lang)
    if paths == (Path("-"),):
        if out_dir is not None:
            raise click.UsageError("standard input has no name to make a file of in -d/--out-dir; use -o FILE")
        from teikit.core.xmlsafe import parse_document

        document = parse_document(sys.stdin.buffer.read(), STDIN_NAME)
        _write_output(output, Renderer().render_document(document, options).encode("utf-8"))
        return
    files = find_xml(paths)
    if not files:
        _nothing_to_do(paths, "XML files", allow_empty)
        return
    if out_dir is None:
        if len(files) != 1:
            raise click.UsageError("several files need -d/--out-dir DIR")
        if output is not None and not _is_dash(output):
            from teikit.core.serialize import refuse_input

            refuse_input(output, files)
        _write_output(output, Renderer().render_file(files[0], options).encode("utf-8"))
        if output is not None and not _is_dash(output):
            _echo(f"{output}: written", verbosity, 1)
        return
    codes = [0]
    for outcome in render_many(files, out_dir, options, jobs=jobs):
        if outcome.error is not None:
            click.echo(str(outcome.error), err=True)
            codes.append(outcome.exit_code)
        else:
            _echo(f"{outcome.target}: written", verbosity)
    _echo(f"{len(files)} files rendered ({len(codes) - 1} failed) into {out_dir} with {jobs} jobs", verbosity, 1)
    sys.exit(max(codes))


@cli.command(short_help="Build an edition site from a folder of TEI.")
@click.argument("tei_dir", required=False, default="tei", type=click.Path(file_okay=False, path_type=Path))
@out_dir_option("Folder of the site (teikit.toml: site).", default="site", show_default=True)
@click.option(
    "--title", default="Edition", show_default=True, help="Title of the site's index page (teikit.toml: title)."
)
@schema_options(
    "RELAX NG grammar the records must match (default: teikit.rng; teikit.toml: schema).",
    "ISO Schematron the records must pass (default: teikit.sch; teikit.toml: schematron).",
)
@click.option(
    "--ui-lang",
    type=click.Choice(("en", "de", "fr", "ru")),
    default="en",
    show_default=True,
    help="Language of the edition's own labels and navigation (teikit.toml: ui_lang).",
)
@click.option(
    "--base-url",
    default="",
    help="Address the site is published at, for the stable URL in citations (teikit.toml: base_url).",
)
@click.option("--force", is_flag=True, help="Rebuild every record, changed or not.")
@click.option("--fail-fast", is_flag=True, help="Stop at the first invalid record.")
@allow_empty_option
@jobs_option
@executor_options
@verbosity_options
def build(
    tei_dir: Path,
    out_dir: Path,
    title: str,
    schema: Path | None,
    schematron: Path | None,
    ui_lang: str,
    base_url: str,
    force: bool,
    fail_fast: bool,
    allow_empty: bool,
    jobs: int,
    dask: bool,
    scheduler: str | None,
    verbosity: int,
) -> None:
    """Build an edition site from a folder of TEI records.

    Every record is validated (teikit.rng + teikit.sch, or the project's
    schemas) and, if valid, rendered to HTML and text; the site gets an
    index of the records (sortable, searchable from the file system), a
    persons index and a search index. Records unchanged since the last build
    are skipped (SITE/.teikit-manifest.sqlite; a file whose size and mtime
    are unchanged is not read); an invalid
    record is reported with its file:line:col and left out, the others are
    still built. Settings such as the title come from teikit.toml, so every
    build of a project makes the same site. Exit status 1 if any record is
    invalid; 2 if there is no record, unless --allow-empty.

    \b
    Examples:
      teikit build                      # tei/ -> site/, then open site/index.html
      teikit build tei/ -d public/ --title "Sino-Soviet records"
      teikit build --force --jobs 2
      teikit build --scheduler tcp://scheduler:8786   # on a Dask cluster
    """
    from teikit.publish.build import build_site, has_records

    if not has_records(tei_dir):
        _nothing_to_do((tei_dir,), "TEI records (*.xml)", allow_empty)
    tty = sys.stderr.isatty() and verbosity >= 0
    step = 1

    def progress(outcome: object, done: int, total: int) -> None:
        nonlocal step
        status = getattr(outcome, "status", "")
        for diagnostic in getattr(outcome, "diagnostics", []):
            if status == "failed" or verbosity >= 0:
                click.echo(("\r\033[K" if tty else "") + str(diagnostic), err=True)
        if verbosity < 0:
            return
        if tty and verbosity == 0:
            width = 30
            filled = width * done // max(total, 1)
            click.echo(
                f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {getattr(outcome, 'key', '')[:40]:<40}",
                err=True,
                nl=False,
            )
            if done == total:
                click.echo("", err=True)
        elif verbosity > 0 or done == total or done % max(1, total // 20) == 0 or status == "failed":
            click.echo(f"[{done}/{total}] {status} {getattr(outcome, 'key', '')}", err=True)

    with _executor(dask, scheduler, jobs) as executor:
        report = build_site(
            tei_dir,
            out_dir,
            force=force,
            jobs=jobs,
            fail_fast=fail_fast,
            title=title,
            schema=schema,
            schematron=schematron,
            progress=progress,
            executor=executor,
            ui_lang=ui_lang,
            base_url=base_url,
        )
    built, skipped, failed = (len(report.of(status)) for status in ("built", "skipped", "failed"))
    stopped = " (stopped at the first failure)" if report.stopped else ""
    _echo(
        f"built {built}, skipped {skipped}, failed {failed} in {report.seconds:.1f} s{stopped}: {out_dir / 'index.html'}",
        verbosity,
    )
    _echo(
        f"title {title!r}, grammar {schema or 'teikit.rng'}, rules {schematron or 'teikit.sch'}, {jobs} jobs",
        verbosity,
        1,
    )
    sys.exit(report.exit_code)


@cli.command(short_help="Preview a built site over HTTP.")
@click.argument("site", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port (0: any free one).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@verbosity_options
def serve(site: Path | None, port: int, host: str, verbosity: int) -> None:
    """Serve a built site on this machine for a preview, until Ctrl-C.

    The full-text search (Pagefind) loads its index only over HTTP; a site
    opened from the disk falls back to searching its table. SITE defaults
    to the project's site folder (teikit.toml: site).

    \b
    Examples:
      teikit serve                          # site/ at http://127.0.0.1:8000/
      teikit serve public/ --port 8080
    """
    from teikit.core.config import ProjectConfig
    from teikit.publish.serve import make_server

    config = click.get_current_context().find_root().obj
    folder = site or (config.path(config.site) if isinstance(config, ProjectConfig) else Path("site"))
    if not (folder / "index.html").is_file():
        raise click.UsageError(f"{folder} holds no built site (index.html): run 'teikit build' first")
    server = make_server(folder, host, port)
    bound_port = server.server_address[1]
    if verbosity >= 0:
        click.echo(f"serving {folder} at http://{host}:{bound_port}/ (Ctrl-C to stop)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@cli.group(short_help="Compile an ODD to RELAX NG and Schematron; export the schemas.")
def schema() -> None:
    """The schema: compile an ODD to RELAX NG and Schematron, or copy teikit's into an edition.

    \b
    compile  ODD -> NAME.rng + NAME.sch with the TEI Stylesheets (for maintainers)
    export   put teikit's schemas in an edition's schemas/ folder

    \b
    Examples:
      teikit schema export .
      teikit schema compile schemas/teikit.odd -d schemas --stylesheets DIR --p5 p5subset.xml
    """


@schema.command("compile")
@click.argument("odd", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@out_dir_option("Folder for NAME.rng and NAME.sch (default: the ODD's folder).")
@click.option(
    "--stylesheets",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    envvar="TEIKIT_TEI_STYLESHEETS",
    required=True,
    help="The TEI Stylesheets (the folder holding odds/); or set TEIKIT_TEI_STYLESHEETS.",
)
@click.option(
    "--p5",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    envvar="TEIKIT_P5SUBSET",
    required=True,
    help="A local p5subset.xml, so nothing is fetched; or set TEIKIT_P5SUBSET.",
)
@verbosity_options
def schema_compile(odd: Path, out_dir: Path | None, stylesheets: Path, p5: Path, verbosity: int) -> None:
    """Compile an ODD customisation to RELAX NG and ISO Schematron.

    Runs the TEI's own ODD processor (odd2odd.xsl, odd2relax.xsl,
    extract-isosch.xsl) on Saxon. The files written name their source and
    are reproducible, so a second run changes nothing.

    \b
    Example:
      teikit schema compile schemas/teikit.odd -d schemas \\
        --stylesheets ../shared/reference/tei-stylesheets --p5 ../shared/reference/p5subset.xml
    """
    from teikit.check.odd import compile_odd

    compiled = compile_odd(odd, stylesheets, p5)
    for path in compiled.write(out_dir if out_dir is not None else odd.parent):
        _echo(f"{path}: written", verbosity)


@schema.command("export")
@click.argument("edition", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace schema files of the edition that differ from teikit's.")
@verbosity_options
def schema_export(edition: Path, force: bool, verbosity: int) -> None:
    """Put teikit's schemas (teikit.rng, teikit.sch, teikit.odd) in EDITION/schemas/.

    TEI that 'teikit convert' writes in EDITION or below then points at
    them by a relative href, so the edition validates wherever it is
    checked out (oXygen, VS Code, jing).

    \b
    Example:
      teikit schema export . && teikit convert records/ --out-dir tei/
    """
    from teikit.core.association import export_schemas

    for path in export_schemas(edition, force=force):
        _echo(f"{path}: written", verbosity)


@cli.command(short_help="Start an edition project.")
@click.argument("directory", required=False, default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", default="Edition", show_default=True, help="Title of the edition.")
@click.option(
    "-l",
    "--language",
    "languages",
    multiple=True,
    metavar="CODE",
    help="A language of the records, the translation's first; repeat for each (default: en).",
)
@click.option("--base-url", default="", help="Where the site will be published.")
@click.option("--ui-lang", default="en", show_default=True, metavar="CODE", help="Language of the site's labels.")
@click.option("--publisher", default="", help="Who publishes the edition.")
@click.option("--force", is_flag=True, help="Replace files of the layout that exist already.")
@verbosity_options
def init(
    directory: Path,
    title: str,
    languages: tuple[str, ...],
    base_url: str,
    ui_lang: str,
    publisher: str,
    force: bool,
    verbosity: int,
) -> None:
    """Start an edition project in DIRECTORY (default: the current folder).

    Writes teikit.toml (title, languages, base URL, UI language,
    publisher, folders, schema locations), records/ for transcripts, tei/
    for TEI, schemas/ with a copy of teikit's schemas to customise, a
    .pre-commit-config.yaml that validates staged TEI, and a GitHub
    workflow (.github/workflows/tei.yml) that validates and builds. Then
    every command works in the project without options: put transcripts
    in records/ and run teikit convert, teikit validate, teikit build.
    Existing files are never replaced without --force.

    \b
    Examples:
      teikit init my-edition --title "Sino-Soviet records" -l en -l ru
      teikit init . --publisher "Wilson Center Digital Archive"
    """
    from teikit.core.project import ProjectSettings, init_project

    settings = ProjectSettings(title, languages or ("en",), base_url, ui_lang, publisher)
    report = init_project(directory, settings, force=force)
    for name in report.written:
        _echo(f"{directory / name}: written", verbosity, 1)
    _echo(
        f"project ready in {directory}: put transcripts in {directory / 'records'}, then run "
        "'teikit convert', 'teikit validate', 'teikit build' there",
        verbosity,
    )


def main() -> None:
    """Entry point of the ``teikit`` script."""
    cli(prog_name="teikit")
