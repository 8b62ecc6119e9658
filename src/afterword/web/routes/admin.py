"""Server mode's centre pages: people (invite, coach, role, cohort, disable), the house
style, the shared templates and the outcomes export. Each handler translates the form into
one `services.organisation` / `services.outcomes` call; a refused value comes back on the
page (400) with its one-line message, and nothing is stored."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from afterword import limits
from afterword.services import organisation, outcomes
from afterword.store.accounts import User
from afterword.store.repo import Invalid
from afterword.thresholds import Thresholds
from afterword.vocab import AccountRole, Dialect, Kind
from afterword.web.deps import (
    NowDep,
    RowId,
    SessionDep,
    SettingsDep,
    StateDep,
    client_ip,
    render,
    require_role,
)
from afterword.web.security import verify_csrf

router = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])
Admin = Annotated[User, Depends(require_role(AccountRole.ADMIN))]
Staff = Annotated[User, Depends(require_role(AccountRole.ADMIN, AccountRole.COACH))]
Short = Annotated[str, Form(max_length=limits.MAX_ACCOUNT_NAME_CHARS * 2)]
Body = Annotated[str, Form(max_length=limits.MAX_TEMPLATE_CHARS * 2)]
MaybeShort = Annotated[str | None, Form(max_length=limits.MAX_ACCOUNT_NAME_CHARS * 2)]


@router.get("/admin/people", response_class=HTMLResponse)
def people_page(request: Request, session: SessionDep, user: Admin) -> HTMLResponse:
    """The centre's people, with their coach, role, cohort and state."""
    return render(request, "admin_people.html", title="People",
                  members=organisation.members(session), coaches=organisation.coaches(session),
                  roles=list(AccountRole), user=user)


@router.post("/admin/people")
def invite(request: Request, session: SessionDep, state: StateDep, now: NowDep, user: Admin,
           email: Annotated[str, Form(max_length=320)], name: Short = "",
           role: Short = AccountRole.CANDIDATE.value, coach: Short = "",
           cohort: Short = "") -> RedirectResponse:
    """Invite someone: their account waits for the emailed link."""
    made = organisation.invite(session, by=user, email=email, name=name, role=role, now=now,
                               coach_id=int(coach) if coach.isdigit() else None,
                               cohort=cohort, env=state.env, ip=client_ip(request))
    return RedirectResponse(f"/admin/people#member-{made.id}", status_code=303)


@router.post("/admin/people/{user_id}")
def change_member(user_id: RowId, session: SessionDep, now: NowDep, user: Admin,
                  role: Short = "", coach: Short = "", cohort: MaybeShort = None,
                  state: Short = "") -> RedirectResponse:
    """Save one member's row of the people page."""
    changes = organisation.MemberChanges(
        role=role or None, coach_id=int(coach) if coach.isdigit() else None,
        no_coach=coach == "none", cohort=cohort,
        disabled={"disabled": True, "active": False}.get(state))
    organisation.update_member(session, by=user, user_id=user_id, changes=changes, now=now)
    return RedirectResponse(f"/admin/people#member-{user_id}", status_code=303)


def _style_page(request: Request, session: SessionDep, user: User, *, status: int = 200,
                error: str | None = None, notice: str | None = None,
                typed: dict[str, str] | None = None) -> HTMLResponse:
    style = organisation.house_style(organisation.organisation(session, user))
    values = style.thresholds.model_dump(mode="json")
    shown = {name: ", ".join(map(str, v)) if isinstance(v, list) else str(v)
             for name, v in values.items()}
    return render(request, "admin_style.html", status_code=status, title="House style",
                  style=style, shown={**shown, **(typed or {})}, defaults=Thresholds(),
                  fields=list(Thresholds.model_fields.items()), dialects=list(Dialect),
                  error=error, notice=notice)


@router.get("/admin/style", response_class=HTMLResponse)
def style_page(request: Request, session: SessionDep, user: Admin) -> HTMLResponse:
    """The thresholds and dialect every member's settings start from."""
    return _style_page(request, session, user)


@router.post("/admin/style", response_class=HTMLResponse)
async def save_style(request: Request, session: SessionDep, now: NowDep,
                     user: Admin) -> HTMLResponse:
    """Save the house style (every field checked together; nothing stored if one is bad)."""
    form = await request.form()
    typed = {k: str(v)[:200] for k, v in form.items() if isinstance(v, str)}
    try:
        organisation.update_house_style(session, by=user, form=typed, now=now)
    except Invalid as exc:
        return _style_page(request, session, user, status=400, error=str(exc), typed=typed)
    return _style_page(request, session, user, notice="Saved: members' checks, drafts and "
                       "plans follow it from their next page.")


@router.get("/admin/templates", response_class=HTMLResponse)
def templates_page(request: Request, session: SessionDep, user: Staff) -> HTMLResponse:
    """The centre's shared draft templates."""
    return render(request, "admin_templates.html", title="Shared templates",
                  templates=organisation.templates(session), kinds=list(Kind))


@router.post("/admin/templates")
def create_template(session: SessionDep, now: NowDep, user: Staff, name: Short,
                    kind: Short, body: Body) -> RedirectResponse:
    """Add a shared template."""
    made = organisation.create_template(session, by=user, name=name, kind=kind, body=body,
                                        now=now)
    return RedirectResponse(f"/admin/templates#template-{made.id}", status_code=303)


@router.post("/admin/templates/{template_id}")
def update_template(template_id: RowId, session: SessionDep, now: NowDep, user: Staff,
                    name: Short, kind: Short, body: Body) -> RedirectResponse:
    """Change a shared template."""
    organisation.update_template(session, by=user, template_id=template_id, name=name,
                                 kind=kind, body=body, now=now)
    return RedirectResponse(f"/admin/templates#template-{template_id}", status_code=303)


@router.post("/admin/templates/{template_id}/delete")
def delete_template(template_id: RowId, session: SessionDep, now: NowDep,
                    user: Staff) -> RedirectResponse:
    """Remove a shared template."""
    organisation.delete_template(session, by=user, template_id=template_id, now=now)
    return RedirectResponse("/admin/templates", status_code=303)


@router.get("/admin/outcomes", response_class=HTMLResponse)
def outcomes_page(request: Request, session: SessionDep, user: Admin) -> HTMLResponse:
    """Choose a cohort and dates for the outcomes CSV."""
    return render(request, "admin_outcomes.html", title="Outcomes",
                  cohorts=outcomes.cohorts(session), columns=outcomes.COLUMNS)


@router.get("/admin/outcomes.csv")
def outcomes_csv(session: SessionDep, settings: SettingsDep, now: NowDep, user: Admin,
                 cohort: str = "", start: str = "", end: str = "") -> Response:
    """The outcomes of a cohort and date range, as CSV."""
    chosen = outcomes.Filter(cohort=cohort[:limits.MAX_COHORT_CHARS],
                             start=outcomes.parse_day(start, "the first date"),
                             end=outcomes.parse_day(end, "the last date"))
    text = outcomes.export(session, settings, chosen, by=user, now=now)
    return Response(text, media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="outcomes-{now.date().isoformat()}.csv"'})
