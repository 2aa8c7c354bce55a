"""Build an edition site from a folder of TEI: validate, render, index; incrementally.

Input: a folder of TEI records. Output, in the site folder, for each valid
record ``KEY.html`` (the HTML edition), ``KEY.txt`` (the reading text) and
``tei/KEY.xml`` (the TEI itself); then the index, the registers and the
search fallback, each in pages of bounded size (:mod:`teikit.publish.site`).

* Incremental: a record whose bytes, and the toolchain, are unchanged since
  the last build (:mod:`teikit.publish.manifest`) is skipped; a file whose
  size, mtime and inode are those recorded is not even read, and when the
  manifest's seal still holds (:mod:`teikit.publish.seal`), neither are its rows.
* Parallel: records are validated and rendered in worker processes, each with
  its own compiled schemas and stylesheets (:mod:`teikit.core.workers`).
* Safe: every file is written to a temporary name and renamed; the manifest
  is written last. A build killed part-way leaves each output old or new,
  never truncated; the next build finishes the job.
* An invalid record is reported with its places and left out of the site;
  every valid record is still built, unless ``fail_fast`` asks to stop.
* Contained: every name comes from the key scheme (:mod:`teikit.publish.keys`),
  every write and delete goes through :func:`teikit.core.serialize.inside`,
  and only outputs the manifest records as teikit's own, or teikit's own
  temporary files, are ever deleted; the site folder and the TEI folder may
  not contain each other.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import hashlib
import os
import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from teikit.core.errors import Diagnostic, InputError, Location, TeikitError
from teikit.core.filestat import FileStat, file_sha256, stats_of
from teikit.core.serialize import inside, remove_output, remove_temporaries, write_atomic
from teikit.publish.facsimiles import images_fresh, is_image_output
from teikit.publish.keys import key_of, outputs_of, record_key
from teikit.publish.manifest import (
    Manifest,
    ManifestStore,
    RecordState,
    sha256,
    toolchain_fingerprint,
)
from teikit.publish.paging import SITE_FILE_RE
from teikit.publish.seal import closing_seal, still_sealed
from teikit.publish.search import PENDING_PATH, mark_index_pending

if TYPE_CHECKING:
    from teikit.core.workers import Executor

# Validation, rendering, the catalog and the site pages (lxml, Saxon, the process pool) are imported
# where they are used: a rebuild that finds nothing changed imports none of them.


@dataclass(frozen=True)
class BuildJob:
    """One record to build: its TEI file, its key in the site, the site folder; the keys of its
    neighbours in the site ("" for none) and the interface language, which its page shows."""

    source: str
    key: str
    site: str
    prev: str = ""
    next: str = ""
    ui_lang: str = "en"
    base_url: str = ""

    def depends(self, toolchain: str) -> str:
        """What the record's outputs depend on besides its TEI: the toolchain and its neighbours."""
        return _depends(toolchain, self.prev, self.next)


def _depends(toolchain: str, prev: str, next_: str) -> str:
    digest = _toolchain_digest(toolchain).copy()  # a copy costs half a new hash, asked of every record
    digest.update(f" {prev} {next_}".encode())
    return digest.hexdigest()


@functools.lru_cache(maxsize=4)
def _toolchain_digest(toolchain: str) -> hashlib._Hash:
    return hashlib.sha256(toolchain.encode())


@dataclass(slots=True)
class BuildOutcome:
    """The result of one record: built, skipped or failed, with what it produced or why not."""

    key: str
    source: str
    status: str
    tei_hash: str = ""
    stat: FileStat = field(default_factory=FileStat)
    outputs: list[str] = field(default_factory=list)
    entry: dict[str, object] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass
class BuildReport:
    """Everything a build did."""

    outcomes: list[BuildOutcome] = field(default_factory=list)
    seconds: float = 0.0
    stopped: bool = False

    def of(self, status: str) -> list[BuildOutcome]:
        return [outcome for outcome in self.outcomes if outcome.status == status]

    @property
    def exit_code(self) -> int:
        return 1 if self.of("failed") else 0


Progress = Callable[[BuildOutcome, int, int], None]


