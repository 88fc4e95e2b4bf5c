"""A question asking how to raise pay ("what would help raise that?" after a salary) asks what to do: the documents'
advice on raising pay answers it, never the figure again, nor how the figure is measured, nor a negotiation refusal.
Phrasings here are not in the eval cases."""

from __future__ import annotations

import pytest

from assistant.pay_raising import asks_to_raise_pay
from assistant.pipeline import Assistant


@pytest.mark.parametrize(
    "question",
    [
        "what could help bump that up?",
        "how would someone grow that?",
        "what can I do to make more than that?",
        "ok and how could I raise it?",
        "any tips to earn more as a robotics engineer?",
        # the opening after the asker's context, a bare "how can", the goal said as pay itself, a raise named
        "i'm a data analyst in boston, how could i boost my income?",
        "how can ML folks push their pay higher?",
        "what should I do for a bigger paycheck?",
        "how do robotics engineers grow their earnings?",
        "which certifications lift your salary?",
        # the goal said before the question, in the same sentence or the one before; "paid better"
        "I'd like to earn more as a data engineer, what should I learn?",
        "I'm hoping to grow my income. Where do I start, what should I do?",
        "how do I get paid better in robotics?",
    ],
)
def test_means_of_raising_pay_are_asked(question: str) -> None:
    assert asks_to_raise_pay(question)


@pytest.mark.parametrize(
    "question",
    [
        "how do salaries increase with experience?",  # how pay moves, pay the subject
        "did the median increase in 2025?",  # whether a figure rose
        "how much more do data scientists make than AI researchers?",  # a comparison of figures
        "how could someone get better at statistics?",  # means asked, no way of raising pay named
        "which role pays the most?",
        # pay got by talking to an employer: negotiation, which the documents never advise on
        "how can I negotiate a better salary as a data scientist?",
        "tips for haggling a higher salary out of a recruiter",
        "which city saw the biggest salary increase?",  # the verb is not the question word's own
        "what's the normal yearly raise for AI engineers?",  # a raise's size, the noun: no means asked
        "I want to learn PyTorch, what should I start with?",  # a goal, but not pay
    ],
)
def test_other_questions_ask_no_means_of_raising_pay(question: str) -> None:
    assert not asks_to_raise_pay(question)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("first", "then", "figure"),
    [
        ("what's the entry pay for a robotics engineer?", "what can I do to make more than that?", "$76,453"),
        ("how much does a mid-career data scientist earn?", "how would someone grow that?", "$125,259"),
        ("ML engineer salary in Seattle?", "ok and how could I raise it?", "$173,517"),
        ("what's the average AI researcher salary?", "what could help bump that up?", "$108,932"),
    ],
)
def test_raising_a_figure_just_given_gets_the_advice_on_raising_pay(
    real_assistant: Assistant, first: str, then: str, figure: str
) -> None:
    session = real_assistant.ask(first).session_id
    reply = real_assistant.ask(then, session)
    assert reply.route == "documents"
    assert figure not in reply.answer
    assert any("Career Advancement" in c.section for c in reply.citations)


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "how would an AI researcher get paid more?",  # its salary section before
        "what could a data scientist do to earn more?",  # its career path before
    ],
)
def test_a_role_named_is_who_asks_to_raise_pay(real_assistant: Assistant, question: str) -> None:
    """The role says who asks; its salary section is not the answer, the advice on raising pay is."""
    reply = real_assistant.ask(question)
    assert reply.route == "documents"
    assert "Average Base Salary" not in reply.answer
    assert any("Career Advancement" in c.section for c in reply.citations)


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "what can I do to grow my income?",  # refused by the documents answerer before
        "as an ML engineer in Seattle, how could I get a bigger paycheck?",  # the opening after the asker's context
        "any ideas for getting paid more as a robotics engineer?",  # best practices before
        "how do I land a raise as a data scientist?",  # a raise named; the role's career path before
    ],
)
def test_every_wording_of_raising_pay_gets_the_advice_on_raising_pay(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question)
    assert reply.route == "documents", (reply.route, reply.answer)
    assert not reply.abstained
    assert any("Career Advancement" in c.section for c in reply.citations), reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "which skills make you more money as a data scientist?",
        "what skills should I pick up to get paid more?",
    ],
)
def test_skills_that_raise_pay_are_the_factors_of_pay(real_assistant: Assistant, question: str) -> None:
    """The skills asked, the factors of pay answer (specialized skills) beside the advice, not a salary overview."""
    reply = real_assistant.ask(question)
    assert reply.route == "documents", (reply.route, reply.answer)
    assert "Specialized skills" in reply.answer, reply.answer
    assert any("Factors Influencing Salaries" in c.section for c in reply.citations), reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "how big a yearly raise should a robotics engineer expect?",
        "what's the usual percent raise at Meta for data scientists?",
    ],
)
def test_the_size_of_a_raise_is_no_figure_of_the_sources(real_assistant: Assistant, question: str) -> None:
    """No source gives raise sizes: the reply says so, with no role's or company's pay in its place."""
    reply = real_assistant.ask(question)
    assert reply.abstained, reply.answer
    assert "raises" in reply.answer
    assert "$" not in reply.answer, reply.answer


@pytest.mark.slow
def test_a_raise_between_two_levels_is_their_difference(real_assistant: Assistant) -> None:
    """A raise between two levels the tables hold is computed from them, not refused."""
    reply = real_assistant.ask("how big is the raise from early career to experienced for an AI engineer?")
    assert not reply.abstained, reply.answer
    assert "$104,196" in reply.answer and "$123,989" in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "how can I negotiate a bigger salary as an ML engineer?",
        "any tips for negotiating higher pay at my AI job offer?",
    ],
)
def test_negotiating_pay_is_still_not_raising_it(real_assistant: Assistant, question: str) -> None:
    """Negotiation is asked of an employer in words the documents never give: refused, not the raising advice."""
    reply = real_assistant.ask(question)
    assert reply.abstained, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("what's the average robotics engineer salary?", "how can they boost it?"),
        ("what do AI researchers make at late career?", "how might they push it up?"),
    ],
)
def test_raising_the_pay_just_given_by_a_pronoun_is_not_the_roles_path(
    real_assistant: Assistant, first: str, then: str
) -> None:
    """The role is "they", the pay just given "it": the advice on raising pay answers, not the role's career path."""
    session = real_assistant.ask(first).session_id
    reply = real_assistant.ask(then, session)
    assert reply.route == "documents", (reply.route, reply.answer)
    assert not any("Career Paths" in c.section for c in reply.citations), reply.answer
    assert any("Career Advancement" in c.section for c in reply.citations), reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "what's the entry salary for AI engineers, and how do I get mine higher?",
        "how much do data scientists make on average? how could I boost mine?",
    ],
)
def test_the_askers_own_pay_beside_a_figure_is_raised(real_assistant: Assistant, question: str) -> None:
    """The asker's pay ("mine") of the figure just asked: the second part is the advice on raising pay."""
    reply = real_assistant.ask(question)
    assert reply.route == "both", (reply.route, reply.answer)
    assert any("Career Advancement" in c.section for c in reply.citations), reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "how can i incrase my salary as a data scientst",
        "what can i do to increse my income?",
    ],
)
def test_raising_pay_is_read_with_typos_fixed(real_assistant: Assistant, question: str) -> None:
    """The reading runs on the question with its typos fixed: the advice and the factors of pay answer."""
    reply = real_assistant.ask(question)
    assert reply.route == "documents", (reply.route, reply.answer)
    assert any("Factors Influencing Salaries" in c.section for c in reply.citations), reply.answer
