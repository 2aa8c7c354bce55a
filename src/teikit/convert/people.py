"""Who takes part in a record: speakers, those present, the recorder, interpreters.

Input: the classified :class:`~teikit.convert.structure.Part` list (participants
paragraphs are read by :mod:`teikit.convert.participants`, labels by
:mod:`teikit.convert.labels`). Output: a list of :class:`Person`, each with an
``xml:id`` made from the name without honorifics, a name per language and
roles, speakers first; each turn gets its person's id in ``Unit.who``. A person
named in both the translation and the original gets both name forms: the
original's speakers are matched to the translation's by aligned turns, the
"present" lists by position.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from teikit.convert.participants import Mention, group_line, is_participants_paragraph, mentions_in
from teikit.convert.structure import Kind, Part, Unit

_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch - y - e iu ia".split(),
        strict=True,
    )
)


@dataclass
class Person:
    """A participant: ``xml:id``, names by language code, aliases and roles."""

    ident: str
    names: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    roles: list[str] = field(default_factory=list)

    def add_role(self, role: str) -> None:
        if role not in self.roles:
            self.roles.append(role)


def slug(name: str) -> str:
    """An ``xml:id`` from a name: ``Mao Zedong`` -> ``mao-zedong``, ``Сталин`` -> ``stalin``."""
    lowered = "".join(_CYRILLIC.get(char, char) for char in name.lower()).replace("-", " ")
    ascii_text = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    ident = "-".join(words) or "person"
    return ident if ident[0].isalpha() else f"p-{ident}"


def speaker_map(first: Part, second: Part) -> dict[str, str]:
    """Map each speaker name of ``second`` to the person id its turns align with most in ``first``."""
    votes: Counter[tuple[str, str]] = Counter()
    for one, other in zip(first.turns, second.turns, strict=False):
        if one.who and other.person:
            votes[(other.person, one.who)] += 1
    mapping: dict[str, str] = {}
    for (theirs, ours), _count in votes.most_common():
        if theirs not in mapping and ours not in mapping.values():
            mapping[theirs] = ours
    return mapping


def find_people(parts: list[Part]) -> list[Person]:
    """Every speaker and every person listed as present, interpreting or recording, across languages.

    Participants are read first, so a label (``Kissinger:``, ``The Secretary:``,
    ``Cde. Honecker:``) resolves to the person a list names in full; a speaker
    no list names becomes a person of their own (a declared speaker keeps the
    declared id). Each turn gets its person's id in ``Unit.who``.
    """
    people: dict[str, Person] = {}
    declared = {note.declared for part in parts for turn in part.turns for note in turn.notes[:1] if note.declared}
    used: set[str] = set(declared)
    main = parts[0]

    def person_for(key: str, ident: str | None = None) -> Person:
        if key not in people:
            if ident is None:
                ident = slug(key)
                claimed = ident in declared and all(person.ident != ident for person in people.values())
                while ident in used and not claimed:
                    ident += "-x"
            used.add(ident)
            people[key] = Person(ident)
        return people[key]

    titles: dict[str, str] = {}
    main_mentions = _mentions(main)
    for mention in main_mentions:
        key = _match_known(mention.name, people) or mention.name
        person = person_for(key)
        person.names.setdefault(main.lang, mention.name)
        if mention.titles:
            titles.setdefault(key, mention.titles)
        if mention.alias:
            person.aliases.setdefault(main.lang, mention.alias)
        for role in mention.roles:
            person.add_role(role)
    _name_roles(main, people, titles, used)
    resolved: dict[tuple[str, ...], str | None] = {}
    for turn in main.turns:
        note = turn.notes[0] if turn.notes else None
        label = (note.titles, note.name, note.declared or "", turn.person or "") if note else ("", "", "", "")
        found = resolved[label] if label in resolved else _resolve(turn, people, titles)
        resolved[label] = found
        if found is not None:
            person = person_for(found, _declared_id(turn))
            person.names.setdefault(main.lang, found)
            person.add_role("speaker")
            turn.who = person.ident
    for other in parts[1:]:
        mapping = speaker_map(main, other)
        by_id = {person.ident: person for person in people.values()}
        for turn in other.turns:
            if turn.person and turn.person in mapping:
                by_id[mapping[turn.person]].names.setdefault(other.lang, turn.person)
                turn.who = mapping[turn.person]
            elif turn.person:
                person = person_for(turn.person, _declared_id(turn))
                person.names.setdefault(other.lang, turn.person)
                person.add_role("speaker")
                turn.who = person.ident
        _align_mentions(main_mentions, _mentions(other), other.lang, people, person_for)
    return sorted(people.values(), key=lambda person: "speaker" not in person.roles)


def _name_roles(main: Part, people: dict[str, Person], titles: dict[str, str], used: set[str]) -> None:
    """A participant listed only by role (``The President``) whom a label names (``President Ford:``) is that person."""
    for turn in main.turns:
        note = turn.notes[0] if turn.notes else None
        if note is None or not note.name or not note.titles or note.declared:
            continue
        if _resolve(turn, people, titles) != turn.person or turn.person in people:
            continue
        wanted = note.titles.casefold()
        roles = [
            key
            for key, title in titles.items()
            if title.casefold() == wanted and people[key].names.get(main.lang, key).casefold().endswith(wanted)
        ]
        if len(roles) != 1 or turn.person is None:
            continue
        person = people.pop(roles[0])
        del titles[roles[0]]
        used.discard(person.ident)
        ident = slug(turn.person)
        while ident in used:
            ident += "-x"
        used.add(ident)
        person.ident = ident
        person.names[main.lang] = turn.person
        people[turn.person] = person
        titles[turn.person] = note.titles


def _declared_id(turn: Unit) -> str | None:
    return turn.notes[0].declared if turn.notes else None


def _resolve(turn: Unit, people: dict[str, Person], titles: dict[str, str]) -> str | None:
    """The key of the person a turn's label names: a listed participant when one fits, else the label's name."""
    note = turn.notes[0] if turn.notes else None
    if turn.person is None or note is None:
        return None
    if note.declared:
        return next((key for key, person in people.items() if person.ident == note.declared), turn.person)
    if note.name:
        exact = _match_known(note.name, people)
        if exact:
            return exact
        if note.kind == "initials" and len(note.name) == 1:
            letter = note.name.casefold()
            found = [
                key for key, person in people.items() if "speaker" not in person.roles and _initial_of(person) == letter
            ]
            return found[0] if len(found) == 1 else turn.person
        wanted = _surname(note.name)
        first = note.name.split()[0].casefold()
        for matches in (
            lambda name: _surname(name) == wanted,
            lambda name: len(name.split()) > 1 and name.split()[0].casefold() == wanted,
            lambda name: len(name.split()) == 1 and name.casefold() == first,
        ):
            found = [key for key, person in people.items() if any(matches(name) for name in person.names.values())]
            if len(found) == 1:
                return found[0]
        return turn.person
    wanted = note.titles.casefold()
    found = [key for key, title in titles.items() if title.casefold() == wanted]
    return found[0] if len(found) == 1 else turn.person


def _initial_of(person: Person) -> str:
    """``k`` for a listed Kissinger: a telcon's ``K:`` is the one participant whose surname starts so."""
    names = list(person.names.values())
    return _surname(names[0])[:1] if names else ""


