"""Browser tests: Playwright driving Debian's chromium against pytest-django's live server.

Use the `page` fixture with `live_server.url`, and `assert_accessible(page)` on every page a test
visits: it runs axe-core's WCAG 2.1 A/AA rules and fails with the violations listed."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("NEC_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="fr-FR", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def assert_accessible(axe):
    def check(page, context=None):
        results = axe.run(
            page,
            context=context,
            options={
                "runOnly": {"type": "tag", "values": WCAG_TAGS},
                # experimental in axe-core, so off by default: WCAG 2.5.3 Label in Name
                "rules": {"label-content-name-mismatch": {"enabled": True}},
                "resultTypes": ["violations"],
            },
        )
        violations = results.response.get("violations", [])
        if violations:
            lines = []
            for violation in violations:
                targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
                lines.append(
                    f"{violation['id']} ({violation['impact']}): {violation['help']} -> {targets}"
                )
            pytest.fail(f"axe-core violations on {page.url}:\n" + "\n".join(lines))

    return check
