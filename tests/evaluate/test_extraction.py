"""The ``extraction`` suite: its metric helpers offline, and a short run on the real data."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from communique.evaluate.extraction import (
    FundusPage,
    bag_scores,
    fundus_pages,
    gold_days,
    is_english,
    word_bag,
)
from communique.evaluate.registry import get_suite


def test_word_bag_is_lower_cased_multiset() -> None:
    assert word_bag("The cat, the HAT.") == Counter({"the": 2, "cat": 1, "hat": 1})
    assert word_bag(None) == Counter()


def test_bag_scores() -> None:
    gold = word_bag("a b c d")
    perfect = bag_scores(word_bag("d c b a"), gold)
    assert perfect.f1 == pytest.approx(1.0)
    half = bag_scores(word_bag("a b x y"), gold)
    assert (half.precision, half.recall, half.f1) == pytest.approx((0.5, 0.5, 0.5))
    # Repeated words count once per occurrence in both bags.
    repeated = bag_scores(word_bag("a a a a"), gold)
    assert repeated.precision == pytest.approx(0.25)
    assert bag_scores(Counter(), gold).f1 == 0.0


def test_gold_days_local_and_utc() -> None:
    assert gold_days("2024-10-16 00:00:00+08:00") == {"2024-10-16", "2024-10-15"}
    assert gold_days("2024-04-25 04:21:02") == {"2024-04-25"}
    assert gold_days(None) == set() and gold_days("not a date") == set()


def test_english_is_decided_from_the_gold_text() -> None:
    def page(title: str, body: str) -> FundusPage:
        return FundusPage(Path("x"), "P", "V1", title, None, [], body)

    assert is_english(page("Council expands tram network",
                           "The city council voted on Tuesday to expand the tram network."))
    assert not is_english(page("Der Stadtrat erweitert das Straßenbahnnetz",
                               "Der Stadtrat hat am Dienstag beschlossen, das Netz zu erweitern."))


@pytest.mark.data
def test_fundus_layout_pairs_every_page(data_dir: Path) -> None:
    root = data_dir / "extraction" / "fundus" / "pages"
    pages = list(fundus_pages(root))
    html_files = list(root.glob("*/*.html.gz"))
    assert len(pages) == len(html_files)
    assert all(p.path.name.startswith(p.publisher + "_") for p in pages)


@pytest.mark.data
def test_suite_runs_on_a_few_pages(data_dir: Path) -> None:
    report = get_suite("extraction")(data_dir, 4)
    assert report.suite == "extraction"
    for key in ("zyte_f1", "zyte_f1_trafilatura", "fundus_title", "fundus_date"):
        assert 0.0 <= report.headline[key] <= 1.0, key
    # Sane values even on four pages: both extractors find most of each article.
    assert report.headline["zyte_f1"] > 0.8
    assert report.headline["zyte_f1_trafilatura"] > 0.6
    names = [row.name for row in report.rows]
    assert any("trafilatura" in name for name in names)
    zyte = next(row for row in report.rows if row.name == "zyte body F1 (communique)")
    assert zyte.counts["pages"] == 4
    assert zyte.precision is not None and zyte.recall is not None
    fundus = next(row for row in report.rows if row.name.startswith("fundus English title"))
    assert fundus.counts["pages"] == 4
