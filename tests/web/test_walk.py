"""Every link of every page, followed with GET and no cookie, changes no row; every
`afterword …` command a page names exists."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urljoin, urlsplit

from tests.web.conftest import BASE, Client, first_note, row_counts

HREF = re.compile(r'<a\b[^>]*\bhref="([^"]+)"|\bvalue="(http://127\.0\.0\.1:8000/[^"]+)"')
COMMAND = re.compile(r"<code>afterword ([^<]*)</code>")


def _pages(client: Client, db_url: str) -> dict[str, str]:
    """Walk from / and the pages only a form leads to; GET each link once, without a cookie."""
    seen: dict[str, str] = {}
    queue = ["/", "/applications/1", "/notes/1", "/applications/2/compose?person=3",
             "/calendar", "/settings", "/backup", "/applications/new", "/no/such/page"]
    while queue:
        path = queue.pop(0)
        if path in seen or len(seen) > 200:
            continue
        client.cookies.clear()
        got = client.get(path, follow_redirects=False)
        assert got.status_code < 500, (path, got.status_code)
        text = got.text if got.headers.get("content-type", "").startswith("text/html") else ""
        seen[path] = text
        if got.status_code in (301, 302, 303, 307):
            queue.append(got.headers["location"])
        for link, address in HREF.findall(text):
            url = urljoin(BASE + path, unescape(link or address))
            if url.startswith(BASE):
                parts = urlsplit(url)
                queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return seen


def test_following_every_link_changes_nothing(client: Client, example: int,
                                              db_url: str) -> None:
    client.submit("/calendar/renew")  # so that the feed's own link is walked too
    first_note(client, example)
    client.submit("/example")
    before = row_counts(db_url)
    pages = _pages(client, db_url)
    assert row_counts(db_url) == before
    assert any(p.startswith("/calendar/") and p.endswith(".ics") for p in pages)
    assert {"/", "/applications", "/settings", "/backup", "/calendar"} <= set(pages)
    assert any(p.startswith("/notes/") for p in pages)


def test_every_command_a_page_names_exists(client: Client, example: int,
                                           db_url: str) -> None:
    from typer.testing import CliRunner

    from afterword.cli.main import app

    first_note(client, example)
    named = {unescape(c).split()[0] for text in _pages(client, db_url).values()
             for c in COMMAND.findall(text) if c.strip()}
    assert {"export", "import"} <= named  # the Backup page names both
    for command in sorted(named):
        done = CliRunner().invoke(app, [command, "--help"])
        assert done.exit_code == 0, (command, done.output)


def test_ids_are_unique_and_every_label_names_its_field(client: Client, example: int,
                                                        db_url: str) -> None:
    first_note(client, example)
    for path, text in _pages(client, db_url).items():
        ids = re.findall(r'\sid="([^"]+)"', text)
        doubled = sorted({i for i in ids if ids.count(i) > 1})
        assert doubled == [], (path, doubled)
        for target in re.findall(r'<label\b[^>]*\bfor="([^"]+)"', text):
            assert re.search(rf'<(input|select|textarea)\b[^>]*\sid="{re.escape(target)}"',
                             text), (path, target)
