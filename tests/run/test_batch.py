"""The unit of work: plain data in and out, one outcome per input, faults isolated."""

from __future__ import annotations

import pickle
import time
from pathlib import Path

import pytest

from communique.article import Source
from communique.ingest.types import RawDocument
from communique.run.batch import raw_from_plain, raw_to_plain, run_batch
from communique.run.limits import Deadline, TimeLimitExceeded
from tests.run.helpers import add_faults


def test_deadline_interrupts_python_code_and_leaves_nothing_behind() -> None:
    with pytest.raises(TimeLimitExceeded), Deadline(0.2):
        while True:
            pass
    with Deadline(5.0):
        total = sum(range(1000))
    time.sleep(0.05)  # no stray exception arrives after a block that finished in time
    assert total == 499500
    with Deadline(None):
        pass


def test_plain_round_trip() -> None:
    raw = RawDocument(Source("/x/a.jsonl", record=3), "Text.", "text", {"title": "T"})
    plain = raw_to_plain(raw)
    assert pickle.loads(pickle.dumps(plain)) == plain
    assert {type(v) for v in plain.values()} <= {str, int, dict, type(None)}
    assert raw_from_plain(plain) == raw


def test_component_error_and_bad_input_fail_alone(tmp_path: Path) -> None:
    from communique.nlp import pipeline

    nlp = pipeline.load_pipeline.__wrapped__(None)  # a private copy, not the cached one
    add_faults(nlp)
    texts = ["Lavrov met Wang Yi in Beijing on Tuesday.",
             "The BOOMWORD report says Xi met Putin in Moscow.",
             "   ",
             "Blinken visited Kyiv on Monday, officials said."]
    plains = [raw_to_plain(RawDocument(Source(f"/in/{i}.txt"), t, "text"))
              for i, t in enumerate(texts)]
    outcomes = run_batch(nlp, plains, model_name="m", time_limit=30)
    assert [o["source"] for o in outcomes] == [f"/in/{i}.txt" for i in range(4)]
    assert "document" in outcomes[0] and "document" in outcomes[3]
    assert "test_run_faults" in outcomes[1]["error"]
    assert "boom on purpose" in outcomes[1]["error"]
    assert "error" in outcomes[2]
    assert outcomes[0]["document"]["entities"], "the good documents were processed"


def test_first_articles_keep_their_words_later_batches_run_in_a_memory_zone(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from communique.nlp import pipeline
    from communique.run import batch

    nlp = pipeline.load_pipeline.__wrapped__(None)
    monkeypatch.setattr(batch, "WARM_ARTICLES", 2)

    def plain(word: str) -> dict[str, object]:
        return raw_to_plain(RawDocument(Source("/x.txt"), f"The {word} met in Paris.", "text"))

    run_batch(nlp, [plain("zorblaxians"), plain("quindarets")], model_name="m")
    run_batch(nlp, [plain("vextrimonds")], model_name="m")
    strings = nlp.vocab.strings
    assert "zorblaxians" in strings and "quindarets" in strings  # warm: kept
    assert "vextrimonds" not in strings  # in a zone: freed when the batch ended


def test_text_over_max_length_is_processed_in_sections(
        nlp: object, monkeypatch: pytest.MonkeyPatch) -> None:
    from communique.nlp import pipeline

    model = pipeline.load_pipeline()
    paragraph = ("Russian Foreign Minister Sergei Lavrov met Chinese Foreign Minister Wang Yi "
                 "in Beijing on Tuesday, officials said.")
    long = "\n\n".join(f"{paragraph} Round {n}." for n in range(40)) + "\n"
    monkeypatch.setattr(model, "max_length", 1000)
    plains = [raw_to_plain(RawDocument(Source("/in/long.txt"), long, "text")),
              raw_to_plain(RawDocument(Source("/in/short.txt"), paragraph, "text"))]
    outcomes = run_batch(model, plains, model_name="m", time_limit=None)
    assert [sorted(o) for o in outcomes] == [["document", "source"]] * 2
    document = outcomes[0]["document"]
    text = document["article"]["text"]
    mentions = [m for e in document["entities"] for m in e["mentions"]]
    assert all(text[m["start"] : m["end"]] == m["text"] for m in mentions)
    assert max(m["start"] for m in mentions) > len(text) - 200  # the last section too
