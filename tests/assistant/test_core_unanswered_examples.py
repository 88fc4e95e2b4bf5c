"""Questions the documents do not answer (stats/unanswered_examples.yaml) as evidence: a question asked like them,
and unlike anything answered, is refused by its topic instead of being answered with loosely related text."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
import yaml

from assistant.answer_examples import ANSWER_EXAMPLES_PATH, AnswerExamples
from assistant.pipeline import Assistant
from assistant.unanswered_examples import (
    NAMED_NEAR,
    UNANSWERED_EXAMPLES_PATH,
    UnansweredExamples,
    answered_forms,
)
from eval.schema import case_files, load_cases

REFUSAL = "The sources I have don't say anything about"


def _normalised(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _shipped() -> list[dict]:
    return yaml.safe_load(UNANSWERED_EXAMPLES_PATH.read_text(encoding="utf-8"))["topics"]


def test_the_shipped_file_has_many_varied_examples_and_repeats_no_evaluation_or_answered_question() -> None:
    """Enough examples per topic to be near a paraphrase (two per topic are averaged), none an eval question (the
    eval measures questions never seen) and none a question the answered examples say the documents answer."""
    topics = _shipped()
    questions = [q for t in topics for q in t["questions"]]
    assert len(questions) >= 150 and len(topics) >= 20
    assert all(len(t["questions"]) >= 3 for t in topics)
    assert len({_normalised(q) for q in questions}) == len(questions)  # no duplicate
    asked = {_normalised(turn.message) for case in load_cases(case_files()) for turn in case.turns}
    assert not [q for q in questions if _normalised(q) in asked], "an example repeats an evaluation question"
    answered = yaml.safe_load(ANSWER_EXAMPLES_PATH.read_text(encoding="utf-8"))["examples"]
    assert not {_normalised(e["q"]) for e in answered} & {_normalised(q) for q in questions}
    # the file's own answered contrast is neither an unanswered example nor an evaluation question
    contrast = yaml.safe_load(UNANSWERED_EXAMPLES_PATH.read_text(encoding="utf-8"))["answered"]
    assert len(contrast) >= 20
    assert not {_normalised(q) for q in contrast} & ({_normalised(q) for q in questions} | asked)


def test_the_examples_load_beside_the_answered_ones(real_assistant: Assistant) -> None:
    unanswered = real_assistant._answer_examples.unanswered
    assert len(unanswered.questions) == sum(len(t["questions"]) for t in _shipped())
    assert unanswered.matrix is not None and unanswered.matrix.shape == (len(unanswered.questions), 384)
    # the answered side also holds the kinds' and follow-ups' forms ("does that include bonuses?" is answered)
    assert unanswered.forms is not None and len(unanswered.forms) == len(
        answered_forms(UNANSWERED_EXAMPLES_PATH.parent)
    )
    assert "does that include bonuses?" in answered_forms(UNANSWERED_EXAMPLES_PATH.parent)
    assert unanswered.contrast is not None and unanswered.contrast.shape[1] == 384


@pytest.mark.parametrize("text", [None, "topics: [unclosed", "topics:\n  - {questions: [no topic given]}\n"])
def test_a_missing_or_broken_file_refuses_nothing_by_topic(
    real_assistant: Assistant, tmp_path: Path, text: str | None
) -> None:
    path = tmp_path / "unanswered_examples.yaml"
    if text is not None:
        path.write_text(text)
    examples = UnansweredExamples.load(path, real_assistant._query_embeddings)
    assert examples.matrix is None
    unit = np.ones(384, dtype=np.float32) / np.sqrt(384)
    assert examples.topic(unit, unit, (None, None), 0.0) is None


def test_an_answered_file_without_the_sibling_refuses_nothing_by_topic(
    real_assistant: Assistant, tmp_path: Path
) -> None:
    """The two sides are read together: a test's own answered file alone brings no unanswered examples."""
    path = tmp_path / "answer_examples.yaml"
    path.write_text(yaml.safe_dump({"examples": [{"q": "what is ML", "quote": "Machine learning is a subfield."}]}))
    assert AnswerExamples.load(path, real_assistant._query_embeddings).unanswered.matrix is None


def test_near_unanswered_examples_and_far_from_the_documents_is_a_topic_near_the_documents_is_not(
    real_assistant: Assistant, tmp_path: Path
) -> None:
    """The decision itself, on a file of two topics: the same question is refused by its topic when no sentence of
    the documents is near (closest low), and answered when one is (closest high); a question unlike both topics is
    never refused by them."""
    path = tmp_path / "unanswered_examples.yaml"
    path.write_text(
        yaml.safe_dump(
            {
                "topics": [
                    {"topic": "sourdough", "questions": ["how do I bake sourdough bread", "what flour for sourdough"]},
                    {"topic": "bicycles", "questions": ["how do I fix a flat bike tire", "how to oil a bike chain"]},
                ]
            }
        )
    )
    examples = UnansweredExamples.load(path, real_assistant._query_embeddings)
    answered = real_assistant._answer_examples
    embed = real_assistant._query_embeddings.embed_query
    question = "how should I bake a sourdough loaf"
    vector, generic = embed(question), embed(question)
    assert examples.topic(vector, generic, (answered.matrix, answered.generic), 0.3) == "sourdough"
    assert examples.topic(vector, generic, (answered.matrix, answered.generic), 0.9) is None
    other = embed("what does a machine learning engineer do")
    assert examples.topic(other, other, (answered.matrix, answered.generic), 0.3) is None


