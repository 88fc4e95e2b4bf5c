"""A measure asked of a topic (a count of X, a figure, which of two is the faster one) is answered by a unit that
states it, never by one that only names the topic (asked_measure.py). Questions are paraphrases in no eval case,
probe file or examples file."""

from __future__ import annotations

import pytest

from assistant.asked_measure import (
    comparison_unstated,
    count_unstated,
    counts_stated,
    figure_unstated,
    measure_unstated,
    measured_unwritten,
)
from assistant.lexical import Synonyms
from assistant.passage_units import Unit
from assistant.pipeline import Assistant
from assistant.retrieval import Passage

_NO_SYNONYMS = Synonyms({})


def _passage(section: str, text: str) -> Passage:
    return Passage(
        chunk_id="c", text=text, section=section, title="t", source="g.md:1", locations=(), titles=(), score=0.5
    )


def test_a_count_needs_a_number_of_the_thing_counted() -> None:
    sized = _passage("Increasing Model Size", "Each of them has more than 175 billion parameters.")
    line = Unit(text=sized.text, is_item=False)
    assert not count_unstated("how many parameters do they have?", line, sized)
    assert count_unstated("how many layers do they have?", line, sized)  # parameters are no layers
    forecast = _passage("Future Outlook", "Skills in AI will be highly sought after by 2027.")
    # a year is no count of jobs
    assert count_unstated("how many AI roles will exist by 2027?", Unit(text=forecast.text, is_item=False), forecast)
    # "how many more": a change, read as before (any number may be it)
    growth = _passage("Current Trends", "Postings increased by 8.5% from early 2023 to early 2024.")
    assert not count_unstated("how many more postings were there?", Unit(text=growth.text, is_item=False), growth)


def test_a_figure_or_a_comparison_asked_needs_one_stated() -> None:
    item = Unit(text="Participation in workshops or meetups", is_item=True)
    practice = _passage("Practical Experience", "- Participation in workshops or meetups")
    assert measure_unstated("how much does a workshop usually cost?", item, practice, _NO_SYNONYMS)
    assert not measure_unstated("how much does networking matter?", item, practice, _NO_SYNONYMS)  # what weighs
    assert not measure_unstated("what are workshops good for?", item, practice, _NO_SYNONYMS)  # no measure asked
    duty = "Designing models with frameworks like Keras and scikit-learn."
    assert comparison_unstated("which one is quicker to learn, Keras or scikit-learn?", duty)
    assert not comparison_unstated("which one is quicker to learn, Keras or scikit-learn?", "Keras is simpler.")
    assert not comparison_unstated("tell me more about Keras or scikit-learn", duty)  # no quality compared
    assert not comparison_unstated("how can I get paid higher than that?", duty)  # a way asked, not a choice


