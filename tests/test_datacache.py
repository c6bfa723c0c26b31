"""Compiled data tables: rebuilt when a source changes, never read when damaged."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from communique import datacache


class _Builder:
    """Builds a one-table cache from a source file and counts its builds."""

    def __init__(self, source: Path) -> None:
        self.source = source
        self.builds = 0

    def __call__(self, connection: sqlite3.Connection) -> None:
        self.builds += 1
        connection.execute("CREATE TABLE words (word TEXT PRIMARY KEY)")
        words = self.source.read_text(encoding="utf-8").split()
        connection.executemany("INSERT INTO words VALUES (?)", ((w,) for w in words))


def _words(connection: sqlite3.Connection) -> list[str]:
    return [row[0] for row in connection.execute("SELECT word FROM words ORDER BY word")]


def _source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, text: str) -> Path:
    """A source file in ``tmp_path``, with the cache folder beside it."""
    monkeypatch.setenv("COMMUNIQUE_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    return source


@pytest.fixture()
def setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, _Builder]:
    source = _source(tmp_path, monkeypatch, "words.txt", "alpha beta")
    return source, _Builder(source)


def test_built_once_then_read_from_the_file(setup: tuple[Path, _Builder]) -> None:
    source, build = setup
    assert _words(datacache.open_table("words", [source], "v1", build)) == ["alpha", "beta"]
    assert _words(datacache.open_table("words", [source], "v1", build)) == ["alpha", "beta"]
    assert build.builds == 1
    assert len(list(datacache.cache_dir().glob("words-*.sqlite"))) == 1


def test_rebuilt_when_a_source_or_the_builder_changes(setup: tuple[Path, _Builder]) -> None:
    source, build = setup
    datacache.open_table("words", [source], "v1", build)
    source.write_text("alpha beta gamma", encoding="utf-8")
    assert _words(datacache.open_table("words", [source], "v1", build))[-1] == "gamma"
    datacache.open_table("words", [source], "v2", build)
    assert build.builds == 3


@pytest.mark.parametrize("damage", ["truncated", "garbage", "unfinished"])
def test_a_damaged_or_half_written_file_is_rebuilt_never_used(
        setup: tuple[Path, _Builder], damage: str) -> None:
    source, build = setup
    datacache.open_table("words", [source], "v1", build).close()
    path = next(datacache.cache_dir().glob("words-*.sqlite"))
    data = path.read_bytes()
    if damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        path.write_bytes(data[:100] + b"\xff" * (len(data) - 100))
    else:  # a build that stopped before its completion mark
        connection = sqlite3.connect(path)
        connection.execute("DELETE FROM meta WHERE key = 'complete'")
        connection.commit()
        connection.close()
    assert _words(datacache.open_table("words", [source], "v1", build)) == ["alpha", "beta"]
    assert build.builds == 2


def test_an_unwritable_cache_folder_builds_in_memory(
        setup: tuple[Path, _Builder], numbers: tuple[Path, _Arrays], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    source, build = setup
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("COMMUNIQUE_CACHE_DIR", str(blocker / "cache"))
    assert _words(datacache.open_table("words", [source], "v1", build)) == ["alpha", "beta"]
    numbers_source, numbers_build = numbers
    assert list(datacache.open_arrays("numbers", [numbers_source], "v1", numbers_build)
                ["numbers"]) == [3, 1, 4, 1, 5]


def test_a_process_table_opens_once_and_a_copy_reopens(setup: tuple[Path, _Builder]) -> None:
    import pickle

    source, build = setup
    table = datacache.ProcessTable("words", [source], "v1", build)
    assert table.connection() is table.connection()
    copy = pickle.loads(pickle.dumps(table))
    assert _words(copy.connection()) == ["alpha", "beta"]
    assert copy.connection() is not table.connection() and build.builds == 1


# -- arrays ---------------------------------------------------------------------------------


class _Arrays:
    """Builds arrays from a source file of numbers and counts its builds."""

    def __init__(self, source: Path) -> None:
        self.source = source
        self.builds = 0

    def __call__(self) -> dict[str, Any]:
        import numpy

        self.builds += 1
        numbers = [int(n) for n in self.source.read_text(encoding="utf-8").split()]
        return {"numbers": numpy.array(numbers, dtype=numpy.uint32),
                "square": numpy.arange(6, dtype=numpy.float16).reshape(2, 3) * len(numbers),
                "labels": numpy.array(["en", "fr", "pcm"])}


@pytest.fixture()
def numbers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, _Arrays]:
    source = _source(tmp_path, monkeypatch, "numbers.txt", "3 1 4 1 5")
    return source, _Arrays(source)


def _same(found: dict[str, Any], expected: dict[str, Any]) -> bool:
    return found.keys() == expected.keys() and all(
        found[k].dtype == expected[k].dtype and found[k].shape == expected[k].shape
        and (found[k] == expected[k]).all() for k in expected)


def test_arrays_built_once_then_mapped_from_the_file(numbers: tuple[Path, _Arrays]) -> None:
    source, build = numbers
    first = datacache.open_arrays("numbers", [source], "v1", build)
    again = datacache.open_arrays("numbers", [source], "v1", build)
    assert build.builds == 1 and _same(first, build()) and _same(again, first)
    assert not again["numbers"].flags.writeable  # a view of the mapped file
    assert list(again["numbers"]) == [3, 1, 4, 1, 5]
    assert len(list(datacache.cache_dir().glob("numbers-*.arrays"))) == 1


def test_arrays_rebuilt_when_a_source_or_the_builder_changes(
        numbers: tuple[Path, _Arrays]) -> None:
    source, build = numbers
    datacache.open_arrays("numbers", [source], "v1", build)
    source.write_text("2 7", encoding="utf-8")
    assert list(datacache.open_arrays("numbers", [source], "v1", build)["numbers"]) == [2, 7]
    datacache.open_arrays("numbers", [source], "v2", build)
    assert build.builds == 3


@pytest.mark.parametrize("damage", ["truncated", "empty", "data", "header", "foreign",
                                    "other-key"])
def test_damaged_arrays_are_rebuilt_never_used(numbers: tuple[Path, _Arrays],
                                               damage: str) -> None:
    source, build = numbers
    datacache.open_arrays("numbers", [source], "v1", build)
    path = next(datacache.cache_dir().glob("numbers-*.arrays"))
    data = bytearray(path.read_bytes())
    if damage == "truncated":
        data = data[: len(data) - 5]
    elif damage == "empty":
        data = bytearray()
    elif damage == "data":  # one flipped bit in the numbers: only the CRC-32 shows it
        data[-60] ^= 0x01
    elif damage == "header":
        data[20:40] = b"\xff" * 20
    elif damage == "foreign":
        data = bytearray(b"SQLite format 3\x00" + bytes(200))
    else:  # a complete file built for other sources
        data = data.replace(b'"fingerprint": "', b'"fingerprint": "0', 1)
    path.write_bytes(bytes(data))
    assert _same(datacache.open_arrays("numbers", [source], "v1", build), build())
    assert build.builds == 3  # the first build, the rebuild, and ``build()`` above
    assert datacache._read_arrays(path, datacache.fingerprint([source], "v1")) is not None


def test_files_for_older_sources_are_removed(setup: tuple[Path, _Builder],
                                             numbers: tuple[Path, _Arrays]) -> None:
    """An edited source gives a new file; a table keeps its newest files only (two
    checkouts sharing the folder do not rebuild in turn), other tables' files stay."""
    import os

    source, build = setup
    datacache.open_table("words-more", [source], "v1", build)
    numbers_source, numbers_build = numbers
    datacache.open_arrays("words", [numbers_source], "v1", numbers_build)
    made = []
    for number, text in enumerate(("alpha", "beta", "gamma", "delta", "omega"), start=1):
        source.write_text(text, encoding="utf-8")
        datacache.open_table("words", [source], "v1", build).close()
        made.append(datacache.cache_dir() / f"words-{datacache.fingerprint([source], 'v1')[:20]}"
                    ".sqlite")
        os.utime(made[-1], (number, number))  # build times a second apart
    assert [path.exists() for path in made] == [False, False, True, True, True]
    kept = sorted(p.name.rsplit("-", 1)[0] + p.suffix for p in datacache.cache_dir().iterdir())
    assert kept == ["words-more.sqlite", "words.arrays"] + ["words.sqlite"] * 3
    assert _words(datacache.open_table("words", [source], "v1", build)) == ["omega"]
    assert build.builds == 6  # nothing kept was built twice
