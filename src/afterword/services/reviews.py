"""Review requests (server mode): a candidate asks their coach to look at a draft, the coach
comments on a span of it or on the whole note, and the candidate sees the comments beside
the text, resolves them and closes the request.

Reviews are advice, never a gate: nothing here is consulted by sending, and a note with an
open review goes out like any other. Who may do what is decided here (the session's scope
also refuses writes outside the account's reach): the note's writer asks, resolves and
closes; the coach the request went to (or the writer, replying) comments.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterword.limits import MAX_COMMENT_CHARS, MAX_REVIEW_MESSAGE_CHARS
from afterword.services import audit
from afterword.store import repo
from afterword.store.accounts import ReviewComment, ReviewRequest, User
from afterword.store.repo import Invalid, NotFound
from afterword.store.tables import Application, Note
from afterword.vocab import NoteState, ReviewState

#: a review can be asked for while the note may still change or has not gone yet
REVIEWABLE = frozenset({NoteState.DRAFT, NoteState.APPROVED, NoteState.SCHEDULED})
LIVE = (ReviewState.OPEN, ReviewState.ANSWERED)


@dataclass(frozen=True)
class Listed:
    """A request as the review lists show it."""

    review: ReviewRequest
    note: Note
    candidate: str
    where: str  # "Data Analyst at Northwind"
    to: str  # the addressee
    comments: int


@dataclass(frozen=True)
class InlineComment:
    """A comment as the compose page shows it: where its quoted text is in the note now
    (None for a whole-note comment, or when that text is no longer there)."""

    comment: ReviewComment
    author: str
    start: int | None
    end: int | None

    @property
    def outdated(self) -> bool:
        """A span comment whose quoted text was edited away."""
        return self.comment.start is not None and self.start is None


def clean_text(text: str, what: str, limit: int, *, required: bool) -> str:
    """Typed text kept as typed (line breaks and tabs too), without other control
    characters; Invalid when it is empty (if `required`) or longer than `limit`."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch in "\n\t" or ch.isprintable()).strip()
    if required and not repo.visible(text):
        raise Invalid(f"{what} is empty: write something first")
    if len(text) > limit:
        raise Invalid(f"{what} is {len(text):,} characters; the limit is {limit:,} "
                      f"(limit: {what})")
    return text


def _owner_of(session: Session, note: Note) -> int | None:
    app = session.get(Application, note.application_id)
    return app.owner_id if app is not None else None


def _review(session: Session, review_id: int) -> ReviewRequest:
    review = session.get(ReviewRequest, review_id)
    if review is None:
        raise NotFound(f"no review request {review_id}")
    return review


def request_review(session: Session, note_id: int, *, by: User, now: datetime,
                   message: str = "") -> ReviewRequest:
    """Ask `by`'s coach to review note `note_id` (`by` wrote it). A live request for the
    note is reused, with the new message, so asking twice makes one request."""
    note = repo.get_note(session, note_id)
    if _owner_of(session, note) != by.id:
        raise Invalid("only the note's writer can ask for a review of it")
    refused = ask_refusal(by, note)
    if refused:
        raise Invalid(refused)
    text = clean_text(message, "the review message", MAX_REVIEW_MESSAGE_CHARS,
                      required=False)
    review = session.scalars(select(ReviewRequest).where(
        ReviewRequest.note_id == note.id, ReviewRequest.state.in_(LIVE))).first()
    if review is None:
        review = ReviewRequest(note_id=note.id, requested_by=by.id, coach_id=by.coach_id,
                               state=ReviewState.OPEN.value, message=text, created_at=now,
                               updated_at=now)
        session.add(review)
    else:
        review.message, review.coach_id, review.updated_at = text, by.coach_id, now
        review.state = ReviewState.OPEN.value
    session.flush()
    audit.record(session, "review.request", now=now, actor_id=by.id, subject_id=by.id,
                 organisation_id=by.organisation_id,
                 detail={"review_id": review.id, "note_id": note.id})
    return review


def _words(body: str, about: str) -> tuple[int, int]:
    at = body.find(about)
    if at == -1:
        shown = about if len(about) <= 60 else about[:57] + "…"
        raise Invalid(f"the words {shown!r} are not in the note: copy them from its text")
    return at, at + len(about)


def ask_refusal(by: User | None, note: Note) -> str | None:
    """Why `by` cannot ask for a review of `note` now (None: they can): only a candidate
    with a coach, for a note still to go."""
    if by is None or by.role != "candidate":
        return "only candidates ask their coach for a review"
    if note.status not in REVIEWABLE:
        return f"this note is {note.status}: a review is for a note still to go"
    if by.coach_id is None:
        return "no coach is assigned to you yet: ask your centre to assign one"
    return None


def can_ask(by: User | None, note: Note) -> bool:
    """Whether `by` may ask for a review of `note` now (the page shows the button then)."""
    return ask_refusal(by, note) is None