__all__ = ["BuildJob", "BuildOutcome", "BuildReport", "build_site", "find_records", "outputs_of", "record_key"]


def worker_factory(schema: str | None = None, schematron: str | None = None) -> dict[str, object]:
    """Set-up of a build worker: schemas (teikit's, or the project's) and stylesheets compiled once; the
    schemas it has shipped into a site (:func:`ship_schema`)."""
    from teikit.check.validate import Validator
    from teikit.publish.render import Renderer

    return {"validator": Validator(schema, schematron), "renderer": Renderer(), "shipped": set()}


def ship_schema(site: Path, schema: Path, shipped: set[tuple[str, ...]]) -> None:
    """Copy a schema a record names into the site's ``schemas/``, once per worker and build.

    Every record of an edition names the same schemas: copying them for each
    record read and wrote ~300 KB a record. ``shipped`` remembers what this
    worker copied (the schema's size and mtime with it, so an edited schema
    is copied again); a copy since deleted is copied again too.
    """
    target = inside(site, f"schemas/{schema.name}")
    stat = schema.stat()
    done = (str(target), str(schema), str(stat.st_size), str(stat.st_mtime_ns))
    if done in shipped and target.is_file():
        return
    write_atomic(target, schema.read_bytes(), force=True, durable=False)
    shipped.add(done)


def build_record(job: BuildJob) -> BuildOutcome:
    """Validate, render and index one record (runs in a worker; never raises for a bad record)."""
    from teikit.check.validate import Validator
    from teikit.core.association import relocate_models
    from teikit.core.workers import worker_state
    from teikit.core.xmlsafe import parse_document, read_xml_bytes, without_stylesheet_instructions
    from teikit.publish.catalog import catalog_entry
    from teikit.publish.citation import bibtex, csl_json, page_citation, record_url
    from teikit.publish.facsimiles import copy_images, image_map, local_images
    from teikit.publish.leaves import check_leaves
    from teikit.publish.render import Options, Renderer

    state = worker_state()
    validator, renderer, shipped = state["validator"], state["renderer"], state["shipped"]
    assert isinstance(validator, Validator) and isinstance(renderer, Renderer) and isinstance(shipped, set)
    outcome = BuildOutcome(job.key, job.source, "failed")
    try:
        outcome.stat = FileStat.of(job.source)  # before reading: a change while reading shows next time
        data = read_xml_bytes(job.source)
        outcome.tei_hash = sha256(data)
        document = parse_document(data, job.source)
        outcome.diagnostics = validator.check_document(document)
        if any(diagnostic.level == "error" for diagnostic in outcome.diagnostics):
            return outcome
        entry = catalog_entry(document.tree.getroot(), job.key)
        images, refused = local_images(document, job.key)
        outcome.diagnostics += refused + check_leaves(document)
        url = record_url(job.base_url, job.key)
        page = Options(
            to="html",
            ui_lang=job.ui_lang,
            site=True,
            key=job.key,
            prev=job.prev,
            next=job.next,
            citation=page_citation(entry, url),
            facsimiles=image_map(images),
        )
        editions = [page, Options(to="text", style="reading"), Options(to="text", style="diplomatic")]
        html, text, diplomatic = renderer.render_editions(document, editions)
        site = Path(job.site)
        published = without_stylesheet_instructions(document)
        copy, schemas = relocate_models(published, Path(job.source), site / "tei", site / "schemas")
        for schema in schemas:
            ship_schema(site, schema, shipped)
        made = (html, text, copy, diplomatic, csl_json(entry, url), bibtex(entry, url))
        contents = tuple(item if isinstance(item, bytes) else item.encode("utf-8") for item in made)
        for name, content in zip(outputs_of(job.key), contents, strict=True):
            write_atomic(inside(site, name), content, force=True, durable=False)
        copied = copy_images(site, images)
        outcome.entry = entry.as_dict()
    except TeikitError as error:
        outcome.diagnostics.append(error.as_diagnostic())
        return outcome
    outcome.status = "built"
    outcome.outputs = outputs_of(job.key) + copied
    return outcome


