"""Delivery channels: e-mail through a real SMTP server, SMS through an HTTP gateway.

Both have one contract: ``send(address, subject, text, key=…)`` returns only when the server accepted the message
and raises otherwise. Only then is a delivery marked ``sent``; a refusal or a timeout is retried with
back-off by the job queue and ends ``failed`` after the last try. ``key`` is recorded before the first try and the
same on every try: the e-mail's Message-ID (so that mail clients fold a copy sent twice) and the SMS gateway's
``Idempotency-Key`` header (so that the gateway sends a message once however often it is asked).
"""

from __future__ import annotations

import json
import smtplib
import ssl
import urllib.error
import urllib.request
from collections.abc import Callable
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from urllib.parse import unquote, urlsplit

from policyreach import settings


class ChannelError(RuntimeError):
    """The server refused the message or did not answer."""


def send_email(
    address: str,
    subject: str,
    text: str,
    *,
    key: str | None = None,
    url: str | None = None,
    sender: str | None = None,
) -> str:
    """Send through the SMTP server at POLICYREACH_SMTP_URL (smtp://, smtps://, ?starttls) with ``key`` as its
    Message-ID (a new one without it); the Message-ID."""
    parts = urlsplit(url or settings.smtp_url())
    host, port = parts.hostname or "127.0.0.1", parts.port
    message = EmailMessage()
    message["From"] = formataddr(("政策通", sender or settings.mail_from()))
    message["To"] = address
    message["Subject"] = subject
    message["Message-ID"] = key or new_message_id()
    message.set_content(text, charset="utf-8")
    try:
        if parts.scheme == "smtps":
            client: smtplib.SMTP = smtplib.SMTP_SSL(host, port or 465, timeout=15, context=ssl.create_default_context())
        else:
            client = smtplib.SMTP(host, port or 25, timeout=15)
        with client:
            if "starttls" in parts.query:
                client.starttls(context=ssl.create_default_context())
            if parts.username:
                client.login(unquote(parts.username), unquote(parts.password or ""))
            refused = client.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise ChannelError(f"SMTP {host}:{port}: {exc}") from exc
    if refused:
        raise ChannelError(f"SMTP refused {refused}")
    return str(message["Message-ID"])


def send_sms(phone: str, subject: str, text: str, *, key: str | None = None, url: str | None = None) -> str:
    """POST {"phone", "text"} as JSON to the gateway with ``key`` as its Idempotency-Key; sent only on a 2xx answer
    (its id, when it gives one). A gateway asked again with a key it accepted answers as before and sends nothing."""
    target = url or settings.sms_gateway_url()
    headers = {"Content-Type": "application/json; charset=utf-8"}
    if key:
        headers["Idempotency-Key"] = key
    request = urllib.request.Request(
        target, data=json.dumps({"phone": phone, "text": text}).encode(), headers=headers, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            answer = response.read()
    except urllib.error.HTTPError as exc:
        raise ChannelError(f"SMS gateway {target} answered {exc.code}: {exc.read()[:200]!r}") from exc
    except OSError as exc:
        raise ChannelError(f"SMS gateway {target}: {exc}") from exc
    try:
        return str(json.loads(answer or b"{}").get("id", ""))
    except (ValueError, AttributeError):
        return ""


def new_message_id() -> str:
    return make_msgid(domain="policyreach.local")


CHANNELS: dict[str, Callable[..., str]] = {"email": send_email, "sms": send_sms}
CHANNEL_ZH = {"email": "电子邮件", "sms": "短信"}
