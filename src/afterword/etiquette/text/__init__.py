"""Text analysers the rules share: the note's parts (``note``), person names (``names``),
word stems and moments (``lemmas``) and where a name stands (``phrases``)."""
