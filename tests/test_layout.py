"""The package layout follows the pipeline: no stage imports a later one."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "teikit"

#: Stages in pipeline order; a module may import its own stage and earlier ones.
STAGES = ("core", "convert", "check", "publish")


def _stage(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) >= 2 and parts[0] == "teikit" and parts[1] in STAGES:
        return parts[1]
    return None


def _imports(path: Path) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
    return found


@pytest.mark.parametrize("stage", STAGES)
def test_no_stage_imports_a_later_one(stage: str) -> None:
    allowed = set(STAGES[: STAGES.index(stage) + 1])
    offences = [
        f"{path.relative_to(PACKAGE)}:{line}: imports {module}"
        for path in sorted((PACKAGE / stage).rglob("*.py"))
        for line, module in _imports(path)
        if (target := _stage(module)) is not None and target not in allowed
    ]
    assert offences == []


def test_every_module_sits_in_a_stage_package() -> None:
    loose = sorted(p.name for p in PACKAGE.glob("*.py") if p.name not in {"__init__.py", "__main__.py", "cli.py"})
    assert loose == []


def test_the_direction_test_can_fail(tmp_path: Path) -> None:
    offending = tmp_path / "x.py"
    offending.write_text("from teikit.publish.build import build_site\n", encoding="utf-8")
    assert [_stage(m) for _, m in _imports(offending)] == ["publish"]
