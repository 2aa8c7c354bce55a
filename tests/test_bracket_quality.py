"""The bracket rules against the hand-labelled set (tests/data/brackets-labelled.tsv)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def _bench() -> ModuleType:
    path = ROOT / "benchmarks" / "bench_bracket_quality.py"
    spec = importlib.util.spec_from_file_location("bench_bracket_quality", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_kinds_agree_with_the_hand_labels(corpus: Path) -> None:
    bench = _bench()
    quality = bench.measure(corpus)
    assert quality.total == 166 and quality.header == 3
    assert quality.accuracy >= 0.95, bench.report(quality)
    assert quality.unclassified_frus == []
    assert quality.cross_paragraph == []
    assert quality.missing == [], quality.missing
    report = bench.report(quality)
    assert "kind accuracy:" in report and "confusion" in report


def test_every_labelled_kind_is_a_rule() -> None:
    from teikit.convert.brackets import RULES

    names = {rule.name for rule in RULES} | {"source-title"}
    rows = (ROOT / "tests" / "data" / "brackets-labelled.tsv").read_text(encoding="utf-8").splitlines()[1:]
    kinds = {row.split("\t")[5] for row in rows}
    assert kinds <= names, kinds - names
    assert len(rows) == 169
