"""The Phoenix-dictionary people, compiled once and read on demand.

``phoenix_people.tsv`` lists 18,000 people with dated codes; reading and validating it took
half a second of every process's start (``communique extract`` on one article, every worker,
every test that starts the CLI), though an article asks for a few dozen names. The reader in
:mod:`communique.actors.kb` still validates every row, but only when the compiled table is
built (:mod:`communique.datacache`: once per change of the file or of the tables it is
checked against); afterwards a lookup is one indexed query, memoised per process. Lists
keep the file's order and a person listed under several keys is one object, so answers and
identity comparisons are those of the dictionaries this replaces.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from pathlib import Path

from communique import datacache
from communique.actors.kb import DatedCode, DictPerson

# Bump when the table layout or the way the indexes are built changes.
VERSION = "phoenix-people-1"
KINDS = ("people", "surnames", "titled")


def _codes_text(person: DictPerson) -> str:
    return "|".join(f"{c.code}@{c.start or ''}/{c.end or ''}" for c in person.codes)


def _codes(text: str) -> tuple[DatedCode, ...]:
    out = []
    for cell in text.split("|") if text else ():
        code, _, span = cell.partition("@")
        start, _, end = span.partition("/")
        out.append(DatedCode(code, start or None, end or None))
    return tuple(out)


class PeopleStore:
    """The compiled people table of one knowledge-base folder, opened lazily per process."""

    def __init__(self, sources: list[Path], folder: Path) -> None:
        self._folder = folder
        self._table = datacache.ProcessTable("phoenix-people", sources, VERSION, self._build)
        self._persons: dict[int, DictPerson] = {}
        self._memo: dict[tuple[str, str], list[DictPerson]] = {}

    def _build(self, connection: sqlite3.Connection) -> None:
        from communique.actors.kb import phoenix_indexes

        indexes = phoenix_indexes(self._folder)
        ids: dict[int, int] = {}
        persons: list[tuple[int, str, str, str]] = []
        entries: list[tuple[str, str, int, int]] = []
        for kind, index in zip(KINDS, indexes, strict=True):
            for key, people in index.items():
                for position, person in enumerate(people):
                    number = ids.get(id(person))
                    if number is None:
                        number = ids[id(person)] = len(ids)
                        persons.append((number, person.name, person.source,
                                        _codes_text(person)))
                    entries.append((kind, key, position, number))
        connection.execute("CREATE TABLE persons (id INTEGER PRIMARY KEY, name TEXT, "
                           "source TEXT, codes TEXT)")
        connection.execute("CREATE TABLE entries (kind TEXT, key TEXT, position INTEGER, "
                           "person INTEGER)")
        connection.executemany("INSERT INTO persons VALUES (?, ?, ?, ?)", persons)
        connection.executemany("INSERT INTO entries VALUES (?, ?, ?, ?)", entries)
        connection.execute("CREATE INDEX entries_key ON entries (kind, key)")

    def connection(self) -> sqlite3.Connection:
        """This process's connection to the compiled table (built when missing or stale)."""
        return self._table.connection()

    def lookup(self, kind: str, key: str) -> list[DictPerson]:
        """The people listed under ``key`` in index ``kind``, in the file's order."""
        memo = self._memo.get((kind, key))
        if memo is not None:
            return memo
        rows = self.connection().execute(
            "SELECT p.id, p.name, p.source, p.codes FROM entries e JOIN persons p "
            "ON p.id = e.person WHERE e.kind = ? AND e.key = ? ORDER BY e.position",
            (kind, key)).fetchall()
        people = []
        for number, name, source, codes in rows:
            person = self._persons.get(number)
            if person is None:
                person = self._persons[number] = DictPerson(name, _codes(codes), source)
            people.append(person)
        if len(self._memo) < 100_000:
            self._memo[(kind, key)] = people
        return people

    def keys(self, kind: str) -> list[str]:
        """Every key of index ``kind``."""
        return [row[0] for row in self.connection().execute(
            "SELECT DISTINCT key FROM entries WHERE kind = ? ORDER BY key", (kind,))]


class PeopleIndex(Mapping[str, list[DictPerson]]):
    """One index of the compiled table (full names, surnames, titled surnames) as a
    read-only mapping; a key not listed is absent."""

    def __init__(self, store: PeopleStore, kind: str) -> None:
        self._store = store
        self._kind = kind

    def __getitem__(self, key: str) -> list[DictPerson]:
        people = self._store.lookup(self._kind, key)
        if not people:
            raise KeyError(key)
        return people

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and bool(self._store.lookup(self._kind, key))

    def __iter__(self) -> Iterator[str]:
        return iter(self._store.keys(self._kind))

    def __len__(self) -> int:
        return len(self._store.keys(self._kind))
