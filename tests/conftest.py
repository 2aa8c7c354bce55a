"""Shared fixtures: the bundled seed, the shared corpus, tei_all."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "records" / "wilson-111240.md"
# TEIKIT_SHARED points elsewhere when the checkout does not sit next to shared/ (a git worktree).
SHARED = Path(os.environ.get("TEIKIT_SHARED") or ROOT.parent / "shared")
CORPUS = SHARED / "corpus"
TEI_ALL = SHARED / "reference" / "tei_all.rng"


@pytest.fixture(scope="session")
def seed() -> Path:
    return SEED


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared sample corpus is not at {CORPUS}; clone teikit next to 'shared/' to run this test")
    return CORPUS


@pytest.fixture(scope="session")
def records(corpus: Path) -> list[Path]:
    return sorted((corpus / "records").iterdir())


@pytest.fixture(scope="session")
def tei_all() -> etree.RelaxNG:
    """The official TEI P5 tei_all schema, compiled once (about 10 s)."""
    if not TEI_ALL.is_file():
        pytest.skip(f"tei_all.rng is not at {TEI_ALL}; clone teikit next to 'shared/' to run conformance tests")
    return etree.RelaxNG(etree.parse(str(TEI_ALL)))
