"""``make demo``: run communique on the bundled sample articles and summarise the result.

The samples are the package ``communique.samples`` (short news-style stories in every
input format, written for the project). The demo writes their ``communique/1`` documents
to ``demo/samples.jsonl``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from communique.samples import build_demo_db, serve_command


def summarize(documents: list[dict[str, Any]]) -> list[str]:
    """Human-readable lines describing what was extracted from each document."""
    lines: list[str] = []
    for doc in documents:
        article = doc["article"]
        lines.append(f"- {article['title'] or article['id']} [{article['language']}]")
        if doc.get("skipped"):
            lines.append(f"    skipped: {doc['skipped']}")
            continue
        reasons = sorted({r["reason"] for r in doc["removed"]})
        lines.append(
            f"    removed {len(doc['removed'])} boilerplate span(s) {reasons}; "
            f"{len(doc['headings'])} heading(s); dateline: "
            f"{doc['dateline']['text'] if doc['dateline'] else '-'}"
        )
        lines.append(
            f"    {len(doc['entities'])} entities, {len(doc['quotes'])} quotes, "
            f"{len(doc['events'])} events"
        )
        for quote in doc["quotes"][:3]:
            speaker = (quote.get("speaker") or {}).get("name") or "?"
            lines.append(f"      quote  {speaker}: {quote['text'][:70]}")
        for event in doc["events"][:3]:
            actors = ",".join(a.get("code") or a.get("name") or "?" for a in event["actors"])
            targets = ",".join(a.get("code") or a.get("name") or "?" for a in event["recipients"])
            lines.append(
                f"      event  {event['plover']} ({event['cameo']}) {actors} -> {targets}: "
                f"{event['trigger']['text']}"
            )
    return lines


def main(out_dir: str = "demo") -> int:
    """Build the demo corpus from the samples, write its documents as JSONL, summarise it.

    The samples are parsed once, by ``communique ingest``; the JSONL and the summary are
    read back from the database, so the demo shows what a user's corpus would hold.
    """
    from communique.store import open_corpus
    from communique.store.summary import summary_lines

    out = Path(out_dir)
    out.mkdir(exist_ok=True)
    db = build_demo_db(out)
    with open_corpus(db) as corpus:
        documents = list(corpus.documents())
        lines = summary_lines(corpus)
    target = out / "samples.jsonl"
    with open(target, "w", encoding="utf-8") as handle:
        for document in documents:
            handle.write(json.dumps(document, ensure_ascii=False) + "\n")
    print(f"communique demo: {len(documents)} sample articles in {db}")
    print("\n".join(summarize(documents)))
    print("\nCorpus summary:")
    print("\n".join(lines))
    print(f"\nAll documents (schema communique/1): {target}")
    print(f"Browse the corpus in the web UI:\n  {serve_command(db)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
