"""The conventions of record transcripts, as data.

Everything the reader and the encoder recognise by shape lives here: header
labels, month and language names, speaker honorifics, the formulae that end a
conversation record, classification stamps. A new convention is one new entry
here (and one test), never a new branch in the engine.
"""

from __future__ import annotations

import re
from typing import Final

# --- Header --------------------------------------------------------------

#: Labels of the ``Label: value`` header (the Wilson Center archive export).
#: A header line starting with one of them opens a field; any other line
#: continues the field above it (the ``Rights:`` text runs over two lines).
HEADER_LABELS: Final = (
    "Date",
    "Title",
    "URL",
    "Record ID",
    "Summary",
    "Source",
    "Citation",
    "Original Language",
    "Original Archive",
    "Original Classification",
    "Credits",
    "Authors",
    "Document Contributors",
    "Associated People & Organizations",
    "Associated Places",
    "Subjects Discussed",
    "Donors",
    "Original Uploaded Date",
    "Rights",
    "Translated by",
    "Speakers",
    "Translator",
    "Translation",
    "Перевод",
    "Publisher",
    "Licence",
    "License",
)

LABEL_LINE_RE: Final = re.compile(
    r"^(?P<label>" + "|".join(re.escape(label) for label in HEADER_LABELS) + r"):(?:[ \t]+(?P<value>.*))?$"
)
"""``Record ID: 300242``: one field of the labelled header."""

BOLD_LABEL_RE: Final = re.compile(r"^\*\*(?P<label>[^*\n]{1,60}?):\*\*[ \t]*(?P<value>.*)$", re.S)
"""``**Citation:**``: a field label of the archive page text."""

BOLD_SPAN_RE: Final = re.compile(r"\*\*(?P<text>.+?)\*\*", re.S)
"""``**December 16, 1949**``: a bold span (date and title of the page text)."""

ANGLE_URL_RE: Final = re.compile(r"<(?P<url>https?://[^\s<>]+)>")
"""``<http://digitalarchive.wilsoncenter.org/document/111240>``: a Markdown autolink."""

_NAME = r"(?:(?:comrs?\.|cdes?\.|тов\.|т\.)\s*)?[A-ZА-ЯЁ][\w.'’-]*(?:\s+(?:[A-ZА-ЯЁ][\w.'’-]*|de|van|von|der|la))*"

TRANSLATOR_RE: Final = re.compile(
    r"(?:\btranslated\s+(?:for\s+(?P<for>[^,;]+?)\s+)?by|\btranslation\s+by|\btranslator:|\bперевод(?:\s+с\s+\w+(?:\s+языка)?)?:"
    r"|\bперевел[аи]?|\bübersetzt\s+von|\bübersetzung:|\bбеседу\s+переводил[аи]?)\s+"
    rf"(?P<name>{_NAME}(?:(?:\s*,\s*|\s+(?:and|и|und)\s+){_NAME})*)",
    re.I,
)
"""``Translated by Danny Rozas`` / ``Translated for CWIHP by Gary Goldberg`` / ``Translation by …`` /
``Перевод: …`` / ``Беседу переводил тов. …``: the translator(s) named in a citation or a header field."""

NAME_SEPARATOR_RE: Final = re.compile(r"\s*,\s*|\s+(?:and|и|und)\s+")
"""``A and B`` / ``A, B и C``: between the names of several translators."""

TRANSLATOR_LABELS: Final = ("Translated by", "Translator", "Translation", "Перевод")
"""Header labels whose value names the translator(s)."""

MEETING_TITLE_RE: Final = re.compile(
    r"\b(?:conversation|meeting|talks?|telcon|discussion|interview|беседы|беседа|встреча|переговоры|gespräch|unterredung)\b",
    re.I,
)
"""``Record of Conversation …`` / ``Запись беседы …``: a title whose date is the date of a meeting."""

LICENCE_URL_RE: Final = re.compile(r"https?://[^\s<>\"]+")
"""``https://creativecommons.org/licenses/by/4.0/``: the licence a ``Rights:`` text points to."""

RECORD_ID_URL_RE: Final = re.compile(r"/document/(?P<id>\d+)\b")
"""``…/document/111240``: the archive's record number inside its URL."""

# --- Dates ---------------------------------------------------------------

MONTHS: Final = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan", "января", "январь"),
            ("february", "feb", "февраля", "февраль"),
            ("march", "mar", "марта", "март"),
            ("april", "apr", "апреля", "апрель"),
            ("may", "мая", "май"),
            ("june", "jun", "июня", "июнь"),
            ("july", "jul", "июля", "июль"),
            ("august", "aug", "августа", "август"),
            ("september", "sep", "sept", "сентября", "сентябрь"),
            ("october", "oct", "октября", "октябрь"),
            ("november", "nov", "ноября", "ноябрь"),
            ("december", "dec", "декабря", "декабрь"),
        ),
        start=1,
    )
    for name in names
}

