"""Stems are the same whichever thread asks: the web's request threads and the server
worker's jobs check notes at once (a shared Snowball stemmer once mixed their words up)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from afterword.etiquette.text import lemmas


def _stems(words: list[str]) -> list[str]:
    return [str(lemmas._stemmer().stemWord(w)) for w in words]


def test_threads_stemming_at_once_get_the_stems_one_thread_gets() -> None:
    words = [f"{stem}{ending}" for stem in ("argu", "present", "nation", "organis", "connect",
                                            "general", "hope", "relat", "adjust", "depend")
             for ending in ("ed", "ing", "ations", "ement", "ization", "fulness", "ly")] * 40
    expected = _stems(words)
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(_stems, [words] * 16))
    assert all(result == expected for result in results)
