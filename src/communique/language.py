"""Language identification, so that non-English articles are kept but not parsed.

py3langid reads the first 2,000 characters of each cleaned body: on English news and on
German, French, Spanish, Japanese, Korean, Czech, Turkish ... outlets that gives the same
answer as reading more, at a fraction of the cost.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

# Languages the NLP stages support. Others are read, cleaned and reported as skipped.
SUPPORTED_LANGUAGES = frozenset({"en"})
# Characters identified: see the module docstring.
_SAMPLE_CHARS = 2000
# Below this many letters the identifier is unreliable; such texts are assumed English.
_MIN_LETTERS = 40
# Up to this many letters, names dominate a news lead and the identifier's top guess is
# often wrong ("President Biden met Chancellor Scholz in Berlin." comes out German with
# probability 0.11; "Putin and Erdogan met in Sochi ..." Nigerian Pidgin): such a text is
# English unless the identifier is confident of another language. Measured on AllSides
# leads cut to 50, 100 and 200 characters and on the non-English Fundus pages cut alike.
_SHORT_LETTERS = 200
_SHORT_CONFIDENCE = 0.6
# English-lexified creoles the identifier confuses with English on short texts.
_ENGLISH_LIKE = frozenset({"en", "pcm"})


# Bump when the arrays taken from the model, or their layout, change.
_MODEL_CACHE_VERSION = "langid-arrays-1"


def _model_arrays(path: Path) -> dict[str, Any]:
    """The arrays of py3langid's model file, as its own reader returns them."""
    import numpy
    from py3langid.modelio import load_model

    ptc, pc, classes, nextmove, row, output = load_model(path)
    return {"ptc": numpy.asarray(ptc), "pc": numpy.asarray(pc), "classes": numpy.array(classes),
            "nextmove": numpy.asarray(nextmove), "row": numpy.asarray(row),
            "output": numpy.asarray(output, dtype=numpy.int32)}


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """py3langid's identifier on its shipped model, read from a compiled copy.

    The model ships LZMA-compressed; unpacking it took about half a second of every
    process's start. The unpacked arrays are cached (:func:`communique.datacache.open_arrays`,
    keyed by the model file's hash and py3langid's version) and mapped, not copied: the
    identifier gets the same numbers, so the same answers.
    """
    import py3langid
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    from communique import datacache

    path = MODEL_DIR / MODEL_FILE
    version = f"{_MODEL_CACHE_VERSION}-py3langid-{getattr(py3langid, '__version__', '?')}"
    arrays = datacache.open_arrays("langid", [path], version, lambda: _model_arrays(path))
    # The transition table is indexed one byte at a time in Python: a memory view gives
    # plain ints as fast as the ``array`` py3langid builds, without copying 40 MB. The
    # outputs are a list, as py3langid makes them (a view of them was slower).
    return LanguageIdentifier(arrays["ptc"], arrays["pc"], arrays["classes"].tolist(),
                              memoryview(arrays["nextmove"]), arrays["output"].tolist(),
                              norm_probs=True, tk_row=memoryview(arrays["row"]))


def detect_language(text: str) -> str:
    """Return the ISO 639-1 code of ``text``'s language ("en" for short texts the
    identifier cannot place with confidence).

    Used to decide which articles get NLP: the pipeline's models are English-only.
    """
    sample = text[:_SAMPLE_CHARS]
    letters = sum(ch.isalpha() for ch in sample)
    if letters < _MIN_LETTERS:
        return "en"
    lang, probability = _identifier().classify(sample)
    if letters <= _SHORT_LETTERS and (lang in _ENGLISH_LIKE
                                      or probability < _SHORT_CONFIDENCE):
        return "en"
    return str(lang)
