"""Ingestion: read inputs of every common news format and turn them into articles."""

from communique.ingest.readers import read_inputs, read_path, read_text
from communique.ingest.types import RawDocument

__all__ = ["RawDocument", "read_inputs", "read_path", "read_text"]
