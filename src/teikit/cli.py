"""The ``teikit`` command line: thin commands over the library.

Errors are turned into messages in one place (:class:`TeikitGroup`): a
:class:`~teikit.core.errors.TeikitError` prints as ``file:line:col: error: message
[code]`` on standard error and the command exits with the error's code
(1: the documents have problems, 2: usage or unreadable input, 3: teikit's
own schemas or stylesheets are broken).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from teikit import __version__
from teikit.core.errors import Diagnostic, TeikitError
from teikit.core.serialize import refuse_overwrite, write_atomic

# Each command imports the stages it runs when it runs, so that a CI job
# calling 'teikit validate' does not pay for importing the converter.
REPORT_FORMATS = ("text", "tsv", "json")
VALIDATE_FORMATS = ("text", "json", "junit", "github")

F = TypeVar("F", bound=Callable[..., Any])


class TeikitGroup(click.Group):
    """Runs a command and turns teikit's errors into one line and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TeikitError as error:
            click.echo(str(error), err=True)
            ctx.exit(error.exit_code)


def _warn(diagnostics: list[Diagnostic], quiet: bool) -> None:
    if not quiet:
        for diagnostic in diagnostics:
            click.echo(str(diagnostic), err=True)


def quiet_option(function: F) -> F:
    return click.option("-q", "--quiet", is_flag=True, help="Do not print warnings, only errors.")(function)


def lang_option(function: F) -> F:
    return click.option(
        "--lang",
        "text_lang",
        default="en",
        show_default=True,
        metavar="CODE",
        help="Language of the transcript's main text (the translation).",
    )(function)


def jobs_option(function: F) -> F:
    return click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=1),
        default=None,
        help="Worker processes (default: one per core).",
    )(function)


@click.group(cls=TeikitGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="teikit")
def cli() -> None:
    """TEI P5 editions of archival records.

    \b
    convert   transcript -> TEI (teiHeader, speaker turns, editorial brackets, original)
    brackets  list every editorial bracket of a transcript and how it is encoded
    validate  check TEI against teikit's RELAX NG and Schematron (or another schema)
    render    publish TEI as an HTML edition or a plain-text edition (XSLT 3.0)
    build     a whole folder of TEI into an edition site, incrementally, on all cores
    schema    compile an ODD to RELAX NG + Schematron; export the schemas into an edition

    Run 'teikit COMMAND --help' for the options and an example of each.
    """


@cli.command()
@click.argument("records", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write the TEI of a single RECORD to this file ('-': standard output).",
)
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write RECORD.xml for each record into this folder; existing files are skipped.",
)
@click.option("--force", is_flag=True, help="Replace existing TEI files (hand edits in them are lost).")
@click.option(
    "--report",
    type=click.Path(allow_dash=True, path_type=Path),
    help="Write the bracket review listing to this file ('-': standard output).",
)
@lang_option
@quiet_option
def convert(
    records: tuple[Path, ...],
    output: Path | None,
    out_dir: Path | None,
    force: bool,
    report: Path | None,
    text_lang: str,
    quiet: bool,
) -> None:
    """Convert record transcripts (.md, .txt) to TEI P5.

    RECORD is a transcript file or a folder of them. The TEI gets a full
    teiHeader, speaker turns, every editorial bracket encoded by kind, and
    the original-language text aligned turn by turn with the translation.
    Warnings (turns that do not align, brackets no rule knows) go to
    standard error; TEI that exists is never replaced without --force.

    \b
    Examples:
      teikit convert examples/records/wilson-111240.md -o tei/wilson-111240.xml
      teikit convert records/ --out-dir tei/
      teikit convert record.md -o record.xml --report -
    """
    from teikit.convert.files import convert_file, convert_to_folder, find_transcripts

    if output is not None and out_dir is not None:
        raise click.UsageError("give either -o/--output or --out-dir, not both")
    sources = find_transcripts(records)
    if out_dir is not None:
        run = convert_to_folder(sources, out_dir, force=force, text_lang=text_lang)
        brackets = []
        for result in run.results:
            if result.skipped:
                click.echo(f"{result.target}: skipped, exists already (use --force to replace it)", err=True)
            elif result.error is not None:
                click.echo(str(result.error), err=True)
            elif result.encoded is not None:
                _warn(result.encoded.warnings, quiet)
                brackets.extend(result.encoded.brackets)
                click.echo(f"{result.target}: written", err=True)
        _write_report(report, brackets)
        if run.failures:
            sys.exit(max(result.error.exit_code for result in run.failures if result.error))
        return
    if len(sources) > 1:
        raise click.UsageError("several records need --out-dir DIR (or convert them one at a time with -o)")
    target = None if output is None or str(output) == "-" else output
    if target is not None and not force:
        refuse_overwrite(target)
    encoded, data = convert_file(sources[0], target, text_lang=text_lang)
    _warn(encoded.warnings, quiet)
    if target is None:
        if report is not None and str(report) == "-":
            raise click.UsageError("the TEI already goes to standard output; give --report a file, or -o a file")
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_atomic(target, data, force=force)
    _write_report(report, encoded.brackets)


