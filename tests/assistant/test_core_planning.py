"""The question plan: parts, kinds by nearest labelled examples (real MiniLM), routes, per-part coverage,
follow-ups that change the kind, and small talk. Every behaviour is checked on two or more phrasings that are
not in the eval cases, so a rule that fixes one phrasing fails here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.models import Reply
from assistant.pipeline import Assistant
from assistant.question_kinds import QUESTION_EXAMPLES_PATH, KindClassifier, PlanVocabulary, QuestionExamples
from assistant.question_parts import split_parts


def ask(assistant: Assistant, message: str, session: str | None = None) -> Reply:
    return assistant.ask(message, session)


# -- splitting (no model) ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "parts"),
    [
        ("What does a data scientist earn and which skills do they need?", 2),
        ("How much do robotics engineers make, and what do they do all day?", 2),
        ("What is deep learning? Also, how many offers were there in 2024?", 2),
        ("what's overfitting; how is it avoided", 2),
        ("What's the difference between classification and regression?", 1),
        ("How much do ML engineers earn in 2024 and 2025?", 1),
        ("I'm a junior AI engineer with 2 years of experience. What can I expect to earn?", 1),
        ("Hi! What does an AI researcher earn?", 2),
        ("What's the pay in Seattle and in Chicago?", 2),
        ("what do AI researchers make, and for data scientists?", 2),
        ("explain reinforcement learning, then tell me the 2025 offers total", 2),
        ("what is AutoML, and then how is the median computed?", 2),
        ("and what do they need to know, and where are the jobs?", 2),
        ("and which skills matter, and how do I learn them?", 2),
    ],
)
def test_split_parts(message: str, parts: int) -> None:
    assert len(split_parts(message)) == parts, split_parts(message)


def test_statement_is_context_for_the_question_after_it() -> None:
    parts = split_parts("I work as a data analyst today. How do I move into machine learning?")
    assert parts == ["I work as a data analyst today. How do I move into machine learning?"]


# -- data files ----------------------------------------------------------------------------------


def test_examples_file_is_valid_and_suggestions_hold_no_figures() -> None:
    examples = QuestionExamples.load(QUESTION_EXAMPLES_PATH)
    assert {"figure", "explanation", "list", "comparison", "method", "path", "smalltalk"} <= set(examples.kinds)
    assert all(len(questions) >= 8 for questions in examples.kinds.values())
    assert 3 <= len(examples.suggestions) <= 4
    assert not any(re.search(r"\d", s) for s in examples.suggestions)


def test_loader_rejects_unknown_kinds_and_digits(tmp_path: Path) -> None:
    bad_kind = tmp_path / "kinds.yaml"
    bad_kind.write_text('kinds:\n  gossip: ["who is dating whom?"]\n')
    with pytest.raises(ValueError, match="unknown kinds"):
        QuestionExamples.load(bad_kind)
    bad_suggestion = tmp_path / "suggestions.yaml"
    bad_suggestion.write_text("kinds: {}\nsuggestions: ['What was the median in 2025?']\n")
    with pytest.raises(ValueError, match="digits"):
        QuestionExamples.load(bad_suggestion)


@pytest.mark.slow
def test_kinds_come_from_the_data_file(real_assistant: Assistant, tmp_path: Path) -> None:
    """Relabelling the examples relabels the questions: the kinds live in data, not in code."""
    embeddings = real_assistant._query_embeddings
    examples = tmp_path / "examples.yaml"
    examples.write_text(
        "kinds:\n"
        "  path: ['How do I become a pilot?', 'What steps lead to a job as a chef?', 'How can I get into nursing?']\n"
        "  list: ['Which fruits are red?', 'Name some rivers in Europe.', 'What colours does a rainbow have?']\n"
    )
    classifier = KindClassifier(QuestionExamples.load(examples), embeddings)
    vote = classifier.vote(embeddings.embed_query("How would I start a career as a carpenter?"))
    assert max(vote, key=lambda k: vote[k]) == "path"
    assert abs(sum(vote.values()) - 1.0) < 1e-6


def test_dimension_and_reference_words_come_from_data(tmp_path: Path) -> None:
    vocabulary = tmp_path / "vocabulary.toml"
    vocabulary.write_text('[dimensions]\nlevel = ["rung"]\n[references]\npronouns = ["those folks"]\n')
    words = PlanVocabulary.load(vocabulary)
    assert words.asks_across("and on the next rung?", "level")
    assert not words.asks_across("and with seniority?", "level")
    assert words.resolve("what do those folks earn?", "AI Engineer") == "what do AI Engineer earn?"


# -- kinds with the real model --------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("roughly what salary would a junior robotics engineer get?", "figure"),
        ("how much money do data scientists take home at mid career", "figure"),
        ("please explain what a regression model is", "explanation"),
        # "what do <people> <work verb>?" asks what they do, whatever "what do they make?" looks like
        ("what do researchers develop?", "explanation"),
        ("so what do robotics engineers design", "explanation"),
        # whether pay changes, no figure of the tables named: the documents say
        ("do salaries go up if I move into management?", "explanation"),
        ("will my pay increase if I specialize?", "explanation"),
        ("did the median go up?", "figure"),
        ("what's meant by reinforcement learning", "explanation"),
        ("which abilities does a good AI engineer need", "list"),
        ("name the main responsibilities of a machine learning engineer", "list"),
        ("how do generative models differ from discriminative ones", "comparison"),
        ("regression or classification models: what sets them apart?", "comparison"),
        ("how do they work out the median salary expectation", "method"),
        ("where does the offers number come from", "method"),
        ("what's the route to becoming a data scientist", "path"),
        ("how could a junior developer progress into an AI role", "path"),
        ("hey there", "smalltalk"),
        ("thank you so much!", "smalltalk"),
    ],
)
def test_kind_by_nearest_examples_and_slot_rules(real_assistant: Assistant, question: str, kind: str) -> None:
    parts = real_assistant.planner.plan(question, real_assistant.build.vocabulary, None, [])
    assert [p.kind for p in parts] == [kind], [(p.kind, p.confidence) for p in parts]
    assert 0.0 < parts[0].confidence <= 1.0


# -- an entity is context, not the question --------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "What does a machine learning engineer actually do at work?",
        "what education does an AI researcher need?",
        "Which programming languages should a data scientist learn?",
        "How is the median salary expectation worked out?",
    ],
)
def test_a_role_or_metric_in_a_documentation_question_does_not_route_to_salaries(
    real_assistant: Assistant, question: str
) -> None:
    reply = ask(real_assistant, question)
    assert reply.route == "documents", (reply.route, reply.answer)
    assert not any(call.tool in ("role_salary", "platform_stat", "rank") for call in reply.tool_calls)
    assert reply.plan[0].route == "documents" and reply.plan[0].kind != "figure"


# -- every part answered or explicitly not -----------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("What's a good lasagna recipe, and what does an entry level data scientist earn?", "$"),
        ("Who will win the world cup? Also, how much does a mid-career AI engineer make?", "$115,053"),
    ],
)
def test_an_uncovered_part_says_so_and_the_rest_is_answered(
    real_assistant: Assistant, question: str, figure: str
) -> None:
    reply = ask(real_assistant, question)
    assert not reply.abstained and reply.route == "statistics"
    assert [p.covered for p in reply.plan] == [False, True]
    assert "don't say" in reply.answer and figure in reply.answer
    assert "I can answer from these sources" not in reply.answer  # no whole-reply abstention block


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["Give me a lasagna recipe and tell me who won the world cup.", "What is the capital of Peru? And who won?"],
)
def test_abstains_only_when_no_part_is_covered(real_assistant: Assistant, question: str) -> None:
    reply = ask(real_assistant, question)
    assert reply.abstained and reply.route == "out_of_scope"
    assert reply.plan and not any(p.covered for p in reply.plan)
    assert "I can answer from these sources" in reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "What does an entry level AI engineer earn, and what is overfitting?",
        "How much does a mid-career data scientist make? Also what is reinforcement learning?",
    ],
)
def test_two_parts_two_routes(real_assistant: Assistant, question: str) -> None:
    reply = ask(real_assistant, question)
    assert reply.route == "both" and not reply.abstained
    assert [p.route for p in reply.plan] == ["statistics", "documents"]
    assert reply.plan[0].entities.get("level") and reply.plan[0].entities.get("roles")
    assert any(c.score is not None for c in reply.citations) and any(c.score is None for c in reply.citations)


# -- follow-ups that change the kind ---------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("What's the average pay of a data scientist?", "and how does it vary by seniority?"),
        ("What does an AI engineer earn on average?", "How does that differ across experience levels?"),
    ],
)
def test_follow_up_across_levels_lists_every_level(real_assistant: Assistant, first: str, second: str) -> None:
    before = ask(real_assistant, first)
    after = ask(real_assistant, second, before.session_id)
    assert after.route == "statistics" and not after.abstained
    assert "Entry Level" in after.answer and "Mid-Career" in after.answer
    assert len(re.findall(r"\$\d", after.answer)) > len(re.findall(r"\$\d", before.answer))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("What does an entry level machine learning engineer earn?", "what skills do they need?"),
        ("How much does a robotics engineer make?", "And what does their job involve?"),
    ],
)
def test_follow_up_to_a_documentation_kind_keeps_the_role(real_assistant: Assistant, first: str, second: str) -> None:
    before = ask(real_assistant, first)
    after = ask(real_assistant, second, before.session_id)
    assert after.plan[0].kind != "figure" and after.plan[0].route == "documents", after.plan
    assert after.plan[0].entities.get("roles") == before.plan[0].entities.get("roles")
    assert not any(call.tool == "role_salary" for call in after.tool_calls)


@pytest.mark.slow
@pytest.mark.parametrize("second", ["What about the number of offers?", "and the proposals?"])
def test_follow_up_without_a_kind_of_its_own_keeps_the_figure(real_assistant: Assistant, second: str) -> None:
    before = ask(real_assistant, "What was the median salary expectation in 2024?")
    after = ask(real_assistant, second, before.session_id)
    assert after.route == "statistics" and after.plan[0].kind == "figure"
    assert after.plan[0].entities.get("years") == [2024]


# -- small talk ------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "message",
    ["hello!", "Hey, good morning", "thanks, that was helpful", "help", "what can you do?", "can you help me?"],
)
def test_smalltalk_gets_a_short_reply_with_examples_from_the_data(real_assistant: Assistant, message: str) -> None:
    reply = ask(real_assistant, message)
    assert reply.route == "smalltalk" and not reply.abstained
    assert not reply.citations
    suggestions = QuestionExamples.load(QUESTION_EXAMPLES_PATH).suggestions
    assert all(s in reply.answer for s in suggestions)
    assert "I can answer from these sources" not in reply.answer and len(reply.answer) < 646
    assert [p.route for p in reply.plan] == ["smalltalk"] and reply.plan[0].confidence > 0.5


@pytest.mark.slow
@pytest.mark.parametrize("message", ["hi, what does a data scientist earn?", "Hello! What is overfitting?"])
def test_a_greeting_with_a_question_answers_the_question(real_assistant: Assistant, message: str) -> None:
    reply = ask(real_assistant, message)
    assert reply.route in ("statistics", "documents") and not reply.abstained
    assert reply.citations


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "place"),
    [
        ("What does a mid-career ML engineer earn, and what about in Tokyo?", "Tokyo"),
        ("How much does an entry level data scientist make? And in Madrid?", "Madrid"),
    ],
)
def test_an_uncovered_figure_part_says_so_and_why(real_assistant: Assistant, question: str, place: str) -> None:
    reply = ask(real_assistant, question)
    assert not reply.abstained and [p.covered for p in reply.plan] == [True, False]
    assert "don't say" in reply.answer and place in reply.answer and "$" in reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "What does an entry level AI researcher earn, and what's the Experienced figure?",
        "How much is a Late Career ML engineer paid? And the Early Career one?",
    ],
)
def test_a_later_figure_part_takes_the_role_from_the_part_before(real_assistant: Assistant, question: str) -> None:
    reply = ask(real_assistant, question)
    calls = [c.arguments for c in reply.tool_calls if c.tool == "role_salary"]
    assert len(calls) == 2 and calls[0]["role"] == calls[1]["role"] and calls[0]["level"] != calls[1]["level"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["what does a federated learning engineer earn?", "salary of a transfer learning engineer?"]
)
def test_a_learning_specialism_the_data_lacks_is_not_a_general_salary(real_assistant: Assistant, question: str) -> None:
    reply = ask(real_assistant, question)
    assert reply.abstained and "Learning Engineer" in reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("What does a data scientist make at entry level?", "how can they progress?", "Chief Data Scientist"),
        ("What's the average robotics engineer salary?", "and what's their path to the top?", "Director of Robotics"),
    ],
)
def test_a_career_path_follow_up_searches_with_the_role(
    real_assistant: Assistant, first: str, second: str, expected: str
) -> None:
    before = ask(real_assistant, first)
    after = ask(real_assistant, second, before.session_id)
    assert after.plan[0].kind == "path" and after.plan[0].route == "documents", after.plan
    assert expected in after.answer


@pytest.mark.slow
@pytest.mark.parametrize("question", ["Which cities are leading in AI hiring?", "what cities have the most AI jobs?"])
def test_cities_in_a_market_question_are_not_about_the_data(real_assistant: Assistant, question: str) -> None:
    reply = ask(real_assistant, question)
    assert reply.route == "documents", (reply.route, reply.answer)
    assert not any(c.tool == "coverage" for c in reply.tool_calls)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("second", "tool"), [("Is Keras among them?", "Keras"), ("does that list include TensorFlow?", "TensorFlow")]
)
def test_a_question_about_a_list_just_given_asks_the_same_list(
    real_assistant: Assistant, second: str, tool: str
) -> None:
    before = ask(real_assistant, "What tools were popular on the platform in 2025?")
    after = ask(real_assistant, second, before.session_id)
    assert after.route == "statistics" and not after.abstained, after.answer
    assert any(c.tool == "trending_tools" for c in after.tool_calls) and tool in after.answer


@pytest.mark.slow
@pytest.mark.parametrize("question", ["what is transfer learning", "whats a GAN", "Why do models overfit?"])
def test_short_what_is_and_why_questions_ask_for_an_explanation(real_assistant: Assistant, question: str) -> None:
    parts = real_assistant.planner.plan(question, real_assistant.build.vocabulary, None, [])
    assert [p.kind for p in parts] == ["explanation"], [(p.kind, p.confidence) for p in parts]


@pytest.mark.slow
@pytest.mark.parametrize("second", ["and the least?", "what about the lowest?"])
def test_the_other_end_of_a_ranking(real_assistant: Assistant, second: str) -> None:
    before = ask(real_assistant, "Which city pays ML engineers the most?")
    after = ask(real_assistant, second, before.session_id)
    assert after.route == "statistics" and "lowest is Seattle" in after.answer, after.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("What is overfitting?", "how can it be avoided?", "overfitting"),
        ("Explain generative models.", "any examples?", "Diffusion"),
    ],
)
def test_a_topicless_documentation_follow_up_goes_on_with_the_last_topic(
    real_assistant: Assistant, first: str, second: str, expected: str
) -> None:
    before = ask(real_assistant, first)
    after = ask(real_assistant, second, before.session_id)
    assert after.route == "documents" and not after.abstained and expected in after.answer, after.answer


@pytest.mark.slow
@pytest.mark.parametrize("second", ["how many offers was that based on?", "and how many offers is that from?"])
def test_a_figure_follow_up_referring_back_keeps_the_year(real_assistant: Assistant, second: str) -> None:
    before = ask(real_assistant, "What was the median salary expectation in 2024?")
    after = ask(real_assistant, second, before.session_id)
    assert after.route == "statistics" and "45" in after.answer and "59" not in after.answer, after.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "What do data scientists earn on average, and what do they do?",
        "How much does an AI researcher make? And what do they do?",
    ],
)
def test_a_topicless_part_is_about_the_role_before_it(real_assistant: Assistant, question: str) -> None:
    reply = ask(real_assistant, question)
    assert reply.route == "both" and [p.covered for p in reply.plan] == [True, True], reply.answer
    assert reply.plan[1].route == "documents" and reply.plan[1].entities.get("roles") == reply.plan[0].entities["roles"]


def test_commas_separate_questions() -> None:
    assert len(split_parts("How much do they make, what degree do they need, and what's the path?")) == 3
    (part,) = split_parts("In 2024, what was the median?")  # a leading phrase stays with its question
    assert part.startswith("In 2024") and part.endswith("what was the median?")


# -- context, joiners and what a figure depends on (probe questions, not eval wordings) ---------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "message", ["I'm in Seattle, what skills are hot for AI jobs?", "im based in NYC, which frameworks should I learn?"]
)
def test_a_short_statement_before_a_question_is_its_context_not_a_greeting(
    real_assistant: Assistant, message: str
) -> None:
    parts = real_assistant.planner.plan(message, real_assistant.build.vocabulary, None, [])
    assert len(parts) == 1 and parts[0].route == "documents" and parts[0].kind != "figure", parts


def test_a_joiner_without_a_question_word_splits_only_between_two_requests() -> None:
    asks = lambda text: "median" in text or "proposals" in text  # noqa: E731 - the planner passes the slot rules
    assert split_parts("the median in 2024, also the number of proposals", asks=asks) == [
        "the median in 2024",
        "the number of proposals",
    ]
    assert len(split_parts("the median in 2024, also the number of proposals")) == 1  # no rules, no split
    assert len(split_parts("what is the median, plus or minus?", asks=asks)) == 1  # "or minus" asks nothing


@pytest.mark.slow
@pytest.mark.parametrize(
    ("message", "routes"),
    [
        ("the median in 2024, also the number of proposals", ["statistics", "statistics"]),
        ("Tell me the average AI engineer salary plus the skills needed", ["statistics", "documents"]),
    ],
)
def test_an_added_request_is_a_part_of_its_own(real_assistant: Assistant, message: str, routes: list[str]) -> None:
    reply = ask(real_assistant, message)
    assert [p.route for p in reply.plan] == routes and all(p.covered for p in reply.plan), reply.plan


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["what determines how much a data scientist earns?", "which factors influence how much AI engineers get paid?"],
)
def test_what_drives_a_figure_is_not_the_figure(real_assistant: Assistant, question: str) -> None:
    reply = ask(real_assistant, question)
    assert reply.plan[0].kind != "figure" and reply.route == "documents", reply.plan
    assert not any(call.tool == "role_salary" for call in reply.tool_calls)


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["what does the proposals number mean?", "what do the median figures mean exactly?"]
)
def test_what_a_named_figure_means_is_how_it_is_made(real_assistant: Assistant, question: str) -> None:
    reply = ask(real_assistant, question)
    assert reply.plan[0].kind == "method" and reply.route == "documents", reply.plan


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["Do I need a master's to get hired in AI?", "Is there enough demand for robotics engineers?"]
)
def test_a_yes_no_question_asks_for_an_explanation(real_assistant: Assistant, question: str) -> None:
    parts = real_assistant.planner.plan(question, real_assistant.build.vocabulary, None, [])
    assert [(p.kind, p.route) for p in parts] == [("explanation", "documents")], parts


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["What does a prompt engineer actually do?", "what does an AI ethics consultant do all day?"]
)
def test_a_role_the_data_lacks_is_masked_like_a_known_one(real_assistant: Assistant, question: str) -> None:
    """'product manager' in a comparison example must not make every question naming one a comparison."""
    (part,) = real_assistant.planner.plan(question, real_assistant.build.vocabulary, None, [])
    assert part.kind == "explanation" and part.slots.unknown_role in part.context, (part.kind, part.context)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("entry-level salary for data scientists?", "what about the seniors?"),
        ("What does a junior AI researcher make?", "and for seniors?"),
    ],
)
def test_seniors_is_a_level_the_guide_does_not_have(real_assistant: Assistant, first: str, second: str) -> None:
    before = ask(real_assistant, first)
    after = ask(real_assistant, second, before.session_id)
    # the level asked is not covered: refused (marked abstained), with the levels the guide has
    assert after.abstained and "no 'senior' level" in after.answer, after.answer
    assert "Late Career" in after.answer or "Experienced" in after.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("What's the average robotics engineer salary?", "what do they do day to day?"),
        ("How much does a data scientist make?", "and what do they do day to day?"),
    ],
)
def test_a_docs_follow_up_with_repeated_words_is_about_the_role(
    real_assistant: Assistant, first: str, second: str
) -> None:
    before = ask(real_assistant, first)
    after = ask(real_assistant, second, before.session_id)
    assert after.route == "documents" and not after.abstained, after.answer
    assert after.plan[0].entities.get("roles") == before.plan[0].entities.get("roles")


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "as a junior data scientist, how do I become a lead?",
        "as a mid-career AI engineer, how do I grow into an architect role?",
    ],
)
def test_a_level_said_as_context_sharpens_a_path_question(real_assistant: Assistant, question: str) -> None:
    reply = ask(real_assistant, question)
    assert reply.route == "documents" and reply.plan[0].kind == "path", reply.plan
    assert "$" not in reply.answer, reply.answer  # the level is who asks, not a salary asked for


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["What does a data scientist make at entry level?", "what would an AI researcher make in late career"]
)
def test_pay_and_a_level_ask_for_a_figure(real_assistant: Assistant, question: str) -> None:
    reply = ask(real_assistant, question)
    assert reply.plan[0].kind == "figure" and reply.route == "statistics", reply.plan


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "term"), [("overfitting??", "overfitting"), ("backpropagation?", "backpropagation")]
)
def test_a_bare_term_asked_about_is_explained_not_small_talk(
    real_assistant: Assistant, question: str, term: str
) -> None:
    reply = ask(real_assistant, question)
    assert reply.route == "documents" and reply.plan[0].kind == "explanation", reply.plan
    assert term in reply.answer.lower()


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["does python matter for data scientists?", "is critical thinking important for a robotics engineer?"]
)
def test_nothing_set_side_by_side_is_not_a_comparison(real_assistant: Assistant, question: str) -> None:
    (part,) = real_assistant.planner.plan(question, real_assistant.build.vocabulary, None, [])
    assert (part.kind, part.route) == ("explanation", "documents"), (part.kind, part.confidence)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Which cities lead in AI jobs?", "and which pay the most?"),
        ("what cities are major tech hubs?", "and which of those pays the most?"),
    ],
)
def test_which_pays_most_ranks_what_the_turn_before_asked_about(
    real_assistant: Assistant, first: str, second: str
) -> None:
    before = ask(real_assistant, first)
    assert before.route == "documents" and not before.plan[0].entities.get("level"), before.plan  # "lead" is a verb
    after = ask(real_assistant, second, before.session_id)
    assert after.route == "statistics" and "city figures" in after.answer, after.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "message",
    [
        "ML eng salary, and what do they need to know?",
        "data scientist salary, and what do they do?",
        "AI researcher pay + what they actually work on",
        "robotics engineer salary & what do they study?",
    ],
)
def test_a_request_without_a_question_form_is_a_part_of_its_own(real_assistant: Assistant, message: str) -> None:
    reply = ask(real_assistant, message)
    assert [p.route for p in reply.plan] == ["statistics", "documents"], reply.plan
    assert reply.plan[1].entities.get("roles") == reply.plan[0].entities.get("roles")


@pytest.mark.slow
@pytest.mark.parametrize(
    "message",
    [
        "tell me about reinforcement learning plus the weather in Paris",
        "explain deep learning, also the football scores",
    ],
)
def test_an_added_off_topic_request_is_said_to_be_uncovered(real_assistant: Assistant, message: str) -> None:
    reply = ask(real_assistant, message)
    assert [p.covered for p in reply.plan] == [True, False] and not reply.abstained, reply.plan
    assert "don't say" in reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "message", ["For ML engineers, what skills matter?", "Among the roles in the guide, which pays least?"]
)
def test_a_leading_phrase_is_context_of_its_question(real_assistant: Assistant, message: str) -> None:
    parts = real_assistant.planner.plan(message, real_assistant.build.vocabulary, None, [])
    assert len(parts) == 1, [p.text for p in parts]


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["how much data do I need to train a model?", "how much math do I need for a career in AI?"]
)
def test_how_much_of_something_else_is_not_a_salary(real_assistant: Assistant, question: str) -> None:
    reply = ask(real_assistant, question)
    assert not reply.tool_calls and reply.route in ("documents", "out_of_scope"), reply.answer  # no salary table


@pytest.mark.slow
@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("what does a data scientist do", "how much does that pay"),
        ("Tell me about robotics engineers", "what does it pay?"),
    ],
)
def test_a_pay_follow_up_referring_back_takes_the_role(real_assistant: Assistant, first: str, second: str) -> None:
    before = ask(real_assistant, first)
    after = ask(real_assistant, second, before.session_id)
    assert after.route == "statistics" and after.plan[0].entities.get("roles") == before.plan[0].entities["roles"]
    assert any(call.tool == "role_salary" for call in after.tool_calls), after.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "message", ["salary aside, what do robotics engineers build?", "apart from pay, why become a data scientist?"]
)
def test_what_is_set_aside_is_not_asked(real_assistant: Assistant, message: str) -> None:
    reply = ask(real_assistant, message)
    assert len(reply.plan) == 1 and reply.route == "documents", reply.plan
    assert not any(call.tool == "role_salary" for call in reply.tool_calls) and "$" not in reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "message", ["I live in Seattle. is AI a good career?", "I work in New York City. do I need a PhD for AI jobs?"]
)
def test_a_statement_before_a_question_does_not_decide_its_kind(real_assistant: Assistant, message: str) -> None:
    (part,) = real_assistant.planner.plan(message, real_assistant.build.vocabulary, None, [])
    assert (part.kind, part.route) == ("explanation", "documents"), (part.kind, part.confidence)


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["what are the salary factors in San Francisco?", "which things shape pay in New York?"]
)
def test_the_factors_behind_a_figure_are_looked_up_in_the_documents_first(
    real_assistant: Assistant, question: str
) -> None:
    (part,) = real_assistant.planner.plan(question, real_assistant.build.vocabulary, None, [])
    assert part.route == "documents" and part.kind != "figure", (part.kind, part.route, part.confidence)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("first", "second", "figure"),
    [
        ("How much does an ML engineer make?", "thanks! and in Seattle?", "$173,517"),
        ("What was the median salary expectation in 2024?", "cheers. and for 2025?", "$5,808"),
    ],
)
def test_thanks_before_a_follow_up_is_small_talk_and_the_follow_up_is_answered(
    real_assistant: Assistant, first: str, second: str, figure: str
) -> None:
    before = ask(real_assistant, first)
    after = ask(real_assistant, second, before.session_id)
    assert [(p.kind, p.route) for p in after.plan] == [("smalltalk", "smalltalk"), ("figure", "statistics")]
    assert figure in after.answer, after.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "message",
    [
        "What education does an AI product manager need, and how do they get to director level?",
        "what does an AI product manager do? and how can they advance?",
    ],
)
def test_they_stands_for_a_title_the_tables_lack(real_assistant: Assistant, message: str) -> None:
    parts = real_assistant.planner.plan(message, real_assistant.build.vocabulary, None, [])
    assert len(parts) == 2 and parts[1].kind == "path", [(p.text, p.kind) for p in parts]
    assert "AI Product Manager" in parts[1].context and "AI Product Manager" in parts[1].query, parts[1]


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["can a data scientist become an ML engineer?", "is it possible to move into management as an AI developer?"],
)
def test_a_yes_no_question_about_a_career_move_is_a_path(real_assistant: Assistant, question: str) -> None:
    (part,) = real_assistant.planner.plan(question, real_assistant.build.vocabulary, None, [])
    assert (part.kind, part.route) == ("path", "documents"), (part.kind, part.confidence)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("turns", "figure"),
    [
        (
            ["what do AI engineers earn at entry level?", "what skills would I need for that?", "and mid-career pay?"],
            "$115,053",
        ),
        (["How much does a robotics engineer make?", "what does the job involve?", "and at entry level?"], "$76,453"),
    ],
)
def test_the_role_survives_a_documentation_turn_in_between(
    real_assistant: Assistant, turns: list[str], figure: str
) -> None:
    session = None
    for message in turns:
        reply = ask(real_assistant, message, session)
        session = reply.session_id
    assert reply.route == "statistics" and figure in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["how do I negotiate a higher salary?", "what should I do to earn more as a data scientist?"]
)
def test_a_how_to_about_pay_is_not_a_figure(real_assistant: Assistant, question: str) -> None:
    (part,) = real_assistant.planner.plan(question, real_assistant.build.vocabulary, None, [])
    assert part.kind != "figure" and part.route == "documents", (part.kind, part.route, part.confidence)


@pytest.mark.slow
@pytest.mark.parametrize(
    "message",
    ["I have 3 years of experience, what should I learn next?", "with 5 years behind me, which skills should I add?"],
)
def test_experience_told_as_context_does_not_make_a_skills_question_a_figure(
    real_assistant: Assistant, message: str
) -> None:
    reply = ask(real_assistant, message)
    assert reply.plan[0].kind != "figure" and reply.route == "documents", reply.plan
    assert not reply.tool_calls and "$" not in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["do companies prefer off-the-shelf AI tools or custom models?", "are general purpose AI tools losing ground?"],
)
def test_tools_named_as_context_do_not_ask_for_the_trending_list(real_assistant: Assistant, question: str) -> None:
    reply = ask(real_assistant, question)
    assert reply.route == "documents" and not any(c.tool == "trending_tools" for c in reply.tool_calls), reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "message",
    [
        "if a candidate with a $5,000 salary gets 3 offers, how many times is she counted?",
        "say someone gets 4 offers, how often do they count in the statistics?",
    ],
)
def test_a_worked_case_asks_how_a_figure_is_made(real_assistant: Assistant, message: str) -> None:
    reply = ask(real_assistant, message)
    assert [(p.kind, p.route) for p in reply.plan] == [("method", "documents")], reply.plan


@pytest.mark.slow
@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("what was the median in 2024?", "does that include rejected offers?"),
        ("how many offers in 2025?", "is that counting every developer?"),
    ],
)
def test_that_after_a_figure_asks_about_the_figure(real_assistant: Assistant, first: str, second: str) -> None:
    before = ask(real_assistant, first)
    after = ask(real_assistant, second, before.session_id)
    assert after.route == "documents" and not after.abstained, after.answer
    assert not after.plan[0].entities.get("roles"), after.plan  # "every developer" is no job title


@pytest.mark.parametrize(
    "message",
    [
        "what problems do ML teams typically face? only the broad categories pls",
        "which best practices should an AI team follow? headings only",
    ],
)
def test_how_to_answer_is_no_part_of_its_own(real_assistant: Assistant, message: str) -> None:
    """'...? just the main categories': the closing words shape the answer (vocabulary presentation_words); the reply
    answers the question and says nothing about "only the broad categories" as if it were asked."""
    assert len(split_parts(message)) == 1, split_parts(message)
    reply = ask(real_assistant, message)
    assert reply.route == "documents" and not reply.abstained, reply.answer
    assert "don't say anything about" not in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("message", "said"),
    [
        ("how can an ML team spread what it learns across the org, is there a recommended practice?", "knowledge"),
        ("how do ML teams keep models from being biased, are there recommended checks?", "bias"),
    ],
)
def test_a_question_before_a_second_question_names_the_topic_of_both(
    real_assistant: Assistant, message: str, said: str
) -> None:
    """'how should X ..., is there a recommended setup?': the first clause is a question, not a statement about the
    asker, so its words are searched too (the second alone asks of nothing: "is there a recommended setup?")."""
    reply = ask(real_assistant, message)
    assert reply.route == "documents" and not reply.abstained, reply.answer
    assert said in reply.answer.lower(), reply.answer


def test_a_restated_request_is_not_a_part_of_its_own() -> None:
    assert split_parts("which soft skills matter? list them pls") == ["which soft skills matter?"]
    assert split_parts("What are the best practices for deployment? name them") == [
        "What are the best practices for deployment?"
    ]
    assert len(split_parts("What skills matter? Also list the tools.")) == 2  # a new object is a new part


@pytest.mark.slow
@pytest.mark.parametrize(
    ("first", "second", "sides"),
    [
        (
            "how much does a data scientist make on average?",
            "and how is their job different from an ML engineer's?",
            ("Data Scientist", "ML engineer"),
        ),
        (
            "What does a robotics engineer earn?",
            "how does their work differ from an AI researcher's?",
            ("Robotics Engineer", "AI researcher"),
        ),
    ],
)
def test_their_job_against_another_role_is_a_comparison_of_both(
    real_assistant: Assistant, first: str, second: str, sides: tuple[str, str]
) -> None:
    before = ask(real_assistant, first)
    previous = real_assistant._sessions.get(before.session_id).last()
    (part,) = real_assistant.planner.plan(second, real_assistant.build.vocabulary, previous, [])
    assert part.kind == "comparison" and part.route == "documents", (part.kind, part.confidence)
    assert all(side in part.query for side in sides), part.query


@pytest.mark.slow
@pytest.mark.parametrize(
    "message",
    [
        "what does the 2025 salary page say about deep learning?",
        "according to the 2024 salary page, what is machine learning?",
    ],
)
def test_the_source_named_is_not_what_is_asked(real_assistant: Assistant, message: str) -> None:
    reply = ask(real_assistant, message)
    assert [(p.kind, p.route) for p in reply.plan] == [("explanation", "documents")], reply.plan
    assert not reply.tool_calls and "$" not in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "message",
    [
        "Tell me the duties and the salary of a data scientist",
        "skills and pay for robotics engineers?",
        "data scientist: responsibilities, salary",
    ],
)
def test_two_requests_joined_on_one_subject_are_two_parts(real_assistant: Assistant, message: str) -> None:
    reply = ask(real_assistant, message)
    assert [p.route for p in reply.plan] == ["documents", "statistics"], reply.plan
    assert reply.route == "both" and all(p.covered for p in reply.plan)
    assert reply.plan[0].entities.get("roles") == reply.plan[1].entities.get("roles")


def test_words_joined_that_ask_the_same_kind_of_thing_stay_one_part() -> None:
    asks = lambda text: "documents" if text in ("skills", "tools") else ""  # noqa: E731 - as the planner's rules
    assert len(split_parts("which skills and tools matter?", asks=asks)) == 1
    assert len(split_parts("what's the difference between salary and skills?", asks=lambda t: t)) == 1


@pytest.mark.slow
@pytest.mark.parametrize(
    ("message", "query"),
    [
        ("tell me about AI ethics, I'm a senior data scientist", "tell me about AI ethics"),
        ("which frameworks should I learn? I work in Seattle", "which frameworks should I learn"),
    ],
)
def test_who_asks_after_the_question_is_context(real_assistant: Assistant, message: str, query: str) -> None:
    (part,) = real_assistant.planner.plan(message, real_assistant.build.vocabulary, None, [])
    assert part.route == "documents" and part.query == query, (part.route, part.query)


@pytest.mark.slow
@pytest.mark.parametrize("question", ["what's happening with AI regulation?", "whats up with multimodal AI"])
def test_what_is_going_on_with_a_topic_asks_for_an_explanation(real_assistant: Assistant, question: str) -> None:
    (part,) = real_assistant.planner.plan(question, real_assistant.build.vocabulary, None, [])
    assert (part.kind, part.route) == ("explanation", "documents"), (part.kind, part.confidence)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("message", "figure"),
    [
        ("tell me the median expectation in 2024 and the capital of Australia", "5,640"),
        ("what's the average AI engineer salary and the best pizza place in Rome?", "127,986"),
    ],
)
def test_and_the_thing_the_sources_lack_is_a_part_said_to_be_uncovered(
    real_assistant: Assistant, message: str, figure: str
) -> None:
    """The covered request is answered; the one after "and the" is not searched with its neighbour's topic."""
    reply = ask(real_assistant, message)
    assert [(p.route, p.covered) for p in reply.plan] == [("statistics", True), ("out_of_scope", False)], reply.plan
    assert figure in reply.answer and "don't say" in reply.answer and not reply.abstained, reply.answer


