"""Follow-ups that point back at the last answer ("them", "it", "does that ...?"): they go on with its topic,
never fall to small talk or a refusal. Phrasings here are not in the eval cases."""

from __future__ import annotations

import pytest

from assistant.models import Reply
from assistant.pipeline import Assistant
from assistant.pointed_items import instances_of, item_words, listed_item, listed_items
from assistant.sessions import Turn
from assistant.understanding import Slots

pytestmark = pytest.mark.slow


def conversation(assistant: Assistant, first: str, *then: str) -> Reply:
    """The reply to the last message, each asked in the conversation the first one started."""
    reply = assistant.ask(first)
    for message in then:
        reply = assistant.ask(message, reply.session_id)
    return reply


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("What are generative models?", "could you list a few examples of them?", "Diffusion"),
        ("tell me about generative models", "any examples of those?", "Variational Autoencoder"),
        ("What is reinforcement learning?", "where is it used?", "reinforcement"),
    ],
)
def test_a_pointing_follow_up_searches_with_the_last_documents_topic(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    reply = conversation(real_assistant, first, then)
    assert not reply.abstained and reply.plan[0].route == "documents", reply.plan
    assert expected.lower() in reply.answer.lower()


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("What is overfitting?", "how do I avoid it?"),
        ("What is underfitting?", "how can it be fixed?"),
        ("What does an AI engineer do?", "how do I become one of them?"),
    ],
)
def test_a_follow_up_pointing_back_is_not_small_talk(real_assistant: Assistant, first: str, then: str) -> None:
    reply = conversation(real_assistant, first, then)
    assert reply.plan[0].kind != "smalltalk" and reply.plan[0].route != "smalltalk", reply.plan


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("How many offers were there in 2024?", "does that count people who got no offers?"),
        ("what was the 2025 median salary expectation?", "is that based on every candidate?"),
    ],
)
def test_does_that_after_a_figure_asks_about_how_it_is_made(real_assistant: Assistant, first: str, then: str) -> None:
    reply = conversation(real_assistant, first, then)
    assert not reply.abstained and reply.plan[0].route == "documents", (reply.plan, reply.answer)
    assert any("How statistics are calculated" in c.section for c in reply.citations), reply.citations


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("what are the best practices for deploying models?", "why is monitoring important?"),
        ("What are the recommended practices for running models in production?", "why does monitoring matter?"),
    ],
)
def test_an_elliptical_follow_up_is_searched_again_with_the_question_it_follows(
    real_assistant: Assistant, first: str, then: str
) -> None:
    """Its own words say little ("monitoring" of what?); with the question before it the deployment practices
    are found. (Alone it is no longer refused since the lexical search reads more names; the conversation must
    still answer it about monitoring deployed models.)"""
    reply = conversation(real_assistant, first, then)
    assert not reply.abstained and "monitor" in reply.answer.lower(), reply.answer
    assert reply.plan[0].route == "documents", reply.plan


@pytest.mark.parametrize(
    ("first", "then", "both_figures"),
    [
        (
            "how much do AI researchers make at mid-career?",
            "is that more than a data scientist?",
            ["112,453", "125,259"],
        ),
        (
            "what's a mid-career data scientist paid?",
            "how does that compare to an AI engineer?",
            ["125,259", "115,053"],
        ),
        (
            "an early career robotics engineer earns how much?",
            "is it less than an AI researcher at the same level?",
            ["92,791", "99,467"],
        ),
    ],
)
def test_a_follow_up_setting_a_new_role_beside_a_figure_compares_that_figure(
    real_assistant: Assistant, first: str, then: str, both_figures: list[str]
) -> None:
    """ "that" is the figure just given; the new role is set beside it at the same level, from the tables."""
    reply = conversation(real_assistant, first, then)
    assert [(p.kind, p.route) for p in reply.plan] == [("figure", "statistics")], reply.plan
    assert all(f in reply.answer for f in both_figures), reply.answer


def test_at_the_same_level_keeps_the_level_of_the_turn_before(real_assistant: Assistant) -> None:
    reply = conversation(
        real_assistant, "what's an entry level ML engineer's salary?", "and a data scientist at that same level?"
    )
    assert reply.plan[0].entities.get("level") == "Entry Level", reply.plan
    assert "107,150" in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("what are the common challenges?", "how do I deal with the first one?"),
        ("what are the in-demand skills?", "tell me about that one, the last one"),
    ],
)
def test_one_item_of_the_list_just_given_goes_on_with_its_topic(
    real_assistant: Assistant, first: str, then: str
) -> None:
    reply = conversation(real_assistant, first, then)
    assert reply.plan[0].kind != "smalltalk" and reply.plan[0].route == "documents", reply.plan
    assert not reply.abstained, reply.answer


def test_which_city_pays_more_after_two_cities_ranks_the_cities(real_assistant: Assistant) -> None:
    reply = conversation(
        real_assistant, "how much do ML engineers earn in San Francisco?", "and in Seattle?", "so which city pays more?"
    )
    assert reply.plan[0].route == "statistics" and "184,982" in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("tell me about AutoML", "is it going to replace data scientists?", "high-value activities"),
        ("what is deep learning?", "do data scientists use it?", "deep learning"),
    ],
)
def test_it_after_a_topic_is_that_topic_even_with_a_role_named(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    """'it' is the thing the last answer was about; the role named is who asks about it (context)."""
    reply = conversation(real_assistant, first, then)
    assert reply.plan[0].route == "documents" and not reply.abstained, reply.plan
    assert expected in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        (["what is supervised learning?", "and unsupervised?", "which one needs more data?"], "larger amounts"),
        (["tell me about generative models", "what's an example?", "how does it work?"], "Diffusion"),
    ],
)
def test_a_third_turn_goes_on_with_the_topic_the_second_went_on_with(
    real_assistant: Assistant, turns: list[str], expected: str
) -> None:
    """The second turn named little of its own; what it was searched with is the topic the third points back to."""
    reply = conversation(real_assistant, *turns)
    assert reply.plan[0].route == "documents" and not reply.abstained, reply.plan
    assert expected in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("first", "then", "expected", "not_expected"),
    [
        (
            "what skills are in demand?",
            "what about for robotics engineers specifically?",
            "MLOps",
            "Director of Robotics",
        ),
        ("what skills does a data scientist need?", "what about an AI engineer?", "Skills", "Director of Robotics"),
    ],
)
def test_a_follow_up_naming_only_another_role_asks_the_last_question_of_it(
    real_assistant: Assistant, first: str, then: str, expected: str, not_expected: str
) -> None:
    """ "what about X?" after a documentation question is that question of X, not X's career overview."""
    reply = conversation(real_assistant, first, then)
    assert reply.plan[0].route == "documents" and expected in reply.answer, reply.answer
    assert not_expected not in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("what's the typical data scientist salary?", "what do they do all day", "insights"),
        ("how much does a robotics engineer earn?", "what do they actually do?", "robotic systems"),
    ],
)
def test_what_they_do_after_a_salary_is_explained_for_that_role(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    reply = conversation(real_assistant, first, then)
    assert reply.plan[0].route == "documents" and expected in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("first", "then", "span"),
    [
        ("what does an AI engineer earn at entry level?", "how many years is that?", "0-1 year"),
        ("what's a mid-career data scientist paid?", "how long is that stage?", "4-6 years"),
    ],
)
def test_how_long_that_level_lasts_after_its_figure(
    real_assistant: Assistant, first: str, then: str, span: str
) -> None:
    """ "that" is the level of the figure just given; its year range is what is asked."""
    reply = conversation(real_assistant, first, then)
    assert reply.plan[0].route == "statistics" and span in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("first", "then", "figure"),
    [
        ("what are proposals?", "how many were there in each year?", "0.4"),
        ("what does the offers total mean?", "how many were there in 2025?", "59"),
    ],
)
def test_how_many_after_a_named_figure_asks_that_figure(
    real_assistant: Assistant, first: str, then: str, figure: str
) -> None:
    reply = conversation(real_assistant, first, then)
    assert reply.plan[0].route == "statistics" and figure in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("what's the ML engineer salary in SF?", "why is it so high?"),
        ("what does a data scientist earn on average?", "why is it that high?"),
    ],
)
def test_it_after_a_salary_is_the_figure_not_the_role(real_assistant: Assistant, first: str, then: str) -> None:
    """'it' is the pay just given: the answer is about that pay (no reason is stated for it, and the reply says
    so, then what the guide lists as influencing salaries), not about what the role does."""
    reply = conversation(real_assistant, first, then)
    assert "don't say why" in reply.answer and "Geographic location" in reply.answer, reply.answer


