"""The bank account public money is paid to: checked when the firm gives it, carried into the disbursement file.

Two checks a finance bureau's payment system makes first, made here before anything is committed: the account
number is a plausible domestic account number, and the account's name is the registered name of the firm (or of the
person, for a talent subsidy): public money is never paid to another name's account.

The number is kept sealed with SM4 (``store.crypto``) in the application's snapshot, beside its last four digits
for the pages; only the disbursement file and an officer's own department's application read it whole.

A firm saves its account once (``save``: typed twice, with its 开户行) and every claim and offer then uses it
(``saved_account``) instead of asking again; a change replaces it and is audited (who, when, the old and new last
four digits, never the number).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from policyreach.redemption import audit
from policyreach.redemption.claims import ClaimRefused
from policyreach.store.crypto import is_sealed, key_id_of, masked, open_sealed, seal
from policyreach.store.models import Entity, SavedBankAccount

_SEPARATORS = re.compile(r"[\s\-]")
# full-width forms a name is often typed with, mapped to what the registry writes
_WIDTH = str.maketrans({"（": "(", "）": ")", "　": ""})


BRANCH_MAX = 100


class AccountRefused(ClaimRefused):
    """One field of an account refused: ``field`` names the input the message is shown beside."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class BankAccount:
    name: str
    number: str
    branch: str = ""  # 开户行, when the firm gave it (a saved account always has one)

    def as_snapshot(self) -> dict[str, Any]:
        """What the application keeps: the number sealed (key id inside), its last four digits in clear."""
        kept = {"name": self.name, "number": seal(self.number), "tail": self.number[-4:]}
        return {**kept, "branch": self.branch} if self.branch else kept

    @property
    def masked(self) -> str:
        return masked(self.number)


def same_name(a: str, b: str) -> bool:
    def norm(text: str) -> str:
        return re.sub(r"\s", "", text.translate(_WIDTH))

    return norm(a) == norm(b)


def account_digits(number: str) -> str:
    """The number as the bank reads it: a phone keyboard in Chinese mode types full-width digits (６２２２) and
    ideographic spaces, people group digits with spaces or dashes; all read as typed."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", number or ""))


def check_bank_account(name: str, number: str, registered_name: str, branch: str = "") -> BankAccount:
    """The account, or AccountRefused saying in Chinese what is wrong and where (nothing is recorded then)."""
    digits = account_digits(number)
    if not (digits.isascii() and digits.isdigit()) or not 8 <= len(digits) <= 30 or len(set(digits)) == 1:
        raise AccountRefused("account_number", "请填写正确的银行账号（8至30位数字，可含空格）")
    if not (name or "").strip():
        raise AccountRefused("account_name", f"请填写账户名称（须与登记名称“{registered_name}”一致）")
    if not same_name(name, registered_name):
        raise AccountRefused(
            "account_name",
            f"账户名称“{name.strip()}”与登记名称“{registered_name}”不一致：资金只能拨付至本单位（本人）名下的账户",
        )
    return BankAccount(registered_name, digits, " ".join((branch or "").split()))


def saved_account(session: Session, entity_pk: int) -> BankAccount | None:
    """The account the firm saved, opened, or None."""
    row = session.scalar(select(SavedBankAccount).where(SavedBankAccount.entity_pk == entity_pk))
    return None if row is None else BankAccount(row.name, open_sealed(row.sealed), row.branch)


def saved_row(session: Session, entity_pk: int) -> SavedBankAccount | None:
    """The saved account as the pages show it (name, 开户行, last four digits, who saved it when)."""
    return session.scalar(select(SavedBankAccount).where(SavedBankAccount.entity_pk == entity_pk))


def save(
    session: Session, entity: Entity, name: str, branch: str, number: str, number_again: str, actor: str
) -> SavedBankAccount:
    """Save (or replace) the firm's account after checking it and its confirmation; audited in the same
    transaction. AccountRefused names the field; nothing is written then."""
    account = check_bank_account(name, number, entity.name, branch)
    if not account.branch:
        raise AccountRefused("branch", "请填写开户行（如“中国工商银行长春人民大街支行”）")
    if len(account.branch) > BRANCH_MAX:
        raise AccountRefused("branch", f"开户行过长（最多 {BRANCH_MAX} 个字）")
    if account_digits(number_again) != account.number:
        raise AccountRefused("account_number_again", "两次填写的银行账号不一致，请核对后重新填写")
    # the entity's row is the lock: two first saves at once would otherwise both find no row and both insert
    session.scalar(select(Entity.id).where(Entity.id == entity.id).with_for_update())
    row = saved_row(session, entity.id)
    previous = None if row is None else row.tail
    sealed = seal(account.number)
    if row is None:
        row = SavedBankAccount(entity_pk=entity.id, saved_by=actor)
        session.add(row)
    row.name, row.branch, row.sealed, row.key_id = account.name, account.branch, sealed, key_id_of(sealed)
    row.tail, row.saved_by, row.saved_at = account.number[-4:], actor, dt.datetime.now(dt.UTC).replace(tzinfo=None)
    data = {"branch": account.branch, "tail": row.tail} | ({"previous_tail": previous} if previous else {})
    audit.record(session, actor, "bank.changed" if previous else "bank.saved", f"entity:{entity.id}", data)
    session.flush()
    return row


def kept_account(snapshot: dict[str, Any]) -> BankAccount | None:
    """The account recorded with an application, if the firm gave one."""
    kept = snapshot.get("bank")
    if isinstance(kept, dict) and kept.get("number"):
        number = str(kept["number"])
        # a number from before migration i004 sealed it stays readable
        plain = open_sealed(number) if is_sealed(number) else number
        return BankAccount(str(kept.get("name") or ""), plain, str(kept.get("branch") or ""))
    return None


def shown_account(snapshot: dict[str, Any]) -> str:
    """The account as a page shows it: the name and the last four digits, never the whole number."""
    kept = snapshot.get("bank")
    if not isinstance(kept, dict) or not kept.get("number"):
        return ""
    tail = str(kept.get("tail") or "")
    if not tail and not is_sealed(str(kept["number"])):
        tail = str(kept["number"])[-4:]
    return f"{kept.get('name') or ''} ****{tail}"
