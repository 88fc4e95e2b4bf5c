"""Statistics answers over the real model, Chroma and DuckDB: which figures a question about pay gets."""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant
from tests.assistant.test_core_followups import conversation
from tests.assistant.test_core_pipeline import ask

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("question", "role_figure"),
    [
        ("what do mid-career ML engineers make at top companies?", "$120,368 - $193,263"),
        ("do data scientists earn more at the top companies?", "$129,640"),
        ("what does an entry-level ML engineer get paid at top companies?", "up to $152,601 at top companies"),
    ],
)
def test_a_role_at_the_top_companies_gets_its_own_figure_and_the_companies_line(
    real_assistant: Assistant, question: str, role_figure: str
) -> None:
    """The role is what the figure is about and the companies are where: both are given, neither replaces the
    other (the companies' line alone used to answer, or the role's alone)."""
    reply = ask(real_assistant, question)
    assert role_figure in reply.answer and "$120,000 to over $200,000" in reply.answer, reply.answer
    assert not reply.abstained


def test_the_top_companies_alone_get_the_companies_line(real_assistant: Assistant) -> None:
    reply = ask(real_assistant, "how much do the top companies pay?")
    assert "$120,000 to over $200,000" in reply.answer and "Average Base Salary" not in reply.answer


@pytest.mark.parametrize(
    "question",
    ["is San Francisco really the highest paying city?", "does SF pay the most of any city?"],
)
def test_a_quoted_ranking_claim_the_figures_contradict_is_noted(real_assistant: Assistant, question: str) -> None:
    """The guide calls San Francisco "Highest overall" yet gives New York City a higher figure: an answer quoting
    the claim says so, whichever route quoted it (the statistics' ranking did already; the documents did not)."""
    reply = ask(real_assistant, question)
    assert "Highest overall" in reply.answer, reply.answer
    assert "sources disagree" in reply.answer and "$184,982" in reply.answer, reply.answer
    assert reply.answer.count("sources disagree") == 1, reply.answer


def test_the_contradiction_is_noted_once_when_the_statistics_noted_it(real_assistant: Assistant) -> None:
    reply = ask(real_assistant, "what's the ML engineer salary in SF?")
    assert reply.answer.count("sources disagree") == 1, reply.answer


@pytest.mark.parametrize(
    ("turns", "verdict"),
    [
        (
            ["what do entry level AI engineers earn?", "and data scientists?", "which one pays more?"],
            "at Entry Level Data Scientist $107,150 [1] earns more than AI Engineer $100,324",
        ),
        (
            ["how much do robotics engineers make?", "what about AI researchers?", "which is higher?"],
            "on average AI Researcher $108,932 [1] earns more than Robotics Engineer $96,013",
        ),
    ],
)
def test_which_is_higher_after_two_roles_says_which(real_assistant: Assistant, turns: list[str], verdict: str) -> None:
    """The two roles of the turns before are compared, not listed again table by table."""
    reply = conversation(real_assistant, *turns)
    assert verdict in reply.answer, reply.answer
    assert "Late Career" not in reply.answer and "Level level" not in reply.answer, reply.answer


def test_a_city_ranking_names_the_role_its_figures_are_for(real_assistant: Assistant) -> None:
    reply = ask(real_assistant, "which city pays best?")
    assert "city figures (Machine Learning Engineer, 2024)" in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("question", "period", "stated"),
    [
        ("what's the hourly rate for a data scientist", "hourly", "$129,640"),
        ("how much does an ML engineer make per hour?", "hourly", "$126,397 - $151,945"),
        ("weekly pay for entry level AI engineers?", "weekly", "$100,324"),
    ],
)
def test_a_pay_period_no_source_states_is_refused_with_what_they_state(
    real_assistant: Assistant, question: str, period: str, stated: str
) -> None:
    """An hourly or weekly figure would need hours the sources never give: no conversion is made up; the reply
    says so (abstained) and gives the annual figure the guide does state."""
    reply = ask(real_assistant, question)
    assert reply.abstained, reply.answer
    assert f"no {period} pay figures" in reply.answer and stated in reply.answer, reply.answer
    assert "divided by" not in reply.answer, reply.answer


