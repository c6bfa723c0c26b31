"""Coordinated speakers: every named speaker of "A, B and C said" is kept (quotes/records.py).
Sentences written for the purpose."""

from __future__ import annotations

from tests.quotes.conftest import QuotesOf, by_cue


def test_coordinated_speakers_are_all_kept(quotes_of: QuotesOf) -> None:
    text = ("Senators Marco Rubio, Ted Cruz and John Kasich campaigned in Miami. Rubio, Cruz "
            "and Kasich said the United States needs good relations with Muslim countries.")
    q = by_cue(quotes_of(text), "said")
    assert q["speaker"]["name"] == "Marco Rubio"
    assert [o["name"] for o in q["co_speakers"]] == ["Ted Cruz", "John Kasich"]


def test_a_single_speaker_has_no_co_speakers(quotes_of: QuotesOf) -> None:
    q = by_cue(quotes_of("Senator Ted Cruz said the bill was a mistake."), "said")
    assert "co_speakers" not in q


def test_a_described_source_keeps_its_description(quotes_of: QuotesOf) -> None:
    text = ("Washington has warned Moscow for weeks. A senior U.S. military official said the "
            "strikes would continue. Russian state television said the base was hit.")
    names = [q["speaker"]["name"] for q in quotes_of(text)]
    assert names == ["A senior U.S. military official", "Russian state television"]


def test_a_bare_title_still_takes_the_resolved_name(quotes_of: QuotesOf) -> None:
    text = ("Foreign Minister Sergei Lavrov met reporters in Moscow on Monday. The minister "
            "said the talks would resume.")
    q = by_cue(quotes_of(text), "said")
    assert q["speaker"]["name"] == "Sergei Lavrov"


def test_an_agency_citing_someone_as_saying_only_relays(quotes_of: QuotesOf) -> None:
    text = ("Interfax news agency cited a Russian Foreign Ministry spokeswoman as saying that "
            "Moscow would ask for an emergency meeting.")
    [q] = quotes_of(text)
    assert q["cue"]["text"] == "saying"
    assert q["speaker"]["name"] == "a Russian Foreign Ministry spokeswoman"


def test_a_counted_or_qualified_group_keeps_its_words(quotes_of: QuotesOf) -> None:
    text = "Fourteen Republicans said they would block the debate on the bill."
    [q] = quotes_of(text)
    assert q["speaker"]["name"] == "Fourteen Republicans"


def test_people_a_described_speaker_includes_are_the_speakers(quotes_of: QuotesOf) -> None:
    text = ("Senators running for president -- including Kamala Harris of California, "
            "Elizabeth Warren of Massachusetts and Cory Booker of New Jersey -- all said the "
            "attorney general acted like a defense lawyer.")
    q = by_cue(quotes_of(text), "said")
    assert q["speaker"]["name"] == "Kamala Harris"
    assert [o["name"] for o in q["co_speakers"]] == ["Elizabeth Warren", "Cory Booker"]
