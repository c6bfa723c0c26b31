"""communique.datafiles: tables, word lists and JSON read one way, with file:line errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from communique.datafiles import data_path, read_entries, read_json, read_table
from communique.errors import DataFileError


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_table_rows_skip_comments_and_blank_lines(tmp_path: Path) -> None:
    path = _write(tmp_path / "cities.tsv", "# two cities\nname\tcountries\n\n"
                  "Springfield\tUSA|CAN \n# a comment between rows\nLagos\tNGA\n")
    rows = read_table(path, columns=("name", "countries"))
    assert [(r.line, r["name"]) for r in rows] == [(4, "Springfield"), (6, "Lagos")]
    assert rows[0].list("countries") == ["USA", "CAN"]
    assert rows[1].where == "cities.tsv:6"


def test_a_row_with_a_missing_cell_names_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "roles.tsv", "role\tsector\nminister\tGOV\nmayor\n")
    with pytest.raises(DataFileError, match=r"^roles\.tsv:3: expected 2 .* found 1"):
        read_table(path)


def test_an_unexpected_header_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path / "roles.tsv", "# roles\nrole\tcode\nminister\tGOV\n")
    with pytest.raises(DataFileError, match=r"^roles\.tsv:2: header is 'role\|code'"):
        read_table(path, columns=("role", "sector"))


def test_an_empty_first_cell_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path / "roles.tsv", "role\tsector\n\tGOV\n")
    with pytest.raises(DataFileError, match=r"^roles\.tsv:2: empty first column"):
        read_table(path)


def test_a_missing_or_non_utf8_file_is_a_data_file_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="cannot read"):
        read_table(tmp_path / "absent.tsv")
    latin = tmp_path / "latin.tsv"
    latin.write_bytes(b"name\nS\xe3o Paulo\n")
    with pytest.raises(DataFileError, match=r"^latin\.tsv: not UTF-8"):
        read_table(latin)


def test_word_lists_have_one_entry_per_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "outlets.txt", "# outlets\nReuters\n\nAgence France-Presse\n")
    assert read_entries(path) == ((2, "Reuters"), (4, "Agence France-Presse"))
    bad = _write(tmp_path / "nouns.txt", "statement\ninterview\tmedium\n")
    with pytest.raises(DataFileError, match=r"^nouns\.txt:2: one entry per line"):
        read_entries(bad)


def test_json_errors_name_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "weights.json", '{\n  "bias": 0.5,\n  "slope": \n}\n')
    with pytest.raises(DataFileError, match=r"^weights\.json:4: "):
        read_json(path)


def test_an_edited_file_is_read_again(tmp_path: Path) -> None:
    path = _write(tmp_path / "outlets.txt", "Reuters\n")
    assert read_entries(path) == ((1, "Reuters"),)
    _write(path, "Reuters\nTASS\n")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert read_entries(path) == ((1, "Reuters"), (2, "TASS"))


def test_the_shipped_country_table_reads_cleanly() -> None:
    rows = read_table(data_path("kb", "countries.tsv"),
                      columns=("iso3", "name", "aliases", "capitals", "demonyms"))
    by_code = {r["iso3"]: r for r in rows}
    assert by_code["KEN"]["name"] == "Kenya"
    assert "Nairobi" in by_code["KEN"].list("capitals")
