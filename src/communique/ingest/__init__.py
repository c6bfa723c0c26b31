"""Ingestion: read inputs of every common news format and turn them into articles."""

from communique.ingest.readers import RawDocument, read_inputs, read_path, read_text

__all__ = ["RawDocument", "read_inputs", "read_path", "read_text"]
