"""The draft for a second reader: clearly marked, with the check's summary, and with no way
back to the interviewer — their address appears nowhere in it, so a careless forward or a
reply-all cannot reach them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from typing import Any

from afterword.mail.message import build, new_message_id

SUBJECT_PREFIX = "[Draft for review]"
BANNER = ("DRAFT FOR REVIEW - NOT SENT. Please reply to me with your comments; "
          "do not forward it to anyone.")
RULE = "-" * 60
REMOVED = "[interviewer's address removed]"


def review_message(*, friend: Address, sender: Address, subject: str, body: str,
                   report: dict[str, Any], addressee: str, company: str,
                   hidden: Iterable[str], date: datetime | None = None) -> EmailMessage:
    """The review email to `friend`; every address in `hidden` is removed from it."""
    secrets = sorted({h.strip().lower() for h in hidden if h and h.strip()}, key=len,
                     reverse=True)
    text = "\n".join([
        BANNER, RULE,
        f"For: {addressee or 'the interviewer'} at {company} (address left out on purpose)",
        f"Subject: {subject or '(none)'}",
        summary(report), RULE, "", body.rstrip(), "", RULE, BANNER,
    ])
    message = build(to=friend, sender=sender,
                    subject=_redact(f"{SUBJECT_PREFIX} {subject}".strip(), secrets),
                    body=_redact(text, secrets) + "\n", date=date,
                    message_id=new_message_id(sender))
    ensure_hidden(message, secrets)
    return message


def summary(report: dict[str, Any]) -> str:
    """The check's counts and its findings, one per line."""
    counts = report.get("counts") or {}
    lines = ["Check: " + ", ".join(f"{counts.get(k, 0)} {k}{'s' if counts.get(k, 0) != 1 else ''}"
                                   for k in ("error", "warning", "suggestion"))]
    for finding in report.get("findings") or []:
        lines.append(f"  - {finding.get('code')} {finding.get('name')} "
                     f"({finding.get('severity')}): {finding.get('message')}")
    if not report:
        lines[0] = "Check: not run yet"
    return "\n".join(lines)


def _redact(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        text = re.sub(re.escape(secret), REMOVED, text, flags=re.IGNORECASE)
    return text


def ensure_hidden(message: EmailMessage, secrets: Iterable[str]) -> None:
    """Refuse to go on (ValueError) if any hidden address survived anywhere in the message."""
    raw = message.as_bytes(policy=policy.SMTP).decode("utf-8", "replace").lower()
    content = message.get_content().lower()
    headers = " ".join(str(v) for v in message.values()).lower()
    for secret in secrets:
        if secret in raw or secret in content or secret in headers:
            raise ValueError("the review message would reveal the interviewer's address")
