"""The plug-in registry: plug-ins come from the ``policyreach.plugins`` entry points and POLICYREACH_PLUGINS, and the
platform runs without any (no conference route, table or navigation entry)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from policyreach import plugins


def test_the_conference_registers_through_its_entry_point() -> None:
    names = [p.name for p in plugins.installed()]
    assert "conference" in names
    conference = next(p for p in plugins.installed() if p.name == "conference")
    assert conference.migrations is not None and (conference.migrations / "c001_conference_proposals.py").exists()
    assert conference.templates is not None and (conference.templates / "conference_proposals.html").exists()
    assert plugins.home_for("member") == "/conference" and plugins.home_for("officer") is None
    assert [e.label for e in plugins.navigation("unit")] == ["提案", "协商式监督", "领导批示"]
    assert plugins.navigation("enterprise") == []
    assert "policyreach.conference.proposals" in plugins.job_modules()


@pytest.mark.parametrize(("value", "expected"), [("none", set()), ("conference", {"conference"}), (" ", set())])
def test_the_setting_chooses_the_plugins(monkeypatch: pytest.MonkeyPatch, value: str, expected: set[str]) -> None:
    monkeypatch.setenv("POLICYREACH_PLUGINS", value)
    assert {p.name for p in plugins.installed()} == expected


def test_without_plugins_the_platform_has_no_conference_route_table_or_module(tmp_path: Path) -> None:
    """In a fresh interpreter (the registry is read once per process): the web app and the migrated schema."""
    script = textwrap.dedent(
        f"""
        import sys
        from sqlalchemy import inspect
        from policyreach.app.build import from_settings
        from policyreach.store.db import make_engine
        from policyreach.web.app import create_app

        def paths(routes):
            for route in routes:
                inner = getattr(route, "original_router", None)  # an included router: its own routes
                yield from paths(inner.routes) if inner is not None else [getattr(route, "path", "")]

        built = from_settings(demo=False, engine=make_engine("sqlite:///{tmp_path / "bare.db"}"))
        paths = list(paths(create_app(built.platform, secret="x").routes))
        tables = inspect(built.platform.engine).get_table_names()
        print(sum(p.startswith("/conference") for p in paths), sum(p.startswith("/console") for p in paths) > 10,
              "proposals" in tables, "accounts" in tables,
              any(m.startswith("policyreach.conference") for m in sys.modules))
        """
    )
    env = {"POLICYREACH_PLUGINS": "none", "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.split() == ["0", "True", "False", "True", "False"]
