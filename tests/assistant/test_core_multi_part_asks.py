"""Messages that ask several things at once: every part answered in its own kind (issue 8, two-part questions).

A comparison opened by an imperative ("compare the X in 2024 vs 2025") is not refused as if "compare" were a thing
compared; a part that names both roles it compares is not the figure of the part before set beside a new role;
several levels named in one figure request are each answered; a place at the head or foot of a list ranks."""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant
from assistant.understanding import Vocabulary, understand


@pytest.mark.slow
@pytest.mark.parametrize(
    ("message", "figures"),
    [
        ("compare the number of offers for 2024 vs 2025", ["45", "59"]),
        (
            "contrast the median salary expectation in 2024 vs 2025, and what does the median mean?",
            ["$5,640", "$5,808"],
        ),
    ],
)
def test_an_imperative_comparison_is_answered_not_refused(
    real_assistant: Assistant, message: str, figures: list[str]
) -> None:
    """ "compare"/"contrast" open the request; they are no side compared that the documents never write."""
    reply = real_assistant.ask(message)
    assert all(f in reply.answer for f in figures), reply.answer
    assert "don't say anything about" not in reply.answer and not reply.abstained, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "message",
    [
        "what's the average data scientist salary, and how do data scientists differ from machine learning engineers?",
        "ML engineer entry pay; how do machine learning engineers differ from data scientists?",
    ],
)
def test_a_part_naming_both_roles_it_compares_is_its_own_question(real_assistant: Assistant, message: str) -> None:
    """After a salary part, a comparison that names both its roles asks how the jobs differ (the guide's 'how' and
    'what'), not their salaries side by side."""
    reply = real_assistant.ask(message)
    assert [p.kind == "figure" for p in reply.plan] == [True, False], reply.plan
    assert "'how' of machine learning" in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("message", "figures"),
    [
        ("what do robotics engineers make at entry level and mid-career?", ["$76,453", "$97,121"]),
        ("data scientist early career and experienced salary", ["$116,717", "$134,922"]),
        ("AI engineer average and late career pay", ["$127,986", "$132,496"]),
    ],
)
def test_every_level_named_in_one_request_is_answered(
    real_assistant: Assistant, message: str, figures: list[str]
) -> None:
    reply = real_assistant.ask(message)
    assert all(f in reply.answer for f in figures), reply.answer
    assert not reply.abstained


@pytest.mark.slow
def test_a_level_the_guide_lacks_beside_one_it_has_is_said_not_abstained(real_assistant: Assistant) -> None:
    reply = real_assistant.ask("entry and late career pay for a robotics engineer")
    assert "$76,453" in reply.answer and "no Late Career figure" in reply.answer, reply.answer
    assert not reply.abstained


@pytest.mark.parametrize(
    ("message", "rank"),
    [
        ("which city tops the list for ML engineer pay", "highest"),
        ("which role ranks first on average salary", "highest"),
        ("which role comes last on average pay", "lowest"),
        ("what role is at the bottom of the list for entry salary", "lowest"),
    ],
)
def test_a_place_at_the_head_or_foot_of_a_list_ranks(message: str, rank: str) -> None:
    assert understand(message, Vocabulary(set())).rank == rank


@pytest.mark.slow
@pytest.mark.parametrize(
    ("message", "routes"),
    [
        ("what does a data scientist do, their entry salary", ["documents", "statistics"]),
        ("what does an AI engineer do, mid-career pay, and how they move up", ["documents", "statistics", "documents"]),
    ],
)
def test_a_question_then_requests_of_another_kind_is_one_part_each(
    real_assistant: Assistant, message: str, routes: list[str]
) -> None:
    """A question, then after a comma a request in a noun phrase that asks something else: each is a part (the
    figure was glued to the question and its duties dropped)."""
    parts = real_assistant.planner.plan(message, real_assistant.build.vocabulary, None, [])
    assert [p.route for p in parts] == routes, [(p.text, p.route) for p in parts]


@pytest.mark.slow
@pytest.mark.parametrize(
    "message",
    ["how many orgs plan to retrain employees by 2025?", "how many orgs are expected to reskill staff by 2025?"],
)
def test_a_short_form_of_a_written_word_is_that_word(real_assistant: Assistant, message: str) -> None:
    reply = real_assistant.ask(message)
    assert "75%" in reply.answer and not reply.abstained, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("message", "figure"),
    [
        ("What does a data scientist do? And what's their average pay?", "$129,640"),
        ("which skills does a robotics engineer need, and what's their average pay?", "$96,013"),
    ],
)
def test_pay_asked_of_the_role_a_pronoun_stands_for_is_its_figure(
    real_assistant: Assistant, message: str, figure: str
) -> None:
    """ "their average pay" after a part naming a role is that role's figure (it was an explanation searched in the
    documents, which gave the ML experts' market average)."""
    reply = real_assistant.ask(message)
    assert [p.kind for p in reply.plan][-1] == "figure", reply.plan
    assert figure in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("message", "duty"),
    [
        ("which job has the lowest entry level salary? what do they do?", "robotic systems"),
        ("Which role is the best paid on average, and what does that role do day to day?", "insights"),
    ],
)
def test_that_role_after_a_ranking_is_the_role_it_led_with(real_assistant: Assistant, message: str, duty: str) -> None:
    """ "that role" / "they" after a ranking part is the role the ranking answered with (known only once it is
    answered): its duties are searched, not the words "that role"."""
    reply = real_assistant.ask(message)
    assert duty in reply.answer, reply.answer
    assert [p.route for p in reply.plan] == ["statistics", "documents"], reply.plan


