"""The corpus-level step: syndication, cross-article event and quote merging, actor knowledge.

It rebuilds the corpus tables (``syndication``, ``corpus_events``, ``event_mentions``,
``corpus_event_participants``, ``corpus_quotes``, ``quote_mentions``) from the
per-article rows in one transaction. Every decision is a function of the stored rows
only, iterated in a content-defined order, and groups are connected components of a
symmetric relation whose ids are hashes of their content: the result does not depend on
input order, worker count or interruptions. Per-article rows are never changed, so
each mention keeps its evidence.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from itertools import groupby
from typing import Any
from urllib.parse import urlsplit

from communique.store.knowledge import apply_actor_knowledge
from communique.store.schema import rollback
from communique.store.similarity import (
    SYNDICATION_THRESHOLD,
    group_pairs,
    jaccard,
    near_duplicate_groups,
    normalize,
    sequence_ratio,
    sketch,
    word_hash,
)
from communique.store.writer import participant_key, sha1

# Two quotes of one speaker are "the same quote" when their normalised word sequences
# have a difflib ratio >= 0.9: one inserted or changed word in a 10-word quote gives
# ~0.95, while "We will answer" / "We will not answer" (0.86) stay apart. Candidates
# come from bottom-k sketches of the quotes' word sets; identical texts always merge.
QUOTE_THRESHOLD = 0.9
# Shorter quotes are fragments ("obsolete", "any wrongdoing"): the same words recur in
# different statements (Trump's "obsolete" about NATO in 2017 and in 2019), so they are
# never merged.
QUOTE_MIN_WORDS = 4
# Index keys shared by more texts than this are boilerplate and give no candidates.
MAX_POSTING = 1000
_WEEKDAY = re.compile(
    r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE
)
_DAY_RESOLUTIONS = {"day", "publication"}


@dataclass
class ResolveSummary:
    """Counts before and after the corpus-level step."""

    articles: int = 0
    syndication_groups: int = 0
    syndicated_articles: int = 0
    event_mentions: int = 0
    events: int = 0
    merged_events: int = 0
    quote_mentions: int = 0
    quotes: int = 0
    merged_quotes: int = 0
    actor_knowledge: str = "not applied"
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for JSON output."""
        return asdict(self)


