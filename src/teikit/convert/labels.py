"""The speaker-label grammar: which paragraphs open a speaker's turn, and why.

Input: the body blocks of one part (plain text with places), the speakers an
editor declared (``--speakers`` or a ``Speakers:`` header line). Output: for each
block, a :class:`LabelNote` when it opens with something shaped like a label:
the label as printed, the speaker's name without honorifics, its shape, whether
it is taken as a turn, why, and a doubt to warn about. No XML here.

Shapes (tried in this order; README has the table):

* ``[The President:] …`` bracketed (the editor supplied the label);
* ``: …`` empty and ``(?): …`` unknown speaker (a turn, with a warning);
* ``Name (aside): …`` (``Secretary (to Hyland):``, ``A.A. Gromyko (after a pause):``);
* ``Name: …``, ``Title Name: …``, ``THE ROLE: …``, initials ``K: …``;
* ``NAME. …`` / ``Name. …`` (Soviet records: ``GROMYKO. We have studied …``).

A label is a turn when its name is declared, is a participant, recurs (opens two
or more paragraphs), or is a title or role (``Chairman Mao``, ``The Secretary``,
``A Senator``); a once-used one-word name in a record that is otherwise dialogue
(or once-used initials where other initials are turns) is a turn with a
warning; so is an aside in lower case (a stage direction). ``NAME.`` needs a
participant, a speaker already known from a colon label, or a recurring
capitalised name that is no interjection (``Yes.``). Anything else shaped like
a label stays prose, with a warning.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from teikit.convert import rules
from teikit.convert.participants import mentions_in, participant_lines, split_titles
from teikit.convert.source import SourceText
from teikit.core.errors import Location

_NAME_WORD_RE = re.compile(r"^(?:[^\W\d_]\.(?:-?[^\W\d_]\.)*)?[^\W\d_]?[\w'’-]*\.?$")
"""``Gromyko``, ``A.A.Gromyko``, ``Цзэ-дун``, ``Jr.``: one word of a speaker's name."""

UNKNOWN_RE: Final = re.compile(r"^\(\s*(?:\?|unknown|unidentified|inaudible|неразборчиво)\s*\)\s*:[ \t]+(?=\S)", re.I)
"""``(?): …``: a turn whose speaker the record does not name."""

EMPTY_RE: Final = re.compile(r"^:[ \t]+(?=\S)")
"""``: Netherlands defense cuts.``: a lone colon, the label lost in the record."""

BRACKETED_RE: Final = re.compile(r"^\[(?P<name>[^\[\]:]{1,80}):\][ \t]+(?=\S)")
"""``[The President:] …``: a label the editor supplied."""

COLON_RE: Final = re.compile(r"^(?P<name>[^:\n\[\]]{1,80}?)\s*(?:\((?P<aside>[^()\n]{1,60})\))?\s*:[ \t]+(?=\S)")
"""``Kissinger: …``, ``Secretary (to Hyland): …``: a name (and an aside) before a colon."""

_INITIAL_RE = re.compile(r"^(?:[^\W\d_]\.)+$")
"""``A.`` / ``A.A.``: initials, which never end a ``NAME.`` label."""

_AFTER_STOP_RE = re.compile(r"^[\"«“(\[]?[^\W\d_]")
"""What follows a ``NAME.`` label: a letter, maybe after a quotation mark or bracket."""

_ABBREVIATIONS = frozenset(
    [title.casefold() for title in rules.HONORIFICS if title.endswith(".")]
    + ["st.", "no.", "vol.", "cf.", "etc.", "jr.", "sr."]
)
DIALOGUE_TURNS = 3
"""A record with at least this many turns otherwise is dialogue: a once-used one-word label is a turn there."""


@dataclass(frozen=True)
class Label:
    """A label at the start of a paragraph, as the grammar reads it."""

    shape: str
    end: int
    label_end: int
    printed: str
    name: str
    titles: str
    kind: str
    aside: str | None = None
    spans: tuple[tuple[int, int], ...] = ()
    rend: str | None = None

    def speaker_spans(self) -> tuple[tuple[int, int], ...]:
        """Where the label's characters stand in the paragraph (Markdown emphasis markers left out)."""
        return self.spans or ((0, self.label_end),)


