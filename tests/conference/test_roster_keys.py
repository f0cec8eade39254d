"""``policyreach keys rotate`` re-seals the roster's contact numbers, as it does the firms' bank accounts: after the
rotation every number names the new field key and opens with it alone (a backup made before still opens with the
old key, which stays in the ring)."""

from __future__ import annotations

from sqlalchemy import select

from policyreach.conference.models import ConferenceMember
from policyreach.redemption.key_rotation import rotate
from policyreach.store import crypto
from policyreach.store.db import make_engine, migrate, sessions
from tests.redemption.test_key_rotation import keys  # noqa: F401 - the key files under tmp_path


def test_rotation_reseals_the_members_phone_numbers(keys) -> None:  # noqa: F811
    engine = make_engine(f"sqlite:///{keys / 'roster.db'}")
    migrate(engine)
    factory = sessions(engine)
    phones = {"轮换委员甲": "13800003333", "轮换委员乙": "0431-88881234"}
    with factory() as session, session.begin():
        for name, phone in phones.items():
            session.add(ConferenceMember(name=name, sector_group="经济界", term="第十四届", phone=crypto.seal(phone)))
        session.add(ConferenceMember(name="轮换委员丙", sector_group="经济界", term="第十四届"))  # no number
    old = crypto.field_ring().current.id
    with factory() as session:
        before = {m.name: m.phone for m in session.scalars(select(ConferenceMember))}
        done = rotate(session)
    assert done.problems == [] and done.resealed == 2 and done.field_key[0] == old
    only_new = crypto.FieldRing((crypto.field_ring().current,))
    with factory() as session:
        members = {m.name: m for m in session.scalars(select(ConferenceMember))}
    for name, phone in phones.items():
        sealed = members[name].phone
        assert sealed != before[name] and crypto.key_id_of(sealed) == done.field_key[1]
        assert crypto.open_sealed(sealed, only_new) == phone
    assert members["轮换委员丙"].phone is None
    engine.dispose()
