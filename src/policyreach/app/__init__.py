"""The application core: the platform (database, compiled library, matcher, caches) and its one builder.

Everything that runs the platform — the web server, the worker, every CLI job and the tests — builds it with
:func:`policyreach.app.build.from_settings`; services that need it type it with
:class:`policyreach.app.ports.PlatformServices`. It imports no web framework. See docs/ARCHITECTURE.md.
"""
