"""Proofreading and the parts of a letter (AW501–AW505).

A typo in a thank-you undoes the care of the interview. Harper does the spelling and
grammar; this module keeps it from flagging the names the context knows, adds the
real-word errors it misses, and checks the sign-off and the subject line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from afterword.etiquette.names import HONORIFICS, fold
from afterword.etiquette.realword import find_real_word_errors
from afterword.etiquette.registry import Facts, Hit, ProofIssue, Rule
from afterword.report import Severity

_POSSESSIVE = re.compile(r"(?:['’]s|['’])$", re.I)
_GENERIC_SUBJECTS = frozenset({
    "hi", "hello", "hey", "hi there", "following up", "follow up", "follow-up", "checking in",
    "just checking in", "thank you", "thanks", "thank-you", "thank you note", "interview",
    "re", "fwd", "no subject", "update", "quick question", "note", "greetings",
    "touching base", "thank you for your time", "thanks again", "my interview", "application",
})


def known_words(facts: Facts) -> frozenset[str]:
    """Every word the context knows (names, company, role, moments), folded."""
    if "known_words" not in facts.memo:
        facts.memo["known_words"] = _known_words(facts)
    return facts.memo["known_words"]  # type: ignore[no-any-return]


def _known_words(facts: Facts) -> frozenset[str]:
    ctx = facts.context
    texts: list[str] = [
        ctx.company or "", ctx.role or "", ctx.industry or "", ctx.candidate.name or "",
        *ctx.company_aliases, *ctx.other_companies, *ctx.other_roles,
    ]
    for person in ctx.people:
        texts += [person.name or "", person.given_name or "", person.family_name or "",
                  person.title or "", person.mailing_address or "", *person.moments]
    return _vocabulary(tuple(texts))


@lru_cache(maxsize=1024)
def _vocabulary(texts: tuple[str, ...]) -> frozenset[str]:
    out: set[str] = set(HONORIFICS)
    for text in texts:
        for token in re.split(r"[^\w'’\-]+", text):
            token = _POSSESSIVE.sub("", token)
            if token:
                out.add(fold(token))
                out |= {fold(t) for t in re.split(r"[\-'’]", token) if t}
    return frozenset(out)


def is_known(word: str, known: frozenset[str]) -> bool:
    """Whether a flagged word is one the context knows, in any case or possessive form."""
    base = fold(_POSSESSIVE.sub("", word))
    parts = [p for p in re.split(r"[\s\-'’]+", base) if p]
    return base in known or (bool(parts) and all(p in known for p in parts))


def _is_known_name(text: str, known: frozenset[str]) -> bool:
    """A flagged stretch that is a capitalised name the context knows (not 'the the')."""
    return text[:1].isupper() and is_known(text, known)


def _as_recorded(facts: Facts, issue: ProofIssue) -> bool:
    """Flagged text written exactly as the context records it ('pro bono', 'roadmap'):
    Harper's style preferences about the writer's own record are not mistakes."""
    text = facts.note.body[issue.start : issue.end].strip()
    if len(text) < 4:
        return False
    ctx = facts.context
    records = [m for p in ctx.people for m in p.moments] + [
        ctx.company or "", ctx.role or "", *ctx.company_aliases]
    pattern = re.compile(r"(?<![\w'’])" + re.escape(text) + r"(?![\w'’])")
    return any(pattern.search(record) for record in records)


def spelling_issues(facts: Facts) -> list[ProofIssue]:
    """Harper's spelling findings minus the words the context knows and names by position."""
    known = known_words(facts)
    return [
        issue for issue in facts.proof or ()
        if issue.family == "spelling"
        and not is_known(facts.note.body[issue.start : issue.end], known)
        and not in_name_position(facts, issue)
    ]


_AFTER_HONORIFIC = re.compile(
    r"(?i)\b(?:" + "|".join(sorted(HONORIFICS, key=len, reverse=True)) + r")\.?\s+$"
)


