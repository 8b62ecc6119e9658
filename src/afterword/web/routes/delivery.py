"""Delivery: send (SMTP, at most once), Drafts folder (IMAP), .eml, printed card, reconcile."""

from __future__ import annotations

from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from afterword.mail import DeliveryError
from afterword.services import notes as notes_states
from afterword.services import outbox, schedule
from afterword.store import repo
from afterword.store.scope import check_writable
from afterword.web.deps import NowDep, RowId, SessionDep, SettingsDep, StateDep
from afterword.web.mail_access import mail_access
from afterword.web.security import verify_csrf
from afterword.web.views import compose_page, outcome_view
from afterword.web.when import moment_text, user_zone

router = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])




@router.post("/notes/{note_id}/send", response_class=HTMLResponse)
def send(request: Request, note_id: RowId, session: SessionDep, settings: SettingsDep,
         state: StateDep, now: NowDep, body: Annotated[str | None, Form()] = None,
         subject: Annotated[str | None, Form()] = None) -> HTMLResponse:
    """Send the note by email; the outcome (sent, uncertain, failed…) is shown and explained."""
    notes_states.keep_edits(check_writable(session, repo.get_note(session, note_id)), body,
                            subject)
    session.commit()  # the outbox works in its own transactions
    try:
        done = outbox.send_note(state.url, note_id, settings, now=now,
                                password=mail_access(request, session, settings)[1])
        outcome = outcome_view(done.status, done.detail)
    except (outbox.OutboxError, DeliveryError) as exc:
        outcome = outcome_view("error", str(exc))
    session.expire_all()
    note = repo.get_note(session, note_id)
    return compose_page(request, session, note, settings, now, outcome=outcome)


@router.post("/notes/{note_id}/schedule", response_class=HTMLResponse)
def schedule_send(request: Request, note_id: RowId, session: SessionDep,
                  settings: SettingsDep, state: StateDep, now: NowDep,
                  when: Annotated[str, Form(max_length=100)] = "best",
                  body: Annotated[str | None, Form()] = None,
                  subject: Annotated[str | None, Form()] = None) -> HTMLResponse:
    """Send later: at `when` (the offered moment, their time); checked first, as Send is."""
    notes_states.keep_edits(check_writable(session, repo.get_note(session, note_id)), body,
                            subject)
    session.commit()  # scheduling works in its own transaction
    try:
        done = schedule.schedule(state.url, note_id, when, settings, now=now)
        outcome = (outcome_view("blocked", done.blocked) if done.blocked else None)
        notice = None if done.blocked else (
            f"Scheduled for {moment_text(done.at, now, user_zone(), ZoneInfo(done.zone))}.")
    except (outbox.OutboxError, schedule.WhenError) as exc:
        outcome, notice = outcome_view("error", str(exc)), None
    session.expire_all()
    note = repo.get_note(session, note_id)
    return compose_page(request, session, note, settings, now, outcome=outcome, notice=notice)


@router.post("/notes/{note_id}/unschedule", response_class=HTMLResponse)
def unschedule_send(request: Request, note_id: RowId, session: SessionDep,
                    settings: SettingsDep, state: StateDep, now: NowDep) -> HTMLResponse:
    """Cancel a scheduled send: back to approved, nothing sent."""
    check_writable(session, repo.get_note(session, note_id))  # server mode: yours only
    session.commit()
    try:
        said = schedule.unschedule(state.url, note_id, now=now)
    except outbox.OutboxError as exc:
        raise repo.Invalid(str(exc)) from None
    session.expire_all()
    note = repo.get_note(session, note_id)
    return compose_page(request, session, note, settings, now, notice=said)


@router.post("/notes/{note_id}/reconcile", response_class=HTMLResponse)
def reconcile(request: Request, note_id: RowId, session: SessionDep, settings: SettingsDep,
              state: StateDep, now: NowDep,
              went: Annotated[str, Form()] = "") -> HTMLResponse:
    """Settle an uncertain send: the user looked in their Sent folder."""
    check_writable(session, repo.get_note(session, note_id))  # server mode: yours only
    session.commit()
    try:
        said = outbox.reconcile(state.url, note_id, sent=went == "yes", now=now)
    except outbox.OutboxError as exc:
        raise repo.Invalid(str(exc)) from None
    session.expire_all()
    note = repo.get_note(session, note_id)
    return compose_page(request, session, note, settings, now, notice=said)


