"""Compose drafts: one per interviewer (or the one `recipient` names), any kind or medium.

Pure: no clock reads (pass `now`), no I/O except the package's own templates.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from afterword.compose.card import card_parts
from afterword.compose.checkins import NoAddressee, addressees, check_in_parts
from afterword.compose.common import Setup, one_line, tidy, word_count
from afterword.compose.dates import check_in_send_at, thank_you_send_at
from afterword.compose.followups import after_rejection_parts, request_email_parts
from afterword.compose.greeting import honorific_hint
from afterword.compose.panel import panel_parts
from afterword.compose.render import render
from afterword.compose.subjects import subject_for
from afterword.compose.thanks import generic_lines, thank_you_parts
from afterword.compose.variety import Memory
from afterword.config import Thresholds
from afterword.etiquette.text.names import fold
from afterword.etiquette.text.note import parse_note
from afterword.model import Context, Kind, Medium, Person, parse_context

ONE_ADDRESSEE: frozenset[str] = frozenset({"check_in", "after_rejection"})
PADDING_MAX = 8  # generic lines a short thank-you may take to reach the policy's floor


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
    to: tuple[str, ...] = ()  # check-in / rejection reply: write to these people instead
    avoid: tuple[str, ...] = ()  # notes already written to others: share no sentence
    thresholds: Thresholds | None = None  # the one policy object (defaults when None)

    @property
    def policy(self) -> Thresholds:
        """The thresholds in force."""
        return self.thresholds or Thresholds()


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
    hint: str | None = None  # e.g. "record the honorific", shown by the CLI and the web


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
    memory = Memory()  # shared by the whole panel: no long sentence goes to two people
    memory.remember(options.avoid)
    if kind == "request_email":
        return [_one(ctx, _scheduler(ctx), 0, options, memory)]
    if kind in ONE_ADDRESSEE:
        try:
            people, why = addressees(ctx, options.to)
        except NoAddressee as exc:
            raise DraftError(str(exc)) from None
        return [_one(ctx, p, i, options, memory, why=why) for i, p in enumerate(people)]
    if (kind == "thank_you" and options.panel_single_note and ctx.recipient is None
            and len(ctx.interviewers) >= options.policy.panel_single_note_min
            and ctx.scheduler is not None):
        return [_one(ctx, ctx.scheduler, 0, options, memory, panel=True)]
    return [_one(ctx, person, index, options, memory) for index, person in _addressees(ctx)]


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
                  send_at: datetime | None = None, *,
                  policy: Thresholds | None = None) -> tuple[Medium, list[str]]:
    """The medium to use: a card only when it can arrive in time, else email (with why)."""
    if wanted != Medium.HANDWRITTEN:
        return wanted, []
    if not (person.mailing_address or "").strip() and not ctx.drop_off:
        return Medium.EMAIL, ["no mailing address and no drop-off for a card (AW601): "
                              "drafted as email"]
    when = send_at or ctx.send_at or ctx.interview.end
    if ctx.expected_reply_by and when and not ctx.drop_off and (
        ctx.expected_reply_by - when.date()
    ).days < (policy or Thresholds()).mailed_min_days:
        return Medium.EMAIL, ["the decision is less than a week away (AW602): drafted as email"]
    return Medium.HANDWRITTEN, []


def _send_at(ctx: Context, options: Options) -> datetime | None:
    """When the note will go: the scheduled `send_at` when the policy allows it, else the
    policy's first good time (a scheduled time outside it is the user's to fix)."""
    planned: datetime | None = options.now
    if ctx.kind == "check_in":
        planned = check_in_send_at(ctx, options.country, options.now, options.policy)
    elif ctx.kind == "thank_you":
        planned = thank_you_send_at(ctx, options.now, options.policy)
    if ctx.send_at is None or planned is None:
        return ctx.send_at or planned
    if ctx.kind == "thank_you":
        end = ctx.interview.end or ctx.interview.start
        window = timedelta(hours=options.policy.thank_you_due_hours)
        if end is not None and not planned <= ctx.send_at <= end + window:
            return planned
    elif ctx.kind == "check_in" and ctx.send_at < planned:
        return planned
    return ctx.send_at


def _one(ctx: Context, person: Person, index: int, options: Options, memory: Memory, *,
         panel: bool = False, why: str | None = None) -> Draft:
    send_at = _send_at(ctx, options)
    medium, remarks = choose_medium(ctx, person, options.medium or ctx.medium, send_at,
                                    policy=options.policy)
    dialect = options.dialect or ctx.dialect or "american"
    setup = Setup(ctx, person, index, dialect, medium, options.country, send_at,
                  options.news, remarks, memory, options.policy)
    if why:
        remarks.append(f"written to {one_line(person.name) or person.email}: {why}")
    if medium == "email" and not person.email:
        remarks.append(f"no email address on record for {one_line(person.name)}: ask the "
                       "scheduler for it (kind request_email) or send a card")
    if not one_line(ctx.candidate.name):
        remarks.append("no writer's name (context 'candidate.name'): sign the note yourself")
    hint = honorific_hint(ctx, person)
    body = _body(setup, options, panel=panel)
    subject = subject_for(setup, options.templates) if medium == "email" else None
    return Draft(
        recipient=one_line(person.email) or one_line(person.name),
        name=one_line(person.name) or one_line(f"{person.given_name} {person.family_name}"),
        email=one_line(person.email) or None, kind=ctx.kind, medium=medium, subject=subject,
        body=body, send_at=send_at, remarks=tuple(remarks), hint=hint,
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
    if not setup.email:
        return _card(setup, options)
    return _thank_you(setup, options)


def _render(name: str, variables: dict[str, Any], options: Options) -> str:
    return tidy(render(name, variables, options.templates))


def _limits(setup: Setup) -> tuple[int, int]:
    policy = setup.thresholds
    if not setup.email:
        return 0, policy.draft_card_max
    high = min(policy.email_words_suggestion, policy.email_words_warning)
    return min(policy.draft_email_words_min, max(high - 40, 0)), high


def _thank_you(setup: Setup, options: Options) -> str:
    """Render the thank-you, then fit it to length: 90 words up to the policy's ceiling."""
    low, high = _limits(setup)
    parts = thank_you_parts(setup, budget=high)
    text = _render("thank_you.txt.j2", parts, options)
    if _main_words(text) < low:
        padding = generic_lines(setup, PADDING_MAX)
        for count in range(1, len(padding) + 1):
            parts = {**parts, "extra_sentences": padding[:count]}
            text = _render("thank_you.txt.j2", parts, options)
            if _main_words(text) >= low:
                break
    for cut in ("extra_sentences", "moment_sentences", "role_line", "opening"):
        if _main_words(text) <= high:
            break
        parts = _shorten(parts, cut)
        text = _render("thank_you.txt.j2", parts, options)
    setup.memory.remember([text])
    return text


def _card(setup: Setup, options: Options) -> str:
    """The card: its own short text, cut line by line if a template makes it too long."""
    _, high = _limits(setup)
    parts = card_parts(setup)
    text = _render("card.txt.j2", parts, options)
    while _main_words(text) > high and len(parts["lines"]) > 2:
        parts = {**parts, "lines": [*parts["lines"][:1], *parts["lines"][2:]]}
        text = _render("card.txt.j2", parts, options)
    return text


def _shorten(parts: dict[str, Any], key: str) -> dict[str, Any]:
    if key == "extra_sentences":
        return {**parts, key: parts[key][:-1]}
    if key == "moment_sentences":
        return {**parts, key: parts[key][:1], "extra_sentences": []}
    if key == "opening":
        return {**parts, key: "Thank you for your time."}
    return {**parts, key: ""}


def _main_words(text: str) -> int:
    note = parse_note(text)
    return word_count(note.main_text)

