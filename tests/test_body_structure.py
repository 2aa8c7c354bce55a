"""Structure of a record's body on hand-made transcripts: one test per kind, English and Russian."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from helpers import convert, xpath
from teikit.check.validate import Validator

VALIDATOR = Validator()
PROSE = "The two sides exchanged views on the situation and agreed to meet again."
PROSE_RU = "Стороны обменялись мнениями о положении и договорились встретиться снова."


def _record(tmp_path: Path, *body: str, lang: str = "") -> etree._Element:
    record = tmp_path / "record.txt"
    language = f"Original Language: {lang}\n" if lang else ""
    record.write_text(
        f"Title: Record of Conversation\nDate: March 3, 1962\n{language}\n" + "\n".join(body) + "\n", "utf-8"
    )
    encoded = convert(record)
    out = tmp_path / "record.xml"
    out.write_bytes(etree.tostring(encoded[1], xml_declaration=True, encoding="UTF-8"))
    assert VALIDATOR.check_file(out).errors == []
    return encoded[1]


def _text(node: etree._Element) -> str:
    return " ".join("".join(node.itertext()).split())


@pytest.mark.parametrize(
    ("heading", "number"),
    [
        ("2. The situation in the region", "2"),
        ("1．Торговые вопросы", "1"),
        ("IV. Trade questions", "IV"),
        ("§ 3 Frontier questions", "3"),
    ],
)
def test_numbered_heading_opens_a_section(tmp_path: Path, heading: str, number: str) -> None:
    root = _record(tmp_path, PROSE, heading, PROSE)
    section = xpath(root, "//t:div[@type='section']")[0]
    assert section.get("n") == number
    assert _text(xpath(section, "t:head")[0]) == heading
    assert len(xpath(section, "t:p")) == 1


def test_unnumbered_heading_between_paragraphs_opens_a_section(tmp_path: Path) -> None:
    root = _record(tmp_path, PROSE, "Circumstances of Conversation", PROSE, "Summit", PROSE)
    assert [_text(head) for head in xpath(root, "//t:div[@type='section']/t:head")] == [
        "Circumstances of Conversation",
        "Summit",
    ]


def test_run_of_numbered_short_lines_is_a_list(tmp_path: Path) -> None:
    root = _record(tmp_path, PROSE, "1. domestic political development", "2. European policy", PROSE)
    items = xpath(root, "//t:list[@type='ordered']/t:item")
    assert [item.get("n") for item in items] == ["1", "2"]
    assert not xpath(root, "//t:div[@type='section']")


def test_numbered_prose_paragraph_stays_a_paragraph(tmp_path: Path) -> None:
    root = _record(tmp_path, "2. While we are grateful for the help, we have to decide for ourselves.")
    assert xpath(root, "string(//t:body//t:p/@n)") == "2"


@pytest.mark.parametrize(
    ("lines", "kind", "markers"),
    [
        (["• the first point", "• the second point"], "bulleted", ["•", "•"]),
        (["- the first point", "- the second point"], "bulleted", ["-", "-"]),
        (["a) the delegation proposed a plan", "b) the minister agreed"], "ordered", ["a", "b"]),
        (["1) the first point", "2) the second point"], "ordered", ["1", "2"]),
        (["а) делегация предложила план", "б) министр согласился"], "ordered", ["а", "б"]),
        (["—The NSC system will continue.", "—The DCI is to prepare a summary."], "bulleted", ["—", "—"]),
        (["(i) continuous tension,", "(ii) the raising of morale."], "ordered", ["i", "ii"]),
        (["5. Preparation of the session on 20./21. November 1997", "6. Agenda 2000"], "ordered", ["5", "6"]),
    ],
)
def test_list_items(tmp_path: Path, lines: list[str], kind: str, markers: list[str]) -> None:
    root = _record(tmp_path, "The following was agreed:", *lines, PROSE)
    items = xpath(root, f"//t:list[@type='{kind}']/t:item")
    assert [item.get("n") for item in items] == markers
    assert [_text(item) for item in items] == lines


def test_long_paragraph_numbered_in_parentheses_stays_a_paragraph(tmp_path: Path) -> None:
    long = "(1) " + " ".join(["On the occasion of the recent visit the Premier produced a memorandum."] * 4)
    root = _record(tmp_path, PROSE, long, PROSE)
    assert not xpath(root, "//t:list") and xpath(root, "string(//t:body//t:p[@n]/@n)") == "1"


def test_subject_block(tmp_path: Path) -> None:
    root = _record(tmp_path, "SUBJECT", "Angola", PROSE)
    listing = xpath(root, "//t:list[@type='subject']")[0]
    assert _text(xpath(listing, "t:head")[0]) == "SUBJECT"
    assert [_text(item) for item in xpath(listing, "t:item")] == ["Angola"]


def test_address_block(tmp_path: Path) -> None:
    root = _record(tmp_path, "TO: The Secretary", "FROM: INR - Thomas L. Hughes", "SUBJECT: Soviet Policy", PROSE)
    items = xpath(root, "//t:list[@type='address']/t:item")
    assert [xpath(item, "string(t:label)") for item in items] == ["TO:", "FROM:", "SUBJECT:"]
    assert _text(items[1]) == "FROM: INR - Thomas L. Hughes"


def test_address_block_in_russian(tmp_path: Path) -> None:
    root = _record(tmp_path, "Кому: т. Громыко А.А.", "От: посол СССР в КНР", PROSE_RU, lang="Russian")
    assert len(xpath(root, "//t:list[@type='address']/t:item/t:label")) == 2


def test_a_lone_subject_line_stays_a_paragraph(tmp_path: Path) -> None:
    root = _record(tmp_path, "Subject: The Chancellor's meeting with the Prime Minister", PROSE)
    assert not xpath(root, "//t:list")


@pytest.mark.parametrize(
    "line",
    ["From the diary of V.V. Kuznetsov", "ИЗ ДНЕВНИКА А.А. ГРОМЫКО", "Aus dem Tagebuch von Botschafter Pervuchin"],
)
def test_diary_line_is_a_byline(tmp_path: Path, line: str) -> None:
    root = _record(tmp_path, line, PROSE)
    assert _text(xpath(root, "//t:opener/t:byline")[0]) == line


@pytest.mark.parametrize(
    "line",
    [
        "Secret",
        "TOP SECRET",
        "Secret; Sensitive",
        "Совершенно секретно",
        "Streng geheim!",
        "Geheime Verschlusssache",
        "Copy No. 1",
        "Экз. № 2",
    ],
)
def test_classification_line_in_any_case(tmp_path: Path, line: str) -> None:
    root = _record(tmp_path, line, PROSE)
    assert _text(xpath(root, "//t:opener/t:stamp[@type='classification']")[0]) == line


def test_classification_line_after_the_text_is_in_a_closer(tmp_path: Path) -> None:
    root = _record(tmp_path, PROSE, "Secret")
    assert xpath(root, "string(//t:closer/t:stamp[@type='classification'])") == "Secret"


@pytest.mark.parametrize(
    "line", ["MINISTRY OF FOREIGN AFFAIRS OF THE USSR", "Посольство СССР в КНР", "Der Bundeskanzler"]
)
def test_letterhead(tmp_path: Path, line: str) -> None:
    root = _record(tmp_path, line, PROSE)
    assert _text(xpath(root, "//t:opener[@rend='letterhead']")[0]) == line


@pytest.mark.parametrize("line", ["Moscow, 16 December 1949", "16 декабря 1949 г.", "Bonn, 31 October 1997"])
def test_dateline(tmp_path: Path, line: str) -> None:
    root = _record(tmp_path, line, PROSE)
    assert _text(xpath(root, "//t:opener/t:dateline")[0]) == line


@pytest.mark.parametrize(
    ("lines", "signed"),
    [
        (["(signature)", "A. GROMYKO"], "(signature) A. GROMYKO"),
        (["(подпись)", "А. ГРОМЫКО"], "(подпись) А. ГРОМЫКО"),
        (["Executive Secretary", "Benjamin H. Read"], "Executive Secretary Benjamin H. Read"),
        (["Посол СССР в КНР", "П. Юдин"], "Посол СССР в КНР П. Юдин"),
        (["V. KUZNETSOV 12 March 1958"], "V. KUZNETSOV 12 March 1958"),
    ],
)
def test_signature_blocks(tmp_path: Path, lines: list[str], signed: str) -> None:
    root = _record(tmp_path, PROSE, *lines)
    closer = xpath(root, "//t:closer")[-1]
    assert _text(xpath(closer, "t:signed")[0]) == signed


def test_signature_block_with_a_date_line(tmp_path: Path) -> None:
    root = _record(tmp_path, PROSE, "A. GROMYKO", "5 March 1962")
    closer = xpath(root, "//t:closer")[-1]
    assert _text(xpath(closer, "t:signed")[0]) == "A. GROMYKO"
    assert _text(xpath(closer, "t:dateline")[0]) == "5 March 1962"


def test_a_last_paragraph_is_not_a_signature(tmp_path: Path) -> None:
    root = _record(tmp_path, PROSE, "The meeting ended at noon.")
    assert not xpath(root, "//t:closer")


RUSSIAN_RECORD = """Из дневника
П.Ф. ЮДИНА
Совершенно секретно
Экз. № 1
ЗАПИСЬ БЕСЕДЫ
с товарищем Мао Цзэ-дуном
31 марта 1956 г.
Сегодня я посетил товарища Мао Цзэ-дуна и передал ему материалы съезда. Он высказал следующие за-
- 2 -
мечания по вопросам истории партии.
1. О Сталине
Мао Цзэ-дун сказал, что Сталин допускал ошибки в отношениях с Китаем.
2. О китайской революции
Мао сказал, что ошибки были исправлены на седьмом съезде.
Посол СССР в КНР
(подпись) П. ЮДИН"""


def test_a_soviet_record_keeps_its_layout(tmp_path: Path) -> None:
    root = _record(tmp_path, *RUSSIAN_RECORD.split("\n"), lang="Russian")
    text = xpath(root, "//t:text")[0]
    assert text.get("type") == "original"
    assert _text(xpath(text, "//t:opener/t:byline")[0]) == "Из дневника П.Ф. ЮДИНА"
    assert [_text(s) for s in xpath(text, "//t:stamp")] == ["Совершенно секретно", "Экз. № 1"]
    assert _text(xpath(text, "//t:div[@type='record']/t:head")[0]) == "ЗАПИСЬ БЕСЕДЫ с товарищем Мао Цзэ-дуном"
    assert _text(xpath(text, "//t:opener/t:dateline")[0]) == "31 марта 1956 г."
    assert [(pb.get("n"), pb.get("break")) for pb in xpath(text, "//t:pb")] == [("2", "no")]
    assert [s.get("n") for s in xpath(text, "//t:div[@type='section']")] == ["1", "2"]
    assert _text(xpath(text, "//t:closer/t:signed")[0]) == "Посол СССР в КНР (подпись) П. ЮДИН"


def test_a_date_line_is_not_a_numbered_heading(tmp_path: Path) -> None:
    root = _record(tmp_path, PROSE, "31 March 1956", PROSE)
    assert not xpath(root, "//t:div[@type='section']")


EVERY_KIND = [
    "MINISTRY OF FOREIGN AFFAIRS OF THE USSR",
    "From the diary of V.V. Kuznetsov",
    "Secret",
    "RECORD OF CONVERSATION",
    "with comrade Mao Zedong",
    "Moscow, 3 March 1962",
    "TO: The Secretary",
    "FROM: INR - Thomas L. Hughes",
    "SUBJECT",
    "Angola",
    PROSE,
    "2. The situation in the region",
    "The delegation proposed // a new plan of trade for the year, and the minister agreed to the assis-",
    "[Page 12]",
    "tance of the other side.",
    "The following was agreed:",
    "a) the delegation proposed a plan",
    "b) the minister agreed",
    "• a bullet point",
    "Summit",
    PROSE,
    "Executive Secretary",
    "(signature) P. YUDIN",
    "5 March 1962",
]


def test_every_kind_together_is_valid_tei_all(tmp_path: Path, tei_all: etree.RelaxNG) -> None:
    root = _record(tmp_path, *EVERY_KIND)
    assert tei_all.validate(etree.ElementTree(root)), str(tei_all.error_log)
    kinds = {etree.QName(element).localname for element in root.iter(etree.Element)}
    assert {"opener", "byline", "stamp", "dateline", "list", "item", "label", "div", "head", "pb", "closer"} <= kinds
