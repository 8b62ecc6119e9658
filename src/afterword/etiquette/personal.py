"""Is the note written for this person? (AW201, AW202, AW203)

The best notes touch on the moments of the interview that mattered to this
interviewer; a note that could go to anyone, a copy of the note sent to a fellow
panelist, or a template with its blanks still showing all undo the point of writing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from afterword.etiquette.names import fold, greeting_for
from afterword.etiquette.note import parse_note
from afterword.etiquette.registry import Facts, Hit, Rule
from afterword.report import Severity

STOP = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours out over own same she should so some such than that the their theirs them
    then there these they this those through to too under until up very was we were what when
    where which while who whom why will with would you your yours yourself yourselves one two
    three four five six seven eight nine ten new old last next first second every many much
    really still well way lot thing things bit part kind sort get got make made take took come
    came go went see saw say said tell told know knew think thought want like us let may might
    must shall s t ve ll re d m ago week weeks month months year years day days today yesterday
    tomorrow morning afternoon evening night time times january february march april june july
    august september october november december""".split()
)
GENERIC = frozenset(
    """thank thanks interview interviewing opportunity opportunities position role job team
    company organisation organization conversation discussion discuss talk speak meet meeting
    chat learn learning hear hearing forward excite excited exciting enjoy enjoyed appreciate
    interest interested interesting skill skills experience experiences contribute contribution
    fit culture candidate hire hiring process apply application career goal goals passion
    passionate confident believe sure great good wonderful pleasure glad happy grateful
    insight insights valuable value look looking touch follow update decision decide
    reply response soon further help helpful question questions answer answers share
    sharing mission vision work working""".split()
)


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=16384)
def lemma(word: str) -> str:
    """The stem of an English word, the same for its inflections ("Fridays" -> "friday",
    "argued" and "argue" -> "argu"): Snowball, loaded in milliseconds."""
    return str(_stemmer().stemWord(word.casefold()))


@lru_cache(maxsize=1)
def generic_stems() -> frozenset[str]:
    """Stems of the words every thank-you uses (interview, opportunity, team …)."""
    return frozenset(lemma(word) for word in GENERIC)


_PARTS = re.compile(r"[^\W\d_]{3,}")


@lru_cache(maxsize=4096)
def _stems(text: str) -> frozenset[str]:
    """Stems of the non-stop words of a text (cached: moments and names recur)."""
    out: set[str] = set()
    for part in _PARTS.findall(text):
        folded = part.casefold()
        if folded not in STOP:
            stem = lemma(folded)
            if stem not in STOP:
                out.add(stem)
    return frozenset(out)


def content_lemmas(text: str, exclude: frozenset[str] = frozenset()) -> set[str]:
    """Meaning-bearing lemmas of `text`: no stop words, numbers or excluded words."""
    return set(_stems(text) - exclude)


def _context_words(facts: Facts) -> frozenset[str]:
    ctx = facts.context
    words = " ".join(
        [ctx.role or "", ctx.company or "", *ctx.company_aliases]
        + [p.name or "" for p in ctx.people]
        + [ctx.candidate.name or ""]
    )
    return _with_generic(_stems(words))


@lru_cache(maxsize=1024)
def _with_generic(stems: frozenset[str]) -> frozenset[str]:
    return stems | generic_stems()


def moment_matches(moment: str, note_lemmas: set[str], exclude: frozenset[str]) -> bool:
    """Whether a note's lemmas touch a recorded moment (two key words, or its only one)."""
    wanted = content_lemmas(moment, exclude)
    if not wanted:
        return False
    return len(wanted & note_lemmas) >= min(2, len(wanted))


def _needs_person(facts: Facts) -> str | None:
    if facts.addressee is None:
        return "no addressee known (context 'recipient')"
    return None


def _check_personal(facts: Facts) -> Iterator[Hit]:
    person = facts.addressee
    assert person is not None
    exclude = _context_words(facts)
    lemmas = content_lemmas(facts.note.main_text, exclude)
    moments = [m for m in person.moments if m.strip()]
    name = person.name or "the interviewer"
    if moments:
        if any(moment_matches(m, lemmas, exclude) for m in moments):
            return
        listed = "; ".join(moments[:3])
        yield Hit(
            f"The note mentions none of the moments recorded with {name} ({listed}). Add a "
            "sentence or two about one of them.",
        )
        return
    if len(lemmas - generic_stems()) < 4:
        yield Hit(
            f"The note says nothing specific to your conversation with {name}. Recall one "
            "moment or topic from the interview.",
        )


def body_of(text: str) -> str:
    """The part of a note between its salutation and sign-off, folded for comparison."""
    note = parse_note(text)
    return " ".join(note.main_text.casefold().split())


