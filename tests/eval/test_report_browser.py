"""The eval report in headless Chromium: failures first, and the filters by kind, result, split and text work."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from chromium import chromium_driver, needs_chromium

from eval.cli import main

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    with chromium_driver(tmp_path / "chromium-profile", width=1280) as driver:
        yield driver


@pytest.fixture
def report(fake_chat: Any, small_cases: Path, lenient_gates: Path, tmp_path: Path, monkeypatch) -> Path:
    """A run of the small suite where two cases fail: a statistics case and the abstention case."""
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("ASSISTANT_LLM_BASE_URL", raising=False)
    fake_chat.replies["Mid-Career ML Engineer salary?"]["answer"] = "It depends on the company."
    fake_chat.replies["What is the ML Engineer salary in Boston?"]["abstained"] = False
    out = tmp_path / "out"
    argv = ["--api", fake_chat.url, "--cases", str(small_cases), "--gates", str(lenient_gates), "--out", str(out)]
    main([*argv, "--no-progress"])
    return out / "report.html"


def visible_ids(driver: Any) -> list[str]:
    from selenium.webdriver.common.by import By

    rows = driver.find_elements(By.CSS_SELECTOR, "#cases tbody.case")
    return [row.get_attribute("id").removeprefix("case-") for row in rows if row.is_displayed()]


def test_failures_come_first_and_the_filters_narrow_the_table(browser: Any, report: Path, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    driver = browser
    driver.get(report.as_uri())
    count = driver.find_element(By.ID, "f-count")
    assert count.text == "6 of 6 cases shown"
    shown = visible_ids(driver)
    assert shown[:2] == ["s-mle-mid", "s-boston"], shown  # failures first, in suite order
    results = [row.get_attribute("data-result") for row in driver.find_elements(By.CSS_SELECTOR, "#cases tbody.case")]
    assert results == ["fail", "fail", "pass", "pass", "pass", "pass"]
    links = [a.text for a in driver.find_elements(By.CSS_SELECTOR, ".failing-list a")]
    assert links == ["s-mle-mid", "s-boston"]
    driver.save_screenshot(str(tmp_path / "eval-report-failures-first.png"))

    Select(driver.find_element(By.ID, "f-result")).select_by_value("pass")
    assert visible_ids(driver) == ["s-median-2025", "s-median-typo", "s-followup", "s-empty"]
    Select(driver.find_element(By.ID, "f-kind")).select_by_value("robustness")
    assert visible_ids(driver) == ["s-median-typo", "s-empty"]
    assert count.text == "2 of 6 cases shown"

    Select(driver.find_element(By.ID, "f-result")).select_by_value("")
    Select(driver.find_element(By.ID, "f-kind")).select_by_value("")
    Select(driver.find_element(By.ID, "f-split")).select_by_value("dev")
    assert len(visible_ids(driver)) == 6
    search = driver.find_element(By.ID, "f-text")
    search.send_keys("boston")  # matches the question and the answer text, case-insensitively
    assert visible_ids(driver) == ["s-boston"]
    search.clear()
    search.send_keys("depends on the company")  # our answer's text is searchable too
    assert visible_ids(driver) == ["s-mle-mid"]

    # A failing case opens to its checks, expected facts and our answer.
    row = driver.find_element(By.ID, "case-s-mle-mid")
    row.find_element(By.CSS_SELECTOR, "details summary").click()
    detail = row.find_element(By.CSS_SELECTOR, "details").text
    assert "It depends on the company." in detail
    assert "missing: usd 120368" in detail
    assert "value: 120368" in detail
    driver.save_screenshot(str(tmp_path / "eval-report-filtered.png"))