@pytest.mark.slow
@pytest.mark.parametrize(
    ("message", "figures"),
    [
        ("2025 median and 2024 proposals please", ["$5,808", "0.4"]),
        ("proposals in 2025 and median expectation in 2024", ["1 ", "$5,640"]),
        ("robotics engineer mid-career pay and data scientist entry level pay", ["$97,121", "$107,150"]),
    ],
)
def test_two_figure_requests_joined_by_a_bare_and_are_each_answered(
    real_assistant: Assistant, message: str, figures: list[str]
) -> None:
    """Two noun-phrase figure requests joined by 'and' are two parts: one tool answered one of them and dropped
    the other (or crossed the first role with the second level)."""
    reply = real_assistant.ask(message)
    assert len(reply.plan) == 2, reply.plan
    assert all(f in reply.answer for f in figures), reply.answer
    assert "no Late Career" not in reply.answer and "no Entry Level" not in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "message",
    [
        "what salaries do google, apple and meta offer?",
        "how much can bonuses and stock options add per year?",
        "offers, median and proposals in 2024",  # the 'and' closes a list the figure tool reads whole
        "number of offers and median expectation in 2024",  # the closing year is both figures' year
    ],
)
def test_and_inside_a_question_joins_what_it_asks_of(real_assistant: Assistant, message: str) -> None:
    assert len(real_assistant.ask(message).plan) == 1


@pytest.mark.slow
@pytest.mark.parametrize(
    "message",
    [
        "what's the median salary expectation? how do they compute it?",
        "what is the median expectation and how do they work it out?",
    ],
)
def test_a_figure_part_beside_its_method_part_gives_the_figure(real_assistant: Assistant, message: str) -> None:
    """Asked alone, "what's the median?" may be its definition; beside a part asking how it is made, the other part
    says that, and this one gives the figure."""
    reply = real_assistant.ask(message)
    assert "$5,808" in reply.answer and "weighted average" in reply.answer, reply.answer
    assert [p.route for p in reply.plan] == ["statistics", "documents"], reply.plan


@pytest.mark.slow
@pytest.mark.parametrize(
    ("message", "routes"),
    [
        (
            "for a data scientist: duties, entry pay, experienced pay, career path",
            ["documents", "statistics", "statistics", "documents"],
        ),
        ("ML engineer: skills, salary, promotion path", ["documents", "statistics", "documents"]),
    ],
)
def test_a_list_of_three_or_more_bare_requests_is_one_part_each(
    real_assistant: Assistant, message: str, routes: list[str]
) -> None:
    """Items of one word ask by themselves in a list of three or more, and the list is read before two of its items
    are read as words sharing the rest (which glued the later figures and the path into one figure part)."""
    parts = real_assistant.planner.plan(message, real_assistant.build.vocabulary, None, [])
    assert [p.route for p in parts] == routes, [(p.text, p.route) for p in parts]


@pytest.mark.slow
@pytest.mark.parametrize("message", ["what's the growth path for a data scientist", "AI researcher career trajectory?"])
def test_a_growth_path_or_trajectory_asks_a_career_path(real_assistant: Assistant, message: str) -> None:
    parts = real_assistant.planner.plan(message, real_assistant.build.vocabulary, None, [])
    assert [p.kind for p in parts] == ["path"], [(p.text, p.kind) for p in parts]


@pytest.mark.slow
@pytest.mark.parametrize(
    "message",
    [
        "entry level data scientist salary? and how do you push your earnings beyond that?",
        "mid-career robotics engineer pay, and how do I push my salary past that?",
    ],
)
def test_that_after_a_roles_pay_is_the_figure_not_the_role(real_assistant: Assistant, message: str) -> None:
    """ "beyond that" points at the figure just given; put the role in its place and the part asked the role's pay
    again (a figure part answered with general pay lines), not how to raise it (Career Advancement)."""
    reply = real_assistant.ask(message)
    assert "boost earning potential" in reply.answer, reply.answer
    assert "Major tech companies" not in reply.answer and "command competitive salaries" not in reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("ranking", "then", "duty"),
    [
        ("which job has the lowest entry level salary?", "what does that job involve day to day?", "robotic systems"),
        ("Which role is the best paid on average?", "ok, and what do they do all day?", "insights"),
    ],
)
def test_that_role_in_the_turn_after_a_ranking_is_the_role_it_led_with(
    real_assistant: Assistant, ranking: str, then: str, duty: str
) -> None:
    """ "that job" / "they" asked as a turn of its own after a ranking: the leader is stored with the ranking's turn
    (any worker reads it), so the follow-up is that role's question, not the words "that job"."""
    session = real_assistant.ask(ranking).session_id
    reply = real_assistant.ask(then, session)
    assert duty in reply.answer, reply.answer
    assert [p.route for p in reply.plan] == ["documents"], reply.plan


@pytest.mark.slow
@pytest.mark.parametrize(
    ("message", "missing"),
    [
        ("data scientist average pay, and what is it in London?", "no salary data for London"),
        ("robotics engineer average salary, and what's it in Toronto?", "no salary data for Toronto"),
    ],
)
def test_it_in_another_place_after_a_figure_asks_that_figure_there(
    real_assistant: Assistant, message: str, missing: str
) -> None:
    """'it' names no person, but a part naming a place of its own asks the figure before in that place: the place
    the sources lack is said to be uncovered, not answered with general pay sentences."""
    reply = real_assistant.ask(message)
    assert missing in reply.answer, reply.answer
    assert "Major tech companies" not in reply.answer, reply.answer
