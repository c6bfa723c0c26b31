"""One batch of raw documents through the whole per-article pipeline, in one process.

This is the unit of work every executor runs (in-process, local worker processes, Dask
workers). Input and output are plain data — dicts of str/int/None — so that only plain
data crosses process or machine boundaries:

- input: :func:`raw_to_plain` of each :class:`~communique.ingest.readers.RawDocument`;
- output: one *outcome* per input, in input order: ``{"source": KEY, "document": {...}}``
  (a ``communique/1`` document) or ``{"source": KEY, "error": REASON}``.

Failures cost only their own document: a component error is caught by spaCy's error
handler for that document; an exception from the compiled parser makes
:func:`communique.nlp.sections.parse` parse the documents it held one by one; the time
limit makes the batch run again one document at a time, each with its own time limit, so
that only the culprit fails. A text too long to parse in one piece is parsed in sections
(see :mod:`communique.nlp.sections`); one analysed only in part is reported on stderr.

Memory stays flat on long runs: each batch runs inside ``nlp.memory_zone()`` (spaCy 3.8),
which frees the strings and lexemes the batch added to the vocabulary when it ends; the
documents are turned into plain dicts before the zone closes. The first
``WARM_ARTICLES`` articles a process handles run outside a zone, so the corpus's common
words stay in the vocabulary for the rest of the run: with a zone around every batch,
each batch rebuilt the lexemes of "said", "president"... (the small English model ships
784), which cost 1-4% of the pipeline's time on the AllSides sample. 200 articles leave
about 15,000 lexemes (a few MB) that never grow afterwards.
"""

from __future__ import annotations

import contextlib
import gc
import sys
import weakref
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from communique.article import Source
from communique.errors import InputError
from communique.ingest.types import RawDocument
from communique.run.limits import Deadline, TimeLimitExceeded

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from communique.prepare import PreparedArticle

Plain = dict[str, Any]
Outcome = dict[str, Any]
# Articles each process runs outside a memory zone (see the module docstring).
WARM_ARTICLES = 200
# Articles run so far outside a zone, per pipeline.
_warmed: weakref.WeakKeyDictionary[Any, int] = weakref.WeakKeyDictionary()
# Longest failure reason stored (a spaCy E088 message quotes the whole limit explanation).
_MAX_REASON = 500


def raw_to_plain(raw: RawDocument) -> Plain:
    """A raw document as plain data (what crosses process boundaries)."""
    return {"path": raw.source.path, "record": raw.source.record, "offset": raw.source.offset,
            "content": raw.content, "kind": raw.kind, "meta": raw.meta}


def raw_from_plain(plain: Plain) -> RawDocument:
    """The inverse of :func:`raw_to_plain`."""
    return RawDocument(Source(plain["path"], plain.get("record"), plain.get("offset")),
                       plain["content"], plain["kind"], dict(plain.get("meta") or {}))


def source_key(plain: Plain) -> str:
    """The resumption key of a plain raw document (``Source.describe()``)."""
    return Source(plain["path"], plain.get("record"), plain.get("offset")).describe()


def _reason(exc: BaseException) -> str:
    if isinstance(exc, InputError):
        text = exc.reason
    elif isinstance(exc, TimeLimitExceeded):
        text = "exceeded the per-document time limit"
    else:
        text = f"unexpected error: {exc!r}"
    text = " ".join(text.split())
    return text if len(text) <= _MAX_REASON else text[: _MAX_REASON - 3] + "..."


def _error_handler(broken: dict[int, str]) -> Callable[..., None]:
    """A spaCy error handler: remember which document a component failed on, drop it.

    Only ``nlp.default_error_handler`` is replaced: it covers every component without its
    own ``pipe`` method (all of communique's); ``nlp.set_error_handler`` fails on the
    compiled parser of some model builds. Errors in the model's own components propagate
    and are handled by the one-by-one retry.
    """

    def handle(name: str, component: Any, docs: Any, error: Exception) -> None:
        for doc in docs:
            index = getattr(doc, "_context", None)
            if isinstance(index, int):
                broken[index] = f"pipeline component {name!r} raised {error!r}"

    return handle


def install_error_handler(nlp: Language, broken: dict[int, str]) -> Callable[..., Any]:
    """Install the per-document error handler on ``nlp``; return the previous one."""
    previous: Callable[..., Any] = nlp.default_error_handler
    nlp.default_error_handler = _error_handler(broken)
    return previous


