"""The JSON API (OpenAPI at /api/docs): tokens, entities, matches, benefits, calculator, reports."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Header, HTTPException, Request, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from policyreach.app.accounts import close_session, open_session, session_account
from policyreach.app.platform import WHO, Platform
from policyreach.engine.entity import entity_from_mapping
from policyreach.engine.match import Match
from policyreach.reports import matching
from policyreach.rules.errors import RuleError
from policyreach.store.models import Account, Entity
from policyreach.web.deps import ENTITY_ROLES, db, platform
from policyreach.web.security import TooManyAttempts, check_login

router = APIRouter(prefix="/api", tags=["api"])
TOKEN_MAX_AGE = 24 * 3600
DbSession = Annotated[Session, Depends(db)]
Plat = Annotated[Platform, Depends(platform)]


class TokenOut(BaseModel):
    token: str
    expires_in: int


class MatchOut(BaseModel):
    benefit_id: str
    title: str
    status: str
    degree: int
    amount_wan: Decimal | None
    payout: str  # cash | tax | interest | loan: amounts of different payouts are never added
    window: str  # always | open | not_yet | closed, on the platform's date
    window_label: str
    one_click: bool
    missing: list[str]
    conditions: list[dict[str, str]]


def _serializer(request: Request) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(request.app.state.sessions.secret, salt="policyreach-api")


@router.post("/token")
def token(
    request: Request, session: DbSession, username: Annotated[str, Body()], password: Annotated[str, Body()]
) -> TokenOut:
    """Exchange a username and password for a bearer token (24 hours). Limited like the login form, with which it
    shares one count of failures (429 with Retry-After)."""
    try:
        user = check_login(request, session, username, password)
    except TooManyAttempts as refused:
        raise HTTPException(429, refused.message, headers={"Retry-After": str(refused.retry_after)}) from None
    if user is None:
        raise HTTPException(401, "用户名或密码不正确")
    secret = open_session(session, user.id, "api", TOKEN_MAX_AGE)
    session.commit()
    return TokenOut(token=_serializer(request).dumps({"a": user.id, "s": secret}), expires_in=TOKEN_MAX_AGE)


def _token_data(request: Request, authorization: str | None) -> dict[str, Any]:
    if not authorization or not authorization.startswith("Bearer "):
        raise HTTPException(401, "需要 Bearer 令牌")
    try:
        data = _serializer(request).loads(authorization.removeprefix("Bearer "), max_age=TOKEN_MAX_AGE)
    except BadSignature:
        raise HTTPException(401, "令牌无效或已过期") from None
    if not isinstance(data, dict) or not isinstance(data.get("a"), int) or not isinstance(data.get("s"), str):
        raise HTTPException(401, "令牌无效或已过期")
    return data


def api_account(request: Request, session: DbSession, authorization: Annotated[str | None, Header()] = None) -> Account:
    data = _token_data(request, authorization)
    user = session_account(session, data["s"], data["a"])  # a revoked token, or one of a changed password: refused
    if user is None:
        raise HTTPException(401, "令牌无效或已过期")
    return user


@router.delete("/token", status_code=204)
def revoke_token(
    request: Request, session: DbSession, authorization: Annotated[str | None, Header()] = None
) -> Response:
    """End the bearer token presented: refused from then on, by every server process."""
    data = _token_data(request, authorization)
    close_session(session, data["s"])
    session.commit()
    return Response(status_code=204)


ApiUser = Annotated[Account, Depends(api_account)]


def _entity_for(session: Session, user: Account, entity_id: str) -> Entity:
    """The entity, if this account may see it: a firm only its own, an officer any."""
    entity = session.scalar(select(Entity).where(Entity.entity_id == entity_id))
    own = user.role in ENTITY_ROLES and entity is not None and entity.id == user.entity_pk
    if entity is None or not (own or user.role in ("officer", "admin")):
        raise HTTPException(404, "没有这个主体，或无权查看")  # no difference: ids are not probed
    return entity


def _match_out(m: Match) -> MatchOut:
    return MatchOut(
        benefit_id=m.benefit_id,
        title=m.title,
        status=m.status,
        degree=m.degree,
        amount_wan=m.amount,
        payout=m.payout,
        window=m.window.status,
        window_label=m.window.label,
        one_click=m.one_click,
        missing=m.missing,
        conditions=[
            {"clause": c.clause_text, "interpretation": c.explanation, "outcome": c.outcome} for c in m.conditions
        ],
    )


@router.get("/entities/{entity_id}")
def get_entity(entity_id: str, user: ApiUser, session: DbSession) -> dict[str, Any]:
    entity = _entity_for(session, user, entity_id)
    return {
        "entity_id": entity.entity_id,
        "kind": entity.kind,
        "name": entity.name,
        "uscc": entity.uscc,
        "values": entity.values,
        "provenance": entity.provenance,
    }


@router.get("/entities/{entity_id}/matches")
def get_matches(entity_id: str, user: ApiUser, session: DbSession, plat: Plat) -> list[MatchOut]:
    entity = _entity_for(session, user, entity_id)
    return [_match_out(m) for m in plat.matches(session, entity)]


@router.get("/entities/{entity_id}/report")
def get_report(entity_id: str, user: ApiUser, session: DbSession, plat: Plat) -> dict[str, Any]:
    entity = _entity_for(session, user, entity_id)
    return matching.to_json(
        matching.build(entity.entity_id, entity.name, entity.kind, plat.as_of, plat.matches(session, entity))
    )


@router.get("/benefits")
def list_benefits(plat: Plat) -> list[dict[str, Any]]:
    """The published benefits (public)."""
    return [
        {
            "benefit_id": b.id,
            "title": b.spec.title,
            "policy": b.checked.policy.title,
            "kind": b.spec.kind,
            "department": b.spec.department,
            "redemption": b.spec.redemption,
            "subjects": sorted(b.kinds),
        }
        for b in plat.compiled.benefits
    ]


@router.get("/benefits/{benefit_id}")
def get_benefit(benefit_id: str, plat: Plat) -> dict[str, Any]:
    for b in plat.compiled.benefits:
        if b.id == benefit_id:
            return {
                "benefit_id": b.id,
                "title": b.spec.title,
                "policy": b.checked.policy.title,
                "payout": b.spec.payout,
                "window": b.spec.application.window_on(plat.as_of).label,
                "clauses": [{"clause": c.clause_text, "rule": c.spec.expr} for c in b.checked.conditions],
                "amount": b.spec.amount.formula if b.spec.amount else None,
            }
    raise HTTPException(404, "没有这个兑现事项")


@router.post("/calculator")
def calculator(plat: Plat, values: Annotated[dict[str, Any], Body()]) -> list[MatchOut]:
    """What an entity with these (self-declared) values may claim; no login needed."""
    try:
        record = entity_from_mapping(plat.schema, values, verified=[])
    except RuleError as exc:
        raise HTTPException(422, str(exc)) from exc
    return [_match_out(m) for m in plat.matcher.match(record, who=WHO.get(record.kind, "您"))]
