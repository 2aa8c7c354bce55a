"""Editorial square brackets: what each one is, decided by an ordered table of rules.

A translator's or editor's bracket is one of a few kinds of intervention. Each
kind is a :class:`BracketRule` row below: a name, what it means, the TEI it
becomes, a matcher that looks at the bracket and the words around it (a
:class:`Site`), and a builder that makes the TEI. The rules are tried in the
order of :data:`RULES`, most specific first:

=======================  ==========================================  ==============================================
rule                     transcript                                  TEI
=======================  ==========================================  ==============================================
footnote                 ``Chequers[1]`` (+ ``[1] text`` at end)      ``note place="foot" n="1"``
declassified             ``[1½ lines not declassified]``              ``gap reason="declassification" extent`` + ``desc``
omitted                  ``[...]``, ``[Omitted here is …]``           ``gap reason="omitted"`` (+ ``desc``)
illegible                ``[illegible]``                              ``gap reason="illegible"`` + ``desc``
uncertain                ``Kailan [?]`` (doubtful identification)     ``rs`` + ``certainty cert="low"``
conjecture               ``rapid [vapid?]``                           ``choice/sic+corr cert="low"``
correction               ``out-planked [flanked]``                    ``choice/sic+corr``
sic                      ``word [sic]``                               ``sic``
expansion-in-word        ``comr[ade].``                               ``choice/abbr(am) + expan/ex``
physical-description     ``[Classification … Stamped]``               ``note type="physical"``
reaction                 ``[Laughter]``                               ``vocal/desc``
stage-direction          ``[Reads:]``, ``[To Rodman:]``               ``stage type="delivery"``
action                   ``[Looks at folder and checklists.]``        ``kinesic/desc``
incident                 ``[The meeting ended.]``                     ``incident/desc``
supplied-speaker         ``[The President:]`` opening a paragraph     ``supplied reason="clarification"``
affiliation              ``Senator Aiken [R-Vermont]``                ``note type="identification"``
code-name                ``GORKY [Ivan Petrov]``                      ``rs type="code-name"`` + ``note type="identification"``
abbreviation-expanded    ``CC VKP/b/ [All-Union …]``                  ``choice/abbr+expan`` on ``VKP/b/`` only (+ ``note type="commentary"``)
abbreviation-introduced  ``People's Liberation Army [PLA]``           ``choice/expan+abbr``
identification-before    ``[Nationalist Chinese leader] Jiang``       ``note type="identification" place="inline"``
identification-after     ``The Chancellor's [Helmut Kohl's]``         ``note type="identification" place="inline"``
variant-name             ``Guomindang [Kuomintang]``                  ``orgName|placeName|persName`` + ``note type="variant"``
supplied-date            ``[1950]``, ``[June 23–24]``                 ``supplied reason="clarification"``
original-wording         ``leader [vozhd']``                          ``note type="original" xml:lang="ru-Latn"``
gloss                    ``wolfram [tungsten]``                       ``term`` + ``gloss``
supplied-words           ``Four-Year [Economic Development] Plan``    ``supplied reason="clarification"``
=======================  ==========================================  ==============================================

Whatever a rule makes stands beside the translator's words, never in their
place: the reading views print every word of the transcript (a variant name is
a note after the name, not a ``reg`` a renderer would print instead of it).

A bracket no rule claims becomes ``note type="editorial"`` with its exact text
and a warning (see :data:`FALLBACK`). Every element made here carries ``@resp``
pointing at the party responsible for the brackets (the translator, or the
publishing archive). :class:`RuleRegistry` lets a project add, replace or drop
a rule by name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Protocol, TypeAlias, Union

from lxml import etree

from teikit.convert import rules
from teikit.convert.source import SourceText

Node: TypeAlias = Union[etree._Element, str]  # noqa: UP007 - lxml is untyped, the alias must stay a runtime Union


class Emitter(Protocol):
    """What a builder may ask of the encoder (implemented in :mod:`teikit.convert.inline`)."""

    resp: str
    original_language: str

    def element(self, tag: str, **attributes: str) -> etree._Element: ...

    def sub(self, parent: etree._Element, tag: str, **attributes: str) -> etree._Element: ...

    def new_id(self, base: str) -> str: ...

    def fill(self, parent: etree._Element, text: SourceText, *, link: bool = True) -> None: ...

    def entity(self, kind: str, names: Sequence[str]) -> str | None: ...

    def footnote(self, number: str) -> SourceText | None: ...

    def placed_footnote(self, number: str) -> str | None: ...

    def place_footnote(self, number: str, ident: str) -> None: ...


@dataclass(frozen=True)
class Site:
    """A bracket in its paragraph: its content and the plain text on either side."""

    content: str
    before: str
    after: str
    footnotes: frozenset[str] = frozenset()

    @property
    def glued_before(self) -> bool:
        return bool(self.before) and not self.before[-1].isspace()

    @property
    def glued_after(self) -> bool:
        return bool(self.after) and self.after[0].isalpha()


@dataclass(frozen=True)
class Decision:
    """What a rule makes of a site: how much text around the bracket it wraps."""

    take_before: int = 0
    take_after: int = 0
    data: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Pieces:
    """The source text a builder works with: wrapped words before, the content, wrapped words after."""

    before: SourceText
    content: SourceText
    after: SourceText


Builder = Callable[[Emitter, Pieces, Decision], list[Node]]


@dataclass(frozen=True)
class BracketRule:
    """One kind of bracket: ``name`` (stable id), ``kind`` (words for people), ``tei`` (what it becomes)."""

    name: str
    kind: str
    tei: str
    match: Callable[[Site], Decision | None]
    build: Builder


# --- word shapes -------------------------------------------------------------

_WORD = r"[\w'’.-]+"
ACRONYM_RE = re.compile(r"^(?=(?:.*[A-ZА-ЯЁ]){2})[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё]{0,9}(?:/[a-zа-яё]{1,4}/)?$")
"""``CC``, ``CPC``, ``KChZhD``, ``VKP/b/``: a token with two capitals or more."""

DOTTED_ACRONYM_RE = re.compile(r"^(?:[A-ZА-ЯЁ]\.){2,6}$")
"""``T.U.C.``, ``U.S.``: an acronym written with full stops, expanded like one without."""

CAPITALS_WORD_RE = re.compile(r"^[A-ZА-ЯЁ][A-ZА-ЯЁ'’-]{2,}$")
"""``GORKY``, ``TENG``: a word in capitals, as code names and names in telegrams are written."""

NAME_WORD_RE = re.compile(r"^(?:[A-ZА-ЯЁ][\w'’.-]*|de|van|von|der|al-\w+|bin|of|the|and|и)$")
PARTICLES = frozenset({"de", "van", "von", "der", "bin", "of", "the", "and", "и"})
STOPWORDS = frozenset(
    """a an the of to in on at by for with from and or but not no we you he she it they i me us
    him her them his its our their this that these those is are was were be been will would shall
    should can could may might must do does did has have had as than then so if""".split()
)
FUNCTION_WORDS = STOPWORDS | frozenset(
    """who whom whose which what there here also only even about into onto upon over under after before
    because while when where being am one ones my your yours mine ours theirs himself herself itself themselves
    ourselves myself yourself""".split()
)
"""Words an editor supplies to mend a sentence (``told [us]``, ``agreed [to]``): never a gloss."""

ROLE_NOUNS_RE = re.compile(
    r"\b(?:chancellor|president|premier|minister|ministry|division|department|bureau|secretary|"
    r"chairman|leader|ambassador|embassy|committee|office|general|marshal|director|head|chief|"
    r"representative|delegate|envoy|consul|counsell?or|advis[eo]r|spokesman|commander|governor)\b",
    re.I,
)
TITLE_WORDS = frozenset(
    """president vice-president chairman premier minister ambassador secretary senator congressman
    general marshal admiral colonel comrade mr mrs dr professor prince king queen emperor prime foreign
    deputy chancellor governor mayor director""".split()
)
"""``[President] Nixon``: a title before a name is an identification, whatever its case."""

DESCRIPTION_RE = re.compile(
    r"\b(?:stamp(?:ed)?|blacked\s+out|classification|handwritten|hand-written|crossed\s+out|"
    r"seal|letterhead|signature|signed|margin(?:al)?|underlined|typed|initials?|redacted)\b",
    re.I,
)
_ILLEGIBLE_UNIT = (
    r"(?:words?|lines?|letters?|wort|wörter|worte|zeilen?|buchstaben|mots?|lignes?|lettres?|"
    r"слова?|слов|строки?|строк|palabras?|líneas?|parole|parola|righe|riga)"
)
ILLEGIBLE_RE = re.compile(
    r"^(?:(?:one|two|three|a\s+few|several|\d+|ein|eine|zwei|drei|einige|mehrere|un|une|deux|trois|quelques|"
    r"plusieurs|несколько|два|две|три)\s+)?"
    rf"(?:{_ILLEGIBLE_UNIT}\s+)?"
    r"(?:illegible|unreadable|indecipherable|unclear|inaudible|нрзб\.?|неразборчиво|unleserlich|unlesbar|"
    r"illisibles?|ilegibles?|illeggibil[ei])"
    rf"(?:\s+{_ILLEGIBLE_UNIT})?$",
    re.I,
)
"""``[illegible]``, ``[word illegible]``, ``[two lines illegible]``, ``[unleserlich]``, ``[mot illisible]``."""
OMITTED_RE = re.compile(r"^(?:\.\s?){3}$|^…$")
OMISSION_RE = re.compile(
    r"^(?:omitted\s+here|here\s+follows?|not\s+printed|remainder\s+of\s+.+\s+(?:omitted|not\s+printed)|"
    r"the\s+rest\s+of\s+.+\s+(?:omitted|not\s+printed))\b",
    re.I,
)
"""``[Omitted here is discussion unrelated to Angola.]``: the editors left part of the record out."""

DECLASSIFIED_RE = re.compile(r"^(?P<extent>.{1,60}?)\s+not\s+declassified$", re.I)
"""``[1½ lines not declassified]``, ``[dollar amount not declassified]``: withheld by declassification review."""

SIC_RE = re.compile(r"^sic!?$", re.I)
YEAR_OR_DATE_RE = re.compile(
    r"^(?:\d{4}|\d{1,2}\s+\w+\s+\d{4}|\w+\s+\d{1,2},?\s+\d{4}|\w+\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2}\s*[–-]\s*\d{1,2})$"
)
CONJECTURE_RE = re.compile(r"^(?P<word>[^\W\d_][\w'’-]*)\?$")
"""``rapid [vapid?]``: the editors' guess at what the word should be."""

