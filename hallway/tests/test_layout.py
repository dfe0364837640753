"""The shape of the code: the API and the command line are two doors onto the same domains."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]


def _imported_modules(path: Path) -> set[str]:
    """Every module the file imports, at the top or inside a function."""
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


def _crossings(door: str, other: str) -> list[str]:
    """`file: module` for each import of the other door (tests may drive both doors)."""
    found = []
    for path in sorted((PACKAGE / door).rglob("*.py")):
        if "tests" in path.relative_to(PACKAGE).parts:
            continue
        for module in sorted(_imported_modules(path)):
            if module == f"hallway.{other}" or module.startswith(f"hallway.{other}."):
                found.append(f"{path.relative_to(PACKAGE)}: {module}")
    return found


def test_the_cli_and_the_api_import_nothing_from_each_other() -> None:
    assert _crossings("cli", "api") == []
    assert _crossings("api", "cli") == []


def test_the_import_check_sees_imports_inside_functions(tmp_path: Path) -> None:
    module = tmp_path / "example.py"
    module.write_text("def f():\n    from hallway.api.schemas import PersonOut\n", encoding="utf-8")
    assert "hallway.api.schemas" in _imported_modules(module)