_MONTH = r"(?P<month>[A-Za-zА-Яа-яё]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"

DATE_PATTERNS: Final = (
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b"),
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
)
"""``December 16, 1949``, ``16 December 1949``, ``1st April, 1949``, ``16 декабря 1949``, ``1949-12-16``."""

PARTIAL_DATE_PATTERNS: Final = (
    re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b"),
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})\b(?!-\d)"),
)
"""``March 1962``, ``марта 1962 г.``, ``1962-03``: a month and a year, no day."""

YEAR_RE: Final = re.compile(r"\b(?P<year>1[6-9]\d{2}|20\d{2})\b")
"""``1962``: a year standing alone (taken as a date only where a date is expected)."""

# --- Languages -----------------------------------------------------------

LANGUAGES: Final = {
    "english": "en",
    "russian": "ru",
    "german": "de",
    "french": "fr",
    "chinese": "zh",
    "japanese": "ja",
    "korean": "ko",
    "spanish": "es",
    "italian": "it",
    "polish": "pl",
    "czech": "cs",
    "hungarian": "hu",
    "romanian": "ro",
    "bulgarian": "bg",
    "serbian": "sr",
    "serbo-croatian": "sh",
    "ukrainian": "uk",
    "vietnamese": "vi",
    "mongolian": "mn",
    "arabic": "ar",
    "persian": "fa",
    "hebrew": "he",
    "hindi": "hi",
    "portuguese": "pt",
    "albanian": "sq",
    "turkish": "tr",
}

LANGUAGE_NAMES: Final = {code: name.title() for name, code in LANGUAGES.items()}

#: Writing system of each language, to find where the original begins.
LANGUAGE_SCRIPTS: Final = {
    "ru": "Cyrillic",
    "uk": "Cyrillic",
    "bg": "Cyrillic",
    "sr": "Cyrillic",
    "mn": "Cyrillic",
    "zh": "Han",
    "ja": "Han",
    "ko": "Hangul",
    "ar": "Arabic",
    "fa": "Arabic",
    "he": "Hebrew",
    "hi": "Devanagari",
}

ORIGINAL_MARKER_RE: Final = re.compile(
    r"^(?:#{1,6}\s*)?(?:-{3,}\s*)?(?:original(?:\s+text)?|оригинал|originaltext|texte\s+original|texto\s+original|testo\s+originale)"
    r"(?:\s*\((?P<lang>[^()]{2,20})\))?\s*:?(?:\s*-{3,})?$",
    re.I,
)
"""``Original`` / ``# Оригинал`` / ``--- original (fr) ---`` / ``Original (German)``: the original follows."""

COMMON_WORDS: Final = {
    "en": frozenset("the and of to that is was with for this not have are which".split()),
    "de": frozenset("der die das und nicht ist mit den dem des sich auch wir ein eine".split()),
    "fr": frozenset("le la les et des est que une dans pour pas nous qui sur".split()),
    "es": frozenset("el la los las y que del una por para con no es se".split()),
    "it": frozenset("il la che di non per una sono gli della con anche".split()),
    "pl": frozenset("i w nie się na że z do jest to jak po".split()),
    "cs": frozenset("a v se na že je to s z do jak by".split()),
}
"""Frequent words of Latin-script languages: enough to tell which one a whole body is in."""

# --- Body structure --------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    """``"Mr.|Dr.|Vice President"`` -> the words (a title may hold spaces)."""
    return tuple(word.strip() for word in text.split("|") if word.strip())


# --- Speakers and participants ------------------------------------------------
# The label grammar itself is in teikit.convert.labels; these are its words.

