"""The standards are the lowest layer (standards ← rules ← engine): they import no other part of policyreach."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import policyreach.standards

STANDARDS = Path(policyreach.standards.__file__).parent


def _imported(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):  # every import, those inside functions too
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted(STANDARDS.glob("*.py")), ids=lambda p: p.name)
def test_a_standard_imports_only_standards(path: Path) -> None:
    ours = {name for name in _imported(path) if name == "policyreach" or name.startswith("policyreach.")}
    assert all(name.startswith("policyreach.standards") for name in ours), sorted(ours)
