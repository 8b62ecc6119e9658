"""The raw wire format of /v2/check and /v2/languages against LanguageTool's documented
fields, offsets in UTF-16 code units, and the quirks of real clients."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from tests.languagetool.conftest import NOTE
from tests.web.browser import Server


def check(server: Server, **form: str) -> Any:
    answer = httpx.post(f"{server.url}/v2/check", data={"language": "en-US", **form})
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("application/json")
    return answer.json()


def by_rule(body: Any, rule: str) -> list[Any]:
    return [m for m in body["matches"] if m["rule"]["id"] == rule]


def test_a_response_has_languagetools_sections_and_match_fields(server: Server) -> None:
    body = check(server, text=NOTE.replace("I would enjoy", "I would realy enjoy"))
    assert set(body["software"]) >= {"name", "version", "apiVersion", "buildDate", "status"}
    assert body["software"]["apiVersion"] == 1
    assert body["warnings"]["incompleteResults"] is False
    assert "Priya Raman" in body["warnings"]["afterword"]
    assert body["language"]["code"] == "en-US"
    assert body["language"]["name"] == "English (US)"
    assert body["language"]["detectedLanguage"]["code"] == "en-US"
    [match] = by_rule(body, "AW501")
    assert set(match) >= {"message", "shortMessage", "replacements", "offset", "length",
                          "context", "sentence", "type", "rule"}
    assert match["type"]["typeName"] == "UnknownWord"
    assert match["rule"]["category"] == {"id": "TYPOS", "name": "Possible Typo"}
    assert match["rule"]["issueType"] == "misspelling"
    assert match["replacements"][0] == {"value": "really"}
    context = match["context"]
    assert context["text"][context["offset"] : context["offset"] + context["length"]] == "realy"
    assert context["text"].startswith("...") and context["text"].endswith("...")
    assert len(context["text"]) <= 3 + 40 + len("realy") + 40 + 3
    assert match["sentence"].startswith("Hearing how your team") and "realy" in match["sentence"]
    assert isinstance(body["sentenceRanges"], list) and body["sentenceRanges"]


def test_languages_lists_the_english_variants_only(server: Server) -> None:
    answer = httpx.get(f"{server.url}/v2/languages")
    assert answer.status_code == 200
    codes = {entry["longCode"] for entry in answer.json()}
    assert {"en-US", "en-GB"} <= codes
    assert all(entry["code"] == "en" and entry["name"] for entry in answer.json())


def test_offsets_count_utf16_units_after_emoji_and_combining_accents(server: Server) -> None:
    text = NOTE.replace("Thank you for meeting", "🎉👋🏽 Cafe\u0301 thank you for meeting").replace(
        "I would enjoy", "I would realy enjoy")
    [match] = by_rule(check(server, text=text), "AW501")
    units = text.encode("utf-16-le")
    offset, length = match["offset"], match["length"]
    assert units[2 * offset : 2 * (offset + length)].decode("utf-16-le") == "realy"
    assert offset == text.index("realy") + 3  # three astral code points before it


def test_crlf_line_ends_keep_their_length_in_the_offsets(server: Server) -> None:
    text = NOTE.replace("I would enjoy", "I would realy enjoy").replace("\n", "\r\n")
    [match] = by_rule(check(server, text=text), "AW501")
    assert text[match["offset"] : match["offset"] + match["length"]] == "realy"


def test_a_form_body_labelled_json_is_read_as_a_form_as_ltex_sends_it(server: Server) -> None:
    form = httpx.QueryParams({"language": "en-US",
                              "text": NOTE.replace("I would enjoy", "I would realy enjoy")})
    answer = httpx.post(f"{server.url}/v2/check", content=str(form).encode(),
                        headers={"Content-Type": "application/json"})
    assert answer.status_code == 200, answer.text
    assert [m["context"]["text"] for m in by_rule(answer.json(), "AW501")]


def test_annotated_data_checks_only_text_and_counts_the_markup(server: Server) -> None:
    data = {"annotation": [
        {"markup": "<p>", "interpretAs": ""}, {"text": "Dear Dr. Raman,"},
        {"markup": "</p><p>", "interpretAs": "\n\n"},
        {"text": "I would "}, {"markup": "<b>"}, {"text": "realy"}, {"markup": "</b>"},
        {"text": " enjoy the work at Northwind Analytics."}, {"markup": "</p>"},
    ]}
    source = "".join(n.get("text", n.get("markup", "")) for n in data["annotation"])
    body = check(server, data=json.dumps(data))
    [match] = by_rule(body, "AW501")
    assert source[match["offset"] : match["offset"] + match["length"]] == "realy"
    assert not [m for m in body["matches"] if "<" in source[m["offset"]:m["offset"] + m["length"]]
                and m["rule"]["id"] != "AW000"]


@pytest.mark.parametrize(("code", "name"), [("en-GB", "English (GB)"), ("en", "English"),
                                            ("auto", "English (US)")])
def test_english_variants_are_checked_and_british_spelling_passes_en_gb(
    server: Server, code: str, name: str,
) -> None:
    text = NOTE.replace("the testing side", "the colour-coded testing side")
    body = check(server, text=text, language=code)
    assert body["language"]["name"] == name
    if code == "en-GB":
        assert by_rule(body, "AW501") == []


def test_german_is_a_400_with_one_line(server: Server) -> None:
    answer = httpx.post(f"{server.url}/v2/check", data={"language": "de-DE", "text": "Hallo"})
    assert answer.status_code == 400
    assert answer.text.startswith("Error: ") and "de-DE" in answer.text
    assert answer.text.strip().count("\n") == 0


@pytest.mark.parametrize(("form", "says"), [
    ({"language": "en-US"}, "Missing 'text' or 'data'"),
    ({"text": "Hello"}, "Missing 'language'"),
    ({"language": "en-US", "text": "a", "data": "{}"}, "not both"),
    ({"language": "en-US", "data": "{nope"}, "Could not parse JSON"),
    ({"language": "en-US", "text": "a", "enabledOnly": "true"}, "enabled rules or categories"),
])
def test_bad_requests_get_languagetools_one_line_errors(server: Server, form: dict[str, str],
                                                          says: str) -> None:
    answer = httpx.post(f"{server.url}/v2/check", data=form)
    assert answer.status_code == 400
    assert says in answer.text


def test_enabled_only_and_disabled_rules_filter_matches(server: Server) -> None:
    text = NOTE.replace("Dear Dr. Raman,", "Dear Dr. Ramen,").replace("I would enjoy",
                                                                      "I would realy enjoy")
    only = check(server, text=text, enabledRules="AW104", enabledOnly="true")
    assert {m["rule"]["id"] for m in only["matches"]} == {"AW104"}
    without = check(server, text=text, disabledRules="AW104,AW000")
    assert {m["rule"]["id"] for m in without["matches"]} == {"AW501"}


def test_a_get_check_works_like_languagetools(server: Server) -> None:
    answer = httpx.get(f"{server.url}/v2/check", params={"language": "en-US", "text": "Hi."})
    assert answer.status_code == 200
    assert answer.json()["matches"][0]["rule"]["id"] == "AW000"
