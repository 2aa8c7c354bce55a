"""Editorial square brackets: what each one is, decided by an ordered table of rules.

A translator's or editor's bracket is one of a few kinds of intervention. Each
kind is a :class:`BracketRule` row below: a name, what it means, the TEI it
becomes, a matcher that looks at the bracket and the words around it (a
:class:`Site`), and a builder that makes the TEI. The rules are tried in the
order of :data:`RULES`, most specific first:

======================  =====================================  ==============================================
rule                    transcript                             TEI
======================  =====================================  ==============================================
footnote                ``Chequers[1]`` (+ ``[1] text`` at end) ``note place="foot" n="1"``
uncertain               ``Kailan [?]``                         ``unclear cert="low"`` on the word or name
omitted                 ``[...]``                              ``gap reason="omitted"``
illegible               ``[illegible]``                        ``gap reason="illegible"`` + ``desc``
sic                     ``word [sic]``                         ``sic``
expansion-in-word       ``comr[ade].``                         ``choice/abbr(am) + expan/ex``
physical-description    ``[Classification … Stamped]``         ``note type="physical"``
abbreviation-expanded   ``CC CPC [Central Committee …]``       ``choice/abbr + expan``
abbreviation-introduced ``People's Liberation Army [PLA]``     ``choice/expan + abbr``
identification-before   ``[Nationalist Chinese leader] Jiang``  ``note type="identification" place="inline"``
identification-after    ``The Chancellor's [Helmut Kohl's]``    ``note type="identification" place="inline"``
variant-name            ``Guomindang [Kuomintang]``            ``orgName|placeName|persName/choice/orig+reg``
supplied-date           ``[1950]``                             ``supplied reason="clarification"``
gloss                   ``wolfram [tungsten]``                 ``term`` + ``gloss``
supplied-words          ``Four-Year [Economic Development] Plan`` ``supplied reason="clarification"``
======================  =====================================  ==============================================

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
from typing import Protocol, TypeAlias, Union

from lxml import etree

from teikit.convert.source import SourceText

Node: TypeAlias = Union[etree._Element, str]  # noqa: UP007 - lxml is untyped, the alias must stay a runtime Union


class Emitter(Protocol):
    """What a builder may ask of the encoder (implemented in :mod:`teikit.convert.inline`)."""

    resp: str

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

NAME_WORD_RE = re.compile(r"^(?:[A-ZА-ЯЁ][\w'’.-]*|de|van|von|der|al-\w+|bin|of|the|and|и)$")
PARTICLES = frozenset({"de", "van", "von", "der", "bin", "of", "the", "and", "и"})
STOPWORDS = frozenset(
    """a an the of to in on at by for with from and or but not no we you he she it they i me us
    him her them his its our their this that these those is are was were be been will would shall
    should can could may might must do does did has have had as than then so if""".split()
)
ROLE_NOUNS_RE = re.compile(
    r"\b(?:chancellor|president|premier|minister|ministry|division|department|bureau|secretary|"
    r"chairman|leader|ambassador|embassy|committee|office|general|marshal|director|head|chief)\b",
    re.I,
)
DESCRIPTION_RE = re.compile(
    r"\b(?:stamp(?:ed)?|blacked\s+out|classification|handwritten|hand-written|crossed\s+out|"
    r"seal|letterhead|signature|signed|margin(?:al)?|underlined|typed|initials?|redacted)\b",
    re.I,
)
ILLEGIBLE_RE = re.compile(
    r"^(?:(?:one|two|three|\d+)\s+(?:words?|lines?|letters?)\s+)?(?:illegible|unreadable|indecipherable|"
    r"нрзб\.?|неразборчиво)$",
    re.I,
)
OMITTED_RE = re.compile(r"^(?:\.\s?){3}$|^…$")
SIC_RE = re.compile(r"^sic!?$", re.I)
YEAR_OR_DATE_RE = re.compile(r"^(?:\d{4}|\d{1,2}\s+\w+\s+\d{4}|\w+\s+\d{1,2},?\s+\d{4}|\w+\s+\d{4})$")
ROLE_WORDS = ((re.compile(r"translator|interpreter|переводчик", re.I), "interpreter"),)


def _words(text: str) -> list[str]:
    return re.findall(_WORD, text)


def _is_name(text: str) -> bool:
    """``Chiang Kai-shek``, ``Ministry of Foreign Affairs, Japan``, ``S.Y. Dao``: a proper name."""
    words = _words(text.replace(",", " "))
    return bool(words) and words[0][0].isupper() and all(NAME_WORD_RE.match(word) for word in words)


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
        if ACRONYM_RE.match(token) and len(taken) < 4:
            taken.insert(0, token)
        else:
            break
    return " ".join(taken)


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


# --- matchers -------------------------------------------------------------------


def _footnote(site: Site) -> Decision | None:
    if site.content.isdigit() and site.content in site.footnotes:
        return Decision()
    return None


def _uncertain(site: Site) -> Decision | None:
    if site.content.strip() != "?" or not site.before.endswith(" "):
        return None
    name = trailing_name(site.before, 3)
    word = name or (re.search(r"[\w'’-]+ $", site.before) or [""])[0].strip()
    return _wrapping(site.before, word)


def _omitted(site: Site) -> Decision | None:
    return Decision() if OMITTED_RE.match(site.content.strip()) else None


def _illegible(site: Site) -> Decision | None:
    return Decision() if ILLEGIBLE_RE.match(site.content.strip()) else None


def _sic(site: Site) -> Decision | None:
    if not SIC_RE.match(site.content.strip()) or not site.before.endswith(" "):
        return None
    word = (re.search(r"[\w'’-]+ $", site.before) or [""])[0].strip()
    return _wrapping(site.before, word)


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


def _abbreviation_expanded(site: Site) -> Decision | None:
    if not site.before.endswith(" ") or not site.content[:1].isupper() or ACRONYM_RE.match(site.content.strip()):
        return None
    return _wrapping(site.before, trailing_acronyms(site.before))


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
    if not following or not any(word[:1].islower() for word in words) or len(words) > 8:
        return None
    if words[-1].lower() in STOPWORDS:
        return None
    return Decision()


def _identification_after(site: Site) -> Decision | None:
    content = site.content.strip()
    if not site.before.endswith(" ") or not _is_name(content):
        return None
    name = trailing_name(site.before, 5)
    if not name or not ROLE_NOUNS_RE.search(name):
        return None
    return Decision(data={"of": name})


def _variant_name(site: Site) -> Decision | None:
    content = site.content.strip()
    if not site.before.endswith(" ") or not _is_name(content) or len(content.split()) > 5:
        return None
    if re.match(r" [A-ZА-ЯЁ]", site.after):
        return None
    return _wrapping(site.before, trailing_name(site.before, 4))


def _supplied_date(site: Site) -> Decision | None:
    return Decision() if YEAR_OR_DATE_RE.match(site.content.strip()) else None


def _gloss(site: Site) -> Decision | None:
    content = site.content.strip()
    if not re.fullmatch(r"[a-zа-яё][\w'’ -]{0,40}", content) or len(content.split()) > 3:
        return None
    previous = re.search(r"(?<![\w'’-])([a-zа-яё][\w'’-]*) $", site.before)
    if not previous or previous.group(1).lower() in STOPWORDS:
        return None
    return Decision(take_before=len(previous.group(0)))


SUPPLIED_RE = re.compile(r"^[^\W\d_][\w'’ ,.-]{0,60}$")
"""``Economic Development``, ``will``: words (not figures or signs) an editor may add to a sentence."""


def _supplied_words(site: Site) -> Decision | None:
    inside = site.before.endswith(" ") and re.match(r" [\w(«\"“]", site.after)
    words = SUPPLIED_RE.match(site.content.strip()) and len(site.content.split()) <= 6
    return Decision() if inside and words and site.before.strip() else None


# --- builders ----------------------------------------------------------------------


def _fill(out: Emitter, tag: str, text: SourceText, link: bool = True, **attributes: str) -> etree._Element:
    element = out.element(tag, **attributes)
    out.fill(element, text, link=link)
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


def _build_uncertain(out: Emitter, pieces: Pieces, decision: Decision) -> list[Node]:
    return [_fill(out, "unclear", pieces.before.strip(), cert="low", reason="uncertain-reading", resp=out.resp)]


def _build_omitted(out: Emitter, pieces: Pieces, decision: Decision) -> list[Node]:
    return [out.element("gap", reason="omitted", resp=out.resp)]


def _build_illegible(out: Emitter, pieces: Pieces, decision: Decision) -> list[Node]:
    gap = out.element("gap", reason="illegible", resp=out.resp)
    out.sub(gap, "desc").text = pieces.content.text
    return [gap]


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


def _build_abbreviation_expanded(out: Emitter, pieces: Pieces, decision: Decision) -> list[Node]:
    choice = out.element("choice")
    choice.append(_fill(out, "abbr", pieces.before.strip(), link=False))
    choice.append(_fill(out, "expan", pieces.content, resp=out.resp))
    return [choice]


def _build_abbreviation_introduced(out: Emitter, pieces: Pieces, decision: Decision) -> list[Node]:
    choice = out.element("choice")
    choice.append(_fill(out, "expan", pieces.before.strip()))
    choice.append(_fill(out, "abbr", pieces.content, link=False, resp=out.resp))
    return [choice]


def _build_identification(out: Emitter, pieces: Pieces, decision: Decision) -> list[Node]:
    return [_fill(out, "note", pieces.content, type="identification", place="inline", resp=out.resp)]


def _build_variant_name(out: Emitter, pieces: Pieces, decision: Decision) -> list[Node]:
    name, variant = pieces.before.strip(), pieces.content.strip()
    kind = decision.data.get("kind", "name")
    ref = out.entity(kind, (name.text, variant.text))
    wrapper = out.element(kind, ref=ref) if ref else out.element(kind)
    choice = out.sub(wrapper, "choice")
    out.fill(out.sub(choice, "orig"), name, link=False)
    out.fill(out.sub(choice, "reg", resp=out.resp), variant, link=False)
    return [wrapper]


def _build_supplied(out: Emitter, pieces: Pieces, decision: Decision) -> list[Node]:
    return [_fill(out, "supplied", pieces.content, reason="clarification", resp=out.resp)]


def _build_gloss(out: Emitter, pieces: Pieces, decision: Decision) -> list[Node]:
    word = pieces.before.text.rstrip()
    term = out.element("term")
    term.text = word
    space = pieces.before.text[len(word) :]
    gloss = _fill(out, "gloss", pieces.content, resp=out.resp)
    return [term, space, gloss] if space else [term, gloss]


def _build_fallback(out: Emitter, pieces: Pieces, decision: Decision) -> list[Node]:
    return [_fill(out, "note", pieces.content, type="editorial", place="inline", resp=out.resp)]


RULES: tuple[BracketRule, ...] = (
    BracketRule("footnote", "footnote marker", 'note place="foot"', _footnote, _build_footnote),
    BracketRule("uncertain", "uncertain reading", 'unclear cert="low"', _uncertain, _build_uncertain),
    BracketRule("omitted", "omission", 'gap reason="omitted"', _omitted, _build_omitted),
    BracketRule("illegible", "illegible passage", 'gap reason="illegible"', _illegible, _build_illegible),
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
    BracketRule(
        "abbreviation-expanded",
        "expansion of an abbreviation",
        "choice/abbr+expan",
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
    BracketRule("variant-name", "variant or modern name", "*Name/choice/orig+reg", _variant_name, _build_variant_name),
    BracketRule("supplied-date", "supplied date", 'supplied reason="clarification"', _supplied_date, _build_supplied),
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
