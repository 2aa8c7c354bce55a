"""What the encoder learns while it works on one record.

One :class:`EncodingContext` per conversion holds the ``xml:id``s handed out,
the responsible party for editorial brackets, the people and named entities
(so every mention can point at its header entry), the bracket review rows and
the warnings. Library code returns the warnings; the command line prints them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from teikit.convert import rules
from teikit.convert.people import Person, slug
from teikit.convert.source import SourceText
from teikit.core.errors import Diagnostic, Location

NAME_KINDS = ("persName", "placeName", "orgName")


@dataclass
class Entity:
    """A person, place or organisation named in the text but not a participant."""

    ident: str
    kind: str
    names: list[str]


@dataclass
class BracketRecord:
    """One row of the bracket review listing."""

    location: Location
    text: str
    rule: str
    kind: str
    nodes: list[etree._Element]
    context: str = ""
    """A few words on either side (``… told [us] that …``): where the same text took another kind, why."""


@dataclass
class EncodingContext:
    """State of one conversion (see the module doc)."""

    path: str
    resp: str = "#archive"
    people: list[Person] = field(default_factory=list)
    footnotes: dict[str, SourceText] = field(default_factory=dict)
    placed_footnotes: dict[str, str] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    brackets: list[BracketRecord] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    languages: list[str] = field(default_factory=list)
    record_date: str = ""
    _names: re.Pattern[str] | None = None
    _refs: dict[str, tuple[str, str]] = field(default_factory=dict)

    def unique_id(self, base: str) -> str:
        ident, counter = base, 1
        while ident in self.ids:
            counter += 1
            ident = f"{base}-{counter}"
        self.ids.add(ident)
        return ident

    def script_language(self, script: str) -> str:
        """``xml:lang`` for words in ``script``: a language of the record written in it, else ``und-Xxxx``."""
        for code in self.languages:
            if rules.LANGUAGE_SCRIPTS.get(code) == script:
                return code
        return f"und-{rules.SCRIPT_SUBTAGS[script]}"

    def warn(self, message: str, code: str, location: Location | None) -> None:
        self.warnings.append(Diagnostic("warning", message, code, location))

    # --- names ---------------------------------------------------------------------

    def name_kind(self, names: tuple[str, ...], before: str = "") -> str:
        """The kind of a named thing: participant, known name, context cue, or plain ``name``."""
        for name in names:
            if self._person_for(name):
                return "persName"
            known = rules.KNOWN_NAMES.get(name.lower())
            if known:
                return known
        if any(rules.ORG_WORD_RE.search(name) for name in names):
            return "orgName"
        if re.match(r"^(?:[A-Z]\.){1,3}\s?[A-Z]", names[0]):
            return "persName"
        if before and rules.PLACE_CUE_RE.search(before):
            return "placeName"
        return "name"

    def entity(self, kind: str, names: tuple[str, ...]) -> str | None:
        """``#id`` of the header entry for these names, creating a mentioned entity if needed."""
        if kind not in NAME_KINDS:
            return None
        person = next((self._person_for(name) for name in names if self._person_for(name)), None)
        if person is not None:
            return f"#{person.ident}"
        for entity in self.entities.values():
            if entity.kind == kind and any(name in entity.names for name in names):
                for name in names:
                    if name not in entity.names:
                        entity.names.append(name)
                        self._names = None
                return f"#{entity.ident}"
        ident = self.unique_id(slug(names[0]))
        self.entities[ident] = Entity(ident, kind, list(names))
        self._names = None
        return f"#{ident}"

    def _person_for(self, name: str) -> Person | None:
        for person in self.people:
            if name in person.names.values() or name in person.aliases.values():
                return person
        return None

    def name_pattern(self) -> re.Pattern[str] | None:
        """One pattern matching every known name form, longest first; ``None`` if none."""
        if self._names is None:
            self._refs = {}
            for person in self.people:
                for name in (*person.names.values(), *person.aliases.values()):
                    self._refs[name] = ("persName", f"#{person.ident}")
            for entity in self.entities.values():
                for name in entity.names:
                    self._refs.setdefault(name, (entity.kind, f"#{entity.ident}"))
            forms = sorted(self._refs, key=len, reverse=True)
            if not forms:
                return None
            alternatives = "|".join(
                re.escape(form) + _CASE_ENDINGS if _cyrillic(form) else re.escape(form) for form in forms
            )
            self._names = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")
        return self._names

    def name_ref(self, matched: str) -> tuple[str, str] | None:
        """Kind and ``#id`` of a matched name form (a Russian case ending is allowed)."""
        if matched in self._refs:
            return self._refs[matched]
        for form, ref in self._refs.items():
            if matched.startswith(form) and _cyrillic(form):
                return ref
        return None


_CASE_ENDINGS = "(?:а|я|у|ю|ом|ем|ым|им|ой|ей|е|ы|и)?"


def _cyrillic(text: str) -> bool:
    return any("\u0400" <= char <= "\u04ff" for char in text)
