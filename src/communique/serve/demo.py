"""The demo corpus database behind ``make demo``'s closing ``communique serve`` line."""

from __future__ import annotations

import sys
from pathlib import Path

from communique.demo import SAMPLES


def build_demo_db(out_dir: str | Path = "demo") -> Path:
    """Ingest the bundled samples into ``out_dir/corpus.db`` (resumable, so a second
    ``make demo`` adds nothing) and return its path."""
    from communique.store.ingest import run_ingest

    db = Path(out_dir) / "corpus.db"
    run_ingest([SAMPLES], db, on_error=lambda e: print(f"error: {e}", file=sys.stderr),
               command="demo")
    return db


def serve_command(db: str | Path) -> str:
    """The command line that browses ``db`` in the web UI."""
    return f".venv/bin/communique serve --db {db}  # then open http://127.0.0.1:8000/"
