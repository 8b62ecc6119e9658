"""Every page at a phone's and a laptop's size in Chromium: no sideways scrolling, no text
squeezed into a column, timeline labels apart and readable, axe-core finds nothing, and
findings marked inside the editor. Screenshots go to tests/web/artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_journey import INVITE
from tests.web.browser import Server, launch, need_chromium, shot, start_server
from tests.web.conftest import EPOCH

SIZES = {"phone": (390, 844), "laptop": (1366, 900)}
LONG_LINK = ("https://teams.microsoft.com/l/meetup-join/19%3ameeting_NmQ4ZTk2YzQtYjE0Ny00ZDVj"
             "LWE4MTEtZjJiZDY0YmE0ZjE2%40thread.v2/0?context=%7b%22Tid%22%3a%2272f988bf%22%7d")

# Text blocks (of some length) narrower than this are a layout failure: a squeezed column.
NARROW = """() => {
  const out = [];
  for (const el of document.querySelectorAll(
      'main p, main li, main h1, main h2, main h3, main td, main label, main summary')) {
    const text = (el.innerText || '').trim();
    const r = el.getBoundingClientRect();
    if (text.length >= 30 && r.width > 1 && r.height > 1 && r.width < 200 && !el.closest('.sr-only'))
      out.push(`${el.tagName} ${Math.round(r.width)}px: ${text.slice(0, 40)}`);
  }
  return out;
}"""
# Against the set width: a mobile browser widens its layout viewport to overflowing content.
OVERFLOW = "w => Math.max(document.documentElement.scrollWidth, window.innerWidth) - w"
# Touch targets under 44 px (links inside running text are exempt, as WCAG 2.5.8 allows).
SMALL = """() => [...document.querySelectorAll(
    'main a, main button, header a, header summary, main summary, main input, main select')]
  .filter(e => e.offsetParent !== null && e.type !== 'hidden' && !e.closest('p'))
  .map(e => e.type === 'checkbox' ? e.closest('.check') || e : e)
  .map(e => [e.getBoundingClientRect(), e]).filter(([r]) => r.width > 0 && r.height < 44)
  .map(([r, e]) => `${Math.round(r.height)}px ${e.outerHTML.slice(0, 70)}`)"""
LABELS = """() => {
  const svg = document.querySelector('svg.timeline');
  if (!svg || svg.getBoundingClientRect().width === 0) {
    const items = [...document.querySelectorAll('.tl-list li')];
    return {drawn: false, count: items.length,
            smallest: Math.min(...items.map(li => parseFloat(getComputedStyle(li).fontSize))),
            today: items.filter(li => li.classList.contains('tl-today')).length};
  }
  const boxes = [...svg.querySelectorAll('text')].map(t => {
    const r = t.getBoundingClientRect();
    const size = parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a;
    return {g: t.parentNode, text: t.textContent, l: r.left, r: r.right, t: r.top, b: r.bottom,
            size};
  });
  const clashes = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    if (a.g === b.g) continue;
    if (a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b) clashes.push(a.text + ' / ' + b.text);
  }
  const ring = svg.querySelector('.tl-today circle').getBoundingClientRect();
  const hit = document.elementFromPoint(ring.right - 1.5, (ring.top + ring.bottom) / 2);
  const box = svg.getBoundingClientRect();
  const inside = boxes.every(x => x.l >= box.left - 1 && x.r <= box.right + 1);
  return {drawn: true, clashes, inside, smallest: Math.min(...boxes.map(b => b.size)),
          today: hit && hit.closest('.tl-today') ? 1 : 0, count: boxes.length};
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    need_chromium()
    root = tmp_path_factory.mktemp("layout")
    env = {"AFTERWORD_NOW": EPOCH, "AFTERWORD_USER_NAME": "Sam Ortiz",
           "AFTERWORD_USER_EMAIL": "sam.ortiz@example.org", "TZ": "America/New_York"}
    yield from start_server(root, env)


@pytest.fixture(scope="module")
def browser(server: Server) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        made = launch(playwright)
        try:
            yield made
        finally:
            made.close()


def _page(browser: Any, size: str) -> Any:
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height},
                                  is_mobile=size == "phone", has_touch=size == "phone")
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def _axe(page: Any) -> list[str]:
    source = (files("axe_playwright_python") / "axe.min.js").read_text("utf-8")
    page.evaluate(source)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"
            for v in result["violations"]]


