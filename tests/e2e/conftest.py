"""Browser tests drive Debian's Chromium; outside CI they skip when it is not installed."""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls are still
# made synchronously by the test itself, which is what this setting allows.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        message = (
            "Browser tests need Debian's Chromium at /usr/bin/chromium: apt-get install chromium"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "vi-VN", "viewport": {"width": 1366, "height": 768}}


def choose(page, field: str, text: str = "", value: str = "") -> str:
    """Pick in a searching chooser (Tom Select over `<select id=field>`): type `text`, then
    click the option whose id is `value`, or the first one found; returns its label."""
    # The box around the chosen item takes the click; its text input may be hidden then.
    page.locator(f".ts-wrapper:has(#{field}-ts-control) .ts-control").click()
    if text:
        page.locator(f"#{field}-ts-control").fill(text, force=True)
    options = page.locator(f"#{field}-ts-dropdown .option")
    option = options.and_(page.locator(f'[data-value="{value}"]')) if value else options.first
    label = option.inner_text()
    option.click()
    page.keyboard.press("Escape")
    return label
