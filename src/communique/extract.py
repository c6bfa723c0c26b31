"""Run the whole per-article pipeline: read, prepare, parse, assemble documents."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from communique.article import candidate_ids, text_digest
from communique.errors import InputError, MissingInputError, UsageError
from communique.ingest.readers import DEFAULT_MAX_BYTES, read_inputs, read_text
from communique.ingest.types import RawDocument

if TYPE_CHECKING:
    from spacy.language import Language

    from communique.prepare import PreparedArticle

_LOG = logging.getLogger(__name__)


@dataclass
class RunSummary:
    """Counts for one run: processed, skipped (with reason) and failed inputs."""

    processed: int = 0
    skipped: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    # Articles kept under a derived id: their id already named another text (see
    # :func:`communique.article.derived_id`); counted in ``processed``/``skipped`` too.
    renamed: int = 0

    @property
    def exit_status(self) -> int:
        """0 when everything was processed or skipped for a stated reason, else 1."""
        return 1 if self.failed else 0


def renamed_message(article_id: str, new_id: str, verb: str) -> str:
    """The one-line notice for an article kept under a derived id (``verb``: emitted, stored)."""
    return (f"article id {article_id!r} already names an article with a different text; "
            f"{verb} as {new_id!r}")


def _claim_id(prepared: PreparedArticle, seen: dict[str, str], summary: RunSummary,
              on_notice: Callable[[str, str], None] | None) -> None:
    """Give ``prepared`` an id no other text has in this run, or mark it a duplicate.

    Same id and same text: a duplicate (skipped, its first copy was emitted). Same id
    and another text: a different article that reuses the id (two feeds numbering from
    1), so it gets the first derived id not taken by yet another text, and a notice.
    ``seen`` maps every id used in this run to the digest of its text.
    """
    article = prepared.article
    digest = text_digest(article.text)
    for candidate in candidate_ids(article.id, article.text):
        taken = seen.get(candidate)
        if taken is None or taken == digest:
            break
    if taken == digest:
        prepared.skipped = f"duplicate of article {candidate} in this run"
    else:
        seen[candidate] = digest
    if candidate != article.id:
        if taken is None:
            summary.renamed += 1
            if on_notice is not None:
                on_notice(article.source.describe(),
                          renamed_message(article.id, candidate, "emitted"))
        article.id = candidate


def _prepared_stream(
    items: Iterable[RawDocument | InputError],
    published: str | None,
    summary: RunSummary,
    on_error: Callable[[InputError], None] | None,
    on_notice: Callable[[str, str], None] | None = None,
) -> Iterator[PreparedArticle]:
    from communique.prepare import prepare

    seen: dict[str, str] = {}  # id -> digest of the text it names in this run
    for item in items:
        if isinstance(item, InputError):
            error = item
        else:
            try:
                prepared = prepare(item, published=published)
            except InputError as exc:
                error = exc
            except Exception as exc:  # one bad document never stops the batch
                error = InputError(item.source.describe(), f"unexpected error: {exc!r}")
            else:
                # Before the parse: the events' ids are derived from the article id.
                _claim_id(prepared, seen, summary, on_notice)
                yield prepared
                continue
        summary.failed += 1
        summary.errors.append(str(error))
        if on_error is not None:
            on_error(error)


def process(
    items: Iterable[RawDocument | InputError],
    *,
    nlp: Language | None = None,
    model: str | None = None,
    published: str | None = None,
    batch_size: int = 16,
    n_process: int = 1,
    summary: RunSummary | None = None,
    on_error: Callable[[InputError], None] | None = None,
    on_notice: Callable[[str, str], None] | None = None,
) -> Iterator[dict[str, Any]]:
    """Turn a stream of raw documents into ``communique/1`` documents, streaming.

    Bad documents are counted in ``summary`` and reported through ``on_error``;
    they never stop the stream. An article whose id already names another text in this
    run is emitted under a derived id and reported through ``on_notice(where, message)``;
    one with the same id and the same text is emitted as a skipped duplicate. Bad documents
    include one the pipeline fails on. A text longer than one parse is read in sections;
    one so long that only its start is analysed is reported through ``on_notice`` too.
    """
    # Deferred: ``document`` imports ``prepare`` (cleaning patterns, date parsing), which
    # would double the time of ``import communique``; the parser modules load spaCy.
    from communique.document import build_document, structure_of
    from communique.nlp.pipeline import load_pipeline, model_description
    from communique.nlp.sections import failure_of, parse, partial_notice

    summary = summary if summary is not None else RunSummary()
    nlp = nlp if nlp is not None else load_pipeline(model)
    model_name = model_description(nlp)
    prepared_stream = _prepared_stream(items, published, summary, on_error, on_notice)

    def to_parse() -> Iterator[tuple[str, dict[str, Any], PreparedArticle]]:
        for prepared in prepared_stream:
            # A skipped article (other language, duplicate) travels through the pipe as
            # an empty text: it gets no NLP, yet keeps its place, since the pipe keeps
            # order. Holding skipped articles aside instead reorders the output and, on a
            # long run of them, holds them all in memory.
            structure = structure_of(prepared)
            if prepared.skipped:  # offsets into the text would not fit the empty Doc
                structure = {**structure, "headings": [], "dateline": None,
                             "skipped": prepared.skipped}
            yield "" if prepared.skipped else prepared.article.text, structure, prepared

    # Long texts are parsed in sections, and a document the pipeline fails on fails
    # alone (communique.nlp.sections).
    for doc, prepared in parse(nlp, to_parse(), batch_size=batch_size, n_process=n_process):
        where = prepared.article.source.describe()
        failure = failure_of(doc)
        if failure is not None:
            error = InputError(where, failure)
            summary.failed += 1
            summary.errors.append(str(error))
            if on_error is not None:
                on_error(error)
            continue
        if prepared.skipped:
            summary.skipped += 1
            yield build_document(prepared, None, model=model_name)
            continue
        notice = partial_notice(doc)
        if notice is not None and on_notice is not None:
            on_notice(where, notice)
        summary.processed += 1
        yield build_document(prepared, doc, model=model_name)


# Suffixes of the inputs communique reads (any of them may end in .gz as well): a string
# ending in one of them names a file, even when that file is missing.
_INPUT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".shtml", ".json",
                   ".jsonl", ".ndjson", ".warc", ".arc", ".gz")
_SEPARATORS = tuple(sep for sep in (os.sep, os.altsep, "/", "\\") if sep)
# Longer than any path: such a string is an article.
_MAX_PATH_CHARS = 4096
_ACCEPTED = ("article text (str), a path (str or os.PathLike), or a list of paths "
             "(str or os.PathLike)")


def _looks_like_path(value: str) -> bool:
    """Whether a string is meant as a path (existing or not) rather than as article text.

    A path is an existing file or folder, ``-`` (standard input), or one line that either
    ends in an input suffix (``.txt``, ``.html``, ``.jsonl.gz``...) and has no spaces or a
    path separator ("annex.txt", "/home/me/My Articles/a.txt"), or has a path separator
    and no spaces ("data/in/feed"). A sentence that ends in a file name ("see annex.txt")
    stays text, as does anything on several lines: guessing wrong that way would return
    a document whose text is the path, the other way an error that names the path.
    """
    if value == "-":
        return True
    if "\n" in value or "\r" in value or len(value) > _MAX_PATH_CHARS or not value.strip():
        return False
    if os.path.exists(value):
        return True
    spaced = any(ch.isspace() for ch in value)
    separated = any(sep in value for sep in _SEPARATORS)
    if value.lower().endswith(_INPUT_SUFFIXES):
        return separated or not spaced
    return separated and not spaced


def _check_path(value: str | os.PathLike[str], position: str = "") -> str:
    """``value`` as a str path; TypeError for anything else (bytes paths included)."""
    if isinstance(value, str):
        return value
    if isinstance(value, os.PathLike):
        path = os.fspath(value)
        if isinstance(path, str):
            return path
    raise TypeError(f"extract() takes {_ACCEPTED}; {position}got {type(value).__name__}")


def _check_argument(text_or_path: object) -> tuple[str | None, list[str] | None]:
    """``(text, None)`` for pasted text, else ``(None, paths)``; TypeError for anything else.

    Checked before anything is read or loaded, so that ``extract(None)``,
    ``extract(b"...")`` or ``extract({...})`` fail at once with a message naming what is
    accepted, not seconds later with an error from deep inside the readers. A missing
    path raises :class:`~communique.errors.MissingInputError` (a ``FileNotFoundError``)
    here too, rather than being processed as an article whose text is the path.
    """
    if isinstance(text_or_path, str):
        if not _looks_like_path(text_or_path):
            return text_or_path, None
        paths = [text_or_path]
    elif isinstance(text_or_path, os.PathLike):
        paths = [_check_path(text_or_path)]
    elif isinstance(text_or_path, (bytes, bytearray, memoryview, Mapping)) or not isinstance(
        text_or_path, Iterable
    ):
        raise TypeError(f"extract() takes {_ACCEPTED}, not {type(text_or_path).__name__}")
    else:
        paths = [_check_path(p, f"item {n} of the list: ")
                 for n, p in enumerate(text_or_path, start=1)]
        if not paths:
            raise UsageError("extract() needs text, a path or a list of paths")
    missing = [p for p in paths if p != "-" and not os.path.exists(p)]
    if len(missing) == len(paths):  # nothing to read at all: say so before loading
        raise MissingInputError(missing[0])
    return None, paths


def extract(
    text_or_path: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    published: str | None = None,
    model: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[dict[str, Any]]:
    """Extract ``communique/1`` documents from pasted text, a file, a folder or several paths.

    A string is read as a path when it names an existing file or folder, or looks like
    one (one line ending in an input suffix such as ``.txt`` or ``.jsonl.gz``, or a
    path without spaces); a missing path raises
    :class:`~communique.errors.MissingInputError`, which is a ``FileNotFoundError``. Any
    other string is the article itself (plain text or HTML). Other types (``None``,
    ``bytes``, a ``dict``...) raise ``TypeError`` at once, before the model is loaded.

    Inputs that cannot be read raise :class:`~communique.errors.InputError` when there is
    only one of them, so that a caller passing one article learns why it failed; with
    several, bad ones (unreadable files, a symbolic link that loops, a FIFO in a folder)
    are skipped, each logged as a warning of the ``communique.extract`` logger. An article
    whose id another article with a different text already took gets a derived id (see
    :func:`communique.article.derived_id`), logged the same way (warnings show on stderr
    unless logging is configured).
    """
    text, paths = _check_argument(text_or_path)
    if published is not None:
        from communique.ingest.date_formats import parse_user_date

        published = parse_user_date(published)
    items: Iterable[RawDocument | InputError] = (
        [read_text(text)] if text is not None else read_inputs(paths or [], max_bytes=max_bytes)
    )
    errors: list[InputError] = []
    documents = list(process(items, model=model, published=published, on_error=errors.append,
                             on_notice=lambda where, message: _LOG.warning("%s: %s", where,
                                                                           message)))
    if not documents and errors:
        raise errors[0]
    for error in errors:  # the call succeeded: what it passed over is said, not hidden
        _LOG.warning("%s (skipped)", error)
    return documents
