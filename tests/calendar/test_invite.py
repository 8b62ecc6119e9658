"""Specification of afterword.calendar.invite: interview invites as Google, Outlook and Zoom send them."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterword.calendar.invite import (
    MAX_BYTES,
    MAX_EVENTS,
    Invite,
    InviteError,
    parse_invites,
)

FIXTURES = Path(__file__).parent / "fixtures"
NW = "@northwind-analytics.com"
OWN = frozenset({"sam.ortiz@gmail.com", "Sam.Ortiz@Outlook.com"})
NEW_YORK = ZoneInfo("America/New_York")


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def one(name: str) -> Invite:
    invites = parse_invites(fixture(name), OWN)
    assert len(invites) == 1
    return invites[0]


def ics(*event_lines: str, method: str = "REQUEST", preamble: str = "", events: int = 1) -> bytes:
    """A minimal calendar whose VEVENT(s) hold the given lines (UID made unique per event)."""
    body = []
    for n in range(events):
        lines = [line.replace("{n}", str(n)) for line in event_lines]
        body += ["BEGIN:VEVENT", *lines, "END:VEVENT"]
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//afterword tests//EN",
            *([f"METHOD:{method}"] if method else []), *([preamble] if preamble else [])]
    return ("\r\n".join([*head, *body, "END:VCALENDAR"]) + "\r\n").encode("utf-8")


BASIC = ("UID:basic-{n}@example.test", "DTSTAMP:20241101T120000Z", "SUMMARY:Interview")


def emails(invite: Invite) -> list[str]:
    return [p.email for p in invite.people]


def test_google_request() -> None:
    invite = one("google_request.ics")
    assert invite.uid == "3q9v1k5m7n2b4c6d8f0g1h3j5k@google.com"
    assert (invite.sequence, invite.method, invite.cancelled) == (0, "REQUEST", False)
    assert (invite.start, invite.end) == (datetime(2024, 12, 2, 14, 0, tzinfo=NEW_YORK),
                                          datetime(2024, 12, 2, 15, 0, tzinfo=NEW_YORK))
    assert (invite.start.tzinfo, invite.timezone) == (NEW_YORK, "America/New_York")
    assert invite.organizer is not None
    assert (invite.organizer.name, invite.organizer.email) == ("Jordan Lee", f"jordan.lee{NW}")
    # the candidate and the room resource are gone; the organizer, listed twice, once
    assert emails(invite) == [f"jordan.lee{NW}", f"priya.raman{NW}", f"marcus.bell{NW}"]
    jordan, priya, marcus = invite.people
    assert jordan.organizer and not priya.organizer
    assert jordan.role == "REQ-PARTICIPANT"  # filled in from the ATTENDEE line
    assert (priya.name, priya.role, priya.cutype) == ("Priya Raman", "REQ-PARTICIPANT", "INDIVIDUAL")
    assert marcus.role == "OPT-PARTICIPANT"
    assert invite.format == "video"
    assert invite.video_url == "https://meet.google.com/abc-defg-hij"
    assert (invite.company, invite.role) == ("Northwind Analytics", "Senior Data Analyst")
    assert invite.summary == "Interview: Senior Data Analyst – Northwind Analytics"
    assert "Join with Google Meet" in invite.description
    assert invite.description.startswith("Hi Sam,\n\nLooking forward")


def test_google_update_has_the_same_uid_and_a_higher_sequence() -> None:
    first, update = one("google_request.ics"), one("google_update.ics")
    assert update.uid == first.uid
    assert update.sequence == 1 > first.sequence
    assert update.start == datetime(2024, 12, 3, 11, 0, tzinfo=NEW_YORK)
    assert update.end - update.start == timedelta(hours=1)


def test_one_file_with_the_request_and_its_update_gives_the_update_only() -> None:
    both = fixture("google_update.ics") + fixture("google_request.ics")
    invites = parse_invites(both, OWN)
    assert [(i.uid, i.sequence) for i in invites] == [("3q9v1k5m7n2b4c6d8f0g1h3j5k@google.com", 1)]
    assert invites[0].start.hour == 11


def test_google_cancellation_and_status_cancelled() -> None:
    invite = one("google_cancel.ics")
    assert (invite.method, invite.cancelled, invite.sequence) == ("CANCEL", True, 2)
    assert invite.uid == one("google_request.ics").uid
    data = ics(*BASIC, "DTSTART:20241105T150000Z", "STATUS:CANCELLED", method="PUBLISH")
    assert parse_invites(data)[0].cancelled


def test_outlook_request() -> None:
    invite = one("outlook_request.ics")
    # Windows zone name in TZID (with its VTIMEZONE) becomes the IANA zone
    assert invite.timezone == "America/New_York"
    assert (invite.start, invite.end) == (datetime(2024, 12, 3, 9, 30, tzinfo=NEW_YORK),
                                          datetime(2024, 12, 3, 10, 30, tzinfo=NEW_YORK))
    assert invite.start.utcoffset() == timedelta(hours=-5)
    assert invite.uid.startswith("040000008200E00074C5B7101A82E008") and len(invite.uid) == 112
    assert invite.organizer is not None
    # quoted CN with a comma and accents; MAILTO: upper case; address lower-cased
    assert invite.organizer.name == "Nguyễn, Thu Trang"
    assert invite.organizer.email == "thu.nguyen@contoso-pharma.com"
    # own address (other case), the RESOURCE and "Conference Room 12A" are gone
    assert [p.email.split("@")[0] for p in invite.people] == [
        "thu.nguyen", "chinedu.okafor", "renee.dubois"]
    assert [p.name for p in invite.people][1:] == ["Okafor, Chinedu (R&D)", "Renée Dubois"]
    # the folded lines of the Teams link are joined back exactly
    assert invite.video_url is not None
    assert invite.video_url.startswith("https://teams.microsoft.com/l/meetup-join/19%3ameeting_")
    assert invite.video_url.endswith("%22a1b2c3d4-e5f6-7890-abcd-ef1234567890%22%7d")
    assert invite.format == "video"
    assert invite.location == "Microsoft Teams Meeting"
    assert "Phone Conference ID: 612 345 789#" in invite.description
    assert (invite.company, invite.role) == ("Contoso Pharmaceuticals", "Clinical Data Manager")


def test_zoom_invite() -> None:
    invite = one("zoom.ics")
    assert invite.timezone == "UTC"
    assert invite.start == datetime(2024, 12, 4, 19, 0, tzinfo=UTC)
    assert invite.start.tzinfo == ZoneInfo("UTC")
    assert invite.end - invite.start == timedelta(minutes=45)
    assert invite.video_url == (
        "https://fabrikam.zoom.us/j/85512345678?pwd=Q2xhc3NpY1BhcnR5MTIzNDU2Nzg5MA.1")
    assert invite.format == "video"  # "Phone Screen" in the title, but it is a Zoom call
    assert invite.organizer is None and invite.people == ()
    assert (invite.company, invite.role) == ("Fabrikam", "Data Engineer")
    assert invite.method == "PUBLISH"


def test_panel_day_with_two_events() -> None:
    first, second = parse_invites(fixture("panel_day.ics"), OWN)
    berlin = ZoneInfo("Europe/Berlin")
    assert first.uid != second.uid
    assert (first.start, first.end) == (
        datetime(2024, 12, 10, 10, 0, tzinfo=berlin), datetime(2024, 12, 10, 11, 0, tzinfo=berlin))
    assert (second.start, second.end) == (
        datetime(2024, 12, 10, 11, 15, tzinfo=berlin), datetime(2024, 12, 10, 12, 0, tzinfo=berlin))
    assert first.timezone == second.timezone == "Europe/Berlin"
    assert [e.split("@")[0] for e in emails(first)] == ["lena.schaefer", "jonas.weber", "aylin.demir"]
    assert [e.split("@")[0] for e in emails(second)] == ["lena.schaefer", "mia.hoffmann"]
    assert first.organizer is not None and first.organizer.name == "Lena Schäfer"
    for invite in (first, second):
        assert invite.format == "onsite" and invite.video_url is None
        assert (invite.company, invite.role) == ("Tailspin Toys", "Senior Product Designer")
        assert "Friedrichstraße 68" in invite.location


def test_hostile_names_are_one_short_line_of_text() -> None:
    invite = one("hostile_cn.ics")
    assert "sam.ortiz@gmail.com" not in emails(invite)  # own address, sent in upper case
    assert "not-an-email" not in " ".join(emails(invite))
    assert all(p.email.endswith("@globex.example") for p in invite.people)
    for name in (p.name or "" for p in invite.people):
        assert len(name) <= 100, name
        assert not re.search(r"[\x00-\x1f\x7f<>]|\\[nr]|script|alert", name), name
    names = {p.email: p.name for p in invite.people}
    assert names["eve.recruiter@globex.example"] == "Eve"  # text after an RFC 6868 ^n dropped
    assert names["mallory@globex.example"] == "Mallory X-Injected: yes"
    assert names["trent@globex.example"] == "Trent Bold"
    assert names["peggy@globex.example"] == "Peggy"
    assert names["blank@globex.example"] is None
    assert (names["long.name@globex.example"] or "").startswith("AAAA")
    assert (invite.company, invite.role) == ("Globex", "Data Analyst")


@pytest.mark.parametrize(
    ("summary", "company", "role"),
    [
        ("Interview: Senior Data Analyst – Northwind Analytics", "Northwind Analytics",
         "Senior Data Analyst"),
        ("Northwind Analytics / Sam Ortiz — Senior Data Analyst interview", "Northwind Analytics",
         "Senior Data Analyst"),
        ("Interview with Northwind for Data Analyst", "Northwind", "Data Analyst"),
        ("Interview for the Data Analyst position at Northwind", "Northwind", "Data Analyst"),
        ("Sam Ortiz <> Northwind | Final Round", "Northwind", None),
        ("Technical interview (Backend Engineer) - Globex", "Globex", "Backend Engineer"),
        ("Phone screen: Globex, Product Manager", "Globex", "Product Manager"),
    ],
)
def test_company_and_role_from_the_summary(summary: str, company: str, role: str | None) -> None:
    data = ics(*BASIC[:2], f"SUMMARY:{summary.replace(',', chr(92) + ',')}",
               "DTSTART:20241105T150000Z",
               "ATTENDEE;CN=Sam Ortiz:mailto:sam.ortiz@gmail.com")
    invite = parse_invites(data, OWN)[0]
    assert (invite.company, invite.role) == (company, role)


def test_company_falls_back_to_the_organizer_domain() -> None:
    data = ics("UID:x@example.test", "SUMMARY:Interview", "DTSTART:20241105T150000Z",
               "ORGANIZER;CN=Avery:mailto:avery@blue-yonder.co.uk")
    assert parse_invites(data)[0].company == "Blue Yonder"
    webmail = ics("UID:x@example.test", "SUMMARY:Interview", "DTSTART:20241105T150000Z",
                  "ORGANIZER;CN=Avery:mailto:avery@gmail.com")
    assert parse_invites(webmail)[0].company is None


def test_all_day_events_are_skipped_and_the_others_kept() -> None:
    data = ics(*BASIC, "DTSTART;VALUE=DATE:{date}", events=1).replace(b"{date}", b"20241105")
    with pytest.raises(InviteError, match="all-day event is not an interview time"):
        parse_invites(data)
    mixed = data.replace(b"END:VCALENDAR", b"BEGIN:VEVENT\r\nUID:timed@example.test\r\n"
                         b"DTSTART:20241106T150000Z\r\nEND:VEVENT\r\nEND:VCALENDAR")
    assert [i.uid for i in parse_invites(mixed)] == ["timed@example.test"]


def test_missing_dtend_uses_duration_else_one_hour() -> None:
    with_duration = parse_invites(ics(*BASIC, "DTSTART:20241105T150000Z", "DURATION:PT45M"))[0]
    assert with_duration.end - with_duration.start == timedelta(minutes=45)
    bare = parse_invites(ics(*BASIC, "DTSTART:20241105T150000Z"))[0]
    assert bare.end - bare.start == timedelta(hours=1)
    broken = parse_invites(ics(*BASIC, "DTSTART:20241105T150000Z", "DTEND:2024"))[0]
    assert broken.end - broken.start == timedelta(hours=1)


def test_a_recurring_event_gives_its_first_occurrence_and_overrides_are_dropped() -> None:
    series = ("UID:weekly@example.test", "DTSTART;TZID=America/New_York:20241105T100000",
              "DTEND;TZID=America/New_York:20241105T103000", "RRULE:FREQ=WEEKLY;COUNT=4",
              "SUMMARY:Interview loop")
    override = ("UID:weekly@example.test", "RECURRENCE-ID;TZID=America/New_York:20241112T100000",
                "DTSTART;TZID=America/New_York:20241112T140000",
                "DTEND;TZID=America/New_York:20241112T143000", "SUMMARY:Interview loop (moved)")
    second = "\r\n".join(["BEGIN:VEVENT", *override, "END:VEVENT", "END:VCALENDAR"])
    data = ics(*series).replace(b"END:VCALENDAR", second.encode())  # moved 2nd occurrence after
    invites = parse_invites(data)
    assert len(invites) == 1
    assert invites[0].start == datetime(2024, 11, 5, 10, 0, tzinfo=NEW_YORK)


@pytest.mark.parametrize(
    ("tzid", "zone"),
    [
        ("Europe/Berlin", "Europe/Berlin"),
        ("W. Europe Standard Time", "Europe/Berlin"),
        ('"Pacific Standard Time"', "America/Los_Angeles"),
        ("/freeassociation.sourceforge.net/Tzfile/Europe/London", "Europe/London"),
        ("/mozilla.org/20050126_1/America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires"),
    ],
)
def test_time_zone_names(tzid: str, zone: str) -> None:
    invite = parse_invites(ics(*BASIC, f"DTSTART;TZID={tzid}:20241105T100000"))[0]
    assert invite.timezone == zone
    assert invite.start == datetime(2024, 11, 5, 10, 0, tzinfo=ZoneInfo(zone))


def test_unknown_tzid_keeps_the_vtimezone_instant_in_utc() -> None:
    vtimezone = "\r\n".join(["BEGIN:VTIMEZONE", "TZID:Customized Time Zone", "BEGIN:STANDARD",
                               "DTSTART:16010101T000000", "TZOFFSETFROM:+0530",
                               "TZOFFSETTO:+0530", "END:STANDARD", "END:VTIMEZONE"])
    data = ics(*BASIC, "DTSTART;TZID=Customized Time Zone:20241105T100000", preamble=vtimezone)
    invite = parse_invites(data)[0]
    assert invite.timezone == "UTC"
    assert invite.start == datetime(2024, 11, 5, 4, 30, tzinfo=UTC)


def test_floating_time_is_read_as_utc() -> None:
    invite = parse_invites(ics(*BASIC, "DTSTART:20241105T100000"))[0]
    assert (invite.timezone, invite.start) == ("UTC", datetime(2024, 11, 5, 10, 0, tzinfo=UTC))


@pytest.mark.parametrize(
    ("lines", "message"),
    [(("DTSTART:20241105T100000Z", "DTEND:20241105T090000Z"), "ends before it starts"),
     ((), "no usable start time"), (("DTSTART:2024",), "no usable start time")],
)
def test_events_with_unusable_times_are_refused(lines: tuple[str, ...], message: str) -> None:
    with pytest.raises(InviteError, match=message):
        parse_invites(ics(*BASIC, *lines))


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (("LOCATION:+1 (555) 010-2030",), "phone"),
        (("SUMMARY:Phone interview with Globex",), "phone"),
        (("LOCATION:tel:+15550102030",), "phone"),
        (("LOCATION:Microsoft Teams Meeting",), "video"),
        (("URL:https://whereby.com/globex-interviews",), "video"),
        (("LOCATION:Globex HQ\\, 5th floor",), "onsite"),
    ],
)
def test_format(lines: tuple[str, ...], expected: str) -> None:
    data = ics("UID:f@example.test", "DTSTART:20241105T150000Z", *lines)
    assert parse_invites(data)[0].format == expected


def test_latin1_bytes_and_a_utf8_bom_are_read() -> None:
    latin = ics(*BASIC, "DTSTART:20241105T150000Z",
                "ATTENDEE;CN=Renée Dubois:mailto:renee@globex.example").decode().encode("latin-1")
    assert parse_invites(latin)[0].people[0].name == "Renée Dubois"
    bom = b"\xef\xbb\xbf" + ics(*BASIC, "DTSTART:20241105T150000Z")
    assert parse_invites(bom)[0].uid == "basic-0@example.test"


def test_bare_line_feeds_and_lower_case_mailto() -> None:
    data = ics(*BASIC, "DTSTART:20241105T150000Z",
               "ATTENDEE;CN=Kim:MailTo:Kim.Lee@Globex.Example").replace(b"\r\n", b"\n")
    assert emails(parse_invites(data)[0]) == ["kim.lee@globex.example"]


def test_an_invite_over_one_megabyte_is_refused() -> None:
    padding = "X-PAD:" + "x" * 70
    big = ics(*BASIC, "DTSTART:20241105T150000Z", *([padding] * (MAX_BYTES // 76 + 1)))
    assert len(big) > MAX_BYTES
    with pytest.raises(InviteError, match="1 MB") as caught:
        parse_invites(big)
    assert "\n" not in str(caught.value)


def test_more_than_a_thousand_events_are_refused() -> None:
    event = (*BASIC, "DTSTART:20241105T150000Z")
    assert len(parse_invites(ics(*event, events=MAX_EVENTS))) == MAX_EVENTS
    with pytest.raises(InviteError, match="more than 1,000 events"):
        parse_invites(ics(*event, events=MAX_EVENTS + 1))


@pytest.mark.parametrize(
    "data",
    [b"", b"hello", b"\x00\xff" * 50, b"BEGIN:VCALENDAR\r\n", b"END:VEVENT\r\n",
     b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", b"UID:1\r\nDTSTART:20240101T100000Z\r\n"],
)
def test_not_an_invite(data: bytes) -> None:
    with pytest.raises(InviteError) as caught:
        parse_invites(data)
    assert "\n" not in str(caught.value) and len(str(caught.value)) <= 200


FIXTURE_BYTES = {p.name: p.read_bytes() for p in sorted(FIXTURES.glob("*.ics"))}
PROPERTY_SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def parses_or_refuses(data: bytes) -> None:
    try:
        invites = parse_invites(data, OWN)
    except InviteError as exc:
        assert "\n" not in str(exc)
        return
    assert invites
    for invite in invites:
        assert invite.start.tzinfo is not None and invite.end >= invite.start
        assert invite.format in {"video", "phone", "onsite"}


@PROPERTY_SETTINGS
@given(st.binary(max_size=2000))
def test_random_bytes_never_crash(data: bytes) -> None:
    parses_or_refuses(data)


@PROPERTY_SETTINGS
@given(st.sampled_from(sorted(FIXTURE_BYTES)), st.data())
def test_truncated_fixtures_never_crash(name: str, data: st.DataObject) -> None:
    content = FIXTURE_BYTES[name]
    cut = data.draw(st.integers(min_value=0, max_value=len(content)))
    parses_or_refuses(content[:cut])


@PROPERTY_SETTINGS
@given(st.sampled_from(sorted(FIXTURE_BYTES)), st.data())
def test_corrupted_fixtures_never_crash(name: str, data: st.DataObject) -> None:
    content = bytearray(FIXTURE_BYTES[name])
    for _ in range(data.draw(st.integers(min_value=1, max_value=8))):
        at = data.draw(st.integers(min_value=0, max_value=len(content) - 1))
        content[at] = data.draw(st.integers(min_value=0, max_value=255))
    parses_or_refuses(bytes(content))


PROPERTY_NAMES = ["DTSTART", "DTEND", "DURATION", "UID", "SEQUENCE", "SUMMARY", "ATTENDEE",
                  "ORGANIZER", "RRULE", "RECURRENCE-ID", "LOCATION", "STATUS", "BEGIN", "END"]
PARAMS = ["", ";TZID=Eastern Standard Time", ";TZID=Nowhere/Else", ';CN="a,b"', ";VALUE=DATE",
          ";CUTYPE=ROOM", ";CN=^n^^"]
VALUES = st.one_of(
    st.sampled_from(["20241105T100000Z", "20241105T100000", "20241105", "PT1H", "-PT1H",
                     "mailto:a@b.example", "MAILTO:", "VEVENT", "VALARM", "VCALENDAR", "99999",
                     "FREQ=DAILY", "P99999999D", "CANCELLED", "https://zoom.us/j/1"]),
    st.text(max_size=30),
)


@PROPERTY_SETTINGS
@given(st.lists(st.tuples(st.sampled_from(PROPERTY_NAMES), st.sampled_from(PARAMS), VALUES),
                max_size=25))
def test_generated_content_lines_never_crash(lines: list[tuple[str, str, str]]) -> None:
    body = [f"{name}{param}:{value}" for name, param, value in lines]
    text = "\r\n".join(["BEGIN:VCALENDAR", "BEGIN:VEVENT", *body, "END:VEVENT", "END:VCALENDAR"])
    parses_or_refuses(text.encode("utf-8", "surrogatepass"))