@router.post("/notes/{note_id}/mailbox", response_class=HTMLResponse)
def to_mailbox(request: Request, note_id: RowId, session: SessionDep, settings: SettingsDep,
               now: NowDep, body: Annotated[str | None, Form()] = None,
               subject: Annotated[str | None, Form()] = None) -> HTMLResponse:
    """Put the note in the Drafts folder of your mailbox (IMAP)."""
    from afterword.mail import imap
    from afterword.mail.message import InvalidAddress, build, mailbox, new_message_id

    note = repo.get_note(session, note_id)
    notes_states.keep_edits(note, body, subject)
    try:
        if not settings.imap_host:
            raise outbox.OutboxError("IMAP is not configured: set the incoming mail server "
                                     "in Settings")
        person = note.person
        if person is None or not person.email:
            raise outbox.OutboxError("this note's addressee has no email address")
        sender = mailbox(settings.user_name, settings.user_email, "sender (your address)")
        message = build(to=mailbox(person.name, person.email, "recipient"), sender=sender,
                        subject=note.subject, body=note.body,
                        message_id=new_message_id(sender), date=now)
        mail, password = mail_access(request, session, settings, imap=True)
        folder = imap.append_draft(message, mail, password)
    except (outbox.OutboxError, DeliveryError, InvalidAddress) as exc:
        return compose_page(request, session, note, settings, now,
                            outcome=outcome_view("error", str(exc)))
    return compose_page(request, session, note, settings, now,
                        notice=f"The note is in your {folder} folder, ready to send.")


@router.get("/notes/{note_id}/note.eml")
def eml(note_id: RowId, session: SessionDep, settings: SettingsDep) -> Response:
    """The note as an .eml file your mail program opens as a draft."""
    from email import policy

    from afterword.compose.eml import build_message

    note = repo.get_note(session, note_id)
    person = note.person
    message = build_message(to_name=person.name if person else None,
                            to_email=person.email if person else None,
                            from_name=settings.user_name, from_email=settings.user_email,
                            subject=note.subject, body=note.body)
    message["X-Unsent"] = "1"
    return Response(message.as_bytes(policy=policy.SMTP), media_type="message/rfc822",
                    headers={"content-disposition": f'attachment; filename="note-{note.id}.eml"'})


@router.get("/notes/{note_id}/card.pdf")
def card(note_id: RowId, session: SessionDep, settings: SettingsDep, now: NowDep) -> Response:
    """The note as a printable card (to copy by hand), with its envelope and checklist."""
    from afterword.cards.pdf import CardError, CardJob, render_card_pdf
    from afterword.plan.business import next_business_day
    from afterword.services.agenda import advice_for
    from afterword.services.tracker import latest_interview

    note = repo.get_note(session, note_id)
    app = repo.get_application(session, note.application_id)
    advice = advice_for(app, note.person, settings, now)
    interview = latest_interview(app)
    post_by = advice.post_by or (next_business_day(interview.end.date(), settings.holidays_country)
                                 if interview else None)
    job = CardJob(note_text=note.body,
                  recipient_name=note.person.name if note.person else app.company,
                  recipient_address=note.person.mailing_address if note.person else None,
                  return_name=settings.user_name or "", return_address=None,
                  post_by=post_by, checklist=advice.checklist, drop_off=app.drop_off,
                  recipient_honorific=note.person.honorific if note.person else None,
                  recipient_title=note.person.title if note.person else None,
                  recipient_company=app.company,
                  fix_hint="add it on the People page")
    try:
        pdf = render_card_pdf(job)
    except CardError as exc:
        raise repo.Invalid(str(exc)) from None
    return Response(pdf, media_type="application/pdf",
                    headers={"content-disposition": f'inline; filename="card-{note.id}.pdf"'})
