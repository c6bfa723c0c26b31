"""Fixtures for the web UI tests: a corpus database built with `communique ingest` from the
bundled samples plus small articles written here (two Russia-China stories and one whose
title, outlet, URL, text and quotes carry HTML/JS injection attempts)."""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from communique.cli import main as cli_main
from communique.samples import SAMPLES

XSS_TITLE = "Ministers meet <script>alert(1)</script> in Geneva"
XSS_OUTLET = '"><img src=x onerror=alert(1)>'

ARTICLES: list[dict[str, Any]] = [
    {
        "id": "fx-rus-chn-1", "title": "Lavrov holds talks with Wang Yi in Beijing",
        "date": "2024-03-05", "outlet": "Test Wire", "url": "https://example.org/fx/1",
        "text": (
            "Lavrov holds talks with Wang Yi in Beijing\n\n"
            "BEIJING — Russian Foreign Minister Sergei Lavrov met Chinese Foreign Minister "
            "Wang Yi in Beijing on Tuesday to discuss trade and security.\n\n"
            "\"Our countries will keep working together against unilateral sanctions,\" "
            "Lavrov told reporters after the meeting.\n\n"
            "Russia praised China for its balanced position on Ukraine, the Russian foreign "
            "ministry said.\n\nAdvertisement\n"
        ),
    },
    {
        "id": "fx-rus-chn-2", "title": "Putin and Xi sign energy agreement",
        "date": "2024-05-16", "outlet": "Test Wire", "url": "https://example.org/fx/2",
        "text": (
            "Putin and Xi sign energy agreement\n\n"
            "BEIJING — Russian President Vladimir Putin and Chinese President Xi Jinping "
            "signed an agreement on gas supplies on Thursday.\n\n"
            "Russia accused the United States of trying to isolate China, Kremlin spokesman "
            "Dmitry Peskov said.\n\n"
            "\"This partnership is not directed against anyone,\" Putin said at a news "
            "conference.\n"
        ),
    },
    {
        "id": "fx-xss", "title": XSS_TITLE, "date": "2024-04-02", "outlet": XSS_OUTLET,
        "url": "javascript:alert(1)",
        "text": (
            f"{XSS_TITLE}\n\n"
            "GENEVA — Russian Foreign Minister Sergei Lavrov criticised the United States on "
            "Monday.\n\n"
            "\"Nobody will write <script>alert(1)</script> into our history\" "
            "onmouseover=\"alert(1)\" and <img src=x onerror=alert(1)>, he said,\" Lavrov "
            "told reporters.\n\n"
            "Russia condemned new sanctions imposed by the United States, the foreign "
            "ministry said in a statement posted as <b onmouseover=\"alert(1)\">text</b>.\n"
        ),
    },
]


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus database ingested from the samples and :data:`ARTICLES`."""
    folder = tmp_path_factory.mktemp("serve")
    source = folder / "fixtures.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    db = folder / "corpus.db"
    status = cli_main(["ingest", str(source), str(SAMPLES), "--db", str(db)])
    assert status == 0
    return db


@contextmanager
def serve_client(db: Path) -> Iterator[Any]:
    """A Starlette test client over the database ``db`` that returns 500s instead of
    raising."""
    from communique.serve.app import create_app

    with warnings.catch_warnings():
        # Starlette 1.x warns that its TestClient will move from httpx to httpx2.
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

        with TestClient(create_app(db), raise_server_exceptions=False) as test_client:
            yield test_client


@pytest.fixture(scope="session")
def client(corpus_db: Path) -> Iterator[Any]:
    """A test client (:func:`serve_client`) over :func:`corpus_db`."""
    with serve_client(corpus_db) as test_client:
        yield test_client


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say plainly when the browser tests were skipped, even under ``pytest -q``."""
    from .livebrowser import missing_browser

    skipped = [r for r in terminalreporter.stats.get("skipped", [])
               if "test_browser.py" in getattr(r, "nodeid", "")]
    reason = missing_browser()
    if skipped and reason:
        terminalreporter.write_line(
            f"communique: {len(skipped)} browser tests skipped: {reason}", yellow=True)
