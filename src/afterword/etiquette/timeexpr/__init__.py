"""The time-expression parser: dates a note names, resolved against anchors, and what each
is for (reply, follow-up, past). See :mod:`afterword.etiquette.timeexpr.mentions`."""

from afterword.etiquette.timeexpr.mentions import (
    Analysis,
    TimeMention,
    analyse,
    find_time_mentions,
    find_time_mentions_in,
    has_timeline,
)

__all__ = ["Analysis", "TimeMention", "analyse", "find_time_mentions", "find_time_mentions_in",
           "has_timeline"]
