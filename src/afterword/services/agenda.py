"""What to do and when: the plan per application, today's agenda, medium advice, calendar.

The use cases take the session, the settings and `now` explicitly, and are what every
interface calls: `afterword today` / `plan` / `calendar`, the web's Today and calendar
feed, the JSON API and the daily digest. The planner's policy is built once, here
(`plan_settings`), from the configured thresholds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from afterword.calendar.export import CalendarEvent, stable_uid
from afterword.config import Settings
from afterword.plan.advise import Advice, advise, card_post_by
from afterword.plan.policy import PlannedStep, PlanSettings, Sent, plan
from afterword.plan.today import AgendaItem, ApplicationView, agenda
from afterword.services import dismissals
from afterword.services.tracker import latest_interview
from afterword.store import repo
from afterword.store.tables import Application, FollowUp, Person
from afterword.vocab import SENT_STATES, THANKED_ROLES


@dataclass(frozen=True)
class Plan:
    """One application's follow-up timeline."""

    application: Application
    steps: list[PlannedStep]


@dataclass(frozen=True)
class SentSoFar:
    """What the user has sent for an application: how many thank-yous and check-ins went,
    and when the latest of each did."""

    thank_yous: int
    check_ins: int
    last_thank_you: datetime | None
    last_check_in: datetime | None


def sent_so_far(app: Application) -> SentSoFar:
    """The notes that went (sent or mailed), so a page says what happened, not the plan."""
    gone = [n for n in app.notes if n.status in SENT_STATES and n.sent_at]
    thanks = [_aware(n.sent_at) for n in gone if n.kind == "thank_you" and n.sent_at]
    ins = [_aware(n.sent_at) for n in gone if n.kind == "check_in" and n.sent_at]
    return SentSoFar(len(thanks), len(ins), max(thanks, default=None), max(ins, default=None))


def _ended(app: Application) -> datetime | None:
    """When the application's latest interview ends (aware), if it has one."""
    interview = latest_interview(app)
    return _aware(interview.end) if interview is not None else None


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def plan_settings(settings: Settings) -> PlanSettings:
    """The planner's policy: the configured thresholds and the holidays' country."""
    return PlanSettings.of(settings.thresholds, settings.holidays_country)


def agenda_for(session: Session, settings: Settings, now: datetime) -> list[AgendaItem]:
    """Today's agenda: what to do now across every application, most urgent first, with the
    steps the user dismissed from Today left out."""
    return today(repo.list_applications(session), settings, now,
                 skip=dismissals.dismissed(session))


def plan_for(session: Session, app_id: int, settings: Settings, now: datetime, *,
             record: bool = False) -> Plan:
    """The follow-up plan of one application (`NotFound` if there is none); with `record`,
    stored as its planned follow-ups too (`afterword plan` does; a page only reads)."""
    app = repo.get_application(session, app_id)
    steps = steps_for(app, settings, now)
    if record:
        sync_follow_ups(app, steps)
    return Plan(app, steps)


def coming_up(session: Session, settings: Settings, now: datetime,
              listed: list[AgendaItem]) -> list[tuple[Application, PlannedStep]]:
    """The next step of each active application that is not due yet and not already on the
    agenda (`listed`), soonest first. An application with a step overdue has none: what
    follows is planned from a step not taken ("three weeks after check-in 2" when no
    check-in went), and the overdue one comes first."""
    shown = {(i.application_id, i.kind, i.number) for i in listed}
    behind = {i.application_id for i in listed if i.urgency == "overdue"}
    nexts = []
    for app in repo.list_applications(session, include_closed=False):
        if app.id in behind:
            continue
        later = [s for s in steps_for(app, settings, now)
                 if s.due > now and (app.id, s.kind, s.number) not in shown]
        if later:
            nexts.append((app, later[0]))
    return sorted(nexts, key=lambda pair: pair[1].due)


def calendar_for(session: Session, settings: Settings, now: datetime,
                 app_id: int | None = None) -> list[CalendarEvent]:
    """The plan as calendar events: of one application, or of every active one."""
    apps = ([repo.get_application(session, app_id)] if app_id is not None
            else repo.list_applications(session, include_closed=False))
    return calendar_events(apps, settings, now)


def _zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return "UTC"
    return name


