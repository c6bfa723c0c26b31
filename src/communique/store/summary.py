"""A short text summary of a corpus database (used by ``make demo``)."""

from __future__ import annotations

from communique.store.reader import Corpus


def top_dyads(corpus: Corpus, limit: int = 5) -> list[tuple[str, str, int]]:
    """Most frequent (actor, recipient) pairs among merged events, as ``communique dyads``
    and the dashboard count them."""
    return [(str(d["actor"]), str(d["recipient"]), int(d["events"]))
            for d in corpus.top_dyads(limit)]


def summary_lines(corpus: Corpus, events: int = 5, quotes: int = 5) -> list[str]:
    """Counts, top dyads, a few merged events and quotes, as printable lines."""
    stats = corpus.stats()
    lines = [
        f"{stats['articles']} articles, {stats['entities']} entities, "
        f"{stats['quotes']} quotes -> {stats['corpus_quotes']} merged, "
        f"{stats['events']} events -> {stats['corpus_events']} merged, "
        f"{stats['failed_inputs']} failed inputs",
        "top dyads (actor -> recipient: events):",
    ]
    lines += [f"  {a} -> {r}: {n}" for a, r, n in top_dyads(corpus)]
    lines.append("events:")
    for event in corpus.events(limit=events):
        lines.append(
            f"  {event['date'] or '?'} {event['plover']} ({event['cameo']}) "
            f"{event['actor_names'] or event['actor_codes']} -> "
            f"{event['recipient_names'] or event['recipient_codes'] or '-'}: "
            f"{event['trigger']} [{event['num_articles']} article(s)]"
        )
    lines.append("quotes:")
    for quote in corpus.quotes(limit=quotes):
        text = str(quote["text"] or "")
        lines.append(f"  {quote['speaker'] or '?'}: {text[:80]}{'…' if len(text) > 80 else ''}")
    return lines
