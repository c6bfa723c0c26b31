"""Compiled caches of data tables that are slow to build from their sources.

Some tables take about a second to build (GeoNames' cities with their alternate names), and
every ``communique`` process, worker and test that starts the CLI would pay it again. Such a
table is compiled once into a SQLite file in the user's cache folder and then opened in
milliseconds. The file is named by a hash of the table's sources (and of the code version
that builds it), so a changed source gets a new file. A file is used only when it carries
the expected hash and its completion mark; a half-written, foreign or corrupt file is
rebuilt, never read. A builder writes a private temporary file and moves it into place in
one step, so processes that build at the same time never see each other's half work.

Large numeric tables (the language identifier's model) are kept as one file of raw arrays
instead (:func:`open_arrays`), mapped into memory: nothing is parsed or copied when opened,
and worker processes share the pages. Its header carries the same hash and a CRC-32 of the
data, checked on every opening, so a damaged file is rebuilt, never read.

The folder is ``$COMMUNIQUE_CACHE_DIR``, else ``$XDG_CACHE_HOME/communique``, else
``~/.cache/communique``. When it cannot be written the table is built in memory, as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import mmap
import os
import re
import sqlite3
import struct
import tempfile
import zlib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

_COMPLETE = "complete"
_T = TypeVar("_T")
# Files kept per table: the current one and the newest for other sources.
_KEEP = 3


def cache_dir() -> Path:
    """The folder compiled tables are kept in (see module doc)."""
    explicit = os.environ.get("COMMUNIQUE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "communique"


def fingerprint(sources: Iterable[Path], version: str) -> str:
    """Hash of the builder's version and every source file's bytes."""
    digest = hashlib.sha256(version.encode("utf-8"))
    for source in sources:
        digest.update(b"\0" + str(source.name).encode("utf-8") + b"\0")
        with source.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()


def _valid(path: Path, key: str) -> sqlite3.Connection | None:
    """A read-only connection to ``path`` when it is a complete table built for ``key``."""
    if not path.is_file():
        return None
    connection = None
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True,
                                     check_same_thread=False)
        rows = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        if rows.get("fingerprint") != key or rows.get(_COMPLETE) != "1":
            connection.close()
            return None
        if connection.execute("PRAGMA quick_check").fetchone() != ("ok",):
            connection.close()
            return None
        return connection
    except sqlite3.DatabaseError:
        if connection is not None:
            connection.close()
        return None


def _write_in_place(folder: Path, path: Path, write: Callable[[str], None]) -> None:
    """Have ``write`` fill a private file beside ``path``, then move it into place in one
    step: a reader sees the old file, the new one, or none, never half of one. Files of the
    same table built for other sources are then removed (see :func:`_remove_older`)."""
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=path.stem + ".", suffix=".tmp", dir=folder)
    os.close(handle)
    try:
        write(temporary)
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    _remove_older(path)


def _remove_older(path: Path) -> None:
    """Remove all but the newest :data:`_KEEP` files of ``path``'s table (other sources).

    Each edit of a source gives a new file (the name carries the sources' hash); without
    this the folder would keep one file per edit. A few are kept so that checkouts of two
    versions sharing the folder do not rebuild in turn. A process still reading a removed
    file keeps reading it (POSIX keeps an open file until it is closed); a file that cannot
    be removed stays, which does no harm.
    """
    name, _, _ = path.stem.rpartition("-")
    pattern = re.compile(re.escape(name) + r"-[0-9a-f]{20}" + re.escape(path.suffix))
    found: list[tuple[float, Path]] = []
    for other in path.parent.iterdir():
        if other != path and pattern.fullmatch(other.name):
            with contextlib.suppress(OSError):
                found.append((other.stat().st_mtime, other))
    for _, other in sorted(found, reverse=True)[_KEEP - 1:]:
        with contextlib.suppress(OSError):
            other.unlink()


def _compiled(name: str, suffix: str, sources: Iterable[Path], version: str,
              read: Callable[[Path, str], _T | None], write: Callable[[str, str], None],
              in_memory: Callable[[], _T]) -> _T:
    """The cached file of table ``name`` for these sources, opened by ``read`` when it is
    valid; else written first (``write(temporary path, key)``, moved into place), and
    ``in_memory()`` when the cache folder cannot be written or the file is not valid."""
    key = fingerprint(sources, version)
    folder = cache_dir()
    path = folder / f"{name}-{key[:20]}{suffix}"
    found = read(path, key)
    if found is not None:
        return found
    try:
        _write_in_place(folder, path, lambda temporary: write(temporary, key))
    except (OSError, sqlite3.OperationalError):
        return in_memory()  # a read-only or full cache folder
    found = read(path, key)
    return found if found is not None else in_memory()


def open_table(name: str, sources: Iterable[Path], version: str,
               build: Callable[[sqlite3.Connection], None]) -> sqlite3.Connection:
    """A connection to the compiled table ``name``: the cached file when it is valid for
    these sources, else a freshly built one (in memory when the cache folder cannot be
    written). ``build`` creates and fills the table's own tables on the connection given."""

    def write(temporary: str, key: str) -> None:
        connection = sqlite3.connect(temporary)
        try:
            connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
            build(connection)
            connection.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (key,))
            connection.execute("INSERT INTO meta VALUES (?, '1')", (_COMPLETE,))
            connection.commit()
        finally:
            connection.close()

    def in_memory() -> sqlite3.Connection:
        connection = sqlite3.connect(":memory:", check_same_thread=False)
        connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        build(connection)
        return connection

    return _compiled(name, ".sqlite", sources, version, _valid, write, in_memory)


