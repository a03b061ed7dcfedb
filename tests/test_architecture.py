"""Imports go downwards only (docs/architecture.md): core < domain apps < UI apps < project.

Every module under src/motcua is parsed (not imported); each ``motcua.<app>`` import, at the top
of a module or inside a function, must name an app of the same layer or of a layer below.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "motcua"

CORE, DOMAIN, UI, PROJECT = range(4)
LAYERS = {
    "core": CORE,
    **dict.fromkeys(
        ("org", "workcal", "catalog", "dossiers", "outbox", "exchange", "ops", "slips", "stats",
         "national", "voice", "messaging", "post", "payments", "emulation", "secops",
         "privacy"),
        DOMAIN),
    **dict.fromkeys(("portal", "backoffice", "api", "cms"), UI),
    **dict.fromkeys(("settings", "urls", "cli", "config", "wsgi"), PROJECT),
}
LAYER_NAMES = {CORE: "core", DOMAIN: "domain app", UI: "UI app", PROJECT: "project module"}


def imported_names(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, dotted name) of every import in ``tree``, nested ones included; ``from motcua
    import x`` counts as ``motcua.x``."""
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "motcua":
                names += [(node.lineno, f"motcua.{alias.name}") for alias in node.names]
            else:
                names.append((node.lineno, node.module))
    return names


def app_of(dotted: str) -> str | None:
    """The app (or project module) a ``motcua.…`` name belongs to; None outside motcua."""
    parts = dotted.split(".")
    return parts[1] if parts[0] == "motcua" and len(parts) > 1 else None


def upward_imports(path: Path) -> list[str]:
    """Each import in the module at ``path`` that names a layer above the module's own."""
    own = app_of(".".join(("motcua", *path.relative_to(PACKAGE).with_suffix("").parts)))
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {own} ({LAYER_NAMES[LAYERS[own]]}) imports "
        f"{name} ({LAYER_NAMES[LAYERS[target]]})"
        for line, name in imported_names(tree)
        if (target := app_of(name)) in LAYERS and LAYERS[target] > LAYERS[own]
    ]


def modules() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py") if path != PACKAGE / "__init__.py")


def test_every_package_and_module_has_a_layer():
    """A new app or project module must be placed in a layer here (and in the docs)."""
    unplaced = {path.relative_to(PACKAGE).with_suffix("").parts[0]
                for path in PACKAGE.rglob("*.py") if path != PACKAGE / "__init__.py"} - set(LAYERS)
    assert unplaced == set()


def test_imports_go_downwards_only():
    upward = [line for path in modules() for line in upward_imports(path)]
    assert not upward, "\n".join(upward)


@pytest.mark.parametrize(("source", "expected"), [
    ("from motcua.api.types import Message", ["motcua.api.types"]),
    ("def f():\n    from motcua import backoffice", ["motcua.backoffice"]),
    ("import motcua.portal.views as views", ["motcua.portal.views"]),
    ("from . import models", []),
])
def test_the_check_sees_every_form_of_import(source, expected):
    assert [name for _, name in imported_names(ast.parse(source))] == expected
