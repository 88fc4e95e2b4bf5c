"""The unit score's weights as data (assistant/scoring_weights.py, read with the Settings) and the score as
semantic similarity plus weighted features (answer_scoring.py), on the real model and build."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from assistant.answer_documents import DocumentAnswerer
from assistant.answer_scoring import MEANING_ASKED
from assistant.draft import Draft
from assistant.pipeline import Assistant
from assistant.scoring_weights import ScoringWeights
from assistant.settings import PROJECT_ROOT, Settings


def test_a_weights_file_sets_what_it_names_and_the_defaults_stay_for_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "w.toml"
    path.write_text("[weights]\nsearch_rank = 0.45\nbare_label = -0.1\n", encoding="utf-8")
    loaded = ScoringWeights.load(path)
    assert loaded.search_rank == 0.45 and loaded.bare_label == -0.1
    assert loaded.lexical == ScoringWeights().lexical
    assert ScoringWeights.load(tmp_path / "missing.toml") == ScoringWeights()


@pytest.mark.parametrize(
    "text", ["[weights]\nsearch_rnak = 0.4\n", "[weights]\nlexical = 'high'\n", "[weights]\nlexical = nan\n"]
)
def test_an_unknown_or_non_numeric_weight_is_an_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "w.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="scoring weights"):
        ScoringWeights.load(path)


def test_the_settings_read_the_shipped_weights_file() -> None:
    settings = Settings()
    assert settings.scoring_weights == PROJECT_ROOT / "stats" / "scoring_weights.toml"
    assert isinstance(ScoringWeights.load(settings.scoring_weights), ScoringWeights)


def _units(answerer: DocumentAnswerer, assistant: Assistant, question: str) -> list:
    """The units the scorer ranked for `question`'s documents answer, with their features, in its order."""
    answerer.scorer.capture = []
    try:
        answerer.answer(question, "explanation", Draft(documents=assistant.build.documents), [])
        _, units = answerer.scorer.capture[0]
    finally:
        answerer.scorer.capture = None
    return sorted(units, key=lambda u: u[3], reverse=True)


QUESTIONS = ["why do ML models overfit and how do I stop it", "what does a data engineer build pipelines with"]


@pytest.mark.parametrize("question", QUESTIONS)
def test_the_score_is_semantic_plus_the_weighted_features(real_assistant: Assistant, question: str) -> None:
    answerer = real_assistant.build.document_answerer
    weights = answerer.scorer.weights.as_dict()
    units = _units(answerer, real_assistant, question)
    assert len(units) > 3
    for _, semantic, features, score in units:
        assert score == pytest.approx(weights["semantic"] * semantic + sum(weights[k] * v for k, v in features.items()))


@pytest.mark.parametrize("question", QUESTIONS)
def test_a_changed_weight_changes_the_ranking(real_assistant: Assistant, question: str) -> None:
    build = real_assistant.build
    current = build.document_answerer
    # the search rank weighed against itself: the units of the last-ranked passages now lead
    changed = DocumentAnswerer(
        build.retriever,
        build.sentences,
        real_assistant.settings.min_relevance,
        weights=replace(current.scorer.weights, search_rank=-3.0),
    )
    before = [u[0] for u in _units(current, real_assistant, question)]
    after = [u[0] for u in _units(changed, real_assistant, question)]
    assert sorted(before) == sorted(after)  # the same units, only their order differs
    assert before[0] != after[0]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "said", "career_path"),
    [
        (
            "as an ML engineer do I have to keep learning new things",
            ("Openness to learning new tools", "Stay updated with the latest AI developments"),
            "Progress from",
        ),
        (
            "does an AI research scientist need to keep up with new tools",
            ("Keeping up with rapidly evolving",),
            "Advance from",
        ),
    ],
)
def test_the_asked_roles_name_alone_does_not_make_its_item_say_what_is_asked(
    real_assistant: Assistant, question: str, said: tuple[str, ...], career_path: str
) -> None:
    """'Machine Learning Engineer: Progress from Junior ML Engineer ...' holds "learning" by the role's name alone,
    'AI Research Scientist: ...' "research": the role's own career path item says nothing of keeping up, so the
    item that does answers (answer_scoring: the words beyond the entity's name; its label counts nothing), or the
    section on it (Continuous Learning: the role is only context, candidate_search.py)."""
    reply = real_assistant.ask(question)
    assert any(s in reply.answer for s in said), reply.answer
    assert career_path not in reply.answer, reply.answer