class ProcessTable:
    """A compiled table its owner opens lazily, once per process: a SQLite connection must
    not cross a fork, so a forked worker opens its own, and a pickled copy reopens."""

    def __init__(self, name: str, sources: list[Path], version: str,
                 build: Callable[[sqlite3.Connection], None]) -> None:
        self.name, self.sources, self.version, self.build = name, sources, version, build
        self._connections: dict[int, sqlite3.Connection] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "_connections"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, _connections={})

    def connection(self) -> sqlite3.Connection:
        """This process's connection (the table is built when missing or stale)."""
        pid = os.getpid()
        found = self._connections.get(pid)
        if found is None:
            found = open_table(self.name, self.sources, self.version, self.build)
            self._connections = {pid: found}
        return found


# -- arrays ---------------------------------------------------------------------------------

_MAGIC = b"CQARRAYS"
_ALIGN = 64  # each array starts at a multiple of this offset, so every dtype is aligned
_PREFIX = struct.Struct("<8sQ")  # magic, header length


def _padded(size: int) -> int:
    return -(-size // _ALIGN) * _ALIGN


def _write_arrays(temporary: str, key: str, arrays: Mapping[str, Any]) -> None:
    """One file: magic and header length, a JSON header (hash, each array's dtype, shape and
    place, CRC-32 of the data), then the arrays' bytes, each aligned."""
    import numpy

    entries: list[dict[str, Any]] = []
    blobs: list[bytes] = []
    offset = crc = 0
    for name, value in arrays.items():
        array = numpy.ascontiguousarray(value)
        blobs.append(array.tobytes())
        entries.append({"name": name, "dtype": array.dtype.str, "shape": list(array.shape),
                        "offset": offset, "nbytes": len(blobs[-1])})
        crc = zlib.crc32(blobs[-1], crc)
        offset = _padded(offset + len(blobs[-1]))
    header = json.dumps({"fingerprint": key, "arrays": entries, "data": offset, "crc32": crc},
                        sort_keys=True).encode("utf-8")
    start = _padded(_PREFIX.size + len(header))
    with open(temporary, "wb") as handle:
        handle.write(_PREFIX.pack(_MAGIC, len(header)) + header)
        for entry, blob in zip(entries, blobs, strict=True):
            handle.seek(start + entry["offset"])
            handle.write(blob)
        handle.truncate(start + offset)


def _read_arrays(path: Path, key: str) -> dict[str, Any] | None:
    """The arrays of ``path`` (read-only views of the mapped file) when it is a complete
    file built for ``key`` whose data matches its CRC-32; else ``None``."""
    import numpy

    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size < _PREFIX.size:
                return None
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    try:
        magic, length = _PREFIX.unpack_from(mapped)
        if magic != _MAGIC or length > size:
            return None
        header = json.loads(bytes(mapped[_PREFIX.size:_PREFIX.size + length]))
        start = _padded(_PREFIX.size + length)
        if header["fingerprint"] != key or start + header["data"] != size:
            return None
        crc, found = 0, {}
        for entry in header["arrays"]:
            begin = start + entry["offset"]
            if entry["offset"] + entry["nbytes"] > header["data"]:
                return None
            crc = zlib.crc32(memoryview(mapped)[begin:begin + entry["nbytes"]], crc)
            found[entry["name"]] = numpy.frombuffer(
                mapped, dtype=numpy.dtype(entry["dtype"]), offset=begin,
                count=entry["nbytes"] // max(1, numpy.dtype(entry["dtype"]).itemsize),
            ).reshape(entry["shape"])
        return found if crc == header["crc32"] else None
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, struct.error):
        return None  # a damaged header: rebuilt by the caller


def open_arrays(name: str, sources: Iterable[Path], version: str,
                build: Callable[[], Mapping[str, Any]]) -> dict[str, Any]:
    """The numpy arrays ``build`` makes from ``sources``: read-only views of the cached file
    when it is valid for these sources and this ``version`` (its CRC-32 checked), else built
    and written first (kept in memory when the cache folder cannot be written)."""
    built: list[Mapping[str, Any]] = []

    def arrays() -> dict[str, Any]:
        if not built:
            built.append(build())
        return dict(built[0])

    return _compiled(name, ".arrays", sources, version, _read_arrays,
                     lambda temporary, key: _write_arrays(temporary, key, arrays()), arrays)
