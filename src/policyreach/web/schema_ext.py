"""Accepting a draft policy's proposed attribute into the deployment's schema extension (``app.schema_extension``).

The upload page lists the attributes a refused draft proposes; an officer accepts one here (the policy's
``schema.extend``), and the draft then checks and binds when uploaded again.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

import yaml
from fastapi import APIRouter, Depends, Form, HTTPException
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from policyreach.app.schema_extension import TYPE_ZH, ExtensionRefused, accept
from policyreach.redemption import audit
from policyreach.rules.schema import ProposedAttribute, Schema
from policyreach.rules.types import Type
from policyreach.store.models import Account
from policyreach.web.console import DbSession, Plat
from policyreach.web.deps import allow, csrf

router = APIRouter(prefix="/console")
FIELD_ZH = {"label": "中文名称 label", "unit": "单位 unit", "department": "数据来源部门 department"}


def proposals(schema: Schema, text: str) -> list[dict[str, Any]]:
    """The attributes a draft's text proposes that the schema lacks, for the upload page's acceptance forms;
    what cannot be read is left out (the draft's own errors say why)."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return []
    found = data.get("proposed_attributes") if isinstance(data, dict) else None
    if not isinstance(found, dict):
        return []
    out = []
    for name, spec in found.items():
        try:
            proposed = ProposedAttribute.model_validate(spec)
        except ValidationError:
            continue
        if isinstance(name, str) and schema.field(name) is None:
            out.append(
                {
                    "name": name,
                    "spec": proposed,
                    "type_zh": TYPE_ZH[proposed.type],
                    "policy_id": str(data.get("id", ""))[:120],
                }
            )
    return out


@router.post("/schema/attributes", include_in_schema=False, dependencies=[Depends(csrf)])
def accept_attribute(
    user: Annotated[Account, Depends(allow("schema.extend"))],
    plat: Plat,
    session: DbSession,
    name: Annotated[str, Form(max_length=60)],
    label: Annotated[str, Form(max_length=100)],
    type: Annotated[str, Form(max_length=16)] = "decimal",
    unit: Annotated[str, Form(max_length=20)] = "",
    yearly: Annotated[str, Form(max_length=8)] = "",
    department: Annotated[str, Form(max_length=120)] = "",
    policy_id: Annotated[str, Form(max_length=120)] = "",
) -> Response:
    """One proposed attribute into the deployment's schema extension; 400 in Chinese naming the field."""
    if type not in {t.value for t in TYPE_ZH}:
        raise HTTPException(400, f"属性类型 type 应为 {'、'.join(t.value for t in TYPE_ZH)} 之一")
    try:
        proposed = ProposedAttribute(
            label=label.strip(),
            type=Type(type),
            unit=unit.strip() or None,
            yearly=yearly in ("1", "true", "on"),
            department=department.strip() or None,
        )
    except ValidationError as exc:
        field = str(exc.errors()[0]["loc"][0]) if exc.errors()[0]["loc"] else "label"
        raise HTTPException(400, f"{FIELD_ZH.get(field, field)} 有误：不能为空，且不超过规定长度") from None
    try:
        accept(session, plat.schema, name.strip(), proposed, user.username, policy_id.strip() or None)
    except ExtensionRefused as exc:
        session.rollback()
        raise HTTPException(400, str(exc)) from None
    audit.record(session, user.username, "schema.extend", f"attribute:{name.strip()}", {"label": proposed.label})
    session.commit()
    note = f"已采纳属性 {name.strip()}（{proposed.label}），请重新上传政策文件"
    return RedirectResponse(f"/console/upload?note={quote(note)}", status_code=303)