REACTION_RE = re.compile(
    r"^(?:general\s+|both\s+|all\s+|allgemeine\s+)?"
    r"(?:laughter|laughs?|laughing|applause|chuckles?|chuckling|smiles?|"
    r"heiterkeit|gelächter|lachen|lacht|beifall|rires?|rit|sourires?|sourit|applaudissements|"
    r"смех|смеется|смеётся|оживление|аплодисменты|risas?|ríe|risate|ride|applausi)"
    r"(?:\s+(?:of|from|in|among|on|der|des|bei|im|aus|de|du|dans|sur|chez|в|на)\b[^\]]{1,60})?\.?$",
    re.I,
)
"""``[Laughter]``, ``[Heiterkeit]``, ``[rires]``, ``[смех]``, ``[Beifall der polnischen Delegation]``: a sound the
hearers made, not words."""

REACTION_OF_RE = re.compile(
    r"^(?:[A-ZА-ЯЁ][\w.'’-]*\s+){1,3}(?:laughs|chuckles|smiles|lacht|rit|sourit|смеется|смеётся|ríe|ride)\.?$"
)
"""``[Mao laughs.]``: the same, said of one person."""

STAGE_RE = re.compile(r"^(?:reads|reading|quoting|continuing|aside|to\s+[A-Z][\w.'’ -]{0,40}|in\s+\w+)\s*:$", re.I)
"""``[Reads:]``, ``[To Rodman:]``: how the next words are spoken, or to whom."""

