"""Write the golden text editions of the hand-made conformance files (review each diff by eye).

python tests/conformance/regenerate.py
"""

from __future__ import annotations

from pathlib import Path

from teikit.publish.render import Options, Renderer

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"


def golden_name(source: Path) -> Path:
    return GOLDEN / f"{source.stem}.txt"


def main() -> None:
    GOLDEN.mkdir(exist_ok=True)
    renderer = Renderer()
    for source in sorted(HERE.glob("*.xml")):
        golden_name(source).write_text(renderer.render_file(source, Options(to="text")), encoding="utf-8")


if __name__ == "__main__":
    main()