def test_why_is_it_low_after_the_median_searches_the_median() -> None:
    """'it' after a platform figure is that figure's name, searched with the question's own words."""
    from assistant.followups import figure_named
    from assistant.sessions import Turn

    median = Turn(message="median 2024?", route="statistics", slots={"platform_metric": "median_salary_expectation"})
    pay = Turn(message="AI engineer pay?", route="statistics", slots={"roles": ["AI Engineer"], "salary": True})
    assert figure_named(median) == "the median salary expectation"
    assert figure_named(pay) == "the salary"


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("what are the in-demand skills?", "what about in NYC", "MLOps"),
        ("what are the best practices for deployment?", "and in Seattle?", "shadow deployment"),
    ],
)
def test_a_follow_up_naming_only_a_place_asks_the_last_documentation_question_again(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    reply = conversation(real_assistant, first, then)
    assert reply.plan[0].route == "documents" and expected in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("turns", "figures"),
    [
        (
            ["what does a data scientist make mid-career?", "what about an ML engineer?", "which is higher?"],
            ["125,259", "120,368"],
        ),
        (["what does an AI engineer earn?", "and a data scientist?", "which one pays more?"], ["127,986", "129,640"]),
    ],
)
def test_which_is_higher_after_two_roles_compares_the_two(
    real_assistant: Assistant, turns: list[str], figures: list[str]
) -> None:
    """The two roles are from the last two turns; the last turn alone knows only the second."""
    reply = conversation(real_assistant, *turns)
    assert reply.plan[0].route == "statistics" and all(f in reply.answer for f in figures), reply.answer


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("best cities for AI jobs", "and salaries there?"),
        ("which cities are AI hotspots?", "how much do ML engineers earn there?"),
    ],
)
def test_pay_there_after_a_question_about_cities_ranks_the_cities_figures(
    real_assistant: Assistant, first: str, then: str
) -> None:
    reply = conversation(real_assistant, first, then)
    assert reply.plan[0].route == "statistics" and "184,982" in reply.answer and "173,517" in reply.answer


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("which roles does the guide cover?", "and which cities?"),
        ("what years do you have data for?", "and which roles?"),
    ],
)
def test_and_which_after_a_coverage_question_asks_the_coverage_too(
    real_assistant: Assistant, first: str, then: str
) -> None:
    reply = conversation(real_assistant, first, then)
    assert reply.plan[0].route == "statistics" and "I can answer from these sources" in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("where are the AI hotspots in the US?", "which pays best for ML engineers?"),
        ("what cities are emerging for AI work", "and which one pays machine learning engineers the most?"),
    ],
)
def test_a_bare_which_after_cities_ranks_those_cities(real_assistant: Assistant, first: str, then: str) -> None:
    """'which pays best ...?' with no noun of its own picks among the cities just named, not the role's levels."""
    reply = conversation(real_assistant, first, then)
    assert "New York City at $184,982" in reply.answer and "Late Career" not in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("how many offers were there in 2024", "so is that the number of open jobs?"),
        ("total offers in 2025?", "hm, so is that the number of job openings?"),
    ],
)
def test_a_yes_no_about_a_figure_after_a_discourse_marker_asks_its_method(
    real_assistant: Assistant, first: str, then: str
) -> None:
    reply = conversation(real_assistant, first, then)
    assert [p.kind for p in reply.plan] == ["method"]
    assert "not the number of vacancies" in reply.answer


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("what does a data scientist make on average", "where does that number come from?"),
        ("entry level ML engineer pay?", "how was that measured?"),
    ],
)
def test_the_method_of_a_figure_whose_source_states_none_is_said_to_be_unstated(
    real_assistant: Assistant, first: str, then: str
) -> None:
    reply = conversation(real_assistant, first, then)
    assert "does not say how its figures were measured" in reply.answer
    assert "We count how many offers" not in reply.answer  # another source's method, for its own figures
    assert reply.abstained


