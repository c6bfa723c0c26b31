"""Each attribution pattern of issue 4 on sentences written for the purpose."""

from __future__ import annotations

from typing import Any

from tests.quotes.conftest import QuotesOf


def _one(quotes: list[dict[str, Any]]) -> dict[str, Any]:
    assert len(quotes) == 1, [(q["kind"], q["text"]) for q in quotes]
    return quotes[0]


def _speaker(q: dict[str, Any]) -> str:
    assert q["speaker"] is not None, q
    return str(q["speaker"]["name"])


def test_quote_offsets_and_schema(quotes_of: QuotesOf) -> None:
    text = '"We will not back down," Smith told AFP on Monday.'
    q = _one(quotes_of(text))
    assert q["id"] == "Q1"
    assert q["kind"] == "direct"
    assert q["text"] == "We will not back down"
    assert text[q["start"] : q["end"]] == q["text"]
    assert q["parts"] == [{"start": q["start"], "end": q["end"]}]
    assert q["cue"]["lemma"] == "tell" and text[q["cue"]["start"] : q["cue"]["end"]] == "told"
    assert q["speaker"]["text"] == "Smith"
    assert text[q["speaker"]["start"] : q["speaker"]["end"]] == "Smith"
    assert q["sentence"] == 0 and q["paragraph"] == 0


def test_addressee_person_and_channel_outlet(quotes_of: QuotesOf) -> None:
    told_afp = _one(quotes_of('"We will not back down," Smith told AFP on Monday.'))
    assert told_afp["addressee"] is None
    assert told_afp["channel"]["name"] == "AFP"
    told_person = _one(quotes_of("The minister told parliament that the budget would be cut."))
    assert told_person["kind"] == "indirect"
    assert told_person["addressee"]["text"] == "parliament"
    assert told_person["text"] == "the budget would be cut"
    reporters = _one(quotes_of('Jones told reporters that "the border is closed."'))
    assert reporters["addressee"]["text"] == "reporters"
    assert reporters["kind"] == "direct"


def test_channels(quotes_of: QuotesOf) -> None:
    statement = _one(quotes_of("The ministry said in a statement that talks would resume."))
    assert statement["channel"]["name"] == "statement"
    assert statement["channel"]["text"] == "in a statement"
    interview = _one(quotes_of('"We are ready to talk," Jones said in an interview with CNN.'))
    assert interview["channel"]["name"] == "CNN"
    assert interview["channel"]["text"] == "in an interview with CNN"
    according = _one(quotes_of(
        '"The deal is done," the minister said, according to the state broadcaster NHK.'))
    assert according["channel"]["name"] == "NHK"
    assert according["channel"]["text"].startswith("according to")
    wrote = _one(quotes_of('"The war is lost," she wrote in Foreign Affairs magazine.'))
    assert wrote["channel"]["name"] == "Foreign Affairs"


def test_indirect_forms(quotes_of: QuotesOf) -> None:
    said_that = _one(quotes_of("The spokesman said that the talks had failed."))
    assert (said_that["kind"], said_that["text"]) == ("indirect", "the talks had failed")
    said = _one(quotes_of("Officials said the ceasefire was holding."))
    assert (said["kind"], said["text"]) == ("indirect", "the ceasefire was holding")
    assert _speaker(said) == "Officials"
    according = _one(quotes_of("According to the mayor, the bridge will reopen in May."))
    assert according["kind"] == "indirect"
    assert according["text"] == "the bridge will reopen in May"
    assert according["speaker"]["text"] == "the mayor"
    assert according["cue"]["lemma"] == "according to"
    accused = _one(quotes_of("The opposition accused the government of rigging the vote."))
    assert accused["text"] == "rigging the vote"
    assert accused["speaker"]["text"] == "The opposition"
    warned = _one(quotes_of("The general warned that the offensive could begin within days."))
    assert warned["text"] == "the offensive could begin within days"
    told = _one(quotes_of("Xi told Lavrov that China was ready to help."))
    assert told["addressee"]["text"] == "Lavrov"
    assert told["text"] == "China was ready to help"


