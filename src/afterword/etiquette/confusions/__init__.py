"""Real-word confusions a spelling checker cannot see (your/you're, its/it's, …).

See :mod:`afterword.etiquette.confusions.finder` for the approach; the word lists are in
``vocab``, the confusion pairs in ``pairs`` and ``confusables``."""

from afterword.etiquette.confusions.finder import (
    HARPER_COVERS,
    RealWordError,
    find_real_word_errors,
)

__all__ = ["HARPER_COVERS", "RealWordError", "find_real_word_errors"]