def note_similarity(a: str, b: str) -> float:
    """0-100: how alike two notes read, comparing their bodies only."""
    return float(fuzz.ratio(body_of(a), body_of(b)))


def _needs_previous(facts: Facts) -> str | None:
    if not facts.context.previous_notes:
        return "no previous notes to compare with (context 'previous_notes')"
    return None


def _check_same_note(facts: Facts) -> Iterator[Hit]:
    person = facts.addressee
    own = {fold(v) for v in ((person.email, person.name) if person else ()) if v}
    mine = " ".join(facts.note.main_text.casefold().split())
    for previous in facts.context.previous_notes:
        if previous.recipient and fold(previous.recipient) in own:
            continue
        score = fuzz.ratio(mine, body_of(previous.text))
        if score >= facts.thresholds.similarity_percent:
            other = facts.context.find_person(previous.recipient)
            who = other.name if other and other.name else previous.recipient or "someone else"
            yield Hit(
                f"This note is {score:.0f}% the same as the one to {who}. Panelists compare "
                "notes: write each one from your conversation with that person.",
            )
            return


_PLACEHOLDER = re.compile(
    r"\[[^\[\]\n]{1,40}\]|\{\{?[^{}\n]{1,40}\}?\}|<<?[A-Za-z_][^<>\n]{0,38}>?>|%[A-Z_]{2,30}%"
    r"|\$\{?[A-Za-z_]{2,30}\}?(?![\d.,])|\b[Xx]{3,}\b|\bINSERT(?:[ _][A-Z]{2,})*\b|\bTBD\b|\bTK\b"
    r"|\bTODO\b|\bFIXME\b|_{3,}|\bYOUR[ _](?:NAME|COMPANY)\b|\bFIRST[ _]NAME\b"
)
_FIELD_HINTS = (
    ("name", "name"), ("interviewer", "name"), ("company", "company"),
    ("employer", "company"), ("organi", "company"), ("role", "role"), ("position", "role"),
    ("title", "role"), ("job", "role"),
)


def _fill(token: str, facts: Facts) -> str | None:
    lowered = token.lower()
    for hint, field_name in _FIELD_HINTS:
        if hint in lowered:
            if field_name == "name" and facts.addressee is not None:
                return greeting_for(facts.addressee) or None
            if field_name == "company":
                return facts.context.company
            if field_name == "role":
                return facts.context.role
    return None


_PLACEHOLDER_HINT = re.compile(r"[\[{<%$_]|[Xx]{3}|INSERT|TBD|TK|TODO|FIXME|YOUR|FIRST")


def _check_placeholders(facts: Facts) -> Iterator[Hit]:
    body = facts.note.body
    if not _PLACEHOLDER_HINT.search(body) and not (
        facts.subject and _PLACEHOLDER_HINT.search(facts.subject)
    ):
        return
    for match in _PLACEHOLDER.finditer(body):
        token = match.group()
        fill = _fill(token, facts)
        yield Hit(
            f"Template placeholder '{token}' is still in the note. Replace it"
            + (f" with '{fill}'." if fill else " with the real detail."),
            start=match.start(), end=match.end(), suggestions=(fill,) if fill else (),
        )
    if facts.subject:
        for match in _PLACEHOLDER.finditer(facts.subject):
            yield Hit(f"Template placeholder '{match.group()}' is still in the subject line.")


RULES = (
    Rule(
        code="AW201",
        name="not-personalized",
        severity=Severity.WARNING,
        summary="Touch on a moment from your conversation with this interviewer.",
        rationale=(
            "A thank-you note is not one-size-fits-all. The ones that work recall the moments "
            "when the interviewer was most engaged; a sentence or two about them is enough. "
            "Record those moments per interviewer and the checker looks for them by meaning, "
            "not exact words."
        ),
        check=_check_personal,
        needs=_needs_person,
        kinds=frozenset({"thank_you", "check_in"}),
    ),
    Rule(
        code="AW202",
        name="same-note-to-several",
        severity=Severity.WARNING,
        summary="Each interviewer gets a different note.",
        rationale=(
            "Interviewers on a panel often compare notes. The same text with only the name "
            "changed tells each of them they got a form letter."
        ),
        check=_check_same_note,
        needs=_needs_previous,
    ),
    Rule(
        code="AW203",
        name="placeholder-left",
        severity=Severity.ERROR,
        summary="No template placeholders left in.",
        rationale=(
            "A template's blank ('[Name]', '{company}', 'XXX', 'TBD') that survives into the "
            "sent note is the clearest sign of a form letter."
        ),
        check=_check_placeholders,
    ),
)
