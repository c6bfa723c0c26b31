"""Run the pipeline over a stream of texts: long ones in sections, one failure at a time.

:func:`parse` replaces ``nlp.pipe`` for every caller that turns articles into documents.
It adds two guarantees:

- **Any length.** spaCy refuses a text over ``nlp.max_length`` (error E088; 1,000,000
  characters by default), and below that limit one parse of a long text is slow and large:
  communique's components cost more than linear time (a 300,000-character text took 80 s,
  a 900,000-character one 130 s and 3 GB). A text longer than :data:`SECTION_CHARS` is cut
  into sections at paragraph breaks (else line breaks, sentence ends, spaces), each parsed
  on its own, and the sections' entities, quotes and events are merged into one set whose
  offsets index the whole text: time grows linearly and memory holds one section at a
  time. Only the first :data:`MAX_ANALYSED_CHARS` characters are analysed, so that even a
  10 MB input finishes in bounded time; :func:`partial_notice` says so for the caller to
  report. News articles (under 100,000 characters) are parsed whole, as before.
- **One document fails alone.** When the pipeline raises, the documents it held are
  parsed again one by one; one that still fails comes back as an empty ``Doc`` for which
  :func:`failure_of` gives the reason, and the stream goes on.

Merging: entities that resolve identically (same name, kind, country, sector, code and
role) are one entity across sections, renumbered ``E1``... in order of first mention;
quotes are renumbered ``Q1``... and every reference to an entity or quote follows; event
ids are derived again from the shifted trigger offsets (:func:`event_id`); sentence
indexes count on from the previous sections and paragraph indexes are those of the whole
text. What crosses a section boundary is lost (a quotation running over a paragraph break
at the cut, a "he added" whose speaker is in the previous section): sections are large and
cut between paragraphs, so that is a handful of statements in a book-length text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from spacy.tokens import Doc

if TYPE_CHECKING:
    from spacy.language import Language

C = TypeVar("C")
# Longest text parsed in one piece. Every news article is shorter (the largest AllSides
# body has about 100,000 characters), so only dumps and books are cut; a section of this
# size costs about 1 s per 10,000 characters and a few hundred MB with the small model.
SECTION_CHARS = 100_000
# Characters analysed per text at most (whole sections up to this offset); the rest is
# kept in ``article.text`` without entities, quotes or events. Half a million characters
# is five times the longest news article, and bounds one text's time (about a minute on
# one slow core) whatever the size of the input (10 MB by default, more with --max-bytes).
MAX_ANALYSED_CHARS = 500_000
# Longest failure reason kept (an exception's repr can quote a whole text).
_MAX_REASON = 500
_FAILURE = "communique_failure"
_PARTIAL = "communique_partial"
# Section cuts, best first: each match ends where the next section starts, before a
# non-space character (so the section's tokens are those of the whole text).
_CUTS = (
    re.compile(r"\n[^\S\n]*\n\s*(?=\S)"),  # a blank line: between paragraphs
    re.compile(r"\n\s*(?=\S)"),  # a line break
    re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s+(?=\S)"),  # a sentence end
    re.compile(r"\s+(?=\S)"),  # any space
)


def section_chars(nlp: Language) -> int:
    """Longest text :func:`parse` hands to the pipeline whole: :data:`SECTION_CHARS`, or
    ``nlp.max_length`` when that is lower."""
    return max(1, min(SECTION_CHARS, int(nlp.max_length)))


def _cut(text: str, start: int, end: int, low: int) -> int:
    """Where to end a section that starts at ``start`` and may run to ``end``: the last
    cut of the best kind that ends in ``[low, end]``, else ``end``."""
    for pattern in _CUTS:
        last = None
        # endpos one past ``end``: the lookahead may see the character at ``end``.
        for match in pattern.finditer(text, low, min(len(text), end + 1)):
            if match.end() <= end:
                last = match.end()
        if last is not None and last > start:
            return last
    return end


def section_bounds(text: str, size: int, limit: int) -> list[tuple[int, int]]:
    """``(start, end)`` of consecutive sections of at most ``size`` characters covering
    ``text[:limit]`` (all of it when ``limit >= len(text)``).

    Sections end at a boundary (see :data:`_CUTS`) in their second half where there is one
    (so none is much shorter than ``size``); a run of ``size`` characters without any space
    is cut where the size says. When ``limit`` falls inside the text, the last section ends
    at the last boundary before it.
    """
    total = len(text)
    limit = min(limit, total)
    bounds: list[tuple[int, int]] = []
    start = 0
    while start < limit:
        if start + size >= total and limit == total:
            end = total
        elif start + size < limit:  # a full section: cut in its second half
            end = _cut(text, start, start + size, start + size // 2)
        else:  # the last one before the limit: at its last boundary
            bounds.append((start, _cut(text, start, limit, start + 1)))
            break
        bounds.append((start, end))
        start = end
    return bounds


def failure_of(doc: Doc) -> str | None:
    """Why the pipeline failed on this document (one line), or ``None`` when it did not."""
    reason = doc.user_data.get(_FAILURE)
    return reason if isinstance(reason, str) else None


def partial_notice(doc: Doc) -> str | None:
    """A one-line notice when only the start of the text was analysed, else ``None``."""
    partial = doc.user_data.get(_PARTIAL)
    if not isinstance(partial, tuple):
        return None
    analysed, total = partial
    return (f"analysed the first {analysed:,} of {total:,} characters (longer texts are read "
            f"only up to {MAX_ANALYSED_CHARS:,}): no entities, quotes or events after "
            f"character {analysed:,}; the text is kept whole")


def _one_line(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_REASON else text[: _MAX_REASON - 3] + "..."


class _ComponentError(Exception):
    """A pipeline component raised: its name and the exception, as one line."""

    def __init__(self, name: str, error: Exception) -> None:
        super().__init__(_one_line(f"pipeline component {name!r} raised {error!r}"))


def _run_components(nlp: Language, doc: Doc) -> Doc:
    """Every enabled component on ``doc`` in order, naming the one that raises."""
    for name, component in nlp.pipeline:
        try:
            doc = component(doc)
        except Exception as exc:
            raise _ComponentError(name, exc) from exc
    return doc


def _failed(nlp: Language, structure: dict[str, Any], reason: str) -> Doc:
    doc = Doc(nlp.vocab)
    doc._.communique_structure = structure
    doc.user_data[_FAILURE] = _one_line(reason)
    return doc


def _shifted(value: Any, delta: int, entities: dict[str, str]) -> Any:
    """A deep copy of plain data with every ``start``/``end`` offset moved by ``delta``
    and every ``entity`` reference renamed through ``entities``."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if key in ("start", "end") and isinstance(item, int) and not isinstance(item, bool):
                out[key] = item + delta
            elif key == "entity" and isinstance(item, str):
                out[key] = entities.get(item, item)
            else:
                out[key] = _shifted(item, delta, entities)
        return out
    if isinstance(value, list):
        return [_shifted(item, delta, entities) for item in value]
    return value


