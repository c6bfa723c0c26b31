"""Read-only SQL the web UI needs beyond :class:`communique.store.Corpus`.

Everything here is a ``SELECT`` against the tables documented in docs/database.md; the
connection comes from :func:`communique.store.open_corpus` (``mode=ro``) and the app also
sets ``PRAGMA query_only``. Values always travel as SQL parameters, never in the SQL text.

Actor ids (the ``/actor/<id>`` URLs) are either a *code* — a country or CAMEO actor code
as stored (``KEN``, ``KENGOV``, ``IGOUNO``): the page aggregates everyone coded so — or a
*name* as stored in the entity table (``William Ruto``), matched without regard to case.
A string that is a stored code is a code; anything else is looked up as a name. Both are
stable across re-ingests because they come from the data, not from row order.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from communique.store.filters import fts_query, like_escape

Record = dict[str, Any]


def recent_articles(conn: sqlite3.Connection, limit: int = 10) -> list[Record]:
    """Latest articles by publication date (undated last)."""
    rows = conn.execute(
        "SELECT id, title, published, outlet, skipped FROM articles "
        "ORDER BY published IS NULL, published DESC, id LIMIT ?", (limit,))
    return [dict(zip(("id", "title", "published", "outlet", "skipped"), r, strict=True))
            for r in rows]


# -- actors ------------------------------------------------------------------------------


def is_code(conn: sqlite3.Connection, value: str) -> bool:
    """True when ``value`` is a stored country or actor code (see the module docstring)."""
    v = value.upper()
    if v != value:
        return False
    for sql in (
        "SELECT 1 FROM entities WHERE code = ? OR country = ? LIMIT 1",
        "SELECT 1 FROM corpus_event_participants WHERE code = ? OR country = ? LIMIT 1",
        "SELECT 1 FROM learned_entities WHERE code = ? OR country = ? LIMIT 1",
    ):
        if conn.execute(sql, (v, v)).fetchone():
            return True
    return False


def actor_name(conn: sqlite3.Connection, value: str) -> str | None:
    """The stored spelling of a named actor, or ``None`` when no table knows the name."""
    for sql in (
        "SELECT name FROM entities WHERE lower(name) = lower(?) "
        "GROUP BY name ORDER BY count(*) DESC LIMIT 1",
        "SELECT name FROM actor_knowledge WHERE lower(name) = lower(?) LIMIT 1",
        "SELECT speaker_name FROM quotes WHERE lower(speaker_name) = lower(?) LIMIT 1",
        "SELECT name FROM event_participants WHERE lower(name) = lower(?) LIMIT 1",
    ):
        row = conn.execute(sql, (value,)).fetchone()
        if row and row[0]:
            return str(row[0])
    return None


def actor_profiles(conn: sqlite3.Connection, name: str) -> list[Record]:
    """Distinct (kind, country, sector, code, role) profiles of a named actor, with how
    many article entities carry each; learned values fill what the article left open."""
    rows = conn.execute(
        "SELECT e.kind, coalesce(e.country, l.country), coalesce(e.sector, l.sector), "
        "coalesce(e.code, l.code), coalesce(e.role, l.role), "
        "(l.code IS NOT NULL AND e.code IS NULL) OR (l.role IS NOT NULL AND e.role IS NULL), "
        "count(*) FROM entities e LEFT JOIN learned_entities l ON l.article_id = e.article_id "
        "AND l.entity_id = e.id WHERE lower(e.name) = lower(?) GROUP BY 1, 2, 3, 4, 5, 6 "
        "ORDER BY 7 DESC", (name,))
    keys = ("kind", "country", "sector", "code", "role", "learned", "entities")
    return [dict(zip(keys, r, strict=True)) | {"learned": bool(r[5])} for r in rows]


def actor_knowledge(conn: sqlite3.Connection, name: str) -> list[Record]:
    """Corpus-level learned facts about a named actor (``actor_knowledge`` table)."""
    rows = conn.execute(
        "SELECT country, sector, code, role, first_seen, last_seen, num_articles "
        "FROM actor_knowledge WHERE lower(name) = lower(?) ORDER BY num_articles DESC, key",
        (name,))
    keys = ("country", "sector", "code", "role", "first_seen", "last_seen", "num_articles")
    return [dict(zip(keys, r, strict=True)) for r in rows]


def code_members(conn: sqlite3.Connection, code: str, limit: int = 50) -> list[Record]:
    """Named actors coded ``code`` (or of that country), most mentioned first."""
    rows = conn.execute(
        "SELECT e.name, e.kind, count(DISTINCT e.article_id) FROM entities e "
        "LEFT JOIN learned_entities l ON l.article_id = e.article_id AND l.entity_id = e.id "
        "WHERE coalesce(e.code, l.code) = ? OR coalesce(e.country, l.country) = ? "
        "GROUP BY e.name, e.kind ORDER BY 3 DESC, 1 LIMIT ?", (code, code, limit))
    return [{"name": n, "kind": k, "articles": a} for n, k, a in rows]


def actor_articles(conn: sqlite3.Connection, name: str, limit: int = 50) -> list[Record]:
    """Articles mentioning a named actor, newest first."""
    rows = conn.execute(
        "SELECT a.id, a.title, a.published FROM articles a WHERE a.id IN "
        "(SELECT article_id FROM entities WHERE lower(name) = lower(?)) "
        "ORDER BY a.published IS NULL, a.published DESC, a.id LIMIT ?", (name, limit))
    return [{"id": i, "title": t, "published": p} for i, t, p in rows]


def actor_quotes(conn: sqlite3.Connection, *, name: str | None = None,
                 code: str | None = None, limit: int = 50, offset: int = 0) -> list[Record]:
    """Merged quotes by a named speaker (any mention) or by speakers of a code."""
    if name is not None:
        cond = ("c.id IN (SELECT m.corpus_quote_id FROM quotes q JOIN quote_mentions m "
                "ON m.article_id = q.article_id AND m.quote_id = q.id "
                "WHERE lower(q.speaker_name) = lower(?))")
        params: list[Any] = [name]
    else:
        cond = "upper(c.speaker_code) LIKE ? ESCAPE '\\'"
        params = [like_escape((code or "").upper()) + "%"]
    rows = conn.execute(
        "SELECT c.id, c.speaker, c.speaker_code, c.kind, c.text, c.first_seen, c.num_articles, "
        "c.rep_article_id, c.rep_quote_id FROM corpus_quotes c WHERE " + cond
        + " ORDER BY c.first_seen IS NULL, c.first_seen, c.id LIMIT ? OFFSET ?",
        [*params, limit, offset])
    keys = ("id", "speaker", "speaker_code", "kind", "text", "first_seen", "num_articles",
            "article_id", "quote_id")
    return [dict(zip(keys, r, strict=True)) for r in rows]


# -- articles ----------------------------------------------------------------------------


def article_exists(conn: sqlite3.Connection, article_id: str) -> bool:
    """True when the article is stored."""
    return conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() \
        is not None


def article_corpus_ids(conn: sqlite3.Connection, article_id: str) -> tuple[dict[str, str],
                                                                           dict[str, str]]:
    """Per-article event and quote ids mapped to their merged (corpus-level) ids."""
    events = dict(conn.execute(
        "SELECT event_id, corpus_event_id FROM event_mentions WHERE article_id = ?",
        (article_id,)).fetchall())
    quotes = dict(conn.execute(
        "SELECT quote_id, corpus_quote_id FROM quote_mentions WHERE article_id = ?",
        (article_id,)).fetchall())
    return events, quotes


def article_skipped(conn: sqlite3.Connection, article_id: str) -> str | None:
    """Why the article got no NLP (non-English), else ``None``."""
    row = conn.execute("SELECT skipped FROM articles WHERE id = ?", (article_id,)).fetchone()
    return str(row[0]) if row and row[0] else None


# -- search ------------------------------------------------------------------------------

# Private-use characters mark snippet matches: they never occur in article text, so the
# template can escape the snippet first and then turn only these markers into <mark>.
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"


def search_articles(conn: sqlite3.Connection, text: str, *, limit: int,
                    offset: int = 0) -> list[Record]:
    """Full-text search over article titles and text, best match first, with snippets."""
    rows = conn.execute(
        "SELECT a.id, a.title, a.published, a.outlet, "
        f"snippet(articles_fts, 1, '{MARK_OPEN}', '{MARK_CLOSE}', '…', 16) FROM articles_fts "
        "JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ? "
        "ORDER BY rank LIMIT ? OFFSET ?", (fts_query(text), limit, offset))
    return [dict(zip(("id", "title", "published", "outlet", "snippet"), r, strict=True))
            for r in rows]
