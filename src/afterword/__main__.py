"""`python -m afterword`."""

from afterword.cli import run

run()
