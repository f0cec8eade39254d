"""Errors for policy officers: where (file, policy, benefit, condition, line, column) and what."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RuleError(Exception):
    """One problem in a policy, schema or reform file, in Chinese and English."""

    message_zh: str
    message_en: str
    file: str | None = None
    benefit: str | None = None
    condition: str | None = None
    line: int | None = None
    column: int | None = None
    expected: str | None = None
    found: str | None = None
    # set where no benefit can be named: a policy-wide common condition or a parameter
    policy: str | None = None

    def where(self) -> str:
        parts = []
        if self.file:
            place = self.file
            if self.line is not None:
                place += f":{self.line}"
                if self.column is not None:
                    place += f":{self.column}"
            parts.append(place)
        if self.policy:
            parts.append(f"政策 policy {self.policy}")
        if self.benefit:
            parts.append(f"兑现事项 benefit {self.benefit}")
        if self.condition:
            parts.append(f"条件 condition {self.condition}")
        return " | ".join(parts)

    def __str__(self) -> str:
        head = self.where()
        body = f"{self.message_zh} ({self.message_en})"
        return f"{head}: {body}" if head else body

    def located(self, **where: object) -> RuleError:
        """Fill in location fields that are still empty (inner errors know less)."""
        for key, value in where.items():
            if getattr(self, key) is None and value is not None:
                setattr(self, key, value)
        return self


@dataclass
class RuleErrors(Exception):
    """Several problems found in one pass, so an officer fixes them all at once."""

    errors: list[RuleError] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)