def _day(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def is_weekday_date(text: str | None, resolution: str | None) -> bool:
    """True when a day-resolved date came from a weekday name ("on Tuesday")."""
    if resolution != "day" or not text:
        return False
    return bool(_WEEKDAY.search(text)) and not any(ch.isdigit() for ch in text)


def _outlet_key(outlet: str | None, url: str | None, article_id: str) -> str:
    if outlet and outlet.strip():
        return "outlet:" + normalize(outlet)
    if url:
        host = urlsplit(url).hostname or ""
        if host:
            return "outlet:" + host.removeprefix("www.")
    return "article:" + article_id


# --- syndication -----------------------------------------------------------------------

def _candidate_pairs(conn: sqlite3.Connection) -> Iterator[tuple[str, str]]:
    rows = conn.execute(
        "SELECT DISTINCT a.article_id, b.article_id FROM article_minhash a "
        "JOIN article_minhash b ON a.h = b.h AND a.article_id < b.article_id "
        "WHERE a.h NOT IN (SELECT h FROM article_minhash GROUP BY h HAVING count(*) > ?) "
        "ORDER BY 1, 2",
        (MAX_POSTING,),
    )
    for a, b in rows:
        yield str(a), str(b)


def _resolve_syndication(conn: sqlite3.Connection, summary: ResolveSummary) -> None:
    import json

    sketches: dict[str, list[int]] = {}

    def sketch_of(article_id: str) -> list[int]:
        if article_id not in sketches:
            row = conn.execute("SELECT sketch FROM article_sketch WHERE article_id = ?",
                               (article_id,)).fetchone()
            sketches[article_id] = [int(h) for h in json.loads(row[0])] if row else []
        return sketches[article_id]

    confirmed = [
        (a, b) for a, b in _candidate_pairs(conn)
        if jaccard(sketch_of(a), sketch_of(b)) >= SYNDICATION_THRESHOLD
    ]
    groups = group_pairs((), confirmed)
    sizes = Counter(groups.values())
    summary.syndication_groups = len(sizes)
    summary.syndicated_articles = sum(sizes.values())
    conn.execute("DELETE FROM syndication")
    summary.articles = int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def rows() -> Iterator[tuple[str, str, str]]:  # streamed: constant memory
        for article_id, outlet, url in conn.execute(
                "SELECT id, outlet, url FROM articles ORDER BY id"):
            group = groups.get(article_id, article_id)
            key = "wire:" + group if group in sizes else _outlet_key(outlet, url, article_id)
            yield article_id, group, key

    conn.cursor().executemany(
        "INSERT INTO syndication(article_id, group_id, source_key) VALUES (?, ?, ?)", rows()
    )


# --- events ----------------------------------------------------------------------------

@dataclass
class _Mention:
    article_id: str
    event_id: str
    cameo: str | None
    quad: int | None
    goldstein: float | None
    day: date | None
    resolution: str | None
    weekday: bool
    published: str | None
    source_key: str
    place: str | None = None
    persons: dict[str, frozenset[str]] = field(default_factory=dict)
    hypothetical: bool = False

    @property
    def key(self) -> str:
        return f"{self.article_id}\x1f{self.event_id}"


def _compatible(a: _Mention, b: _Mention, has_recipient: bool) -> bool:
    """Beyond equal codes: the same people, and a place when there is no recipient.

    With codes alone (hand-checked in eval/store-merge-handcheck.tsv), most merges
    joined different statements by different officials of one government
    ("USAGOV": Trump, Tillerson) or recipient-less events that shared only actor and day.
    Named people on both sides must share a name word ("Trump" / "Donald J. Trump"), and
    an event without a recipient must name the same place to be merged.
    """
    if not has_recipient and (a.place is None or a.place != b.place):
        return False
    for role in ("actor", "recipient"):
        left, right = a.persons.get(role), b.persons.get(role)
        if left and right and not left & right:
            return False
    return True


def _event_clusters(members: Sequence[_Mention], has_recipient: bool = True
                    ) -> list[list[_Mention]]:
    """Same day, or one day apart when either date came from a weekday name (and
    :func:`_compatible`)."""
    # Hypothetical events ("Iran could attack US forces") did not happen: two of them are
    # never "one event", so they stay alone like undated ones.
    dated = sorted((m for m in members if m.day is not None and not m.hypothetical),
                   key=lambda m: (m.day or date.min, m.key))
    pairs: list[tuple[str, str]] = []
    for i, a in enumerate(dated):
        for b in dated[i + 1:]:
            assert a.day is not None and b.day is not None
            gap = (b.day - a.day).days
            if gap > 1:
                break
            if (gap == 0 or a.weekday or b.weekday) and _compatible(a, b, has_recipient):
                pairs.append((a.key, b.key))
    roots = group_pairs((m.key for m in dated), pairs)
    clusters: dict[str, list[_Mention]] = defaultdict(list)
    for m in dated:
        clusters[roots[m.key]].append(m)
    result = [sorted(c, key=lambda m: m.key) for _, c in sorted(clusters.items())]
    # Undated (or coarsely dated) mentions are never merged: nothing says they are one event.
    result.extend([m] for m in sorted((m for m in members
                                       if m.day is None or m.hypothetical),
                                      key=lambda m: m.key))
    return result


# Words that do not identify a person in a canonical entity name.
_NAME_NOISE = frozenset({"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president", "the",
                         "jr", "sr"})


def _persons(conn: sqlite3.Connection, article_id: str, event_id: str
             ) -> dict[str, frozenset[str]]:
    words: dict[str, set[str]] = {"actor": set(), "recipient": set()}
    for role, name in conn.execute(
        "SELECT p.role, coalesce(en.name, p.name) FROM event_participants p "
        "JOIN entities en ON en.article_id = p.article_id AND en.id = p.entity "
        "WHERE p.article_id = ? AND p.event_id = ? AND en.kind = 'person'",
        (article_id, event_id),
    ):
        words[role].update(w for w in normalize(str(name or "")).split()
                           if len(w) > 1 and w not in _NAME_NOISE)
    return {role: frozenset(ws) for role, ws in words.items() if ws}


def _canonical_day(cluster: Sequence[_Mention]) -> date | None:
    exact = [m.day for m in cluster if m.day is not None and not m.weekday]
    pool = exact or [m.day for m in cluster if m.day is not None]
    if not pool:
        return None
    counts = Counter(pool)
    return min(counts, key=lambda d: (-counts[d], d))


def _representative(cluster: Sequence[_Mention]) -> _Mention:
    return min(cluster, key=lambda m: (m.weekday, m.published or "9999", m.key))


# Participant columns with the learned overlay applied to uncoded participants only.
_PARTICIPANT_OVERLAY = (
    "CASE WHEN p.code IS NULL AND p.country IS NULL AND l.entity_id IS NOT NULL "
    "THEN l.{0} ELSE p.{0} END"
)


def _effective_codes(conn: sqlite3.Connection) -> None:
    """Temp table of events whose participant codes change with learned actor knowledge."""
    conn.execute("DROP TABLE IF EXISTS temp.effective_codes")
    conn.execute("CREATE TEMP TABLE effective_codes (article_id TEXT, event_id TEXT, "
                 "actor_codes TEXT, recipient_codes TEXT, PRIMARY KEY (article_id, event_id))")
    affected = conn.execute(
        "SELECT DISTINCT p.article_id, p.event_id FROM event_participants p "
        "JOIN learned_entities l ON l.article_id = p.article_id AND l.entity_id = p.entity "
        "WHERE p.code IS NULL AND p.country IS NULL ORDER BY 1, 2").fetchall()
    columns = "p.name, " + ", ".join(_PARTICIPANT_OVERLAY.format(c) for c in ("country", "code"))
    for article_id, event_id in affected:
        keys: dict[str, set[str]] = {"actor": set(), "recipient": set()}
        for role, name, country, code in conn.execute(
            f"SELECT p.role, {columns} FROM event_participants p LEFT JOIN learned_entities l "
            "ON l.article_id = p.article_id AND l.entity_id = p.entity "
            "WHERE p.article_id = ? AND p.event_id = ?", (article_id, event_id)):
            keys[role].add(participant_key({"name": name, "country": country, "code": code}))
        conn.execute("INSERT INTO effective_codes VALUES (?, ?, ?, ?)",
                     (article_id, event_id, "+".join(sorted(keys["actor"])),
                      "+".join(sorted(keys["recipient"]))))


def _resolve_events(conn: sqlite3.Connection, summary: ResolveSummary) -> None:
    for table in ("corpus_events", "corpus_event_participants", "event_mentions"):
        conn.execute(f"DELETE FROM {table}")
    _effective_codes(conn)
    rows = conn.execute(
        "SELECT coalesce(e.plover, ''), coalesce(substr(e.cameo, 1, 3), ''), "
        "coalesce(f.actor_codes, e.actor_codes), "
        "coalesce(f.recipient_codes, e.recipient_codes), coalesce(e.negated, 0), "
        "e.article_id, e.id, e.cameo, e.quad, "
        "e.goldstein, e.date_value, e.date_resolution, e.date_text, a.published, "
        "s.source_key, e.location_name, coalesce(e.hypothetical, 0) FROM events e "
        "JOIN articles a ON a.id = e.article_id "
        "JOIN syndication s ON s.article_id = e.article_id "
        "LEFT JOIN effective_codes f ON f.article_id = e.article_id AND f.event_id = e.id "
        "ORDER BY 1, 2, 3, 4, 5, e.article_id, e.id"
    )
    overlay = "p.name, " + ", ".join(_PARTICIPANT_OVERLAY.format(c)
                                     for c in ("country", "sector", "code"))
    write = conn.cursor()
    for key, group in groupby(rows, key=lambda r: tuple(r[:5])):
        plover, base, actors, recipients, negated = key
        members = []
        for r in group:
            resolution = r[11]
            day = _day(r[10]) if resolution in _DAY_RESOLUTIONS else None
            members.append(_Mention(
                article_id=r[5], event_id=r[6], cameo=r[7], quad=r[8], goldstein=r[9],
                day=day, resolution=resolution, weekday=is_weekday_date(r[12], resolution),
                published=r[13], source_key=r[14],
                place=normalize(r[15]) if r[15] else None,
                persons=_persons(conn, r[5], r[6]) if day is not None else {},
                hypothetical=bool(r[16]),
            ))
        summary.event_mentions += len(members)
        for cluster in _event_clusters(members, has_recipient=bool(recipients)):
            rep = _representative(cluster)
            day = _canonical_day(cluster)
            if day is not None:
                # Two clusters may share a day (different people or places): the smallest
                # member makes the id unique; it is a function of the stored rows only.
                first = min(m.key for m in cluster)
                corpus_id = "ev-" + sha1(["event", *key, day.isoformat(), first])[:16]
            else:
                corpus_id = "ev-" + sha1(["event", *key, rep.article_id, rep.event_id])[:16]
            published = sorted(m.published for m in cluster if m.published)
            resolution = ("day" if any(m.day == day and not m.weekday for m in cluster)
                          else rep.resolution)
            write.execute(
                "INSERT INTO corpus_events(id, plover, cameo, cameo_base, quad, goldstein, "
                "actor_codes, recipient_codes, negated, date, date_resolution, first_seen, "
                "last_seen, num_mentions, num_articles, num_sources, rep_article_id, "
                "rep_event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (corpus_id, plover or None, rep.cameo, base or None, rep.quad, rep.goldstein,
                 actors, recipients, negated, day.isoformat() if day else None,
                 resolution if day else rep.resolution,
                 published[0] if published else None, published[-1] if published else None,
                 len(cluster), len({m.article_id for m in cluster}),
                 len({m.source_key for m in cluster}), rep.article_id, rep.event_id),
            )
            write.executemany(
                "INSERT INTO event_mentions(article_id, event_id, corpus_event_id) "
                "VALUES (?, ?, ?)",
                [(m.article_id, m.event_id, corpus_id) for m in cluster],
            )
            write.execute(
                "INSERT INTO corpus_event_participants(corpus_event_id, role, seq, name, "
                f"country, sector, code) SELECT ?, p.role, p.seq, {overlay} "
                "FROM event_participants p LEFT JOIN learned_entities l ON "
                "l.article_id = p.article_id AND l.entity_id = p.entity "
                "WHERE p.article_id = ? AND p.event_id = ?",
                (corpus_id, rep.article_id, rep.event_id),
            )
            summary.events += 1
            if len(cluster) > 1:
                summary.merged_events += 1


