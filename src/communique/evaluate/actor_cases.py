"""Hand-checked resolution cases on the AllSides sample: loading and scoring.

The cases live in ``eval/actors_allsides_cases.tsv`` (article id, offsets, the mention, the
expected entity name and/or code, a note); the article text stays in ``../shared/data``.
Used by the ``actors`` evaluation suite and by ``tests/actors/test_allsides.py``. It reads
the repository's ``eval/`` folder, so it lives with the evaluation code, not in the runtime
``actors`` package (an installed wheel has no ``eval/``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from communique.actors.lookup import entity_for_span
from communique.datafiles import read_table
from communique.errors import DataFileError

CASES_FILE = Path(__file__).resolve().parents[3] / "eval" / "actors_allsides_cases.tsv"


@dataclass(frozen=True)
class Case:
    """One hand-checked mention and what it should resolve to."""

    article_id: str
    start: int
    end: int
    mention: str
    expected_name: str
    expected_code: str
    note: str


COLUMNS = ("article_id", "start", "end", "mention", "expected_name", "expected_code", "note")


def load_cases(path: Path = CASES_FILE) -> list[Case]:
    """The cases in ``path`` (comment lines start with '#', first other line is the header);
    a malformed row raises :class:`DataFileError` naming its line."""
    cases = []
    for row in read_table(path, columns=COLUMNS):
        try:
            start, end = int(row["start"]), int(row["end"])
        except ValueError:
            raise DataFileError(f"{row.where}: start and end must be character offsets") \
                from None
        cases.append(Case(row["article_id"], start, end, row["mention"], row["expected_name"],
                          row["expected_code"], row["note"]))
    return cases


def load_articles(sample: Path, ids: set[str]) -> dict[str, dict[str, Any]]:
    """The AllSides records with the given ids."""
    found: dict[str, dict[str, Any]] = {}
    with sample.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["id"] in ids:
                found[record["id"]] = record
    return found


def judge(case: Case, entities: list[dict[str, Any]]) -> tuple[bool, dict[str, Any] | None]:
    """Whether the entity found at the case's span has the expected name and code."""
    entity = entity_for_span(entities, case.start, case.end)
    if case.expected_name == "-":
        return entity is None, entity
    if entity is None:
        return False, None
    if case.expected_name and entity.get("name") != case.expected_name:
        return False, entity
    if case.expected_code and entity.get("code") != case.expected_code:
        return False, entity
    return True, entity


def resolve_articles(nlp: Any, articles: dict[str, dict[str, Any]]) -> dict[str, list[Any]]:
    """Entities of each article (text as stored in the sample, published = its date)."""
    late = [n for n in nlp.pipe_names if n in ("communique_quotes", "communique_events")]
    out: dict[str, list[Any]] = {}
    with nlp.select_pipes(disable=late):
        for aid, record in sorted(articles.items()):
            doc = nlp.make_doc(record["text"])
            doc._.communique_structure = {"article_id": aid, "published": record.get("date")
                                          or None, "outlet": None, "headings": [],
                                          "dateline": None}
            out[aid] = nlp(doc)._.communique_entities
    return out
