"""Soak test: many clients, large invite uploads among them, against one `afterword serve`.

    .venv/bin/python bench/soak.py --minutes 10 --clients 20

Starts the server (its own data dir and database) on a free loopback port, runs a baseline
phase without uploads, then the mixed phase: every client loops over the pages, the JSON
API, a note check, and (every fourth client) uploads of a 19,000-attendee invite just under
1 MB. Prints the p50/p99 of GET / without uploads (the baseline) and while uploads are in
flight, their ratio, request and upload counts, server errors (5xx or dropped
connections: must be 0) and the server's memory at the start and the end.
Not part of `make test`.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

NOTE = ("Dear Dr. Raman,\n\nThank you for the conversation about the analyst role and the dbt "
        "migration.\n\nBest regards,\nSam Ortiz\n")


def big_invite(attendees: int, uid: str) -> bytes:
    """An invite just under the 1 MB upload limit with `attendees` people."""
    people = "".join(f"ATTENDEE:mailto:p{i}@globex.example\r\n" for i in range(attendees))
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//soak//EN\r\nMETHOD:REQUEST\r\n"
            f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261101T100000Z\r\n"
            "DTSTART:20261120T140000Z\r\nDTEND:20261120T150000Z\r\n"
            "SUMMARY:Interview: Analyst at Globex\r\n"
            "ORGANIZER;CN=Recruiting:mailto:recruiting@globex.example\r\n"
            f"{people}END:VEVENT\r\nEND:VCALENDAR\r\n").encode()


@dataclass
class Tally:
    """What the clients saw (shared, under a lock)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    uploads_in_flight: int = 0
    home_idle: list[float] = field(default_factory=list)
    home_uploading: list[float] = field(default_factory=list)
    requests: int = 0
    uploads: int = 0
    server_errors: list[str] = field(default_factory=list)

    def record(self, status: int, what: str) -> None:
        with self.lock:
            self.requests += 1
            if status >= 500:
                self.server_errors.append(f"{status} {what}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _start_server(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {**os.environ, "XDG_DATA_HOME": str(folder / "data"),
           "XDG_CONFIG_HOME": str(folder / "config"),
           "AFTERWORD_DATABASE_URL": f"sqlite:///{folder / 'soak.db'}",
           "AFTERWORD_USER_NAME": "Sam Ortiz", "AFTERWORD_USER_EMAIL": "sam@example.org"}
    server = subprocess.Popen([sys.executable, "-m", "afterword", "serve", "--port", str(port),
                               "--no-open"], env=env, cwd=folder, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/static/app.css", timeout=2).status_code == 200:
                return server, base
        except httpx.HTTPError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("the server did not start")


def _client(base: str, tally: Tally, until: float, uploader: bool, number: int,
            uploads_allowed: threading.Event) -> None:
    with httpx.Client(base_url=base, timeout=120) as client:
        client.get("/")
        token = client.cookies.get("aw_csrf", "")
        headers = {"X-CSRF-Token": token}
        turn = 0
        while time.monotonic() < until:
            turn += 1
            try:
                if uploader and uploads_allowed.is_set() and turn % 3 == 0:
                    _upload(client, tally, token, f"soak-{number}-{turn}@globex.example")
                    continue
                started = time.monotonic()
                home = client.get("/")
                took = time.monotonic() - started
                with tally.lock:
                    (tally.home_uploading if tally.uploads_in_flight else
                     tally.home_idle).append(took)
                tally.record(home.status_code, "GET /")
                for path in ("/applications", "/api/today", "/static/app.css"):
                    tally.record(client.get(path).status_code, f"GET {path}")
                checked = client.post("/api/check", json={"note": NOTE, "context": {
                    "company": "Globex"}}, headers=headers)
                tally.record(checked.status_code, "POST /api/check")
            except httpx.HTTPError as exc:
                with tally.lock:
                    tally.server_errors.append(f"{type(exc).__name__} {exc}")


def _upload(client: httpx.Client, tally: Tally, token: str, uid: str) -> None:
    with tally.lock:
        tally.uploads_in_flight += 1
    try:
        done = client.post("/applications/import", data={"csrf_token": token},
                           files={"invite": ("big.ics", big_invite(19_000, uid),
                                             "text/calendar")})
        tally.record(done.status_code, "POST /applications/import")
        with tally.lock:
            tally.uploads += 1
    finally:
        with tally.lock:
            tally.uploads_in_flight -= 1


def _p(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) < 2:
        return values[0] * 1000
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] * 1000


def main() -> None:
    """Run the soak and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=20)
    args = parser.parse_args()
    seconds = args.minutes * 60
    with tempfile.TemporaryDirectory() as tmp:
        server, base = _start_server(Path(tmp))
        try:
            start_rss = _rss_mib(server.pid)
            tally, uploads_allowed = Tally(), threading.Event()
            until = time.monotonic() + seconds
            baseline_end = time.monotonic() + min(30.0, seconds * 0.1)
            threads = [threading.Thread(target=_client, args=(
                base, tally, until, n % 4 == 0, n, uploads_allowed)) for n in range(args.clients)]
            for thread in threads:
                thread.start()
            time.sleep(max(0.0, baseline_end - time.monotonic()))
            uploads_allowed.set()
            for thread in threads:
                thread.join()
            end_rss = _rss_mib(server.pid)
        finally:
            server.terminate()
            server.wait(30)
    idle99, busy99 = _p(tally.home_idle, 99), _p(tally.home_uploading, 99)
    print(f"soak: {args.minutes:g} min, {args.clients} clients, {tally.requests} requests, "
          f"{tally.uploads} uploads of a 19,000-attendee invite")
    print(f"GET / without uploads (baseline): p50 {_p(tally.home_idle, 50):.0f} ms, "
          f"p99 {idle99:.0f} ms ({len(tally.home_idle)} requests)")
    print(f"GET / during uploads:             p50 {_p(tally.home_uploading, 50):.0f} ms, "
          f"p99 {busy99:.0f} ms ({len(tally.home_uploading)} requests); "
          f"p99 ratio {busy99 / idle99:.1f}x")
    print(f"server errors: {len(tally.server_errors)}"
          + (f" (first: {tally.server_errors[0]})" if tally.server_errors else ""))
    print(f"server memory: {start_rss:.0f} MiB at the start, {end_rss:.0f} MiB at the end")
    sys.exit(1 if tally.server_errors else 0)


if __name__ == "__main__":
    main()
