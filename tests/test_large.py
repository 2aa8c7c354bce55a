"""A 50 MB TEI record validates and renders (times and memory are in benchmarks/bench_large.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from teikit.check.validate import Validator
from teikit.publish.render import Options, Renderer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from corpus import large_record


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return large_record(50, tmp_path_factory.mktemp("large") / "large.xml")


def test_large_record_validates(large: Path) -> None:
    assert large.stat().st_size > 50 * 1024 * 1024 * 0.95
    result = Validator().check_file(large)
    assert result.valid, [str(d) for d in result.diagnostics[:5]]


def test_large_record_renders(large: Path) -> None:
    renderer = Renderer()
    html = renderer.render_file(large, Options(to="html"))
    assert html.count('class="tk-sp"') > 50_000 and html.rstrip().endswith("</html>")
    text = renderer.render_file(large, Options(to="text"))
    assert text.count("Comrade Stalin:") > 10_000
