"""The four outputs are written and well-formed: results.json, junit.xml, summary.md, report.html."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from eval.cli import main
from eval.models import SCHEMA_VERSION, RunResult


@pytest.fixture
def outputs(fake_chat: Any, small_cases: Path, lenient_gates: Path, tmp_path: Path, monkeypatch) -> Path:
    """One run where s-boston fails with an answer full of markup."""
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("ASSISTANT_LLM_BASE_URL", raising=False)
    boston = fake_chat.replies["What is the ML Engineer salary in Boston?"]
    boston.update(abstained=False, answer='<script>alert("x")</script> Boston pays & more')
    boston["plan"] = [
        {"text": "ML Engineer salary in Boston", "kind": "figure", "route": "statistics", "covered": False}
    ]
    out = tmp_path / "out"
    argv = ["--api", fake_chat.url, "--cases", str(small_cases), "--gates", str(lenient_gates)]
    assert main([*argv, "--out", str(out), "--no-progress", "--no-rag-baseline"]) == 0
    return out


def test_results_json_round_trips_with_unmeasured_as_null(outputs: Path) -> None:
    raw = json.loads((outputs / "results.json").read_text(encoding="utf-8"))
    result = RunResult.model_validate(raw)
    assert raw["schema_version"] == SCHEMA_VERSION
    top = {"schema_version", "manifest", "assistant", "baseline_rag", "gates", "regression", "exit_code"}
    assert set(raw) == top
    judge = raw["assistant"]["overall"]["metrics"]["judge_faithfulness"]
    assert judge == {"value": None, "n": 0, "note": "advisory, never gates", "unmeasured": True}
    manifest = raw["manifest"]
    assert {"git_commit", "fingerprints", "model", "case_files_sha256", "started_at"} <= set(manifest)
    turn = raw["assistant"]["cases"][0]["turns"][0]
    assert {"answer", "route", "citations", "tool_calls", "latency_ms", "wall_ms"} <= set(turn["observation"])
    assert {check["name"] for check in turn["checks"]} >= {"abstention", "numbers", "route", "tool_calls"}
    assert result.assistant.overall.cases == 6


def test_junit_parses_with_one_testcase_per_case(outputs: Path) -> None:
    root = ET.parse(outputs / "junit.xml").getroot()
    assert root.tag == "testsuites"
    cases = root.findall("./testsuite/testcase")
    assert len(cases) == 6
    failures = root.findall("./testsuite/testcase/failure")
    assert len(failures) == 1
    assert failures[0].get("message") == "abstention"
    # XML-escaped on disk, intact once parsed
    assert '<script>alert("x")</script>' in (failures[0].text or "")
    assert {prop.get("value") for prop in root.findall("./testsuite/testcase/properties/property[@name='split']")} == {
        "dev"
    }
    suites = {suite.get("name"): suite for suite in root.findall("testsuite")}
    assert suites["eval.abstention"].get("failures") == "1"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.svgs = 0
        self.scripts = 0
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.svgs += tag == "svg"
        self.scripts += tag == "script"
        for name, value in attrs:
            in_page = name == "href" and (value or "").startswith("#")
            if (name in ("src", "href") and not in_page) or (tag == "link"):
                self.external.append(f"{tag} {name}={value}")
        if tag not in ("meta", "br", "input", "rect", "line", "text", "title"):
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("rect", "line", "text", "title"):
            return
        assert self.open and self.open[-1] == tag, f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()


def test_html_is_self_contained_and_escaped(outputs: Path) -> None:
    html = (outputs / "report.html").read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(html)
    assert parser.svgs == 3  # accuracy per kind, abstention matrix, latency distribution
    assert parser.scripts == 1, "the answer's <script> must be escaped; the report's own filter script is inline"
    assert parser.external == []
    assert not re.search(r"url\(|@import", html)
    assert "&lt;script&gt;" in html
    assert "gates passed" in html and "s-boston" in html


def test_summary_markdown_lists_failures_and_gates(outputs: Path) -> None:
    summary = (outputs / "summary.md").read_text(encoding="utf-8")
    assert summary.startswith("# Eval summary: gates PASSED")
    assert "| case_accuracy | 83.3% |" in summary
    assert "### `s-boston` (abstention): abstention" in summary
    assert "**PASS** overall.case_accuracy >= 0.5" in summary
    assert "| judge_faithfulness" not in summary  # optional modes that did not run are left out


def test_html_puts_failures_first_with_everything_an_evaluator_needs(outputs: Path) -> None:
    html = (outputs / "report.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tbody class="case" id="case-([^"]+)" data-kind="([^"]+)" data-result="(\w+)"', html)
    assert len(rows) == 6
    assert rows[0][0] == "s-boston" and rows[0][2] == "fail"
    assert all(result == "pass" for _, _, result in rows[1:])
    assert html.index("Failing cases (1)") < html.index('id="cases"')
    assert '<a href="#case-s-boston">s-boston</a>' in html
    for control in ("f-kind", "f-result", "f-split", "f-text"):
        assert f'id="{control}"' in html
    boston = html[html.index('id="case-s-boston"') : html.index("</tbody>", html.index('id="case-s-boston"'))]
    assert "Boston pays &amp; more" in boston  # our answer
    assert "abstain: true" in boston  # the expected facts, as written in the case file
    assert "expected abstain=True, got abstained=False" in boston  # each check with its detail
    assert "figure → statistics (not covered): ML Engineer salary in Boston" in boston  # the returned plan
    mle = html[html.index('id="case-s-mle-mid"') : html.index("</tbody>", html.index('id="case-s-mle-mid"'))]
    assert "Mid-Career: $120,368 - $193,263" in mle  # the cited snippet


def test_terminal_lists_failing_case_ids(
    fake_chat: Any, small_cases: Path, lenient_gates: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("ASSISTANT_LLM_BASE_URL", raising=False)
    fake_chat.replies["Mid-Career ML Engineer salary?"]["answer"] = "No idea."
    fake_chat.replies["What is the ML Engineer salary in Boston?"]["abstained"] = False
    argv = ["--api", fake_chat.url, "--cases", str(small_cases), "--gates", str(lenient_gates)]
    main([*argv, "--out", str(tmp_path / "out"), "--no-progress"])
    printed = capsys.readouterr().out
    assert "eval: failing cases (2): s-mle-mid, s-boston" in printed
    assert "split dev" in printed


def test_readme_block_is_generated_from_the_run(outputs: Path, tmp_path: Path) -> None:
    from eval.errors import HarnessError
    from eval.readme import END, START, figures_markdown, replace_block, write_readme

    result = RunResult.model_validate_json((outputs / "results.json").read_text(encoding="utf-8"))
    block = figures_markdown(result)
    assert block.startswith(START) and block.endswith(END)
    assert "| overall | 83.3% (5/6) | 83.3% (5/6) | - |" in block  # dev, all, no baseline in this run
    assert "| abstention | 0.0% (0/1) |" in block
    assert "1 failing case(s): their ids are listed by the terminal and first in the report." in block
    assert "RAG baseline: not run" in block
    readme = tmp_path / "README.md"
    readme.write_text(f"# Title\n\nprose\n\n{START}\nold figures 77.8%\n{END}\n\nmore prose\n", encoding="utf-8")
    write_readme(result, readme)
    text = readme.read_text(encoding="utf-8")
    assert "old figures" not in text and "prose\n\n" + block + "\n\nmore prose" in text
    write_readme(result, readme)  # idempotent: the block is replaced, not appended
    assert readme.read_text(encoding="utf-8") == text
    with pytest.raises(HarnessError, match="no single generated block"):
        replace_block("no markers here", block)


def test_summary_has_case_accuracy_per_kind_and_split(outputs: Path) -> None:
    summary = (outputs / "summary.md").read_text(encoding="utf-8")
    assert "## Case accuracy per kind and split" in summary
    assert "| overall | 83.3% (5/6) |" in summary
    assert "| abstention | 0.0% (0/1) |" in summary