def steps_for(app: Application, settings: Settings, now: datetime) -> list[PlannedStep]:
    """The follow-up timeline of one application, per docs/follow-up-policy.md."""
    interview = latest_interview(app)
    if interview is None:
        return []
    sent = [Sent(n.kind, n.sent_at) for n in app.notes if n.status in SENT_STATES and n.sent_at]
    return plan(interview_end=interview.end, tz=_zone(interview.timezone or app.timezone),
                expected_reply_by=app.expected_reply_by, status=app.status, sent=sent,
                now=now, settings=plan_settings(settings))


def sync_follow_ups(app: Application, steps: list[PlannedStep]) -> None:
    """Store the planned steps (replacing the previous plan; done ones stay)."""
    app.follow_ups[:] = [f for f in app.follow_ups if f.status != "planned"]
    for step in steps:
        app.follow_ups.append(FollowUp(kind=step.kind, number=step.number, due=step.due,
                                       latest=step.latest, reason=step.reason))


def cards_to_post(app: Application, settings: Settings) -> tuple[tuple[str, object], ...]:
    """(person, post-by date) for handwritten notes approved but not yet mailed."""
    names = {p.id: p.name for p in app.people}
    interview = latest_interview(app)
    if interview is None:
        return ()
    post_by, _ = card_post_by(interview.end.date(), settings.holidays_country,
                              settings.thresholds)
    return tuple((names.get(n.person_id or -1, "the interviewer"), post_by) for n in app.notes
                 if n.medium == "handwritten" and n.status in {"draft", "approved"})


def today(apps: list[Application], settings: Settings, now: datetime, *,
          skip: frozenset[tuple[int, str, int]] = frozenset()) -> list[AgendaItem]:
    """What to do now across every application, most urgent first; the steps in `skip`
    ((application id, kind, number): dismissed by the user) are left out."""
    views = [ApplicationView(app.id, app.company, app.role, app.status,
                             tuple(s for s in steps_for(app, settings, now)
                                   if (app.id, s.kind, s.number) not in skip),
                             cards_to_post(app, settings),  # type: ignore[arg-type]
                             _ended(app))
             for app in apps]
    return agenda(views, now)


def advice_for(app: Application, person: Person | None, settings: Settings,
               now: datetime) -> Advice:
    """Email, handwritten or both for this application, with reasons and a checklist."""
    interview = latest_interview(app)
    day = (interview.end if interview else now).date()
    days = (app.expected_reply_by - now.date()).days if app.expected_reply_by else None
    people = [person] if person else [p for p in app.people if p.role in THANKED_ROLES]
    return advise(industry=app.industry, corresponded_by_email=app.corresponded_by_email,
                  decision_in_days=days,
                  mailing_address_known=any(p.mailing_address for p in people),
                  drop_off_possible=app.drop_off, time_to_personalise=True,
                  interview_date=day, country=settings.holidays_country,
                  thresholds=settings.thresholds)


def calendar_events(apps: list[Application], settings: Settings,
                    now: datetime) -> list[CalendarEvent]:
    """The plan of each application as calendar events with stable UIDs."""
    events: list[CalendarEvent] = []
    for app in apps:
        for step in steps_for(app, settings, now):
            title = {"thank_you": "Send thank-you notes", "check_in": "Check in",
                     "ask_continue": "Decide whether to keep following up",
                     "after_rejection": "Reply graciously"}.get(step.kind, step.kind)
            events.append(CalendarEvent(
                uid=stable_uid("afterword", str(app.id), step.kind, str(step.number)),
                summary=f"{title}: {app.company} ({app.role})", description=step.reason,
                start=step.due, end=step.due + timedelta(minutes=30),
                sequence=revision(app)))
    return events


SEQUENCE_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)


def revision(app: Application) -> int:
    """How far the application's record has changed: minutes from 2020 to its latest change
    (an edit, an imported invite update, a sent note). It only grows, so a step that moved
    because the record changed gets a higher calendar SEQUENCE; an unchanged plan keeps it."""
    changes = [app.created_at, app.updated_at,
               *(n.sent_at for n in app.notes if n.sent_at is not None)]
    latest = max(c for c in changes if c is not None)
    return max(0, int((latest - SEQUENCE_EPOCH).total_seconds() // 60))
