"""National cryptography (国密) for what the platform keeps: SM3 and HMAC-SM3 for the audit chain and key ids, SM4
for sensitive fields at rest (bank account numbers, talents' ID numbers).

A sensitive value is stored as a *sealed* string ``sm4:<key id>:<base64 of IV ‖ SM4-CBC ciphertext ‖ HMAC-SM3 tag>``:
a fresh random IV per value, encrypt-then-MAC over the key id, the IV and the ciphertext, so that a changed byte,
a value moved to another key id or a truncated token is refused, never decrypted into garbage. The keys live outside
the database in a key ring file (``POLICYREACH_FIELD_KEYS``, default ``field.keys`` in the data directory, created
0600 on first use): one random master secret a line, the last one current; each value names the key that sealed it,
so ``policyreach keys rotate`` can add a key, re-seal every value and keep the old key for backups.

``POLICYREACH_CRYPTO=intl`` chooses HMAC-SHA256 and AES-256-GCM instead (``aes:`` tokens), only where the
``cryptography`` package is installed; the SM algorithms stay the default and always available (gmssl, pure Python;
SM3 comes from the local OpenSSL when it provides it, the same bytes and about 50 times faster, else from gmssl).
See README, "国密算法 / National cryptography".
"""

from __future__ import annotations

import base64
import contextlib
import functools
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from gmssl import func as gm_func
from gmssl import sm3 as gm_sm3
from gmssl import sm4 as gm_sm4

from policyreach import settings

SM, INTL = "sm", "intl"
SM4_PREFIX, AES_PREFIX = "sm4", "aes"
_TAG = 32  # HMAC-SM3 output, bytes
_IV = 16


class CryptoError(ValueError):
    """A sealed value that cannot be opened: tampered with, truncated, or sealed with a key this ring lacks."""


# --- SM3 and HMAC-SM3 ------------------------------------------------------------------------------------------


def _openssl_sm3() -> bool:
    try:
        # the known answer of GB/T 32905-2016, appendix A.1: never trust a provider that gets it wrong
        return hashlib.new("sm3", b"abc").hexdigest() == (
            "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
        )
    except ValueError:
        return False


OPENSSL_SM3 = _openssl_sm3()


class _GmSM3:
    """gmssl's SM3 behind hashlib's interface, so that the standard ``hmac`` module builds HMAC-SM3 on it."""

    name = "sm3"
    digest_size = 32
    block_size = 64

    def __init__(self, data: bytes = b"") -> None:
        self._buffer = bytearray(data)

    def update(self, data: bytes) -> None:
        self._buffer += data

    def copy(self) -> _GmSM3:
        return _GmSM3(bytes(self._buffer))

    def digest(self) -> bytes:
        return bytes.fromhex(self.hexdigest())

    def hexdigest(self) -> str:
        return str(gm_sm3.sm3_hash(gm_func.bytes_to_list(bytes(self._buffer))))


def gm_sm3_hex(data: bytes) -> str:
    """SM3 through gmssl alone (the reference the OpenSSL fast path is checked against)."""
    return _GmSM3(data).hexdigest()


def sm3_hex(data: bytes) -> str:
    return hashlib.new("sm3", data).hexdigest() if OPENSSL_SM3 else gm_sm3_hex(data)


def hmac_sm3(key: bytes, message: bytes) -> bytes:
    if OPENSSL_SM3:
        return hmac.new(key, message, "sm3").digest()
    return hmac.new(key, message, _GmSM3).digest()  # type: ignore[arg-type]


def gm_hmac_sm3(key: bytes, message: bytes) -> bytes:
    """HMAC-SM3 through gmssl alone."""
    return hmac.new(key, message, _GmSM3).digest()  # type: ignore[arg-type]


# --- the field key ring ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldKey:
    master: bytes

    @functools.cached_property
    def id(self) -> str:
        return sm3_hex(b"policyreach-field-key-id\0" + self.master)[:12]

    @functools.cached_property
    def enc(self) -> bytes:
        return hmac_sm3(self.master, b"enc")[:16]  # SM4 takes 128-bit keys

    @functools.cached_property
    def mac(self) -> bytes:
        return hmac_sm3(self.master, b"mac")

    @functools.cached_property
    def aes(self) -> bytes:
        return hashlib.sha256(b"policyreach-aes\0" + self.master).digest()


@dataclass(frozen=True)
class FieldRing:
    """The keys sensitive fields are sealed with: the last one seals, every one opens what it sealed."""

    keys: tuple[FieldKey, ...]
    algorithm: str = SM

    @property
    def current(self) -> FieldKey:
        return self.keys[-1]

    def find(self, kid: str) -> FieldKey | None:
        for key in self.keys:
            if hmac.compare_digest(key.id, kid):
                return key
        return None


def _write_private(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # created 600 from the start, never world-readable even for an instant
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)


