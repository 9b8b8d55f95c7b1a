"""The layering rules of DESIGN.md §3, checked."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import goodword

PACKAGE = Path(goodword.__file__).parent
FORBIDDEN_IN_DOMAIN = (
    "sqlalchemy",
    "fastapi",
    "typer",
    "alembic",
    "starlette",
    "rich",
    "pydantic",
    "goodword.storage",
    "goodword.services",
    "goodword.cli",
    "goodword.api",
    "goodword.web",
    "goodword.programs.use_cases",
    "goodword.programs.store",
    "goodword.programs.outbox",
)
PURE = [PACKAGE / "domain", *sorted(PACKAGE.glob("*/rules"))]
"""The pure rules: the shared domain and each capability's ``rules/``."""
USE_CASES = [PACKAGE / "services", *(p.parent for p in PACKAGE.glob("*/use_cases/__init__.py"))]
USE_CASES += [PACKAGE / "programs" / "outbox", PACKAGE / "programs" / "store"]


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_capabilities_have_pure_rules() -> None:
    assert PACKAGE / "programs" / "rules" in PURE  # the glob finds them


def test_domain_source_imports_no_framework() -> None:
    offenders = {
        f"{path.relative_to(PACKAGE)}: {name}"
        for folder in PURE
        for path in folder.glob("*.py")
        for name in _imports(path)
        if name.startswith(FORBIDDEN_IN_DOMAIN)
    }
    assert offenders == set()


def test_importing_the_domain_loads_no_framework() -> None:
    modules = [
        ".".join(("goodword", *p.relative_to(PACKAGE).with_suffix("").parts))
        for folder in PURE
        for p in folder.glob("*.py")
    ]
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in "
        + "('sqlalchemy', 'fastapi', 'typer', 'alembic', 'pydantic'))))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == ""


def test_services_do_not_import_the_cli() -> None:
    offenders = {
        f"{path.relative_to(PACKAGE)}: {name}"
        for folder in USE_CASES
        for path in folder.glob("*.py")
        for name in _imports(path)
        if name.startswith("goodword.cli") or name.startswith("typer")
    }
    assert offenders == set()


def test_modules_stay_small() -> None:
    big = {
        str(p.relative_to(PACKAGE)): n
        for p in PACKAGE.rglob("*.py")
        if "versions" not in p.parts and (n := len(p.read_text().splitlines())) > 330
    }
    assert big == {}
