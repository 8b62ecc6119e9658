"""The rule table of :mod:`.realword`: each confusable word and the context it is wrong in.

Private to :mod:`afterword.etiquette.confusions`. Rules for one trigger are tried in table
order; the first that fits decides the suggestion.
"""

from __future__ import annotations

import re

from afterword.etiquette.confusions.confusables import _CONFUSABLE_RULES
from afterword.etiquette.confusions.vocab import (
    _ADV,
    _CLAUSE_END,
    _COPULA,
    _DOING,
    _GOING,
    _ING,
    _LOOKING,
    _NOT_ADJ,
    _NOT_ING,
    _OPENERS,
    _OPENERS_STRICT,
    _PRED,
    _PRED_FOLLOW,
    _PREP_STRICT,
    _WORKING,
    _YOU_NOUNS,
    _YOU_NOUNS_STRICT,
    _after,
    _alt,
    _before,
    _Rule,
    _words,
)

_CONTRACTION_RULES: tuple[_Rule, ...] = (
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
)

_RULES: tuple[_Rule, ...] = _CONTRACTION_RULES + _CONFUSABLE_RULES
