"""Benchmark of `afterword check` against Harper alone on the same notes (same command).

Prints, for the dev corpus repeated to N notes:
  1. in process: per-note p50/p99 of afterword.check vs harper.Linter.lint, and the ratio;
  2. --batch: notes/s with one process and with every core, and the speed-up;
  3. cold start: `afterword check note.txt` vs a bare Harper start-up + one lint (median
     of several runs), and `afterword rules` / `--help` (which must not load Harper).

Usage: python bench/check.py [--notes 2000] [--batch-notes 10000] [--runs 7]
                             [--corpus FILE.jsonl ...] [--only in-process,batch,cold,alarms]
(--corpus picks the notes, e.g. a set the checker was not tuned on; default the dev corpus.)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus" / "dev.jsonl"


CORPORA: list[Path] = [CORPUS]


def cases(n: int) -> list[dict[str, Any]]:
    """The chosen corpora repeated to n cases, each with a distinct id."""
    base = [json.loads(line) for path in CORPORA
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [{**base[i % len(base)], "id": f"{base[i % len(base)]['id']}#{i}"} for i in range(n)]


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) of values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def in_process(sample: list[dict[str, Any]]) -> None:
    """Per-note latency, ours against Harper's, interleaved so both see the same machine."""
    import harper

    import afterword

    linter = harper.Linter(harper.Dialect.AMERICAN)
    for case in sample[:60]:  # warm both
        afterword.check(case["note"], case["context"])
        linter.lint(case["note"], language="plaintext")
    ours: list[float] = []
    theirs: list[float] = []
    for case in sample:
        start = time.perf_counter()
        linter.lint(case["note"], language="plaintext")
        middle = time.perf_counter()
        afterword.check(case["note"], case["context"])
        end = time.perf_counter()
        theirs.append((middle - start) * 1000)
        ours.append((end - middle) * 1000)
    print(f"in process, {len(sample)} notes (ms per note)")
    print(f"  harper alone   p50 {pct(theirs, 50):6.2f}  p99 {pct(theirs, 99):6.2f}")
    print(f"  afterword      p50 {pct(ours, 50):6.2f}  p99 {pct(ours, 99):6.2f}")
    print(f"  ratio p50 {pct(ours, 50) / pct(theirs, 50):.2f}x  "
          f"p99 {pct(ours, 99) / pct(theirs, 99):.2f}x   (target p50 <= 1.3x)")


def afterword_cmd(*args: str, stdin: str | None = None) -> float:
    """Seconds one run of the real command takes."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "afterword", *args], input=stdin, text=True,
                   capture_output=True, check=False, env={**os.environ, "NO_COLOR": "1"})
    return time.perf_counter() - start


def batch(n: int) -> None:
    """--batch throughput with one process and with every core."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cases.jsonl"
        path.write_text("\n".join(json.dumps(c) for c in cases(n)), encoding="utf-8")
        one = afterword_cmd("check", "--batch", str(path), "--jobs", "1")
        cores = os.cpu_count() or 1
        many = afterword_cmd("check", "--batch", str(path), "--jobs", str(cores))
    print(f"--batch, {n} notes")
    print(f"  1 process      {n / one:8.0f} notes/s  ({one:.1f} s)")
    print(f"  {cores} processes    {n / many:8.0f} notes/s  ({many:.1f} s)")
    print(f"  speed-up {one / many:.2f}x   (target >= 1.7x on 2 cores)")


def cold(runs: int) -> None:
    """Start-up: a whole `afterword check` against Harper's own start-up and first lint."""
    example = ROOT / "src" / "afterword" / "examples"
    note, ctx = str(example / "thank-you.eml"), str(example / "interview.json")
    harper_only = (
        "import harper, sys; harper.Linter(harper.Dialect.AMERICAN)"
        f".lint(open({note!r}).read(), language='plaintext')"
    )

    def bare() -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", harper_only], check=True)
        return time.perf_counter() - start

    ours, theirs, rules, helps = [], [], [], []
    for _ in range(runs):
        theirs.append(bare())
        ours.append(afterword_cmd("check", note, "--context", ctx))
        rules.append(afterword_cmd("rules"))
        helps.append(afterword_cmd("--help"))
    m_ours, m_theirs = statistics.median(ours), statistics.median(theirs)
    print(f"cold start, median of {runs} runs (s)")
    print(f"  harper alone (python -c: import, build, one lint)  {m_theirs:.3f}")
    print(f"  afterword check note.eml --context …              {m_ours:.3f}"
          f"   (+{m_ours - m_theirs:.3f} s; target <= +0.3 s)")
    print(f"  afterword rules                                    {statistics.median(rules):.3f}")
    print(f"  afterword --help                                   {statistics.median(helps):.3f}")


def false_alarms() -> None:
    """On the clean notes of both corpora: what Harper alone flags, and what afterword does."""
    import harper

    import afterword

    extra = ROOT / "tests" / "corpus" / "extra.jsonl"
    rows = [json.loads(line) for path in (CORPUS, extra)
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    clean = [r for r in rows if not r["expect"]]
    linter = harper.Linter(harper.Dialect.AMERICAN)
    theirs = sum(len(linter.lint(r["note"], language="plaintext")) for r in clean)
    ours = sum(len(afterword.check(r["note"], r["context"]).findings) for r in clean)
    print(f"false alarms on the {len(clean)} clean notes of the dev and project corpora")
    print(f"  harper alone   {theirs:4d}")
    print(f"  afterword      {ours:4d}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=2000)
    parser.add_argument("--batch-notes", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--corpus", type=Path, action="append")
    parser.add_argument("--only", default="alarms,in-process,batch,cold")
    args = parser.parse_args()
    if args.corpus:
        CORPORA[:] = [p.resolve() for p in args.corpus]
    parts = set(args.only.split(","))
    print(f"notes from: {', '.join(p.name for p in CORPORA)}; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    if "alarms" in parts:
        false_alarms()
    if "in-process" in parts:
        in_process(cases(args.notes))
    if "batch" in parts:
        batch(args.batch_notes)
    if "cold" in parts:
        cold(args.runs)


if __name__ == "__main__":
    main()