def _span(note: Note, start: int | None, end: int | None) -> tuple[int | None, int | None]:
    if start is None and end is None:
        return None, None
    if start is None or end is None:
        raise Invalid("a comment on a span needs both its start and its end")
    if not 0 <= start < end <= len(note.body):
        raise Invalid(f"the span {start}–{end} is not inside the note "
                      f"({len(note.body)} characters)")
    return start, end


def comment(session: Session, review_id: int, *, by: User, body: str, now: datetime,
            start: int | None = None, end: int | None = None,
            about: str = "") -> ReviewComment:
    """Comment on the reviewed note: on the text from `start` to `end` (character offsets
    into the body as it is now), or on the words `about` (their first occurrence), or,
    without either, on the whole note."""
    review = _review(session, review_id)
    note = repo.get_note(session, review.note_id)
    if start is None and end is None and about.strip():
        start, end = _words(note.body, about.strip())
    owner = _owner_of(session, note)
    if by.id not in {review.coach_id, owner}:
        raise Invalid("only the coach asked and the note's writer can comment on it")
    if review.state == ReviewState.CLOSED:
        raise Invalid("this review is closed: ask for a new one")
    text = clean_text(body, "the comment", MAX_COMMENT_CHARS, required=True)
    first, last = _span(note, start, end)
    quote = note.body[first:last] if first is not None else ""
    made = ReviewComment(review_id=review.id, author_id=by.id, start=first, end=last,
                         quote=quote, body=text, resolved=False, created_at=now)
    session.add(made)
    if by.id == review.coach_id:
        review.state = ReviewState.ANSWERED.value
    review.updated_at = now
    session.flush()
    audit.record(session, "review.comment", now=now, actor_id=by.id, subject_id=owner,
                 organisation_id=by.organisation_id,
                 detail={"review_id": review.id, "note_id": note.id, "comment_id": made.id})
    return made


def resolve(session: Session, comment_id: int, *, by: User, now: datetime,
            resolved: bool = True) -> ReviewComment:
    """Mark a comment dealt with (or not, with `resolved=False`): the note's writer does."""
    found = session.get(ReviewComment, comment_id)
    if found is None:
        raise NotFound(f"no review comment {comment_id}")
    review = _review(session, found.review_id)
    owner = _owner_of(session, repo.get_note(session, review.note_id))
    if by.id != owner:
        raise Invalid("only the note's writer can resolve its comments")
    found.resolved = resolved
    review.updated_at = now
    session.flush()
    return found


def close(session: Session, review_id: int, *, by: User, now: datetime) -> ReviewRequest:
    """The writer closes the request (done with it); comments stay readable."""
    review = _review(session, review_id)
    owner = _owner_of(session, repo.get_note(session, review.note_id))
    if by.id != owner:
        raise Invalid("only the note's writer can close its review")
    review.state, review.updated_at = ReviewState.CLOSED.value, now
    session.flush()
    audit.record(session, "review.close", now=now, actor_id=by.id, subject_id=owner,
                 organisation_id=by.organisation_id,
                 detail={"review_id": review.id, "note_id": review.note_id})
    return review


def queue(session: Session, *, coach_id: int, include_closed: bool = False
          ) -> list[ReviewRequest]:
    """The requests sent to a coach, waiting ones first (oldest first within each)."""
    query = select(ReviewRequest).where(ReviewRequest.coach_id == coach_id)
    if not include_closed:
        query = query.where(ReviewRequest.state.in_(LIVE))
    rows = list(session.scalars(query))
    order = {ReviewState.OPEN: 0, ReviewState.ANSWERED: 1, ReviewState.CLOSED: 2}
    return sorted(rows, key=lambda r: (order.get(ReviewState(r.state), 3), r.created_at,
                                       r.id))


def asked_by(session: Session, *, user_id: int) -> list[ReviewRequest]:
    """The requests a candidate made, newest first."""
    rows = session.scalars(select(ReviewRequest).where(ReviewRequest.requested_by == user_id))
    return sorted(rows, key=lambda r: (r.updated_at, r.id), reverse=True)


def for_note(session: Session, note_id: int) -> list[ReviewRequest]:
    """A note's review requests, oldest first."""
    return list(session.scalars(select(ReviewRequest).where(ReviewRequest.note_id == note_id)
                                .order_by(ReviewRequest.id)))


def comments(session: Session, review_id: int) -> list[ReviewComment]:
    """A request's comments in the order they were written."""
    return list(session.scalars(select(ReviewComment).where(
        ReviewComment.review_id == review_id).order_by(ReviewComment.id)))