def test_monthly_pay_is_still_converted(real_assistant: Assistant) -> None:
    reply = ask(real_assistant, "AI engineer salary per month")
    assert "divided by twelve" in reply.answer and not reply.abstained, reply.answer


@pytest.mark.parametrize(
    "question", ["what's the difference between the 2024 and 2025 pages?", "what changed from 2024 to 2025?"]
)
def test_two_years_compared_with_no_figure_named_give_every_headline_change(
    real_assistant: Assistant, question: str
) -> None:
    """Two years compared is a question the platform figures answer (it was refused when "difference between"
    sent it to the documents); with no figure named, each headline figure's change is given."""
    reply = ask(real_assistant, question)
    assert not reply.abstained, reply.answer
    assert all(f in reply.answer for f in ("45 in 2024", "59 in 2025", "$5,640", "$5,808", "0.4 in 2024")), reply.answer


def test_a_named_figure_compared_across_years_stays_that_figure(real_assistant: Assistant) -> None:
    reply = ask(real_assistant, "how did the median change from 2024 to 2025?")
    assert "+$168" in reply.answer and "total number of offers" not in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("question", "currency", "stated"),
    [
        ("how much is the average ML expert salary in euros?", "euros", "$122,060"),
        ("data scientist salary in pounds", "pounds sterling", "$129,640"),
        ("what's the 2025 median in EUR?", "euros", "$5,808"),
    ],
)
def test_a_currency_no_source_states_is_not_converted(
    real_assistant: Assistant, question: str, currency: str, stated: str
) -> None:
    """No exchange rate is in the sources: the reply says so (abstained) and gives the dollar figure."""
    reply = ask(real_assistant, question)
    assert reply.abstained and f"no figures in {currency}" in reply.answer and stated in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("is 150k good for a mid career ML engineer?", "$120,368 - $193,263"),
        ("I got an offer of $95,000 as an entry level AI engineer, is that fair?", "$100,324"),
        ("is 120k a lot for a data scientist?", "$129,640"),
    ],
)
def test_an_amount_the_asker_states_makes_pay_the_question(
    real_assistant: Assistant, question: str, figure: str
) -> None:
    """With no pay word, the asker's own amount ("150k", "$95,000") says the question is about pay: the role's
    figure answers it (a mid-career ML engineer's career path did)."""
    reply = ask(real_assistant, question)
    assert figure in reply.answer and reply.route == "statistics", reply.answer


@pytest.mark.parametrize(
    "turns",
    [
        ["what's the median salary expectation in 2024?", "and is that monthly?"],
        ["what was the 2025 median?", "so is that per month?"],
    ],
)
def test_is_that_monthly_after_a_platform_figure_is_answered_by_the_figure(
    real_assistant: Assistant, turns: list[str]
) -> None:
    """A yes/no about a named figure's period asks the figure (whose answer says the page states no period), not
    how the figure is made (the method passage about counting offers)."""
    reply = conversation(real_assistant, *turns)
    assert "does not say whether this is a monthly or an annual amount" in reply.answer, reply.answer


@pytest.mark.parametrize("question", ["how many yrs is mid-career?", "how many yrs of experience is early career?"])
def test_a_clipped_count_word_is_an_abbreviation_not_an_unwritten_name(
    real_assistant: Assistant, question: str
) -> None:
    """'yrs' is never written in the documents, but what "how many" counts is refused by name only when it is a
    word (four letters or more): an abbreviation of three is read as the figure it abbreviates."""
    reply = ask(real_assistant, question)
    assert "means" in reply.answer and "years" in reply.answer and not reply.abstained, reply.answer


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("in 2025 how many of the offers got accepted?", "accepted"),
        ("what number of offers were declined in 2024", "declined"),
    ],
)
def test_a_count_of_one_kind_of_offer_is_not_given_as_the_total(
    real_assistant: Assistant, question: str, said: str
) -> None:
    """The total is not the count of accepted (or declined) offers: the reply says the pages give only the total,
    and quotes the page's own sentence about the word when it has one."""
    reply = real_assistant.ask(question)
    assert f"no count of {said} offers" in reply.answer, reply.answer
    assert ("59" in reply.answer) or ("45" in reply.answer)


