"""The package version, in a module of its own so that any module can import it without
importing the package's public API (``communique/__init__`` imports ``extract``, which
imports ``document``, which stamps the version into every output document)."""

from __future__ import annotations

__version__ = "0.1.0"
