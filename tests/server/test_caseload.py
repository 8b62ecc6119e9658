"""The caseload: a coach's candidates, the one who needs help soonest first (a thank-you
window closing, then a lapse, then errors, then an uncertain send, then a review waiting),
with what each has done lately; only the candidates the session's scope may read."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from afterword.config import Settings
from afterword.services.caseload import caseload
from afterword.services.reviews import request_review
from afterword.store import repo
from afterword.store.repo import Invalid
from afterword.vocab import NoteState
from tests.server.centre import NOW, Centre, add_application, add_note, build

SETTINGS = Settings(holidays_country="US")


@pytest.fixture
def centre(tmp_path: Path) -> Centre:
    """Ana's thank-you window closes in hours; Ben's check-in is overdue and his draft has
    errors; Cleo thanked her interviewer three hours after; Dev (Dana's) and Zoe (another
    centre's) have windows closing too."""
    built = build(f"sqlite:///{tmp_path / 'caseload.db'}")
    ids = built.ids
    with built.system() as session:
        add_application(session, ids["ana"], "Northwind Analytics",
                        ended=NOW - timedelta(hours=20))
        ben = add_application(session, ids["ben"], "Globex", ended=NOW - timedelta(days=30),
                              interviewer="Arjun Mehta")
        add_note(session, ben, "Dear Mr. Mehta, thanks.", status=NoteState.SENT,
                 sent_at=NOW - timedelta(days=30) + timedelta(hours=5))
        ids["ben_draft"] = add_note(session, ben, "Dear Mr. Mehtta", errors=2,
                                    kind="check_in").id
        cleo = add_application(session, ids["cleo"], "Initech",
                               ended=NOW - timedelta(hours=6), interviewer="Nia Okoye")
        add_note(session, cleo, "Dear Dr. Okoye, thank you.", status=NoteState.SENT,
                 sent_at=NOW - timedelta(hours=3))
        add_application(session, ids["dev"], "Umbrella", ended=NOW - timedelta(hours=22))
        add_application(session, ids["zoe"], "Hooli", ended=NOW - timedelta(hours=23))
    return built


def _names(centre: Centre, who: str, *, coach: str | None = None) -> list[str]:
    with centre.as_(who) as (session, user):
        found = caseload(session, SETTINGS, NOW, viewer=user,
                         coach_id=centre.ids[coach] if coach else None)
        return [e.candidate.name for e in found]


def test_the_most_urgent_candidate_comes_first(centre: Centre) -> None:
    assert _names(centre, "casey") == ["Ana O'Brien-Zoë", "Ben Okafor", "Cleo Park"]


def test_each_candidate_says_why(centre: Centre) -> None:
    with centre.as_("casey") as (session, casey):
        ana, ben, cleo = caseload(session, SETTINGS, NOW, viewer=casey)
    assert [s.kind for s in ana.signals] == ["closing"]
    assert "Northwind Analytics" in ana.signals[0].text
    assert ana.signals[0].key < 24  # hours left
    assert [s.kind for s in ben.signals] == ["overdue", "errors"]
    assert "Check-in 1 overdue" in ben.signals[0].text
    assert "2 errors" in ben.signals[1].text
    assert ben.signals[1].note_id == centre.ids["ben_draft"]
    assert cleo.signals == ()
    (done,) = cleo.done
    assert done.hours_after == 3.0 and "Nia Okoye" in done.text


def test_a_coach_sees_only_their_candidates_and_an_admin_the_centre(centre: Centre) -> None:
    assert _names(centre, "dana") == ["Dev Shah"]
    assert _names(centre, "dana", coach="casey") == ["Dev Shah"]  # a coach's own, always
    assert _names(centre, "admin") == [
        "Ana O'Brien-Zoë", "Dev Shah", "Ben Okafor", "Cleo Park"]  # closing by hours left
    assert _names(centre, "admin", coach="dana") == ["Dev Shah"]
    assert _names(centre, "omar") == ["Zoe Elsewhere"]
    with pytest.raises(Invalid, match="for coaches"):
        _names(centre, "ana")  # a candidate has no caseload


def test_an_uncertain_send_and_a_waiting_review_rank_after_errors(centre: Centre) -> None:
    with centre.system() as session:
        cleo_app = add_application(session, centre.ids["cleo"], "Vandelay",
                                   ended=NOW - timedelta(days=3))
        add_note(session, cleo_app, "Dear Ms. Raman", status=NoteState.UNCERTAIN,
                 sent_at=NOW - timedelta(days=2))
    with centre.as_("ana") as (session, ana):
        (app,) = repo.list_applications(session)
        note = add_note(session, app, "Dear Ms. Raman,")
        request_review(session, note.id, by=ana, now=NOW, message="Too stiff?")
    with centre.as_("casey") as (session, casey):
        ana_entry, ben, cleo = caseload(session, SETTINGS, NOW, viewer=casey)
    assert [s.kind for s in ana_entry.signals] == ["closing", "review"]
    assert "Too stiff?" in ana_entry.signals[1].text
    assert [s.kind for s in cleo.signals] == ["uncertain"]
    assert ben.rank < cleo.rank


def test_a_sent_thank_you_leaves_the_window_signal(centre: Centre) -> None:
    with centre.as_("ana") as (session, _ana):
        (app,) = repo.list_applications(session)
        add_note(session, app, "Dear Ms. Raman, thank you.", status=NoteState.SENT,
                 sent_at=NOW - timedelta(hours=1))
    with centre.as_("casey") as (session, casey):
        entries = caseload(session, SETTINGS, NOW, viewer=casey)
    ana = next(e for e in entries if e.candidate.name.startswith("Ana"))
    assert ana.signals == ()
    assert [round(d.hours_after or 0) for d in ana.done] == [19]
