"""Open an HTML file in headless Debian Chromium with every network request blocked.

Shared by the browser tests, ``benchmarks/bench_render.py`` and the README screenshots
(``docs/screenshots/take.py``).
Playwright drives the system's /usr/bin/chromium; it never downloads a browser.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-domain-reliability",
    "--metrics-recording-only",
]


def chromium_missing() -> str | None:
    """Why the browser checks cannot run here, or None when they can."""
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        return f"{CHROMIUM} is absent (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright for Python is not installed (pip install playwright)"
    return None


@dataclass
class PageLog:
    """What a page did: console errors, uncaught errors, requests, dialogs (alerts)."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@contextmanager
def open_page(
    path: Path,
    *,
    width: int = 1400,
    height: int = 900,
    wait_drawn: bool = True,
    timeout_s: float = 60.0,
    init_script: str | None = None,
) -> Iterator[tuple[Any, PageLog]]:
    """Yield (page, log) for ``path`` opened offline; every request but the page is aborted."""
    from playwright.sync_api import sync_playwright

    url = Path(path).resolve().as_uri()
    log = PageLog()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            context = browser.new_context(
                viewport={"width": width, "height": height}, service_workers="block"
            )

            def route(r: Any) -> None:
                if r.request.url == url:
                    r.continue_()
                else:
                    log.blocked.append(r.request.url)
                    r.abort()

            context.route("**/*", route)
            if init_script:
                context.add_init_script(init_script)
            page = context.new_page()
            page.on("console", lambda m: m.type == "error" and log.console_errors.append(m.text))
            page.on("pageerror", lambda e: log.page_errors.append(str(e)))
            page.on("request", lambda r: log.requests.append(r.url))

            def dialog(d: Any) -> None:
                log.dialogs.append(f"{d.type}: {d.message}")
                d.dismiss()

            page.on("dialog", dialog)
            page.goto(url, wait_until="load", timeout=timeout_s * 1000)
            if wait_drawn:
                page.wait_for_function(
                    "() => window.__lg && window.__lg.drawn === true", timeout=timeout_s * 1000
                )
            yield page, log
        finally:
            browser.close()


def foreign_requests(log: PageLog, path: Path) -> list[str]:
    """Requests other than the page itself (data: URIs are in-page, not network)."""
    url = Path(path).resolve().as_uri()
    return [u for u in log.requests + log.blocked if u != url and not u.startswith("data:")]


def canvas_colours(page: Any, selector: str = "#lg-network canvas") -> int:
    """How many distinct RGBA values the canvas holds (sampled on a grid): 1 means blank."""
    return int(
        page.evaluate(
            """(sel) => {
            const c = document.querySelector(sel);
            if (!c) { return 0; }
            const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
            const seen = new Set();
            const step = 4 * 3;
            for (let i = 0; i < d.length; i += step) {
                seen.add((d[i] << 24) ^ (d[i + 1] << 16) ^ (d[i + 2] << 8) ^ d[i + 3]);
                if (seen.size > 50) { break; }
            }
            return seen.size;
        }""",
            selector,
        )
    )


def wait(seconds: float) -> None:
    """Sleep; kept here so callers need not import time for one pause."""
    time.sleep(seconds)
