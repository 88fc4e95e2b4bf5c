"""The web chat page in headless Chromium (tests/chromium.py), at desktop and phone widths, with screenshots."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from api_helpers import LiveServer, ServerFactory
from chromium import CHROMEDRIVER, CHROMIUM, FLAGS, chromium_driver, needs_chromium

pytestmark = [pytest.mark.browser, pytest.mark.slow, needs_chromium]

WAIT_SECONDS = 30


def start_chromium(profile: Path, width: int, height: int, phone: bool) -> object:
    """Headless Chromium at a window size, keeping the console log; `phone` emulates a touch device of that
    size (CSS pixels)."""
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--window-size={width},{height}", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if phone:
        metrics = {"width": width, "height": height, "pixelRatio": 1}
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": metrics})
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_window_size(width, height)
    return driver


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
    with chromium_driver(tmp_path / "chromium-profile") as driver:
        yield driver


def ask(driver: object, text: str, expected_answers: int) -> object:
    """Type a question, press Enter, and wait for answer number `expected_answers` to be fully rendered."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    if text:
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
    sources = [cell.get_attribute("title") for cell in stats.find_elements(By.CSS_SELECTOR, ".rows td.source [title]")]
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


# --- what a candidate sees, at desktop and phone widths --------------------------------------------

ARTIFACTS = Path(os.environ.get("ASSISTANT_ARTIFACTS", Path(__file__).resolve().parents[1] / "artifacts"))
WIDTHS = {"desktop": (1200, 1000), "phone": (390, 844)}
INTERNALS = ("role_salary", "platform_stat", "median_salary_expectation", "Route:", "coverage(", " ms")


@pytest.fixture(scope="module", params=list(WIDTHS))
def page(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """One Chromium per width for the module; each test starts on a fresh page and conversation."""
    width, height = WIDTHS[request.param]
    driver = start_chromium(tmp_path_factory.mktemp("chromium"), width, height, phone=request.param == "phone")
    driver.width_name = request.param  # type: ignore[attr-defined]
    try:
        yield driver
    finally:
        driver.quit()  # type: ignore[attr-defined]


def ask_afresh(driver: object, live: LiveServer, question: str) -> object:
    """A new conversation on a freshly loaded page, and its first answer."""
    driver.get(f"{live.url}/")  # type: ignore[attr-defined]
    driver.execute_script("sessionStorage.clear()")  # type: ignore[attr-defined]
    driver.get(f"{live.url}/")  # type: ignore[attr-defined]
    return ask(driver, question, expected_answers=1)


def screenshot(driver: object, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / f"{name}-{driver.width_name}.png"))  # type: ignore[attr-defined]


def rect(driver: object, element: object) -> dict[str, float]:
    return driver.execute_script("return arguments[0].getBoundingClientRect().toJSON()", element)  # type: ignore[attr-defined]


def assert_newest_answer_uncovered(driver: object, answer: object) -> None:
    """The sticky composer never hides the newest answer: all of it above the composer when it fits,
    otherwise its start is on screen."""
    from selenium.webdriver.common.by import By

    box = rect(driver, answer)
    composer = rect(driver, driver.find_element(By.ID, "ask-form"))  # type: ignore[attr-defined]
    if box["height"] <= composer["top"]:
        assert box["top"] >= 0 and box["bottom"] <= composer["top"] + 1, (box, composer)
    else:
        assert 0 <= box["top"] < composer["top"], (box, composer)


def assert_no_internals_shown(answer: object) -> None:
    """Tool names, metric ids, route and timing are not visible until Details is opened."""
    from selenium.webdriver.common.by import By

    visible = answer.text  # type: ignore[attr-defined]
    for word in INTERNALS:
        assert word not in visible, f"{word!r} shown outside Details"
    details = answer.find_element(By.CSS_SELECTOR, "details.details")  # type: ignore[attr-defined]
    assert details.get_attribute("open") is None
    summary = details.find_element(By.TAG_NAME, "summary")
    summary.parent.execute_script("arguments[0].scrollIntoView({block: 'center'})", summary)
    summary.click()
    assert "Route:" in details.text


def test_statistics_answer_with_chart_numbers_in_words_and_sources(page: object, live: LiveServer) -> None:
    from selenium.webdriver.common.by import By

    driver = page
    answer = ask_afresh(driver, live, "What is the salary range for machine learning engineers by level?")

    chart = answer.find_element(By.CSS_SELECTOR, "figure.chart svg[role=img]")
    title_id, desc_id = chart.get_attribute("aria-labelledby").split()
    title = driver.find_element(By.ID, title_id).get_attribute("textContent")  # type: ignore[attr-defined]
    description = driver.find_element(By.ID, desc_id).get_attribute("textContent")  # type: ignore[attr-defined]
    bars = chart.find_elements(By.CSS_SELECTOR, "g.bar")
    rows = answer.find_elements(By.CSS_SELECTOR, ".rows tbody tr")
    assert title == "Machine Learning Engineer salary by experience level (US, 2024)"
    assert len(bars) == len(rows) == 6
    assert "$120,368 - $193,263" in description, "the text alternative carries every figure"
    assert [bar.get_attribute("data-label") for bar in bars][:2] == ["Average", "Entry Level"]
    assert driver.execute_script(  # type: ignore[attr-defined]
        "return [...arguments[0].querySelectorAll('text')].every(t => t.getBBox().x >= 0)", chart
    ), "no label is cut off at the chart's left edge"
    assert not driver.execute_script(  # type: ignore[attr-defined]
        "return performance.getEntriesByType('resource').some(e => !e.name.startsWith(location.origin))"
    ), "no network beyond the server"
    figures = [cell.text for cell in answer.find_elements(By.CSS_SELECTOR, ".rows td.figure")]
    assert "$120,368 - $193,263" in figures
    figure_cell = rect(driver, answer.find_element(By.CSS_SELECTOR, ".rows td.figure"))
    assert figure_cell["right"] <= driver.execute_script("return window.innerWidth"), "figure column on screen"  # type: ignore[attr-defined]
    assert driver.execute_script(  # type: ignore[attr-defined]
        "return document.documentElement.scrollWidth <= window.innerWidth"
    ), "the page never scrolls sideways; wide tables scroll in their box"
    assert_newest_answer_uncovered(driver, answer)
    screenshot(driver, "statistics-chart")
    assert_no_internals_shown(answer)