HONORIFICS_BY_LANGUAGE: Final = {
    "en": _words(
        "Comrade|Comrades|Comr.|Comrs.|Cde.|Cdes.|Com.|Mr.|Mrs.|Ms.|Miss|Messrs.|Dr.|Prof.|Professor|Sir|"
        "Lord|Lady|Amb.|Ambassador|Senator|Sen.|Congressman|Congresswoman|Representative|Rep.|Governor|"
        "Gov.|Mayor|Judge|Justice|Father|General|Gen.|Lt.|Lt|Lieutenant|Colonel|Col.|Col|Major|Maj.|Captain|"
        "Capt.|Admiral|Adm.|Marshal|Brigadier|Commander|Comdr.|Sergeant|Sgt.|Colonel-General|Chairman|"
        "Chairwoman|Vice Chairman|President|Vice President|Premier|Vice Premier|Prime Minister|"
        "Deputy Prime Minister|Foreign Minister|Minister|Deputy Minister|Chancellor|Secretary|"
        "General Secretary|First Secretary|Secretary-General|Secretary General|Under Secretary|"
        "Undersecretary|Deputy Secretary|Assistant Secretary|Deputy Under Secretary|"
        "Deputy Assistant Secretary|Executive Secretary|Acting|Deputy|Assistant|Director|Deputy Director|"
        "Counselor|Counsellor|Ambassador-at-Large|Chargé|Consul|Attaché|King|Queen|Prince|Princess|"
        "Emperor|Shah|Sheikh|Emir|Sultan|Pope|Chief|Speaker|Leader|Head|Commissioner|Envoy|"
        "Delegate|Foreign Secretary|Home Secretary|Colonial Secretary|Commonwealth Secretary|Defence Secretary|"
        "Lord Privy Seal|Lord Chancellor|Lord President|Paymaster General|Paymaster-General|Attorney General|"
        "Attorney-General|Solicitor General|Solicitor-General|Chief Whip"
    ),
    "ru": _words(
        "Товарищ|Товарищи|Тов.|тов.|Т.|т.|Тт.|тт.|т.т.|Т.т.|Господин|Госпожа|Г-н|г-н|Г-жа|г-жа|Посол|"
        "Министр|Председатель|Премьер|Премьер-министр|Президент|Генерал|Маршал|Секретарь|"
        "Генеральный секретарь|Первый секретарь|Заместитель"
    ),
    "de": _words(
        "Herr|Herrn|Frau|Fräulein|Genosse|Genossin|Genossen|Gen.|Gn.|Dr.|Prof.|Botschafter|Bundeskanzler|"
        "Bundesminister|Staatssekretär|Staatsminister|Minister|Präsident|Ministerpräsident|"
        "Generalsekretär|Erster Sekretär|Vorsitzender|Kanzler"
    ),
    "fr": _words(
        "M.|MM.|Mme|Mme.|Mmes|Mlle|Monsieur|Madame|Mademoiselle|Messieurs|Maître|Général|Ambassadeur|"
        "l'Ambassadeur|Président|Ministre|Premier ministre|Chancelier|Camarade|Président de la République|"
        "Président du Conseil|Ministre des Affaires étrangères|Secrétaire d'État|Secrétaire général"
    ),
}
"""Titles and honorifics before a name, per language (Chinese records in translation use the English ones:
``Chairman Mao``, ``Premier Zhou``, ``Comrade Kim Il Sung``). They are stripped from a speaker's name and
``xml:id`` and kept in ``<speaker>`` as printed; matched case-insensitively, the longest first."""

HONORIFICS: Final = tuple(
    sorted({title for titles in HONORIFICS_BY_LANGUAGE.values() for title in titles}, key=len, reverse=True)
)
"""Every honorific of :data:`HONORIFICS_BY_LANGUAGE`, longest first."""

NUMBER_WORDS: Final = frozenset(
    """hundred hundreds thousand thousands million millions billion billions dozen hundert tausend million millionen
    milliarde milliarden cent cents mille million millions milliard milliards тысяч тысячи миллиона миллионов
    миллиарда миллиардов""".split()
)
"""``a hundred million [pounds]``: a number word, after which a bracketed word is the unit left out."""

ARTICLES: Final = ("The", "A", "An", "Der", "Die", "Le", "La", "L'", "Un", "Une", "Ein", "Eine")
"""``The President:`` (a role), ``A Senator:`` (someone of that role, not named)."""

NAME_PARTICLES: Final = _words(
    "de|da|di|do|du|des|del|della|van|von|der|den|ter|la|le|bin|ibn|al|el|y|of|the|and|for|to|on"
)
"""Lower-case words allowed inside a name or a title (``Couve de Murville``, ``Secretary of State``)."""

NON_SPEAKER_WORDS: Final = frozenset(
    word.lower()
    for word in _words(
        "Subject|Subjects|Re|Ref|Refs|Reference|References|Note|Notes|NB|N.B.|Summary|Date|Time|Place|"
        "Location|To|From|Cc|Bcc|Copy|Copies|Attachment|Attachments|Enclosure|Enclosures|Agenda|Item|"
        "Items|Topic|Topics|Title|Source|Sources|Classification|Distribution|Tab|Annex|Appendix|FYI|PS|"
        "P.S.|Comment|Comments|Action|Background|Conclusion|Conclusions|Recommendation|Recommendations|"
        "Decision|Decisions|Purpose|Problem|Issue|Issues|Text|Quote|Unquote|Begin|End|Total|Result|"
        "Results|Proposal|Proposals|Point|Points|Example|Warning|Attention|Addendum|Postscript|"
        "Memorandum|Memo|Minutes|Record|Participants|Present|Principals|Attendees|Members|Delegation|"
        "Drafted|Cleared|Approved|Signed|Sent|Received|Telegram|Info|Priority|Secret|Confidential|"
        "Unclassified|Subject Matter|Question|Answer|Questions|Answers|Conversation|Meeting|Draft|"
        "Annotation|About|On|In|At|As|Regarding|Concerning|With|For|By|After|Before|During|And|But|Also|"
        "However|Then|Thus|First|Second|Third|Secondly|Thirdly|Finally|Further|Furthermore|Moreover|"
        "Therefore|Meanwhile|Otherwise|Instead|Indeed|Yes|No|Why|What|Who|How|When|Where|This|That|These|"
        "Those|It|There|Here|We|I|You|He|She|They|Our|My|His|Her|Their|Your|Its|Some|All|Both|Each|Every|"
        "Other|Another|Such|If|Or|Nor|So|Now|Today|Тема|Примечание|Примечания|Основание|Справка|Копия|"
        "Кому|От|Повестка|Вопрос|Ответ|Итог|Betreff|Betr.|Anlage|Anlagen|Bezug|Vermerk|Teilnehmer|"
        "Anwesend|Datum|Ort|Verteiler|Gegenstand|Thema|Objet|Réf.|Destinataire|Présents|Lieu"
    )
)
"""A label of these words (or starting with one) is a field or a sentence opener, never a speaker."""

