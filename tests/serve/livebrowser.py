"""A live server (uvicorn in a thread, stopped at teardown) and a headless Chromium
driven by Selenium through the Debian chromedriver: nothing is downloaded at run time."""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# Debian's paths; the environment variables point elsewhere (other distributions).
CHROMIUM = Path(os.environ.get("COMMUNIQUE_CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("COMMUNIQUE_CHROMEDRIVER", "/usr/bin/chromedriver"))
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


def missing_browser() -> str | None:
    """Why the browser tests cannot run here, or ``None`` when they can."""
    for path in (CHROMIUM, CHROMEDRIVER):
        if not path.exists():
            return (f"{path} not found: browser tests need Debian's chromium and "
                    "chromium-driver (apt-get install chromium chromium-driver)")
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[dev]')"
    return None


def browser_marks() -> list[Any]:
    """``pytestmark`` of a browser test module: marked ``browser`` and ``slow`` (left out of
    ``pytest -m "not slow"``) and skipped, with the reason, when Chromium, chromedriver or
    Selenium is missing."""
    import pytest

    reason = missing_browser()
    return [pytest.mark.browser, pytest.mark.slow,
            pytest.mark.skipif(reason is not None, reason=f"browser tests skipped: {reason}")]


@contextmanager
def live_server(db: Path) -> Iterator[str]:
    """Serve ``db`` on a free localhost port for the duration of the block."""
    import uvicorn

    from communique.serve.app import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def chromium(width: int = 1280, height: int = 1000,
             downloads: Path | None = None, offline: bool = False) -> Iterator[Any]:
    """A headless Chromium WebDriver with a fresh profile, quit at the end; files it
    downloads go to ``downloads`` (without asking) when given. ``offline`` resolves no
    host name but 127.0.0.1, so a page that needed anything from the network (a CDN, a
    tile server) would fail to render."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="communique-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                f"--window-size={width},{height}"):
        options.add_argument(arg)
    if offline:
        options.add_argument("--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1")
    if downloads is not None:
        options.add_experimental_option("prefs", {
            "download.default_directory": str(downloads), "download.prompt_for_download": False,
            "download.directory_upgrade": True, "safebrowsing.enabled": False})
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)),
                              options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def screenshot(driver: Any, name: str, *, full_page: bool = False) -> Path:
    """Save a PNG of the current page under ``artifacts/screenshots/``."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{name}.png"
    if full_page:
        height = int(driver.execute_script("return document.body.scrollHeight"))
        driver.set_window_size(1280, min(max(height + 120, 800), 4000))
    driver.save_screenshot(str(target))
    return target


def wait_rendered(driver: Any, selector: str) -> str:
    """Wait for a page's script to mark ``selector`` ``data-rendered`` and return the mark
    ("true", or "failed" when the script could not draw)."""
    from selenium.webdriver.support.wait import WebDriverWait

    def mark(d: Any) -> Any:
        return d.execute_script(
            "var e = document.querySelector(arguments[0]);"
            "return e && e.getAttribute('data-rendered');", selector)

    return str(WebDriverWait(driver, 20).until(mark))


def requested_urls(driver: Any) -> list[str]:
    """Every URL the current page requested (the document and each resource)."""
    return list(driver.execute_script(
        "return [location.href].concat(performance.getEntriesByType('resource')"
        ".map(function (e) { return e.name; }));"))


def by(kind: str) -> Any:
    """A Selenium locator strategy by name (``by("CSS_SELECTOR")``)."""
    from selenium.webdriver.common.by import By

    return getattr(By, kind)


def wait_url(driver: Any, part: str) -> None:
    """Wait for a navigation started by a click or a key press to land on ``part``."""
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.wait import WebDriverWait

    WebDriverWait(driver, 15).until(expected_conditions.url_contains(part))
    WebDriverWait(driver, 15).until(
        lambda d: d.execute_script("return document.readyState") == "complete")


def no_alert(driver: Any) -> None:
    """Fail when a script from article data opened an alert."""
    import pytest
    from selenium.common.exceptions import NoAlertPresentException

    try:
        text = driver.switch_to.alert.text
    except NoAlertPresentException:
        return
    pytest.fail(f"a script from article data ran: alert({text!r})")


def wait_download(folder: Path, name: str, timeout: float = 20) -> Path:
    """The file ``name`` once Chromium has finished writing it into ``folder``."""
    target = folder / name
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if target.exists() and not any(folder.glob("*.crdownload")):
            return target
        time.sleep(0.05)
    raise AssertionError(f"no download {name} in {folder}: {sorted(folder.iterdir())}")
