"""Paper: a thank-you card to copy by hand, its envelope and the posting checklist, as a PDF."""

from afterword.cards.pdf import CardError, CardJob, render_card_pdf

__all__ = ["CardError", "CardJob", "render_card_pdf"]
