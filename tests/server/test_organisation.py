"""Running a centre: the admin assigns coaches, changes roles, disables accounts and sets
cohorts; the house style's thresholds and dialect are validated by the one policy model;
coaches and admins keep shared templates that drafting uses. Each change is audited, and
nothing reaches another organisation."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from afterword.config import Settings
from afterword.server.scopes import scope_for
from afterword.services import organisation as org
from afterword.services.drafting import draft_for_record
from afterword.store import repo
from afterword.store.accounts import AuditEntry, Organisation, SharedTemplate, User
from afterword.store.repo import Invalid, NotFound
from afterword.store.scope import OutOfScope
from afterword.thresholds import Thresholds
from tests.server.centre import NOW, Centre, add_application, build

TEMPLATE = ("{{ greeting }},\n\n{{ opening }} {{ moment_sentences | join(' ') }}\n\n"
            "Our centre's line: thank you for your time.\n\n{{ follow_up }}\n\n"
            "{{ closing }},\n{{ signer }}\n")


@pytest.fixture
def centre(tmp_path: Path) -> Centre:
    return build(f"sqlite:///{tmp_path / 'org.db'}")


def _user(centre: Centre, key: str) -> User:
    with centre.system() as session:
        return session.get_one(User, centre.ids[key])


def _actions(centre: Centre) -> list[str]:
    with centre.system() as session:
        return list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def test_the_admin_moves_a_candidate_to_another_coach(centre: Centre) -> None:
    ids = centre.ids
    with centre.as_("admin") as (session, admin):
        org.assign_coach(session, by=admin, user_id=ids["ana"], coach_id=ids["dana"], now=NOW)
    assert _user(centre, "ana").coach_id == ids["dana"]
    with centre.system() as session:
        assert scope_for(session, session.get_one(User, ids["dana"])).readable == frozenset(
            {ids["dana"], ids["ana"], ids["dev"]})
    assert _actions(centre) == ["coach.assign"]


def test_coach_assignments_that_make_no_sense_are_refused(centre: Centre) -> None:
    ids = centre.ids
    with centre.as_("admin") as (session, admin):
        with pytest.raises(Invalid, match="not one of the centre's coaches"):
            org.assign_coach(session, by=admin, user_id=ids["ana"], coach_id=ids["ben"],
                             now=NOW)
        with pytest.raises(Invalid, match="not a candidate"):
            org.assign_coach(session, by=admin, user_id=ids["casey"], coach_id=ids["dana"],
                             now=NOW)
        with pytest.raises(NotFound):
            org.assign_coach(session, by=admin, user_id=ids["zoe"], coach_id=None, now=NOW)
    with centre.as_("casey") as (session, casey), pytest.raises(Invalid, match="admin"):
        org.assign_coach(session, by=casey, user_id=ids["ana"], coach_id=None, now=NOW)
    with centre.as_("omar") as (session, omar), pytest.raises(NotFound):
        org.assign_coach(session, by=omar, user_id=ids["ana"], coach_id=None, now=NOW)
    assert _user(centre, "ana").coach_id == ids["casey"]
    assert _actions(centre) == []


def test_a_coach_who_becomes_a_candidate_leaves_their_candidates_unassigned(
        centre: Centre) -> None:
    ids = centre.ids
    with centre.as_("admin") as (session, admin):
        org.change_role(session, by=admin, user_id=ids["casey"], role="candidate", now=NOW)
        org.change_role(session, by=admin, user_id=ids["dev"], role="coach", now=NOW)
        with pytest.raises(Invalid, match="your own admin role"):
            org.change_role(session, by=admin, user_id=admin.id, role="coach", now=NOW)
        with pytest.raises(Invalid, match="role is"):
            org.change_role(session, by=admin, user_id=ids["ben"], role="owner", now=NOW)
    assert [_user(centre, k).coach_id for k in ("ana", "ben", "cleo")] == [None] * 3
    assert (_user(centre, "dev").role, _user(centre, "dev").coach_id) == ("coach", None)
    with centre.system() as session:
        changes = session.scalars(select(AuditEntry).where(
            AuditEntry.action == "role.change")).all()
        assert [(e.subject_id, e.detail) for e in changes] == [
            (ids["casey"], {"before": "coach", "after": "candidate"}),
            (ids["dev"], {"before": "candidate", "after": "coach"})]


def test_a_disabled_account_sees_nothing(centre: Centre) -> None:
    ids = centre.ids
    with centre.as_("admin") as (session, admin):
        org.set_disabled(session, by=admin, user_id=ids["ben"], disabled=True, now=NOW)
        with pytest.raises(Invalid, match="your own account"):
            org.set_disabled(session, by=admin, user_id=admin.id, disabled=True, now=NOW)
    with centre.system() as session:
        assert scope_for(session, session.get_one(User, ids["ben"])).user_id is None
    with centre.as_("admin") as (session, admin):
        org.set_disabled(session, by=admin, user_id=ids["ben"], disabled=False, now=NOW)
    assert not _user(centre, "ben").disabled
    assert _actions(centre) == ["account.disable", "account.enable"]


def test_cohorts_are_cleaned_and_limited(centre: Centre) -> None:
    with centre.as_("admin") as (session, admin):
        org.set_cohort(session, by=admin, user_id=centre.ids["ana"],
                       cohort="  Class of\r\n 2027 <b>", now=NOW)
        with pytest.raises(Invalid, match="limit"):
            org.set_cohort(session, by=admin, user_id=centre.ids["ana"], cohort="x" * 101,
                           now=NOW)
    assert _user(centre, "ana").cohort == "Class of 2027 <b>"


def test_members_lists_the_centre_only(centre: Centre) -> None:
    with centre.as_("admin") as (session, _admin):
        names = [u.name for u in org.members(session)]
        assert names[:3] == ["Alex Admin", "Casey Coach", "Dana Coach"]
        assert "Zoe Elsewhere" not in names and len(names) == 7
        assert [u.name for u in org.coaches(session)] == ["Casey Coach", "Dana Coach"]


def test_the_house_style_is_the_one_policy_validated(centre: Centre) -> None:
    form = {"email_words_warning": "160", "check_in_gaps_days": "10, 20",
            "send_time": "10:00", "dialect": "British"}
    with centre.as_("admin") as (session, admin):
        style = org.update_house_style(session, by=admin, form=form, now=NOW)
    assert style.thresholds.email_words_warning == 160
    assert style.thresholds.check_in_gaps_days == (10, 20)
    assert style.dialect == "british" and "send_time" in style.changed
    with centre.system() as session:
        stored = session.get_one(Organisation, centre.ids["org"]).house_style
        assert stored == {"thresholds": {"email_words_warning": 160,
                                         "check_in_gaps_days": [10, 20],
                                         "send_time": "10:00:00"}, "dialect": "british"}
        assert Thresholds(**stored["thresholds"]).email_words_warning == 160


@pytest.mark.parametrize(("form", "message"), [
    ({"email_words_warning": "lots"}, "email_words_warning: 'lots' is not a valid value"),
    ({"email_words_warning": "5"}, "email_words_warning: Input should be greater"),
    ({"email_words_suggestion": "170", "email_words_warning": "160"}, "must not exceed"),
    ({"send_time": "25:00"}, "send_time"),
    ({"dialect": "klingon"}, "dialect is"),
])
def test_a_bad_house_style_is_one_line_and_stores_nothing(centre: Centre,
                                                          form: dict[str, str],
                                                          message: str) -> None:
    with centre.as_("admin") as (session, admin), pytest.raises(Invalid) as caught:
        org.update_house_style(session, by=admin, form=form, now=NOW)
    assert message in str(caught.value) and "\n" not in str(caught.value)
    with centre.system() as session:
        assert session.get_one(Organisation, centre.ids["org"]).house_style == {}


def test_only_the_admin_sets_the_style(centre: Centre) -> None:
    with centre.as_("casey") as (session, casey), pytest.raises(Invalid, match="admin"):
        org.update_house_style(session, by=casey, form={"dialect": "british"}, now=NOW)


def test_coaches_keep_shared_templates_and_drafting_uses_them(centre: Centre) -> None:
    with centre.as_("casey") as (session, casey):
        made = org.create_template(session, by=casey, name="  Centre  thank-you ",
                                   kind="thank_you", body=TEMPLATE, now=NOW)
        template_id = made.id
    with centre.as_("ana") as (session, _ana):
        (shown,) = org.templates(session, kind="thank_you")
        assert shown.name == "Centre thank-you"
        assert org.templates(session, kind="check_in") == []
    with centre.system() as session:
        app = add_application(session, centre.ids["ana"], "Northwind Analytics",
                              ended=NOW - timedelta(hours=2))
        app_id = app.id
    with centre.as_("ana") as (session, _ana):
        app = repo.get_application(session, app_id)
        chosen = org.overrides(session, template_id, "thank_you")
        (drafted,) = draft_for_record(session, app, Settings(user_name="Ana O'Brien-Zoë"),
                                      now=NOW, templates=chosen)
        assert "Our centre's line: thank you for your time." in drafted.note.body
        with pytest.raises(Invalid, match="for thank_you notes"):
            org.overrides(session, template_id, "check_in")
    with centre.as_("omar") as (session, _omar):
        assert org.templates(session) == []
        with pytest.raises(NotFound):
            org.overrides(session, template_id, "thank_you")


def test_a_template_that_cannot_draft_is_refused_when_saved(centre: Centre) -> None:
    with centre.as_("admin") as (session, admin):
        with pytest.raises(Invalid, match="undefined"):
            org.create_template(session, by=admin, name="Bad", kind="thank_you",
                                body="{{ greeting }}, {{ no_such_variable }}", now=NOW)
        with pytest.raises(Invalid, match="template"):
            org.create_template(session, by=admin, name="Broken", kind="thank_you",
                                body="{% if %}", now=NOW)
        with pytest.raises(Invalid, match="kind is"):
            org.create_template(session, by=admin, name="Odd", kind="poem", body="x", now=NOW)
        with pytest.raises(Invalid, match="empty"):
            org.create_template(session, by=admin, name=" \n", kind="thank_you",
                                body=TEMPLATE, now=NOW)
        with pytest.raises(Invalid, match="unsafe"):
            org.create_template(session, by=admin, name="Escape", kind="thank_you",
                                body="{{ ''.__class__.__mro__[1].__subclasses__() }}",
                                now=NOW)
    with centre.as_("ana") as (session, ana), pytest.raises(Invalid, match="coaches"):
        org.create_template(session, by=ana, name="Mine", kind="thank_you", body=TEMPLATE,
                            now=NOW)
    with centre.system() as session:
        assert session.scalars(select(SharedTemplate)).all() == []


def test_templates_are_edited_and_deleted_within_the_centre(centre: Centre) -> None:
    with centre.as_("admin") as (session, admin):
        made = org.create_template(session, by=admin, name="One", kind="thank_you",
                                   body=TEMPLATE, now=NOW)
        template_id = made.id
    with centre.as_("omar") as (session, omar), pytest.raises(NotFound):
        org.delete_template(session, by=omar, template_id=template_id, now=NOW)
    with centre.as_("dana") as (session, dana):
        org.update_template(session, by=dana, template_id=template_id, name="Two",
                            kind="thank_you", body=TEMPLATE.replace("Our", "The"), now=NOW)
    with centre.as_("admin") as (session, admin):
        assert org.get_template(session, template_id).name == "Two"
        org.delete_template(session, by=admin, template_id=template_id, now=NOW)
        assert org.templates(session) == []
    assert _actions(centre) == ["template.create", "template.update", "template.delete"]


def test_a_forged_write_into_another_centre_is_refused_by_the_scope(centre: Centre) -> None:
    with centre.as_("omar") as (session, _omar):
        session.add(SharedTemplate(organisation_id=centre.ids["org"], name="x",
                                   kind="thank_you", body="x", updated_at=NOW))
        with pytest.raises(OutOfScope):
            session.flush()
        session.rollback()
    with centre.as_("omar") as (session, _omar):
        assert session.get(User, centre.ids["ana"]) is None
