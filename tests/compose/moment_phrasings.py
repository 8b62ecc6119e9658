"""Moments as people type them into the record: one per line, no tidying beforehand.

Noun phrases, gerunds, questions, whole sentences, verb-first and pronoun-bearing
fragments, with the capitals, list markers and stray punctuation that come with typing.
"""

from __future__ import annotations

PHRASINGS: tuple[str, ...] = (
    # noun phrases
    "the Friday demo sessions", "dbt migration", "the roadmap for next year",
    "roadmap for next year", "The tenant clinic on Thursday evenings", "the new reading room",
    "the grocery chain case", "their approach to code review", "the hiring plan for the spring",
    "the quarterly planning offsite", "the mentoring programme for new graduates",
    "Kubernetes upgrades", "data quality at scale", "the budget for 2027",
    "the unfair-dismissal appeal she argued last spring", "work-life balance on the team",
    "the on-call rotation", "the move to a four-day week", "the night shift handover",
    "the sepsis drill results", "the claims pipeline rewrite",
    # pronoun-bearing fragments
    "her team's Friday demos", "his team's work on accessibility", "her research on sepsis drills",
    "his story about the warehouse move", "her advice to read judgments aloud when drafting",
    "his rule of writing the summary before the slides", "their plan to open a second clinic",
    "her question about cleaning claims data with inconsistent provider IDs",
    "his question about on-call", "her point about writing tests first",
    "their focus on patient safety", "her own path from nursing into education",
    "his comment about the legacy billing system", "her thoughts on remote onboarding",
    # gerunds
    "migrating to dbt", "Redesigning the onboarding flow", "moving the sales dashboards to dbt",
    "training volunteers for the literacy program", "cleaning claims data",
    "hiring two more analysts next quarter", "building the design system from scratch",
    "running the pilot with three branches",
    # wh-phrases
    "how she runs retrospectives", "How he keeps the backlog small",
    "why they moved away from microservices", "what she learned from the pilot study",
    "how the night shift hands over patients", "where the team wants to be in a year",
    "which cases trainees see first",
    # questions as typed
    "How do they handle on-call?", "What does success look like in six months?",
    "Is remote work possible?", "Does the team use dbt?", "How is the team structured?",
    "What did she learn from the pilot?", "Can the role be remote?", "Who does he report to?",
    "What is the biggest challenge for the team?", "Is there a mentoring scheme?",
    "how do trainees rotate between seats?", "Do they sponsor visas?",
    "What would the first ninety days look like?", "Are the sessions recorded?",
    # whole sentences and clauses
    "She showed me the roadmap.", "she asked me about my thesis",
    "We discussed the budget for 2027.", "they're hiring two more analysts",
    "the team is growing fast", "He mentioned the team ships every Friday.",
    "We laughed about the printer that never works.", "I asked about her move from consulting",
    "They are opening a second office in Leeds.", "she walked me through the case file",
    "talked about hiring plans", "showed me the new data catalog",
    "asked me about my thesis", "explained how the review board works",
    "We talked about the literacy program", "He's moving the team to a new platform",
    # typing noise
    "- the Friday demo sessions", "• her team's Friday demos", "re: the budget",
    "about the budget for next year", "  the   new reading room  ", "Q3 planning!!",
    "the 2026 strategy refresh...", "\"the pilot study\"",
)
