"""The daily digest: an email to yourself with today's agenda, what closes soon, what waits.

Sent by the worker at `digest_hour` (your time) when that setting is on, to your own
address (`user_email`). It says what is due today, which thank-you windows close soon,
what is scheduled to go, and which scheduled notes wait for you because they came due late.
"""

from __future__ import annotations

from datetime import datetime

from afterword.config import Settings
from afterword.mail import message as mail_message
from afterword.services import outbox
from afterword.services.agenda import agenda_for
from afterword.services.schedule import late_sends, scheduled_for
from afterword.store import due
from afterword.store.db import session_scope
from afterword.store.tables import Note


def digest_text(url: str, settings: Settings, *, now: datetime) -> str:
    """The digest's body: one line per thing to do, most urgent first."""
    lines = [f"afterword, {now:%A %d %B %Y}", ""]
    with session_scope(url) as session:
        items = agenda_for(session, settings, now)
        scheduled = [(session.get(Note, row.note_id), scheduled_for(session, row.note_id))
                     for row in due.pending_sends(session) if row.note_id is not None]
        late = late_sends(session)
    for item in items:
        lines.append(f"- [{item.urgency}] {item.title}: {item.detail}")
    for note, at in scheduled:
        if note is not None and at is not None:
            lines.append(f"- [scheduled] note {note.id} ({note.subject or 'no subject'}) "
                         f"goes {at:%Y-%m-%d %H:%M} UTC")
    for note, at, why in late:
        lines.append(f"- [waiting] note {note.id} was due {at:%Y-%m-%d %H:%M} UTC but waits "
                     f"({why}): send it late (`afterword send {note.id}`) or not "
                     f"(`afterword unschedule {note.id}`)")
    if len(lines) == 2:
        lines.append("Nothing is due today.")
    return "\n".join(lines) + "\n"


def send_digest(url: str, settings: Settings, *, now: datetime, password: str | None,
                transport: outbox.Transport | None = None) -> str:
    """Email the digest to the user's own address; what happened, in one line."""
    from afterword.mail import smtp

    if not settings.user_email or not settings.smtp_host:
        return "no digest: set your email address and SMTP server"
    me = mail_message.mailbox(settings.user_name, settings.user_email, "your address")
    message = mail_message.build(to=me, sender=me, subject=f"afterword: today, {now:%d %B}",
                                 body=digest_text(url, settings, now=now),
                                 message_id=mail_message.new_message_id(me), date=now)
    (transport or smtp.send)(message, settings, password=password)
    return f"digest sent to {me.addr_spec}"
