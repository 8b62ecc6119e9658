"""The one policy: every number afterword's rules, drafter, planner and advice go by.

`Thresholds` is read from `[thresholds]` in `afterword.toml` (or
`AFTERWORD_THRESHOLDS__<NAME>`) as `Settings.thresholds`, and passed as it is to the checker
(`etiquette/`), the drafter (`compose.Options.thresholds`), the planner
(`plan.PlanSettings.of`) and the advice (`plan.advise`). No number here is defined anywhere
else; the defaults are those of docs/follow-up-policy.md.
"""

from __future__ import annotations

from datetime import time
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = ["DEFAULT", "Thresholds"]



class Thresholds(BaseModel):
    """Every policy number, with its default."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # --- the note (checker and drafter alike)
    email_words_warning: int = Field(180, ge=20)
    email_words_suggestion: int = Field(150, ge=20)
    card_words_warning: int = Field(110, ge=20)
    max_paragraphs: int = Field(4, ge=1)
    self_qualification_run: int = Field(3, ge=1)
    similarity_percent: float = Field(80.0, gt=0, le=100)
    first_person_ratio: float = Field(3.0, gt=0)
    i_sentence_share: float = Field(0.5, gt=0, le=1)
    subject_max_chars: int = Field(70, ge=40, le=998)
    name_similarity: float = Field(75.0, gt=0, le=100)
    company_similarity: float = Field(85.0, gt=0, le=100)
    # the drafter writes an email of at least this many words (and never over the
    # suggestion), a card of at most `draft_card_words` (and never over the card limit)
    draft_email_words_min: int = Field(75, ge=10)  # career advice: 75–180 words
    draft_card_words: int = Field(90, ge=20)
    # a panel of at least this many may get one note to the coordinator (a setting)
    panel_single_note_min: int = Field(8, ge=2)

    # --- the thank-you window
    thank_you_min_minutes: int = Field(60, ge=0, le=24 * 60)
    thank_you_due_hours: int = Field(24, ge=1, le=24 * 14)
    thank_you_ceiling_hours: int = Field(48, ge=1, le=24 * 14)

    # --- email, card or both
    mailed_min_days: int = Field(7, ge=0, le=365)  # a card needs the decision this far off
    card_post_business_days: int = Field(1, ge=0, le=30)  # post it by this business day
    card_latest_business_days: int = Field(2, ge=0, le=30)  # or at the latest by this one

    # --- follow-ups
    check_in_gaps_days: tuple[int, ...] = Field((14, 21, 28), min_length=1, max_length=52)
    business_days_without_date: int = Field(7, ge=1, le=260)
    gentle_limit: int = Field(4, ge=0, le=100)  # unanswered check-ins before asking; 0 never
    send_time: time = time(9, 30)  # local wall-clock time a planned message is due
    business_start: time = time(9, 0)
    business_end: time = time(17, 0)
    morning_minutes: int = Field(60, ge=1, le=12 * 60)  # the best moment: a business morning

    # --- Today
    past_due_days: int = Field(7, ge=1, le=365)  # an overdue step older than this is "past due"

    # --- recording
    interview_minutes: int = Field(60, ge=1, le=24 * 60)  # an interview with no end time

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        """Numbers that only make sense together."""
        if any(gap < 1 or gap > 3650 for gap in self.check_in_gaps_days):
            raise ValueError("check_in_gaps_days: each gap is 1 to 3650 days")
        if self.email_words_suggestion > self.email_words_warning:
            raise ValueError("email_words_suggestion must not exceed email_words_warning")
        if self.thank_you_due_hours > self.thank_you_ceiling_hours:
            raise ValueError("thank_you_due_hours must not exceed thank_you_ceiling_hours")
        if self.thank_you_min_minutes >= self.thank_you_due_hours * 60:
            raise ValueError("thank_you_min_minutes must be less than thank_you_due_hours")
        if self.card_post_business_days > self.card_latest_business_days:
            raise ValueError("card_post_business_days must not exceed "
                             "card_latest_business_days")
        times = (self.send_time, self.business_start, self.business_end)
        if any(t.tzinfo is not None for t in times):
            raise ValueError("send_time and business hours are local times without a zone")
        if not self.business_start <= self.send_time < self.business_end:
            raise ValueError("send_time must fall within business hours")
        return self

    @property
    def draft_email_words(self) -> tuple[int, int]:
        """The word range the drafter aims an email at (never past the suggestion)."""
        high = self.email_words_suggestion
        return min(self.draft_email_words_min, high), high

    @property
    def draft_card_max(self) -> int:
        """The most words the drafter puts on a card (never past the card limit)."""
        return min(self.draft_card_words, self.card_words_warning)


DEFAULT = Thresholds()
