"""The ``policyreach`` command: one entry point, a command group per module of this package."""

from __future__ import annotations

import json

import typer

from policyreach import __version__
from policyreach.cli.check import check_app
from policyreach.cli.common import console
from policyreach.cli.data import data_app
from policyreach.cli.deploy import backup_app, ingest_app
from policyreach.cli.extract import extract_app
from policyreach.cli.keys import keys_app
from policyreach.cli.library import library_app
from policyreach.cli.match import match_app
from policyreach.cli.platform import admin_app, audit_app, demo_app, likelihood_app, platform_app, redemption_app
from policyreach.cli.push import push_app, worker_command
from policyreach.cli.simulate import simulate_app
from policyreach.cli.warm import warm_app

app = typer.Typer(help="PolicyReach 政策通: policies find people.", no_args_is_help=True)

# groups whose commands sit at the top level: test, validate, explain, generate, template, import, simulate, match,
# extract, run, serve, reset, backup, restore, warm
for group in (library_app, data_app, simulate_app, match_app, extract_app, platform_app, backup_app, warm_app):
    app.add_typer(group)
app.add_typer(check_app, name="check", help="Check codes against national standards (国家标准校验).")
app.add_typer(push_app, name="push")  # 政策找人: the job queue and deliveries
app.command("worker")(worker_command)
app.add_typer(demo_app, name="demo")
app.add_typer(admin_app, name="admin")
app.add_typer(audit_app, name="audit")
app.add_typer(redemption_app, name="redemption")
app.add_typer(likelihood_app, name="likelihood")
app.add_typer(keys_app, name="keys")
app.add_typer(ingest_app, name="ingest")


@app.command("version")
def version_command() -> None:
    """Print the version."""
    console.print(json.dumps({"policyreach": __version__}))
