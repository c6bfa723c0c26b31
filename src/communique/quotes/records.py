"""The quote records written to ``Doc._.communique_quotes``, built from assembled statements.

:mod:`communique.quotes.extract` assembles :class:`Attribution` objects (kind, content parts,
frame, speaker mention, quotation passages); :func:`emit` turns them into the ``quotes`` of
``communique/1``: ids, cue, speaker resolved through the entity clusters (a continuation
pronoun takes the previous speaker), addressee, channel, sentence and paragraph indexes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc

from communique.actors.lookup import entity_for_span
from communique.quotes.cues import Frame, Mention, mention_of
from communique.quotes.described import appositive_names, keeps_description
from communique.quotes.docindex import DocIndex
from communique.quotes.issuers import document_issuer, issuances
from communique.quotes.marks import QuoteMarks
from communique.quotes.statement import act

# How many paragraphs a speaker carries over to a cue-less quotation or a "he added".
SPEAKER_CARRY_PARAGRAPHS = 1
_CONTINUE_PRONOUNS = frozenset({"he", "she", "it", "they"})
# An unresolved first- or second-person speaker is never handed on to a later "he said".
_PERSONAL = frozenset({"i", "we", "you", "me", "us"})


@dataclass
class Attribution:
    """One statement being assembled: its kind, content parts, frame, speaker and passages."""

    kind: str
    parts: list[tuple[int, int]]
    frame: Frame | None
    speaker: Mention | None
    quotes: list[QuoteMarks] = field(default_factory=list)
    inherited: dict[str, Any] | None = None
    bare_cue: tuple[int, int] | None = None

    def add(self, q: QuoteMarks) -> None:
        """Take one more quoted passage into this statement."""
        self.quotes.append(q)
        self.parts.extend(q.parts)


def _lookup(doc: Doc, entities: Sequence[dict[str, Any]] | None,
            mention: Mention) -> dict[str, Any] | None:
    """The entity a speaker or addressee mention stands for. A possessor inside the mention
    names someone else: "her aide" and "Carter's press secretary" are not the entity of "her"
    or "Carter", so the lookup starts after the possessor."""
    if not entities:
        return None
    start = mention.start
    head = doc.char_span(*mention.head, alignment_mode="expand")
    if head is not None:
        for child in head.root.children:
            if child.dep_ == "poss" and child.idx >= mention.start:
                after = child.right_edge.i + 1
                while after < head.root.i and doc[after].dep_ == "case":
                    after += 1
                start = max(start, doc[after].idx)
    return entity_for_span(entities, start, mention.end, mention.head)


@lru_cache(maxsize=1)
def _demonyms() -> frozenset[str]:
    from communique.actors.kb import load_kb

    return frozenset(load_kb().demonyms)


def speaker_name(doc: Doc, entity: dict[str, Any] | None, named: Mention) -> str:
    """The name a quote gives its speaker: the entity's, except for a described source
    that is not a named person ("a senior U.S. military official", "Russian state
    television", "U.S. officials", "a Russian Foreign Ministry spokeswoman"): merged into a
    country, named by a demonym or by its bare role, the entity's name ("Washington",
    "Russian", "spokeswoman") would hide who spoke, so the description is kept. A bare
    "the paper" or "the ministry" still takes the name it was resolved to."""
    if entity is None:
        return named.text
    name = str(entity.get("name") or named.text)
    if name.lower() in _demonyms() and name.lower() != named.text.lower():
        return named.text  # "Russia's Defense Ministry", not the cluster's name "Russian"
    named_person = entity.get("kind") == "person" and any(
        m.get("type") in ("name", "title") for m in entity.get("mentions", ()))
    if named.pronoun or named_person:
        return name
    span = doc.char_span(named.start, named.end, alignment_mode="expand")
    if span is None:
        return name
    if keeps_description(span, entity) is not None:
        return named.text  # "diplomats" merged into the White House's cluster
    kinds: tuple[str, ...]
    if span.root.pos_ == "NOUN":
        kinds = ("amod", "compound", "nmod", "poss", "nummod")
    elif span.root.pos_ == "PROPN" and entity.get("kind") in ("group", "organisation"):
        kinds = ("amod", "nummod")  # "Fourteen Republicans", "conservative Republicans"
    else:
        return name
    modified = any(t.dep_ in kinds and t.i < span.root.i for t in span)
    return named.text if modified and named.text.lower() != name.lower() else name


def co_speakers(doc: Doc, entities: Sequence[dict[str, Any]] | None, mention: Mention,
                first: str | None) -> list[dict[str, Any]]:
    """The other speakers of a coordinated subject ("Rubio, Cruz and Kasich said"), each
    resolved like the first; the first (entity ``first``) is the quote's ``speaker``."""
    head = doc.char_span(*mention.head, alignment_mode="expand")
    if head is None or mention.pronoun:
        return []
    found: list[dict[str, Any]] = []
    seen = {first} if first else set()
    for conj in head.root.conjuncts:
        if not mention.start <= conj.idx < mention.end or conj.pos_ not in ("PROPN", "NOUN"):
            continue
        ref = _party(doc, entities, mention_of(conj))
        key = ref["entity"] or ref["text"]
        if key in seen:
            continue
        seen.add(key)
        found.append(ref)
    return found


def _party(doc: Doc, entities: Sequence[dict[str, Any]] | None,
           mention: Mention) -> dict[str, Any]:
    """A further speaker's record: its entity, the entity's name (else the text's)."""
    entity = _lookup(doc, entities, mention)
    return {"entity": entity["id"] if entity else None,
            "name": entity.get("name") if entity else mention.text,
            "start": mention.start, "end": mention.end, "text": mention.text}


