"""TEI from other editions in a real browser: a letter's front, back and notes; a FRUS memorandum."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.frus import wrap
from conftest import CORPUS
from teikit.core.xmlsafe import parse_document
from teikit.publish.render import Options, Renderer

pytestmark = pytest.mark.browser


def _page(tmp_path: Path, name: str, data: bytes) -> str:
    target = tmp_path / f"{name}.html"
    document = parse_document(data, name)
    target.write_text(Renderer().render_document(document, Options(to="html")), encoding="utf-8")
    return target.as_uri()


def _source(path: Path) -> Path:
    if not path.is_file():
        pytest.skip(f"{path} is absent; clone teikit next to 'shared/'")
    return path


def test_a_letter_shows_front_back_and_linked_notes(page, tmp_path: Path, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    source = _source(CORPUS / "tei-foreign" / "escher-K_0039.xml")
    page.goto(_page(tmp_path, "escher", source.read_bytes()))
    assert page.title() == "Johann Konrad Kern an Alfred Escher, s.l., [Oktober 1872]"
    for words in ("Mein lieber Freund.", "stets der deinige", "Entschuldige die Eile."):
        assert page.get_by_text(words, exact=False).first.is_visible(), words
    page.locator("section.tk-edition").evaluate("e => e.scrollIntoView()")
    page.screenshot(path=str(artifacts / "foreign-letter.png"), full_page=False)
    page.click("#tk-fnref-1")
    assert page.url.endswith("#tk-fn-1")
    assert page.locator("#tk-fn-1").evaluate("e => e.matches(':target')")
    page.locator("#tk-fn-1 a.tk-backlink.r").click()
    assert page.url.endswith("#tk-fnref-1")
    assert page.errors == []


def test_a_frus_memorandum_shows_title_heads_pages_and_glosses(page, tmp_path: Path, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    source = _source(CORPUS / "frus" / "xml" / "frus1969-76v28-d152.xml")
    page.goto(_page(tmp_path, "frus-d152", wrap(source)))
    heading = page.locator("h1").inner_text()
    assert heading.startswith("152.") and "Memorandum" in heading
    assert page.locator(".tk-list-participants .tk-head").first.inner_text().strip() in ("PARTICIPANTS", "PRESENT")
    assert page.locator(".tk-pb-label").count() >= 1 and page.locator(".tk-pb-label").first.is_visible()
    gloss = page.locator("a.tei-gloss").first
    assert gloss.inner_text() == gloss.evaluate("e => e.textContent")
    assert "(" not in gloss.inner_text()
    page.locator("h3.tk-head", has_text="152.").first.evaluate("e => e.scrollIntoView()")
    page.screenshot(path=str(artifacts / "foreign-frus-memorandum.png"), full_page=False)
    assert page.errors == []