@pytest.mark.parametrize(
    ("first", "then"), [("what's MLOps", "how much do MLOps folks make?"), ("what is NLP?", "what do NLP people earn")]
)
def test_the_pay_of_people_of_a_field_the_tables_lack_is_refused_by_name(
    real_assistant: Assistant, first: str, then: str
) -> None:
    reply = conversation(real_assistant, first, then)
    assert reply.abstained and "no salary data for" in reply.answer
    assert "two kinds of salary figure" not in reply.answer


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("what are the career paths in AI?", "tell me more about the product manager one", "Associate Product Manager"),
        ("which career tracks can I follow in ML?", "what about the robotics one", "Director of Robotics"),
        ("which soft skills matter for AI jobs", "say more about the ethical judgment one", "fairness"),
    ],
)
def test_the_item_one_after_a_list_searches_that_item_in_the_list_topic(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    reply = conversation(real_assistant, first, then)
    assert not reply.abstained
    assert expected in reply.answer


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("how much does a robotics engineer make at entry level", "sorry, I meant AI researcher", "$88,713"),
        ("median salary expectation 2025", "no, I meant 2024", "$5,640"),
        ("what do ML engineers earn in seattle", "actually I meant new york", "$184,982"),
    ],
)
def test_a_correction_asks_the_last_question_again_of_what_it_names(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    reply = conversation(real_assistant, first, then)
    assert [p.route for p in reply.plan] == ["statistics"]
    assert expected in reply.answer


@pytest.mark.parametrize(
    ("first", "then", "expected", "source"),
    [
        ("what's the median salary expectation in 2025?", "where is that from?", "$5,808", "2025"),
        ("mid career AI engineer pay", "ok, what's your source?", "$115,053", "Career Guide"),
        ("what is overfitting", "source?", "underfitting", ".md"),
    ],
)
def test_asking_where_an_answer_is_from_answers_it_again_with_its_sources(
    real_assistant: Assistant, first: str, then: str, expected: str, source: str
) -> None:
    reply = conversation(real_assistant, first, then)
    assert expected in reply.answer and not reply.abstained
    assert any(source in f"{c.title} {c.source}" for c in reply.citations)


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("what does a robotics engineer earn on average?", "ok what skills does that role need?", "Robotics Engineer"),
        ("entry level data scientist pay", "what does this role involve?", "insights"),
    ],
)
def test_that_role_after_a_salary_is_the_role_not_the_salary(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    reply = conversation(real_assistant, first, then)
    assert reply.plan[0].route == "documents"
    assert expected in reply.answer
    assert "salar" not in reply.answer.lower()  # "that role" was read as "the salary" ("skills the salary role need")


@pytest.mark.parametrize(
    ("first", "then", "topic"),
    [
        ("what is a discriminative model?", "explain that in simpler terms", "discriminative"),
        ("what is overfitting?", "can you say more about that?", "overfitting"),
    ],
)
def test_a_request_about_that_goes_on_with_the_last_topic(
    real_assistant: Assistant, first: str, then: str, topic: str
) -> None:
    """The same topic: from the same source, or (asked for more, once the source's section was all said) from
    where else the documents write of it ("say more" never repeats the sentences just given)."""
    first_reply = real_assistant.ask(first)
    reply = real_assistant.ask(then, first_reply.session_id)
    assert not reply.abstained
    same_source = set(c.source for c in reply.citations) & set(c.source for c in first_reply.citations)
    assert same_source or all(topic in c.snippet.lower() for c in reply.citations), reply.answer


@pytest.mark.parametrize(
    ("first", "then"),
    [("how do I become a data scientist?", "how long does that take?"), ("what is MLOps?", "how long does it take?")],
)
def test_how_long_after_a_question_with_no_level_asks_no_salary(
    real_assistant: Assistant, first: str, then: str
) -> None:
    reply = conversation(real_assistant, first, then)
    assert reply.plan[0].route != "statistics"
    assert "$" not in reply.answer


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        (
            ["what are regression models?", "and classification models?", "what's the difference between those two?"],
            ["continuous", "classes"],
        ),
        (
            ["what is supervised learning?", "and unsupervised learning?", "how do the two differ?"],
            ["supervised", "unsupervised"],
        ),
    ],
)
def test_the_two_after_two_documents_turns_compares_both_topics(
    real_assistant: Assistant, turns: list[str], expected: list[str]
) -> None:
    reply = conversation(real_assistant, *turns)
    assert reply.plan[0].kind == "comparison"
    assert all(word in reply.answer for word in expected)


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        (["what do data scientists make in seattle?", "what about ML engineers?"], "$173,517"),
        (["ML engineer pay in new york", "and AI engineers?"], "New York"),
    ],
)
def test_a_new_role_after_a_city_keeps_the_city(real_assistant: Assistant, turns: list[str], expected: str) -> None:
    reply = conversation(real_assistant, *turns)
    assert reply.plan[0].route in ("statistics", "out_of_scope")
    assert expected in reply.answer


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        (["what was the median in 2024?", "how much did it change the next year?"], "$5,808"),
        (["how many offers were there in 2024?", "and the following year?"], "59"),
    ],
)
def test_the_next_year_after_a_past_year_is_no_forecast(
    real_assistant: Assistant, turns: list[str], expected: str
) -> None:
    reply = conversation(real_assistant, *turns)
    assert "forecast" not in reply.answer
    assert expected in reply.answer


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("which city pays ML engineers the most?", "and what about the second one?", "San Francisco"),
        ("which role has the highest average salary?", "ok and the last one?", "Robotics Engineer"),
    ],
)
def test_an_ordinal_after_a_ranking_asks_the_ranking_again(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    reply = conversation(real_assistant, first, then)
    assert [p.route for p in reply.plan] == ["statistics"]
    assert expected in reply.answer


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("what does deep learning mean?", "examples please", "large language models"),
        ("what is a discriminative model?", "examples please", "sentiment analysis"),
        ("tell me about reinforcement learning", "examples?", "stock trading"),
    ],
)
def test_a_follow_up_asking_only_for_examples_asks_them_of_the_topic(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    # "examples?" searched with the topic as context only found the Examples of Generative Models heading.
    reply = conversation(real_assistant, first, then)
    assert not reply.abstained and reply.plan[0].route == "documents", reply.plan
    assert expected in reply.answer.lower()
    assert "Examples of Generative Models" not in reply.answer


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("what's the average salary of an AI engineer?", "which skills would I need for it?", "python"),
        ("what does an AI researcher make mid-career?", "what should I study for it?", "bachelor's degree"),
        ("what's the career path for a robotics engineer?", "what skills does it require?", "skill"),
    ],
)
def test_a_list_asked_of_it_after_a_salary_or_path_is_asked_of_the_job(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    # "it" read as the figure searched "skills ... for the salary" and answered with the factors influencing
    # salaries; read as the path's words, it answered with the career path again.
    reply = conversation(real_assistant, first, then)
    assert not reply.abstained and [p.route for p in reply.plan] == ["documents"], reply.plan
    assert reply.plan[0].entities.get("roles"), reply.plan  # the job stays what the conversation is about
    assert expected in reply.answer.lower()
    assert not any(h in reply.answer for h in ("Factors Influencing", "Career Paths", "$")), reply.answer


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("is New York a fun city to live in?", "how much do machine learning engineers make there?", "184,982"),
        ("what's the best pizza in San Francisco?", "fine, what's the ML engineer salary in that city?", "179,061"),
    ],
)
def test_there_after_a_refused_question_still_names_its_place(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    # A refused turn passed nothing on, so "there" lost the place and the role's salaries were listed instead.
    reply = conversation(real_assistant, first, then)
    assert [p.route for p in reply.plan] == ["statistics"] and expected in reply.answer, reply.answer


def test_a_refused_question_s_place_is_not_taken_without_a_pointer(real_assistant: Assistant) -> None:
    reply = conversation(real_assistant, "what's the weather like in Seattle?", "what do data scientists earn?")
    assert "Seattle" not in reply.answer and "129,640" in reply.answer


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("how much do robotics engineers earn at mid-career?", "no wait, AI engineers", "115,053"),
        ("what's the late career salary for a data scientist?", "oops - experienced", "134,922"),
        ("what does a data scientist earn at entry level?", "actually, mid-career", "125,259"),
    ],
)
def test_a_correction_without_i_meant_asks_the_last_question_of_what_it_names(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    reply = conversation(real_assistant, first, then)
    assert [p.route for p in reply.plan] == ["statistics"] and expected in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("first", "then"),
    [("what is overfitting?", "wait, why?"), ("what do data scientists earn?", "no, what do they do?")],
)
def test_a_discourse_marker_before_a_question_of_its_own_is_no_correction(
    real_assistant: Assistant, first: str, then: str
) -> None:
    reply = conversation(real_assistant, first, then)
    assert [p.route for p in reply.plan] == ["documents"] and "$" not in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("how do data scientists progress in their career?", "and what does the job actually involve?", "insights"),
        ("what do robotics engineers earn?", "what does the role typically involve?", "robotic systems"),
    ],
)
def test_the_job_with_an_adverb_before_its_verb_is_the_role_in_play(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    # "the job actually involve" was no role noun ("actually" between it and its verb): the job market was searched.
    reply = conversation(real_assistant, first, then)
    assert reply.plan[0].route == "documents" and expected in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("first", "then"),
    [("do AI jobs pay bonuses?", "how much extra is that per year?"), ("what can bonuses add?", "is that per year?")],
)
def test_how_much_is_that_after_the_extras_asks_the_extras_again(
    real_assistant: Assistant, first: str, then: str
) -> None:
    reply = conversation(real_assistant, first, then)
    assert [p.route for p in reply.plan] == ["statistics"] and "$50,000+" in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("total number of offers in 2024?", "is that the same as job openings?"),
        ("how many offers were there in 2024?", "ok, is that how many vacancies there were?"),
        ("median salary expectation 2025", "does this include rejected offers?"),
    ],
)
def test_a_yes_no_whose_subject_is_the_platform_figure_asks_what_it_counts(
    real_assistant: Assistant, first: str, then: str
) -> None:
    # A measure named ("job openings") or "how many" made it an explanation of job postings or the figure again.
    reply = conversation(real_assistant, first, then)
    assert [(p.kind, p.route) for p in reply.plan] == [("method", "documents")], reply.plan
    assert "offers" in reply.answer.lower() and "8.5%" not in reply.answer and "$" not in reply.answer


