"""Apply actor knowledge learned across the corpus to the stored entities (corpus level).

Uses the actors package's API (``communique.actors.learning``: ``KnowledgeBase`` and
``apply_learned``): facts ("Treasury Secretary Janet Yellen", with the dates the role was
seen) are gathered from every stored article first, then applied article by article to
people the article itself could not code. The stored per-article ``entities`` rows are
never changed (a document reads back exactly as extracted); what was learned goes to
``learned_entities`` — an overlay rebuilt from scratch on every run, so the result depends
only on the set of stored articles, never on the order or the batches they came in — and
the facts themselves to ``actor_knowledge``.
"""

from __future__ import annotations

import importlib
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from communique.store.writer import dumps


def _person_documents(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """Light documents (article id/date + person entities with mentions), by article id."""
    articles = conn.execute(
        "SELECT DISTINCT e.article_id, a.published FROM entities e "
        "JOIN articles a ON a.id = e.article_id WHERE e.kind = 'person' ORDER BY e.article_id"
    ).fetchall()
    for article_id, published in articles:
        mentions: dict[str, list[Any]] = defaultdict(list)
        for entity_id, data in conn.execute(
            "SELECT entity_id, data FROM mentions WHERE article_id = ? ORDER BY entity_id, seq",
            (article_id,),
        ):
            mentions[entity_id].append(json.loads(data))
        entities = []
        for entity_id, data in conn.execute(
            "SELECT id, data FROM entities WHERE article_id = ? AND kind = 'person' "
            "ORDER BY seq", (article_id,),
        ):
            entity = json.loads(data)
            entity["mentions"] = mentions.get(entity_id, [])
            entities.append(entity)
        yield {"article": {"id": article_id, "published": published}, "entities": entities}


def apply_actor_knowledge(conn: sqlite3.Connection) -> str:
    """Rebuild ``actor_knowledge`` and ``learned_entities``; return a status line.

    Runs inside the caller's transaction. When the actors package does not provide the
    learning API the overlay is left empty and the status says so.
    """
    conn.execute("DELETE FROM learned_entities")
    conn.execute("DELETE FROM actor_knowledge")
    try:
        learning = importlib.import_module("communique.actors.learning")
    except ImportError:
        return "not available (communique.actors.learning is absent)"
    knowledge_base = getattr(learning, "KnowledgeBase", None)
    apply_learned = getattr(learning, "apply_learned", None)
    if knowledge_base is None or apply_learned is None:
        return "not available (communique.actors.learning lacks KnowledgeBase/apply_learned)"
    kb = knowledge_base()
    for document in _person_documents(conn):
        kb.add_document(document)
    for fact in kb.facts.values():
        data = fact.to_dict()
        key = "|".join(str(part) for part in (data.get("name"), data.get("country"),
                                              data.get("role")))
        dates = sorted(data.get("dates") or [])
        conn.execute(
            "INSERT OR REPLACE INTO actor_knowledge(key, name, country, sector, code, role, "
            "first_seen, last_seen, num_articles, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (key, data.get("name"), data.get("country"), data.get("sector"), data.get("code"),
             data.get("role"), dates[0] if dates else None, dates[-1] if dates else None,
             len(data.get("articles") or []), dumps(data)),
        )
    applied = conflicts = 0
    for document in _person_documents(conn):
        if not any(not e.get("country") for e in document["entities"]):
            continue
        updated, found = apply_learned([document], kb=kb)
        conflicts += len(found)
        article_id = document["article"]["id"]
        for entity in updated[0]["entities"]:
            learned = entity.get("learned")
            if not learned:
                continue
            applied += 1
            conn.execute(
                "INSERT INTO learned_entities(article_id, entity_id, country, sector, code, "
                "role, learned) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (article_id, entity["id"], entity.get("country"), entity.get("sector"),
                 entity.get("code"), entity.get("role"), dumps(learned)),
            )
    return (f"applied: {len(kb.facts)} learned facts, {applied} entities coded, "
            f"{conflicts} conflicts with curated entries kept curated")
