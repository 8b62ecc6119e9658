"""`afterword check` as a user and a script see it: the docs/check-contract.md contract end to end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import BASE_NOTE, DEV_CORPUS, ROOT, context, load_cases


def afterword(*args: str, stdin: bytes | None = None, cwd: Path | None = None,
              env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command in a fresh process."""
    full_env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "afterword", *args], input=stdin, capture_output=True,
        cwd=cwd, env=full_env, check=False, timeout=120,
    ) if stdin is None else _bytes_run(args, stdin, cwd, full_env)


def _bytes_run(args: tuple[str, ...], stdin: bytes, cwd: Path | None,
               env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "afterword", *args], input=stdin,
                          capture_output=True, cwd=cwd, env=env, check=False, timeout=120)
    return subprocess.CompletedProcess(done.args, done.returncode,
                                       done.stdout.decode(), done.stderr.decode())


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.fixture
def ctx_file(tmp_path: Path) -> Path:
    return write(tmp_path, "interview.json", json.dumps(context()))


def _run(*args: str, **kw: Any) -> subprocess.CompletedProcess[str]:
    done = afterword(*args, **kw)
    if isinstance(done.stdout, bytes):
        return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode(),
                                           done.stderr.decode())
    return done


def test_a_clean_note_exits_0_with_a_clean_summary(tmp_path: Path, ctx_file: Path) -> None:
    note = write(tmp_path, "note.txt", BASE_NOTE)
    done = _run("check", str(note), "--context", str(ctx_file))
    assert done.returncode == 0, done.stderr
    assert "Found 0 errors, 0 warnings, 0 suggestions." in done.stdout


def test_a_misspelled_name_exits_1_with_place_excerpt_and_fix(tmp_path: Path,
                                                              ctx_file: Path) -> None:
    note = write(tmp_path, "note.txt", BASE_NOTE.replace("Dr. Raman", "Dr. Ramen"))
    done = _run("check", str(note), "--context", str(ctx_file))
    assert done.returncode == 1
    assert f"{note}:1:6: AW104 [error]" in done.stdout
    assert "Dear Dr. Ramen," in done.stdout and "^^^^^^^^^" in done.stdout
    assert "= fix: Dr. Raman" in done.stdout


def test_json_output_follows_the_contract(tmp_path: Path, ctx_file: Path) -> None:
    eml = "To: priya.raman@northwind.example\nSubject: Thanks\n\n" + BASE_NOTE.replace(
        "Dr. Raman", "Dr. Ramen")
    note = write(tmp_path, "note.eml", eml)
    done = _run("check", str(note), "--context", str(ctx_file), "--format", "json")
    data = json.loads(done.stdout)
    assert set(data) >= {"findings", "counts"}
    assert set(data["counts"]) == {"error", "warning", "suggestion"}
    finding = next(f for f in data["findings"] if f["code"] == "AW104")
    assert set(finding) == {"code", "name", "severity", "message", "start", "end", "excerpt",
                            "suggestions"}
    body = eml.split("\n\n", 1)[1]
    assert body[finding["start"]:finding["end"]] == finding["excerpt"] == "Dr. Ramen"
    assert finding["suggestions"] == ["Dr. Raman"]
    assert "AW505" in {f["code"] for f in data["findings"]}  # "Thanks" is a generic subject


def test_note_from_stdin_and_yaml_context(tmp_path: Path) -> None:
    import yaml

    ctx = write(tmp_path, "interview.yaml", yaml.safe_dump(context()))
    done = _run("check", "-", "--context", str(ctx), "--format", "json",
                stdin=BASE_NOTE.encode())
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["findings"] == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"   \n\n", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "looks binary"),
        ("Dear Zoë,".encode("latin-1"), "is not UTF-8"),
        (b"a" * 1_000_001, "over the 1,000,000-byte limit"),
    ],
    ids=["empty", "blank", "binary", "latin-1", "too-large"],
)
def test_bad_notes_give_one_line_and_exit_2(tmp_path: Path, content: bytes, message: str) -> None:
    note = write(tmp_path, "note.txt", content)
    done = _run("check", str(note))
    assert done.returncode == 2
    assert message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("ctx", "message"),
    [
        ('{"interviewers": [{"name": "A", "moments": 5}]', "not valid JSON"),
        ('{"interviewers": [{"name": "A", "first_name_terms": "maybe"}]}',
         "interviewers[0].first_name_terms"),
        ('{"send_at": "next Tuesday"}', "'send_at'"),
        ('{"kind": "love_letter"}', "'kind'"),
        ("[1, 2]", "must be an object"),
        ("kind: [unclosed", "not valid YAML"),
    ],
)
def test_a_malformed_context_names_the_key(tmp_path: Path, ctx: str, message: str) -> None:
    note = write(tmp_path, "note.txt", BASE_NOTE)
    ctx_path = write(tmp_path, "ctx.json" if ctx.startswith(("{", "[")) else "ctx.yaml", ctx)
    done = _run("check", str(note), "--context", str(ctx_path))
    assert done.returncode == 2, done.stdout
    assert message in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_missing_files_are_bad_input(tmp_path: Path) -> None:
    done = _run("check", str(tmp_path / "nope.txt"))
    assert done.returncode == 2 and "does not exist" in done.stderr
    note = write(tmp_path, "note.txt", BASE_NOTE)
    done = _run("check", str(note), "--context", str(tmp_path / "nope.json"))
    assert done.returncode == 2 and "does not exist" in done.stderr