def locate(body: str, start: int | None, end: int | None, quote: str
           ) -> tuple[int, int] | None:
    """Where a comment's quoted text is in `body` now: at its old place, else the
    occurrence nearest to it; None when it is gone (or it was a whole-note comment)."""
    if start is None or end is None or not quote:
        return None
    if body[start:end] == quote:
        return start, end
    hits, at = [], body.find(quote)
    while at != -1:
        hits.append(at)
        at = body.find(quote, at + 1)
    if not hits:
        return None
    best = min(hits, key=lambda hit: abs(hit - start))
    return best, best + len(quote)


def inline(session: Session, note: Note) -> list[InlineComment]:
    """Every comment on `note` (of its live requests), placed on the note as it reads
    now, in the order of the text (whole-note and outdated ones first)."""
    live = [r.id for r in for_note(session, note.id) if r.state in LIVE]
    if not live:
        return []
    found = list(session.scalars(select(ReviewComment).where(
        ReviewComment.review_id.in_(live)).order_by(ReviewComment.id)))
    authors = {u.id: u.name or u.email for u in session.scalars(
        select(User).where(User.id.in_({c.author_id for c in found if c.author_id})))}
    out = []
    for c in found:
        place = locate(note.body, c.start, c.end, c.quote)
        out.append(InlineComment(c, authors.get(c.author_id or -1, "a former member"),
                                 *(place or (None, None))))
    return sorted(out, key=lambda i: (i.start is not None, i.start or 0, i.comment.id))


@dataclass(frozen=True)
class ReviewView:
    """A note as coaches see it (read-only): the text as it reads now, its stored check,
    and its review request (None: none asked) with the comments placed on it."""

    review: ReviewRequest | None
    note: Note
    candidate: str
    where: str
    to: str
    comments: list[InlineComment]
    pieces: list[tuple[str, int | None]]  # the body cut at the comments (text, comment id)

    @property
    def is_live(self) -> bool:
        """Whether comments may still be added."""
        return self.review is not None and self.review.state in LIVE

    @property
    def findings(self) -> list[dict[str, object]]:
        """The note's stored findings (as the candidate last saw them)."""
        return list((self.note.report or {}).get("findings", []))


def _names(session: Session, ids: set[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return {u.id: u.name or u.email for u in session.scalars(
        select(User).where(User.id.in_(wanted)))}


def _where(app: Application) -> str:
    return f"{app.role} at {app.company}" if app.role else app.company


def listed(session: Session, found: list[ReviewRequest]) -> list[Listed]:
    """The requests `found`, with what the lists show of each."""
    names = _names(session, {r.requested_by for r in found})
    out = []
    for review in found:
        note = repo.get_note(session, review.note_id)
        app = repo.get_application(session, note.application_id)
        out.append(Listed(review, note, names.get(review.requested_by, "a candidate"),
                          _where(app), note.person.name if note.person else app.company,
                          len(comments(session, review.id))))
    return out


def pieces(body: str, placed: list[InlineComment]) -> list[tuple[str, int | None]]:
    """`body` cut into runs of text, each marked with the comment on it (None: none);
    where comments overlap, the earlier one keeps the text."""
    out: list[tuple[str, int | None]] = []
    at = 0
    for c in sorted((c for c in placed if c.start is not None), key=lambda c: c.start or 0):
        start, end = c.start or 0, c.end or 0
        if start < at:
            continue
        if start > at:
            out.append((body[at:start], None))
        out.append((body[start:end], c.comment.id))
        at = end
    if at < len(body) or not out:
        out.append((body[at:], None))
    return out


def review_view(session: Session, review_id: int) -> ReviewView:
    """The coach's page of one request (NotFound outside the session's scope)."""
    review = _review(session, review_id)
    return _view(session, repo.get_note(session, review.note_id), review)


def note_view(session: Session, note_id: int) -> ReviewView:
    """A candidate's note as their coach reads it, with its latest review (if any)."""
    note = repo.get_note(session, note_id)
    asked = for_note(session, note.id)
    return _view(session, note, asked[-1] if asked else None)


def _view(session: Session, note: Note, review: ReviewRequest | None) -> ReviewView:
    app = repo.get_application(session, note.application_id)
    placed = inline(session, note) if review is not None and review.state in LIVE else []
    owner = review.requested_by if review is not None else app.owner_id
    name = _names(session, {owner}).get(owner or -1, "a candidate")
    return ReviewView(review, note, name, _where(app),
                      note.person.name if note.person else app.company, placed,
                      pieces(note.body, placed))


def note_of(session: Session, found: ReviewComment) -> int:
    """The id of the note a comment is about."""
    return _review(session, found.review_id).note_id


def for_compose(session: Session, note: Note) -> tuple[ReviewRequest | None,
                                                        list[InlineComment]]:
    """What the compose page shows of reviews: the note's live request (None: none) and
    its comments placed on the text as it reads now."""
    live = [r for r in for_note(session, note.id) if r.state in LIVE]
    return (live[-1] if live else None), inline(session, note)
