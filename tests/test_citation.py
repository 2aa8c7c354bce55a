"""Archival references parsed from citations of the fond/opis/delo family and others."""

from __future__ import annotations

import pytest

from teikit.convert.citation import parse_reference

SEED = (
    "“Record of Conversation …,” December 16, 1949, History and Public Policy Program Digital Archive, "
    "Archive of the President, Russian Federation (APRF), fond (f.) 45, opis (op.) 1, delo (d.) 329, "
    "listy (ll.) 9-17. Translated by Danny Rozas"
)


def test_seed_citation() -> None:
    reference = parse_reference(SEED)
    assert (reference.repository, reference.abbreviation) == ("Archive of the President, Russian Federation", "APRF")
    assert reference.identifiers == [("fond", "45"), ("opis", "1"), ("delo", "329")]
    assert [(leaf.start, leaf.end) for leaf in reference.leaves] == [("9", "17")]


@pytest.mark.parametrize(
    ("citation", "identifiers", "leaves"),
    [
        ("RGASPI, f. 17, op. 162, d. 38, l. 5ob.", [("fond", "17"), ("opis", "162"), ("delo", "38")], [("5ob", "5ob")]),
        (
            "AVPRF, f. 0100, op. 42, d. 19, ll. 1-3, 7",
            [("fond", "0100"), ("opis", "42"), ("delo", "19")],
            [("1", "3"), ("7", "7")],
        ),
        ("ГАРФ, ф. 5446, оп. 1, д. 10, лл. 20–22", [("fond", "5446"), ("opis", "1"), ("delo", "10")], [("20", "22")]),
        ("APRF, fond 3, opis 65, delo 9, list 51", [("fond", "3"), ("opis", "65"), ("delo", "9")], [("51", "51")]),
    ],
)
def test_fond_opis_delo_family(
    citation: str, identifiers: list[tuple[str, str]], leaves: list[tuple[str, str]]
) -> None:
    reference = parse_reference(citation)
    assert reference.identifiers == identifiers
    assert [(leaf.start, leaf.end) for leaf in reference.leaves] == leaves


def test_shelfmark_and_range_with_archive_hint() -> None:
    reference = parse_reference(
        "BArch, B 136/59748, 403-410. Contributed, transcribed, and translated by S. K.",
        "German Federal Archives (BArch)",
    )
    assert (reference.repository, reference.abbreviation) == ("German Federal Archives", "BArch")
    assert reference.identifiers == [("shelfmark", "B 136/59748")]
    assert [(leaf.start, leaf.end) for leaf in reference.leaves] == [("403", "410")]


def test_nothing_is_invented() -> None:
    reference = parse_reference("A letter kept by the family.")
    assert reference.repository == "" and reference.identifiers == [] and reference.leaves == []
