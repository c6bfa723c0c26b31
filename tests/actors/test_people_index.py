"""The Phoenix people read through their compiled table answer as the file does."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from communique.actors import kb as kb_module
from communique.actors.kb import KB_DIR, normalise
from communique.actors.people_index import PeopleIndex, PeopleStore
from communique.errors import DataFileError

HEADER = "name\taliases\tcodes\tsource\n"


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COMMUNIQUE_CACHE_DIR", str(tmp_path / "cache"))
    kb_dir = tmp_path / "kb"
    kb_dir.mkdir()
    for name in ("countries.tsv", "legacy_cameo.tsv", "roles.tsv"):
        shutil.copy(KB_DIR / name, kb_dir / name)
    (kb_dir / "phoenix_people.tsv").write_text(
        HEADER
        + "George H. W. Bush\tPresident Bush\tUSAGOV@1989-01-20/1993-01-20|USAELI\tx:1\n"
        + "George W. Bush\tPresident Bush\tUSAGOV@2001-01-20/2009-01-20|USAELI\tx:2\n"
        + "Carlos Saul Menem\t\tARGGOV@1989-07-08/1999-12-10\tx:3\n", encoding="utf-8")
    return kb_dir


def _index(folder: Path, kind: str) -> PeopleIndex:
    sources = [folder / "phoenix_people.tsv", folder / "countries.tsv"]
    return PeopleIndex(PeopleStore(sources, folder), kind)


def test_lookups_match_the_file(folder: Path) -> None:
    people = _index(folder, "people")
    assert [p.name for p in people["george w. bush"]] == ["George W. Bush"]
    assert [p.name for p in people["president bush"]] == ["George H. W. Bush",
                                                          "George W. Bush"]
    assert people["carlos menem"][0].code_on("1995-01-01") == "ARGGOV"  # short form
    assert "nobody" not in people and people.get("nobody") is None
    surnames = _index(folder, "surnames")
    assert len(surnames["bush"]) == 2 and sorted(surnames) == ["bush", "menem"]


def test_one_person_is_one_object_across_indexes(folder: Path) -> None:
    store = PeopleStore([folder / "phoenix_people.tsv"], folder)
    by_name = PeopleIndex(store, "people")["george w. bush"][0]
    assert any(p is by_name for p in PeopleIndex(store, "titled")["bush"])


def test_a_changed_file_is_read_again_and_checked(folder: Path) -> None:
    assert "carlos menem" in _index(folder, "people")
    path = folder / "phoenix_people.tsv"
    path.write_text(HEADER + "Carlos Menem\t\tARGGOV\tx:1\n", encoding="utf-8")
    assert [p.name for p in _index(folder, "people")["carlos menem"]] == ["Carlos Menem"]
    path.write_text(HEADER + "Nobody\t\tXXXGOV\tx:1\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="unknown code"):
        _ = "nobody" in _index(folder, "people")


def test_the_shipped_table_answers_as_the_file_reads(folder: Path) -> None:
    full = kb_module.phoenix_indexes(KB_DIR)
    shipped = kb_module.load_kb()
    for index, kind in zip(full, (shipped.people, shipped.people_surnames,
                                  shipped.people_titled), strict=True):
        for key in list(index)[:: max(1, len(index) // 300)]:
            assert [p.name for p in kind[key]] == [p.name for p in index[key]]
    assert normalise("Vladimir Putin") in shipped.people
