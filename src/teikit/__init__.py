"""teikit: TEI P5 editions of archival records, from transcript to published site.

The stages are separate modules: :mod:`teikit.convert.read` reads a transcript,
:mod:`teikit.convert.encode` makes TEI of it, :mod:`teikit.check.validate` checks TEI against
the project's schema, :mod:`teikit.publish.render` publishes it through XSLT, and
:mod:`teikit.publish.build` does all of it for a folder. The command line
(:mod:`teikit.cli`) only calls these.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
