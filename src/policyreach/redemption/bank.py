"""The bank account public money is paid to: checked when the firm gives it, carried into the disbursement file.

Two checks a finance bureau's payment system makes first, made here before anything is committed: the account
number is a plausible domestic account number, and the account's name is the registered name of the firm (or of the
person, for a talent subsidy): public money is never paid to another name's account.

The number is kept sealed with SM4 (``store.crypto``) in the application's snapshot, beside its last four digits
for the pages; only the disbursement file and an officer's own department's application read it whole.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from policyreach.redemption.claims import ClaimRefused
from policyreach.store.crypto import is_sealed, masked, open_sealed, seal

_SEPARATORS = re.compile(r"[\s\-]")
# full-width forms a name is often typed with, mapped to what the registry writes
_WIDTH = str.maketrans({"（": "(", "）": ")", "　": ""})


@dataclass(frozen=True)
class BankAccount:
    name: str
    number: str

    def as_snapshot(self) -> dict[str, Any]:
        """What the application keeps: the number sealed (key id inside), its last four digits in clear."""
        return {"name": self.name, "number": seal(self.number), "tail": self.number[-4:]}

    @property
    def masked(self) -> str:
        return masked(self.number)


def same_name(a: str, b: str) -> bool:
    def norm(text: str) -> str:
        return re.sub(r"\s", "", text.translate(_WIDTH))

    return norm(a) == norm(b)


def check_bank_account(name: str, number: str, registered_name: str) -> BankAccount:
    """The account, or ClaimRefused saying in Chinese what is wrong (nothing is recorded then)."""
    # a phone keyboard in Chinese mode types full-width digits (６２２２) and ideographic spaces: read as typed
    digits = _SEPARATORS.sub("", unicodedata.normalize("NFKC", number or ""))
    if not (digits.isascii() and digits.isdigit()) or not 8 <= len(digits) <= 30 or len(set(digits)) == 1:
        raise ClaimRefused("请填写正确的银行账号（8至30位数字，可含空格）")
    if not (name or "").strip():
        raise ClaimRefused(f"请填写账户名称（须与登记名称“{registered_name}”一致）")
    if not same_name(name, registered_name):
        raise ClaimRefused(
            f"账户名称“{name.strip()}”与登记名称“{registered_name}”不一致：资金只能拨付至本单位（本人）名下的账户"
        )
    return BankAccount(registered_name, digits)


def kept_account(snapshot: dict[str, Any]) -> BankAccount | None:
    """The account recorded with an application, if the firm gave one."""
    kept = snapshot.get("bank")
    if isinstance(kept, dict) and kept.get("number"):
        number = str(kept["number"])
        # a number from before migration i004 sealed it stays readable
        return BankAccount(str(kept.get("name") or ""), open_sealed(number) if is_sealed(number) else number)
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
