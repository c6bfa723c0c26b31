"""Events carried by what a speaker says: criticism and demands made in statements.

"Rahul Gandhi said the government had 'created catastrophic unemployment'": no verb of the
lexicon codes it, yet a human coder records the opposition leader's criticism of the
government (CAMEO 111, PLOVER ACCUSE). The quotes component has found the statement, its
speaker and its content; when the content names a party other than the speaker and judges
it with a negative evaluative word (``data/events/evaluative.tsv``), not negated, the
statement is coded as the speaker's criticism of that party, with the cue ("said") as its
trigger. A statement that puts an obligation on another party ("said the United States
must make sure ...") is the speaker's demand of it (CAMEO 100, PLOVER REQUEST).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spacy.tokens import Doc, Span, Token

from communique.actors.lookup import entity_ref
from communique.events import roles
from communique.events.cameo import lookup
from communique.events.candidates import Candidate
from communique.events.evaluation import evaluative_words
from communique.events.lexicon import Match
from communique.events.parties import Parties
from communique.events.record import Setting, build_event, date_and_history, event_modality
from communique.events.refs import codable
from communique.events.verbdict import Sense

CRITICISM_CODE = "111"
DEMAND_CODE = "100"
_OBLIGATION_AUX = frozenset({"must", "should"})
_NEGATORS = frozenset({"not", "n't", "never", "no", "nothing"})
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _negative_word(tokens: Sequence[Token]) -> Token | None:
    """The first negative evaluative word not negated in the three words before it."""
    words = evaluative_words()
    for n, tok in enumerate(tokens):
        if (words.get(tok.lower_) or words.get(tok.lemma_.lower())) != "neg":
            continue
        if any(t.lower_ in _NEGATORS for t in tokens[max(0, n - 3):n]):
            continue
        return tok
    return None


def _obliged_span(content: Sequence[Token]) -> tuple[int, int] | None:
    """Character bounds of the subject a statement puts an obligation on ("said the United
    States must make sure ...", "said Mr. Trump should relieve General Flynn"), not
    negated; None when the statement obliges no one (a passive or generic subject: "no
    one should be targeted" puts no obligation on anyone named)."""
    for tok in content:
        if tok.dep_ != "aux" or tok.lower_ not in _OBLIGATION_AUX:
            continue
        verb = tok.head
        if any(c.dep_ == "neg" for c in verb.children):
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None and not roles.generic_subject(subject):
            tokens = list(subject.subtree)
            return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return None


def _judged_span(word: Token) -> tuple[int, int] | None:
    """Character bounds of the party a negative word judges: the subject of its clause
    ("the government had 'created catastrophic unemployment'"), else the clause's object;
    None when the word's clause has neither."""
    clause = word
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    for deps in (("nsubj", "nsubjpass"), ("dobj", "pobj", "attr")):
        child = next((c for c in clause.children if c.dep_ in deps), None)
        if child is not None:
            tokens = list(child.subtree)
            return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return None


def _target(span: tuple[int, int], entities: Sequence[dict[str, Any]],
            speaker: str) -> dict[str, Any] | None:
    """The first codable party, other than the speaker, named in ``span`` (first-person
    words are the speaker)."""
    best: tuple[int, dict[str, Any]] | None = None
    for entity in entities:
        if entity["id"] == speaker or not codable(entity):
            continue
        for mention in entity.get("mentions", ()):
            start = int(mention["start"])
            if not span[0] <= start < span[1] or \
                    str(mention.get("text", "")).lower() in _FIRST_PERSON:
                continue
            if best is None or start < best[0]:
                best = (start, entity)
    return best[1] if best else None


def statements_by_sentence(doc: Doc, entities: Sequence[dict[str, Any]],
                           quotes: Sequence[dict[str, Any]]
                           ) -> dict[int, list[tuple[Token, dict[str, Any], dict[str, Any]]]]:
    """Statements with a codable speaker, as (cue token, quote, speaker entity), grouped by
    the start token of the cue's sentence (computed once per document)."""
    by_id = {e["id"]: e for e in entities}
    grouped: dict[int, list[tuple[Token, dict[str, Any], dict[str, Any]]]] = {}
    for quote in quotes:
        cue = quote.get("cue") or {}
        speaker = by_id.get((quote.get("speaker") or {}).get("entity") or "")
        if not cue or speaker is None or not codable(speaker):
            continue
        token = _token_at(doc, int(cue["start"]))
        if token is not None:
            grouped.setdefault(token.sent.start, []).append((token, quote, speaker))
    return grouped


def statement_events(doc: Doc, sent: Span, index: int, entities: Sequence[dict[str, Any]],
                     setting: Setting, taken: set[int],
                     statements: dict[int, list[tuple[Token, dict[str, Any], dict[str, Any]]]]
                     ) -> list[tuple[Candidate, Parties, dict[str, Any]]]:
    """Criticism and demand events of the statements whose cue lies in ``sent`` (cues
    already coded as events, in ``taken``, are left alone), with their candidates and
    parties."""
    events: list[tuple[Candidate, Parties, dict[str, Any]]] = []
    for token, quote, speaker in statements.get(sent.start, ()):
        if token.i in taken:
            continue
        content = [t for p in quote.get("parts") or [quote]
                   for t in (doc.char_span(int(p["start"]), int(p["end"]),
                                           alignment_mode="expand") or [])]
        code = CRITICISM_CODE
        word = _negative_word(content)
        judged = _judged_span(word) if word is not None else None
        if judged is None:
            judged = _obliged_span(content)
            code = DEMAND_CODE
        if judged is None:
            continue
        target = _target(judged, entities, speaker["id"])
        ref, speaker_ref = (entity_ref(target) if target else None), entity_ref(speaker)
        if ref is None or speaker_ref is None:
            continue
        code_row = lookup(code)
        if code_row is None:
            continue
        sense = Sense(lemma=token.lemma_.lower(), particle=None, code=code,
                      reverse=False, noun=False, block="STATEMENT", origin="statements.py")
        cand = Candidate(token, Match(code, False, None, None, sense))
        parties = Parties(cand, entities, setting.quotes, (), [], [], actors=[speaker_ref],
                          actor_kinds=["name"], recipients=[ref],
                          actor_source="statement-speaker",
                          recipient_source="statement-content")
        mood = event_modality(cand, sent, False, False, [])
        when, historical = date_and_history(token, sent, setting.published)
        events.append((cand, parties, build_event(cand, code_row, parties, False, mood,
                                                  sent, index, setting, when, historical)))
        taken.add(token.i)
    return events