def test_unknown_context_keys_warn_and_still_check(tmp_path: Path) -> None:
    ctx = context()
    ctx["favourite_colour"] = "teal"
    ctx["interviewers"][0]["shoe_size"] = 9
    path = write(tmp_path, "ctx.json", json.dumps(ctx))
    note = write(tmp_path, "note.txt", BASE_NOTE)
    done = _run("check", str(note), "--context", str(path))
    assert done.returncode == 0
    assert "unknown context key 'favourite_colour'" in done.stderr
    assert "interviewers[0].shoe_size" in done.stderr


def test_without_context_the_rules_that_need_it_are_listed_as_skipped(tmp_path: Path) -> None:
    note = write(tmp_path, "note.txt", BASE_NOTE)
    done = _run("check", str(note), "--format", "json")
    data = json.loads(done.stdout)
    skipped = {s["code"] for s in data["skipped"]}
    assert {"AW101", "AW104", "AW105", "AW201", "AW402", "AW403"} <= skipped
    flagged = {f["excerpt"] for f in data["findings"]}
    assert not flagged & {"Raman", "Dr. Raman", "Sam", "Sam Ortiz"}  # names by position
    text = _run("check", str(note))
    assert "Skipped: AW101" in text.stdout


def test_batch_prints_one_result_per_case_with_its_id(tmp_path: Path) -> None:
    cases = load_cases(DEV_CORPUS)[:6]
    lines = [json.dumps({"id": c["id"], "note": c["note"], "context": c["context"]})
             for c in cases]
    lines.insert(2, "{not json")
    batch = write(tmp_path, "cases.jsonl", "\n".join(lines) + "\n")
    done = _run("check", "--batch", str(batch), "--format", "jsonl")
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["id"] for r in results] == [c["id"] for c in cases[:2]] + [None] + [
        c["id"] for c in cases[2:]]
    assert "error" in results[2]
    assert done.returncode == 2  # a bad line is bad input; the other cases are not lost
    for case, result in zip(cases, [r for r in results if "error" not in r], strict=True):
        assert set(case["expect"]) <= {f["code"] for f in result["findings"]}


def test_batch_in_parallel_matches_one_process(tmp_path: Path) -> None:
    cases = load_cases(DEV_CORPUS)
    lines = [json.dumps({"id": f"{c['id']}-{i}", "note": c["note"], "context": c["context"]})
             for i in range(5) for c in cases]
    batch = write(tmp_path, "cases.jsonl", "\n".join(lines))
    parallel = _run("check", "--batch", str(batch), "--jobs", "2")
    single = _run("check", "--batch", str(batch), "--jobs", "1")
    assert parallel.returncode == single.returncode == 1
    assert parallel.stdout == single.stdout
    assert len(parallel.stdout.splitlines()) == len(lines)


def test_fix_applies_the_unambiguous_fixes_and_says_what_changed(tmp_path: Path,
                                                                  ctx_file: Path) -> None:
    broken = BASE_NOTE.replace("Dr. Raman", "Dr. Ramen").replace("the highlight", "the the highlight")
    note = write(tmp_path, "note.txt", broken)
    done = _run("check", str(note), "--context", str(ctx_file), "--fix")
    assert "fixed AW104: 'Dr. Ramen' -> 'Dr. Raman'" in done.stderr
    assert "fixed AW502: 'the the' -> 'the'" in done.stderr
    assert note.read_text(encoding="utf-8") == BASE_NOTE
    assert done.returncode == 0


def test_rules_and_explain_work_without_proofreading(tmp_path: Path) -> None:
    fake = write(tmp_path, "harper.py", "raise ImportError('no harper on this machine')\n")
    env = {"PYTHONPATH": f"{fake.parent}{os.pathsep}{ROOT / 'src'}"}
    rules = _run("rules", env=env)
    assert rules.returncode == 0 and "AW104" in rules.stdout and "AW602" in rules.stdout
    explain = _run("explain", "aw104", env=env)
    assert explain.returncode == 0 and "name-misspelled" in explain.stdout
    assert _run("explain", "AW999", env=env).returncode == 2


def test_without_harper_the_other_rules_still_run_and_say_proofreading_is_off(
    tmp_path: Path, ctx_file: Path
) -> None:
    fake = write(tmp_path, "harper.py", "raise ImportError('no harper on this machine')\n")
    env = {"PYTHONPATH": f"{fake.parent}{os.pathsep}{ROOT / 'src'}"}
    note = write(tmp_path, "note.txt", BASE_NOTE.replace("Dr. Raman", "Dr. Ramen"))
    done = _run("check", str(note), "--context", str(ctx_file), "--format", "json", env=env)
    data = json.loads(done.stdout)
    assert data["proofreading"] is False
    assert {f["code"] for f in data["findings"]} == {"AW104"}
    assert any(s["code"] == "AW501" and "proofreading is off" in s["reason"]
               for s in data["skipped"])


def test_config_file_switches_rules_and_changes_severity(tmp_path: Path, ctx_file: Path) -> None:
    note = write(tmp_path, "note.txt", BASE_NOTE.replace("Dr. Raman", "Dr. Ramen"))
    write(tmp_path, "afterword.toml", '[rules]\nAW104 = false\n[severity]\nAW503 = "error"\n')
    done = _run("check", str(note), "--context", str(ctx_file), "--format", "json",
                cwd=tmp_path)
    assert done.returncode == 0 and json.loads(done.stdout)["findings"] == []
    bad = write(tmp_path, "bad.toml", "[thresholds]\nemail_words_warning = 'many'\n")
    done = _run("check", str(note), "--config", str(bad))
    assert done.returncode == 2 and "thresholds.email_words_warning" in done.stderr
