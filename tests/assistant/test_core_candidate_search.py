"""A role named as context of another topic is searched without it (assistant/candidate_search.py).

The rules are tested on made-up passages (no model); the answers on the real corpus with paraphrases that are not
in the eval.
"""

from __future__ import annotations

import pytest

from assistant.candidate_search import named_whole, role_free_first, speaks_of_role
from assistant.draft import Draft
from assistant.pipeline import Assistant
from assistant.retrieval import Passage
from assistant.text_terms import terms


def _passage(chunk: str, section: str, text: str, fused: float = 0.1) -> Passage:
    return Passage(chunk, text, section, "X", "x.md", ("x.md",), ("X",), score=0.5, fused=fused)


def _names(label: set[str]) -> bool:
    return label == set(terms("Claims Adjuster"))


# Made up: no answer can come from the real corpus.
ADJUSTER_ITEM = _passage(
    "paths", "Careers > Career Paths", "- Claims Adjuster\n- Advance from Junior Adjuster to Chief Adjuster."
)
MENTIONED = _passage(
    "teams", "Soft Skills > Teamwork", "- Skills in working with diverse teams, including claims adjusters and brokers"
)
SUBJECT = _passage(
    "impact", "Overview > Impact", "Claims Adjusters play a vital role in insurance by:\n- Settling claims fairly"
)


def test_a_role_only_listed_among_others_says_nothing_of_it() -> None:
    assert not speaks_of_role([MENTIONED], "Claims Adjuster", set(terms("skills")), _names)


@pytest.mark.parametrize(
    ("passage", "asked"),
    [
        (ADJUSTER_ITEM, "advance"),  # the role's own item says it
        (ADJUSTER_ITEM, "career"),  # ... under a heading that says it
        (SUBJECT, "impact"),  # a sentence opening on the role, in a passage that says it
    ],
)
def test_a_passage_saying_what_is_asked_of_the_role_keeps_it(passage: Passage, asked: str) -> None:
    assert speaks_of_role([passage], "Claims Adjuster", set(terms(asked)), _names)


def test_the_role_must_be_named_whole() -> None:
    assert named_whole("Machine Learning Engineer", "what tools do ML engineers use", {"ml": "machine learning"})
    assert not named_whole("offers total", "do people with zero offers count in it?", {})


def test_what_the_role_alone_found_ranks_below_what_the_question_found() -> None:
    role_only = _passage("role", "Career Paths", "text", fused=0.9)
    asked = [_passage("a", "Skills", "text", fused=0.3), _passage("b", "Skills", "text", fused=0.2)]
    merged = role_free_first(asked, [role_only, _passage("a", "Skills", "text", fused=0.5)])
    assert [p.chunk_id for p in merged] == ["a", "b", "role"]
    assert merged[-1].fused == 0.2


def _answer(assistant: Assistant, question: str, kind: str, role: str) -> str:
    draft = Draft(documents=assistant.build.documents)
    assert assistant.build.document_answerer.answer(question, kind, draft, [role]), question
    return draft.text()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("what skills should an AI researcher bring", "AI Researcher"),
        ("what skills does an AI product manager have to bring", "AI Product Manager"),
    ],
)
def test_skills_asked_with_a_role_are_the_skills(real_assistant: Assistant, question: str, role: str) -> None:
    """Essential Skills, not the Essential Soft Skills or Requirements headings the role's passages rank first."""
    text = _answer(real_assistant, question, "list", role)
    assert "Proficiency in programming languages" in text, text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("what frameworks do AI researchers work with", "AI Researcher"),
        ("which frameworks are AI product managers expected to know", "AI Product Manager"),
        ("what frameworks does a robotics engineer rely on", "Robotics Engineer"),
    ],
)
def test_frameworks_asked_with_a_role_are_the_frameworks(real_assistant: Assistant, question: str, role: str) -> None:
    """No section is headed "frameworks", only list labels ("Machine Learning Frameworks: ..."): a label's word is
    a topic too (passage_units.label_terms), so the question is not about the role, whose item says no framework."""
    text = _answer(real_assistant, question, "list", role)
    assert "TensorFlow" in text, text


@pytest.mark.slow
def test_what_the_documents_say_of_the_role_itself_still_answers(real_assistant: Assistant) -> None:
    text = _answer(real_assistant, "how far can a robotics engineer go in their career", "path", "Robotics Engineer")
    assert "Director of Robotics" in text, text
