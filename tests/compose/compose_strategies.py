"""Hypothesis strategies: interview contexts as varied as real users type them."""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from hypothesis import strategies as st

GIVEN = ("Zoë", "José", "Siobhán", "Łukasz", "Anne-Marie", "D'Arcy", "Priya", "Oluwaseun",
         "Hannah", "Jean-Luc", "Søren", "Ngozi", "Björn", "Aoife", "Mateus", "Chloé", "Kwame",
         "Renée", "Tomás", "Ingrid", "Yusuf", "Mei", "Rafael", "Fatima")
FAMILY = ("O'Brien-Zoë", "Ní Bhriain", "García-López", "O'Connor", "Müller", "Søndergaard",
          "Raman", "Adeyemi", "Lindqvist", "Picard-Dubois", "Kowalski", "Mbeki", "Ferreira",
          "Haddad", "Dubois", "Nakamura", "Okafor", "Brennan", "Novak", "Castillo")
FAMILY_FIRST = (("Nguyễn", "Thu Trang"), ("Kim", "Min-jun"), ("Wang", "Xiuying"),
                ("Tanaka", "Haruki"), ("Szabó", "Eszter"))
HONORIFICS = (None, "Dr.", "Ms.", "Mr.", "Mx.", "Prof.", "Mrs.")
COMPANIES = ("Northwind Analytics", "Hargreaves & Lowe LLP", "Calloway Strategy Partners",
             "St. Brigid's University Hospital", "Bluefin Robotics", "Maple & Finch",
             "Orbital Logistics", "Kestrel Health", "Lumen Public Library")
OTHER_COMPANIES = ("Globex", "Initech", "Umbrella Corporation", "Vandelay Industries")
ROLES = ("Senior Data Analyst", "Trainee Solicitor", "Associate Consultant",
         "Clinical Nurse Educator", "Product Designer", "Backend Engineer",
         "Reference Librarian", "Operations Manager")
OTHER_ROLES = ("Product Analyst", "Legal Executive", "Staff Accountant")
MOMENTS = (
    "the Friday demo sessions", "migrating to dbt", "her question about on-call",
    "how she runs retrospectives", "his team's Friday demo sessions",
    "moving the sales dashboards to dbt", "their plan to open a second clinic",
    "the unfair-dismissal appeal she argued last spring", "she showed me the roadmap",
    "her advice to read judgments aloud when drafting", "How he keeps the backlog small",
    "the grocery chain case", "Redesigning the onboarding flow",
    "his story about the warehouse move", "the mentoring programme for new graduates",
    "why they moved away from microservices", "her team's work on accessibility",
    "about the budget for next year", "the new reading room",
    "what she learned from the pilot study", "The tenant clinic on Thursday evenings",
    "their approach to code review", "she asked me about my thesis",
    "his rule of writing the summary before the slides", "the hiring plan for the spring",
    "how the night shift hands over patients", "her research on sepsis drills",
    "training volunteers for the literacy program", "the quarterly planning offsite",
)


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())


@st.composite
def person(draw: st.DrawFn, index: int, domain: str) -> dict[str, Any]:
    """An interviewer: any name shape, optional email, address, honorific, moments."""
    data: dict[str, Any]
    if draw(st.booleans()) and draw(st.integers(0, 4)) == 0:
        family, given = draw(st.sampled_from(FAMILY_FIRST))
        data = {"name": f"{family} {given}", "given_name": given, "family_name": family}
    else:
        given, family = draw(st.sampled_from(GIVEN)), draw(st.sampled_from(FAMILY))
        data = {"name": f"{given} {family}"}
    data["honorific"] = draw(st.sampled_from(HONORIFICS))
    data["first_name_terms"] = draw(st.booleans())
    if draw(st.integers(0, 4)) > 0:
        data["email"] = f"{_ascii(data['name'])}{index}@{domain}"
    if draw(st.booleans()):
        data["mailing_address"] = "14 Merrion Square North, Dublin 2"
    data["moments"] = draw(st.lists(st.sampled_from(MOMENTS), max_size=3, unique=True))
    return {k: v for k, v in data.items() if v is not None}


@st.composite
def contexts(draw: st.DrawFn) -> dict[str, Any]:
    """A whole interview context; optional fields left out at random."""
    company = draw(st.sampled_from(COMPANIES))
    domain = _ascii(company)[:12] + ".example"
    count = draw(st.integers(1, 8))
    day = draw(st.dates(date(2026, 1, 5), date(2027, 11, 30)))
    hour = draw(st.integers(8, 17))
    zone = timezone(timedelta(hours=draw(st.sampled_from((-8, -5, 0, 1, 10)))))
    start = datetime(day.year, day.month, day.day, hour, 0, tzinfo=zone)
    ctx: dict[str, Any] = {
        "kind": draw(st.sampled_from(("thank_you", "check_in", "request_email",
                                      "after_rejection"))),
        "medium": draw(st.sampled_from(("email", "handwritten"))),
        "candidate": {"name": f"{draw(st.sampled_from(GIVEN))} "
                              f"{draw(st.sampled_from(FAMILY))}",
                      "email": "writer@example.org"},
        "company": company,
        "role": draw(st.sampled_from((*ROLES, None))),
        "interview": {"start": start.isoformat(),
                      "end": (start + timedelta(minutes=75)).isoformat()},
        "interviewers": _unique([draw(person(i, domain)) for i in range(count)]),
        "other_companies": list(draw(st.lists(st.sampled_from(OTHER_COMPANIES), max_size=2))),
        "other_roles": list(draw(st.lists(st.sampled_from(OTHER_ROLES), max_size=1))),
        "dialect": draw(st.sampled_from((None, "american", "british"))),
        "drop_off": draw(st.booleans()),
    }
    if draw(st.booleans()):
        ctx["expected_reply_by"] = (day + timedelta(days=draw(st.integers(1, 40)))).isoformat()
    if draw(st.integers(0, 3)) > 0:
        ctx["scheduler"] = {"name": f"{draw(st.sampled_from(GIVEN))} Park",
                            "email": f"recruiting@{domain}"}
    if ctx["kind"] == "check_in":
        ctx["previous_notes"] = _previous(draw, start, ctx)
    if ctx["role"] is None:
        del ctx["role"]
    return ctx


def _unique(people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop a panelist whose name repeats an earlier one (real panels have distinct names)."""
    seen: set[str] = set()
    out = []
    for p in people:
        if p["name"] not in seen:
            seen.add(p["name"])
            out.append(p)
    return out


def _previous(draw: st.DrawFn, start: datetime, ctx: dict[str, Any]) -> list[dict[str, Any]]:
    notes = [{"kind": "thank_you", "text": "Thank you for your time.",
              "sent_at": (start + timedelta(hours=4)).astimezone(UTC).isoformat()}]
    later = start + timedelta(days=50)
    for n in range(draw(st.integers(0, 2))):
        notes.append({"kind": "check_in", "text": "A short update.",
                      "sent_at": (later + timedelta(days=25 * n)).isoformat()})
    return notes
