"""The article text as HTML with entity mentions, quotes, speakers and event triggers marked.

Spans overlap (a quote contains mentions and triggers; a speaker mention is an entity
mention), so the text is cut at every span boundary and each piece is rendered once with
the classes of every span covering it. That keeps the HTML well formed whatever the
overlap, and never nests links: a piece links to the most specific record covering it
(trigger, then quote, then entity). Every piece of text goes through ``markupsafe.escape``;
nothing from the article is ever inserted unescaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any
from urllib.parse import quote as urlquote
from urllib.parse import urlencode

from markupsafe import Markup, escape

# Link priority of span kinds (lower wins) and their CSS classes. Actor, recipient and
# place are the parties of one event, marked in its sentence on the event page.
_PRIORITY = {"trigger": 0, "quote": 1, "speaker": 2, "actor": 3, "recipient": 3,
             "place": 4, "entity": 5}
_CLASS = {"trigger": "hl-trigger", "quote": "hl-quote", "speaker": "hl-speaker",
          "entity": "hl-entity", "actor": "hl-actor", "recipient": "hl-recipient",
          "place": "hl-place"}


@dataclass(frozen=True)
class Span:
    """One highlighted range of the clean text."""

    start: int
    end: int
    kind: str  # trigger | quote | speaker | entity | actor | recipient | place
    ref: str  # event id, quote id or entity name
    label: str  # tooltip text
    href: str | None = None  # where the piece links, when not where its kind links


def fragment(kind: str, ident: str) -> str:
    """The in-page anchor id of an event or quote record (``event-ev-1``, ``quote-Q1``)."""
    return f"{kind}-{urlquote(ident, safe='')}"


def actor_href(name: str) -> str:
    """The URL of a named actor's page."""
    return "/actor/" + urlquote(name, safe="")


def collect_spans(document: dict[str, Any]) -> list[Span]:
    """Every span to highlight in a stored ``communique/1`` document."""
    spans: list[Span] = []
    for entity in document.get("entities") or []:
        name = str(entity.get("name") or "")
        label = f"{name} ({entity.get('code') or entity.get('country') or entity.get('kind')})"
        for m in entity.get("mentions") or []:
            spans.append(Span(int(m["start"]), int(m["end"]), "entity", name, label))
    for q in document.get("quotes") or []:
        speaker = q.get("speaker") or {}
        who = speaker.get("name") or "unknown speaker"
        parts = q.get("parts") or [{"start": q["start"], "end": q["end"]}]
        for part in parts:
            spans.append(Span(int(part["start"]), int(part["end"]), "quote", str(q["id"]),
                              f"Quote {q['id']} — {who}"))
        if speaker.get("start") is not None and speaker.get("end") is not None:
            spans.append(Span(int(speaker["start"]), int(speaker["end"]), "speaker",
                              str(q["id"]), f"Speaker of quote {q['id']}: {who}"))
    for e in document.get("events") or []:
        trigger = e.get("trigger") or {}
        if trigger.get("start") is None or trigger.get("end") is None:
            continue
        spans.append(Span(int(trigger["start"]), int(trigger["end"]), "trigger", str(e["id"]),
                          f"Event {e['id']}: {e.get('plover')} ({e.get('cameo')})"))
    return spans


def event_sentence_spans(mention: dict[str, Any]) -> list[Span]:
    """The spans of one event mention's sentence (from
    :func:`communique.store.evidence.event_evidence`): the trigger links to the event's
    record in its article, actors and recipients to their actor pages, the place to the
    events at that place."""
    anchor = (f"/article/{urlquote(str(mention['article_id']), safe='')}#"
              + fragment("event", str(mention["event_id"])))
    spans = []
    for s in mention.get("spans") or []:
        role, name = str(s["role"]), str(s.get("name") or s.get("code") or "")
        if role == "trigger":
            spans.append(Span(s["start"], s["end"], role, name, f"Trigger “{name}”", anchor))
        elif role == "place":
            spans.append(Span(s["start"], s["end"], role, name, f"Place: {name}",
                              "/events?" + urlencode({"place": name})))
        else:
            code = s.get("code") or ""
            spans.append(Span(s["start"], s["end"], role, name,
                              f"{role.capitalize()}: {name}{f' ({code})' if code else ''}"))
    return spans


def event_sentence(mention: dict[str, Any]) -> Markup:
    """One event mention's sentence as escaped HTML with its trigger, actors, recipients
    and place marked (:func:`event_sentence_spans`)."""
    sentence = mention.get("sentence") or {}
    return render(str(sentence.get("text") or ""), event_sentence_spans(mention))


def _href(span: Span) -> str:
    if span.href is not None:
        return span.href
    if span.kind == "trigger":
        return "#" + fragment("event", span.ref)
    if span.kind in ("quote", "speaker"):
        return "#" + fragment("quote", span.ref)
    return actor_href(span.ref)


def render(text: str, spans: list[Span], speakers: dict[str, str] | None = None) -> Markup:
    """``text`` as escaped HTML with ``spans`` highlighted.

    ``speakers`` maps quote ids to speaker names: a small badge naming the speaker is put
    at the start of each quote, so who said it shows without hovering.
    """
    n = len(text)
    valid = [s for s in spans if 0 <= s.start < s.end <= n]
    bounds = sorted({0, n, *(s.start for s in valid), *(s.end for s in valid)})
    starts: dict[int, list[Span]] = {}
    for s in valid:
        starts.setdefault(s.start, []).append(s)
    quote_starts: dict[str, int] = {}
    for s in valid:
        if s.kind == "quote" and (s.ref not in quote_starts or s.start < quote_starts[s.ref]):
            quote_starts[s.ref] = s.start
    badges: dict[int, list[str]] = {}
    for ref, pos in quote_starts.items():
        badges.setdefault(pos, []).append(ref)
    active: list[Span] = []
    out: list[str] = []
    for a, b in pairwise(bounds):
        active = [s for s in active if s.end > a] + starts.get(a, [])
        for ref in badges.get(a, []):
            name = (speakers or {}).get(ref) or "?"
            out.append(f'<a class="speaker-badge" href="#{escape(fragment("quote", ref))}" '
                       f'title="Quote {escape(ref)}">{escape(name)} ▸</a>')
        piece = escape(text[a:b])
        if not active:
            out.append(str(piece))
            continue
        classes = " ".join(sorted({_CLASS[s.kind] for s in active}))
        top = min(active, key=lambda s: (_PRIORITY[s.kind], s.start, s.ref))
        title = " · ".join(dict.fromkeys(s.label for s in sorted(
            active, key=lambda s: _PRIORITY[s.kind])))
        data = f' data-kind="{escape(top.kind)}" data-ref="{escape(top.ref)}"'
        out.append(f'<a class="hl {classes}" href="{escape(_href(top))}" '
                   f'title="{escape(title)}"{data}>{piece}</a>')
    return Markup("".join(out))