def test_beliefs(quotes_of: QuotesOf) -> None:
    for text, content in [
        ("The senator believes that the deal is doomed.", "the deal is doomed"),
        ("Investigators found that the fire was set deliberately.",
         "the fire was set deliberately"),
        ("The farmers fear that the drought will last.", "the drought will last"),
        ("The president wants to meet the rebel leaders.", "to meet the rebel leaders"),
    ]:
        q = _one(quotes_of(text))
        assert (q["kind"], q["text"]) == ("belief", content), text


def test_split_quote_is_one_quote_with_parts(quotes_of: QuotesOf) -> None:
    text = '"We will win," she said, "and we will win soon."'
    q = _one(quotes_of(text))
    assert q["kind"] == "direct"
    assert [text[p["start"] : p["end"]] for p in q["parts"]] == [
        "We will win", "and we will win soon."]
    assert q["text"] == "We will win and we will win soon."
    assert q["cue"]["text"] == "said"


def test_multi_paragraph_quote(quotes_of: QuotesOf) -> None:
    text = ('The minister said: "Our position on the border has not changed at all.\n'
            '"We will keep talking to our neighbours until a deal is signed."\n'
            "The talks resume on Friday.")
    q = _one(quotes_of(text))
    assert len(q["parts"]) == 2
    assert q["text"].startswith("Our position") and q["text"].endswith("deal is signed.")
    assert q["paragraph"] == 0
    assert q["speaker"]["text"] == "The minister"


def test_unbalanced_marks_recover_locally(quotes_of: QuotesOf) -> None:
    text = ('The "reform passed on Monday after a long debate in the chamber.\n'
            '"We are very happy with the result," the chair said.')
    quotes = quotes_of(text)
    happy = [q for q in quotes if q["text"] == "We are very happy with the result"]
    assert len(happy) == 1 and happy[0]["speaker"]["text"] == "the chair"
    left_open = quotes_of('He said "we will never surrender.\nThe talks resumed, officials said.')
    texts = [q["text"] for q in left_open]
    assert "we will never surrender." in texts
    assert "The talks resumed" in texts


def test_single_quotes_as_quotation_marks(quotes_of: QuotesOf) -> None:
    q = _one(quotes_of("'We will not negotiate with them,' the minister said."))
    assert (q["kind"], q["text"]) == ("direct", "We will not negotiate with them")
    curly = _one(quotes_of("‘It’s a trap,’ the officer’s deputy warned."))
    assert curly["text"] == "It’s a trap"


def test_colon_and_dash_styles(quotes_of: QuotesOf) -> None:
    colon = _one(quotes_of('The minister said: "Our position has not changed."'))
    assert (colon["kind"], colon["cue"]["text"]) == ("direct", "said")
    bare = _one(quotes_of('Lavrov: "We will respond in kind."'))
    assert bare["speaker"]["text"] == "Lavrov" and bare["cue"]["text"] == ":"
    dash = _one(quotes_of('Lavrov — "We will respond in kind."'))
    assert dash["speaker"]["text"] == "Lavrov"
    across = quotes_of('The ministry responded:\n"The claims are false and we reject them."')
    assert [_speaker(q) for q in across if q["kind"] == "direct"] == ["The ministry"]


def test_added_and_readout(quotes_of: QuotesOf) -> None:
    text = ("The two leaders agreed to expand trade, the readout said.\n"
            '"Both sides will keep in close touch," it added.')
    quotes = quotes_of(text)
    assert [q["kind"] for q in quotes] == ["indirect", "direct"]
    assert quotes[0]["speaker"]["text"] == "the readout"
    assert quotes[1]["speaker"]["text"] == "it"
    assert quotes[1]["speaker"]["name"] == quotes[0]["speaker"]["name"]
    he = quotes_of('"We are ready," Smith said.\n"We have always been ready," he added.')
    assert [q["speaker"]["name"] for q in he][1] == he[0]["speaker"]["name"]


def test_cueless_paragraph_continues_previous_speaker(quotes_of: QuotesOf) -> None:
    text = ('"The sanctions are failing and everyone knows it," Jones told reporters.\n'
            '"The economy has adapted faster than anyone expected."\n'
            "Markets closed higher.")
    quotes = quotes_of(text)
    assert len(quotes) == 2
    assert quotes[1]["cue"] is None
    assert quotes[1]["speaker"]["name"] == quotes[0]["speaker"]["name"]
    assert quotes[1]["paragraph"] == 1