def test_the_page_s_own_sentence_about_the_word_is_quoted(real_assistant: Assistant) -> None:
    reply = real_assistant.ask("how many rejected offers did the 2024 page record?")
    assert "We do not count accepted or rejected offers." in reply.answer and "45" in reply.answer


@pytest.mark.parametrize(
    ("question", "by"),
    [
        ("platform offers for senior developers in 2025?", "experience level"),
        ("how many offers did entry level devs get in 2024", "experience level"),
        ("median salary expectation in Seattle for 2025", "city"),
    ],
)
def test_a_platform_figure_asked_for_one_level_or_city_says_it_is_for_everyone(
    real_assistant: Assistant, question: str, by: str
) -> None:
    reply = real_assistant.ask(question)
    assert f"no breakdown by {by}" in reply.answer, reply.answer


@pytest.mark.parametrize(
    "question",
    [
        "how many job offers were there in 2024",
        "what was the total number of offers in 2025",
        "how many offers did AI devs receive in 2024",
    ],
)
def test_the_total_asked_plainly_has_no_caveat(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question)
    assert "no count of" not in reply.answer and "no breakdown" not in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("how much is an AI ethics officer paid?", "AI Ethics Officer"),
        ("salary for an AI strategist", "AI Strategist"),
        ("what do machine learning interns earn", "Interns"),
    ],
)
def test_pay_of_a_title_the_tables_lack_is_refused_by_name(
    real_assistant: Assistant, question: str, title: str
) -> None:
    """An officer, a strategist, an intern: titles the tables lack get "no salary data for ..." by name, not the
    general salary summary (which answered a different question)."""
    reply = real_assistant.ask(question)
    assert reply.abstained and "no salary data for" in reply.answer and title.lower() in reply.answer.lower(), (
        reply.answer
    )


@pytest.mark.parametrize(
    "question",
    [
        "how did the popular tools change between 2024 and 2025",
        "were the hot frameworks any different in 2024 than in 2025?",
    ],
)
def test_trending_tools_compared_across_years_give_each_years_list(real_assistant: Assistant, question: str) -> None:
    """The tools are what is compared: each year's list, the year without one said (the headline figures' changes
    used to answer, as for "how did 2025 compare with 2024?")."""
    reply = ask(real_assistant, question)
    assert "PyTorch" in reply.answer and "no trending-tools list for 2024" in reply.answer, reply.answer
    assert "$5,640" not in reply.answer and not reply.abstained


@pytest.mark.parametrize(
    "question",
    [
        "compare the offer counts 2024 vs 2025",  # the request's verb opening a side is no thing compared
        "compare median expectation 2024 vs 2025",
        "yoy growth in offers?",  # year over year, as typed
        "median expectation yoy",
    ],
)
def test_a_year_over_year_figure_asked_in_shorthand_is_answered(real_assistant: Assistant, question: str) -> None:
    """Was refused ("the sources don't say anything about compare offers" / "... about yoy") after the figure was
    found: both years' figures are given."""
    reply = ask(real_assistant, question)
    both = ("45", "59") if "offer" in question else ("$5,640", "$5,808")
    assert all(f in reply.answer for f in both) and not reply.abstained, reply.answer


@pytest.mark.parametrize(
    ("question", "figures"),
    [
        ("offers, median and proposals in 2025?", ["59 offers", "$5,808", "proposals figure"]),
        ("median, proposals 2024?", ["$5,640", "0.4"]),
    ],
)
def test_each_platform_figure_named_in_a_list_is_given(
    real_assistant: Assistant, question: str, figures: list[str]
) -> None:
    """Only the first figure named was given ("offers, median, proposals": the offers)."""
    reply = ask(real_assistant, question)
    assert all(f in reply.answer for f in figures) and not reply.abstained, reply.answer
