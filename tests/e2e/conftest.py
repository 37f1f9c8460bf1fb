"""Browser fixtures: Debian's Chromium driven by Playwright (no browser download).

Every page a test opens reports its console errors and uncaught exceptions; a test fails if
there were any, or if a server it used logged an error while it ran.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.conftest import CHROMIUM, SKIP_CHROMIUM
from tests.e2e.server import Server

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SKIP_PLAYWRIGHT = "browser tests skipped: the playwright package is missing (`make install`)"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, launched once for the whole test session."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip(SKIP_PLAYWRIGHT)
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(SKIP_CHROMIUM)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def console_problems() -> list[str]:
    """Console errors and uncaught exceptions of every page opened in this module."""
    return []


@pytest.fixture(scope="module")
def open_page(browser, console_problems: list[str]) -> Iterator[Callable[..., Any]]:
    """Return a factory of pages, each in its own browser context (its own cookies), in
    English; every page reports script errors, policy violations and failed loads."""
    contexts = []

    def console_error(message) -> None:  # noqa: ANN001  (a playwright ConsoleMessage)
        # failed loads are judged by their responses below; this keeps script errors and
        # Content-Security-Policy violations
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            console_problems.append(f"console: {message.text} at {message.location['url']}")

    def failed_response(response) -> None:  # noqa: ANN001  (a playwright Response)
        # a page answered 4xx is what a form with mistakes looks like (the tests check what it
        # says); a 4xx for a stylesheet, script, image or fetch, or any 5xx, is a fault
        document = response.request.resource_type == "document"
        if response.status >= 500 or (response.status >= 400 and not document):
            console_problems.append(f"HTTP {response.status} for {response.url}")

    def make(base_url: str):  # noqa: ANN202
        context = browser.new_context(base_url=base_url, locale="en-US", accept_downloads=True)
        context.set_default_timeout(15_000)  # a step that waits longer has failed
        contexts.append(context)
        page = context.new_page()
        page.on("console", console_error)
        page.on("pageerror", lambda error: console_problems.append(f"page error: {error}"))
        page.on("response", failed_response)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(autouse=True)
def nothing_went_wrong(request: pytest.FixtureRequest, console_problems: list[str]) -> Iterator:
    """Fail a test when its pages reported errors (also those of the fixtures it set up), or a
    server it used logged one."""
    yield
    problems = list(console_problems)
    console_problems.clear()
    servers = [v for v in request.node.funcargs.values() if isinstance(v, Server)]
    assert problems == [], "the browser reported errors"
    for server in servers:
        assert server.new_problems() == [], "the server logged errors"
