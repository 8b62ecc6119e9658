"""The repo is complete on its own: nothing it builds, tests or documents lives beside it."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import DEV_CORPUS, ROOT

OUTSIDE = re.compile(r"\.\./shared|parents?\[\d\]\s*/\s*['\"]shared|\bDESIGN\.md\b|\bSTYLE\.md\b")
SOURCES = ("src", "tests", "bench", "docs", "scripts")


def _texts() -> list[Path]:
    found = [ROOT / "README.md", ROOT / "Makefile", ROOT / "pyproject.toml"]
    for folder in SOURCES:
        found += [p for p in (ROOT / folder).rglob("*") if p.is_file()
                  and p.suffix in {".py", ".md", ".toml", ".sh", ".txt", ".j2", ".html"}]
    return [p for p in found if p.exists() and p != Path(__file__)]


def test_no_file_points_outside_the_repo() -> None:
    offenders = [f"{p.relative_to(ROOT)}:{n}" for p in _texts()
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                 if OUTSIDE.search(line)]
    assert offenders == []


def test_the_corpus_the_tests_use_is_in_the_project() -> None:
    assert DEV_CORPUS.is_relative_to(ROOT) and DEV_CORPUS.stat().st_size > 0


def test_every_docs_link_of_the_readme_resolves_inside_the_repo() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(((?!https?:|#)[^)\s]+)\)", readme)
    for link in links:
        target = (ROOT / link.split("#")[0]).resolve()
        assert target.is_relative_to(ROOT) and target.exists(), link
