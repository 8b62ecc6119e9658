"""Benchmark of the pure text analysers and the business-day calendar (not timed in tests).

Each figure is the median per-call time of an analyser over a ~200-word note, next to a
baseline run in the same process on the same text: a plain regex tokenisation of the note
(for the analysers) and `date + timedelta` (for business days). The ratio says how many
baseline passes one call costs; a pathological regex or a lost cache shows as a jump.

Usage: python bench/analysers.py [--runs 300]
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta

from afterword.etiquette.confusions import find_real_word_errors
from afterword.etiquette.timeexpr import find_time_mentions
from afterword.plan.business import add_business_days

NOTE = (
    "Dear Dr. Adeyemi,\n\nThank you for meeting with me yesterday afternoon about the "
    "Clinical Nurse position. I enjoyed our one-hour conversation about how your unit runs "
    "its sepsis drills, and I was glad to hear about the two new graduate nurses joining in "
    "June. During my four years at a regional hospital I led 24/7 rapid-response coverage "
    "and trained staff at 3 pm huddles, and I would bring that experience to your team. "
) * 2 + (
    "You mentioned a decision by June 2, so I will plan to check in on June 3 if I have not "
    "heard from you before then. In the meantime, please let me know if I can share "
    "anything else.\n\nBest regards,\nJordan"
)
ADVERSARIAL = ("your " * 20_000) + ("to " * 20_000) + (" " * 20_000) + "your"
ANCHORS = (date(2026, 5, 19), date(2026, 5, 20))
WORD = re.compile(r"\w+")


def median_ms(call: Callable[[], object], runs: int) -> float:
    """The median wall time of `call`, in milliseconds, after one warm-up call."""
    call()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def business_days() -> None:
    """2,000 business-day sums over a year of US holidays."""
    for offset in range(2000):
        add_business_days(date(2026, 1, 5) + timedelta(days=offset % 365), 3, "US")


def calendar_days() -> None:
    """The baseline: the same 2,000 sums in calendar days."""
    for offset in range(2000):
        _ = date(2026, 1, 5) + timedelta(days=offset % 365) + timedelta(days=3)


def main() -> None:
    """Print each analyser's median against its baseline."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=300)
    runs = parser.parse_args().runs
    tokens = median_ms(lambda: WORD.findall(NOTE), runs)
    rows = [
        ("time mentions, 200 words", median_ms(lambda: find_time_mentions(NOTE, ANCHORS), runs),
         tokens),
        ("real-word errors, 200 words", median_ms(lambda: find_real_word_errors(NOTE), runs),
         tokens),
        ("real-word errors, 60,000 adversarial words",
         median_ms(lambda: find_real_word_errors(ADVERSARIAL), max(3, runs // 50)),
         median_ms(lambda: WORD.findall(ADVERSARIAL), max(3, runs // 50))),
        ("2,000 business-day sums", median_ms(business_days, max(3, runs // 10)),
         median_ms(calendar_days, max(3, runs // 10))),
    ]
    print(f"{'analyser':46} {'median ms':>10} {'baseline ms':>12} {'ratio':>8}")
    for name, ours, baseline in rows:
        print(f"{name:46} {ours:10.3f} {baseline:12.3f} {ours / baseline:8.1f}x")


if __name__ == "__main__":
    main()
