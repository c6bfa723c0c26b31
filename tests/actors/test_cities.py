"""The knowledge base's cities read through their compiled table answer as the file does."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from communique.actors import kb as kb_module
from communique.actors.cities import city_lookup
from communique.actors.kb import KB_DIR, ActorKB, normalise
from communique.errors import DataFileError

HEADER = "name\tcountries\tpopulation\n"


def _file_answers(folder: Path) -> tuple[dict[str, tuple[str, ...]], dict[str, int]]:
    """What the knowledge base held before the compiled table: a dict filled row by row,
    the first row of a name winning."""
    cities: dict[str, tuple[str, ...]] = {}
    population: dict[str, int] = {}
    for line in (folder / "cities.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line == HEADER.strip():
            continue
        name, countries, people = line.split("\t")
        cities.setdefault(normalise(name), tuple(c.strip() for c in countries.split("|")))
        population.setdefault(normalise(name), int(people))
    return cities, population


def build_kb(folder: Path) -> ActorKB:
    """A knowledge base holding only ``folder``'s cities, loaded as ``build_kb`` loads them."""
    kb = ActorKB()
    kb_module._load_cities(kb, folder)
    return kb


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COMMUNIQUE_CACHE_DIR", str(tmp_path / "cache"))
    kb_dir = tmp_path / "kb"
    kb_dir.mkdir()
    shutil.copy(KB_DIR / "countries.tsv", kb_dir / "countries.tsv")
    (kb_dir / "cities.tsv").write_text(
        HEADER + "Sochi\tRUS\t327608\nSan José\tCRI|USA\t1000\nsochi\tUSA\t5\n",
        encoding="utf-8")
    return kb_dir


def test_the_shipped_table_answers_as_the_file_reads() -> None:
    cities, population = _file_answers(KB_DIR)
    kb = kb_module.load_kb()
    assert len(kb.cities) == len(cities) and len(kb.city_population) == len(population)
    assert dict(kb.cities) == cities and dict(kb.city_population) == population
    assert kb.cities.get("no such town") is None and "no such town" not in kb.cities
    assert kb.city_population.get("no such town", 0) == 0


def test_first_row_of_a_name_wins(folder: Path) -> None:
    kb = build_kb(folder)
    assert kb.cities["sochi"] == ("RUS",) and kb.city_population["sochi"] == 327608
    assert kb.cities.get(normalise("San José")) == ("CRI", "USA")
    assert sorted(kb.cities) == ["san josé", "sochi"] and bool(kb.cities)


def test_a_changed_file_is_read_again_and_checked(folder: Path) -> None:
    assert "sochi" in build_kb(folder).cities
    path = folder / "cities.tsv"
    path.write_text(HEADER + "Nairobi\tKEN\t4397073\n", encoding="utf-8")
    kb = build_kb(folder)
    assert "sochi" not in kb.cities and kb.cities["nairobi"] == ("KEN",)
    path.write_text(HEADER + "Atlantis\tATL\t1\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="unknown country"):
        _ = "atlantis" in build_kb(folder).cities


def test_a_changed_country_list_is_checked_again(folder: Path) -> None:
    assert build_kb(folder).cities["sochi"] == ("RUS",)
    countries = folder / "countries.tsv"
    countries.write_text("".join(line for line in countries.read_text(encoding="utf-8")
                                 .splitlines(keepends=True) if not line.startswith("RUS\t")),
                         encoding="utf-8")
    with pytest.raises(DataFileError, match="unknown country"):
        _ = build_kb(folder).cities.get("sochi")


def test_a_knowledge_base_without_cities_has_none(folder: Path) -> None:
    (folder / "cities.tsv").unlink()
    assert not build_kb(folder).cities


def test_a_copy_reopens_its_table(folder: Path) -> None:
    copy = pickle.loads(pickle.dumps(build_kb(folder)))
    assert copy.cities["sochi"] == ("RUS",)


def test_every_city_lookup_shares_the_saint_spellings() -> None:
    kb = kb_module.load_kb()
    # The exact spelling first (GeoNames lists the Florida city as "St. Petersburg"),
    # then the other spellings of "Saint".
    assert city_lookup(kb, "St. Petersburg")[:2] == ("USA", "RUS")
    assert city_lookup(kb, "Saint Petersburg")[0] == "RUS"
    assert "RUS" in city_lookup(kb, "St Petersburg")
    assert city_lookup(kb, "Nowhereville") == ()