def _run(nlp: Language, plains: Sequence[Plain], published: str | None, model_name: str,
         broken: dict[int, str]) -> list[Outcome]:
    from communique.document import build_document, structure_of
    from communique.nlp.sections import failure_of, parse, partial_notice
    from communique.prepare import prepare

    outcomes: list[Outcome | None] = [None] * len(plains)
    prepared: list[tuple[int, PreparedArticle]] = []
    for index, plain in enumerate(plains):
        try:
            prepared.append((index, prepare(raw_from_plain(plain), published=published)))
        except Exception as exc:  # one bad document never stops the batch
            outcomes[index] = {"source": source_key(plain), "error": _reason(exc)}
    broken.clear()
    warmed = _warmed.get(nlp, 0)
    zone: contextlib.AbstractContextManager[Any]
    if warmed < WARM_ARTICLES:
        _warmed[nlp] = warmed + len(prepared)
        zone = contextlib.nullcontext()
    else:
        zone = nlp.memory_zone()
    with zone:
        inputs: list[tuple[str, dict[str, Any], int]] = []
        for index, item in prepared:
            # A skipped article (other language) travels as an empty text: no NLP, but it
            # keeps its place (offsets into the text would not fit the empty Doc).
            structure = structure_of(item)
            if item.skipped:
                structure = {**structure, "headings": [], "dateline": None,
                             "skipped": item.skipped}
            inputs.append(("" if item.skipped else item.article.text, structure, index))
        parsed: dict[int, Doc] = {}
        failed: dict[int, str] = {}
        # Long texts are parsed in sections (communique.nlp.sections).
        for doc, index in parse(nlp, inputs, batch_size=max(1, len(inputs))):
            failure = failure_of(doc)
            if failure is not None:
                failed[index] = failure
                continue
            parsed[index] = doc
            notice = partial_notice(doc)
            if notice is not None:
                print(f"communique: {source_key(plains[index])}: {notice}", file=sys.stderr)
        for index, item in prepared:
            key = source_key(plains[index])
            if index in broken:
                outcomes[index] = {"source": key, "error": broken[index]}
            elif index in failed:
                outcomes[index] = {"source": key, "error": failed[index]}
            elif index not in parsed:
                outcomes[index] = {"source": key, "error": "dropped by the pipeline"}
            else:
                outcomes[index] = {"source": key, "document": build_document(
                    item, None if item.skipped else parsed[index], model=model_name)}
    return [o for o in outcomes if o is not None]


# Parsed once when a worker starts, so that components that load their data on first use
# (dictionaries, lexicons) do not spend the first real document's time limit on it.
_WARM_UP_TEXT = ("Foreign Minister Sergei Lavrov met his Chinese counterpart Wang Yi in Beijing "
                 "on Tuesday. \"We agreed to talk again,\" Lavrov told reporters.")


def warm_up(nlp: Language) -> None:
    """Run the whole pipeline once on a short text (see ``_WARM_UP_TEXT``), then move
    what is loaded by now out of the garbage collector's sight.

    The pipeline, dictionaries and lexicons are about 315,000 objects that live as long as
    the process; every full collection walked them all (0.2 s each, one every 100-200
    articles: about 1% of a worker's time). ``gc.freeze()`` leaves full collections only
    the objects made after it.
    """
    plain: Plain = {"path": "<warm-up>", "record": None, "offset": None, "content": _WARM_UP_TEXT,
             "kind": "text", "meta": {}}
    run_batch(nlp, [plain], model_name="warm-up", time_limit=None)
    gc.collect()
    gc.freeze()


def run_batch(
    nlp: Language,
    plains: Sequence[Plain],
    *,
    published: str | None = None,
    model_name: str,
    time_limit: float | None = None,
    on_single: Callable[[int], None] | None = None,
) -> list[Outcome]:
    """Process one batch; return one outcome per input, in order (see the module docstring).

    ``time_limit`` (seconds) applies to the whole batch and then, if the batch fails or
    overruns, to each document retried alone. ``on_single(i)`` is called before document
    ``i`` is retried alone (the worker pool resets its hard deadline there).
    """
    broken: dict[int, str] = {}
    previous = install_error_handler(nlp, broken)
    try:
        try:
            with Deadline(time_limit):
                return _run(nlp, plains, published, model_name, broken)
        except (Exception, TimeLimitExceeded) as exc:
            if len(plains) == 1:
                return [{"source": source_key(plains[0]), "error": _reason(exc)}]
            print(f"communique: batch failed ({_reason(exc)}); retrying its "
                  f"{len(plains)} documents one by one", file=sys.stderr)
        outcomes: list[Outcome] = []
        for index, plain in enumerate(plains):
            if on_single is not None:
                on_single(index)
            try:
                with Deadline(time_limit):
                    outcomes.extend(_run(nlp, [plain], published, model_name, broken))
            except (Exception, TimeLimitExceeded) as exc:
                outcomes.append({"source": source_key(plain), "error": _reason(exc)})
        return outcomes
    finally:
        nlp.default_error_handler = previous
