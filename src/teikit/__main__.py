"""``python -m teikit``: the same as the ``teikit`` command."""

from teikit.cli import main

main()
