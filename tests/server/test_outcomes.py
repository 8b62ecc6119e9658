"""The outcomes export: one CSV row per application interviewed in the dates, per cohort,
with the thank-yous sent and how soon, the check-ins and the answer; formulas defused."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from afterword.config import Settings
from afterword.services import outcomes
from afterword.store.accounts import AuditEntry, User
from afterword.store.repo import Invalid
from afterword.vocab import ApplicationStatus, NoteState
from tests.server.centre import NOW, Centre, add_application, add_note, build

SETTINGS = Settings()


@pytest.fixture
def centre(tmp_path: Path) -> Centre:
    built = build(f"sqlite:///{tmp_path / 'outcomes.db'}")
    ids = built.ids
    with built.system() as session:
        ana = add_application(session, ids["ana"], "Northwind Analytics",
                              ended=NOW - timedelta(days=10))
        add_note(session, ana, "Dear Ms. Raman, thank you.", status=NoteState.SENT,
                 sent_at=NOW - timedelta(days=10) + timedelta(hours=20))
        add_note(session, ana, "Dear Ms. Raman, checking in.", status=NoteState.SENT,
                 sent_at=NOW - timedelta(days=1), kind="check_in")
        ana.status = ApplicationStatus.OFFER
        ben = add_application(session, ids["ben"], "Globex", ended=NOW - timedelta(days=5))
        add_note(session, ben, "Dear Ms. Raman, thanks.", status=NoteState.SENT,
                 sent_at=NOW - timedelta(days=2))
        add_application(session, ids["cleo"], "Initech", ended=NOW - timedelta(days=40))
        add_application(session, ids["zoe"], "Hooli", ended=NOW - timedelta(days=3))
        session.get_one(User, ids["ben"]).name = "=HYPERLINK(\"http://evil\")"
    return built


def _csv(centre: Centre, who: str, chosen: outcomes.Filter) -> list[dict[str, str]]:
    with centre.as_(who) as (session, user):
        text = outcomes.export(session, SETTINGS, chosen, by=user, now=NOW)
    return list(csv.DictReader(io.StringIO(text)))


def test_one_row_per_application_with_how_soon_and_the_answer(centre: Centre) -> None:
    found = {r["company"]: r for r in _csv(centre, "admin", outcomes.Filter(cohort="2027"))}
    assert sorted(found) == ["Globex", "Northwind Analytics"]  # Cleo is of 2028
    ana = found["Northwind Analytics"]
    assert (ana["candidate"], ana["coach"], ana["thank_yous_sent"],
            ana["first_thank_you_hours"], ana["thank_you_in_window"], ana["check_ins_sent"],
            ana["answer"], ana["offer"]) == ("Ana O'Brien-Zoë", "Casey Coach", "1", "20",
                                             "yes", "1", "offer", "yes")
    ben = found["Globex"]
    assert (ben["first_thank_you_hours"], ben["thank_you_in_window"], ben["answer"]) == (
        "72", "no", "none yet")


def test_a_formula_in_a_name_stays_text(centre: Centre) -> None:
    found = {r["company"]: r for r in _csv(centre, "admin", outcomes.Filter(cohort="2027"))}
    assert found["Globex"]["candidate"] == "'=HYPERLINK(\"http://evil\")"


def test_the_dates_choose_interviews_and_the_scope_chooses_people(centre: Centre) -> None:
    recent = outcomes.Filter(start=(NOW - timedelta(days=7)).date(), end=NOW.date())
    assert [r["company"] for r in _csv(centre, "admin", recent)] == ["Globex"]
    everyone = outcomes.Filter()
    assert {r["company"] for r in _csv(centre, "admin", everyone)} == {
        "Northwind Analytics", "Globex", "Initech"}
    assert [r["company"] for r in _csv(centre, "omar", everyone)] == ["Hooli"]
    assert [r["company"] for r in _csv(centre, "dana", everyone)] == []
    with centre.system() as session:
        exports = session.scalars(select(AuditEntry).where(
            AuditEntry.action == "export.outcomes")).all()
        assert len(exports) == 4 and exports[0].detail["rows"] == 1


def test_bad_dates_are_one_line(centre: Centre) -> None:
    with pytest.raises(Invalid, match="after the last"):
        outcomes.Filter(start=date(2026, 12, 1), end=date(2026, 11, 1))
    with pytest.raises(Invalid, match="like 2026-11-20"):
        outcomes.parse_day("next tuesday", "the first date")
    with pytest.raises(ValueError, match="limit: dates"):
        outcomes.parse_day("9999-01-01", "the first date")
    assert outcomes.parse_day(" ", "the first date") is None