def _section_structure(structure: dict[str, Any], start: int, end: int) -> dict[str, Any]:
    """The article's structure as seen from the section ``[start, end)``: its headings and
    dateline, with offsets into the section."""
    inside = [h for h in structure.get("headings") or [] if start <= h["start"] and
              h["end"] <= end]
    dateline = structure.get("dateline")
    if not (isinstance(dateline, dict) and start <= dateline.get("start", -1) and
            dateline.get("end", end + 1) <= end):
        dateline = None
    return {**structure, "headings": _shifted(inside, -start, {}),
            "dateline": _shifted(dateline, -start, {})}


@dataclass
class _Merged:
    """The results of a text's sections, merged into offsets of the whole text."""

    article_id: str
    paragraph_starts: list[int]
    entities: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    learned: list[Any] = field(default_factory=list)
    sentences: int = 0
    _by_key: dict[tuple[Any, ...], dict[str, Any]] = field(default_factory=dict)

    def add(self, doc: Doc, start: int) -> None:
        """Add one parsed section that starts at character ``start`` of the text."""
        from communique.events.record import event_id

        renamed: dict[str, str] = {}
        for entity in doc._.communique_entities or []:
            key = tuple(entity.get(k) for k in ("name", "kind", "country", "sector", "code",
                                                 "role"))
            moved = _shifted(entity, start, {})
            known = self._by_key.get(key)
            if known is None:
                moved["id"] = f"E{len(self.entities) + 1}"
                self._by_key[key] = moved
                self.entities.append(moved)
                known = moved
            else:
                known["mentions"].extend(moved.get("mentions") or [])
                known["evidence"].extend(moved.get("evidence") or [])
            renamed[str(entity["id"])] = str(known["id"])
        quote_ids: dict[str, str] = {}
        for quote in doc._.communique_quotes or []:
            moved = _shifted(quote, start, renamed)
            moved["id"] = f"Q{len(self.quotes) + 1}"
            quote_ids[str(quote["id"])] = moved["id"]
            moved["sentence"] = int(quote["sentence"]) + self.sentences
            moved["paragraph"] = max(0, bisect_right(self.paragraph_starts, moved["start"]) - 1)
            self.quotes.append(moved)
        for event in doc._.communique_events or []:
            moved = _shifted(event, start, renamed)
            trigger = event["trigger"]
            local = event_id(self.article_id, trigger["start"], trigger["end"])
            if str(event["id"]).startswith(local):  # reciprocal events add "-r"
                moved["id"] = event_id(self.article_id, trigger["start"] + start,
                                       trigger["end"] + start) + str(event["id"])[len(local):]
            moved["sentence"]["index"] = int(event["sentence"]["index"]) + self.sentences
            if moved.get("reported_by") is not None:
                moved["reported_by"] = quote_ids.get(str(moved["reported_by"]))
            self.events.append(moved)
        learned = doc._.communique_learned if Doc.has_extension("communique_learned") else None
        self.learned.extend(_shifted(learned or [], start, renamed))
        if doc.has_annotation("SENT_START"):
            self.sentences += sum(1 for _ in doc.sents)

    def store(self, doc: Doc) -> None:
        """Put the merged results on ``doc``, where the components would have."""
        doc._.communique_entities = self.entities
        doc._.communique_quotes = self.quotes
        doc._.communique_events = self.events
        if Doc.has_extension("communique_learned"):
            doc._.communique_learned = self.learned


