"""Rendering: the diplomatic text gives back the transcript, HTML is valid HTML5, hostile input leaks nothing."""

from __future__ import annotations

import re
from pathlib import Path

import html5lib
import pytest
from click.testing import CliRunner

from teikit.cli import cli
from teikit.core.errors import RenderError, XMLInputError
from teikit.publish.render import Options, Renderer

ROOT = Path(__file__).resolve().parent.parent
SEED_TEI = ROOT / "tei" / "wilson-111240.xml"
LABEL_RE = re.compile(r"^(?:✓ )?(Comrade Mao Zedong|Comrade Stalin|Товарищ Мао Цзэ-дун|Товарищ Сталин):", re.M)


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer()


def transcript_normalised(text: str) -> str:
    """The documented normalisation: fold white space, drop Markdown emphasis and heading markers."""
    text = re.sub(r"^#{1,6}\s+", "", text, flags=re.M)
    text = text.replace("**", "").replace("*", "")
    return " ".join(text.split())


def test_diplomatic_text_gives_back_the_transcript(renderer: Renderer, seed: Path) -> None:
    body = "\n".join(seed.read_text(encoding="utf-8").splitlines()[27:])  # the document starts at line 28
    diplomatic = renderer.render_file(SEED_TEI, Options(to="text", style="diplomatic", header=False))
    assert transcript_normalised(diplomatic) == transcript_normalised(body)
    for sign in (
        "CC CPC [Central Committee",
        "comr[ade]. Stalin",
        "Kailan [?]",
        "VKP/b/ [All-Union",
        "/Karskii/",
        "помо-",
        "З А П И С Ь",
        "[signature illegible 31/XII]",
    ):
        assert sign in diplomatic


def test_reading_text_keeps_every_speaker_and_turn(renderer: Renderer, seed: Path) -> None:
    reading = renderer.render_file(SEED_TEI, Options(to="text", style="reading"))
    source_labels = [match.group(1) for match in LABEL_RE.finditer(seed.read_text(encoding="utf-8"))]
    reading_labels = [match.group(1) for match in LABEL_RE.finditer(reading)]
    assert len(source_labels) == 104 and reading_labels == source_labels
    # The translator's words stay; the editors' additions stand beside them in square brackets.
    assert (
        "the CC CPC [Central Committee of the Communist Party of China] entrusted me to ascertain from you, comr[ade] Stalin"
        in reading
    )
    assert "what [Nationalist Chinese leader] Jiang Jieshi [Chiang Kai-shek] could not" in reading
    assert "Guomindang [Kuomintang] supporters" in reading and "over Xinjiang" in reading
    assert "(the Kailan [?] mines" in reading and "wolfram [tungsten]" in reading
    translation = reading.split("— Translation (English) —")[1].split("— Original")[0]
    assert "\nNotes\n" not in translation  # identifications stay in the line, where the translator put them
    assert "помощи Советского Союза" in reading


def test_html_is_valid_html5(renderer: Renderer) -> None:
    page = renderer.render_file(SEED_TEI, Options(to="html"))
    parser = html5lib.HTMLParser(strict=True)
    document = parser.parse(page)
    assert not parser.errors
    assert page.startswith("<!DOCTYPE HTML>") or page.lower().startswith("<!doctype html>")
    namespace = {"h": "http://www.w3.org/1999/xhtml"}
    assert document.tag == "{http://www.w3.org/1999/xhtml}html" and document.get("lang") == "en"
    cells = document.findall(".//h:div[@class='tk-cell tk-original']", namespace)
    assert len(cells) > 52
    assert all(cell.get("lang") == "ru" for cell in cells[1:])  # the first is the English column heading
    for landmark in ("header", "main", "footer", "nav"):
        assert document.find(f".//h:{landmark}", namespace) is not None
    assert "<script>" in page and "<style>" in page and "src=" not in page


@pytest.mark.parametrize(("before", "after"), [("", ""), ("", "&#10;"), ("&#9; ", " ")])
def test_every_turn_shares_a_row_with_its_counterpart(
    renderer: Renderer, tmp_path: Path, before: str, after: str
) -> None:
    """Also when an archivist's hand-edited @corresp carries stray white space around the pointer."""
    source = re.sub(r'corresp="(#[^"]+)"', rf'corresp="{before}\1{after}"', SEED_TEI.read_text(encoding="utf-8"))
    target = tmp_path / "padded.xml"
    target.write_text(source, encoding="utf-8")
    page = renderer.render_file(target, Options(to="html"))
    document = html5lib.parse(page, namespaceHTMLElements=False)
    rows = [
        row
        for row in document.iter("div")
        if "tk-pair" in (row.get("class") or "") and "tk-colheads" not in row.get("class")
    ]
    paired = 0
    for row in rows:
        ids = [element.get("id") for element in row.iter() if (element.get("id") or "").startswith(("en-sp", "ru-sp"))]
        if any(ident.startswith("en-sp") for ident in ids):
            number = ids[0][len("en-sp") :]
            assert ids == [f"en-sp{number}", f"ru-sp{number}"]
            paired += 1
    assert paired == 52


@pytest.mark.parametrize("name", ["escher-K_0039.xml", "schnitzler-briefe-L02213.xml"])
def test_foreign_tei_renders(renderer: Renderer, corpus: Path, name: str) -> None:
    path = corpus / "tei-foreign" / name
    page = renderer.render_file(path, Options(to="html"))
    parser = html5lib.HTMLParser(strict=True)
    parser.parse(page)
    assert not parser.errors
    for style in ("reading", "diplomatic"):
        text = renderer.render_file(path, Options(to="text", style=style))
        assert len(text.split()) > 100