ADDRESSED_RE = re.compile(
    r"^(?:reads|reading|quoting|continuing|aside|(?:to|zu|à|an|к)\s+[A-ZА-ЯЁ][\w.'’ -]{0,40}|"
    r"in\s+[A-Z]\w+|(?:auf|en)\s+[A-Z]\w+)$",
    re.I,
)
"""``Schmidt: [to Genscher] Make a note``: the same without the colon, where a speech or sentence opens."""

ACTION_VERBS = frozenset(
    """looks shows hands points nods gestures smiles shakes turns picks takes gives passes writes pauses leaves
    enters rises stands sits shrugs waves holds opens closes produces""".split()
)
"""Verbs of a described gesture: ``[Looks at folder and checklists.]``, ``[He shows the President a cable.]``."""

INCIDENT_RE = re.compile(r"^[A-Z][\w'’-]*(?:\s+[\w'’,.:-]+){1,15}\.$")
"""``[The meeting ended.]``: a whole sentence of the editors saying what happened."""

NOTE_PREFIX_RE = re.compile(
    r"^(?:(?:translator|editor|transcriber|compiler)s?[’']?s?\s+note|ed\.\s*note|tr\.\s*note|note|"
    r"anm(?:erkung|\.)?\s*(?:d(?:es|\.)?\s*)?(?:übers(?:etzers|\.)?|hrsg\.?|red\.?|bearb\.?)|"
    r"note\s+du\s+(?:traducteur|rédacteur|éditeur)|n\.\s*d\.\s*[tre]\.?|"
    r"прим(?:ечание|\.)?\s*(?:переводчика|перев\.?|ред(?:\.|актора)?))\s*:",
    re.I,
)
"""``[Translator's note: …]``, ``[Anm. d. Übers.: …]``, ``[N.d.T. : …]``, ``[Прим. перев.: …]``: a note that says
whose it is."""

SPEAKER_SUPPLIED_RE = re.compile(r"^(?:The\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}:$")
"""``[The President:]``: a speaker label the editors supplied."""

AFFILIATION_RE = re.compile(r"^[DRI]-[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*){0,2}$")
"""``[D-California]``: a member of Congress's party and state."""

COMMENTARY_RE = re.compile(
    r",\s+(?=(?:which|that|who|where|i\.e\.|namely|located|situated|now|then|formerly|later)\b)", re.I
)
"""``[Chinese Changchun Railroad, which traverses Manchuria]``: where an expansion turns into commentary."""

TRANSLITERATION_RE = re.compile(
    r"(?:zh|kh|shch|^ts[aeiou]|[a-z]'[a-z]|[a-z]'$|ii$|yi$|yy$|oe$|aya$|iya$|nyi$|skii$|stvo$|nost'?$)", re.I
)
"""``[vozhd']``, ``[narodnoe khoziaistvo]``: Russian in Latin letters (the marks of its romanisation)."""

ROLE_WORDS = ((re.compile(r"translator|interpreter|переводчик", re.I), "interpreter"),)


def _words(text: str) -> list[str]:
    return re.findall(_WORD, text)


def _is_name(text: str) -> bool:
    """``Chiang Kai-shek``, ``Ministry of Foreign Affairs, Japan``, ``S.Y. Dao``: a proper name."""
    words = _words(text.replace(",", " "))
    return bool(words) and words[0][0].isupper() and all(NAME_WORD_RE.match(word) for word in words)


def _similar(name: str, variant: str) -> bool:
    """``Guomindang`` / ``Kuomintang``, ``S.Y. Dao`` / ``Tao Shengyang``: two spellings of one name."""
    a, b = name.lower(), variant.lower()
    if SequenceMatcher(None, a, b).ratio() >= 0.45:
        return True
    pairs = ((x, y) for x in re.findall(r"\w+", a) for y in re.findall(r"\w+", b) if len(x) > 2 and len(y) > 2)
    return any(SequenceMatcher(None, x, y).ratio() >= 0.6 for x, y in pairs)


def _known_pair(name: str, variant: str) -> bool:
    """Both forms are in the table of known names (``Formosa`` / ``Taiwan``)."""
    return name.lower() in rules.KNOWN_NAMES and variant.lower() in rules.KNOWN_NAMES


def trailing_name(text: str, limit: int = 4) -> str:
    """The run of capitalised words ending ``text`` (``… the island of Formosa `` -> ``Formosa``)."""
    match = re.search(rf"((?:[A-ZА-ЯЁ][\w'’.-]*[ ]){{0,{limit - 1}}}[A-ZА-ЯЁ][\w'’.-]*)[ ]?$", text)
    if not match:
        return ""
    name = match.group(1).rstrip(".")
    if "." in name and not re.match(r"^(?:[A-Z]\.)+", name):
        name = name.rsplit(". ", 1)[-1]
    return name