def test_a_topic_is_named_only_when_its_examples_are_near(real_assistant: Assistant, tmp_path: Path) -> None:
    """A question refused by a topic whose examples are far from it (nothing answered is nearer either) is a guess:
    refused, but not named (NAMED_NEAR); a paraphrase of the topic's examples names it."""
    path = tmp_path / "unanswered_examples.yaml"
    path.write_text(
        yaml.safe_dump(
            {
                "topics": [
                    {"topic": "sourdough", "questions": ["how do I bake sourdough bread", "what flour for sourdough"]}
                ]
            }
        )
    )
    examples = UnansweredExamples.load(path, real_assistant._query_embeddings, forms=[])
    embed = real_assistant._query_embeddings.embed_query
    nothing_answered = (None, None)
    near, far = embed("how should I bake a sourdough loaf"), embed("which sports car is the fastest")
    assert examples.topic(near, near, nothing_answered, 0.3) == "sourdough"
    assert examples.names(near, near, nothing_answered)
    assert examples.nearness(far, far, nothing_answered)[1] < NAMED_NEAR
    assert examples.topic(far, far, nothing_answered, 0.3) == "sourdough"  # refused: nothing answered is nearer
    assert not examples.names(far, far, nothing_answered)


def test_a_paraphrase_near_its_topic_is_refused_by_its_name(real_assistant: Assistant) -> None:
    """The topic named is read through UncoveredTopics (unmentioned), as the reply writes it: at or above NAMED_NEAR."""
    topics = real_assistant.build.document_answerer.topics
    named = "can I haggle over my starting pay as a data scientist"
    assert topics.topic(named) == "salary negotiation"
    assert topics.unmentioned(named) == ["salary negotiation"]
    reply = real_assistant.ask(named)
    assert reply.abstained and f"{REFUSAL} salary negotiation" in reply.answer


# Paraphrases of the shipped topics, none in the examples file (checked below), two for most topics. Written after
# the examples; a second batch written later and never tuned on was refused 15 of 20 (9 by topic, 6 by the word
# gates; findings-silence6.md lists the misses: a mentor, medical insurance, studying, self-doubt, meetings, dress).
PARAPHRASES = {
    "work-life balance": [
        "what's the work life balance like as a data scientist",
        "do AI engineers have to work long hours",
    ],
    "remote and flexible work": ["can ML engineers work remotely", "are there remote jobs for AI researchers"],
    "signing bonuses": [
        "do data scientists get a bonus for signing",
        "are signing bonuses common for machine learning engineers",
    ],
    "equity vesting schedules": [
        "how does stock vesting work for ML engineers",
        "what's a typical vesting schedule for AI startup stock",
    ],
    "salary negotiation": [
        "how do I ask for more money in a data scientist offer",
        "how do I bargain for a better data science salary",
    ],
    "job interviews": ["what interview questions do ML engineers get", "how do I prep for a data scientist interview"],
    "resumes and cover letters": [
        "should I send a cover letter for an ML job",
        "what should a machine learning resume include",
    ],
    "mentoring": ["where do I find mentors for machine learning"],
    "pay gaps and diversity": ["is there a gender gap in data science pay", "are female data scientists underpaid"],
    "how specific neural network architectures work": [
        "what is a convolutional neural network",
        "how does a recurrent neural network remember things",
    ],
    "layoffs and job security": ["will AI teams face layoffs this year", "is my data science job safe in a downturn"],
    "relocation and visas": ["will an AI employer help me move abroad"],
    "benefits like health insurance, retirement plans or paid leave": ["do AI companies match 401k contributions"],
    "freelancing and contract work": [
        "can I freelance as a data scientist",
        "what do freelance AI engineers charge per hour",
    ],
    "quantum computing": [
        "how does quantum computing relate to machine learning",
        "will quantum computers change AI careers",
    ],
    "study habits and motivation": ["how do I stay motivated learning data science"],
    "confidence and imposter syndrome": ["I feel like an imposter in my ML job, is that normal"],
    "company culture and team life": [
        "how many people are on a typical data science team",
        "what's the office culture like for AI engineers",
    ],
}


def test_the_paraphrases_are_not_examples() -> None:
    shipped = {_normalised(q) for t in _shipped() for q in t["questions"]}
    assert not [q for qs in PARAPHRASES.values() for q in qs if _normalised(q) in shipped]