def test_documentation_answer_and_marker_opens_its_source(page: object, live: LiveServer) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver = page
    answer = ask_afresh(driver, live, "What is overfitting in machine learning?")

    assert not answer.find_elements(By.CSS_SELECTOR, "figure.chart"), "no figures, no chart"
    assert_newest_answer_uncovered(driver, answer)
    screenshot(driver, "documentation")
    marker = answer.find_element(By.CSS_SELECTOR, "a.marker")
    target = driver.find_element(By.ID, marker.get_attribute("href").split("#")[1])  # type: ignore[attr-defined]
    snippet = target.find_element(By.CSS_SELECTOR, "blockquote.snippet")
    assert not snippet.is_displayed()
    marker.click()
    WebDriverWait(driver, 5).until(lambda d: snippet.is_displayed())
    box = rect(driver, snippet)
    assert 0 <= box["top"] < driver.execute_script("return window.innerHeight"), "scrolled to the source"  # type: ignore[attr-defined]
    assert "current" in target.get_attribute("class")
    assert_no_internals_shown(answer)


def test_greeting_gets_the_short_reply_with_example_questions(page: object, live: LiveServer) -> None:
    from selenium.webdriver.common.by import By

    driver = page
    answer = ask_afresh(driver, live, "hi")

    assert answer.get_attribute("data-route") == "smalltalk"
    assert "abstained" not in answer.get_attribute("class")
    assert not answer.find_elements(By.CSS_SELECTOR, ".citations, figure.chart, .rows")
    intro = answer.find_element(By.CSS_SELECTOR, ".text")
    suggestions = answer.find_elements(By.CSS_SELECTOR, "button.suggestion")
    assert suggestions, "example questions to click"
    assert len(intro.text) < 700
    screenshot(driver, "greeting")
    first = suggestions[0].text
    suggestions[0].click()
    follow = ask(driver, "", expected_answers=2)
    assert driver.find_elements(By.CSS_SELECTOR, "article.msg.user")[-1].text.endswith(first)  # type: ignore[attr-defined]
    assert follow.get_attribute("data-route") != "smalltalk"


def test_abstention_says_what_the_sources_cover(page: object, live: LiveServer) -> None:
    from selenium.webdriver.common.by import By

    driver = page
    answer = ask_afresh(driver, live, "What is the capital of France?")

    assert "abstained" in answer.get_attribute("class")
    text = answer.find_element(By.CSS_SELECTOR, ".text").text
    # says plainly that it is not covered ("don't cover that", or by name: "don't say anything about France")
    assert "don't cover" in text or "don't say anything about France" in text, text
    assert "I can answer from these sources" in text
    assert not answer.find_elements(By.CSS_SELECTOR, "figure.chart")
    assert_newest_answer_uncovered(driver, answer)
    screenshot(driver, "abstention")
    assert_no_internals_shown(answer)


def test_empty_question_favicon_and_compact_composer(page: object, live: LiveServer) -> None:
    from selenium.webdriver.common.by import By

    driver = page
    driver.get(f"{live.url}/")  # type: ignore[attr-defined]
    driver.find_element(By.ID, "send").click()  # type: ignore[attr-defined]

    error = driver.find_element(By.ID, "error")  # type: ignore[attr-defined]
    assert error.is_displayed() and error.text == "Please type a question first."
    assert driver.execute_script("return document.getElementById('ask-form').noValidate")  # type: ignore[attr-defined]
    assert driver.find_element(By.ID, "message").get_attribute("aria-invalid") == "true"  # type: ignore[attr-defined]
    icon = driver.find_element(By.CSS_SELECTOR, "link[rel=icon]").get_attribute("href")  # type: ignore[attr-defined]
    assert icon.startswith("data:image/svg+xml")
    problems = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]  # type: ignore[attr-defined]
    assert problems == [], "no 404s or script errors in the console"
    composer = rect(driver, driver.find_element(By.ID, "ask-form"))  # type: ignore[attr-defined]
    viewport = driver.execute_script("return window.innerHeight")  # type: ignore[attr-defined]
    if driver.width_name == "phone":  # type: ignore[attr-defined]
        assert composer["height"] <= 0.2 * viewport, f"composer takes {composer['height']} of {viewport} px"
    screenshot(driver, "empty-question")
