"""Text longer than its column is refused before it is written, on every database alike.

PostgreSQL refuses a value longer than ``VARCHAR(n)`` with an error that reached people as a 500; SQLite stores it
silently. Checked here, at flush, for every mapped object of every session, a 10,000-character value typed into any
form gives one clear :class:`TooLong` (a ``ValueError`` the web layer answers with 400) on both, and the
transaction writes nothing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, event, inspect
from sqlalchemy.orm import Session, UOWTransaction

# what a person calls the fields forms write most (others are named by their column)
LABELS = {
    "reason": "理由",
    "name": "名称",
    "title": "标题",
    "display_name": "显示名称",
    "username": "用户名",
    "department": "部门",
    "body": "内容",
    "content": "内容",
    "summary": "摘要",
    "note": "备注",
    "comment": "意见",
    "decision": "答复意见",
    "location": "地点",
    "subject": "主题",
}


class TooLong(ValueError):
    """A text value longer than its column holds; the message (Chinese) names the field and the limit."""


def _check(session: Session, _flush: UOWTransaction, _instances: Any) -> None:
    for obj in (*session.new, *session.dirty):
        state = inspect(obj)
        for prop in state.mapper.column_attrs:
            column_type = prop.columns[0].type
            length = column_type.length if isinstance(column_type, String) else None
            value = state.dict.get(prop.key)  # only what is loaded or set: never a lazy load inside a flush
            if length and isinstance(value, str) and len(value) > length:
                label = LABELS.get(prop.key, prop.key)
                raise TooLong(f"“{label}”过长：最多 {length} 个字，填写了 {len(value)} 个字")


def install() -> None:
    """Check every session's flush (idempotent: SQLAlchemy keeps one registration of the same function)."""
    if not event.contains(Session, "before_flush", _check):
        event.listen(Session, "before_flush", _check)
