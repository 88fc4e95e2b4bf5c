"""The refusal checks of a documentation answer's best unit (answer_refusals.py): what the documents state in
other words is answered, a near miss they do not state stays refused. Questions are paraphrases in no eval case,
probe file or examples file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.answer_examples import NEAREST_VOUCHES, AnswerExamples
from assistant.pipeline import Assistant
from assistant.question_kinds import generic_form

SPAM = "Naïve Bayes: A generative supervised learning algorithm used in spam filtering and document classification."


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # the unit's own sentence is near, though no word the search reads is shared (talk/write vs communication)
        ("is being able to talk and write clearly important for a data scientist", "oral communication skills"),
        # the nearest question asked before ("spam filter algorithm") was answered by this sentence
        ("which algorithm filters out junk mail", "used in spam filtering"),
        ("will hiring keep growing", "Continued growth is expected in the AI job market"),
        ("why does training loop over the same two steps again and again", "This two-step process is performed"),
    ],
)
def test_what_the_documents_state_in_other_words_is_answered(
    real_assistant: Assistant, question: str, sentence: str
) -> None:
    reply = real_assistant.ask(question)
    assert not reply.abstained, reply.answer
    assert sentence in reply.answer, reply.answer


@pytest.mark.parametrize(
    "question",
    [
        "what does knime cost",  # the tools list names Knime: a bare label vouches for no price
        "do i need to be good at drawing",  # near the skills, which never say it
        "what tools clean up messy spreadsheets",
        "will hiring for chefs keep going up",  # near "will hiring keep growing", about something else
    ],
)
def test_a_near_miss_the_documents_do_not_state_stays_refused(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question)
    assert reply.abstained, reply.answer


def _vectors(assistant: Assistant, question: str) -> tuple[list[float], list[float]]:
    embed = assistant._query_embeddings.embed_query
    return embed(question), embed(generic_form(question))


def test_only_the_nearest_examples_sentence_vouches_and_only_when_near(
    real_assistant: Assistant, tmp_path: Path
) -> None:
    path = tmp_path / "answer_examples.yaml"
    path.write_text(
        yaml.safe_dump(
            {
                "examples": [
                    {"q": "spam filter algorithm", "quote": SPAM},
                    {"q": "what is a rules engine", "quote": "The simplest AI models are a set of if-then-else rules."},
                ]
            }
        )
    )
    examples = AnswerExamples.load(path, real_assistant._query_embeddings)
    near = _vectors(real_assistant, "which algorithm do people use for spam filtering")
    quote, sim = examples.nearest(*near)
    assert quote == SPAM and sim >= NEAREST_VOUCHES
    assert examples.nearest_vouches([SPAM], *near)
    assert not examples.nearest_vouches(["The simplest AI models are a set of if-then-else rules."], *near)
    far = _vectors(real_assistant, "how do I bake sourdough bread")
    assert examples.nearest(*far)[1] < NEAREST_VOUCHES and not examples.nearest_vouches([SPAM], *far)
    assert AnswerExamples.none().nearest(*far) == ("", -1.0)


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["how long does it take to become a data scientist?", "how long does it take to train an ML model"]
)
def test_a_length_of_time_asked_is_not_answered_by_a_sentence_with_no_number(
    real_assistant: Assistant, question: str
) -> None:
    """A career path or a training sentence states no duration: the question is refused, not answered with it."""
    reply = real_assistant.ask(question)
    assert reply.abstained, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize("question", ["how many parameters does GPT-3 have?", "how long is the early career stage?"])
def test_a_number_stated_still_answers_how_long_or_how_many(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question)
    assert not reply.abstained, reply.answer
