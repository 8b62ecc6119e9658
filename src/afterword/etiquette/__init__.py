"""The etiquette checker: the guidance as rules, run over a note and its interview.

- ``rules/``: one module per thing a note is checked for, named after it
  (``salutation``, ``name_spelling``, ``employer``, ``subject``, ``signoff`` …). Each
  module's ``RULES`` holds its :class:`~afterword.etiquette.engine.registry.Rule`
  records: code, name, severity, rationale, the check function and the examples it must
  flag and must pass.
- ``engine/``: the machinery: ``registry`` (Rule, Facts, Hit, Example), ``catalogue``
  (every rule, by code), ``checker`` (runs the rules: the pure core of ``afterword
  check``), ``fixes`` (applies the unambiguous fixes), ``examples`` (the sample interview
  the rules' examples edit).
- Text analysers, with no notion of rules: ``text`` (the note's parts, person names,
  word stems, phrase spans), ``timeexpr`` (the time-expression parser) and
  ``confusions`` (real-word confusions such as your/you're).
"""