INTERJECTIONS: Final = frozenset(
    word.lower()
    for word in _words(
        "Yes|No|Well|Good|Right|Okay|OK|Thanks|Fine|Agreed|Exactly|True|Correct|Indeed|Certainly|Sure|"
        "Please|Perhaps|Maybe|Absolutely|Naturally|Again|Then|Now|So|Oh|Ah|Excellent|Wonderful|"
        "Understood|Impossible|Never|Always|Да|Нет|Хорошо|Правильно|Согласен|Конечно|Ja|Nein|Gut|Richtig|"
        "Oui|Non|Bien|Bon|Merci|Thank|Good-bye|Goodbye|Hello"
    )
)
"""Words that open a sentence with a full stop (``Yes. I agree.``): never a ``NAME.`` label."""

NARRATIVE_RE: Final = re.compile(
    r"^\(?(?:the\s+(?:meeting|conversation|talk|talks|discussion|session|luncheon|dinner|call)\s+"
    r"(?:ended|was\s+adjourned|adjourned|closed|concluded|lasted|was\s+concluded|broke\s+up|then\s+ended)"
    r"|(?:the\s+)?end\s+of\s+(?:the\s+)?(?:conversation|meeting|record|memorandum|telcon|document)"
    r"|беседа\s+(?:продолжалась|закончилась|окончена|длилась)|конец\s+беседы"
    r"|(?:das\s+)?(?:gespräch|treffen)\s+(?:endete|dauerte)|ende\s+des\s+gesprächs"
    r"|l'entretien\s+(?:a\s+pris\s+fin|s'est\s+terminé)|fin\s+de\s+l'entretien)",
    re.I,
)
"""``The meeting ended at 4:10 p.m.`` / ``Беседа продолжалась 2 часа``: narration after the turns, not speech."""

SPEAKER_LABEL_RE: Final = re.compile(r"^(?P<label>(?P<name>[A-ZА-ЯЁ][\w.'’-]*(?:[ ][\w.'’-]+){0,5}):)[ \t]+(?=\S)")
"""``Comrade Mao Zedong: …``: the shape of a capitalised label at a block start, which layout rules
leave to the label grammar (:mod:`teikit.convert.labels` decides whether it is a turn)."""

LIST_PREFIX_RE: Final = re.compile(
    r"^(?:comrs?\.|comrades?|cdes?\.|messrs\.|mm\.|genossen|genn?\.|т\.\s?т\.|тт\.|т\.|тов\.|товарищи)\s*", re.I
)
"""``comrs.`` / ``Cdes.`` / ``т.т.``: the collective honorific before a list of names."""

PRESENT_RE: Final = re.compile(
    r"^(?:(?:also\s+|members\s+|others\s+)?present|in\s+attendance|participants?|participating|principals"
    r"|(?:other\s+)?attendees|(?:also\s+)?attending|on\s+the\s+[\w-]+(?:\s+[\w-]+)?\s+side"
    r"|from\s+the\s+[\w-]+(?:\s+[\w-]+)?\s+side|the\s+[\w-]+\s+side"
    r"|на\s+беседе\s+(?:также\s+)?присутствовали|(?:также\s+)?присутствовали|присутствовал[аи]?"
    r"|с\s+[\w-]+\s+стороны|участники(?:\s+беседы)?"
    r"|anwesend|teilnehmer|an\s+dem\s+gespräch\s+nahmen|présents|participaient|assistaient)\b[^:]{0,60}:",
    re.I,
)
"""``Present at the conversation: …`` / ``Members Present: …`` / ``Participants on the Soviet side: …`` /
``On the Chinese side: …`` / ``На беседе присутствовали: …`` / ``Anwesend: …``: a participants paragraph."""

