"""Reading transcripts: both header shapes, line ends, places of every value."""

from __future__ import annotations

from pathlib import Path

import pytest

from teikit.convert.read import Shape, find_date, parse_transcript, read_transcript
from teikit.core.errors import TranscriptError

HARD = "  "  # Markdown: two trailing spaces end a line without ending the paragraph
PAGE = f"""

**March 3, 1950**{HARD}
**Memorandum of Conversation between A and B**

**Citation:**

“Memo,” March 3, 1950, Archive of Foreign Policy, Russian Federation (AVPRF), f. 0100, op. 43, d. 10, l. 5. Translated by Jane Roe{HARD}
<https://example.org/document/42>

**Summary:**

A short summary.

**Original Language:**

Russian

First paragraph of the body
continues on a soft-wrapped line.

Second paragraph.
"""


def test_page_shape_fields_and_places() -> None:
    transcript = parse_transcript(PAGE, "page.md")
    assert transcript.shape is Shape.PAGE
    assert transcript.value("Date") == "March 3, 1950"
    assert transcript.value("Title") == "Memorandum of Conversation between A and B"
    assert transcript.value("URL") == "https://example.org/document/42"
    assert transcript.value("Citation").endswith("Translated by Jane Roe")
    assert str(transcript.fields["Summary"].location(2)) == "page.md:13:3"
    assert [block.text.text for block in transcript.body] == [
        "First paragraph of the body continues on a soft-wrapped line.",
        "Second paragraph.",
    ]
    assert str(transcript.body[0].text.location(28)) == "page.md:20:1"


def test_labelled_shape_with_continuation_line_and_crlf() -> None:
    text = 'Title: A title\r\nRights: first part\r\nsecond part\r\nOriginal Language: ["German"]\r\n\r\nBody one.\r\nBody two.\r\n'
    transcript = parse_transcript(text.replace("\r\n", "\n"), "x.txt")
    assert transcript.shape is Shape.LABELLED
    assert transcript.value("Rights") == "first part second part"
    assert transcript.values("Original Language") == ["German"]
    assert [block.text.text for block in transcript.body] == ["Body one.", "Body two."]


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes("\ufeffTitle: T\r\n\r\nBody.\r\n".encode())
    transcript = read_transcript(path)
    assert transcript.value("Title") == "T"
    assert transcript.body[0].text.text == "Body."


def test_hard_line_break_and_heading_marker() -> None:
    transcript = parse_transcript("**Jan 1, 1950**\n**T**\n\nLine one  \nline two\n\n## З А П И С Ь\n", "h.md")
    assert transcript.body[0].text.text == "Line one\nline two"
    assert transcript.body[1].heading == 2 and transcript.body[1].text.text == "З А П И С Ь"


def test_footnote_lines_leave_the_body_only_with_a_marker() -> None:
    with_marker = parse_transcript("Title: T\n\nText[1] here.\n  [1] The note.\n", "f.txt")
    assert with_marker.footnotes["1"].text == "The note."
    assert len(with_marker.body) == 1
    without = parse_transcript("Title: T\n\nText here.\n[1] Not a footnote.\n", "f.txt")
    assert without.footnotes == {} and len(without.body) == 2


def test_title_is_required() -> None:
    with pytest.raises(TranscriptError) as caught:
        parse_transcript("Date: May 1, 1950\n\nBody\n", "t.txt")
    assert caught.value.code == "no-title"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("December 16, 1949", "1949-12-16"),
        ("on 16 December 1949", "1949-12-16"),
        ("New Delhi, 1st April, 1949.", "1949-04-01"),
        ("16 декабря 1949 г.", "1949-12-16"),
        ("1949-12-16", "1949-12-16"),
        ("February 30, 1950", None),
        ("no date", None),
    ],
)
def test_find_date(text: str, iso: str | None) -> None:
    found = find_date(text)
    assert (found[0] if found else None) == iso
