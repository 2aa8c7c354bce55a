"""The HTML edition in a real browser: rows aligned, footnotes and back-links, the style toggle."""

from __future__ import annotations

from pathlib import Path

import pytest

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


def test_footnote_and_back_link(page, edition: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(edition)
    marker = page.locator("#tk-fnref-1")
    marker.scroll_into_view_if_needed()
    marker.click()
    assert page.url.endswith("#tk-fn-1")
    note = page.locator("#tk-fn-1")
    assert note.is_visible() and "Nationalist Chinese leader" in note.inner_text()
    assert note.evaluate(IN_VIEW)
    note.locator("a.tk-backlink.r").click()
    assert page.url.endswith("#tk-fnref-1")
    assert marker.evaluate(IN_VIEW)
    assert page.errors == []


def test_toggle_switches_reading_and_diplomatic(page, edition: str, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(edition)
    turn = page.locator("#en-sp1")
    reading = turn.inner_text()
    assert "the Central Committee of the Communist Party of China entrusted me" in reading
    assert "comrade Stalin" in reading and "[" not in reading.replace("\u00a0", " ")
    page.click("label[for=tk-style-diplomatic]")
    diplomatic = turn.inner_text()
    assert "the CC CPC [Central Committee of the Communist Party of China] entrusted me" in diplomatic
    assert "comr[ade]. Stalin" in diplomatic
    assert not page.locator("#tk-fnref-1").is_visible()
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
