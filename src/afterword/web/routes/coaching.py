"""Server mode's coaching pages: the caseload, the review queue, one review (the note with
its checks, its timeline and the comments), and the forms that ask for a review, comment,
resolve and close. Each handler translates the request into one `services.caseload` or
`services.reviews` call; the session's scope keeps everyone to what they may read."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from afterword import limits
from afterword.services import caseload, reviews
from afterword.store.accounts import User
from afterword.vocab import AccountRole
from afterword.web.deps import NowDep, RowId, SessionDep, SettingsDep, render, require_role
from afterword.web.security import verify_csrf
from afterword.web.views import coach_note_page

router = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])
Staff = Annotated[User, Depends(require_role(AccountRole.COACH, AccountRole.ADMIN))]
Coach = Annotated[User, Depends(require_role(AccountRole.COACH))]
Member = Annotated[User, Depends(require_role(AccountRole.COACH, AccountRole.CANDIDATE))]
Candidate = Annotated[User, Depends(require_role(AccountRole.CANDIDATE))]
Comment = Annotated[str, Form(max_length=limits.MAX_COMMENT_CHARS * 2)]
Message = Annotated[str, Form(max_length=limits.MAX_REVIEW_MESSAGE_CHARS * 2)]


@router.get("/caseload", response_class=HTMLResponse)
def caseload_page(request: Request, session: SessionDep, settings: SettingsDep, now: NowDep,
                  user: Staff, coach: int | None = None) -> HTMLResponse:
    """The candidates, the one who needs help soonest first."""
    entries = caseload.caseload(session, settings, now, viewer=user, coach_id=coach)
    return render(request, "caseload.html", title="Caseload", entries=entries, user=user,
                  coaches=caseload.coaches_of(session) if user.role == AccountRole.ADMIN
                  else [], chosen=coach)


@router.get("/reviews", response_class=HTMLResponse)
def reviews_page(request: Request, session: SessionDep, user: Member) -> HTMLResponse:
    """A coach's queue of review requests; a candidate's own requests."""
    found = (reviews.queue(session, coach_id=user.id, include_closed=True)
             if user.role == AccountRole.COACH else reviews.asked_by(session, user_id=user.id))
    return render(request, "reviews.html", title="Reviews", rows=reviews.listed(session, found),
                  user=user)


@router.get("/reviews/{review_id}", response_class=HTMLResponse)
def review_page(request: Request, review_id: RowId, session: SessionDep,
                settings: SettingsDep, now: NowDep, user: Staff) -> HTMLResponse:
    """One request: the note as it reads now with its stored checks and its timeline, the
    comments placed on it, and (for the coach asked) the comment form."""
    return coach_note_page(request, session, reviews.review_view(session, review_id),
                           settings, now, user)


@router.get("/caseload/notes/{note_id}", response_class=HTMLResponse)
def candidate_note(request: Request, note_id: RowId, session: SessionDep,
                   settings: SettingsDep, now: NowDep, user: Staff) -> HTMLResponse:
    """A candidate's note as their coach reads it (its checks, its timeline, its review)."""
    return coach_note_page(request, session, reviews.note_view(session, note_id), settings,
                           now, user)


@router.post("/notes/{note_id}/review")
def ask_for_review(note_id: RowId, session: SessionDep, now: NowDep, user: Candidate,
                   message: Message = "") -> RedirectResponse:
    """Ask my coach to look at this note (it can still be sent at any time)."""
    reviews.request_review(session, note_id, by=user, now=now, message=message)
    return RedirectResponse(f"/notes/{note_id}#review", status_code=303)


@router.post("/reviews/{review_id}/comments")
def add_comment(review_id: RowId, session: SessionDep, now: NowDep, user: Member,
                body: Comment, about: Comment = "", start: int | None = Form(None),
                end: int | None = Form(None)) -> RedirectResponse:
    """Comment on the reviewed note: on some of its words, or on all of it."""
    made = reviews.comment(session, review_id, by=user, body=body, now=now, about=about,
                           start=start, end=end)
    target = (f"/reviews/{review_id}" if user.role == AccountRole.COACH
              else f"/notes/{reviews.note_of(session, made)}#review")
    return RedirectResponse(f"{target}#comment-{made.id}" if "#" not in target else target,
                            status_code=303)


@router.post("/review-comments/{comment_id}/resolve")
def resolve_comment(comment_id: RowId, session: SessionDep, now: NowDep, user: Candidate,
                    undo: Annotated[str, Form(max_length=10)] = "") -> RedirectResponse:
    """Mark a comment dealt with (or, with `undo`, not)."""
    done = reviews.resolve(session, comment_id, by=user, now=now, resolved=not undo)
    return RedirectResponse(f"/notes/{reviews.note_of(session, done)}#review",
                            status_code=303)


@router.post("/reviews/{review_id}/close")
def close_review(review_id: RowId, session: SessionDep, now: NowDep,
                 user: Candidate) -> RedirectResponse:
    """Done with this review."""
    closed = reviews.close(session, review_id, by=user, now=now)
    return RedirectResponse(f"/notes/{closed.note_id}#review", status_code=303)

