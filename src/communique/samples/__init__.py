"""The bundled sample articles and the demo corpus built from them.

The samples (the ``.txt``, ``.html`` and ``.jsonl`` files beside this module) were written
for the project: short news-style stories in every input format, with quotes, events,
boilerplate and one non-English article. ``make demo``, the README's examples, the
screenshots and the tests read them; readers pass over this module (``.py`` is not an
input format).
"""

from __future__ import annotations

import sys
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent


def build_demo_db(out_dir: str | Path = "demo") -> Path:
    """Ingest the bundled samples into ``out_dir/corpus.db`` (resumable, so a second
    ``make demo`` adds nothing) and return its path."""
    from communique.store.ingest_run import run_ingest

    db = Path(out_dir) / "corpus.db"
    run_ingest([SAMPLES], db, on_error=lambda e: print(f"error: {e}", file=sys.stderr),
               command="demo")
    return db


def serve_command(db: str | Path) -> str:
    """The command line that browses ``db`` in the web UI."""
    return f".venv/bin/communique serve --db {db}  # then open http://127.0.0.1:8000/"
