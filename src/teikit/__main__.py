"""``python -m teikit`` and the ``teikit`` script.

``teikit --help`` and ``teikit --version`` are answered here, without
importing click, lxml or any stage: a shell completion, an editor or a CI
step that only asks for help should not pay for them. Every other command
line goes to :mod:`teikit.cli`. :data:`HELP` is what click prints for
``teikit --help``; tests/test_cli_help.py keeps the two identical (when a
command is added, paste the text that test prints).
"""

from __future__ import annotations

import sys

from teikit import __version__

HELP = """\
Usage: teikit [OPTIONS] COMMAND [ARGS]...

  TEI P5 editions of archival records: transcripts to validated TEI to an
  edition site.

  Every command reads teikit.toml (or [tool.teikit] in pyproject.toml) from
  the current folder or a parent folder; options given on the command line
  override it. 'teikit init DIR' starts a project. Run 'teikit COMMAND --help'
  for the options and an example of each.

Options:
  --version   Show the version and exit.
  -h, --help  Show this message and exit.

Commands:
  brackets  List the editorial brackets and their TEI.
  build     Build an edition site from a folder of TEI.
  convert   Convert transcripts to TEI P5.
  init      Start an edition project.
  render    Render TEI as an HTML or plain-text edition.
  schema    Compile an ODD to RELAX NG and Schematron; export the schemas.
  serve     Preview a built site over HTTP.
  turns     List the speaker turns and why each is one.
  validate  Check TEI against RELAX NG and Schematron.
"""


def main() -> None:
    """Entry point of the ``teikit`` script."""
    arguments = sys.argv[1:]
    if arguments in (["--help"], ["-h"]):
        sys.stdout.write(HELP)
        return
    if arguments == ["--version"]:
        sys.stdout.write(f"teikit, version {__version__}\n")
        return
    from teikit.cli import main as run

    run()


if __name__ == "__main__":
    main()
