"""The shared copy of a Doc's text: the same string as ``Doc.text``, dropped on release."""

from __future__ import annotations

from spacy.lang.en import English

from communique.nlp.doctext import doc_text, remember_text


def test_kept_text_is_returned_and_released() -> None:
    doc = English().make_doc("Xi met Putin.  They talked.")
    remember_text(doc, doc.text)
    assert doc_text(doc) == doc.text
    assert doc_text(doc, release=True) == doc.text
    assert "communique_text" not in doc.user_data


def test_a_copy_that_does_not_fit_the_doc_is_ignored() -> None:
    doc = English().make_doc("Xi met Putin.")
    remember_text(doc, "something else entirely")
    assert doc_text(doc) == "Xi met Putin."


def test_without_a_copy_the_doc_text_is_read() -> None:
    doc = English().make_doc("Xi met Putin.")
    assert doc_text(doc, release=True) == "Xi met Putin."
