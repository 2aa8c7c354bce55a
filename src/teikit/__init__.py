"""teikit: TEI P5 editions of archival records, from transcript to published site.

The stages are separate modules: :mod:`teikit.read` reads a transcript,
:mod:`teikit.encode` makes TEI of it, :mod:`teikit.validate` checks TEI against
the project's schema, :mod:`teikit.render` publishes it through XSLT, and
:mod:`teikit.build` does all of it for a folder. The command line
(:mod:`teikit.cli`) only calls these.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
