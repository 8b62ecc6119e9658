"""Real-word rules, second part: whose, complement, principal, pique, hear, from, ...

Private to :mod:`afterword.etiquette.confusions`; :mod:`._realword_rules` appends these to
the contraction rules.
"""

from __future__ import annotations

import re

from afterword.etiquette.confusions.vocab import (
    _CLAUSE_END,
    _GOING,
    _LOOKING,
    _after,
    _alt,
    _before,
    _Rule,
    _words,
)

_CONFUSABLE_RULES: tuple[_Rule, ...] = (
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
