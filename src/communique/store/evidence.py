"""The evidence of one merged event: every article reporting it, and the words it rests on.

For each per-article mention merged into the event (:meth:`Corpus.event_mentions`) this
adds what a reader checks the coding against: the article's title, the sentence the event
was coded from, and where in that sentence the trigger, the actors, the recipients and the
place are (offsets into the sentence, so a page can highlight them without the rest of
the article). Parties are found through their entity's mentions inside the sentence; a
party the sentence names only through coreference elsewhere has no offsets there, and a
place is found by its words (the geocoder keeps no offsets).
"""

from __future__ import annotations

from typing import Any

from communique.store.export_events import sub
from communique.store.reader import Corpus

Record = dict[str, Any]


def _offsets(span: Record, lo: int, hi: int) -> tuple[int, int] | None:
    """``span``'s ``start`` and ``end`` when both are offsets between ``lo`` and ``hi``."""
    start, end = span.get("start"), span.get("end")
    if isinstance(start, int) and isinstance(end, int) and lo <= start < end <= hi:
        return start, end
    return None


def _party_spans(corpus: Corpus, article_id: str, event: Record, lo: int,
                 hi: int) -> list[Record]:
    """Mentions of the event's actors and recipients between ``lo`` and ``hi``."""
    spans: list[Record] = []
    for role, key in (("actor", "actors"), ("recipient", "recipients")):
        for party in event.get(key) or []:
            entity = party.get("entity") if isinstance(party, dict) else None
            if not entity:
                continue
            label = party.get("code") or party.get("country") or ""
            for start, end in corpus.conn.execute(
                'SELECT start, "end" FROM mentions WHERE article_id = ? AND entity_id = ? '
                "ORDER BY seq", (article_id, entity)):
                if _offsets({"start": start, "end": end}, lo, hi):
                    spans.append({"role": role, "start": start - lo, "end": end - lo,
                                  "name": party.get("name"), "code": label})
    return spans


def _sentence(text: str, event: Record) -> tuple[int, int]:
    """The event's sentence as offsets into the article text (the trigger's surroundings
    when the sentence was not stored)."""
    sentence = _offsets(sub(event, "sentence"), 0, len(text))
    if sentence:
        return sentence
    trigger = _offsets(sub(event, "trigger"), 0, len(text))
    if trigger:
        return max(0, trigger[0] - 150), min(len(text), trigger[1] + 150)
    return 0, 0


def event_evidence(corpus: Corpus, corpus_event_id: str) -> list[Record]:
    """Every mention of a merged event, oldest article first: what
    :meth:`Corpus.event_mentions` gives plus ``title``, ``sentence`` (its text, ``start``
    and ``end`` in the article) and ``spans`` (``role`` trigger, actor, recipient or
    place, with ``start``/``end`` relative to the sentence)."""
    out = []
    for mention in corpus.event_mentions(corpus_event_id):
        row = corpus.conn.execute("SELECT title, text FROM articles WHERE id = ?",
                                  (mention["article_id"],)).fetchone()
        title, text = (row[0], str(row[1] or "")) if row else (None, "")
        event: Record = mention["event"] or {}
        lo, hi = _sentence(text, event)
        spans: list[Record] = []
        trigger = _offsets(sub(event, "trigger"), lo, hi)
        if trigger:
            spans.append({"role": "trigger", "start": trigger[0] - lo, "end": trigger[1] - lo,
                          "name": sub(event, "trigger").get("text")})
        spans += _party_spans(corpus, mention["article_id"], event, lo, hi)
        place = sub(event, "location")
        words = str(place.get("text") or place.get("name") or "")
        at = text.find(words, lo, hi) if words else -1
        if at >= 0:
            spans.append({"role": "place", "start": at - lo, "end": at - lo + len(words),
                          "name": place.get("name")})
        out.append(mention | {"title": title, "spans": spans,
                              "sentence": {"text": text[lo:hi], "start": lo, "end": hi}})
    out.sort(key=lambda m: (m["published"] is None, m["published"] or "", m["article_id"],
                            m["event_id"]))
    return out