@pytest.mark.parametrize(
    "message",
    [
        "how do the salary and the experience level relate?",
        "what's the gap between the median and the average pay?",
        "tell me about the pros and the cons",
    ],
)
def test_and_the_joining_one_question_does_not_split(real_assistant: Assistant, message: str) -> None:
    assert len(real_assistant.planner.plan(message, real_assistant.build.vocabulary, None, [])) == 1


@pytest.mark.slow
@pytest.mark.parametrize(
    "message",
    ["whats the best pizza in Chicago?", "explain overfitting, and where can I go hiking near Seattle?"],
)
def test_a_place_named_with_a_topic_we_lack_is_no_salary_question(real_assistant: Assistant, message: str) -> None:
    reply = ask(real_assistant, message)
    last = reply.plan[-1]
    assert (last.route, last.covered) == ("out_of_scope", False), reply.plan
    assert "$" not in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize("question", ["which cities pay the most?", "which city pays best?"])
def test_a_city_ranking_is_answered_with_the_city_figures(real_assistant: Assistant, question: str) -> None:
    reply = ask(real_assistant, question)
    assert reply.route == "statistics" and "184,982" in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("message", "figures"),
    [
        ("what's the average AI engineer pay; what about data scientists?", ["127,986", "129,640"]),
        ("how much does an entry level robotics engineer make? and AI researchers?", ["76,453", "88,713"]),
    ],
)
def test_a_later_part_without_a_kind_of_its_own_asks_what_the_part_before_asked(
    real_assistant: Assistant, message: str, figures: list[str]
) -> None:
    reply = ask(real_assistant, message)
    assert [(p.kind, p.route) for p in reply.plan] == [("figure", "statistics")] * 2, reply.plan
    assert all(f in reply.answer for f in figures), reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("how do discriminative models work and where are they used?", "sentiment analysis"),
        ("what is reinforcement learning, and where is it applied?", "stock trading"),
    ],
)
def test_a_later_part_pointing_back_goes_on_with_the_topic_of_the_part_before(
    real_assistant: Assistant, message: str, expected: str
) -> None:
    """ "they"/"it" stand for what the first part asked about; no sentence is said twice for the two parts."""
    reply = ask(real_assistant, message)
    assert [(p.route, p.covered) for p in reply.plan] == [("documents", True)] * 2, reply.plan
    assert expected in reply.answer, reply.answer
    sentences = [s for s in re.split(r"(?<=\]) ", reply.answer) if s]
    assert len(sentences) == len(set(sentences)), reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "message",
    [
        "how much do ML engineers make in San Francisco and which cities are emerging AI hubs?",
        "what does a data scientist earn? and which cities lead in AI job opportunities?",
    ],
)
def test_a_later_part_naming_cities_for_its_own_topic_is_not_the_figure_again(
    real_assistant: Assistant, message: str
) -> None:
    """Only a part about the figure before ("and by city?", "how does it vary by city?") asks it across cities."""
    reply = ask(real_assistant, message)
    assert reply.plan[0].kind == "figure" and reply.plan[1].kind != "figure", reply.plan
    hubs = "Austin" in reply.answer or "Boston" in reply.answer
    assert reply.plan[1].route == "documents" and hubs, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["does the number of offers tell me how many jobs there are?", "is the offers total a count of vacancies?"],
)
def test_a_yes_no_question_about_a_named_figure_asks_what_it_stands_for(
    real_assistant: Assistant, question: str
) -> None:
    reply = ask(real_assistant, question)
    assert [(p.kind, p.route) for p in reply.plan] == [("method", "documents")], reply.plan
    assert "not the number of vacancies" in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["how much does experience matter for AI salaries?", "how much does location affect ML pay?"]
)
def test_how_much_something_matters_asks_what_drives_pay(real_assistant: Assistant, question: str) -> None:
    (part,) = ask(real_assistant, question).plan
    assert part.route == "documents" and part.kind != "figure", part