def in_name_position(facts: Facts, issue: ProofIssue) -> bool:
    """Inside the greeting's name or the signature, or right after an honorific: a name,
    judged by the name rules (AW103/AW104), never by the dictionary."""
    note = facts.note
    for span in (note.greeting_name, note.signer):
        if span and span.start <= issue.start and issue.end <= span.end:
            return True
    before = note.body[max(0, issue.start - 12) : issue.start]
    capitalised = note.body[issue.start : issue.end][:1].isupper()
    return capitalised and bool(_AFTER_HONORIFIC.search(before))


def _needs_proof(facts: Facts) -> str | None:
    return None if facts.proof is not None else "proofreading is off (Harper is not available)"


def _from_issues(issues: list[ProofIssue]) -> Iterator[Hit]:
    for issue in issues:
        yield Hit(issue.message, start=issue.start, end=issue.end, suggestions=issue.suggestions)


def _check_spelling(facts: Facts) -> Iterator[Hit]:
    yield from _from_issues(spelling_issues(facts))


_GERUNDS = {
    "meet": "meeting", "hear": "hearing", "work": "working", "speak": "speaking",
    "talk": "talking", "see": "seeing", "join": "joining", "learn": "learning",
    "discuss": "discussing", "receive": "receiving", "get": "getting", "start": "starting",
    "continue": "continuing", "connect": "connecting", "contribute": "contributing",
}
_FORWARD_TO = re.compile(
    r"(?i)\blook(?:s|ed|ing)?\s+forward\s+to\s+(" + "|".join(_GERUNDS) + r")\b"
)


def _forward_to(text: str) -> Iterator[Hit]:
    """'look forward to hear' -> 'hearing': the 'to' here is a preposition."""
    for match in _FORWARD_TO.finditer(text):
        verb = match.group(1)
        gerund = _GERUNDS[verb.lower()]
        yield Hit(f"After 'look forward to', use '{gerund}', not '{verb}'.",
                  start=match.start(1), end=match.end(1), suggestions=(gerund,))


def _check_grammar(facts: Facts) -> Iterator[Hit]:
    known = known_words(facts)
    issues = [
        i for i in facts.proof or ()
        if i.family == "grammar" and not _is_known_name(facts.note.body[i.start:i.end], known)
        and not _as_recorded(facts, i)
    ]
    yield from _from_issues(issues)
    taken = [(i.start, i.end) for i in issues]
    for hit in _forward_to(facts.note.body):
        taken.append((hit.start or 0, hit.end or 0))
        yield hit
    for error in find_real_word_errors(facts.note.body):
        if not any(s < error.end and error.start < e for s, e in taken):
            yield Hit(error.message, start=error.start, end=error.end,
                      suggestions=(error.suggestion,))


_OWN_PUNCT = (
    (re.compile(r"(?<=\w) +(?=[,;:.!?](?:\s|$))"), "Remove the space before the punctuation.", ""),
    (re.compile(r"(?<=[a-z]),(?=[A-Za-z])"), "Add a space after the comma.", ", "),
    (re.compile(r"(?<=\S)  +(?=\S)"), "Use a single space between words.", " "),
)


def _check_punctuation(facts: Facts) -> Iterator[Hit]:
    known = known_words(facts)
    issues = [
        i for i in facts.proof or ()
        if i.family == "punctuation"
        and not _is_known_name(facts.note.body[i.start:i.end], known)
        and not in_name_position(facts, i) and not _as_recorded(facts, i)
    ]
    yield from _from_issues(issues)
    taken = [(i.start, i.end) for i in issues]
    body, lo, hi = facts.note.body, facts.note.main.start, facts.note.main.end
    for pattern, message, fix in _OWN_PUNCT:
        for match in pattern.finditer(body, lo, hi):
            if not any(s <= match.end() and match.start() <= e for s, e in taken):
                yield Hit(message, start=match.start(), end=match.end(), suggestions=(fix,))


