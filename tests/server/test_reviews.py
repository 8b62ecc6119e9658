"""Review requests: a candidate asks their coach, the coach comments on a span or the whole
note, the candidate sees the comments placed on the text as it reads now, resolves and
closes them; nobody else reaches them, and a review never holds a note back from sending."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from afterword.server import secrets
from afterword.services import reviews
from afterword.services.outbox import send_note
from afterword.store.accounts import AuditEntry, ReviewComment, ReviewRequest, User
from afterword.store.repo import Invalid, NotFound
from afterword.store.scope import OutOfScope
from afterword.store.tables import Application, Note
from afterword.vocab import NoteState, ReviewState
from tests.mail.conftest import SEND_AT, SmtpServer, add_note, settings_for, smtp_server
from tests.server.centre import NOW, Centre, build
from tests.server.centre import add_application as add_app
from tests.server.centre import add_note as add_draft

__all__ = ["smtp_server"]  # the fixture, imported for the send test

BODY = "Dear Ms. Raman,\n\nThank you for the conversation about the dashboards.\n\nBest,\nAna"


@pytest.fixture
def centre(tmp_path: Path) -> Centre:
    """The centre, with a draft by Ana (coached by Casey)."""
    built = build(f"sqlite:///{tmp_path / 'reviews.db'}")
    with built.system() as session:
        app = add_app(session, built.ids["ana"], "Northwind Analytics",
                      ended=NOW - timedelta(hours=3))
        built.ids["note"] = add_draft(session, app, BODY).id
    return built


def _ask(centre: Centre, message: str = "Is the middle too short?") -> int:
    with centre.as_("ana") as (session, ana):
        return reviews.request_review(session, centre.ids["note"], by=ana, now=NOW,
                                      message=message).id


def test_a_candidate_asks_and_their_coach_sees_it_in_the_queue(centre: Centre) -> None:
    review_id = _ask(centre)
    with centre.as_("casey") as (session, casey):
        (waiting,) = reviews.queue(session, coach_id=casey.id)
        assert (waiting.id, waiting.state, waiting.message) == (
            review_id, ReviewState.OPEN, "Is the middle too short?")
    with centre.as_("dana") as (session, dana):
        assert reviews.queue(session, coach_id=dana.id) == []
        assert session.get(ReviewRequest, review_id) is None
    with centre.system() as session:
        actions = session.scalars(select(AuditEntry.action)).all()
        assert "review.request" in actions


def test_asking_twice_makes_one_request(centre: Centre) -> None:
    first = _ask(centre, "first")
    second = _ask(centre, "second thoughts")
    assert first == second
    with centre.system() as session:
        (only,) = session.scalars(select(ReviewRequest)).all()
        assert only.message == "second thoughts"


def test_the_coach_comments_on_a_span_and_on_the_whole_note(centre: Centre) -> None:
    review_id = _ask(centre)
    start = BODY.index("the dashboards")
    with centre.as_("casey") as (session, casey):
        span = reviews.comment(session, review_id, by=casey, now=NOW, start=start,
                               end=start + len("the dashboards"),
                               body="Name the dbt move: it was her favourite topic.")
        reviews.comment(session, review_id, by=casey, now=NOW, body="Warm and short. Good.")
        assert span.quote == "the dashboards"
        assert session.get_one(ReviewRequest, review_id).state == ReviewState.ANSWERED
    with centre.as_("ana") as (session, _ana):
        note = session.get_one(Note, centre.ids["note"])
        placed = reviews.inline(session, note)
        assert [(c.author, c.start) for c in placed] == [("Casey Coach", None),
                                                         ("Casey Coach", start)]
        assert note.body[placed[1].start:placed[1].end] == "the dashboards"


def test_a_comment_follows_its_text_after_edits_and_says_when_it_is_gone(
        centre: Centre) -> None:
    review_id = _ask(centre)
    start = BODY.index("the dashboards")
    with centre.as_("casey") as (session, casey):
        reviews.comment(session, review_id, by=casey, now=NOW, body="More here.",
                        start=start, end=start + len("the dashboards"))
    with centre.as_("ana") as (session, _ana):
        note = session.get_one(Note, centre.ids["note"])
        note.body = BODY.replace("Dear Ms. Raman,", "Dear Dr. Priya Raman,")
        (moved,) = reviews.inline(session, note)
        assert note.body[moved.start:moved.end] == "the dashboards"
        note.body = BODY.replace("the dashboards", "moving the dashboards to dbt and more")
        assert reviews.inline(session, note)[0].start is not None  # still quoted inside
        note.body = BODY.replace("the dashboards", "your dbt migration")
        (gone,) = reviews.inline(session, note)
        assert gone.outdated and gone.start is None


def test_the_writer_resolves_and_closes_and_the_coach_cannot(centre: Centre) -> None:
    review_id = _ask(centre)
    with centre.as_("casey") as (session, casey):
        made = reviews.comment(session, review_id, by=casey, now=NOW, body="Shorter?")
        comment_id = made.id
        with pytest.raises(Invalid, match="writer"):
            reviews.resolve(session, comment_id, by=casey, now=NOW)
        with pytest.raises(Invalid, match="writer"):
            reviews.close(session, review_id, by=casey, now=NOW)
    with centre.as_("ana") as (session, ana):
        assert reviews.resolve(session, comment_id, by=ana, now=NOW).resolved
        reviews.comment(session, review_id, by=ana, now=NOW, body="Done, thanks!")
        assert reviews.close(session, review_id, by=ana, now=NOW).state == ReviewState.CLOSED
        note = session.get_one(Note, centre.ids["note"])
        assert reviews.inline(session, note) == []  # a closed review leaves the page
    with centre.as_("casey") as (session, casey):
        assert reviews.queue(session, coach_id=casey.id) == []
        with pytest.raises(Invalid, match="closed"):
            reviews.comment(session, review_id, by=casey, now=NOW, body="One more thing")


def test_nobody_else_reads_or_comments(centre: Centre) -> None:
    review_id = _ask(centre)
    for who in ("ben", "dana", "omar", "zoe"):
        with centre.as_(who) as (session, user):
            with pytest.raises(NotFound):
                reviews.comment(session, review_id, by=user, now=NOW, body="I snoop")
            assert session.scalars(select(ReviewRequest)).all() == []
    with centre.as_("admin") as (session, admin):
        assert session.get(ReviewRequest, review_id) is not None  # reports, yes
        with pytest.raises(Invalid, match="only the coach"):
            reviews.comment(session, review_id, by=admin, now=NOW, body="From the admin")
    with centre.system() as session:
        assert session.scalars(select(ReviewComment)).all() == []


def test_a_forged_comment_row_from_another_coach_is_refused_by_the_scope(
        centre: Centre) -> None:
    review_id = _ask(centre)
    with centre.as_("dana") as (session, dana):
        session.add(ReviewComment(review_id=review_id, author_id=dana.id, body="x",
                                  quote="", resolved=False, created_at=NOW))
        with pytest.raises(OutOfScope):
            session.flush()
        session.rollback()


def test_bad_requests_are_one_line_and_store_nothing(centre: Centre) -> None:
    with centre.as_("casey") as (session, casey), \
            pytest.raises(Invalid, match="only the note's writer"):
        reviews.request_review(session, centre.ids["note"], by=casey, now=NOW)
    with centre.system() as session:
        session.get_one(User, centre.ids["ana"]).coach_id = None
    with centre.as_("ana") as (session, ana), pytest.raises(Invalid, match="no coach"):
        reviews.request_review(session, centre.ids["note"], by=ana, now=NOW)
    with centre.system() as session:
        session.get_one(User, centre.ids["ana"]).coach_id = centre.ids["casey"]
    review_id = _ask(centre)
    cases = [
        ({"body": "  \r\n\t "}, "empty"),
        ({"body": "x" * 4001}, "limit"),
        ({"body": "ok", "start": 5, "end": 2}, "not inside"),
        ({"body": "ok", "start": 0, "end": 10_000}, "not inside"),
        ({"body": "ok", "start": 3}, "both"),
    ]
    with centre.as_("casey") as (session, casey):
        for fields, message in cases:
            with pytest.raises(Invalid, match=message):
                reviews.comment(session, review_id, by=casey, now=NOW, **fields)  # type: ignore[arg-type]
        hostile = reviews.comment(session, review_id, by=casey, now=NOW,
                                  body="<script>alert(1)</script>\r\nO'Brien-Zoë\x00\x1b")
        assert hostile.body == "<script>alert(1)</script>\nO'Brien-Zoë"
    with centre.system() as session:
        assert len(session.scalars(select(ReviewComment)).all()) == 1


def test_a_sent_note_cannot_be_reviewed(centre: Centre) -> None:
    with centre.system() as session:
        session.get_one(Note, centre.ids["note"]).status = NoteState.SENT
    with centre.as_("ana") as (session, ana), pytest.raises(Invalid, match="still to go"):
        reviews.request_review(session, centre.ids["note"], by=ana, now=NOW)


def test_an_open_review_never_holds_a_note_back(tmp_path: Path, smtp_server: SmtpServer,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(secrets.KEYS_ENV, secrets.new_key())
    url = f"sqlite:///{tmp_path / 'send.db'}"
    built = build(url)
    (note_id,) = add_note(url)
    with built.system() as session:
        note = session.get_one(Note, note_id)
        session.get_one(Application, note.application_id).owner_id = built.ids["ana"]
        session.get_one(User, built.ids["ana"]).settings = {  # her own server, no password
            "smtp_host": "127.0.0.1", "smtp_port": smtp_server.port, "smtp_security": "none"}
    with built.as_("ana") as (session, ana):
        reviews.request_review(session, note_id, by=ana, now=NOW, message="Quick look?")
    outcome = send_note(url, note_id, settings_for(smtp_server.port, url), now=SEND_AT)
    assert outcome.status == "sent", outcome
    assert len(smtp_server.received) == 1
    with built.system() as session:
        assert session.get_one(Note, note_id).status == NoteState.SENT
        assert session.scalars(select(ReviewRequest.state)).all() == [ReviewState.OPEN]