@pytest.mark.parametrize(("first", "then"), [("how many offers in 2025?", "was it higher in 2024?")])
def test_a_yes_no_about_the_figure_naming_a_year_is_still_a_figure(
    real_assistant: Assistant, first: str, then: str
) -> None:
    reply = conversation(real_assistant, first, then)
    assert [p.route for p in reply.plan] == ["statistics"] and "45" in reply.answer


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("what challenges do AI teams face?", "tell me about the third one", "computational power"),
        ("what are the essential skills for an AI career?", "tell me more about the third one", "computer vision"),
        ("what career paths exist in AI?", "what about the last one?", "Director of Robotics"),
    ],
)
def test_an_item_of_the_list_just_given_by_its_place(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    # The answer's items are kept with its turn: "the third one" is the third of them, not "the third" searched.
    reply = conversation(real_assistant, first, then)
    assert [p.route for p in reply.plan] == ["documents"] and expected in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("what challenges do AI teams face?", "more on the scalability one please", "proof-of-concept"),
        ("what challenges do AI teams face?", "what does the explainability one cover?", "explainable AI models"),
    ],
)
def test_an_item_of_the_list_just_given_by_its_words_is_no_small_talk(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    reply = conversation(real_assistant, first, then)
    assert [p.route for p in reply.plan] == ["documents"] and expected in reply.answer, reply.answer


def test_the_items_kept_with_a_turn_are_the_answer_s_bullets() -> None:
    answer = "Essential Skills [1]:\n- Technical Skills: Proficiency in Python [1]\n- Soft Skills: Communication [2]"
    assert listed_items(answer) == ["Technical Skills", "Soft Skills"]
    assert listed_items("A sentence with no list. [1]") == []


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("explain unsupervised learning", "which company uses it for recommendations?"),
        ("tell me about recommendation engines in unsupervised learning", "what companies rely on them?"),
    ],
)
def test_which_company_about_a_documents_topic_is_no_salary_question(
    real_assistant: Assistant, first: str, then: str
) -> None:
    reply = conversation(real_assistant, first, then)
    assert [p.route for p in reply.plan] == ["documents"] and "$" not in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("first", "then", "expected", "other"),
    [
        ("what's an AI researcher paid on average?", "how do people move up in that career?", "Principal", "Chief"),
        ("what's the ML engineer average salary?", "what's the career path?", "ML Architect", "Research Intern"),
        ("robotics engineers' entry level pay?", "what's the progression like in that work?", "Director", "Chief"),
    ],
)
def test_a_path_after_a_salary_is_the_path_of_that_role_alone(
    real_assistant: Assistant, first: str, then: str, expected: str, other: str
) -> None:
    # The role searched both in the question and as context was set aside from what is asked: the guide's Career
    # Development intro, or every role's path, answered.
    reply = conversation(real_assistant, first, then)
    assert [p.route for p in reply.plan] == ["documents"], reply.plan
    assert expected in reply.answer and other not in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        (("ML engineer average salary", "thanks!", "what about data scientists?"), "129,640"),
        (("what was the median salary expectation in 2025?", "cool, thank you", "and 2024?"), "5,640"),
    ],
)
def test_small_talk_between_turns_is_no_turn_a_follow_up_goes_on_from(
    real_assistant: Assistant, turns: tuple[str, ...], expected: str
) -> None:
    # After "thanks!", "what about data scientists?" followed the small talk: a data scientist's path, or a refusal.
    reply = conversation(real_assistant, *turns)
    assert [p.route for p in reply.plan] == ["statistics"] and expected in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        (("data scientist entry salary", "and mid-career?", "what's the difference between the two?"), "18,109"),
        (("AI engineer early career pay", "and experienced?", "which is higher?"), "19,793"),
    ],
)
def test_a_choice_between_the_two_after_two_levels_sets_those_levels_side_by_side(
    real_assistant: Assistant, turns: tuple[str, ...], expected: str
) -> None:
    # With one role and two levels asked, "the two" were unknown: a refusal or the last level's figure again.
    reply = conversation(real_assistant, *turns)
    assert [p.route for p in reply.plan] == ["statistics"] and expected in reply.answer, reply.answer


