"""Compose drafts: one per interviewer (or the one `recipient` names), any kind or medium.

Pure: no clock reads (pass `now`), no I/O except the package's own templates.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from afterword.compose.common import Setup, one_line, tidy, word_count
from afterword.compose.dates import check_in_send_at, thank_you_send_at
from afterword.compose.followups import (
    after_rejection_parts,
    check_in_parts,
    request_email_parts,
)
from afterword.compose.panel import panel_parts
from afterword.compose.render import render
from afterword.compose.subjects import subject_for
from afterword.compose.thanks import extra_sentences, thank_you_parts
from afterword.etiquette.text.names import fold
from afterword.etiquette.text.note import parse_note
from afterword.model import Context, Kind, Medium, Person, parse_context
from afterword.thresholds import DEFAULT, Thresholds


class DraftError(ValueError):
    """The context cannot yield the draft asked for; the message says what is missing."""


@dataclass(frozen=True)
class Options:
    """What to draft, beyond the context."""

    kind: Kind | None = None
    medium: Medium | None = None
    news: str | None = None
    dialect: str | None = None
    country: str | None = "US"
    panel_single_note: bool = False
    templates: Mapping[str, str] = field(default_factory=dict)
    now: datetime | None = None
    thresholds: Thresholds = DEFAULT


@dataclass(frozen=True)
class Draft:
    """One composed note."""

    recipient: str
    name: str
    email: str | None
    kind: Kind
    medium: Medium
    subject: str | None
    body: str
    send_at: datetime | None
    remarks: tuple[str, ...] = ()

    @property
    def note(self) -> str:
        """The full note: To/Subject headers for an email with a known address, else the body."""
        if self.medium != "email" or not self.email:
            return self.body
        from afterword.compose.eml import sanitise_header

        return (f"To: {sanitise_header(self.email)}\nSubject: {sanitise_header(self.subject)}"
                f"\n\n{self.body}")

    @property
    def word_count(self) -> int:
        """Words between the salutation and the sign-off, as the checker counts them."""
        return _main_words(self.body)

    def to_json(self) -> dict[str, Any]:
        """The `--format json` shape of one draft."""
        return {"recipient": self.recipient, "name": self.name, "subject": self.subject,
                "note": self.note}


def draft(context: Context | dict[str, Any], options: Options | None = None) -> list[Draft]:
    """Every draft the context and options call for. Raises DraftError or ContextError."""
    options = options or Options()
    ctx, _ = parse_context(context)
    kind: Kind = options.kind or ctx.kind
    ctx = ctx.model_copy(update={"kind": kind})
    if kind == "request_email":
        return [_one(ctx, _scheduler(ctx), 0, options)]
    people = _addressees(ctx)
    if (kind == "thank_you" and options.panel_single_note and ctx.recipient is None
            and len(ctx.interviewers) >= options.thresholds.panel_single_note_min
            and ctx.scheduler is not None):
        return [_one(ctx, ctx.scheduler, 0, options, panel=True)]
    return [_one(ctx, person, index, options) for index, person in people]


def _scheduler(ctx: Context) -> Person:
    if ctx.scheduler is None or not (ctx.scheduler.name or ctx.scheduler.given_name):
        raise DraftError("a request_email draft needs the scheduler's name (context 'scheduler')")
    return ctx.scheduler


def _addressees(ctx: Context) -> list[tuple[int, Person]]:
    people = [(i, p) for i, p in enumerate(ctx.interviewers) if p.name or p.given_name]
    if not people:
        raise DraftError("no interviewer with a name in the context ('interviewers')")
    if ctx.recipient:
        key = fold(ctx.recipient)
        chosen = [(i, p) for i, p in people if key in {fold(p.email or ""), fold(p.name or "")}]
        if not chosen:
            raise DraftError(f"recipient {ctx.recipient!r} is not one of the interviewers")
        return chosen
    return people


def choose_medium(ctx: Context, person: Person, wanted: Medium,
                  send_at: datetime | None = None,
                  thresholds: Thresholds = DEFAULT) -> tuple[Medium, list[str]]:
    """The medium to use: a card only when it can arrive in time, else email (with why)."""
    if wanted != Medium.HANDWRITTEN:
        return wanted, []
    if not (person.mailing_address or "").strip() and not ctx.drop_off:
        return Medium.EMAIL, ["no mailing address and no drop-off for a card (AW601): "
                              "drafted as email"]
    when = send_at or ctx.send_at or ctx.interview.end
    if ctx.expected_reply_by and when and not ctx.drop_off and (
        ctx.expected_reply_by - when.date()
    ).days < thresholds.mailed_min_days:
        return Medium.EMAIL, ["the decision is less than a week away (AW602): drafted as email"]
    return Medium.HANDWRITTEN, []


def _send_at(ctx: Context, options: Options) -> datetime | None:
    if ctx.kind == "check_in":
        return check_in_send_at(ctx, options.country, options.now, options.thresholds)
    if ctx.kind == "thank_you":
        return thank_you_send_at(ctx, options.now, options.thresholds)
    return options.now


def _one(ctx: Context, person: Person, index: int, options: Options, *,
         panel: bool = False) -> Draft:
    send_at = _send_at(ctx, options)
    medium, remarks = choose_medium(ctx, person, options.medium or ctx.medium, send_at,
                                    options.thresholds)
    dialect = options.dialect or ctx.dialect or "american"
    setup = Setup(ctx, person, index, dialect, medium, options.country, send_at,
                  options.news, remarks, options.thresholds)
    if medium == "email" and not person.email:
        remarks.append(f"no email address on record for {one_line(person.name)}: ask the "
                       "scheduler for it (kind request_email) or send a card")
    if not one_line(ctx.candidate.name):
        remarks.append("no writer's name (context 'candidate.name'): sign the note yourself")
    body = _body(setup, options, panel=panel)
    subject = subject_for(setup, options.templates) if medium == "email" else None
    return Draft(
        recipient=one_line(person.email) or one_line(person.name),
        name=one_line(person.name) or one_line(f"{person.given_name} {person.family_name}"),
        email=one_line(person.email) or None, kind=ctx.kind, medium=medium, subject=subject,
        body=body, send_at=send_at, remarks=tuple(remarks),
    )


_PARTS: dict[str, Callable[[Setup], dict[str, Any]]] = {
    "check_in": check_in_parts,
    "request_email": request_email_parts,
    "after_rejection": after_rejection_parts,
}


def _body(setup: Setup, options: Options, *, panel: bool) -> str:
    kind = setup.context.kind
    if panel:
        return _render("panel_thank_you.txt.j2", panel_parts(setup), options)
    if kind != "thank_you":
        return _render(f"{kind}.txt.j2", _PARTS[kind](setup), options)
    return _thank_you(setup, options)


def _render(name: str, variables: dict[str, Any], options: Options) -> str:
    return tidy(render(name, variables, options.templates))


def _thank_you(setup: Setup, options: Options) -> str:
    """Render the thank-you, then fit it to length: 90–150 words (email), ≤ 90 (card)."""
    limits = setup.thresholds
    low, high = limits.draft_email_words if setup.email else (0, limits.draft_card_max)
    parts = thank_you_parts(setup, budget=high)
    text = _render("thank_you.txt.j2", parts, options)
    extra = 0
    while setup.email and _main_words(text) < low and extra < 3:
        extra += 1
        text = _render("thank_you.txt.j2", {**parts, "extra_sentences":
                       extra_sentences(setup, extra)}, options)
    for cut in ("moment_sentences", "role_line", "opening"):
        if _main_words(text) <= high:
            break
        parts = _shorten(parts, cut)
        text = _render("thank_you.txt.j2", parts, options)
    return text


def _shorten(parts: dict[str, Any], key: str) -> dict[str, Any]:
    if key == "moment_sentences":
        return {**parts, key: parts[key][:1], "extra_sentences": []}
    if key == "opening":
        return {**parts, key: "Thank you for your time."}
    return {**parts, key: ""}


def _main_words(text: str) -> int:
    note = parse_note(text)
    return word_count(note.main_text)

