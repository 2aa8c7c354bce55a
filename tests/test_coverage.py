"""Rendering coverage of TEI that teikit did not write: every word of <text> once, nothing added.

The conformance corpus: the hand-made files of tests/conformance (one per
element family), the two letters of ../shared/corpus/tei-foreign and the 24
FRUS documents of ../shared/corpus/frus/xml, wrapped as their volumes hold them
(tests/conformance/frus.py) and as cut (a bare <div>, its namespaces declared).
See tests/accounting.py for what is compared.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from lxml import etree, html

import accounting
from conformance.frus import fragment, wrap
from conftest import CORPUS, ROOT
from teikit.core.xmlsafe import ParsedDocument, parse_document
from teikit.publish.catalog import catalog_entry
from teikit.publish.render import Options, Renderer

HAND_MADE = sorted((ROOT / "tests" / "conformance").glob("*.xml"))
LETTERS = sorted((CORPUS / "tei-foreign").glob("*.xml"))
FRUS = sorted((CORPUS / "frus" / "xml").glob("*.xml"))
CASES = [pytest.param(p, id=p.name) for p in (*HAND_MADE, *LETTERS, *FRUS)] + [
    pytest.param(Path(f"{p}#fragment"), id=f"{p.name}#fragment") for p in FRUS
]


def load(path: Path) -> ParsedDocument:
    """A conformance file: FRUS documents wrapped as their volume holds them, or (``…#fragment``) as cut."""
    source = Path(str(path).removesuffix("#fragment"))
    if not source.is_file():
        pytest.skip(f"{source} is absent; clone teikit next to 'shared/' to run the corpus part")
    if source.parent == CORPUS / "frus" / "xml":
        return parse_document(fragment(source) if str(path).endswith("#fragment") else wrap(source), str(path))
    return parse_document(source.read_bytes(), str(path))


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer()


def editions(renderer: Renderer, document: ParsedDocument) -> tuple[str, str]:
    text, page = renderer.render_editions(document, [Options(to="text", header=False), Options(to="html")])
    return text, page


def test_the_corpus_is_all_there() -> None:
    assert len(HAND_MADE) == 6
    if not CORPUS.is_dir():
        pytest.skip("the shared corpus is absent")
    assert (len(LETTERS), len(FRUS)) == (2, 24)


@pytest.mark.parametrize("path", CASES)
def test_every_word_once_in_both_editions(path: Path, renderer: Renderer) -> None:
    document = load(path)
    root = document.tree.getroot()
    want = accounting.expected(root)
    text, page = editions(renderer, document)
    assert want.body, "the document has words"
    assert accounting.text_edition(text, root) == want.whole()
    assert accounting.html_edition(page) == want.whole()
    _links_resolve(page)


def _dropping(tmp_path: Path, element: str) -> Renderer:
    """teikit's stylesheets with one more rule that leaves ``element`` out of both editions."""
    copy = tmp_path / "xslt"
    shutil.copytree(ROOT / "xslt", copy)
    rule = (
        f'<xsl:template match="tei:{element}" mode="tk:block tk:blocks tk:inline tk:plain" priority="100"/>\n'
        "</xsl:stylesheet>"
    )
    for name in ("html.xsl", "text.xsl"):
        sheet = copy / name
        sheet.write_text(sheet.read_text(encoding="utf-8").replace("</xsl:stylesheet>", rule), encoding="utf-8")
    return Renderer(copy)


@pytest.mark.parametrize(
    ("file", "element", "words"), [("frontback.xml", "salute", "Dear Carl,"), ("families.xml", "head", "PRESENT")]
)
def test_the_accounting_fails_when_a_template_drops_an_element(
    tmp_path: Path, file: str, element: str, words: str
) -> None:
    document = load(ROOT / "tests" / "conformance" / file)
    root = document.tree.getroot()
    want = accounting.expected(root).whole()
    text, page = editions(_dropping(tmp_path, element), document)
    for got in (accounting.text_edition(text, root), accounting.html_edition(page)):
        assert got != want
        assert accounting._squeeze(words) in want
        assert len(want) - len(got) >= len(accounting._squeeze(words))


def _links_resolve(page: str) -> etree._Element:
    tree = html.fromstring(page)
    ids = set(tree.xpath("//@id"))
    missing = [href for href in tree.xpath("//a/@href") if href.startswith("#") and href[1:] not in ids and href != "#"]
    assert missing == []
    return tree


def test_a_letter_has_its_front_back_notes_and_registers(renderer: Renderer) -> None:
    document = load(CORPUS / "tei-foreign" / "escher-K_0039.xml")
    text, page = editions(renderer, document)
    tree = _links_resolve(page)
    main = tree.get_element_by_id("tk-main")
    edition = " ".join(main.xpath("string(.//section[@class='tk-edition'])").split())
    assert "Mein lieber Freund." in edition and "stets der deinige" in edition and "nicht versäumen." in edition
    assert len(tree.xpath("//section[@class='tk-notes']//li")) == 10
    assert len(tree.xpath("//a[starts-with(@id, 'tk-fnref-')]")) == 20  # a marker in each view
    assert "Herzlicher[2] Dank" in text


def test_registers_are_registers_and_names_link_to_them(renderer: Renderer) -> None:
    document = load(CORPUS / "tei-foreign" / "schnitzler-briefe-L02213.xml")
    text, page = editions(renderer, document)
    tree = _links_resolve(page)
    assert tree.xpath("string(//title)") == "Arthur Schnitzler an Robert Adam, 11.\u00a07.\u00a01915"
    assert tree.xpath("//a[@href='#pmb168815']") and tree.xpath("//section[@class='tk-registers']//li[@id='pmb168815']")
    text = text.replace("\u00a0", " ")  # the letter writes no-break spaces
    body, _, rest = text.partition("Register of persons")
    assert body.rstrip().endswith("Arthur Schnitzler") and "Kammerspiele Wien" in rest and "Kammerspiele" not in body
    assert "Dr. Arthur Schnitzler 11/7 1915\n" in text


def test_a_frus_memorandum_as_written(renderer: Renderer) -> None:
    document = load(CORPUS / "frus" / "xml" / "frus1969-76v12-d157.xml")
    text, page = editions(renderer, document)
    tree = _links_resolve(page)
    title = (
        "157. Memorandum From the President's Assistant for National Security Affairs (Kissinger) to President Nixon"
    )
    assert tree.xpath("string(//title)") == title
    assert catalog_entry(document.tree.getroot(), "d157").title == title
    assert tree.xpath("//*[contains(@class, 'tk-list-subject')]//h3[.='SUBJECT']")
    assert tree.xpath("//span[@class='tk-pb-label'][.='481']")
    assert tree.xpath("//a[@class='tk-name tei-gloss'][@href='#t_USSR1'][.='USSR']")
    assert "(USSR)" not in text and "by the USSR to support" in text
    diplomatic = renderer.render_document(document, Options(to="text", style="diplomatic", header=False))
    assert "[USSR]" not in diplomatic and "the USSR to support" in diplomatic
    assert re.search(r"Ellipses in the source text\.", text.partition("\nNotes\n")[2])
    cut = load(Path(f"{CORPUS / 'frus' / 'xml' / 'frus1969-76v12-d157.xml'}#fragment"))
    text, page = editions(renderer, cut)
    assert html.fromstring(page).xpath("string(//title)") == title
    assert catalog_entry(cut.tree.getroot(), "d157").title == title
    assert "Nixon[1]" in text.replace(" [1]", "[1]") and "[1] Source: National Archives" in text


def test_titles_from_the_title_statement_or_the_head(tmp_path: Path) -> None:
    from teikit.core.xmlsafe import parse_file

    letter = load(CORPUS / "tei-foreign" / "schnitzler-briefe-L02213.xml")
    assert catalog_entry(letter.tree.getroot(), "L02213").title == "Arthur Schnitzler an Robert Adam, 11. 7. 1915"
    seed = parse_file(ROOT / "tei" / "wilson-111240.xml")
    assert catalog_entry(seed.tree.getroot(), "w").title.startswith("Record of Conversation between I.V. Stalin")


@pytest.mark.parametrize("path", [pytest.param(p, id=p.name) for p in HAND_MADE])
def test_hand_made_files_render_as_their_reviewed_golden_text(path: Path, renderer: Renderer) -> None:
    """tests/conformance/golden holds each file's reading text, reviewed by eye; rewrite it with
    ``python tests/conformance/regenerate.py`` and review the diff."""
    golden = path.parent / "golden" / f"{path.stem}.txt"
    assert renderer.render_file(path, Options(to="text")) == golden.read_text(encoding="utf-8")
