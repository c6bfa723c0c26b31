"""Serving a database read-only: a healthy one in a read-only folder is served without
leaving files behind; a damaged one is refused at start-up with one error line."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from communique.cli import main
from communique.errors import StoreError
from tests.store.damage import deny_writing, healthy_db, side_files, snapshot, wal_at_rest


def test_served_from_read_only_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from communique.serve.app import create_app

    db = wal_at_rest(healthy_db(tmp_path))
    before = snapshot(db)
    deny_writing(monkeypatch, tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

        with TestClient(create_app(db), raise_server_exceptions=False) as client:
            assert client.get("/").status_code == 200
            assert client.get("/api/events").json()["total"] > 0
    assert side_files(tmp_path) == []
    assert snapshot(db) == before


def test_damaged_database_refused_at_start(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    from communique.serve.app import create_app

    db = healthy_db(tmp_path)
    with open(db, "r+b") as handle:
        handle.seek(16)
        handle.write(b"\xff" * 84)
    with pytest.raises(StoreError, match="damaged"):
        create_app(db)
    assert main(["serve", "--db", str(db), "--port", "1"]) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and str(db) in err


def test_damage_met_while_serving_gives_the_store_message(tmp_path: Path) -> None:
    # the database opens (meta is intact), then a page of every other table is damaged
    from communique.serve.app import create_app
    from tests.store.damage import corrupt_every_table

    db = healthy_db(tmp_path)
    app = create_app(db)
    corrupt_every_table(db)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

        with TestClient(app, raise_server_exceptions=False) as client:
            api = client.get("/api/events")
            page = client.get("/events")
    assert api.status_code == 500 and "damaged" in api.json()["error"]
    assert str(db) in api.json()["error"]
    assert page.status_code == 500 and "damaged" in page.text
    assert "internal error" not in page.text
