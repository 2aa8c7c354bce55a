"""The speaker-label grammar and the participants forms on hand-made transcripts."""

from __future__ import annotations

import pytest
from lxml import etree

from helpers import xpath
from teikit.check.validate import Validator
from teikit.convert.encode import Encoded, encode
from teikit.convert.participants import mentions_in
from teikit.convert.read import parse_transcript
from teikit.convert.turns import parse_speakers, turn_rows
from teikit.core.errors import Diagnostic, InputError
from teikit.core.serialize import to_bytes
from teikit.core.xmlsafe import parse_document

VALIDATOR = Validator()
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def speech_warnings(encoded: Encoded) -> list[Diagnostic]:
    """The warnings about speakers and turns (the header's own warnings are tested elsewhere)."""
    return [w for w in encoded.warnings if w.code.startswith("speaker")]


def run(
    body: str, header: str = "Title: A record", speakers: dict[str, str] | None = None
) -> tuple[Encoded, etree._Element]:
    encoded = encode(parse_transcript(f"{header}\n\n{body.strip()}\n", "t.txt"), speakers=speakers)
    data = to_bytes(encoded.tree)
    errors = [str(d) for d in VALIDATOR.check_document(parse_document(data, "t.xml")) if d.level == "error"]
    assert not errors, errors
    return encoded, etree.fromstring(data)


def turns_of(root: etree._Element) -> list[tuple[str, str | None]]:
    return [(xpath(sp, "string(t:speaker)"), sp.get("who")) for sp in xpath(root, "//t:sp")]


@pytest.mark.parametrize(
    ("body", "speaker", "who"),
    [
        ("Present: Mr. Kuznetsov.\nKuznetsov: We agree.", "Kuznetsov:", "#kuznetsov"),
        ("Secretary Kissinger: Once only.", "Secretary Kissinger:", "#kissinger"),
        ("THE PRESIDENT: We have a full plate.", "THE PRESIDENT:", "#the-president"),
        ("A.A. Gromyko (after a pause): We cannot agree.", "A.A. Gromyko (after a pause):", "#a-a-gromyko"),
        ("[The President:] There is another problem.", "The President:", "#the-president"),
        ("Cde. Honecker: We thank you.\nCde. Honecker: Again.", "Cde. Honecker:", "#honecker"),
        ("Тов. Сталин: Можно.", "Тов. Сталин:", "#stalin"),
        ("M. Couve de Murville: Nous sommes d'accord.", "M. Couve de Murville:", "#couve-de-murville"),
        ("Herr Brandt: Wir stimmen zu.", "Herr Brandt:", "#brandt"),
        ("Chairman Mao: Good.", "Chairman Mao:", "#mao"),
        ("т. Сталин: Можно.", "т. Сталин:", "#stalin"),
        ("Le Général de Gaulle: Nous verrons.", "Le Général de Gaulle:", "#de-gaulle"),
        ("Secretary (to Hyland): Go on.", "Secretary (to Hyland):", "#secretary"),
    ],
)
def test_label_shapes_become_turns_with_names_without_honorifics(body: str, speaker: str, who: str) -> None:
    _encoded, root = run(body)
    assert (speaker, who) in turns_of(root)


def test_a_label_the_editors_supplied_is_encoded_as_supplied_not_kept_with_its_brackets() -> None:
    _encoded, root = run("[The President:] There is another problem.\nKissinger: Yes.")
    speaker = xpath(root, "//t:sp[1]/t:speaker")[0]
    supplied = xpath(speaker, "t:supplied")
    assert [xpath(s, "string()") for s in supplied] == ["The President:"]
    assert supplied[0].get("reason") == "clarification" and supplied[0].get("resp")
    assert "[" not in xpath(root, "string(//t:sp[1]/t:speaker)")


def test_labels_in_markdown_emphasis() -> None:
    body = "**Kissinger:** Hello.\n**Dobrynin**: Hi.\n**Kissinger:** Again.\n**Dobrynin**: So.\n*GROMYKO.* We agree.\n*GROMYKO.* Fine."
    _encoded, root = run(body)
    assert turns_of(root) == [
        ("Kissinger:", "#kissinger"),
        ("Dobrynin:", "#dobrynin"),
        ("Kissinger:", "#kissinger"),
        ("Dobrynin:", "#dobrynin"),
        ("GROMYKO.", "#gromyko"),
        ("GROMYKO.", "#gromyko"),
    ]
    assert [s.get("rend") for s in xpath(root, "//t:speaker")] == ["bold"] * 4 + ["italic"] * 2