PARTICIPANTS_HEADING_RE: Final = re.compile(
    r"^(?:participants?|principals|(?:other\s+|also\s+)?attendees|(?:also\s+|members\s+|others\s+)?present"
    r"(?:\s+at\s+the\s+(?:conversation|meeting|talks?))?|in\s+attendance|(?:on\s+)?the\s+[\w-]+\s+side"
    r"|участники(?:\s+беседы)?|присутствовали|anwesend|teilnehmer|présents|participants)\s*:?\s*$",
    re.I,
)
"""``PARTICIPANTS`` / ``OTHER ATTENDEES`` / ``Present:`` alone on a line: one name per line follows."""

INTERPRETER_RE: Final = re.compile(
    r"^(?:(?:the\s+)?(?:conversation|meeting|talk)\s+was\s+(?:interpreted|translated)\s+by"
    r"|interpreted\s+by|interpreting:|interpreters?:|interpretation\s+by"
    r"|translated\s+by\s+(?=(?:comrs?\.|comrades?|cdes?\.|tov\.))|translators?:"
    r"|беседу\s+переводил[аи]?|переводил[аи]?|переводчик[аи]?:|перевод\s+осуществлял[аи]?"
    r"|gedolmetscht\s+(?:von|durch)|dolmetscher(?:in)?:|interprète[s]?:)",
    re.I,
)
"""``Беседу переводил В.М. Суходрев.`` / ``Translated by comrs. A and B.`` / ``Interpreter: …``."""

RECORDER_LABEL_RE: Final = re.compile(
    r"^(?:secretary|secretaries|secretariat|note-?takers?|recorders?|rapporteurs?|protokoll(?:führer(?:in)?)?|"
    r"protokollant(?:in)?|secrétaires?|rapporteur|секретарь|протокол(?:ист)?)\s*:\s*",
    re.I,
)
"""``Secretary: Sir Norman Brook.``: who kept the record, when nothing but names follows (else a speaker's label)."""

RECORDER_RE: Final = re.compile(
    r"^(?:recorded|written\s+down|minutes\s+taken|notes\s+taken|transcribed)\s+by\b|^записал[аи]?\b",
    re.I,
)
"""``Recorded by comr. Fedorenko.`` / ``Записал т. Федоренко.``."""

VALEDICTION_RE: Final = re.compile(
    r"^(?:yours\s+(?:sincerely|faithfully|truly|ever)|sincerely(?:\s+yours)?|with\s+(?:best|kind)\s+"
    r"(?:wishes|regards)|с\s+(?:уважением|приветом)|mit\s+freundlichen\s+grüßen)\b",
    re.I,
)
"""``Yours sincerely, (Sd).``: the closing formula of a letter."""

SALUTATION_RE: Final = re.compile(r"^(?:my\s+)?dear\s+[^,]{1,60},$|^(?:уважаемый|дорогой)\s+[^,]{1,60}[,!]$", re.I)
"""``My dear premier,``: the salutation that opens a letter."""

SIGNATURE_NAME_RE: Final = re.compile(r"^\((?P<name>[A-ZА-Я][\w.'’ -]{1,40})\)$")
"""``(Bitterlich)``: a typed signature in parentheses closing a memorandum."""

STAMP_WORDS: Final = (
    "НЕСЕКРЕТНО",
    "СЕКРЕТНО",
    "СОВЕРШЕННО СЕКРЕТНО",
    "СОВ. СЕКРЕТНО",
    "ОСОБАЯ ПАПКА",
    "NOT SECRET",
    "SECRET",
    "TOP SECRET",
    "CONFIDENTIAL",
    "STRICTLY CONFIDENTIAL",
    "GEHEIM",
    "STRENG GEHEIM",
    "VERTRAULICH",
)
"""A block holding only one of these, in capitals, is a classification stamp."""

CHECK_MARKS: Final = "✓✔☑"
"""Marks a reader or clerk put before a paragraph (kept as ``metamark``)."""

LETTER_SPACED_RE: Final = re.compile(r"^\w(?: \w){3,}(?:  +\w(?: \w)+)*$")
"""``З А П И С Ь`` / ``M e m o r a n d u m``: a word printed letter-spaced."""

HANDWRITTEN_NOTE_RE: Final = re.compile(r"^\*(?P<desc>handwritten[^*]*?)\*[ \t]*(?P<rest>.*)$", re.I | re.S)
"""``*Handwritten signature and date:* 31/11``: the archive's description of a handwritten note."""

DAY_MONTH_RE: Final = re.compile(r"\b\d{1,2}/(?:\d{1,2}|[IVX]{1,4})(?:/\d{2,4})?\b")
"""``31/XII`` / ``31/11``: a day and month written by hand."""