DATA_PRACTICES = ("robust data collection", "preprocessing pipelines", "mitigate social bias in training data")


@pytest.mark.slow
@pytest.mark.parametrize(
    "turns",
    [
        ["what goes wrong with data quality in ML work?", "how can we avoid that?"],
        ["what problems come from poor data?", "how can one avoid this?"],
    ],
)
def test_the_remedy_verb_is_how_a_remedy_is_asked_not_what_about(real_assistant: Assistant, turns: list[str]) -> None:
    """'how can we avoid that?' after the data problems: "avoid" is the asking, so 'Balancing model complexity to avoid
    overfitting and underfitting' (another problem, holding the word) is no answer; the data practices are."""
    reply = real_assistant.ask(turns[0])
    reply = real_assistant.ask(turns[1], session_id=reply.session_id)
    assert not reply.abstained, reply.answer
    assert "to avoid overfitting" not in reply.answer, reply.answer
    assert any(p in reply.answer for p in DATA_PRACTICES), reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "does the count of offers tell me how many jobs are open",
        "does a big offers number mean companies have lots of openings",
    ],
)
def test_whether_a_figure_means_something_is_answered_by_what_it_indicates(
    real_assistant: Assistant, question: str
) -> None:
    """Asked on its own whether the offers figure means open jobs: the sentence saying what it is not and what it
    indicates leads, not how the offers are counted (answer_scoring.MEANING_ASKED, the qualifies_said feature)."""
    answer = real_assistant.ask(question).answer
    assert "This is not the number of vacancies, but an indicator of the level of demand" in answer, answer
    assert not answer.startswith("We count"), answer


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("does a higher offer count mean more demand?", True),
        ("so would that number tell me anything about hiring", True),
        ("what does median salary expectation mean", False),  # a definition is asked
        ("what is the mean salary", False),
    ],
)
def test_meaning_asked_is_a_yes_or_no_on_what_a_thing_means(question: str, asked: bool) -> None:
    assert (MEANING_ASKED.match(question) is not None) is asked


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("how does scalability affect AI projects", "Scaling AI solutions"),
        ("how does explainability affect ai adoption", "explainable AI models"),
    ],
)
def test_a_synonym_phrase_counts_once_so_it_does_not_outweigh_the_topic(
    real_assistant: Assistant, question: str, said: str
) -> None:
    """ "affect" is the documents' "factors" and "influencing" (search synonyms): counted as two words, they named
    Factors Influencing Salaries for any "how does X affect Y"; counted once, the section on X answers."""
    reply = real_assistant.ask(question)
    assert said in reply.answer, reply.answer
    assert "Experience level" not in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["what tools does an ML engineer use", "what tools do machine learning engineers use"]
)
def test_a_word_and_its_synonym_in_one_sentence_count_once(real_assistant: Assistant, question: str) -> None:
    """ "Openness to learning new tools, methodologies, and frameworks" holds "tools" and its synonym "frameworks":
    one thing asked, so the item naming frameworks (TensorFlow, PyTorch, ...) leads."""
    reply = real_assistant.ask(question)
    assert not reply.answer.startswith("Openness to learning new tools"), reply.answer
    assert "TensorFlow" in reply.answer.split("[1]")[0], reply.answer


@pytest.mark.slow
@pytest.mark.parametrize("question", ["what affects model performance", "what can affect the performance of a model"])
def test_a_synonym_phrase_in_a_heading_counts_once_too(real_assistant: Assistant, question: str) -> None:
    """Heading words the unit lacks count once per synonym phrase as well: "Job performance and impact" under
    Factors Influencing Salaries ("affects": both heading words) does not outrank Model Development and Performance."""
    reply = real_assistant.ask(question)
    assert "Balancing model complexity" in reply.answer, reply.answer