@dataclass
class LabelNote:
    """What the grammar decided about one label-shaped paragraph opening (the review listing's row)."""

    location: Location
    speaker: str
    name: str
    titles: str
    kind: str
    turn: bool
    why: str
    doubt: str | None = None
    declared: str | None = None
    label: Label | None = None


@dataclass
class Speakers:
    """The grammar's decisions for one part: label notes by block, and the participants paragraphs."""

    notes: dict[int, LabelNote]
    participants: dict[int, tuple[str, ...]]

    def turn_at(self, index: int) -> LabelNote | None:
        note = self.notes.get(index)
        return note if note is not None and note.turn else None


# --- shapes ------------------------------------------------------------------------------------


def _name_words_ok(name: str) -> bool:
    words = name.split()
    if not words or len(words) > 7:
        return False
    for word in words:
        if word.lower() in rules.NAME_PARTICLES and word.islower():
            continue
        if not _NAME_WORD_RE.match(word) or word[0].islower() or not word[0].isalpha():
            return False
    return True


def _kind(article: str, titles: str, rest: str) -> str:
    if not rest:
        return "generic" if article.lower() in ("a", "an", "ein", "eine", "un", "une") else "role"
    if titles:
        return "title-name"
    if article:
        return "article-name"
    if re.fullmatch(r"[^\W\d_]{1,3}", rest) and rest.isupper():
        return "initials"
    return "name"


def _named(shape: str, end: int, label_end: int, printed: str, name: str, aside: str | None = None) -> Label | None:
    words = name.split()
    if not words or words[0].lower() in rules.NON_SPEAKER_WORDS or name.lower() in rules.NON_SPEAKER_WORDS:
        return None
    article, titles, rest = split_titles(name)
    if not (_name_words_ok(rest) if rest else titles and len(name.split()) <= 7):
        return None
    if article and not titles and shape != "bracketed" and rest.lower().split()[0] in rules.NON_SPEAKER_WORDS:
        return None
    return Label(shape, end, label_end, printed, rest, titles, _kind(article, titles, rest), aside)


def _bracketed(text: str) -> Label | None:
    match = BRACKETED_RE.match(text)
    if match is None:
        return None
    label_end = len(match.group().rstrip())
    return _named("bracketed", match.end(), label_end, text[:label_end], match.group("name").strip())


def _empty(text: str) -> Label | None:
    match = EMPTY_RE.match(text)
    return Label("empty", match.end(), 1, ":", "", "", "unknown") if match else None


def _unknown(text: str) -> Label | None:
    match = UNKNOWN_RE.match(text)
    if match is None:
        return None
    label_end = text.index(":") + 1
    return Label("unknown", match.end(), label_end, text[:label_end], "", "", "unknown")


def _colon(text: str) -> Label | None:
    match = COLON_RE.match(text)
    if match is None:
        return None
    label_end = len(match.group().rstrip())
    shape = "aside" if match.group("aside") else "colon"
    return _named(shape, match.end(), label_end, text[:label_end], match.group("name").strip(), match.group("aside"))


def _full_stop(text: str) -> Label | None:
    stop = _stop_label(text)
    if stop is None:
        return None
    name, label_end, end = stop
    return _named("full-stop", end, label_end, text[:label_end], name)


@dataclass(frozen=True)
class LabelShape:
    """One shape of the grammar: its name, an example, and the reader that recognises it."""

    name: str
    example: str
    read: Callable[[str], Label | None]


SHAPES: Final = (
    LabelShape("bracketed", "[The President:] …", _bracketed),
    LabelShape("empty", ": …", _empty),
    LabelShape("unknown", "(?): …", _unknown),
    LabelShape("colon", "Kissinger: … / Cde. Honecker: … / K: … / Secretary (to Hyland): …", _colon),
    LabelShape("full-stop", "GROMYKO. … / Brezhnev. …", _full_stop),
)
"""The label shapes, tried in this order: the bracketed and unknown forms are unmistakable and come first;
the colon form before the full stop, because a name with initials (``A.A. Gromyko: …``) holds full stops."""


