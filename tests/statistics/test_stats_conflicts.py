"""Sources that disagree, beyond the platform pages: any keyed table, ranking claims in prose, the key file.

Fast: real DuckDB builds of small corpora and the real statistics answerer, no model or Chroma needed.
"""

from __future__ import annotations

import logging
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.answer_statistics import StatisticsAnswerer
from assistant.documents import load_corpus
from assistant.draft import Draft
from assistant.errors import IngestError
from assistant.grounding import numbers_in
from assistant.statistics import StatsStore, StatsTools, load_source_docs
from assistant.statistics.conflicts import contests, contradicted_claims, rules, warn_conflicts
from assistant.understanding import Vocabulary, understand

GUIDE = "ai-ml-expert-career-guide.md"
REPRINT = "ai-ml-expert-career-guide-reprint.md"


def _build(folder: Path, tmp_path: Path) -> StatsStore:
    db_path = tmp_path / "stats.duckdb"
    StatsStore.build(db_path, load_source_docs(folder))
    return StatsStore.open(db_path)


@pytest.fixture
def folder(corpus_dir: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(corpus_dir, folder)
    return folder


@pytest.fixture
def reprinted(folder: Path, tmp_path: Path) -> Iterator[tuple[Path, StatsStore]]:
    """A reprint of the guide that states one figure differently (ML Engineer, Mid-Career) and the rest alike."""
    text = (folder / GUIDE).read_text(encoding="utf-8")
    assert text.count("- Mid-Career: $120,368 - $193,263") == 1
    (folder / REPRINT).write_text(text.replace("- Mid-Career: $120,368", "- Mid-Career: $131,000"), encoding="utf-8")
    store = _build(folder, tmp_path)
    yield folder, store
    store.close()


def answer(folder: Path, store: StatsStore, question: str) -> Draft:
    documents = {doc.doc_id: doc for doc in load_corpus(folder)}
    words = {word.lower() for doc in documents.values() for line in doc.lines for word in line.split()}
    draft = Draft(documents=documents)
    StatisticsAnswerer(StatsTools(store), store).answer(understand(question, Vocabulary(words)), draft)
    evidence = " ".join(c.snippet for c in draft.citations) + " ".join(str(t.result) for t in draft.tool_calls)
    assert set(numbers_in(draft.text())) <= set(numbers_in(evidence)), draft.text()
    return draft


def test_a_role_figure_stated_twice_differently_is_one_contest(reprinted: tuple[Path, StatsStore]) -> None:
    _, store = reprinted
    found = contests(store)
    assert [(c["table"], c["key"]["role"], c["key"]["level"]) for c in found] == [
        ("role_salaries", "Machine Learning Engineer", "Mid-Career")
    ]
    assert {row["doc_id"] for row in found[0]["rows"]} == {GUIDE, REPRINT}


@pytest.mark.parametrize(
    "question",
    ["What does a mid-career ML engineer earn?", "mid career machine learning engineer salary"],
)
def test_the_role_answer_gives_both_values(reprinted: tuple[Path, StatsStore], question: str) -> None:
    draft = answer(*reprinted, question)
    text = draft.text()
    assert "$120,368" in text and "$131,000" in text and "sources disagree" in text, text
    sources = {c.source.split(":")[0] for c in draft.citations}
    assert sources == {GUIDE, REPRINT}


@pytest.mark.parametrize(
    "question",
    [
        "What is the gap between entry level and mid-career for an ML engineer?",
        "How much more does a mid-career machine learning engineer earn than an entry level one?",
    ],
)
def test_a_gap_from_a_contested_figure_is_one_candidate_per_value(
    reprinted: tuple[Path, StatsStore], question: str
) -> None:
    draft = answer(*reprinted, question)
    text = draft.text()
    gap = next(t for t in draft.tool_calls if t.tool == "salary_gap")
    assert gap.result["derived"]["contested"] is True
    assert sorted(c["difference_low"] for c in gap.result["derived"]["candidates"]) == [14950, 25582]
    assert "+$14,950" in text and "+$25,582" in text and "sources disagree" in text, text


def test_a_monthly_figure_from_a_contested_one_is_given_per_value(reprinted: tuple[Path, StatsStore]) -> None:
    text = answer(*reprinted, "What does a mid-career ML engineer earn per month?").text()
    assert "$10,031" in text and "$10,917" in text and "sources disagree" in text, text


def test_a_ranking_a_contested_figure_could_change_names_every_leader(reprinted: tuple[Path, StatsStore]) -> None:
    text = answer(*reprinted, "Which role pays the most at mid-career level?").text()
    # Data Scientist $125,259 leads unless the reprint's $131,000 for ML Engineer is right.
    assert "depends on which source is right" in text and "sources disagree" in text, text
    assert "Data Scientist" in text and "Machine Learning Engineer" in text


def test_identical_figures_from_two_documents_are_no_contest(folder: Path, tmp_path: Path) -> None:
    shutil.copy(folder / GUIDE, folder / REPRINT)
    store = _build(folder, tmp_path)
    try:
        assert contests(store) == []
        draft = answer(folder, store, "What does an entry level AI engineer earn?")
        assert "disagree" not in draft.text() and draft.text().count("$100,324") == 1
        assert {c.source.split(":")[0] for c in draft.citations} == {GUIDE, REPRINT}
        # The guide's own contradicted claim, now in two documents: one sentence citing both copies.
        cities = answer(folder, store, "Which city pays ML engineers the most?")
        assert cities.text().count('"Highest overall"') == 1 and "sources disagree" in cities.text()
        assert re.search(r'"Highest overall" \[\d+\]\[\d+\]', cities.text()), cities.text()
    finally:
        store.close()


def test_ranking_claims_in_prose_are_checked_against_the_figures(folder: Path, tmp_path: Path) -> None:
    (folder / "notes.md").write_text(
        "# Notes\n\nRobotics Engineers are the highest paid AI role.\n\n"
        "Seattle is the lowest-paying city for ML Engineers.\n",
        encoding="utf-8",
    )
    store = _build(folder, tmp_path)
    try:
        claims = store.rows("ranking_claims", {"doc_id": "notes.md"})
        assert {(c["dimension"], c["subject"], c["direction"], c["within"]) for c in claims} == {
            ("role", "Robotics Engineer", "highest", None),
            ("city", "Seattle", "lowest", "Machine Learning Engineer"),
        }
        contradicted = [c for c in contradicted_claims(store) if c["claim"]["doc_id"] == "notes.md"]
        assert {c["subject"] for c in contradicted} == {"Robotics Engineer"}  # Seattle is indeed the lowest
        assert any(c["within"] == "Average" for c in contradicted)
        text = answer(folder, store, "Which role has the highest average salary?").text()
        assert "sources disagree" in text and "Robotics Engineer" in text and "$96,013" in text, text
    finally:
        store.close()


def test_the_ingest_warning_names_values_and_sources(
    reprinted: tuple[Path, StatsStore], caplog: pytest.LogCaptureFixture
) -> None:
    _, store = reprinted
    with caplog.at_level(logging.WARNING):
        lines = warn_conflicts(store.db_path)
    assert [r.getMessage() for r in caplog.records] == lines
    role = [line for line in lines if "role_salaries" in line]
    assert len(role) == 1 and "$131,000" in role[0] and REPRINT in role[0] and f"{GUIDE}:183" in role[0]
    assert any("ranking_claims" in line and "Highest overall" in line for line in lines)


def test_a_broken_key_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "keys.toml"
    bad.write_text('[tables.platform_stats]\nkey = ["year", "metrc"]\nvalues = ["value"]\n', encoding="utf-8")
    with pytest.raises(IngestError, match="platform_stats has no column metrc"):
        rules(bad)


@pytest.mark.parametrize(
    ("question", "old", "new"),
    [
        ("What does a machine learning engineer with 5 years of experience make?", "4-6 years", "5-7 years"),
        ("How fast are AI job postings growing?", "8.5%", "12%"),
        ("How much can bonuses add on top of salary?", "$50,000+", "$60,000+"),
    ],
)
def test_every_keyed_table_reports_its_disagreements(
    folder: Path, tmp_path: Path, question: str, old: str, new: str
) -> None:
    text = (folder / GUIDE).read_text(encoding="utf-8")
    assert old in text
    (folder / REPRINT).write_text(text.replace(old, new), encoding="utf-8")
    store = _build(folder, tmp_path)
    try:
        answer_text = answer(folder, store, question).text()
        assert old in answer_text and new in answer_text and "sources disagree" in answer_text, answer_text
    finally:
        store.close()
