"""Follow-ups, sixth round: the labelled follow-up forms vote (a group clearly nearer than every `other` form is
read even below the forms' threshold), an instance asked of the topic ("like which?"), "they" for the role of a
turn before a figure of no one, the whole country after a city's figure, and a form of the last question asked
of a new role and level keeping the last question's kind. Conversations through the real pipeline; the wordings
are in no eval case nor in stats/followup_forms.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.pipeline import Assistant
from tests.assistant.test_core_followups import conversation


def test_the_forms_vote_for_a_group_only_when_clearly_nearer_than_the_other_forms(
    real_assistant: Assistant, tmp_path: Path
) -> None:
    """Below the forms' threshold the nearest group is read when the `other` forms are clearly farther; a form of
    `other` as near takes the reading away; a message naming something never votes. All from the file."""
    from assistant.followup_forms import FORM_NEAR, FollowupForms

    embeddings = real_assistant._query_embeddings
    message = embeddings.embed_query("by how much does it go up?")
    forms = tmp_path / "forms.yaml"
    forms.write_text("forms:\n  gap: ['how much does it increase?']\n  other: ['what does this job do?']\n")
    loaded = FollowupForms.load(embeddings, forms)
    assert loaded.matrix is not None and float((loaded.matrix @ message).max()) < FORM_NEAR  # a vote, not a match
    assert loaded.form_of(message) == "gap"
    assert loaded.form_of(message, votes=False) is None  # a message naming a role or a level reads its own words
    forms.write_text("forms:\n  gap: ['how much does it increase?']\n  other: ['how much higher is that?']\n")
    assert FollowupForms.load(embeddings, forms).form_of(message) is None  # too close to call


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        (
            ("entry level robotics engineer salary", "and entry level AI researcher?", "which of those wins?"),
            ("88,713", "76,453", "12,260"),
        ),
        (("AI engineer early career salary", "and experienced?", "how much does it climb?"), ("19,793",)),
    ],
)
def test_a_follow_up_voted_a_gap_sets_the_two_figures_side_by_side(
    real_assistant: Assistant, turns: tuple[str, ...], expected: tuple[str, ...]
) -> None:
    # neither wording is >= 0.8 near a gap form, but both lie clearly nearer the gap forms than any `other` one
    reply = conversation(real_assistant, *turns)
    assert [p.route for p in reply.plan] == ["statistics"], reply.plan
    assert all(figure in reply.answer for figure in expected), reply.answer


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("what are discriminative models good for?", "like which?", "decision tree"),
        ("what are regression models for?", "for instance?", "linear regression"),
    ],
)
def test_a_request_of_an_instance_asks_for_an_example_of_the_topic(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    reply = conversation(real_assistant, first, then)
    assert [p.route for p in reply.plan] == ["documents"], reply.plan
    assert expected in reply.answer.lower(), reply.answer


@pytest.mark.parametrize("then", ["explain more please", "could you flesh that out a bit?"])
def test_a_request_for_more_voted_goes_on_with_the_topic_not_small_talk(real_assistant: Assistant, then: str) -> None:
    reply = conversation(real_assistant, "what is multimodal AI?", then)
    assert [p.route for p in reply.plan] == ["documents"], reply.plan
    assert "multimodal" in reply.answer.lower(), reply.answer


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        (
            (
                "what does an AI researcher do?",
                "how many offers were there in 2024?",
                "and how much do they earn at entry level?",
            ),
            "88,713",
        ),
        (
            (
                "data scientist career path",
                "what was the 2025 median salary expectation?",
                "what do they make when experienced?",
            ),
            "134,922",
        ),
    ],
)
def test_they_after_a_platform_figure_is_the_role_the_conversation_was_about(
    real_assistant: Assistant, turns: tuple[str, ...], expected: str
) -> None:
    # the platform's figure names no one, so "they" is the role two turns back (and no platform year goes with it)
    reply = conversation(real_assistant, *turns)
    assert [p.route for p in reply.plan] == ["statistics"] and expected in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("AI researcher salary in Paris", "fine, and in the US as a whole?", "108,932"),
        ("ML engineer salary in Toronto", "what about across the US?", "126,397"),
    ],
)
def test_the_whole_country_after_a_place_asks_the_same_figure_without_the_place(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    reply = conversation(real_assistant, first, then)
    assert [p.route for p in reply.plan] == ["statistics"] and expected in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("text", "national"),
    [
        ("can you tell us more about that?", False),  # "us" is the asker
        ("what about for us beginners?", False),
        ("and in the US?", True),
        ("what about nationally?", True),
        ("and in Seattle, not the US average?", False),  # a city named is the place asked
    ],
)
def test_the_country_is_named_by_the_us_words_but_not_by_us_the_asker(text: str, national: bool) -> None:
    from assistant.understanding import Vocabulary, understand

    assert understand(text, Vocabulary({"salary"})).national is national


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("late career AI researcher salary", "and an ML engineer at late career?", "135,388"),
        ("entry-level data scientist salary", "and an entry-level robotics engineer?", "76,453"),
        ("early career AI engineer pay", "and a robotics engineer in early career?", "92,791"),
    ],
)
def test_a_new_role_at_a_level_after_a_figure_asks_the_figure_again(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    # the message is a form of the last question asked of another role ("now do this job"): its level words
    # are no question of their own, so it keeps the figure's kind (read alone they made it the role's path)
    reply = conversation(real_assistant, first, then)
    assert [p.route for p in reply.plan] == ["statistics"] and expected in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("proposals in 2024", "what about one year on?", "2025"),
        ("median salary expectation for 2025", "and one year earlier?", "5,640"),
    ],
)
def test_a_year_counted_from_the_one_asked_is_the_next_or_the_previous_year(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    reply = conversation(real_assistant, first, then)
    assert [p.route for p in reply.plan] == ["statistics"] and expected in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("experienced robotics engineer salary", "do data scientists make more at that stage?", ("134,922", "108,230")),
        ("mid-career AI engineer pay", "does an ML engineer get less at that level?", ("120,368", "115,053")),
    ],
)
def test_a_new_role_asked_more_or_less_at_that_level_is_set_beside_the_figure_just_given(
    real_assistant: Assistant, first: str, then: str, expected: tuple[str, ...]
) -> None:
    # a comparative word with "that" sets the two roles side by side at the level asked ("than that" is no need),
    # not the new role's own levels ranked, and not its documents (the answered examples near it are about roles)
    reply = conversation(real_assistant, first, then)
    assert [p.route for p in reply.plan] == ["statistics"], reply.plan
    assert all(figure in reply.answer for figure in expected) and "gap" in reply.answer, reply.answer


def test_a_percentage_asked_of_two_figures_is_their_gap(real_assistant: Assistant) -> None:
    reply = conversation(real_assistant, "AI engineer average salary", "and a data scientist?", "by what percentage?")
    assert [p.route for p in reply.plan] == ["statistics"] and "+1.3%" in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("what does the World Economic Forum forecast?", "by what year?", "2027"),
        ("how many companies are expected to retrain their employees?", "by which year?", "2025"),
    ],
)
def test_the_time_asked_of_a_documents_answer_goes_on_with_its_topic(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    # "year", "when", "date" only ask something of the topic before ([references] asked_of_topic): alone, "by
    # what year?" found nothing (refused) or a salary level's year range
    reply = conversation(real_assistant, first, then)
    assert not reply.abstained and expected in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("what's the salary of a prompt engineer?", "ok, and a data scientist?", "129,640"),
        ("mid-career data scientist pay", "ok and an AI engineer?", "115,053"),
        ("robotics engineer entry salary", "okay so what about AI researchers?", "88,713"),
    ],
)
def test_an_acknowledgement_opening_a_follow_up_changes_nothing_it_asks(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    # "ok," / "okay so" are discourse markers ([yes_no] discourse): read without them the message is elliptical
    # (it was read as the role's path); the plan keeps the words as said
    reply = conversation(real_assistant, first, then)
    assert [p.route for p in reply.plan] == ["statistics"] and expected in reply.answer, reply.answer
    assert reply.plan[0].text == then


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        (
            "mid-career AI engineer pay and how do they advance?",
            "what about robotics engineers?",
            ("97,121", "Director of Robotics"),
        ),
        (
            "entry level robotics engineer salary, and what skills are needed?",
            "ok, and for an ML engineer?",
            ("105,418", "Python"),
        ),
    ],
)
def test_a_new_role_after_a_two_part_answer_asks_both_parts_of_it(
    real_assistant: Assistant, first: str, then: str, expected: tuple[str, ...]
) -> None:
    # the turn before was answered by both routes: naming only a new role asks its figure and its documents part
    reply = conversation(real_assistant, first, then)
    assert [p.route for p in reply.plan] == ["statistics", "documents"], reply.plan
    assert all(e in reply.answer for e in expected), reply.answer
