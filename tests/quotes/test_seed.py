"""Issue 4 acceptance on the seed article: every quoted statement, its speaker, addressee and
channel; nothing from the appeal or the subheads.

Speaker names are the resolved entity names from the actors component ("Sergei Lavrov" for
"he"), as the issue requires.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import communique


@pytest.fixture(scope="module")
def seed(seed_path: Path) -> dict[str, Any]:
    [doc] = communique.extract(str(seed_path), published="2024-04-09")
    return doc


def _quote_with(doc: dict[str, Any], fragment: str) -> dict[str, Any]:
    """The quote whose content holds ``fragment`` (exactly one)."""
    found = [q for q in doc["quotes"] if fragment in q["text"]]
    if len(found) > 1:
        found = [q for q in found if q["text"] == fragment] or found
    assert len(found) == 1, (fragment, [q["text"][:60] for q in found])
    quote: dict[str, Any] = found[0]
    return quote


def _name(part: dict[str, Any] | None) -> str:
    assert part is not None
    return str(part["name"])


# (fragment of the quoted content, resolved speaker name, kind)
STATEMENTS = [
    ("We would like to express our highest appreciation", "Sergei Lavrov", "direct"),
    ("great importance", "Xi Jinping", "mixed"),
    ("close exchanges", None, "mixed"),  # the readout: checked separately
    ("China supports the Russian people", None, "direct"),
    ("Beijing and Moscow will continue to strengthen", "Wang Yi", "direct"),
    ("Under the strong leadership of President Putin", "Wang Yi", "direct"),
    ("changing in China's favor", "Alexander Gabuev", "mixed"),
    ("Integrating Russia's economy", "Alexander Gabuev", "direct"),
    ("China has stronger bargaining power", "Alexander Gabuev", "direct"),
    ("Russia is now locking itself into vassalage to China.", "Alexander Gabuev", "direct"),
    ("China continues to provide materials", "Antony Blinken", "direct"),
    ("economic, technological development opportunities", "Sergei Lavrov", "mixed"),
    ("always stick to the correct path", "Wang Yi", "mixed"),
    ("China and Russia must take a clear-cut stand", "Wang Yi", "direct"),
    ("oppose all acts of hegemony", "Wang Yi", "direct"),
    ("As a force for peace and stability", "Wang Yi", "direct"),
]


@pytest.mark.parametrize(("fragment", "speaker", "kind"), STATEMENTS)
def test_seed_statement_found_with_resolved_speaker(
    seed: dict[str, Any], fragment: str, speaker: str | None, kind: str
) -> None:
    quote = _quote_with(seed, fragment)
    assert quote["kind"] == kind
    assert quote["speaker"] is not None
    if speaker is not None:
        assert _name(quote["speaker"]) == speaker
        assert quote["speaker"]["entity"] is not None
    text = seed["article"]["text"]
    for part in quote["parts"]:
        assert text[part["start"] : part["end"]] in quote["text"]


def test_seed_support_fragment_is_lavrovs(seed: dict[str, Any]) -> None:
    # "Earlier Lavrov met with ... Wang Yi, where he thanked China for its "support"": "he"
    # is Lavrov, the subject of the main clause. The statement is the verb's whole object
    # phrase, a mixed quote (quotes/fragments.py).
    quote = _quote_with(seed, 'for its "support"')
    assert quote["kind"] == "mixed"
    assert _name(quote["speaker"]) == "Sergei Lavrov"


def test_seed_readout_side(seed: dict[str, Any]) -> None:
    readout = _quote_with(seed, "close exchanges")
    added = _quote_with(seed, "China supports the Russian people")
    assert "readout" in _name(readout["speaker"]).lower()
    assert added["speaker"]["text"] == "it"
    assert _name(added["speaker"]) == _name(readout["speaker"])


def test_seed_addressees(seed: dict[str, Any]) -> None:
    assert _name(_quote_with(seed, "highest appreciation")["addressee"]) == "Xi Jinping"
    assert _name(_quote_with(seed, "great importance")["addressee"]) == "Sergei Lavrov"
    assert _quote_with(seed, "China continues to provide")["addressee"]["text"] == "reporters"
    gabuev = _quote_with(seed, "changing in China's favor")
    assert gabuev["addressee"] is None  # "told AFP": AFP is the channel


def test_seed_channels(seed: dict[str, Any]) -> None:
    expected = {
        "highest appreciation": "Russian news agencies",
        "great importance": "CCTV",
        "Beijing and Moscow will continue": "RIA Novosti",
        "changing in China's favor": "AFP",
        "Integrating Russia's economy": "Foreign Policy",
    }
    for fragment, channel in expected.items():
        assert _name(_quote_with(seed, fragment)["channel"]) == channel, fragment
    cctv = _quote_with(seed, "great importance")["channel"]
    assert cctv["text"] == "according to Chinese state broadcaster CCTV"


def test_seed_no_quote_from_appeal_or_subheads(seed: dict[str, Any]) -> None:
    text = seed["article"]["text"]
    for quote in seed["quotes"]:
        assert quote["end"] <= len(text)
        for heading in seed["headings"]:
            assert quote["end"] <= heading["start"] or quote["start"] >= heading["end"]
        assert "undesirable" not in quote["text"] and "foreign agent" not in quote["text"]
    ids = [q["id"] for q in seed["quotes"]]
    assert ids == [f"Q{i}" for i in range(1, len(ids) + 1)]
