"""'Which skills push pay up?': the things that raise pay are asked by name (answer_roles.RAISERS_ASKED, the verbs
being the vocabulary's [raising] verbs). The unit that names such things of the asked kind answers ("Specialized
skills (e.g., deep learning, NLP)" under Factors Influencing Salaries), not a sentence that only repeats the verb
("Salaries typically increase with experience"), one naming other things ("Major tech companies (Google, Apple,
Meta) ..."), or a section a modifier of the question names (Specialization). Phrasings here are not in the eval."""

from __future__ import annotations

import pytest

from assistant.answer_roles import RAISERS_ASKED
from assistant.pipeline import Assistant


@pytest.mark.parametrize(
    ("question", "noun"),
    [
        ("which skills push pay higher?", "skills"),
        ("which specialised skills raise your salary?", "skills"),
        ("what certifications boost earnings?", "certifications"),
        ("what kinds of skills boost an AI salary?", None),  # kinds asked, not things by name
        ("what makes salaries rise?", None),
    ],
)
def test_raisers_asked(question: str, noun: str | None) -> None:
    found = RAISERS_ASKED.match(question)
    assert (found.group("noun") if found else None) == noun


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "which skills push pay higher?",
        "what skills increase your pay?",
        "which specialised skills raise your salary?",
        "experienced data scientist salary, and which skills push the pay up?",
    ],
)
def test_skills_that_raise_pay_are_the_salary_factor(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question)
    assert "Specialized skills (e.g., deep learning, NLP)" in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["what can raise the salary?", "data scientist average salary, and what can raise it?"],
)
def test_how_to_raise_pay_is_not_the_salary_overview(real_assistant: Assistant, question: str) -> None:
    # "salary" names the Salary Ranges heading; how to raise it is said under Career Advancement
    reply = real_assistant.ask(question)
    assert "management or specialized roles" in reply.answer, reply.answer
    assert "- AI Engineer" not in reply.answer, reply.answer
