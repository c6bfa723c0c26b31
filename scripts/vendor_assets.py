"""Fetch the web UI's JavaScript libraries and world geometry from npm, reproducibly.

The web UI works offline (no CDN, no tile server), so the libraries its charts, map and
network use are committed as static files under ``src/communique/serve/static/vendor/``.
This script is how they got there and how they are updated: for each package in
:data:`PACKAGES` it runs ``npm pack NAME@VERSION`` (the npm client checks the tarball
against the registry's integrity hash), copies the listed files and the package's LICENSE
out of the tarball, and writes ``vendor.json`` (package, version, licence, npm integrity,
sha256 of every file) and ``README.md`` beside them. ``tests/serve/test_vendor.py`` checks
the committed files against ``vendor.json`` without any network.

    python scripts/vendor_assets.py            # re-fetch everything (needs npm)
    python scripts/vendor_assets.py --check    # only verify the committed files (offline)

To update a package, change its version here, run the script and commit the result.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "src" / "communique" / "serve" / "static" / "vendor"


@dataclass(frozen=True)
class Package:
    """One npm package and the files the web UI takes from it (path in the tarball's
    ``package/`` folder -> path under ``vendor/``)."""

    name: str
    version: str
    licence: str
    purpose: str
    files: dict[str, str]


PACKAGES = (
    Package("d3", "7.9.2", "ISC",
            "charts (scales, axes, stacks, lines), the map's projection and the network's "
            "force layout",
            {"dist/d3.min.js": "d3/d3.min.js", "LICENSE": "d3/LICENSE"}),
    Package("topojson-client", "3.1.0", "ISC", "decodes the world geometry (TopoJSON)",
            {"dist/topojson-client.min.js": "topojson-client/topojson-client.min.js",
             "LICENSE": "topojson-client/LICENSE"}),
    Package("world-atlas", "2.0.2", "ISC (geometry: Natural Earth 4.1.0, public domain)",
            "country shapes at 1:50m, keyed by ISO 3166 numeric code",
            {"countries-50m.json": "world-atlas/countries-50m.json",
             "LICENSE": "world-atlas/LICENSE"}),
    Package("i18n-iso-countries", "7.14.0", "MIT",
            "ISO 3166 alpha-2 / alpha-3 / numeric code table (events carry alpha-3 codes, "
            "the geometry numeric ones)",
            {"codes.json": "i18n-iso-countries/codes.json",
             "LICENSE": "i18n-iso-countries/LICENSE"}),
)


def sha256(path: Path) -> str:
    """The hex SHA-256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch(package: Package, work: Path) -> dict[str, Any]:
    """``npm pack`` one package into ``work``, copy its files into :data:`VENDOR` and
    return its manifest entry."""
    spec = f"{package.name}@{package.version}"
    result = subprocess.run(["npm", "pack", spec, "--json", "--pack-destination", str(work)],
                            check=True, capture_output=True, text=True)
    [info] = json.loads(result.stdout)
    tarball = work / info["filename"]
    files: dict[str, str] = {}
    with tarfile.open(tarball) as tar:
        for inner, target in package.files.items():
            member = tar.extractfile(f"package/{inner}")
            if member is None:
                raise SystemExit(f"{spec} has no file {inner}")
            out = VENDOR / target
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(member.read())
            files[target] = sha256(out)
    return {"name": package.name, "version": package.version, "licence": package.licence,
            "purpose": package.purpose, "integrity": info["integrity"], "files": files}


def readme(manifest: list[dict[str, Any]]) -> str:
    """The vendor folder's README: what each package is, its version and licence."""
    lines = [
        "# Vendored web assets",
        "",
        "Static files the web UI (`communique serve`) loads from this server so that it works",
        "with no network: no CDN, no tile server. Fetched from npm by",
        "`scripts/vendor_assets.py` (which also wrote this file and `vendor.json`, with the npm",
        "integrity hash of each tarball and the SHA-256 of each file); never edited by hand.",
        "Each package's LICENSE is beside its files.",
        "",
        "| package | version | licence | used for | files |",
        "|---|---|---|---|---|",
    ]
    for entry in manifest:
        files = ", ".join(f"`{f}`" for f in entry["files"])
        lines.append(f"| `{entry['name']}` | {entry['version']} | {entry['licence']} | "
                     f"{entry['purpose']} | {files} |")
    lines += ["", "Update: change the version in `scripts/vendor_assets.py`, run it, commit.", ""]
    return "\n".join(lines)


def check() -> int:
    """Verify the committed files against ``vendor.json``; 0 when they all match."""
    manifest = json.loads((VENDOR / "vendor.json").read_text(encoding="utf-8"))
    bad = [f"{target}: {'missing' if not (VENDOR / target).exists() else 'changed'}"
           for entry in manifest for target, digest in entry["files"].items()
           if not (VENDOR / target).exists() or sha256(VENDOR / target) != digest]
    for line in bad:
        print(f"vendor: {line}", file=sys.stderr)
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="verify the committed files against vendor.json (offline)")
    args = parser.parse_args(argv)
    if args.check:
        return check()
    if shutil.which("npm") is None:
        raise SystemExit("npm is needed to fetch the packages (apt-get install npm)")
    if VENDOR.exists():
        shutil.rmtree(VENDOR)
    VENDOR.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix="communique-vendor-") as tmp:
        manifest = [fetch(package, Path(tmp)) for package in PACKAGES]
    (VENDOR / "vendor.json").write_text(json.dumps(manifest, indent=1) + "\n",
                                        encoding="utf-8")
    (VENDOR / "README.md").write_text(readme(manifest), encoding="utf-8")
    for entry in manifest:
        print(f"{entry['name']} {entry['version']}: {', '.join(entry['files'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
