"""The vendored web assets (serve/static/vendor/): present, unchanged since
scripts/vendor_assets.py fetched them, licensed, and the only scripts the pages load."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest

import communique.serve

STATIC = Path(communique.serve.__file__).resolve().parent / "static"
VENDOR = STATIC / "vendor"
MANIFEST = json.loads((VENDOR / "vendor.json").read_text(encoding="utf-8"))

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.mark.parametrize("entry", MANIFEST, ids=[e["name"] for e in MANIFEST])
def test_vendored_files_match_the_manifest(entry: dict[str, Any]) -> None:
    assert entry["version"] and entry["licence"] and entry["integrity"].startswith("sha512-")
    assert any(name.endswith("/LICENSE") for name in entry["files"]), "licence shipped"
    for name, digest in entry["files"].items():
        path = VENDOR / name
        assert path.is_file(), f"{name} missing: run scripts/vendor_assets.py"
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, f"{name} changed"
    readme = (VENDOR / "README.md").read_text(encoding="utf-8")
    assert f"| `{entry['name']}` | {entry['version']} | {entry['licence']} |" in readme


def test_our_scripts_fetch_nothing_from_elsewhere() -> None:
    for script in STATIC.glob("*.js"):
        text = script.read_text(encoding="utf-8")
        assert not re.search(r"https?:|//[a-z0-9.-]+\.[a-z]{2,}/", text), script.name


def test_every_script_a_page_loads_is_served(client: Any) -> None:
    seen = set()
    for url in ("/", "/map", "/network", "/actor/RUS", "/dyad/RUS/CHN"):
        html = client.get(url).text
        for src in re.findall(r'<script src="([^"]+)"', html):
            seen.add(src)
        for attr in re.findall(r'data-(?:world|codes)="([^"]+)"', html):
            seen.add(attr)
    assert "/static/vendor/d3/d3.min.js" in seen
    for src in seen:
        response = client.get(src)
        assert response.status_code == 200, src
        assert len(response.content) > 1000, src