NUMBERED_PARAGRAPH_RE: Final = re.compile(
    r"^(?:(?P<num>\d{1,3})\.|\((?P<paren>[0-9A-Za-z]{1,4})\)|(?P<roman>[IVX]{1,5})\.)\s"
)
"""``2. While we …`` / ``(A) In the event …``: a numbered paragraph."""

SENTENCE_END: Final = ".!?…:;\"'”»)]}"
"""A block ending in one of these ends its paragraph; otherwise a page break may have cut it."""

FOOTNOTE_LINE_RE: Final = re.compile(
    r"^\s*\[(?P<n>\d{1,3})\]\s+(?P<text>\S.*)$|^\s*\[\^(?P<md>\d{1,3})\]:\s+(?P<mdtext>\S.*)$"
)
"""``[1] BArch, B 136/59748, 403-410.``: a footnote's text at the end of a record."""

# --- Archival citations --------------------------------------------------

ARCHIVE_UNITS: Final = (
    ("fond", r"(?:fond|f\.|ф\.|фонд)"),
    ("opis", r"(?:opis'?|op\.|оп\.|опись)"),
    ("delo", r"(?:delo|d\.|д\.|дело)"),
    ("por", r"(?:poriadok|por\.|пор\.|порядок)"),
    ("pap", r"(?:papka|pap\.|пап\.|папка|п\.)"),
    ("listy", r"(?:listy|list|ll\.|l\.|лл\.|л\.|листы|лист|folios?|bl\.|blatt)"),
)
"""Russian archival hierarchy (fond/opis/delo; AVPRF's por./pap.) and leaves (ll., German Bl.)."""

ARCHIVE_ABBREVIATIONS: Final = (
    "AVPRF",
    "AVP RF",
    "АВП РФ",
    "APRF",
    "АПРФ",
    "RGANI",
    "РГАНИ",
    "RGASPI",
    "РГАСПИ",
    "GARF",
    "ГАРФ",
    "RGAE",
    "РГАЭ",
    "TsAMO",
    "ЦАМО",
    "BArch",
    "SAPMO-BArch",
    "PA AA",
    "NARA",
    "TNA",
    "AMVRS",
    "PRC FMA",
    "SAPMO",
    "AAN",
    "MOL",
    "AMZV",
)
"""Archives usually cited by their abbreviation alone (``RGASPI, f. 17, …``): the abbreviation names the repository."""

RECORD_UNITS: Final = (
    ("record-group", r"\b(?:RG|Record\s+Group)\s+(?P<value>\d+(?:\.\d+)?)"),
    ("lot", r"\bLot\s+(?P<value>\d+\s?[A-Z]\s?\d+)"),
    ("job", r"\bJob\s+(?P<value>[\d–-]+[A-Z]?)"),
    ("entry", r"\bEntry\s+(?P<value>[A-Z]?\d+[A-Z]?)"),
    ("box", r"\bBox\s+(?P<value>(?:[A-Z]{1,3}\s)?\d+[A-Z]?)"),
    ("folder", r"\bFolder\s+(?P<value>[\w.-]+)"),
)
"""US and other record-group references: ``RG 59``, ``Lot 74 D 164``, ``Box CL 103``, ``Folder 6``."""

SOURCE_NOTE_END_RE: Final = re.compile(
    r"\.\s+(?=(?:Top\s+Secret|Secret|Confidential|Unclassified|Limited\s+Official\s+Use|No\s+classification"
    r"|[A-Z][a-z]+\s+[a-z]|[A-Z][a-z]+[;.,]))"
)
"""Where the archival part of a source note ends (``… Vol. 2. Top Secret; Sensitive. The conversation …``)."""

LEAF = r"\d+(?:\s?(?:ob|об|v|r)\.?)?"

# --- Names -----------------------------------------------------------------

KNOWN_NAMES: Final = {
    **dict.fromkeys(
        ("kuomintang", "guomindang", "kmt", "chinese communist party", "communist party of china", "cpc"),
        "orgName",
    ),
    **dict.fromkeys(
        (
            "xinjiang",
            "sinkiang",
            "formosa",
            "taiwan",
            "manchuria",
            "port arthur",
            "lüshun",
            "lushun",
            "dalian",
            "dairen",
            "tibet",
            "mongolia",
            "outer mongolia",
            "inner mongolia",
            "korea",
            "peking",
            "beijing",
            "peiping",
            "canton",
            "guangzhou",
            "nanking",
            "nanjing",
            "chungking",
            "chongqing",
            "mukden",
            "shenyang",
            "harbin",
            "kiangsi",
            "jiangxi",
            "szechwan",
            "sichuan",
            "kwangtung",
            "guangdong",
            "hainan",
            "amoy",
            "xiamen",
            "tsingtao",
            "qingdao",
            "sakhalin",
            "kurile islands",
        ),
        "placeName",
    ),
    **dict.fromkeys(
        (
            "chiang kai-shek",
            "jiang jieshi",
            "mao tse-tung",
            "mao zedong",
            "chou en-lai",
            "zhou enlai",
            "liu shao-chi",
            "liu shaoqi",
            "kim il sung",
            "kim il-sung",
            "tao shengyang",
        ),
        "persName",
    ),
}
"""Names whose kind a variant-name bracket cannot show by itself (lower case keys)."""

