"""Filters on merged events, quotes and actors: one definition for the CLI, the Python API,
the JSON API and the explorer pages.

A query object (:class:`EventQuery`, :class:`QuoteQuery`, :class:`ActorQuery`) holds the
filters a user names (``--actor RUS`` on the command line, ``?actor=RUS`` in a URL).
``validated`` checks them, with messages that spell each option the way the caller does
(``--min-confidence`` for the CLI, ``min_confidence`` for a URL), and returns a normalised
copy; ``conditions`` turns them into SQL conditions over the aliases the listing queries
in :mod:`communique.store.explore` use. Values always travel as SQL parameters, never in
the SQL text, and LIKE wildcards in user text are matched literally.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any, ClassVar, Self

from communique.errors import UsageError

Spell = Callable[[str], str]


def cli_flag(name: str) -> str:
    """How the CLI spells a filter: ``min_confidence`` -> ``--min-confidence``."""
    return "--" + name.replace("_", "-")


def url_param(name: str) -> str:
    """How a URL spells a filter: as the field is named."""
    return name


def like_escape(text: str) -> str:
    """``text`` with the LIKE wildcards escaped (use with ``ESCAPE '\\'``): a search for
    ``_`` or ``%`` matches those characters, not everything."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def check_text(value: str | None, name: str) -> None:
    """A filter SQLite can take: a lone surrogate (what Python makes of undecodable bytes
    in a command-line argument, e.g. ``--actor $'\\xff'``) was a UnicodeEncodeError
    traceback, and a NUL was an sqlite3 error in a full-text search; found by fuzzing
    (tests/test_fuzz.py)."""
    if value is not None and any("\ud800" <= ch <= "\udfff" for ch in value):
        raise UsageError(f"{name} is not valid text (undecodable characters): {value!r}")
    if value is not None and "\x00" in value:  # FTS5: sqlite3 "unterminated string"
        raise UsageError(f"{name} contains a NUL character")


def check_type(value: str | None, name: str = "--type") -> None:
    """A PLOVER type or a CAMEO code prefix (digits); anything else is a usage error."""
    from communique.events.cameo import PLOVER_TYPES

    if value and not value.isdigit() and value.upper() not in PLOVER_TYPES:
        raise UsageError(f"{name} must be a PLOVER type ({', '.join(PLOVER_TYPES)}) or a "
                         f"CAMEO code prefix such as 19, got {value!r}")