@pytest.mark.parametrize(
    "question",
    ["do mid-career data scientists need a PhD?", "is an entry level ML engineer expected to deploy models?"],
)
def test_a_yes_no_question_naming_a_level_but_no_pay_is_an_explanation(
    real_assistant: Assistant, question: str
) -> None:
    (part,) = real_assistant.planner.plan(question, real_assistant.build.vocabulary, None, [])
    assert (part.kind, part.route) == ("explanation", "documents"), (part.kind, part.route, part.confidence)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("message", "figure"),
    [("what does an ML engineer make?", "126,397"), ("what do robotics engineers make?", "96,013")],
)
def test_what_a_role_makes_is_its_pay(real_assistant: Assistant, message: str, figure: str) -> None:
    """Nearest by form to "what does X do?", but a role and a pay word are a figure asked."""
    reply = ask(real_assistant, message)
    assert [(p.kind, p.route) for p in reply.plan] == [("figure", "statistics")] and figure in reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "message",
    ["AI researcher salary and what they do", "tell me robotics engineer salary and what robotics engineers design"],
)
def test_a_short_question_about_the_role_after_its_pay_is_not_the_pay_again(
    real_assistant: Assistant, message: str
) -> None:
    """'what they do' and 'what X design' are whole questions (a subject and a verb), not ellipses of the figure."""
    reply = ask(real_assistant, message)
    assert [(p.kind, p.route) for p in reply.plan] == [("figure", "statistics"), ("explanation", "documents")]


