"""Find the stylesheets and schemas teikit ships.

An installed wheel carries them inside the package (``teikit/xslt``,
``teikit/schemas``); a source checkout keeps them at the top of the repository
(``xslt/``, ``schemas/``). Both are looked for, in that order.
"""

from __future__ import annotations

from pathlib import Path

from teikit.core.errors import ConfigError, Location

_PACKAGE = Path(__file__).resolve().parent.parent
_CHECKOUT = _PACKAGE.parent.parent


def data_dir(name: str) -> Path:
    """The ``xslt`` or ``schemas`` folder.

    Raises:
        ConfigError: neither the installed nor the checkout folder exists.
    """
    for candidate in (_PACKAGE / name, _CHECKOUT / name):
        if candidate.is_dir():
            return candidate
    raise ConfigError(
        f"teikit's '{name}' folder is missing; reinstall teikit", Location(str(_PACKAGE / name)), "missing-resource"
    )


def schema_path(name: str) -> Path:
    """A file of the schemas folder (``teikit.rng``, ``teikit.sch``, ``teikit.odd``)."""
    return data_dir("schemas") / name


def stylesheet_path(name: str) -> Path:
    """A file of the stylesheets folder (``html.xsl``, ``text.xsl``)."""
    return data_dir("xslt") / name
