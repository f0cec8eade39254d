"""``policyreach.rules`` loads and checks rules; it never reaches up into the engine or anything above it."""

from __future__ import annotations

import ast
from pathlib import Path

import policyreach.rules

RULES = Path(policyreach.rules.__file__).parent
# the layers built on the rules; ``policyreach.standards`` (the derivations a schema names) is below them
ABOVE = ("engine", "simulation", "allocation", "redemption", "reports", "web", "store", "push", "conference", "cli")


def _imported_modules(source: Path) -> list[tuple[int, str]]:
    # every import counts, at module level or inside a function: a deferred import is still a cycle
    found = []
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.extend((node.lineno, f"{node.module}.{alias.name}") for alias in node.names)
    return found


def test_rules_never_imports_the_engine_or_any_layer_above_it() -> None:
    offending = [
        f"{source.name}:{line} imports {module}"
        for source in sorted(RULES.glob("*.py"))
        for line, module in _imported_modules(source)
        if module.split(".")[:2] in (["policyreach", layer] for layer in ABOVE)
    ]
    assert not offending, offending


def test_the_case_runner_lives_in_the_engine() -> None:
    from policyreach.engine import cases

    assert callable(cases.run_tests)
    assert not (RULES / "testing.py").exists()