def test_sample_records_render(renderer: Renderer, records: list[Path], tmp_path: Path) -> None:
    from helpers import convert
    from teikit.core.serialize import to_bytes

    for record in records:
        target = tmp_path / (record.stem + ".xml")
        target.write_bytes(to_bytes(convert(record)[0].tree))
        page = renderer.render_file(target, Options(to="html"))
        assert "<main" in page
        text = renderer.render_file(target, Options(to="text", style="diplomatic", header=False))
        assert text.strip()


def test_repeated_footnote_marker_renders_as_the_same_note(renderer: Renderer, tmp_path: Path) -> None:
    from helpers import convert
    from teikit.core.serialize import to_bytes

    record = tmp_path / "notes.md"
    record.write_text("Title: Notes\n\nMet at Chequers[1], then at Chequers[1] again.\n\n[1] A country house.\n")
    target = tmp_path / "notes.xml"
    target.write_bytes(to_bytes(convert(record)[0].tree))
    diplomatic = renderer.render_file(target, Options(to="text", style="diplomatic", header=False))
    assert "Met at Chequers[1], then at Chequers[1] again." in diplomatic
    assert diplomatic.count("A country house.") == 1
    page = renderer.render_file(target, Options(to="html"))
    assert page.count('href="#tk-fn-1"') == 4  # reading and diplomatic marker, twice
    assert page.count("A country house.") == 1


@pytest.mark.parametrize(
    ("who", "href"),
    [
        ("#stalin", "#stalin"),
        ("#stalin\n", "#stalin"),
        ("\t#stalin", "#stalin"),
        ("#mao-zedong #stalin", "#mao-zedong"),
        ("#nobody", None),
    ],
)
def test_speaker_links_to_the_first_person_its_turn_names(
    renderer: Renderer, tmp_path: Path, who: str, href: str | None
) -> None:
    """Pointers written by hand may carry stray white space or name several people: the link goes to the first."""
    source = SEED_TEI.read_text(encoding="utf-8")
    first_turn = re.search(r'<sp xml:id="[^"]+" who="([^"]+)"', source)
    assert first_turn
    escaped = who.replace("\n", "&#10;").replace("\t", "&#9;")
    start, end = first_turn.span(1)
    target = tmp_path / "pointer.xml"
    target.write_text(source[:start] + escaped + source[end:], encoding="utf-8")
    page = renderer.render_file(target, Options(to="html"))
    speaker = re.search(r'<(a|strong) class="tk-speaker"(?: href="([^"]*)")?>', page)
    assert speaker
    assert speaker.group(2) == href
    assert speaker.group(1) == ("a" if href else "strong")


def test_external_entity_does_not_leak(renderer: Renderer, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-PASSWORD-1234", encoding="utf-8")
    hostile = tmp_path / "hostile.xml"
    hostile.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>\n'
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt>'
        "<publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>"
        "<text><body><p>&xxe;</p></body></text></TEI>\n",
        encoding="utf-8",
    )
    for to in ("html", "text"):
        with pytest.raises(XMLInputError) as caught:
            renderer.render_file(hostile, Options(to=to))
        assert caught.value.code == "xml-entity"
        assert "TOP-SECRET" not in str(caught.value)
    result = CliRunner().invoke(cli, ["render", str(hostile), "-d", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "TOP-SECRET" not in result.output
    assert not (tmp_path / "out").exists() or not any(
        "TOP-SECRET" in p.read_text() for p in (tmp_path / "out").iterdir()
    )


def test_stylesheet_errors_name_the_stylesheet_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import teikit.publish.render as render_module

    broken = tmp_path / "xslt"
    broken.mkdir()
    for name in ("html.xsl", "text.xsl"):
        (broken / name).write_text(
            '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:tk="urn:teikit:xslt">\n'
            '  <xsl:param name="style"/><xsl:param name="view"/><xsl:param name="header"/><xsl:param name="source-name"/>\n'
            '  <xsl:template match="/">\n'
            '    <xsl:message terminate="yes" error-code="tk:broken">no turn here</xsl:message>\n'
            "  </xsl:template>\n"
            "</xsl:stylesheet>\n",
            encoding="utf-8",
        )
    monkeypatch.setattr(render_module, "stylesheet_path", lambda name: broken / name)
    with pytest.raises(RenderError) as caught:
        render_module.Renderer().render_file(SEED_TEI, Options(to="text"))
    message = str(caught.value)
    assert message.startswith(f"{SEED_TEI}: error: cannot render as text: no turn here")
    assert f"{broken / 'text.xsl'}:4:" in message


def test_cli_render_writes_named_files(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["render", str(SEED_TEI), "--to", "text", "--style", "diplomatic", "-d", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "wilson-111240.diplomatic.txt").read_text(encoding="utf-8").startswith("Record of Conversation")
    html = CliRunner().invoke(cli, ["render", str(SEED_TEI), "-d", str(tmp_path)])
    assert html.exit_code == 0
    assert (tmp_path / "wilson-111240.html").read_text(encoding="utf-8").count('class="tk-sp"') == 104


def test_render_help_has_examples() -> None:
    result = CliRunner().invoke(cli, ["render", "--help"])
    assert "Examples:" in result.output and "--style diplomatic" in result.output
