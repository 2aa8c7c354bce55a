"""Page breaks: typed marks of every kind, words hyphenated across them, and when the join must not fire."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from helpers import convert, xpath
from teikit.check.validate import Validator
from teikit.publish.render import Options, Renderer

VALIDATOR = Validator()


def _record(tmp_path: Path, *body: str) -> etree._Element:
    record = tmp_path / "record.txt"
    record.write_text("Title: Record of Conversation\nDate: March 3, 1962\n\n" + "\n".join(body) + "\n", "utf-8")
    _encoded, root = convert(record)
    out = tmp_path / "record.xml"
    out.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    assert VALIDATOR.check_file(out).errors == []
    return root


def _pbs(root: etree._Element) -> list[tuple[str | None, str | None]]:
    return [(pb.get("n"), pb.get("break")) for pb in xpath(root, "//t:text//t:pb")]


TYPED_MARKS = [
    ("The delegation proposed // a new plan of trade.", None),
    ("The delegation proposed /page 4/ a new plan of trade.", "4"),
    ("The delegation proposed [page break] a new plan of trade.", None),
    ("The delegation proposed [Page 45] a new plan of trade.", "45"),
    ("The delegation proposed -- 3 -- a new plan of trade.", "3"),
    ("Делегация предложила /стр. 2/ новый план торговли.", "2"),
    ("Делегация предложила // л. 5 об. // новый план торговли.", "5 об."),
    ("Die Delegation schlug [Seite 7] einen neuen Handelsplan vor.", "7"),
    ("Die Delegation schlug [Blatt 7] einen neuen Handelsplan vor.", "7"),
]
"""A line with a typed page mark, and the number its page break gets."""


@pytest.mark.parametrize(("line", "number"), TYPED_MARKS)
def test_typed_page_marks_inside_a_paragraph(tmp_path: Path, line: str, number: str | None) -> None:
    root = _record(tmp_path, line)
    assert _pbs(root) == [(number, None)]
    paragraph = xpath(root, "//t:body//t:p")[0]
    words = " ".join("".join(paragraph.itertext()).split())
    assert "//" not in words and "page" not in words.lower().replace("plan", "")
    assert words.split()[-1].rstrip(".") in ("trade", "торговли", "vor")


AS_TYPED = [
    "//",
    "/page 4/",
    "[page break]",
    "[Page 45]",
    "-- 3 --",
    "/стр. 2/",
    "// л. 5 об. //",
    "[Seite 7]",
    "[Blatt 7]",
]
"""The marks of :data:`TYPED_MARKS`, in order, as their lines type them."""


@pytest.mark.parametrize(("case", "typed"), list(enumerate(AS_TYPED)))
def test_the_diplomatic_text_prints_a_typed_mark_as_typed(tmp_path: Path, case: int, typed: str) -> None:
    # Before, the diplomatic text printed every numbered mark as [p. N]: "[Seite 7]" lost its word.
    line, number = TYPED_MARKS[case]
    assert typed in line
    root = _record(tmp_path, line)
    [pb] = xpath(root, "//t:text//t:pb")
    assert pb.get("rend") == typed
    renderer = Renderer()
    diplomatic = renderer.render_file(tmp_path / "record.xml", Options(to="text", style="diplomatic", header=False))
    reading = renderer.render_file(tmp_path / "record.xml", Options(to="text", style="reading", header=False))
    assert " ".join(line.split()) in " ".join(diplomatic.split())
    assert typed not in reading and (f"[p. {number}]" in reading if number else True)


def test_the_mark_keeps_its_words_though_they_look_like_brackets_or_dates(tmp_path: Path) -> None:
    # The mark rides through the bracket and date rules of the paragraph: none of them may read it.
    root = _record(tmp_path, "The talks of [March 1962] went on [Page 1962] and [sic] ended.")
    assert [pb.get("rend") for pb in xpath(root, "//t:text//t:pb")] == ["[Page 1962]"]
    assert len(xpath(root, "//t:text//t:sic")) == 1


def test_word_hyphenated_across_a_typed_mark(tmp_path: Path) -> None:
    root = _record(tmp_path, "Мы должны прибегнуть к помо- // щи Советского Союза.")
    assert _pbs(root) == [(None, "no")]
    pc = xpath(root, "//t:body//t:pc")[0]
    assert pc.text == "-" and etree.QName(pc.getnext()).localname == "pb"
    assert "помо-щи Советского" in "".join(xpath(root, "//t:body//t:p")[0].itertext())


def test_word_cut_by_a_mark_without_spaces(tmp_path: Path) -> None:
    root = _record(tmp_path, "We must resort to the assis//tance of the Soviet Union.")
    assert _pbs(root) == [(None, "no")]


def test_page_number_line_between_two_halves_of_a_paragraph(tmp_path: Path) -> None:
    root = _record(
        tmp_path,
        "The Chinese forces are inadequate to effectively fight",
        "- 2 -",
        "against imperialist aggression, as the Chairman said.",
    )
    assert _pbs(root) == [("2", None)]
    assert len(xpath(root, "//t:body//t:p")) == 1


def test_page_number_line_between_two_paragraphs_is_kept_in_the_first(tmp_path: Path) -> None:
    root = _record(tmp_path, "The first paragraph ends here as it should.", "-- 2 --", "The second starts.")
    assert _pbs(root) == [("2", None)]
    paragraphs = xpath(root, "//t:body//t:p")
    assert len(paragraphs) == 2 and xpath(paragraphs[0], "count(t:pb)") == 1


def test_hyphenated_halves_around_a_page_number_line(tmp_path: Path) -> None:
    root = _record(tmp_path, "We must resort to the assis-", "[Page 12]", "tance of the Soviet Union.")
    assert _pbs(root) == [("12", "no")]


@pytest.mark.parametrize(
    "line",
    [
        "See <https://history.state.gov/historicaldocuments/frus1969-76v28/d152> for it.",
        "The figures for the years 1961 - 5 - 3 are given in the annex.",
        "Missiles of 1 000 - 2 000 km range were discussed.",
        "The delegation proposed — 3 — a new plan of trade.",
    ],
)
def test_urls_and_ranges_are_not_page_marks(tmp_path: Path, line: str) -> None:
    root = _record(tmp_path, line)
    assert _pbs(root) == []


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("3. Trade questions", "a) the delegation proposed to raise the quota of grain deliveries."),
        ("On the Polish side", "comrs. Gomułka, Cyrankiewicz and Rapacki were present at the talks."),
        ("The following questions were discussed", "a) trade between the two countries was raised by the minister."),
        ("The Chairman raised the following questions at the start of the meeting:", "trade, and the border."),
        ("• the delegation proposed a new plan of trade for the year", "and the minister agreed to it at once."),
        ("Moscow, 16 December 1949", "present were the members of both delegations and the interpreters."),
        ("Comrade Stalin:", "what do you think of the treaty with the Soviet Union?"),
        ("TRADE QUESTIONS", "the delegation proposed to raise the quota of grain deliveries."),
    ],
)
def test_no_join_after_headings_labels_list_items_and_date_lines(tmp_path: Path, before: str, after: str) -> None:
    root = _record(tmp_path, "The meeting opened at ten.", before, after)
    assert _pbs(root) == []


def test_seed_keeps_its_three_page_breaks(seed: Path) -> None:
    _encoded, root = convert(seed)
    assert sorted(_pbs(root), key=str) == sorted([(None, None), (None, None), (None, "no")], key=str)


def test_no_spurious_page_break_on_the_corpus(corpus: Path) -> None:
    """Only the seed's three breaks and the two sentences of wilson-300242 cut mid-way are joined."""
    found: dict[str, int] = {}
    for path in sorted((corpus / "records").iterdir()) + sorted((corpus / "frus" / "records").iterdir()):
        _encoded, root = convert(path)
        count = len(xpath(root, "//t:text//t:pb"))
        if count:
            found[path.name] = count
    assert found == {"wilson-111240.md": 3, "wilson-300242.txt": 2}


def test_marks_at_the_edges_of_blocks_survive(tmp_path: Path) -> None:
    root = _record(tmp_path, "[Page 4]", "Text one.", "Comrade A: text [Page 5]", "Comrade A: more", "-- 6 --")
    assert _pbs(root) == [("4", None), ("5", None), ("6", None)]


def test_a_body_of_page_marks_only_keeps_them(tmp_path: Path) -> None:
    root = _record(tmp_path, "-- 3 --")
    assert _pbs(root) == [("3", None)]


def test_typed_mark_joins_a_sentence_that_runs_on_to_a_capital(tmp_path: Path) -> None:
    root = _record(tmp_path, "Also present were comrades Molotov, Malenkov, Bulganin and", "-- 2 --", "Vyshinskii.")
    assert _pbs(root) == [("2", None)]
    assert len(xpath(root, "//t:body//t:p")) == 1


def test_page_marks_in_a_participants_list_keep_the_tei_valid(tmp_path: Path) -> None:
    root = _record(
        tmp_path,
        "Comrade A: Hello there.",
        "Comrade B: Good day.",
        "Also present: comrs. Molotov, Malenkov // Bulganin and Vyshinskii.",
    )
    assert _pbs(root) == [(None, None)]
