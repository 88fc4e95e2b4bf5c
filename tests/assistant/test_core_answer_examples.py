"""Answered example questions (stats/answer_examples.yaml) as evidence for a documentation answer's sentences."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import yaml

from assistant.answer_examples import ANSWER_EXAMPLES_PATH, NEAR, VOUCH, AnswerExamples
from assistant.ingest import current_build
from assistant.pipeline import Assistant, build_assistant
from assistant.question_kinds import generic_form
from assistant.settings import Settings
from eval.schema import case_files, load_cases

RESEARCHER = "Develop novel algorithms and contribute to cutting-edge AI research."


def _normalised(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _shipped() -> list[dict[str, str]]:
    return yaml.safe_load(ANSWER_EXAMPLES_PATH.read_text(encoding="utf-8"))["examples"]


def test_every_shipped_quote_is_a_sentence_of_the_built_documents(core_settings: Settings) -> None:
    found = current_build(core_settings)
    assert found is not None
    stored = {key["text"] for key in json.loads((found[1] / "sentences.json").read_text())}
    examples = _shipped()
    assert len(examples) > 300
    stale = [e["quote"] for e in examples if e["quote"] not in stored]
    assert not stale, f"{len(stale)} quotes no document writes any more, e.g. {stale[:2]}"


def test_no_example_is_an_evaluation_question() -> None:
    """The eval measures questions the answerer has not seen: no example repeats one (either split). Only a count
    is reported, so a held-out question is never printed."""
    asked = {_normalised(turn.message) for case in load_cases(case_files()) for turn in case.turns}
    repeated = [e["q"] for e in _shipped() if _normalised(e["q"]) in asked]
    assert not repeated, f"{len(repeated)} examples repeat an evaluation question"


@pytest.fixture(scope="module")
def two_examples(real_assistant: Assistant, tmp_path_factory: pytest.TempPathFactory) -> AnswerExamples:
    path = tmp_path_factory.mktemp("examples") / "answer_examples.yaml"
    path.write_text(
        yaml.safe_dump(
            {
                "examples": [
                    {"q": "what does an AI researcher do", "quote": RESEARCHER},
                    {"q": "what is a rules engine", "quote": "The simplest AI models are a set of if-then-else rules."},
                ]
            }
        )
    )
    return AnswerExamples.load(path, real_assistant._query_embeddings)


def test_weights_fall_from_one_for_the_same_question_to_none_for_an_unrelated_one(
    real_assistant: Assistant, two_examples: AnswerExamples
) -> None:
    same = two_examples.weights(*_vectors(real_assistant, "what does an AI researcher do"))
    assert same[RESEARCHER] == pytest.approx(1.0, abs=1e-3)
    near = two_examples.weights(*_vectors(real_assistant, "what do AI researchers work on?"))
    assert 0.0 < near.get(RESEARCHER, 0.0) < 1.0  # a paraphrase: some weight, less than the same question
    assert two_examples.weights(*_vectors(real_assistant, "how do I bake sourdough bread")) == {}


def test_an_example_sharing_only_the_role_lends_no_weight(real_assistant: Assistant) -> None:
    """Named things dominate an embedding: "what's the mid-career ML engineer range" lies near "where does an ML
    engineer's career lead long term?" as asked; with the role masked the questions differ, and an example counts
    by the lower similarity, so the career-path line gains little (it used to lead the answer)."""
    examples = real_assistant._answer_examples
    for question in ("what's the mid-career ML engineer range", "what is the late career robotics engineer range"):
        full, masked = _vectors(real_assistant, question)
        assert float((examples.matrix @ np.asarray(full, dtype=np.float32)).max()) >= NEAR  # near as asked
        weights = examples.weights(full, masked)
        # at most a little (masked, "career ladder" is still near "mid-career range"): never enough to vouch
        assert all(w < VOUCH for q, w in weights.items() if q.startswith(("Progress from", "Advance from")))
    reply = real_assistant.ask("what's the mid-career ML engineer range, and do I need a master's?")
    assert "$120,368" in reply.answer


def _vectors(assistant: Assistant, question: str) -> tuple[list[float], list[float]]:
    embed = assistant._query_embeddings.embed_query
    return embed(question), embed(generic_form(question))


@pytest.mark.parametrize("text", [None, "examples: [unclosed", "examples:\n  - {q: only a question}\n"])
def test_a_missing_or_broken_file_means_no_examples(
    real_assistant: Assistant, tmp_path: Path, text: str | None
) -> None:
    path = tmp_path / "answer_examples.yaml"
    if text is not None:
        path.write_text(text)
    examples = AnswerExamples.load(path, real_assistant._query_embeddings)
    assert examples.matrix is None
    unit = np.ones(384, dtype=np.float32) / np.sqrt(384)
    assert examples.weights(unit, unit) == {}


@pytest.fixture(scope="module")
def without_examples(core_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    missing = tmp_path_factory.mktemp("none") / "answer_examples.yaml"
    assistant = build_assistant(core_settings.model_copy(update={"answer_examples": missing}))
    yield assistant
    assistant.close()


@pytest.mark.parametrize(
    "question",
    [
        "What kind of work does an AI researcher do?",
        "what type of work do AI researchers do",
        "what work does an AI researcher do",
    ],
)
def test_a_question_near_an_answered_one_is_answered_by_its_sentence(
    real_assistant: Assistant, without_examples: Assistant, question: str
) -> None:
    """The shipped examples hold other wordings of this question (never these); with them the role's own
    career-path line answers; without them "Work on personal projects ..." (Building Your Portfolio) led on the
    word "work"."""
    shipped = {_normalised(e["q"]) for e in _shipped()}
    assert _normalised(question) not in shipped  # the test asks in words no example uses
    assert "novel algorithms" in real_assistant.ask(question).answer
    assert "novel algorithms" not in without_examples.ask(question).answer


def test_the_examples_weigh_in_only_when_a_question_is_near(real_assistant: Assistant) -> None:
    """A question far from every example lends no sentence any weight."""
    full, masked = _vectors(real_assistant, "how do I bake sourdough bread")
    examples = real_assistant._answer_examples
    sims = examples.matrix @ np.asarray(full, dtype=np.float32)
    assert float(sims.max()) < NEAR
    assert examples.weights(full, masked) == {}


def test_a_near_example_never_leads_with_a_unit_whose_passage_does_not_cover_the_question(
    real_assistant: Assistant, tmp_path: Path
) -> None:
    """The weight counts only in passages that cover the question: "is Chicago an AI hub", asked in an example's
    own words, was refused when the Chicago salary line (Location-Based Salary Variations, far from "hub") led."""
    for question in ("is Chicago an AI hub", "is chicago a big hub for AI jobs?"):
        reply = real_assistant.ask(question)
        assert not reply.abstained and "Chicago" in reply.answer


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("what job is above a junior ML engineer", "ML Engineering Manager"),
        ("what's above junior ML engineer", "ML Engineering Manager"),
        ("undo a bad model release", "automatic rollbacks"),
        ("how would you undo a bad model release", "automatic rollbacks"),
    ],
)
def test_a_part_asked_before_and_answered_by_the_documents_goes_there(
    real_assistant: Assistant, without_examples: Assistant, question: str, said: str
) -> None:
    """Without the examples these went to a salary figure, a greeting or a refusal; the shipped examples hold
    other wordings ("what roles sit above a junior ML engineer", "how do you undo a bad model release")."""
    assert _normalised(question) not in {_normalised(e["q"]) for e in _shipped()}
    reply = real_assistant.ask(question)
    assert reply.route == "documents" and said in reply.answer
    assert said not in without_examples.ask(question).answer


@pytest.mark.parametrize(
    "question", ["what does a junior ML engineer earn?", "what perks besides base pay do data scientists get?"]
)
def test_what_the_tables_hold_stays_with_the_statistics(real_assistant: Assistant, question: str) -> None:
    assert real_assistant.ask(question).route == "statistics"


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("gan meaning", "generative adversarial network"),
        ("what does gan stand for", "generative adversarial network"),
        ("do i need a STEM degree for ai", "bachelor's degree"),
        ("what are research papers good for", "academic papers"),
        ("what tech are LLMs built on", "deep learning"),
    ],
)
def test_a_question_asked_before_is_answered_though_the_refusal_gates_doubt_it(
    real_assistant: Assistant, without_examples: Assistant, question: str, said: str
) -> None:
    """Without the examples these are refused (the documents never write "GAN"; "STEM" is a word they never use);
    the shipped examples hold other wordings of them, answered by the sentence that answers these too. ("gan stands
    for what" is answered without them since the GAN sentence leads both rankings: ranking_agreement.py.)"""
    assert _normalised(question) not in {_normalised(e["q"]) for e in _shipped()}
    reply = real_assistant.ask(question)
    assert not reply.abstained and said.lower() in reply.answer.lower()
    assert without_examples.ask(question).abstained


@pytest.mark.parametrize("question", ["which company built Azure Machine Learning", "who created Azure ML?"])
def test_a_bare_label_that_answered_a_near_question_vouches_for_nothing(
    real_assistant: Assistant, question: str
) -> None:
    """The example "does anyone use Azure Machine Learning" was answered by the bare tools-list item; it says
    nothing of who built it, so the question is still refused, not answered with whatever sentence scores best."""
    reply = real_assistant.ask(question)
    assert reply.abstained or "Azure" in reply.answer


def test_only_a_sentence_that_answered_a_near_enough_question_vouches() -> None:
    sentence = "For instance, in a generative adversarial network, a generative model produces the sample data."
    assert AnswerExamples.vouch_for([sentence], {sentence: VOUCH})
    assert not AnswerExamples.vouch_for([sentence], {sentence: VOUCH * 0.9})
    assert not AnswerExamples.vouch_for(["Azure Machine Learning"], {"Azure Machine Learning": 1.0})
    assert not AnswerExamples.vouch_for([sentence], {})


@pytest.mark.parametrize(
    "turns", [("who came up with reinforcement learning?",), ("what is reinforcement learning?", "who invented it?")]
)
def test_answered_examples_never_vouch_for_an_origin_the_documents_never_state(
    real_assistant: Assistant, turns: tuple[str, ...]
) -> None:
    """'who came up with RL?' lies near 'what is RL?', which the documents answer; who made it they never say."""
    reply = real_assistant.ask(turns[0])
    for then in turns[1:]:
        reply = real_assistant.ask(then, session_id=reply.session_id)
    assert reply.abstained and "origin" in reply.answer, reply.answer
