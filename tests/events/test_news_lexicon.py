"""Wire-copy verbs and event nouns of the modern lexicon (sentences written for the tests)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.events.test_coder import countries, events, one


@pytest.mark.parametrize(("text", "plover", "actor", "recipient"), [
    ("Indian police clashed with Kashmiri protesters in Srinagar.", "ASSAULT", "IND", None),
    ("Russia denied the charges brought by Britain.", "REJECT", "RUS", None),
    ("Israel opposed the ceasefire proposal.", "REJECT", "ISR", None),
    ("The United States ended aid payments to Honduras.", "SANCTION", "USA", "HND"),
    ("President Trump called off the summit with North Korea.", "REJECT", "USA", None),
    ("Islamic State militants beheaded a Japanese journalist.", "ASSAULT", None, "JPN"),
    ("Iran freed three American prisoners on Sunday.", "RETREAT", "IRN", None),
    ("Russia annexed Crimea from Ukraine in 2014.", "COERCE", "RUS", None),
    ("The Chinese government cracked down on Uighur activists.", "ASSAULT", "CHN", None),
    ("Secretary Lew spoke by phone with Ukrainian Prime Minister Yatsenyuk.", "CONSULT",
     None, "UKR"),
    ("French farmers joined the strike against the government of France.", "PROTEST", "FRA",
     None),
    ("The German chancellor scolded Poland over its courts.", "ACCUSE", "DEU", "POL"),
    ("French police launched a manhunt for the two brothers.", "COERCE", "FRA", None),
    ("Belgian police searched the homes of three suspects in Molenbeek.", "COERCE", "BEL",
     None),
    ("Ukrainian police sealed off the center of Kiev on Wednesday.", "COERCE", "UKR", None),
    ("Iranian security forces fired tear gas at protesters in Tehran.", "ASSAULT", "IRN",
     None),
    ("Indian opposition parties have backed the striking Indian workers.", "SUPPORT", "IND",
     "IND"),
    ("The Trump administration has also sided with Israel.", "SUPPORT", None, "ISR"),
    ("President Trump called off the summit with North Korea.", "REJECT", "USA", None),
    ("Vice President Pence called out China on Thursday.", "ACCUSE", "USA", "CHN"),
    ("Three American civil rights groups sued in federal court.", "ACCUSE", "USA", None),
    ("President Trump tweeted a warning to Russia.", "THREATEN", "USA", "RUS"),
    ("The Egyptian army called for calm.", "REQUEST", "EGY", None),
])
def test_news_verbs_code_events(nlp: Any, text: str, plover: str, actor: str | None,
                                recipient: str | None) -> None:
    e = one(nlp, text, plover)
    if actor:
        assert actor in countries(e["actors"])
    if recipient:
        assert recipient in countries(e["recipients"])


def test_released_statement_is_no_release_of_people(nlp: Any) -> None:
    assert not [e for e in events(nlp, "The Russian ministry released a statement on Iran.")
                if e["cameo"] == "0841"]


def test_agentless_detention_is_done_by_the_setting_authorities(nlp: Any) -> None:
    text = ("France raised its terror alert after the attack in Paris. The French interior "
            "minister spoke to reporters in France on Thursday. Nine people had been "
            "detained in connection with the attack, he said.")
    e = one(nlp, text, "COERCE")
    assert countries(e["actors"]) == {"FRA"}
    assert e["confidence"] < 0.85  # a weaker inference than a named doer


def test_agentless_detention_without_a_setting_has_no_actor(nlp: Any) -> None:
    text = "Nine people had been detained in connection with the attack."
    assert not [e for e in events(nlp, text) if e["plover"] == "COERCE"]


def test_party_members_take_the_country_of_the_article(nlp: Any) -> None:
    text = ("The United States Congress met on Monday. In Washington, Democrats blasted the "
            "White House over the new border policy of the United States.")
    e = one(nlp, text, "ACCUSE")
    assert countries(e["actors"]) == {"USA"}


def test_request_addressed_to_the_subject_of_what_it_asks(nlp: Any) -> None:
    text = ("Senator Kamala Harris called for U.S. Homeland Security Secretary Kirstjen "
            "Nielsen to resign.")
    e = one(nlp, text, "REQUEST")
    assert countries(e["recipients"]) == {"USA"}


def test_calling_a_party_names_a_judgement(nlp: Any) -> None:
    text = ("U.S. Homeland Security Secretary Kirstjen Nielsen called Democrats cowardly "
            "for refusing to work with the White House.")
    e = one(nlp, text, "ACCUSE")
    assert e["cameo"] == "111" and countries(e["recipients"]) == {"USA"}


def test_calling_on_a_party_is_still_an_appeal(nlp: Any) -> None:
    e = one(nlp, "Iran called on the United States to lift the sanctions.", "REQUEST")
    assert countries(e["recipients"]) == {"USA"}


def test_phone_calls_and_discussions_are_consultations(nlp: Any) -> None:
    e = one(nlp, "U.S. Vice President Joe Biden phoned Ukrainian President Viktor Yanukovych.",
            "CONSULT")
    assert e["cameo"] == "041" and countries(e["recipients"]) == {"UKR"}
    e = one(nlp, "U.S. adviser Jared Kushner's discussions with Russia's ambassador ended.",
            "CONSULT")
    assert countries(e["recipients"]) == {"RUS"}


@pytest.mark.parametrize(("text", "plover", "actor", "recipient"), [
    # dismissal of an official
    ("Ukrainian President Zelensky fired his army chief on Monday.", "COERCE", "UKR", None),
    # protest vandalism
    ("Iraqi protesters toppled statues of the former president in Basra.", "PROTEST", "IRQ",
     None),
    # speaking out in support of a party
    ("Senator Sanders spoke out in support of the Chilean strikers.", "SUPPORT", "USA",
     "CHL"),
    # intransitive deployment
    ("More than 5,000 Belgian soldiers have deployed across Belgium.", "MOBILIZE", "BEL",
     None),
    # nominal assault and boycott
    ("Libyan militants led the assault on the American embassy in Tripoli.", "ASSAULT",
     "LBY", "USA"),
    ("Indian students began a boycott of classes in Delhi.", "PROTEST", "IND", None),
    # naming by an evaluative word with a naming verb that has no pattern of its own
    ("Chancellor Merkel called the Russian decision absurd.", "ACCUSE", "DEU", "RUS"),
    ("Chancellor Merkel labeled the Turkish plan a disgrace.", "ACCUSE", "DEU", "TUR"),
    # claiming an attack, passive road blocks, moving forces, a protest campaign
    ("Al-Shabaab militants claimed responsibility for the bombing of the Kenyan embassy.",
     "ASSAULT", "SOM", "KEN"),
    ("Several highways into Kiev were blocked by Ukrainian police.", "COERCE", "UKR", None),
    ("The Chinese government is moving troops to its border with Hong Kong.", "MOBILIZE",
     "CHN", None),
    ("Palestinians in Gaza have kept up a protest campaign against Israel.", "PROTEST",
     "PSE", "ISR"),
])
def test_issue18_constructions_code_events(nlp: Any, text: str, plover: str,
                                           actor: str | None, recipient: str | None) -> None:
    e = one(nlp, text, plover)
    if actor:
        assert actor in countries(e["actors"])
    if recipient:
        assert recipient in countries(e["recipients"])


def test_naming_without_judgement_is_no_accusation(nlp: Any) -> None:
    assert not [e for e in events(nlp, "Chancellor Merkel called the Russian envoy Sergei.")
                if e["plover"] == "ACCUSE"]


def test_firing_weapons_is_no_dismissal(nlp: Any) -> None:
    text = "Syrian troops fired rockets at Turkish soldiers near Idlib."
    assert not [e for e in events(nlp, text) if e["cameo"] == "172"]


def test_holding_elections_is_no_event(nlp: Any) -> None:
    assert not events(nlp, "The new Ukrainian government plans to hold presidential "
                           "elections in May.")


def test_taking_in_refugees_is_asylum_not_praise(nlp: Any) -> None:
    e = one(nlp, "Germany welcomed 800,000 Syrian refugees last year.", "AID")
    assert e["cameo"] == "075"


def test_town_that_fell_to_rebels_is_taken_by_them(nlp: Any) -> None:
    e = one(nlp, "The Syrian border town fell to Kurdish rebels on Friday.", "COERCE")
    assert e["cameo"] == "192" and "SYR" in countries(e["recipients"])


def test_prices_that_fell_to_a_low_are_no_event(nlp: Any) -> None:
    assert not [e for e in events(nlp, "Russian oil prices fell to a six-year low.")
                if e["plover"] == "COERCE"]


def test_a_duty_that_fell_to_a_government_is_no_seizure(nlp: Any) -> None:
    for text in ("The decision fell to the British government after the talks collapsed.",
                 "Responsibility for the budget fell to Germany."):
        assert not [e for e in events(nlp, text) if e["plover"] == "COERCE"]


def test_armed_force_pushing_towards_a_city_advances_on_it(nlp: Any) -> None:
    e = one(nlp, "Russian troops pushed toward Kharkiv on Monday.", "ASSAULT")
    assert e["cameo"] == "190" and countries(e["actors"]) == {"RUS"}
    assert countries(e["recipients"]) == {"UKR"}


def test_union_pushing_towards_a_deal_is_no_assault(nlp: Any) -> None:
    assert not [e for e in events(nlp, "The European Union pushed towards a deal with Iran.")
                if e["plover"] == "ASSAULT"]


def test_handing_out_rifles_mobilises_and_to_a_party_is_military_aid(nlp: Any) -> None:
    e = one(nlp, "The Ukrainian army handed out rifles in the eastern town.", "MOBILIZE")
    assert e["cameo"] == "154" and countries(e["actors"]) == {"UKR"}
    aid = one(nlp, "The Russian army handed out weapons to separatists in Donetsk.", "AID")
    assert aid["cameo"] == "072" and countries(aid["actors"]) == {"RUS"}


def test_handing_out_leaflets_is_no_event(nlp: Any) -> None:
    assert not events(nlp, "Ukrainian volunteers handed out leaflets in Kiev.")
