"""Write ``communique/1`` documents into the corpus database, one transaction per article.

Every table keeps the complete original dict of its row as JSON (``data``) next to the
columns queries need, so a stored document reads back equal whatever fields the
extractors add later; entity mentions live in their own table (not duplicated in the
entity JSON), article text once in ``articles.text`` (indexed by FTS5).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from communique.store.schema import rollback
from communique.store.similarity import INDEX_KEYS, shingle_hashes, sketch

# Top-level document keys stored in their own tables; every other key goes to
# ``articles.document`` as JSON.
_SPLIT_KEYS = ("article", "headings", "removed", "entities", "quotes", "events")
# ``process`` marks the second copy of an article id met in one run with this reason;
# such a copy carries no NLP results and must never replace the stored article.
DUPLICATE_MARK = "duplicate of article"

Row = dict[str, Any]


def dumps(value: Any) -> str:
    """Canonical JSON: sorted keys, no spaces, non-ASCII kept (stable hashes and rows)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def sha1(value: Any) -> str:
    """Hex SHA-1 of the canonical JSON of ``value``."""
    return hashlib.sha1(dumps(value).encode("utf-8")).hexdigest()


def now() -> str:
    """UTC timestamp for the columns that may differ between runs."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def content_hash(document: Mapping[str, Any]) -> str:
    """Hash of the article itself (text and metadata, not where it was read from)."""
    article = {k: v for k, v in dict(document.get("article") or {}).items() if k != "source"}
    return sha1(article)


def pipeline_hash(document: Mapping[str, Any]) -> str:
    """Hash of the provenance (communique version, model, dictionaries)."""
    return sha1(document.get("provenance") or {})


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return None


def _float(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    return None


def _str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return str(value)
    return dumps(value)


def _flag(value: Any) -> int | None:
    if value is None:
        return None
    return 1 if bool(value) and value != "false" else 0


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def participant_key(ref: Mapping[str, Any]) -> str:
    """The code an actor/recipient is merged on: ``code``, else ``country``, else its name."""
    code = ref.get("code") or ref.get("country")
    if code:
        return str(code)
    name = ref.get("name")
    return f"?{str(name).casefold()}" if name else "?"


def participant_codes(refs: Any) -> str:
    """Sorted, ``+``-joined participant keys (order of listing does not matter)."""
    return "+".join(sorted({participant_key(r) for r in _list(refs) if isinstance(r, dict)}))


def article_row(document: Mapping[str, Any]) -> Row:
    """The ``articles`` row of a document (without timestamps)."""
    article = dict(_dict(document.get("article")))
    text = article.pop("text", "") or ""
    provenance = _dict(document.get("provenance"))
    rest = {k: v for k, v in document.items() if k not in _SPLIT_KEYS}
    return {
        "id": str(article.get("id")),
        "content_hash": content_hash(document),
        "pipeline_hash": pipeline_hash(document),
        "title": _str(article.get("title")),
        "url": _str(article.get("url")),
        "outlet": _str(article.get("outlet")),
        "published": _str(article.get("published")),
        "language": _str(article.get("language")),
        "text": str(text),
        "source": dumps(article.get("source")),
        "skipped": _str(document.get("skipped")),
        "version": _str(provenance.get("version")),
        "model": _str(provenance.get("model")),
        "dictionaries": dumps(provenance.get("dictionaries") or {}),
        "article": dumps(article),
        "document": dumps(rest),
    }


def _insert(conn: sqlite3.Connection, table: str, row: Row) -> None:
    columns = ", ".join(f'"{c}"' for c in row)
    marks = ", ".join("?" for _ in row)
    conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(row.values()))


def _entity_rows(article_id: str, entities: Sequence[Any]) -> tuple[list[Row], list[Row]]:
    rows: list[Row] = []
    mentions: list[Row] = []
    for seq, entity in enumerate(entities):
        if not isinstance(entity, dict):
            continue
        entity_id = str(entity.get("id", f"#{seq}"))
        data = {k: v for k, v in entity.items() if k != "mentions"}
        rows.append({
            "article_id": article_id, "id": entity_id, "seq": seq,
            "name": _str(entity.get("name")), "kind": _str(entity.get("kind")),
            "country": _str(entity.get("country")), "sector": _str(entity.get("sector")),
            "code": _str(entity.get("code")), "role": _str(entity.get("role")),
            "data": dumps(data),
        })
        for m_seq, mention in enumerate(_list(entity.get("mentions"))):
            m = _dict(mention)
            mentions.append({
                "article_id": article_id, "entity_id": entity_id, "seq": m_seq,
                "start": _int(m.get("start")), "end": _int(m.get("end")),
                "text": _str(m.get("text")), "type": _str(m.get("type")),
                "data": dumps(mention),
            })
    return rows, mentions


def _quote_row(article_id: str, seq: int, quote: dict[str, Any],
               entity_codes: Mapping[str, str | None]) -> Row:
    speaker = _dict(quote.get("speaker"))
    entity = _str(speaker.get("entity"))
    cue = _dict(quote.get("cue"))
    return {
        "article_id": article_id, "id": str(quote.get("id", f"#{seq}")), "seq": seq,
        "kind": _str(quote.get("kind")), "text": _str(quote.get("text")),
        "start": _int(quote.get("start")), "end": _int(quote.get("end")),
        "speaker_entity": entity,
        "speaker_name": _str(speaker.get("name") or speaker.get("text")),
        "speaker_code": entity_codes.get(entity) if entity else None,
        "addressee_name": _str(_dict(quote.get("addressee")).get("name")),
        "channel_name": _str(_dict(quote.get("channel")).get("name")),
        "cue": _str(cue.get("lemma") or cue.get("text")),
        "data": dumps(quote),
    }


def _event_rows(article_id: str, seq: int, event: dict[str, Any]) -> tuple[Row, list[Row]]:
    event_id = str(event.get("id", f"#{seq}"))
    modality = _dict(event.get("modality"))
    date = _dict(event.get("date"))
    trigger = _dict(event.get("trigger"))
    location = _dict(event.get("location"))
    cameo = event.get("cameo")
    row = {
        "article_id": article_id, "id": event_id, "seq": seq,
        "plover": _str(event.get("plover")),
        "cameo": _str(cameo) if cameo is not None else None,
        "quad": _int(event.get("quad")), "goldstein": _float(event.get("goldstein")),
        "actor_codes": participant_codes(event.get("actors")),
        "recipient_codes": participant_codes(event.get("recipients")),
        "reciprocal": _flag(event.get("reciprocal")),
        "date_value": _str(date.get("value")), "date_resolution": _str(date.get("resolution")),
        "date_text": _str(date.get("text")),
        "negated": _flag(modality.get("negated")), "intent": _flag(modality.get("intent")),
        "hypothetical": _flag(modality.get("hypothetical")),
        "historical": _flag(modality.get("historical")),
        "reported": _flag(modality.get("reported")),
        "reported_by": _str(event.get("reported_by")),
        "trigger_text": _str(trigger.get("text")), "trigger_start": _int(trigger.get("start")),
        "trigger_end": _int(trigger.get("end")),
        "sentence_index": _int(_dict(event.get("sentence")).get("index")),
        "location_name": _str(location.get("name") or location.get("text")),
        "location_country": _str(location.get("country")),
        "confidence": _float(event.get("confidence")),
        "data": dumps(event),
    }
    participants: list[Row] = []
    for role, key in (("actor", "actors"), ("recipient", "recipients")):
        for p_seq, ref in enumerate(_list(event.get(key))):
            r = _dict(ref)
            participants.append({
                "article_id": article_id, "event_id": event_id, "role": role, "seq": p_seq,
                "entity": _str(r.get("entity")), "name": _str(r.get("name")),
                "country": _str(r.get("country")), "sector": _str(r.get("sector")),
                "code": _str(r.get("code")),
            })
    return row, participants


def _insert_document(conn: sqlite3.Connection, document: Mapping[str, Any]) -> str:
    row = article_row(document)
    article_id = str(row["id"])
    _insert(conn, "articles", {**row, "ingested_at": now()})
    hashes = shingle_hashes(row["text"])
    sk = sketch(hashes)
    conn.execute("INSERT INTO article_sketch(article_id, sketch) VALUES (?, ?)",
                 (article_id, dumps(sk)))
    conn.executemany("INSERT INTO article_minhash(h, article_id) VALUES (?, ?)",
                     [(h, article_id) for h in sk[:INDEX_KEYS]])
    for seq, heading in enumerate(_list(document.get("headings"))):
        h = _dict(heading)
        _insert(conn, "headings", {"article_id": article_id, "seq": seq,
                                   "start": _int(h.get("start")), "end": _int(h.get("end")),
                                   "text": _str(h.get("text"))})
    for seq, removal in enumerate(_list(document.get("removed"))):
        r = _dict(removal)
        _insert(conn, "removed", {"article_id": article_id, "seq": seq,
                                  "start": _int(r.get("start")), "end": _int(r.get("end")),
                                  "reason": _str(r.get("reason")), "text": _str(r.get("text"))})
    entities, mentions = _entity_rows(article_id, _list(document.get("entities")))
    for entity_row in entities:
        _insert(conn, "entities", entity_row)
    for mention_row in mentions:
        _insert(conn, "mentions", mention_row)
    codes = {e["id"]: e["code"] or e["country"] for e in entities}
    for seq, quote in enumerate(_list(document.get("quotes"))):
        if isinstance(quote, dict):
            _insert(conn, "quotes", _quote_row(article_id, seq, quote, codes))
    for seq, event in enumerate(_list(document.get("events"))):
        if isinstance(event, dict):
            event_row, participants = _event_rows(article_id, seq, event)
            _insert(conn, "events", event_row)
            for participant in participants:
                _insert(conn, "event_participants", participant)
    return article_id


def delete_article(conn: sqlite3.Connection, article_id: str) -> None:
    """Remove an article and every row derived from it (inside the caller's transaction)."""
    # Foreign keys cascade to the per-article tables; the FTS delete triggers fire.
    conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))


