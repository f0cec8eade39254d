"""National cryptography (store/crypto.py): SM3 and SM4 against the standards' own examples, HMAC-SM3 built two
independent ways, sealing that refuses every kind of tampering, and the key ring outside the database."""

from __future__ import annotations

import base64

import pytest
from gmssl import sm4 as gm_sm4

from policyreach.store import crypto
from policyreach.store.crypto import CryptoError, FieldKey, FieldRing

# GB/T 32905-2016 appendix A: SM3("abc") and SM3 of "abcd" repeated 16 times
SM3_ABC = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
SM3_ABCD16 = "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"


def test_sm3_known_answers_of_the_standard_both_implementations() -> None:
    for implementation in (crypto.sm3_hex, crypto.gm_sm3_hex):
        assert implementation(b"abc") == SM3_ABC
        assert implementation(b"abcd" * 16) == SM3_ABCD16


def _hmac_by_definition(key: bytes, message: bytes) -> bytes:
    """RFC 2104 written out over gmssl's SM3 (block 64 bytes): H((K^opad) || H((K^ipad) || m))."""
    if len(key) > 64:
        key = bytes.fromhex(crypto.gm_sm3_hex(key))
    key = key.ljust(64, b"\0")
    inner = bytes.fromhex(crypto.gm_sm3_hex(bytes(b ^ 0x36 for b in key) + message))
    return bytes.fromhex(crypto.gm_sm3_hex(bytes(b ^ 0x5C for b in key) + inner))


@pytest.mark.parametrize("key", [b"k", b"policyreach-audit" * 3, b"x" * 100])
def test_hmac_sm3_matches_its_definition(key: bytes) -> None:
    message = "审计记录 abc".encode()
    expected = _hmac_by_definition(key, message)
    assert crypto.hmac_sm3(key, message) == expected
    assert crypto.gm_hmac_sm3(key, message) == expected
    assert crypto.hmac_sm3(key, b"abc") != crypto.hmac_sm3(key + b"!", b"abc")


def test_sm4_known_answer_of_the_standard() -> None:
    """GB/T 32907-2016 appendix A.1: key = plaintext = 0123456789abcdeffedcba9876543210."""
    key = bytes.fromhex("0123456789abcdeffedcba9876543210")
    cipher = gm_sm4.CryptSM4()
    cipher.set_key(key, gm_sm4.SM4_ENCRYPT)
    # gmssl pads (PKCS#7): the first block is the standard's single-block ciphertext
    assert bytes(cipher.crypt_ecb(key))[:16].hex() == "681edf34d206965e86b3e94f536e4246"


RING = FieldRing((FieldKey(b"\1" * 32),))


def test_sealing_round_trips_with_a_fresh_iv_and_names_its_key() -> None:
    for plain in ("6222020200112233", "22010219900101001X", "", "长" * 50):
        sealed = crypto.seal(plain, RING)
        assert sealed.startswith(f"sm4:{RING.current.id}:") and (plain == "" or plain not in sealed)
        assert crypto.open_sealed(sealed, RING) == plain
    assert crypto.seal("6222020200112233", RING) != crypto.seal("6222020200112233", RING)  # random IV


def _flip(sealed: str, index: int) -> str:
    prefix, kid, body = sealed.split(":", 2)
    raw = bytearray(base64.b64decode(body))
    raw[index] ^= 1
    return f"{prefix}:{kid}:{base64.b64encode(bytes(raw)).decode()}"


def test_every_kind_of_tampering_is_refused() -> None:
    sealed = crypto.seal("6222020200112233", RING)
    body = base64.b64decode(sealed.split(":", 2)[2])
    for index in (0, 15, 16, len(body) - 33, len(body) - 1):  # IV, ciphertext, tag
        with pytest.raises(CryptoError, match="authentication tag"):
            crypto.open_sealed(_flip(sealed, index), RING)
    other = FieldRing((*RING.keys, FieldKey(b"\2" * 32)))
    relabelled = sealed.replace(RING.current.id, other.current.id)  # moved to another key of the ring
    with pytest.raises(CryptoError, match="authentication tag"):
        crypto.open_sealed(relabelled, other)
    truncated = sealed[:-8]
    with pytest.raises(CryptoError):
        crypto.open_sealed(truncated, RING)
    with pytest.raises(CryptoError, match="does not hold"):
        crypto.open_sealed(sealed, FieldRing((FieldKey(b"\3" * 32),)))
    with pytest.raises(CryptoError, match="malformed"):
        crypto.open_sealed("sm4:abc:not base64!", RING)


def test_the_tag_is_checked_not_the_padding(monkeypatch) -> None:
    """With the tag check removed, a flipped ciphertext byte decrypts into garbage or a padding error: the tag
    is what refuses it (the guard this test stands for)."""
    sealed = _flip(crypto.seal("6222020200112233", RING), 20)
    monkeypatch.setattr(crypto.hmac, "compare_digest", lambda a, b: True)
    try:
        opened = crypto.open_sealed(sealed, RING)
    except (CryptoError, ValueError, UnicodeDecodeError):
        opened = None
    assert opened != "6222020200112233"
    monkeypatch.undo()
    with pytest.raises(CryptoError):
        crypto.open_sealed(sealed, RING)


def test_the_key_ring_file_is_created_private_and_grows_on_rotation(tmp_path, monkeypatch) -> None:
    path = tmp_path / "keys" / "field.keys"
    monkeypatch.setenv("POLICYREACH_FIELD_KEYS", str(path))
    ring = crypto.field_ring()
    assert path.stat().st_mode & 0o777 == 0o600 and len(ring.keys) == 1
    sealed = crypto.seal("6222020200112233")
    old_id, new_id = crypto.add_field_key()
    assert old_id == ring.current.id and crypto.field_ring().current.id == new_id != old_id
    assert path.stat().st_mode & 0o777 == 0o600 and len(crypto.field_ring().keys) == 2
    assert crypto.open_sealed(sealed) == "6222020200112233"  # the old key stays in the ring
    assert crypto.key_id_of(crypto.reseal(sealed, crypto.field_ring())) == new_id


def test_intl_needs_its_package_and_says_so(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("POLICYREACH_FIELD_KEYS", str(tmp_path / "field.keys"))
    monkeypatch.setenv("POLICYREACH_CRYPTO", "intl")
    if crypto.intl_available():
        sealed = crypto.seal("6222020200112233")
        assert sealed.startswith("aes:") and crypto.open_sealed(sealed) == "6222020200112233"
    else:
        with pytest.raises(CryptoError, match="cryptography"):
            crypto.seal("6222020200112233")
    monkeypatch.setenv("POLICYREACH_CRYPTO", "des")
    with pytest.raises(ValueError, match="POLICYREACH_CRYPTO"):
        crypto.field_ring()


def test_processes_starting_together_share_one_first_key(tmp_path) -> None:
    """Eight creators at once (threads over the file system, as servers starting together): one key survives,
    and every one of them reads it."""
    import threading

    path = tmp_path / "field.keys"
    barrier = threading.Barrier(8)

    def create() -> None:
        barrier.wait()
        crypto._create_ring(path)

    threads = [threading.Thread(target=create) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(path.read_text().split()) == 1 and list(tmp_path.iterdir()) == [path]
