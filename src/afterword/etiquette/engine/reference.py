"""The rules reference (docs/rules.md), generated from the catalogue.

`afterword rules --format markdown > docs/rules.md` regenerates it; a test fails when the
file in the repo no longer matches.
"""

from __future__ import annotations

from afterword.etiquette.engine.catalogue import RULES
from afterword.etiquette.engine.examples import describe
from afterword.etiquette.engine.registry import Rule

_RULES_DIR = "src/afterword/etiquette/"
_HEADER = """# Rules reference

Generated from the catalogue (`afterword rules --format markdown > docs/rules.md`); do not
edit by hand. Severities are defaults: `error` blocks sending, `warning` and `suggestion`
do not; `[severity]` in `afterword.toml` changes them and `[rules] disable` turns a rule
off. The examples are run by `tests/etiquette/test_rule_examples.py` against the sample
interview (`src/afterword/etiquette/engine/examples.py`).

| code | name | severity | what it asks | lives in |
|---|---|---|---|---|
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _section(rule: Rule) -> str:
    lines = [f"## {rule.code} {rule.name}", "", f"*{rule.severity}* · {_cell(rule.summary)}",
             "", rule.rationale, "",
             f"Applies to kinds {', '.join(sorted(rule.kinds))}; media "
             f"{', '.join(sorted(rule.media))}. Lives in `{rule.path}`.", ""]
    for flag, title in ((True, "Flags"), (False, "Passes")):
        shown = [e for e in rule.examples if e.flag is flag]
        if shown:
            lines.append(f"{title}:")
            lines += [f"- {_cell(describe(e))}" for e in shown]
            lines.append("")
    return "\n".join(lines)


def markdown() -> str:
    """The whole reference, as docs/rules.md holds it."""
    rows = "".join(f"| [{r.code}](#{r.code.lower()}-{r.name}) | {r.name} | {r.severity} | "
                   f"{_cell(r.summary)} | `{r.path.removeprefix(_RULES_DIR)}` |\n" for r in RULES)
    return _HEADER + rows + "\n" + "\n".join(_section(rule) for rule in RULES)