def _parse_sections(nlp: Language, text: str, structure: dict[str, Any]) -> Doc:
    """Parse a long text section by section (see the module docstring).

    The ``Doc`` returned holds no tokens, only the merged results on ``Doc._`` (and
    :func:`partial_notice`'s figures): a ``Doc`` of the whole text would cost as much
    memory as parsing it whole.
    """
    from communique.quotes.marks import paragraph_spans

    bounds = section_bounds(text, section_chars(nlp), MAX_ANALYSED_CHARS)
    analysed = bounds[-1][1] if bounds else 0
    merged = _Merged(str(structure.get("article_id") or ""),
                     [start for start, _ in paragraph_spans(text[:analysed])])
    for start, end in bounds:
        section = nlp.make_doc(text[start:end])
        section._.communique_structure = _section_structure(structure, start, end)
        try:
            section = _run_components(nlp, section)
        except _ComponentError as exc:
            return _failed(nlp, structure, f"{exc} in the section at characters "
                                           f"{start:,}-{end:,}")
        merged.add(section, start)
        del section  # one section's parse in memory at a time
    doc = Doc(nlp.vocab)
    doc._.communique_structure = structure
    merged.store(doc)
    if analysed < len(text):
        doc.user_data[_PARTIAL] = (analysed, len(text))
    return doc


def _parse_alone(nlp: Language, text: str, structure: dict[str, Any]) -> Doc:
    """One text on its own: in sections when it is long; a failure never raises."""
    try:
        if len(text) > section_chars(nlp):
            return _parse_sections(nlp, text, structure)
        doc = nlp.make_doc(text)
        doc._.communique_structure = structure
        return _run_components(nlp, doc)
    except _ComponentError as exc:
        return _failed(nlp, structure, str(exc))
    except Exception as exc:  # the tokenizer, or the merge: still only this document
        return _failed(nlp, structure, f"unexpected error: {exc!r}")


