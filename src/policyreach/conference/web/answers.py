"""How the conference's pages answer a workflow step: its domain errors as HTTP answers, and the way back to a page
with a confirmation. Shared by every conference router, so that a refusal reads the same everywhere."""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec, TypeVar
from urllib.parse import quote

from fastapi import HTTPException
from fastapi.responses import RedirectResponse

from policyreach.conference.roles import Forbidden

P = ParamSpec("P")
R = TypeVar("R")


def guard(fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """Run a workflow step: a refusal is 403, a missing object 404, a wrong move or value 400 (in Chinese)."""
    try:
        return fn(*args, **kwargs)
    except Forbidden as exc:
        raise HTTPException(403, str(exc)) from exc
    except LookupError as exc:
        raise HTTPException(404, str(exc)) from exc
    except ValueError as exc:  # IllegalTransition is a ValueError too
        raise HTTPException(400, str(exc)) from exc


def back(url: str, note: str = "") -> RedirectResponse:
    """Back to ``url`` with the confirmation ``note``; the note goes before any ``#anchor`` (after it, the browser
    keeps it in the fragment and the page never sees it)."""
    if not note:
        return RedirectResponse(url, status_code=303)
    path, hash_mark, fragment = url.partition("#")
    sep = "&" if "?" in path else "?"
    return RedirectResponse(f"{path}{sep}note={quote(note)}{hash_mark}{fragment}", status_code=303)
