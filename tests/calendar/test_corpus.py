"""The invite corpus: invites as Google, Outlook/Teams, Zoom, Apple, Calendly and scheduling
tools (Greenhouse, Lever, Workday, GoodTime, ModernLoop, Ashby, SmartRecruiters, iCIMS) send
them, each with the people, their parts, the times and the employer it must give.

The fixtures are written from the vendors' documented formats: the interviewers of an ATS
invite are often only in its description (an "Interviewers:" line, an agenda, "you will
meet …", HTML in X-ALT-DESC), the sender a no-reply robot on the tool's domain.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterword.calendar.invite import InviteError, parse_invites

FIXTURES = Path(__file__).parent / "fixtures"
OWN = frozenset({"sam.ortiz@gmail.com", "Sam.Ortiz@Outlook.com"})
Person = tuple[str | None, str | None, str, str | None]  # name, email, part, title


@dataclass(frozen=True)
class Case:
    file: str
    index: int
    start: str
    end: str
    zone: str
    company: str | None
    role: str | None
    format: str
    cancelled: bool
    sequence: int
    people: tuple[Person, ...]


CORPUS = [
    Case('goodtime_html_list.ics', 0, '2026-12-15 13:00', '14:30', 'America/New_York',
         'Adatum Corporation', 'Data Scientist', 'video', cancelled=False, sequence=0, people=(
             ('Adatum Recruiting', 'recruiting@adatum.com', 'scheduler', None),
             ('Olga Ivanova', 'olga.ivanova@adatum.com', 'interviewer', 'Principal Data Scientist'),
             ('Mateo Rossi', 'mateo.rossi@adatum.com', 'hiring_manager', 'Analytics Manager'),
         )),
    Case('outlook_first_person_host.ics', 0, '2026-12-11 10:00', '11:00', 'America/Los_Angeles',
         'Proseware', 'Site Reliability Engineer', 'onsite', cancelled=False, sequence=0, people=(
             ('Grace Liu via Greenhouse', 'grace.liu@proseware.io', 'interviewer', None),
             ('Raj Patel', 'raj.patel@proseware.io', 'interviewer', 'Senior SRE'),
         )),
    Case('apple_onsite.ics', 0, '2026-12-09 10:00', '11:00', 'Europe/Lisbon',
         'Studio Norte', 'Junior Designer', 'onsite', cancelled=False, sequence=0, people=(
             ('Marta Silva', 'marta.silva@icloud.com', 'interviewer', None),
         )),
    Case('ashby_you_will_meet.ics', 0, '2026-12-15 15:00', '16:00', 'UTC',
         'Acme Robotics', None, 'video', cancelled=False, sequence=0, people=(
             ('Priyanka Desai', 'priyanka@acmerobotics.com', 'interviewer', None),
             ('Ben Carter', 'ben@acmerobotics.com', 'interviewer', None),
         )),
    Case('calendly_host.ics', 0, '2026-12-07 15:00', '15:30', 'UTC',
         'Brightpath', 'Program Coordinator', 'video', cancelled=False, sequence=0, people=(
             ('Rachel Kim', 'rachel.kim@brightpath.org', 'interviewer', None),
         )),
    Case('globex_other_team.ics', 0, '2026-12-04 10:00', '10:45', 'America/New_York',
         'Globex', 'Marketing Analyst', 'video', cancelled=False, sequence=0, people=(
             ('Priya Raman', 'p.raman@globex-marketing.com', 'interviewer', None),
         )),
    Case('globex_round1.ics', 0, '2026-11-18 15:00', '15:30', 'America/New_York',
         'Globex', 'Data Analyst', 'phone', cancelled=False, sequence=0, people=(
             ('Chris Nolan', 'chris.nolan@globex.com', 'interviewer', None),
         )),
    Case('globex_round2.ics', 0, '2026-12-01 11:00', '12:00', 'America/New_York',
         'Globex', 'Data Analyst', 'video', cancelled=False, sequence=0, people=(
             ('Chris Nolan', 'chris.nolan@globex.com', 'scheduler', None),
             ('Fatima Zahra', 'fatima.zahra@globex.com', 'interviewer', None),
         )),
    Case('goodtime_agenda.ics', 0, '2026-12-11 09:00', '11:30', 'America/Los_Angeles',
         'Initech', 'Product Manager', 'video', cancelled=False, sequence=0, people=(
             ('Sarah Chen', 'sarah.chen@initech.com', 'interviewer', 'Senior Product Manager'),
             ('Luis Ortega', 'luis.ortega@initech.com', 'interviewer', 'Design Lead'),
             ('Hiroshi Tanaka', 'hiroshi.tanaka@initech.com', 'interviewer', 'VP Product'),
             ('Beth Alvarez', None, 'coordinator', None),
         )),
    Case('google_cancel.ics', 0, '2024-12-03 11:00', '12:00', 'America/New_York',
         'Northwind Analytics', 'Senior Data Analyst', 'video', cancelled=True, sequence=2, people=(
             ('Jordan Lee', 'jordan.lee@northwind-analytics.com', 'scheduler', None),
             ('Priya Raman', 'priya.raman@northwind-analytics.com', 'interviewer', 'Analytics Manager'),
             ('Marcus Bell', 'marcus.bell@northwind-analytics.com', 'interviewer', None),
         )),
    Case('google_request.ics', 0, '2024-12-02 14:00', '15:00', 'America/New_York',
         'Northwind Analytics', 'Senior Data Analyst', 'video', cancelled=False, sequence=0, people=(
             ('Jordan Lee', 'jordan.lee@northwind-analytics.com', 'scheduler', None),
             ('Priya Raman', 'priya.raman@northwind-analytics.com', 'interviewer', 'Analytics Manager'),
             ('Marcus Bell', 'marcus.bell@northwind-analytics.com', 'interviewer', None),
         )),
    Case('google_update.ics', 0, '2024-12-03 11:00', '12:00', 'America/New_York',
         'Northwind Analytics', 'Senior Data Analyst', 'video', cancelled=False, sequence=1, people=(
             ('Jordan Lee', 'jordan.lee@northwind-analytics.com', 'scheduler', None),
             ('Priya Raman', 'priya.raman@northwind-analytics.com', 'interviewer', 'Analytics Manager'),
             ('Marcus Bell', 'marcus.bell@northwind-analytics.com', 'interviewer', None),
         )),
    Case('greenhouse_agenda_html.ics', 0, '2026-12-08 09:00', '12:00', 'America/Chicago',
         'Tailwind Traders', 'Senior Product Designer', 'onsite', cancelled=False, sequence=0, people=(
             ('Jordan Lee', 'jordan.lee@tailwind-traders.com', 'coordinator', 'Recruiting Coordinator'),
             ('Amara Nwosu', None, 'interviewer', 'Design Director'),
             ('Kenji Watanabe', None, 'interviewer', 'Staff Product Designer'),
             ('Lucía Fernández', None, 'interviewer', 'VP Product'),
         )),
    Case('greenhouse_interviewers.ics', 0, '2026-12-02 10:00', '11:30', 'America/New_York',
         'Northwind Analytics', 'Senior Data Analyst', 'video', cancelled=False, sequence=0, people=(
             ('Priya Raman', None, 'interviewer', 'Head of Analytics'),
             ('Marcus Bell', None, 'interviewer', 'Senior Data Engineer'),
             ('Jordan Lee', None, 'coordinator', 'Recruiting Coordinator, Northwind Analytics'),
         )),
    Case('greenhouse_update.ics', 0, '2026-12-03 14:00', '15:30', 'America/New_York',
         'Northwind Analytics', 'Senior Data Analyst', 'video', cancelled=False, sequence=1, people=(
             ('Priya Raman', None, 'interviewer', 'Head of Analytics'),
             ('Marcus Bell', None, 'interviewer', 'Senior Data Engineer'),
             ('Alex Moreau', None, 'interviewer', 'Analytics Engineer'),
             ('Jordan Lee', None, 'coordinator', 'Recruiting Coordinator, Northwind Analytics'),
         )),
    Case('hostile_description.ics', 0, '2026-12-15 10:00', '11:00', 'America/New_York',
         'Wayne Enterprises', None, 'onsite', cancelled=False, sequence=0, people=(
             ('Lucius Fox', 'lucius.fox@wayne-enterprises.com', 'scheduler', None),
             ('Selina Kyle', 'selina.kyle@wayne-enterprises.com', 'interviewer', 'Head of Security'),
         )),
    Case('icims_interviewers_label.ics', 0, '2026-12-14 08:00', '09:00', 'America/Denver',
         'Hollis & Grant LLP', 'Associate Attorney', 'onsite', cancelled=False, sequence=0, people=(
             ("Siobhan O'Brien-Zoë", 'siobhan.obrien@hollisgrant.com', 'interviewer', 'Senior Counsel'),
             ('Marcus Delgado', 'mdelgado@hollisgrant.com', 'interviewer', 'Partner'),
             ('Tara Singh', 'tara.singh@hollisgrant.com', 'recruiter', None),
         )),
    Case('lever_cancel.ics', 0, '2026-12-09 17:00', '18:00', 'UTC',
         'Globex', 'Backend Engineer', 'onsite', cancelled=True, sequence=1, people=(
             ('Globex Talent', 'talent@globex.com', 'scheduler', None),
         )),
    Case('lever_meeting_with.ics', 0, '2026-12-09 17:00', '18:00', 'UTC',
         'Globex', 'Backend Engineer', 'video', cancelled=False, sequence=0, people=(
             ('Globex Talent', 'talent@globex.com', 'scheduler', None),
             ('Dana Whitfield', 'dana.whitfield@globex.com', 'interviewer', 'Engineering Manager'),
             ('Omar Haddad', 'omar.haddad@globex.com', 'interviewer', 'Staff Engineer'),
         )),
    Case('markup_summary.ics', 0, '2026-12-15 15:00', '16:00', 'UTC',
         None, None, 'onsite', cancelled=False, sequence=0, people=(
             ('Ravi Kumar', 'ravi.kumar@gmail.com', 'interviewer', None),
         )),
    Case('modernloop_panel.ics', 0, '2026-12-14 14:00', '15:00', 'Europe/Berlin',
         'Umbrella Labs', 'Machine Learning Engineer', 'video', cancelled=False, sequence=0, people=(
             ('Grace Okafor', 'grace.okafor@umbrella-labs.de', 'interviewer', 'Data Science Lead'),
             ('Tom Becker', 'tom.becker@umbrella-labs.de', 'interviewer', 'ML Engineer'),
         )),
    Case('outlook_hosted_by.ics', 0, '2026-12-17 13:00', '14:00', 'America/New_York',
         'Litware', 'Financial Analyst', 'onsite', cancelled=False, sequence=0, people=(
             ('Elena Petrova', 'elena.petrova@litware.com', 'interviewer', 'Finance Director'),
             ('Owen Price', 'owen.price@litware.com', 'interviewer', None),
         )),
    Case('outlook_request.ics', 0, '2024-12-03 09:30', '10:30', 'America/New_York',
         'Contoso Pharmaceuticals', 'Clinical Data Manager', 'video', cancelled=False, sequence=0, people=(
             ('Nguyễn, Thu Trang', 'thu.nguyen@contoso-pharma.com', 'scheduler', None),
             ('Okafor, Chinedu (R&D)', 'chinedu.okafor@contoso-pharma.com', 'interviewer', 'Director, Clinical Data'),
             ('Renée Dubois', 'renee.dubois@contoso-pharma.com', 'interviewer', None),
         )),
    Case('panel_day.ics', 0, '2024-12-10 10:00', '11:00', 'Europe/Berlin',
         'Tailspin Toys', 'Senior Product Designer', 'onsite', cancelled=False, sequence=0, people=(
             ('Lena Schäfer', 'lena.schaefer@tailspintoys.com', 'scheduler', None),
             ('Jonas Weber', 'jonas.weber@tailspintoys.com', 'interviewer', None),
             ('Aylin Demir', 'aylin.demir@tailspintoys.com', 'interviewer', None),
         )),
    Case('panel_day.ics', 1, '2024-12-10 11:15', '12:00', 'Europe/Berlin',
         'Tailspin Toys', 'Senior Product Designer', 'onsite', cancelled=False, sequence=0, people=(
             ('Lena Schäfer', 'lena.schaefer@tailspintoys.com', 'scheduler', None),
             ('Mia Hoffmann', 'mia.hoffmann@tailspintoys.com', 'interviewer', None),
         )),
    Case('school_address_candidate.ics', 0, '2026-12-16 14:00', '14:45', 'America/New_York',
         'Woodgrove Bank', 'Analyst Intern', 'onsite', cancelled=False, sequence=0, people=(
             ('Hannah Brooks', 'hannah.brooks@woodgrovebank.com', 'interviewer', None),
         )),
    Case('smartrecruiters_sentence.ics', 0, '2026-12-18 10:00', '11:00', 'Europe/Warsaw',
         'Vistula Energy', 'Senior Accountant', 'onsite', cancelled=False, sequence=0, people=(
             ('Anna Kowalska', None, 'interviewer', 'Head of Finance'),
             ('Piotr Nowak', None, 'interviewer', 'Financial Controller'),
         )),
    Case('teams_chair.ics', 0, '2026-12-16 09:30', '10:30', 'Europe/Warsaw',
         'Fabrikam Logistics', 'Supply Chain Analyst', 'video', cancelled=False, sequence=0, people=(
             ('Kowalczyk, Magda', 'magda.kowalczyk@fabrikam-logistics.com', 'interviewer', None),
             ('Jansen, Pieter', 'pieter.jansen@fabrikam-logistics.com', 'interviewer', None),
         )),
    Case('workday_description_only.ics', 0, '2026-12-10 11:00', '12:00', 'Europe/London',
         'Contoso Pharmaceuticals', 'Clinical Data Manager', 'video', cancelled=False, sequence=0, people=(
             ('Dr. Nia Okoye', 'nia.okoye@contoso-pharma.com', 'interviewer', 'Director of Clinical Data'),
         )),
    Case('zoom.ics', 0, '2024-12-04 19:00', '19:45', 'UTC',
         'Fabrikam', 'Data Engineer', 'video', cancelled=False, sequence=0, people=(
         )),
    Case('zoom_scheduler.ics', 0, '2026-12-10 21:00', '21:45', 'UTC',
         'Coho Winery', 'Data Engineer', 'video', cancelled=False, sequence=0, people=(
             ('Wen Li', 'wen.li@coho-winery.com', 'interviewer', None),
         )),
]
VENDORS = {"google", "outlook", "teams", "zoom", "apple", "calendly", "greenhouse", "lever",
           "workday", "goodtime", "modernloop", "ashby", "smartrecruiters", "icims"}


def test_the_corpus_covers_the_vendors_and_has_at_least_25_invites() -> None:
    files = {case.file for case in CORPUS} | {"hostile_cn.ics"}
    assert files == {p.name for p in FIXTURES.glob("*.ics")}
    assert len(files) >= 25
    assert {name.split("_")[0] for name in files} >= VENDORS


@pytest.mark.parametrize("case", CORPUS, ids=lambda c: f"{c.file}#{c.index}")
def test_each_invite_gives_its_people_parts_times_and_employer(case: Case) -> None:
    invite = parse_invites((FIXTURES / case.file).read_bytes(), OWN)[case.index]
    zone = ZoneInfo(case.zone)
    assert invite.timezone == case.zone
    assert invite.start == datetime.fromisoformat(case.start).replace(tzinfo=zone)
    assert invite.end.astimezone(zone).strftime("%H:%M") == case.end
    assert (invite.company, invite.role, invite.format) == (case.company, case.role, case.format)
    assert (invite.cancelled, invite.sequence) == (case.cancelled, case.sequence)
    assert tuple((p.name, p.email, p.kind, p.title) for p in invite.people) == case.people
    unknown_address = case.file == "school_address_candidate.ics"
    assert (invite.candidate is not None) == unknown_address  # else the user's address was on it
    assert not any(p.email and "ortiz" in p.email for p in invite.people)


def test_no_scheduling_tool_is_ever_the_employer() -> None:
    tools = ("greenhouse", "lever", "workday", "goodtime", "modernloop", "ashby", "calendly",
             "zoom", "smartrecruiters", "icims", "google", "teams")
    for case in CORPUS:
        assert not any(t in (case.company or "").casefold() for t in tools), case.file


def test_the_user_is_recognised_when_their_address_is_unknown() -> None:
    school = parse_invites((FIXTURES / "school_address_candidate.ics").read_bytes(), OWN)[0]
    assert school.candidate is not None and school.candidate.email == "sortiz3@state.edu"
    assert [p.email for p in school.people] == ["hannah.brooks@woodgrovebank.com"]
    # nobody known at all: the one attendee the tool invited, greeted by the description
    ats = parse_invites((FIXTURES / "greenhouse_interviewers.ics").read_bytes())[0]
    assert ats.candidate is not None and ats.candidate.email == "sam.ortiz@gmail.com"
    assert "sam.ortiz@gmail.com" not in [p.email for p in ats.people]
    lever = parse_invites((FIXTURES / "lever_meeting_with.ics").read_bytes())[0]
    assert lever.candidate is not None and lever.candidate.email == "sam.ortiz@gmail.com"
    assert [p.kind for p in lever.people] == ["scheduler", "interviewer", "interviewer"]


def test_own_addresses_match_up_to_case_plus_tags_and_gmail_dots() -> None:
    data = (FIXTURES / "lever_meeting_with.ics").read_bytes()
    for own in ("SamOrtiz+jobs@GMAIL.com", "sam.ortiz@googlemail.com"):
        invite = parse_invites(data, frozenset({own}))[0]
        assert invite.candidate is None
        assert all(p.email != "sam.ortiz@gmail.com" for p in invite.people)


def test_the_users_name_among_the_attendees_marks_them_when_the_address_is_new() -> None:
    data = (FIXTURES / "teams_chair.ics").read_bytes()
    invite = parse_invites(data, frozenset({"sam@school.example"}), user_name="Sam Ortiz")[0]
    assert invite.candidate is not None and invite.candidate.email == "sam.ortiz@gmail.com"


@pytest.mark.parametrize(
    ("cut", "message"),
    [(lambda b: b[: len(b) // 2], "cut off"),
     (lambda b: b.replace(b"END:VCALENDAR", b""), "cut off: it stops before END:VCALENDAR"),
     (lambda b: b"From: someone\r\n\r\nhello", "not a calendar invite"),
     (lambda b: b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "no event in it")],
)
def test_a_truncated_or_malformed_invite_says_what_is_wrong(cut: object, message: str) -> None:
    data = (FIXTURES / "greenhouse_interviewers.ics").read_bytes()
    with pytest.raises(InviteError, match=message) as caught:
        parse_invites(cut(data))  # type: ignore[operator]
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        ("Interview Schedule:\n• 1:00pm - 1:45pm EST | Jane Doe | Senior Engineer\n"
         "• 1:45pm - 2:30pm EST | John Smith | Engineering Manager",
         [("Jane Doe", "Senior Engineer", None, "interviewer"),
          ("John Smith", "Engineering Manager", None, "interviewer")]),
        ("Interviewer: Jane Doe (jane.doe@acme.example)",
         [("Jane Doe", None, "jane.doe@acme.example", "interviewer")]),
        ("Meet with: John Smith - Director of Engineering",
         [("John Smith", "Director of Engineering", None, "interviewer")]),
        ("Interviewer(s): Jane Doe, John Smith",
         [("Jane Doe", None, None, "interviewer"), ("John Smith", None, None, "interviewer")]),
        ("Panelists:\nMary-Jane O'Neil, VP Sales\nJosé Álvarez, Account Executive\n",
         [("Mary-Jane O'Neil", "VP Sales", None, "interviewer"),
          ("José Álvarez", "Account Executive", None, "interviewer")]),
        ("10:00 AM – 10:45 AM (EST) Jane Doe, Engineering Manager\n"
         "10:45 AM – 11:30 AM (EST) Coding interview with John Smith",
         [("Jane Doe", "Engineering Manager", None, "interviewer"),
          ("John Smith", None, None, "interviewer")]),
        ("Candidate: Sam Ortiz\nHiring Manager: Jane Doe\nRecruiter: Tom Lee",
         [("Jane Doe", None, None, "hiring_manager"), ("Tom Lee", None, None, "recruiter")]),
        ("Your interview team:\n- Jane Doe <jane@acme.example>\n- John Smith <john@acme.example>",
         [("Jane Doe", None, "jane@acme.example", "interviewer"),
          ("John Smith", None, "john@acme.example", "interviewer")]),
        ("You'll be speaking with Jane Doe, our Head of Data, and John Smith, Staff Engineer.",
         [("Jane Doe", "Head of Data", None, "interviewer"),
          ("John Smith", "Staff Engineer", None, "interviewer")]),
        ("<p><strong>Interviewers</strong></p><ul><li>Jane Doe – Product Lead</li>"
         "<li>John Smith – Designer</li></ul>",
         [("Jane Doe", "Product Lead", None, "interviewer"),
          ("John Smith", "Designer", None, "interviewer")]),
        ("Agenda\n2:00 PM Introductions\n2:05 PM Jane Doe (Hiring Manager)\n2:45 PM Q&A",
         [("Jane Doe", "Hiring Manager", None, "hiring_manager")]),
        ("Join Zoom Meeting\nhttps://zoom.us/j/123\nMeeting ID: 123 456 7890\nPasscode: 12345\n"
         "One tap mobile\n+16465588656,,123#", []),
        ("Invitation from Google Calendar\nYou are receiving this email because you are an "
         "attendee on the event.", []),
        ("Best,\nJordan Lee\nRecruiting Coordinator", [
            ("Jordan Lee", "Recruiting Coordinator", None, "coordinator")]),
    ],
)
def test_the_people_a_description_names(description: str,
                                        expected: list[tuple[str, str | None, str | None, str]]
                                        ) -> None:
    from afterword.calendar.roster import named_people, plain_text

    found = named_people(plain_text(description))
    assert [(n.name, n.title, n.email, n.kind) for n in found] == expected


def _event(*lines: str) -> bytes:
    body = ["BEGIN:VCALENDAR", "VERSION:2.0", "METHOD:REQUEST", "BEGIN:VEVENT",
            "UID:synthetic@example.test", "DTSTART:20261215T150000Z", *lines, "END:VEVENT",
            "END:VCALENDAR"]
    return ("\r\n".join(body) + "\r\n").encode()


@pytest.mark.parametrize(
    ("lines", "company", "emails"),
    [
        (("SUMMARY:Onsite Interview: Senior Data Analyst",
          "ORGANIZER;CN=Northwind Analytics Recruiting:mailto:no-reply@greenhouse.io",
          "ATTENDEE;CN=Priya Raman:mailto:priya@northwind.example"),
         "Northwind Analytics", ["priya@northwind.example"]),
        (("SUMMARY:Interview Scheduled: Analyst (R-1234)",
          "ORGANIZER;CN=Workday:mailto:workday@contoso.example",
          "ATTENDEE;CN=Ana Lima:mailto:ana.lima@contoso.example"),
         "Contoso", ["ana.lima@contoso.example"]),
        (("SUMMARY:Phone screen",
          "ORGANIZER;CN=Jordan Lee via Calendly:mailto:notifications@calendly.com",
          "ATTENDEE;CN=Jordan Lee:mailto:jordan@blue-yonder.co.uk"),
         "Blue Yonder", ["jordan@blue-yonder.co.uk"]),
        # the lone invitee of a tool's invite is asked about ("is this you?"), not stored
        (("SUMMARY:Interview", "ORGANIZER;CN=GoodTime:mailto:scheduling@goodtime.io",
          "ATTENDEE;CN=Kim Lee:mailto:kim@gmail.com"), None, []),
    ],
)
def test_the_sender_a_tool_names_is_the_employer_never_the_tool(
        lines: tuple[str, ...], company: str | None, emails: list[str]) -> None:
    invite = parse_invites(_event(*lines), OWN)[0]
    assert invite.company == company
    assert [p.email for p in invite.people] == emails


@settings(deadline=None, max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(
    st.sampled_from(["Interviewers:", "Agenda", "You will meet with", "10:00 – ", "- ", "(",
                     ")", ", ", " and ", "Dr. ", "Recruiter: ", "<li>", "</li>", "<br>",
                     "&amp;", "\n", "\n\n", "Jane Doe", "O'Brien-Zoë", "Head of Data"]),
    st.text(max_size=40)), max_size=60))
def test_any_description_gives_names_of_one_short_line(pieces: list[str]) -> None:
    from afterword.calendar.roster import MAX_NAMED, named_people, plain_text

    found = named_people(plain_text("".join(pieces)))
    assert len(found) <= MAX_NAMED
    for person in found:
        assert 0 < len(person.name) <= 100 and "\n" not in person.name
        assert person.title is None or (len(person.title) <= 100 and "\n" not in person.title)


def test_a_huge_description_line_is_read_only_as_far_as_the_limits() -> None:
    from afterword.calendar.roster import named_people

    line = "Interviewers: " + "Jane Doe, " * 100_000
    assert [n.name for n in named_people(line)] == ["Jane Doe"]


@pytest.mark.parametrize(
    ("summary", "company"),
    [("[External] Interview with Contoso", "Contoso"),
     ("Accepted: Interview - Data Analyst - Contoso", "Contoso"),
     ("FW: Interview Invitation - Data Analyst - Contoso", "Contoso"),
     ("Interview Confirmation: Sam Ortiz / Contoso", "Contoso"),
     ("Updated invitation: Data Analyst interview @ Wed Dec 3, 2pm - 3pm (EST)", "Contoso"),
     ("Interview Scheduled: Analyst (R-10423)", "Contoso"),
     ("<script>alert(1)</script>", "Contoso"),
     ("{{company}} – {{role}}", "Contoso")],
)
def test_the_employer_from_summaries_as_mail_programs_and_tools_write_them(
        summary: str, company: str) -> None:
    from afterword.calendar.employer import guess_company_role

    found, _ = guess_company_role(summary, "", ["hr@contoso.example"], {"sam", "ortiz"})
    assert found == company