def _write_report(report: Path | None, brackets: list[Any]) -> None:
    from teikit.convert.report import format_rows, review_rows

    if report is None:
        return
    text = format_rows(review_rows(brackets), "text")
    if str(report) == "-":
        click.echo(text, nl=False)
    else:
        write_atomic(report, text.encode("utf-8"), force=True)


@cli.command()
@click.argument("records", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(REPORT_FORMATS), default="text", show_default=True, help="Listing format."
)
@lang_option
@quiet_option
def brackets(records: tuple[Path, ...], fmt: str, text_lang: str, quiet: bool) -> None:
    """List every editorial bracket of the records and how it is encoded.

    One row per bracket: file:line:col, the bracket as printed, the kind the
    rules gave it, and the TEI it becomes. Brackets no rule recognises are
    kept as <note type="editorial"> and warned about: review those first.

    \b
    Example:
      teikit brackets examples/records/wilson-111240.md
      teikit brackets records/ --format tsv > brackets.tsv
    """
    from teikit.convert.encode import encode
    from teikit.convert.files import find_transcripts
    from teikit.convert.read import read_transcript
    from teikit.convert.report import format_rows, review_rows

    rows = []
    for source in find_transcripts(records):
        encoded = encode(read_transcript(source), text_lang=text_lang)
        _warn(encoded.warnings, quiet)
        rows.extend(review_rows(encoded.brackets))
    click.echo(format_rows(rows, fmt), nl=False)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(VALIDATE_FORMATS),
    default="text",
    show_default=True,
    help="Output for people (text) or CI (json, junit, github).",
)
@click.option(
    "--schema",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Validate against this RELAX NG (XML syntax) instead of teikit.rng, e.g. tei_all.rng.",
)
@click.option(
    "--schematron",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Run this ISO Schematron (default: teikit.sch, or none with --schema).",
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
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="Write the report to a file (e.g. junit.xml) instead of standard output.",
)
@jobs_option
def validate(
    paths: tuple[Path, ...],
    fmt: str,
    schema: Path | None,
    schematron: Path | None,
    no_schematron: bool,
    rng_engine: str,
    output: Path | None,
    jobs: int | None,
) -> None:
    """Validate TEI files (or folders of them) against teikit's schemas.

    RELAX NG first (teikit.rng, or --schema), then the Schematron rules
    (teikit.sch: pointers resolve, translation/original links go both ways,
    unique ids, real dates, ...). Every problem prints as
    file:line:col: error: message [rule]. Malformed files are reported like
    any other error while the others are still checked. Exit status: 0 all
    valid, 1 some invalid, 2 a path cannot be read.

    \b
    Examples:
      teikit validate tei/
      teikit validate tei/ --format github          # annotations in GitHub Actions
      teikit validate tei/ --format junit -o junit.xml
      teikit validate letters/ --schema tei_all.rng
    """
    from teikit.check.formats import render as render_results
    from teikit.check.formats import summary
    from teikit.check.validate import Validator, exit_code, find_xml, validate_paths

    chosen: Path | bool | None = False if no_schematron else schematron
    validator = Validator(schema, chosen, engine=rng_engine, progress=lambda note: click.echo(note, err=True))
    validator.prepare(find_xml(paths))
    results = validate_paths(paths, validator, jobs=jobs)
    report = render_results(results, fmt)
    if output is not None and str(output) != "-":
        write_atomic(output, report.encode("utf-8"), force=True)
    else:
        click.echo(report, nl=False)
    click.echo(summary(results), err=True)
    sys.exit(exit_code(results))


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
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
    "-o",
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write NAME.html / NAME.txt / NAME.diplomatic.txt here (needed for several files).",
)
@jobs_option
def render(
    paths: tuple[Path, ...], to: str, style: str, view: str, no_header: bool, out_dir: Path | None, jobs: int | None
) -> None:
    """Render TEI files as an HTML edition or a plain-text edition.

    The HTML edition is one self-contained page: the record's metadata and
    participants, translation and original side by side turn by turn, a
    reading view (expansions, regularised names, numbered notes) and a
    diplomatic view (the transcript's brackets as printed) with a toggle
    that works without JavaScript. The text edition gives one block per
    paragraph; --style diplomatic gives back the transcript's conventions.

    \b
    Examples:
      teikit render tei/wilson-111240.xml --to html -o site/
      teikit render tei/wilson-111240.xml --to text --style diplomatic
      teikit render tei/ --to text -o editions/
    """
    from teikit.check.validate import find_xml
    from teikit.publish.render import Options, Renderer, render_many

    files = find_xml(paths)
    options = Options(to=to, style=style, view=view, header=not no_header)
    if out_dir is None:
        if len(files) != 1:
            raise click.UsageError("several files need -o/--out-dir DIR")
        click.echo(Renderer().render_file(files[0], options), nl=False)
        return
    codes = [0]
    for outcome in render_many(files, out_dir, options, jobs=jobs):
        if outcome.error is not None:
            click.echo(str(outcome.error), err=True)
            codes.append(outcome.exit_code)
        else:
            click.echo(f"{outcome.target}: written", err=True)
    sys.exit(max(codes))