def crashed_record(job: BuildJob, why: str) -> BuildOutcome:
    """The outcome of a record whose job raised or whose worker died."""
    return BuildOutcome(
        job.key, job.source, "failed", diagnostics=[Diagnostic("error", why, "internal-error", Location(job.source))]
    )


def find_records(tei_dir: Path, problems: list[Diagnostic] | None = None) -> list[Path]:
    """The TEI files of a folder, at any depth, hidden ones left out, in a stable order (that of
    their paths' parts, as :class:`~pathlib.Path` compares them; sorted as strings, which is faster).

    A sub-folder that cannot be read is added to ``problems`` (never skipped
    silently).

    Raises:
        InputError: the folder does not exist.
    """
    return [Path(path) for path in record_paths(tei_dir, problems)]


def record_paths(tei_dir: Path, problems: list[Diagnostic] | None = None) -> list[str]:
    """:func:`find_records` as strings (a build looks at every record each time: no Path objects)."""
    paths = list(_walk(tei_dir, problems))
    start = len(str(tei_dir)) + 1
    if all(path.find(os.sep, start) < 0 for path in paths):
        paths.sort()  # all in one folder (most editions): the same order, without splitting each path
        return paths
    return sorted(paths, key=lambda path: path.split(os.sep))


def has_records(tei_dir: Path) -> bool:
    """Whether the folder holds a TEI file at all (stops at the first).

    Raises:
        InputError: the folder does not exist.
    """
    return next(_walk(tei_dir, None), None) is not None


def _walk(tei_dir: Path, problems: list[Diagnostic] | None) -> Iterator[str]:
    if not tei_dir.is_dir():
        raise InputError("no such folder of TEI records", Location(str(tei_dir)), "input-missing")
    folders = [str(tei_dir)]
    while folders:
        folder = folders.pop()
        try:
            entries = os.scandir(folder)
        except OSError as error:
            if problems is not None:
                problems.append(
                    Diagnostic(
                        "error", f"cannot read this folder: {error.strerror}", "input-unreadable", Location(folder)
                    )
                )
            continue
        with entries:  # read as it goes: has_records stops at the first record, not after the folder
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir():
                    folders.append(entry.path)
                elif entry.name.endswith(".xml") and entry.is_file():
                    yield entry.path


def _refuse_overlap(tei_dir: Path, site: Path) -> None:
    """The site may not be inside the TEI folder (its copies would be read as records), nor may the
    TEI folder be the site's ``tei/`` (the copies would be written over the records)."""
    source, target = tei_dir.resolve(), site.resolve()
    copies = target / "tei"
    if source in (target, copies) or source in target.parents or copies in source.parents:
        raise InputError(
            f"the site folder {site} and the TEI folder {tei_dir} overlap; "
            "the site's own copies would be built again on every run: choose an -o outside the TEI folder",
            Location(str(site)),
            "output-overlaps-input",
        )


