"""Dependencies go one way (docs/architecture.md): checked on the source, import by import."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)

# What each of our packages may import from the others. `config` wires them all together.
ALLOWED = {
    "lib": set(),
    "definitions": {"lib"},
    "referrals": {"lib", "definitions"},
    "accounts": {"lib"},
    "screening": {"lib", "definitions", "referrals", "accounts"},
    # Backups and restores see the database whole, as tables: no app's models.
    "operations": {"lib"},
}
OURS = set(ALLOWED) | {"config", "bench", "tests"}


def _imports(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.add(node.module)
    return modules


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).glob("**/*.py"))


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_it_keeps_each_package_to_its_allowed_imports(package):
    assert _modules(package), f"no modules found under {package}/"
    wrong = {
        f"{path.relative_to(ROOT)} imports {module}"
        for path in _modules(package)
        for module in _imports(path)
        if module.split(".")[0] in OURS - ALLOWED[package] - {package}
    }
    assert wrong == set()


def test_it_keeps_the_referral_rules_free_of_the_orm_and_the_request():
    # Pure functions: the standard library and Django's translation functions, nothing else.
    imported = _imports(ROOT / "referrals" / "rules.py")
    outside = {
        module
        for module in imported
        if module.split(".")[0] not in sys.stdlib_module_names
        and module != "django.utils.translation"
    }
    assert imported and outside == set()


def test_it_would_notice_a_wrong_import(tmp_path):
    module = tmp_path / "example.py"
    module.write_text("from screening.models import Screening\nimport referrals.rules\n")
    assert _imports(module) == {"screening.models", "referrals.rules"}
