"""Property-based fuzzing (issue 20) of the readers, the cleaner and the query filters.

* Readers (text, HTML, JSON, JSONL, WARC, any of them gzipped) fed random bytes, random
  Unicode, random JSON records and random truncations of valid files: nothing raises;
  every item is a :class:`RawDocument` or an :class:`InputError` naming the input, and
  the run accounting holds (each item ends processed/skipped or failed, never an
  "unexpected error" that would mean a crash caught by the safety net).
* The cleaner and :func:`communique.prepare.prepare` on random text: only
  :class:`InputError`; every removed span indexes the raw text it claims, the clean
  text is the raw text minus those spans, headings and the dateline index the clean text.
* Query filters of the library (:class:`~communique.store.reader.Corpus`), the CLI and
  the web UI's parameter parsing on random strings: only the package's own errors.

No model is loaded. ``COMMUNIQUE_FUZZ_EXAMPLES`` raises the number of cases per property
for a longer session (the default keeps the suite fast).
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from communique.article import Source
from communique.clean import clean_text
from communique.clean.boilerplate import cut
from communique.errors import CommuniqueError, InputError, NotFoundError, UsageError
from communique.extract import RunSummary, _prepared_stream
from communique.ingest.readers import read_stream
from communique.ingest.types import RawDocument
from communique.prepare import prepare
from communique.serve import explorer, pages, params
from communique.store import open_corpus
from communique.store.reader import Corpus
from tests.ingest.inputs import EN_TEXT, EN_TEXT_2, FR_TEXT, html_page, jsonl, warc_bytes
from tests.store.fixtures import build_db, meeting_corpus

EXAMPLES = int(os.environ.get("COMMUNIQUE_FUZZ_EXAMPLES", "50"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FORMATS = ("text", "html", "json", "warc", "unknown")
# Any code point, lone surrogates included (what undecodable argv bytes become).
ANY_CHAR = st.characters(codec=None, exclude_categories=())
BOILERPLATE = (
    "Advertisement", "ADVERTISEMENT", "Share this article", "Follow us on Twitter",
    "MOSCOW (Reuters) - ", "Reporting by Jane Roe; Editing by John Doe", "(c) 2024 Reuters",
    "Read more:", "Subscribe to our newsletter", "WASHINGTON —", "Photo: AP", "RELATED:",
    "Click here to read more", "Sign up", "", " ", "\t", "Ministers meet in Geneva",
    "GENEVA, March 5 (AP) — The talks resumed.", "Sign up for our daily briefing",
)


# -- readers -------------------------------------------------------------------------------


def read_all(data: bytes, name: str, fmt: str) -> list[RawDocument | InputError]:
    """Every item ``read_stream`` yields for ``data``; each must be a document or an
    error naming the input (nothing else may escape)."""
    items = list(read_stream(io.BytesIO(data), name, fmt=fmt))
    assert items, "every input ends as at least one record"
    for item in items:
        assert isinstance(item, RawDocument | InputError), item
        if isinstance(item, InputError):
            assert item.where.startswith(name), item
            assert "\n" not in item.where
        else:
            assert item.source.path == name
            assert isinstance(item.content, str)
    return items


def account(items: list[RawDocument | InputError]) -> None:
    """Each item ends as exactly one prepared article (processed or skipped later) or one
    failure, and none failed through the catch-all for unexpected exceptions."""
    summary = RunSummary()
    errors: list[InputError] = []
    prepared = list(_prepared_stream(iter(items), None, summary, errors.append))
    assert len(prepared) + summary.failed == len(items)
    assert len(errors) == summary.failed == len(summary.errors)
    unexpected = [e for e in errors if "unexpected error" in e.reason]
    assert not unexpected, unexpected


@FUZZ
@given(data=st.binary(max_size=4096), fmt=st.sampled_from(FORMATS),
       gz=st.booleans())
def test_readers_take_random_bytes(data: bytes, fmt: str, gz: bool) -> None:
    account(read_all(gzip.compress(data) if gz else data, "in.bin", fmt))


@FUZZ
@given(text=st.text(ANY_CHAR, max_size=2000), fmt=st.sampled_from(FORMATS),
       gz=st.booleans())
@example(text="   0 0", fmt="warc", gz=False)  # warcio reads an ARC record; nothing came out
def test_readers_take_random_unicode(text: str, fmt: str, gz: bool) -> None:
    data = text.encode("utf-8", "surrogatepass")
    account(read_all(gzip.compress(data) if gz else data, "in.txt", fmt))


JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(ANY_CHAR)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=3),
    max_leaves=8,
)
RECORDS = st.fixed_dictionaries({}, optional={
    "id": JSON_VALUES, "text": JSON_VALUES, "content": JSON_VALUES, "html": JSON_VALUES,
    "title": JSON_VALUES, "published": JSON_VALUES, "url": JSON_VALUES,
    "authors": JSON_VALUES, "outlet": JSON_VALUES,
})


@FUZZ
@given(records=st.lists(RECORDS | JSON_SCALARS, min_size=1, max_size=6),
       array=st.booleans(), gz=st.booleans())
def test_json_records_of_any_shape_are_one_record_each(records: list[Any], array: bool,
                                                       gz: bool) -> None:
    """A well-formed JSON array or JSONL file with N values gives exactly N records."""
    if array:
        data = json.dumps(records).encode("utf-8", "surrogatepass")
    else:
        data = "".join(json.dumps(r) + "\n" for r in records).encode("utf-8")
    items = read_all(gzip.compress(data) if gz else data, "in.jsonl", "json")
    assert len(items) == len(records)
    account(items)


def valid_files() -> dict[str, tuple[bytes, str]]:
    """Valid inputs of each format (name -> (bytes, format)), to be cut anywhere."""
    records = [{"id": "r1", "text": EN_TEXT}, {"id": "r2", "text": EN_TEXT_2},
               {"id": "r3", "text": FR_TEXT, "title": "Genève"}]
    return {
        "a.txt": (EN_TEXT.encode(), "text"),
        "b.html": (html_page().encode(), "html"),
        "c.jsonl": (jsonl(records), "json"),
        "d.json": (json.dumps(records, indent=1).encode(), "json"),
        "e.jsonl.gz": (gzip.compress(jsonl(records)), "json"),
        "f.html.gz": (gzip.compress(html_page().encode()), "html"),
        "g.warc.gz": (warc_bytes([("http://example.org/1", html_page()),
                                  ("http://example.org/2", html_page("Talks", (EN_TEXT_2,)))],
                                 gzip=True), "warc"),
        "h.warc": (warc_bytes([("http://example.org/1", html_page())], gzip=False), "warc"),
    }


VALID = valid_files()


@FUZZ
@given(name=st.sampled_from(sorted(VALID)), cut_at=st.floats(0, 1), sniff=st.booleans())
@example(name="h.warc", cut_at=0.140625, sniff=False)  # cut after the request: nothing came out
def test_readers_take_truncated_files(name: str, cut_at: float, sniff: bool) -> None:
    data, fmt = VALID[name]
    items = read_all(data[: int(len(data) * cut_at)], name, "unknown" if sniff else fmt)
    account(items)


@FUZZ
@given(name=st.sampled_from(sorted(VALID)), position=st.floats(0, 1),
       junk=st.binary(min_size=1, max_size=8))
def test_readers_take_corrupted_files(name: str, position: float, junk: bytes) -> None:
    data, fmt = VALID[name]
    at = int(len(data) * position)
    account(read_all(data[:at] + junk + data[at + len(junk):], name, fmt))


def test_warc_without_pages_is_one_error() -> None:
    # Found by fuzzing: a WARC cut right after its request record (or the text "   0 0",
    # which warcio reads as an ARC record) gave no document and no error.
    data, _ = VALID["h.warc"]
    for blob in (data[: int(len(data) * 0.140625)], b"   0 0"):
        [item] = read_all(blob, "h.warc", "warc")
        assert isinstance(item, InputError) and item.where == "h.warc"
        assert "no HTML or plain-text response record" in item.reason


# -- cleaner -------------------------------------------------------------------------------


LINES = st.lists(st.sampled_from(BOILERPLATE) | st.text(ANY_CHAR, max_size=80),
                 max_size=25)


def check_cleaning(raw: str) -> None:
    result = clean_text(raw)
    position = 0
    for removal in result.removed:
        assert position <= removal.start <= removal.end <= len(raw), removal
        assert raw[removal.start:removal.end] == removal.text, removal
        assert removal.reason
        position = removal.end
    assert cut(raw, result.removed) == result.text
    spans = list(result.headings) + ([result.dateline] if result.dateline else [])
    for span in spans:
        assert 0 <= span.start <= span.end <= len(result.text), span
        assert result.text[span.start:span.end] == span.text, span


@FUZZ
@given(raw=st.text(ANY_CHAR, max_size=3000))
def test_cleaner_takes_random_unicode(raw: str) -> None:
    check_cleaning(raw)


@FUZZ
@given(lines=LINES, breaks=st.sampled_from(("\n", "\n\n", "\r\n", "\n \n")))
def test_cleaner_takes_random_articles(lines: list[str], breaks: str) -> None:
    check_cleaning(breaks.join(lines))


@FUZZ
@given(lines=LINES, kind=st.sampled_from(("text", "html")))
def test_prepare_only_reports_input_errors(lines: list[str], kind: str) -> None:
    raw = "\n\n".join(lines)
    if kind == "html":
        raw = "<html><body><article>" + "".join(f"<p>{line}</p>" for line in lines) + \
              "</article></body></html>"
    try:
        prepared = prepare(RawDocument(Source("in.txt"), raw, kind))  # type: ignore[arg-type]
    except InputError:
        return
    text = prepared.article.text
    for span in list(prepared.headings) + ([prepared.dateline] if prepared.dateline else []):
        assert text[span.start:span.end] == span.text
    if kind == "text":
        for removal in prepared.removed:
            assert raw[removal.start:removal.end] == removal.text


# -- query filters -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield build_db(tmp_path_factory.mktemp("fuzz") / "c.db", meeting_corpus())


FILTER_TEXT = st.none() | st.text(ANY_CHAR, max_size=30) | st.sampled_from(
    ("RUS", "CHN", "CONSULT", "04", "2024-04-09", "20240409", "2024-W15-2", "%", "_", "\\",
     "\"", "'", "*", "NEAR(a b)", "a OR", "-", "2024-02-30", "9999-12-31"))
LIMITS = st.none() | st.integers(min_value=-2, max_value=2**80)


@FUZZ
@given(actor=FILTER_TEXT, recipient=FILTER_TEXT, type_=FILTER_TEXT, since=FILTER_TEXT,
       until=FILTER_TEXT, place=FILTER_TEXT, limit=LIMITS)
@example(actor=None, recipient=None, type_=None, since=None, until=None, place=None,
         limit=2**70)  # was an sqlite3 "datatype mismatch" traceback
@example(actor="\udcff", recipient=None, type_=None, since=None, until=None, place=None,
         limit=None)  # was a UnicodeEncodeError traceback
def test_corpus_events_filters(corpus_db: Path, actor: str | None, recipient: str | None,
                               type_: str | None, since: str | None, until: str | None,
                               place: str | None, limit: int | None) -> None:
    with open_corpus(corpus_db) as corpus, contextlib.suppress(UsageError):
        list(corpus.events(actor=actor, recipient=recipient, type=type_, since=since,
                           until=until, place=place, limit=limit))


@FUZZ
@given(speaker=FILTER_TEXT, search=FILTER_TEXT, country=FILTER_TEXT, limit=LIMITS)
@example(speaker=None, search="\x00", country=None, limit=None)  # FTS5 "unterminated string"
def test_corpus_quote_and_actor_filters(corpus_db: Path, speaker: str | None,
                                        search: str | None, country: str | None,
                                        limit: int | None) -> None:
    with open_corpus(corpus_db) as corpus:
        for call in (lambda c: list(c.quotes(speaker=speaker, search=search, limit=limit)),
                     lambda c: c.actors(country=country, limit=limit),
                     lambda c: c.top_dyads(limit if limit is not None else 10),
                     lambda c: c.search_articles(search or "", limit if limit else 20),
                     lambda c: c.has_participant(country or "")):
            with contextlib.suppress(UsageError):
                call(corpus)


def test_since_in_basic_iso_format_is_normalised(corpus_db: Path) -> None:
    # Found by fuzzing: "20240409" passed the date check, then compared as text with the
    # stored "2024-04-09" and matched nothing.
    with open_corpus(corpus_db) as corpus:
        every = list(corpus.events())
        assert every
        assert list(corpus.events(since="20240409")) == every
        assert list(corpus.events(since="2024-04-09", until="20240409")) == every
        with pytest.raises(UsageError, match="--actor"):
            list(corpus.events(actor="RUS\udcff"))
        with pytest.raises(UsageError, match="--limit"):
            list(corpus.events(limit=2**63))


CLI_QUERIES = st.sampled_from((
    ("events", "--actor"), ("events", "--recipient"), ("events", "--type"),
    ("events", "--since"), ("events", "--until"), ("events", "--place"),
    ("events", "--limit"), ("events", "--min-confidence"), ("quotes", "--speaker"),
    ("quotes", "--search"), ("quotes", "--limit"), ("actors", "--country"),
    ("actors", "--limit"), ("dyads", "--top"), ("dyad", None),
))


@FUZZ
@given(query=CLI_QUERIES, value=st.text(ANY_CHAR, max_size=30) | st.sampled_from(
    ("99999999999999999999999", "-1", "0", "nan", "inf", "1e400", "20240409")))
def test_cli_query_options(corpus_db: Path, query: tuple[str, str | None], value: str
                           ) -> None:
    from communique.cli import main

    command, option = query
    argv = [command, "--db", str(corpus_db)]
    argv += [f"{option}={value}"] if option else ["--", value, "CHN"]
    stderr = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(stderr):
        try:
            status = main(argv)
        except SystemExit as exc:  # argparse: a value of the wrong type
            status = exc.code if isinstance(exc.code, int) else 2
    err = stderr.getvalue()
    assert status in (0, 1, 2), (status, err)
    assert "Traceback" not in err


WEB_PARAMS = st.dictionaries(
    st.sampled_from(("actor", "recipient", "type", "quad", "since", "until", "limit",
                     "offset", "page", "q", "speaker", "country", "min_confidence", "place",
                     "outlet", "sort", "kind", "sector")),
    st.text(st.characters(codec="utf-8"), max_size=30)
    | st.sampled_from(("1", "0", "-1", "999999999", "CONSULT", "2024-04-09", "RUS\n", "0.5",
                       "nan", "newest", "%")),
)


@FUZZ
@given(query=WEB_PARAMS, path_value=st.text(st.characters(codec="utf-8"), max_size=30))
def test_web_parameters(corpus_db: Path, query: dict[str, str], path_value: str) -> None:
    """The web UI's parsing (as its handlers chain it) then the page data: only
    ParameterError / UsageError (answered with a 400) or NotFoundError (a 404)."""
    def dyad() -> Any:
        limit, offset = params.page(query)
        return pages.dyad_data(corpus, params.code(path_value, "actor"), "CHN", limit=limit,
                               offset=offset)

    def explore(kind: str) -> Callable[[], Any]:
        return lambda: explorer.view_data(corpus, explorer.parse_view(kind, query))

    corpus = Corpus(corpus_db)
    try:
        for step in (explore("events"), explore("quotes"), explore("actors"), dyad):
            try:
                step()
            except CommuniqueError as exc:  # a 400, or a 404 for an actor the corpus lacks
                assert isinstance(exc, UsageError | NotFoundError), exc
    finally:
        corpus.close()
    with contextlib.suppress(UsageError):
        params.identifier(path_value, "article id")


if __name__ == "__main__":  # pragma: no cover - the long session: pytest with more cases
    sys.exit(pytest.main([__file__, "-q", "--hypothesis-show-statistics"]))