def record_input(conn: sqlite3.Connection, source: str, raw_hash: str,
                 pipeline: str | None, status: str, article_id: str | None,
                 reason: str | None) -> None:
    """Remember what happened to one input so a rerun can skip it."""
    conn.execute(
        "INSERT OR REPLACE INTO inputs(source, raw_hash, pipeline_hash, status, article_id, "
        "reason, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (source, raw_hash, pipeline, status, article_id, reason, now()),
    )


def _mark_dirty(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('resolved', '0')")


def write_document(
    conn: sqlite3.Connection,
    document: Mapping[str, Any],
    *,
    source: str | None = None,
    raw_hash: str | None = None,
    fingerprint: str | None = None,
) -> str:
    """Store one document atomically; return ``added``, ``replaced``, ``unchanged`` or ``skipped``.

    Same article id with the same content and pipeline hashes adds nothing; a changed
    article (or one processed by another model/version) replaces all its derived rows in
    the same transaction. ``source``/``raw_hash``/``fingerprint`` (of the pipeline that ran)
    record the input for resumption.
    """
    article_id = str(_dict(document.get("article")).get("id"))
    skipped = document.get("skipped")
    status: str
    conn.execute("BEGIN IMMEDIATE")
    try:
        # A second copy of a stored article (same id, other input) is recorded the same
        # way whether the copy comes in the same run or in a later, resumed one.
        duplicate = f"{DUPLICATE_MARK} {article_id}"
        if isinstance(skipped, str) and DUPLICATE_MARK in skipped:
            status = "skipped"
            if source is not None:
                record_input(conn, source, raw_hash or "", fingerprint, "skipped",
                             article_id, duplicate)
        else:
            existing = conn.execute(
                "SELECT content_hash, pipeline_hash, source FROM articles WHERE id = ?",
                (article_id,),
            ).fetchone()
            wanted = (content_hash(document), pipeline_hash(document))
            this_source = dumps(_dict(document.get("article")).get("source"))
            if existing is not None and tuple(existing[:2]) == wanted:
                status = "unchanged"
                if existing[2] != this_source:
                    status = "skipped"
            else:
                status = "added" if existing is None else "replaced"
                if existing is not None:
                    delete_article(conn, article_id)
                _insert_document(conn, document)
                _mark_dirty(conn)
            if source is not None:
                if status == "skipped":
                    record_input(conn, source, raw_hash or "", fingerprint, "skipped",
                                 article_id, duplicate)
                else:
                    record_input(conn, source, raw_hash or "", fingerprint, "done", article_id,
                                 skipped if isinstance(skipped, str) else None)
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)
        raise
    return status


def record_failure(conn: sqlite3.Connection, source: str, raw_hash: str, reason: str) -> None:
    """Record a failed input with its reason, in its own transaction."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        record_input(conn, source, raw_hash, None, "failed", None, reason)
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)
        raise