def check_date(value: str | None, name: str) -> str | None:
    """``value`` as YYYY-MM-DD. ``date.fromisoformat`` also takes "20240301" and
    "2024-W10-2"; compared as given with the stored YYYY-MM-DD dates they silently
    matched nothing (``since="20240301"``), so they are normalised; found by fuzzing."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise UsageError(f"{name} must be a date as YYYY-MM-DD, got {value!r}") from None


def fts_query(text: str) -> str:
    """Quote each word so user text is matched literally, not parsed as FTS5 syntax."""
    words = [w.replace('"', '""') for w in text.split()]
    return " ".join(f'"{w}"' for w in words) if words else '""'


class Conditions:
    """A conjunction of SQL conditions and their parameters."""

    def __init__(self) -> None:
        self.where: list[str] = []
        self.params: list[Any] = []

    def add(self, condition: str, *params: Any) -> None:
        """Require ``condition`` (with ``?`` placeholders for ``params``)."""
        self.where.append(condition)
        self.params.extend(params)

    def sql(self, *extra: str) -> str:
        """The ``WHERE`` clause with ``extra`` conditions (parameterless) appended; empty
        when there is no condition at all."""
        where = [*self.where, *extra]
        return (" WHERE " + " AND ".join(where)) if where else ""


# -- events ------------------------------------------------------------------------------

# Participant matching used by every event filter: a country equal to the value, a code
# starting with it (RUS matches RUSGOV) or an equal name. ``role IN (...)`` lets one rule
# serve actor, recipient and either side.
_PARTICIPANT = (
    "EXISTS (SELECT 1 FROM corpus_event_participants p WHERE p.corpus_event_id = c.id "
    "AND p.role IN ({roles}) AND (upper(p.country) = ? OR upper(p.code) LIKE ? ESCAPE '\\' "
    "OR upper(p.name) = ?))"
)
# Events in which a named actor takes part in any mention (not only the representative
# one), so an actor's page lists every merged event any article credits it with.
_NAMED = (
    "c.id IN (SELECT m.corpus_event_id FROM event_participants p JOIN event_mentions m "
    "ON m.article_id = p.article_id AND m.event_id = p.event_id "
    "WHERE p.role = ? AND lower(p.name) = lower(?))"
)
# Some article reporting the event is from this outlet (case-insensitive).
_EVENT_OUTLET = (
    "EXISTS (SELECT 1 FROM event_mentions om JOIN articles oa ON oa.id = om.article_id "
    "WHERE om.corpus_event_id = c.id AND lower(oa.outlet) = lower(?))"
)
# The sentence of some mention, cut from its article's text with the stored offsets.
_SENTENCE = (
    "lower(substr(wa.text, json_extract(we.data, '$.sentence.start') + 1, "
    "json_extract(we.data, '$.sentence.end') - json_extract(we.data, '$.sentence.start')))"
)


class EventFilter(Conditions):
    """Conditions on merged events: ``corpus_events`` aliased ``c`` and its representative
    per-article event (``events``) aliased ``e``, as :data:`explore.EVENT_FROM` joins them."""

    def participant(self, role: str, value: str) -> EventFilter:
        """Keep events whose ``role`` (actor, recipient or ``any``) matches a code or
        country."""
        roles = "'actor', 'recipient'" if role == "any" else "?"
        v = value.upper()
        self.add(_PARTICIPANT.format(roles=roles), *([] if role == "any" else [role]),
                 v, like_escape(v) + "%", v)
        return self

    def named(self, role: str, name: str) -> EventFilter:
        """Keep events in which the named actor has ``role`` in some mention."""
        self.add(_NAMED, role, name)
        return self

    def any_of(self, *filters: EventFilter) -> EventFilter:
        """Keep events matching at least one of ``filters`` (each a conjunction)."""
        parts = [" AND ".join(f.where) for f in filters if f.where]
        if parts:
            self.add("(" + " OR ".join(f"({p})" for p in parts) + ")",
                     *(p for f in filters for p in f.params))
        return self

    def type(self, value: str | None) -> EventFilter:
        """PLOVER type (``CONSULT``) or CAMEO code prefix (``03``)."""
        if value and value.isdigit():
            self.add("c.cameo LIKE ? ESCAPE '\\'", like_escape(value) + "%")
        elif value:
            self.add("c.plover = ?", value.upper())
        return self

    def quad(self, value: int | None) -> EventFilter:
        """Quad class 1-4."""
        if value is not None:
            self.add("c.quad = ?", value)
        return self

    def dates(self, since: str | None, until: str | None) -> EventFilter:
        """Inclusive bounds on the event date (undated events drop out when bounded)."""
        if since:
            self.add("c.date >= ?", since)
        if until:
            self.add("c.date <= ?", until)
        return self

    def min_confidence(self, value: float | None) -> EventFilter:
        """The representative mention is at least this confident."""
        if value is not None:
            self.add("e.confidence >= ?", value)
        return self

    def place(self, value: str | None) -> EventFilter:
        """The location's country code equals ``value`` or its name contains it."""
        if value:
            self.add("(upper(e.location_country) = ? OR lower(e.location_name) LIKE ? "
                     "ESCAPE '\\')", value.upper(), "%" + like_escape(value.lower()) + "%")
        return self

    def outlet(self, value: str | None) -> EventFilter:
        """Some article reporting the event is from this outlet."""
        if value:
            self.add(_EVENT_OUTLET, value)
        return self

    def words(self, text: str | None) -> EventFilter:
        """Every word of ``text`` occurs in the sentence of one same mention."""
        words = (text or "").lower().split()
        if words:
            cond = " AND ".join(f"{_SENTENCE} LIKE ? ESCAPE '\\'" for _ in words)
            self.add("EXISTS (SELECT 1 FROM event_mentions wm JOIN events we ON "
                     "we.article_id = wm.article_id AND we.id = wm.event_id JOIN articles wa "
                     f"ON wa.id = wm.article_id WHERE wm.corpus_event_id = c.id AND {cond})",
                     *("%" + like_escape(w) + "%" for w in words))
        return self


