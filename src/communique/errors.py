"""Exception classes raised by communique.

Every error a user can trigger has its own class and a message that says what to do.
"""

from __future__ import annotations

import errno


class CommuniqueError(Exception):
    """Base class for every error communique raises on purpose."""


class InputError(CommuniqueError):
    """One input (file, record, WARC entry) cannot be read or holds no article.

    ``where`` names the file and, for multi-record inputs, the record; the batch
    continues with the next input.
    """

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


class MissingInputError(InputError, FileNotFoundError):
    """A path names no file or folder.

    Also a :class:`FileNotFoundError`, so that a caller of :func:`communique.extract`
    catches it as it would catch ``open()`` failing; the message stays the one-line
    ``where: reason`` of every :class:`InputError`.
    """

    def __init__(self, where: str, reason: str = "no such file or folder") -> None:
        super().__init__(where, reason)
        self.errno = errno.ENOENT
        self.strerror = reason
        self.filename = where

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


class EmptyInputError(InputError):
    """The input holds no text at all."""


class BinaryInputError(InputError):
    """The input is binary or cannot be decoded as text in any known encoding."""


class NoArticleError(InputError):
    """The input is readable but no article body could be found in it."""


class TruncatedInputError(InputError):
    """A compressed or WARC input ends in the middle of a record."""


class ModelNotFoundError(CommuniqueError):
    """The requested spaCy pipeline is not installed."""


class UsageError(CommuniqueError):
    """The command line or API call is malformed (exit status 2)."""


class ParameterError(UsageError):
    """A web UI / API request parameter is invalid (HTTP 400)."""


class NotFoundError(CommuniqueError):
    """A web UI / API request names an article, actor or dyad the corpus lacks (HTTP 404)."""


class DataFileError(CommuniqueError):
    """A shipped or user-supplied data file is malformed."""


class StoreError(CommuniqueError):
    """The corpus database cannot be used as asked (see the subclasses)."""


class NotADatabaseError(StoreError):
    """The file given as ``--db`` exists but is not a SQLite database; it is left untouched."""


class SchemaVersionError(StoreError):
    """The database was written by a newer communique (higher schema version); left untouched."""


class CorruptDatabaseError(NotADatabaseError):
    """The file is a SQLite database but damaged (a corrupt page, a truncated file): it is
    refused before anything is written, so a backup or ``sqlite3 .recover`` can still help."""


class DatabaseAccessError(StoreError):
    """SQLite cannot read or write the database as asked: a read-only file or folder, a
    full disk, a lock held by another process, an I/O error. The message names the file."""


class OutputError(CommuniqueError):
    """An output file (``export --out``) cannot be written: its folder is missing, it is a
    folder, or permission is denied. The message names the file."""


class ExportError(CommuniqueError):
    """An event cannot be written in the requested export format; the message says which
    event and which format can take it."""
