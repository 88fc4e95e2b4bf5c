"""Issue 10, finding 1: a second page for the same year must not silently replace a figure.

The reproduction: the corpus plus a copy of the 2025 platform page under another name, with "$9,999" in
place of the median and "999" in place of the offers total, ingested into a temporary data dir with the
real model, Chroma and DuckDB. Every answer that touches a contested figure gives each value with its own
citation and says the sources disagree; derived figures are never one silent number; identical figures
from both pages stay one figure citing both; `/stats` flags the contested rows; the ingest warns.
"""

from __future__ import annotations

import logging
import re
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from assistant.grounding import numbers_in
from assistant.models import Reply
from assistant.settings import PROJECT_ROOT, Settings

pytestmark = pytest.mark.slow

PLANTED = "ai-ml-developer-salary-2025-mirror.md"


class _Records(logging.Handler):
    """Collects log records during the module's one ingest (caplog is per test; the ingest is per module)."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _plant(corpus: Path) -> None:
    """The issue's planted page: the 2025 page under another name, median and offers total changed."""
    lines = (corpus / "ai-ml-developer-salary-2025.md").read_text(encoding="utf-8").split("\n")
    total = lines.index("Total:")
    assert lines[total + 1] == "59" and "$5,808" in lines
    lines[total + 1] = "999"
    lines[lines.index("$5,808")] = "$9,999"
    (corpus / PLANTED).write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, list[logging.LogRecord]]]:
    from assistant.ingest import run_ingest
    from assistant.pipeline import build_assistant

    root = tmp_path_factory.mktemp("planted")
    corpus = root / "corpus"
    shutil.copytree(PROJECT_ROOT / "corpus", corpus)
    _plant(corpus)
    settings = Settings(data_dir=root / "data", corpus_dir=corpus, rate_limit_per_minute=1_000_000)
    handler = _Records()
    logging.getLogger().addHandler(handler)
    try:
        run_ingest(settings, progress=False)
    finally:
        logging.getLogger().removeHandler(handler)
    assistant = build_assistant(settings)
    yield assistant, handler.records
    assistant.close()


@pytest.fixture(scope="module")
def planted_assistant(planted: tuple[Any, list[logging.LogRecord]]) -> Any:
    return planted[0]


def ask(assistant: Any, question: str, session: str | None = None) -> Reply:
    reply = assistant.ask(question, session)
    evidence = " ".join(c.snippet for c in reply.citations) + " " + " ".join(str(t.result) for t in reply.tool_calls)
    have = set(numbers_in(evidence))
    for number in numbers_in(reply.answer):
        assert any(abs(number - h) < 1e-6 for h in have), (number, reply.answer)
    markers = {int(m) for m in re.findall(r"\[(\d+)\]", reply.answer)}
    assert markers == {c.id for c in reply.citations}, (markers, reply.citations)
    return reply


def marker_after(answer: str, figure: str) -> int:
    """The citation number written right after `figure` in the answer."""
    found = re.search(re.escape(figure) + r"(?: offers)? \[(\d+)\]", answer)
    assert found, (figure, answer)
    return int(found.group(1))


def source_of(reply: Reply, marker: int) -> str:
    return next(c.source for c in reply.citations if c.id == marker).split(":")[0]


def assert_both_values_cited(reply: Reply, first: str, second: str) -> None:
    assert "sources disagree" in reply.answer, reply.answer
    one, other = marker_after(reply.answer, first), marker_after(reply.answer, second)
    assert one != other, reply.answer
    assert {source_of(reply, one), source_of(reply, other)} == {"ai-ml-developer-salary-2025.md", PLANTED}


# ---- the contested figure itself --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "What was the median salary expectation in 2025?",
        "median salary expectation for AI/ML developers 2025",
        "What salary did AI and machine learning developers expect in 2025 on the platform?",
    ],
)
def test_the_contested_median_gives_both_values_each_cited(planted_assistant: Any, question: str) -> None:
    reply = ask(planted_assistant, question)
    assert reply.route == "statistics" and not reply.abstained
    assert_both_values_cited(reply, "$5,808", "$9,999")


