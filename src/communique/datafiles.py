"""One way to read the tables and word lists communique ships (and the ones users bring).

Every shipped table under ``communique/data/`` follows one format: UTF-8, tab-separated,
lines starting with ``#`` are comments, blank lines are skipped, the first other line is
the header, and a list inside a cell is separated by ``|``. A word list has one entry per
line with the same comments. This module reads both, and JSON, in one place:

- a malformed file raises :class:`~communique.errors.DataFileError` naming the file and
  line ("countries.tsv:17: expected 5 tab-separated columns, found 4"), so an error in
  shipped data fails at load time, never silently;
- what was read is cached per file (path, size and modification time), so loaders may call
  it freely and a file edited during a long session is read again.

Example: ``for row in read_table(data_path("kb", "countries.tsv"), columns=COLUMNS):
row["iso3"], row.list("capitals"), row.where``.
"""

from __future__ import annotations

import csv
import functools
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from communique.errors import DataFileError

DATA_DIR = Path(__file__).resolve().parent / "data"


def data_path(*parts: str) -> Path:
    """A file shipped under ``communique/data`` (``data_path("kb", "countries.tsv")``)."""
    return DATA_DIR.joinpath(*parts)


@dataclass(frozen=True)
class Row:
    """One data row of a table: its cells by header name, and where it was read."""

    file: str
    line: int
    header: tuple[str, ...]
    cells: tuple[str, ...]

    @property
    def where(self) -> str:
        """``file:line``, for error messages about this row."""
        return f"{self.file}:{self.line}"

    def __getitem__(self, column: str) -> str:
        try:
            return self.cells[self.header.index(column)]
        except ValueError:
            raise KeyError(f"{self.file} has no column {column!r}") from None

    def list(self, column: str) -> list[str]:
        """The ``|``-separated parts of a cell, stripped, empty parts left out."""
        return [part.strip() for part in self[column].split("|") if part.strip()]


@dataclass(frozen=True)
class _Stamp:
    path: Path
    size: int
    mtime_ns: int


def _stamp(path: Path) -> _Stamp:
    try:
        info = path.stat()
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    return _Stamp(path.resolve(), info.st_size, info.st_mtime_ns)


def _data_lines(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line number, tab-separated cells) of every line that is neither blank nor a comment."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            for number, cells in enumerate(reader, start=1):
                if not cells or cells[0].startswith("#") or not "".join(cells).strip():
                    continue
                yield number, cells
    except UnicodeDecodeError as exc:
        raise DataFileError(f"{path.name}: not UTF-8 ({exc.reason} at byte {exc.start})") \
            from exc
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read ({exc.strerror or exc})") from exc


@functools.lru_cache(maxsize=256)
def _table(stamp: _Stamp, columns: tuple[str, ...] | None) -> tuple[Row, ...]:
    path = stamp.path
    lines = _data_lines(path)
    first = next(lines, None)
    if first is None:
        raise DataFileError(f"{path.name}: no header line")
    number, header_cells = first
    header = tuple(cell.strip() for cell in header_cells)
    if columns is not None and header != columns:
        raise DataFileError(f"{path.name}:{number}: header is {'|'.join(header)!r}, expected "
                            f"{'|'.join(columns)!r}")
    rows: list[Row] = []
    for number, cells in lines:
        if len(cells) != len(header):
            raise DataFileError(f"{path.name}:{number}: expected {len(header)} tab-separated "
                                f"columns, found {len(cells)}")
        stripped = tuple(cell.strip() for cell in cells)
        if not stripped[0]:
            raise DataFileError(f"{path.name}:{number}: empty first column")
        rows.append(Row(path.name, number, header, stripped))
    return tuple(rows)


def read_table(path: Path, columns: Sequence[str] | None = None) -> tuple[Row, ...]:
    """The data rows of a tab-separated table with a header line.

    ``columns``, when given, is the header the file must have, in order. Every row must
    have as many cells as the header and a non-empty first cell; cells are stripped.
    """
    return _table(_stamp(path), tuple(columns) if columns is not None else None)


@functools.lru_cache(maxsize=256)
def _entries(stamp: _Stamp) -> tuple[tuple[int, str], ...]:
    found: list[tuple[int, str]] = []
    for number, cells in _data_lines(stamp.path):
        if len(cells) != 1:
            raise DataFileError(f"{stamp.path.name}:{number}: one entry per line expected, "
                                f"found {len(cells)} tab-separated cells")
        found.append((number, cells[0].strip()))
    return tuple(found)


def read_entries(path: Path) -> tuple[tuple[int, str], ...]:
    """(line number, entry) of a word list: one entry per line, ``#`` comments skipped."""
    return _entries(_stamp(path))


@functools.lru_cache(maxsize=64)
def _json(stamp: _Stamp) -> Any:
    path = stamp.path
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise DataFileError(f"{path.name}: not UTF-8 ({exc.reason} at byte {exc.start})") \
            from exc
    except json.JSONDecodeError as exc:
        raise DataFileError(f"{path.name}:{exc.lineno}: {exc.msg} (column {exc.colno})") \
            from exc


def read_json(path: Path) -> Any:
    """A JSON file's value (shared: callers must not modify it)."""
    return _json(_stamp(path))
