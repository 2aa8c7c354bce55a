"""Hypothesis strategies for record transcripts: headers, turns, brackets, breaks, scripts."""

from __future__ import annotations

from hypothesis import strategies as st

from teikit.convert.rules import HEADER_LABELS, HONORIFICS, INTERJECTIONS, NAME_PARTICLES, NON_SPEAKER_WORDS

LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
WORD_ALPHABETS = [
    LATIN,
    "абвгдежзийклмнопрстуфхцчшщыэюяАБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯ",
    "毛泽东中华人民共和国会议记录",
    "ひらがなカタカナ",
    "مرحباالعالم",
    "שלוםעולם",
    "éèêëçñøåüöäß",
]
COMBINING = ["\u0301", "\u0308", "\u0327"]

word = st.one_of(
    st.text(alphabet=LATIN, min_size=1, max_size=12),
    st.sampled_from(WORD_ALPHABETS).flatmap(lambda alphabet: st.text(alphabet=alphabet, min_size=1, max_size=8)),
    st.tuples(st.text(alphabet="aeiou", min_size=1, max_size=3), st.sampled_from(COMBINING)).map("".join),
    st.integers(min_value=0, max_value=99999).map(str),
    st.sampled_from(
        ["Port Arthur", "CC CPC", "KChZhD", "VKP/b/", "/Karskii/", "comr.", "1949", "3-5", "U.S.A.", "T.V."]
    ),
)
punctuation = st.sampled_from(["", "", "", ",", ".", ";", ":", "?", "!", "-", "—", "…", "'", '"', "(", ")"])
bracket = st.one_of(
    st.sampled_from(
        [
            "[?]",
            "[...]",
            "[illegible]",
            "[sic]",
            "[1950]",
            "[tungsten]",
            "[Kuomintang]",
            "[PLA]",
            "[ade]",
            "[Soviet translator]",
            "[Laughter]",
            "[Reads:]",
            "[The meeting ended.]",
            "[Looks at folder and checklists.]",
            "[1½ lines not declassified]",
            "[dollar amount not declassified]",
            "[Omitted here is discussion on SALT.]",
            "[D-California]",
            "[vapid?]",
            "[The President:]",
            "[us]",
            "[vozhd']",
            "[Chiang Kai-shek]",
            "[All-Union Communist Party of bolsheviks]",
            "[Chinese Changchun Railroad, which traverses Manchuria]",
            "[Ivan Petrov]",
        ]
    ),
    st.lists(word, min_size=0, max_size=4).map(lambda words: "[" + " ".join(words) + "]"),
    st.sampled_from(["[", "]", "[[nested] bracket]", "[a [b] c", "]["]),
)
token = st.one_of(word, word, word, bracket, punctuation, st.sampled_from(["*emph*", "**bold**", "✓"]))


@st.composite
def sentence(draw: st.DrawFn) -> str:
    tokens = draw(st.lists(token, min_size=1, max_size=25))
    separator = draw(st.sampled_from([" ", " ", " ", "\t", "  "]))
    return separator.join(tokens)


@st.composite
def paragraph(draw: st.DrawFn) -> str:
    text = draw(sentence())
    kind = draw(st.sampled_from(["plain", "plain", "turn", "turn", "long", "cut", "hyphen", "empty"]))
    if kind == "turn":
        speaker = draw(
            st.sampled_from(["Comrade Stalin", "Comrade Mao Zedong", "Товарищ Сталин", "Mr. Smith", "Chairman Liu"])
        )
        return f"{speaker}: {text}"
    if kind == "long":
        return " ".join([text] * draw(st.integers(min_value=20, max_value=200)))
    if kind == "cut":
        return f"{text} and then\n\ncontinues in lower case"
    if kind == "hyphen":
        return f"{text} помо-\n\nщи"
    if kind == "empty":
        return " "
    return text


@st.composite
def labelled_header(draw: st.DrawFn) -> str:
    fields = {"Title": draw(sentence()).replace("\n", " ") or "Untitled"}
    for label in draw(st.lists(st.sampled_from(HEADER_LABELS), max_size=6, unique=True)):
        value = draw(
            st.one_of(
                sentence(),
                st.sampled_from(
                    [
                        "October 31, 1997",
                        "1949-12-16",
                        '["German"]',
                        '["Russian", "Chinese"]',
                        "https://example.org/document/42",
                        "",
                    ]
                ),
            )
        )
        fields.setdefault(label, value.replace("\n", " "))
    return "\n".join(f"{label}: {value}" if value else f"{label}:" for label, value in fields.items())


