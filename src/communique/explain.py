"""Why an event was or was not coded: every candidate trigger with its evidence.

For each word the event lexicon codes, ``explain`` reports the lexicon entry or pattern
that matched, what became of it (an event, or the named rule that dropped it), the actor
and recipient with the rule that found each, the recodings applied and the modality cues.
Users of PETRARCH and POLECAT ask exactly this when an event is missing or wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spacy.tokens import Doc, Token

from communique.errors import UsageError


def explain(text: str, *, published: str | None = None, model: str | None = None
            ) -> list[dict[str, Any]]:
    """Explanations of every candidate trigger of ``text`` (pasted text, not a path),
    in text order; the article is cleaned and parsed as ``extract`` would."""
    if not isinstance(text, str):
        raise TypeError(f"explain() takes the article text as a str, not {type(text).__name__}")
    if not text.strip():
        raise UsageError("explain() needs a sentence or an article, got empty text")
    from communique.document import structure_of
    from communique.ingest.date_formats import parse_user_date
    from communique.ingest.readers import read_text
    from communique.nlp.pipeline import load_pipeline
    from communique.prepare import prepare

    when = parse_user_date(published) if published is not None else None
    prepared = prepare(read_text(text), published=when)
    nlp = load_pipeline(model)
    doc = nlp.make_doc(prepared.article.text)
    doc._.communique_structure = structure_of(prepared)
    return explain_doc(nlp(doc))


def explain_record(document: dict[str, Any], *, model: str | None = None
                   ) -> list[dict[str, Any]]:
    """Explanations for a ``communique/1`` document ``extract`` produced (its cleaned text
    parsed again with the same structure), for ``extract --explain``."""
    from communique.nlp.pipeline import load_pipeline

    article = document["article"]
    nlp = load_pipeline(model)
    doc = nlp.make_doc(str(article["text"]))
    doc._.communique_structure = {
        "article_id": article.get("id"), "published": article.get("published"),
        "outlet": article.get("outlet"), "headings": document.get("headings") or [],
        "dateline": document.get("dateline")}
    return explain_doc(nlp(doc))


def explain_doc(doc: Doc) -> list[dict[str, Any]]:
    """Explanations of a document the whole pipeline has already parsed."""
    from communique.events.coder import explain_document
    from communique.events.lexicon import default_lexicon

    lexicon = default_lexicon()
    rows = [_row(o.cand.token, o.cand.match, o.event, o.reason, o.parties, o.recodings,
                 o.cand.intent, o.cand.refused)
            for o in explain_document(doc, lexicon, every_candidate=True)]
    rows += [_row(tok, match, None, "statement-only", None, (), False, False)
             for tok, match in _statements(doc, lexicon)]
    return sorted(rows, key=lambda r: int(r["trigger"]["start"]))


def _statements(doc: Doc, lexicon: Any) -> list[tuple[Token, Any]]:
    """Tokens the lexicon codes as CAMEO 01x statements (no PLOVER type: never events)."""
    from communique.events.cameo import lookup
    from communique.events.candidates import triggers

    found = []
    for sent in doc.sents:
        for cand in triggers(sent, lexicon, keep_unmapped=True):
            row = lookup(cand.match.code)
            if row is None or row.plover is None:
                found.append((cand.token, cand.match))
    return found


def _lexicon_entry(match: Any) -> dict[str, Any]:
    pattern = match.pattern
    entry: dict[str, Any] = {"code": match.code, "verb": match.sense.lemma,
                             "source": pattern.origin if pattern else match.sense.origin,
                             "kind": "pattern" if pattern else "verb default"}
    if pattern is not None:
        words = [" ".join("|".join(sorted(w)) for w in e.words) if e.prep is None
                 else f"({e.prep} ...)" for e in pattern.post]
        entry["pattern"] = " ".join(["*", *words]).strip()
    return entry


def _modality_cues(tok: Token, intent_head: bool, refused: bool) -> list[str]:
    cues = [f"{c.dep_}: {c.text}" for c in tok.children if c.dep_ in ("aux", "neg", "mark")]
    if (intent_head or refused) and tok.dep_ == "xcomp":
        cues.append(f"{'refusal' if refused else 'intent'} head: {tok.head.text}")
    if tok.dep_ in ("ccomp", "xcomp") and tok.head.pos_ == "VERB":
        cues.append(f"governed by: {tok.head.text}")
    return cues


def _parties(refs: Sequence[dict[str, Any]]) -> list[str]:
    return [f"{r.get('name')} ({r.get('code') or r.get('country')})" for r in refs]


def _row(tok: Token, match: Any, event: dict[str, Any] | None, reason: str | None,
         parties: Any, recodings: tuple[str, ...], intent_head: bool, refused: bool
         ) -> dict[str, Any]:
    sent = tok.sent
    row: dict[str, Any] = {
        "trigger": {"start": tok.idx, "end": tok.idx + len(tok.text), "text": tok.text},
        "sentence": sent.text,
        "lexicon": _lexicon_entry(match),
        "outcome": "event" if event is not None else "dropped",
    }
    if reason is not None:
        row["reason"] = reason
    if parties is not None:
        row["actors"] = {"found": _parties(parties.actors), "by": parties.actor_source,
                         "parse": [t.text for t in parties.actor_toks]}
        row["recipients"] = {"found": _parties(parties.recipients),
                             "by": parties.recipient_source,
                             "parse": [t.text for t in parties.recipient_toks]}
    if recodings:
        row["recodings"] = list(recodings)
    row["modality_cues"] = _modality_cues(tok, intent_head, refused)
    if event is not None:
        row["event"] = {k: event[k] for k in ("plover", "cameo", "reciprocal", "modality",
                                              "confidence") if k in event}
    return row


def format_explanation(rows: list[dict[str, Any]]) -> str:
    """A readable report of ``explain``'s rows, one block per candidate."""
    if not rows:
        return "no word of the text is in the event lexicon: no candidate trigger\n"
    lines: list[str] = []
    for row in rows:
        lex = row["lexicon"]
        head = f"{row['trigger']['text']!r} @{row['trigger']['start']}: "
        if row["outcome"] == "event":
            ev = row["event"]
            flags = [k for k, v in ev["modality"].items() if v]
            head += (f"EVENT {ev['plover']} (CAMEO {ev['cameo']}, confidence "
                     f"{ev['confidence']}{', ' + ', '.join(flags) if flags else ''})")
        else:
            head += f"dropped: {row['reason']}"
        lines.append(head)
        lines.append(f"  lexicon: {lex['kind']} {lex.get('pattern', '')} -> {lex['code']} "
                     f"[{lex['source']}]".replace("  ->", " ->"))
        for side in ("actors", "recipients"):
            if side in row:
                part = row[side]
                found = ", ".join(part["found"]) or "none"
                lines.append(f"  {side}: {found} (by {part['by'] or '-'}; parse: "
                             f"{', '.join(part['parse']) or 'none'})")
        if row.get("recodings"):
            lines.append(f"  recoded by: {', '.join(row['recodings'])}")
        if row["modality_cues"]:
            lines.append(f"  modality cues: {'; '.join(row['modality_cues'])}")
    return "\n".join(lines) + "\n"
