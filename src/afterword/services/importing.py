"""Importing files: every invite and backup is read and checked before anything is written.

One import is one transaction: either every file is stored, or none is and the error names
the file that stopped it (`import_sources`, the CLI's). Several invites picked at once in
the web are imported one by one (`import_each`): each file is its own transaction and its
own line of the report, so one bad file keeps none of the others out.

When another process stores the same invite at the same moment, the unique interview UID
makes our insert fail; the import then runs again and finds the other process's
interview, so the invite becomes one application, not a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from afterword.calendar.invite import Invite, InviteError, parse_invites
from afterword.limits import MAX_INVITE_BYTES, MAX_INVITES_PER_UPLOAD, LimitError, load_json
from afterword.services.invites import Imported, apply_invite
from afterword.store.repo import Invalid


class ImportFailed(ValueError):
    """A file cannot be imported; the message names it. Nothing was stored."""


@dataclass(frozen=True)
class Source:
    """One file to import: its name (for messages) and its bytes."""

    name: str
    data: bytes
    kind: str | None = None  # "backup" or "invite" when the caller knows; else guessed


@dataclass(frozen=True)
class FileOutcome:
    """What one file did: the invites' outcomes, or how many applications a backup restored."""

    name: str
    invites: list[Imported] = field(default_factory=list)
    restored: int | None = None


@dataclass(frozen=True)
class _Parsed:
    name: str
    invites: list[Invite] | None = None
    backup: Any = None


def is_backup(source: Source) -> bool:
    """Whether the file is a JSON backup rather than a calendar invite."""
    if source.kind is not None:
        return source.kind == "backup"
    return source.name.lower().endswith(".json") or source.data.lstrip()[:1] in {b"{", b"["}


def read_invites(source: Source, own_emails: frozenset[str],
                 user_name: str | None = None) -> list[Invite]:
    """The invites of one .ics file, within the limits; ImportFailed naming the file."""
    if not source.data.strip():
        raise ImportFailed(f"{source.name} is empty: choose the .ics file")
    try:
        invites = parse_invites(source.data, own_emails, user_name=user_name)
    except InviteError as exc:
        raise ImportFailed(f"{source.name}: {exc}") from None
    return invites  # each invite keeps at most limits.MAX_PEOPLE_PER_INVITE people


def _read(source: Source, own_emails: frozenset[str], user_name: str | None) -> _Parsed:
    if not is_backup(source):
        return _Parsed(source.name, invites=read_invites(source, own_emails, user_name))
    from afterword.store.backup_check import validate_backup

    try:
        document = load_json(source.data.decode("utf-8-sig"), source.name)
    except (UnicodeDecodeError, ValueError) as exc:  # JSONDecodeError and LimitError too
        reason = str(exc) if isinstance(exc, LimitError) else f"this is not JSON ({exc})"
        raise ImportFailed(f"{source.name}: {reason}") from None
    try:
        validate_backup(document)
    except Invalid as exc:
        raise ImportFailed(f"{source.name}: {exc}") from None
    return _Parsed(source.name, backup=document)


def import_sources(session: Session, sources: list[Source], *, own_emails: frozenset[str],
                   now: datetime, user_name: str | None = None) -> list[FileOutcome]:
    """Every file into the store, all or nothing (ImportFailed names the first bad file)."""
    parsed = [_read(source, own_emails, user_name) for source in sources]
    try:
        return _store(session, parsed, now)
    except IntegrityError:
        session.rollback()  # another process stored one of these invites meanwhile
    try:
        return _store(session, parsed, now)
    except IntegrityError as exc:
        session.rollback()
        raise ImportFailed(f"the import clashed with another one twice ({exc.orig})") from None


def _store(session: Session, parsed: list[_Parsed], now: datetime) -> list[FileOutcome]:
    from afterword.store.backup import import_all

    outcomes: list[FileOutcome] = []
    for item in parsed:
        try:
            if item.backup is not None:
                outcomes.append(FileOutcome(item.name, restored=import_all(session,
                                                                            item.backup)))
                continue
            outcomes.append(FileOutcome(item.name, invites=[
                apply_invite(session, invite, now=now) for invite in item.invites or []]))
        except Invalid as exc:
            session.rollback()
            raise ImportFailed(f"{item.name}: {exc} (nothing was imported)") from None
    session.flush()
    return outcomes


@dataclass(frozen=True)
class FileReport:
    """One file of several imported one by one: what it did, or why nothing of it was kept."""

    name: str
    outcome: FileOutcome | None = None
    error: str | None = None


def import_each(session: Session, sources: list[Source], *, own_emails: frozenset[str],
                now: datetime, user_name: str | None = None) -> list[FileReport]:
    """Each file in its own transaction (committed when it is stored), each reported."""
    if len(sources) > MAX_INVITES_PER_UPLOAD:
        raise ImportFailed(f"{len(sources)} files at once: pick at most "
                           f"{MAX_INVITES_PER_UPLOAD}, nothing was imported")
    reports: list[FileReport] = []
    for source in sources:
        try:
            if len(source.data) > MAX_INVITE_BYTES:
                raise ImportFailed(f"{source.name}: over {MAX_INVITE_BYTES // 1_000_000} MB, "
                                   "and a calendar invite is much smaller")
            [done] = import_sources(session, [source], own_emails=own_emails, now=now,
                                    user_name=user_name)
            session.commit()
        except ImportFailed as exc:
            session.rollback()
            reason = str(exc).removeprefix(f"{source.name}: ")  # the report names the file
            reports.append(FileReport(source.name, error=reason))
        else:
            reports.append(FileReport(source.name, outcome=done))
    return reports