def _strip(value: Any) -> Any:
    """Blank text is no filter."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


@dataclass(frozen=True)
class _Query:
    """What the three query classes share: blank-means-absent, text and date checks, URL
    parameters. Every subclass has ``since`` and ``until`` fields."""

    # The free-text fields, checked for characters SQLite cannot take.
    TEXTS: ClassVar[tuple[str, ...]] = ()

    def values(self) -> dict[str, Any]:
        """Every filter by name, set or not."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def params(self) -> dict[str, str]:
        """The filters that are set, as URL query parameters (for permalinks)."""
        return {k: str(v) for k, v in self.values().items() if v is not None}

    def validated(self, spell: Spell = cli_flag) -> Self:
        """A normalised copy (blank text dropped, dates as YYYY-MM-DD);
        :class:`~communique.errors.UsageError` naming the option, as ``spell`` writes its
        name, when a value is wrong."""
        values = {k: _strip(v) for k, v in self.values().items()}
        for name in self.TEXTS:
            check_text(values[name], spell(name))
        since = check_date(values["since"], spell("since"))
        until = check_date(values["until"], spell("until"))
        if since and until and since > until:
            raise UsageError(f"{spell('since')} {since} is after {spell('until')} {until}: "
                             "nothing can match")
        return replace(self, **(values | {"since": since, "until": until}))


@dataclass(frozen=True)
class EventQuery(_Query):
    """Filters on merged events.

    ``actor``/``recipient`` match a participant's country or the start of its code
    (``RUS`` matches ``RUSGOV``), or its name; ``country`` does the same for either side;
    ``type`` is a PLOVER type or a CAMEO code prefix; ``quad`` a quad class 1-4;
    ``since``/``until`` bound the event date (inclusive); ``min_confidence`` keeps events
    whose representative mention is at least that confident; ``place`` matches the
    location's country code or part of its name; ``outlet`` keeps events some article of
    that outlet reports; ``q`` keeps events whose sentence (in some article) holds every
    word.
    """

    actor: str | None = None
    recipient: str | None = None
    country: str | None = None
    type: str | None = None
    quad: int | None = None
    since: str | None = None
    until: str | None = None
    min_confidence: float | None = None
    place: str | None = None
    outlet: str | None = None
    q: str | None = None

    TEXTS = ("actor", "recipient", "country", "place", "outlet", "q")

    def validated(self, spell: Spell = cli_flag) -> Self:
        """As :meth:`_Query.validated`, also checking the type (upper-cased), the quad
        class and the confidence."""
        query = super().validated(spell)
        check_type(query.type, spell("type"))
        if query.quad is not None and query.quad not in (1, 2, 3, 4):
            raise UsageError(f"{spell('quad')} must be a quad class 1-4, got {query.quad}")
        confidence = query.min_confidence
        if confidence is not None and not 0.0 <= confidence <= 1.0:
            raise UsageError(f"{spell('min_confidence')} must be between 0 and 1, "
                             f"got {confidence}")
        return replace(query, type=query.type.upper() if query.type else None)

    def conditions(self) -> EventFilter:
        """The SQL conditions of these filters."""
        flt = EventFilter()
        for role, value in (("actor", self.actor), ("recipient", self.recipient),
                            ("any", self.country)):
            if value:
                flt.participant(role, value)
        return (flt.type(self.type).quad(self.quad).dates(self.since, self.until)
                .min_confidence(self.min_confidence).place(self.place).outlet(self.outlet)
                .words(self.q))


# -- quotes ------------------------------------------------------------------------------

# What a quote record can report (communique/1 ``act``), and ``all`` for every one.
QUOTE_ACTS = frozenset({"statement", "belief", "stance", "unasserted", "all"})

# The speaker's country: the entity the representative quote names as speaker, with what
# the corpus-level step learned about it filling a country the article left open.
QUOTE_COUNTRY = "upper(coalesce(se.country, sl.country))"


