"""Corpus store: an embedded SQLite database of articles, entities, quotes and events.

Modules: ``schema`` (tables, versioning, migrations, safe opening), ``writer`` (one
transaction per article), ``ingest_run`` (resumable pipeline run into a database),
``corpus_step`` (corpus-level merging of syndicated articles, events and quotes),
``reader`` (Python API and queries), ``filters`` (the filters of events, quotes and
actors), ``explore`` (filtered rows, totals, sort orders and facets), ``exports`` (PLOVER,
GDELT, CSV, Parquet; the event formats in ``export_plover`` and ``export_gdelt``, what
they read in ``export_events``), ``identity`` (stable actor identity ids), ``similarity``
(near-duplicate sketches). The schema is documented in docs/database.md, the exported
fields in docs/exports.md.
"""

from __future__ import annotations

from communique.store.reader import Corpus, open_corpus
from communique.store.schema import SCHEMA_VERSION, connect

__all__ = ["SCHEMA_VERSION", "Corpus", "connect", "open_corpus"]