def build_site(
    tei_dir: Path,
    site: Path,
    *,
    force: bool = False,
    jobs: int | None = None,
    fail_fast: bool = False,
    title: str = "Edition",
    schema: Path | None = None,
    schematron: Path | None = None,
    progress: Progress | None = None,
    executor: Executor | None = None,
    ui_lang: str = "en",
    base_url: str = "",
) -> BuildReport:
    """Build (or bring up to date) the site of the records in ``tei_dir`` (see the module doc).

    ``schema`` and ``schematron`` replace teikit's own (a project's customised
    copies); a change to them rebuilds every record, like a new teikit.
    ``executor`` runs the records elsewhere than the local pool (a Dask
    cluster, :class:`teikit.core.workers.DaskExecutor`).
    ``ui_lang`` is the language of the site's own words (one of
    :data:`teikit.publish.render.UI_LANGUAGES`) and ``base_url`` the site's stable
    address (for citations); a change to either rebuilds every page.

    Raises:
        InputError: ``tei_dir`` is missing.
        ConfigError: teikit's schemas or stylesheets are broken.
    """
    started = time.perf_counter()
    report = BuildReport()
    _refuse_overlap(tei_dir, site)
    problems: list[Diagnostic] = []
    with _acyclic():
        records = record_paths(tei_dir, problems)
    if problems:
        report.outcomes.append(BuildOutcome(str(tei_dir), str(tei_dir), "failed", diagnostics=problems))
    try:
        site.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(
            f"cannot create the site folder: {error.strerror}", Location(str(site)), "output-unwritable"
        ) from error
    # One look at each folder: debris of a killed build removed, and the names there known (no stat per output).
    present = remove_temporaries(site) | {f"tei/{name}" for name in remove_temporaries(site / "tei")}
    toolchain = toolchain_fingerprint()
    if schema is not None or schematron is not None:
        own = "".join(sha256(path.read_bytes()) if path else "-" for path in (schema, schematron))
        toolchain = sha256(f"{toolchain} {own}".encode())
    if ui_lang != "en" or base_url:
        toolchain = sha256(f"{toolchain} ui {ui_lang} {base_url}".encode())
    with _acyclic():  # tens of thousands of rows and names, none in a cycle
        root = str(tei_dir)
        keys = [key_of(source, root) for source in records]
        stats = stats_of(records)
    with ManifestStore(site) as store:
        if not force and not problems:
            meta = store.load_meta()
            seal = store.seal()
            pending = os.path.exists(site / PENDING_PATH)  # a search index left unfinished: not sealed
            if not pending and still_sealed(seal, toolchain, title, records, keys, stats, present, meta.site_files):
                hashes = store.tei_hashes()
                if all(key in hashes for key in keys):
                    report.outcomes += [
                        BuildOutcome(key, source, "skipped", hashes[key], stat, outputs_of(key))
                        for key, source, stat in zip(keys, records, stats, strict=True)
                    ]
                    report.seconds = time.perf_counter() - started
                    return report
        with _acyclic():
            previous = store.load()
            current = Manifest()
            # A record's page depends on its neighbours: their keys are part of what its row vouches for.
            depends: dict[str, str] = {}
            planned = _plan(
                site,
                records,
                keys,
                stats,
                previous,
                current,
                store,
                report,
                toolchain,
                force,
                ui_lang,
                base_url,
                present,
                depends,
            )
        jobs_to_run = [job() for key, job in planned.items() if key not in current.records]
        if jobs_to_run or title != previous.title or current.records.keys() != previous.records.keys():
            # The index pages will be written: every skipped record's entry is needed, and checked.
            jobs_to_run += _unreadable_entries(site, current, report, planned)
        elif not _site_files_present(present, previous):
            jobs_to_run += _unreadable_entries(site, current, report, planned)
        total = len(jobs_to_run)
        if progress is not None:
            for outcome in report.of("failed"):  # found before any record was built: a folder, a name
                progress(outcome, 0, total)
        factory = functools.partial(
            worker_factory, str(schema) if schema else None, str(schematron) if schematron else None
        )
        if jobs_to_run:
            mark_index_pending(site)
        outcomes = _run(jobs_to_run, factory, jobs, executor)
        try:
            for done, outcome in enumerate(outcomes, start=1):
                report.outcomes.append(outcome)
                if outcome.status == "built":
                    state = RecordState(
                        outcome.tei_hash,
                        outcome.outputs,
                        outcome.entry,
                        outcome.source,
                        outcome.stat,
                        depends.get(outcome.key, toolchain),
                    )
                    current.records[outcome.key] = state
                    store.put(outcome.key, state)  # the outputs are written: the row may say so
                if progress is not None:
                    progress(outcome, done, total)
                if fail_fast and outcome.status == "failed":
                    report.stopped = True
                    break
        except BaseException:
            # Stopped (Ctrl-C, SIGTERM): the workers are gone; what they had half-written goes too.
            outcomes.close()
            for folder in (site, site / "tei"):
                remove_temporaries(folder)
            raise
        if report.stopped:
            # Records not reached keep what the last build made of them.
            for key, state in previous.records.items():
                current.records.setdefault(key, state)
        else:
            _remove_stale(site, previous, current)
            store.forget([key for key in previous.records if key not in current.records])
        current.title = title
        store.set_title(title)
        unchanged = (
            title == previous.title
            and current.records.keys() == previous.records.keys()
            and all(
                state is previous.records[key] or state.same_build(previous.records[key])
                for key, state in current.records.items()
            )
            and _site_files_present(present, previous)
        )
        if not unchanged:
            from teikit.publish.catalog import CatalogEntry
            from teikit.publish.site import site_pages, write_site_files

            entries = [
                CatalogEntry.from_dict(state.entry)
                for key, state in current.records.items()
                if state.read_entry(key) and state.entry  # (records not reached after --fail-fast: not yet read)
            ]
            written = write_site_files(site, site_pages(entries, title, ui_lang=ui_lang, site=site))
            _remove_stale_pages(site, previous, written)
            store.set_site_files(written)
        if not unchanged or os.path.exists(site / PENDING_PATH):
            from teikit.publish.search import index_site

            index_site(site, search_records(current), ui_lang, jobs)
        # Last, once all is written: the seal that lets the next rebuild skip the rows (see seal.py).
        done = not report.stopped and not report.of("failed")
        store.set_seal(closing_seal(toolchain, title, records, keys, current.records) if done else "")
    report.seconds = time.perf_counter() - started
    return report


