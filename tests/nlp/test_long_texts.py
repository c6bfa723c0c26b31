"""Texts longer than one parse: read in sections, merged with offsets into the whole text.

A text over ``nlp.max_length`` used to end the whole run with spaCy's E088 error (no
document for any input), and one between 100,000 characters and that limit cost minutes
and gigabytes. Here the section size and the model's limit are made small, so that a few
paragraphs take the same path as a 10 MB text.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from communique.article import Source
from communique.errors import InputError
from communique.ingest.types import RawDocument
from communique.quotes.marks import paragraph_spans

if TYPE_CHECKING:
    from spacy.language import Language

PARAGRAPHS = (
    "Russian Foreign Minister Sergei Lavrov met his Chinese counterpart Wang Yi in Beijing "
    "on Tuesday, officials from both countries said.",
    "\u201cWe agreed to deepen our strategic cooperation,\u201d Lavrov told reporters after "
    "the talks, adding that the two sides would meet again next month.",
    "The United States condemned the meeting and threatened new sanctions against Moscow, "
    "a State Department spokesman said.",
    "Kenyan President William Ruto met union leaders in Nairobi on Monday after police "
    "arrested dozens of protesters outside parliament.",
    "\u201cThe government will not raise fuel prices this year,\u201d Ruto said in a statement.",
    "German Chancellor Olaf Scholz criticized the decision and urged both sides to resume "
    "negotiations in Geneva.",
)


def long_text(rounds: int) -> str:
    """``rounds`` copies of the paragraphs, each round numbered so no two are identical."""
    paragraphs = [f"{p} Round {n} ended." for n in range(rounds) for p in PARAGRAPHS]
    return "\n\n".join(paragraphs) + "\n"


def raw(text: str, name: str) -> RawDocument:
    return RawDocument(Source(name), text, "text")


def spans_of(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Every span of the document that carries its own text."""
    spans: list[dict[str, Any]] = list(document["headings"])
    for entity in document["entities"]:
        spans += entity["mentions"] + entity["evidence"]
    for quote in document["quotes"]:
        spans += [part for part in (quote["cue"], quote["speaker"]) if part is not None]
        spans += quote.get("co_speakers", [])
    for event in document["events"]:
        spans.append(event["trigger"])
    return spans


def check_consistent(document: dict[str, Any]) -> None:
    """Offsets index ``article.text``; ids are unique and every reference resolves."""
    from communique.events.record import event_id

    text = document["article"]["text"]
    for span in spans_of(document):
        assert text[span["start"] : span["end"]] == span["text"], span
    entity_ids = [e["id"] for e in document["entities"]]
    quote_ids = [q["id"] for q in document["quotes"]]
    event_ids = [e["id"] for e in document["events"]]
    assert entity_ids == [f"E{n + 1}" for n in range(len(entity_ids))]
    assert quote_ids == [f"Q{n + 1}" for n in range(len(quote_ids))]
    assert len(set(event_ids)) == len(event_ids)
    starts = [p[0] for p in paragraph_spans(text)]
    sentences = []
    for quote in document["quotes"]:
        assert 0 <= quote["start"] < quote["end"] <= len(text)
        for part in quote["parts"]:
            assert quote["start"] <= part["start"] < part["end"] <= quote["end"]
        assert quote["paragraph"] == bisect_right(starts, quote["start"]) - 1
        sentences.append(quote["sentence"])
        for ref in [quote["speaker"], quote["addressee"], *quote.get("co_speakers", [])]:
            assert ref is None or ref["entity"] is None or ref["entity"] in entity_ids
    assert sentences == sorted(sentences)
    article_id = document["article"]["id"]
    for event in document["events"]:
        trigger, sentence = event["trigger"], event["sentence"]
        assert event["id"].startswith(event_id(article_id, trigger["start"], trigger["end"]))
        assert sentence["start"] <= trigger["start"] < trigger["end"] <= sentence["end"]
        for ref in event["actors"] + event["recipients"]:
            assert ref["entity"] is None or ref["entity"] in entity_ids
        assert event.get("reported_by") is None or event["reported_by"] in quote_ids