def test_a_measure_of_a_word_the_documents_never_write_is_stated_nowhere() -> None:
    written = {"share", "roles", "ai", "jobs", "how", "many", "engineers", "postings"}.__contains__
    assert measured_unwritten("what share of AI roles are hybrid?", _NO_SYNONYMS, written) == ["hybrid"]
    # a word ending in -ly modifies what is measured; only "hybrid" is what it is of
    assert measured_unwritten("how many AI jobs are entirely hybrid?", _NO_SYNONYMS, written) == ["hybrid"]
    assert measured_unwritten("are AI roles hybrid?", _NO_SYNONYMS, written) == []  # no measure asked
    # the measure's own words ("long", "percentage") are what is asked, not what it is of
    assert measured_unwritten("how long do AI jobs take?", _NO_SYNONYMS, {"take", "ai", "jobs"}.__contains__) == []
    assert measured_unwritten("what percentage of AI jobs?", _NO_SYNONYMS, written) == []
    # a yes or no asked of what a figure is: "how many" only says of what
    item = Unit(text="The total is the number of offers.", is_item=False)
    total = _passage("How statistics are calculated", "The total is the number of offers.")
    assert not measure_unstated("is the total basically how many jobs are open?", item, total, _NO_SYNONYMS)
    assert not measure_unstated("ok, so is that how many jobs were open?", item, total, _NO_SYNONYMS)


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "how many layers does the BLOOM model have?",  # the parameters sentence counts no layers
        "how many AI specialists will be needed worldwide by 2027?",  # the WEF's year counts no one
        "is Keras quicker to learn than scikit-learn?",  # the frameworks line compares nothing
        "which language runs faster for ML, Python or Java?",
        "how much does an Azure Machine Learning subscription cost?",  # a trending-tools item has no price
        "how much does it cost to attend an AI conference?",
        "how many AI jobs are completely remote these days?",  # the documents never write "remote"
    ],
)
def test_a_measure_the_documents_never_state_is_refused(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question)
    assert reply.abstained, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("how many parameters do GPT-3 and BLOOM each have?", "175 billion"),
        ("how many classes of ML technique are there?", "three classes"),
        ("which is often easier to train, a discriminative or a generative model?", "easier to train"),
        ("does unsupervised learning need more training data than supervised learning?", "larger amounts"),
        ("in NLP, are discriminative models better than generative AI for machine translation?", "superior"),
        ("is the offers total basically how many vacancies exist?", "not the number of vacancies"),
    ],
)
def test_a_measure_the_documents_state_is_answered(real_assistant: Assistant, question: str, said: str) -> None:
    reply = real_assistant.ask(question)
    assert not reply.abstained, reply.answer
    assert said in reply.answer, reply.answer


def test_a_share_of_a_whole_counts_it_and_a_growth_counts_nothing() -> None:
    assert counts_stated(["firms"], "Most are mainstream, with 85% of enterprises using AI in production.")
    assert not counts_stated(["postings"], "Postings have increased by 8.5% from early 2023 to early 2024.")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("how many AI job postings were there back in 2020?", None),  # the postings figure is a growth, no count
        ("how many ML job postings exist right now?", None),
        ("how many firms use or evaluate AI in production?", "85%"),  # a share of the enterprises counts them
        ("how many organizations plan to invest in retraining staff by 2025?", "75%"),
    ],
)
def test_a_market_figure_answers_a_count_only_when_it_counts(
    real_assistant: Assistant, question: str, said: str | None
) -> None:
    reply = real_assistant.ask(question)
    assert reply.abstained == (said is None), reply.answer
    assert said is None or said in reply.answer, reply.answer


def test_a_figure_line_states_a_length_of_time_only_with_a_unit_of_time() -> None:
    line = "Bonuses, stock options, and profit-sharing can add $50,000+ annually"
    assert figure_unstated("how long do stock options take to vest?", line) == "length of time"
    assert not figure_unstated("how much can bonuses add?", line)  # an amount asked: the line states it
    assert not figure_unstated("how long is early career?", "Early Career (1-3 years): $104,196")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("how long until my stock options vest at an AI company?", None),  # dollars a year are no length of time
        ("how long do bonuses take to pay out?", None),
        ("what can bonuses, stock and profit-sharing add on top of base pay?", "$50,000"),
    ],
)
def test_a_quoted_figure_answers_only_the_measure_it_states(
    real_assistant: Assistant, question: str, said: str | None
) -> None:
    reply = real_assistant.ask(question)
    assert reply.abstained == (said is None), reply.answer
    assert said is None or said in reply.answer, reply.answer


@pytest.mark.parametrize(
    "question",
    [
        "why do our ML models always need more time than planned?",
        "why does every ML project need more weeks than we originally estimated?",
    ],
)
def test_a_comparison_with_an_expectation_asks_no_two_sides(question: str) -> None:
    """'longer than planned' compares with what was expected, not with a second thing: a sentence on why it is so
    ("Managing the time-intensive nature of model training") answers without comparing two sides."""
    line = "Managing the time-intensive nature of model training and deployment"
    assert not comparison_unstated(question, line)
    assert comparison_unstated("which trains longer, a CNN or a transformer?", line)  # two things: still asked
