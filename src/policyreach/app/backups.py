"""Backups (备份与恢复): the database, the uploaded materials, the policy library and the audit anchor in one
archive, with the *references* of the secrets it needs, never the secrets (issue 25, item 5).

``backup`` writes a tar archive holding

- ``database.dump``: ``pg_dump --format=custom`` of PostgreSQL, or ``database.sqlite``: SQLite's online backup
  (consistent while the server runs);
- ``uploads/``: the uploaded materials (``POLICYREACH_UPLOADS``), ``library/``: the policy files in force
  (publishing writes them there), ``audit.anchor``: the last audit head found intact;
- ``manifest.json``: when, from which database kind, and the key ids of the audit secret and the field key ring the
  data was signed and sealed with. The secrets stay in the secret store (docs/DEPLOY.md): a restore checks that the
  keys it is given hold those ids, and refuses before touching anything when they do not.

``restore`` puts all of it back into the configured database (empty: a fresh cluster, or one it may overwrite with
``--force``) and directories; ``policyreach audit verify`` and ``audit funds`` then check the result.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.engine import URL

from policyreach import __version__, settings
from policyreach.store import crypto
from policyreach.store.audit_keys import keyring
from policyreach.store.db import libpq, make_engine, pg_tool

MANIFEST = "manifest.json"
FORMAT = 1


class BackupError(RuntimeError):
    """A backup or restore that cannot be made; the message says why in Chinese. Nothing was changed."""


@dataclass(frozen=True)
class Made:
    path: Path
    database: str
    uploads: int
    library: int
    bytes: int


def _database_url() -> URL:
    return make_engine().url


def _pg_tool(name: str) -> str:
    found = pg_tool(name)
    if found is None:
        raise BackupError(f"未找到 {name}：请安装 PostgreSQL 客户端（postgresql-client）")
    return found


def _files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if p.is_file()) if directory.exists() else []


def manifest() -> dict[str, Any]:
    """What the archive needs from outside: the key ids (references) of the secrets, never the secrets."""
    ring = keyring()
    fields = crypto.field_ring()
    return {
        "format": FORMAT,
        "policyreach": __version__,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "database": _database_url().get_backend_name(),
        # the audit anchor is kept per database URL: a restore re-keys it to the database it restores into
        "database_url": _database_url().render_as_string(hide_password=True),
        "audit_key_id": ring.current_id,
        "audit_keys_retired": [k for k in (_id(ring, r) for r in ring.retired)],
        "field_key_ids": [key.id for key in fields.keys],
    }


def _id(ring: Any, secret: str) -> str:
    from policyreach.store.audit_keys import key_id

    return key_id(secret, ring.algorithm)


def backup(out: Path) -> Made:
    """Write the archive to ``out`` (a ``.tar`` file; a directory gets a dated file in it)."""
    if out.is_dir():
        out = out / f"policyreach-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%SZ}.tar"
    out.parent.mkdir(parents=True, exist_ok=True)
    url = _database_url()
    info = manifest()
    uploads, library = settings.uploads_dir(), settings.library_path()
    with tempfile.TemporaryDirectory(prefix="policyreach-backup-") as tmp:
        work = Path(tmp)
        if url.get_backend_name() == "postgresql":
            dump = work / "database.dump"
            conninfo, env = libpq(url)
            done = subprocess.run(
                [_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(dump), "--dbname", conninfo],
                env=env,
                capture_output=True,
                text=True,
            )
            if done.returncode != 0:
                raise BackupError(f"pg_dump 失败：{done.stderr.strip()[-500:]}")
        elif url.get_backend_name() == "sqlite":
            dump = work / "database.sqlite"
            _copy_sqlite(Path(str(url.database)), dump)  # consistent while the server writes
        else:
            raise BackupError(f"不支持备份 {url.get_backend_name()} 数据库")
        (work / MANIFEST).write_text(json.dumps(info, ensure_ascii=False, indent=2), encoding="utf-8")
        staged = out.with_name(out.name + ".part")  # a crash leaves no archive that looks whole
        with tarfile.open(staged, "w") as tar:
            tar.add(work / MANIFEST, arcname=MANIFEST)
            tar.add(dump, arcname=dump.name)
            for path in _files(uploads):
                tar.add(path, arcname=f"uploads/{path.relative_to(uploads).as_posix()}")
            for path in _files(library):
                tar.add(path, arcname=f"library/{path.relative_to(library).as_posix()}")
            anchor = settings.audit_anchor_path()
            if anchor.exists():
                tar.add(anchor, arcname="audit.anchor")
        os.replace(staged, out)
    return Made(out, str(info["database"]), len(_files(uploads)), len(_files(library)), out.stat().st_size)


def _copy_sqlite(source: Path, target: Path) -> None:
    # SQLite's online backup API: page by page, consistent even while another connection writes
    saved, live = sqlite3.connect(source), sqlite3.connect(target)
    try:
        saved.backup(live)
    finally:
        saved.close()
        live.close()


def read_manifest(archive: Path) -> dict[str, Any]:
    try:
        with tarfile.open(archive) as tar:
            member = tar.extractfile(MANIFEST)
            if member is None:
                raise KeyError(MANIFEST)
            data: dict[str, Any] = json.loads(member.read().decode("utf-8"))
            return data
    except (OSError, KeyError, tarfile.TarError, ValueError) as exc:
        raise BackupError(f"“{archive.name}”不是本平台的备份文件：{exc}") from exc


def check_keys(info: dict[str, Any]) -> None:
    """Refuse a restore whose secrets are not at hand: the audit chain would not verify, sealed fields not open."""
    ring = keyring()
    if ring.secret(info.get("audit_key_id")) is None:
        raise BackupError(
            f"审计密钥与备份不符：备份的审计日志由密钥 {info.get('audit_key_id')} 签名，当前密钥为 {ring.current_id}。"
            "请先把原审计密钥放入 POLICYREACH_AUDIT_KEY（或数据目录的 audit.key）"
        )
    held = {key.id for key in crypto.field_ring().keys}
    missing = [kid for kid in info.get("field_key_ids", []) if kid not in held]
    if missing:
        raise BackupError(
            f"字段加密密钥环缺少备份所用的密钥 {'、'.join(missing)}：请先放回原 field.keys（POLICYREACH_FIELD_KEYS）"
        )


def _safe_members(tar: tarfile.TarFile, prefix: str) -> list[tarfile.TarInfo]:
    members = []
    for member in tar.getmembers():
        if not member.name.startswith(prefix) or not member.isfile():
            continue
        parts = Path(member.name).parts
        if ".." in parts or Path(member.name).is_absolute():
            raise BackupError(f"备份中有不安全的路径 {member.name}")
        members.append(member)
    return members


def restore(archive: Path, *, force: bool = False) -> dict[str, Any]:
    """Put the archive back: database, uploads, library, audit anchor. Refused (nothing changed) when the secrets
    do not match or the target database already holds the platform's tables without ``force``."""
    info = read_manifest(archive)
    check_keys(info)
    url = _database_url()
    if info.get("database") != url.get_backend_name():
        raise BackupError(f"备份来自 {info.get('database')} 数据库，当前配置为 {url.get_backend_name()}")
    engine = make_engine()
    try:
        tables = inspect(engine).get_table_names()
    finally:
        engine.dispose()
    if tables and not force:
        raise BackupError("目标数据库不是空的：恢复会覆盖其中的数据。请恢复到新建的数据库，或确认后加 --force")
    with tempfile.TemporaryDirectory(prefix="policyreach-restore-") as tmp, tarfile.open(archive) as tar:
        work = Path(tmp)
        if url.get_backend_name() == "postgresql":
            tar.extract("database.dump", work, filter="data")
            conninfo, env = libpq(url)
            options = ["--clean", "--if-exists"] if tables else []
            done = subprocess.run(
                [
                    _pg_tool("pg_restore"),
                    "--no-owner",
                    "--exit-on-error",
                    *options,
                    "--dbname",
                    conninfo,
                    str(work / "database.dump"),
                ],
                env=env,
                capture_output=True,
                text=True,
            )
            if done.returncode != 0:
                raise BackupError(f"pg_restore 失败：{done.stderr.strip()[-500:]}")
        else:
            tar.extract("database.sqlite", work, filter="data")
            target = Path(str(url.database))
            target.parent.mkdir(parents=True, exist_ok=True)
            _copy_sqlite(work / "database.sqlite", target)
        for prefix, directory in (("uploads/", settings.uploads_dir()), ("library/", settings.library_path())):
            directory.mkdir(parents=True, exist_ok=True)
            for member in _safe_members(tar, prefix):
                member.name = member.name.removeprefix(prefix)
                tar.extract(member, directory, filter="data")
        anchors = _safe_members(tar, "audit.anchor")
        if anchors:
            saved = tar.extractfile(anchors[0])
            _restore_anchor(json.loads(saved.read().decode("utf-8")) if saved else {}, info, url)
    return info


def _restore_anchor(saved: dict[str, Any], info: dict[str, Any], url: URL) -> None:
    """The backed-up database's anchor, under the restored database's URL too: ``audit verify`` there checks the
    restored chain against the head last found intact (a dump missing its tail is found)."""
    anchor = settings.audit_anchor_path()
    known = json.loads(anchor.read_text(encoding="utf-8")) if anchor.exists() else {}
    known.update(saved)
    source = saved.get(str(info.get("database_url")))
    if source is not None:
        known[url.render_as_string(hide_password=True)] = source
    anchor.parent.mkdir(parents=True, exist_ok=True)
    staged = anchor.with_suffix(".tmp")
    staged.write_text(json.dumps(known, ensure_ascii=False, indent=1), encoding="utf-8")
    staged.replace(anchor)