def search_records(manifest: Manifest) -> dict[str, str]:
    """The record pages of the site for the search index, and what each was built from."""
    return {
        key: f"{state.tei_hash} {state.toolchain}"
        for key, state in manifest.records.items()
        if f"{key}.html" in state.outputs
    }


@contextlib.contextmanager
def _acyclic() -> Iterator[None]:
    """Pause the cyclic garbage collector while a build reads its manifest and compares every record.

    Those steps make a few objects per record, none of them in a reference
    cycle, and keep them: the collector's passes over them, more frequent as
    they grow in number, took a third of a rebuild that found nothing changed.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _run(
    jobs_to_run: list[BuildJob], factory: Callable[[], dict[str, object]], jobs: int | None, executor: Executor | None
) -> Generator[BuildOutcome, None, None]:
    """The outcomes of the jobs, from the pool or the executor (none started when there is nothing to build)."""
    if not jobs_to_run:
        yield from ()
        return
    from teikit.core.workers import run_parallel

    yield from run_parallel(jobs_to_run, build_record, factory, crashed=crashed_record, jobs=jobs, executor=executor)


def _plan(
    site: Path,
    records: list[str],
    keys: list[str],
    stats: list[FileStat],
    previous: Manifest,
    current: Manifest,
    store: ManifestStore,
    report: BuildReport,
    toolchain: str,
    force: bool,
    ui_lang: str,
    base_url: str,
    present: set[str],
    depends: dict[str, str],
) -> dict[str, Callable[[], BuildJob]]:
    """Every record's job, by key, made when asked for (most records of a rebuild need none); those
    not to build go to ``current`` as skipped.

    Stat first, like git's index: a record the manifest vouches for by its
    file's size, mtime and inode is not read at all; one whose stat changed is
    hashed, and is rebuilt only if its bytes changed (a file only touched gets
    its new stat recorded). ``present``: the names in the site and its ``tei/`` folder;
    ``depends`` receives what each record's outputs depend on besides its TEI; ``keys`` and
    ``stats`` are those of ``records``, taken before the manifest was read.
    """
    planned: dict[str, Callable[[], BuildJob]] = {}
    seen: dict[str, str] = {}
    folder = str(site)
    for number, (source, key) in enumerate(zip(records, keys, strict=True)):
        other = seen.setdefault(key.casefold(), source)
        if other != source:
            report.outcomes.append(_same_name(key, Path(source), Path(other)))
            continue
        prev = keys[number - 1] if number else ""
        next_ = keys[number + 1] if number + 1 < len(keys) else ""
        planned[key] = functools.partial(BuildJob, source, key, folder, prev, next_, ui_lang, base_url)
        known = previous.records.get(key)
        depends[key] = _depends(toolchain, prev, next_)
        if (
            known is None
            or force
            or known.toolchain != depends[key]
            or not _outputs_there(site, source, key, known, present)
        ):
            continue
        if known.source != source or not stats[number].vouches_for(known.stat):
            stat = FileStat.of(source)
            if file_sha256(Path(source)) != known.tei_hash:
                continue
            fresh = dataclasses.replace(known, source=source, stat=stat, toolchain=depends[key])
            if known.source != source or not stat.same_file(known.stat) or not stat.racy:
                store.put(key, fresh)  # touched, not changed (or no longer racy): known by its stat next time
            known = fresh
        current.records[key] = known
        report.outcomes.append(
            BuildOutcome(key, source, "skipped", known.tei_hash, known.stat, known.outputs, known.entry)
        )
    return planned


def _outputs_there(site: Path, source: str, key: str, known: RecordState, present: set[str]) -> bool:
    """Whether a record's outputs are all in the site, its copied page images still their originals'.

    ``present`` holds the names of the site and its ``tei/`` folder, never an image's
    (those are in ``facs/``): a record with no image, most, is answered with one set look-up.
    """
    if present.issuperset(known.outputs):
        return True
    pages = [name for name in known.outputs if not is_image_output(key, name)]
    return (
        len(pages) < len(known.outputs) and present.issuperset(pages) and images_fresh(site, source, key, known.outputs)
    )


def _unreadable_entries(
    site: Path, current: Manifest, report: BuildReport, planned: dict[str, Callable[[], BuildJob]]
) -> list[BuildJob]:
    """Read the stored index entries of the skipped records; those not of teikit's making are rebuilt."""
    rebuild: list[BuildJob] = []
    for key, state in list(current.records.items()):
        if not state.read_entry(key):
            del current.records[key]
            report.outcomes = [o for o in report.outcomes if not (o.key == key and o.status == "skipped")]
            rebuild.append(planned[key]() if key in planned else BuildJob(state.source, key, str(site)))
    return rebuild


