"""Today's "dismiss": a planned step the user chose not to do, kept so it stops showing.

A dismissed step is known by its application, kind and number (check-in 2), not by its due
time, which moves when the plan does. Dismissing is idempotent; closing the application is
the other way to stop a long-past item (it stops every follow-up at once).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from afterword.plan.today import AgendaItem
from afterword.store.tables import Base, IsoDateTime
from afterword.thresholds import Thresholds

STEP_KINDS = frozenset({"thank_you", "check_in", "ask_continue", "after_rejection",
                        "post_card"})

StepKey = tuple[int, str, int]  # (application id, step kind, step number)


class Dismissal(Base):
    """One planned step the user dismissed from Today."""

    __tablename__ = "dismissals"
    __table_args__ = (UniqueConstraint("application_id", "kind", "number"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    number: Mapped[int] = mapped_column(Integer, default=1)
    dismissed_at: Mapped[datetime] = mapped_column(IsoDateTime)


class DismissError(ValueError):
    """A dismissal that names no step."""


def dismiss(session: Session, application_id: int, kind: str, number: int,
            now: datetime) -> None:
    """Stop showing this step on Today (again: no change)."""
    if kind not in STEP_KINDS:
        raise DismissError(f"there is no step kind '{kind[:40]}' to dismiss")
    if not 1 <= number <= 1000:
        raise DismissError("a step number is between 1 and 1000")
    if (application_id, kind, number) in dismissed(session):
        return
    session.add(Dismissal(application_id=application_id, kind=kind, number=number,
                          dismissed_at=now))
    session.flush()


def dismissed(session: Session) -> frozenset[StepKey]:
    """Every dismissed step."""
    rows = session.execute(select(Dismissal.application_id, Dismissal.kind, Dismissal.number))
    return frozenset((a, k, n) for a, k, n in rows)


def is_past_due(item: AgendaItem, now: datetime, thresholds: Thresholds) -> bool:
    """Whether an item is overdue by more than the policy's `past_due_days`, so that Today
    groups it apart ("Past due", with a button to close the application)."""
    return (item.urgency == "overdue"
            and now - item.due > timedelta(days=thresholds.past_due_days))