EMPHASIS_RE: Final = re.compile(r"^(\*\*|\*|__)(?P<inner>[^*_\n]{1,90}?)\1")
"""``**Kissinger:** …`` / ``*GROMYKO.* …`` / ``**Kissinger**: …``: a label in Markdown emphasis."""


def read_label(text: str) -> Label | None:
    """The label a paragraph opens with, if it has one of the grammar's :data:`SHAPES`, in emphasis or not."""
    match = EMPHASIS_RE.match(text)
    if match is not None:
        return _emphasised(text, match)
    for shape in SHAPES:
        label = shape.read(text)
        if label is not None:
            return label
    return None


def _emphasised(text: str, match: re.Match[str]) -> Label | None:
    """A label read without its emphasis markers, its places mapped back into the paragraph."""
    size, inner = len(match.group(1)), match.group("inner")
    plain = inner + text[match.end() :]
    label = next((found for shape in SHAPES if (found := shape.read(plain)) is not None), None)
    if label is None or not len(inner.rstrip()) <= label.label_end <= len(inner) + 1:
        return None
    spans = [(size, size + len(inner.rstrip()))]
    if label.label_end > len(inner):
        spans.append((len(inner) + 2 * size, label.label_end + 2 * size))
    printed = "".join(text[start:stop] for start, stop in spans)
    rend = "bold" if size == 2 else "italic"
    return Label(
        label.shape,
        label.end + 2 * size,
        label.label_end + 2 * size,
        printed,
        label.name,
        label.titles,
        label.kind,
        label.aside,
        tuple(spans),
        rend,
    )


def _stop_label(text: str) -> tuple[str, int, int] | None:
    """``A.A. GROMYKO. We …`` -> (``A.A. GROMYKO``, end of the label, start of the words); initials and
    honorifics (``Cde.``, ``Mr.``) do not end the label, the first other word ending in a full stop does."""
    for count, match in enumerate(re.finditer(r"\S+", text[:90]), start=1):
        word = match.group()
        if count > 5 or any(char in word for char in ":;,!?[]"):
            return None
        if not word.endswith(".") or _INITIAL_RE.match(word) or word.casefold() in _ABBREVIATIONS:
            continue
        after = re.match(r"[ \t]+", text[match.end() :])
        if after is None or not _AFTER_STOP_RE.match(text[match.end() + after.end() :]):
            return None
        name = text[: match.end() - 1].strip()
        return (name, match.end(), match.end() + after.end()) if _stop_name_ok(name) else None
    return None


def _stop_name_ok(name: str) -> bool:
    """``GROMYKO``, ``A.A. Gromyko``, ``Comrade Brezhnev``, ``Brezhnev``: not ``Yes``, an initial or a sentence."""
    words = name.split()
    if not words or len(words) > 4 or words[0].lower() in rules.INTERJECTIONS:
        return False
    if sum(char.isalpha() for char in words[-1]) < 2 or "." in words[-1]:
        return False
    if (words[-1] + ".").casefold() in _ABBREVIATIONS:
        return False
    return all(word[0].isupper() or word.lower() in rules.NAME_PARTICLES for word in words)


def _strict_stop(label: Label) -> bool:
    """A ``NAME.`` label shaped unmistakably (capitals, or a title): worth a warning when not taken."""
    letters = [char for char in label.name if char.isalpha()]
    return bool(label.titles and label.kind == "title-name") or (
        len(letters) >= 3 and all(c.isupper() for c in letters)
    )


# --- decisions ------------------------------------------------------------------------------------


def _key(label: Label) -> str:
    """What counts as the same label when counting repeats: titles and name, case folded."""
    return " ".join(part for part in (label.titles, label.name) if part).casefold()


def _surnames(names: list[str]) -> set[str]:
    found: set[str] = set()
    for name in names:
        words = [word for word in name.split() if word not in ("Jr.", "Jr", "Sr.", "III", "II")]
        if words:
            found.add(name.casefold())
            found.add(words[-1].casefold())
            if len(words) > 1 and len(words[0]) > 2 and not words[0].endswith("."):
                found.add(words[0].casefold())
    return found


