"""The HTML edition in a real browser: rows aligned, footnotes and back-links, the style toggle."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CORPUS
from teikit.convert.encode import encode
from teikit.convert.read import read_transcript
from teikit.core.serialize import to_bytes
from teikit.publish.render import Options, Renderer

#: Whether an element is inside the viewport, with one pixel of tolerance: browsers
#: round scroll positions to device pixels, so a target can land at -0.05 px.
IN_VIEW = "element => { const box = element.getBoundingClientRect(); return box.top >= -1 && box.bottom <= window.innerHeight + 1; }"

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> str:
    target = tmp_path_factory.mktemp("edition") / "wilson-111240.html"
    target.write_text(Renderer().render_file(ROOT / "tei" / "wilson-111240.xml", Options(to="html")), encoding="utf-8")
    return target.as_uri()


def _top(page, selector: str) -> float:  # type: ignore[no-untyped-def]
    box = page.locator(selector).bounding_box()
    assert box is not None, selector
    return float(box["y"])


def test_turns_share_a_row_and_stack_on_a_narrow_screen(page, edition: str, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(edition)
    for number in range(1, 53):
        assert abs(_top(page, f"#en-sp{number}") - _top(page, f"#ru-sp{number}")) < 1, number
    page.screenshot(path=str(artifacts / "edition-parallel.png"), full_page=False)
    page.set_viewport_size({"width": 600, "height": 900})
    assert _top(page, "#ru-sp1") > _top(page, "#en-sp1") + 20
    assert page.errors == []


@pytest.fixture(scope="module")
def footnoted(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A FRUS record with footnotes (the seed's identifications stay in the line, unnumbered)."""
    source = CORPUS / "frus" / "records" / "frus1969-76v28-d150.txt"
    if not source.is_file():
        pytest.skip(f"the shared corpus is not at {source.parent}")
    folder = tmp_path_factory.mktemp("footnoted")
    tei = folder / "d150.xml"
    tei.write_bytes(to_bytes(encode(read_transcript(source)).tree))
    target = folder / "d150.html"
    target.write_text(Renderer().render_file(tei, Options(to="html")), encoding="utf-8")
    return target.as_uri()


def test_footnote_and_back_link(page, footnoted: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(footnoted)
    marker = page.locator("#tk-fnref-1")
    marker.scroll_into_view_if_needed()
    # The marker follows the word it annotates, with no space between.
    assert marker.evaluate("element => /\\S$/.test(element.closest('sup').previousSibling.textContent)")
    marker.click()
    assert page.url.endswith("#tk-fn-1")
    note = page.locator("#tk-fn-1")
    assert note.is_visible() and "William Tapley Bennett" in note.inner_text()
    assert note.evaluate(IN_VIEW)
    note.locator("a.tk-backlink.r").click()
    assert page.url.endswith("#tk-fnref-1")
    assert marker.evaluate(IN_VIEW)
    assert page.errors == []


def test_toggle_switches_reading_and_diplomatic(page, edition: str, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(edition)
    turn = page.locator("#en-sp1")
    reading = turn.inner_text()
    assert "the CC CPC [Central Committee of the Communist Party of China] entrusted me" in reading
    assert "comr[ade] Stalin" in reading
    page.click("label[for=tk-style-diplomatic]")
    diplomatic = turn.inner_text()
    assert "the CC CPC [Central Committee of the Communist Party of China] entrusted me" in diplomatic
    assert "comr[ade]. Stalin" in diplomatic
    page.locator("#ru-sp19").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "edition-diplomatic.png"))
    page.click("label[for=tk-style-reading]")
    assert turn.inner_text() == reading
    page.click("label[for=tk-view-translation]")
    assert not page.locator("#ru-sp1").is_visible() and page.locator("#en-sp1").is_visible()
    assert page.errors == []


def test_works_without_javascript(browser, edition: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(edition)
    page.click("label[for=tk-style-diplomatic]")
    assert "CC CPC [Central Committee" in page.locator("#en-sp1").inner_text()
    context.close()
