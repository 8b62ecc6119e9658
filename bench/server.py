"""Benchmark of server mode: 200 candidates and 20 coaches on loopback, one web process
against two.

Starts a throwaway PostgreSQL cluster (as the tests do), seeds a centre straight through
the tables and services (an admin, the coaches, the candidates, each with an application,
its interview, an interviewer and a recruiter with their moments, and a draft thank-you),
signs everyone in by storing a session per account (the cookie's token, its digest in the
table: the same thing a sign-in leaves behind, without paying argon2 220 times), then
serves the app with 1 and then 2 web processes. The simulated people go as fast as the
server answers (a saturation test): a candidate views Today and the compose page, types
(three incremental live checks) and saves; a coach opens the caseload and a review asked
of them. Prints p50/p99 per request type, requests per second, the ratio two/one (target
>= 1.6; the load generator and PostgreSQL share the same cores) and the CPU seconds per
request of the web processes (and of PostgreSQL), read from /proc/<pid>/stat, so the cost
per 1,000 candidates can be worked out (and the load generator's own CPU and the
machine's load average, to judge the ratio by).

Usage: python bench/server.py [--candidates 200] [--coaches 20] [--seconds 15] [--think 0]
"""

from __future__ import annotations

import argparse
import asyncio
import html
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
COMPANIES = ["Northwind Analytics", "Globex", "Initech", "Umbrella Health", "Stark Logistics",
             "Wayne Foods", "Acme Robotics", "Hooli", "Vandelay Imports", "Soylent Labs"]
FAMILY = ["Raman", "O'Brien-Zoë", "Okafor", "Lindqvist", "Nakamura", "García", "Dubois",
          "Kowalski", "Haddad", "MacLeod"]
GIVEN = ["Priya", "Sean", "Chidi", "Astrid", "Yuki", "Lucía", "Camille", "Marek", "Rana",
         "Ewan"]
MOMENTS = ["moving the sales dashboards to dbt", "the team's Friday demo sessions",
           "the new onboarding checklist", "pairing analysts with finance each quarter"]
NOTE = """Dear Dr. {family},

Thank you for meeting with me yesterday about the {role} role at {company}. Hearing about \
{moment} was the highlight of the afternoon, and I would enjoy helping with that work.

You mentioned a decision within two weeks, so I will check in after that if I have not \
heard from you before then.

Best regards,
{me}
"""
TYPED = "I would be glad to talk again whenever it suits you and your team next week".split()
ROUNDS_A_DAY = 10  # an assumption, for the cost line: a busy candidate's day after interviews
CONTEXT = re.compile(r'id="context" value="([^"]*)"')


