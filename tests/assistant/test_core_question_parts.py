"""Splitting a message into its parts, through the real planner and pipeline: requests asked of "each" / "both" /
"either" of two things named in the same message, a comma list whose later items name their own thing, and ", and"
between two requests that each ask by themselves."""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant
from assistant.question_parts import split_parts
from assistant.side_references import sides_of


def _parts(real_assistant: Assistant, message: str) -> list[tuple[str, str, str]]:
    return [
        (p.text, p.kind, p.route)
        for p in real_assistant.planner.plan(message, real_assistant.build.vocabulary, None, [])
    ]


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        ("supervised vs unsupervised learning", ("supervised learning", "unsupervised learning")),
        ("what do generative and discriminative models do", ("generative models", "discriminative models")),
        ("overfitting vs underfitting - what's the difference", ("overfitting", "underfitting")),
        ("ML vs deep learning", ("ML", "deep learning")),  # an acronym shares no noun
    ],
)
def test_the_two_sides_a_phrase_names(text: str, sides: tuple[str, str]) -> None:
    assert sides_of(text) == sides


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            "classification vs regression models, and name an example of each",
            [("classification models", "naïve bayes"), ("regression models", "linear regression")],
        ),
        (
            "generative vs discriminative models - what is either used for",
            [("generative models", "image generation"), ("discriminative models", "classification")],
        ),
    ],
)
def test_a_request_of_each_of_two_named_is_asked_of_each(
    real_assistant: Assistant, message: str, expected: list[tuple[str, str]]
) -> None:
    """'A vs B, and name an example of each': "each" stands for the two sides named in the message, so the request
    is one part per side, each searched alone (one search found examples of neither: the part was refused or the
    comparison's intro lines answered it)."""
    parts = _parts(real_assistant, message)
    assert len(parts) == 2, parts
    assert all(side in text for (side, _), (text, _, _) in zip(expected, parts, strict=True)), parts
    reply = real_assistant.ask(message)
    assert not reply.abstained, reply.answer
    assert all(found in reply.answer.lower() for _, found in expected), reply.answer


@pytest.mark.parametrize(
    "message",
    [
        "overfitting vs underfitting, whats the difference, and how can I prevent both",
        "bias vs variance? and how do I reduce both",
    ],
)
def test_both_after_a_comparison_asks_of_each_and_the_comparison_stays(real_assistant: Assistant, message: str) -> None:
    """'A vs B, whats the difference, and how can I prevent both': the comparison is still asked, and "both" is
    each of its two sides (it was one glued part, or "both" was searched as a word)."""
    parts = [p[0] for p in _parts(real_assistant, message)]
    assert len(parts) == 3 and "both" not in " ".join(parts[1:]), parts
    assert parts[0].split()[:2] == message.split()[:2], parts


@pytest.mark.parametrize(
    ("message", "kept"),
    [
        ("supervised vs unsupervised learning, and which of the two needs labels", "supervised learning and"),
        ("did the median go up between both years", None),
        ("how many offers did each candidate get in 2024", None),
    ],
)
def test_a_side_by_side_request_or_a_word_with_its_own_noun_is_one_part(
    real_assistant: Assistant, message: str, kept: str | None
) -> None:
    """'which of the two needs labels' sets the two side by side: one part naming both. "both years", "each
    candidate" name their own noun: nothing to resolve."""
    parts = _parts(real_assistant, message)
    assert len(parts) == 1, parts
    assert (kept or message) in parts[0][0], parts


@pytest.mark.parametrize(
    ("message", "second", "found"),
    [
        ("AI researcher entry salary, their career path, and the tools they use", "their career path", "$88,713"),
        ("data scientist average pay, their career path, and the tools they use", "their career path", "$129,640"),
    ],
)
def test_a_comma_list_item_that_names_its_own_thing_is_a_request(
    real_assistant: Assistant, message: str, second: str, found: str
) -> None:
    """'X salary, their career path, and the tools they use': the last item asks nothing of the figures by its
    words, but names a thing of its own after the others: three parts (the path was glued to the salary)."""
    parts = _parts(real_assistant, message)
    assert [p[0] for p in parts][1:] == [second, "the tools they use"], parts
    assert parts[0][2] == "statistics" and parts[1][2] == "documents", parts
    reply = real_assistant.ask(message)
    assert found in reply.answer, reply.answer
    assert "junior" in reply.answer.lower() or "intern" in reply.answer.lower(), reply.answer  # the role's path


@pytest.mark.parametrize(
    ("message", "found"),
    [
        ("what is AutoML, and 2025 median salary", ("automat", "$5,808")),
        ("explain reinforcement learning, and total offers in 2024", ("trial and error", "45")),
    ],
)
def test_comma_and_between_two_requests_that_each_ask_splits(
    real_assistant: Assistant, message: str, found: tuple[str, str]
) -> None:
    """'what's X, and 2024 vs 2025 total offers': ", and" with no question word after it, both sides asking by
    themselves (documents, statistics): two parts (the figure was lost in one documents part)."""
    parts = _parts(real_assistant, message)
    assert [p[2] for p in parts] == ["documents", "statistics"], parts
    reply = real_assistant.ask(message)
    assert all(f in reply.answer.lower() for f in found), reply.answer


