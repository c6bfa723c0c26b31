"""Compiled data tables: rebuilt when a source changes, never read when damaged."""

from __future__ import annotations

import sqlite3
from pathlib import Path

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


@pytest.fixture()
def setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, _Builder]:
    monkeypatch.setenv("COMMUNIQUE_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "words.txt"
    source.write_text("alpha beta", encoding="utf-8")
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
        setup: tuple[Path, _Builder], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source, build = setup
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("COMMUNIQUE_CACHE_DIR", str(blocker / "cache"))
    assert _words(datacache.open_table("words", [source], "v1", build)) == ["alpha", "beta"]


def test_a_process_table_opens_once_and_a_copy_reopens(setup: tuple[Path, _Builder]) -> None:
    import pickle

    source, build = setup
    table = datacache.ProcessTable("words", [source], "v1", build)
    assert table.connection() is table.connection()
    copy = pickle.loads(pickle.dumps(table))
    assert _words(copy.connection()) == ["alpha", "beta"]
    assert copy.connection() is not table.connection() and build.builds == 1