def _check_signoff(facts: Facts) -> Iterator[Hit]:
    note = facts.note
    name = facts.context.candidate.name
    closing = f"Best regards,\n{name}" if name else "Best regards,\n<your name>"
    if note.signoff is None:
        yield Hit(
            "The note has no closing line and name. End with, e.g., '"
            + closing.replace("\n", " / ") + "'.",
            suggestions=(closing,) if name else (),
        )
    elif note.signer is None:
        yield Hit(
            f"'{note.closing}' is not followed by your name. Sign the note.",
            start=note.signoff.start, end=note.signoff.end,
            suggestions=(f"{note.closing},\n{name}",) if name else (),
        )


def _needs_subject(facts: Facts) -> str | None:
    if facts.note.is_message or facts.context.subject is not None:
        return None
    return "no subject known (plain-text note without context 'subject')"


def _check_subject(facts: Facts) -> Iterator[Hit]:
    subject = (facts.subject or "").strip()
    ctx = facts.context
    better = f"Thank you: {ctx.role} interview" if ctx.role else "Thank you for today's interview"
    if ctx.kind == "check_in" and ctx.role:
        better = f"{ctx.role} application: a short update"
    if ctx.kind == "request_email" and ctx.addressee is not None:
        person = next(iter(ctx.interviewers), None)
        better = f"Request for {person.name}'s email address" if person and person.name else better
    if not subject:
        yield Hit(f"The email has no subject. Try '{better}'.", suggestions=(better,))
        return
    simple = re.sub(r"[^\w\s'-]", "", subject).strip().casefold()
    simple = re.sub(r"^(?:re|fwd?)\s+", "", simple)
    if simple in _GENERIC_SUBJECTS:
        yield Hit(f"The subject '{subject}' could be about anything. Try '{better}'.",
                  suggestions=(better,))
    elif len(subject) > facts.thresholds.subject_max_chars:
        yield Hit(
            f"The subject is {len(subject)} characters; keep it under "
            f"{facts.thresholds.subject_max_chars} so it is not cut off.",
            suggestions=(better,),
        )


RULES = (
    Rule(
        code="AW501", name="spelling", severity=Severity.ERROR,
        summary="No misspelled words.",
        rationale=(
            "Careless spelling undercuts the care you showed in the interview. Names and terms "
            "the interview record knows are never flagged; a near miss of a name is AW104."
        ),
        check=_check_spelling, needs=_needs_proof, proofreading=True,
    ),
    Rule(
        code="AW502", name="grammar", severity=Severity.WARNING,
        summary="Grammar and word choice (your/you're, their/there, repeated words, a/an).",
        rationale=(
            "Real-word mistakes slip past a spell checker and past a tired writer; have them "
            "caught before the interviewer does."
        ),
        check=_check_grammar, proofreading=True,
    ),
    Rule(
        code="AW503", name="punctuation", severity=Severity.SUGGESTION,
        summary="Punctuation, spacing and capitalisation.",
        rationale="Small slips in spacing and punctuation are cheap to fix and noticed.",
        check=_check_punctuation, proofreading=True,
    ),
    Rule(
        code="AW504", name="missing-sign-off", severity=Severity.WARNING,
        summary="End with a closing line and your name.",
        rationale=(
            "A note that stops without a closing and a name looks unfinished, or like part of "
            "it was lost when pasting."
        ),
        check=_check_signoff,
    ),
    Rule(
        code="AW505", name="subject-line", severity=Severity.WARNING,
        summary="A specific subject line under about 70 characters.",
        rationale=(
            "'Hi' or 'Following up' tells a busy reader nothing and may be skipped; a long "
            "subject is cut off. Name the role or the conversation."
        ),
        check=_check_subject, needs=_needs_subject, media=frozenset({"email"}),
    ),
)