@pytest.mark.slow
@pytest.mark.parametrize(
    "message",
    ["how much do robotics engineers make and whats the career ladder", "data scientist pay, and the path to the top?"],
)
def test_a_career_ladder_part_searches_with_the_role_of_the_message(real_assistant: Assistant, message: str) -> None:
    reply = ask(real_assistant, message)
    assert reply.plan[1].kind == "path" and reply.plan[1].covered, reply.plan
    assert "Chief Data Scientist" in reply.answer or "Director of Robotics" in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("message", "routes"),
    [
        ("job postings growth and the reasons for it", ["statistics", "documents"]),  # 'it': the growth
        ("data scientist vs ml engineer: pay and responsibilities", ["statistics", "documents"]),
        ("AI engineer vs robotics engineer: the salary and the duties", ["statistics", "documents"]),
    ],
)
def test_a_request_added_after_and_the_or_a_comparison_is_a_part_of_its_own(
    real_assistant: Assistant, message: str, routes: list[str]
) -> None:
    reply = ask(real_assistant, message)
    assert [p.route for p in reply.plan] == routes, reply.plan


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("what % of companies use AI?", "market_metric"),
        ("how many businesses use AI in production?", "market_metric"),
        ("and what extra comp is there?", "extra_comp"),
        ("what perks come on top of salary?", "extra_comp"),
    ],
)
def test_everyday_words_for_the_market_and_compensation_figures(
    real_assistant: Assistant, text: str, field: str
) -> None:
    from assistant.understanding import understand

    assert getattr(understand(text, real_assistant.build.vocabulary), field), text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "figure"),
    [("what's the ML engineer salary range?", "126,397"), ("what is the pay of a robotics engineer?", "96,013")],
)
def test_what_is_opening_a_role_pay_question_does_not_make_it_a_documents_question(
    real_assistant: Assistant, question: str, figure: str
) -> None:
    """'what's' opens documentation questions too; with a role and a pay word it asks the role's figure."""
    reply = ask(real_assistant, question)
    assert [(p.kind, p.route) for p in reply.plan] == [("figure", "statistics")] and figure in reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["what's the pay bump for going into management?", "what's the pay boost from specialising?"]
)
def test_a_pay_question_about_no_one_in_the_tables_is_asked_of_the_documents_first(
    real_assistant: Assistant, question: str
) -> None:
    (part,) = real_assistant.planner.plan(question, real_assistant.build.vocabulary, None, [])
    assert part.route == "documents" and part.fallback == "statistics", (part.kind, part.route, part.fallback)


@pytest.mark.slow
@pytest.mark.parametrize(
    "message",
    [
        "whats the entry level pay for a robotics engineer and what does the job involve?",
        "how much does a robotics engineer make, and what is the job like?",
    ],
)
def test_the_job_stands_for_the_role_named_before(real_assistant: Assistant, message: str) -> None:
    reply = ask(real_assistant, message)
    assert [p.route for p in reply.plan] == ["statistics", "documents"], reply.plan
    assert "robotic systems" in reply.answer, reply.answer


def test_the_job_market_and_the_role_of_ai_are_not_the_role(real_assistant: Assistant) -> None:
    words = real_assistant.planner.words
    assert words.resolve("how's the job market for AI?", "Data Scientist") is None
    assert words.resolve("what is the role of AI in healthcare?", "Data Scientist") is None
    assert words.resolve("what does the job involve?", "Data Scientist") == "what does Data Scientist involve?"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("message", "figure"),
    [
        ("i'm a junior ML engineer. how much will I make when I'm mid-career?", "120,368"),
        ("I'm an entry level data scientist, what will I earn once I'm experienced?", "134,922"),
    ],
)
def test_the_level_asked_about_not_the_level_stated_before_it(
    real_assistant: Assistant, message: str, figure: str
) -> None:
    reply = ask(real_assistant, message)
    assert figure in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "message",
    [
        "my company pays me 100k as an AI engineer, is that normal for entry level?",
        "our company pay is 100k for entry level AI engineers, is that typical?",
    ],
)
def test_the_askers_own_company_is_context_not_the_top_companies(real_assistant: Assistant, message: str) -> None:
    reply = ask(real_assistant, message)
    assert "100,324" in reply.answer and "Google" not in reply.answer, reply.answer


@pytest.mark.parametrize(
    "question",
    [
        "what's the entry level salary for an AI engineer and what should I study to get there?",
        "how much does a data scientist earn and how do I get there?",
    ],
)
def test_getting_there_after_a_role_asks_the_path_to_it(real_assistant: Assistant, question: str) -> None:
    reply = ask(real_assistant, question)
    assert [p.route for p in reply.plan] == ["statistics", "documents"]
    assert reply.plan[1].kind == "path"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("does moving into management raise your salary?", "significant salary jumps"),
        ("is a PhD worth it for higher pay in AI?", "Ph.D."),
        ("do AI jobs pay well?", "higher than average tech salaries"),
    ],
)
def test_a_yes_no_about_pay_naming_no_figure_is_asked_of_the_documents(
    real_assistant: Assistant, question: str, expected: str
) -> None:
    reply = ask(real_assistant, question)
    assert [p.route for p in reply.plan] == ["documents"]
    assert expected in reply.answer
    assert "two kinds of salary figure" not in reply.answer


@pytest.mark.parametrize(
    "question",
    [
        "what tools should a data scientist be comfortable with?",
        "which tools should machine learning engineers be familiar with?",
    ],
)
def test_tools_of_a_role_are_its_toolkit_not_the_trending_list(real_assistant: Assistant, question: str) -> None:
    reply = ask(real_assistant, question)
    assert [p.route for p in reply.plan] == ["documents"]
    assert "TensorFlow" in reply.answer


def test_the_trending_tools_for_a_role_are_still_the_trending_list(real_assistant: Assistant) -> None:
    reply = ask(real_assistant, "which tools are trending for data scientists?")
    assert reply.plan[0].route == "statistics"
    assert "Vertex" in reply.answer


@pytest.mark.parametrize(
    ("question", "routes"),
    [
        ("tell me the average data scientist salary as well as what skills they need", ["statistics", "documents"]),
        ("what does a robotics engineer earn as well as what do they design?", ["statistics", "documents"]),
        ("AI researcher avg pay & career path?", ["statistics", "documents"]),
        ("data scientist entry salary and career path", ["statistics", "documents"]),
    ],
)
def test_as_well_as_and_a_two_word_term_joined_last_split_into_parts(
    real_assistant: Assistant, question: str, routes: list[str]
) -> None:
    reply = ask(real_assistant, question)
    assert [p.route for p in reply.plan] == routes


@pytest.mark.parametrize(
    "message", ["do ML engineers need Python as well as R?", "what are supervised and unsupervised learning?"]
)
def test_words_joined_inside_one_question_stay_one_part(real_assistant: Assistant, message: str) -> None:
    assert len(ask(real_assistant, message).plan) == 1


@pytest.mark.parametrize(
    "question",
    [
        "how far can an ML engineer go in their career?",
        "what does an experienced data scientist earn and what's the top job they can reach?",
    ],
)
def test_how_far_a_role_can_go_asks_its_path(real_assistant: Assistant, question: str) -> None:
    reply = ask(real_assistant, question)
    assert reply.plan[-1].kind == "path" and reply.plan[-1].route == "documents"
    assert reply.plan[-1].covered


@pytest.mark.parametrize(
    "question",
    [
        "what expectations do employers have of ML engineers?",
        "which expectations do companies have of data scientists?",
    ],
)
def test_a_job_s_expectations_are_no_salary_expectation(real_assistant: Assistant, question: str) -> None:
    reply = ask(real_assistant, question)
    assert [p.route for p in reply.plan] != ["statistics"]
    assert "median salary expectation" not in reply.answer


@pytest.mark.parametrize(
    ("question", "expected"),
    [("which company offers the best AI salaries?", "Google"), ("what company pays ML engineers the most?", "Meta")],
)
def test_which_company_asks_the_companies_figures(real_assistant: Assistant, question: str, expected: str) -> None:
    reply = ask(real_assistant, question)
    assert reply.plan[0].route == "statistics"
    assert expected in reply.answer and "total number of offers" not in reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "message",
    ["what's the average ML salary and is demand growing?", "what do AI engineers earn, and is demand rising?"],
)
def test_a_later_yes_no_part_with_a_subject_of_its_own_is_not_an_ellipsis(
    real_assistant: Assistant, message: str
) -> None:
    """'is demand growing?' after a pay part is a question of its own (a verb asking of its own noun), so it does
    not take the figure kind and the pay of the part before: the documents answer it."""
    reply = ask(real_assistant, message)
    assert len(reply.plan) == 2 and reply.plan[1].kind != "figure" and reply.plan[1].route == "documents", reply.plan


# -- parts2: two-part messages ("both") ------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "message",
    [
        "entry level machine learning engineer pay, and what does deploying models involve for them?",
        "What do ML engineers make early in their career? What does model deployment involve for them?",
    ],
)
def test_a_person_in_a_later_part_is_the_role_before_as_context(real_assistant: Assistant, message: str) -> None:
    """'... for them' names the role of the part before: the role is the context of the part's own topic (as when
    the role is named), so the role's deployment duties answer, not a generic line about deploying."""
    reply = ask(real_assistant, message)
    assert [p.route for p in reply.plan] == ["statistics", "documents"], reply.plan
    assert "production environments" in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "message",
    [
        "compare ML engineer and data scientist: pay and what they focus on",
        "what do data scientists and machine learning engineers earn, and what do they spend their time on?",
    ],
)
def test_they_after_two_roles_are_both_roles(real_assistant: Assistant, message: str) -> None:
    build = real_assistant.build
    parts = real_assistant.planner.plan(message, build.vocabulary, None, [])
    assert len(parts) == 2 and parts[1].route == "documents", [(p.text, p.route) for p in parts]
    assert {"Machine Learning Engineer", "Data Scientist"} <= set(parts[1].slots.roles), parts[1].slots.roles
    searched = " ".join([parts[1].query, *parts[1].context])  # named in the query or as its context
    assert "Machine Learning Engineer" in searched and "Data Scientist" in searched, searched


@pytest.mark.parametrize(
    ("message", "kinds"),
    [
        ("robotics engineer pay and career ladder?", ["figure", "path"]),
        ("data scientist salary and promotion path?", ["figure", "path"]),
        ("salary and focus of data scientists vs ML engineers", ["figure", None]),
        ("pay and focus of AI researchers", ["figure", None]),
        ("AI engineer vs robotics engineer - pay and career path?", ["figure", "path"]),
        ("data scientists versus AI researchers — salary and duties", ["figure", None]),
    ],
)
def test_a_figure_word_joined_to_a_career_step_or_a_focus_is_two_parts(
    real_assistant: Assistant, message: str, kinds: list[str | None]
) -> None:
    """'X pay and career ladder': a career step (the path cues) or what a job focuses on is asked of the
    documents, the pay of the statistics, each of the same role(s)."""
    build = real_assistant.build
    parts = real_assistant.planner.plan(message, build.vocabulary, None, [])
    assert [p.route for p in parts] == ["statistics", "documents"], [(p.text, p.kind, p.route) for p in parts]
    assert all(want in (None, p.kind) for p, want in zip(parts, kinds, strict=True)), [p.kind for p in parts]
    assert parts[1].entities().get("roles"), parts[1].entities()


