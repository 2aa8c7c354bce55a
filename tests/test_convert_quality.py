"""The FRUS corpus measured as benchmarks/bench_convert_quality.py measures it, held to the issue's thresholds."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from bench_convert_quality import measure_corpus, totals


def test_frus_turns_words_and_page_breaks(corpus: Path) -> None:
    results = measure_corpus(corpus)
    frus = [result for result in results if result.kind != "-"]
    assert len(frus) == 24
    recall, precision = totals(results)
    assert recall >= 0.99 and precision >= 0.99, (recall, precision)
    assert sum(result.gold for result in frus) >= 569
    assert [result.name for result in results if result.words_lost] == []
    assert sum(result.page_breaks for result in frus) == 0
    assert [result.found for result in frus if result.kind in ("reported", "control")] == [0] * 14
