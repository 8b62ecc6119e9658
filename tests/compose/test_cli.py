"""`afterword draft` through Typer's CliRunner, on an app built just for the test."""

from __future__ import annotations

import json
from email import message_from_string, policy
from pathlib import Path

import pytest
import typer
from test_kinds import context
from typer.testing import CliRunner

from afterword import check
from afterword.cli.common import OneLineErrors
from afterword.cli.draft import register, safe_filename

NOW = ["--now", "2026-11-20T18:30:00-05:00"]


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer(cls=OneLineErrors)  # as afterword's own app: usage errors are one line
    register(app)

    @app.callback()
    def main() -> None:
        """Test app."""

    return app


@pytest.fixture
def ctx_file(tmp_path: Path) -> Path:
    path = tmp_path / "ctx.json"
    path.write_text(json.dumps(context()), encoding="utf-8")
    return path


def test_json_shape(app: typer.Typer, ctx_file: Path) -> None:
    result = CliRunner().invoke(app, ["draft", "--context", str(ctx_file), "--format", "json",
                                      *NOW])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["drafts"] and len(data["drafts"]) == 5
    for item in data["drafts"]:
        assert set(item) == {"recipient", "name", "subject", "note"}
        ctx = {**context(), "recipient": item["recipient"],
               "send_at": "2026-11-20T18:30:00-05:00"}
        assert check(item["note"], ctx).findings == []


def test_out_dir_eml(app: typer.Typer, ctx_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "drafts"
    result = CliRunner().invoke(app, ["draft", "--context", str(ctx_file), "--format", "eml",
                                      "--out", str(out), *NOW])
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in out.iterdir())
    assert "zoe-o-brien-zoe.eml" in files and len(files) == 5
    msg = message_from_string((out / "priya-raman.eml").read_text(encoding="utf-8"),
                              policy=policy.default)
    assert msg["To"].addresses[0].addr_spec == "p0@northwind.example"
    assert msg["From"].addresses[0].addr_spec == "sam.ortiz@example.org"
    assert msg["Subject"]


def test_hostile_names_in_eml(app: typer.Typer, tmp_path: Path) -> None:
    ctx = context(recipient="p0@northwind.example")
    ctx["interviewers"][0]["name"] = "Eve\r\nBcc: x@evil.example"
    ctx["candidate"]["name"] = "Sam, Ortiz <sam@evil.example>"
    ctx["role"] = "Analyst\r\nBcc: y@evil.example"
    path = tmp_path / "c.json"
    path.write_text(json.dumps(ctx), encoding="utf-8")
    result = CliRunner().invoke(app, ["draft", "--context", str(path), "--format", "eml", *NOW])
    assert result.exit_code == 0, result.output
    msg = message_from_string(result.stdout, policy=policy.default)
    assert msg.get_all("Bcc") is None and len(msg.get_all("To")) == 1
    assert [a.addr_spec for a in msg["From"].addresses] == ["sam.ortiz@example.org"]


def test_template_override(app: typer.Typer, ctx_file: Path, tmp_path: Path) -> None:
    template = tmp_path / "mine.txt.j2"
    template.write_text("{{ greeting }},\n\nCUSTOM {{ opening }}\n\n{{ closing }},\n"
                        "{{ signer }}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["draft", "--context", str(ctx_file), "--template",
                                      str(template), *NOW])
    assert result.exit_code == 0 and "CUSTOM Thank" in result.stdout


@pytest.mark.parametrize(("content", "args"), [
    (None, []),
    ("{not json", []),
    ("[1, 2]", []),
    ('{"interviewers": "nope"}', []),
    ('{"interviewers": []}', []),
    ("{}", ["--kind", "bogus"]),
    ("{}", ["--format", "pdf"]),
])
def test_bad_input_exits_2(app: typer.Typer, tmp_path: Path, content: str | None,
                           args: list[str]) -> None:
    path = tmp_path / "bad.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(app, ["draft", "--context", str(path), *args])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_broken_template_exits_2(app: typer.Typer, ctx_file: Path, tmp_path: Path) -> None:
    template = tmp_path / "bad.txt.j2"
    template.write_text("{{ no_such_variable }}", encoding="utf-8")
    result = CliRunner().invoke(app, ["draft", "--context", str(ctx_file), "--template",
                                      str(template)])
    assert result.exit_code == 2 and "no_such_variable" in result.stderr


def test_safe_filenames() -> None:
    taken: set[str] = set()
    assert safe_filename("../../etc/passwd", taken) == "etc-passwd"
    assert safe_filename("Zoë O'Brien", taken) == "zoe-o-brien"
    assert safe_filename("Zoë O'Brien", taken) == "zoe-o-brien-2"
    assert safe_filename("李小龍", taken) == "draft"


def test_a_check_in_goes_to_one_person_or_to_whom_you_name(app: typer.Typer,
                                                          ctx_file: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["draft", "--context", str(ctx_file), "--kind", "check_in",
                                 "--format", "json", *NOW])
    assert result.exit_code == 0, result.output
    (only,) = json.loads(result.stdout)["drafts"]
    assert only["recipient"] == "recruiting@northwind.example"
    assert "written to Leo Park" in result.stderr
    result = runner.invoke(app, ["draft", "--context", str(ctx_file), "--kind", "check_in",
                                 "--to", "Arjun Mehta", "--format", "json", *NOW])
    assert [d["name"] for d in json.loads(result.stdout)["drafts"]] == ["Arjun Mehta"]
    result = runner.invoke(app, ["draft", "--context", str(ctx_file), "--kind", "check_in",
                                 "--to", "Nobody Here", *NOW])
    assert result.exit_code == 2 and "not one of the people" in result.stderr


def test_the_honorific_hint_is_shown_for_a_formal_field(app: typer.Typer,
                                                        tmp_path: Path) -> None:
    data = context(industry="corporate law")
    path = tmp_path / "law.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = CliRunner().invoke(app, ["draft", "--context", str(path), *NOW])
    assert result.exit_code == 0, result.output
    assert "Tomás García-López: greeted Tomás García-López by given name" in result.stderr
    assert "Dear Tomás," in result.stdout