def _check(page: Any, url: str, name: str, size: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert page.evaluate(OVERFLOW, SIZES[size][0]) <= 0, f"{name} scrolls sideways at {size}"
    assert page.evaluate(NARROW) == [], f"{name} squeezes text at {size}"
    if size == "phone":
        assert page.evaluate(SMALL) == [], f"{name}: touch targets under 44 px"
    assert _axe(page) == [], f"{name} at {size}"
    shot(page, f"layout-{name}-{size}")


@pytest.fixture(scope="module")
def seeded(server: Server, browser: Any) -> dict[str, str]:
    """First run checked on the empty database, then the example, an interview of 2024 with
    a long meeting link, and a misspelled draft."""
    for size in SIZES:
        page = _page(browser, size)
        _check(page, server.url + "/", "first-run", size)
        page.context.close()
    page = _page(browser, "laptop")
    page.goto(server.url + "/")
    token = page.locator('meta[name="csrf-token"]').get_attribute("content")
    api = page.request
    api.post(server.url + "/example", form={"csrf_token": token})
    old = api.post(server.url + "/api/applications", headers={"X-CSRF-Token": token}, data={
        "company": "Initech", "role": "Analyst", "timezone": "America/Chicago",
        "interview_start": "2024-10-01T10:00:00", "interview_end": "2024-10-01T11:00:00"}).json()
    api.post(f"{server.url}/applications/{old['id']}/people", form={
        "csrf_token": token, "name": "Zoë O'Brien-Müller", "role": "interviewer",
        "email": "zoe@initech.example"})
    invite = (INVITE.replace("7kq2m1v0journey@google.com", "teams-2025@layout.example")
              .replace("20261120T14", "20250303T14").replace("20261120T15", "20250303T15")
              .replace("BEGIN:VEVENT\n", f"BEGIN:VEVENT\nLOCATION:{LONG_LINK}\n"))
    api.post(server.url + "/applications/import", multipart={
        "csrf_token": token, "invite": {"name": "teams.ics", "mimeType": "text/calendar",
                                        "buffer": invite.encode()}})
    apps = api.get(server.url + "/api/applications").json()
    linked = next((a["id"] for a in apps if a["id"] not in (1, old["id"])), 1)
    people = api.get(server.url + "/api/applications/1").json()["people"]
    priya, arjun = (next(p["id"] for p in people if p["name"] == n)
                    for n in ("Priya Raman", "Arjun Mehta"))
    made = api.post(server.url + "/applications/1/drafts",
                    form={"csrf_token": token, "person": str(priya)})
    note = made.url.rsplit("/", 1)[1]
    page.context.close()
    return {"note": note, "old": str(old["id"]), "linked": str(linked), "arjun": str(arjun)}


PAGES = {"today": "/", "applications": "/applications", "add": "/applications/new",
         "application": "/applications/1", "timeline-old": "/applications/{old}",
         "long-link": "/applications/{linked}",
         "edit": "/applications/1/edit", "compose-start": "/applications/1/compose?person={arjun}",
         "compose": "/notes/{note}", "calendar": "/calendar", "settings": "/settings",
         "backup": "/backup", "welcome": "/welcome", "not-found": "/applications/999"}


@pytest.mark.parametrize("size", list(SIZES))
def test_every_page_fits(browser: Any, server: Server, seeded: dict[str, str],
                         size: str) -> None:
    page = _page(browser, size)
    for name, path in PAGES.items():
        _check(page, server.url + path.format(**seeded), name, size)
    page.context.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_timeline_labels_never_overlap(browser: Any, server: Server, seeded: dict[str, str],
                                       size: str) -> None:
    page = _page(browser, size)
    for path in ("/applications/1", f"/applications/{seeded['old']}"):
        page.goto(server.url + path)
        got = page.evaluate(LABELS)
        assert got["count"] >= 4 and got["today"] == 1, got
        assert got["smallest"] >= 12, got
        if got["drawn"]:
            assert got["clashes"] == [] and got["inside"], got
        else:
            assert size == "phone"
    page.goto(f"{server.url}/applications/{seeded['old']}")
    assert "2024" in page.locator("#main").inner_text()  # another year says its year
    page.context.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_findings_are_marked_inside_the_editor(browser: Any, server: Server,
                                               seeded: dict[str, str], size: str) -> None:
    from playwright.sync_api import expect

    page = _page(browser, size)
    page.goto(f"{server.url}/notes/{seeded['note']}")
    body = page.locator("#body")
    text = body.input_value()
    wrong = text.replace("Raman", "Ramen").replace("Northwind", "Nortwind", 1)
    body.fill(wrong)
    mark = page.locator("#hl mark.sev-error", has_text="Ramen").first
    expect(mark).to_be_attached()
    box, area = mark.bounding_box(), body.bounding_box()
    assert area["x"] <= box["x"] and box["x"] + box["width"] <= area["x"] + area["width"]
    assert area["y"] <= box["y"] and box["y"] + box["height"] <= area["y"] + area["height"]
    assert page.locator(".marked").count() == 0  # no second copy of the note
    if size == "phone":
        page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    else:
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    pop = page.locator("#pop")
    expect(pop).to_be_visible()
    expect(pop).to_contain_text("Raman")
    shot(page, f"layout-compose-finding-{size}", full=False)
    errors = page.locator("#hl mark.sev-error").count()
    assert errors >= 2
    page.locator("#findings .chip").first.click()
    page.locator("#findings .chip").first.click()  # right after: no wait for a new check
    expect(page.locator("#hl mark.sev-error")).to_have_count(errors - 2)
    page.context.close()


# Each mark of the highlight layer against the same characters of the textarea, measured
# independently: a Range over a throwaway copy of the textarea's text laid out with the
# textarea's own computed style, at its place. Their boxes must coincide.
MARKS_ON_TEXT = """() => {
  const body = document.getElementById('body'), hl = document.getElementById('hl');
  const cs = getComputedStyle(body), at = body.getBoundingClientRect();
  const copy = document.createElement('div');
  for (const p of ['fontFamily', 'fontSize', 'fontWeight', 'lineHeight', 'letterSpacing',
                   'wordSpacing', 'tabSize', 'whiteSpace', 'overflowWrap', 'wordBreak',
                   'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft',
                   'borderTopWidth', 'borderRightWidth', 'borderBottomWidth',
                   'borderLeftWidth', 'boxSizing', 'textIndent'])
    copy.style[p] = cs[p];
  Object.assign(copy.style, {position: 'fixed', left: at.left + 'px', top: at.top + 'px',
    width: at.width + 'px', borderStyle: 'solid', borderColor: 'transparent',
    visibility: 'hidden', margin: '0'});
  copy.textContent = body.value;
  document.body.appendChild(copy);
  const out = [];
  let offset = 0;
  for (const node of hl.childNodes) {
    const length = node.textContent.length;
    if (node.nodeName === 'MARK') {
      const range = document.createRange();
      range.setStart(copy.firstChild, offset);
      range.setEnd(copy.firstChild, offset + length);
      const want = range.getBoundingClientRect(), got = node.getBoundingClientRect();
      out.push({text: node.textContent, same: body.value.slice(offset, offset + length),
                dx: Math.abs(want.left - got.left) + Math.abs(want.right - got.right),
                dy: Math.abs(want.top + body.scrollTop - got.top)
                    + Math.abs(want.bottom + body.scrollTop - got.bottom)});
    }
    offset += length;
  }
  copy.remove();
  return {marks: out, layer: hl.textContent.slice(0, -1) === body.value};
}"""


@pytest.mark.parametrize("size", list(SIZES))
def test_the_marks_follow_the_text_after_edits(browser: Any, server: Server,
                                               seeded: dict[str, str], size: str) -> None:
    from playwright.sync_api import expect

    page = _page(browser, size)
    page.goto(f"{server.url}/notes/{seeded['note']}")
    body = page.locator("#body")
    text = body.input_value()
    body.fill(text.replace("Raman,", "Ramen,", 1).replace("With thanks", "With thanks thanks"))
    expect(page.locator("#hl mark", has_text="Ramen")).to_have_count(1)
    checked = page.locator("#note-form").get_attribute("data-checked")
    # type a sentence with a misspelling above the findings: everything after it moves
    at = body.input_value().index("\n\n") + 2
    body.evaluate(f"el => el.setSelectionRange({at}, {at})")
    # (the emoji is two UTF-16 units in the browser, one character in the report)
    page.keyboard.type("It was a good afternoon \U0001f642 and I learned a realy great deal. ")
    expect(page.locator("#note-form")).not_to_have_attribute("data-checked", checked or "")
    expect(page.locator("#hl mark", has_text="realy")).to_have_count(1)
    got = page.evaluate(MARKS_ON_TEXT)
    assert got["layer"], "the layer holds the text as typed"
    names = [m["text"] for m in got["marks"]]
    assert "realy" in names and any("Ramen" in n for n in names), names
    for mark in got["marks"]:
        assert mark["text"] == mark["same"], mark  # the mark covers the same characters
        assert mark["dx"] <= 1.5 and mark["dy"] <= 1.5, (size, mark)  # and sits on them
    shot(page, f"layout-compose-after-edits-{size}", full=False)
    page.context.close()


def test_without_the_script_the_marks_are_right_as_saved_and_step_aside_while_editing(
        browser: Any, server: Server, seeded: dict[str, str]) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844},
                                  java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server.url}/notes/{seeded['note']}")
    body = page.locator("#body")
    text = body.input_value()
    body.fill("\n" + text.replace("Raman,", "Ramen,", 1))  # a blank first line, kept
    page.get_by_role("button", name="Save and check").click()
    page.wait_for_load_state()
    assert body.input_value().startswith("\nDear Dr. Ramen,")
    got = page.evaluate(MARKS_ON_TEXT)
    assert got["layer"] and any("Ramen" in m["text"] for m in got["marks"]), got
    for mark in got["marks"]:
        assert mark["text"] == mark["same"] and mark["dx"] <= 1.5 and mark["dy"] <= 1.5, mark
    style = "el => getComputedStyle(el).textDecorationLine + ' ' + getComputedStyle(el)" \
            ".backgroundColor"
    mark = page.locator("#hl mark", has_text="Ramen")
    assert mark.evaluate(style) != "none rgba(0, 0, 0, 0)"
    body.press("End")
    page.keyboard.type("Hello, ")  # the saved marks no longer fit: they step aside
    assert mark.evaluate(style) == "none rgba(0, 0, 0, 0)"
    context.close()