@pytest.mark.parametrize(
    ("message", "level_words"),
    [
        ("average AI researcher salary and the skills they need", "average"),
        ("Entry level AI engineer salary and the skills they need", "entry level"),
        ("mid-career data scientist pay and education needed", "mid-career"),
    ],
)
def test_the_level_of_a_shared_figure_is_not_searched_by_the_documents_part(
    real_assistant: Assistant, message: str, level_words: str
) -> None:
    """'average AI researcher salary and the skills they need': the level goes with the salary, the role with
    both; the words after the second joined word ('they need', 'needed') are its own, not the salary's."""
    build = real_assistant.build
    first, second = real_assistant.planner.plan(message, build.vocabulary, None, [])
    assert (first.route, second.route) == ("statistics", "documents"), (first.text, second.text, second.kind)
    assert level_words in first.text.lower() and level_words not in second.text.lower(), second.text
    assert second.slots.level is None and second.slots.roles == first.slots.roles, second.slots
    assert "need" not in first.text, first.text


@pytest.mark.parametrize(
    "question",
    [
        "are people with zero offers counted in the 2024 median?",
        "does the 2025 offers total include rejected offers?",
        "how was the 2024 median salary expectation computed?",
    ],
)
def test_how_a_year_s_figure_is_made_is_asked_of_its_method_section(real_assistant: Assistant, question: str) -> None:
    """A named figure whose making is asked (a method cue, or a yes/no about what it counts): the year says which
    page's figure, it asks no value, so the page's method section answers, not the figure."""
    reply = ask(real_assistant, question)
    assert [(p.kind, p.route) for p in reply.plan] == [("method", "documents")], reply.plan
    assert any("How statistics are calculated" in c.section for c in reply.citations), reply.citations


@pytest.mark.parametrize(
    ("message", "routes"),
    [
        ("AI engineer mid-career salary; how do they move up to technical lead?", ["statistics", "documents"]),
        ("robotics engineer experienced pay; what do they design?", ["statistics", "documents"]),
        ("early-career AI engineer pay — what do they actually do though?", ["statistics", "documents"]),
        ("data scientist entry salary - what should they study?", ["statistics", "documents"]),
    ],
)
def test_a_request_before_a_semicolon_or_a_dash_is_a_part_of_its_own(
    real_assistant: Assistant, message: str, routes: list[str]
) -> None:
    """'X pay; how do they ...?', 'X pay — what do they ...?': the phrase before asks a figure by itself, so it is
    answered, not taken as a statement giving the question after it context."""
    build = real_assistant.build
    parts = real_assistant.planner.plan(message, build.vocabulary, None, [])
    assert [p.route for p in parts] == routes, [(p.text, p.kind, p.route) for p in parts]


@pytest.mark.parametrize(
    "message",
    [
        "rules engines vs expert systems - what's the difference?",
        "data scientists, what do they earn?",
        "ML engineers in Seattle - what do they make?",
        "ML engineer or data scientist, which one builds the models?",
        # the asker's years name a level as a level would ("... and what's the pay?" was a second, bare part)
        "ai researcher with 5 yrs experience, what's the pay?",
        "data scientist, 3 years in - what should i be earning?",
        "robotics engineer at entry level, what's the salary?",  # a level, and the word "level"
        "ML engineer in the US - how much do they earn?",  # the guide's own market
    ],
)
def test_a_topic_named_before_the_question_stays_in_it(real_assistant: Assistant, message: str) -> None:
    """A role, a place or two things named before a dash or comma are what the question after is about: one
    part, not a bare name answered by itself (its overview) and the question again."""
    build = real_assistant.build
    parts = real_assistant.planner.plan(message, build.vocabulary, None, [])
    assert len(parts) == 1, [(p.text, p.kind, p.route) for p in parts]


@pytest.mark.parametrize(
    "message",
    [
        "what's a data scientist's late-career salary, and where can they go from junior?",
        "how do entry level robotics engineers move up?",
        "which programming languages should junior data scientists learn?",
    ],
)
def test_a_level_in_a_question_of_its_own_asks_no_figure(real_assistant: Assistant, message: str) -> None:
    """'where can they go from junior?': a level named in a where/how/which question that asks no pay is where
    someone stands, not a figure to look up."""
    build = real_assistant.build
    last = real_assistant.planner.plan(message, build.vocabulary, None, [])[-1]
    assert last.kind != "figure" and last.route == "documents", (last.text, last.kind, last.route)


@pytest.mark.parametrize(
    "message", ["early career data scientist salary and their main tools", "AI engineer pay, plus their usual tools"]
)
def test_a_thing_of_their_own_after_a_figure_is_no_ellipsis_of_it(real_assistant: Assistant, message: str) -> None:
    """'... and their main tools' names a thing of the role's own (its toolkit, in the guide), not the figure again
    nor the trending-tools table."""
    build = real_assistant.build
    parts = real_assistant.planner.plan(message, build.vocabulary, None, [])
    assert [(p.kind == "figure", p.route) for p in parts] == [(True, "statistics"), (False, "documents")], [
        (p.text, p.kind, p.route) for p in parts
    ]


def test_the_offer_total_names_the_offers_figure(real_assistant: Assistant) -> None:
    reply = ask(real_assistant, "2025 offer total? and does a higher offer count mean more vacancies?")
    assert "59 offers" in reply.answer and "not the number of vacancies" in reply.answer, reply.answer


@pytest.mark.parametrize(
    "message",
    [
        "how many proposals were there in 2025, btw what's a GAN?",
        "what's the 2024 median, by the way what is deep learning?",
        "data scientist entry pay, oh and what's reinforcement learning?",
    ],
)
def test_a_question_after_a_comma_and_an_aside_is_a_part_of_its_own(real_assistant: Assistant, message: str) -> None:
    build = real_assistant.build
    parts = real_assistant.planner.plan(message, build.vocabulary, None, [])
    assert [p.route for p in parts] == ["statistics", "documents"], [(p.text, p.route) for p in parts]
    assert not re.search(r"\b(?:btw|oh|way)\W*$", parts[0].text), parts[0].text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("my recruiter keeps mentioning MLOps. what is it?", "Machine Learning Operations"),
        ("a colleague brought up shadow deployment, what's that?", "shadow deployment"),
        ("I read that overfitting ruins models - how can I avoid it?", "overfitting"),
    ],
)
def test_a_question_that_only_points_back_to_the_statement_before_it_asks_about_its_topic(
    real_assistant: Assistant, question: str, expected: str
) -> None:
    """'X came up. what is it?': "it" is the statement's topic, so the statement is searched with the question
    (a question with a topic of its own is searched alone: "I have 3 years of experience, what should I learn?")."""
    reply = real_assistant.ask(question)
    assert not reply.abstained and reply.route == "documents", reply.answer
    assert expected.lower() in reply.answer.lower(), reply.answer


@pytest.mark.parametrize(
    "message",
    [
        "in 2024 what was the median, and how do I become an ML engineer?",
        "for data scientists what's the entry pay, and what degree do they need?",
    ],
)
def test_a_question_after_its_leading_phrase_is_asked_not_context(real_assistant: Assistant, message: str) -> None:
    """'in 2024 what was the median, and ...': a leading phrase ('in 2024', 'for data scientists') with a question
    after it is a request of its own, not context merged into the next part."""
    build = real_assistant.build
    parts = real_assistant.planner.plan(message, build.vocabulary, None, [])
    assert [p.route for p in parts] == ["statistics", "documents"], [(p.text, p.route) for p in parts]


@pytest.mark.parametrize(
    "question",
    [
        "what's the usual next step for a junior data scientist, career-wise?",
        "where does an entry level ML engineer go from there in their career?",
    ],
)
def test_a_level_named_as_who_is_asked_about_asks_no_figure(real_assistant: Assistant, question: str) -> None:
    """A level, like a role, says who the question is about; with no pay asked it does not make a figure."""
    reply = real_assistant.ask(question)
    assert reply.plan[0].route == "documents" and "$" not in reply.answer, reply.answer


@pytest.mark.parametrize("question", ["entry level data scientist?", "junior robotics engineer please"])
def test_a_level_and_role_named_alone_still_ask_their_figure(real_assistant: Assistant, question: str) -> None:
    assert "$" in real_assistant.ask(question).answer


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("how many offers did the 2025 page count, and what's in the 5k+ column?", ["59", "$5,000"]),
        ("what counts as 5k+ on the salary chart?", ["$5,000"]),
        ("how is the 5k+ group defined on the platform page", ["$5,000"]),
    ],
)
def test_a_bucket_label_is_asked_about_not_stated_as_pay(
    real_assistant: Assistant, question: str, expected: list[str]
) -> None:
    """'5k+' (a range's label with its plus) is what the page's method explains, not an amount the asker earns."""
    reply = real_assistant.ask(question)
    assert not reply.abstained
    for phrase in expected:
        assert phrase in reply.answer, reply.answer


@pytest.mark.parametrize(
    "question", ["is 150k good for a mid career ML engineer?", "I was offered $120k as a data scientist"]
)
def test_an_amount_the_asker_states_still_makes_pay_the_question(real_assistant: Assistant, question: str) -> None:
    assert real_assistant.ask(question).plan[0].route == "statistics"


@pytest.mark.parametrize(
    ("message", "texts"),
    [
        ("1) what's the 2025 median 2) what is overfitting", ["what's the 2025 median", "what is overfitting"]),
        ("Q1: AI researcher average pay. Q2: what do they research?", ["AI researcher average pay", "what do they"]),
        ("first, the 2024 offers total; second, how is it counted?", ["the 2024 offers total", "how is it counted"]),
        ("what is the ML engineer entry salary\nwhat skills do they need", ["ML engineer entry salary", "skills"]),
        ("Robotics engineer average pay\nRobotics engineer career path", ["pay", "career path"]),
    ],
)
def test_numbered_items_and_lines_are_parts(real_assistant: Assistant, message: str, texts: list[str]) -> None:
    """A numbered list ('1) ... 2) ...', 'Q1: ... Q2: ...', 'first, ...; second, ...') and a message of one question
    per line (as typed in Slack) are one part per item, each without its marker."""
    build = real_assistant.build
    parts = real_assistant.planner.plan(message, build.vocabulary, None, [])
    assert len(parts) == 2 and all(t in p.text for t, p in zip(texts, parts, strict=True)), [p.text for p in parts]
    assert not re.match(r"\W*(?:\d|q\d|first|second)", parts[1].text, re.I), parts[1].text
    assert [p.route for p in parts][0] == "statistics" and parts[1].route == "documents", [p.route for p in parts]


@pytest.mark.parametrize(
    "message", ["what does an ML engineer\nearn in Seattle?", "I am a data analyst\nhow do I move into ML?"]
)
def test_a_wrapped_line_or_a_statement_line_stays_with_its_question(real_assistant: Assistant, message: str) -> None:
    build = real_assistant.build
    assert len(real_assistant.planner.plan(message, build.vocabulary, None, [])) == 1


@pytest.mark.parametrize(
    ("question", "figure"),
    [("what ought I to be paid in Seattle as an ML engineer?", "$173,517"), ("what should I earn in NYC?", "$184,982")],
)
def test_pay_asked_of_a_place_is_its_figure_however_advisory(
    real_assistant: Assistant, question: str, figure: str
) -> None:
    reply = real_assistant.ask(question)
    assert reply.plan[0].route == "statistics" and figure in reply.answer, reply.answer


@pytest.mark.parametrize(
    "question", ["what makes Seattle an emerging tech center?", "what makes Boston a good place for AI jobs?"]
)
def test_make_as_a_cause_is_no_pay(real_assistant: Assistant, question: str) -> None:
    """'what makes X a Y' asks a reason, not pay; 'which role makes more' still asks pay (tests above)."""
    reply = real_assistant.ask(question)
    assert reply.plan[0].route != "statistics" and "$" not in reply.answer, reply.answer


@pytest.mark.parametrize(
    "question",
    [
        "can ai researchers make a difference in healthcare",
        "does data science help companies make decisions",
        "how do robotics engineers make robots safer",
        "how can a data scientist make the switch to ML engineering",
    ],
)
def test_make_with_an_object_it_does_is_no_pay(real_assistant: Assistant, question: str) -> None:
    """'make a difference', 'make decisions', 'make the switch' (vocabulary.toml make_objects): a role named beside
    them made these a salary table."""
    reply = real_assistant.ask(question)
    assert reply.plan[0].route != "statistics" and "$" not in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("message", "said"),
    [
        ("how do teams actually ship models to prod? coming from a devops background", "deploy"),
        ("what math do i need for ML? coming from a web dev background", "linear algebra"),
        ("what programming languages should i learn? switching over from frontend work", "Python"),
    ],
)
def test_a_trailing_background_is_context_not_a_part(real_assistant: Assistant, message: str, said: str) -> None:
    """'..., coming from a devops background' after the question says who asks: no part of its own (it was
    refused as one), and its words ('background') are not searched for (the Educational Background list led)."""
    reply = real_assistant.ask(message)
    assert len(reply.plan) == 1 and not reply.abstained and said in reply.answer, reply.answer
    assert "Educational Background" not in reply.answer


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("how much can a data scientist make a year", "$129,640"),
        ("what would I make as a junior ML engineer", "$105,418"),
        ("what do robotics engineers make starting out", "$76,453"),
    ],
)
def test_make_with_no_object_is_still_pay(real_assistant: Assistant, question: str, figure: str) -> None:
    reply = real_assistant.ask(question)
    assert reply.plan[0].route == "statistics" and figure in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("message", "texts"),
    [
        ("AI researcher entry salary then explain what they work on", ["entry salary", "what they work on"]),
        ("data scientist average pay / what skills do they need?", ["average pay", "what skills"]),
        ("robotics engineer experienced salary - then how do they move up?", ["experienced salary", "move up"]),
    ],
)
def test_a_spaced_slash_or_a_bare_then_joins_two_requests(
    real_assistant: Assistant, message: str, texts: list[str]
) -> None:
    """'X pay / how do they Y?', 'X pay then tell me Y': a spaced slash or 'then' before a question starts a part,
    like a dash, when what stands before it asks something by itself; the joiner is no part of either side."""
    build = real_assistant.build
    parts = real_assistant.planner.plan(message, build.vocabulary, None, [])
    assert [p.route for p in parts] == ["statistics", "documents"], [(p.text, p.route) for p in parts]
    assert all(t in p.text for t, p in zip(texts, parts, strict=True)), [p.text for p in parts]
    assert not re.search(r"(?:/|-|\bthen)\W*$", parts[0].text) and not parts[1].text.lower().startswith("then")