@dataclass(frozen=True)
class QuoteQuery(_Query):
    """Filters on merged quotes.

    ``speaker`` matches part of the speaker's name; ``country`` the speaker's country code;
    ``kind`` is direct, indirect or mixed; ``act`` what the quote reports (its
    representative mention's ``act``): ``statement`` when not given, as a reader of quotes
    expects, or ``belief``, ``stance``, ``unasserted`` or ``all``; ``since``/``until``
    bound the quote's first publication date (inclusive); ``outlet`` keeps quotes some
    article of that outlet carries; ``q`` is a full-text search over the text of any of its
    mentions.
    """

    speaker: str | None = None
    country: str | None = None
    kind: str | None = None
    act: str | None = None
    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    q: str | None = None

    TEXTS = ("speaker", "country", "kind", "outlet", "q")

    def validated(self, spell: Spell = cli_flag) -> Self:
        """As :meth:`_Query.validated`, also checking ``act``."""
        query = super().validated(spell)
        if query.act is not None and query.act.lower() not in QUOTE_ACTS:
            raise UsageError(f"{spell('act')} {query.act!r} is not one of "
                             + ", ".join(sorted(QUOTE_ACTS)))
        return replace(query, act=None if query.act is None else query.act.lower())

    def conditions(self) -> Conditions:
        """SQL conditions over ``corpus_quotes`` aliased ``c`` (and, for ``country``, the
        speaker entity joins of :data:`explore.QUOTE_FROM`)."""
        cond = Conditions()
        act = self.act or "statement"
        if act != "all":
            # Documents written before quotes carried an act: a belief by its kind, else
            # a statement.
            cond.add("EXISTS (SELECT 1 FROM quotes rq WHERE rq.article_id = c.rep_article_id "
                     "AND rq.id = c.rep_quote_id AND coalesce(json_extract(rq.data, '$.act'), "
                     "CASE WHEN lower(rq.kind) = 'belief' THEN 'belief' ELSE 'statement' END) "
                     "= ?)", act)
        if self.speaker:
            cond.add("c.speaker LIKE ? ESCAPE '\\'", f"%{like_escape(self.speaker)}%")
        if self.country:
            cond.add(f"{QUOTE_COUNTRY} = ?", self.country.upper())
        if self.kind:
            cond.add("lower(c.kind) = lower(?)", self.kind)
        if self.since:
            cond.add("c.first_seen >= ?", self.since)
        if self.until:
            cond.add("substr(c.first_seen, 1, 10) <= ?", self.until)
        if self.outlet:
            cond.add("EXISTS (SELECT 1 FROM quote_mentions om JOIN articles oa ON "
                     "oa.id = om.article_id WHERE om.corpus_quote_id = c.id AND "
                     "lower(oa.outlet) = lower(?))", self.outlet)
        if self.q:
            cond.add("c.id IN (SELECT m.corpus_quote_id FROM quotes_fts f JOIN quotes q "
                     "ON q.rowid = f.rowid JOIN quote_mentions m ON m.article_id = "
                     "q.article_id AND m.quote_id = q.id WHERE quotes_fts MATCH ?)",
                     fts_query(self.q))
        return cond


# -- actors ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActorQuery(_Query):
    """Filters on actors (entities grouped by name, kind, country, sector and code).

    ``q`` matches part of the name; ``country``, ``kind`` and ``sector`` equal the stored
    value (learned values fill what the article left open); ``outlet``, ``since`` and
    ``until`` keep only the mentions in articles of that outlet or published in that
    range, so the counts are those of the filtered articles.
    """

    q: str | None = None
    country: str | None = None
    kind: str | None = None
    sector: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None

    TEXTS = ("q", "country", "kind", "sector", "outlet")

    def conditions(self) -> Conditions:
        """SQL conditions over ``entities`` aliased ``e`` and ``learned_entities`` ``l``."""
        cond = Conditions()
        if self.q:
            cond.add("lower(e.name) LIKE ? ESCAPE '\\'", f"%{like_escape(self.q.lower())}%")
        for name, column in (("country", "country"), ("kind", "kind"), ("sector", "sector")):
            value = getattr(self, name)
            if value:
                stored = f"e.{column}" if name == "kind" else f"coalesce(e.{column}, l.{column})"
                cond.add(f"upper({stored}) = ?", value.upper())
        articles = Conditions()
        if self.outlet:
            articles.add("lower(outlet) = lower(?)", self.outlet)
        if self.since:
            articles.add("published >= ?", self.since)
        if self.until:
            articles.add("substr(published, 1, 10) <= ?", self.until)
        if articles.where:
            cond.add(f"e.article_id IN (SELECT id FROM articles{articles.sql()})",
                     *articles.params)
        return cond