@pytest.mark.parametrize(("topic", "question"), [(t, q) for t, qs in PARAPHRASES.items() for q in qs])
def test_a_paraphrase_of_an_unanswered_topic_is_refused_by_its_topic(
    real_assistant: Assistant, topic: str, question: str
) -> None:
    reply = real_assistant.ask(question)
    assert reply.abstained, reply.answer
    assert f"{REFUSAL} {topic}." in reply.answer
    assert "I can answer from these sources" in reply.answer  # and what the sources do cover


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("do ML engineers get bonuses", "$50,000+"),  # the bonuses line answers; a signing bonus is another thing
        ("how do stock options add to AI pay", "$50,000+"),
        ("what do top companies pay ML engineers", "$152,601"),
        ("how do I build a portfolio for AI jobs", "personal projects"),
        ("is the AI job market growing", "growth"),
        ("how do I network in AI", "LinkedIn"),
        ("how can I boost my earning potential in AI", "earning potential"),
        ("what does an ML engineer do day to day", "responsibilities"),
        ("how much does a data scientist earn", "$129,640"),
        ("are hackathons worth it for AI jobs", "hackathons"),
        ("what certifications help in AI", "certifications"),
    ],
)
def test_a_near_answerable_question_is_answered(real_assistant: Assistant, question: str, expected: str) -> None:
    reply = real_assistant.ask(question)
    assert not reply.abstained, reply.answer
    assert expected in reply.answer


def test_a_two_part_message_keeps_its_answered_part(real_assistant: Assistant) -> None:
    """Part by part: the salary is answered, the work-life balance refused by name in its own sentence."""
    reply = real_assistant.ask("what does a data scientist earn on average, and how's the work-life balance?")
    assert not reply.abstained
    assert "$129,640" in reply.answer
    assert f"{REFUSAL} work-life balance." in reply.answer


def test_an_offer_stated_with_its_amount_is_compared_with_the_figures(real_assistant: Assistant) -> None:
    """The file's answered contrast: "I was offered $120k as a data scientist" lies near salary negotiation as
    words go; the documents' figures are what it is compared with, so it is answered with them."""
    reply = real_assistant.ask("I was offered $125k as an ML engineer")
    assert not reply.abstained, reply.answer
    assert "$" in reply.answer and "negotiation" not in reply.answer


def test_a_follow_up_on_a_figure_is_no_unanswered_topic(real_assistant: Assistant) -> None:
    """A follow-up "does that include bonuses?" after a salary lies near a signing bonus as words go; the
    follow-up forms on the answered side keep it answered."""
    first = real_assistant.ask("what's the average AI engineer salary?")
    reply = real_assistant.ask("does that include bonuses?", session_id=first.session_id)
    assert not reply.abstained, reply.answer
    assert "signing bonuses" not in reply.answer


def test_another_answered_file_keeps_the_unanswered_examples_set_apart(
    real_assistant: Assistant, tmp_path: Path
) -> None:
    """ASSISTANT_ANSWER_EXAMPLES pointed elsewhere (an evaluation's examples) must not drop the refusals by topic:
    the pipeline passes the unanswered file of its own setting."""
    from assistant.answer_examples import ANSWER_EXAMPLES_PATH, UNANSWERED_NAME

    path = tmp_path / "answer_examples.yaml"
    path.write_text(yaml.safe_dump({"examples": [{"q": "what is ML", "quote": "Machine learning is a subfield."}]}))
    shipped = ANSWER_EXAMPLES_PATH.with_name(UNANSWERED_NAME)
    loaded = AnswerExamples.load(path, real_assistant._query_embeddings, None, shipped)
    assert loaded.unanswered.matrix is not None
    assert real_assistant.settings.unanswered_examples == shipped


def test_the_answered_forms_are_those_of_the_files_the_planner_loaded(tmp_path: Path) -> None:
    """The pipeline gives the unanswered examples the forms of the kinds and follow-ups it loaded, so a copy of the
    unanswered file elsewhere (ASSISTANT_UNANSWERED_EXAMPLES) keeps them; read beside it, there would be none and
    "average data scientist salary" would lie nearer a topic than any answered question."""
    from assistant.followup_forms import FOLLOWUP_FORMS_PATH
    from assistant.question_kinds import QUESTION_EXAMPLES_PATH, QuestionExamples
    from assistant.unanswered_examples import forms_of

    forms = yaml.safe_load(FOLLOWUP_FORMS_PATH.read_text(encoding="utf-8"))["forms"]
    followups = [str(t) for texts in forms.values() for t in texts]
    loaded = forms_of(QuestionExamples.load(QUESTION_EXAMPLES_PATH).kinds, followups)
    assert loaded == answered_forms(UNANSWERED_EXAMPLES_PATH.parent)
    assert answered_forms(tmp_path) == []  # nothing beside a copy elsewhere: why the pipeline passes its own
    assert "does that include bonuses?" in loaded and "what's the weather tomorrow?" not in loaded
