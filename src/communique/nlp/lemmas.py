"""A lemma cache for spaCy's English rule lemmatizer (same lemmas, less work).

spaCy 3.8's ``Lemmatizer.rule_lemmatize`` caches its answer per (word, POS, morphology)
except on its most common path: a token already in base form (singular noun, infinitive,
positive adjective) is re-checked through ``Token.morph.to_dict()`` every time it occurs.
In news text that is most tokens, which makes the lemmatizer a visible share of the
pipeline's time. :class:`CachedEnglishLemmatizer` caches every answer, with a
bound so a long run's memory stays flat (spaCy's own cache has none). Lemmas are
identical: the uncached path still computes each answer the first time
(``tests/nlp/test_lemmas.py`` compares both on text with every inflection class).

The bare-spaCy baseline in the benchmarks keeps the stock lemmatizer; the README's
performance section reports what this cache is worth on its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from spacy.lang.en.lemmatizer import EnglishLemmatizer

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Token

# Entries kept before the cache starts again. A 5,000-article run of the AllSides sample
# repeated saw about 60,000 distinct (word, POS, morphology) keys; 200,000 lists of one
# or two short strings stay well under 100 MB.
CACHE_LIMIT = 200_000


class CachedEnglishLemmatizer(EnglishLemmatizer):
    """``EnglishLemmatizer`` whose rule mode caches base forms too (see the module doc)."""

    def rule_lemmatize(self, token: Token) -> list[str]:
        """The lemmas of ``token``, from the cache when its word, POS and morphology
        were seen before."""
        cache: dict[Any, list[str]] = self.cache
        key = (token.orth, token.pos, token.morph.key)  # type: ignore[attr-defined]
        found = cache.get(key)
        if found is None:
            found = super().rule_lemmatize(token)
            if len(cache) >= CACHE_LIMIT:
                cache.clear()
            cache[key] = found
        return found


def cache_lemmas(nlp: Language) -> bool:
    """Give ``nlp``'s English rule lemmatizer the full cache; True when it was applied.

    Only the stock ``EnglishLemmatizer`` in rule mode is changed (its class is swapped for
    the subclass above, so the pipeline still saves and pickles as before); any other
    lemmatizer, or none, is left alone.
    """
    if "lemmatizer" not in nlp.pipe_names:
        return False
    component = nlp.get_pipe("lemmatizer")
    if type(component) is not EnglishLemmatizer or getattr(component, "mode", None) != "rule":
        return False
    component.__class__ = CachedEnglishLemmatizer
    # spaCy binds ``lemmatize`` to the mode's method when the component is built.
    component.lemmatize = component.rule_lemmatize
    return True
