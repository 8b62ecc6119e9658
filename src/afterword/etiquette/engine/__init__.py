"""The rule engine: registry (the records), catalogue (every rule), checker, fixes.

Import the submodules directly; this package imports nothing so that a rule module can
import :mod:`afterword.etiquette.engine.registry` without loading the catalogue.
"""