def trailing_acronyms(text: str) -> str:
    """The acronyms ending ``text`` (``… the CC VKP/b/ `` -> ``CC VKP/b/``)."""
    tokens = text.rstrip().split(" ")
    taken: list[str] = []
    for token in reversed(tokens):
        if (ACRONYM_RE.match(token) or DOTTED_ACRONYM_RE.match(token)) and len(taken) < 4:
            taken.insert(0, token)
        else:
            break
    return " ".join(taken)


def trailing_capitals(text: str) -> str:
    """The words in capitals ending ``text`` (``… agent GORKY `` -> ``GORKY``), three at most."""
    taken: list[str] = []
    for token in reversed(text.rstrip().split(" ")):
        if CAPITALS_WORD_RE.match(token) and len(taken) < 3:
            taken.insert(0, token)
        else:
            break
    return " ".join(taken)


def expanded_span(acronyms: str, expansion: str) -> str:
    """The acronyms an expansion stands for: all whose letters are its initials, else the last one.

    ``CC CPC [Central Committee of the Communist Party of China]`` expands both;
    ``CC VKP/b/ [All-Union Communist Party of bolsheviks]`` only ``VKP/b/``, so
    the Central Committee stays in the text.
    """
    tokens = acronyms.split()
    if not tokens:
        return ""
    head = COMMENTARY_RE.split(expansion, maxsplit=1)[0]
    initials = _initials(head)
    for size in range(len(tokens), 1, -1):
        letters = re.sub(r"/[^/]*/|[^A-ZА-ЯЁ]", "", "".join(tokens[-size:]).upper())
        if letters == initials:
            return " ".join(tokens[-size:])
    return tokens[-1]


def _initials(text: str) -> str:
    return "".join(word[0] for word in re.findall(r"[\w'’]+", text) if word.lower() not in PARTICLES).upper()


def _take(text: str, part: str) -> int:
    """Characters to take from the end of ``text`` to cover ``part`` and the space after it."""
    stripped = text.rstrip(" ")
    return len(text) - len(stripped) + len(part) if part and stripped.endswith(part) else 0


def _wrapping(text: str, part: str, **data: str) -> Decision | None:
    """A decision that wraps ``part`` (the words before the bracket), or none if they are not there."""
    take = _take(text, part)
    return Decision(take_before=take, data=dict(data)) if take > len(text) - len(text.rstrip(" ")) else None


def _last_word(text: str) -> str:
    return (re.search(r"[\w'’-]+ $", text) or [""])[0].strip()


def _at_sentence_start(site: Site) -> bool:
    """Nothing before the bracket in its paragraph but a label or the end of a sentence."""
    before = site.before.rstrip()
    return not before or before[-1] in ".!?:;—" or before.endswith("...")


# --- matchers -------------------------------------------------------------------


def _footnote(site: Site) -> Decision | None:
    if site.content.isdigit() and site.content in site.footnotes:
        return Decision()
    return None


def _declassified(site: Site) -> Decision | None:
    match = DECLASSIFIED_RE.match(site.content.strip())
    return Decision(data={"extent": match.group("extent")}) if match else None


def _omitted(site: Site) -> Decision | None:
    content = site.content.strip()
    if OMITTED_RE.match(content):
        return Decision()
    return Decision(data={"desc": "yes"}) if OMISSION_RE.match(content) else None


def _illegible(site: Site) -> Decision | None:
    return Decision() if ILLEGIBLE_RE.match(site.content.strip()) else None


def _uncertain(site: Site) -> Decision | None:
    if site.content.strip() != "?" or not site.before.endswith(" "):
        return None
    name = trailing_name(site.before, 3)
    return _wrapping(site.before, name or _last_word(site.before))


def _conjecture(site: Site) -> Decision | None:
    if not CONJECTURE_RE.match(site.content.strip()) or not site.before.endswith(" "):
        return None
    return _wrapping(site.before, _last_word(site.before))


def _correction(site: Site) -> Decision | None:
    """``out-planked [flanked]``: the right word beside a slip it resembles (a gloss would not)."""
    content = site.content.strip()
    word = _last_word(site.before)
    if not re.fullmatch(r"[a-z][\w'’-]{2,30}", content) or not word or not site.before.endswith(" "):
        return None
    if word.lower() == content.lower() or SequenceMatcher(None, word.lower(), content.lower()).ratio() < 0.6:
        return None
    return _wrapping(site.before, word)


def _sic(site: Site) -> Decision | None:
    if not SIC_RE.match(site.content.strip()) or not site.before.endswith(" "):
        return None
    return _wrapping(site.before, _last_word(site.before))


def _expansion_in_word(site: Site) -> Decision | None:
    if not re.fullmatch(r"[a-zа-яё]{1,12}", site.content) or not site.glued_before:
        return None
    stem = re.search(r"[\w]+$", site.before)
    if not stem:
        return None
    rest = re.match(r"[\w]*", site.after)
    after = rest.group() if rest else ""
    mark = "." if not after and site.after.startswith(".") else ""
    return Decision(take_before=len(stem.group()), take_after=len(after) + len(mark), data={"am": mark, "tail": after})


def _physical(site: Site) -> Decision | None:
    return Decision() if DESCRIPTION_RE.search(site.content) else None


def _note(site: Site) -> Decision | None:
    return Decision() if NOTE_PREFIX_RE.match(site.content.strip()) else None


def _reaction(site: Site) -> Decision | None:
    content = site.content.strip()
    return Decision() if REACTION_RE.match(content) or REACTION_OF_RE.match(content) else None


