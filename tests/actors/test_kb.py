"""The shipped knowledge base loads, answers lookups, and rejects malformed data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from communique.actors.kb import KB_DIR, build_kb, load_kb
from communique.errors import DataFileError


def test_countries_capitals_seats_and_acronyms() -> None:
    kb = load_kb()
    assert len(kb.iso3) > 190
    kremlin = kb.lookup("the Kremlin")
    assert kremlin is not None and kremlin.code == "RUSGOV"
    beijing = kb.lookup("Beijing")
    assert beijing is not None and beijing.country == "CHN" and beijing.category == "capital"
    us = kb.lookup("U.S.")
    assert us is not None and us.country == "USA"
    assert kb.lookup("us") is None  # acronyms only match in capitals
    assert kb.lookup("is") is None
    nato = kb.lookup("NATO")
    assert nato is not None and nato.code is not None and nato.code.startswith("IGO")
    un = kb.lookup("United Nations")
    assert un is not None and un.country == "UNO"
    tass = kb.lookup("TASS")
    # State-run outlets: sector GOV, the first sector element of their code RUSGOVMED.
    assert tass is not None and tass.country == "RUS" and tass.sector == "GOV"
    assert tass.code == "RUSGOVMED"
    reuters = kb.lookup("Reuters")
    assert reuters is not None and reuters.sector == "JRN"
    west = kb.lookup("the West")
    assert west is not None and west.country == "WST"


def test_demonyms_legacy_codes_roles_leaders() -> None:
    kb = load_kb()
    assert kb.demonyms["russian"] == "RUS"
    assert kb.country_code("JAP") == "JPN" and kb.country_code("VTN") == "VNM"
    assert kb.country_code("ITL") == "ITA"
    role = kb.role("Secretary of State")
    assert role is not None and role.sector == "GOV" and role.country == "USA"
    rebels = kb.role("rebels")
    assert rebels is not None and rebels.sector == "REB"
    rebel_forces = kb.role("rebel forces")  # the modifier decides: rebels, not an army
    assert rebel_forces is not None and rebel_forces.sector == "REB"
    police = kb.role("police")
    assert police is not None and police.sector == "COP"
    held = kb.leader("Antony Blinken", "2024-04-09")
    assert held is not None and held.role == "Secretary of State"
    assert kb.leader("Antony Blinken", "2019-01-01") is None


def _broken_copy(tmp_path: Path, name: str, bad_line: str) -> Path:
    folder = tmp_path / "kb"
    shutil.copytree(KB_DIR, folder)
    with (folder / name).open("a", encoding="utf-8") as handle:
        handle.write(bad_line)
    return folder


@pytest.mark.parametrize(("name", "line", "message"), [
    ("igos.tsv", "Bogus Org\t\tXXX\tGOV\tIGO\n", "unknown country"),
    ("igos.tsv", "Bogus Org\tonly three\n", "columns"),
    ("roles.tsv", "wizard\tWizard\tMAG\tGOV\tperson\t\n", "unknown PLOVER sector"),
    ("seats.tsv", "Castle\t\tRUS\tGOV\tZZZ\n", "unknown CAMEO agent"),
    ("leaders.tsv", "A Person\t\tRUS\tGOV\tPresident\t2020-13\t\n", "YYYY-MM-DD"),
    ("legacy_cameo.tsv", "JAP\tJPN\tdup\n", "duplicate"),
])
def test_errors_in_shipped_data_fail_at_load(tmp_path: Path, name: str, line: str,
                                             message: str) -> None:
    folder = _broken_copy(tmp_path, name, line)
    with pytest.raises(DataFileError, match=message) as info:
        build_kb(folder)
    assert name in str(info.value)  # names the file and line
