"""The web chat page in headless Chromium (Debian's chromium + chromium-driver, driven by Selenium)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from api_helpers import LiveServer, ServerFactory

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists() or not CHROMEDRIVER.exists(),
        reason="needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)",
    ),
]

FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1200,1000",
]
WAIT_SECONDS = 30


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path / 'chromium-profile'}")
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def ask(driver: object, text: str, expected_answers: int) -> object:
    """Type a question, press Enter, and wait for answer number `expected_answers` to be fully rendered."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    box = driver.find_element(By.ID, "message")  # type: ignore[attr-defined]
    box.send_keys(text)
    box.send_keys(Keys.ENTER)
    done = "article.msg.assistant .meta"
    WebDriverWait(driver, WAIT_SECONDS).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, done)) >= expected_answers)
    return driver.find_elements(By.CSS_SELECTOR, "article.msg.assistant")[expected_answers - 1]  # type: ignore[attr-defined]


def test_ask_see_answer_citation_snippet_rows_and_follow_up(browser: object, live: LiveServer, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    driver.get(f"{live.url}/")  # type: ignore[attr-defined]
    label = driver.find_element(By.CSS_SELECTOR, "label[for=message]")  # type: ignore[attr-defined]
    assert label.text == "Your question"

    answer = ask(driver, "What is overfitting in machine learning?", expected_answers=1)

    active = driver.switch_to.active_element  # type: ignore[attr-defined]
    assert active.get_attribute("id") == "message", "focus returns to the question box"
    assert "overfitting" in answer.find_element(By.CSS_SELECTOR, ".text").text.lower()
    citation = answer.find_element(By.CSS_SELECTOR, ".citations li")
    summary = citation.find_element(By.TAG_NAME, "summary")
    snippet = citation.find_element(By.CSS_SELECTOR, "blockquote.snippet")
    assert summary.text.startswith("[1]")
    assert not snippet.is_displayed(), "snippets start collapsed"
    summary.click()
    assert snippet.is_displayed()
    assert snippet.text.strip()
    assert answer.find_element(By.CSS_SELECTOR, "a.marker").get_attribute("href").endswith("-1")

    stats = ask(driver, "What was the median salary expectation in 2025?", expected_answers=2)

    assert "5,808" in stats.find_element(By.CSS_SELECTOR, ".text").text
    figures = [cell.text for cell in stats.find_elements(By.CSS_SELECTOR, ".rows td.figure")]
    sources = [cell.text for cell in stats.find_elements(By.CSS_SELECTOR, ".rows td.source")]
    assert "$5,808" in figures
    assert any(source.startswith("ai-ml-developer-salary-2025.md:") for source in sources)
    session_id = driver.execute_script("return sessionStorage.getItem('assistant.session_id')")  # type: ignore[attr-defined]
    assert session_id

    follow_up = ask(driver, "And in 2024?", expected_answers=3)

    assert "5,640" in follow_up.find_element(By.CSS_SELECTOR, ".text").text
    assert driver.execute_script("return sessionStorage.getItem('assistant.session_id')") == session_id  # type: ignore[attr-defined]
    driver.save_screenshot(str(tmp_path / "chat.png"))  # type: ignore[attr-defined]


def test_rate_limit_and_bad_input_are_shown(browser: object, server_with: ServerFactory) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    driver = browser
    with server_with(rate_limit_per_minute=1) as server:
        driver.get(f"{server.url}/")  # type: ignore[attr-defined]
        box = driver.find_element(By.ID, "message")  # type: ignore[attr-defined]
        box.send_keys("   ")
        box.send_keys(Keys.ENTER)
        error = driver.find_element(By.ID, "error")  # type: ignore[attr-defined]
        assert error.is_displayed() and "type a question" in error.text.lower()
        box.clear()

        ask(driver, "How many offers were there in 2024?", expected_answers=1)
        box.send_keys("How many offers were there in 2025?")
        box.send_keys(Keys.ENTER)
        WebDriverWait(driver, WAIT_SECONDS).until(lambda d: "Too many" in d.find_element(By.ID, "error").text)

    assert error.get_attribute("role") == "alert"
    assert error.is_displayed()
    assert "wait" in error.text.lower()
    assert box.get_attribute("value") == "How many offers were there in 2025?", "the question is kept to retry"
