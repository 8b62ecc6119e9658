"""Benchmark of the live check: POST /api/check under concurrent clients on loopback.

Starts `afterword`'s web app with uvicorn in a subprocess (temp SQLite, loopback, free port),
then 50 clients (httpx async) post the same ~200-word note with its context as fast as they
can. Prints p50/p99 latency and requests/s, beside the same note through the in-process
checker (and the ratio). Target: p99 <= 30 ms.

Three runs in one command: the 50 clients back to back (a saturation test: with a CPU-bound
check of a few ms on 2 cores, 50 requests in flight queue behind each other), then the same
clients as people typing, each checking about once a second (what the debounced page does)
with one more word typed each time: first as full checks (the baseline), then in the
compose page's incremental session (`"session"` key: only the edited paragraph is
re-linted). The ratio compares the two typing runs.

Usage: python bench/web.py [--clients 50] [--requests 2000] [--think 1.0]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.resources import files
from pathlib import Path
from typing import Any

# uvicorn closes a keep-alive connection idle for 5 s; on a loaded machine a client's pooled
# connection can be closed just as it sends (httpx.ReadError), so idle ones are kept longer.
SERVE = ("import sys, uvicorn; from afterword.web import create_app; port = int(sys.argv[2]); "
         "uvicorn.run(create_app(sys.argv[1], port=port), host='127.0.0.1', port=port, "
         "log_level='warning', timeout_keep_alive=120)")
EXTRA = ("I also enjoyed hearing how the analytics team works with finance each quarter, "
         "and how the new data platform will let analysts spend less time on manual exports. ")


def note_and_context() -> tuple[str, dict[str, Any]]:
    """The shipped example note, lengthened to about 200 words, and its context."""
    folder = files("afterword.examples")
    context = json.loads((folder / "interview.json").read_text("utf-8"))
    text = (folder / "thank-you.eml").read_text("utf-8")
    head, _, body = text.partition("\n\n")
    subject = next((line[9:] for line in head.splitlines() if line.startswith("Subject: ")), "")
    paragraphs = body.split("\n\n")
    while len(" ".join(paragraphs).split()) < 200:
        paragraphs.insert(2, EXTRA.strip())
    return "\n\n".join(paragraphs), {**context, "subject": subject}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start(root: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {**os.environ, "XDG_CONFIG_HOME": str(root), "XDG_DATA_HOME": str(root)}
    process = subprocess.Popen([sys.executable, "-c", SERVE, f"sqlite:///{root / 'b.db'}",
                                str(port)], env=env, cwd=root)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("the server did not start")


TYPED = "I would be glad to talk again whenever it suits you and your team next week"


def typed(payload: dict[str, Any], who: int, keystroke: int, session: bool) -> dict[str, Any]:
    """Client `who`'s note after `keystroke` words typed into its second paragraph."""
    if keystroke < 0:
        return payload
    paragraphs = payload["note"].split("\n\n")
    words = TYPED.split()
    paragraphs[1] += f" {who}: " + " ".join(words[:keystroke % len(words) + 1])
    out = {**payload, "note": "\n\n".join(paragraphs)}
    if session:
        out["session"] = f"bench-{who}"
    return out


async def load(url: str, payload: dict[str, Any], clients: int, total: int,
               think: float = 0.0, *, edits: bool = False,
               session: bool = False) -> tuple[list[float], float]:
    """`clients` concurrent clients post until `total` requests are done; each waits about
    `think` seconds between its requests (0: back to back); with `edits`, each request has
    one more word typed (in the client's own session when `session`)."""
    import random

    import httpx

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30) as http:
        token = (await http.get("/")).cookies["aw_csrf"]
        headers = {"X-CSRF-Token": token}
        for _ in range(20):  # warm up (Harper's dictionary, connection pool)
            (await http.post("/api/check", json=payload, headers=headers)).raise_for_status()
        latencies: list[float] = []
        remaining = total

        async def client(who: int) -> None:
            nonlocal remaining
            if think:  # people do not all press a key in the same millisecond
                await asyncio.sleep(random.uniform(0, think))
            keystroke = 0
            while remaining > 0:
                remaining -= 1
                body = typed(payload, who, keystroke if edits else -1, session)
                keystroke += 1
                began = time.perf_counter()
                response = await http.post("/api/check", json=body, headers=headers)
                latencies.append(time.perf_counter() - began)
                response.raise_for_status()
                if think:
                    await asyncio.sleep(random.uniform(0.5, 1.5) * think)

        began = time.perf_counter()
        await asyncio.gather(*(client(who) for who in range(clients)))
        return latencies, time.perf_counter() - began


def in_process(note: str, context: dict[str, Any], runs: int) -> list[float]:
    from afterword.services.checking import check

    for _ in range(10):
        check(note, context)
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        check(note, context)
        times.append(time.perf_counter() - began)
    return times


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--think", type=float, default=1.0,
                        help="seconds each typing client waits between checks")
    parser.add_argument("--keystrokes", type=int, default=10,
                        help="checks per typing client")
    args = parser.parse_args()
    note, context = note_and_context()
    payload = {"note": note, "context": context}
    local = in_process(note, context, 200)
    local_p50 = pct(local, 50)
    print(f"note: {len(note.split())} words; {args.clients} clients")
    print(f"in-process check      p50 {local_p50:.2f} ms  p99 {pct(local, 99):.2f} ms  "
          f"{1 / statistics.mean(local):.0f} checks/s (one core)")
    typing = args.clients * args.keystrokes
    scenarios = (("back to back", 0.0, args.requests, False, False),
                 ("typing, full checks", args.think, typing, True, False),
                 ("typing, live session", args.think, typing, True, True))
    p99s: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        process, url = start(Path(folder))
        try:
            for label, think, total, edits, session in scenarios:
                latencies, elapsed = asyncio.run(
                    load(url, payload, args.clients, total, think, edits=edits,
                         session=session))
                p99 = p99s[label] = pct(latencies, 99)
                print(f"HTTP, {label:<22} p50 {pct(latencies, 50):6.1f} ms  p99 {p99:7.1f} ms"
                      f"  {len(latencies) / elapsed:5.0f} req/s  ratio p50 "
                      f"{pct(latencies, 50) / local_p50:5.1f}x  (p99 <= 30 ms: "
                      f"{'met' if p99 <= 30 else 'NOT met'})")
        finally:
            process.terminate()
            process.wait(timeout=15)
    full, live = p99s["typing, full checks"], p99s["typing, live session"]
    print(f"typing p99: live session {live:.1f} ms vs full checks {full:.1f} ms "
          f"(ratio {live / full:.2f}x; machine shared, {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