def _stage_direction(site: Site) -> Decision | None:
    content = site.content.strip()
    if STAGE_RE.match(content) or (ADDRESSED_RE.match(content) and _at_sentence_start(site)):
        return Decision()
    return None


def _action(site: Site) -> Decision | None:
    words = site.content.strip().split()
    if len(words) < 2 or not site.content.strip().endswith("."):
        return None
    verb = words[1] if words[0] in ("He", "She", "They") else words[0]
    return Decision() if verb.lower() in ACTION_VERBS else None


def _incident(site: Site) -> Decision | None:
    content = site.content.strip()
    return Decision() if INCIDENT_RE.match(content) and _at_sentence_start(site) else None


def _supplied_speaker(site: Site) -> Decision | None:
    return Decision() if not site.before.strip() and SPEAKER_SUPPLIED_RE.match(site.content.strip()) else None


def _affiliation(site: Site) -> Decision | None:
    return Decision() if AFFILIATION_RE.match(site.content.strip()) and site.before.strip() else None


def _code_name(site: Site) -> Decision | None:
    """``GORKY [Ivan Petrov]``: a word in capitals, then the real name: an identification, not an expansion."""
    content = site.content.strip()
    if not site.before.endswith(" ") or not _is_name(content) or rules.ORG_WORD_RE.search(content):
        return None
    name = trailing_capitals(site.before)
    if not name or _initials(content) == re.sub(r"[^A-ZА-ЯЁ]", "", name):
        return None
    if _similar(name, content):
        return None  # ``MAO ZEDONG [Mao Tse-tung]``: another spelling of the name (variant-name)
    return _wrapping(site.before, name)


def _abbreviation_expanded(site: Site) -> Decision | None:
    if not site.before.endswith(" ") or not site.content[:1].isupper() or ACRONYM_RE.match(site.content.strip()):
        return None
    acronyms = expanded_span(trailing_acronyms(site.before), site.content.strip())
    decision = _wrapping(site.before, acronyms)
    capitals = trailing_capitals(site.before)
    if decision is None or (capitals and _similar(capitals, site.content.strip())):
        return None  # ``PEKING [Peiping]``: a name in capitals and another spelling of it, not an expansion
    commentary = COMMENTARY_RE.search(site.content)
    return Decision(decision.take_before, data={"split": str(commentary.start())} if commentary else {})


def _abbreviation_introduced(site: Site) -> Decision | None:
    content = site.content.strip()
    if not site.before.endswith(" ") or not ACRONYM_RE.match(content):
        return None
    letters = re.sub(r"/[^/]*/|[^A-ZА-ЯЁ]", "", content)
    words = site.before.rstrip().split(" ")
    for size in range(1, min(len(words), 8) + 1):
        phrase = " ".join(words[-size:])
        if _initials(phrase) == letters.upper():
            return _wrapping(site.before, phrase)
    return _wrapping(site.before, trailing_name(site.before, 6))


def _identification_before(site: Site) -> Decision | None:
    content = site.content.strip()
    words = content.split()
    following = re.match(r" ([A-ZА-ЯЁ][\w'’.-]*)", site.after)
    if not following or not words or len(words) > 8 or words[-1].lower() in STOPWORDS:
        return None
    titles = all(word.lower().rstrip(".") in TITLE_WORDS for word in words)
    if not titles and not any(word[:1].islower() for word in words):
        return None
    return Decision()


def _identification_after(site: Site) -> Decision | None:
    content = site.content.strip()
    if not site.before.endswith(" "):
        return None
    name = trailing_name(site.before, 5)
    if not _is_name(content):
        # ``Sir Pierson Dixon [United Kingdom Permanent Representative at the United Nations]``: an office.
        described = name and content[:1].isupper() and ROLE_NOUNS_RE.search(content) and len(content.split()) <= 12
        return Decision(data={"of": name}) if described else None
    title = _last_word(site.before)
    if not name and title.islower() and title.casefold() in _TITLES:
        return Decision(data={"of": title})  # ``le général [Khanh]``: the person a title stands for
    if not name:
        return None
    if ROLE_NOUNS_RE.search(name) or _completes(name, content):
        return Decision(data={"of": name})  # ``Bahr [Egon Bahr]``: the name in full, not another spelling
    # ``Bill [Colby]``: a name the editors completed, not another spelling of it.
    if re.match(r" [A-ZА-ЯЁ]", site.after) or _similar(name, content) or _known_pair(name, content):
        return None
    if len(content.split()) > 3:
        return None
    own = [word for word in name.split() if word.lower() not in FUNCTION_WORDS]
    if len(own) == 1:
        doubt = f"'{own[0]}' may be another name for it (variant-name) or an abbreviation it expands"
        return Decision(data={"of": name, "doubt": doubt})
    return Decision(data={"of": name})


_TITLES = frozenset(
    {word.casefold() for word in TITLE_WORDS} | {title.casefold() for title in rules.HONORIFICS if " " not in title}
)
"""Titles in every language teikit knows (``général``, ``genosse``, ``товарищ``): a name after one identifies."""


def _completes(name: str, content: str) -> bool:
    """``Bahr`` / ``Egon Bahr``: every word of the name is in the bracket, which adds words."""
    words = {word.casefold().removesuffix("'s").removesuffix("’s") for word in content.split()}
    own = {word.casefold().removesuffix("'s").removesuffix("’s") for word in name.split()}
    return own < words


def _variant_name(site: Site) -> Decision | None:
    content = site.content.strip()
    if not site.before.endswith(" ") or not _is_name(content) or len(content.split()) > 5:
        return None
    if re.match(r" [A-ZА-ЯЁ]", site.after):
        return None
    return _wrapping(site.before, trailing_name(site.before, 4))


