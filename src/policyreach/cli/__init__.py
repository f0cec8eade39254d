"""The ``policyreach`` command line: one module per command group; shared options in :mod:`policyreach.cli.common`."""

from policyreach.cli.main import app

__all__ = ["app"]
