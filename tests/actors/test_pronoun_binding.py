"""An object pronoun never refers to the subject of its own clause."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.actors.test_resolve import _resolve

if TYPE_CHECKING:
    from spacy.language import Language


def _owner(entities: list[dict[str, object]], text: str, at: int) -> str | None:
    for e in entities:
        for m in e["mentions"]:  # type: ignore[attr-defined]
            if m["start"] <= at < m["end"]:
                return str(e["name"])
    return None


def test_object_pronoun_skips_its_clause_subject(nlp: Language) -> None:
    text = ("Vice President Joe Biden phoned Ukrainian President Viktor Yanukovych on Tuesday "
            "and urged him to pull back forces.")
    assert _owner(_resolve(nlp, text), text, text.index("him")) == "Viktor Yanukovych"


def test_subject_pronoun_still_takes_the_subject(nlp: Language) -> None:
    text = "Vice President Joe Biden phoned Viktor Yanukovych on Tuesday. He urged calm."
    assert _owner(_resolve(nlp, text), text, text.index("He urged")) == "Joe Biden"


def test_argument_preposition_binds_like_an_object(nlp: Language) -> None:
    text = ("Indian Prime Minister Narendra Modi visited Gujarat. In February, the U.S. "
            "ambassador met with him.")
    assert _owner(_resolve(nlp, text), text, text.index("him")) == "Narendra Modi"


def test_given_name_sets_the_gender_a_pronoun_must_agree_with(nlp: Language) -> None:
    text = ("President-elect Donald Trump spoke in New York. Rival candidate Hillary Clinton "
            "had already called Trump to concede, he told the crowd.")
    assert _owner(_resolve(nlp, text), text, text.index("he told")) == "Donald Trump"


def test_another_senator_named_in_apposition_is_that_senator(nlp: Language) -> None:
    text = ('"They do not even know what the bill contains," Sen. Ted Cruz said. Another '
            "senator backing the filibuster, Sen. Mike Lee, R-Utah, went to the Senate "
            "floor on Wednesday. He argued the delay gives senators more time.")
    entities = _resolve(nlp, text)
    assert _owner(entities, text, text.index("Another senator") + 8) == "Mike Lee"
    assert _owner(entities, text, text.index("He argued")) == "Mike Lee"


def test_a_title_whose_phrase_ends_in_a_name_is_that_person(nlp: Language) -> None:
    text = ("U.S. ambassador to the United Nations Nikki Haley said on Friday the "
            "administration was ready. She told the Security Council it would act.")
    entities = _resolve(nlp, text)
    assert _owner(entities, text, text.index("ambassador")) == "Nikki Haley"
    assert _owner(entities, text, text.index("She told")) == "Nikki Haley"
    haley = next(e for e in entities if e["name"] == "Nikki Haley")
    assert haley["kind"] == "person" and haley["country"] == "USA"


def test_subject_it_continues_the_subject_not_a_nearer_possessor(nlp: Language) -> None:
    text = ("The Kremlin said it froze the loan over doubts about Ukraine's future; it "
            "blamed the West for the unrest.")
    assert _owner(_resolve(nlp, text), text, text.index("it blamed")) == "Kremlin"
