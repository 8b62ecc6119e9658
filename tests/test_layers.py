"""The layers hold: no interface reaches into another, nor behind the store's public names.

Read from the source with `ast` (nothing is imported), so a new module is judged the moment
it exists. The rules are those of docs/architecture.md, "The rules of the layers".
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "afterword"
INTERFACES = ("afterword.cli", "afterword.web")
# Where one program starts another: `python -m afterword` runs the CLI, and `afterword
# serve` the web app (the CLI's one look at the web: its app factory and the check of the
# address it binds).
ENTRY_POINTS = {"afterword.__main__": {"afterword.cli"},
                "afterword.cli.web": {"afterword.web", "afterword.web.security"}}
CLI_ROOT = {"afterword.cli", "afterword.cli.main"}  # registers every command module


@dataclass(frozen=True)
class Import:
    """One import in a module: the module it names and, for `from … import`, the names."""

    line: int
    target: str
    names: tuple[str, ...]


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[Import]:
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    found: list[Import] = []
    for node in ast.walk(tree):  # imports inside functions count as much as the top ones
        if isinstance(node, ast.Import):
            found += [Import(node.lineno, alias.name, ()) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = tuple(alias.name for alias in node.names)
            found.append(Import(node.lineno, node.module, names))
            # `from afterword.cli import show` names the module afterword.cli.show
            found += [Import(node.lineno, f"{node.module}.{n}", ()) for n in names
                      if (PACKAGE.parent / node.module.replace(".", "/") / f"{n}.py").exists()]
    return found


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _interface(module: str) -> str | None:
    return next((i for i in INTERFACES if module == i or module.startswith(i + ".")), None)


def _is_command_module(module: str) -> bool:
    """A CLI module that registers commands (`register(app)`), as opposed to plumbing."""
    path = MODULES.get(module)
    return (module.startswith("afterword.cli.") and path is not None
            and "def register(" in path.read_text("utf-8"))


def _is_route_module(module: str) -> bool:
    return module.startswith("afterword.web.routes.")


def violations(module: str, imports: list[Import]) -> list[str]:
    """Every import of `module` that breaks a rule of the layers, in words."""
    mine = _interface(module)
    broken: list[str] = []
    for imp in imports:
        theirs = _interface(imp.target)
        where = f"{module}:{imp.line} imports {imp.target}"
        if theirs and theirs != mine and imp.target not in ENTRY_POINTS.get(module, set()):
            broken.append(f"{where}: another interface's module")
        if (_is_route_module(module) and _is_route_module(imp.target)
                and imp.target != module):
            broken.append(f"{where}: a route module importing another")
        if (module not in CLI_ROOT and _is_command_module(module)
                and _is_command_module(imp.target) and imp.target != module):
            broken.append(f"{where}: a command module importing another")
        if mine and imp.target.startswith("afterword.store"):
            private = [n for n in (*imp.names, imp.target.rsplit(".", 1)[-1])
                       if n.startswith("_") and not n.startswith("__")]
            if private:
                broken.append(f"{where}: the store's private {', '.join(private)}")
    return broken


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_breaks_the_layers(module: str) -> None:
    assert violations(module, _imports(MODULES[module])) == []


def test_nothing_below_the_interfaces_imports_one() -> None:
    below = [m for m in MODULES if _interface(m) is None and m not in ENTRY_POINTS]
    reached = [f"{m} imports {i.target}" for m in below for i in _imports(MODULES[m])
               if _interface(i.target)]
    assert reached == []


@pytest.mark.parametrize(("module", "source", "why"), [
    ("afterword.web.routes.delivery", "from afterword.web.routes.notes import compose_page",
     "a route module importing another"),
    ("afterword.web.routes.api", "from afterword.cli.show import show_command",
     "another interface's module"),
    ("afterword.cli.people", "def f():\n    from afterword.web.views import segments",
     "another interface's module"),
    ("afterword.cli.worker", "from afterword.cli.deliver import password_for",
     "a command module importing another"),
    ("afterword.cli.agenda", "from afterword.store.repo import _loaded",
     "the store's private _loaded"),
    ("afterword.web.routes.today", "from afterword.store import _engine",
     "the store's private _engine"),
])
def test_the_check_catches_each_kind_of_breach(tmp_path: Path, module: str, source: str,
                                              why: str) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(source + "\n", encoding="utf-8")
    assert any(why in v for v in violations(module, _imports(sample)))


def test_plumbing_and_the_services_are_fair_to_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from afterword.cli.common import store\nfrom afterword.cli import render\n"
                      "from afterword.services.agenda import agenda_for\n"
                      "from afterword.store.repo import get_application\n", encoding="utf-8")
    assert violations("afterword.cli.agenda", _imports(sample)) == []
