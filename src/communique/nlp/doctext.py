"""The text of a Doc, computed once per document and shared by our components.

``Doc.text`` builds a Token object for every token on each access, a cost that shows in
the whole pipeline's time when every component asks for it. The actors component
reads the text first and leaves it in ``Doc.user_data``; the quotes component, the last one
that needs it, takes it out again, so nothing extra is pickled with the document.
"""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = "communique_text"


def remember_text(doc: Doc, text: str) -> None:
    """Keep ``text`` (which must equal ``doc.text``) for the components that follow."""
    doc.user_data[_KEY] = text


def doc_text(doc: Doc, *, release: bool = False) -> str:
    """``doc.text``, from the kept copy when there is one; ``release`` drops the copy."""
    text = doc.user_data.pop(_KEY, None) if release else doc.user_data.get(_KEY)
    if isinstance(text, str) and len(doc) and \
            len(text) == doc[-1].idx + len(doc[-1].text_with_ws):
        return text
    return doc.text
