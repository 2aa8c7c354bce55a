"""Convert transcript files to TEI files: find inputs, name outputs, write safely.

This is the file-level layer over :func:`teikit.convert.encode.encode`: a folder given
as input stands for the transcripts in it; an output that exists is never
replaced unless asked (``force``); a failed record writes nothing; each record
is written atomically. The command line adds only printing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from teikit.convert.encode import Encoded, encode
from teikit.convert.read import read_transcript
from teikit.core.association import URL_VARIABLE, Association, associate
from teikit.core.errors import Diagnostic, InputError, Location, TeikitError, TranscriptError, XMLInputError
from teikit.core.serialize import to_bytes, write_atomic
from teikit.core.workers import describe_failure
from teikit.core.xmlsafe import check_limits

TRANSCRIPT_SUFFIXES = (".md", ".txt", ".markdown")


@dataclass
class ConversionResult:
    """What happened to one input: written, skipped (output exists) or failed."""

    source: Path
    target: Path | None
    encoded: Encoded | None = None
    skipped: bool = False
    error: TeikitError | None = None


@dataclass
class ConversionRun:
    results: list[ConversionResult] = field(default_factory=list)

    @property
    def failures(self) -> list[ConversionResult]:
        return [result for result in self.results if result.error is not None]


def find_transcripts(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into the transcripts they hold (``*.md``, ``*.txt``), sorted; keep files as given.

    Raises:
        InputError: a path does not exist, or a folder holds no transcript.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(
                child for child in path.iterdir() if child.is_file() and child.suffix.lower() in TRANSCRIPT_SUFFIXES
            )
            if not inside:
                raise InputError("folder holds no transcript (*.md, *.txt)", Location(str(path)), "input-empty-folder")
            found.extend(inside)
        elif not path.exists():
            raise InputError("no such file or folder", Location(str(path)), "input-missing")
        else:
            found.append(path)
    return found


def model_instructions(target: Path | None, schemas: tuple[Path, Path] | None = None) -> list[str]:
    """``<?xml-model?>`` instructions for TEI written to ``target`` (``None``: the current folder).

    ``schemas`` (a RELAX NG grammar and a Schematron) are an edition project's
    own copies, named by its ``teikit.toml``. Without them the instructions
    point at the nearest ``schemas/teikit.rng`` in the output's folder or above
    it (``teikit init`` and ``teikit schema export`` put one there), else at
    ``$TEIKIT_SCHEMA_URL``; always by a relative href or that URL, never into
    teikit's installation. Empty when there is none of these.
    """
    base = target.parent if target is not None else Path.cwd()
    if schemas is not None:
        return Association(rng=schemas[0], sch=schemas[1]).instructions(base)
    return associate(base).instructions(base)


def convert_file(
    source: Path,
    target: Path | None,
    *,
    force: bool = False,
    text_lang: str = "en",
    schemas: tuple[Path, Path] | None = None,
    speakers: dict[str, str] | None = None,
) -> tuple[Encoded, bytes]:
    """Encode one transcript and serialise it for ``target`` (``None``: standard output).

    Raises:
        TeikitError: the transcript cannot be read or converted.
    """
    encoded = encode(read_transcript(source), text_lang=text_lang, speakers=speakers)
    check_output(encoded, str(source))
    return encoded, tei_bytes(encoded, target, schemas)


def tei_bytes(encoded: Encoded, target: Path | None, schemas: tuple[Path, Path] | None = None) -> bytes:
    """The TEI of ``encoded`` with its ``<?xml-model?>`` instructions; a warning added when it can name no schema."""
    instructions = model_instructions(target, schemas)
    if not instructions:
        encoded.warnings.append(
            Diagnostic(
                "warning",
                "no schemas/teikit.rng in the output's folder or above it, so the TEI names no schema; "
                f"run 'teikit schema export DIR' in the edition or set {URL_VARIABLE}",
                "schema-not-found",
                Location(str(target) if target is not None else "<stdout>"),
            )
        )
    return to_bytes(encoded.tree, instructions)


def check_output(encoded: Encoded, source: str) -> None:
    """Refuse TEI that validate, render and build would refuse: they share these limits.

    Raises:
        TranscriptError: the TEI is beyond :func:`teikit.core.xmlsafe.check_limits`.
    """
    try:
        check_limits(encoded.tree, source)
    except XMLInputError as error:
        raise TranscriptError(
            f"the TEI would be beyond teikit's limits: {error.message}", Location(source), error.code
        ) from None


def convert_to_folder(
    sources: list[Path],
    out_dir: Path,
    *,
    force: bool = False,
    text_lang: str = "en",
    schemas: tuple[Path, Path] | None = None,
    speakers: dict[str, str] | None = None,
) -> ConversionRun:
    """Convert each source to ``out_dir/<name>.xml``, skipping existing outputs unless ``force``."""
    run = ConversionRun()
    claimed: dict[Path, Path] = {}
    inputs = {source.resolve() for source in sources}
    for source in sources:
        target = out_dir / (source.stem + ".xml")
        result = ConversionResult(source, target)
        run.results.append(result)
        first = claimed.setdefault(target, source)
        if target.resolve() in inputs:
            result.error = InputError(
                "is one of the input files; teikit never writes over its input",
                Location(str(target)),
                "output-is-input",
            )
            continue
        if first != source:
            # rec.md and rec.txt would both become rec.xml: one of them would be lost without a word.
            result.error = InputError(
                f"{first.name} and {source.name} would both become {target.name}; convert one of them with -o",
                Location(str(source)),
                "output-name-taken",
            )
            continue
        if target.exists() and not force:
            result.skipped = True
            continue
        try:
            result.encoded, data = convert_file(source, target, text_lang=text_lang, schemas=schemas, speakers=speakers)
            write_atomic(target, data, force=force)
        except TeikitError as error:
            result.error = error
        except Exception as error:
            result.error = TeikitError(describe_failure(error), Location(str(source)), "internal-error")
    return run
