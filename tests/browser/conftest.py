"""Browser tests: Playwright drives Debian's Chromium against the live test server.

Every page fixture fails the test on a console error or on a request to any other host, and
`assert_accessible` runs axe-core on the page and fails on any violation.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

# Playwright's sync API runs an event loop in this thread; Django's ORM is used beside it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402
from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's 'chromium' package (see README).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, reference_data, no_min_fill_time):
    """The live server with the pages, Kommunen and Themenfelder in place."""
    return live_server


@pytest.fixture
def page(browser, site):
    context = browser.new_context(base_url=site.url, locale="de-DE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    own_host = urlsplit(site.url).netloc
    problems = []
    page.on("console", lambda msg: msg.type == "error" and problems.append(f"console error: {msg.text}"))
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))

    def check_request(request):
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https") and parts.netloc != own_host:
            problems.append(f"request to another host: {request.url}")

    page.on("request", check_request)
    # A test that opens an error page on purpose adds the expected message here.
    page.expected_console_errors = []
    # A test that reports problems itself (the crawl) takes them from here as they come.
    page.problems = problems
    yield page
    context.close()
    unexpected = [p for p in problems if not any(expected in p for expected in page.expected_console_errors)]
    assert unexpected == []


_axe = Axe()


def axe_violations(page) -> list[str]:
    """Run axe-core on the page as it is now: one readable line per violated rule."""
    results = _axe.run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} – "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:5])
        for violation in results.response["violations"]
    ]


def assert_accessible(page):
    """Run axe-core on the page as it is now; fail with a readable list of violations."""
    violations = axe_violations(page)
    assert violations == [], f"axe violations on {page.url}:\n" + "\n".join(violations)