def test_the_difference_between_the_two_after_two_roles_pay_compares_them(real_assistant: Assistant) -> None:
    reply = conversation(
        real_assistant,
        "what does a data scientist make mid-career?",
        "what about an ML engineer?",
        "what's the difference between the two?",
    )
    assert [p.route for p in reply.plan] == ["statistics"], reply.plan
    assert "125,259" in reply.answer and "120,368" in reply.answer


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("what's reinforcement learning about?", "got any examples?", "stock trading"),
        ("what does deep learning mean?", "can you share a few examples please", "large language models"),
    ],
)
def test_a_request_of_several_words_for_examples_goes_on_with_the_topic(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    # Two content words ("got", "examples") were not "topicless": the topic was dropped and "examples" searched alone.
    reply = conversation(real_assistant, first, then)
    assert reply.plan[0].route == "documents" and expected in reply.answer.lower(), reply.answer


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        (("ML engineer entry level salary", "and late career?", "how much more is that?"), "Entry Level"),
        (("robotics engineer pay at entry level", "and experienced?", "how much higher is that?"), "31,777"),
    ],
)
def test_how_much_more_is_that_after_two_levels_gives_their_gap(
    real_assistant: Assistant, turns: tuple[str, ...], expected: str
) -> None:
    reply = conversation(real_assistant, *turns)
    assert [p.route for p in reply.plan] == ["statistics"] and expected in reply.answer, reply.answer
    assert "gap" in reply.answer


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("what is overfitting?", "so what's the median salary expectation in 2025?", "5,808"),
        ("what's the weather like in Seattle?", "ok, how much do data scientists make at entry level?", "107,150"),
    ],
)
def test_a_question_of_its_own_after_discourse_markers_is_asked_as_it_stands(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    # A correction reads only a fragment after the markers ("no wait, AI engineers"), never a whole question.
    reply = conversation(real_assistant, first, then)
    assert [p.text for p in reply.plan] == [then] and expected in reply.answer, reply.plan


def test_an_ordinal_names_an_item_only_when_it_stands_for_one() -> None:
    before = Turn(message="what are the essential skills?", route="documents", slots={"items": ["A", "B", "C"]})
    assert listed_item("tell me about the second one", Slots(), before) == "tell me about B"
    assert listed_item("and the last?", Slots(), before) == "and C?"
    assert listed_item("what was the first year of the survey?", Slots(), before) is None  # an ordinal of a noun
    assert listed_item("tell me about the fifth one", Slots(), before) is None  # no fifth item given


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        (("how many offers in 2024?", "and in 2025?", "which year had more?"), "+14"),
        (("proposals in 2025?", "and 2024?", "what's the difference between the two?"), "+0.6"),
    ],
)
def test_a_choice_between_the_two_after_two_years_compares_those_years(
    real_assistant: Assistant, turns: tuple[str, ...], expected: str
) -> None:
    # "which year had more?" gave the last year's figure alone.
    reply = conversation(real_assistant, *turns)
    assert [p.route for p in reply.plan] == ["statistics"] and expected in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("what should ML teams do as best practice?", "more about the coding part", "static analysis"),
        ("what challenges do AI professionals face?", "what about the explainability side?", "explainable AI models"),
        ("list the core responsibilities of an ML engineer", "tell me more about the documentation part", "proposal"),
    ],
)
def test_a_follow_up_naming_a_part_of_the_last_answer_is_asked_of_that_part(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    # "the deployment part", "the NLP bit", "the talent side": words of an item and then a word that only says "that
    # piece of it" (vocabulary [references] item_nouns); only "the X one" was read so before.
    reply = conversation(real_assistant, first, then)
    assert [p.route for p in reply.plan] == ["documents"] and expected in reply.answer, reply.answer


def test_the_word_saying_a_piece_of_the_answer_is_no_word_of_the_item() -> None:
    assert item_words("go deeper on the deployment part") == "go deeper on the deployment"
    assert item_words("what about the NLP bit?") == "what about the NLP?"
    assert item_words("say more on the talent side") == "say more on the talent"
    assert item_words("what does the job involve?") == "what does the job involve?"


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("how much do data scientists make in their mid career?", "what's their job like day to day?", "insights"),
        ("robotics engineer pay?", "what's their work like?", "robotic systems"),
    ],
)
def test_a_person_s_job_named_by_their_is_that_role_s_job(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    # "their job" was replaced by the role alone ("what's a Data Scientist like day to day?"), which found a trend.
    reply = conversation(real_assistant, first, then)
    assert [p.route for p in reply.plan] == ["documents"] and expected in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("what is regression in ML?", "give me some real-world uses", "credit risk"),
        ("what is reinforcement learning?", "what are the main applications?", "stock trading"),
    ],
)
def test_a_request_qualified_by_real_world_or_main_goes_on_with_the_topic(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    # "real-world" named a subject of its own: the passages on real-world training data answered instead.
    reply = conversation(real_assistant, first, then)
    assert [p.route for p in reply.plan] == ["documents"] and expected in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("how much does a ML engineer get in New York?", "how does that compare with Seattle?", ("184,982", "173,517")),
        ("what's the ML engineer salary in Seattle?", "and compared with San Francisco?", ("173,517", "179,061")),
    ],
)
def test_a_comparison_naming_another_city_sets_the_two_cities_side_by_side(
    real_assistant: Assistant, first: str, then: str, expected: tuple[str, str]
) -> None:
    # "how does that compare to Seattle?" after San Francisco's figure gave Seattle's alone.
    reply = conversation(real_assistant, first, then)
    assert [p.route for p in reply.plan] == ["statistics"], reply.plan
    assert all(figure in reply.answer for figure in expected), reply.answer


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("data scientist pay?", "and for a fresh graduate?", "107,150"),
        ("what's the average robotics engineer salary?", "what about newcomers?", "76,453"),
        ("AI researcher salary?", "and for seasoned ones?", "121,630"),
    ],
)
def test_a_level_named_in_everyday_words_is_that_level(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    reply = conversation(real_assistant, first, then)
    assert [p.route for p in reply.plan] == ["statistics"] and expected in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("classification models - what are they?", "name a few of them", "Naïve Bayes"),
        ("what are generative models?", "give me some of those", "Diffusion"),
    ],
)
def test_a_few_of_them_after_a_kind_of_thing_asks_for_its_examples(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    # With the topic put in for "them" ("name a few of classification models"), the definition was answered again.
    reply = conversation(real_assistant, first, then)
    assert [p.route for p in reply.plan] == ["documents"] and expected in reply.answer, reply.answer


def test_a_quantifier_of_them_is_read_as_the_topic_s_examples() -> None:
    assert instances_of("name a few of them", "regression models") == "name a few examples of regression models"
    assert instances_of("list some of those please", "AutoML") == "list some examples of AutoML please"
    assert instances_of("what are some uses?", "AutoML") is None
    assert instances_of("name a few of them", "") is None


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("what's a data scientist paid on average?", "how would I climb the ladder in that profession?", "Chief"),
        ("what's the typical salary for an AI researcher?", "how does one climb the ladder in that field?", "Intern"),
    ],
)
def test_climbing_the_ladder_in_that_field_is_the_path_of_the_role_before(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    # "that field" stood for nothing and "climb the ladder" was no path: the guide's salary-advancement list answered.
    reply = conversation(real_assistant, first, then)
    assert [(p.kind, p.route) for p in reply.plan] == [("path", "documents")], reply.plan
    assert expected in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        (("how many offers in 2024?", "and in 2025?", "how big a jump is that?"), "+14"),
        (("proposals in 2024?", "and 2025?", "by how much did it jump?"), "+0.6"),
    ],
)
def test_a_jump_after_two_years_of_a_figure_is_their_change(
    real_assistant: Assistant, turns: tuple[str, ...], expected: str
) -> None:
    reply = conversation(real_assistant, *turns)
    assert [p.route for p in reply.plan] == ["statistics"] and expected in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("what's the mean base pay of an AI engineer?", "is that more than an ML engineer gets?", "126,397"),
        ("mean salary for a data scientist?", "is that higher than an AI researcher?", "108,932"),
    ],
)
def test_a_mean_pay_is_the_average_figure_a_comparison_can_set_beside(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    # "mean" read as "what does it mean" sent the first turn to the documents (three roles' averages), so the
    # comparison after it had no figure to set the new role beside.
    reply = conversation(real_assistant, first, then)
    assert [p.route for p in reply.plan] == ["statistics"] and expected in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("what are generative models?", "and the discriminative ones?", "decision boundaries"),
        ("what is supervised learning?", "and the unsupervised one?", "right"),
        ("what are regression models?", "what about the classification ones?", "predict classes"),
    ],
)
def test_the_x_ones_after_a_kind_of_thing_is_that_kind_named_in_full(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    # "ones" stands for the topic's noun: "the discriminative ones" searched "the discriminative" with generative
    # models as context, and found the sentence naming both kinds.
    reply = conversation(real_assistant, first, then)
    assert [p.route for p in reply.plan] == ["documents"] and expected in reply.answer, reply.answer


def test_ones_takes_the_head_noun_of_a_short_topic_only() -> None:
    from assistant.pointed_items import head_noun

    assert item_words("and the discriminative ones?", "models") == "and the discriminative models?"
    assert item_words("more on the deployment part", "models") == "more on the deployment"
    assert head_noun("generative models") == "models"
    assert head_noun("what common challenges AI work face") == ""


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("what does an AI researcher actually do?", "and how much once they're experienced?", "121,630"),
        ("what do data scientists do?", "how much once they reach mid-career?", "125,259"),
    ],
)
def test_how_much_once_they_reach_a_level_is_that_level_s_pay(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    # "how much once" read "once" as the thing counted, which the documents never write: a refusal.
    reply = conversation(real_assistant, first, then)
    assert [p.route for p in reply.plan] == ["statistics"] and expected in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("first", "then", "title"),
    [
        ("median salary expectation in 2024?", "and for Python developers?", "Python Developers"),
        ("what do robotics engineers make?", "and Java developers?", "Java Developers"),
    ],
)
def test_a_title_the_data_lacks_set_in_a_figure_s_place_is_refused_by_name(
    real_assistant: Assistant, first: str, then: str, title: str
) -> None:
    # The title counted as a topic of its own, so nothing of the figure was kept: "I couldn't tell which figure".
    reply = conversation(real_assistant, first, then)
    assert reply.abstained and f"no salary data for {title}" in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        (("what's overfitting?", "and underfitting?", "how do you balance the two?"), "overfitting"),
        (("what is supervised learning?", "and unsupervised?", "how do you choose between the two?"), "supervised"),
    ],
)
def test_a_how_do_you_question_about_the_two_is_no_small_talk(
    real_assistant: Assistant, turns: tuple[str, ...], expected: str
) -> None:
    # "how do you ...?" leaned to the small-talk examples; "the two" points back as much as "them" does.
    reply = conversation(real_assistant, *turns)
    assert [p.route for p in reply.plan] == ["documents"] and expected in reply.answer.lower(), reply.answer


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("mid-career data scientist salary?", "same for robotics engineers?", "97,121"),
        ("ML engineer pay in Seattle?", "same question for New York", "184,982"),
    ],
)
def test_same_for_asks_the_last_question_again_of_what_follows(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    # "same" counted as a word of the part's own: no ellipsis, an explanation of the role.
    reply = conversation(real_assistant, first, then)
    assert [p.route for p in reply.plan] == ["statistics"] and expected in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        (
            (
                "what does an AI engineer earn on average?",
                "and a data scientist?",
                "what about the first one at late career?",
            ),
            "132,496",
        ),
        (
            ("mid-career robotics engineer pay?", "and an AI researcher?", "how about the other one at entry level?"),
            "76,453",
        ),
    ],
)
def test_the_first_or_the_other_one_after_two_roles_is_that_role(
    real_assistant: Assistant, turns: tuple[str, ...], expected: str
) -> None:
    reply = conversation(real_assistant, *turns)
    assert [p.route for p in reply.plan] == ["statistics"] and expected in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("first", "then", "refused"),
    [
        (
            "what's an ML engineer paid in Seattle?",
            "and a data scientist over there?",
            "Data Scientist figure for Seattle",
        ),
        ("ML engineer pay in New York?", "what about AI researchers out there?", "AI Researcher figure for New York"),
    ],
)
def test_a_role_over_there_after_a_city_figure_asks_that_city_s_figure(
    real_assistant: Assistant, first: str, then: str, refused: str
) -> None:
    # "over" counted as a word of the part's own: no ellipsis, the role's career path answered instead.
    reply = conversation(real_assistant, first, then)
    assert [p.kind for p in reply.plan] == ["figure"] and refused in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("explain unsupervised learning", "can I get an example?"),
        ("how does unsupervised learning work?", "give an example"),
    ],
)
def test_a_request_of_the_topic_is_matched_to_answered_examples_as_asked_in_full(
    real_assistant: Assistant, first: str, then: str
) -> None:
    # The examples prior (answer_examples.py) compared the bare "give an example" with every answered example
    # request ("give me an example of generative models") and chose their sentences; resolved, it is the question
    # "an example of unsupervised learning" that is compared.
    reply = conversation(real_assistant, first, then)
    assert "amazon" in reply.answer.split(". ")[0].lower(), reply.answer


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        (("mid-career data scientist salary", "now do AI engineers"), "115,053"),
        (("experienced robotics engineer pay", "repeat that for data scientists"), "134,922"),
    ],
)
def test_a_substitution_asks_the_last_question_of_what_it_names(
    real_assistant: Assistant, turns: tuple[str, ...], expected: str
) -> None:
    # "swap that for X", "now do X": the same question, of X ([references] same_question), not X's career path
    reply = conversation(real_assistant, *turns)
    assert [p.route for p in reply.plan] == ["statistics"] and expected in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        (("AI researcher entry pay", "and late in their career?"), "134,231"),
        (("junior ML engineer salary", "what about at the end of their career?"), "135,388"),
    ],
)
def test_a_level_phrase_holding_a_pronoun_keeps_its_level(
    real_assistant: Assistant, turns: tuple[str, ...], expected: str
) -> None:
    # "their" is put in as the role before ("late in a Machine Learning Engineer's career"), which broke the phrase
    reply = conversation(real_assistant, *turns)
    assert expected in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        (("AI engineer mid-career pay", "how do robotics engineers stack up?"), ("115,053", "97,121")),
        (("data scientist average salary", "how do AI researchers fare?"), ("129,640", "108,932")),
        (("ML engineer pay in San Francisco", "how does Seattle measure up?"), ("179,061", "173,517")),
    ],
)
def test_a_comparison_naming_only_its_new_side_sets_it_beside_the_figure(
    real_assistant: Assistant, turns: tuple[str, ...], expected: tuple[str, ...]
) -> None:
    reply = conversation(real_assistant, *turns)
    assert [p.route for p in reply.plan] == ["statistics"], reply.plan
    assert all(figure in reply.answer for figure in expected), reply.answer


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        (("AI engineer entry salary", "and late career?", "what's the difference?"), "32,172"),
        (("robotics engineer early career pay", "and mid-career?", "how big a raise is that?"), "4,330"),
    ],
)
def test_a_bare_difference_after_two_figures_is_their_gap(
    real_assistant: Assistant, turns: tuple[str, ...], expected: str
) -> None:
    reply = conversation(real_assistant, *turns)
    assert expected in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("what is synthetic data used for?", "what's the catch?"),
        ("what does AutoML automate?", "is there a catch?"),
    ],
)
def test_a_question_after_an_answer_not_addressed_to_the_assistant_is_no_small_talk(
    real_assistant: Assistant, first: str, then: str
) -> None:
    reply = conversation(real_assistant, first, then)
    assert [p.route for p in reply.plan] != ["smalltalk"] and not reply.answer.startswith("Hi!"), reply.answer


