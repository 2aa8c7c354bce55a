"""Align the translation with the original, unit by unit.

Input: two :class:`~teikit.convert.structure.Part` (translation, original) and the
people. Output: an ``xml:id`` for every top-level unit and, for each aligned
pair, a link both ways (``@corresp``). Speaker turns are aligned by order and
speaker (a longest-common-subsequence match on who speaks), so one turn missing
on one side does not shift every later pair; each disagreement becomes a
warning at the turns' places rather than a silent guess. Headings, opening
paragraphs, participant lists and closers are paired by order within their
group.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from teikit.convert.people import Person, speaker_map
from teikit.convert.structure import CLOSING_KINDS, Kind, Part, Unit
from teikit.core.errors import Diagnostic

_GROUPS = {
    Kind.HEAD: "head",
    Kind.STAMP: "opener",
    Kind.DESCRIPTION: "opener",
    Kind.OPENER: "opener",
    Kind.TURN: "sp",
    Kind.PARTICIPANTS: "p",
    Kind.PARAGRAPH: "p",
    Kind.SECTION: "head",
    Kind.ITEM: "p",
    Kind.SUBJECT: "p",
    Kind.ADDRESS: "p",
    Kind.DATELINE: "opener",
    Kind.BYLINE: "opener",
    **{kind: "closer" for kind in CLOSING_KINDS},
}


@dataclass
class Alignment:
    """Ids of units and the ids each unit corresponds to."""

    ids: dict[int, str] = field(default_factory=dict)
    links: dict[int, list[str]] = field(default_factory=dict)
    warnings: list[Diagnostic] = field(default_factory=list)
    pairs: int = 0

    def link(self, one: Unit, other: Unit) -> None:
        self.links.setdefault(id(one), []).append(self.ids[id(other)])
        self.links.setdefault(id(other), []).append(self.ids[id(one)])

    def corresp(self, unit: Unit) -> str | None:
        targets = self.links.get(id(unit))
        return " ".join(f"#{target}" for target in targets) if targets else None


def assign_ids(part: Part, alignment: Alignment, taken: set[str]) -> None:
    counters: dict[str, int] = {}
    for unit in part.units:
        group = _GROUPS[unit.kind]
        counters[group] = counters.get(group, 0) + 1
        ident = f"{part.lang}-{group}{counters[group]}"
        while ident in taken:
            ident += "x"
        taken.add(ident)
        alignment.ids[id(unit)] = ident


def _sections(part: Part) -> dict[str, list[Unit]]:
    """Group units: opening heads/openers, prose before the turns, turns, prose after, closers."""
    sections: dict[str, list[Unit]] = {"head": [], "opener": [], "front": [], "sp": [], "back": [], "closer": []}
    seen_turn = False
    for unit in part.units:
        group = _GROUPS[unit.kind]
        if group == "sp":
            seen_turn = True
        if group == "p":
            group = "back" if seen_turn or unit.kind is Kind.PARTICIPANTS else "front"
        sections[group].append(unit)
    return sections


def align(parts: list[Part], people: list[Person], taken: set[str]) -> Alignment:
    """Give ids to every unit of every part and link the translation to the original."""
    alignment = Alignment()
    for part in parts:
        assign_ids(part, alignment, taken)
    if len(parts) < 2:
        return alignment
    first, second = _sections(parts[0]), _sections(parts[1])
    for group in ("head", "opener", "front", "back", "closer"):
        _pair_in_order(first[group], second[group], alignment)
    _align_turns(parts[0], parts[1], alignment)
    return alignment


def _pair_in_order(one: list[Unit], other: list[Unit], alignment: Alignment) -> None:
    if len(one) == 1 and len(other) > 1:
        for unit in other:
            alignment.link(one[0], unit)
    elif len(other) == 1 and len(one) > 1:
        for unit in one:
            alignment.link(unit, other[0])
    else:
        for a, b in zip(one, other, strict=False):
            alignment.link(a, b)


def _align_turns(first: Part, second: Part, alignment: Alignment) -> None:
    mapping = speaker_map(first, second)
    one, other = first.turns, second.turns
    left = [turn.who or "" for turn in one]
    right = [mapping.get(turn.person or "", "?" + (turn.person or "")) for turn in other]
    matcher = SequenceMatcher(None, left, right, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            for a, b in zip(one[i1:i2], other[j1:j2], strict=True):
                alignment.link(a, b)
                alignment.pairs += 1
                if tag == "replace":
                    _warn(
                        alignment,
                        a,
                        f"turn's speaker differs from its counterpart {alignment.ids[id(b)]} ({b.person})",
                        "turn-speaker-mismatch",
                    )
            continue
        for a in one[i1:i2]:
            _warn(
                alignment,
                a,
                f"turn of {a.person} has no counterpart in the {second.role} ({second.lang}); left unlinked",
                "turn-unaligned",
            )
        for b in other[j1:j2]:
            _warn(
                alignment,
                b,
                f"turn of {b.person} has no counterpart in the {first.role} ({first.lang}); left unlinked",
                "turn-unaligned",
            )
    if len(one) != len(other):
        alignment.warnings.append(
            Diagnostic(
                "warning",
                f"{len(one)} turns in the {first.role} but {len(other)} in the {second.role}",
                "turn-count",
                (other[0] if other else one[0]).text.location(0) if (one or other) else None,
            )
        )


def _warn(alignment: Alignment, unit: Unit, message: str, code: str) -> None:
    where = unit.speaker.location(0) if unit.speaker is not None else unit.text.location(0)
    alignment.warnings.append(Diagnostic("warning", message, code, where))