def _site_files_present(present: set[str], previous: Manifest) -> bool:
    """Whether the site-wide pages the last build wrote are all still there (``present``: the site's names)."""
    return bool(previous.site_files) and all(name in present for name in previous.site_files)


LEGACY_SITE_FILES = ("search-index.json", "search-index.js")
"""Site-wide files of earlier versions, now in shards: removed once a build writes the shards."""


def _remove_stale_pages(site: Path, previous: Manifest, written: list[str]) -> None:
    """Delete the site-wide pages the last build wrote and this one did not (a year gone, fewer
    shards). Only names of :data:`~teikit.publish.paging.SITE_FILE_RE`, so no other file is deleted;
    the single search index of earlier versions goes too, once, when their manifest is replaced."""
    stale = [name for name in previous.site_files if name not in written and SITE_FILE_RE.fullmatch(name)]
    if previous.records and not previous.site_files:
        stale += [name for name in LEGACY_SITE_FILES if name not in written]
    for name in stale:
        remove_output(site, name)


def _same_name(key: str, path: Path, other: Path) -> BuildOutcome:
    """Two records whose pages would have one name (on a disk that ignores case): the later fails."""
    message = (
        f"its site name {key!r} differs only in case from that of {other}; "
        "on many disks their pages would overwrite each other: rename one of the files"
    )
    return BuildOutcome(
        key, str(path), "failed", diagnostics=[Diagnostic("error", message, "key-collision", Location(str(path)))]
    )


def _remove_stale(site: Path, previous: Manifest, current: Manifest) -> None:
    """Delete the outputs of records that are gone or now invalid.

    Only names of the key scheme (a record's outputs and copied page images) that the previous
    manifest recorded (:meth:`Manifest.load` drops anything else), and only inside ``site``.
    The key scheme gives each record names of its own, so a name is kept
    exactly when the record is still there and still lists it.
    """
    for key, state in previous.records.items():
        now = current.records.get(key)
        if now is not None and now.outputs == state.outputs:
            continue
        keep = set(now.outputs) if now is not None else set()
        for name in [*outputs_of(key), *(name for name in state.outputs if is_image_output(key, name))]:
            if name in state.outputs and name not in keep:
                remove_output(site, name)
