"""The layer rule: imports go one way (solver <- models <- services <- forms/exports <- views)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(package: Path) -> dict[str, set[str]]:
    result: dict[str, set[str]] = {}
    for path in sorted(package.rglob("*.py")):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
        result[path.name if not path.is_relative_to(ROOT) else str(path.relative_to(ROOT))] = names
    return result


def offenders(package: Path, forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{file}: {name}"
        for file, names in imported_modules(package).items()
        for name in sorted(names)
        if any(name == f or name.startswith(f + ".") for f in forbidden)
    ]


def test_layers_solver_never_imports_web_layer():
    forbidden = ("flask", "flask_sqlalchemy", "flask_wtf", "wtforms", "sqlalchemy", "matchmaker")
    assert offenders(ROOT / "solver", forbidden) == []


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        (
            "models",
            ("matchmaker.services", "matchmaker.views", "matchmaker.forms", "matchmaker.cli"),
        ),
        ("services", ("matchmaker.views", "matchmaker.forms", "matchmaker.cli")),
    ],
)
def test_layers_lower_layer_never_imports_higher(package: str, forbidden: tuple[str, ...]):
    assert offenders(ROOT / "matchmaker" / package, forbidden) == []


def test_layers_check_detects_a_violation(tmp_path: Path):
    bad = tmp_path / "bad.py"
    bad.write_text("from matchmaker.models import Event\nimport flask\n")
    found = offenders(tmp_path, ("flask", "matchmaker"))
    assert len(found) == 2
