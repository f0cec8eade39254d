"""Every setting is an environment variable with a default (12-factor style)."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _path(name: str, default: Path) -> Path:
    return Path(os.environ.get(name, str(default)))


def schema_path() -> Path:
    """POLICYREACH_SCHEMA: a schema file or directory (default: the repository's schema/)."""
    return _path("POLICYREACH_SCHEMA", ROOT / "schema")


def library_path() -> Path:
    """POLICYREACH_LIBRARY: the policy library directory (default: the repository's library/)."""
    return _path("POLICYREACH_LIBRARY", ROOT / "library")


def data_dir() -> Path:
    """POLICYREACH_DATA_DIR: where the embedded database and generated files live (default: var/)."""
    return _path("POLICYREACH_DATA_DIR", ROOT / "var")


def database_url() -> str:
    """POLICYREACH_DATABASE_URL: SQLAlchemy URL (default: an SQLite file in the data directory)."""
    return os.environ.get("POLICYREACH_DATABASE_URL") or f"sqlite:///{data_dir() / 'policyreach.db'}"


def sample_entities() -> int:
    """POLICYREACH_SAMPLE_ENTITIES: size of the generated sample population (default 20,000)."""
    return int(os.environ.get("POLICYREACH_SAMPLE_ENTITIES", "20000"))


def pinned_as_of() -> dt.date | None:
    """POLICYREACH_AS_OF: pin the evaluation date, YYYY-MM-DD (default: none: the platform follows the clock, see
    ``policyreach.clock``, and moves to the next day at the city's midnight)."""
    value = os.environ.get("POLICYREACH_AS_OF")
    return dt.date.fromisoformat(value) if value else None


def as_of() -> dt.date:
    """The pinned evaluation date, else the system's date (for commands that only need a year)."""
    return pinned_as_of() or dt.date.today()


def host() -> str:
    """POLICYREACH_HOST: address the web server binds (default 127.0.0.1)."""
    return os.environ.get("POLICYREACH_HOST", "127.0.0.1")


def port() -> int:
    """POLICYREACH_PORT: web server port (default 8000)."""
    return int(os.environ.get("POLICYREACH_PORT", "8000"))


def secret() -> str | None:
    """POLICYREACH_SECRET: key that signs session cookies (default: one kept in the data directory)."""
    return os.environ.get("POLICYREACH_SECRET") or None


# argon2's least parameters: one pass, 8 KiB of memory per lane
ARGON2_LEAST = (1, 8, 1)


def argon2_parameters() -> tuple[int, int, int]:
    """POLICYREACH_ARGON2: the password hash's cost as "passes,memory KiB,lanes" (default 3,65536,4: RFC 9106's
    low-memory choice, argon2-cffi's own default). A stored hash keeps the cost it was made with and is made again
    at its next sign-in when the setting changed. Lower it only where every password is throw-away (the test suite
    does, to spend its CPU on what it tests)."""
    raw = os.environ.get("POLICYREACH_ARGON2", "3,65536,4")
    try:
        passes, memory, lanes = (int(part) for part in raw.split(","))
    except ValueError:
        raise ValueError(f"POLICYREACH_ARGON2 应为“遍数,内存KiB,并行数”三个整数，收到“{raw}”") from None
    if passes < ARGON2_LEAST[0] or lanes < ARGON2_LEAST[2] or memory < ARGON2_LEAST[1] * lanes:
        raise ValueError(f"POLICYREACH_ARGON2 低于 argon2 的下限（遍数≥1，并行数≥1，内存≥8×并行数 KiB）：“{raw}”")
    return passes, memory, lanes


def audit_key() -> str | None:
    """POLICYREACH_AUDIT_KEY: the secret that keys the audit chain's hashes (default: one kept in the data
    directory's ``audit.key``). Never stored in the database: whoever can write the database cannot re-sign it."""
    return os.environ.get("POLICYREACH_AUDIT_KEY", "").strip() or None


def audit_keys_retired() -> list[str]:
    """POLICYREACH_AUDIT_KEYS_RETIRED: earlier audit secrets, comma-separated, that ``audit verify`` still
    accepts for the entries they signed (default: none, plus the data directory's ``audit-retired.keys``)."""
    return [k.strip() for k in os.environ.get("POLICYREACH_AUDIT_KEYS_RETIRED", "").split(",") if k.strip()]


def audit_anchor_path() -> Path:
    """POLICYREACH_AUDIT_ANCHOR: file where ``audit verify`` keeps the last head it found intact, outside the
    database, so that a tail cut off together with its head row is found (default: data directory's audit.anchor)."""
    return _path("POLICYREACH_AUDIT_ANCHOR", data_dir() / "audit.anchor")


def audit_verify_hour() -> int:
    """POLICYREACH_AUDIT_VERIFY_HOUR: local hour (长春) of the daily audit chain check on the worker (default 3)."""
    return int(os.environ.get("POLICYREACH_AUDIT_VERIFY_HOUR", "3"))


CRYPTO_CHOICES = ("sm", "intl")


def crypto() -> str:
    """POLICYREACH_CRYPTO: the algorithms new audit entries and sensitive fields use: ``sm`` (default: HMAC-SM3 and
    SM4, 国密) or ``intl`` (HMAC-SHA256 and AES-256-GCM, only where the ``cryptography`` package is installed).
    Whatever is chosen, what was written under the other one still verifies and decrypts."""
    value = os.environ.get("POLICYREACH_CRYPTO", "sm").strip().lower() or "sm"
    if value not in CRYPTO_CHOICES:
        raise ValueError(f"POLICYREACH_CRYPTO must be one of {', '.join(CRYPTO_CHOICES)}, not {value!r}")
    return value


def field_keys_path() -> Path:
    """POLICYREACH_FIELD_KEYS: the key ring file sensitive fields (bank account and ID numbers) are encrypted with,
    outside the database (default: the data directory's ``field.keys``, created with mode 600 on first use)."""
    return _path("POLICYREACH_FIELD_KEYS", data_dir() / "field.keys")


RETENTION_MIN_DAYS = 180


def retention_days() -> int:
    """POLICYREACH_RETENTION_DAYS: how long logs and the audit chain are kept in the database before the worker
    exports and prunes them (default 365; never less than 180, what 等保 2.0 asks for logs: a smaller value is
    raised to 180)."""
    return max(RETENTION_MIN_DAYS, int(os.environ.get("POLICYREACH_RETENTION_DAYS", "365")))


def retention_export_dir() -> Path:
    """POLICYREACH_RETENTION_EXPORT_DIR: where pruned audit entries and logs are written, with their anchors,
    before they leave the database (default: the data directory's ``retention/``)."""
    return _path("POLICYREACH_RETENTION_EXPORT_DIR", data_dir() / "retention")


def money_records_years() -> int:
    """POLICYREACH_MONEY_RECORDS_YEARS: how many years an application that public money was paid on is kept, with
    the applicant's personal data, after the payment (default 30, what 会计档案管理办法 asks of accounting records);
    a talent's request to delete their data waits for it."""
    return int(os.environ.get("POLICYREACH_MONEY_RECORDS_YEARS", "30"))


def trusted_proxies() -> tuple[str, ...]:
    """POLICYREACH_TRUSTED_PROXIES: addresses or networks (comma-separated, e.g. ``127.0.0.1,10.0.0.0/8``) of the
    reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (default: none: the client address is
    the peer's). Serve with uvicorn's ``--no-proxy-headers`` (``policyreach serve`` does) so that only this decides."""
    return tuple(p.strip() for p in os.environ.get("POLICYREACH_TRUSTED_PROXIES", "").split(",") if p.strip())


def https() -> bool:
    """POLICYREACH_HTTPS: 1 when users reach the platform over HTTPS through a proxy that does not say so (default
    0: HTTPS is seen from the request itself or a trusted proxy's X-Forwarded-Proto). Makes the session cookie
    ``Secure`` and sends HSTS."""
    return os.environ.get("POLICYREACH_HTTPS", "0").strip().lower() in ("1", "true", "yes", "on")


def max_body_bytes() -> int:
    """POLICYREACH_MAX_BODY_BYTES: the largest request body the server reads, in bytes (default 20 MB); a larger
    one is answered 413 before it is read."""
    return int(os.environ.get("POLICYREACH_MAX_BODY_BYTES", str(20 * 1024 * 1024)))


def sqlite_busy_seconds() -> float:
    """POLICYREACH_SQLITE_BUSY_SECONDS: how long an SQLite connection waits for another writer before giving up
    with "database is locked" (default 30)."""
    return float(os.environ.get("POLICYREACH_SQLITE_BUSY_SECONDS", "30"))


def log_level() -> str:
    """POLICYREACH_LOG_LEVEL: level of the structured JSON logs (default INFO)."""
    return os.environ.get("POLICYREACH_LOG_LEVEL", "INFO")


def uploads_dir() -> Path:
    """POLICYREACH_UPLOADS: where uploaded materials are kept, outside the web root (default: data dir/uploads)."""
    return _path("POLICYREACH_UPLOADS", data_dir() / "uploads")


def upload_max_bytes() -> int:
    """POLICYREACH_UPLOAD_MAX_MB: the largest file one upload field takes (materials, bank files, imports, documents;
    default 10 MB). The whole request's limit is a separate setting; this one is per file."""
    return int(Decimal(os.environ.get("POLICYREACH_UPLOAD_MAX_MB", "10")) * 2**20)


def text_upload_max_bytes() -> int:
    """POLICYREACH_TEXT_UPLOAD_MAX_KB: the largest YAML upload (a policy, a reform, a funds plan; default 1024 KB)."""
    return int(Decimal(os.environ.get("POLICYREACH_TEXT_UPLOAD_MAX_KB", "1024")) * 2**10)


def zip_max_inflated_bytes() -> int:
    """POLICYREACH_ZIP_MAX_INFLATED_MB: the most an XLSX or DOCX (a zip container) may inflate to before it is parsed
    (default 50 MB: a real 10 MB workbook inflates to a few tens of MB; a zip bomb of 100 KB to gigabytes)."""
    return int(Decimal(os.environ.get("POLICYREACH_ZIP_MAX_INFLATED_MB", "50")) * 2**20)


def zip_max_members() -> int:
    """POLICYREACH_ZIP_MAX_MEMBERS: the most files an XLSX or DOCX may contain (default 2000)."""
    return int(os.environ.get("POLICYREACH_ZIP_MAX_MEMBERS", "2000"))


def notice_days() -> int:
    """POLICYREACH_NOTICE_DAYS: length of the public notice (公示) before disbursement (default 7)."""
    return int(os.environ.get("POLICYREACH_NOTICE_DAYS", "7"))


def payment_days() -> int:
    """POLICYREACH_PAYMENT_DAYS: days the finance bureau usually takes to pay once a notice has ended, used for the
    expected payment date a firm is shown (default 10)."""
    return max(0, int(os.environ.get("POLICYREACH_PAYMENT_DAYS", "10")))


def review_days() -> int:
    """POLICYREACH_REVIEW_DAYS: days an application may wait for an officer's decision before the console calls it
    overdue (default 15)."""
    return max(1, int(os.environ.get("POLICYREACH_REVIEW_DAYS", "15")))


def queue_page_size() -> int:
    """POLICYREACH_QUEUE_PAGE_SIZE: applications per page of the officers' review queue (default 50)."""
    return max(1, int(os.environ.get("POLICYREACH_QUEUE_PAGE_SIZE", "50")))


def objection_limits() -> tuple[int, int, int]:
    """POLICYREACH_OBJECTION_LIMITS: objections on the public notice allowed per address per hour, per address and
    application per day, and per application per day (default "5,2,20"); kept in the database for every process."""
    value = os.environ.get("POLICYREACH_OBJECTION_LIMITS", "5,2,20")
    per_address, per_pair, per_application = (int(part) for part in value.split(","))
    return per_address, per_pair, per_application


def objection_max_chars() -> int:
    """POLICYREACH_OBJECTION_MAX_CHARS: the longest objection text taken, in characters (default 2000)."""
    return int(os.environ.get("POLICYREACH_OBJECTION_MAX_CHARS", "2000"))


# -- push (政策找人): clock, worker, channels ----------------------------------------------------------------


def push_now() -> dt.datetime | None:
    """POLICYREACH_NOW: pin the clock of this process to an ISO time (UTC if no offset); default: the real time."""
    value = os.environ.get("POLICYREACH_NOW")
    if not value:
        return None
    when = dt.datetime.fromisoformat(value)
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def smtp_url() -> str:
    """POLICYREACH_SMTP_URL: smtp://[user:password@]host:port (smtps:// for TLS); default smtp://127.0.0.1:25."""
    return os.environ.get("POLICYREACH_SMTP_URL", "smtp://127.0.0.1:25")


def mail_from() -> str:
    """POLICYREACH_MAIL_FROM: sender address of the platform's e-mails (default noreply@policyreach.local)."""
    return os.environ.get("POLICYREACH_MAIL_FROM", "noreply@policyreach.local")


def sms_gateway_url() -> str:
    """POLICYREACH_SMS_URL: HTTP gateway that takes {"phone", "text"} as JSON POST (default http://127.0.0.1:9090/send)."""
    return os.environ.get("POLICYREACH_SMS_URL", "http://127.0.0.1:9090/send")


def public_url() -> str:
    """POLICYREACH_PUBLIC_URL: the platform's address as written into e-mails and SMS (default http://HOST:PORT)."""
    return os.environ.get("POLICYREACH_PUBLIC_URL") or f"http://{host()}:{port()}"


def reminder_days() -> tuple[int, ...]:
    """POLICYREACH_REMINDER_DAYS: days before a window closes to remind, comma-separated (default 7,1)."""
    raw = os.environ.get("POLICYREACH_REMINDER_DAYS", "7,1")
    return tuple(sorted({int(x) for x in raw.split(",") if x.strip()}, reverse=True))


def quiet_hours_default() -> str:
    """POLICYREACH_QUIET_HOURS: default quiet hours, local time HH:MM-HH:MM, empty for none (default 22:00-07:00)."""
    return os.environ.get("POLICYREACH_QUIET_HOURS", "22:00-07:00")


def worker_lease_seconds() -> int:
    """POLICYREACH_WORKER_LEASE: seconds a claimed job stays a worker's before another may take it (default 60)."""
    return int(os.environ.get("POLICYREACH_WORKER_LEASE", "60"))


def job_max_attempts() -> int:
    """POLICYREACH_JOB_ATTEMPTS: tries before a job or a delivery ends as failed (default 5)."""
    return int(os.environ.get("POLICYREACH_JOB_ATTEMPTS", "5"))


def job_backoff_seconds() -> int:
    """POLICYREACH_JOB_BACKOFF: first retry delay in seconds, doubled on each further try (default 30)."""
    return int(os.environ.get("POLICYREACH_JOB_BACKOFF", "30"))


def worker_poll_seconds() -> float:
    """POLICYREACH_WORKER_POLL: seconds the worker waits when no job is due (default 1)."""
    return float(os.environ.get("POLICYREACH_WORKER_POLL", "1"))


def push_chunk() -> int:
    """POLICYREACH_PUSH_CHUNK: notifications written per transaction by a re-match job (default 2000)."""
    return int(os.environ.get("POLICYREACH_PUSH_CHUNK", "2000"))


def push_chunk_pause() -> float:
    """POLICYREACH_PUSH_PAUSE: seconds a re-match job rests between chunks, to spare the database (default 0)."""
    return float(os.environ.get("POLICYREACH_PUSH_PAUSE", "0"))


def assistant_url() -> str | None:
    """POLICYREACH_ASSISTANT_URL: an OpenAI-compatible endpoint (base URL or …/chat/completions) that may propose
    rules for sentences the extractor flagged; unset (the default) means the assistant is off."""
    return os.environ.get("POLICYREACH_ASSISTANT_URL") or None


def assistant_model() -> str:
    """POLICYREACH_ASSISTANT_MODEL: the model name sent to the assistant endpoint (default: default)."""
    return os.environ.get("POLICYREACH_ASSISTANT_MODEL", "default")


def assistant_key() -> str | None:
    """POLICYREACH_ASSISTANT_KEY: bearer key for the assistant endpoint, if it needs one."""
    return os.environ.get("POLICYREACH_ASSISTANT_KEY") or None


# -- conference (政协提案) -------------------------------------------------------------------------------------


def conference_adjust_workdays() -> int:
    """POLICYREACH_ADJUST_WORKDAYS: working days after 交办 within which a unit may ask for adjustment (default 5)."""
    return int(os.environ.get("POLICYREACH_ADJUST_WORKDAYS", "5"))


def conference_chase_days() -> int:
    """POLICYREACH_CHASE_DAYS: days between two 催办 of the same late assignment (default 7: once a week)."""
    return max(1, int(os.environ.get("POLICYREACH_CHASE_DAYS", "7")))


def conference_answer_months() -> int:
    """POLICYREACH_ANSWER_MONTHS: months from 交办 to the answer deadline (default 3; extendable up to 6)."""
    return int(os.environ.get("POLICYREACH_ANSWER_MONTHS", "3"))


def venue_qr_seconds() -> int:
    """POLICYREACH_VENUE_QR_SECONDS: how often the sign-in QR code shown at an activity's venue changes (default 30)."""
    return max(5, int(os.environ.get("POLICYREACH_VENUE_QR_SECONDS", "30")))


def venue_qr_valid_seconds() -> int:
    """POLICYREACH_VENUE_QR_VALID_SECONDS: how long a scanned venue QR code still signs in (default 180: time to
    sign in to the platform first; a photo of the code sent away stops working soon after)."""
    return max(venue_qr_seconds(), int(os.environ.get("POLICYREACH_VENUE_QR_VALID_SECONDS", "180")))


def job_modules() -> list[str]:
    """POLICYREACH_JOB_MODULES: more modules whose job handlers the worker loads, comma-separated (default none)."""
    return [m.strip() for m in os.environ.get("POLICYREACH_JOB_MODULES", "").split(",") if m.strip()]


def demo() -> bool:
    """POLICYREACH_DEMO: 1 seeds the sample city and its demo accounts on start (``make run`` sets it; default off:
    outside demo mode no account with a default password exists)."""
    return os.environ.get("POLICYREACH_DEMO", "0").strip().lower() in ("1", "true", "yes", "on")


def plugins() -> str | None:
    """POLICYREACH_PLUGINS: plug-ins to load, comma-separated, or ``none`` (default: every installed plug-in)."""
    return os.environ.get("POLICYREACH_PLUGINS")


# -- likelihood (issue 21, item 3) --------------------------------------------------------------------------------


def likelihood_model_path() -> Path:
    """POLICYREACH_LIKELIHOOD_MODEL: the learned likelihood's file (default: likelihood.pkl in the data directory)."""
    return _path("POLICYREACH_LIKELIHOOD_MODEL", data_dir() / "likelihood.pkl")


def likelihood_nightly() -> bool:
    """POLICYREACH_LIKELIHOOD_NIGHTLY: 0 turns the worker's nightly likelihood training off (default 1: on; the model
    can still be trained by ``policyreach likelihood train``)."""
    return os.environ.get("POLICYREACH_LIKELIHOOD_NIGHTLY", "1").strip().lower() not in ("0", "false", "no", "off")


def rematch_hour() -> int:
    """POLICYREACH_REMATCH_HOUR: local hour (长春) of the nightly full re-match that rebuilds the stored matches and
    the console's aggregates (default 1)."""
    return int(os.environ.get("POLICYREACH_REMATCH_HOUR", "1"))


def rematch_spark() -> str | None:
    """POLICYREACH_REMATCH_SPARK: the Spark master (``local[*]``, ``spark://host:port``) the nightly full re-match
    runs on, for a province past one machine; unset (default): in the worker's process on the native kernel."""
    return os.environ.get("POLICYREACH_REMATCH_SPARK", "").strip() or None


def rematch_spark_dir() -> Path:
    """POLICYREACH_REMATCH_SPARK_DIR: where the nightly re-match on Spark leaves the population and reads the kept
    pairs back (default: the system's temporary directory); on a cluster, a directory every executor reads and
    writes under the same path (a shared file system)."""
    return _path("POLICYREACH_REMATCH_SPARK_DIR", Path(tempfile.gettempdir()))


def likelihood_hour() -> int:
    """POLICYREACH_LIKELIHOOD_HOUR: local hour (长春) of the nightly likelihood training (default 2)."""
    return int(os.environ.get("POLICYREACH_LIKELIHOOD_HOUR", "2"))


def likelihood_threads() -> int:
    """POLICYREACH_LIKELIHOOD_THREADS: OpenMP threads of one likelihood model's fit or prediction (default 1). The
    models are small (at most LIKELIHOOD_MAX_ROWS rows each) and OpenMP's threads spin while they wait: with the cores
    busy (the web server, the kernel's threads, a second worker) a training took 15 times longer on two threads than
    on one (BENCHMARKS.md, "Match truth")."""
    return max(1, int(os.environ.get("POLICYREACH_LIKELIHOOD_THREADS", "1")))


def likelihood_max_rows() -> int:
    """POLICYREACH_LIKELIHOOD_MAX_ROWS: entities sampled per model when training (default 10000; the nightly job's
    time on two cores, BENCHMARKS.md "Match truth")."""
    return int(os.environ.get("POLICYREACH_LIKELIHOOD_MAX_ROWS", "10000"))


# -- habits learned (issue 21, item 7) -----------------------------------------------------------------------------


def habits_model_path() -> Path:
    """POLICYREACH_HABITS_MODEL: the learned habit weights (JSON, with their provenance; default: habits.json in the
    data directory)."""
    return _path("POLICYREACH_HABITS_MODEL", data_dir() / "habits.json")


def habits_min_firms() -> int:
    """POLICYREACH_HABITS_MIN_FIRMS: firms whose log has an earlier and a later part needed before the nightly fit
    replaces the hand-set habit weights (default 50; fewer, and the hand-set weights stay)."""
    return int(os.environ.get("POLICYREACH_HABITS_MIN_FIRMS", "50"))


def push_min_probability() -> Decimal:
    """POLICYREACH_PUSH_MIN_PROBABILITY: a likely pair is pushed when its learned probability is at least this.

    Default 0.30: on ``BENCH=truth`` (default observation model) the push list's precision is 0.85 at
    0.20, 0.93 at 0.30 and 0.94 at 0.40, recall 0.956, 0.927 and 0.921: 0.30 is the lowest threshold
    that keeps precision above the 0.90 target, clear of the block of loan pairs near 0.23 that no
    known figure separates (BENCHMARKS.md, "Match truth").
    An exact decimal: a threshold is never a float.
    """
    value = Decimal(os.environ.get("POLICYREACH_PUSH_MIN_PROBABILITY", "0.30"))
    if not Decimal(0) <= value <= Decimal(1):
        raise ValueError(f"POLICYREACH_PUSH_MIN_PROBABILITY must be in [0, 1], got {value}")
    return value


# -- unified identity (OpenID Connect; web/oidc.py, app/identities.py) --------------------------------------------


def oidc_issuer() -> str:
    """POLICYREACH_OIDC_ISSUER: the OpenID Connect provider's issuer URL (the province's unified identity,
    政务服务网统一身份认证); its metadata is read from ``/.well-known/openid-configuration`` below it. Default
    empty: unified sign-in is off and only local passwords sign in."""
    return os.environ.get("POLICYREACH_OIDC_ISSUER", "").strip().rstrip("/")


def oidc_client_id() -> str:
    """POLICYREACH_OIDC_CLIENT_ID: the client id the provider registered for the platform (default policyreach)."""
    return os.environ.get("POLICYREACH_OIDC_CLIENT_ID", "policyreach").strip()


def oidc_client_secret() -> str:
    """POLICYREACH_OIDC_CLIENT_SECRET: the client's secret, sent to the token endpoint by HTTP Basic (default empty:
    a public client that proves itself by PKCE alone)."""
    return os.environ.get("POLICYREACH_OIDC_CLIENT_SECRET", "")


def oidc_redirect_url() -> str:
    """POLICYREACH_OIDC_REDIRECT_URL: the callback registered with the provider (default the public URL's
    ``/login/oidc/callback``)."""
    return os.environ.get("POLICYREACH_OIDC_REDIRECT_URL") or f"{public_url().rstrip('/')}/login/oidc/callback"


def oidc_post_logout_url() -> str:
    """POLICYREACH_OIDC_POST_LOGOUT_URL: where the provider sends the browser after signing out there, registered
    with it as a post-logout redirect URI (default the public URL's ``/login``)."""
    return os.environ.get("POLICYREACH_OIDC_POST_LOGOUT_URL") or f"{public_url().rstrip('/')}/login"


def oidc_scopes() -> str:
    """POLICYREACH_OIDC_SCOPES: the scopes asked for, space-separated (default ``openid profile credit_code``)."""
    return os.environ.get("POLICYREACH_OIDC_SCOPES", "openid profile credit_code").strip()


def oidc_credit_code_claim() -> str:
    """POLICYREACH_OIDC_CREDIT_CODE_CLAIM: the claim carrying a legal person's 统一社会信用代码; an identity with it
    signs in as that firm or institute (default ``credit_code``)."""
    return os.environ.get("POLICYREACH_OIDC_CREDIT_CODE_CLAIM", "credit_code").strip()


def oidc_person_claim() -> str:
    """POLICYREACH_OIDC_PERSON_CLAIM: for a natural person (no credit code), the claim whose value the talent
    registry holds as the person's 身份证号摘要 (``id_hash``); default ``sub``, the subject id itself."""
    return os.environ.get("POLICYREACH_OIDC_PERSON_CLAIM", "sub").strip()


def oidc_leeway() -> int:
    """POLICYREACH_OIDC_LEEWAY: seconds of clock difference allowed when checking an ID token's exp and iat
    (default 30)."""
    return int(os.environ.get("POLICYREACH_OIDC_LEEWAY", "30"))


def agent_max_days() -> int:
    """POLICYREACH_AGENT_MAX_DAYS: the longest a firm's agent (经办人) may be authorised for, in days from today
    (default 366: a year, renewed by a new authorisation, so that a forgotten agent lapses on its own)."""
    return int(os.environ.get("POLICYREACH_AGENT_MAX_DAYS", "366"))


# -- second factor (issue 20, item 3) -----------------------------------------------------------------------------


def totp_required() -> bool:
    """POLICYREACH_TOTP_REQUIRED: 1 makes officers, the finance role and administrators enrol a second factor
    (TOTP) before anything else, and refuses money actions to a session opened without it. Default: on, except in
    demo mode (POLICYREACH_DEMO), whose seeded officers sign in with the demo password alone so that ``make run`` can
    be walked without an authenticator app (they may still enrol; an enrolled account always needs its code)."""
    value = os.environ.get("POLICYREACH_TOTP_REQUIRED", "").strip().lower()
    if not value:
        return not demo()
    return value in ("1", "true", "yes", "on")


# -- registry batches, processes and backups (issue 25) -----------------------------------------------------------


def ingest_match_limit() -> int:
    """POLICYREACH_INGEST_MATCH_LIMIT: the largest batch (rows) whose report matches each touched entity before and
    after to count the entities whose matches changed (default 5,000: about 25 ms a row on this machine; a larger
    batch reports the values changed and leaves the matches to the console's aggregates)."""
    return int(os.environ.get("POLICYREACH_INGEST_MATCH_LIMIT", "5000"))


def ingest_max_bytes() -> int:
    """POLICYREACH_INGEST_MAX_MB: the largest batch body the ingest API takes (default 512 MB: a source's yearly
    figures for a million firms in one batch)."""
    return int(Decimal(os.environ.get("POLICYREACH_INGEST_MAX_MB", "512")) * 2**20)


def workers() -> int:
    """POLICYREACH_WORKERS: server processes ``policyreach serve`` starts (default 1; each holds its own platform
    over the one database, see docs/DEPLOY.md)."""
    return int(os.environ.get("POLICYREACH_WORKERS", "1"))


def engine_backend() -> str:
    """POLICYREACH_ENGINE: the population matcher's back end, ``numba`` (the native kernel, default) or ``polars``
    (the reference columnar path); see ``policyreach.engine.backends``."""
    return os.environ.get("POLICYREACH_ENGINE", "numba")


def engine_scratch_mb() -> int:
    """POLICYREACH_ENGINE_SCRATCH_MB: how much of its internal scratch (the fixed-point value columns, the pair
    slab, the amounts' columns) and of the memory of results nothing views any more (condition matrices, pairs,
    amounts) the native kernel keeps for the next call of the same size, so a process matching batch after batch
    does not have the operating system fault in and zero ≈ 500 MB of fresh pages per million entities every time
    (default 1024; 0 keeps nothing). The memory stays with the process."""
    return max(0, int(os.environ.get("POLICYREACH_ENGINE_SCRATCH_MB", "1024")))


def numba_cache_dir() -> Path:
    """NUMBA_CACHE_DIR: where the native kernel's compiled code is kept between processes (default: var/numba-cache;
    a build cache, not data, so it stays out of POLICYREACH_DATA_DIR, which tests point at throw-away folders)."""
    return _path("NUMBA_CACHE_DIR", ROOT / "var" / "numba-cache")


def gc_freeze() -> bool:
    """POLICYREACH_GC_FREEZE: a server process moves what it holds once built (the compiled library, the matcher's
    plan, the modules) out of the garbage collector's generations (default on; ``0`` turns it off). Otherwise each
    full collection walks those ~450,000 objects, a pause of 0.3–0.5 s in the middle of a request every few hundred
    pages, which set the policy page's p99 (see BENCHMARKS.md, "Web on PostgreSQL with several server workers")."""
    return os.environ.get("POLICYREACH_GC_FREEZE", "1").strip().lower() not in ("0", "false", "no", "off")


def gc_freeze_after() -> int:
    """POLICYREACH_GC_FREEZE_AFTER: with POLICYREACH_GC_FREEZE, the request after which a server process freezes
    what its first requests cached (compiled SQL, templates, prepared statements) too (default 200; 0: never)."""
    return int(os.environ.get("POLICYREACH_GC_FREEZE_AFTER", "200"))
