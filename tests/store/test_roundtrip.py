"""A ``communique/1`` document stored and read back is equal; writes are idempotent."""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communique.store import connect, open_corpus
from communique.store.writer import write_document
from tests.store.fixtures import document, meeting_corpus

_text = st.text(st.characters(codec="utf-8"), max_size=40)
_opt_text = st.none() | _text
_int = st.integers(min_value=0, max_value=10_000)
_code = st.none() | st.sampled_from(["RUS", "CHN", "USA", "IGO", "WST", "NGO"])
_sector = st.none() | st.sampled_from(["GOV", "MIL", "BUS", "MED"])
_json_scalar = st.none() | st.booleans() | st.integers(-10**6, 10**6) | _text | st.floats(
    allow_nan=False, allow_infinity=False, width=32)
_span = st.fixed_dictionaries({"start": _int, "end": _int, "text": _text})


def _ref() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({"entity": st.sampled_from(["E1", "E2", "E3"]),
                                  "name": _opt_text, "country": _code, "sector": _sector,
                                  "code": _code})


_mention = st.fixed_dictionaries(
    {"start": _int, "end": _int, "text": _text},
    optional={"type": st.sampled_from(["name", "title", "descriptor", "pronoun", "metonym"])})
_entity = st.fixed_dictionaries(
    {"name": _text, "kind": st.sampled_from(["person", "organisation", "country", "group"]),
     "country": _code, "sector": _sector, "code": _code, "role": _opt_text,
     "mentions": st.lists(_mention, max_size=4), "evidence": st.lists(_span, max_size=2)},
    optional={"extra": st.dictionaries(st.text(max_size=5), _json_scalar, max_size=2)})
_quote = st.fixed_dictionaries({
    "kind": st.sampled_from(["direct", "mixed", "indirect", "belief"]), "text": _text,
    "start": _int, "end": _int,
    "parts": st.lists(st.fixed_dictionaries({"start": _int, "end": _int}), max_size=2),
    "cue": st.fixed_dictionaries({"start": _int, "end": _int, "text": _text, "lemma": _text}),
    "speaker": st.none() | st.fixed_dictionaries({
        "entity": st.none() | st.sampled_from(["E1", "E2"]), "name": _opt_text,
        "start": _int, "end": _int, "text": _text}),
    "addressee": st.none() | st.fixed_dictionaries(
        {"entity": st.none() | st.just("E2"), "name": _opt_text, "text": _text}),
    "channel": st.none() | st.fixed_dictionaries({"name": _opt_text, "text": _text}),
    "sentence": _int, "paragraph": _int,
})
_event = st.fixed_dictionaries({
    "plover": st.sampled_from(["CONSULT", "AGREE", "ACCUSE", "ASSAULT"]),
    "mode": st.none() | _text, "context": st.lists(_text, max_size=2),
    "cameo": st.sampled_from(["040", "042", "0431", "112", "190"]),
    "quad": st.integers(1, 4), "goldstein": st.floats(-10, 10, allow_nan=False),
    "actors": st.lists(_ref(), min_size=1, max_size=2),
    "recipients": st.lists(_ref(), max_size=2), "reciprocal": st.booleans(),
    "trigger": _span, "sentence": st.fixed_dictionaries(
        {"index": _int, "start": _int, "end": _int}),
    "modality": st.fixed_dictionaries({k: st.booleans() for k in (
        "negated", "intent", "hypothetical", "historical", "reported")}),
    "reported_by": st.none() | st.just("Q1"),
    "date": st.fixed_dictionaries({
        "text": _opt_text, "value": st.none() | st.dates().map(lambda d: d.isoformat()),
        "resolution": st.sampled_from(["day", "week", "month", "year", "publication",
                                       "unknown"])}),
    "location": st.none() | st.fixed_dictionaries({
        "text": _text, "name": _opt_text, "country": _code,
        "lat": st.none() | st.floats(-90, 90), "lon": st.none() | st.floats(-180, 180),
        "geonameid": st.none() | _int}),
    "confidence": st.floats(0, 1),
})


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    """Random documents in the communique/1 format."""
    text = draw(st.text(min_size=1, max_size=200))
    doc = document(draw(st.text("abcdef0123456789", min_size=1, max_size=16)), text,
                   published=draw(st.none() | st.dates().map(lambda d: d.isoformat())),
                   outlet=draw(_opt_text), url=draw(_opt_text))
    doc["article"]["title"] = draw(_opt_text)
    doc["article"]["authors"] = draw(st.lists(_text, max_size=3))
    doc["article"]["source"] = draw(st.fixed_dictionaries(
        {"path": _text}, optional={"record": _int, "offset": _int}))
    doc["headings"] = draw(st.lists(_span, max_size=3))
    doc["removed"] = draw(st.lists(st.fixed_dictionaries(
        {"start": _int, "end": _int, "text": _text, "reason": _text}), max_size=3))
    doc["dateline"] = draw(st.none() | _span)
    entities = draw(st.lists(_entity, max_size=4))
    for i, e in enumerate(entities, 1):
        e["id"] = f"E{i}"
    quotes = draw(st.lists(_quote, max_size=3))
    for i, q in enumerate(quotes, 1):
        q["id"] = f"Q{i}"
    events = draw(st.lists(_event, max_size=3))
    for i, v in enumerate(events, 1):
        v["id"] = f"ev-{i}"
    doc.update(entities=entities, quotes=quotes, events=events)
    if draw(st.booleans()):
        doc["skipped"] = "language 'de' is not supported (English only); text kept, no NLP"
    doc["provenance"]["dictionaries"] = draw(st.dictionaries(
        st.text(max_size=8), st.text("0123456789abcdef", max_size=8), max_size=2))
    return doc


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_document_round_trip(doc: dict[str, Any]) -> None:
    original = copy.deepcopy(doc)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "c.db"
        conn = connect(db)
        assert write_document(conn, doc) == "added"
        assert write_document(conn, doc) == "unchanged"
        conn.close()
        assert doc == original  # the writer does not mutate its input
        with open_corpus(db) as corpus:
            assert corpus.document(doc["article"]["id"]) == original


