"""Lay out a new edition project: ``teikit init DIR``.

An edition project is a folder every teikit command understands without
options (see :mod:`teikit.core.config`)::

    teikit.toml                 title, languages, base URL, UI language, publisher, schemas, folders
    records/                    transcripts (convert's input)
    tei/                        TEI, converted once, then edited by hand
    schemas/                    teikit.rng, teikit.sch, teikit.odd: the project's copy, to customise
    .pre-commit-config.yaml     validates staged TEI before each commit
    .github/workflows/tei.yml   validates on push and pull request (SARIF), builds the site
    .gitignore                  the built site

Nothing that exists is replaced: :func:`init_project` refuses, naming the
files, unless ``force`` is given.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from teikit import __version__
from teikit.core.config import CONFIG_NAME
from teikit.core.errors import Location, OutputExistsError
from teikit.core.resources import schema_path
from teikit.core.serialize import write_atomic

SCHEMA_FILES = ("teikit.rng", "teikit.sch", "teikit.odd")

#: The file names the pre-commit hook looks at; the root check leaves non-TEI XML out.
TEI_FILES_PATTERN = r"\.xml$"


@dataclass(frozen=True)
class ProjectSettings:
    """What ``teikit init`` writes into ``teikit.toml``."""

    title: str = "Edition"
    languages: tuple[str, ...] = ("en",)
    base_url: str = ""
    ui_lang: str = "en"
    publisher: str = ""


@dataclass
class InitReport:
    """The files written, relative to the project folder."""

    root: Path
    written: list[str] = field(default_factory=list)


def init_project(root: Path, settings: ProjectSettings, *, force: bool = False) -> InitReport:
    """Write the layout of the module doc into ``root`` (created if needed).

    Raises:
        OutputExistsError: a file of the layout exists and ``force`` is not given.
        InputError: a file cannot be written.
    """
    files = project_files(settings)
    existing = sorted(name for name in files if (root / name).exists())
    if existing and not force:
        raise OutputExistsError(
            f"the project has these files already: {', '.join(existing)}; use --force to replace them",
            Location(str(root)),
            "output-exists",
        )
    report = InitReport(root)
    for folder in ("records", "tei"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        write_atomic(root / name, data, force=True)
        report.written.append(name)
    return report


def project_files(settings: ProjectSettings) -> dict[str, bytes]:
    """Every file of a new project, by its path in the project."""
    files = {
        CONFIG_NAME: config_text(settings).encode("utf-8"),
        "records/.gitkeep": b"",
        "tei/.gitkeep": b"",
        ".pre-commit-config.yaml": PRE_COMMIT.encode("utf-8"),
        ".github/workflows/tei.yml": workflow_text().encode("utf-8"),
        ".gitignore": b"site/\n",
    }
    for name in SCHEMA_FILES:
        files[f"schemas/{name}"] = schema_path(name).read_bytes()
    return files


def config_text(settings: ProjectSettings) -> str:
    """``teikit.toml`` for ``settings``, every setting explained."""
    languages = ", ".join(json.dumps(language) for language in settings.languages)
    return f"""# teikit settings of this edition. Every teikit command run in this folder, or
# below it, reads them; an option given on the command line wins.

# The edition
title = {json.dumps(settings.title, ensure_ascii=False)}
publisher = {json.dumps(settings.publisher, ensure_ascii=False)}
# Languages of the records: the translation's first (convert's --lang), then the originals'.
languages = [{languages}]
# Where the site is published, and the language of its own labels.
base_url = {json.dumps(settings.base_url, ensure_ascii=False)}
ui_lang = {json.dumps(settings.ui_lang)}

# Folders, relative to this file
records = "records"   # transcripts: teikit convert
tei = "tei"           # TEI: teikit validate, teikit build
site = "site"         # the built site

# The project's schemas (copies of teikit's, to customise)
schema = "schemas/teikit.rng"
schematron = "schemas/teikit.sch"

# Worker processes; 0: one per core this process may use
jobs = 0
"""


PRE_COMMIT = f"""# Validate staged TEI before each commit (https://pre-commit.com): pip install pre-commit && pre-commit install
# Runs the teikit installed where pre-commit runs. XML files whose root is not TEI or
# teiCorpus (build.xml, stylesheets, grammars, SVG) are skipped with a notice.
repos:
  - repo: local
    hooks:
      - id: teikit-validate
        name: teikit validate
        entry: teikit validate --allow-empty
        language: system
        files: '{TEI_FILES_PATTERN}'
        require_serial: true
"""


def install_requirement() -> str:
    """How CI installs the teikit that runs here: the URL pip recorded, else this version."""
    try:
        recorded = metadata.distribution("teikit").read_text("direct_url.json")
        origin = json.loads(recorded) if recorded else {}
    except (metadata.PackageNotFoundError, ValueError):
        origin = {}
    url = str(origin.get("url", ""))
    vcs = origin.get("vcs_info")
    if isinstance(vcs, dict) and url and vcs.get("commit_id"):
        return f"teikit @ {vcs.get('vcs', 'git')}+{url}@{vcs['commit_id']}"
    if url.startswith("https://") and "archive_info" in origin:
        return f"teikit @ {url}"
    return f"teikit=={__version__}"


def workflow_text() -> str:
    """The GitHub workflow: validate (annotations, job summary, SARIF for code scanning), then build."""
    return f"""# Validate the TEI on every push and pull request, then build the site.
name: TEI
on: [push, pull_request]
permissions:
  contents: read
  security-events: write
jobs:
  tei:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - name: Install teikit
        run: pip install '{install_requirement()}'
      - name: Validate the TEI
        run: teikit validate --format github
      - name: SARIF for code scanning
        if: always()
        run: teikit validate --format sarif -o teikit.sarif || true
      - uses: github/codeql-action/upload-sarif@v3
        if: always() && hashFiles('teikit.sarif') != ''
        with:
          sarif_file: teikit.sarif
      - name: Build the site
        run: teikit build
"""