def _supplied_date(site: Site) -> Decision | None:
    content = site.content.strip()
    month = content[:1].isupper() and len(content) > 3 and content.casefold() in rules.MONTHS
    return Decision() if YEAR_OR_DATE_RE.match(content) or month else None


def _function_words(content: str) -> bool:
    words = re.findall(r"[\w'’]+", content)
    return bool(words) and all(word.lower() in FUNCTION_WORDS for word in words)


def _original_wording(site: Site) -> Decision | None:
    content = site.content.strip()
    if not re.fullmatch(r"[a-z][a-z'’ -]{1,60}", content) or _function_words(content):
        return None
    words = content.split()
    marked = sum(bool(TRANSLITERATION_RE.search(word)) for word in words)
    return Decision() if marked * 2 >= len(words) and site.before.strip() else None


def _gloss(site: Site) -> Decision | None:
    content = site.content.strip()
    if not re.fullmatch(r"[a-zа-яё][\w'’ -]{0,40}", content) or len(content.split()) > 3:
        return None
    if _function_words(content):
        return None
    previous = re.search(r"(?<![\w'’-])([a-zа-яё][\w'’-]*) $", site.before)
    if not previous or previous.group(1).lower() in STOPWORDS or previous.group(1).lower() in rules.NUMBER_WORDS:
        return None  # ``a hundred million [pounds]``: the unit the sentence leaves out, not a gloss
    return Decision(take_before=len(previous.group(0)))


SUPPLIED_RE = re.compile(r"^[^\W\d_][\w'’ ,.-]{0,60}$")
"""``Economic Development``, ``will``: words (not figures or signs) an editor may add to a sentence."""


def _supplied_words(site: Site) -> Decision | None:
    words = SUPPLIED_RE.match(site.content.strip()) and len(site.content.split()) <= 6
    if words and _function_words(site.content) and site.before.strip():
        return Decision()
    inside = site.before.endswith(" ") and re.match(r" [\w(«\"“]", site.after)
    if not (inside and words and site.before.strip()):
        return None
    return Decision(data={"doubt": _supplied_doubt(site)} if _supplied_doubt(site) else {})


def _supplied_doubt(site: Site) -> str:
    """Why words in brackets may not be words the editor supplied, or ``""``.

    Sure: words that open with a function word (``[of the Central Committee]``) or
    that complete a name around them (``Four-Year [Economic Development] Plan``).
    Otherwise a bracket of other words may describe what comes before it
    (``the Anshan combine [metallurgical combine in Liaoning province]``) or give
    its original wording (``von Anfang an [ex tunc]``).
    """
    content = site.content.strip()
    first = re.findall(r"[\w'’]+", content)[:1]
    if first and first[0].lower() in FUNCTION_WORDS:
        return ""
    previous = _last_word(site.before).lower()
    if previous.isdigit() or previous in rules.NUMBER_WORDS:
        return ""  # ``a hundred million [pounds]``: the unit
    if trailing_name(site.before) and re.match(r" [A-ZА-ЯЁ]", site.after) and content[:1].isupper():
        return ""
    return "the words may describe the words before them or give their original wording, not complete the sentence"


# --- builders ----------------------------------------------------------------------


def _fill(out: Emitter, tag: str, text: SourceText, link: bool = True, **attributes: str) -> etree._Element:
    element = out.element(tag, **attributes)
    out.fill(element, text, link=link)
    return element


def _described(out: Emitter, tag: str, text: SourceText, **attributes: str) -> etree._Element:
    """``<vocal><desc>Laughter</desc></vocal>``: an element whose words are the editors' description."""
    element = out.element(tag, **attributes)
    out.sub(element, "desc").text = text.text
    return element


def _build_footnote(out: Emitter, pieces: Pieces, decision: Decision) -> list[Node]:
    number = pieces.content.text.strip()
    placed = out.placed_footnote(number)
    if placed is not None:
        # The note's words are already in the text (a second marker, or a note citing itself): point to them.
        ref = out.element("ref", type="note", target=f"#{placed}")
        ref.text = number
        return [ref]
    note = out.element("note", place="foot", n=number)
    ident = out.new_id(f"fn{number}")
    note.set("{http://www.w3.org/XML/1998/namespace}id", ident)
    out.place_footnote(number, ident)
    text = out.footnote(number)
    if text is not None:
        out.fill(note, text)
    return [note]


def _build_declassified(out: Emitter, pieces: Pieces, decision: Decision) -> list[Node]:
    gap = out.element("gap", reason="declassification", extent=decision.data["extent"], resp=out.resp)
    out.sub(gap, "desc").text = pieces.content.text
    return [gap]


def _build_omitted(out: Emitter, pieces: Pieces, decision: Decision) -> list[Node]:
    gap = out.element("gap", reason="omitted", resp=out.resp)
    if decision.data.get("desc"):
        out.sub(gap, "desc").text = pieces.content.text
    return [gap]


def _build_illegible(out: Emitter, pieces: Pieces, decision: Decision) -> list[Node]:
    gap = out.element("gap", reason="illegible", resp=out.resp)
    out.sub(gap, "desc").text = pieces.content.text
    return [gap]


def _build_uncertain(out: Emitter, pieces: Pieces, decision: Decision) -> list[Node]:
    ident = out.new_id("doubt")
    name = _fill(out, "rs", pieces.before.strip())
    name.set("{http://www.w3.org/XML/1998/namespace}id", ident)
    space = pieces.before.text[len(pieces.before.text.rstrip()) :]
    certainty = out.element("certainty", cert="low", locus="value", target=f"#{ident}", resp=out.resp)
    return [name, space, certainty]