def test_initials_recur_and_unknown_speakers_warn() -> None:
    encoded, root = run("K: Hello.\nD: Hi.\nK: Well.\nD: Yes.\n(?): Who?\n: Netherlands defense cuts.")
    assert [speaker for speaker, _who in turns_of(root)] == ["K:", "D:", "K:", "D:", "(?):", ":"]
    assert turns_of(root)[4][1] is None and turns_of(root)[5][1] is None
    assert sum(w.code == "speaker-uncertain" for w in encoded.warnings) == 2
    assert all(str(w).startswith("t.txt:") for w in encoded.warnings)


def test_full_stop_labels_need_a_known_or_recurring_name() -> None:
    encoded, root = run("GROMYKO. We have studied it.\nKISSINGER. Good.\nGROMYKO. Then we agree.\nYes. I agree.")
    assert turns_of(root) == [("GROMYKO.", "#gromyko"), ("KISSINGER.", "#kissinger"), ("GROMYKO.", "#gromyko")]
    assert [str(w).split(": ", 1)[0] for w in speech_warnings(encoded)] == ["t.txt:4:1"]
    encoded, root = run("Mr. Abshire said it would be studied.\nMr. Abshire then left.\nMD J. Bitterlich")
    assert turns_of(root) == [] and speech_warnings(encoded) == []
    _encoded, root = run("Participants: L.I. Brezhnev, H. Kohl.\nBrezhnev. I agree with you.\nKohl: So do I.")
    assert [speaker for speaker, _who in turns_of(root)] == ["Brezhnev.", "Kohl:"]


def test_once_used_label_is_a_turn_but_a_narrative_colon_line_is_prose_with_a_warning() -> None:
    body = """Participants: Mr. Leigh, Mr. Hyland.
Hyland: The vote comes today.
Leigh: The law is clear.
Hyland: Then we wait.
The Treaty: It was signed in 1970 and holds."""
    encoded, root = run(body)
    assert ("Leigh:", "#leigh") in turns_of(root)
    assert not any(speaker.startswith("The Treaty") for speaker, _who in turns_of(root))
    warned = [w for w in encoded.warnings if w.code == "speaker-label-prose"]
    assert len(warned) == 1 and str(warned[0]).startswith("t.txt:7:1:") and "The Treaty:" in str(warned[0])
    rows = turn_rows(encoded.parts)
    assert [(row.label, row.turn) for row in rows][-1] == ("The Treaty:", False)


@pytest.mark.parametrize(
    "present",
    [
        "Present at the conversation: Comrade A.I. Mikoyan and Comrade Zhou Enlai.",
        "Members Present: A.I. Mikoyan, Zhou Enlai",
        "Participants: A.I. Mikoyan; Zhou Enlai.",
        "Present: comrs. A.I. Mikoyan, Zhou Enlai.",
        "On the Soviet side: Cde. A.I. Mikoyan; on the Chinese side: Zhou Enlai.",
    ],
)
def test_participants_paragraph_before_the_first_turn_keeps_turns_on(present: str) -> None:
    body = f"""{present}
Mikoyan: We welcome you.
Zhou Enlai: Thank you.
Mikoyan: Let us begin.
Zhou Enlai: Agreed."""
    _encoded, root = run(body)
    assert [who for _speaker, who in turns_of(root)] == ["#a-i-mikoyan", "#zhou-enlai"] * 2
    assert {p.get("{http://www.w3.org/XML/1998/namespace}id") for p in xpath(root, "//t:person")} == {
        "a-i-mikoyan",
        "zhou-enlai",
    }


