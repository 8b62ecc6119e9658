"""The time-expression parser: dates a note names, resolved against anchors, and what each
is for (reply, follow-up, past). See :mod:`afterword.etiquette.timeexpr.mentions`."""

from afterword.etiquette.timeexpr.mentions import TimeMention, find_time_mentions, has_timeline

__all__ = ["TimeMention", "find_time_mentions", "has_timeline"]
