"""communique: structured, verifiable political event data from news articles.

The public API is small: :func:`extract` turns text, files or folders into
``communique/1`` documents; :class:`Article` is the record every reader produces.
"""

from __future__ import annotations

from communique._version import __version__
from communique.article import Article
from communique.errors import CommuniqueError, InputError, ModelNotFoundError
from communique.extract import extract

__all__ = [
    "Article",
    "CommuniqueError",
    "InputError",
    "ModelNotFoundError",
    "__version__",
    "extract",
]
