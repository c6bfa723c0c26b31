"""The spaCy pipeline and communique's registered components."""

from communique.nlp.pipeline import load_pipeline, resolve_model_name

__all__ = ["load_pipeline", "resolve_model_name"]
