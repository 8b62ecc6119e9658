"""The Harper adapter: families, merged suggestions, threads, and nothing on stdout."""

from __future__ import annotations

import subprocess
import sys
import threading

import harper

from afterword.proofread.harper import HARPER_VERSION, HarperProofreader, family, shared


def test_the_pinned_harper_py_is_the_one_installed() -> None:
    from importlib.metadata import version

    assert version("harper-py") == HARPER_VERSION


def test_suggestion_kinds_are_the_values_the_adapter_assumes() -> None:
    assert int(harper.SuggestionKind.REMOVE) == 1
    assert int(harper.SuggestionKind.INSERT_AFTER) == 2


def test_dictionary_suggestions_come_first_not_split_words() -> None:
    issues = shared().lint("Please send it to my email adress today.")
    spelling = [i for i in issues if i.family == "spelling"]
    assert spelling and spelling[0].suggestions[0] == "address"
    assert "a dress" in spelling[0].suggestions  # merged in, but after the dictionary's


def test_families() -> None:
    assert family("SpellCheck", "Spelling") == "spelling"
    assert family("ItsContraction", "Punctuation") == "grammar"
    assert family("CommaFixes", "Punctuation") == "punctuation"
    assert family("RepeatedWords", "Repetition") == "grammar"
    assert family("X", "Style") == "style"


def test_its_for_it_is_is_grammar_not_punctuation() -> None:
    issues = shared().lint("Its a pleasure to write to you.")
    assert [i.family for i in issues if i.start == 0] == ["grammar"]


def test_rules_afterword_replaces_are_off() -> None:
    text = "Please reply ASAP. I wont be late. I am looking forward to meet you."
    assert shared().lint(text) == []


def test_harper_prints_nothing_on_stdout() -> None:
    code = ("from afterword.proofread.harper import shared; "
            "shared().lint('I am looking forward to meet you and hear more.')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout == ""


def test_each_thread_lints_with_its_own_linter() -> None:
    reader = HarperProofreader()
    errors: list[BaseException] = []
    results: list[int] = []

    def work() -> None:
        try:
            for _ in range(5):
                results.append(len(reader.lint("Thank you for the the interview yesturday.")))
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert results == [results[0]] * 15 and results[0] >= 2


def test_prewarm_hands_its_linter_to_the_first_caller() -> None:
    reader = HarperProofreader("british")
    reader.prewarm()
    assert reader.available()
    spelling = [i for i in reader.lint("The colour of the organisation.") if i.family == "spelling"]
    assert spelling == []  # British spelling is right in the British dialect


def test_request_threads_share_a_fixed_pool_of_linters() -> None:
    """Forty request threads must not build forty dictionaries (~200 MiB each)."""
    from concurrent.futures import ThreadPoolExecutor

    reader = HarperProofreader(workers=2)
    reader.prewarm_pool()
    with ThreadPoolExecutor(16, thread_name_prefix="request") as requests:
        results = list(requests.map(lambda _: len(reader.lint("Thank you yesturday.")),
                                    range(64)))
    assert set(results) == {1}
    assert reader._pool is not None and len(reader._pool._threads) == 2
