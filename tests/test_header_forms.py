"""Header facts on hand-made transcripts: translators, publisher, dates, references, rights, revisions."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from helpers import convert, xpath
from teikit import __version__
from teikit.check.validate import Validator
from teikit.convert.citation import parse_reference

VALIDATOR = Validator()
BODY = "Comrade A: We have studied your proposal.\nComrade B: We agree with it."


def _record(tmp_path: Path, header: str, body: str = BODY) -> tuple[list[str], etree._Element]:
    record = tmp_path / "record.txt"
    record.write_text(f"Title: Record of Conversation with comrade B\n{header}\n\n{body}\n", "utf-8")
    encoded, root = convert(record)
    out = tmp_path / "record.xml"
    out.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    assert VALIDATOR.check_file(out).errors == []
    return [f"{w.code}: {w.message}" for w in encoded.warnings], root


def _translators(root: etree._Element) -> list[str]:
    return [str(name) for name in xpath(root, "//t:respStmt[t:resp='Translated by']/t:persName/text()")]


@pytest.mark.parametrize(
    ("header", "names", "institution"),
    [
        ("Source: APRF, f. 45, op. 1, d. 329. Translated by Danny Rozas.", ["Danny Rozas"], ""),
        (
            "Source: RGANI, f. 5, op. 30, d. 335. Translated for CWIHP by Gary Goldberg.",
            ["Gary Goldberg"],
            "CWIHP",
        ),
        (
            "Source: AVPRF, f. 0100. Translation by Sergey Radchenko and Vladislav Zubok.",
            ["Sergey Radchenko", "Vladislav Zubok"],
            "",
        ),
        ("Translated by: Mark Doctoroff", ["Mark Doctoroff"], ""),
        ("Перевод: А.Н. Иванов", ["А.Н. Иванов"], ""),
        ("Source: АВП РФ, ф. 0100. Беседу переводил тов. Федоренко Н.Т.", ["Федоренко Н.Т."], ""),
    ],
)
def test_translator_forms(tmp_path: Path, header: str, names: list[str], institution: str) -> None:
    _warnings, root = _record(tmp_path, "Date: March 3, 1962\n" + header)
    assert _translators(root) == names
    assert xpath(root, "string(//t:respStmt[t:resp='Translated for']/t:orgName)") == institution


def test_interpreter_in_the_body_is_not_the_translator(tmp_path: Path) -> None:
    _warnings, root = _record(tmp_path, "Date: March 3, 1962", BODY + "\nБеседу переводил тов. Федоренко Н.Т.")
    assert _translators(root) == []


def test_publisher_label(tmp_path: Path) -> None:
    warnings, root = _record(tmp_path, "Date: March 3, 1962\nPublisher: Office of the Historian")
    assert xpath(root, "string(//t:respStmt[t:resp='Transcript published by']/t:orgName[@xml:id='archive'])") == (
        "Office of the Historian"
    )
    assert not [w for w in warnings if w.startswith("no-publisher")]


def test_unknown_publisher_is_left_out_with_a_warning(tmp_path: Path) -> None:
    warnings, root = _record(tmp_path, "Date: March 3, 1962", "A: [illegible] text.\nB: more [sic] text.")
    assert not xpath(root, "//t:respStmt[t:resp='Transcript published by']")
    assert "the archive that published" not in etree.tostring(root, encoding="unicode")
    assert [w for w in warnings if w.startswith("no-publisher")]
    # Editorial brackets still say whose they are: the source described in the header.
    assert xpath(root, "string(//t:sourceDesc/t:bibl/@xml:id)") == "archive"


@pytest.mark.parametrize(
    ("date", "when"),
    [("March 1962", "1962-03"), ("марта 1962 г.", "1962-03"), ("1962", "1962"), ("16 December 1949", "1949-12-16")],
)
def test_dates_keep_the_precision_given(tmp_path: Path, date: str, when: str) -> None:
    _warnings, root = _record(tmp_path, f"Date: {date}")
    assert xpath(root, "string(//t:profileDesc/t:creation/t:date/@when)") == when


def test_unreadable_date_is_left_out_with_a_warning(tmp_path: Path) -> None:
    warnings, root = _record(tmp_path, "Date: sometime in spring")
    assert not xpath(root, "//t:profileDesc/t:creation/t:date")
    assert [w for w in warnings if w.startswith("bad-date")]


def test_meeting_date_is_kept_apart_from_the_document_date(tmp_path: Path) -> None:
    record = tmp_path / "record.txt"
    record.write_text(
        "Title: Record of Conversation with comrade B on 16 December 1949\nDate: December 31, 1949\n\n"
        f"{BODY}\n[signature illegible 31/XII]\n",
        "utf-8",
    )
    _encoded, root = convert(record)
    assert xpath(root, "string(//t:titleStmt/t:title/t:date[@type='meeting']/@when)") == "1949-12-16"
    assert xpath(root, "string(//t:profileDesc/t:creation/t:date/@when)") == "1949-12-31"
    assert xpath(root, "string(//t:closer//t:date/@when)") == "1949-12-31"
    out = tmp_path / "record.xml"
    out.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    assert VALIDATOR.check_file(out).errors == []


@pytest.mark.parametrize(
    ("citation", "repository", "identifiers", "leaves"),
    [
        (
            "AVPRF, f. 0100, op. 46, por. 12, pap. 362, ll. 1-5",
            "AVPRF",
            [("fond", "0100"), ("opis", "46"), ("por", "12"), ("pap", "362")],
            [("1", "5")],
        ),
        ("RGANI, f. 5, op. 30, d. 335, ll. 92-97", "RGANI", [("fond", "5"), ("opis", "30"), ("delo", "335")], []),
        ("SAPMO-BArch, DY 30/3386, Bl. 1-5", "SAPMO-BArch", [("shelfmark", "DY 30/3386")], [("1", "5")]),
        ("ГАРФ, ф. 5446, оп. 1, д. 10, лл. 20–22", "ГАРФ", [("fond", "5446"), ("opis", "1"), ("delo", "10")], []),
        (
            "АВП РФ, ф. 0100, оп. 49, п. 410, д. 9, лл. 87-98",
            "АВП РФ",
            [("fond", "0100"), ("opis", "49"), ("pap", "410"), ("delo", "9")],
            [("87", "98")],
        ),
        (
            "“Note,” 1976, History and Public Policy Program Digital Archive, SAPMO-BArch, DY 30, J IV 2/201/1234.",
            "SAPMO-BArch",
            [("shelfmark", "DY 30"), ("shelfmark", "J IV 2/201/1234")],
            [],
        ),
        (
            "“Record,” 1956, History and Public Policy Program Digital Archive, PRC FMA 109-00763-01, 1-10. "
            "Translated by Gao Bei.",
            "PRC FMA",
            [("shelfmark", "109-00763-01")],
            [("1", "10")],
        ),
    ],
)
def test_archival_reference_forms(
    citation: str, repository: str, identifiers: list[tuple[str, str]], leaves: list[tuple[str, str]]
) -> None:
    reference = parse_reference(citation)
    assert reference.repository == repository
    assert reference.identifiers == identifiers
    if leaves:
        assert [(leaf.start, leaf.end) for leaf in reference.leaves] == leaves


def test_source_note_is_read_as_reference_not_taken_as_repository() -> None:
    reference = parse_reference(
        "Foreign Relations of the United States, 1964–1968, Volume XIV, Soviet Union, Document 257",
        "National Archives and Records Administration, RG 59, S/S Files: Lot 74 D 164. Secret. Forwarded to "
        "the White House for the President's Evening Reading.",
    )
    assert reference.repository == "National Archives and Records Administration"
    assert reference.identifiers == [("record-group", "59"), ("lot", "74 D 164")]
    assert reference.collections == ["S/S Files"]
    assert "Secret" not in reference.text


def test_box_and_folder(tmp_path: Path) -> None:
    header = (
        "Date: March 3, 1962\nSource: Foreign Relations of the United States, Document 1\n"
        "Original Archive: Central Intelligence Agency, DDO/IMS Files: Job 78–06423A, Box 3, Folder 6, "
        "US Govt-State Dept. Confidential. Attached to a routing slip."
    )
    _warnings, root = _record(tmp_path, header)
    identifier = xpath(root, "//t:msIdentifier")[0]
    assert xpath(identifier, "string(t:repository)") == "Central Intelligence Agency"
    assert [(i.get("type"), i.text) for i in xpath(identifier, "t:idno")] == [
        ("job", "78–06423A"),
        ("box", "3"),
        ("folder", "6"),
    ]


def test_rights_label_is_the_licence(tmp_path: Path) -> None:
    _warnings, root = _record(
        tmp_path, "Date: March 3, 1962\nRights: CC BY 4.0, https://creativecommons.org/licenses/by/4.0/"
    )
    licence = xpath(root, "//t:availability/t:licence")[0]
    assert licence.get("target") == "https://creativecommons.org/licenses/by/4.0/"


def test_conversion_is_a_change_naming_teikit_and_no_hand_revision_is_claimed(tmp_path: Path) -> None:
    _warnings, root = _record(tmp_path, "Date: March 3, 1962")
    assert xpath(root, "string(//t:revisionDesc/t:change)") == f"Converted from the transcript by teikit {__version__}."
    assert "by hand" not in xpath(root, "string(//t:publicationStmt)")


def test_missing_translator_and_reference_are_warned_not_invented(tmp_path: Path) -> None:
    warnings, root = _record(tmp_path, "Date: March 3, 1962\nOriginal Language: Russian")
    codes = {warning.split(":", 1)[0] for warning in warnings}
    assert {"no-translator", "no-archival-reference", "no-publisher"} <= codes
    assert not xpath(root, "//t:respStmt[t:resp='Translated by']") and not xpath(root, "//t:msDesc")


def test_a_rich_header_is_valid_tei_all(tmp_path: Path, tei_all: etree.RelaxNG) -> None:
    record = tmp_path / "record.txt"
    record.write_text(
        "Title: Record of Conversation with comrade B on 16 December 1949\nDate: December 1949\n"
        "Source: AVPRF, f. 0100, op. 46, por. 12, pap. 362, ll. 1-5. Translated for CWIHP by Gary Goldberg.\n"
        "Original Archive: National Archives, RG 59, Box 3, Folder 6. Secret.\n"
        "Publisher: Wilson Center Digital Archive\nRights: CC BY 4.0, https://creativecommons.org/licenses/by/4.0/\n\n"
        f"{BODY}\n[signature illegible 31/XII]\n",
        "utf-8",
    )
    _encoded, root = convert(record)
    assert tei_all.validate(etree.ElementTree(root)), str(tei_all.error_log)
    assert xpath(root, "string(//t:titleStmt/t:title/t:date/@type)") == "meeting"
    assert xpath(root, "string(//t:profileDesc/t:creation/t:date/@when)") == "1949-12"