@cli.command()
@click.argument("tei_dir", required=False, default="tei", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "-o",
    "--out",
    "site",
    default="site",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of the site.",
)
@click.option("--force", is_flag=True, help="Rebuild every record, changed or not.")
@click.option("--fail-fast", is_flag=True, help="Stop at the first invalid record.")
@click.option("--title", default="Edition", show_default=True, help="Title of the site's index page.")
@jobs_option
def build(tei_dir: Path, site: Path, force: bool, fail_fast: bool, title: str, jobs: int | None) -> None:
    """Build an edition site from a folder of TEI records.

    Every record is validated (teikit.rng + teikit.sch) and, if valid,
    rendered to HTML and text; the site gets an index of the records
    (sortable, searchable from the file system), a persons index and a
    search index. Records unchanged since the last build are skipped
    (content hashes in SITE/.teikit-manifest.json); an invalid record is
    reported with its file:line:col and left out, the others are still
    built. Exit status 1 if any record is invalid.

    \b
    Examples:
      teikit build                      # tei/ -> site/, then open site/index.html
      teikit build tei/ -o public/ --title "Sino-Soviet records"
      teikit build --force --jobs 2
    """
    from teikit.publish.build import build_site

    tty = sys.stderr.isatty()
    step = 1

    def progress(outcome: object, done: int, total: int) -> None:
        nonlocal step
        status = getattr(outcome, "status", "")
        if status == "failed":
            for diagnostic in getattr(outcome, "diagnostics", []):
                click.echo(("\r\033[K" if tty else "") + str(diagnostic), err=True)
        if tty:
            width = 30
            filled = width * done // max(total, 1)
            click.echo(
                f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {getattr(outcome, 'key', '')[:40]:<40}",
                err=True,
                nl=False,
            )
            if done == total:
                click.echo("", err=True)
        elif done == total or done % max(1, total // 20) == 0 or status == "failed":
            click.echo(f"[{done}/{total}] {status} {getattr(outcome, 'key', '')}", err=True)

    report = build_site(tei_dir, site, force=force, jobs=jobs, fail_fast=fail_fast, title=title, progress=progress)
    built, skipped, failed = (len(report.of(status)) for status in ("built", "skipped", "failed"))
    stopped = " (stopped at the first failure)" if report.stopped else ""
    click.echo(
        f"built {built}, skipped {skipped}, failed {failed} in {report.seconds:.1f} s{stopped}: {site / 'index.html'}",
        err=True,
    )
    sys.exit(report.exit_code)


@cli.group()
def schema() -> None:
    """The schema: compile an ODD to RELAX NG and Schematron, or copy teikit's into an edition.

    \b
    compile  ODD -> NAME.rng + NAME.sch with the TEI Stylesheets (for maintainers)
    export   put teikit's schemas in an edition's schemas/ folder

    \b
    Examples:
      teikit schema export .
      teikit schema compile schemas/teikit.odd -o schemas --stylesheets DIR --p5 p5subset.xml
    """


@schema.command("compile")
@click.argument("odd", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for NAME.rng and NAME.sch (default: the ODD's folder).",
)
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
def schema_compile(odd: Path, out_dir: Path | None, stylesheets: Path, p5: Path) -> None:
    """Compile an ODD customisation to RELAX NG and ISO Schematron.

    Runs the TEI's own ODD processor (odd2odd.xsl, odd2relax.xsl,
    extract-isosch.xsl) on Saxon. The files written name their source and
    are reproducible, so a second run changes nothing.

    \b
    Example:
      teikit schema compile schemas/teikit.odd -o schemas \\
        --stylesheets ../shared/reference/tei-stylesheets --p5 ../shared/reference/p5subset.xml
    """
    from teikit.check.odd import compile_odd

    compiled = compile_odd(odd, stylesheets, p5)
    for path in compiled.write(out_dir if out_dir is not None else odd.parent):
        click.echo(f"wrote {path}", err=True)


@schema.command("export")
@click.argument("edition", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace schema files of the edition that differ from teikit's.")
def schema_export(edition: Path, force: bool) -> None:
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
        click.echo(f"wrote {path}", err=True)


def main() -> None:
    """Entry point of the ``teikit`` script."""
    cli(prog_name="teikit")