# -- PostgreSQL ----------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _pg(name: str) -> str:
    import glob

    found = shutil.which(name) or next(iter(sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None)
    if found is None:
        raise SystemExit(f"PostgreSQL's {name} is not installed (apt-get install postgresql)")
    return found


@contextmanager
def cluster() -> Iterator[tuple[str, Path]]:
    """A throwaway PostgreSQL server on a free loopback port: its URL and data folder."""
    folder = Path(tempfile.mkdtemp(prefix="afterword-bench-pg-"))
    data, prefix = folder / "data", []
    if os.geteuid() == 0:  # the server refuses to run as root
        shutil.chown(folder, "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    run: dict[str, Any] = {"check": True, "capture_output": True, "timeout": 120}
    subprocess.run([*prefix, _pg("initdb"), "-D", str(data), "-A", "trust", "-U", "afterword"],
                   **run)
    options = (f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
               "-c max_connections=200")
    subprocess.run([*prefix, _pg("pg_ctl"), "-D", str(data), "-o", options, "-w", "-l",
                    str(folder / "log"), "start"], **run)
    try:
        yield f"postgresql+psycopg://afterword@127.0.0.1:{port}/postgres", data
    finally:
        subprocess.run([*prefix, _pg("pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       check=False, capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


# -- the centre ------------------------------------------------------------------------------

@dataclass
class Persona:
    """One simulated person: their role, their session cookie and the notes they open."""

    role: str
    token: str
    notes: list[int] = field(default_factory=list)  # a candidate's own
    reviews: list[int] = field(default_factory=list)  # the review requests a coach has


def _user(session: Any, org: Any, email: str, name: str, role: str, now: datetime,
          **fields: Any) -> Any:
    from afterword.store.accounts import User

    user = User(organisation_id=org.id, email=email, name=name, role=role,
                settings={"user_name": name, "user_email": email}, created_at=now,
                updated_at=now, **fields)
    session.add(user)
    session.flush()
    return user


def _signed_in(session: Any, user: Any, now: datetime) -> str:
    """What a sign-in leaves: a session row holding the digest of the cookie's token."""
    from afterword.server.tokens import digest, new_token
    from afterword.store.accounts import AuthSession

    token = new_token()
    session.add(AuthSession(user_id=user.id, token_hash=digest(token), created_at=now,
                            last_seen_at=now, expires_at=now.timestamp() + 86400,
                            user_agent="bench"))
    return token


def _application(session: Any, owner: Any, number: int, now: datetime) -> int:
    """One application of `owner` with its interview (yesterday), people and draft."""
    from afterword.services.applications import InterviewInput, create_application
    from afterword.services.moments import add_moment
    from afterword.store import repo
    from afterword.thresholds import Thresholds

    family, given = FAMILY[number % len(FAMILY)], GIVEN[(number // 3) % len(GIVEN)]
    company, role = COMPANIES[number % len(COMPANIES)], "Senior Data Analyst"
    start = (now - timedelta(days=1)).replace(hour=14, minute=0, second=0, microsecond=0)
    app = create_application(
        session, now=now, thresholds=Thresholds(), company=company, role=role,
        timezone="America/New_York", interview=InterviewInput(start=start, timezone="UTC"),
        people=[(f"{given} {family}", f"{given.lower()}.{number}@{company.split()[0]}.example"
                 .lower(), "interviewer"),
                (f"Leo Park {number}", f"recruiting{number}@hr.example", "recruiter")])
    app.owner_id = owner.id
    interviewer = app.people[0]
    interviewer.honorific = "Dr."
    moment = MOMENTS[number % len(MOMENTS)]
    add_moment(session, interviewer, moment)
    note = repo.save_note(session, app, body=NOTE.format(
        family=family, role=role, company=company, moment=moment, me=owner.name),
        now=now, person=interviewer, subject="Thank you for yesterday's conversation")
    return int(note.id)


def seed(url: str, candidates: int, coaches: int) -> list[Persona]:
    """The centre, straight through the tables and services; everyone signed in."""
    from afterword.services.reviews import request_review
    from afterword.store.accounts import Organisation
    from afterword.store.db import session_scope
    from afterword.store.scope import system
    from afterword.vocab import AccountRole

    now = datetime.now(UTC)
    personas: list[Persona] = []
    with session_scope(url) as session:
        system(session, "benchmark set-up")
        org = Organisation(name="Bench Career Centre", house_style={}, relay={},
                           created_at=now)
        session.add(org)
        session.flush()
        _user(session, org, "admin@centre.example", "Ada Admin", AccountRole.ADMIN, now)
        mentors = [_user(session, org, f"coach{c}@centre.example", f"Coach {GIVEN[c % 10]}",
                         AccountRole.COACH, now) for c in range(coaches)]
        tokens = {m.id: Persona(AccountRole.COACH, _signed_in(session, m, now))
                  for m in mentors}
        for number in range(candidates):
            coach = mentors[number % coaches]
            user = _user(session, org, f"candidate{number}@students.example",
                         f"{GIVEN[number % 10]} Candidate{number}", AccountRole.CANDIDATE,
                         now, coach_id=coach.id, cohort=f"Class of {2027 + number % 2}")
            note = _application(session, user, number, now)
            personas.append(Persona(AccountRole.CANDIDATE, _signed_in(session, user, now),
                                    [note]))
            asked = request_review(session, note, by=user, now=now,
                                   message="Is the second paragraph clear?")
            tokens[coach.id].reviews.append(asked.id)
    return personas + list(tokens.values())


# -- the server ------------------------------------------------------------------------------

def factory() -> Any:
    """The app as `afterword server serve` has each uvicorn worker build it
    (`afterword.web.factory:server`), behind the optional in-flight gate (--in-flight)."""
    from afterword.web.factory import server

    most = int(os.environ.get("BENCH_IN_FLIGHT") or 0)
    return Limited(server(), most) if most else server()


class Limited:
    """The app with at most `most` requests in flight (--in-flight): the others wait in the
    event loop, holding no database connection and no thread."""

    def __init__(self, app: Any, most: int) -> None:
        self.app, self.gate = app, asyncio.Semaphore(most)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        """Pass an HTTP request on once fewer than `most` are in flight."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        async with self.gate:
            await self.app(scope, receive, send)


@contextmanager
def serve(url: str, workers: int, root: Path,
          in_flight: int = 0) -> Iterator[tuple[str, int]]:
    """uvicorn with `workers` web processes on a free loopback port, as `afterword server
    serve` runs them (plus the in-flight gate): base URL, supervisor's pid."""
    port = free_port()
    env = {**os.environ, "XDG_CONFIG_HOME": str(root), "XDG_DATA_HOME": str(root),
           "AFTERWORD_DATABASE_URL": url, "AFTERWORD_SERVER_PORT": str(port), "AFTERWORD_BASE_URL": f"http://127.0.0.1:{port}",
           "AFTERWORD_INSECURE_COOKIES": "1", "BENCH_IN_FLIGHT": str(in_flight)}
    command = [sys.executable, "-m", "uvicorn", "--factory", "server:factory", "--app-dir",
               str(HERE), "--host", "127.0.0.1", "--port", str(port), "--workers",
               str(workers), "--log-level", "info", "--no-access-log",
               "--timeout-keep-alive", "300"]
    log = (root / f"server-{workers}.log").open("wb")
    process = subprocess.Popen(command, env=env, cwd=root, stdout=log, stderr=log)
    try:
        _wait_until_up(port, process, workers, root / f"server-{workers}.log")
        yield f"http://127.0.0.1:{port}", process.pid
    except BaseException:
        tail = (root / f"server-{workers}.log").read_text(errors="replace")[-3000:]
        print(f"the server's log ends:\n{tail}", file=sys.stderr)
        raise
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def _wait_until_up(port: int, process: subprocess.Popen[bytes], workers: int,
                   log: Path) -> None:
    import httpx

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("the server did not start:\n" + log.read_text(errors="replace"))
        # every process ready before anyone connects: a kept-alive connection stays with
        # the process that accepted it, so early connections would all land on the first
        ready = log.read_text(errors="replace").count("Application startup complete")
        try:
            if ready >= workers and httpx.get(f"http://127.0.0.1:{port}/static/app.css",
                                              timeout=2).is_success:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not answer within two minutes")


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (uvicorn's workers under its supervisor)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def cpu_seconds(pids: list[int], *, reaped: bool = False) -> float:
    """User + system CPU seconds used so far by `pids` (from /proc/<pid>/stat); with
    `reaped`, also what their children that have exited used."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
        if reaped:
            total += int(fields[13]) + int(fields[14])  # cutime, cstime
    return total / ticks


def postgres_cpu(data: Path) -> float:
    """CPU seconds of the postmaster and its backends, those gone included."""
    master = int((data / "postmaster.pid").read_text().split()[0])
    return cpu_seconds([master], reaped=True) + cpu_seconds(children(master))


# -- the load --------------------------------------------------------------------------------

@dataclass
class Tally:
    """What the simulated people saw inside the measured window."""

    began: float = 0.0
    ended: float = float("inf")
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    failures: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    first_failure: str = ""
    ready: int = 0  # the people who have opened their first page
    over: bool = False
    think: float = 0.0  # seconds a person pauses after each answer (0: none)

    def count(self, kind: str, started: float, response: Any) -> None:
        """Count one request that finished inside the window (a failure wherever)."""
        finished = time.perf_counter()
        if response.status_code >= 400:
            self.fail(kind, f"{response.request.url.path}: {response.status_code} "
                      f"{response.text[:200]!r}")
        elif self.began <= finished <= self.ended:
            self.latencies[kind].append(finished - started)

    def fail(self, kind: str, what: str) -> None:
        """Count a failed request (the first one is kept to be printed)."""
        self.failures[kind] += 1
        self.first_failure = self.first_failure or f"{kind} {what}"


def _client(base: str, persona: Persona) -> Any:
    import secrets

    import httpx

    csrf = secrets.token_urlsafe(32)
    return httpx.AsyncClient(
        base_url=base, timeout=120, limits=httpx.Limits(max_connections=1),
        cookies={"aw_session": persona.token, "aw_csrf": csrf},
        headers={"X-CSRF-Token": csrf})


async def _timed(tally: Tally, kind: str, request: Any) -> None:
    import httpx

    started = time.perf_counter()
    try:
        response = await request
    except httpx.HTTPError as exc:
        tally.fail(kind, f"{type(exc).__name__}: {exc}")
        return
    tally.count(kind, started, response)
    if tally.think:
        await asyncio.sleep(random.uniform(0.5, 1.5) * tally.think)


def _form(page: str) -> tuple[dict[str, Any], str, str]:
    """The compose page's context, body and subject (what its script sends)."""
    found = CONTEXT.search(page)
    body = re.search(r'<textarea id="body"[^>]*>(.*?)</textarea>', page, re.S)
    subject = re.search(r'<input id="subject" name="subject" value="([^"]*)"', page)
    if found is None or body is None:
        raise SystemExit("the compose page has no context or body: " + page[:300])
    import json

    return (json.loads(html.unescape(found.group(1))), html.unescape(body.group(1)),
            html.unescape(subject.group(1)) if subject else "")


async def _first(client: Any, path: str) -> str:
    """A person's first page (asked again while the server is too busy to answer)."""
    import httpx

    problem = ""
    for _ in range(20):
        try:
            response = await client.get(path)
        except httpx.HTTPError as exc:
            problem = f"{type(exc).__name__}: {exc}"
            continue
        if response.status_code < 500:
            return str(response.text)
        problem = f"{response.status_code} {response.text[:200]}"
    raise SystemExit(f"{path} kept failing: {problem}")


async def candidate(client: Any, persona: Persona, tally: Tally) -> None:
    """Today, the compose page, three live checks while typing, a save; again (each person
    starts at a random step, so any window sees the whole mix)."""
    note = persona.notes[0]
    context, body, subject = _form(await _first(client, f"/notes/{note}"))
    tally.ready += 1
    paragraphs = body.split("\n\n")

    def typed(keystroke: int) -> str:
        words = " ".join(TYPED[:keystroke % len(TYPED) + 1])
        return "\n\n".join([paragraphs[0], f"{paragraphs[1]} {words}", *paragraphs[2:]])

    def step(number: int) -> tuple[str, Any]:
        match number % 6:
            case 0:
                return "page", client.get("/")
            case 1:
                return "page", client.get(f"/notes/{note}")
            case 5:
                return "save", client.post(f"/notes/{note}", data={
                    "body": typed(number), "subject": subject})
        return "live check", client.post("/api/check", json={
            "note": typed(number), "context": {**context, "subject": subject},
            "session": f"note-{note}"})

    number = random.randrange(6)
    while not tally.over:
        await _timed(tally, *step(number))
        number += 1


async def coach(client: Any, persona: Persona, tally: Tally) -> None:
    """The caseload, then one of the reviews asked of them (the note, its checks and
    timeline); again."""
    await _first(client, "/caseload")
    tally.ready += 1
    while not tally.over:
        await _timed(tally, "caseload", client.get("/caseload"))
        await _timed(tally, "review", client.get(f"/reviews/{random.choice(persona.reviews)}"))


async def _scoped(clients: list[Any], personas: list[Persona]) -> None:
    """The load is server mode's: a candidate is refused another candidate's note."""
    mine, theirs = [(c, p) for c, p in zip(clients, personas, strict=True)
                    if p.role == "candidate"][:2]
    status = (await mine[0].get(f"/notes/{theirs[1].notes[0]}")).status_code
    if status != 404:
        raise SystemExit(f"a candidate opened another's note ({status}): not server mode")


async def load(base: str, personas: list[Persona], seconds: float, warmup: float,
               cpu: Any, think: float) -> tuple[Tally, tuple[float, ...]]:
    """Everyone at once; once all have opened their first page and `warmup` more seconds
    have passed, `seconds` are measured: the tally and the CPU used meanwhile."""
    personas = random.sample(personas, len(personas))  # coaches among the candidates
    clients = [_client(base, p) for p in personas]
    await _scoped(clients, personas)
    tally = Tally(began=float("inf"), think=think)
    jobs = [candidate(c, p, tally) if p.role == "candidate" else coach(c, p, tally)
            for c, p in zip(clients, personas, strict=True)]
    used: list[tuple[float, ...]] = []

    async def measure() -> None:
        while tally.ready < len(personas):
            await asyncio.sleep(0.2)
        await asyncio.sleep(warmup)
        used.append(cpu())
        tally.began = time.perf_counter()
        await asyncio.sleep(seconds)
        tally.ended = time.perf_counter()
        used.append(cpu())
        tally.over = True

    await asyncio.gather(*jobs, measure())
    for client in clients:
        await client.aclose()
    return tally, tuple(after - before for before, after in zip(*used, strict=True))


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000 if ordered else 0


def report(workers: int, tally: Tally, seconds: float, web_cpu: float, pg_cpu: float) -> float:
    """Print one run's figures; its requests per second."""
    total = sum(len(v) for v in tally.latencies.values())
    rate = total / seconds
    print(f"\n{workers} web process{'es' if workers > 1 else ''}: {total} requests in "
          f"{seconds:.0f} s = {rate:.1f} req/s")
    for kind, values in sorted(tally.latencies.items()):
        print(f"  {kind:<11} n={len(values):>6}  p50 {pct(values, 50):7.1f} ms  "
              f"p99 {pct(values, 99):7.1f} ms  mean {statistics.fmean(values) * 1000:7.1f} ms")
    if total:
        each = (web_cpu + pg_cpu) / total
        print(f"  CPU per request: web {web_cpu / total * 1000:.2f} ms, PostgreSQL "
              f"{pg_cpu / total * 1000:.2f} ms ({web_cpu:.1f} s and {pg_cpu:.1f} s in all: "
              f"the web processes had {web_cpu / seconds:.2f} cores)")
        # a candidate's round: Today, the compose page, three live checks, a save
        print(f"  so 1,000 candidates doing {ROUNDS_A_DAY} rounds of 6 requests a day cost "
              f"about {1000 * ROUNDS_A_DAY * 6 * each / 60:.0f} CPU minutes a day")
    if tally.failures:
        print(f"  FAILED: {dict(tally.failures)}; first: {tally.first_failure}")
    return rate


def run(url: str, data: Path, personas: list[Persona], workers: int, args: Any,
        root: Path) -> float:
    """One run against `workers` web processes; its requests per second."""
    with serve(url, workers, root, args.in_flight) as (base, pid):
        web = [pid, *children(pid)]

        def cpu() -> tuple[float, ...]:
            return cpu_seconds(web), postgres_cpu(data), time.process_time()

        tally, (web_cpu, pg_cpu, own) = asyncio.run(load(base, personas, args.seconds,
                                                         args.warmup, cpu, args.think))
        rate = report(workers, tally, args.seconds, web_cpu, pg_cpu)
        print(f"  load generator: {own:.1f} CPU s; machine load average "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--candidates", type=int, default=200)
    parser.add_argument("--coaches", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--warmup", type=float, default=10.0)
    parser.add_argument("--in-flight", type=int, default=10,
                        help="requests in flight per web process, the rest wait in its "
                             "event loop (0: no limit; see the note it prints)")
    parser.add_argument("--think", type=float, default=0.0,
                        help="seconds each person pauses after an answer (0: as fast as "
                             "the server answers)")
    args = parser.parse_args()
    if args.in_flight:
        print(f"each web process takes at most {args.in_flight} requests at once, the rest "
              "wait in its event loop (--in-flight 0: none; then, saturated, its 40 request "
              "threads wait on 15 pooled connections held by requests waiting for a thread, "
              "and requests fail after the pool's 30 s timeout)")
    root = Path(tempfile.mkdtemp(prefix="afterword-bench-server-"))
    try:
        with cluster() as (url, data):
            began = time.perf_counter()
            personas = seed(url, args.candidates, args.coaches)
            print(f"seeded {args.candidates} candidates and {args.coaches} coaches in "
                  f"{time.perf_counter() - began:.1f} s (PostgreSQL {url.rsplit('@', 1)[1]})")
            one = run(url, data, personas, 1, args, root)
            two = run(url, data, personas, 2, args, root)
    finally:
        if os.environ.get("BENCH_KEEP") is None:
            shutil.rmtree(root, ignore_errors=True)
    print(f"\nratio two/one processes: {two / one:.2f}x (target >= 1.6; {os.cpu_count()} cores "
          "shared with the load generator and PostgreSQL)")


if __name__ == "__main__":
    main()