def test_scare_quotes_titles_and_headings_are_not_quotes(quotes_of: QuotesOf) -> None:
    assert quotes_of('The so-called "peace plan" was unveiled on Monday.') == []
    assert quotes_of('She starred in "The Long Night" last year.') == []
    assert quotes_of("The ‘Belt and Road’ programme has slowed.") == []
    text = "'Vassalage to China'\nThe delegation left Beijing on Tuesday."
    assert quotes_of(text, headings=[(0, 20)]) == []


def test_outlet_host_is_addressee_and_outlet_the_channel(quotes_of: QuotesOf) -> None:
    q = _one(quotes_of("He told Fox News' Bill O'Reilly that taxes would be cut."))
    assert q["channel"]["name"] == "Fox News"
    assert q["addressee"]["text"] == "Bill O'Reilly"
    interview = _one(quotes_of(
        '"We are not leaving," Biden said in an interview with MSNBC\'s Mika Brzezinski.'))
    assert interview["channel"]["name"] == "MSNBC"


def test_to_phrase_of_added_is_not_an_addressee(quotes_of: QuotesOf) -> None:
    text = ('"We will appeal," the lawyer said.\n'
            '"The ruling is wrong," she added to the statement on Friday.')
    quotes = quotes_of(text)
    assert [q["addressee"] for q in quotes] == [None, None]


def test_according_to_with_a_speech_cue_inside_the_statement(quotes_of: QuotesOf) -> None:
    text = ("According to the auditor, the figures appear in a notice the ministry "
            "posted last spring.")
    q = next(q for q in quotes_of(text) if q["cue"]["lemma"] == "according to")
    assert q["speaker"]["text"] == "the auditor"
    assert q["text"].startswith("the figures appear in a notice")


def test_according_to_keeps_the_statement_when_the_verb_inside_reports_nothing(
        quotes_of: QuotesOf) -> None:
    text = ('The minister met her Japanese counterpart "to review the security pact," '
            "according to a ministry statement.")
    q = _one(quotes_of(text))
    assert q["cue"]["lemma"] == "according to"
    assert q["text"] == ('The minister met her Japanese counterpart "to review the security '
                         'pact,"')
    assert q["speaker"]["text"] == "a ministry statement"


def test_possessive_speaker_is_not_the_possessor(quotes_of: QuotesOf) -> None:
    text = ("Senator Joan Ellis will vote against the bill, according to her aide.\n\n"
            '"It was a long night," Ellis\u2019s spokesman said.\n\n'
            '"We won," Joan Ellis said.')
    aide, spokesman, ellis = quotes_of(text)
    assert (aide["speaker"]["name"], aide["speaker"]["entity"]) == ("her aide", None)
    assert spokesman["speaker"]["name"] == "Ellis\u2019s spokesman"
    assert spokesman["speaker"]["entity"] is None
    assert ellis["speaker"]["name"] == "Joan Ellis"


def test_used_the_phrase_reports_the_quotation_alone(quotes_of: QuotesOf) -> None:
    text = ('The governor has used the phrase "war on coal" in every speech this year.\n\n'
            'A columnist coined the term "super commute" in 2019.')
    used, coined = quotes_of(text)
    assert (used["kind"], used["text"], used["speaker"]["text"]) == (
        "direct", "war on coal", "The governor")
    assert (coined["text"], coined["cue"]["lemma"]) == ("super commute", "coin")


def test_wording_noun_without_a_quotation_is_no_statement(quotes_of: QuotesOf) -> None:
    assert quotes_of("The governor has used the phrase often in her speeches.") == []


def test_verbal_attack_verb_reports_its_object(quotes_of: QuotesOf) -> None:
    text = 'The senator ripped the agency for its "shameful" handling of the floods.'
    q = _one(quotes_of(text))
    assert q["cue"]["lemma"] == "rip"
    assert q["text"] == 'the agency for its "shameful" handling of the floods'


