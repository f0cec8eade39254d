"""The JSON API (OpenAPI at /api/docs): tokens, entities, matches, benefits, calculator, reports."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Header, HTTPException, Request, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from policyreach.app import agents, authority, second_factor
from policyreach.app.accounts import close_session, live_session, open_session
from policyreach.app.platform import WHO, Platform
from policyreach.app.reporting import matching_report
from policyreach.engine.entity import entity_from_mapping
from policyreach.engine.match import Match
from policyreach.redemption import audit
from policyreach.reports import matching
from policyreach.rules.errors import RuleError
from policyreach.store.models import Account, Entity
from policyreach.web import scopes
from policyreach.web.deps import allow, db, platform
from policyreach.web.second_factor import check_code
from policyreach.web.security import TooManyAttempts, check_login


class ErrorOut(BaseModel):
    """Every refusal of the API: one Chinese sentence saying what is wrong and, where it helps, what to do."""

    detail: str


def _error(description: str) -> dict[str, Any]:
    return {"model": ErrorOut, "description": description}


# what any operation may answer besides its own result, documented once so that clients (and the schema test)
# know every status they can meet; 422 is FastAPI's own, for parameters of the wrong type
ERRORS: dict[int | str, dict[str, Any]] = {
    400: _error("请求有误（缺少或不合规的字段，中文说明）"),
    401: _error("需要登录：缺少 Bearer 令牌，令牌无效、过期或已注销"),
    403: _error("此账号不能进行此操作"),
    404: _error("没有这个对象，或它不属于您（您所在部门）"),
    413: _error("提交的内容过大"),
    429: _error("尝试过于频繁，请按 Retry-After 等待后再试"),
}
router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)
TOKEN_MAX_AGE = 24 * 3600
DbSession = Annotated[Session, Depends(db)]
Plat = Annotated[Platform, Depends(platform)]


class TokenOut(BaseModel):
    token: str
    expires_in: int
    # the same token under the OAuth2 names (RFC 6749, 5.1) that password-flow clients read
    access_token: str
    token_type: str = "bearer"


class Credentials(BaseModel):
    username: str
    password: str
    code: str | None = None  # the second factor's code, for an account that has one


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
CREDENTIALS_SCHEMA = {
    "type": "object",
    "required": ["username", "password"],
    "properties": {
        "username": {"type": "string", "minLength": 1, "maxLength": 64},
        "password": {"type": "string", "format": "password", "minLength": 1, "maxLength": 256},
        "grant_type": {"type": "string", "enum": ["password"], "description": "OAuth2 表单可带，须为 password"},
        "code": {"type": "string", "maxLength": 64, "description": "已启用二次验证的账号须提供：动态验证码或恢复码"},
    },
}
TOKEN_BODY = {
    "requestBody": {
        "required": True,
        "content": {t: {"schema": CREDENTIALS_SCHEMA} for t in ("application/json", *FORM_TYPES)},
    }
}


async def credentials(request: Request) -> Credentials:
    """The user name and password, from a JSON body or the OAuth2 password form (OAuth2PasswordRequestForm's fields;
    scope and client_id are accepted and ignored: a token here carries the account's own rights only)."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    data: object
    if media in FORM_TYPES:
        form = await request.form()
        data = {k: v for k, v in form.items() if isinstance(v, str)}
    else:
        try:
            data = await request.json()
        except ValueError:
            raise HTTPException(400, "请求体应为 JSON，或 OAuth2 表单（username、password）") from None
    if not isinstance(data, dict):
        raise HTTPException(400, "请求体应为含 username、password 的对象")
    if data.get("grant_type", "password") != "password":
        raise HTTPException(400, "grant_type 只支持 password")
    for field in ("username", "password"):
        if not isinstance(data.get(field), str) or not data[field]:
            raise HTTPException(400, f"缺少 {field}（{'用户名' if field == 'username' else '密码'}）")
    code = data.get("code")
    if code is not None and (not isinstance(code, str) or len(code) > 64):
        raise HTTPException(400, "code（动态验证码）应为不超过 64 个字符的文本")
    return Credentials(username=data["username"], password=data["password"], code=code or None)


class HintOut(BaseModel):
    """What would change a partial or likely match, as the renderer says it (engine/explain.py, ``Hint``)."""

    text: str
    kind: str  # gap | obtain | expired | choice | change | missing | fixed
    fields: list[str]  # the entity's fields (columns) to supply


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
    hints: list[HintOut] = []
    fixed: bool = False  # partial, and no unmet condition is one the entity can change


def _serializer(request: Request) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(request.app.state.sessions.secret, salt="policyreach-api")


@router.post("/token", openapi_extra=TOKEN_BODY, dependencies=[Depends(allow("public.submit"))])
def token(request: Request, session: DbSession, given: Annotated[Credentials, Depends(credentials)]) -> TokenOut:
    """Exchange a username and password (JSON, or the OAuth2 password form) for a bearer token (24 hours). Limited
    like the login form, with which it shares one count of failures (429 with Retry-After)."""
    try:
        user = check_login(request, session, given.username, given.password)
    except TooManyAttempts as refused:
        raise HTTPException(429, refused.message, headers={"Retry-After": str(refused.retry_after)}) from None
    if user is None:
        raise HTTPException(401, "用户名或密码不正确")
    refusal = agents.sign_in_refusal(user)
    if refusal is not None:
        raise HTTPException(403, refusal)
    proved = second_factor.enrolled(user)
    if proved:  # a token is a session: with a second factor, the password alone opens none
        if not given.code:
            raise HTTPException(401, "此账号已启用二次验证：请同时提供 code（动态验证码）")
        try:
            accepted = check_code(request, session, user, given.code)
        except TooManyAttempts as refused:
            raise HTTPException(429, refused.message, headers={"Retry-After": str(refused.retry_after)}) from None
        if not accepted:
            raise HTTPException(401, "code（动态验证码）不正确或已使用过")
    secret = open_session(session, user.id, "api", TOKEN_MAX_AGE, second_factor=proved)
    session.commit()
    issued = _serializer(request).dumps({"a": user.id, "s": secret})
    return TokenOut(token=issued, access_token=issued, expires_in=TOKEN_MAX_AGE)


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
    row = live_session(session, data["s"], data["a"])  # a revoked token, or one of a changed password: refused
    user = session.get(Account, row.account_id) if row is not None else None
    if row is None or user is None:
        raise HTTPException(401, "令牌无效或已过期")
    request.state.second_factor = row.second_factor  # the policy's gate reads it
    return user


@router.delete("/token", status_code=204, dependencies=[Depends(allow("account.own", who=api_account))])
def revoke_token(
    request: Request, session: DbSession, authorization: Annotated[str | None, Header()] = None
) -> Response:
    """End the bearer token presented: refused from then on, by every server process."""
    data = _token_data(request, authorization)
    close_session(session, data["s"])
    session.commit()
    return Response(status_code=204)


ApiUser = Annotated[Account, Depends(api_account)]
EntityReader = Annotated[Account, Depends(allow("entity.read", scopes.entity, who=api_account))]


def _entity_for(session: Session, user: Account, entity_id: str) -> Entity:
    """The entity the route's ``EntityReader`` dependency let this account read (the policy decided already)."""
    entity = session.scalar(select(Entity).where(Entity.entity_id == entity_id))
    if entity is None:
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
        hints=[HintOut(text=h.text, kind=h.kind, fields=[f.column for f in h.fields]) for h in m.hints]
        if m.status in ("partial", "likely")
        else [],
        fixed=m.status == "partial" and m.fixed,
    )