@pytest.mark.parametrize(
    "message",
    ["if a developer gets 3 offers then what happens to the median?", "what is AI/ML engineering about?"],
)
def test_a_condition_then_a_question_or_an_unspaced_slash_stays_one_part(
    real_assistant: Assistant, message: str
) -> None:
    build = real_assistant.build
    assert len(real_assistant.planner.plan(message, build.vocabulary, None, [])) == 1


@pytest.mark.parametrize(
    ("message", "figures"),
    [
        ("who earns more; AI researchers or robotics engineers?", ["$108,932", "$96,013"]),
        ("which one pays better; AI engineer or robotics engineer?", ["$127,986", "$96,013"]),
    ],
)
def test_roles_named_after_a_question_that_names_none_are_whom_it_asks_about(
    real_assistant: Assistant, message: str, figures: list[str]
) -> None:
    """'Which pays better; X or Y?': the roles after ';' are the question's subject, one part, the two compared."""
    reply = real_assistant.ask(message)
    assert len(reply.plan) == 1 and reply.plan[0].route == "statistics", [(p.text, p.route) for p in reply.plan]
    assert all(f in reply.answer for f in figures), reply.answer


def test_a_place_asked_again_after_a_question_is_still_a_part_of_its_own(real_assistant: Assistant) -> None:
    build = real_assistant.build
    parts = real_assistant.planner.plan(
        "what does an ML engineer earn in Seattle? and in Boston?", build.vocabulary, None, []
    )
    assert len(parts) == 2, [p.text for p in parts]


@pytest.mark.parametrize(
    ("second", "role"),
    [("what about a data scientist there?", "Data Scientist"), ("how about an AI researcher there?", "AI Researcher")],
)
def test_an_article_does_not_make_an_elliptical_follow_up_a_question_of_its_own(
    real_assistant: Assistant, second: str, role: str
) -> None:
    """'what about a data scientist there?' after a city's figure asks the same figure of another role: the
    article is not a word of its own (it was counted, and the follow-up read as an explanation)."""
    first = real_assistant.ask("how much do ML engineers make in Seattle?")
    reply = real_assistant.ask(second, session_id=first.session_id)
    assert reply.plan[0].kind == "figure" and reply.plan[0].entities.get("roles") == [role], reply.plan
    assert "Seattle" in reply.answer, reply.answer


@pytest.mark.parametrize(
    "message",
    [
        "what's the 2025 median and what does a robotics engineer do?",
        "how many offers in 2024; what do AI engineers do?",
    ],
)
def test_a_question_about_a_role_after_one_that_names_none_is_a_part_of_its_own(
    real_assistant: Assistant, message: str
) -> None:
    """Only a bare list of roles after the question ("...; DS or MLE?") is whom it asks about; a question of its own
    that names a role ("what does X do?") stays a part."""
    build = real_assistant.build
    parts = real_assistant.planner.plan(message, build.vocabulary, None, [])
    assert [p.route for p in parts] == ["statistics", "documents"], [(p.text, p.route) for p in parts]


@pytest.mark.parametrize(
    ("message", "city"),
    [("data scientist in Seattle - salary and main skills?", "Seattle"), ("AI engineer in SF: pay and duties?", "SF")],
)
def test_a_place_given_for_the_figure_is_not_searched_with_the_roles_duties(
    real_assistant: Assistant, message: str, city: str
) -> None:
    """'X in <city>: pay and duties?': the place is where the figure is asked; the duties/skills part asks the
    role's own, searched without the place (it pulled the hotspots line in)."""
    parts = real_assistant.ask(message).plan
    assert [p.route for p in parts][1:] == ["documents"], [(p.text, p.route) for p in parts]
    assert city not in parts[1].text and "city" not in parts[1].entities, parts[1]
    assert parts[1].entities.get("roles"), parts[1]


@pytest.mark.parametrize(
    ("message", "routes"),
    [
        ("entry level AI engineer pay along with the skills they need", ["statistics", "documents"]),
        ("explain what a VAE is along with how diffusion models work", ["documents", "documents"]),
        ("data scientist average salary together with what they do", ["statistics", "documents"]),
    ],
)
def test_along_with_joins_two_requests(real_assistant: Assistant, message: str, routes: list[str]) -> None:
    """'X along with Y', 'X together with how Y': a joiner like 'as well as' (the whole was one part, the figure's
    route answering the documents request not at all)."""
    parts = real_assistant.planner.plan(message, real_assistant.build.vocabulary, None, [])
    assert [p.route for p in parts] == routes, [(p.text, p.route) for p in parts]


@pytest.mark.parametrize(
    "message",
    [
        "i'm switching from finance. what do data scientists earn and what degree do they need",
        "ok so i'm a student. how much do robotics engineers make, and where can they go from junior",
    ],
)
def test_a_lower_case_question_after_a_statement_starts_a_sentence(real_assistant: Assistant, message: str) -> None:
    """'I'm a student. what ... and what ...': a question word after a full stop starts a new sentence even in
    lower case; the statement stays the first question's context and the second question a part of its own."""
    parts = real_assistant.planner.plan(message, real_assistant.build.vocabulary, None, [])
    assert [p.route for p in parts] == ["statistics", "documents"], [(p.text, p.route) for p in parts]
    assert parts[0].text.lower().startswith(("i'm", "ok so")), parts[0].text


@pytest.mark.parametrize(
    "message",
    [
        "thinking about AI researcher positions, whats the entry pay and what would my work involve",
        "looking into data scientist roles, how much do they make and what skills matter",
    ],
)
def test_a_participle_opening_is_context_not_a_part(real_assistant: Assistant, message: str) -> None:
    """'thinking about X positions, what's ...': what the asker is doing is context (as "I'm thinking about ..."
    is), not a part asked by itself (it was answered with unrelated guide sentences)."""
    parts = real_assistant.planner.plan(message, real_assistant.build.vocabulary, None, [])
    assert [p.route for p in parts] == ["statistics", "documents"], [(p.text, p.route) for p in parts]


@pytest.mark.parametrize(
    ("message", "figures"),
    [
        ("late career AI engineer pay and the NYC ML engineer number -- why the gap?", ["$132,496", "$184,982"]),
        ("data scientist average and the San Francisco ML engineer salary - which is higher", ["$129,640", "$179,061"]),
    ],
)
def test_two_figures_before_a_dash_are_two_parts(real_assistant: Assistant, message: str, figures: list[str]) -> None:
    """'X pay and the <city> Y number - why ...?': what asks before the dash is split like any clause, two figures
    of different slots (a level, a city) each a part (the city's alone was given, the level's dropped)."""
    reply = real_assistant.ask(message)
    assert [p.route for p in reply.plan][:2] == ["statistics", "statistics"], [(p.text, p.route) for p in reply.plan]
    assert all(f in reply.answer for f in figures), reply.answer


@pytest.mark.parametrize(
    ("message", "figure"),
    [
        ("what's the mid-career robotics engineer pay and how does that compare with ML experts in general", "$97,121"),
        ("what does an experienced AI engineer make and is that good compared with ML experts overall?", "$123,989"),
    ],
)
def test_that_after_a_figure_compares_the_figure_not_the_job(
    real_assistant: Assistant, message: str, figure: str
) -> None:
    """'X pay and is that good compared with ML experts overall?': "that" is the figure just given, compared with
    the market's average; searched as the role ("AI Researcher good compared with ...") it found demand sentences."""
    reply = real_assistant.ask(message)
    assert figure in reply.answer and "$122,060" in reply.answer, reply.answer


@pytest.mark.parametrize(
    "message",
    [
        "robotics engineer: entry pay, and skills needed",
        "data scientist - avg salary, and education required",
        "AI engineer entry pay n what they do",
        "AI researcher late career pay n how do they get there",
    ],
)
def test_comma_and_and_a_typed_n_join_a_figure_and_a_documents_request(real_assistant: Assistant, message: str) -> None:
    """'X: pay, and skills needed' (two words joined by ', and' sharing the role), 'X pay n what they do' ('n' typed
    for 'and'): a figure part and a documents part (each was one part answered by one route)."""
    parts = real_assistant.planner.plan(message, real_assistant.build.vocabulary, None, [])
    assert [p.route for p in parts] == ["statistics", "documents"], [(p.text, p.route) for p in parts]


@pytest.mark.parametrize(
    "message",
    ["data scientist entry salary plus the career ladder", "robotics engineer avg pay, and the promotion ladder"],
)
def test_a_career_step_named_after_a_figure_is_a_path_not_the_figure_again(
    real_assistant: Assistant, message: str
) -> None:
    """'X salary plus the career ladder': a short part after a figure part, with a career step named, asks the path
    (it took the figure's kind as an elliptical follow-up and repeated the salary)."""
    parts = real_assistant.planner.plan(message, real_assistant.build.vocabulary, None, [])
    assert [(p.kind, p.route) for p in parts][1:] == [("path", "documents")], [(p.text, p.kind) for p in parts]


@pytest.mark.parametrize(
    ("message", "figure"),
    [
        ("what's the late career ML engineer range", "$135,388"),
        ("what's the entry-level data scientist band", "$107,150"),
    ],
)
def test_a_levels_range_is_its_figure(real_assistant: Assistant, message: str, figure: str) -> None:
    """'what's the late career ML engineer range': a level and a role with 'range' (or 'band') and nothing else asks
    that level's figure (it was a documents list: the Career Advancement bullets)."""
    reply = real_assistant.ask(message)
    assert [(p.kind, p.route) for p in reply.plan] == [("figure", "statistics")], reply.plan
    assert figure in reply.answer, reply.answer


# -- both5: shapes of two-part messages (probe-both5) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "figure", "phrase"),
    [
        ("how much does a data scientist make early career (and what degree do they need?)", "$116,717", "bachelor"),
        ("robotics engineer average salary (what do they build?)", "$96,013", "robotic systems"),
    ],
)
def test_a_question_in_parentheses_is_a_part_of_its_own(
    real_assistant: Assistant, message: str, figure: str, phrase: str
) -> None:
    """'X salary (and what degree do they need?)': the aside asks (it was glued to the figure part and dropped)."""
    reply = real_assistant.ask(message)
    assert [p.route for p in reply.plan] == ["statistics", "documents"], reply.plan
    assert figure in reply.answer and phrase in reply.answer.lower(), reply.answer


@pytest.mark.parametrize(
    "message", ["what is MLOps (machine learning operations)", "what do ML engineers earn (I'm in Seattle)"]
)
def test_an_aside_in_parentheses_that_asks_nothing_stays_in_its_question(
    real_assistant: Assistant, message: str
) -> None:
    parts = real_assistant.planner.plan(message, real_assistant.build.vocabulary, None, [])
    assert len(parts) == 1, [p.text for p in parts]


@pytest.mark.parametrize(
    ("message", "figure"),
    [
        ("data scientist avg pay, is that decent", "$129,640"),
        ("whats the mid career robotics engineer salary? is that good money", "$97,121"),
    ],
)
def test_is_that_good_after_a_figure_judges_it_against_the_market(
    real_assistant: Assistant, message: str, figure: str
) -> None:
    """'X salary, is that good': a part of its own (', is that' splits), a comparison by its examples' vote (it was
    an elliptical follow-up of the figure, or small talk), searched against what is usual: the guide's salary trend."""
    reply = real_assistant.ask(message)
    assert [(p.kind, p.route) for p in reply.plan][1:] == [("comparison", "documents")], reply.plan
    assert figure in reply.answer and "$122,060" in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("message", "phrases"),
    [
        ("explain supervised learning as well as unsupervised learning", ["expert knowledge", "clusters"]),
        ("what are GANs, VAEs and diffusion models", ["fake", "encoder", "noise"]),
    ],
)
def test_a_definition_asked_of_several_terms_answers_each(
    real_assistant: Assistant, message: str, phrases: list[str]
) -> None:
    """'what is A, B and C': one definition part per term (one part answered one term only)."""
    reply = real_assistant.ask(message)
    assert len(reply.plan) == len(phrases), reply.plan
    assert all(p in reply.answer.lower() for p in phrases), reply.answer


@pytest.mark.parametrize(
    "message", ["what is supervised and unsupervised learning", "what are data preparation and analysis"]
)
def test_terms_sharing_a_word_or_a_heading_stay_one_definition(real_assistant: Assistant, message: str) -> None:
    parts = real_assistant.planner.plan(message, real_assistant.build.vocabulary, None, [])
    assert len(parts) == 1, [p.text for p in parts]


