"""Who takes part in a record: speakers, those present, the recorder, interpreters.

Input: the classified :class:`~teikit.convert.structure.Part` list. Output: a list of
:class:`Person`, each with an ``xml:id``, a name per language and roles, in
the order they appear (speakers first). A person named in both the
translation and the original gets both name forms: the original's speakers are
matched to the translation's by aligned turns, the "present" lists by position.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from teikit.convert import rules
from teikit.convert.structure import Kind, Part, Unit

_ROLE_WORDS = (
    (re.compile(r"\b(?:translator|interpreter|переводчик)", re.I), "interpreter"),
    (re.compile(r"\b(?:recorder|secretary|стенографист)", re.I), "recorder"),
)
_BRACKET_RE = re.compile(r"\[(?P<text>[^\[\]]*)\]")
_SLASH_RE = re.compile(r"/(?P<text>[^/\s][^/]*?)/")
_AND_RE = re.compile(r",\s*|\s+(?:and|и|und|et)\s+")
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


@dataclass(frozen=True)
class Mention:
    """A name as one part gives it, with what that part says about the person."""

    name: str
    alias: str | None
    roles: tuple[str, ...]


def listed_names(unit: Unit) -> list[Mention]:
    """The people of an "Also present: ..." or "Recorded by ..." paragraph."""
    text = unit.text.text
    if unit.kind is Kind.PARTICIPANTS:
        text = text.split(":", 1)[1] if ":" in text else text
        base: tuple[str, ...] = ("present",)
    else:
        text = rules.RECORDER_RE.sub("", text, count=1)
        base = ("recorder",)
    text = text.strip().rstrip(".")
    text = rules.LIST_PREFIX_RE.sub("", text)
    mentions = []
    for item in _split_items(text):
        roles = list(base)
        for bracket in _BRACKET_RE.finditer(item):
            for pattern, role in _ROLE_WORDS:
                if pattern.search(bracket.group("text")) and role not in roles:
                    roles.append(role)
        alias_match = _SLASH_RE.search(item)
        name = _SLASH_RE.sub("", _BRACKET_RE.sub("", item))
        name = rules.LIST_PREFIX_RE.sub("", " ".join(name.split())).strip(" .,;")
        if name and name[0].isupper():
            mentions.append(Mention(name, alias_match.group("text") if alias_match else None, tuple(roles)))
    return mentions


def _split_items(text: str) -> list[str]:
    """Split a list of names at commas and "and", never inside brackets."""
    items, depth, start = [], 0, 0
    index = 0
    while index < len(text):
        char = text[index]
        depth += char == "["
        depth -= char == "]" and depth > 0
        if depth == 0:
            match = _AND_RE.match(text, index)
            if match and match.end() > index:
                items.append(text[start:index])
                start = index = match.end()
                continue
        index += 1
    items.append(text[start:])
    return [item.strip() for item in items if item.strip()]


def slug(name: str) -> str:
    """An ``xml:id`` from a name: ``Mao Zedong`` -> ``mao-zedong``, ``Сталин`` -> ``stalin``."""
    lowered = "".join(_CYRILLIC.get(char, char) for char in name.lower()).replace("-", " ")
    ascii_text = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    ident = "-".join(words) or "person"
    return ident if ident[0].isalpha() else f"p-{ident}"


def speaker_map(first: Part, second: Part) -> dict[str, str]:
    """Map each speaker name of ``second`` to the ``first`` name its turns align with most."""
    votes: Counter[tuple[str, str]] = Counter()
    for one, other in zip(first.turns, second.turns, strict=False):
        if one.person and other.person:
            votes[(other.person, one.person)] += 1
    mapping: dict[str, str] = {}
    for (theirs, ours), _count in votes.most_common():
        if theirs not in mapping and ours not in mapping.values():
            mapping[theirs] = ours
    return mapping


def find_people(parts: list[Part]) -> list[Person]:
    """Every speaker and every person listed as present or recording, across languages."""
    people: dict[str, Person] = {}
    used: set[str] = set()
    main = parts[0]

    def person_for(key: str) -> Person:
        if key not in people:
            ident = slug(key)
            while ident in used:
                ident += "-x"
            used.add(ident)
            people[key] = Person(ident)
        return people[key]

    for turn in main.turns:
        if turn.person:
            person = person_for(turn.person)
            person.names.setdefault(main.lang, turn.person)
            person.add_role("speaker")
    main_mentions = _mentions(main)
    for mention in main_mentions:
        person = person_for(_match_known(mention.name, people) or mention.name)
        person.names.setdefault(main.lang, mention.name)
        if mention.alias:
            person.aliases.setdefault(main.lang, mention.alias)
        for role in mention.roles:
            person.add_role(role)
    for other in parts[1:]:
        mapping = speaker_map(main, other)
        for name, key in mapping.items():
            people[key].names.setdefault(other.lang, name)
        for turn in other.turns:
            if turn.person and turn.person not in mapping:
                person = person_for(turn.person)
                person.names.setdefault(other.lang, turn.person)
                person.add_role("speaker")
        _align_mentions(main_mentions, _mentions(other), other.lang, people, person_for)
    return list(people.values())


def _mentions(part: Part) -> list[Mention]:
    mentions: list[Mention] = []
    for unit in part.units:
        if unit.kind in (Kind.PARTICIPANTS, Kind.RECORDER):
            mentions.extend(listed_names(unit))
    return mentions


def _match_known(name: str, people: dict[str, Person]) -> str | None:
    """The key of a person already known under this name (``Fedorenko`` recorded and present)."""
    for key, person in people.items():
        if name in person.names.values() or name == key:
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
