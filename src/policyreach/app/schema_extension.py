"""The deployment's schema extension: attributes a draft policy proposed and an officer accepted.

A quantity the schema files lack (a policy's threshold on 亩均税收, say) is declared in a draft's
``proposed_attributes`` (docs/formats.md, "Proposed attributes"). The draft checks with it; the library only once
it is accepted here: a row of ``schema_extensions``, merged into the schema when the platform is built and at once
into the running one, after which policies using it check and bind like any other attribute. Acceptance is the
authorization policy's ``schema.extend``.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from policyreach.rules.schema import Attribute, ProposedAttribute, Schema, extend, valid_name
from policyreach.rules.types import Type
from policyreach.store.models import SchemaExtension

TYPE_ZH = {Type.DEC: "数值（小数）", Type.INT: "整数", Type.BOOL: "是/否", Type.STR: "文本", Type.DATE: "日期"}


class ExtensionRefused(ValueError):
    """An acceptance that cannot be made; the message is Chinese and names the field."""


def accepted(session: Session) -> dict[str, Attribute]:
    """Every accepted attribute, by name."""
    rows = session.scalars(select(SchemaExtension).order_by(SchemaExtension.name))
    return {row.name: _proposed(row).attribute(row.name) for row in rows}


def extended(session: Session, schema: Schema) -> Schema:
    """``schema`` with the deployment's accepted attributes."""
    return extend(schema, accepted(session))


def _proposed(row: SchemaExtension) -> ProposedAttribute:
    return ProposedAttribute(
        label=row.label,
        type=Type(row.type),
        unit=row.unit,
        yearly=row.yearly,
        department=row.department,
        description=row.description,
    )


def accept(
    session: Session, schema: Schema, name: str, proposed: ProposedAttribute, actor: str, policy_id: str | None = None
) -> Attribute:
    """Add ``name`` to the deployment's extension and to the running ``schema``; refused (in Chinese, naming the
    field) for an invalid identifier or one the schema already has. The row is written first: two officers
    accepting the same name at once get one row and one refusal (the primary key decides, not a prior read)."""
    if not valid_name(name):
        raise ExtensionRefused(f"属性标识 name 不合法：“{name[:60]}”须为小写字母、数字和下划线，且不以 _年份 结尾")
    if schema.field(name) is not None:
        raise ExtensionRefused(f"属性标识 name：模式中已有属性 {name}（{schema.field(name).label}）")  # type: ignore[union-attr]
    row = SchemaExtension(
        name=name,
        label=proposed.label,
        type=proposed.type.value,
        unit=proposed.unit,
        yearly=proposed.yearly,
        department=proposed.department,
        description=proposed.description,
        policy_id=policy_id,
        accepted_by=actor,
    )
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:
        raise ExtensionRefused(f"属性标识 name：属性 {name} 已被采纳") from None
    attribute = proposed.attribute(name)
    schema.attributes[name] = attribute
    return attribute
