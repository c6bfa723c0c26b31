"""Regenerate the web UI's screenshots: the README's (docs/screenshot.png) and those of
docs/web-ui.md (docs/screenshots/).

    python scripts/screenshots.py          # or: make screenshots

It ingests the bundled sample articles (``communique/samples/``, as ``make demo`` does)
into a temporary database, serves it on a free localhost port and photographs each page
in headless Chromium (Debian's ``chromium`` and ``chromium-driver``, driven by Selenium,
as the browser tests are; the browser resolves no host but 127.0.0.1, so the pictures
show what an offline machine shows). The dyad and the event shown are chosen from the
data: the busiest dyad with dated events, and the most reported event with a place.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.serve.livebrowser: the browser tests' server and driver

DOCS = ROOT / "docs"
WIDTH = 1280


def _choose(db: Path) -> tuple[str, str]:
    """The dyad page and the event page to show: the busiest dyad whose events are dated
    (a chart with bars), and the most reported event with a place, an actor and a
    recipient."""
    from communique.store import open_corpus
    from communique.store.explore import iter_events
    from communique.store.filters import EventFilter
    from communique.store.timeline import quad_timeline

    with open_corpus(db) as corpus:
        dyad = next((d for d in corpus.top_dyads(50) if quad_timeline(
            corpus.conn, EventFilter().participant("actor", d["actor"])
            .participant("recipient", d["recipient"]))["dated"]), None)
        event = next((e for e in iter_events(corpus.conn, EventFilter(), sort="reported")
                      if e["location"] and e["actors"] and e["recipients"]), None)
    if dyad is None or event is None:
        raise SystemExit("the sample corpus has no dated dyad or no located event")
    return f"/dyad/{dyad['actor']}/{dyad['recipient']}", f"/event/{event['id']}"


def _shoot(driver: Any, base: str, page: str, target: Path, *, full_page: bool) -> None:
    from tests.serve.livebrowser import wait_url

    driver.set_window_size(WIDTH, 1000)
    driver.get(base + page)
    wait_url(driver, page.split("?")[0])
    # Pages with a picture mark it data-rendered once drawn (charts, map, network).
    for _ in range(100):
        pending = driver.execute_script(
            "return Array.from(document.querySelectorAll('.chart-holder, #map, #network'))"
            ".filter(function (e) { return !e.getAttribute('data-rendered'); }).length")
        if not pending:
            break
        time.sleep(0.1)
    if full_page:
        height = int(driver.execute_script("return document.body.scrollHeight"))
        driver.set_window_size(WIDTH, min(max(height + 20, 800), 2400))
    target.parent.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(target))
    print(f"{target.relative_to(ROOT)}: {page}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DOCS,
                        help="folder for screenshot.png and screenshots/ (default docs/)")
    args = parser.parse_args(argv)
    from tests.serve.livebrowser import chromium, live_server, missing_browser

    from communique.samples import build_demo_db

    reason = missing_browser()
    if reason:
        raise SystemExit(f"screenshots need headless Chromium: {reason}")
    with tempfile.TemporaryDirectory(prefix="communique-screenshots-") as tmp:
        db = build_demo_db(tmp)
        dyad, event = _choose(db)
        shots = [
            ("/", args.out / "screenshot.png", False),
            ("/events", args.out / "screenshots" / "events.png", False),
            ("/map", args.out / "screenshots" / "map.png", True),
            ("/network", args.out / "screenshots" / "network.png", True),
            (dyad, args.out / "screenshots" / "dyad.png", True),
            (event, args.out / "screenshots" / "event.png", True),
        ]
        with live_server(db) as base, chromium(WIDTH, 1000, offline=True) as driver:
            for page, target, full_page in shots:
                _shoot(driver, base, page, target, full_page=full_page)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
