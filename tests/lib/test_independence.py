"""`lib` is shared by the apps and depends on none of them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.conf import settings

APPS = ("definitions", "referrals", "screening")
LIB = Path(settings.BASE_DIR) / "lib"


def _imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.add(node.module)
    return modules


@pytest.mark.parametrize("path", sorted(LIB.glob("**/*.py")), ids=lambda path: path.name)
def test_it_imports_nothing_from_our_apps(path):
    from_apps = {m for m in _imported_modules(path) if m.split(".")[0] in APPS}
    assert from_apps == set()


def test_it_finds_every_module_of_lib():
    assert {path.name for path in LIB.glob("*.py")} >= {"__init__.py", "page_cache.py", "pdf.py"}
