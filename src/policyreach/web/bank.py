"""The firm's bank account for public money (收款银行账户): saved once, typed twice, offered for every claim.

Showing it is the portal's (an agent with 查看 sees the name, 开户行 and last four digits); saving or changing it is
``firm.bank`` (an agent needs 确认银行账户) and is audited. A refused field is said beside it, in Chinese, with what
was typed kept (docs/ARCHITECTURE.md, "Input limits")."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from policyreach.redemption import bank
from policyreach.store.models import Account, AuditEntry, Entity, FirmAgent
from policyreach.web.deps import csrf, db, entity_account, firm_account
from policyreach.web.templating import templates

router = APIRouter()

DbSession = Annotated[Session, Depends(db)]


def _back(next_url: str) -> str:
    """Only a page of the firm's own portal: never an address elsewhere (an open redirect)."""
    ok = next_url.startswith("/me/") and not next_url.startswith("//") and "\\" not in next_url
    return next_url if ok and len(next_url) <= 300 else ""


def _page(
    request: Request,
    session: Session,
    user: Account,
    *,
    typed: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    next_url: str = "",
    saved: bool = False,
) -> HTMLResponse:
    entity = user.entity
    assert entity is not None
    changes = list(
        session.scalars(
            select(AuditEntry)
            .where(AuditEntry.subject == f"entity:{entity.id}", AuditEntry.action.in_(("bank.saved", "bank.changed")))
            .order_by(AuditEntry.id.desc())
            .limit(20)
        )
    )
    account = bank.saved_row(session, entity.id)
    # people, not login names: the agent's own name, else the account's display name
    actors = {e.actor for e in changes} | ({account.saved_by} if account else set())
    names = {
        a.username: a.display_name or a.username
        for a in session.scalars(select(Account).where(Account.username.in_(actors)))
    }
    names |= {
        a.account.username: a.name for a in session.scalars(select(FirmAgent).where(FirmAgent.entity_pk == entity.id))
    }
    return templates.TemplateResponse(
        request,
        "bank.html",
        {
            "user": user,
            "entity": entity,
            "account": account,
            "changes": changes,
            "names": names,
            "may_change": user.agent_scopes is None or "bank" in user.agent_scopes,
            "typed": typed or {},
            "errors": errors or {},
            "next_url": _back(next_url),
            "saved": saved,
        },
        status_code=400 if errors else 200,
    )


@router.get("/me/bank", response_class=HTMLResponse, include_in_schema=False)
def bank_page(
    request: Request,
    session: DbSession,
    user: Annotated[Account, Depends(entity_account)],
    next: str = "",
    saved: str = "",
) -> HTMLResponse:
    return _page(request, session, user, next_url=next, saved=saved == "1")


@router.post("/me/bank", include_in_schema=False, dependencies=[Depends(csrf)])
def save_bank(
    request: Request,
    session: DbSession,
    user: Annotated[Account, Depends(firm_account("firm.bank"))],
    account_name: Annotated[str, Form()] = "",
    branch: Annotated[str, Form()] = "",
    account_number: Annotated[str, Form()] = "",
    account_number_again: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "",
) -> Response:
    entity = session.get(Entity, user.entity_pk)
    assert entity is not None
    try:
        bank.save(session, entity, account_name, branch, account_number, account_number_again, user.username)
        session.commit()
    except bank.AccountRefused as exc:
        session.rollback()
        typed = {
            "account_name": account_name[:200],
            "branch": branch[:200],
            "account_number": account_number[:60],
            "account_number_again": account_number_again[:60],
        }
        return _page(request, session, user, typed=typed, errors={exc.field: str(exc)}, next_url=next)
    back = _back(next)
    return RedirectResponse(back or "/me/bank?saved=1", status_code=303)
