"""A document speaks for whoever issued it (quotes/issuers.py). Sentences written for the
purpose."""

from __future__ import annotations

from tests.quotes.conftest import QuotesOf


def test_the_issuer_of_a_document_is_its_speaker(quotes_of: QuotesOf) -> None:
    text = ("House Republicans on Friday issued a new report that says the State Department "
            "ignored warnings. \"Systemic failures resulted in inadequate security,\" the "
            "report concludes. A report by Human Rights Watch said civilians died.")
    names = [(q["speaker"] or {}).get("name") for q in quotes_of(text)]
    assert names == ["House Republicans", "House Republicans", "Human Rights Watch"]


def test_a_new_document_is_not_the_earlier_ones(quotes_of: QuotesOf) -> None:
    text = ("House Republicans on Friday issued a new report on the attack. Other reviews "
            "have said the secretary was never told. The Benghazi report says she knew.")
    names = [(q["speaker"] or {}).get("name") for q in quotes_of(text)]
    assert "House Republicans" not in names[0]


def test_a_statement_from_someone_is_theirs(quotes_of: QuotesOf) -> None:
    text = "A statement from Human Rights Watch said the strikes killed civilians."
    assert [(q["speaker"] or {}).get("name") for q in quotes_of(text)] == [
        "Human Rights Watch"]
