"""A question about a role alone ("what does an ML engineer do?") asks for its duties (assistant/role_duties.py).

The mechanism is tested on made-up passages (no model); the answers on the real corpus with paraphrases that are
not in the eval.
"""

from __future__ import annotations

import pytest

from assistant.draft import Draft
from assistant.pipeline import Assistant
from assistant.role_duties import RoleDuties
from assistant.text_terms import terms

# Made up: no answer can come from the real corpus.
PASSAGES = [
    "Claims Adjusters, sometimes called loss adjusters, carry a wide set of core responsibilities across a claim.\n"
    "- Inspect damaged property\n- Interview claimants",
    "- Underwriter\n- Progress from Junior Underwriter to Chief Underwriter.",
    "Underwriters price risk for insurers.",
]
FRAME = frozenset(t for w in ("job", "role", "day", "all") for t in terms(w))


def duties() -> RoleDuties:
    return RoleDuties(PASSAGES, ["responsibilities"], FRAME, {"ca": "claims adjuster"})


@pytest.mark.parametrize(
    "question",
    [
        "what does a claims adjuster do?",
        "what is a claims adjuster responsible for",
        "whats the job of a CA",
        "what do claims adjusters do all day",
    ],
)
def test_a_role_asked_alone_is_asked_for_its_duties(question: str) -> None:
    assert duties().asked(question, ["Claims Adjuster"]) == "Claims Adjuster responsibilities"


@pytest.mark.parametrize(
    ("question", "role"),
    [
        # no passage opens by naming underwriters with their responsibilities: its own entry answers
        ("what does an underwriter do?", "Underwriter"),
        # something else is asked of the role
        ("what does a claims adjuster earn in Ohio", "Claims Adjuster"),
        ("which tools does a claims adjuster use", "Claims Adjuster"),
    ],
)
def test_no_duties_when_none_are_written_or_something_else_is_asked(question: str, role: str) -> None:
    assert duties().asked(question, [role]) == ""


def test_no_duty_words_in_the_data_change_nothing() -> None:
    assert RoleDuties(PASSAGES, [], FRAME, {}).asked("what does a claims adjuster do?", ["Claims Adjuster"]) == ""


def _answer(assistant: Assistant, question: str, role: str) -> str:
    draft = Draft(documents=assistant.build.documents)
    assert assistant.build.document_answerer.answer(question, "explanation", draft, [role]), question
    return draft.text()


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["whats the job of a machine learning engineer", "what are ML engineers responsible for?"],
)
def test_what_an_ml_engineer_does_is_answered_by_the_responsibilities(real_assistant: Assistant, question: str) -> None:
    """Not by the Career Paths entry that only names the role ("Machine Learning Engineer: Progress from ...")."""
    text = _answer(real_assistant, question, "Machine Learning Engineer")
    assert "Model Deployment and Monitoring" in text, text
    assert "Progress from Junior ML Engineer" not in text, text


@pytest.mark.slow
def test_a_role_whose_duties_are_not_written_keeps_its_own_entry(real_assistant: Assistant) -> None:
    """The guide lists no robotics engineer's responsibilities: its Career Paths entry is what it says of the role."""
    text = _answer(real_assistant, "what does a robotics engineer do all day", "Robotics Engineer")
    assert "AI-powered robotic systems" in text, text
    assert "Model Deployment and Monitoring" not in text, text
