"""Run the whole per-article pipeline: read, prepare, parse, assemble documents."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from communique.errors import InputError, UsageError
from communique.ingest.readers import DEFAULT_MAX_BYTES, RawDocument, read_inputs, read_text

if TYPE_CHECKING:
    from spacy.language import Language

    from communique.prepare import PreparedArticle


@dataclass
class RunSummary:
    """Counts for one run: processed, skipped (with reason) and failed inputs."""

    processed: int = 0
    skipped: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def exit_status(self) -> int:
        """0 when everything was processed or skipped for a stated reason, else 1."""
        return 1 if self.failed else 0


def _prepared_stream(
    items: Iterable[RawDocument | InputError],
    published: str | None,
    summary: RunSummary,
    on_error: Callable[[InputError], None] | None,
) -> Iterator[PreparedArticle]:
    from communique.prepare import prepare

    seen: set[str] = set()
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
                if prepared.article.id in seen:
                    prepared.skipped = f"duplicate of article {prepared.article.id} in this run"
                seen.add(prepared.article.id)
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
) -> Iterator[dict[str, Any]]:
    """Turn a stream of raw documents into ``communique/1`` documents, streaming.

    Bad documents are counted in ``summary`` and reported through ``on_error``;
    they never stop the stream.
    """
    from communique.document import build_document, structure_of
    from communique.nlp.pipeline import load_pipeline, model_description

    summary = summary if summary is not None else RunSummary()
    nlp = nlp if nlp is not None else load_pipeline(model)
    model_name = model_description(nlp)
    prepared_stream = _prepared_stream(items, published, summary, on_error)

    def to_parse() -> Iterator[tuple[Any, PreparedArticle]]:
        for prepared in prepared_stream:
            # A skipped article (other language, duplicate) travels through the pipe as
            # an empty Doc: it gets no NLP, yet keeps its place, since nlp.pipe keeps
            # order. Holding skipped articles aside instead reorders the output and, on a
            # long run of them, holds them all in memory.
            structure = structure_of(prepared)
            if prepared.skipped:  # offsets into the text would not fit the empty Doc
                structure = {**structure, "headings": [], "dateline": None,
                             "skipped": prepared.skipped}
            doc = nlp.make_doc("" if prepared.skipped else prepared.article.text)
            doc._.communique_structure = structure
            yield doc, prepared

    for doc, prepared in nlp.pipe(to_parse(), as_tuples=True, batch_size=batch_size,
                                  n_process=n_process):
        if prepared.skipped:
            summary.skipped += 1
            yield build_document(prepared, None, model=model_name)
            continue
        summary.processed += 1
        yield build_document(prepared, doc, model=model_name)


def _looks_like_path(value: str) -> bool:
    return value == "-" or ("\n" not in value and len(value) < 4096 and os.path.exists(value))


def extract(
    text_or_path: str | Path | Iterable[str | Path],
    *,
    published: str | None = None,
    model: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[dict[str, Any]]:
    """Extract ``communique/1`` documents from pasted text, a file, a folder or several paths.

    A string that names an existing file or folder is read as a path; any other string
    is the article itself (plain text or HTML). Inputs that cannot be read raise
    :class:`~communique.errors.InputError` when there is only one of them, so that a
    caller passing one article learns why it failed; with several, bad ones are
    skipped (use the ``communique extract`` command to see each error).
    """
    if published is not None:
        from communique.ingest.dates import parse_user_date

        published = parse_user_date(published)
    items: Iterable[RawDocument | InputError]
    if isinstance(text_or_path, Path) or (
        isinstance(text_or_path, str) and _looks_like_path(text_or_path)
    ):
        items = read_inputs([text_or_path], max_bytes=max_bytes)
    elif isinstance(text_or_path, str):
        items = [read_text(text_or_path)]
    else:
        paths = list(text_or_path)
        if not paths:
            raise UsageError("extract() needs text, a path or a list of paths")
        items = read_inputs(paths, max_bytes=max_bytes)
    errors: list[InputError] = []
    documents = list(process(items, model=model, published=published, on_error=errors.append))
    if not documents and errors:
        raise errors[0]
    return documents