def test_a_request_of_the_assistant_after_thanks_stays_small_talk(real_assistant: Assistant) -> None:
    reply = conversation(real_assistant, "what is MLOps?", "thanks, how do I use this?")
    assert reply.route == "smalltalk", reply.plan


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("why train models on real-world data?", "what's the downside?", "not always possible"),
        ("why are ML models trained on real-world data?", "what's the trade-off?", "not always possible"),
    ],
)
def test_a_downside_asked_of_the_topic_searches_the_topic(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    # "catch", "downside", "pitfalls" only ask something of a subject ([references] asked_of_topic)
    reply = conversation(real_assistant, first, then)
    assert not reply.abstained and expected in reply.answer, reply.answer


def test_a_list_written_in_one_sentence_gives_its_items() -> None:
    said = "ML falls into three classes: supervised learning, unsupervised learning, and reinforcement learning. [1]"
    assert listed_items(said) == ["supervised learning", "unsupervised learning", "reinforcement learning"]
    assert listed_items("Note: the figures, which vary, are yearly and in USD. [1]") == []  # clauses, no things


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("how are ML techniques grouped?", "tell me about the second one", "innate patterns"),
        ("what are the main classes of ML techniques?", "explain the third one", "trial and error"),
    ],
)
def test_a_place_in_a_list_written_in_a_sentence_names_that_item(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    reply = conversation(real_assistant, first, then)
    assert expected in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("which tools were trending in 2025?", "and in 2024?"),
        ("top tools on the 2025 page?", "what about the year before?"),
    ],
)
def test_another_year_after_the_trending_tools_asks_that_year_s_list(
    real_assistant: Assistant, first: str, then: str
) -> None:
    # the list is carried like a figure: its refusal names it ("no trending-tools list for 2024"), not "that"
    reply = conversation(real_assistant, first, then)
    assert reply.abstained and "trending-tools list for 2024" in reply.answer, reply.answer


