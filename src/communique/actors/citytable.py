"""The knowledge base's GeoNames cities, compiled once and read on demand.

``cities.tsv`` lists 30,000 city names; reading and checking it took a fifth of a second of
every process's start (``communique extract`` on one article, every worker), though a text
asks for the few names its parser tags as places. The reader in :mod:`communique.actors.kb`
still checks every row, but only when the compiled table is built
(:mod:`communique.datacache`: once per change of ``cities.tsv``, ``countries.tsv`` or the
code that reads them);
afterwards a lookup is one indexed query, memoised per process. The two mappings answer as
the dictionaries they replace: the first row of a name wins.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Mapping
from operator import itemgetter
from pathlib import Path
from typing import TypeVar

from communique import datacache

# Bump when the table layout changes in a way the hashes of this module and of
# ``actors/kb.py`` (part of the key) do not show.
VERSION = "kb-cities-1"

_V = TypeVar("_V")
City = tuple[tuple[str, ...], int]  # countries (most populous first), population


class CityStore:
    """The compiled cities table of one knowledge-base folder, opened lazily per process."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        # The code that reads the rows and makes their keys is part of the key too: an
        # edited reader or ``normalise`` rebuilds the table.
        from communique.actors import kb

        sources = [folder / "cities.tsv", folder / "countries.tsv", Path(kb.__file__),
                   Path(__file__)]
        self._table = datacache.ProcessTable("kb-cities", sources, VERSION, self._build)
        self._memo: dict[str, City | None] = {}
        self._size: int | None = None
        self.countries: Mapping[str, tuple[str, ...]] = _View(self, itemgetter(0))
        self.population: Mapping[str, int] = _View(self, itemgetter(1))

    def _build(self, connection: sqlite3.Connection) -> None:
        from communique.actors.kb import read_cities

        connection.execute("CREATE TABLE cities (key TEXT PRIMARY KEY, countries TEXT NOT NULL, "
                           "population INTEGER NOT NULL)")
        connection.executemany("INSERT INTO cities VALUES (?, ?, ?)", (
            (key, " ".join(countries), population)
            for key, (countries, population) in read_cities(self._folder).items()))

    def lookup(self, key: str) -> City | None:
        """The countries and population of the city named ``key`` (lookup form), if any."""
        if key in self._memo:
            return self._memo[key]
        row = self._table.connection().execute(
            "SELECT countries, population FROM cities WHERE key = ?", (key,)).fetchone()
        found = (tuple(row[0].split()), int(row[1])) if row is not None else None
        if len(self._memo) < 100_000:
            self._memo[key] = found
        return found

    def keys(self) -> list[str]:
        """Every city name (lookup form), sorted."""
        return [row[0] for row in self._table.connection().execute(
            "SELECT key FROM cities ORDER BY key")]

    def size(self) -> int:
        """The number of city names."""
        if self._size is None:
            self._size = int(self._table.connection().execute(
                "SELECT count(*) FROM cities").fetchone()[0])
        return self._size


class _View(Mapping[str, _V]):
    """One column of the cities table as a read-only mapping from city name."""

    def __init__(self, store: CityStore, column: Callable[[City], _V]) -> None:
        self._store = store
        self._column = column

    def __getitem__(self, key: str) -> _V:
        city = self._store.lookup(key)
        if city is None:
            raise KeyError(key)
        return self._column(city)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._store.lookup(key) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._store.keys())

    def __len__(self) -> int:
        return self._store.size()
