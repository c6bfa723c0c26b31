"""Language scope: English gets NLP; other languages are read, cleaned, kept, and skipped."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import communique
from communique.extract import RunSummary, process
from communique.ingest.readers import read_text
from communique.ingest.types import RawDocument
from communique.language import SUPPORTED_LANGUAGES, detect_language
from communique.prepare import prepare
from tests.ingest.inputs import DE_TEXT, EN_TEXT, EN_TEXT_2, FR_TEXT

if TYPE_CHECKING:
    from spacy.language import Language

ES_TEXT = (
    "El ministro de Asuntos Exteriores se reuni\u00f3 el martes en Ginebra con su "
    "hom\u00f3logo para hablar de la frontera en disputa, dijeron fuentes oficiales.\n"
)
RU_TEXT = (
    "\u041c\u0438\u043d\u0438\u0441\u0442\u0440 \u0438\u043d\u043e\u0441\u0442\u0440\u0430"
    "\u043d\u043d\u044b\u0445 \u0434\u0435\u043b \u0432\u0441\u0442\u0440\u0435\u0442\u0438"
    "\u043b\u0441\u044f \u0432\u043e \u0432\u0442\u043e\u0440\u043d\u0438\u043a \u0432 "
    "\u0416\u0435\u043d\u0435\u0432\u0435 \u0441\u043e \u0441\u0432\u043e\u0438\u043c "
    "\u043a\u043e\u043b\u043b\u0435\u0433\u043e\u0439.\n"
)


@pytest.mark.parametrize(
    ("text", "lang"),
    [(EN_TEXT, "en"), (EN_TEXT_2, "en"), (FR_TEXT, "fr"), (DE_TEXT, "de"), (ES_TEXT, "es"),
     (RU_TEXT, "ru")],
)
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_short_text_is_assumed_english() -> None:
    # Under 40 letters the identifier is a coin toss; such snippets get NLP.
    assert detect_language("Oui, merci.") == "en"
    assert "en" in SUPPORTED_LANGUAGES


def test_prepare_keeps_other_languages_and_says_why() -> None:
    prepared = prepare(read_text(FR_TEXT + "\nAdvertisement\n"))
    assert prepared.article.language == "fr"
    assert prepared.skipped is not None and "'fr'" in prepared.skipped
    assert prepared.article.text.strip() == FR_TEXT.strip()  # read and cleaned


def test_extract_api_on_french_text() -> None:
    [doc] = communique.extract(FR_TEXT, published="2024-03-05")
    assert doc["article"]["language"] == "fr"
    assert "English only" in doc["skipped"]
    assert doc["article"]["text"].startswith("Le ministre")
    assert doc["article"]["published"] == "2024-03-05"
    assert doc["entities"] == doc["quotes"] == doc["events"] == []


def _raw(number: int, text: str) -> RawDocument:
    return RawDocument(read_text(text).source, text, "text", {"id": f"doc{number}"})


def test_output_order_equals_input_order(nlp: Language) -> None:
    texts = [EN_TEXT, FR_TEXT, EN_TEXT_2, DE_TEXT, FR_TEXT.replace("mardi", "lundi"),
             EN_TEXT + "\nMore.\n", ES_TEXT]
    items = [_raw(n, t) for n, t in enumerate(texts)]
    summary = RunSummary()
    for batch_size in (1, 2, 16):
        out = list(process(items, nlp=nlp, batch_size=batch_size, summary=summary))
        assert [d["article"]["id"] for d in out] == [f"doc{n}" for n in range(len(texts))]
        assert [d["article"]["language"] for d in out] == ["en", "fr", "en", "de", "fr", "en",
                                                          "es"]
        assert [bool(d.get("skipped")) for d in out] == [False, True, False, True, True, False,
                                                        True]
    assert (summary.processed, summary.skipped, summary.failed) == (9, 12, 0)


def test_duplicates_are_skipped_in_place(nlp: Language) -> None:
    items = [_raw(1, EN_TEXT), _raw(1, EN_TEXT), _raw(2, EN_TEXT_2)]
    out = list(process(items, nlp=nlp))
    assert [d["article"]["id"] for d in out] == ["doc1", "doc1", "doc2"]
    assert [d.get("skipped", "")[:9] for d in out] == ["", "duplicate", ""]


@pytest.mark.parametrize("lead", [
    "President Biden met Chancellor Scholz in Berlin.",
    "Putin and Erdogan met in Sochi on Friday to discuss Syria.",
])
def test_short_english_lead_full_of_names_is_english(lead: str) -> None:
    assert detect_language(lead) == "en"


def test_short_text_the_identifier_is_sure_of_keeps_its_language() -> None:
    assert detect_language("Bundeskanzler Olaf Scholz hat am Montag in Berlin den "
                           "amerikanischen Präsidenten empfangen.") == "de"
    assert detect_language(ES_TEXT) == "es"


def test_compiled_model_answers_as_py3langid(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The identifier read from the compiled cache gives py3langid's own answers, built
    or reopened, to the probability."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from communique import language

    monkeypatch.setenv("COMMUNIQUE_CACHE_DIR", str(tmp_path))
    language._identifier.cache_clear()
    try:
        built = language._identifier()
        language._identifier.cache_clear()
        reopened = language._identifier()
    finally:
        language._identifier.cache_clear()
    assert len(list(tmp_path.glob("langid-*.arrays"))) == 1
    original = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    texts = [EN_TEXT, EN_TEXT_2, FR_TEXT, DE_TEXT, ES_TEXT, RU_TEXT, "",
             "President Biden met Chancellor Scholz in Berlin.", "東京で首脳会談が開かれた。",
             "Putin and Erdogan met in Sochi on Friday to discuss Syria.", "\x00\xff 123 ?!"]
    for text in texts:
        assert built.classify(text) == reopened.classify(text) == original.classify(text)
        assert reopened.rank(text) == original.rank(text)
