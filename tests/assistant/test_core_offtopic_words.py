"""Near misses in lower case: a question about a specialist's word the documents never write ("burnout",
"sabbaticals", "tokenization") is refused, not answered with a passage sharing its other words; casual words the
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
        "is burnout a big problem for ML engineers",
        "what do AI teams do about burnout",
        "can data scientists take sabbaticals",
        "how does tokenization work for language models",
        "what would an ethicist on an AI team work on",
        "will blockchain skills help an AI developer",
    ],
)
def test_a_rare_word_the_documents_never_write_is_refused(real_assistant: Assistant, question: str) -> None:
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
    ("question", "named"),
    [
        ("is burnout common among ML engineers", "burnout"),
        ("how can a junior data scientist beat imposter syndrome", "imposter syndrome"),  # not the junior's pay
        ("can an entry level ML engineer take a sabbatical", "sabbatical"),
    ],
)
def test_the_refusal_names_the_rare_word_and_no_figure_answers_it(
    real_assistant: Assistant, question: str, named: str
) -> None:
    reply = real_assistant.ask(question)
    assert reply.abstained and f"anything about {named}." in reply.answer, reply.answer
    assert "$" not in reply.answer and "I can answer" in reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["what's the usual remuneration of a data scientist", "typical remuneration for an AI engineer?"]
)
def test_a_figure_question_with_a_rare_word_keeps_its_figures(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question)
    assert not reply.abstained and "$" in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("how many sick days do data scientists get", "sick days"),
        ("how much maternity leave do AI firms offer", "maternity leave"),
    ],
)
def test_an_amount_of_something_the_documents_never_write_is_refused_by_name(
    real_assistant: Assistant, question: str, named: str
) -> None:
    """Not the data scientists' salary: "how many" counts days off, which no source mentions."""
    reply = real_assistant.ask(question)
    assert reply.abstained and f"anything about {named}." in reply.answer, reply.answer
    assert "$" not in reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("how much dough do ML engineers make", "$"),  # the question asks for pay ("make")
        ("how much math does an AI engineer need", ""),  # "math" starts "mathematics": not refused
    ],
)
def test_an_amount_of_pay_or_of_a_written_thing_is_answered(
    real_assistant: Assistant, question: str, said: str
) -> None:
    reply = real_assistant.ask(question)
    assert not reply.abstained and said in reply.answer, reply.answer
