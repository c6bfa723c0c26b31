"""Exports of the merged corpus: PLOVER JSONL, GDELT 2.0 TSV, CSV and Parquet.

This module is the entry point (``communique export`` and the Python API use it); the
event formats live in ``export_plover`` and ``export_gdelt``, what they read from the
store in ``export_events``, and every exported field is mapped to its source in
``docs/exports.md``.

All writers stream: records are produced one at a time from a database cursor and
written immediately (Parquet in row groups of ``PARQUET_BATCH`` rows), so memory stays
constant whatever the corpus size.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from communique.errors import UsageError
from communique.store.explore import write_csv as write_records
from communique.store.export_gdelt import (
    GDELT_EVENT_COLUMNS,
    GDELT_MENTION_COLUMNS,
    PAIRS_PER_EVENT,
    gdelt_event_id,
    gdelt_mention_rows,
    gdelt_rows,
    mentions_path,
    party_pairs,
    write_gdelt,
)
from communique.store.export_plover import (
    PLOVER_ENTITY_FIELDS,
    PLOVER_EXTENSIONS,
    PLOVER_FIELDS,
    PLOVER_LOCATION_FIELDS,
    plover_records,
    write_plover,
)
from communique.store.reader import EVENT_COLUMNS, QUOTE_COLUMNS, Corpus, Record

__all__ = [
    "FORMATS", "GDELT_EVENT_COLUMNS", "GDELT_MENTION_COLUMNS", "PAIRS_PER_EVENT",
    "PARQUET_BATCH", "PLOVER_ENTITY_FIELDS", "PLOVER_EXTENSIONS", "PLOVER_FIELDS",
    "PLOVER_LOCATION_FIELDS", "gdelt_event_id", "gdelt_mention_rows", "gdelt_rows",
    "mentions_path", "party_pairs", "plover_records", "table_records", "write_csv",
    "write_gdelt", "write_parquet", "write_plover",
]

FORMATS = ("plover", "gdelt", "csv", "parquet")
PARQUET_BATCH = 10_000


# -- CSV and Parquet -------------------------------------------------------------------

def table_records(corpus: Corpus, table: str) -> tuple[tuple[str, ...], Iterator[Record]]:
    """Columns and records of the ``events`` or ``quotes`` table export."""
    if table == "events":
        return EVENT_COLUMNS, corpus.events()
    if table == "quotes":
        return QUOTE_COLUMNS, corpus.quotes()
    raise UsageError(f"--table must be events or quotes, not {table!r}")


def write_csv(corpus: Corpus, out: IO[str], table: str = "events") -> int:
    """CSV with a header row."""
    columns, records = table_records(corpus, table)
    return write_records(records, columns, out)


_INT_COLUMNS = {"quad", "num_mentions", "num_articles", "num_sources"}
_FLOAT_COLUMNS = {"goldstein", "confidence"}
_BOOL_COLUMNS = {"negated"}


def write_parquet(corpus: Corpus, out: Path, table: str = "events") -> int:
    """Parquet via pyarrow (``pip install communique[parquet]``), written in row groups."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError("Parquet export needs pyarrow: pip install 'communique[parquet]'") \
            from None
    columns, records = table_records(corpus, table)

    def kind(name: str) -> Any:
        if name in _INT_COLUMNS:
            return pa.int64()
        if name in _FLOAT_COLUMNS:
            return pa.float64()
        if name in _BOOL_COLUMNS:
            return pa.bool_()
        return pa.string()

    schema = pa.schema([(c, kind(c)) for c in columns])
    count = 0
    with pq.ParquetWriter(str(out), schema) as writer:
        batch: list[Record] = []
        for record in records:
            batch.append(record)
            if len(batch) >= PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count
