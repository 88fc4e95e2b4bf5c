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
    ("question", "named"),
    [
        ("explain burnout among ML engineers", "burnout"),
        ("what is imposter syndrome for a junior data scientist", "imposter syndrome"),  # not the junior's pay
        ("do entry level ML engineers get sabbaticals", "sabbaticals"),  # a perk asked: see below
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
        # the currency the sources' amounts are in, counted, is pay asked (was "don't say anything about dollars")
        ("how many dollars higher was the 2025 median than the 2024 one", "+$168"),
        ("by how many bucks did the median expectation go up from 2024 to 2025", "+$168"),
    ],
)
def test_an_amount_of_pay_or_of_a_written_thing_is_answered(
    real_assistant: Assistant, question: str, said: str
) -> None:
    reply = real_assistant.ask(question)
    assert not reply.abstained and said in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("do data scientists get dental insurance", "dental insurance"),
        ("does an AI startup offer childcare", "childcare"),
        ("do ML teams offer remote work", "remote work"),
    ],
)
def test_a_perk_the_documents_never_write_is_refused_by_name(
    real_assistant: Assistant, question: str, named: str
) -> None:
    reply = real_assistant.ask(question)
    assert reply.abstained and f"anything about {named}." in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("do machine learning engineers get bonuses", "Bonuses"),  # written
        ("do data scientists get stock options", "stock options"),
        ("do AI researchers get to publish papers", ""),  # "get to": a verb follows, not a perk
    ],
)
def test_a_perk_the_documents_write_or_a_verb_after_get_is_answered(
    real_assistant: Assistant, question: str, said: str
) -> None:
    reply = real_assistant.ask(question)
    assert not reply.abstained and said in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("deployment best practices pls", "Deployment and Operations"),
        ("data management best practices plz", "Data Management and Quality"),
    ],
)
def test_a_closing_filler_after_best_is_no_perk_named(real_assistant: Assistant, question: str, said: str) -> None:
    """'best X pls': "best" reads like "what is the best laptop", but "pls" closes the message (a closing filler,
    vocabulary.toml) and X is written: nothing unwritten is asked, so the documents' list answers."""
    reply = real_assistant.ask(question)
    assert not reply.abstained and said in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "does a model get smarter the more data you give it?",
        "how do algorithms get smarter with more examples?",
        "can a learning system get wiser over time without being reprogrammed?",
    ],
)
def test_get_with_a_comparative_is_a_becoming_not_a_perk(real_assistant: Assistant, question: str) -> None:
    """A comparative after "get" asks how something becomes so (an algorithm gets better the more it is trained),
    not for a perk named "smarter" that the documents never write."""
    reply = real_assistant.ask(question)
    assert not reply.abstained and "better over time" in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "named"),
    [("which is the best laptop for training models", "laptop"), ("best textbook for deep learning?", "textbook")],
)
def test_the_best_of_something_the_documents_never_write_is_refused(
    real_assistant: Assistant, question: str, named: str
) -> None:
    reply = real_assistant.ask(question)
    assert reply.abstained and f"anything about {named}." in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize("question", ["what's the best way to network in AI", "best cities for AI jobs?"])
def test_the_best_of_something_the_documents_write_is_answered(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question)
    assert not reply.abstained, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "is the AI job market saturated",  # a closing participle says how the market is, not what is asked
        "which ML frameworks are trendy right now",  # trend + y: a written word made casual
    ],
)
def test_a_rare_adjective_about_a_written_topic_is_answered(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question)
    assert not reply.abstained, reply.answer


def test_a_refusal_names_a_word_once(real_assistant: Assistant) -> None:
    reply = real_assistant.ask("can research scientists get sabbaticals")
    assert reply.answer.count("sabbaticals") == 1, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "which cities are AI hotbeds",
        "what are the ethical quandaries in AI",
        "how do AI practitioners stay ahead of the curve",
    ],
)
def test_a_rare_casual_word_outside_a_definition_is_not_a_refusal(real_assistant: Assistant, question: str) -> None:
    """The asker's own English for what the documents say (hubs, ethical considerations, professionals)."""
    reply = real_assistant.ask(question)
    assert not reply.abstained, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "refused"),
    [
        ("do I need a visa to take an AI job in the US", True),
        ("does an ML engineer need a work permit", True),
        ("does a data scientist need a PhD", False),  # the documents' "Ph.D." (a search synonym)
        ("what do AI pros need besides coding", False),  # no article: not a thing needed
    ],
)
def test_a_thing_needed_that_the_documents_never_write_is_refused(
    real_assistant: Assistant, question: str, refused: bool
) -> None:
    reply = real_assistant.ask(question)
    assert reply.abstained == refused, reply.answer


@pytest.mark.parametrize(
    "question", ["how many hours a week do ML engineers work?", "how many hours do data scientists work per day?"]
)
def test_hours_counted_are_not_pay(real_assistant: Assistant, question: str) -> None:
    """'how many' counts things: 'hours' lies near 'wage', but counted it asks no pay, and the documents never
    say how long anyone works (the role's salary table answered it)."""
    reply = real_assistant.ask(question)
    assert reply.abstained and "anything about hours" in reply.answer and "$" not in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("question", "thing"),
    [
        ("who invented neural networks?", "neural networks"),
        ("which company created PyTorch", "PyTorch"),
        ("when was reinforcement learning first used", "reinforcement learning"),
        ("who was Apache Spark developed by", "Apache Spark"),
        # the base form after "did", and a forecast published: "predicts ... by 2027" says nothing of when
        ("when did the World Economic Forum publish that forecast?", "World Economic Forum forecast"),
        ("when did Google launch AutoML?", "Google AutoML"),
    ],
)
def test_an_origin_no_sentence_states_is_refused_by_name(real_assistant: Assistant, question: str, thing: str) -> None:
    """Who made a thing or when it began: the documents mention it (a list of frameworks, a definition) but no
    sentence naming it says where it came from, so a mention is no answer."""
    reply = real_assistant.ask(question)
    assert reply.abstained, reply.answer
    assert f"anything about the origin of {thing}" in reply.answer and "I can answer" in reply.answer, reply.answer


