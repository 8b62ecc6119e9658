"""Real-word errors that a spelling checker cannot see (your/you're, it's/its, ...).

A thank-you note with "If your open to it" or "Thank you for you time" reads as careless
to exactly the reader it is meant to impress, and every word in it is spelled correctly,
so the speller passes it. Harper (our proofreader) catches part of this class: its
ThenThan, ModalOf, AnA, NounVerbConfusion (affect/effect), ToLoseTooLoose ("to loose"),
OpenCompounds ("alot"), SpellCheck (apostrophe-less "dont", "didnt", "youre", ...) and a
few narrower rules fire reliably. The confusions it misses in short formal notes are
listed in the rules below; :data:`HARPER_COVERS` names what was left to Harper.

Precision comes before recall: a false alarm on a correct sentence costs the writer's
trust more than a missed slip costs the note. So, apart from "whats" and "loosing" (not
words in modern English, yet unflagged by Harper), no rule fires on a word alone. Each
needs the confusable word *and* context on one or both sides that only the wrong reading fits:
"your" becomes "you're" only after a clause opener ("If your open to it") and only when
the adjective is not followed by a noun ("your open roles" passes). Every rule's correct
form is a must-pass case in the tests.

The module is pure (standard library :mod:`re`, no I/O); patterns are compiled once at
import. One scan finds the candidate words; only those are examined further.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["HARPER_COVERS", "RealWordError", "find_real_word_errors"]

#: Error families Harper 0.2.0 (American, plaintext) already flags with the right fix in
#: our measurements, so there is no rule for them here. Left as documentation for the
#: code that merges Harper's lints with ours.
HARPER_COVERS: frozenset[str] = frozenset(
    {
        "then/than",  # ThenThan: "more then", "rather then", "other then", "later then"...
        "affect/effect",  # NounVerbConfusion
        "could of/should of/would of",  # ModalOf (also might of, must of)
        "a/an",  # AnA
        "alot",  # OpenCompounds
        "to loose",  # ToLoseTooLoose; other "loose" verbs are ours
        "missing apostrophe: dont/didnt/isnt/wasnt/Im/Ive/youre/theyre/cant",  # SpellCheck, Cant
        "there -> their before a noun",  # ThereToTheir
        "their -> there before is",  # TheirToThere
        "its -> it's before a/been/not",  # ItsContraction
        "you're -> your after 'for'",  # PronounContraction ("for you're time")
        "to -> too before much/late/few",  # ToTwoToo (partly: not "to long", "to bad")
        "peaked/peeked my interest",  # PiqueInterest (not "peaks", not "curiosity")
        "principle -> principal before role/goal",  # PrincipleToPrincipalRoleNoun
    }
)


@dataclass(frozen=True)
class RealWordError:
    """One real-word error: ``text[start:end]`` should be replaced by ``suggestion``."""

    start: int  # character offset into text
    end: int
    message: str  # says what is wrong and what to do
    suggestion: str  # replacement for text[start:end], with the original capitalisation


# --------------------------------------------------------------------------- helpers


def _alt(words: Iterable[str]) -> str:
    """A non-capturing alternation; longest first, spaces match any whitespace run."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_APOS = "['’]"
# What may follow an adjective when it is a predicate ("you're free to", "you're free.")
# rather than a modifier ("your free trial"). Coordinators are deliberately absent:
# "your open and honest feedback" is correct.
# A comma ends the clause only before a word that starts one: "If your free, let me know"
# is wrong, "your open, honest feedback" is not.
_CLAUSE_END = (
    r"\s*(?:[.;:!?)…—–]|$|,\s*" + _alt(_words(
        "i i'd i'll i'm i've we we'd we'll let let's please just so then feel no that it "
        "it's there thank thanks as if when which though you you'll maybe perhaps"
    )).replace("'", _APOS) + r"(?![\w'’-]))"
)
_PRED_FOLLOW = (
    r"(?!-)(?=" + _CLAUSE_END + r"|\s+" + _alt(_words(
        "to in with about for that on at from of this next now today tomorrow tonight "
        "again too here there when if because since until after before as enough yet "
        "though while either anymore right"
    )) + r"(?![\w'’-]))"
)

# Predicate adjectives and participles typical of "you are" in a thank-you note.
_PRED = _alt(_words(
    "open interested invited able ready free available busy sure glad happy aware excited "
    "based located supposed allowed expected swamped done finished correct new"
)) + r"|(?:so|very|too|really|always|incredibly|extremely)\s+(?:kind|generous|thoughtful)"
_ADV = _alt(_words(
    "not so very really too also still always all just quite truly probably definitely "
    "clearly absolutely completely totally certainly likely both now currently already"
))
# Gerunds: "I know your going to" is wrong, but "the tour and your coming" is a correct
# possessive gerund, so these take the strict openers.
_ING = r"(?:coming|leaving|traveling|travelling)" + _PRED_FOLLOW
_DOING = r"doing\s+" + _alt(_words("well great fine okay ok good alright better amazing wonderful"))
_GOING = r"going\s+" + _alt(_words("to through with on back out for"))
_LOOKING = r"looking\s+" + _alt(_words("for forward at into to"))
_WORKING = r"working\s+" + _alt(_words("on with at from remotely hard"))
# "you're not" / "they're not" + predicate: "your not" is followed by an adjective or a
# participle, never by a noun it could modify. A gerund after "not" may be a possessive
# ("Your not knowing was fine"), so "-ing" forms only count after a clause opener.
_NOT_ADJ = r"not\s+(?:" + _ADV + r"\s+)?(?:" + _PRED + r"|\w+ed)(?![\w'’-])"
_NOT_ING = r"not\s+(?!being\b)\w+ing(?![\w'’-])"

# Words after which a clause (and so a subject "you're"/"they're") begins.
_OPENERS = _words(
    "if when whenever while since because as that hope know think trust glad and but so "
    "though although unless until once whether believe assume guess understand sure bet "
    "where how why wherever now cause realize realise hear heard see"
)
# The same minus coordinators, for adjectives that are also nouns ("your welcome",
# "your right"): "I enjoyed the tour and your welcome." is correct.
_OPENERS_STRICT = _OPENERS - _words("and but so as or")

_COPULA = _words(
    "is was were are be been being am seem seems seemed feel feels felt not it's that's "
    "i'm you're they're we're he's she's isn't wasn't aren't weren't way"
)
# Prepositions that cannot be followed by a subject "you're"/"they're".
_PREP_STRICT = _words("of with into at from by through during toward towards")

_YOU_NOUNS = _words(
    "time consideration feedback insight insights advice guidance patience hospitality "
    "kindness generosity thoughtfulness attention willingness candor candour perspective "
    "team note input encouragement recommendation openness warmth transparency "
    "convenience email message reply response help support interest offer trust"
)
_YOU_NOUNS_STRICT = _YOU_NOUNS - _words("help support interest offer trust")


@dataclass(frozen=True)
class _Rule:
    """A confusable word (the trigger) and what must surround it for it to be wrong."""

    triggers: tuple[str, ...]  # lowercase, straight apostrophe
    fix: str | Mapping[str, str]  # replacement, or per-trigger replacements
    note: str  # short gloss shown in the message
    after: re.Pattern[str] | None = None  # must match right after the trigger
    prev: frozenset[str] | None = None  # allowed previous word (lowercase)
    clause_start: bool = False  # also allowed at the start of a sentence or clause
    not_prev: frozenset[str] = frozenset()  # forbidden previous word
    before: re.Pattern[str] | None = None  # must match the text just before the trigger


def _after(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _before(pattern: str) -> re.Pattern[str]:
    return re.compile(r"(?:" + pattern + r")\s+$", re.IGNORECASE)


_RULES: tuple[_Rule, ...] = (
    # ---- your -> you're -------------------------------------------------------------
    _Rule(
        ("your",), "you're", "you are",
        after=_after(r"\s+(?:" + _ADV + r"\s+){0,2}(?:" + _PRED + ")" + _PRED_FOLLOW),
        prev=_OPENERS, clause_start=True,
    ),
    _Rule(
        ("your",), "you're", "you are",
        after=_after(
            r"\s+(?:" + _ADV + r"\s+){0,2}(?:" + _ING + "|" + _DOING + "|" + _GOING + "|"
            + _LOOKING + "|" + _WORKING + r")(?![\w'’-])"
        ),
        prev=_OPENERS_STRICT, clause_start=True,
    ),
    _Rule(
        ("your",), "you're", "you are",
        after=_after(r"\s+(?:" + _NOT_ADJ + r"|not\s+(?:a|an|the)\s)"),
        prev=_OPENERS, clause_start=True,
    ),
    _Rule(("your",), "you're", "you are", after=_after(r"\s+" + _NOT_ING), prev=_OPENERS_STRICT),
    _Rule(
        ("your",), "you're", "you are",
        after=_after(r"\s+(?:" + _ADV + r"\s+)?well" + r"(?=" + _CLAUSE_END + ")"),
        prev=_OPENERS, clause_start=True,
    ),
    _Rule(  # "your welcome to call", but not "your welcome to the team"
        ("your",), "you're", "you are",
        after=_after(
            r"\s+(?:very\s+|more\s+than\s+|always\s+|most\s+)?welcome\s+to\s+"
            r"(?!(?:the|our|my|your|a|an|this|their|his|her|its)\b)[a-z]"
        ),
        prev=_OPENERS, clause_start=True,
    ),
    _Rule(  # "Your welcome." / "your right about that" (both nouns too: strict openers)
        ("your",), "you're", "you are",
        after=_after(
            r"\s+(?:(?:welcome|(?:absolutely\s+|so\s+|quite\s+)?right)(?=" + _CLAUSE_END
            + r")|(?:absolutely\s+|so\s+|quite\s+)?right\s+(?:about|that)\b)"
        ),
        prev=_OPENERS_STRICT, clause_start=True,
    ),
    _Rule(  # "If your a fit", "your the best": "your" never precedes an article
        ("your",), "you're", "you are",
        after=re.compile(r"\s+(?:a|an|the)\s+[A-Za-z]"),
    ),
    _Rule(("your",), "you", "thank you", after=_after(r"\s+(?:for|so|very|again)\b"),
          prev=_words("thank")),
    # ---- their/there -> they're -------------------------------------------------------
    _Rule(
        ("their", "there"), "they're", "they are",
        after=_after(
            r"\s+(?:(?:" + _ADV + r"\s+){0,2}(?:" + _PRED + ")" + _PRED_FOLLOW + "|"
            + _NOT_ADJ + ")"
        ),
        prev=_OPENERS, clause_start=True,
    ),
    _Rule(("their", "there"), "they're", "they are", after=_after(r"\s+" + _NOT_ING),
          prev=_OPENERS_STRICT),
    _Rule(
        ("their", "there"), "they're", "they are",
        after=_after(
            r"\s+(?:" + _ADV + r"\s+){0,2}(?:" + _ING + "|" + _DOING + "|" + _GOING + "|"
            + _LOOKING + "|" + _WORKING + r")(?![\w'’-])"
        ),
        prev=_OPENERS_STRICT, clause_start=True,
    ),
    # ---- you're / they're -> your / their ---------------------------------------------
    _Rule(("you're",), "your", "possessive", after=_after(r"\s+[a-z]"), prev=_PREP_STRICT),
    _Rule(
        ("you're",), "your", "possessive",
        after=_after(r"\s+(?:[a-z]+\s+)?" + _alt(_YOU_NOUNS_STRICT) + r"\b(?!-)"),
        prev=_words("to in on for meet meeting met enjoyed appreciated appreciate"),
    ),
    _Rule(("they're",), "their", "possessive", after=_after(r"\s+[a-z]"), prev=_PREP_STRICT),
    # ---- you -> your -------------------------------------------------------------------
    _Rule(
        ("you",), "your", "possessive",
        after=_after(r"\s+" + _alt(_YOU_NOUNS) + r"\b(?!-)"), prev=_words("for"),
    ),
    _Rule(
        ("you",), "your", "possessive",
        after=_after(r"\s+" + _alt(_YOU_NOUNS_STRICT) + r"\b(?!-)"),
        prev=_words("appreciate appreciated appreciating sharing value valued"),
    ),
    # ---- it's/its -------------------------------------------------------------------------
    _Rule(("it's",), "its", "possessive, no apostrophe", after=_after(r"\s+own\b")),
    _Rule(
        ("it's",), "its", "possessive, no apostrophe",
        after=_after(r"\s+" + _alt(_words(
            "mission culture values vision team teams employees staff customers clients "
            "users products product services goals leadership commitment approach history "
            "community members founders success impact focus platform roadmap strategy "
            "reputation dedication emphasis"
        )) + r"\b(?!-)"),
        prev=_words("of with about in into on for from by through at to and toward towards"),
    ),
    _Rule(
        ("its",), "it's", "it is",
        after=_after(
            r"\s+(?:(?:so|really|very|quite|always|truly|been|not)\s+)?" + _alt(_words(
                "great good nice clear exciting wonderful important hard rare true easy "
                "obvious fine okay ok possible likely unlikely amazing refreshing "
                "encouraging inspiring helpful fun lovely impressive difficult evident "
                "apparent humbling exciting"
            )) + r"(?!-)(?=\s+(?:to|that)\b|" + _CLAUSE_END + ")"
        ),
    ),
    _Rule(("its",), "it's", "it is", after=_after(r"\s+worth\b"), before=_before(r"\bwhat")),
    _Rule(("its",), "it's", "it is", after=_after(r"\s+worth\s+(?:noting|mentioning|it)\b")),
    # ---- to -> too ----------------------------------------------------------------------
    _Rule(
        ("to",), "too", "too = excessively",
        after=_after(
            r"\s+(?:long(?!\s+for\b)|" + _alt(_words(
                "bad early late busy soon big small hard difficult easy kind generous good "
                "quick tired nervous few high expensive complex complicated vague broad "
                "formal informal eager excited heavy strict"
            )) + r")(?!-)(?=" + _CLAUSE_END + r"|\s+" + _alt(_words(
                "to for a an that with in at on now though yet anyway either already so "
                "because"
            )) + r"\b)"
        ),
        prev=_COPULA,
    ),
    _Rule(
        ("to",), "too", "too = excessively",
        after=_after(
            r"\s+bad(?=" + _CLAUSE_END + r"|\s+(?:we|i|you|it|that|this|about|for|they)\b)"
        ),
        clause_start=True,
    ),
    _Rule(
        ("to",), "too", "too = also", after=_after(r"(?=\s*[.!]|\s*$)"),
        prev=_words("you it that this"),
        before=_before(
            r"\b(?:(?:meet|meeting|met|see|seeing|speak|speaking|talk|talking|chat|chatting)"
            r"(?:\s+with)?\s+you|thank\s+you|(?:enjoyed|loved|liked|appreciated)\s+"
            r"(?:it|that|this))"
        ),
    ),
    # ---- loose -> lose --------------------------------------------------------------------
    _Rule(
        ("loose",), "lose", "lose = fail to keep", after=_after(r"(?!-|\s+ends?\b)"),
        prev=_words(
            "will would could can might may must should shall don't didn't doesn't won't "
            "can't couldn't wouldn't shouldn't cannot i'll we'll you'll"
        ),
    ),
    _Rule(("loose",), "lose", "lose = fail to keep",
          before=_before(r"\b(?:do|does|did|will|would|could|should|can|might|must)\s+not")),
    _Rule(("loosing",), "losing", "lose = fail to keep"),
    # ---- missing apostrophes Harper does not flag (or fixes wrongly) ---------------------
    _Rule(
        ("id",), "I'd", "I would",
        after=re.compile(r"(?<=[Ii]d)\s+" + _alt(_words(
            "like love be appreciate welcome enjoy also have prefer rather never been gladly "
            "happily really certainly definitely still greatly truly very so personally just "
            "imagine say add need want hoped hope"
        )) + r"\b"),
        prev=_words("and but so then also that if think guess hope said honestly really because"),
        clause_start=True,
    ),
    _Rule(
        ("ill",), "I'll", "I will",
        after=_after(r"\s+" + _alt(_words(
            "follow be send reach keep get make have look let call email check do see try "
            "continue wait plan contact take need share forward circle gladly also definitely "
            "certainly happily provide update bring write connect talk put schedule review "
            "prepare work"
        )) + r"\b"),
        prev=_words("and but so then also hope think guess promise now today otherwise that if"),
        clause_start=True,
    ),
    _Rule(("whats",), "what's", "what is"),
    _Rule(
        ("lets",), "let's", "let us",
        after=_after(r"\s+" + _alt(_words(
            "talk meet connect chat keep stay schedule plan discuss find see set catch touch "
            "continue follow get make hop work start try aim circle reconnect speak"
        )) + r"\b"),
        prev=_words("so and then maybe perhaps please but now hopefully"), clause_start=True,
    ),
    _Rule(("wont",), "won't", "will not",
          prev=_words("i you we they he she it this that which who there things")),
    _Rule(
        ("wont",), "won't", "will not",
        after=_after(r"\s+" + _alt(_words(
            "be have hesitate forget let need take disappoint regret miss stop happen last "
            "mind say do keep make get go work"
        )) + r"\b"),
        not_prev=_words("his her their my your our its as"),
    ),
    # ---- who's/whose ---------------------------------------------------------------------
    _Rule(
        ("who's",), "whose", "whose = of whom",
        after=_after(
            r"\s+" + _alt(_words(
                "team teams work role research insights advice leadership feedback guidance "
                "perspective name company department group experience expertise office "
                "project projects book talk article mentorship background idea ideas input "
                "responsibility vision approach story career passion enthusiasm"
            )) + r"\b(?!-)(?!\s+" + _alt(_words(
                "lead leader manager member captain player model building club"
            )) + r"\b)"
        ),
    ),
    _Rule(
        ("whose",), "who's", "who is",
        after=_after(
            r"\s+(?:(?:been|a|an|the|not)\s(?!\s*being\b)|in\s+charge\b|" + _GOING + "|" + _LOOKING
            + r"|leading\s+(?:the|this|our|my|your|a|an)|working\s+(?:on|with|at|for|in)"
            r"|hiring\s+(?:for|now)|joining\s+(?:us|the|our|today|tomorrow)"
            r"|(?:available|responsible|interested|happy|able|ready|free)(?=" + _CLAUSE_END
            + r"|\s+(?:for|to|in|with|about|now|this|next|today)\b))"
        ),
    ),
    # ---- compliment/complement ------------------------------------------------------------
    _Rule(
        ("compliment", "compliments", "complimented", "complimenting"),
        {"compliment": "complement", "compliments": "complements",
         "complimented": "complemented", "complimenting": "complementing"},
        "complement = complete, go well with",
        before=_before(
            r"\b(?:skills?|experience|background|expertise|strengths|abilities|knowledge|"
            r"skillset|talents|qualifications|perspective|profile)"
            r"(?:\s+(?:would|will|could|can|should|might|may|nicely|perfectly|really|well|"
            r"directly|also|truly|strongly|naturally|greatly)){0,2}"
        ),
    ),
    _Rule(
        ("compliment", "compliments", "complimented", "complimenting"),
        {"compliment": "complement", "compliments": "complements",
         "complimented": "complemented", "complimenting": "complementing"},
        "complement = complete, go well with",
        after=_after(r"\s+(?:each\s+other|one\s+another|the|your|our|my|their|this|these|"
                     r"those|what|existing)\b"),
        prev=_words("nicely perfectly naturally directly"),
    ),
    _Rule(
        ("complement", "complements"),
        {"complement": "compliment", "complements": "compliments"},
        "compliment = praise",
        before=_before(
            r"\b(?:kind|generous|lovely|thoughtful|warm|sincere|sweet|flattering)"
            r"|\b(?:thank\s+you|thanks)(?:\s+so\s+much)?\s+for\s+the"
            r"|\b(?:pay|paid|paying|pays)(?:\s+(?:me|you|us|him|her|them))?\s+(?:a|the)"
            r"(?:\s+(?:high|great|real))?"
        ),
        after=_after(r"(?!\s+(?:of|to)\b)"),
    ),
    # ---- principal/principle --------------------------------------------------------------
    _Rule(
        ("principle",), "principal", "principal = lead, senior",
        after=_after(
            r"\s+(?:" + _alt(_words(
                "software data product program research security design ux ui cloud "
                "platform solutions systems staff hardware mechanical electrical test qa "
                "frontend backend front-end back-end"
            )) + r"\s+)?" + _alt(_words(
                "engineer designer scientist architect consultant investigator researcher "
                "analyst developer manager position title partner owner dancer accountant "
                "associate"
            )) + r"\b(?!-)"
        ),
    ),
    _Rule(
        ("principals",), "principles", "principles = rules, beliefs",
        prev=_words(
            "core guiding fundamental basic ethical moral leadership agile lean first "
            "underlying"
        ),
    ),
    _Rule(
        ("principals",), "principles", "principles = rules, beliefs",
        after=re.compile(
            r"\s+(?i:of)\s+(?!(?i:the|your|our|their|a|an|this|that|my|his|her|its)\b)[a-z]"
        ),
    ),
    _Rule(
        ("principal",), "principle", "in principle = in general",
        after=_after(r"(?!\s+and\s+interest)(?=" + _CLAUSE_END
                     + r"|\s+(?:I|we|it|this|that|yes|everything)\b)"),
        prev=_words("in"),
    ),
    _Rule(("principal",), "principle", "a matter of principle",
          before=_before(r"\bmatter\s+of")),
    # ---- peak/peek -> pique -----------------------------------------------------------
    _Rule(
        ("peak", "peaks", "peaked", "peaking", "peek", "peeks", "peeked", "peeking"),
        {"peak": "pique", "peaks": "piques", "peaked": "piqued", "peaking": "piquing",
         "peek": "pique", "peeks": "piques", "peeked": "piqued", "peeking": "piquing"},
        "pique = arouse",
        after=_after(r"\s+(?:my|your|our|his|her|their|the|everyone['’]s)\s+"
                     r"(?:interest|curiosity)\b"),
    ),
    # ---- here -> hear, form -> from --------------------------------------------------
    _Rule(("here", "hear"), "hearing", "'look forward to' takes the -ing form",
          before=_before(r"\bforward\s+to")),
    _Rule(
        ("here",), "hear", "hear = listen",
        after=_after(
            r"\s+(?:from\s+(?:you|your|the\s+team|them|him|her|us|anyone|someone)|back|about|"
            r"more|that|your|you|how|what|whether|good\s+news|updates?|"
            r"the\s+(?:news|results?|outcome|decision|update))\b"
        ),
        prev=_words("to can could will would i'll we'll couldn't can't"),
    ),
    _Rule(
        ("form",), "from", "from",
        after=_after(r"\s+(?:you|your|the|them|him|her|us|me|anyone|someone)\b"),
        prev=_words("hear hearing heard back"),
    ),
    # ---- are -> our, meat -> meet, except -> accept, weather -> whether, advise -> advice
    _Rule(
        ("are",), "our", "possessive",
        after=_after(
            r"\s+(?:(?:great|recent|brief|wonderful|productive|insightful|lovely|engaging|"
            r"thoughtful|interesting|long|first|second|final)\s+)?" + _alt(_words(
                "conversation conversations discussion discussions chat meeting meetings "
                "interview interviews call talk talks time exchange session visit lunch coffee"
            )) + r"\b"
        ),
        prev=_words(
            "enjoyed enjoy appreciated appreciate during after in from since about for of on "
            "through throughout loved valued"
        ),
    ),
    _Rule(
        ("meat",), "meet", "meet = get together",
        after=_after(r"\s+(?:you|with|your|everyone|again|me|us|him|her|them|up)\b"),
        prev=_words("to could can would will should finally also i'll we'll i'd we'd"),
    ),
    _Rule(
        ("except",), "accept", "accept = agree to, receive",
        after=_after(
            r"\s+(?:(?:the|your|my|this|our|an|a|his|her|their|these)\s+)?"
            r"(?:(?:kind|generous|formal|job|sincere|heartfelt|deepest|warm|warmest)\s+)?"
            r"(?:offer|invitation|position|role|apology|apologies|thanks|gratitude|proposal|"
            r"terms|job|opportunity|feedback|decision)\b"
        ),
        prev=_words(
            "to i we please gladly happily will would formally officially kindly graciously "
            "i'd we'd i'll we'll"
        ),
    ),
    _Rule(("weather",), "whether", "whether = if", after=_after(r"\s+or\s+not\b")),
    _Rule(
        ("weather",), "whether", "whether = if",
        after=_after(r"\s+(?:to|i|you|we|it|there|they|this|that)\b"),
        prev=_words(
            "wondering wonder wondered unsure decide deciding decided know ask asking asked "
            "sure doubt consider considering"
        ),
    ),
    _Rule(
        ("advise",), "advice", "advice is the noun; advise is the verb",
        after=_after(
            r"(?!\s+(?:me|you|him|her|them|us|that|against|whether|how|if|to)\b)"
        ),
        prev=_words(
            "your the my his her their our great good helpful valuable thoughtful practical "
            "candid career excellent wise sound generous kind honest useful expert "
            "professional insightful invaluable"
        ),
    ),
)


def _index(rules: tuple[_Rule, ...]) -> dict[str, tuple[_Rule, ...]]:
    index: dict[str, list[_Rule]] = {}
    for rule in rules:
        for trigger in rule.triggers:
            index.setdefault(trigger, []).append(rule)
    return {key: tuple(value) for key, value in index.items()}


_BY_TRIGGER = _index(_RULES)
# Start of a trigger word: not inside a URL, an address, a file name or a hyphenated word.
_NOT_AFTER = r"(?<![\w'’/@.%#-].)"
_NOT_BEFORE = r"(?![\w'’/@%-]|\.\w)"


def _trie(words: Iterable[str]) -> str:
    """A case-sensitive alternation factored into a trie. Python's ``re`` does not factor
    alternations itself, and a pattern whose branches start with plain literals lets it
    skip ahead to candidate characters: about four times faster than ``(?i)\\b(?:...)``.
    """
    root: dict[str, dict[str, Any]] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, Any], *, top: bool) -> str:
        branches = [
            ("['’]" if char == "'" else re.escape(char)) + (_NOT_AFTER if top else "")
            + emit(child, top=False)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        return "(?:" + "|".join(branches) + ")" + ("?" if "" in node else "")

    return emit(root, top=True)


# Matched against the lower-cased text (same offsets; checked), so it needs no IGNORECASE.
_TRIGGER = re.compile(_trie(_BY_TRIGGER) + _NOT_BEFORE)
# For the rare text whose lower-case form has another length ("İ" becomes two characters).
_TRIGGER_ANY_CASE = re.compile(
    _NOT_AFTER.replace(".)", ")") + _alt(_BY_TRIGGER).replace("'", _APOS) + _NOT_BEFORE,
    re.IGNORECASE,
)
_CLAUSE_PUNCT = frozenset(".!?\n\r:;,—–-(\"“”‘’'…")
_SPACE = frozenset(" \t\u00a0")


def _previous(text: str, pos: int) -> tuple[str, bool]:
    """The word before ``pos`` (lowercase, straight apostrophes) and whether ``pos``
    starts a sentence or clause (nothing, or only punctuation such as ``. , ;`` before it).
    """
    i = pos
    while i > 0 and text[i - 1] in _SPACE:
        i -= 1
    if i == 0:
        return "", True
    end = i
    while i > 0 and (text[i - 1].isalpha() or text[i - 1] in "'’"):
        i -= 1
    word = text[i:end].strip("'’")
    if word:
        return word.lower().replace("’", "'"), False
    return "", text[end - 1] in _CLAUSE_PUNCT


def _match_case(original: str, replacement: str, apostrophe: str) -> str:
    if apostrophe != "'":
        replacement = replacement.replace("'", apostrophe)
    if replacement.startswith(("I'", "I’")):
        return replacement.upper() if original.isupper() and len(original) > 1 else replacement
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def find_real_word_errors(text: str) -> list[RealWordError]:
    """Real-word errors (your/you're, then/than, ...) that a spelling checker cannot see.

    Returns at most one error per word, in text order. Families Harper already flags
    (see :data:`HARPER_COVERS`) are left to Harper.
    """
    errors: list[RealWordError] = []
    curly: bool | None = None
    lowered = text.lower()
    if len(lowered) == len(text):
        candidates = _TRIGGER.finditer(lowered)
    else:
        candidates = _TRIGGER_ANY_CASE.finditer(text)
    for found in candidates:
        start, end = found.span()
        wrong = text[start:end]
        key = wrong.lower().replace("’", "'")
        word, at_clause_start = _previous(text, start)
        for rule in _BY_TRIGGER[key]:
            # Cheapest test first: the previous word is a set lookup.
            if word in rule.not_prev:
                continue
            if (rule.prev is not None or rule.clause_start) and not (
                (rule.clause_start and at_clause_start)
                or (rule.prev is not None and word in rule.prev)
            ):
                continue
            if rule.after is not None and rule.after.match(text, end) is None:
                continue
            if rule.before is not None and (
                rule.before.search(text, max(0, start - 60), start) is None
            ):
                continue
            fix = rule.fix if isinstance(rule.fix, str) else rule.fix[key]
            if "’" in wrong:
                apostrophe = "’"
            else:
                if curly is None:
                    curly = "’" in text and "'" not in text
                apostrophe = "’" if curly else "'"
            suggestion = _match_case(wrong, fix, apostrophe)
            errors.append(
                RealWordError(
                    start=start,
                    end=end,
                    message=f"'{wrong}' should be '{suggestion}' ({rule.note}) here.",
                    suggestion=suggestion,
                )
            )
            break
    return errors