def _surname(name: str) -> str:
    words = [word for word in name.split() if word.strip(".,") not in ("Jr", "Sr", "II", "III", "IV")]
    return words[-1].strip(",").casefold() if words else ""


def _mentions(part: Part) -> list[Mention]:
    mentions: list[Mention] = []
    for unit in part.units:
        text = unit.text.text
        if unit.kind is Kind.PARTICIPANTS and (is_participants_paragraph(text) or not group_line(text)):
            mentions.extend(mentions_in(text))
        elif unit.kind is Kind.RECORDER:
            mentions.extend(mentions_in(text, ("recorder",)))
    return mentions


def _match_known(name: str, people: dict[str, Person]) -> str | None:
    """The key of a person already known under this name (``Fedorenko`` recorded and present)."""
    folded = name.casefold()
    for key, person in people.items():
        if folded == key.casefold() or any(folded == known.casefold() for known in person.names.values()):
            return key
    return None


def _align_mentions(
    main: list[Mention], other: list[Mention], lang: str, people: dict[str, Person], person_for: Callable[[str], Person]
) -> None:
    """Give the original's names to the translation's people, list position by list position."""
    for one, two in zip(main, other, strict=False):
        key = _match_known(one.name, people)
        if key is None:
            continue
        person = people[key]
        person.names.setdefault(lang, two.name)
        if two.alias:
            person.aliases.setdefault(lang, two.alias)
    for extra in other[len(main) :]:
        person = person_for(_match_known(extra.name, people) or extra.name)
        person.names.setdefault(lang, extra.name)
        for role in extra.roles:
            person.add_role(role)