@pytest.mark.parametrize(
    "question",
    ["How many offers were there in 2025?", "What was the total number of offers for AI/ML developers in 2025?"],
)
def test_the_contested_offers_total_gives_both_values(planted_assistant: Any, question: str) -> None:
    reply = ask(planted_assistant, question)
    assert_both_values_cited(reply, "59", "999")


def test_the_sample_size_next_to_the_median_is_contested_too(planted_assistant: Any) -> None:
    reply = ask(planted_assistant, "What was the median salary expectation in 2025?")
    # Each median is written with the offers count of its own page, both citing that page.
    for median, offers in (("$5,808", "59"), ("$9,999", "999")):
        paired = re.search(re.escape(median) + r" \[(\d+)\], based on " + offers + r" offers \[(\d+)\]", reply.answer)
        assert paired and paired.group(1) == paired.group(2), reply.answer


# ---- derived figures -----------------------------------------------------------------------------------


def _no_silent_single_change(reply: Reply) -> None:
    assert "sources disagree" in reply.answer, reply.answer
    both = "+$168" in reply.answer and "+$4,359" in reply.answer
    neither = "+$168" not in reply.answer and "+$4,359" not in reply.answer
    assert both or neither, reply.answer
    assert "$5,808" in reply.answer and "$9,999" in reply.answer, reply.answer


def test_change_follow_up_is_not_one_silent_number(planted_assistant: Any) -> None:
    first = ask(planted_assistant, "What was the median salary expectation in 2025?")
    reply = ask(planted_assistant, "how much did it change from 2024?", first.session_id)
    _no_silent_single_change(reply)
    assert "$5,640" in reply.answer


@pytest.mark.parametrize(
    "question",
    [
        "How did the median salary expectation change from 2024 to 2025?",
        "Compare the median salary expectation in 2024 and 2025",
        "By how much did the median salary expectation grow between 2024 and 2025?",
    ],
)
def test_change_paraphrases_are_not_one_silent_number(planted_assistant: Any, question: str) -> None:
    reply = ask(planted_assistant, question)
    _no_silent_single_change(reply)
    compare = next(c for c in reply.tool_calls if c.tool == "compare_years")
    assert compare.result["contested"], compare.result


# ---- what is not contested stays one figure -------------------------------------------------------------


def test_identical_figures_from_both_pages_are_one_figure_citing_both(planted_assistant: Any) -> None:
    reply = ask(planted_assistant, "What was the proposals figure in 2025?")
    assert "disagree" not in reply.answer, reply.answer
    assert reply.answer.count(" 1 [") + reply.answer.count(" 1[") >= 1, reply.answer
    sources = {c.source.split(":")[0] for c in reply.citations}
    assert sources == {"ai-ml-developer-salary-2025.md", PLANTED}, reply.citations


@pytest.mark.parametrize("question", ["What was the median salary expectation in 2024?", "median salary 2024"])
def test_uncontested_years_say_nothing_about_disagreement(planted_assistant: Any, question: str) -> None:
    reply = ask(planted_assistant, question)
    assert "$5,640" in reply.answer and "disagree" not in reply.answer and "$9,999" not in reply.answer


def test_the_trending_tools_of_two_identical_lists_are_listed_once(planted_assistant: Any) -> None:
    reply = ask(planted_assistant, "Which AI tools were trending in 2025?")
    assert reply.answer.count("PyTorch") == 1, reply.answer
    assert "disagree" not in reply.answer


# ---- the text's own ranking claims --------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Which city pays ML engineers the most?",
        "What does a machine learning engineer earn in San Francisco?",
        "Which city has the lowest pay for ML engineers?",
    ],
)
def test_a_highest_claim_contradicted_by_a_figure_is_reported(planted_assistant: Any, question: str) -> None:
    reply = ask(planted_assistant, question)
    assert "sources disagree" in reply.answer, reply.answer
    assert "Highest overall" in reply.answer and "$179,061" in reply.answer and "$184,982" in reply.answer