def test_the_middle_one_of_a_list_in_a_sentence_is_its_middle_item(real_assistant: Assistant) -> None:
    reply = conversation(real_assistant, "what are the main classes of ML techniques?", "explain the middle one")
    assert "innate patterns" in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        (("AI engineer entry pay", "and mid-career?", "how large is the increase?"), "14,729"),
        (("data scientist early career pay", "and experienced?", "how large is the gap?"), "18,205"),
    ],
)
def test_how_big_a_change_after_two_figures_is_their_gap(
    real_assistant: Assistant, turns: tuple[str, ...], expected: str
) -> None:
    reply = conversation(real_assistant, *turns)
    assert expected in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("median salary expectation 2025?", "is that down from the year before?", "5,640"),
        ("proposals in 2025?", "is that up on the previous year?", "0.4"),
    ],
)
def test_is_that_up_from_the_year_before_compares_the_two_years(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    # a yes/no question about the figure that names another year sets the years side by side (no method)
    reply = conversation(real_assistant, first, then)
    assert [p.route for p in reply.plan] == ["statistics"] and expected in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("data scientist mid-career salary", "try AI engineers instead", "115,053"),
        ("experienced robotics engineer pay", "what if it were data scientists", "134,922"),
    ],
)
def test_a_message_of_a_substitution_s_form_asks_the_last_question_of_what_it_names(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    # neither wording is a listed phrase: their masked forms lie near stats/followup_forms.yaml's again_of forms
    reply = conversation(real_assistant, first, then)
    assert [p.route for p in reply.plan] == ["statistics"] and expected in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        (("AI engineer average salary", "and a data scientist?", "how far apart are they?"), ("127,986", "129,640")),
        (("AI researcher entry salary", "and experienced?", "by how much do they differ?"), ("32,917",)),
    ],
)
def test_a_message_of_a_gap_s_form_sets_the_two_figures_side_by_side(
    real_assistant: Assistant, turns: tuple[str, ...], expected: tuple[str, ...]
) -> None:
    reply = conversation(real_assistant, *turns)
    assert [p.route for p in reply.plan] == ["statistics"], reply.plan
    assert all(figure in reply.answer for figure in expected), reply.answer


def test_a_longer_question_is_never_read_as_a_follow_up_form(real_assistant: Assistant) -> None:
    # "how do I switch to data science?" lies near "switch it to this job" (0.72): below the forms' threshold, and
    # it names no figure to ask again; the planner's own reading stands
    reply = conversation(real_assistant, "data scientist average pay", "how do I switch into data science as a career?")
    assert [p.route for p in reply.plan] == ["documents"], reply.plan


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("mid-career robotics engineer pay", "what about AI researchers at that point?", "112,453"),
        ("entry-level AI engineer salary", "and ML engineers at the same stage?", "105,418"),
    ],
)
def test_a_role_at_that_stage_asks_its_figure_at_the_level_in_play(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    reply = conversation(real_assistant, first, then)
    assert [p.route for p in reply.plan] == ["statistics"] and expected in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("ML engineer pay in Seattle", "is it higher in New York?", ("173,517", "184,982")),
        ("ML engineer salary in San Francisco", "do they earn more in Seattle?", ("179,061", "173,517")),
    ],
)
def test_more_in_another_city_sets_the_two_cities_side_by_side(
    real_assistant: Assistant, first: str, then: str, expected: tuple[str, ...]
) -> None:
    reply = conversation(real_assistant, first, then)
    assert all(figure in reply.answer for figure in expected), reply.answer


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        (
            ("AI engineer average pay", "and robotics engineers?", "how much less do the robotics engineers make?"),
            ("127,986", "96,013"),
        ),
        (
            ("data scientist entry pay", "what about AI researchers?", "how much more do data scientists earn?"),
            ("107,150", "88,713"),
        ),
    ],
)
def test_a_comparison_naming_one_of_the_two_roles_just_asked_sets_both_side_by_side(
    real_assistant: Assistant, turns: tuple[str, ...], expected: tuple[str, ...]
) -> None:
    reply = conversation(real_assistant, *turns)
    assert all(figure in reply.answer for figure in expected), reply.answer


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("what is deep learning?", "keep going", "deep learning"),
        ("what are generative models?", "carry on please", "generative"),
    ],
)
def test_a_message_of_more_s_form_asks_more_of_the_topic(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    reply = conversation(real_assistant, first, then)
    assert [p.route for p in reply.plan] == ["documents"] and expected in reply.answer.lower(), reply.answer


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        (("data scientist average pay", "and AI researchers?", "who's paid better?"), ("129,640", "108,932")),
        (("mid-career robotics engineer pay", "what about AI engineers?", "who makes less?"), ("97,121", "115,053")),
    ],
)
def test_who_earns_more_after_two_roles_figures_sets_them_side_by_side(
    real_assistant: Assistant, turns: tuple[str, ...], expected: tuple[str, ...]
) -> None:
    reply = conversation(real_assistant, *turns)
    assert all(figure in reply.answer for figure in expected), reply.answer


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        (("what does an ML engineer make in Seattle?", "what about in Chicago then?"), "Lower but still above"),
        (("ML engineer salary in San Francisco", "ok and in Seattle then?"), "$173,517"),
        (("how much do data scientists make in New York?", "what about Chicago then?"), "no Data Scientist figure"),
    ],
)
def test_a_closing_filler_leaves_a_city_follow_up_an_ellipsis_of_the_figure(
    real_assistant: Assistant, turns: tuple[str, ...], expected: str
) -> None:
    """'then', 'though', 'too' close a follow-up without asking anything (vocabulary.toml closing_fillers): the
    city is still asked of the figure before, not read as a place named alone (the ML engineer's career path)."""
    reply = conversation(real_assistant, *turns)
    assert expected in reply.answer and "Progress from" not in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("turns", "gap"),
    [
        (("data scientist average salary", "and AI engineers?", "what's the gap between them?"), "+$1,654"),
        (("who earns more, robotics engineers or AI researchers?",), "+$12,919"),
        (("which pays more at entry level, ML engineer or data scientist?",), "+$1,732"),
    ],
)
def test_two_roles_side_by_side_say_the_gap(real_assistant: Assistant, turns: tuple[str, ...], gap: str) -> None:
    """Which role earns more, and by how much: the role_gap tool's difference (computed from the two figures'
    rows, so the numeric check finds it in the evidence), not only "X earns more than Y"."""
    reply = conversation(real_assistant, *turns)
    assert f"a gap of {gap}" in reply.answer and not reply.abstained, reply.answer
    assert any(t.tool == "role_gap" for t in reply.tool_calls), reply.tool_calls