@pytest.mark.parametrize(
    "message",
    [
        "generative vs discriminative whats the difference & what is a VAE",
        "classification vs regression how do they differ; whats overfitting",
    ],
)
def test_a_topic_named_before_its_question_word_is_a_question(real_assistant: Assistant, message: str) -> None:
    """'AI vs ML whats the difference & what is X': the first clause asks (its question word after the topic), so it
    is a comparison part, not context glued to the definition after it."""
    parts = real_assistant.planner.plan(message, real_assistant.build.vocabulary, None, [])
    assert [p.kind for p in parts] == ["comparison", "explanation"], [(p.text, p.kind) for p in parts]


@pytest.mark.parametrize(
    ("message", "figures"),
    [
        ("AI researcher: entry pay, mid career pay, late career pay", ["$88,713", "$112,453", "$134,231"]),
        ("data scientist entry pay, mid career pay and experienced pay", ["$107,150", "$125,259", "$134,922"]),
    ],
)
def test_a_comma_list_of_figures_asks_each(real_assistant: Assistant, message: str, figures: list[str]) -> None:
    """'X: avg salary, entry salary, experienced salary': each item asks a figure (the first level named won)."""
    reply = real_assistant.ask(message)
    assert [p.route for p in reply.plan] == ["statistics"] * len(figures), reply.plan
    assert all(f in reply.answer for f in figures), reply.answer


@pytest.mark.parametrize("message", ["how were the 2025 salary stats computed", "how are the 2024 numbers worked out"])
def test_how_a_years_statistics_are_made_is_a_method_question(real_assistant: Assistant, message: str) -> None:
    """'how are the 2024 salary stats calculated': the year says which page; a verb of making is asked, no figure
    (it was a figure: the year's median)."""
    reply = real_assistant.ask(message)
    assert [(p.kind, p.route) for p in reply.plan] == [("method", "documents")], reply.plan
    assert "how many offers" in reply.answer.lower() or "count" in reply.answer.lower(), reply.answer


@pytest.mark.parametrize(
    ("message", "phrases"),
    [
        ("supervised learning, reinforcement learning - explain both", ["expert knowledge", "trial and error"]),
        ("GANs; VAEs - what are they", ["fake", "encoder"]),
    ],
)
def test_terms_listed_then_asked_once_are_defined_each(
    real_assistant: Assistant, message: str, phrases: list[str]
) -> None:
    """'A, B and C - what are they', 'A; B - explain each': one definition part per term listed before the question."""
    reply = real_assistant.ask(message)
    assert [p.kind for p in reply.plan] == ["explanation"] * len(phrases), reply.plan
    assert all(p in reply.answer.lower() for p in phrases), reply.answer


@pytest.mark.parametrize(
    ("message", "figures"),
    [
        ("entry level data scientist salary, same for AI engineers?", ["$107,150", "$100,324"]),
        ("AI researcher experienced pay, ditto for data scientists", ["$121,630", "$134,922"]),
    ],
)
def test_same_for_after_a_part_asks_that_part_again(
    real_assistant: Assistant, message: str, figures: list[str]
) -> None:
    """'X pay, same for Y?': the part before asked of Y, as a follow-up turn's 'same for Y' is read (it was an
    explanation of Y: the role's career line)."""
    reply = real_assistant.ask(message)
    assert [(p.kind, p.route) for p in reply.plan] == [("figure", "statistics")] * 2, reply.plan
    assert all(f in reply.answer for f in figures), reply.answer


@pytest.mark.parametrize(
    ("message", "phrase"),
    [
        ("data scientist entry pay, then where do I go from there?", "chief data scientist"),
        ("robotics engineer early career salary and where can I go from there", "director of robotics"),
    ],
)
def test_where_to_go_from_there_after_a_figure_is_the_path(
    real_assistant: Assistant, message: str, phrase: str
) -> None:
    """'X pay, then where can I go from there': the next career step (voted small talk, like "how do I use this?")."""
    reply = real_assistant.ask(message)
    assert [(p.kind, p.route) for p in reply.plan][1:] == [("path", "documents")], reply.plan
    assert phrase in reply.answer.lower(), reply.answer


@pytest.mark.parametrize(
    ("message", "figure"),
    [
        ("how were the 2025 figures worked out, and what's the median", "$5,808"),
        ("how is the 2024 data counted? whats the median", "$5,640"),
    ],
)
def test_whats_a_figure_after_a_method_part_asks_its_value(
    real_assistant: Assistant, message: str, figure: str
) -> None:
    """'how are the 2024 stats calculated and whats the median': the second part asks the median's value (it took the
    method kind of the part before as an elliptical follow-up); the year is the first part's."""
    reply = real_assistant.ask(message)
    assert [(p.kind, p.route) for p in reply.plan] == [("method", "documents"), ("figure", "statistics")], reply.plan
    assert figure in reply.answer and "count" in reply.answer.lower(), reply.answer


@pytest.mark.parametrize(
    ("message", "figures"),
    [
        ("entry level, mid career, and late career AI engineer salary", ["$100,324", "$115,053", "$132,496"]),
        ("early career, mid career, late career AI researcher pay", ["$99,467", "$112,453", "$134,231"]),
    ],
)
def test_a_list_of_levels_shares_the_role_that_closes_it(
    real_assistant: Assistant, message: str, figures: list[str]
) -> None:
    """'entry level, mid career, and late career X salary': each level asks X's salary (the items before the role
    were levels alone: every role's figure at that level)."""
    reply = real_assistant.ask(message)
    assert all(p.entities.get("roles") for p in reply.plan) and len(reply.plan) == len(figures), reply.plan
    assert all(f in reply.answer for f in figures), reply.answer


@pytest.mark.parametrize(
    ("message", "routes"),
    [
        # letter marks and "Q1 ... Q2" with no colon mark list items
        ("a) ML engineer avg salary b) what skills do they need", ["statistics", "documents"]),
        ("Q1 whats overfitting Q2 whats reinforcement learning", ["documents", "documents"]),
        # joiners as typed: "aswell as", "w/"
        ("data scientist entry pay aswell as the degree needed", ["statistics", "documents"]),
        ("AI engineer late career salary w/ the path to AI architect", ["statistics", "documents"]),
        # an aside's marker with no comma before a question
        ("data scientist avg pay btw what do they do all day", ["statistics", "documents"]),
        ("whats AutoML oh and whats a rules engine", ["documents", "documents"]),
        # a sign between two requests with no article after it
        ("2025 median + 2025 proposals", ["statistics", "statistics"]),
        ("2024 offers & 2025 offers", ["statistics", "statistics"]),
        # a second question typed straight after the first
        ("how much do robotics engineers make what skills do they need", ["statistics", "documents"]),
        ("what is the 2025 median how is it calculated", ["statistics", "documents"]),
        # a joiner after a full stop
        ("AI engineer entry pay. also, what frameworks should I know", ["statistics", "documents"]),
        ("data scientist avg salary. and what degree is needed", ["statistics", "documents"]),
    ],
)
def test_two_requests_joined_the_way_people_type_are_two_parts(
    real_assistant: Assistant, message: str, routes: list[str]
) -> None:
    """Each shape was one part (the second request dropped, or glued to the first as its context)."""
    parts = real_assistant.planner.plan(message, real_assistant.build.vocabulary, None, [])
    assert [p.route for p in parts] == routes, [(p.text, p.kind, p.route) for p in parts]


@pytest.mark.parametrize(
    ("message", "phrase"),
    [
        ("whats a generative model and whats a discriminative one", "decision boundaries"),
        ("what is a regression model, and what is a classification one", "predict classes"),
    ],
)
def test_one_after_a_describing_word_is_the_thing_named_before(
    real_assistant: Assistant, message: str, phrase: str
) -> None:
    """'whats a discriminative one' after '... a generative model': "one" is a model (it was refused: "one")."""
    reply = real_assistant.ask(message)
    assert reply.plan[1].route == "documents" and phrase in reply.answer.lower(), (reply.plan, reply.answer)


def test_one_as_an_item_or_a_choice_is_left_alone() -> None:
    """ "one" after a describing word is the noun before; after an ordinal or "which" it is an item or a choice."""
    assert split_parts("whats a discriminative model and whats a generative one")[1] == "whats a generative model"
    assert split_parts("which roles pay most? tell me about the third one")[1] == "tell me about the third one"
    assert split_parts("what is the median in 2024? and which one is higher")[1] == "which one is higher"
    one = "how is a generative model different from a discriminative one"  # its own noun before it
    assert split_parts(f"what is AutoML and {one}")[1] == one


@pytest.mark.parametrize(
    "message",
    [
        "how does an ml system decide what to do from data",
        "in supervised learning how does the data scientist tell the model which pics are dogs",
        "what do ML engineers, who usually start around $105k, earn late in their career?",
    ],
)
def test_a_question_inside_a_sentence_is_no_second_request(real_assistant: Assistant, message: str) -> None:
    """'decide what to do', 'tell the model which pics are dogs' (no auxiliary before a subject), a relative clause
    between commas: no run-on question and no list of requests."""
    parts = real_assistant.planner.plan(message, real_assistant.build.vocabulary, None, [])
    assert len(parts) <= 2 and not any(p.text.startswith(("what to", "which pics")) for p in parts), [
        p.text for p in parts
    ]


@pytest.mark.parametrize(
    "message", ["which city pays ML engineers the most and why", "what role has the highest average salary, how come?"]
)
def test_a_bare_why_after_a_part_asks_the_reason_for_it(real_assistant: Assistant, message: str) -> None:
    """'X and why': the reason of what the part before says (a bare "why" was small talk: dropped in silence); the
    sources give no reason for a figure, and the reply says so or what influences salaries."""
    reply = real_assistant.ask(message)
    assert [(p.kind, p.route) for p in reply.plan][1:] == [("explanation", "documents")], reply.plan
    assert reply.plan[1].text == "why is that?" and "salar" in reply.answer.lower().split("[1]")[-1], reply.answer


def test_follow_up_forms_come_from_the_data_file(real_assistant: Assistant, tmp_path: Path) -> None:
    """A follow-up's form is read from the labelled forms file: relabel it and the reading follows; no file, none."""
    from assistant.followup_forms import FollowupForms

    embeddings = real_assistant._query_embeddings
    forms = tmp_path / "forms.yaml"
    forms.write_text("forms:\n  gap: ['swap that for this job']\n  other: ['what does this job do?']\n")
    loaded = FollowupForms.load(embeddings, forms)
    assert loaded.form_of(embeddings.embed_query("swap it for this job")) == "gap"
    assert loaded.form_of(embeddings.embed_query("what is the capital of france?")) is None  # far from every form
    assert FollowupForms.load(embeddings, tmp_path / "missing.yaml").form_of(embeddings.embed_query("x")) is None


# -- both6: shapes of two-part messages (probe-both6) ------------------------------------------------------------
def _parts(real_assistant: Assistant, message: str) -> list[tuple[str, str, str]]:
    return [
        (p.text, p.kind, p.route)
        for p in real_assistant.planner.plan(message, real_assistant.build.vocabulary, None, [])
    ]


@pytest.mark.parametrize(
    ("message", "figures"),
    [
        ("AI researcher late career pay / robotics engineer entry pay", ["$134,231", "$76,453"]),
        ("the 2024 offers total / the 2025 proposals", ["45", "1"]),
    ],
)
def test_a_spaced_slash_between_two_requests_without_a_question_word_is_two_parts(
    real_assistant: Assistant, message: str, figures: list[str]
) -> None:
    """'X / Y' where each side asks a figure by itself: two parts, each answered (the second was dropped)."""
    reply = real_assistant.ask(message)
    assert [(p.kind, p.route) for p in reply.plan] == [("figure", "statistics")] * 2, reply.plan
    assert all(f in reply.answer for f in figures), reply.answer


@pytest.mark.parametrize(
    "message", ["what is A / B testing", "median salary 2024 / 2025", "what do AI / ML engineers earn"]
)
def test_a_spaced_slash_inside_one_request_stays_one_part(real_assistant: Assistant, message: str) -> None:
    """A slash between words of one request (a side that asks nothing by itself) is no joiner."""
    assert len(_parts(real_assistant, message)) == 1, _parts(real_assistant, message)


@pytest.mark.parametrize(
    ("message", "second"),
    [
        ("list the trending 2025 tools and show me the 2024 median", "show me the 2024 median"),
        ("explain what AutoML does and say which industries are adopting AI", "say which industries are adopting AI"),
    ],
)
def test_a_request_verb_after_and_starts_a_part(real_assistant: Assistant, message: str, second: str) -> None:
    """'X and say what Y', 'X and show me Y': a verb that asks with what follows it starts a second request (it was
    glued to the first, and only one was answered)."""
    parts = _parts(real_assistant, message)
    assert len(parts) == 2 and parts[1][0] == second, parts


def test_say_as_a_supposition_starts_no_part(real_assistant: Assistant) -> None:
    """'say I have a PhD, what would ...': "say" opens a supposition (context), not a request."""
    parts = _parts(real_assistant, "say I have a PhD, what would an AI researcher make")
    assert len(parts) == 1 and parts[0][1:] == ("figure", "statistics"), parts


