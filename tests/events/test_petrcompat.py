"""PETRARCH-style actor coding (events/petrcompat.py) and the verb-dictionary features the
PETRARCH validation file uses (synsets, sub-codes), on dictionaries written for the tests."""

from __future__ import annotations

from pathlib import Path

from communique.evaluate.petrarch_suite import triples_of
from communique.events.petrcompat import Dictionaries, dated_code, entities, load_dictionaries
from communique.events.verbdict import parse_code, parse_verb_dictionary

ACTORS = """\
ARNOR_  [ARN]
GONDOR [GON]
+MINAS_TIRITH
FORNOST  [FOR]
ROMENDACIL  [BRE]
BREE  [BRE]
THE_SHIRE  [FRO/BIL/SAM]
ZIMBABWE
\t[RHO <790606]
\t[ZBW]
SAM_GAMGEE [HOB]
\t[HOBCIV <20080120]
\t[HOBMIL 20080120-20121109]
"""
AGENTS = """\
!MINST! = MINISTER, MINISTRY
PRIME_MINISTER  [~GOV]
LAWMAKER  [~LEG]
OFFICIAL  [~GOV]
SOLDIER  [~MIL]
STUDENT  [~EDU]
MAIN_OPPOSITION_GROUP [~MOP]
MSF {}  [NGO~]
!MINST!_OF_SILLY_WALKS [~GOV]
"""


def _dictionaries(tmp_path: Path) -> Dictionaries:
    (tmp_path / "a.actors.txt").write_text(ACTORS, encoding="utf-8")
    (tmp_path / "a.agents.txt").write_text(AGENTS, encoding="utf-8")
    return load_dictionaries(tmp_path, "a.actors.txt", "a.agents.txt")


def _codes(text: str, d: Dictionaries, when: str | None = None) -> dict[str, str]:
    return {e["name"]: e["code"] for e in entities(text, d, when)}


def test_dated_codes() -> None:
    codes = [("RHO", None, "1979-06-06"), ("ZBW", None, None)]
    assert dated_code(codes, "1995-01-01") == "ZBW"
    assert dated_code(codes, None) == "ZBW"
    gamgee = [("HOB", None, None), ("HOBCIV", None, "2008-01-20"),
              ("HOBMIL", "2008-01-20", "2012-11-09")]
    assert dated_code(gamgee, "1995-01-04") == "HOBCIV"
    assert dated_code(gamgee, "2010-01-06") == "HOBMIL"
    assert dated_code(gamgee, "2014-01-01") == "HOB"


def test_agents_combine_with_actors(tmp_path: Path) -> None:
    d = _dictionaries(tmp_path)
    assert _codes("Gondor's main opposition group met.", d) == {
        "Gondor's main opposition group": "GONMOP"}
    assert _codes("Osgiliath and Fornost soldiers fought.", d) == {"Fornost soldiers": "FORMIL"}
    assert _codes("Soldiers from Gondor fought.", d)["Soldiers from Gondor"] == "GONMIL"
    assert _codes("An MSF Arnor official spoke.", d) == {"MSF Arnor official": "NGOARNGOV"}
    # the name after "Bree Prime Minister" is the same person
    found = entities("Bree Prime Minister Romendacil left.", d)
    assert len(found) == 1 and found[0]["code"] == "BREGOV"
    assert any(m["text"] == "Bree Prime Minister Romendacil" for m in found[0]["mentions"])


def test_coordination_and_agents_alone(tmp_path: Path) -> None:
    d = _dictionaries(tmp_path)
    found = entities("Lawmakers and officials in Fornost and Gondor welcomed it.", d)
    assert len(found) == 1
    assert set(found[0]["code"].split("/")) == {"FORLEG", "FORGOV", "GONLEG", "GONGOV"}
    assert _codes("Students marched.", d) == {"Students": "---EDU"}
    assert _codes("The Fornost Ministry of Silly Walks objected.", d) == {
        "Fornost Ministry of Silly Walks": "FORGOV"}
    assert _codes("Sam Gamgee left.", d, "1995-01-04") == {"Sam Gamgee": "HOBCIV"}


def test_triples_format() -> None:
    event = {"cameo": "064", "actors": [{"code": "FRO/BIL"}], "recipients": []}
    assert triples_of([event]) == {("FRO", "---", "064"), ("BIL", "---", "064")}
    reciprocal = {"cameo": "030", "actors": [{"code": "PHL"}, {"code": "FRA"}],
                  "recipients": [{"code": "PHL"}, {"code": "FRA"}]}
    assert triples_of([reciprocal]) == {("PHL", "FRA", "030"), ("FRA", "PHL", "030")}


VERBS = """\
&PREPOSIT1_
+ON
+AGAINST

&CURRENCY
+SWISS FRANCS
+DOLLARS

&TIETYPES
+MILITARY
+ECONOMIC

&NEGAUX
+DID N'T
+WILL NOT

--- ACT [100] ---
ACT
- * &PREPOSIT1 RESOLUTION  [102]

&LATESET
+&TIETYPES
+CLOSER

--- BREAK [1717] ---
BREAK
- * &CURRENCY [903]
- * NEW_&TIETYPES_RELATIONS [174K]
- &NEGAUX * OVER EFFORTS  [904]
- MOST_CERTAINLY_&NEGAUX_EVER * OVER EFFORTS  [907]
- &NEGAUX EVER * OVER EFFORTS  [905]
"""


def test_validation_file_features() -> None:
    d = parse_verb_dictionary(VERBS.splitlines())
    # "&PREPOSIT1_" defines what "&PREPOSIT1" uses
    act = d.senses["act"][0].patterns[0]
    assert act.post[0].words[0] == frozenset({"on", "against"})
    # a set defined after a verb block is a set, not verbs of the block
    assert d.synsets["&LATESET"] == frozenset({"military", "economic", "closer"})
    assert "&tietypes" not in d.senses and "closer" not in d.senses
    patterns = d.senses["break"][0].patterns
    assert patterns[1].post[0].words[0] == frozenset({"new military relations",
                                                      "new economic relations"})
    assert patterns[1].code == "174K"
    # phrase length counts: "most certainly did n't ever" beats "did n't ever"
    assert patterns[3].weight > patterns[4].weight
    assert parse_code("1717") == ("1717", False)
    assert parse_code("102b") == ("102b", False)


def test_compound_actor_pattern(nlp: object, tmp_path: Path) -> None:
    from typing import Any

    from communique.events.lexicon import load_lexicon

    path = tmp_path / "v.txt"
    path.write_text("--- AGREE [081] ---\nAGREE\n- % * [030:030]\n", encoding="utf-8")
    lexicon = load_lexicon([path], shipped=False)
    pipeline: Any = nlp
    for text, code in (("France and Chad agree that the talks should resume.", "030"),
                       ("France agrees that the talks should resume.", "081")):
        doc = pipeline(text)
        match = lexicon.match(next(t for t in doc if t.lemma_ == "agree"))
        assert match is not None and match.code == code