@pytest.mark.parametrize(
    ("message", "figures"),
    [
        ("robotics engineer: what do they do, entry salary, experienced salary", ("$76,453", "$108,230")),
        ("data scientist: what do they do, early career pay, mid career pay", ("$116,717", "$125,259")),
    ],
)
def test_a_question_then_a_list_of_requests_is_one_part_each(
    real_assistant: Assistant, message: str, figures: tuple[str, str]
) -> None:
    """'X: what do they do, entry pay, experienced pay': a question after the role, then two or more requests that
    each ask by themselves; the list was glued to the question (one figure, the question lost)."""
    parts = _parts(real_assistant, message)
    assert [p[2] for p in parts] == ["documents", "statistics", "statistics"], parts
    reply = real_assistant.ask(message)
    assert all(f in reply.answer for f in figures), reply.answer


@pytest.mark.parametrize(
    ("message", "figure"),
    [
        ("ML engineer - what do they build, average pay, late career pay", "$126,397"),
        ("what does an AI engineer do? average pay?", "$127,986"),
    ],
)
def test_pay_named_after_a_part_of_another_kind_is_a_figure(
    real_assistant: Assistant, message: str, figure: str
) -> None:
    """'..., average pay, ...' after an explanation part: a pay word is a figure's request of its own, not an
    ellipsis of the explanation before (it was searched in the documents: the market's $122,060 line)."""
    parts = _parts(real_assistant, message)
    assert parts[1][1:] == ("figure", "statistics"), parts
    assert figure in real_assistant.ask(message).answer


@pytest.mark.parametrize(
    ("message", "figure", "place"),
    [
        ("ML engineer salary in SF and Austin", "$179,061", "Austin"),
        ("what do ML engineers earn in New York and Denver?", "$184,982", "Denver"),
    ],
)
def test_a_figure_asked_in_two_places_is_asked_in_each(
    real_assistant: Assistant, message: str, figure: str, place: str
) -> None:
    """'X pay in seattle and austin': the figure in each place; the second place was dropped without a word (the
    first city's figure was the whole reply). A place the data lacks says so by name."""
    parts = _parts(real_assistant, message)
    assert len(parts) == 2 and place in parts[1][0], parts
    reply = real_assistant.ask(message)
    assert figure in reply.answer and f"no salary data for {place}" in reply.answer, reply.answer


def test_places_named_with_no_figure_asked_stay_one_question(real_assistant: Assistant) -> None:
    """'AI jobs in seattle and austin' asks no figure by its other words: one question of both places."""
    assert len(_parts(real_assistant, "AI jobs in seattle and austin")) == 1


@pytest.mark.parametrize(
    ("message", "found"),
    [
        ("what do the bars on the chart show, and were there fewer proposals in 2024", ("number of offers", "0.4")),
        ("what does the graph column mean, and were there more offers in 2025 than 2024", ("number of offers", "59")),
    ],
)
def test_a_past_yes_no_question_after_comma_and_is_a_part(
    real_assistant: Assistant, message: str, found: tuple[str, str]
) -> None:
    """'X, and were there more offers in 2025': "was"/"were" open no question word's split; the first request,
    asking nothing of the figures by its words, was glued to the figure (its explanation lost)."""
    parts = _parts(real_assistant, message)
    assert len(parts) == 2 and parts[1][0].startswith("were"), parts
    reply = real_assistant.ask(message)
    assert all(f in reply.answer for f in found), reply.answer


@pytest.mark.parametrize(
    ("message", "asked", "found"),
    [
        (
            "what do ML engineers do, what do data scientists do, and how do the two differ",
            "how do ML engineers and data scientists differ",
            "'how'",
        ),
        (
            "what is supervised learning and what is unsupervised learning, and give an example of each",
            "give an example of unsupervised learning",
            "recommendation engines",
        ),
    ],
)
def test_the_two_things_asked_in_the_two_parts_before_are_the_sides(
    real_assistant: Assistant, message: str, asked: str, found: str
) -> None:
    """'what is A, what is B, and give an example of each': the sides are the topics of the two parts just before
    ("each" was refused; "how do the two differ" answered the generative/discriminative line)."""
    parts = [p[0] for p in _parts(real_assistant, message)]
    assert asked in parts, parts
    reply = real_assistant.ask(message)
    assert found in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("message", "parts"),
    [
        (
            "deep learning use cases + whats a vae",
            ["deep learning use cases", "whats a vae"],
        ),
        (
            "the risks of generative AI, and what does an AI engineer earn",
            ["the risks of generative AI", "what does an AI engineer earn"],
        ),
    ],
)
def test_a_topic_with_a_word_asking_of_it_is_a_request_of_its_own(message: str, parts: list[str]) -> None:
    """'X example', 'the risks of X' name a request in a noun phrase: a part, not context glued to the next one."""
    assert split_parts(message) == parts


@pytest.mark.parametrize(
    "message",
    [
        "for example, what do data scientists do?",
        "if i only have a few labelled examples, which approach is more accurate",
        "it works in testing but breaks on new cases, is that a common problem",
    ],
)
def test_a_clause_or_a_bare_asking_word_before_a_question_is_no_request_of_its_own(message: str) -> None:
    assert split_parts(message) == [message]
