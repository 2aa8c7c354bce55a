"""Single-language records and originals in the same script as the translation."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from helpers import xpath
from teikit.check.validate import Validator
from teikit.cli import cli
from teikit.convert.encode import encode
from teikit.convert.read import read_transcript
from teikit.core.serialize import to_bytes

VALIDATOR = Validator()

RUSSIAN = """Title: Запись беседы с послом
Date: 16 декабря 1949 г.
{label}

Товарищ Сталин: Мы изучили ваше предложение и согласны с ним.

Товарищ Мао Цзэ-дун: Мы благодарим вас за помощь.

Товарищ Сталин: До свидания.
"""


def _convert(tmp_path: Path, text: str, lang: str = "en") -> etree._Element:
    record = tmp_path / "record.txt"
    record.write_text(text, "utf-8")
    encoded = encode(read_transcript(record), text_lang=lang)
    out = tmp_path / "record.xml"
    out.write_bytes(to_bytes(encoded.tree))
    assert VALIDATOR.check_file(out).errors == []
    return etree.fromstring(out.read_bytes())


def _texts(root: etree._Element) -> list[tuple[str | None, str | None, int]]:
    return [
        (text.get("type"), text.get("{http://www.w3.org/XML/1998/namespace}lang"), len(xpath(text, ".//t:sp")))
        for text in xpath(root, "//t:text[t:body]")
    ]


def test_russian_only_record_with_the_original_language_label(tmp_path: Path) -> None:
    root = _convert(tmp_path, RUSSIAN.format(label="Original Language: Russian"))
    assert _texts(root) == [("original", "ru", 3)]
    assert [lang.get("ident") for lang in xpath(root, "//t:langUsage/t:language")] == ["ru"]


def test_russian_only_record_with_lang_ru(tmp_path: Path) -> None:
    root = _convert(tmp_path, RUSSIAN.format(label="Source: АПРФ"), lang="ru")
    assert _texts(root) == [("original", "ru", 3)]


def test_cli_lang_ru(tmp_path: Path) -> None:
    record = tmp_path / "record.txt"
    record.write_text(RUSSIAN.format(label="Source: АПРФ"), "utf-8")
    result = CliRunner().invoke(cli, ["convert", str(record), "-o", str(tmp_path / "out.xml"), "--lang", "ru", "-q"])
    assert result.exit_code == 0, result.output
    assert _texts(etree.parse(str(tmp_path / "out.xml")).getroot()) == [("original", "ru", 3)]


GERMAN_ONLY = """Title: Gespräch des Bundeskanzlers
Date: 20 October 1997
Original Language: German

Bundeskanzler: Wir haben die Frage mit dem Premierminister besprochen, und die Lage ist nicht einfach.

Premierminister: Das ist auch unsere Meinung, und wir wollen die Fragen mit der Kommission lösen.

Bundeskanzler: Die Kommission hat sich auch mit dem Thema beschäftigt.

Premierminister: Das ist gut, und wir werden die Kommission nicht warten lassen.
"""


def test_latin_script_original_alone_is_one_text(tmp_path: Path) -> None:
    root = _convert(tmp_path, GERMAN_ONLY)
    assert _texts(root) == [("original", "de", 4)]


SAME_SCRIPT = """Title: Conversation between the Ambassador and the Minister
Date: 12 May 1962
Original Language: French

Dupont: We have studied your proposal.

Schmidt: We thank you for it.

Dupont: Then we agree.

Schmidt: We do.

{marker}

Dupont: Nous avons étudié votre proposition.

Schmidt: Nous vous en remercions.

Dupont: Alors nous sommes d'accord.

Schmidt: Oui.
"""


@pytest.mark.parametrize("marker", ["Original", "--- original (fr) ---", "## Original (French)", "Оригинал"])
def test_same_script_original_after_a_marker_line(tmp_path: Path, marker: str) -> None:
    root = _convert(tmp_path, SAME_SCRIPT.format(marker=marker))
    assert _texts(root) == [("translation", "en", 4), ("original", "fr", 4)]
    english = xpath(root, "//t:text[@type='translation']//t:sp")
    french = xpath(root, "//t:text[@type='original']//t:sp")
    for one, other in zip(english, french, strict=True):
        assert one.get("corresp") == "#" + other.get("{http://www.w3.org/XML/1998/namespace}id")
        assert other.get("corresp") == "#" + one.get("{http://www.w3.org/XML/1998/namespace}id")
    assert "Original" not in " ".join(xpath(root, "//t:text//t:p/text()"))


def test_a_paragraph_about_the_original_is_not_a_marker(tmp_path: Path) -> None:
    text = SAME_SCRIPT.format(marker="The original was lost in the fire of 1962.")
    root = _convert(tmp_path, text)
    assert [kind for kind, _lang, _turns in _texts(root)] == ["translation"]
