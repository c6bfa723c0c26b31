"""The spaCy component behind ``communique_quotes``: runs the extractor, stores plain dicts."""

from __future__ import annotations

import logging

from spacy.tokens import Doc

from communique.quotes.extract import extract_quotes
from communique.quotes.lexicon import lexicon

_LOG = logging.getLogger(__name__)


class QuoteExtractor:
    """Fill ``doc._.communique_quotes`` with the article's attributed statements."""

    def __init__(self) -> None:
        lexicon()  # load the data files when the pipeline is built, not on the first document

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.communique_quotes = extract_quotes(doc)
        except Exception:
            # A parse the rules did not foresee must not stop a batch of thousands of
            # articles: this article gets no quotes and the error is logged with its id.
            structure = doc._.communique_structure or {}
            _LOG.exception("quote extraction failed for article %s", structure.get("article_id"))
            doc._.communique_quotes = []
        return doc