# --- quotes ----------------------------------------------------------------------------

def _same_words(words: Sequence[Sequence[str]]) -> Callable[[int, int], bool]:
    def check(a: int, b: int) -> bool:
        if min(len(words[a]), len(words[b])) < QUOTE_MIN_WORDS:
            return False
        return sequence_ratio(words[a], words[b]) >= QUOTE_THRESHOLD
    return check


def _resolve_quotes(conn: sqlite3.Connection, summary: ResolveSummary) -> None:
    conn.execute("DELETE FROM corpus_quotes")
    conn.execute("DELETE FROM quote_mentions")
    conn.create_function("cq_normalize", 1, lambda s: normalize(s) if s else "",
                         deterministic=True)
    rows = conn.execute(
        "SELECT cq_normalize(q.speaker_name), q.article_id, q.id, q.text, q.kind, "
        "q.speaker_name, coalesce(q.speaker_code, l.code, l.country), a.published, "
        "s.source_key FROM quotes q JOIN articles a ON a.id = q.article_id "
        "LEFT JOIN learned_entities l ON l.article_id = q.article_id "
        "AND l.entity_id = q.speaker_entity "
        "JOIN syndication s ON s.article_id = q.article_id ORDER BY 1, q.article_id, q.id"
    )
    write = conn.cursor()
    for speaker, group in groupby(rows, key=lambda r: str(r[0])):
        members = list(group)
        summary.quote_mentions += len(members)
        keys = [f"{r[1]}\x1f{r[2]}" for r in members]
        if speaker:
            words = [normalize(r[3] or "").split() for r in members]
            # A statement syndicated to many articles is one text compared once: only the
            # first of each exact text enters the near-duplicate search, and its copies
            # join it directly (the search would compare every pair of copies).
            exact: dict[str, list[str]] = defaultdict(list)
            unique: list[int] = []
            for index, (k, ws) in enumerate(zip(keys, words, strict=True)):
                if len(ws) < QUOTE_MIN_WORDS:
                    unique.append(index)
                    continue
                text = " ".join(ws)
                if text not in exact:
                    unique.append(index)
                exact[text].append(k)
            distinct = [words[i] for i in unique]
            items = [(keys[i], sketch({word_hash(w) for w in words[i]})) for i in unique]
            roots = near_duplicate_groups(items, max_posting=MAX_POSTING,
                                          verify=_same_words(distinct))
            same = [(group[0], other) for group in exact.values() for other in group[1:]]
            roots = group_pairs(keys, [*((k, r) for k, r in roots.items() if k != r), *same])
        else:  # no speaker: nothing says two quotes are the same statement
            roots = {k: k for k in keys}
        clusters: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
        for k, r in zip(keys, members, strict=True):
            clusters[roots[k]].append(tuple(r))
        for _root, cluster in sorted(clusters.items()):
            rep = min(cluster, key=lambda r: (r[7] or "9999", r[1], r[2]))
            # The smallest member keeps ids unique when equal texts stay apart (short ones).
            first = min((r[1], r[2]) for r in cluster)
            corpus_id = "qt-" + sha1(["quote", speaker, normalize(rep[3] or ""), *first])[:16]
            published = sorted(r[7] for r in cluster if r[7])
            write.execute(
                "INSERT INTO corpus_quotes(id, speaker, speaker_code, text, kind, first_seen, "
                "last_seen, num_mentions, num_articles, num_sources, rep_article_id, "
                "rep_quote_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (corpus_id, rep[5], rep[6], rep[3], rep[4],
                 published[0] if published else None, published[-1] if published else None,
                 len(cluster), len({r[1] for r in cluster}), len({r[8] for r in cluster}),
                 rep[1], rep[2]),
            )
            write.executemany(
                "INSERT INTO quote_mentions(article_id, quote_id, corpus_quote_id) "
                "VALUES (?, ?, ?)",
                [(r[1], r[2], corpus_id) for r in cluster],
            )
            summary.quotes += 1
            if len(cluster) > 1:
                summary.merged_quotes += 1


def resolve(conn: sqlite3.Connection) -> ResolveSummary:
    """Run the whole corpus-level step in one transaction and return its counts."""
    summary = ResolveSummary()
    conn.execute("BEGIN IMMEDIATE")
    try:
        summary.actor_knowledge = apply_actor_knowledge(conn)
        _resolve_syndication(conn, summary)
        _resolve_events(conn, summary)
        _resolve_quotes(conn, summary)
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('resolved', '1')")
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)
        raise
    return summary
