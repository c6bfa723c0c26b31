"""Resolution on real sentences of the AllSides sample (cases: eval/actors_allsides_cases.tsv).

Each case names an article and offsets; the expected entity was judged by hand. Cases the
resolver still gets wrong are listed in KNOWN_ERRORS (marked xfail, not hidden) so the
report can count them; the aggregate test keeps the measured accuracy from falling.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from communique.evaluate.actor_cases import judge, load_articles, load_cases, resolve_articles

if TYPE_CHECKING:
    from spacy.language import Language

CASES = load_cases()
# Wrong at the time of writing (pronoun after a named third party, same-surname siblings,
# "the leader of Europe's most powerful country", a city named as capital coded as its
# government, a pronoun for a person the model did not tag).
KNOWN_ERRORS = {
    ("L5p5k2OhvjB7y2XH", 417), ("faatrb9uNxzXv0Xq", 1387), ("raVApCs0y6qveAet", 330),
    ("raVApCs0y6qveAet", 3031), ("tcrN0ZUf1upazXvs", 3418), ("FTYS3Uac5Ag12IUW", 1022),
}


@pytest.fixture(scope="module")
def resolved(nlp: Language, data_dir: Path) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    sample = data_dir / "news" / "allsides-sample.jsonl"
    if not sample.exists():
        pytest.skip("AllSides sample absent")
    articles = load_articles(sample, {c.article_id for c in CASES})
    return articles, resolve_articles(nlp, articles)


def test_at_least_sixty_cases_with_hard_ones() -> None:
    assert len(CASES) >= 60
    assert sum("hard" in c.note for c in CASES) >= 5


@pytest.mark.data
@pytest.mark.parametrize("case", [
    pytest.param(c, id=f"{c.article_id}:{c.start}:{c.mention}",
                 marks=[pytest.mark.xfail(reason="known error", strict=False)]
                 if (c.article_id, c.start) in KNOWN_ERRORS else [])
    for c in CASES])
def test_case(resolved: Any, case: Any) -> None:
    articles, entities = resolved
    assert articles[case.article_id]["text"][case.start:case.end] == case.mention
    ok, found = judge(case, entities[case.article_id])
    assert ok, (case.expected_name, case.expected_code, found and (found["name"],
                                                                  found["code"]))


@pytest.mark.data
def test_accuracy_floor(resolved: Any) -> None:
    _, entities = resolved
    correct = sum(judge(c, entities[c.article_id])[0] for c in CASES)
    assert correct / len(CASES) >= 0.92  # measured 79/85 = 0.929