PLACE_CUE_RE: Final = re.compile(
    r"\b(?:island|isle|province|city|town|port|region|district|of|in|to|from|over|near|across|via)\s+$", re.I
)
"""``the island of Formosa``: words before a name that make it a place."""

ORG_WORD_RE: Final = re.compile(
    r"\b(?:party|army|committee|ministry|council|union|league|front|bank|company|corporation|government|"
    r"division|bureau|office|agency|association|movement)\b",
    re.I,
)
"""``People's Liberation Army``: words that make a name an organisation."""

# --- Scripts inside a text --------------------------------------------------------

SCRIPT_RANGES: Final = {
    "Cyrillic": "\u0400-\u052f",
    "Greek": "\u0370-\u03ff",
    "Han": "\u3400-\u4dbf\u4e00-\u9fff\u3040-\u30ff",
    "Hangul": "\uac00-\ud7af\u1100-\u11ff",
    "Arabic": "\u0600-\u06ff\u0750-\u077f",
    "Hebrew": "\u0590-\u05ff",
    "Devanagari": "\u0900-\u097f",
}
"""Unicode blocks of the scripts whose words in another script's text get ``xml:lang``."""

SCRIPT_SUBTAGS: Final = {
    "Cyrillic": "Cyrl",
    "Greek": "Grek",
    "Han": "Hani",
    "Hangul": "Hang",
    "Arabic": "Arab",
    "Hebrew": "Hebr",
    "Devanagari": "Deva",
}
"""ISO 15924 codes: a run whose language is not known is ``und-Cyrl``, ``und-Hani``…"""

# --- Page breaks typed in the transcript ---------------------------------------------

_PAGE_WORD = r"(?:page|p\.|pp\.|seite|s\.|blatt|bl\.|стр\.|страница|с\.|лист|л\.|ll?\.)"
PAGE_MARK_RE: Final = re.compile(
    r"[ \t]*(?:"
    rf"//[ \t]*{_PAGE_WORD}[ \t]*(?P<n1>\d{{1,4}}(?:[ \t]?(?:об|ob|v|r)\.?)?)[ \t]*//"
    rf"|/{_PAGE_WORD}[ \t]*(?P<n2>\d{{1,4}}(?:[ \t]?(?:об|ob|v|r)\.?)?)/"
    rf"|\[(?:end\s+of\s+)?{_PAGE_WORD}[ \t]*(?P<n3>\d{{1,4}}(?:[ \t]?(?:об|ob|v|r)\.?)?)\]"
    r"|\[(?:page[ \t]+break|new[ \t]+page|seitenumbruch|neue[ \t]+seite|конец[ \t]+страницы|новая[ \t]+страница)\]"
    r"|(?<![/:<])//(?!/)"
    r"|(?<!\S)--[ \t]?(?P<n4>\d{1,4})[ \t]?--(?!\S)"
    r"|^[ \t]*[-–—][ \t]?(?P<n5>\d{1,4})[ \t]?[-–—][ \t]*$"
    r")[ \t]*",
    re.I,
)
"""Typed page marks: `` // ``, ``/page 3/``, ``/стр. 3/``, ``[Page 45]``, ``[page break]``,
``[Seite 2]``, ``[л. 5 об.]``, ``-- 3 --``; ``- 3 -`` only as a line of its own (inline it could be a
range); the number, if any, in ``n1``..``n5``."""

LIST_ITEM_RE: Final = re.compile(
    r"^(?:(?P<marker>[•·▪●◦‣∙*–—-]|\(?[ivx]{1,5}\)|\(?[a-zа-я]\)|(?P<digits>\(?\d{1,2}\)))[ \t]+(?=\S)"
    r"|(?P<dash>—)(?=[A-ZА-ЯЁ]))"
)
"""``• item`` / ``- item`` / ``a) item`` / ``(ii) item`` / ``1) item`` / ``—Item`` (FRUS): a list item.

A numbered one (``(1)``, ``1)``) is an item only while short; a long one is a numbered paragraph."""

LIST_ITEM_MAX_WORDS: Final = 30
"""Words above which a paragraph opening ``(1)`` / ``1)`` is a numbered paragraph, not a list item."""

SECTION_NUMBER_RE: Final = re.compile(
    r"^(?P<number>(?:\d{1,2}(?:\.\d{1,2})*|[０-９]{1,2}|[IVXLC]{1,6}|§[ \t]?\d{1,3})[.．)]?)(?:[ \t]+|(?<=．))(?=\S)"
)
"""``2. The situation`` / ``1．`` (full-width) / ``IV. Trade`` / ``§ 3``: a numbered heading's number."""

