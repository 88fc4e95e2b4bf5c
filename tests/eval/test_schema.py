"""Case files validate, and a broken one is a harness error (exit 2) that says what is wrong and where."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml

from assistant.settings import PROJECT_ROOT
from eval.cli import main
from eval.errors import CaseFileError
from eval.schema import KINDS, SCHEMA_PATH, case_files, load_cases, schema_text, select_cases

CORPUS = PROJECT_ROOT / "corpus"


def write(folder: Path, text: str, name: str = "broken.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if text.startswith("suite: x\n") and "split:" not in text:
        text = text.replace("suite: x\n", "suite: x\nsplit: dev\n", 1)  # every case names its split
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_cases_validate_and_cover_every_kind() -> None:
    cases = load_cases(case_files(), corpus_dir=CORPUS)
    kinds = Counter(case.kind for case in cases)
    assert len(cases) >= 150
    assert set(kinds) == set(KINDS)
    assert sum(case.turns[0].expect.abstain for case in cases if case.kind == "abstention") >= 20
    assert any(n.query for c in cases for t in c.turns for n in t.expect.numbers), "no query-named golden"
    assert all(c.paraphrase_of for c in cases if c.kind == "robustness" and "invalid" not in c.tags)


def test_single_question_is_normalised_to_turns(small_cases: Path) -> None:
    cases = load_cases(case_files(small_cases), corpus_dir=CORPUS)
    first = cases[0]
    assert first.suite == "small"
    assert [turn.message for turn in first.turns] == ["What was the median salary expectation in 2025?"]
    assert len(next(case for case in cases if case.id == "s-followup").turns) == 2


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("suite: x\ncases: [\n", "not valid YAML"),
        ("- just a list\n", "expected a mapping"),
        (
            "suite: x\ncases:\n  - id: a\n    kind: statistics\n    question: q\n    expect: {numbrs: []}\n",
            "case #0 (id=a) expect.numbrs: Extra inputs are not permitted",
        ),
        (
            "suite: x\ncases:\n  - id: a\n    kind: statistics\n    question: q\n",
            "needs both 'question' and 'expect'",
        ),
        (
            "suite: x\ncases:\n  - id: a\n    kind: sports\n    question: q\n    expect: {abstain: true}\n",
            "case #0 (id=a) kind",
        ),
        (
            "suite: x\ncases:\n  - id: a\n    kind: statistics\n    question: q\n"
            "    expect: {tool_calls: [{tool: salary_lookup}]}\n",
            "unknown tool 'salary_lookup'",
        ),
        (
            "suite: x\ncases:\n  - id: a\n    kind: statistics\n    question: q\n"
            "    expect: {numbers: [{value: 1, query: 'SELECT 1'}]}\n",
            "exactly one of 'value'",
        ),
        (
            "suite: x\ncases:\n  - id: a\n    kind: statistics\n    question: q\n"
            "    expect: {numbers: [{query: 'DELETE FROM platform_stats'}]}\n",
            "read-only SELECT",
        ),
        (
            "suite: x\ncases:\n  - id: a\n    kind: documents\n    question: q\n    expect: {}\n",
            "needs at least one check",
        ),
        (
            "suite: x\ncases:\n  - id: a\n    kind: multiturn\n    turns:\n"
            "      - {message: q, expect: {abstain: true}}\n",
            "at least two turns",
        ),
    ],
)
def test_broken_files_name_the_problem(tmp_path: Path, body: str, message: str) -> None:
    path = write(tmp_path, body)
    with pytest.raises(CaseFileError) as raised:
        load_cases([path], corpus_dir=CORPUS)
    assert message in raised.value.message
    assert str(path) in raised.value.message or "invalid cases" in raised.value.message


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "suite: x\ncases:\n  - {id: a, kind: abstention, question: q, expect: {abstain: true}}\n"
            "  - {id: a, kind: abstention, question: r, expect: {abstain: true}}\n",
            "duplicate case id 'a'",
        ),
        (
            "suite: x\ncases:\n"
            "  - {id: a, kind: robustness, paraphrase_of: zz, question: q, expect: {abstain: true}}\n",
            "paraphrase_of 'zz' is not a case id",
        ),
        (
            "suite: x\ncases:\n  - {id: a, kind: documents, question: q, expect: {sources: [{doc: nope.md}]}}\n",
            "doc 'nope.md' is not in the corpus",
        ),
        (
            "suite: x\ncases:\n  - {id: a, kind: documents, question: q,"
            " expect: {sources: [{doc: ai-ml-expert-career-guide.md, section: Salary Secrets}]}}\n",
            "no heading 'salary secrets'",
        ),
    ],
)
def test_cross_case_problems(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(CaseFileError) as raised:
        load_cases([write(tmp_path, body)], corpus_dir=CORPUS)
    assert message in raised.value.message


def test_selection_by_suite_kind_tags_and_limit(small_cases: Path) -> None:
    cases = load_cases(case_files(small_cases), corpus_dir=CORPUS)
    assert [c.id for c in select_cases(cases, kinds=["abstention"])] == ["s-boston"]
    assert [c.id for c in select_cases(cases, tags=["platform"])] == ["s-median-2025"]
    assert len(select_cases(cases, suites=["small"], limit=2)) == 2
    with pytest.raises(CaseFileError, match="unknown suite 'nope'"):
        select_cases(cases, suites=["nope"])
    with pytest.raises(CaseFileError, match="unknown kind 'sport'"):
        select_cases(cases, kinds=["sport"])


def test_cli_exits_2_on_a_broken_case_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    folder = tmp_path / "cases"
    write(
        folder,
        "suite: x\ncases:\n  - id: Bad Id\n    kind: statistics\n    question: q\n    expect: {abstain: true}\n",
    )
    code = main(["--cases", str(folder), "--no-progress", "--no-rag-baseline", "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2
    assert "case #0 (id=Bad Id) id" in err and "should match pattern" in err
    assert not (tmp_path / "out").exists()


def test_json_schema_file_is_in_sync_with_the_models() -> None:
    # Regenerate with `assistant eval --write-schema` after changing eval/schema.py.
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text()
    schema = json.loads(schema_text())
    case = schema["$defs"]["Case"]
    assert "split" in case["required"] and "suite" not in case["properties"]
    for path in case_files():
        first = path.read_text(encoding="utf-8").splitlines()[0]
        target = first.removeprefix("# yaml-language-server: $schema=")
        assert target != first, f"{path} lacks the yaml-language-server schema line"
        assert (path.parent / target).resolve() == SCHEMA_PATH


def test_every_case_has_a_split_and_held_out_cases_live_apart() -> None:
    cases = load_cases(case_files(), corpus_dir=CORPUS)
    held = [case for case in cases if case.split == "heldout"]
    assert 0.25 <= len(held) / len(cases) <= 0.40
    for kind in KINDS:  # stratified: every kind has cases on both sides
        assert {case.split for case in cases if case.kind == kind} == {"dev", "heldout"}, kind
    for path in case_files():
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert all("split" in case for case in raw["cases"]), f"{path}: write the split on every case"


def test_a_case_in_the_wrong_folder_for_its_split_is_a_harness_error(tmp_path: Path) -> None:
    body = "suite: x\ncases:\n  - {id: a, split: heldout, kind: abstention, question: q, expect: {abstain: true}}\n"
    with pytest.raises(CaseFileError, match="wrong split"):
        load_cases([write(tmp_path / "misplaced", body)], corpus_dir=CORPUS)
    held = write(tmp_path / "cases" / "heldout", body)
    assert [case.id for case in load_cases(case_files(tmp_path / "cases"), corpus_dir=CORPUS)] == ["a"]
    assert held in case_files(tmp_path / "cases")
    dev_body = body.replace("heldout", "dev").replace("id: a", "id: b")
    with pytest.raises(CaseFileError, match="wrong split"):
        load_cases([write(tmp_path / "heldout", dev_body, "dev.yaml")], corpus_dir=CORPUS)


def test_selection_by_split(small_cases: Path) -> None:
    cases = load_cases(case_files(small_cases), corpus_dir=CORPUS)
    assert len(select_cases(cases, split="dev")) == len(cases)
    assert select_cases(cases, split="heldout") == []
    with pytest.raises(CaseFileError, match="unknown split 'test'"):
        select_cases(cases, split="test")


def test_plan_kinds_and_routes_are_the_assistants_own() -> None:
    # A case may only expect what a Reply can say; a renamed kind in assistant/models.py must show up here.
    from typing import get_args

    from assistant import models
    from eval import schema

    assert set(get_args(schema.PartKind)) == set(get_args(models.PartKind))
    assert set(get_args(schema.Route)) == set(get_args(models.Route))


def test_expected_phrases_stand_in_the_documents_they_cite() -> None:
    """Every fact a case expects is in the documents it names (or the corpus): no fact from memory."""
    from eval.metrics import normalise_text

    texts = {path.name: normalise_text(path.read_text(encoding="utf-8")) for path in CORPUS.glob("*.md")}
    missing = []
    for case in load_cases(case_files(), corpus_dir=CORPUS):
        if case.corpus is not None:
            continue  # planted pages: their text is checked when the fixture is built
        for turn in case.turns:
            docs = {doc for source in turn.expect.sources for doc in source.doc} or set(texts)
            text = " ".join(texts[doc] for doc in docs)
            for phrase in turn.expect.contains:
                alternatives = [phrase] if isinstance(phrase, str) else phrase
                if "partial-abstention" in case.tags and "don't cover" in alternatives:
                    continue  # the assistant's own "the sources don't cover ..." wording, not a document fact
                if not any(normalise_text(alternative) in text for alternative in alternatives):
                    missing.append(f"{case.id}: {alternatives} not in {sorted(docs)}")
    assert missing == []