def test_the_claim_is_reported_by_the_tools(planted_assistant: Any) -> None:
    reply = ask(planted_assistant, "Which city pays ML engineers the most?")
    claims = [claim for call in reply.tool_calls for claim in call.result.get("contradicted_claims", [])]
    assert any(claim["subject"] == "San Francisco" and claim["direction"] == "highest" for claim in claims), claims


# ---- /stats and the ingest ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def stats_http(planted_assistant: Any) -> Iterator[httpx.Client]:
    from api.app import create_app

    settings = planted_assistant.settings
    config = uvicorn.Config(create_app(settings, assistant=planted_assistant), host="127.0.0.1", port=0)
    config.log_level, config.access_log = "warning", False
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the test server did not start"
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
        yield client
    server.should_exit = True
    thread.join(timeout=30)


def test_stats_lists_the_contested_figures(stats_http: httpx.Client) -> None:
    body = stats_http.get("/stats").json()
    contested = {(c["table"], c["key"]["year"], c["key"]["metric"]) for c in body["contested"]}
    assert contested == {
        ("platform_stats", 2025, "median_salary_expectation"),
        ("platform_stats", 2025, "offers_total"),
    }
    assert all(c["contested"] is True for c in body["contested"])


def test_stats_table_flags_the_competing_rows(stats_http: httpx.Client) -> None:
    body = stats_http.get("/stats/platform_stats", params={"year": "2025"}).json()
    flagged = {(r["metric"], r["raw"], r["doc_id"]) for r in body["rows"] if r.get("contested")}
    assert flagged == {
        ("median_salary_expectation", "$5,808", "ai-ml-developer-salary-2025.md"),
        ("median_salary_expectation", "$9,999", PLANTED),
        ("offers_total", "59", "ai-ml-developer-salary-2025.md"),
        ("offers_total", "999", PLANTED),
    }
    proposals = [r for r in body["rows"] if r["metric"] == "proposals"]
    assert len(proposals) == 2 and not any(r.get("contested") for r in proposals)
    median = next(c for c in body["contested"] if c["key"]["metric"] == "median_salary_expectation")
    assert sorted(row["raw"] for row in median["rows"]) == ["$5,808", "$9,999"]
    uncontested = stats_http.get("/stats/role_salaries").json()
    assert uncontested["contested"] == [] and not any(r.get("contested") for r in uncontested["rows"])


def test_the_ingest_warns_once_per_contested_key(planted: tuple[Any, list[logging.LogRecord]]) -> None:
    warnings = [r.getMessage() for r in planted[1] if r.levelno == logging.WARNING and "disagree" in r.getMessage()]
    median = [w for w in warnings if "median_salary_expectation" in w]
    offers = [w for w in warnings if "offers_total" in w]
    assert len(median) == 1 and len(offers) == 1, warnings
    assert "$5,808" in median[0] and "$9,999" in median[0] and PLANTED in median[0], median
    assert "ai-ml-developer-salary-2025.md" in median[0]
    assert not any("proposals" in w for w in warnings), warnings


# ---- the optional LLM may not rewrite a disagreement away ------------------------------------------------


class _Rewriter:
    """A fake LLM backend (the real one is a remote service) that returns a fixed rewrite."""

    def __init__(self, text: str) -> None:
        self.text = text

    def rewrite(self, question: str, draft: str, evidence: list[str]) -> str:
        return self.text


@pytest.mark.parametrize(
    ("rewrite", "kept"),
    [
        ("In 2025 the median was $9,999 [2].", False),  # picks one value
        ("In 2025 the median was $5,808 [1] or $9,999 [2].", False),  # drops the words
        ("The sources disagree on 2025: $5,808 [1] or $9,999 [2].", True),
    ],
)
def test_an_llm_rewrite_cannot_pick_one_of_two_disagreeing_values(rewrite: str, kept: bool) -> None:
    from assistant.llm import checked_rewrite

    draft = "In 2025 the median was $5,808 [1] or $9,999 [2]. Note that the sources disagree on the 2025 median."
    evidence = {5808.0, 9999.0, 2025.0}
    result = checked_rewrite(_Rewriter(rewrite), "median 2025?", draft, [], evidence, {1, 2})
    assert result == (rewrite if kept else draft)