LIST_HEADINGS: Final = (
    "participants",
    "present",
    "also present",
    "members present",
    "distribution",
    "присутствовали",
    "участники",
    "teilnehmer",
    "anwesend",
)
"""Lines that head a list of names, read by the participants rules: never a section heading."""

SUBJECT_HEADINGS: Final = ("subject", "subjects", "тема", "betreff", "betr.", "objet", "asunto")
"""A line holding only one of these (any case, ``:`` optional) heads a subject block (FRUS ``SUBJECT``)."""

ADDRESS_LABEL_RE: Final = re.compile(
    r"^(?P<label>(?:memorandum\s+for|to|from|cc|copy\s+to|via|thru|through|кому|от|копия|an|von)"
    r"|subject|ref|reference|date|тема|betreff|datum):[ \t]*(?=\S)",
    re.I,
)
"""``To: The Secretary`` / ``FROM: INR`` / ``Кому: …``: a line of a memorandum's address block."""

ADDRESS_OTHER_LABELS: Final = ("subject", "ref", "reference", "date", "тема", "betreff", "datum")
"""Address-block labels that do not name a sender or receiver: a block needs one line that does."""

DIARY_RE: Final = re.compile(r"^(?:from\s+the\s+(?:journal|diary)\s+of|из\s+дневника|aus\s+dem\s+tagebuch)\b", re.I)
"""``From the diary of V.V. Kuznetsov`` / ``ИЗ ДНЕВНИКА …``: whose diary the record was taken from."""

CLASSIFICATION_RE: Final = re.compile(
    r"^(?:(?:top\s+secret|secret|confidential|strictly\s+confidential|limited\s+official\s+use|unclassified"
    r"|not\s+secret|eyes\s+only|exclusively\s+eyes\s+only|sensitive|nodis|exdis|limdis|for\s+official\s+use\s+only"
    r"|совершенно\s+секретно|сов\.\s*секретно|секретно|несекретно|особая\s+папка|особой\s+важности"
    r"|строго\s+секретно|для\s+служебного\s+пользования|конфиденциально"
    r"|streng\s+geheim|geheim|vertraulich|vs-vertraulich|nur\s+für\s+den\s+dienstgebrauch|persönlich"
    r"|geheime\s+verschlu(?:ß|ss)sache|vertrauliche\s+verschlu(?:ß|ss)sache|gvs|vvs"
    r"|绝密|机密|秘密)"
    r"(?:[ \t]*[;,/][ \t]*|[ \t]+)?)*(?:(?:copy\s+no\.?|экз\.?\s*№|ausfertigung(?:\s+nr\.?)?)\s*\d+)?[ \t]*[.!]?$",
    re.I,
)
"""``Secret`` / ``TOP SECRET`` / ``Secret; Sensitive`` / ``Совершенно секретно`` / ``Copy No. 1``: a classification line."""

LETTERHEAD_RE: Final = re.compile(
    r"\b(?:ministry|ministerium|embassy|department\s+of|white\s+house|bundeskanzler(?:amt)?|auswärtiges\s+amt"
    r"|central\s+committee|министерство|посольство|мид\s+ссср|цк\s+кпсс|центральный\s+комитет|консульство"
    r"|chancellery|office\s+of\s+the|national\s+security\s+council|foreign\s+office)\b",
    re.I,
)
"""``MINISTRY OF FOREIGN AFFAIRS`` / ``Посольство СССР в КНР``: an institution's letterhead line."""

SIGNATURE_MARK_RE: Final = re.compile(
    r"^[(\[](?:signature|signed|sd\.?|s/|подпись|п/п|gez\.?|unterschrift)[)\]]\.?(?P<name>\s+\S.*)?$", re.I
)
"""``(signature)`` / ``[signed]`` / ``(подпись) А. ГРОМЫКО`` / ``(gez.)``: where a signature stands, maybe with the name."""

PERSON_NAME_RE: Final = re.compile(
    r"^(?:[A-ZА-ЯЁ][a-zа-яё]{0,3}\.[ \t]?){1,3}[A-ZА-ЯЁ][\w'’-]+$"
    r"|^[A-ZА-ЯЁ][a-zа-яё'’-]+(?:[ \t](?:[A-ZА-ЯЁ]\.[ \t]?){0,2}[A-ZА-ЯЁ][\w'’-]+){1,2}$"
    r"|^[A-ZА-ЯЁ][\w'’-]+(?:[ \t][A-ZА-ЯЁ]\.){1,2}$"
)
"""``V. Kuznetsov`` / ``Benjamin H. Read`` / ``А. ГРОМЫКО`` / ``Громыко А.А.``: a name on a signature line."""