@dataclass
class _Pending(Generic[C]):
    """A document handed to ``nlp.pipe`` and not yet given back (with what remakes it)."""

    doc: Doc
    text: str
    structure: dict[str, Any]
    context: C


class _Feed(Generic[C]):
    """Short texts from the stream, as Docs for ``nlp.pipe``; stops before a long one.

    Every Doc handed over stays in ``pending`` until ``nlp.pipe`` gives it back, so that
    the ones it held when it raised can be parsed again one by one.
    """

    def __init__(self, nlp: Language, source: Iterator[tuple[str, dict[str, Any], C]]) -> None:
        self.nlp = nlp
        self.source = source
        self.limit = section_chars(nlp)
        self.pending: deque[_Pending[C]] = deque()
        self.held: tuple[str, dict[str, Any], C] | None = None
        self.done = False
        self.pulled = 0  # items taken from the source

    def __iter__(self) -> Iterator[tuple[Doc, C]]:
        for text, structure, context in self.source:
            self.pulled += 1
            if len(text) > self.limit:
                self.held = (text, structure, context)
                return
            try:
                doc = self.nlp.make_doc(text)
            except Exception:  # parsed alone after the others, where it fails alone
                self.held = (text, structure, context)
                return
            doc._.communique_structure = structure
            self.pending.append(_Pending(doc, text, structure, context))
            yield doc, context
        self.done = True

    def take(self, doc: Doc, by_identity: bool) -> tuple[list[_Pending[C]], _Pending[C]]:
        """The entry ``nlp.pipe`` gave back, and those before it that it dropped (an error
        handler that does not raise drops the document it was called for). With worker
        processes the Docs come back as copies, so order alone matches them (spaCy's
        default error handler raises, so none is dropped there)."""
        if by_identity and any(p.doc is doc for p in self.pending):
            dropped = []
            while self.pending[0].doc is not doc:
                dropped.append(self.pending.popleft())
            return dropped, self.pending.popleft()
        return [], self.pending.popleft()


def parse(
    nlp: Language,
    items: Iterable[tuple[str, dict[str, Any], C]],
    *,
    batch_size: int = 16,
    n_process: int = 1,
) -> Iterator[tuple[Doc, C]]:
    """Parse ``(text, structure, context)`` items; yield ``(doc, context)`` in input order.

    ``structure`` becomes ``doc._.communique_structure``. Texts up to
    :func:`section_chars` go through ``nlp.pipe`` in batches (``n_process`` as there);
    longer ones are parsed in sections, in this process. When ``nlp.pipe`` raises, or
    drops a document (an error handler that does not raise), the documents concerned are
    parsed again one by one; one that fails on its own is yielded as an empty ``Doc`` with
    :func:`failure_of` set. Nothing here raises for one document (a time limit, a
    ``BaseException``, still stops the stream). A long text ends the current ``nlp.pipe``
    call and the next short one starts another (with ``n_process > 1``, new worker
    processes): cheap, since such texts are rare.
    """
    source = iter(items)
    while True:
        feed: _Feed[C] = _Feed(nlp, source)
        try:
            for doc, _context in nlp.pipe(feed, as_tuples=True, batch_size=batch_size,
                                          n_process=n_process):
                dropped, entry = feed.take(doc, by_identity=n_process == 1)
                for lost in dropped:  # parsed again: fails alone, with its reason
                    yield _parse_alone(nlp, lost.text, lost.structure), lost.context
                yield doc, entry.context
        except Exception:
            if not feed.pulled:
                raise  # it broke before any document (it cannot start): not one document's
            # The pipeline broke off: the documents it held are parsed again one by one,
            # so that only the one at fault fails.
        while feed.pending:  # held when it broke off, or dropped at the end
            entry = feed.pending.popleft()
            yield _parse_alone(nlp, entry.text, entry.structure), entry.context
        if feed.held is not None:
            text, structure, context = feed.held
            yield _parse_alone(nlp, text, structure), context
        elif feed.done:
            return
