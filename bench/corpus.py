"""How well the checker does on the labelled corpora: recall and false findings.

For each corpus file (default: every tests/corpus/*.jsonl): the share of planted defects
(`expect` codes) found; the share of clean notes (no `expect`) with any finding and with an
error-severity one; and the `absent` codes that fired anyway. `--show` lists the misses.

Usage: python bench/corpus.py [FILE.jsonl ...] [--show]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def score(path: Path, show: bool) -> None:
    """Print the figures for one corpus file."""
    import afterword

    cases: list[dict[str, Any]] = [json.loads(line) for line in
                                   path.read_text(encoding="utf-8").splitlines() if line.strip()]
    planted = found = clean = noisy = erroring = absent_hits = 0
    for case in cases:
        report = afterword.check(case["note"], case["context"])
        codes = report.codes
        expect, absent = set(case.get("expect", [])), set(case.get("absent", []))
        planted += len(expect)
        found += len(expect & codes)
        absent_hits += len(absent & codes)
        problems = [f"missed {sorted(expect - codes)}"] if expect - codes else []
        problems += [f"fired {sorted(absent & codes)}"] if absent & codes else []
        if not expect:
            clean += 1
            noisy += bool(report.findings)
            errors = [f for f in report.findings if f.severity == "error"]
            erroring += bool(errors)
            if report.findings:
                problems.append("clean note: " + ", ".join(
                    f"{f.code}:{f.severity}:{f.excerpt!r}" for f in report.findings))
        if show and problems:
            print(f"  {case['id']}: {'; '.join(problems)}")
    print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {len(cases)} cases; "
          f"recall {found}/{planted} = {found / max(planted, 1):.1%}; "
          f"clean notes with a finding {noisy}/{clean} = {noisy / max(clean, 1):.1%}, "
          f"with an error {erroring}/{clean} = {erroring / max(clean, 1):.1%}; "
          f"absent codes that fired: {absent_hits}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--show", action="store_true", help="list every miss")
    args = parser.parse_args()
    files = args.files or sorted((ROOT / "tests" / "corpus").glob("*.jsonl"))
    for path in files:
        score(path.resolve(), args.show)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
