"""Human output for `afterword check`, in the manner of ruff and Vale."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from afterword.report import Finding, Report, Severity

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.SUGGESTION: "cyan"}


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def print_report(console: Console, report: Report, *, name: str, full_text: str) -> None:
    """Each finding with its place, excerpt and fix; then a summary line."""
    head = len(full_text) - len(report.body) if full_text.endswith(report.body) else 0
    for finding in report.findings:
        _print_finding(console, finding, name=name, full_text=full_text, head=head)
    console.print(summary(report))


def _print_finding(
    console: Console, finding: Finding, *, name: str, full_text: str, head: int
) -> None:
    title = Text()
    if finding.start is not None:
        line, col = line_col(full_text, head + finding.start)
        title.append(f"{name}:{line}:{col}: ", style="bold")
    else:
        title.append(f"{name}: ", style="bold")
    title.append(finding.code, style=_STYLE[finding.severity])
    title.append(f" [{finding.severity}] ", style=_STYLE[finding.severity])
    title.append(finding.message)
    console.print(title)
    if finding.start is not None and finding.end is not None:
        start, end = head + finding.start, head + max(finding.end, finding.start + 1)
        line_start = full_text.rfind("\n", 0, start) + 1
        line_end = full_text.find("\n", start)
        line_end = len(full_text) if line_end < 0 else line_end
        number, _ = line_col(full_text, start)
        gutter = f"{number:>4} | "
        lo = max(line_start, start - 30)
        hi = min(line_end, max(end, start + 1) + 30)
        left = "…" if lo > line_start else ""
        right = "…" if hi < line_end else ""
        source = left + full_text[lo:hi] + right
        console.print(Text(gutter, style="dim") + Text(source), overflow="ignore", crop=False)
        width = max(1, min(end, line_end) - start)
        marker = "     | " + " " * (len(left) + start - lo) + "^" * width
        console.print(Text(marker, style=_STYLE[finding.severity]), overflow="ignore", crop=False)
    for suggestion in finding.suggestions[:3]:
        shown = suggestion.replace("\n", " / ") if suggestion else "(remove)"
        console.print(Text("     = fix: ", style="dim") + Text(shown, style="green"))


def summary(report: Report) -> Text:
    """'2 errors, 1 warning, 0 suggestions' plus what was skipped."""
    counts = report.counts
    parts = [
        f"{counts['error']} error{'s' if counts['error'] != 1 else ''}",
        f"{counts['warning']} warning{'s' if counts['warning'] != 1 else ''}",
        f"{counts['suggestion']} suggestion{'s' if counts['suggestion'] != 1 else ''}",
    ]
    style = "bold red" if counts["error"] else "bold yellow" if counts["warning"] else "bold green"
    text = Text("Found " + ", ".join(parts) + ".", style=style)
    if report.skipped:
        skipped = "; ".join(f"{s.code} ({s.reason})" for s in report.skipped)
        text.append(f"\nSkipped: {skipped}", style="dim")
    return text
