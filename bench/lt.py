"""Benchmark of the LanguageTool endpoint on loopback, beside /api/check and the library.

Starts `afterword`'s web app (uvicorn, a temporary SQLite database holding the example
interview) on a free loopback port and prints per-request p50/p99 in ms of:
  1. a 150-word note, a different word in it each time: POST /v2/check (interview
     inferred, LanguageTool JSON), POST /api/check (context given), and afterword.check in
     this process; ratios against the in-process check;
  2. the same note sent again unchanged (clients re-send on every pause);
  3. an edit-by-edit sequence: the note typed word by word through /v2/check (the live
     session re-lints only the changed paragraph) against a full in-process check of each
     step.

Usage: python bench/lt.py [--requests 150]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from live import CONTEXT, NOTE, pct, typed

NOW = "2026-11-21T09:30:00-05:00"
SERVE = ("import sys, uvicorn; from afterword.web import create_app; port = int(sys.argv[2]); "
         "uvicorn.run(create_app(sys.argv[1], port=port), host='127.0.0.1', port=port, "
         "log_level='warning')")


def seed(url: str) -> None:
    """The example interview (Northwind Analytics, Dr. Priya Raman) and one older one."""
    from afterword.store import repo
    from afterword.store.db import session_scope

    start = datetime.fromisoformat(CONTEXT["interview"]["start"])
    with session_scope(url) as session:
        other = repo.add_application(session, company="Globex", role="Product Analyst",
                                     now=datetime.fromisoformat("2026-11-02T10:00:00-05:00"))
        repo.add_person(session, other, name="Hank Scorpio")
        app = repo.add_application(session, company=CONTEXT["company"], role=CONTEXT["role"],
                                   aliases=CONTEXT["company_aliases"], now=start)
        repo.add_interview(session, app, start=start,
                           end=datetime.fromisoformat(CONTEXT["interview"]["end"]))
        for person in CONTEXT["interviewers"]:
            row = repo.add_person(session, app, name=person["name"],
                                  honorific=person["honorific"], email=person["email"])
            for moment in person["moments"]:
                repo.add_moment(session, row, moment)


@contextmanager
def server() -> Iterator[str]:
    """The web app on a free loopback port; its base URL."""
    with tempfile.TemporaryDirectory() as tmp, socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()
        url = f"sqlite:///{tmp}/bench.db"
        seed(url)
        env = {**os.environ, "AFTERWORD_NOW": NOW, "XDG_CONFIG_HOME": f"{tmp}/config",
               "XDG_DATA_HOME": f"{tmp}/data", "AFTERWORD_USER_NAME": "Sam Ortiz"}
        process = subprocess.Popen([sys.executable, "-c", SERVE, url, str(port)], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            process.wait(timeout=15)


def timed(call: Callable[[], Any], times: list[float]) -> Any:
    """Run `call`, appending its duration in ms."""
    start = time.perf_counter()
    result = call()
    times.append((time.perf_counter() - start) * 1000)
    return result


def variants(n: int) -> list[str]:
    """The note with one word of its last body paragraph changed, n ways."""
    words = ["then", "afterwards", "by then", "before that", "soon after"]
    return [NOTE.replace("before then", f"{words[i % len(words)]} ({i})") for i in range(n)]


def line(name: str, times: list[float], base: list[float] | None = None) -> None:
    """One row of figures."""
    ratio = f"   {pct(times, 50) / pct(base, 50):5.2f}x in-process" if base else ""
    print(f"  {name:34} p50 {pct(times, 50):7.2f}  p99 {pct(times, 99):7.2f}{ratio}")


def run(requests: int) -> None:
    """All three measurements, against one server."""
    import httpx

    import afterword
    from afterword.config import Settings

    settings = Settings()
    os.environ["AFTERWORD_NOW"] = NOW
    with server() as base, httpx.Client(base_url=base, timeout=120) as http:
        deadline = time.monotonic() + 120
        while True:
            try:
                http.post("/v2/check", data={"language": "en-US", "text": "Hi."})
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        token = http.get("/static/app.css").cookies.get("aw_csrf") or ""
        texts = variants(requests)
        ctx = {**CONTEXT, "send_at": NOW}
        for text in texts[:10]:  # warm every path
            http.post("/v2/check", data={"language": "en-US", "text": text})
            afterword.check(text, ctx)
        lt: list[float] = []
        api: list[float] = []
        lib: list[float] = []
        for text in texts:
            timed(lambda t=text: http.post("/v2/check", data={"language": "en-US", "text": t}),
                  lt)
            timed(lambda t=text: http.post("/api/check", json={"note": t, "context": ctx},
                                           headers={"X-CSRF-Token": token}), api)
            timed(lambda t=text: afterword.services.checking.check(t, ctx, settings=settings),
                  lib)
        print(f"a {len(NOTE.split())}-word note, a word changed each time, {requests} "
              "requests (ms per check)")
        line("POST /v2/check (interview inferred)", lt, lib)
        line("POST /api/check (context given)", api, lib)
        line("afterword.check in process", lib)
        same: list[float] = []
        for _ in range(requests):
            timed(lambda: http.post("/v2/check", data={"language": "en-US", "text": NOTE}), same)
        print("the same note sent again unchanged")
        line("POST /v2/check", same, lib)
        steps = typed(NOTE)
        session_lt: list[float] = []
        full: list[float] = []
        for text in steps:
            timed(lambda t=text: http.post("/v2/check", data={"language": "en-US", "text": t}),
                  session_lt)
            timed(lambda t=text: afterword.services.checking.check(t, ctx, settings=settings),
                  full)
        print(f"typed word by word: {len(steps)} checks, each of the note so far")
        line("POST /v2/check (live session)", session_lt, full)
        line("afterword.check in process (full)", full)
        body = http.post("/v2/check", data={"language": "en-US", "text": NOTE}).json()
        print("assumed: " + json.dumps(body["warnings"].get("afterword")))


def main() -> None:
    """Parse the arguments and run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=150)
    run(parser.parse_args().requests)


if __name__ == "__main__":
    main()
