"""PETRARCH/TABARI dictionaries: format, date restrictions, warnings naming file and line."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from communique.actors.kb import load_kb
from communique.actors.petrarch import (
    DictionaryWarning,
    kb_with_dictionaries,
    read_actors,
    read_agents,
)

ACTORS = """# comment line
<!-- an XML comment -->
ARDUINIA_  [ARD]
FREEDONIA_  [RUS] # comment after code
+FREEDONIAN
RUFUS_T._FIREFLY_
+FIREFLY
\t[RUSELI <080101]
\t[RUSGOV 080101-120506]
\t[RUSGOV >120507]
BROKEN_ENTRY [RUSGOV
BAD_DATE
\t[RUSGOV 2012-05]
"""

AGENTS = """!PERSON! = MAN, MEN
FOREIGN_MINISTER [~GOV] # comment
BORDER_POLICE {BORDER_POLICEMEN} [~COP]
RIGHTS_BODY [NGO~]
NO_CODE_HERE
"""


def test_actor_dictionary(tmp_path: Path) -> None:
    path = tmp_path / "my.actors.txt"
    path.write_text(ACTORS, encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        records = read_actors(path, load_kb())
    messages = [str(w.message) for w in caught if issubclass(w.category, DictionaryWarning)]
    assert any(m.startswith("my.actors.txt:3:") and "unknown code 'ARD'" in m for m in messages)
    assert any(m.startswith("my.actors.txt:11:") for m in messages)  # unclosed [
    assert any(m.startswith("my.actors.txt:13:") and "date" in m for m in messages)
    firefly = next(r for r in records if r.name.startswith("RUFUS"))
    assert firefly.synonyms == ["FIREFLY"]
    assert [(c.code, c.start, c.end) for c in firefly.codes] == [
        ("RUSELI", None, "2008-01-01"), ("RUSGOV", "2008-01-01", "2012-05-06"),
        ("RUSGOV", "2012-05-07", None)]


def test_dated_codes_apply_by_article_date(tmp_path: Path) -> None:
    path = tmp_path / "my.actors.txt"
    path.write_text(ACTORS, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        kb = kb_with_dictionaries([path])
    entry = kb.lookup("Firefly")
    assert entry is not None and not entry.curated
    assert entry.code_on("2005-06-01") == "RUSELI"
    assert entry.code_on("2010-06-01") == "RUSGOV"
    assert entry.code_on("2020-06-01") == "RUSGOV"
    assert kb.lookup("Freedonian") is not None
    # the shipped knowledge base is not modified by user dictionaries
    assert load_kb().lookup("Firefly") is None


def test_agent_dictionary(tmp_path: Path) -> None:
    path = tmp_path / "my.agents.txt"
    path.write_text(AGENTS, encoding="utf-8")
    with pytest.warns(DictionaryWarning, match=r"my\.agents\.txt:5:"):
        agents = read_agents(path, load_kb())
    codes = {a.phrase: (a.code, a.prefix) for a in agents}
    assert codes["foreign minister"] == ("GOV", False)
    assert codes["border policemen"] == ("COP", False)
    assert codes["rights body"] == ("NGO", True)


@pytest.mark.data
def test_phoenix_and_validation_dictionaries_load(data_dir: Path) -> None:
    folder = data_dir / "petrarch"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        kb = kb_with_dictionaries([folder / "Phoenix.Countries.actors.txt",
                                   folder / "PETR.Validate.actors.txt"])
    assert caught  # the 2014 files have a few malformed dates and fictional codes
    lavrov = kb.lookup("Sergei Lavrov")
    assert lavrov is not None and lavrov.code_on("2024-04-09") == "RUSGOV"
    gollum = kb.lookup("Smeagol")
    assert gollum is not None and gollum.code_on("1996-01-01") == "HOBGOV"
