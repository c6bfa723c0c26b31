"""End-to-end checks on the seed article."""

from __future__ import annotations

from pathlib import Path

import communique


def test_seed_body_kept_and_appeal_removed(seed_path: Path) -> None:
    [doc] = communique.extract(str(seed_path), published="2024-04-09")
    text = doc["article"]["text"]
    raw = seed_path.read_text(encoding="utf-8")
    appeal_at = raw.index("A Message from The Moscow Times")
    assert text.rstrip() == raw[:appeal_at].rstrip()
    assert "Remind me later" not in text
    assert [r["reason"] for r in doc["removed"]] == ["appeal"]
    removed = doc["removed"][0]
    assert raw[removed["start"] : removed["end"]] == removed["text"]
    assert removed["text"].startswith("A Message from The Moscow Times")
    headings = [h["text"] for h in doc["headings"]]
    assert headings == ["'Vassalage to China'", "'Unlawful sanctions'"]
    for heading in doc["headings"]:
        assert text[heading["start"] : heading["end"]] == heading["text"]
    assert doc["schema"] == "communique/1"
    assert doc["article"]["published"] == "2024-04-09"
    assert doc["article"]["language"] == "en"
