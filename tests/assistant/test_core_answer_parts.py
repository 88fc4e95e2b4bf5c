"""answer_parts: one planned part answered by its route, or said to be uncovered in its own sentence."""

from __future__ import annotations

import pytest

from assistant.answer_parts import answer_part, not_mentioned
from assistant.draft import Draft
from assistant.pipeline import Assistant


def test_names_not_mentioned_are_listed_in_one_sentence() -> None:
    assert not_mentioned(["Julia"]) == "The sources I have don't say anything about Julia."
    assert not_mentioned(["Docker", "Kubernetes", "MLflow"]).endswith("about Docker, Kubernetes or MLflow.")


@pytest.mark.slow
def test_each_part_answered_by_its_route_or_said_uncovered(real_assistant: Assistant) -> None:
    build = real_assistant.build
    parts = real_assistant.planner.plan(
        "what was the 2024 median and what's the best pizza in Chicago?", build.vocabulary, None, []
    )
    draft = Draft(documents=build.documents)
    routes = [answer_part(build, real_assistant.planner, part, draft, alone=False) for part in parts]
    assert routes == ["statistics", "out_of_scope"]
    assert "$5,640" in draft.text() and "don't say anything about" in draft.text()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("message", "note", "other"),
    [
        ("what do ML engineers earn in Chicago and which industries hire them?", "above national average", "health"),
        ("how much does an ML engineer make in Columbus, and what is AutoML?", "mid-sized cities", "automat"),
    ],
)
def test_a_part_with_no_figure_keeps_what_the_sources_say_of_it(
    real_assistant: Assistant, message: str, note: str, other: str
) -> None:
    """A city the guide names with a note but no figure: in a two-part message the part says what the sources
    say of it (the cited note), as it does asked alone, and the other part is answered."""
    reply = real_assistant.ask(message)
    assert [p.covered for p in reply.plan] == [False, True], reply.plan
    assert note in reply.answer and other in reply.answer.lower(), reply.answer
    assert "don't say anything about" not in reply.answer and not reply.abstained, reply.answer
    quoted = next(c for c in reply.citations if note in c.snippet)
    assert quoted.source.startswith("ai-ml-expert-career-guide.md:"), quoted


@pytest.mark.slow
@pytest.mark.parametrize(
    ("message", "figure", "duty"),
    [
        (
            "considering robotics engineer jobs, what's the mid-career pay and what would i be working on",
            "$97,121",
            "robotic systems",
        ),
        ("eyeing data scientist jobs - average pay and what would i do all day", "$129,640", "insights"),
        ("what does a data scientist earn and what would my typical day look like", "$129,640", "insights"),
    ],
)
def test_the_asker_in_the_role_a_message_is_about(
    real_assistant: Assistant, message: str, figure: str, duty: str
) -> None:
    """'X pay and what would I be doing?': the asker in the role the message names; the part is searched with that
    role (it was refused, or answered with the portfolio advice its own words found)."""
    reply = real_assistant.ask(message)
    assert [p.covered for p in reply.plan] == [True, True], reply.plan
    assert figure in reply.answer and duty in reply.answer, reply.answer


@pytest.mark.slow
def test_a_question_alone_takes_no_role_it_does_not_name(real_assistant: Assistant) -> None:
    """Asked alone, 'what would I be doing day to day?' names no role: nothing is found for it by a role."""
    reply = real_assistant.ask("what would i actually be doing day to day")
    assert reply.abstained and reply.route == "out_of_scope", reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "message",
    [
        "data scientist entry pay, and would I get free lunch at work",
        "AI researcher average pay and what would my commute be like",
    ],
)
def test_the_role_does_not_answer_what_the_asker_asks_beyond_the_job(real_assistant: Assistant, message: str) -> None:
    """'X pay and would I get free lunch at work?': the asker in the job, but asking of something the documents
    do not write; searched with the role it found the role's career line. It says it is not covered."""
    reply = real_assistant.ask(message)
    assert [p.covered for p in reply.plan] == [True, False], reply.plan
    assert "don't say anything about" in reply.answer, reply.answer


def test_one_sentence_under_two_markers_is_said_once_and_cited_once() -> None:
    """The same sentence found as a figure's row and as a passage gets two markers; said once, the second
    citation (pointed at by nothing) is taken back, so no marker number is skipped."""
    draft = Draft(documents={})
    draft.citations.append(_citation(1))
    draft.say("85% of enterprises use AI. [1]")
    draft.citations.append(_citation(2))
    draft.say("85% of enterprises use AI. [2]")
    assert draft.parts == ["85% of enterprises use AI. [1]"]
    assert [c.id for c in draft.citations] == [1]


def _citation(number: int):  # type: ignore[no-untyped-def]
    from assistant.models import Citation

    return Citation(id=number, title="t", source=f"d.md:{number}", section="s", snippet="x", score=None)


@pytest.mark.parametrize(
    "message", ["what share of enterprises use AI and what for", "what share of companies use AI already, and what for"]
)
def test_a_part_that_only_repeats_the_part_before_looks_in_the_documents(
    real_assistant: Assistant, message: str
) -> None:
    """'... and what for': the figure part before already said the 85% sentence; the second part gets a sentence of
    its own from the documents, not nothing (every part answered or explicitly not), and the 85% once."""
    reply = real_assistant.ask(message)
    assert reply.answer.count("85%") == 1, reply.answer
    assert reply.route == "both" and len(reply.citations) >= 2, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("message", "figures"),
    [
        ("2025 proposals and which city pays ML engineers the most", ("1 [1]", "$184,982")),
        ("the median in 2025 plus the ML engineer figure in Seattle", ("$5,808", "$173,517")),
    ],
)
def test_a_year_carried_from_the_part_before_does_not_refuse_a_guide_figure(
    real_assistant: Assistant, message: str, figures: tuple[str, str]
) -> None:
    """'2025 proposals and which city pays ML engineers the most': the year is the platform part's; the city
    part names none, and the guide's city and role figures are of its own year (it was refused: "the guide's
    US salaries are for 2024 only")."""
    reply = real_assistant.ask(message)
    assert not reply.abstained and all(f in reply.answer for f in figures), reply.answer
    assert "don't say" not in reply.answer, reply.answer
