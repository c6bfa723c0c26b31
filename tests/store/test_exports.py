"""Exports re-parse with the expected column counts and types."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from communique.cli import main
from communique.store.exports import GDELT_EVENT_COLUMNS, GDELT_MENTION_COLUMNS
from communique.store.reader import EVENT_COLUMNS, QUOTE_COLUMNS, open_corpus
from tests.store.fixtures import build_db, meeting_corpus


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return build_db(tmp_path / "c.db", meeting_corpus())


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = main(list(argv))
    return status, capsys.readouterr().out


def test_plover(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out = _run(capsys, "export", "--db", str(db), "--format", "plover")
    assert status == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 3
    manual_fields = {"id", "has_event", "date", "time", "enddate", "endtime", "actor",
                     "recipient", "event", "event_loc", "event_text", "quad_code",
                     "event_scale", "mode", "context", "link", "text", "text_info",
                     "cite_info", "coder", "coded_date", "coded_time", "comment"}
    for record in records:
        assert manual_fields <= set(record)
        assert isinstance(record["id"], str) and len(record["date"]) == 10
        assert record["event"] and record["event"][0] in {"CONSULT", "ACCUSE"}
        assert record["actor"][0]["code"] == "RUS" and record["actor"][0]["sector"] == "GOV"
        assert isinstance(record["quad_code"], int)
    consult = next(r for r in records if r["event"] == ["CONSULT"] and r["num_articles"] > 1)
    assert consult["num_articles"] == 3 and len(consult["mentions"]) == 3
    assert consult["event_loc"]["geonameid"] == 1816670


def test_gdelt_with_mentions(db: Path, tmp_path: Path,
                             capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "events.export.CSV"
    status, stdout = _run(capsys, "export", "--db", str(db), "--format", "gdelt",
                          "--out", str(out))
    assert status == 0 and stdout == ""
    rows = [line.split("\t") for line in out.read_text().splitlines()]
    assert len(rows) == 3 and all(len(r) == 61 for r in rows)
    assert len(GDELT_EVENT_COLUMNS) == 61
    for row in rows:
        record = dict(zip(GDELT_EVENT_COLUMNS, row, strict=True))
        int(record["GlobalEventID"])
        assert len(record["Day"]) == 8 and record["Day"].isdigit()
        assert record["MonthYear"] == record["Day"][:6]
        float(record["FractionDate"])
        float(record["GoldsteinScale"])
        assert record["QuadClass"] in {"1", "2", "3", "4"}
        assert record["Actor1Code"] == "RUSGOV" and record["Actor1CountryCode"] == "RUS"
        assert record["EventRootCode"] == record["EventCode"][:2]
        assert int(record["NumMentions"]) >= int(record["NumArticles"]) >= int(
            record["NumSources"]) >= 1
    mentions_file = tmp_path / "events.mentions.CSV"
    mentions = [line.split("\t") for line in mentions_file.read_text().splitlines()]
    assert len(mentions) == 5 and all(len(m) == len(GDELT_MENTION_COLUMNS) == 16
                                      for m in mentions)
    event_ids = {r[0] for r in rows}
    assert {m[0] for m in mentions} == event_ids
    for m in mentions:
        int(m[7]), int(m[8]), int(m[9])  # char offsets are integers (-1 when unknown)


def test_gdelt_stdout_has_only_records(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out = _run(capsys, "export", "--db", str(db), "--format", "gdelt")
    assert status == 0
    assert all(len(line.split("\t")) == 61 for line in out.splitlines())


def test_csv(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out = _run(capsys, "export", "--db", str(db), "--format", "csv")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 3 and list(rows[0]) == list(EVENT_COLUMNS)
    assert sorted(int(r["num_articles"]) for r in rows) == [1, 1, 3]
    status, out = _run(capsys, "export", "--db", str(db), "--format", "csv", "--table",
                       "quotes")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == list(QUOTE_COLUMNS)
    assert len(rows) == 3


def test_parquet(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "events.parquet"
    assert _run(capsys, "export", "--db", str(db), "--format", "parquet", "--out",
                str(out))[0] == 0
    table = pq.read_table(out)
    assert table.num_rows == 3 and table.column_names == list(EVENT_COLUMNS)
    assert str(table.schema.field("num_articles").type) == "int64"
    assert str(table.schema.field("goldstein").type) == "double"


def test_parquet_needs_out(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out = _run(capsys, "export", "--db", str(db), "--format", "parquet")
    assert status == 2 and out == ""


def test_pandas_frames(db: Path) -> None:
    pytest.importorskip("pandas")
    with open_corpus(db) as corpus:
        events = corpus.events_frame(actor="RUS")
        quotes = corpus.quotes_frame(speaker="Lavrov")
    assert list(events.columns) == list(EVENT_COLUMNS) and len(events) == 3
    assert len(quotes) == 2
