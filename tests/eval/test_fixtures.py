"""Suites on their own corpus: planted pages are made exactly as written, and a run ingests and scores them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from assistant.settings import PROJECT_ROOT
from eval.cli import main
from eval.errors import HarnessError
from eval.fixtures import fixture_key, plant_corpus
from eval.schema import CorpusFixture

CORPUS = PROJECT_ROOT / "corpus"
PAGE_2025 = "ai-ml-developer-salary-2025.md"
MIRROR = "ai-ml-developer-salary-2025-mirror.md"


def fixture(replace: dict[str, str], name: str = MIRROR) -> CorpusFixture:
    return CorpusFixture.model_validate({"plant": [{"copy_of": PAGE_2025, "name": name, "replace": replace}]})


def test_planted_page_is_the_original_with_whole_lines_replaced(tmp_path: Path) -> None:
    target = plant_corpus(fixture({"59": "999", "$5,808": "$9,999"}), CORPUS, tmp_path / "corpus")
    assert sorted(p.name for p in target.iterdir()) == sorted([*(p.name for p in CORPUS.iterdir()), MIRROR])
    original = (CORPUS / PAGE_2025).read_text(encoding="utf-8").split("\n")
    planted = (target / MIRROR).read_text(encoding="utf-8").split("\n")
    changed = [(old, new) for old, new in zip(original, planted, strict=True) if old != new]
    assert changed == [("59", "999"), ("$5,808", "$9,999")]


@pytest.mark.parametrize(
    ("planted", "message"),
    [
        (fixture({"$1,234": "$9,999"}), "occurs 0 times"),
        (fixture({"- Keras": "- Nope"}), "occurs 2 times"),  # the 2025 page lists Keras twice
        (fixture({"59": "999"}, name=PAGE_2025), "would overwrite a real document"),
    ],
)
def test_a_replacement_that_does_not_apply_exactly_once_is_a_harness_error(
    tmp_path: Path, planted: CorpusFixture, message: str
) -> None:
    with pytest.raises(HarnessError, match=message):
        plant_corpus(planted, CORPUS, tmp_path / "corpus")


def test_the_build_folder_follows_the_fixture_and_the_corpus(tmp_path: Path) -> None:
    one, other = fixture({"59": "999"}), fixture({"59": "998"})
    assert fixture_key(one, CORPUS) == fixture_key(one, CORPUS) != fixture_key(other, CORPUS)
    copy = plant_corpus(fixture({"59": "59"}), CORPUS, tmp_path / "copy")
    (copy / MIRROR).unlink()
    assert fixture_key(one, copy) == fixture_key(one, CORPUS)
    (copy / "new.md").write_text("# New\n", encoding="utf-8")
    assert fixture_key(one, copy) != fixture_key(one, CORPUS)


CONFLICT_CASES = f"""
suite: planted
split: dev
kind: conflicts
corpus:
  plant:
    - copy_of: {PAGE_2025}
      name: {MIRROR}
      replace: {{"59": "999", "$5,808": "$9,999"}}
cases:
  - id: p-median
    question: What was the median salary expectation in 2025?
    expect:
      contains: [disagree]
      cited_figures:
        - {{value: 5808, unit: usd, doc: {PAGE_2025}}}
        - {{value: 9999, unit: usd, doc: {MIRROR}}}
  - id: p-wrong-source
    question: What was the median salary expectation in 2025?
    expect:
      cited_figures: [{{value: 9999, unit: usd, doc: {PAGE_2025}}}]
"""


@pytest.mark.slow
def test_a_planted_suite_is_ingested_and_scored_on_its_own_corpus(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))  # no build of the real corpus exists here
    monkeypatch.delenv("ASSISTANT_LLM_BASE_URL", raising=False)
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "planted.yaml").write_text(CONFLICT_CASES, encoding="utf-8")
    out = tmp_path / "out"
    code = main(["--cases", str(cases), "--out", str(out), "--no-progress"])
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    by_id = {case["id"]: case for case in results["assistant"]["cases"]}
    assert by_id["p-median"]["passed"], by_id["p-median"]["failed_checks"]
    # the $9,999 figure cites the planted page, so claiming it comes from the real page fails
    assert by_id["p-wrong-source"]["failed_checks"] == ["cited_figures"]
    # --cases DIR with the shipped gates: their blocking cases are not here, so skipped, not a broken run (2)
    assert code == 1
    gates = results["gates"]["results"]
    assert all(g["status"] == "skipped" for g in gates if g["gate"].startswith("blocking "))
    failed = {g["gate"] for g in gates if g["status"] == "fail"}
    assert failed == {"overall.case_accuracy >= 0.8", "overall.answer_accuracy >= 0.85", "conflicts.case_accuracy >= 1"}
    assert (tmp_path / "data" / "eval-fixtures").is_dir()


def test_planted_suites_are_skipped_against_a_running_server(
    fake_chat: Any, small_cases: Path, lenient_gates: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    (small_cases / "planted.yaml").write_text(CONFLICT_CASES, encoding="utf-8")
    out = tmp_path / "out"
    argv = ["--api", fake_chat.url, "--cases", str(small_cases), "--gates", str(lenient_gates), "--out", str(out)]
    assert main([*argv, "--no-progress"]) == 0
    assert "2 cases on planted corpora skipped" in capsys.readouterr().out
    ids = [case["id"] for case in json.loads((out / "results.json").read_text(encoding="utf-8"))["assistant"]["cases"]]
    assert ids == ["s-median-2025", "s-mle-mid", "s-boston", "s-median-typo", "s-followup", "s-empty"]
    assert not (tmp_path / "data" / "eval-fixtures").exists()  # nothing was ingested
