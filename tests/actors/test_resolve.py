"""Resolution rules on small hand-written sentences (one rule per test)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from communique.actors.lookup import entity_for_span
from communique.actors.resolve import resolve_doc

if TYPE_CHECKING:
    from spacy.language import Language


def _resolve(nlp: Language, text: str, published: str | None = "2024-04-09",
             dateline: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    doc = nlp.make_doc(text)
    doc._.communique_structure = {"article_id": "t", "published": published, "outlet": None,
                                  "headings": [], "dateline": dateline}
    for name, proc in nlp.pipeline:
        if name not in ("communique_actors", "communique_quotes", "communique_events"):
            doc = proc(doc)
    return resolve_doc(doc)[0]


def _at(entities: list[dict[str, Any]], text: str, phrase: str,
        nth: int = 0) -> dict[str, Any] | None:
    at = -1
    for _ in range(nth + 1):
        at = text.index(phrase, at + 1)
    return entity_for_span(entities, at, at + len(phrase))


def test_capital_as_actor_versus_place(nlp: Language) -> None:
    text = "Beijing warned Washington on Monday. The talks were held in Beijing."
    entities = _resolve(nlp, text)
    actor = _at(entities, text, "Beijing")
    place = _at(entities, text, "Beijing", 1)
    assert actor is not None and actor["code"] == "CHNGOV"
    assert _at(entities, text, "Washington")["code"] == "USAGOV"  # type: ignore[index]
    assert place is not None and place["code"] == "CHN" and place["sector"] is None


def test_dateline_is_a_place(nlp: Language) -> None:
    text = "MOSCOW — The Kremlin said on Friday that talks would resume."
    entities = _resolve(nlp, text)
    assert _at(entities, text, "MOSCOW")["code"] == "RUS"  # type: ignore[index]
    assert _at(entities, text, "The Kremlin")["code"] == "RUSGOV"  # type: ignore[index]


def test_demonym_groups_and_the_west(nlp: Language) -> None:
    text = ("Russian officials met Chinese diplomats while Afghan rebels attacked police. "
            "The West imposed sanctions.")
    entities = _resolve(nlp, text)
    assert _at(entities, text, "Russian officials")["code"] == "RUSGOV"  # type: ignore[index]
    assert _at(entities, text, "Chinese diplomats")["code"] == "CHNGOV"  # type: ignore[index]
    rebels = _at(entities, text, "Afghan rebels")
    assert rebels is not None and (rebels["country"], rebels["sector"]) == ("AFG", "REB")
    assert _at(entities, text, "The West")["country"] == "WST"  # type: ignore[index]


def test_coordinated_demonyms_share_the_noun(nlp: Language) -> None:
    text = "Senior Hungarian and Romanian officials agreed on Wednesday to cooperate."
    entities = _resolve(nlp, text)
    assert _at(entities, text, "Hungarian")["code"] == "HUNGOV"  # type: ignore[index]
    assert _at(entities, text, "Romanian officials")["code"] == "ROUGOV"  # type: ignore[index]


def test_apposition_and_of_country(nlp: Language) -> None:
    text = ("Wang Yi, China's foreign minister, met King Abdullah of Jordan. "
            "Wang later left.")
    entities = _resolve(nlp, text)
    wang = _at(entities, text, "Wang Yi")
    assert wang is not None and wang["role"] == "Foreign Minister" and wang["code"] == "CHNGOV"
    assert _at(entities, text, "Wang", 1) is wang
    king = _at(entities, text, "Abdullah")
    assert king is not None and king["country"] == "JOR" and king["role"] == "King"


def test_short_form_and_administration(nlp: Language) -> None:
    text = ("The Ceasefire Violations Committee (CFVC) said on Monday that it had found "
            "violations. The CFVC later withdrew. The Trump administration disagreed.")
    entities = _resolve(nlp, text, published="2017-03-01")
    committee = _at(entities, text, "Ceasefire Violations Committee")
    assert committee is not None and _at(entities, text, "CFVC", 1) is committee
    assert _at(entities, text, "it had") is committee
    assert _at(entities, text, "administration")["code"] == "USAGOV"  # type: ignore[index]


def test_expletive_it_is_not_an_actor(nlp: Language) -> None:
    text = "Iran rejected the deal. It is important to talk, the minister said."
    entities = _resolve(nlp, text)
    assert _at(entities, text, "It is") is None


def test_dates_decide_curated_offices(nlp: Language) -> None:
    text = "Blinken met reporters in Brussels."
    assert _at(_resolve(nlp, text, "2024-04-09"), text, "Blinken")["code"] == "USAGOV"  # type: ignore[index]
    # Out of the office's dates the role is not applied; a person's country is (issue 3:
    # "an old role is not applied to a date far from when it was seen").
    early = _at(_resolve(nlp, text, "2015-01-01"), text, "Blinken")
    assert early is not None and early["code"] == "USA" and early["sector"] is None
    assert early["role"] is None


def test_component_with_user_dictionary(nlp: Language, tmp_path: Path) -> None:
    from communique.actors.component import ActorResolver

    path = tmp_path / "mine.actors.txt"
    path.write_text("RUFUS_T._FIREFLY_\n+FIREFLY\n\t[RUSGOV >120507]\n\t[RUSELI]\n",
                    encoding="utf-8")
    resolver = ActorResolver([str(path)])
    doc = nlp.make_doc("Firefly said the talks failed.")
    doc._.communique_structure = {"published": "2020-01-01"}
    for name, proc in nlp.pipeline:
        if name not in ("communique_actors", "communique_quotes", "communique_events"):
            doc = proc(doc)
    doc = resolver(doc)
    found = doc._.communique_entities[0]
    assert found["code"] == "RUSGOV" and found["country"] == "RUS"