def test_an_origin_is_stated_only_by_a_sentence_naming_the_thing_with_an_origin_word(
    real_assistant: Assistant,
) -> None:
    names = real_assistant.build.retriever.names
    # "... to address AI-created skill gaps": a sentence that names the skill gaps with an origin word
    assert names.unstated_origin("who created the AI skill gaps?") == ""
    assert names.unstated_origin("who created TensorFlow?") == "the origin of TensorFlow"
    assert names.unstated_origin("what does TensorFlow do?") == ""  # no origin asked


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("who makes more, data scientists or AI engineers?", "$"),  # pay, not who made something
        ("when did AI job postings start to rise?", "8.5%"),  # a trend's start, no origin verb
        ("who should learn PyTorch?", "PyTorch"),
        ("who owns features in an ML team?", "ownership"),  # a duty, not who made something
        ("when should shadow deployment be introduced?", "shadow deployment"),  # a step's time, not an origin
    ],
)
def test_who_and_when_questions_that_ask_no_origin_are_answered(
    real_assistant: Assistant, question: str, said: str
) -> None:
    reply = real_assistant.ask(question)
    assert not reply.abstained and said in reply.answer, reply.answer


@pytest.mark.parametrize("question", ["how many params does BLOOM have", "how many params are in GPT-3?"])
def test_a_clipped_plural_counted_is_a_written_word(real_assistant: Assistant, question: str) -> None:
    """'params' is 'param' (the start of 'parameters') with a plural ending: counted, it is what the documents
    count, not something they never write."""
    reply = real_assistant.ask(question)
    assert not reply.abstained and "175 billion" in reply.answer, reply.answer


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
        ("is linear algebra still required for ML", "linear algebra"),
        ("what is A/B testing good for in ML", "A/B testing"),  # a use asked in a definition's shape
        ("what's a meetup useful for in ML", "meetups"),
        ("do employers want C++?", "C++"),  # who wants it is how the question asks: the item names C++
        ("do recruiters want Scala", "Scala"),
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


@pytest.mark.parametrize(
    ("question", "side"),
    [
        ("how do data scientists compare to nurses", "nurses"),
        ("is data science harder than dentistry", "dentistry"),
        ("what's the difference between ML engineers and plumbers", "plumbers"),
        ("data scientist vs dentist salary", "dentist salary"),  # "salary" has other names, "dentist" none
    ],
)
def test_a_comparison_with_a_thing_the_documents_never_name_is_refused_by_name(
    real_assistant: Assistant, question: str, side: str
) -> None:
    """One thing compared is named by a word the documents write in no form: a passage about the other side is
    half an answer to a question they cannot answer."""
    reply = real_assistant.ask(question)
    assert reply.abstained and f"anything about {side}" in reply.answer and "I can answer" in reply.answer, reply.answer


@pytest.mark.parametrize(
    "question",
    [
        "ML engineer vs data scientist workload",  # an aspect of written roles: the first word names the thing
        "how does AI relate to my nursing background",  # the asker's own field ("domain-specific knowledge")
        "what are the weak points of rules engines compared to ML",  # the question's frame is no side
    ],
)
def test_a_comparison_of_named_things_is_not_refused_for_its_other_words(
    real_assistant: Assistant, question: str
) -> None:
    reply = real_assistant.ask(question)
    assert not reply.abstained, reply.answer


@pytest.mark.parametrize("question", ["who created these salary statistics?", "who developed the platform's figures"])
def test_who_made_the_sources_is_not_an_unstated_origin(real_assistant: Assistant, question: str) -> None:
    """The sources' own origin is a question about them (their front matter and method), not a named thing's."""
    reply = real_assistant.ask(question)
    assert "the origin of" not in reply.answer, reply.answer


@pytest.mark.parametrize("question", ["what does a data sci do", "what do ML eng do all day"])
def test_what_a_role_written_as_people_write_it_does_is_no_undefined_term(
    real_assistant: Assistant, question: str
) -> None:
    """'ML eng', 'data sci' are the roles' names as people type them (vocabulary.toml [roles]): the documents
    never write them together, but the question asks what the role does, which they say."""
    reply = real_assistant.ask(question)
    assert not reply.abstained, reply.answer


@pytest.mark.parametrize("question", ["whats the outlook for AI careers", "what's the outlook for robotics careers"])
def test_a_section_topic_of_something_is_no_undefined_term(real_assistant: Assistant, question: str) -> None:
    """'the outlook for X' asks what a section (Future Outlook) says of X, not what the term 'outlook AI careers'
    means; the documents never write 'AI careers' together, which made it a refusal."""
    reply = real_assistant.ask(question)
    assert not reply.abstained, reply.answer


def test_an_unwritten_term_asked_with_context_stays_refused(real_assistant: Assistant) -> None:
    reply = real_assistant.ask("what's the purpose of federated learning in AI")
    assert reply.abstained, reply.answer