def included_speakers(doc: Doc, entities: Sequence[dict[str, Any]] | None,
                      mention: Mention) -> list[dict[str, Any]]:
    """The people a described speaker names with "including" ("Senators running for
    president -- including Kamala Harris, Elizabeth Warren and Cory Booker -- all said"):
    they are the ones who spoke, each resolved like a speaker."""
    head = doc.char_span(*mention.head, alignment_mode="expand")
    if head is None or mention.pronoun:
        return []
    found: list[dict[str, Any]] = []
    for prep in head.root.children:
        if prep.dep_ != "prep" or prep.lower_ != "including":
            continue
        start, end = prep.left_edge.idx, prep.right_edge.idx + len(prep.right_edge.text)
        for ent in doc.ents:
            if ent.label_ != "PERSON" or not start <= ent.start_char < end:
                continue
            found.append(_party(doc, entities, Mention.of_span(ent)))
    return found


def emit(doc: Doc, attributions: list[Attribution],
          entities: list[dict[str, Any]] | None, index: DocIndex) -> list[dict[str, Any]]:
    """The ``quotes`` records for ``attributions`` (in text order), speakers and addressees
    resolved against ``entities`` (``None`` when the actors component did not run)."""
    text = index.text
    out: list[dict[str, Any]] = []
    resolved: dict[int, dict[str, Any] | None] = {}
    previous: dict[str, Any] | None = None
    previous_par = -10
    issued = issuances(doc)
    for attribution in attributions:
        frame = attribution.frame
        parts = sorted(attribution.parts)
        start, end = parts[0][0], parts[-1][1]
        paragraph = index.paragraph(start)
        speaker: dict[str, Any] | None = None
        mention = attribution.speaker
        paired: list[Mention] = []
        if mention is not None:
            # "the report concludes": the one who issued the report speaks through it.
            named = document_issuer(doc, mention, issued) or mention.refers or mention
            paired = appositive_names(doc, named)
            named = paired[0] if paired else named
            entity = _lookup(doc, entities, named)
            continues = frame is not None and frame.entry is not None and \
                "continue" in frame.entry.flags
            speaker = {"entity": entity["id"] if entity else None,
                       "name": speaker_name(doc, entity, named),
                       "start": mention.start, "end": mention.end, "text": mention.text}
            if mention.pronoun and mention.text.lower() in _CONTINUE_PRONOUNS and (
                (continues or (entity is None and entities is not None))
                and previous is not None
                and paragraph - previous_par <= SPEAKER_CARRY_PARAGRAPHS
                and str(previous.get("name") or "").lower() not in _PERSONAL
            ):
                # "he added" / "it added": the speaker of the statement it continues.
                speaker["entity"] = previous.get("entity")
                speaker["name"] = previous.get("name")
        elif attribution.inherited is not None:
            source = resolved.get(id(attribution.inherited["from"]))
            if source is not None:
                speaker = dict(source)
        if speaker is None and frame is None and attribution.kind == "direct" and \
                previous is not None and paragraph - previous_par <= SPEAKER_CARRY_PARAGRAPHS:
            # A cue-less quotation paragraph after an indirect statement ("Bolton said that
            # ... ." / ""This is not ..."") is the last named speaker's.
            speaker = dict(previous)
        cue: dict[str, Any] | None = None
        if frame is not None:
            cue = {"start": frame.cue.idx, "end": frame.cue_end, "text": frame.cue_text,
                   "lemma": frame.lemma}
        elif attribution.bare_cue is not None:
            b_start, b_end = attribution.bare_cue
            cue = {"start": b_start, "end": b_end, "text": text[b_start:b_end],
                   "lemma": text[b_start:b_end]}
        addressee: dict[str, Any] | None = None
        if frame is not None and frame.addressee is not None:
            entity = _lookup(doc, entities, frame.addressee)
            addressee = {"entity": entity["id"] if entity else None,
                         "name": entity.get("name") if entity else frame.addressee.text,
                         "text": frame.addressee.text}
        channel: dict[str, Any] | None = None
        if frame is not None and frame.channel is not None:
            channel = {"name": frame.channel.name, "text": frame.channel.text}
        resolved[id(attribution)] = speaker
        if speaker is not None:
            previous, previous_par = speaker, paragraph
        others = co_speakers(doc, entities, mention, speaker.get("entity")) \
            if mention is not None and speaker is not None else []
        others += [_party(doc, entities, m) for m in paired[1:]]
        included = included_speakers(doc, entities, mention) if mention is not None else []
        if included:
            speaker, others = included[0], included[1:] + others
        statement_act = act(attribution.kind, frame, bool(attribution.quotes))
        kind = attribution.kind
        if kind == "belief" and statement_act == "statement":
            kind = "indirect"  # "the review found that ...": a document's finding is said
        out.append({
            "id": f"Q{len(out) + 1}",
            "kind": kind,
            "act": statement_act,
            "text": " ".join(text[s:e] for s, e in parts),
            "start": start,
            "end": end,
            "parts": [{"start": s, "end": e} for s, e in parts],
            "cue": cue,
            "speaker": speaker,
            "addressee": addressee,
            "channel": channel,
            "sentence": index.sentence(start),
            "paragraph": paragraph,
            **({"co_speakers": others} if others else {}),
        })
    return out
