"""Near misses in lower case: asked what a specialist's word the documents never write is ("tokenization",
"an AI ethicist"), how much of something they never write there is, or whether a job gives it ("vacation days",
"health insurance"), the part is refused, not answered with a passage sharing its other words; casual words the
documents lack, other forms of their words and rare words that mean what they say in other words stay answered.

Through the real pipeline (real model, Chroma, BM25, the installed English frequency list); the questions are
written for these tests, none of them in the eval or the probe files.
"""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "how does tokenization work for language models",
        "what does a data ethicist do",
        "explain blockchain in simple terms",
        "how do sentence embeddings work",
    ],
)
def test_a_rare_word_the_documents_never_write_is_refused(real_assistant: Assistant, question: str) -> None:
    """Asked what the rare thing is or does: no sentence of the documents says it."""
    reply = real_assistant.ask(question)
    assert reply.abstained, reply.answer
    assert "I can answer" in reply.answer  # says what the sources do cover


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("is teamwork a skill ML engineers need", "teams"),  # team + work: the documents' words
        ("what coursework would prepare me for AI roles", ""),  # course + work
        ("is a postgraduate degree useful for AI jobs", "Ph.D."),  # near "Advanced degrees (Master's or Ph.D.)"
        ("do retailers hire machine learning people", ""),  # a form of the documents' "retail"
        ("what perks do AI engineers get besides salary", "stock options"),  # common English: a casual word
    ],
)
def test_casual_words_forms_and_other_names_of_what_the_documents_say_are_answered(
    real_assistant: Assistant, question: str, said: str
) -> None:
    """Answered (which passage is the composer's concern: the phrase is checked where it is reliable)."""
    reply = real_assistant.ask(question)
    assert not reply.abstained, reply.answer
    assert said.lower() in reply.answer.lower(), reply.answer


def test_only_rare_unwritten_nouns_count(real_assistant: Assistant) -> None:
    names = real_assistant.build.retriever.names
    assert names.unwritten_specifics("how common is burnout among data scientists") == ["burnout"]
    assert names.unwritten_specifics("why does my model misbehave so often in production") == []  # a verb
    assert names.unwritten_specifics("how do I deploy models responsibly") == []  # an adverb
    assert names.unwritten_specifics("what are the headaches of ML in production") == []  # common English
    assert names.unwritten_specifics("is Kubernetes needed") == []  # a name: unwritten_names' job
    assert names.unwritten_specifics("wats the deal with multimodal") == []  # short slang, not a term


@pytest.mark.slow
@pytest.mark.parametrize("question", ["what does vesting mean", "what is a visa", "define a heuristic"])
def test_a_definition_of_one_word_the_documents_never_write_is_refused(
    real_assistant: Assistant, question: str
) -> None:
    """A common word too ("visa"): asked to define it, no sentence of the documents does."""
    reply = real_assistant.ask(question)
    assert reply.abstained, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("how does backprop work", "backpropagation"),  # clipped: "backpropagation" starts with it
        ("what is upskilling", "upskilling"),
        ("what's a hackathon", "hackathons"),  # the documents' plural
    ],
)
def test_a_definition_of_a_word_the_documents_write_in_some_form_is_answered(
    real_assistant: Assistant, question: str, said: str
) -> None:
    reply = real_assistant.ask(question)
    assert not reply.abstained and said in reply.answer.lower(), reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["what are salaries like at Amazon for data scientists", "does Amazon pay ML engineers well"],
)
def test_pay_asked_of_a_payer_with_no_figure_is_refused_by_name(real_assistant: Assistant, question: str) -> None:
    """The guide's company figures are Google's, Apple's and Meta's: a role's figures are not what a payer the
    documents name only elsewhere (Amazon, in a sentence about recommendations) pays."""
    reply = real_assistant.ask(question)
    assert reply.abstained and "anything about Amazon" in reply.answer and "$" not in reply.answer, reply.answer


@pytest.mark.parametrize(
    "question",
    [
        "what does Meta pay machine learning engineers",  # Meta is in the sentence with the figures
        "what's the pay for a principal data scientist",
        "salaries at Google for AI engineers?",
        "what do ML engineers at Big Tech earn",  # "tech" is in the sentence with the company figures
    ],
)
def test_pay_of_a_payer_or_job_with_figures_is_answered(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question)
    assert not reply.abstained and "$" in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("is Scala still needed for ML", "Scala"),  # "still" only asks whether; "for ML" names the field
        ("is Knime still a thing", "Knime"),
        ("is linear algebra still needed for ML", "linear algebra"),
        ("what is A/B testing good for in ML", "A/B testing"),  # a use asked in a definition's shape
        ("what's a meetup useful for in ML", "meetups"),
    ],
)
def test_a_list_item_asked_with_frame_words_is_answered(real_assistant: Assistant, question: str, said: str) -> None:
    """The item names everything the question asks about; 'still', 'good for' and the field every document is
    about are how it asks, not more things the item must say."""
    reply = real_assistant.ask(question)
    assert not reply.abstained and said.lower() in reply.answer.lower(), reply.answer


@pytest.mark.parametrize("question", ["what is Weights & Biases used for", "what's Hugging Face good for"])
def test_a_name_asked_for_its_use_is_not_answered_by_its_words_in_lower_case(
    real_assistant: Assistant, question: str
) -> None:
    reply = real_assistant.ask(question)
    assert reply.abstained, reply.answer