def _build_conjecture(out: Emitter, pieces: Pieces, decision: Decision) -> list[Node]:
    choice = out.element("choice")
    choice.append(_fill(out, "sic", pieces.before.strip()))
    word = pieces.content.strip()
    corr = _fill(out, "corr", word[: len(word) - 1], cert="low", resp=out.resp)
    choice.append(corr)
    return [choice]


def _build_correction(out: Emitter, pieces: Pieces, decision: Decision) -> list[Node]:
    choice = out.element("choice")
    choice.append(_fill(out, "sic", pieces.before.strip()))
    choice.append(_fill(out, "corr", pieces.content.strip(), resp=out.resp))
    return [choice]


def _build_sic(out: Emitter, pieces: Pieces, decision: Decision) -> list[Node]:
    return [_fill(out, "sic", pieces.before.strip(), resp=out.resp)]


def _build_expansion_in_word(out: Emitter, pieces: Pieces, decision: Decision) -> list[Node]:
    stem, tail, mark = pieces.before.text, decision.data["tail"], decision.data["am"]
    expan = out.element("expan", resp=out.resp)
    expan.text = stem
    ex = out.sub(expan, "ex")
    ex.text = pieces.content.text
    ex.tail = tail or None
    if not mark:
        return [expan]
    choice = out.element("choice")
    abbr = out.sub(choice, "abbr")
    abbr.text = stem + tail
    out.sub(abbr, "am").text = mark
    choice.append(expan)
    return [choice]


STAMPED_RE = re.compile(r'["“](?P<stamp>[^"”]{2,40})["”]\s+stamped', re.I)
"""``"NOT SECRET" Stamped``: the words of a stamp inside a description."""


def _build_physical(out: Emitter, pieces: Pieces, decision: Decision) -> list[Node]:
    note = out.element("note", type="physical", place="inline", resp=out.resp)
    content = pieces.content
    stamped = STAMPED_RE.search(content.text)
    if stamped:
        start, end = stamped.span("stamp")
        out.fill(note, content[:start])
        out.fill(out.sub(note, "stamp", type="classification"), content[start:end])
        out.fill(note, content[end:])
    else:
        out.fill(note, content)
    return [note]


def _build_reaction(out: Emitter, pieces: Pieces, decision: Decision) -> list[Node]:
    return [_described(out, "vocal", pieces.content, resp=out.resp)]


def _build_stage(out: Emitter, pieces: Pieces, decision: Decision) -> list[Node]:
    return [_fill(out, "stage", pieces.content, type="delivery", resp=out.resp)]


def _build_action(out: Emitter, pieces: Pieces, decision: Decision) -> list[Node]:
    return [_described(out, "kinesic", pieces.content, resp=out.resp)]


def _build_incident(out: Emitter, pieces: Pieces, decision: Decision) -> list[Node]:
    return [_described(out, "incident", pieces.content, resp=out.resp)]


def _build_abbreviation_expanded(out: Emitter, pieces: Pieces, decision: Decision) -> list[Node]:
    choice = out.element("choice")
    choice.append(_fill(out, "abbr", pieces.before.strip(), link=False))
    content = pieces.content
    if "split" not in decision.data:
        choice.append(_fill(out, "expan", content, resp=out.resp))
        return [choice]
    split = int(decision.data["split"])
    expan = _fill(out, "expan", content[:split], resp=out.resp)
    expan.append(_fill(out, "note", content[split:], type="commentary", place="inline", resp=out.resp))
    choice.append(expan)
    return [choice]


def _build_abbreviation_introduced(out: Emitter, pieces: Pieces, decision: Decision) -> list[Node]:
    choice = out.element("choice")
    choice.append(_fill(out, "expan", pieces.before.strip()))
    choice.append(_fill(out, "abbr", pieces.content, link=False, resp=out.resp))
    return [choice]


def _build_identification(out: Emitter, pieces: Pieces, decision: Decision) -> list[Node]:
    return [_fill(out, "note", pieces.content, type="identification", place="inline", resp=out.resp)]


def _space_after(pieces: Pieces) -> str:
    return pieces.before.text[len(pieces.before.text.rstrip()) :]


def _build_code_name(out: Emitter, pieces: Pieces, decision: Decision) -> list[Node]:
    code = _fill(out, "rs", pieces.before.strip(), link=False, type="code-name")
    note = _fill(out, "note", pieces.content, type="identification", place="inline", resp=out.resp)
    return [code, _space_after(pieces), note]


def _build_variant_name(out: Emitter, pieces: Pieces, decision: Decision) -> list[Node]:
    """The translator's form stays in the text; the variant stands beside it, in a note of its own."""
    name, variant = pieces.before.strip(), pieces.content.strip()
    kind = decision.data.get("kind", "name")
    ref = out.entity(kind, (name.text, variant.text))
    wrapper = out.element(kind, ref=ref) if ref else out.element(kind)
    out.fill(wrapper, name, link=False)
    note = out.element("note", type="variant", place="inline", resp=out.resp)
    inner = out.sub(note, kind, ref=ref) if ref else out.sub(note, kind)
    out.fill(inner, variant, link=False)
    return [wrapper, _space_after(pieces), note]


def _build_supplied(out: Emitter, pieces: Pieces, decision: Decision) -> list[Node]:
    return [_fill(out, "supplied", pieces.content, reason="clarification", resp=out.resp)]


def _build_original(out: Emitter, pieces: Pieces, decision: Decision) -> list[Node]:
    note = _fill(out, "note", pieces.content, link=False, type="original", place="inline", resp=out.resp)
    note.set("{http://www.w3.org/XML/1998/namespace}lang", f"{out.original_language}-Latn")
    return [note]


