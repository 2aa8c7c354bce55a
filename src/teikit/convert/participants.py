"""Read who took part from the text of a record: participants paragraphs and lists, names and titles.

Input: plain strings (paragraphs of a record body). Output: :class:`Mention`s
(a name without honorifics, its titles, alias and roles) and the indices of the
paragraphs that list participants. No XML and no structure here, so both the
label grammar (:mod:`teikit.convert.labels`, which needs to know who is present)
and :mod:`teikit.convert.people` (which makes the persons) can use it.

Forms read (see the README's table): ``Present: …`` / ``Also present at the
meeting: …`` / ``Members Present: …`` / ``Participants on the Soviet side: …`` /
``On the Soviet side: Cdes. A, B; on the GDR side: C.`` / ``На беседе
присутствовали …`` / ``Translated by comrs. A and B`` / ``Беседу переводил …``
/ ``Recorded by …``, and the memorandum's list: a ``PARTICIPANTS`` (or
``PRINCIPALS``, ``OTHER ATTENDEES``) line followed by one entry a line
(``Dr. Henry A. Kissinger, Secretary of State``), group lines (``State``,
``White House: Mr. Richard Cheney``) allowed between entries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from teikit.convert import rules
from teikit.convert.source import PAGE_BREAK, PAGE_NUMBER

_BRACKET_RE = re.compile(r"\[(?P<text>[^\[\]]*)\]")
_PAREN_RE = re.compile(r"\((?P<text>[^()]*)\)")
_SLASH_RE = re.compile(r"/(?P<text>[^/\s][^/]*?)/")
_PAGE_BREAK_RE = re.compile(rf"\s*{PAGE_NUMBER}{PAGE_BREAK}[^{PAGE_NUMBER}]*{PAGE_NUMBER}\s*")
"""A page break between words (the reader's internal mark for `` // ``, ``[Page 4]``…); not one inside a word."""
_AND_RE = re.compile(r"\s+(?:and|и|und|et|y)\s+")
_SIDE_RE = re.compile(
    r"^(?:(?:participants?|present)\s+)?(?:(?:on|from)\s+)?the\s+[\w-]+(?:\s+[\w-]+)?\s+side\s*[-–—:]\s*"
    r"|^(?:с|со)\s+[\w-]+\s+стороны\s*[-–—:]?\s*",
    re.I,
)
_INITIALS_RE = re.compile(r"^(?:[^\W\d_]\.){1,3}[^\W\d_]?$")
_SUFFIXES = ("Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV")
_ORG_RE = re.compile(
    r"\b(?:staff|council|department|house|affairs|security|agency|embassy|delegation|side|section|division|"
    r"ministry|committee|office|bureau|government|party|sekretariat|intelligence|forces|chiefs|operations|states|"
    r"nations|kingdom|republic|union|federation|command|state|defen[cs]e|treasury|commerce|interior|labou?r|"
    r"agriculture|energy|navy|army|corps|foreign|отдел|посольство|сторона)\b",
    re.I,
)
_PARTICLES = ("de", "van", "von", "der", "da", "di", "du", "la", "le", "ter", "bin", "ibn", "al")
_HONORIFICS_FOLDED = frozenset(title.casefold() for title in rules.HONORIFICS)
_ROLE_WORDS = (
    (
        re.compile(
            r"\b(?:translator|interpreter|interpreting|interpreted|переводчик|перевод|dolmetscher|interprète)", re.I
        ),
        "interpreter",
    ),
    (re.compile(r"\b(?:recorder|note-?taker|recorded|записал|стенографист|protokoll)", re.I), "recorder"),
)


@dataclass(frozen=True)
class Mention:
    """A person as a participants paragraph gives them: name, titles, alias, roles."""

    name: str
    alias: str | None
    roles: tuple[str, ...]
    titles: str = ""


# --- honorifics ------------------------------------------------------------------------


def split_titles(label: str) -> tuple[str, str, str]:
    """``The Secretary of State`` -> (``The``, ``Secretary``, ``of State``); ``Cde. Honecker`` -> ('', ``Cde.``, ``Honecker``).

    Returns the article, the titles and honorifics (as printed, case kept) and the
    rest. Titles are matched case-insensitively, the longest first, any number in a row.
    """
    rest = label.strip()
    article = ""
    for word in rules.ARTICLES:
        if rest.lower().startswith(word.lower() + " ") or (
            word.endswith("'") and rest.lower().startswith(word.lower())
        ):
            article = rest[: len(word)]
            rest = rest[len(word) :].strip()
            break
    titles: list[str] = []
    changed = True
    while changed and rest:
        changed = False
        for title in rules.HONORIFICS:
            size = len(title)
            if re.fullmatch(r"[^\W\d_]\.", title) and re.match(r"[^\W\d_]\.\s*[^\W\d_]\.", rest):
                continue
            if rest[:size].lower() == title.lower() and (
                len(rest) == size or rest[size] in " \u00a0" or title.endswith(".")
            ):
                titles.append(rest[:size])
                rest = rest[size:].strip()
                changed = True
                break
    return article, " ".join(titles), rest


def strip_honorifics(label: str) -> str:
    """``Comrade Mao Zedong`` -> ``Mao Zedong``; a label that is only a title is kept (``The President``)."""
    _article, _titles, rest = split_titles(label)
    return rest if rest else label.strip()


# --- sentences and items ---------------------------------------------------------------------


def is_sentence_end(text: str, at: int) -> bool:
    """True when the full stop at ``at`` ends a sentence, not an initial, an honorific or ``Jr.``."""
    before = text[:at].split()
    word = before[-1] if before else ""
    if (
        not word
        or _INITIALS_RE.match(word + ".")
        or (word + ".").casefold() in _HONORIFICS_FOLDED
        or word + "." in _SUFFIXES
    ):
        return False
    letters = [char for char in word if char.isalpha()]
    return len(letters) >= 2 and (word + ".").lower() not in {"st.", "mt.", "ft.", "no.", "vol.", "cf.", "ca."}


def sentences(text: str) -> list[str]:
    """Split at ``;`` and at full stops that end a sentence (so ``Vyshinskii. Fedorenko`` are two names)."""
    pieces: list[str] = []
    start = depth = 0
    for index, char in enumerate(text):
        depth += char in "[("
        depth -= char in "])" and depth > 0
        if depth:
            continue
        after = text[index + 1 : index + 3]
        if char == ";" or (
            char == "."
            and (after[:1] == "" or (after[:1] == " " and after[1:2].isupper()))
            and is_sentence_end(text, index)
        ):
            pieces.append(text[start:index])
            start = index + 1
    pieces.append(text[start:])
    return [piece.strip() for piece in pieces if piece.strip()]


def _split_outside(text: str, separator: str) -> list[str]:
    items, depth, start = [], 0, 0
    for index, char in enumerate(text):
        depth += char in "[("
        depth -= char in "])" and depth > 0
        if depth == 0 and char == separator:
            items.append(text[start:index])
            start = index + 1
    items.append(text[start:])
    return [item.strip() for item in items if item.strip()]


def _page_marks_as_separators(text: str) -> str:
    """A typed page mark inside a list of names (``Malenkov // Bulganin``) ends one name.

    The typist's comma often falls at the page end, so the mark is read as the separator;
    after a lone title (``Comrade // Stalin``) it is inside the name and is dropped instead.
    """

    def replace(match: re.Match[str]) -> str:
        before = re.split(r"[,;]", text[: match.start()])[-1].strip()
        _article, titles, rest = split_titles(before)
        return " " if titles and not rest else ", "

    return _PAGE_BREAK_RE.sub(replace, text)


def _roles_in(text: str) -> list[str]:
    return [role for pattern, role in _ROLE_WORDS if pattern.search(text)]


def _is_description(item: str) -> bool:
    """``Secretary of State``, ``NSC``, ``Notetaker``, ``Jr.``: what follows a name after a comma."""
    plain = _SLASH_RE.sub("", _BRACKET_RE.sub("", _PAREN_RE.sub("", item))).strip(" .")
    words = [word for word in plain.split() if word not in ("and", "и", "und", "et")]
    if not words or item.strip() in _SUFFIXES:
        return True
    if any(word.islower() and word not in ("de", "van", "von", "der", "da", "di", "du", "la", "le") for word in words):
        return True
    if all(word.isupper() or not word[:1].isalpha() for word in words):
        return True
    if _roles_in(plain) and len(words) <= 2:
        return True
    _article, titles, rest = split_titles(plain)
    return bool(titles and not rest) or bool(_ORG_RE.search(plain))


def mentions_in(text: str, roles: tuple[str, ...] = ("present",)) -> list[Mention]:
    """The people a participants paragraph or list entry names (see the module doc)."""
    found: list[Mention] = []
    for sentence in sentences(text):
        own = list(roles)
        formula = rules.INTERPRETER_RE.match(sentence)
        if formula:
            own = ["present", "interpreter"]
            sentence = sentence[formula.end() :]
        elif rules.RECORDER_RE.match(sentence):
            own = ["recorder"]
            sentence = rules.RECORDER_RE.sub("", sentence, count=1)
        elif _recorder_line(sentence):
            own = ["recorder"]
            sentence = rules.RECORDER_LABEL_RE.sub("", sentence, count=1)
        if ":" in sentence and not _BRACKET_RE.search(sentence.split(":", 1)[0]):
            head, sentence = sentence.split(":", 1)
            own.extend(role for role in _roles_in(head) if role not in own)
        sentence = _SIDE_RE.sub("", _page_marks_as_separators(sentence).strip())
        sentence = rules.LIST_PREFIX_RE.sub("", sentence.strip()).strip(" .")
        items = [re.sub(r"^(?:and|и|und|et)\s+", "", item) for item in _split_outside(sentence, ",")]
        for index, item in enumerate(items):
            plain = _BRACKET_RE.sub("", item).strip(" .")
            role_only = bool(_roles_in(plain)) and len(plain.split()) <= 2
            tail = person_tail(plain)
            names_someone = tail is not None and (bool(tail[0]) or len(tail[1].split()) >= 2)
            if index and _is_description(item) and (role_only or not names_someone):
                if found:
                    last = found[-1]
                    extra = tuple(role for role in _roles_in(item) if role not in last.roles)
                    found[-1] = Mention(last.name, last.alias, last.roles + extra, last.titles)
                continue
            start = len(found)
            for part in _AND_RE.split(item):
                if len(found) > start and _after_organisation(part):
                    del found[start:]
                mention = _mention(part, tuple(own), len(items) == 1)
                if mention is not None:
                    found.append(mention)
    return found


def _title_at(words: list[str], end: int) -> int:
    """Start of an honorific ending at ``words[end]`` (``Deputy Secretary``), or -1."""
    for size in (3, 2, 1):
        start = end - size + 1
        if start >= 0 and " ".join(words[start : end + 1]).casefold() in _HONORIFICS_FOLDED:
            if size == 1 and len(words[end]) == 2 and end + 1 < len(words) and _INITIALS_RE.match(words[end + 1]):
                continue
            return start
    return -1


def person_tail(text: str) -> tuple[str, str] | None:
    """The person a list entry ends with, as (titles, name).

    ``Assistant to the President for National Security Affairs Brent Scowcroft``
    -> ('', ``Brent Scowcroft``); ``Deputy Secretary Ingersoll`` -> (``Deputy
    Secretary``, ``Ingersoll``); ``Secretary of State`` -> ``None``: the name is
    the run of capitalised words at the end, after the last title, organisation
    or lower-case word, and is one word only when a title stands before it.
    """
    words = text.split()
    index = len(words) - 1
    name: list[str] = []
    titles = ""
    while index >= 0:
        word = words[index]
        start = _title_at(words, index)
        if start >= 0:
            prefix = " ".join(words[: index + 1])
            _article, found, rest = split_titles(prefix)
            titles = found if not rest else " ".join(words[start : index + 1])
            break
        if word in _PARTICLES and name and index > 0:
            name.insert(0, word)
            index -= 1
            continue
        if (
            not word[:1].isalpha()
            or word[:1].islower()
            or _ORG_RE.search(word)
            or (word.isupper() and len(word) > 3 and "." not in word)
        ):
            break
        name.insert(0, word)
        index -= 1
    if not name or len(name) > 5 or (len(name) == 1 and not titles and index >= 0):
        return None
    if name[0].strip(".") in ("Jr", "Sr", "II", "III"):
        return None
    return titles, " ".join(name)


def _after_organisation(part: str) -> bool:
    """``Disarmament Agency Dr. Fred Ikle``: the words before "and" named the organisation, not a person."""
    tail = person_tail(part)
    if tail is None or not tail[0]:
        return False
    before = part[: part.find(tail[0])]
    return bool(_ORG_RE.search(before))


def _mention(item: str, roles: tuple[str, ...], lone_title_allowed: bool = True) -> Mention | None:
    found = list(roles)
    for bracket in [*_BRACKET_RE.finditer(item), *_PAREN_RE.finditer(item)]:
        found.extend(role for role in _roles_in(bracket.group("text")) if role not in found)
    alias = _SLASH_RE.search(item)
    name = _SLASH_RE.sub("", _PAREN_RE.sub("", _BRACKET_RE.sub("", item)))
    name = rules.LIST_PREFIX_RE.sub("", " ".join(name.split())).strip(" .,;:")
    if not name or not name[0].isalpha() or name[0].islower():
        return None
    alias_text = alias.group("text") if alias else None
    tail = person_tail(name)
    if tail is not None:
        return Mention(tail[1], alias_text, tuple(found), tail[0])
    _article, titles, rest = split_titles(name)
    if titles and not rest and not lone_title_allowed:
        return None
    if titles and not rest:
        return Mention(name, alias_text, tuple(found), titles)
    return None


# --- which paragraphs list participants ---------------------------------------------------


def is_participants_paragraph(text: str) -> bool:
    """``Present at the conversation: …``, ``Беседу переводил …``, ``Secretary: Sir Norman Brook.`` (one paragraph)."""
    return bool(rules.PRESENT_RE.match(text) or rules.INTERPRETER_RE.match(text) or _recorder_line(text))


def _recorder_line(text: str) -> bool:
    """``Secretary: Sir Norman Brook.``: a recorder's label followed by names only (``Secretary: Yes.`` is a turn)."""
    match = rules.RECORDER_LABEL_RE.match(text)
    if match is None:
        return False
    names = [
        item for item in re.split(r",|\band\b|\bund\b|\bet\b|\bи\b", text[match.end() :].strip(" .")) if item.strip()
    ]
    return bool(names) and all(_person_only(name) for name in names)


def _person_only(item: str) -> bool:
    """A name with its titles and nothing else: capitalised words, initials or particles, two or more, or
    one after a title (``Sir Norman Brook``, ``Mr. Bremer``; not ``Nonsense`` or ``Good Lord``)."""
    _article, titles, rest = split_titles(item.strip())
    words = rest.split()
    if not words or len(words) > 5 or words[0].casefold() in rules.INTERJECTIONS:
        return False
    if len(words) < 2 and not titles:
        return False
    return all(word[:1].isupper() or word in rules.NAME_PARTICLES for word in words)


def _entry_like(text: str) -> bool:
    """One line of a memorandum's participants list: names and titles, no sentence."""
    stripped = text.strip()
    if not stripped or len(stripped) > 220 or stripped.startswith("["):
        return False
    if any(is_sentence_end(stripped, match.start()) for match in re.finditer(r"[.!?](?=\s|$)", stripped)):
        return False
    first = stripped.split()[0].strip(":,").lower()
    if first in rules.NON_SPEAKER_WORDS:
        return False
    head = _PAREN_RE.sub("", _BRACKET_RE.sub("", stripped.split(",", 1)[0]))
    if ":" in head:
        head = head.split(":", 1)[1]
    _article, titles, _rest = split_titles(head.strip())
    return "," in stripped or bool(titles) or bool(re.search(r"\b[^\W\d_]\.", head)) or "(" in stripped


def participant_lines(texts: list[str]) -> dict[int, tuple[str, ...]]:
    """Indices of the paragraphs that list participants, with the roles they give.

    A paragraph opening with a participants formula is one; so are the lines
    after a ``PARTICIPANTS`` heading while they look like entries (a short group
    line such as ``State`` counts when an entry follows it). The heading itself
    is included with no roles.
    """
    found: dict[int, tuple[str, ...]] = {}
    index = 0
    while index < len(texts):
        text = texts[index].strip()
        if rules.PARTICIPANTS_HEADING_RE.match(text):
            found[index] = ()
            index += 1
            listed: set[str] = set()
            while index < len(texts):
                line = texts[index].strip()
                if rules.PARTICIPANTS_HEADING_RE.match(line):
                    found[index] = ()
                elif _entry_like(line) and not _speaks(line, listed):
                    found[index] = ("present",)
                    listed.update(mention.name.split()[-1].casefold() for mention in mentions_in(line))
                elif (
                    len(line.split()) <= 4
                    and index + 1 < len(texts)
                    and _entry_like(texts[index + 1])
                    and line.lower().split()[0] not in rules.NON_SPEAKER_WORDS
                    and not any(char in line for char in ".:;!?")
                ):
                    found[index] = ()
                else:
                    break
                index += 1
            continue
        if is_participants_paragraph(text):
            found[index] = ("present",)
        index += 1
    return found


def _speaks(line: str, listed: set[str]) -> bool:
    """``Kissinger: Yes, Mr. President``: a listed person's label, so the list has ended and the talk begun."""
    head = line.split(":", 1)[0] if ":" in line else ""
    words = split_titles(head)[2].split()
    return bool(words) and words[-1].casefold() in listed


def group_line(text: str) -> bool:
    """A heading or group line of a participants list (``PARTICIPANTS``, ``State``): it names nobody."""
    return bool(rules.PARTICIPANTS_HEADING_RE.match(text.strip())) or not _entry_like(text)