def test_unlabelled_paragraph_continues_a_turn_unless_narrative() -> None:
    body = """Kissinger: First point.
Second point of the same speech.
[Laughter]
Kissinger: Third.
The meeting ended at 4 p.m."""
    _encoded, root = run(body)
    first = xpath(root, "//t:sp")[0]
    assert len(xpath(first, "t:p")) == 2
    assert (
        xpath(root, "//t:div/t:p/text()") == ["[Laughter]", "The meeting ended at 4 p.m."]
        or len(xpath(root, "//t:div/t:p")) == 2
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Present: Cdes. Ulbricht, Honecker. Stoph",
            [("Ulbricht", "present"), ("Honecker", "present"), ("Stoph", "present")],
        ),
        (
            "On the Soviet side: Cdes. L.I. Brezhnev, A.A. Gromyko; on the GDR side: Cde. E. Honecker.",
            [("L.I. Brezhnev", "present"), ("A.A. Gromyko", "present"), ("E. Honecker", "present")],
        ),
        (
            "Participants on the Soviet side: M. S. Gorbachev, A. S. Chernyaev (interpreter).",
            [("M. S. Gorbachev", "present"), ("A. S. Chernyaev", "interpreter")],
        ),
        ("Translated by comrs. Kotov and Schmidt.", [("Kotov", "interpreter"), ("Schmidt", "interpreter")]),
        ("Беседу переводил В.М. Суходрев.", [("В.М. Суходрев", "interpreter")]),
        (
            "Members Present: Senator Mike Mansfield; Mr. Kuznetsov",
            [("Mike Mansfield", "present"), ("Kuznetsov", "present")],
        ),
        ("Dr. Henry A. Kissinger, Secretary of State", [("Henry A. Kissinger", "present")]),
        ("Mr. Strand, note-taker", [("Strand", "recorder")]),
        ("Assistant to the President for National Security Affairs Brent Scowcroft", [("Brent Scowcroft", "present")]),
        ("Recorded by comr. Fedorenko.", [("Fedorenko", "recorder")]),
    ],
)
def test_participants_forms(text: str, expected: list[tuple[str, str]]) -> None:
    found = mentions_in(text)
    assert [
        (m.name, expected_role)
        for m, (_name, expected_role) in zip(found, expected, strict=True)
        if expected_role in m.roles
    ] == expected


def test_a_page_mark_in_a_participants_list_separates_names_but_not_a_title_from_its_name() -> None:
    encoded, root = run("Present: Comrade // Stalin, Malenkov // Bulganin, Molotov.\n\nStalin: Good.\n\nBulganin: Yes.")
    people = {p.get(XML_ID): p.get("role") for p in xpath(root, "//t:listPerson/t:person")}
    assert people == {
        "stalin": "present speaker",
        "malenkov": "present",
        "bulganin": "present speaker",
        "molotov": "present",
    }
    assert turns_of(root) == [("Stalin:", "#stalin"), ("Bulganin:", "#bulganin")]
    assert len(xpath(root, "//t:body//t:pb")) == 2
    assert not speech_warnings(encoded)


def test_participants_list_under_a_heading_names_the_speakers() -> None:
    body = """PARTICIPANTS
The Secretary
Deputy Secretary Ingersoll
Mr. Bremer, Notetaker
SUBJECT
Angola
The Secretary: The Department is leaking.
Bremer: They were restricted.
Deputy Secretary: I agree."""
    _encoded, root = run(body)
    assert turns_of(root) == [
        ("The Secretary:", "#the-secretary"),
        ("Bremer:", "#bremer"),
        ("Deputy Secretary:", "#ingersoll"),
    ]
    roles = {p.get("{http://www.w3.org/XML/1998/namespace}id"): p.get("role") for p in xpath(root, "//t:person")}
    assert "recorder" in roles["bremer"] and "speaker" in roles["bremer"]


def test_a_list_ends_where_a_listed_person_speaks() -> None:
    body = """PARTICIPANTS
Dr. Henry A. Kissinger, Secretary of State
Julius Nyerere, President of Tanzania
Kissinger: Yes, Mr. President
Nyerere: I know."""
    _encoded, root = run(body)
    assert turns_of(root) == [("Kissinger:", "#henry-a-kissinger"), ("Nyerere:", "#julius-nyerere")]


def test_a_role_in_the_list_is_the_person_a_label_names() -> None:
    body = """PRINCIPALS
The President
The Vice President
Secretary of Defense Donald Rumsfeld
President Ford: Let us begin.
Vice President Rockefeller: I agree.
Secretary Rumsfeld: So do I.
President Ford: Good."""
    _encoded, root = run(body)
    assert [who for _speaker, who in turns_of(root)] == ["#ford", "#rockefeller", "#donald-rumsfeld", "#ford"]
    persons = {p.get("{http://www.w3.org/XML/1998/namespace}id"): p.get("role") for p in xpath(root, "//t:person")}
    assert persons == {
        "ford": "present speaker",
        "rockefeller": "present speaker",
        "donald-rumsfeld": "present speaker",
    }