@pytest.mark.parametrize(
    ("then", "expected", "not_first"),
    [
        ("explain the second one pls", "unsupervised learning doesn", "Machine Learning Algorithms"),
        ("ok go into the 2nd one", "unsupervised learning doesn", "Machine Learning Algorithms"),
        ("and what's the 3rd about", "trial and error", "Machine Learning Algorithms"),
    ],
)
def test_an_item_named_by_its_place_is_asked_as_itself(
    real_assistant: Assistant, then: str, expected: str, not_first: str
) -> None:
    """'the second one' of three kinds listed in a sentence is that kind asked alone: the list's topic ('machine
    learning') is context, not what leads the answer; '2nd' is a place as 'second' is."""
    reply = conversation(real_assistant, "which 3 classes of machine learning are there", then)
    assert expected in reply.answer, reply.answer
    assert not reply.answer.startswith(not_first), reply.answer


def test_numeric_ordinals_point_into_the_list_given() -> None:
    before = Turn(message="what challenges do teams face", route="documents", slots={"items": ["A", "B", "C"]})
    assert listed_item("what about the 3rd", Slots(), before) == "what about C"
    assert listed_item("tell me about the 2nd one", Slots(), before) == "tell me about B"


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("entry-level AI engineer salary", "cool cool, and a data scientist?", "107,150"),
        ("what's a mid-career robotics engineer paid", "got it thanks - what about an AI researcher?", "112,453"),
        ("experienced data scientist pay", "perfect, and for an AI engineer?", "123,989"),
    ],
)
def test_an_acknowledging_clause_before_a_follow_up_changes_nothing_it_asks(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    """'cool cool, and a data scientist?': a clause of a few words that names nothing and asks nothing, set off
    before a follow-up, only acknowledges the answer (no list of such words holds them all): the new role's figure
    at the level before, as "and a data scientist?" alone asks."""
    reply = conversation(real_assistant, first, then)
    assert [p.route for p in reply.plan] == ["statistics"], reply.plan
    assert expected in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("total offers on the platform in 2025", "are 59 offers many?", "indicator of the level of demand"),
        ("how many offers in 2024?", "so it's 45 vacancies?", "not the number of vacancies"),
        ("offers total 2025", "wait so that's 59 open roles?", "not the number of vacancies"),
    ],
)
def test_the_platform_figure_said_again_as_a_question_asks_what_it_indicates(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    """'is 59 a lot?', 'so that's 45 job openings?' after the offers total: the figure said again (or a statement
    asked back) is the figure pointed at, so the reply is what the figure counts and indicates, not the figure
    again nor an unrelated job-postings figure."""
    reply = conversation(real_assistant, first, then)
    assert [p.kind for p in reply.plan] == ["method"], reply.plan
    assert expected in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        (("ML engineer salary in New York", "and in Seattle?", "what's the difference between those?"), "$11,465"),
        (("ML engineer pay in Seattle", "what about San Francisco?", "how big is the gap?"), "$5,544"),
        (("what does an ML engineer make in San Francisco", "how does that compare with New York?"), "$5,921"),
    ],
)
def test_the_gap_after_two_cities_figures_is_their_difference_worked_out(
    real_assistant: Assistant, turns: tuple[str, ...], expected: str
) -> None:
    """'what's the gap between them?' after one city's figure and then another's: the two cities (the cities the
    stored turns asked, not the process's memory) side by side and their difference from the city_gap tool,
    its working shown from the two cited figures."""
    reply = conversation(real_assistant, *turns)
    assert f"{expected} more than" in reply.answer and not reply.abstained, reply.answer
    assert any(t.tool == "city_gap" for t in reply.tool_calls), reply.tool_calls


def _sentences(answer: str) -> set[str]:
    """The sentences of a reply, without its [n] markers."""
    import re

    return {s.strip() for s in re.split(r"(?<=[.!?])\s+", re.sub(r"\s*\[\d+\]", "", answer)) if len(s.strip()) > 20}


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("what is supervised learning?", "carry on"),
        ("explain deep learning", "say more"),
        ("tell me about reinforcement learning", "anything more on that?"),
    ],
)
def test_more_of_the_topic_goes_on_from_where_the_answer_stopped(
    real_assistant: Assistant, first: str, then: str
) -> None:
    """'carry on' after an explanation: more of the topic, none of the sentences just given said again (the turn
    stores what it said, so any worker reading the session goes on from the same place)."""
    before = real_assistant.ask(first)
    after = real_assistant.ask(then, before.session_id)
    assert [p.route for p in after.plan] == ["documents"] and not after.abstained, after.answer
    assert _sentences(after.answer) and not _sentences(after.answer) & _sentences(before.answer), after.answer


def test_what_a_turn_said_is_kept_in_the_stored_session(real_assistant: Assistant) -> None:
    """The told text travels with the turn (Turn.slots, JSON as the SQLite and Redis stores keep it), not in the
    process's memory."""
    from assistant.sessions import SessionState

    reply = real_assistant.ask("what is reinforcement learning?")
    state = real_assistant._sessions.get(reply.session_id)
    assert state is not None
    stored = SessionState.model_validate_json(state.model_dump_json()).turns[-1].slots
    assert "trial and error" in stored["told"]


@pytest.mark.parametrize(("first", "then"), [("what is multimodal AI?", "go on"), ("what's RAG?", "tell me more")])
def test_more_of_a_topic_all_said_says_so(real_assistant: Assistant, first: str, then: str) -> None:
    """'go on' when the one sentence the documents write of the topic was said: the reply says there is nothing
    more, with that sentence, rather than sentences of other topics ("Continued growth is expected ...")."""
    before = real_assistant.ask(first)
    after = real_assistant.ask(then, before.session_id)
    assert after.answer.startswith("My sources say nothing more about it than this:"), after.answer
    assert not after.abstained and {c.source for c in after.citations} == {c.source for c in before.citations}


@pytest.mark.parametrize(
    ("first", "second", "third"),
    [
        ("what is supervised learning?", "go on", "more?"),
        ("what is deep learning?", "keep going", "and more?"),
    ],
)
def test_more_asked_again_goes_on_past_both_answers(
    real_assistant: Assistant, first: str, second: str, third: str
) -> None:
    """A second request for more goes on from where the second answer stopped: what both turns said is kept in the
    stored turn, and none of it is said a third time."""
    one = real_assistant.ask(first)
    two = real_assistant.ask(second, one.session_id)
    three = real_assistant.ask(third, one.session_id)
    assert [p.route for p in three.plan] == ["documents"], three.plan
    assert not _sentences(three.answer) & (_sentences(one.answer) | _sentences(two.answer)), three.answer


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("robotics engineer salary?", "what skills do you need for that job"),
        ("data scientist pay?", "which skills are needed for that job?"),
    ],
)
def test_skills_for_that_job_after_its_pay_are_the_skills_not_its_career_path(
    real_assistant: Assistant, first: str, then: str
) -> None:
    """'that job' is pointed at as 'it' is ("what skills do I need for it?"): the question's own words searched with
    the job as context; the role's name put into the search found its Career Paths item instead."""
    reply = conversation(real_assistant, first, then)
    assert "Skills" in reply.answer and "Career Paths" not in str(reply.citations), reply.answer
    assert "progress to" not in reply.answer and "Advance from" not in reply.answer, reply.answer
