"""The follow-up timeline, laid out so that no two labels ever overlap.

The points go along a line in proportion to time. Each label is given a lane: lane 0 just
above the line, lane 1 just below, lane 2 above lane 0, and so on; a label takes the first
lane whose previous label ends (with a gap) before it starts. Widths are reckoned in the
drawing's own units (the SVG scales as a whole, text included), from a per-character width
no real character of the label font exceeds on average, so labels that fit here fit on
screen. Marks of one day share one label. Today is drawn last, as a ring and a dashed line
across every lane, so no other mark hides it. Narrow screens get the same marks as a list.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from afterword.config import Settings
from afterword.services.agenda import steps_for
from afterword.services.tracker import latest_interview
from afterword.store.tables import Application
from afterword.vocab import SENT_STATES
from afterword.web.when import day_text, user_zone

WIDTH = 600.0  # the drawing's width in its own units (see app.css: shown ≥ 12 px text)
MARGIN = 12.0
LABEL_EM = 8.2  # units per character of a 13-unit semi-bold label (generous)
DATE_EM = 7.6  # units per character of a 13-unit date
GAP = 10.0  # at least this much between two labels of a lane
LANE = 36.0  # height of a lane: label and date
AXIS_GAP = 26.0  # from the line to the first lane's baseline

STEP_LABELS = {"thank_you": "Thank-you due", "check_in": "Check-in",
               "ask_continue": "Keep going?", "after_rejection": "Gracious reply"}


@dataclass(frozen=True)
class Mark:
    """One point of the timeline, and where its label goes."""

    label: str
    when: datetime
    kind: str  # interview | sent | reply | step | today
    day: str = ""  # "20 Nov", "20 Nov 2025" when not this year
    x: float = 0.0
    lane: int = -1  # -1: no label of its own (it shares its day's)
    anchor: str = "middle"
    text_x: float = 0.0
    own: str = ""  # its own label (before its day's marks were joined)

    @property
    def above(self) -> bool:
        """Whether the label is above the line."""
        return self.lane % 2 == 0

    def baseline(self, axis: float) -> float:
        """The y of the label's first line."""
        depth = self.lane // 2
        if self.above:
            return axis - AXIS_GAP - depth * LANE - 14
        return axis + AXIS_GAP + depth * LANE


@dataclass(frozen=True)
class Layout:
    """The laid-out timeline: its marks (today last), the axis and the drawing's height."""

    marks: list[Mark] = field(default_factory=list)
    axis: float = 0.0
    height: float = 0.0
    width: float = WIDTH

    @property
    def ordered(self) -> list[Mark]:
        """The marks in time order (for the list and the description)."""
        return sorted(self.marks, key=lambda m: (m.when, m.kind == "today"))


def _reply_moment(app: Application) -> datetime | None:
    if app.expected_reply_by is None:
        return None
    try:
        zone = ZoneInfo(app.timezone)
    except (KeyError, ValueError):
        zone = ZoneInfo("UTC")
    return datetime.combine(app.expected_reply_by, time(12, 0), tzinfo=zone)


def points(app: Application, settings: Settings, now: datetime) -> list[Mark]:
    """The timeline's points, unplaced: interview, sent notes, their date, steps, today."""
    marks: list[Mark] = []
    interview = latest_interview(app)
    if interview is not None:
        marks.append(Mark("Interview", interview.end, "interview"))
    for note in app.notes:
        if note.status in SENT_STATES and note.sent_at is not None:
            label = "Thank-you sent" if note.kind == "thank_you" else "Check-in sent"
            marks.append(Mark(label, note.sent_at, "sent"))
    reply = _reply_moment(app)
    if reply is not None:
        marks.append(Mark("Their date", reply, "reply"))
    for step in steps_for(app, settings, now):
        name = STEP_LABELS.get(step.kind, step.kind)
        label = f"{name} {step.number}" if step.kind == "check_in" else name
        marks.append(Mark(label, step.due, "step"))
    marks.append(Mark("Today", now, "today"))
    return marks


def timeline(app: Application, settings: Settings, now: datetime) -> Layout:
    """The application's timeline, laid out."""
    return layout(points(app, settings, now), now)


def _span(m: Mark) -> tuple[float, float, str, float]:
    """(left, right, anchor, text x) of a label centred on its mark, kept inside."""
    width = max(len(m.label) * LABEL_EM, len(m.day) * DATE_EM)
    left = m.x - width / 2
    if left < 0:
        return 0.0, width, "start", 0.0
    if m.x + width / 2 > WIDTH:
        return WIDTH - width, WIDTH, "end", WIDTH
    return left, left + width, "middle", m.x


def _days(marks: list[Mark], today: date, zone: ZoneInfo | object) -> list[Mark]:
    """One label per day: the later marks of a day join the first one's label."""
    out: list[Mark] = []
    for m in sorted(marks, key=lambda m: (m.when, m.kind == "today")):
        local = m.when.astimezone(zone)  # type: ignore[arg-type]
        m = replace(m, day=day_text(local.date(), today, weekday=False), own=m.label)
        first = next((o for o in reversed(out) if o.lane != -1), None)
        if first is not None and first.day == m.day:
            out[out.index(first)] = replace(first, label=f"{first.label} · {m.label}")
            out.append(replace(m, lane=-1))
            continue
        out.append(replace(m, lane=0))
    return out


def layout(marks: list[Mark], now: datetime) -> Layout:
    """Place `marks` along the line and give each label a lane where it overlaps nothing."""
    zone = user_zone()
    today = now.astimezone(zone).date()
    first = min(m.when for m in marks)
    span = max((max(m.when for m in marks) - first).total_seconds(), 1.0)
    placed = [replace(m, x=round(MARGIN + (WIDTH - 2 * MARGIN)
                                 * (m.when - first).total_seconds() / span, 1))
              for m in _days(marks, today, zone)]
    ends: list[float] = []  # per lane: where its last label ends
    out: list[Mark] = []
    for m in placed:
        if m.lane == -1:
            out.append(m)
            continue
        left, right, anchor, text_x = _span(m)
        lane = next((i for i, end in enumerate(ends) if end + GAP <= left), len(ends))
        if lane == len(ends):
            ends.append(right)
        ends[lane] = right
        out.append(replace(m, lane=lane, anchor=anchor, text_x=round(text_x, 1)))
    above = (len(ends) + 1) // 2
    below = len(ends) // 2
    axis = AXIS_GAP + above * LANE + 4
    height = axis + AXIS_GAP + max(below, 0) * LANE + 4
    today_last = sorted(out, key=lambda m: m.kind == "today")
    return Layout(today_last, round(axis, 1), round(height, 1))
