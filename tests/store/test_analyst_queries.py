"""Analyst queries: the most active dyads (one figure for the CLI, the library and the
dashboard), events filtered by confidence and place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.cli import main
from communique.errors import UsageError
from communique.serve import pages
from communique.store import open_corpus
from communique.store.summary import top_dyads
from tests.store.fixtures import build_db, meeting_corpus


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return build_db(tmp_path / "c.db", meeting_corpus())


def test_top_dyads_agree_everywhere(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with open_corpus(db) as corpus:
        library = corpus.top_dyads(5)
        assert top_dyads(corpus, 5) == [(d["actor"], d["recipient"], d["events"])
                                        for d in library]
        assert pages.dashboard_data(corpus)["top_dyads"][:5] == library
    assert library[0] == {"actor": "RUS", "recipient": "CHN", "events": 2}
    assert main(["dyads", "--db", str(db), "--top", "5", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == library


def test_events_by_confidence_and_place(db: Path) -> None:
    with open_corpus(db) as corpus:
        every = list(corpus.events())
        assert every and all(e["confidence"] == 0.8 for e in every)
        assert len(list(corpus.events(min_confidence=0.8))) == len(every)
        assert list(corpus.events(min_confidence=0.9)) == []
        assert len(list(corpus.events(place="beij"))) == len(every)
        assert len(list(corpus.events(place="CHN"))) == len(every)
        assert list(corpus.events(place="%")) == []  # a wildcard is matched literally
        with pytest.raises(UsageError, match="between 0 and 1"):
            list(corpus.events(min_confidence=1.5))


def test_quotes_are_statements_unless_asked(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """A belief attributed to a speaker ("officials believe ...") is an attribution, not a
    quote: the quote views list statements unless another act (or all) is asked for; a
    quote stored before records carried an act counts by its kind."""
    from communique.serve.explorer import parse_query
    from tests.store.fixtures import document, quote

    said = quote("Q1", "we will answer any provocation", "Sergei Lavrov")
    belief = quote("Q2", "the talks would fail", "Sergei Lavrov") | {"act": "belief"}
    old_belief = quote("Q1", "the sanctions would not last", "Sergei Lavrov") | {
        "kind": "belief"}
    build_db(tmp_path / "q.db", [
        document("a1", "Lavrov said so.", quotes=[said, belief]),
        document("a2", "Lavrov believes so.", outlet="Wire Two", quotes=[old_belief])])
    with open_corpus(tmp_path / "q.db") as corpus:
        texts = {act: sorted(q["text"] for q in corpus.quotes(act=act))
                 for act in (None, "belief", "all")}
        with pytest.raises(UsageError, match="act"):
            list(corpus.quotes(act="rumour"))
    assert texts[None] == ["we will answer any provocation"]
    assert texts["belief"] == ["the sanctions would not last", "the talks would fail"]
    assert len(texts["all"]) == 3
    assert parse_query("quotes", {"act": "all"}).params() == {"act": "all"}
    assert main(["quotes", "--db", str(tmp_path / "q.db"), "--act", "belief",
                 "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2


def test_quote_acts_are_one_vocabulary() -> None:
    """The store's act filter, the CLI's choices and the schema name the acts the quote
    extractor decides (the store and the CLI keep their own lists to stay light to import)."""
    import argparse
    from importlib import resources

    from communique.cli import build_parser
    from communique.quotes.statement import ACTS
    from communique.store.filters import QUOTE_ACTS

    assert {*ACTS, "all"} == QUOTE_ACTS
    [commands] = [a for a in build_parser()._actions
                  if isinstance(a, argparse._SubParsersAction)]
    [act] = [a for a in commands.choices["quotes"]._actions if a.dest == "act"]
    assert set(act.choices or ()) == QUOTE_ACTS
    schema = json.loads(resources.files("communique").joinpath(
        "data/schema/communique-1.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["quote"]["properties"]["act"]["enum"] == list(ACTS)
