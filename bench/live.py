"""Benchmark of the live check session against Harper alone re-linting the whole text.

Replays typing a 150-word note word by word (one check per word, as the debounced compose
page sends them) through `afterword.services.live.CheckSession` and, at the same step,
through Harper alone linting the whole text, interleaved so both see the same machine.
Prints per-check p50/p99 of each (and of a full `afterword.check`, for reference) and the
ratio session / Harper alone (target <= 0.5x). Outside the timed region it confirms the
session's report equals a full check's at every step.

Usage: python bench/live.py [--rounds 8]
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CONTEXT: dict[str, Any] = json.loads(
    (ROOT / "src" / "afterword" / "examples" / "interview.json").read_text(encoding="utf-8"))
CONTEXT["subject"] = "Thank you for yesterday's conversation"
NOTE = """Dear Dr. Raman,

Thank you for making time yesterday to talk with me about the Senior Data Analyst role at \
Northwind Analytics. I enjoyed hearing how your team is moving the sales dashboards to dbt, \
and I keep thinking about the way you described testing each model before it reaches a \
regional manager.

Our conversation about your Friday demo sessions stayed with me as well. Sharing unfinished \
work early is a habit I have tried to build on my current team, and it was encouraging to \
hear that it works at your scale. I would be glad to help with the testing side of the \
migration, since that is where I have spent most of the last two years.

You mentioned that a decision should come by December 4. If I have not heard from you by \
then, I will check in on December 7.

Best regards,
Sam Ortiz
"""


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) of values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def typed(note: str) -> list[str]:
    """The note as it stands after each word is typed."""
    return [note[: m.end()] for m in re.finditer(r"\S+\s*", note)]


def edits(note: str, count: int) -> list[str]:
    """A finished note edited word by word: each check has one word more somewhere in a
    body paragraph, ten checks in one paragraph before moving to the next."""
    words = ["really", "also", "truly", "quite", "very", "especially", "deeply"]
    paras = note.split("\n\n")
    steps: list[str] = []
    for i in range(count):
        k = 1 + (i // 10) % (len(paras) - 2)  # a body paragraph
        tokens = paras[k].split(" ")
        tokens.insert((i * 7) % len(tokens), words[i % len(words)])
        steps.append("\n\n".join([*paras[:k], " ".join(tokens), *paras[k + 1 :]]))
    return steps


def replay(rounds: int) -> None:
    """Time every step of the replay, `rounds` times, each round in a fresh session."""
    from afterword.config import Settings

    settings = Settings()
    for title, steps in (("typing a {words}-word note word by word", typed(NOTE)),
                         ("editing the finished {words}-word note", edits(NOTE, 150))):
        _measure(title.format(words=len(NOTE.split())), steps, rounds, settings)


def _measure(title: str, steps: list[str], rounds: int, settings: Any) -> None:
    import harper

    from afterword.services.checking import check
    from afterword.services.live import CheckSession

    linter = harper.Linter(harper.Dialect.AMERICAN)
    for text in steps[::10]:  # warm both
        linter.lint(text, language="plaintext")
        check(text, CONTEXT, settings=settings)
    alone: list[float] = []
    ours: list[float] = []
    full: list[float] = []
    cpu_alone: list[float] = []
    cpu_ours: list[float] = []
    reports = []
    clock = time.thread_time  # this thread's CPU: Harper lints on it, waiting for a core is out
    for _ in range(rounds):
        session = CheckSession(CONTEXT, settings)
        reports = []
        for text in steps:
            start, cpu_start = time.perf_counter(), clock()
            linter.lint(text, language="plaintext")
            middle, cpu_middle = time.perf_counter(), clock()
            reports.append(session.check(text))
            end, cpu_end = time.perf_counter(), clock()
            check(text, CONTEXT, settings=settings)
            last = time.perf_counter()
            alone.append((middle - start) * 1000)
            ours.append((end - middle) * 1000)
            full.append((last - end) * 1000)
            cpu_alone.append((cpu_middle - cpu_start) * 1000)
            cpu_ours.append((cpu_end - cpu_middle) * 1000)
    same = sum(r.to_dict() == check(t, CONTEXT, settings=settings).to_dict()
               for r, t in zip(reports, steps, strict=True))
    print(f"{title}: {len(steps)} checks x {rounds} rounds (ms per check)")
    print(f"  harper alone, whole text   p50 {pct(alone, 50):6.2f}  p99 {pct(alone, 99):6.2f}")
    print(f"  live session               p50 {pct(ours, 50):6.2f}  p99 {pct(ours, 99):6.2f}")
    print(f"  full afterword.check       p50 {pct(full, 50):6.2f}  p99 {pct(full, 99):6.2f}")
    print(f"  ratio session / harper     p50 {pct(ours, 50) / pct(alone, 50):.2f}x  "
          f"p99 {pct(ours, 99) / pct(alone, 99):.2f}x   (target <= 0.5x)")
    print(f"  ratio session / full check p50 {pct(ours, 50) / pct(full, 50):.2f}x")
    print(f"  CPU time (thread): harper p50 {pct(cpu_alone, 50):.2f}, session p50 "
          f"{pct(cpu_ours, 50):.2f}; ratio p50 {pct(cpu_ours, 50) / pct(cpu_alone, 50):.2f}x  "
          f"p99 {pct(cpu_ours, 99) / pct(cpu_alone, 99):.2f}x  (waits for a core left out)")
    print(f"  reports identical to a full check: {same}/{len(steps)} steps")


def main() -> None:
    """Parse the arguments and run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=8)
    replay(parser.parse_args().rounds)


if __name__ == "__main__":
    main()
