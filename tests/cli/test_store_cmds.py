"""Ingest a subset of the AllSides sample into a fresh database, then every query command."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from communique.cli import main

_TOPICS = {"russia", "china", "north_korea", "middle_east", "world", "foreign_policy"}


@pytest.fixture(scope="module")
def corpus_db(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("allsides")
    subset = folder / "subset.jsonl"
    lines = []
    with open(data_dir / "news" / "allsides-sample.jsonl", encoding="utf-8") as handle:
        for line in handle:
            if json.loads(line).get("topic") in _TOPICS:
                lines.append(line)
            if len(lines) == 20:
                break
    subset.write_text("".join(lines), encoding="utf-8")
    db = folder / "corpus.db"
    assert main(["ingest", str(subset), "--db", str(db)]) == 0
    # Idempotent: the same command again adds nothing.
    assert main(["ingest", str(subset), "--db", str(db)]) == 0
    return db


def _out(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_events(corpus_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = json.loads(_out(capsys, "events", "--db", str(corpus_db), "--json"))
    assert records, "the foreign-policy subset yields events"
    assert {"id", "date", "plover", "num_articles", "num_sources"} <= set(records[0])
    actor = next(r["actor_codes"][:3] for r in records if r["actor_codes"][:1] != "?")
    filtered = json.loads(_out(capsys, "events", "--db", str(corpus_db), "--json",
                               "--actor", actor))
    assert 0 < len(filtered) <= len(records)
    plover = records[0]["plover"]
    typed = json.loads(_out(capsys, "events", "--db", str(corpus_db), "--json", "--type",
                            plover, "--since", "2000-01-01", "--until", "2030-12-31"))
    assert typed and all(r["plover"] == plover for r in typed)
    rows = list(csv.DictReader(io.StringIO(_out(capsys, "events", "--db", str(corpus_db),
                                                "--csv"))))
    assert len(rows) == len(records)
    assert "events" in _out(capsys, "events", "--db", str(corpus_db), "--limit", "5")


def test_quotes(corpus_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = json.loads(_out(capsys, "quotes", "--db", str(corpus_db), "--json"))
    assert records
    speaker = next(r["speaker"] for r in records if r["speaker"])
    by_speaker = json.loads(_out(capsys, "quotes", "--db", str(corpus_db), "--json",
                                 "--speaker", speaker))
    assert by_speaker and all(speaker in r["speaker"] for r in by_speaker)
    word = max(records[0]["text"].split(), key=len).strip(".,\"'“”")
    found = json.loads(_out(capsys, "quotes", "--db", str(corpus_db), "--json", "--search",
                            word))
    assert any(r["id"] == records[0]["id"] for r in found)
    assert "quotes" in _out(capsys, "quotes", "--db", str(corpus_db))


def test_actors(corpus_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = json.loads(_out(capsys, "actors", "--db", str(corpus_db), "--json"))
    if records:  # filled once the actors component is in the pipeline
        country = next((r["country"] for r in records if r["country"]), None)
        if country:
            filtered = json.loads(_out(capsys, "actors", "--db", str(corpus_db), "--json",
                                       "--country", country))
            assert filtered and all(r["country"] == country for r in filtered)
    assert "actors" in _out(capsys, "actors", "--db", str(corpus_db), "--country", "RUS")
    assert _out(capsys, "actors", "--db", str(corpus_db), "--csv").startswith("name,kind")


def test_dyad(corpus_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    events = json.loads(_out(capsys, "events", "--db", str(corpus_db), "--json"))
    pair = next(((e["actor_codes"][:3], e["recipient_codes"][:3]) for e in events
                 if e["recipient_codes"] and e["date"] and e["actor_codes"][:1] != "?"
                 and e["recipient_codes"][:1] != "?"), ("USA", "RUS"))
    for by in ("day", "week", "month"):
        rows = json.loads(_out(capsys, "dyad", *pair, "--db", str(corpus_db), "--by", by,
                               "--json"))
        for row in rows:
            assert row["events"] == sum(row[f"quad{q}"] for q in range(1, 5))
    assert "period" in _out(capsys, "dyad", *pair, "--db", str(corpus_db))


def test_usage_errors(corpus_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["events", "--db", str(corpus_db), "--since", "last week"]) == 2
    assert main(["export", "--db", str(corpus_db), "--format", "parquet"]) == 2
    with pytest.raises(SystemExit) as exit_info:
        main(["dyad", "RUS", "--db", str(corpus_db)])
    assert exit_info.value.code == 2
    capsys.readouterr()


@pytest.mark.parametrize("argv", [
    ["ingest", "--db", "x.db", "--max-bytes", "-1", "a.txt"],
    ["extract", "--max-bytes", "0", "a.txt"],
    ["events", "--db", "x.db", "--limit", "-1"],
    ["quotes", "--db", "x.db", "--limit", "0"],
    ["actors", "--db", "x.db", "--limit", "-5"],
    ["ingest", "--db", "x.db", "--workers", "-1", "a.txt"],
])
def test_counts_below_their_minimum_are_one_line_usage_errors(
        argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "must be at least" in err[0]


def test_a_negative_time_limit_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", "--db", "never.db", "--time-limit", "-5", "in"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--time-limit must be 0" in err[0]


def test_read_commands_do_not_promise_to_create_the_database(
        capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("events", "quotes", "actors", "export", "resolve"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        assert "created when missing" not in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["ingest", "--help"])
    assert "created when missing" in capsys.readouterr().out


def test_a_failed_export_leaves_no_partial_file(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    import errno

    from communique.store import exports
    from tests.store.fixtures import build_db, meeting_corpus

    db = build_db(tmp_path / "c.db", meeting_corpus())
    out = tmp_path / "events.jsonl"
    out.write_text("an earlier export\n", encoding="utf-8")

    def full_disk(corpus: object, handle: Any) -> int:
        handle.write("{}\n")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(exports, "write_plover", full_disk)
    assert main(["export", "--db", str(db), "--format", "plover", "--out", str(out)]) == 1
    assert "No space left on device" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "an earlier export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.db", "events.jsonl"]
