"""The shipped lexicons load and hold the cues the issue names."""

from __future__ import annotations

from communique.quotes.lexicon import lexicon


def test_lexicon_has_speech_and_belief_cues() -> None:
    lex = lexicon()
    assert lex.cues["say"].cls == "speech"
    assert "addressee" in lex.cues["tell"].flags
    assert "continue" in lex.cues["add"].flags
    assert "accuse" in lex.cues["accuse"].flags
    for lemma in ("believe", "want", "fear", "find"):
        assert lex.cues[lemma].cls == "belief"
    assert {"AFP", "CCTV", "RIA Novosti", "Foreign Policy"} <= lex.outlets
    assert "statement" in lex.channel_nouns
    assert lexicon() is lex  # cached: the files are read once


def test_noun_and_adjective_cues_never_claim_a_nearby_quotation() -> None:
    lex = lexicon()
    assert lex.noun_cues["claim"].cls == "speech"
    assert lex.adjective_cues["confident"].cls == "belief"
    assert lex.adjective_cues["adamant"].cls == "speech"
    assert all("needclause" in entry.flags for entry in
               [*lex.noun_cues.values(), *lex.adjective_cues.values()])