def _counts(db: Path) -> dict[str, int]:
    with open_corpus(db) as corpus:
        return dict(corpus.stats())


def test_idempotent_and_replacing(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    conn = connect(db)
    docs = meeting_corpus()
    assert [write_document(conn, d) for d in docs] == ["added"] * 5
    before = _counts(db)
    assert [write_document(conn, d) for d in docs] == ["unchanged"] * 5
    assert _counts(db) == before
    updated = copy.deepcopy(docs[3])
    updated["article"]["text"] += " He added nothing."
    updated["events"] = []
    updated["quotes"] = updated["quotes"][:1]
    assert write_document(conn, updated) == "replaced"
    conn.close()
    after = _counts(db)
    assert after["articles"] == before["articles"]
    assert after["events"] == before["events"] - 1
    assert after["quotes"] == before["quotes"] - 1
    with open_corpus(db) as corpus:
        assert corpus.document("art-d") == updated
        # FTS follows the replacement: the new sentence is found, exactly once.
        hits = corpus.search_articles("added nothing")
        assert [h["id"] for h in hits] == ["art-d"]


def test_duplicate_copy_never_replaces(tmp_path: Path) -> None:
    conn = connect(tmp_path / "c.db")
    doc = meeting_corpus()[0]
    write_document(conn, doc)
    copy_doc = copy.deepcopy(doc)
    copy_doc["article"]["text"] = "different"
    copy_doc["events"] = []
    copy_doc["skipped"] = "duplicate of article art-a in this run"
    assert write_document(conn, copy_doc, source="x", raw_hash="h") == "skipped"
    conn.close()
    with open_corpus(tmp_path / "c.db") as corpus:
        assert corpus.document("art-a") == doc