@pytest.mark.parametrize(
    "message", ["are AutoML tools good for beginners, why", "should an ML engineer learn Java, how come?"]
)
def test_a_bare_why_after_a_comma_at_the_end_asks_the_reason(real_assistant: Assistant, message: str) -> None:
    """'X, why': the reason of the question before (the whole message was small talk: the greeting reply)."""
    reply = real_assistant.ask(message)
    assert [p.text for p in reply.plan][1:] == ["why is that?"], reply.plan
    assert reply.plan[0].route == "documents" and reply.route != "smalltalk", reply.plan


@pytest.mark.parametrize(
    "message", ["how was the 2024 median figured out", "how did they arrive at the 2025 offers total?"]
)
def test_how_a_figure_is_made_with_other_verbs_of_making_is_a_method(real_assistant: Assistant, message: str) -> None:
    """'figured out', 'arrived at' ask how a named figure is made, as 'calculated' does: the page's methodology, no
    figure (it was the median itself)."""
    reply = real_assistant.ask(message)
    assert [(p.kind, p.route) for p in reply.plan] == [("method", "documents")], reply.plan
    assert "offers" in reply.answer and "$" not in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("automl, which steps of the pipeline does it handle for you", "data preparation, feature engineering"),
        ("shadow deployment - what's the point of it when you ship a model", "shadow deployment"),
        ("reinforcement learning, what sort of things do people use it for", "reinforcement"),
        ("generative models: what do they try to learn about the data", "joint probability"),
    ],
)
def test_a_topic_named_before_a_question_that_points_back_is_what_it_asks(
    real_assistant: Assistant, message: str, expected: str
) -> None:
    """'X, what ... does it ...': the "it" is the topic named first, however many words the question has."""
    reply = ask(real_assistant, message)
    assert not reply.abstained and reply.route == "documents", reply.answer
    assert expected.lower() in reply.answer.lower(), reply.answer


@pytest.mark.parametrize(
    "message",
    [
        "hoping to get into machine learning with zero job history, what should i do",
        "switching from teaching to AI with no tech experience, what do you suggest?",
    ],
)
def test_a_question_with_no_topic_asks_about_the_situation_before_it(real_assistant: Assistant, message: str) -> None:
    """'<a situation>, what should I do?': the question names nothing, so what it asks about is the situation the
    statement describes (a career question), not the assistant ("what can you do?" is small talk)."""
    reply = ask(real_assistant, message)
    assert reply.route == "documents" and not reply.abstained, reply.answer


def test_the_asker_or_a_leading_phrase_before_a_question_is_no_topic() -> None:
    from assistant.part_context import asked_sentence, with_statement_topic

    for message in ("as a data analyst, is it worth learning MLOps", "I live in Boston, is it a good place for AI"):
        assert with_statement_topic(message, asked_sentence(message)) == asked_sentence(message)


@pytest.mark.parametrize(
    ("message", "phrase"),
    [
        ("what are discriminative models, examples?", "random forest"),
        ("explain reinforcement learning, real-world uses?", "autonomous vehicles"),
    ],
)
def test_an_aspect_asked_after_a_comma_is_a_part_of_the_topic(
    real_assistant: Assistant, message: str, phrase: str
) -> None:
    """'X, examples?': the aspect ([references] aspect_requests) asked of the topic before is a part of its own
    (it was glued into the definition's search)."""
    reply = real_assistant.ask(message)
    assert len(reply.plan) == 2 and all(p.route == "documents" for p in reply.plan), reply.plan
    assert phrase in reply.answer.lower(), reply.answer


def test_a_comma_before_please_or_a_plain_word_is_no_aspect(real_assistant: Assistant) -> None:
    """Only an aspect's noun ending the message splits: "..., please?" stays in its sentence."""
    assert len(_parts(real_assistant, "tell me about AI governance, please?")) == 1


@pytest.mark.parametrize(
    ("message", "terms_asked"),
    [
        ("overfitting, underfitting and bias - explain", ["overfitting", "underfitting", "bias"]),
        ("RAG, AutoML and MLOps: define", ["RAG", "AutoML", "MLOps"]),
    ],
)
def test_three_terms_then_a_bare_explain_is_one_definition_each(
    real_assistant: Assistant, message: str, terms_asked: list[str]
) -> None:
    """'A, B and C - explain': a list of three or more terms, then a bare closing verb -> one definition each."""
    assert [p[0] for p in _parts(real_assistant, message)] == [f"what is {t}" for t in terms_asked]


def test_two_terms_then_a_bare_explain_stay_one_question(real_assistant: Assistant) -> None:
    """'supervised and unsupervised learning - explain': two words sharing a noun, no list: one part."""
    assert len(_parts(real_assistant, "supervised and unsupervised learning - explain")) == 1


@pytest.mark.parametrize(
    ("message", "second"),
    [("whats RAG whats AutoML", "whats AutoML"), ("what is overfitting what is underfitting", "what is underfitting")],
)
def test_a_definition_opening_typed_again_starts_a_part(real_assistant: Assistant, message: str, second: str) -> None:
    """'whats X whats Y' with no mark between: two definitions (the second was searched with the first)."""
    assert [p[0] for p in _parts(real_assistant, message)][1:] == [second]


@pytest.mark.parametrize(
    ("message", "figure", "duty"),
    [
        ("i want to know the entry AI engineer salary and also what they build", "$100,324", None),
        ("I was wondering what robotics engineers earn on average, and what they design", "$96,013", "robotic systems"),
    ],
)
def test_a_statement_that_asks_is_a_request_not_context(
    real_assistant: Assistant, message: str, figure: str, duty: str | None
) -> None:
    """'I'd like to know X and also Y', 'I was wondering X, and Y' ([yes_no] asking_statements): X is asked (it was
    read as the asker's context and glued to Y: one of the two was lost)."""
    reply = real_assistant.ask(message)
    assert [p.route for p in reply.plan] == ["statistics", "documents"], reply.plan
    assert figure in reply.answer and (duty is None or duty in reply.answer), reply.answer


def test_an_interest_stated_first_stays_context(real_assistant: Assistant) -> None:
    """'I'm curious about robotics.': the asker's interest, context of the question after it (not a request)."""
    parts = _parts(real_assistant, "I'm curious about robotics. What does a robotics engineer earn at mid-career?")
    assert len(parts) == 1 and parts[0][2] == "statistics", parts


@pytest.mark.parametrize(
    ("message", "figure", "duty"),
    [
        (
            "I'm switching from web dev: what do robotics engineers earn on average and what do they design",
            "$96,013",
            "robotic systems",
        ),
        (
            "I work in retail: how much do data scientists make at entry level, and what do they do all day",
            "$107,150",
            "insights",
        ),
    ],
)
def test_a_statement_then_its_question_after_a_colon_is_a_request(
    real_assistant: Assistant, message: str, figure: str, duty: str
) -> None:
    """'I'm a junior dev: what's X and what Y': the statement is the first question's context, the question a request
    (the two were one part, read as a statement glued to the second question: the figure was lost)."""
    reply = real_assistant.ask(message)
    assert [p.route for p in reply.plan] == ["statistics", "documents"], reply.plan
    assert figure in reply.answer and duty in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("message", "phrase"),
    [("explain AutoML. and RAG", "retrieval-augmented"), ("what is MLOps? also AutoML", "automating")],
)
def test_a_joiner_and_a_name_after_a_sentence_ask_the_request_again(
    real_assistant: Assistant, message: str, phrase: str
) -> None:
    """'explain X. and Y': the request before asked of Y ("what about Y?"); it was glued into the part before
    ("explain AutoML. RAG"), which found nothing at all."""
    reply = real_assistant.ask(message)
    assert [p.route for p in reply.plan] == ["documents", "documents"], reply.plan
    assert reply.plan[1].text.startswith("what about") and phrase in reply.answer.lower(), reply.answer


def test_a_joiner_before_a_place_or_thanks_asks_nothing_again(real_assistant: Assistant) -> None:
    """'. and in Seattle' is the place of the figure asked (context); '. and thanks' small talk: neither is asked
    again as 'what about ...'."""
    assert not any(
        p[0].startswith("what about") for p in _parts(real_assistant, "what do ML engineers earn. and in Seattle")
    )
    assert not any(p[0].startswith("what about") for p in _parts(real_assistant, "what is overfitting. and thanks"))


@pytest.mark.parametrize(
    "message",
    [
        "is a developer with five offers counted more than once",
        "how many offers were there in 2025 and does a dev with many offers count more than once",
    ],
)
def test_counted_more_than_once_asks_how_the_count_is_made(real_assistant: Assistant, message: str) -> None:
    """'counted more than once': how often someone is counted (the page's method: "we would count him 10 times"),
    not two figures compared ("more than" made it a comparison, and the figure was answered instead)."""
    reply = real_assistant.ask(message)
    assert (reply.plan[-1].kind, reply.plan[-1].route) == ("method", "documents"), reply.plan
    assert "count him" in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("message", "figure"),
    [
        ("data scientist early career range", "$116,717"),
        ("early career AI engineer range, and what do they build", "$104,196"),
    ],
)
def test_a_role_and_a_level_with_only_a_frame_word_is_the_levels_figure(
    real_assistant: Assistant, message: str, figure: str
) -> None:
    """'<role> early career range': who, and a word that frames the request ([words] request_frame): the level's
    figure (it was a list of the documents: "career" is nearest by form to the path and list examples)."""
    reply = real_assistant.ask(message)
    assert (reply.plan[0].kind, reply.plan[0].route) == ("figure", "statistics"), reply.plan
    assert figure in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("message", "first"),
    [
        ("pls tell me what RAG is + what AutoML automates", "pls tell me what RAG is"),
        (
            "supervised vs unsupervised: whats the difference, and where is each used",
            "supervised vs unsupervised: whats the difference",
        ),
    ],
)
def test_a_polite_or_topic_first_request_before_a_joiner_is_its_own_part(
    real_assistant: Assistant, message: str, first: str
) -> None:
    """'pls tell me X + Y', 'A vs B: whats the difference, and Y': the first request opens with "pls" or names its
    topic before a colon; it was read as a statement and glued to the second (one part)."""
    parts = _parts(real_assistant, message)
    assert len(parts) >= 2 and parts[0][0] == first, parts  # "where is each used": one part per side (3 in all)


@pytest.mark.parametrize(
    ("message", "second"),
    [
        ("robotics engineer mid career pay. another one: what do they design", "what do they design"),
        (
            "AI researcher entry salary. next q: how do they become principal scientist",
            "how do they become principal scientist",
        ),
    ],
)
def test_a_label_after_a_full_stop_opens_the_next_request(real_assistant: Assistant, message: str, second: str) -> None:
    """'X pay. another one: Y': a short label and its colon ([references] message_labels) after a full stop starts
    the next request, and is no word of it (the two were one part: the second was lost)."""
    parts = _parts(real_assistant, message)
    assert [p[0] for p in parts][1:] == [second] and parts[0][2] == "statistics", parts


def test_a_topic_label_stays_the_topic(real_assistant: Assistant) -> None:
    """'ML engineer: pay and skills': a role before a colon is what is asked about, not a label to drop."""
    assert all("ML engineer" in p[0] for p in _parts(real_assistant, "ML engineer: pay and skills"))


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("discriminative vs generative models: what sets them apart?", "decision boundaries"),
        ("classification versus regression, whats the difference", "continuous values"),
    ],
)
def test_two_terms_compared_before_a_question_naming_nothing_are_what_it_asks(
    real_assistant: Assistant, message: str, expected: str
) -> None:
    """'A vs B, what's the difference': the question names nothing, so it asks of the two terms named first."""
    reply = ask(real_assistant, message)
    assert not reply.abstained and reply.route == "documents", reply.answer
    assert expected.lower() in reply.answer.lower(), reply.answer


@pytest.mark.parametrize(
    "message",
    ["which model pays attention to which inputs", "my classifier makes bad calls because the records are skewed"],
)
def test_pay_named_in_a_question_of_its_own_is_not_answered_with_the_salary_overview(
    real_assistant: Assistant, message: str
) -> None:
    """'pays', 'makes' name pay, but nothing the figures are keyed by: the overview of both kinds of salary answers
    nothing the rest of the question asks, so the part is the documents' alone."""
    reply = ask(real_assistant, message)
    assert reply.route != "statistics" and "$" not in reply.answer, reply.answer
    assert [p.route for p in reply.plan] != ["statistics"]


@pytest.mark.parametrize("message", ["how much do ai people typically make", "what do machine learning folks earn"])
def test_pay_asked_alone_gets_the_overview_of_both_kinds_of_salary(real_assistant: Assistant, message: str) -> None:
    reply = ask(real_assistant, message)
    assert reply.route == "statistics" and not reply.abstained, reply.answer
    assert "two kinds of salary figure" in reply.answer


@pytest.mark.parametrize(
    "message",
    [
        "data scientist salary, and besides experience what else pushes salaries up?",
        "what do AI engineers earn and other than python which languages do they need",
    ],
)
def test_a_thing_set_aside_before_a_question_leaves_the_question_a_part_of_its_own(
    real_assistant: Assistant, message: str
) -> None:
    """'besides experience what else ...': what is set aside is neither asked nor searched; it glued the question to
    the part before (one part) or narrowed the answer to the very item set aside."""
    parts = real_assistant.planner.plan(message, real_assistant.build.vocabulary, None, [])
    assert [p.route for p in parts] == ["statistics", "documents"], [(p.text, p.route) for p in parts]
    assert not any(w in parts[1].text for w in ("besides", "other than")), parts[1].text
