"""A follow-up of a documents topic that uses a word of measuring or counting ("how is it measured?", "does X count
as one?") asks about that topic, never how the platform's figures are made; and "as one" ending the question stands
for one of the things just explained. Phrasings here are not in the eval cases."""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant


@pytest.mark.slow
@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("what is overfitting?", "how is it measured?"),
        ("what are regression models?", "is SVR counted among them?"),
        ("explain classification models", "does naive bayes count as one?"),
    ],
)
def test_a_counting_word_after_a_topic_asks_no_method(real_assistant: Assistant, first: str, then: str) -> None:
    session = real_assistant.ask(first).session_id
    reply = real_assistant.ask(then, session)
    assert [p.kind for p in reply.plan] == ["explanation"], reply.plan
    assert "offers" not in reply.answer, reply.answer  # the platform's method sentences


@pytest.mark.slow
@pytest.mark.parametrize(
    ("first", "then", "phrase"),
    [
        # "logistic regression" alone finds the regression models; as one of the classification models, its line
        ("explain classification models", "so would logistic regression count as one?", "proxy for classification"),
        ("what do classification models do?", "does logistic regression count as one then?", "classification"),
        ("what are generative models?", "would a VAE qualify as one?", "Variational Autoencoders"),
    ],
)
def test_as_one_stands_for_one_of_the_things_explained(
    real_assistant: Assistant, first: str, then: str, phrase: str
) -> None:
    session = real_assistant.ask(first).session_id
    reply = real_assistant.ask(then, session)
    assert phrase in reply.answer, reply.answer