def find_speakers(blocks: list[tuple[SourceText, bool]], declared: dict[str, str] | None = None) -> Speakers:
    """Decide, for each block (text without a check mark, is-heading), whether it opens a turn.

    Args:
        blocks: the part's blocks as ``(text, heading)``, in order.
        declared: labels an editor declared (``Comrade Stalin`` or ``K``), mapped to person ids.

    Returns:
        The label notes by block index and the participants paragraphs.
    """
    declared = declared or {}
    folded = {label.rstrip(":.").strip().casefold(): ident for label, ident in declared.items()}
    texts = [text.text for text, _heading in blocks]
    participants = participant_lines(texts)
    present_names: list[str] = []
    present_titles: set[str] = set()
    for index, roles in participants.items():
        if roles:
            for mention in mentions_in(texts[index], roles):
                present_names.append(mention.name)
                if mention.titles:
                    present_titles.add(mention.titles.casefold())
    known = _surnames(present_names)
    labels: dict[int, Label] = {}
    for index, (text, heading) in enumerate(blocks):
        if heading or index in participants:
            continue
        label = read_label(text.text)
        if label is not None:
            labels[index] = label
    lower = {index for index, label in labels.items() if blocks[index][0].text[label.end :][:1].islower()}
    decisions = _decide_all(labels, known, folded, lower)
    notes: dict[int, LabelNote] = {}
    for index, label in labels.items():
        turn, why, doubt = decisions[index]
        if turn and label.aside and "?" in label.aside:
            doubt = f"speaker of '{label.printed}' is uncertain in the record"
        text = blocks[index][0]
        ident = folded.get(label.printed.rstrip(":.").strip().casefold()) or folded.get(_key(label))
        notes[index] = LabelNote(
            text.location(0), label.printed, label.name, label.titles, label.kind, turn, why, doubt, ident, label
        )
    return Speakers(notes, participants)


Decision = tuple[bool, str, str | None]


def _decide_all(
    labels: dict[int, Label], known: set[str], declared: dict[str, str], lower: set[int]
) -> dict[int, Decision]:
    """Three passes: colon labels against the participants, then ``NAME.`` labels against those speakers too,
    then the colon labels left out against the ``NAME.`` speakers; last, the dialogue rules for once-used labels
    (not where the words after the label go on in lower case, as a phrase does: ``Important: this is …``)."""
    counts = Counter(_key(label) for label in labels.values() if label.shape != "full-stop" and label.kind != "unknown")
    stop_counts = Counter(_key(label) for label in labels.values() if label.shape == "full-stop")
    decisions: dict[int, Decision] = {}
    for index, label in labels.items():
        if label.shape != "full-stop":
            decisions[index] = _decide_colon(label, counts, known, declared)
    speakers = known | _speaker_names(labels, decisions)
    for index, label in labels.items():
        if label.shape == "full-stop":
            decisions[index] = _decide_stop(label, stop_counts, speakers, declared)
    speakers |= _speaker_names(labels, decisions)
    strong = {"colon": 0, "full-stop": 0}
    for index, label in labels.items():
        turn, _why, _doubt = decisions[index]
        if not turn and label.name and _known(label, speakers):
            decisions[index] = (True, "known speaker", None)
        if decisions[index][0] and decisions[index][1] != "unknown speaker":
            strong["full-stop" if label.shape == "full-stop" else "colon"] += 1
    for index, label in labels.items():
        if decisions[index][0] or len(label.name.split()) != 1 or label.kind not in ("name", "initials"):
            continue
        if index in lower:
            continue
        initials = label.kind == "initials" and any(
            decisions[other][0] and labels[other].kind == "initials" for other in labels if other != index
        )
        if label.shape != "full-stop" and (strong["colon"] >= DIALOGUE_TURNS or initials):
            message = f"speaker label '{label.printed}' is used once and names no participant; taken as a turn"
            decisions[index] = (True, "one-word label in a dialogue", message)
        elif label.shape == "full-stop" and strong["full-stop"] >= 2 and label.name[:1].isupper():
            message = f"speaker label '{label.printed}' is used once and names no known speaker; taken as a turn"
            decisions[index] = (True, "NAME. label in a dialogue", message)
    return decisions


def _speaker_names(labels: dict[int, Label], decisions: dict[int, Decision]) -> set[str]:
    return _surnames([label.name for index, label in labels.items() if index in decisions and decisions[index][0]])


