"""Quotes and attribution: who said what, to whom, through which outlet.

Modules: ``marks`` (quotation-mark passages, character level), ``lexicon`` (cue verbs, channel
nouns and outlets from ``data/quotes``), ``cues`` (attribution frames from the parse),
``extract`` (matching passages with frames, speakers through the actors' entities) and
``component`` (the spaCy component registered as ``communique_quotes``).
"""

from communique.quotes.extract import extract_quotes

__all__ = ["extract_quotes"]