def test_declared_speakers_by_option_and_header_line() -> None:
    body = "X: One.\nY: Two."
    _encoded, root = run(body, speakers={"X": "xavier"})
    assert turns_of(root)[0] == ("X:", "#xavier")
    _encoded, root = run(body, header="Title: A record\nSpeakers: X = xavier; Y = yves")
    assert turns_of(root) == [("X:", "#xavier"), ("Y:", "#yves")]
    _encoded, root = run("Present: Mr. Kissinger, Mr. Dobrynin.\nK: One.\nD: Two.", speakers={"K": "kissinger"})
    assert turns_of(root)[0] == ("K:", "#kissinger")
    assert len(xpath(root, "//t:person[@xml:id='kissinger']")) == 1 and not xpath(
        root, "//t:person[@xml:id='kissinger-x']"
    )
    _encoded, root = run("Present: Mr. Kissinger, Mr. Dobrynin.\nK: One.\nD: Two.\nK: Three.\nD: Four.")
    assert [who for _speaker, who in turns_of(root)] == ["#kissinger", "#dobrynin"] * 2
    assert len(xpath(root, "//t:person")) == 2
    with pytest.raises(InputError, match="LABEL = person-id") as error:
        parse_speakers("X = xavier\nY yves\n", "s.txt")
    assert str(error.value).startswith("s.txt:2:1:")


def test_reported_speech_stays_prose() -> None:
    body = """Ambassador Dobrynin said that Moscow was struck by the note.
I replied that we would study it.
The Ambassador then left."""
    encoded, root = run(body)
    assert xpath(root, "//t:sp") == [] and speech_warnings(encoded) == []


def test_british_offices_are_roles_and_their_ids_name_the_office() -> None:
    """``The Foreign Secretary:`` used once is a role, and ``The Minister of Defence`` is not ``#of-defence``."""
    encoded, root = run(
        """
The Prime Minister: We must decide tonight.
The Foreign Secretary: I recommend that we abstain.
The Chancellor of the Exchequer: The reserves fell again this week.
The Lord Privy Seal: Then the question is Washington.
The Minister of Defence: The landings can go ahead.
The Prime Minister: Very well.
"""
    )
    assert turns_of(root) == [
        ("The Prime Minister:", "#the-prime-minister"),
        ("The Foreign Secretary:", "#the-foreign-secretary"),
        ("The Chancellor of the Exchequer:", "#the-chancellor-of-the-exchequer"),
        ("The Lord Privy Seal:", "#the-lord-privy-seal"),
        ("The Minister of Defence:", "#the-minister-of-defence"),
        ("The Prime Minister:", "#the-prime-minister"),
    ]
    assert speech_warnings(encoded) == []


def test_a_recorder_line_lists_a_person_and_a_speech_stays_a_turn() -> None:
    """``Secretary: Sir Norman Brook.`` names who kept the record; ``Secretary: Nonsense.`` is the Secretary."""
    _encoded, root = run(
        """
Present: The Prime Minister, the Foreign Secretary.
Secretary: Sir Norman Brook.
The Prime Minister: We must decide tonight.
The Foreign Secretary: I recommend that we abstain.
"""
    )
    assert [label for label, _who in turns_of(root)] == ["The Prime Minister:", "The Foreign Secretary:"]
    assert xpath(root, "string(//t:person[@role='recorder']/t:persName)") == "Norman Brook"
    _encoded, root = run(
        """
Secretary: Nonsense.
Sisco: It is not nonsense.
Secretary: Good Lord.
Sisco: We have studied it.
"""
    )
    assert [label for label, _who in turns_of(root)] == ["Secretary:", "Sisco:", "Secretary:", "Sisco:"]


def test_offices_in_capitals_and_in_french_are_roles_with_the_office_as_id() -> None:
    _encoded, root = run(
        """
THE PRIME MINISTER: The position of the pound was no better overnight.
THE CHANCELLOR OF THE EXCHEQUER: We lost a great deal yesterday.
THE FIRST SECRETARY OF STATE: I cannot accept a statutory freeze.
THE PRIME MINISTER: Then we are agreed.
"""
    )
    assert [who for _label, who in turns_of(root)] == [
        "#the-prime-minister",
        "#the-chancellor-of-the-exchequer",
        "#the-first-secretary-of-state",
        "#the-prime-minister",
    ]
    _encoded, root = run(
        """
Le Président de la République : Je suis heureux de vous recevoir.
M. Gromyko : Le gouvernement soviétique attache une grande importance à cette visite.
Le Président de la République : Une déclaration, peut-être.
Le Général de Gaulle : Nous verrons.
""",
        header="Title: Compte rendu\nOriginal Language: French",
    )
    assert [who for _label, who in turns_of(root)] == [
        "#le-president-de-la-republique",
        "#gromyko",
        "#le-president-de-la-republique",
        "#de-gaulle",
    ]
