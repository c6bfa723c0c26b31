"""The ``act`` of each quote record (quotes/statement.py): statements, beliefs, stances and
unasserted speech. Sentences written for the purpose."""

from __future__ import annotations

from tests.quotes.conftest import QuotesOf


def _acts(quotes_of: QuotesOf, text: str) -> dict[str, str]:
    return {(q["cue"] or {}).get("text", ""): q["act"] for q in quotes_of(text)}


def test_reported_words_are_statements(quotes_of: QuotesOf) -> None:
    acts = _acts(quotes_of, "“We will win,” the governor said on Monday. The mayor told "
                            "reporters that the budget was balanced.")
    assert acts == {"said": "statement", "told": "statement"}


def test_beliefs_are_kept_as_beliefs(quotes_of: QuotesOf) -> None:
    quotes = quotes_of("Many farmers believe that the new tariff will ruin them.")
    assert [(q["kind"], q["act"]) for q in quotes] == [("belief", "belief")]


def test_a_document_that_finds_makes_a_statement(quotes_of: QuotesOf) -> None:
    quotes = quotes_of("An internal review found that the agency had ignored the warnings.")
    assert [(q["kind"], q["act"]) for q in quotes] == [("indirect", "statement")]


def test_negated_and_possible_speech_is_unasserted(quotes_of: QuotesOf) -> None:
    acts = _acts(quotes_of, "The minister did not deny that talks had stalled. Critics may "
                            "argue that the plan is too expensive.")
    assert set(acts.values()) == {"unasserted"}


def test_a_target_without_words_is_a_stance(quotes_of: QuotesOf) -> None:
    quotes = quotes_of("The senator defended the nominee on Tuesday.")
    assert [q["act"] for q in quotes] == ["stance"]


def test_a_target_with_its_characterisation_is_a_statement(quotes_of: QuotesOf) -> None:
    quotes = quotes_of("The senator defended the nominee as a fair judge of the law.")
    assert [q["act"] for q in quotes] == ["statement"]


def test_possible_quoted_speech_and_the_authors_aside(quotes_of: QuotesOf) -> None:
    acts = _acts(quotes_of, "We can still say, “You are wrong about this.” It is worth "
                            "noting that the vote was close.")
    assert set(acts.values()) == {"unasserted"}


def test_habitual_would_with_a_quotation_is_a_statement(quotes_of: QuotesOf) -> None:
    quotes = quotes_of("As the general would later write, “We were never told the plan.”")
    assert [q["act"] for q in quotes] == ["statement"]


def test_markers_copular_infinitives_and_participles_are_unasserted(
        quotes_of: QuotesOf) -> None:
    text = ("That said, the vote was close. It is important to note that the mayor won. "
            "The agency published the proposed rules on Monday.")
    assert all(q["act"] == "unasserted" for q in quotes_of(text))
