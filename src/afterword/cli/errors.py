"""Kept for imports written before `afterword.cli.common` (the shared plumbing) existed."""

from afterword.cli.common import err, fail

__all__ = ["err", "fail"]
