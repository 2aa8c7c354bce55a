"""An edition project's settings: ``teikit.toml`` (or ``[tool.teikit]`` in ``pyproject.toml``).

Every command looks for the settings in the current folder and then in each
parent folder, and takes the nearest ``teikit.toml``, or the nearest
``pyproject.toml`` that has a ``[tool.teikit]`` table. What is found becomes
the commands' defaults; an option given on the command line always wins.
Paths in the file are relative to the folder that holds it, so a command run
from a subfolder still finds ``tei/`` and ``records/``.

Input: the file's text. Output: a :class:`ProjectConfig` of typed values, or
an :class:`~teikit.core.errors.InputError` naming the file and the key that is
wrong. Nothing here imports click: :mod:`teikit.cli` turns the settings into
option defaults.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from teikit.core.errors import InputError, Location

CONFIG_NAME = "teikit.toml"
PYPROJECT_NAME = "pyproject.toml"
_TOML_PLACE_RE = re.compile(r"\(at line (\d+), column (\d+)\)")


@dataclass(frozen=True)
class ProjectConfig:
    """The settings of an edition project; every field has the default of a project without a file.

    Attributes:
        root: the folder that holds the settings file (paths below are relative to it).
        source: the settings file, ``None`` when there is none.
        title: the edition's title (the site's index page).
        languages: the languages of the records, the translation's first.
        base_url: where the site is published ("" when not yet known).
        ui_lang: language of the site's own labels.
        publisher: who publishes the edition.
        records: folder of transcripts (``teikit convert``'s input).
        tei: folder of TEI (``convert``'s output, ``validate``'s and ``build``'s input).
        site: folder of the built site.
        schema: RELAX NG grammar ("" for teikit's own).
        schematron: ISO Schematron rules ("" for teikit's own).
        jobs: worker processes (0: one per core the process may use).
    """

    root: Path = field(default_factory=Path.cwd)
    source: Path | None = None
    title: str = "Edition"
    languages: tuple[str, ...] = ("en",)
    base_url: str = ""
    ui_lang: str = "en"
    publisher: str = ""
    records: str = "records"
    tei: str = "tei"
    site: str = "site"
    schema: str = ""
    schematron: str = ""
    jobs: int = 0

    def path(self, value: str) -> Path:
        """A path of the file as seen from the current folder (relative when it can be)."""
        full = self.root / value
        try:
            return Path(os.path.relpath(full))
        except ValueError:
            return full


_KEYS = {item.name: item for item in fields(ProjectConfig) if item.name not in ("root", "source")}


def find_config(start: Path | None = None) -> Path | None:
    """The nearest settings file from ``start`` (default: the current folder) upwards, if any."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        config = candidate / CONFIG_NAME
        if config.is_file():
            return config
        pyproject = candidate / PYPROJECT_NAME
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def load_config(start: Path | None = None) -> ProjectConfig:
    """The settings that apply in ``start`` (default: the current folder).

    Raises:
        InputError: the file is not valid TOML, has an unknown key or a value of the wrong type.
    """
    path = find_config(start)
    if path is None:
        return ProjectConfig(root=(start or Path.cwd()).resolve())
    return read_config(path)


def read_config(path: Path) -> ProjectConfig:
    """Read one ``teikit.toml`` or the ``[tool.teikit]`` table of one ``pyproject.toml``.

    Raises:
        InputError: see :func:`load_config`.
    """
    table = _read_toml(path)
    if path.name == PYPROJECT_NAME:
        tool = table.get("tool", {})
        table = tool.get("teikit", {}) if isinstance(tool, dict) else {}
    values: dict[str, Any] = {}
    for key, value in table.items():
        name = key.replace("-", "_")
        if name not in _KEYS:
            known = ", ".join(sorted(_KEYS))
            raise InputError(f"unknown setting '{key}'; known settings: {known}", Location(str(path)), "config-key")
        values[name] = _checked(path, key, name, value)
    return ProjectConfig(root=path.resolve().parent, source=path, **values)


def _checked(path: Path, key: str, name: str, value: object) -> object:
    """``value`` as the type the setting ``name`` takes, or an error that says which type."""
    if name == "languages":
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list) and value and all(isinstance(item, str) and item for item in value):
            return tuple(value)
        expected = 'a list of language codes, e.g. ["en", "ru"]'
    elif name == "jobs":
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        expected = "a whole number, 0 for one per core"
    elif isinstance(value, str):
        return value
    else:
        expected = "a string"
    raise InputError(f"setting '{key}' must be {expected}", Location(str(path)), "config-value")


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", Location(str(path)), "config-unreadable") from exc
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", Location(str(path)), "config-syntax") from None
    except tomllib.TOMLDecodeError as exc:
        place = _TOML_PLACE_RE.search(str(exc))
        line, col = (int(place.group(1)), int(place.group(2))) if place else (0, 0)
        message = _TOML_PLACE_RE.sub("", str(exc)).strip()
        raise InputError(f"not valid TOML: {message}", Location(str(path), line, col), "config-syntax") from None


def _has_tool_table(path: Path) -> bool:
    try:
        tool = tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return isinstance(tool, dict) and "teikit" in tool
