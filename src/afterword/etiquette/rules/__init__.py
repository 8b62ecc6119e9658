"""The rules, one module per concept; each exposes ``RULES`` (see the catalogue)."""