def _known(label: Label, known: set[str]) -> bool:
    words = label.name.split()
    return bool(words) and (
        label.name.casefold() in known or words[-1].casefold() in known or words[0].casefold() in known
    )


def _decide_colon(
    label: Label, counts: Counter[str], known: set[str], declared: dict[str, str]
) -> tuple[bool, str, str | None]:
    if label.printed.rstrip(":").strip().casefold() in declared or _key(label) in declared:
        return True, "declared", None
    if label.kind == "unknown":
        return True, "unknown speaker", f"turn '{label.printed}' names no speaker; @who left out"
    if _known(label, known):
        return True, "participant", None
    if counts[_key(label)] >= 2:
        return True, "recurs", None
    if label.kind in ("role", "title-name"):
        return True, "title or role", None
    if label.shape == "aside" and (label.aside or "")[:1].islower():
        return True, "label with a stage direction", None
    if label.kind == "generic":
        return True, "title or role", f"turn '{label.printed}' names a role, not a person; @who left out"
    if label.shape == "bracketed":
        return True, "bracketed label", None
    return (
        False,
        "prose",
        f"'{label.printed}' is shaped like a speaker label but is used once and names no participant; kept as prose",
    )


def _decide_stop(
    label: Label, counts: Counter[str], known: set[str], declared: dict[str, str]
) -> tuple[bool, str, str | None]:
    if _key(label) in declared or label.printed.rstrip(".").casefold() in declared:
        return True, "declared", None
    if _known(label, known):
        return True, "known speaker", None
    if counts[_key(label)] >= 2:
        return True, "recurs", None
    if _strict_stop(label):
        return (
            False,
            "prose",
            f"'{label.printed}' may be a speaker label (NAME. form) but names no known speaker; kept as prose",
        )
    return False, "prose", None


def settle(speakers: Speakers, taken: set[int]) -> None:
    """Mark prose, with a warning, a label taken as a turn whose block became something else (a heading, a closer)."""
    for note in speakers.notes.values():
        if note.turn and id(note) not in taken:
            note.turn = False
            note.why = "prose: the block is a heading, opener or closer"
            note.doubt = (
                f"speaker label '{note.speaker}' stands where the record has closed or not begun; kept as prose"
            )


_OFFICE_PREPOSITIONS = frozenset({"of", "for", "für", "des"})
"""``Minister of Defence``, ``Minister für Außenhandel``: an office, where ``de Gaulle`` is a name."""


def person_key(note: LabelNote) -> str | None:
    """The name a turn's speaker goes by in this part: no honorifics, capitals as a name (``GROMYKO`` is
    ``Gromyko``); a role keeps its article (``The President``); ``None`` for nobody in particular."""
    if note.kind in ("unknown", "generic"):
        return None
    if note.name.split(" ", 1)[0].casefold() in _OFFICE_PREPOSITIONS:
        # ``The Minister of Defence``: the words after the title name the office, not a person.
        article = split_titles(note.speaker.strip("[]:. "))[0]
        return _as_name(" ".join(part for part in (article, note.titles, note.name) if part))
    if note.name:
        return _as_name(note.name)
    article = split_titles(note.speaker.strip("[]:. "))[0]
    return _as_name(" ".join(part for part in (article, note.titles) if part)) or None


def _as_name(text: str) -> str:
    words = text.split()
    if all(word.isupper() for word in words if any(char.isalpha() for char in word)):
        return " ".join(word.title() if len(word) > 2 else word.capitalize() for word in words)
    return " ".join(word.title() if len(word) > 2 and word.isupper() else word for word in words)


def is_narrative(text: str) -> bool:
    """An unlabelled paragraph that does not continue the turn before it.

    A bracketed paragraph (``[Laughter]``, ``[Omitted here is …]``: the editor's
    or the recorder's stage direction) and the formulae that end a conversation
    (``The meeting ended.``, ``Беседа продолжалась 2 часа.``) are narration.
    """
    stripped = text.strip()
    whole_bracket = stripped.startswith("[") and stripped.endswith("]") and stripped.count("[") == 1
    return whole_bracket or bool(rules.NARRATIVE_RE.match(stripped))