def _create_ring(path: Path) -> None:
    """The first key, put in place only if no other process put one first (a hard link fails on an existing name):
    two servers starting together must not each seal values under a key the other then replaces, and nobody ever
    reads a half-written ring."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_hex(32) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileExistsError):  # another process was first: its key is the ring's
            os.link(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _read_ring(path: Path) -> list[bytes]:
    if not path.exists():
        return []
    return [bytes.fromhex(line.strip()) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@functools.lru_cache(maxsize=8)
def _cached_ring(path: str, stamp: tuple[int, int], algorithm: str) -> FieldRing:
    keys = tuple(FieldKey(m) for m in _read_ring(Path(path)))
    if not keys:
        raise CryptoError(f"the field key ring {path} holds no key: restore it from its backup")
    return FieldRing(keys, algorithm)


def field_ring() -> FieldRing:
    """The ring from ``POLICYREACH_FIELD_KEYS`` (created with one key, mode 600, when absent)."""
    algorithm = settings.crypto()
    if algorithm == INTL and not intl_available():
        raise CryptoError(
            "POLICYREACH_CRYPTO=intl needs the 'cryptography' package, which is not installed: use sm (the default)"
        )
    path = settings.field_keys_path()
    if not path.exists():
        _create_ring(path)
    # read once per change of the file: sealing a value costs no disk read, a rotation is seen at once
    stat = path.stat()
    return _cached_ring(str(path), (stat.st_mtime_ns, stat.st_size), algorithm)


def add_field_key() -> tuple[str, str]:
    """Append a new current key to the ring file, keeping the old ones: (old key id, new key id)."""
    path = settings.field_keys_path()
    old = field_ring().current
    masters = _read_ring(path)
    new = FieldKey(secrets.token_bytes(32))
    _write_private(path, "".join(f"{m.hex()}\n" for m in [*masters, new.master]))
    return old.id, new.id


# --- sealing ---------------------------------------------------------------------------------------------------


def intl_available() -> bool:
    try:
        import cryptography  # noqa: F401
    except ImportError:
        return False
    return True


def _sm4(key: bytes, mode: int) -> gm_sm4.CryptSM4:
    cipher = gm_sm4.CryptSM4()
    cipher.set_key(key, mode)
    return cipher


def seal(plain: str, ring: FieldRing | None = None) -> str:
    """The sealed form of ``plain`` under the ring's current key."""
    ring = ring or field_ring()
    key = ring.current
    data = plain.encode("utf-8")
    if ring.algorithm == INTL:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        nonce = secrets.token_bytes(12)
        body = nonce + AESGCM(key.aes).encrypt(nonce, data, f"{AES_PREFIX}:{key.id}".encode())
        return f"{AES_PREFIX}:{key.id}:{base64.b64encode(body).decode('ascii')}"
    iv = secrets.token_bytes(_IV)
    ciphertext = _sm4(key.enc, gm_sm4.SM4_ENCRYPT).crypt_cbc(iv, data)
    tag = hmac_sm3(key.mac, f"{SM4_PREFIX}:{key.id}:".encode() + iv + ciphertext)
    return f"{SM4_PREFIX}:{key.id}:{base64.b64encode(iv + ciphertext + tag).decode('ascii')}"


def is_sealed(value: object) -> bool:
    return isinstance(value, str) and value.startswith((f"{SM4_PREFIX}:", f"{AES_PREFIX}:")) and value.count(":") == 2


def key_id_of(sealed: str) -> str:
    return sealed.split(":", 2)[1]


def open_sealed(sealed: str, ring: FieldRing | None = None) -> str:
    """The plain text, or CryptoError when the value was changed or its key is not in the ring."""
    ring = ring or field_ring()
    try:
        prefix, kid, encoded = sealed.split(":", 2)
        body = base64.b64decode(encoded, validate=True)
    except ValueError as exc:
        raise CryptoError("sealed value is malformed") from exc
    key = ring.find(kid)
    if key is None:
        raise CryptoError(f"sealed with key {kid}, which the field key ring does not hold")
    if prefix == AES_PREFIX:
        if not intl_available():
            raise CryptoError("an AES-GCM value needs the 'cryptography' package")
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        try:
            return AESGCM(key.aes).decrypt(body[:12], body[12:], f"{AES_PREFIX}:{kid}".encode()).decode("utf-8")
        except InvalidTag as exc:
            raise CryptoError("sealed value fails its authentication tag") from exc
    if prefix != SM4_PREFIX or len(body) < _IV + 16 + _TAG or (len(body) - _IV - _TAG) % 16:
        raise CryptoError("sealed value is malformed")
    iv, ciphertext, tag = body[:_IV], body[_IV:-_TAG], body[-_TAG:]
    expected = hmac_sm3(key.mac, f"{SM4_PREFIX}:{kid}:".encode() + iv + ciphertext)
    if not hmac.compare_digest(tag, expected):  # checked before any decryption: no padding oracle
        raise CryptoError("sealed value fails its authentication tag")
    return bytes(_sm4(key.enc, gm_sm4.SM4_DECRYPT).crypt_cbc(iv, ciphertext)).decode("utf-8")


def reseal(sealed: str, ring: FieldRing) -> str:
    """The value sealed again under the ring's current key (a plain legacy value is sealed for the first time)."""
    plain = open_sealed(sealed, ring) if is_sealed(sealed) else sealed
    return seal(plain, ring)


def masked(number: str) -> str:
    """What a page shows of an account or ID number: its last four characters."""
    return f"****{number[-4:]}" if len(number) > 4 else "****"
