"""The PETRARCH verb-dictionary reader and the lexicon matcher."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.errors import DataFileError
from communique.events.verbdict import (
    VerbDictionary,
    load_verb_dictionary,
    parse_code,
    parse_verb_dictionary,
)

SAMPLE = """\
# comment
&WEAPON
+GUN
+RIFLE_

####### VERB PATTERNS #######

---  VISIT   [042:043]  ---
VISIT
TOUR  [042]
- PILGRIMS *                                          [---]         # VISIT
- * (FOR TALKS)                                       [046:046]     # VISIT

---  FACE   [---]  ---
FACE {FACES FACED FACING}
+MEET_WITH {+MET_WITH}
- * TRIAL                                             [:173]        # FACE
- * &WEAPON                                           [190]

---  TALKS_N   [046]  ---
@TALKS

~ a (a b ATTACK) SAY = a b 015
"""


def test_codes() -> None:
    assert parse_code("042:043") == ("042", False)
    assert parse_code(":173") == ("173", True)
    assert parse_code("---") == (None, False)
    assert parse_code("080!") == ("080", False)


def test_blocks_verbs_patterns_and_synsets() -> None:
    d = parse_verb_dictionary(SAMPLE.splitlines(), name="sample")
    assert d.synsets["&WEAPON"] == frozenset({"gun", "rifle"})
    [visit] = d.senses["visit"]
    assert visit.code == "042" and visit.headword
    [tour] = d.senses["tour"]
    assert tour.code == "042" and tour.patterns is visit.patterns
    assert len(visit.patterns) == 2
    pilgrims, talks = visit.patterns
    assert pilgrims.code is None and pilgrims.pre[0].words[0] == frozenset({"pilgrims"})
    assert talks.post[0].prep == "for" and talks.post[0].words == (frozenset({"talks"}),)
    face = {s.particle: s for s in d.senses["face"]}
    assert face[None].code is None
    trial = face[None].patterns[0]
    assert trial.code == "173" and trial.reverse
    assert face[None].patterns[1].post[0].words[0] == frozenset({"gun", "rifle"})
    [meet] = d.senses["meet"]
    assert meet.particle == "with"
    [noun] = d.senses["talks"]
    assert noun.noun and noun.code == "046"
    assert d.pattern_count == 4


def test_pattern_outside_block_is_an_error() -> None:
    with pytest.raises(DataFileError):
        parse_verb_dictionary(["- * TALKS [046]"])


def test_shipped_petrarch_dictionary_has_every_pattern(data_dir: Path) -> None:
    d = load_verb_dictionary(data_dir / "petrarch" / "CAMEO.2.0.txt")
    assert d.pattern_count == 4668
    assert len(d.synsets) == 40


def test_lexicon_matches_lemma_particle_and_object(nlp: object) -> None:
    from communique.events.lexicon import default_lexicon

    lexicon = default_lexicon()
    doc = nlp("The minister held talks with his counterpart.")  # type: ignore[operator]
    held = next(t for t in doc if t.text == "held")
    match = lexicon.match(held)
    assert match is not None and match.code == "046" and match.specific
    doc = nlp("Police cracked down on the protesters.")  # type: ignore[operator]
    cracked = next(t for t in doc if t.text == "cracked")
    match = lexicon.match(cracked)
    assert match is not None and match.code == "175" and match.particle == "down"


def test_user_pattern_file_adds_senses(tmp_path: Path, nlp: object) -> None:
    from communique.events.lexicon import load_lexicon

    extra = tmp_path / "mine.txt"
    extra.write_text("---  SNUB   [111]  ---\nSNUB\n- * (AT SUMMIT)  [125]\n", encoding="utf-8")
    lexicon = load_lexicon([extra])
    doc = nlp("Turkey snubbed Sweden at the summit.")  # type: ignore[operator]
    snubbed = next(t for t in doc if t.text == "snubbed")
    match = lexicon.match(snubbed)
    assert match is not None and match.code == "125"


def test_pattern_comment_names_its_verb() -> None:
    from communique.events.lexicon import _pattern_for

    d = parse_verb_dictionary(SAMPLE.splitlines(), name="sample")
    visit = d.senses["visit"][0]
    tour = d.senses["tour"][0]
    talks = next(p for p in visit.patterns if p.code == "046")
    assert talks.verbs == frozenset({"visit"})
    assert _pattern_for(visit, talks) and not _pattern_for(tour, talks)
    weapon = next(p for p in d.senses["face"][0].patterns if p.code == "190")
    assert weapon.verbs == frozenset()  # no comment: applies to every verb of the block


def test_comment_prose_names_no_verb() -> None:
    from communique.events.verbdict import _comment_verbs

    assert _comment_verbs("- * TALKS [046] # DELAY , POSTPONE") == {"delay", "postpone"}
    assert _comment_verbs("- * TALKS [046] # SHA 11/22/93") == frozenset()
    assert _comment_verbs("- * TALKS [046]") == frozenset()


def _sharing(d: VerbDictionary) -> tuple[list[list[int]], list[list[int]]]:
    """Which senses share a pattern list, and which lists share a pattern, by position."""
    senses = [s for group in d.senses.values() for s in group]
    lists = {id(s.patterns): i for i, s in reversed(list(enumerate(senses)))}
    patterns: dict[int, int] = {}
    for i, s in enumerate(senses):
        for p in s.patterns:
            patterns.setdefault(id(p), i)
    return ([[lists[id(s.patterns)]] for s in senses],
            [[patterns[id(p)] for p in s.patterns] for s in senses])


def test_compiled_shipped_lexicon_equals_a_fresh_read(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped dictionaries come from a compiled cache: equal to reading the files, with
    the same object sharing (the lexicon keys its plans by identity), built or reopened."""
    from communique.events import lexicon

    monkeypatch.setenv("COMMUNIQUE_CACHE_DIR", str(tmp_path))
    fresh = lexicon.read_shipped()
    for _ in ("built", "reopened"):
        cached = lexicon.shipped_dictionary()
        assert cached == fresh and cached.sources == fresh.sources
        assert cached.pattern_count == fresh.pattern_count
        assert list(cached.senses) == list(fresh.senses)
        assert list(cached.synsets.items()) == list(fresh.synsets.items())
        assert _sharing(cached) == _sharing(fresh)
    assert len(list(tmp_path.glob("event-lexicon-*.sqlite"))) == 1


def test_compiled_lexicon_follows_its_files(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from communique.events import lexicon

    monkeypatch.setenv("COMMUNIQUE_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "events"
    shutil.copytree(lexicon.DATA_DIR, data)
    monkeypatch.setattr(lexicon, "DATA_DIR", data)
    assert "zorble" not in lexicon.shipped_dictionary().senses
    with (data / "modern.verbs.txt").open("a", encoding="utf-8") as handle:
        handle.write("\n---  ZORBLE   [111]  ---\nZORBLE\n- * (AT SUMMIT)  [125]\n")
    [zorble] = lexicon.shipped_dictionary().senses["zorble"]
    assert zorble.code == "111" and zorble.patterns[0].code == "125"
    assert lexicon.shipped_dictionary() == lexicon.read_shipped()
