"""`python -m afterword`."""

from afterword.cli.main import run

run()