@st.composite
def page_header(draw: st.DrawFn) -> str:
    date = draw(st.sampled_from(["December 16, 1949", "16 December 1949", "1949", "no date"]))
    title = draw(sentence()).replace("\n", " ").replace("*", "") or "Untitled"
    parts = [f"**{date}**  \n**{title}**"]
    for label in draw(
        st.lists(st.sampled_from(["Citation", "Summary", "Original Language", "Contents"]), max_size=4, unique=True)
    ):
        parts.append(
            f"**{label}:**\n\n{draw(sentence()) if label != 'Original Language' else draw(st.sampled_from(['Russian', 'Chinese', 'English', 'Klingon']))}"
        )
    return "\n\n".join(parts)


@st.composite
def transcript(draw: st.DrawFn) -> str:
    """A whole transcript, in one of the two shapes, with the usual file-level accidents."""
    shape = draw(st.sampled_from(["labelled", "page"]))
    paragraphs = draw(st.lists(paragraph(), min_size=0, max_size=12))
    if shape == "labelled":
        text = draw(labelled_header()) + "\n\n" + "\n".join(p.replace("\n\n", "\n") for p in paragraphs)
    else:
        text = draw(page_header()) + "\n\n" + "\n\n".join(paragraphs)
    if draw(st.booleans()):
        footnote = draw(st.integers(min_value=1, max_value=3))
        text += f" marker[{footnote}]\n  [{footnote}] {draw(sentence())}"
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text


# --- transcripts with speaker labels ----------------------------------------------------------

_NOT_NAMES = {word.casefold() for word in (*NON_SPEAKER_WORDS, *INTERJECTIONS, *HONORIFICS, *NAME_PARTICLES)}
name_word = (
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=9)
    .map(str.capitalize)
    .filter(lambda word: word.casefold() not in _NOT_NAMES)
)
"""A made-up name: never a word the grammar knows as a field, an interjection or a title."""
speaker_name = st.one_of(
    st.sampled_from(["Kissinger", "Dobrynin", "Mao Zedong", "Zhou Enlai", "A.A. Gromyko", "Honecker", "Сталин"]),
    st.lists(name_word, min_size=1, max_size=3).map(" ".join),
)
label_shape = st.one_of(
    speaker_name.map(lambda name: f"{name}:"),
    st.tuples(
        st.sampled_from(["Comrade", "Cde.", "Mr.", "Herr", "M.", "Тов.", "Ambassador", "Chairman"]), speaker_name
    ).map(lambda pair: f"{pair[0]} {pair[1]}:"),
    st.sampled_from(["The President:", "THE SECRETARY:", "Deputy Secretary:", "A Senator:", "K:", "D:", "(?):", ":"]),
    speaker_name.map(lambda name: f"[The {name}:]"),
    st.tuples(speaker_name, st.sampled_from(["to Hyland", "after a pause", "Sonnenfeldt?"])).map(
        lambda pair: f"{pair[0]} ({pair[1]}):"
    ),
    speaker_name.map(lambda name: f"{name.upper()}."),
)
plain_word = st.text(alphabet=LATIN, min_size=1, max_size=10)


@st.composite
def plain_sentence(draw: st.DrawFn) -> str:
    """A sentence without brackets or marks: nothing that could join or hide a paragraph."""
    words = draw(st.lists(plain_word, min_size=1, max_size=15))
    return (" ".join(words)).capitalize() + draw(st.sampled_from([".", "?", "!", "", ","]))


@st.composite
def labelled_transcript(draw: st.DrawFn) -> tuple[str, list[int]]:
    """A ``Label: value`` transcript whose paragraphs often open with a label; returns it and those lines."""
    lines = ["Title: A conversation", ""]
    label_lines = []
    for _ in range(draw(st.integers(min_value=1, max_value=14))):
        kind = draw(st.sampled_from(["label", "label", "label", "prose", "narrative"]))
        if kind == "label":
            label_lines.append(len(lines) + 1)
            label = draw(label_shape)
            emphasis = draw(st.sampled_from(["", "", "", "**", "*"]))
            lines.append(f"{emphasis}{label}{emphasis} {draw(plain_sentence())}")
        elif kind == "narrative":
            lines.append(draw(st.sampled_from(["[Laughter]", "The meeting ended.", "[Omitted here is a discussion.]"])))
        else:
            lines.append(draw(plain_sentence()))
    return "\n".join(lines) + "\n", label_lines
