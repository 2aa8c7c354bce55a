"""Page numbers from the record's leaves (msItem/locus), and a warning where the page breaks do not fit."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html

from teikit.publish.build import build_site
from teikit.publish.leaves import leaf_numbers
from teikit.publish.render import Options, Renderer

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "tei" / "wilson-111240.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("first", "last", "breaks", "numbers"),
    [
        (5, 9, 4, ["6", "7", "8", "9"]),  # one page a leaf
        (5, 9, 9, ["5v", "6", "6v", "7", "7v", "8", "8v", "9", "9v"]),  # both sides of every leaf
        (5, 9, 8, ["5v", "6", "6v", "7", "7v", "8", "8v", "9"]),  # both sides, ending on a recto
        (5, 9, 2, None),  # 3 pages on 5 leaves: no rule gives them numbers
        (5, 9, 6, None),
        (9, 9, 1, ["9v"]),
    ],
)
def test_the_rule(first: int, last: int, breaks: int, numbers: list[str] | None) -> None:
    assert leaf_numbers(first, last, breaks) == numbers


def _labels(page: str, column: str) -> list[str]:
    tree = html.fromstring(page)
    return [str(label.text) for label in tree.xpath(f"//div[contains(@class, '{column}')]//span[@class='tk-pb-label']")]


def test_pages_are_numbered_from_the_leaves_as_the_rule_says(tmp_path: Path) -> None:
    # The seed on leaves 9-10: the translation's one page break makes 2 pages (one a leaf), the
    # original's two make 3 (both sides, ending on a recto).
    source = tmp_path / "record.xml"
    source.write_text(SEED.replace('<locus from="9" to="17">', '<locus from="9" to="10">', 1), encoding="utf-8")
    renderer = Renderer()
    page = renderer.render_file(source, Options(to="html"))
    assert _labels(page, "tk-translation") == leaf_numbers(9, 10, 1) == ["10"]
    assert _labels(page, "tk-original") == leaf_numbers(9, 10, 2) == ["9v", "10"]
    assert "Page 9v" in page
    text = renderer.render_file(source, Options(to="text"))
    assert text.count("[p. 10]") == 2 and text.count("[p. 9v]") == 1


def test_page_breaks_that_do_not_fit_the_leaves_are_left_unnumbered_with_a_warning(tmp_path: Path) -> None:
    # The seed as published: leaves 9-17, but 2 and 3 pages: neither one a leaf nor both sides.
    tei = tmp_path / "tei"
    tei.mkdir()
    (tei / "wilson-111240.xml").write_text(SEED, encoding="utf-8")
    report = build_site(tei, tmp_path / "site", jobs=1)
    assert report.exit_code == 0
    warnings = [d for d in report.outcomes[0].diagnostics if d.code == "leaves-do-not-fit"]
    assert [w.level for w in warnings] == ["warning", "warning"]
    assert "the translation (en) has 1 page breaks, so 2 pages, but the record's leaves 9-17" in warnings[0].message
    assert "the original (ru) has 2 page breaks" in warnings[1].message
    line = SEED.splitlines()[warnings[0].location.line - 1]  # type: ignore[union-attr]
    assert line[warnings[0].location.col - 1 :].startswith('<locus from="9"')  # type: ignore[union-attr]
    page = (tmp_path / "site" / "wilson-111240.html").read_text(encoding="utf-8")
    assert _labels(page, "tk-translation") == _labels(page, "tk-original") == []


def test_an_n_given_is_kept_and_nothing_is_counted(tmp_path: Path) -> None:
    source = tmp_path / "record.xml"
    text = SEED.replace('<locus from="9" to="17">', '<locus from="9" to="10">', 1)
    source.write_text(text.replace("<pb/>в этом", '<pb n="A"/>в этом', 1), encoding="utf-8")
    page = Renderer().render_file(source, Options(to="html"))
    assert _labels(page, "tk-translation") == ["10"]
    assert _labels(page, "tk-original") == ["A"]