def _build_gloss(out: Emitter, pieces: Pieces, decision: Decision) -> list[Node]:
    word = pieces.before.text.rstrip()
    term = out.element("term")
    term.text = word
    space = pieces.before.text[len(word) :]
    gloss = _fill(out, "gloss", pieces.content, resp=out.resp)
    return [term, space, gloss] if space else [term, gloss]


def _build_note(out: Emitter, pieces: Pieces, decision: Decision) -> list[Node]:
    return [_fill(out, "note", pieces.content, type="commentary", place="inline", resp=out.resp)]


def _build_fallback(out: Emitter, pieces: Pieces, decision: Decision) -> list[Node]:
    return [_fill(out, "note", pieces.content, type="editorial", place="inline", resp=out.resp)]


RULES: tuple[BracketRule, ...] = (
    BracketRule("footnote", "footnote marker", 'note place="foot"', _footnote, _build_footnote),
    BracketRule(
        "declassified",
        "passage withheld by declassification review",
        'gap reason="declassification" extent',
        _declassified,
        _build_declassified,
    ),
    BracketRule("omitted", "omission by the editors", 'gap reason="omitted"', _omitted, _build_omitted),
    BracketRule("illegible", "illegible passage", 'gap reason="illegible"', _illegible, _build_illegible),
    BracketRule(
        "translator-note", "a note the translator or the editors signed", 'note type="commentary"', _note, _build_note
    ),
    BracketRule("uncertain", "doubtful identification", 'rs + certainty cert="low"', _uncertain, _build_uncertain),
    BracketRule("conjecture", "conjectured correction", 'choice/sic+corr cert="low"', _conjecture, _build_conjecture),
    BracketRule("correction", "correction of a slip", "choice/sic+corr", _correction, _build_correction),
    BracketRule("sic", "sic", "sic", _sic, _build_sic),
    BracketRule(
        "expansion-in-word",
        "expansion inside a word",
        "choice/abbr+expan/ex",
        _expansion_in_word,
        _build_expansion_in_word,
    ),
    BracketRule(
        "physical-description",
        "description of the physical document",
        'note type="physical"',
        _physical,
        _build_physical,
    ),
    BracketRule("reaction", "reaction of the hearers", "vocal/desc", _reaction, _build_reaction),
    BracketRule("stage-direction", "how or to whom words are spoken", "stage", _stage_direction, _build_stage),
    BracketRule("action", "gesture or action described", "kinesic/desc", _action, _build_action),
    BracketRule("incident", "event described by the editors", "incident/desc", _incident, _build_incident),
    BracketRule(
        "supplied-speaker",
        "speaker label supplied by the editors",
        'supplied reason="clarification"',
        _supplied_speaker,
        _build_supplied,
    ),
    BracketRule(
        "affiliation",
        "party and state of a legislator",
        'note type="identification"',
        _affiliation,
        _build_identification,
    ),
    BracketRule(
        "code-name",
        "real name after a code name",
        'rs type="code-name" + note type="identification"',
        _code_name,
        _build_code_name,
    ),
    BracketRule(
        "abbreviation-expanded",
        "expansion of an abbreviation",
        'choice/abbr+expan (+ note type="commentary")',
        _abbreviation_expanded,
        _build_abbreviation_expanded,
    ),
    BracketRule(
        "abbreviation-introduced",
        "abbreviation after its full form",
        "choice/expan+abbr",
        _abbreviation_introduced,
        _build_abbreviation_introduced,
    ),
    BracketRule(
        "identification-before",
        "editorial identification before a name",
        'note type="identification"',
        _identification_before,
        _build_identification,
    ),
    BracketRule(
        "identification-after",
        "editorial identification after a reference",
        'note type="identification"',
        _identification_after,
        _build_identification,
    ),
    BracketRule(
        "variant-name", "variant or modern name", '*Name + note type="variant"', _variant_name, _build_variant_name
    ),
    BracketRule("supplied-date", "supplied date", 'supplied reason="clarification"', _supplied_date, _build_supplied),
    BracketRule(
        "original-wording",
        "original-language wording, transliterated",
        'note type="original" xml:lang="xx-Latn"',
        _original_wording,
        _build_original,
    ),
    BracketRule("gloss", "gloss", "term + gloss", _gloss, _build_gloss),
    BracketRule(
        "supplied-words",
        "words supplied by the editor",
        'supplied reason="clarification"',
        _supplied_words,
        _build_supplied,
    ),
)

FALLBACK = BracketRule(
    "unclassified", "unclassified editorial bracket", 'note type="editorial"', lambda site: Decision(), _build_fallback
)


class RuleRegistry:
    """The ordered rules; a project can add, replace or remove one by name."""

    def __init__(self, rules: Sequence[BracketRule] = RULES) -> None:
        self._rules = list(rules)

    def __iter__(self) -> Iterator[BracketRule]:
        return iter(self._rules)

    def names(self) -> list[str]:
        return [rule.name for rule in self._rules]

    def register(self, rule: BracketRule, *, before: str | None = None) -> None:
        """Add ``rule`` (replacing one of the same name), before the rule named ``before`` or last."""
        self.deregister(rule.name)
        index = self.names().index(before) if before else len(self._rules)
        self._rules.insert(index, rule)

    def deregister(self, name: str) -> None:
        self._rules = [rule for rule in self._rules if rule.name != name]

    def classify(self, site: Site) -> tuple[BracketRule, Decision]:
        """The first rule that claims ``site``, or :data:`FALLBACK`."""
        for rule in self._rules:
            decision = rule.match(site)
            if decision is not None:
                return rule, decision
        return FALLBACK, Decision()