def test_text_over_max_length_is_read_in_sections(
        nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    from communique.extract import RunSummary, process

    text = long_text(6)
    [whole] = list(process([raw(text, "whole.txt")], nlp=nlp))
    monkeypatch.setattr(nlp, "max_length", 1000)  # the text is about five times that
    assert len(text) > 4 * nlp.max_length
    summary = RunSummary()
    errors: list[InputError] = []
    documents = list(process([raw(text, "long.txt"), raw(PARAGRAPHS[0], "short.txt")],
                             nlp=nlp, summary=summary, on_error=errors.append))
    assert errors == [] and summary.processed == 2 and summary.failed == 0
    sectioned, short = documents
    assert short["entities"], "the other input of the batch is processed too"
    assert sectioned["article"]["text"] == text
    check_consistent(sectioned)
    # Found all along the text, not only in its first section.
    last = max(m["start"] for e in sectioned["entities"] for m in e["mentions"])
    assert last > len(text) - 500
    # The same actors, quotes and events as the text read whole (sections are cut at
    # paragraph breaks, so little depends on the cut).
    assert {e["name"] for e in sectioned["entities"]} == {e["name"] for e in whole["entities"]}
    whole_quotes = {(q["start"], q["end"]) for q in whole["quotes"]}
    cut_quotes = {(q["start"], q["end"]) for q in sectioned["quotes"]}
    assert len(whole_quotes & cut_quotes) >= 0.9 * len(whole_quotes)
    whole_events = {(e["trigger"]["start"], e["plover"]) for e in whole["events"]}
    cut_events = {(e["trigger"]["start"], e["plover"]) for e in sectioned["events"]}
    assert len(whole_events & cut_events) >= 0.8 * len(whole_events)
    # An actor named in every section is one entity, not one per section.
    lavrov = [e for e in sectioned["entities"] if e["name"] == "Sergei Lavrov"]
    assert len(lavrov) == 1 and lavrov[0]["mentions"][-1]["start"] > len(text) // 2


def test_sections_split_at_paragraphs_and_cover_the_text() -> None:
    from communique.nlp.sections import section_bounds

    text = long_text(4)
    bounds = section_bounds(text, 700, len(text))
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(end == next_start for (_, end), (next_start, _) in pairwise(bounds))
    assert all(0 < end - start <= 700 for start, end in bounds)
    # Each cut falls after a paragraph break, before the next paragraph's first word.
    assert all(text[end - 2 : end] == "\n\n" and not text[end].isspace()
               for _, end in bounds[:-1])


def test_sections_fall_back_to_sentences_words_then_characters() -> None:
    from communique.nlp.sections import section_bounds

    one_paragraph = " ".join(f"Sentence number {n} is here." for n in range(100))
    bounds = section_bounds(one_paragraph, 300, len(one_paragraph))
    assert all(one_paragraph[end - 2 : end] == ". " for _, end in bounds[:-1])
    words = " ".join(["word"] * 200)
    assert all(words[end - 1] == " " for _, end in section_bounds(words, 101, len(words))[:-1])
    blob = "x" * 1000
    assert section_bounds(blob, 300, len(blob)) == [(0, 300), (300, 600), (600, 900),
                                                      (900, 1000)]
    # Only the first ``limit`` characters are covered, still cut at a boundary.
    text = long_text(4)
    bounds = section_bounds(text, 700, 2000)
    assert bounds[-1][1] <= 2000 and text[bounds[-1][1] - 1].isspace()


def test_analysis_stops_at_the_cap_and_says_so(
        nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    from communique.extract import RunSummary, process
    from communique.nlp import sections

    text = long_text(6)
    monkeypatch.setattr(nlp, "max_length", 1500)
    monkeypatch.setattr(sections, "MAX_ANALYSED_CHARS", 3000)
    notices: list[tuple[str, str]] = []
    summary = RunSummary()
    [document] = list(process([raw(text, "huge.txt")], nlp=nlp, summary=summary,
                              on_notice=lambda where, message: notices.append((where, message))))
    assert summary.processed == 1 and summary.failed == 0
    assert document["article"]["text"] == text  # kept whole; analysed in part
    check_consistent(document)
    assert max(span["end"] for span in spans_of(document)) <= 3000
    [(where, message)] = notices
    assert where == "huge.txt"
    assert f"of {len(text):,} characters" in message and "first" in message


def test_one_failing_document_does_not_end_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    from communique.extract import RunSummary, process
    from communique.nlp import pipeline
    from tests.run.helpers import add_faults

    nlp = pipeline.load_pipeline.__wrapped__(None)  # a private copy, not the cached one
    add_faults(nlp)
    texts = [PARAGRAPHS[0], "The BOOMWORD report says Xi met Putin in Moscow.", PARAGRAPHS[3],
             long_text(3) + "BOOMWORD.\n", long_text(3)]
    monkeypatch.setattr(nlp, "max_length", 1000)
    summary = RunSummary()
    errors: list[InputError] = []
    documents = list(process([raw(t, f"{n}.txt") for n, t in enumerate(texts)], nlp=nlp,
                             summary=summary, on_error=errors.append))
    assert [d["article"]["source"]["path"] for d in documents] == ["0.txt", "2.txt", "4.txt"]
    assert all(d["entities"] for d in documents)
    assert [e.where for e in errors] == ["1.txt", "3.txt"]
    assert all("boom on purpose" in e.reason for e in errors)
    assert summary.processed == 3 and summary.failed == 2


def test_cli_extract_long_text(tmp_path: Path, nlp: Language, monkeypatch: pytest.MonkeyPatch,
                               capsys: pytest.CaptureFixture[str]) -> None:
    from communique.cli import main
    from communique.nlp import sections

    monkeypatch.setattr(sections, "SECTION_CHARS", 1500)  # the command loads its own nlp
    monkeypatch.setattr(sections, "MAX_ANALYSED_CHARS", 4000)
    (tmp_path / "a-long.txt").write_text(long_text(6), encoding="utf-8")
    (tmp_path / "b-short.txt").write_text(PARAGRAPHS[0], encoding="utf-8")
    status = main(["extract", str(tmp_path)])
    out, err = capsys.readouterr()
    assert status == 0
    assert [Path(json.loads(line)["article"]["source"]["path"]).name
            for line in out.splitlines()] == ["a-long.txt", "b-short.txt"]
    warnings = [line for line in err.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 1 and "a-long.txt" in warnings[0]
    assert "2 processed" in err.splitlines()[-1]