@router.get("/entities/{entity_id}")
def get_entity(entity_id: str, user: EntityReader, session: DbSession, plat: Plat) -> dict[str, Any]:
    entity = _entity_for(session, user, entity_id)
    if entity.kind == "talent" and user.entity_pk != entity.id:
        # a person's values are personal data: only for the departments the talent applied to, each read logged
        if not authority.allowed(user, "personal.read", scopes.personal(entity_id, session, plat)):
            raise HTTPException(404, "没有这个主体，或无权查看")
        audit.record(
            session,
            user.username,
            "personal.viewed",
            f"entity:{entity.entity_id}",
            {"fields": ["values"], "via": "api"},
        )
        session.commit()
    return {
        "entity_id": entity.entity_id,
        "kind": entity.kind,
        "name": entity.name,
        "uscc": entity.uscc,
        "values": entity.values,
        "provenance": entity.provenance,
    }


@router.get("/entities/{entity_id}/matches")
def get_matches(entity_id: str, user: EntityReader, session: DbSession, plat: Plat) -> list[MatchOut]:
    entity = _entity_for(session, user, entity_id)
    return [_match_out(m) for m in plat.matches(session, entity)]


@router.get("/entities/{entity_id}/report")
def get_report(entity_id: str, user: EntityReader, session: DbSession, plat: Plat) -> dict[str, Any]:
    entity = _entity_for(session, user, entity_id)
    return matching.to_json(matching_report(plat, session, entity))


@router.get("/benefits", dependencies=[Depends(allow("public.read"))])
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


@router.get("/benefits/{benefit_id}", dependencies=[Depends(allow("public.read"))])
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


# the attributes are the entity schema's (kind, revenue_2025, …: see /api/benefits and the schema's documentation);
# a name it does not declare is refused with 400, so the document says that no other property is accepted
CALCULATOR_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "additionalProperties": False,
                    "description": "实体属性（模式中声明的属性名，如 kind、revenue_2025）；未声明的属性名被拒绝（400）",
                }
            }
        },
    }
}


@router.post("/calculator", openapi_extra=CALCULATOR_BODY, dependencies=[Depends(allow("public.submit"))])
def calculator(plat: Plat, values: Annotated[dict[str, Any], Body()]) -> list[MatchOut]:
    """What an entity with these (self-declared) values may claim; no login needed."""
    try:
        record = entity_from_mapping(plat.schema, values, verified=[])
    except RuleError as exc:
        raise HTTPException(400, str(exc)) from exc
    return [_match_out(m) for m in plat.matcher.match(record, who=WHO.get(record.kind, "您"))]