def test_findings_are_reachable_by_keyboard(browser: Any, server: Server,
                                            seeded: dict[str, str]) -> None:
    from playwright.sync_api import expect

    page = _page(browser, "laptop")
    page.goto(f"{server.url}/notes/{seeded['note']}")
    body = page.locator("#body")
    wrong = body.input_value().replace("Raman", "Ramen", 1)
    body.fill(wrong)
    expect(page.locator("#hl mark.sev-error")).to_have_count(1)
    at = wrong.index("Ramen")
    body.evaluate(f"el => el.setSelectionRange({at}, {at})")
    page.keyboard.press("ArrowRight")
    expect(page.locator("#pop")).to_be_visible()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('#pop') !== null")
    assert focused
    page.keyboard.press("Enter")
    expect(page.locator("#hl mark.sev-error")).to_have_count(0)
    assert "Ramen" not in body.input_value()
    page.context.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_several_invites_are_imported_at_once_each_reported(
        browser: Any, server: Server, seeded: dict[str, str], size: str,
        tmp_path: Path) -> None:
    from playwright.sync_api import expect

    fixtures = Path(__file__).parents[1] / "calendar" / "fixtures"
    bad = tmp_path / ("not an invite " + "x" * 120 + ".ics")
    bad.write_text("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:half\n")
    page = _page(browser, size)
    page.goto(server.url + "/applications/new")
    page.get_by_label("Calendar invites (.ics)").set_input_files(
        [str(fixtures / "zoom.ics"), str(bad), str(fixtures / "teams_chair.ics")])
    page.get_by_role("button", name="Upload invites").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Invites imported")
    expect(page.get_by_role("heading", level=2).first).to_have_text("2 of 3 files imported")
    items = page.locator(".import-file")
    expect(items).to_have_count(3)
    expect(items.nth(0)).to_contain_text("zoom.ics")
    expect(items.nth(1)).to_contain_text("not imported")
    expect(items.nth(2)).to_contain_text("teams_chair.ics")
    assert page.evaluate(OVERFLOW, SIZES[size][0]) <= 0
    assert page.evaluate(NARROW) == []
    if size == "phone":
        assert page.evaluate(SMALL) == []
    assert _axe(page) == []
    shot(page, f"layout-import-several-{size}")
    items.nth(0).get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Fabrikam")
    page.context.close()


def test_the_menu_opens_on_a_phone(browser: Any, server: Server,
                                   seeded: dict[str, str]) -> None:
    page = _page(browser, "phone")
    page.goto(server.url + "/")
    menu = page.get_by_text("Menu", exact=True)
    box = menu.bounding_box()
    assert box["height"] >= 44
    menu.click()
    page.get_by_role("link", name="Settings").click()
    page.wait_for_url("**/settings")
    assert page.evaluate(SMALL) == []
    page.context.close()