def test_to_x_opening_a_sentence_gives_x_view(quotes_of: QuotesOf) -> None:
    text = ('To Sharp, the senator is the "kind-hearted" man who saved her farm in 1986.\n\n'
            "To many, the council is a hero of the flood.\n\n"
            "To date, no charges have been filed.")
    sharp, many = quotes_of(text)
    assert (sharp["kind"], sharp["speaker"]["text"]) == ("mixed", "Sharp")
    assert sharp["text"] == 'the senator is the "kind-hearted" man who saved her farm in 1986'
    assert (many["kind"], many["text"]) == ("belief", "the council is a hero of the flood")


def test_predicate_adjective_with_a_clause_is_a_belief(quotes_of: QuotesOf) -> None:
    text = ("The governor is confident that the dam will hold.\n\n"
            "Aides were worried the vote would slip.\n\n"
            'The mayor was adamant that the bridge "will reopen in May."')
    confident, worried, adamant = quotes_of(text)
    assert (confident["kind"], confident["text"]) == ("belief", "the dam will hold")
    assert confident["speaker"]["text"] == "The governor"
    assert (worried["text"], worried["speaker"]["text"]) == ("the vote would slip", "Aides")
    assert adamant["text"] == 'the bridge "will reopen in May."'


def test_predicate_adjective_without_a_clause_or_holder_is_nothing(
        quotes_of: QuotesOf) -> None:
    text = "It is clear that the plan failed.\n\nThe senator is concerned about the plan."
    assert quotes_of(text) == []


def test_praise_verb_reports_its_object_and_reason(quotes_of: QuotesOf) -> None:
    text = 'The coach credited her players with keeping "the whole season alive" through it all.'
    q = _one(quotes_of(text))
    assert q["kind"] == "mixed"
    assert q["text"].startswith('her players with keeping "the whole season alive"')


def test_likening_verb_reports_the_comparison(quotes_of: QuotesOf) -> None:
    text = 'The senator likened the tax plan to "a slow-motion robbery" of the middle class.'
    q = _one(quotes_of(text))
    assert q["text"] == 'the tax plan to "a slow-motion robbery" of the middle class'
    assert q["cue"]["lemma"] == "liken"


def test_relative_pronoun_speaker_is_named_by_its_antecedent(quotes_of: QuotesOf) -> None:
    text = ("John Bentel, a tech staffer at the State Department who told his subordinates never "
            "to speak of the server, declined to comment.")
    q = next(q for q in quotes_of(text) if q["cue"]["lemma"] == "speak")
    assert q["speaker"]["text"] == "who"  # the local mention stays the pronoun
    assert q["speaker"]["name"] == "John Bentel"  # the appositive names the staffer


def test_encouraging_is_a_directive_cue_of_its_own(quotes_of: QuotesOf) -> None:
    # The parser coordinates "encouraged" with the reported clause's verb "was"; it is the
    # senator's second act, not more of the statement, and the senator is its speaker.
    text = ("The senator tweeted that the deal was “a disgrace” and encouraged voters to "
            "“call their representatives” this week.")
    first, second = quotes_of(text)
    assert first["text"] == "the deal was “a disgrace”"
    assert second["cue"]["lemma"] == "encourage"
    assert second["text"].startswith("to “call their representatives”")
    assert second["speaker"]["text"] == "The senator"



def test_relative_pronoun_object_of_a_characterising_cue_opens_the_statement(
        quotes_of: QuotesOf) -> None:
    text = 'The board fired the director, whom the report described as "volatile," on Monday.'
    [q] = quotes_of(text)
    assert q["kind"] == "mixed"
    assert q["text"].startswith("whom")
    assert q["parts"][0] == {"start": text.index("whom"), "end": text.index("whom") + 4}
    assert "volatile" in q["text"]


def test_relative_subject_of_a_characterising_cue_is_the_speaker(quotes_of: QuotesOf) -> None:
    [q] = quotes_of('The senator, who called the plan "a disaster," voted against it.')
    assert not q["text"].startswith("who")


def test_relative_clause_speaker_after_an_appositive_is_named_by_the_name(
        quotes_of: QuotesOf) -> None:
    text = ("Voters trusted Senator Ellen Hale, the committee chair, who said in 2010 that the "
            "budget was \u201ca disgrace.\u201d")
    [q] = quotes_of(text)
    assert q["speaker"]["text"] == "who"
    assert q["speaker"]["name"] == "Ellen Hale"
