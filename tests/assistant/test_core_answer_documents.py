"""Documentation answers from the documents' structure (real model, Chroma and build).

The questions are the issue's cases and paraphrases of them that are not in the eval. The units of a passage
(list items with their labels, framing sentences, definitions, comparisons) are tested without a model in
test_core_passage_units.py; the list and named-section shapes in test_core_answer_lists/_sections.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.answer_roles import defining, is_lead_in
from assistant.answer_sentences import closes_enclosing_section
from assistant.draft import Draft
from assistant.lexical import Synonyms
from assistant.models import PartKind
from assistant.passage_units import units
from assistant.pipeline import Assistant
from assistant.settings import Settings
from assistant.text_terms import join_soft_wraps, split_sentences, terms

# -- mechanisms (no model) --------------------------------------------------------------------------

# A page wrapped at ~72 columns, as a text editor or an export writes it: sentences and list items run over
# several lines. What it says is made up, so no answer can come from the real corpus.
WRAPPED_PAGE = """---
title: Incident Handbook for ML Teams
kind: career guide
---
## Incident Reviews
After a model outage the on-call engineer writes a blameless review. The review should take no
more than four hours, and it must name the monitoring signal that would have caught the fault
earlier.
### What a Review Records
- Timeline: when the drift alarm fired, who acknowledged it and when the
  rollback finished.
- Root cause: the data or code change that broke the model, traced to
  its commit.
Rotation Lead
Reviews are read aloud at the weekly rotation meeting.
"""


def test_wrapped_lines_of_a_paragraph_are_one_sentence() -> None:
    body = WRAPPED_PAGE.split("## Incident Reviews\n", 1)[1].split("###", 1)[0]
    sentences = split_sentences(body)
    assert sentences == [
        "After a model outage the on-call engineer writes a blameless review.",
        "The review should take no more than four hours, and it must name the monitoring signal that would "
        "have caught the fault earlier.",
    ]


def test_wrapped_list_items_stay_whole_and_titles_stay_apart() -> None:
    section = WRAPPED_PAGE.split("### What a Review Records\n", 1)[1]
    found = units(section)
    assert [u.text for u in found if u.is_item] == [
        "Timeline: when the drift alarm fired, who acknowledged it and when the rollback finished.",
        "Root cause: the data or code change that broke the model, traced to its commit.",
    ]
    # A short line without a full stop is a title, not the start of a wrapped sentence.
    assert "Rotation Lead" in join_soft_wraps(section).split("\n")
    assert found[-1].text == "Reviews are read aloud at the weekly rotation meeting."


def test_lines_that_end_a_clause_or_start_structure_are_not_joined() -> None:
    text = "Median Salary Expectations:\n$5,640\nProposals:\n- one item\n- another item\n## Heading\nText."
    assert join_soft_wraps(text) == text
    code = "Run this first, then the script below\n```\npip install assistant\nassistant ingest\n```\nwhich builds"
    assert join_soft_wraps(code).split("\n")[1:4] == ["```", "pip install assistant", "assistant ingest"]
    # Every line of the real corpus already holds a whole paragraph or item: nothing there is joined.
    for page in (Path(__file__).parents[2] / "corpus").glob("*.md"):
        body = page.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        assert join_soft_wraps(body) == body, page.name


def test_chunks_of_a_wrapped_page_hold_whole_sentences_and_their_lines(tmp_path: Path) -> None:
    from assistant.chunking import chunk_documents
    from assistant.documents import load_document

    page = tmp_path / "incident-handbook.md"
    page.write_text(WRAPPED_PAGE, encoding="utf-8")
    doc = load_document(page)
    chunks = {c.heading: c for c in chunk_documents([doc], chunk_size=900, chunk_overlap=120)}
    review = chunks["Incident Reviews"]
    assert "should take no more than four hours, and it must name" in review.text
    lines = WRAPPED_PAGE.split("\n")
    start, end = review.locations[0].start_line, review.locations[0].end_line
    assert lines[start - 1].startswith("After a model outage") and lines[end - 1] == "earlier."


# -- answers over the real build ------------------------------------------------------------------


def answer(assistant: Assistant, question: str, kind: PartKind = "other", context: list[str] | None = None) -> Draft:
    draft = Draft(documents=assistant.build.documents)
    assert assistant.build.document_answerer.answer(question, kind, draft, context), question
    return draft


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Which industries hire AI specialists?", "other"),
        ("In which sectors are companies adopting AI and ML?", "other"),
        ("which industries are hiring ML people", "list"),
    ],
)
def test_industries_come_from_the_industry_adoption_line(real_assistant: Assistant, question: str, kind: str) -> None:
    text = answer(real_assistant, question, kind).text()
    assert "healthcare, finance, retail, and logistics" in text
    assert "Silicon Valley" not in text


@pytest.mark.slow
@pytest.mark.parametrize("question", ["What is MLOps?", "whats mlops", "What does MLOps stand for?"])
def test_an_acronym_listed_in_the_guide_is_answered(real_assistant: Assistant, question: str) -> None:
    draft = answer(real_assistant, question, "explanation")
    assert draft.text().startswith("MLOps (Machine Learning Operations)")
    assert draft.citations[0].section == "Market Demand > In-Demand Skills"


@pytest.mark.slow
@pytest.mark.parametrize("question", ["what's NLP?", "What does NLP stand for?"])
def test_an_acronym_is_answered_where_the_documents_expand_it(real_assistant: Assistant, question: str) -> None:
    text = answer(real_assistant, question, "explanation").text()
    assert "natural language processing (NLP)" in text


@pytest.mark.slow
@pytest.mark.parametrize("question", ["What is Java?", "What is the weather in Paris?", "Give me a pasta recipe"])
def test_a_mere_mention_or_nothing_is_not_an_answer(real_assistant: Assistant, question: str) -> None:
    draft = Draft(documents=real_assistant.build.documents)
    assert not real_assistant.build.document_answerer.answer(question, "explanation", draft, [])
    assert draft.text() == "" and not draft.citations


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["What is semi-supervised learning?", "explain semi supervised learning", "whats semi-supervised learning"],
)
def test_the_sentence_naming_the_asked_term_leads(real_assistant: Assistant, question: str) -> None:
    text = answer(real_assistant, question, "explanation").text()
    assert text.startswith("For supervised and semi-supervised learning")
    assert not text.startswith("In effect")


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["What's the difference between AI and ML?", "how is machine learning different from artificial intelligence"],
)
def test_a_comparison_is_answered_by_sentences_on_both_sides_never_framing(
    real_assistant: Assistant, question: str
) -> None:
    text = answer(real_assistant, question, "comparison").text()
    assert "That is to say" not in text and "let’s start" not in text and "?" not in text
    first = text.split(" [1]")[0].lower()
    assert ("ai" in first or "artificial intelligence" in first) and ("ml" in first or "machine learning" in first)


def test_synonyms_are_read_from_their_data_file(tmp_path: Path) -> None:
    path = tmp_path / "synonyms.toml"
    path.write_text('[synonyms]\n"day to day" = ["responsibilities"]\n"problems" = ["challenges"]\n')
    synonyms = Synonyms.load(path)
    assert synonyms.words_for("What does an AI engineer do day to day?") == "responsibilities"
    assert synonyms.words_for("Which problems, and what day to day work?") == "responsibilities challenges"
    assert synonyms.words_for("What is MLOps?") == ""
    assert synonyms.words_for("noproblems, problemsolving, day to days?") == ""  # whole words only
    assert Synonyms.load(tmp_path / "missing.toml").words_for("day to day") == ""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "context"),
    [
        ("What does an AI engineer do day to day?", ["AI Engineer"]),
        ("what are the duties of a data scientist", ["Data Scientist"]),
    ],
)
def test_duties_in_other_words_find_the_responsibilities(
    real_assistant: Assistant, question: str, context: list[str]
) -> None:
    text = answer(real_assistant, question, "list", context).text()
    assert "- Model Deployment and Monitoring: Deploy models to production environments" in text


@pytest.mark.slow
@pytest.mark.parametrize("question", ["Which tech and tools are trending?", "is keras a trending tool"])
def test_a_heading_quoted_as_the_lead_is_cited_so_its_year_is_grounded(
    real_assistant: Assistant, question: str
) -> None:
    from assistant.grounding import evidence_numbers, ungrounded_numbers

    draft = answer(real_assistant, question, "list")
    text = draft.text()
    assert "2025" in text or "2024" in text  # the heading "Trending ... tech & tools in 2025" leads
    assert not ungrounded_numbers(text, evidence_numbers([c.snippet for c in draft.citations], []))


@pytest.fixture(scope="module")
def wrapped_assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    """A real build of the hard-wrapped page alone (real model, Chroma, sentence index)."""
    from assistant.ingest import run_ingest
    from assistant.pipeline import build_assistant

    root = tmp_path_factory.mktemp("wrapped")
    (root / "corpus").mkdir()
    (root / "corpus" / "incident-handbook.md").write_text(WRAPPED_PAGE, encoding="utf-8")
    settings = Settings(data_dir=root / "data", corpus_dir=root / "corpus", shared_state="memory")
    run_ingest(settings, progress=False)
    assistant = build_assistant(settings)
    yield assistant
    assistant.close()


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["How long should an incident review take?", "what should a blameless review name?"],
)
def test_a_hard_wrapped_page_is_answered_in_whole_sentences(wrapped_assistant: Assistant, question: str) -> None:
    text = answer(wrapped_assistant, question).text()
    assert "no more than four hours, and it must name the monitoring signal" in text, text
    assert "no. [" not in text and "no [" not in text


@pytest.mark.slow
def test_a_hard_wrapped_list_item_is_quoted_whole(wrapped_assistant: Assistant) -> None:
    text = answer(wrapped_assistant, "What does the root cause entry of a review record?").text()
    assert "traced to its commit" in text, text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "context"),
    [
        ("How is an ML engineer different from a data scientist?", ["Machine Learning Engineer", "Data Scientist"]),
        ("Compare ML engineers and data scientists", ["Machine Learning Engineer", "Data Scientist"]),
    ],
)
def test_a_comparison_of_two_roles_keeps_the_roles_as_what_is_asked(
    real_assistant: Assistant, question: str, context: list[str]
) -> None:
    """The roles given as context are the two sides, not background: the answer speaks of both."""
    text = answer(real_assistant, question, "explanation", context).text()
    assert "Data Scientists concentrate on the 'what,'" in text, text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "kind", "section", "wanted"),
    [
        # A category heading ("Best Practices", "Common Challenges") and a topic heading under it, named together.
        ("Good practices for deploying models", "list", "Best Practices > Deployment and Operations", "shadow"),
        ("Tips for monitoring models in production", "list", "Best Practices > Performance Monitoring", "A/B"),
    ],
)
def test_a_category_and_a_topic_named_together_find_the_subsection(
    real_assistant: Assistant, question: str, kind: PartKind, section: str, wanted: str
) -> None:
    """The question names the enclosing heading and part of the innermost one: that subsection answers, not
    a sentence elsewhere sharing the topic word ("Model Deployment and Monitoring" among the duties)."""
    draft = answer(real_assistant, question, kind)
    assert draft.citations and draft.citations[0].section.startswith(section), draft.text()
    assert wanted in draft.text(), draft.text()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "kind", "section"),
    [
        # "get into"/"break into" a field is starting a career there; "learn first" asks for the essentials.
        ("What should I learn first to get into AI?", "path", "Career Development > Essential Skills"),
        ("How do I break into machine learning?", "path", "Career Development"),
    ],
)
def test_starting_a_career_in_other_words_finds_career_development(
    real_assistant: Assistant, question: str, kind: PartKind, section: str
) -> None:
    """'learn' alone would match 'Machine Learning' everywhere: the search synonyms say what is asked."""
    draft = answer(real_assistant, question, kind)
    assert draft.citations and draft.citations[0].section.startswith(section), draft.text()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sides", "left", "right"),
    [
        (("supervised", "unsupervised learning"), "supervised", "unsupervised"),
        (("generative", "discriminative models"), "generative", "discriminative"),
        # two words each side, each a name the documents write: nothing is written once for both, and each side
        # is that name (an acronym also read as its expansion), see test_a_side_read_as_a_name_...
        (("ML engineer", "data scientist"), ["ml engineer", "machine learning engineer"], ["data scientist"]),
        # "Is Scala or C++ useful for an AI job?": what follows the second side is asked of both, not a side.
        (("Scala", "C++ useful for an AI job"), "Scala", "C++"),
        (("Python", "Java better for machine learning"), "Python", "Java"),
        # "ones" stands for the other side's head noun, which both sides then share
        (("discriminative models", "generative ones"), ["discriminative models"], ["generative models"]),
        (("supervised models", "unsupervised ones"), "supervised", "unsupervised"),
    ],
)
def test_a_head_noun_written_once_belongs_to_both_sides(
    real_assistant: Assistant, sides: tuple[str, str], left: str | list[str], right: str | list[str]
) -> None:
    """'supervised vs unsupervised learning': 'learning' is both sides' (the documents write 'supervised
    learning'), so a sentence on supervised learning alone is one side's, not both. A list: the side is read as
    those names, each as its words in a row."""
    found = real_assistant.build.document_answerer.scorer.side_terms(sides)
    if isinstance(left, list) and isinstance(right, list):
        assert found == ({" ".join(terms(n)) for n in left}, {" ".join(terms(n)) for n in right})
    else:
        assert found == (set(terms(left)), set(terms(right)))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "own_sections"),
    [
        ("generative vs discriminative models", ("> Generative Models", "> Discriminative Models")),
        ("compare generative and discriminative models", ("> Generative Models", "> Discriminative Models")),
        ("supervised vs unsupervised learning", ("> Supervised Learning", "> Unsupervised Learning")),
        ("how does supervised learning differ from unsupervised learning", ("> Supervised Learning",)),
    ],
)
def test_each_side_of_a_comparison_is_spoken_for_from_its_own_section(
    real_assistant: Assistant, question: str, own_sections: tuple[str, ...]
) -> None:
    """Each side gets a sentence from the section written about it, not one from a third topic that names it
    in passing ("Generative models, which are typically an example of unsupervised learning, ...")."""
    draft = answer(real_assistant, question, "comparison")
    sections = [c.section for c in draft.citations]
    assert all(any(s.endswith(own) for s in sections) for own in own_sections), draft.text()
    if "supervised" in question:
        assert not any(s.endswith("> Generative Models") for s in sections), draft.text()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "lead", "then"),
    [
        ("why does AI governance matter", "governance frameworks in AI/ML is increasing", "biases in training data"),
        ("tell me about AI governance", "governance frameworks in AI/ML is increasing", "biases in training data"),
        ("what are reinforcement models used for", "trial and error", "algorithmic stock trading"),
        ("what's reinforcement learning good for", "trial and error", "algorithmic stock trading"),
    ],
)
def test_the_next_sentence_of_the_leads_paragraph_follows_it(
    real_assistant: Assistant, question: str, lead: str, then: str
) -> None:
    """The lead is often only the first half of what its paragraph says: the sentence carrying it on follows,
    once (a pronoun's antecedent already said is not repeated)."""
    text = answer(real_assistant, question, "explanation").text()
    assert lead in text and then in text and text.index(lead) < text.index(then), text
    assert text.count(lead) == 1, text


@pytest.mark.slow
@pytest.mark.parametrize("question", ["what's a regression model", "define regression models"])
def test_a_list_section_that_opens_with_prose_leads_with_it(real_assistant: Assistant, question: str) -> None:
    """A mixed section (two sentences, then items) named by the question: its sentences lead, the bullets
    follow; the definition is not lost behind the items and the heading is not glued in."""
    text = answer(real_assistant, question, "explanation").text()
    assert text.startswith("Regression models involve continuous values for predictions"), text
    assert "\n- Algorithms such as linear regression" in text, text
    assert "Regression Models [" not in text, text


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "what role does a machine learning engineer play in industries",
        "how do machine learning engineers help industries",
    ],
)
def test_a_lists_lead_in_leads_its_items(real_assistant: Assistant, question: str) -> None:
    """'... play a vital role in various industries by:' introduces its list: it is scored (to find the list)
    and leads the bullets, never standing alone as a sentence."""
    text = answer(real_assistant, question, "explanation").text()
    assert text.startswith("Machine Learning Engineers play a vital role in various industries by ["), text
    assert "\n- Transforming data into actionable insights" in text, text


def test_an_announcement_is_not_a_lead_in() -> None:
    found = units("Here are the key areas to focus on:\n- Python\n- Statistics")
    assert not is_lead_in(found[0], found[1:2])
    found = units("Machine Learning Engineers play a vital role in various industries by:\n- Transforming data")
    assert is_lead_in(found[0], found[1:2])
    assert not is_lead_in(found[0], [])  # no list after it: it introduces nothing here


@pytest.mark.slow
@pytest.mark.parametrize("question", ["what does overfitting mean", "overfitting - what is it"])
def test_the_sentence_before_the_lead_joins_it_when_it_speaks_of_the_same_thing(
    real_assistant: Assistant, question: str
) -> None:
    """'Overfitting is the flipside ...' leads (it defines the term); the sentence before it in the paragraph,
    which says what overfitting is ('... noise ...'), follows it instead of being lost."""
    text = answer(real_assistant, question, "explanation").text()
    assert text.startswith("Overfitting is the flipside of underfitting"), text
    assert "what statisticians might refer to as ‘noise’" in text, text


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["difference between generative and discriminative models?", "supervised learning compared to unsupervised"],
)
def test_an_example_sentence_does_not_lead(real_assistant: Assistant, question: str) -> None:
    """'For instance, in a generative adversarial network, ...' illustrates; the answer leads with what it
    illustrates, and an example is not the sentence that carries the lead on."""
    text = answer(real_assistant, question, "comparison").text()
    assert not text.startswith("For instance"), text
    assert "] For instance" not in text, text


def test_a_list_part_stands_on_lines_of_its_own_in_the_draft() -> None:
    """A bulleted part between sentences keeps its lines: what follows never runs on from its last bullet
    ('- Additional Competencies [6] US base salaries for ...')."""
    draft = Draft(documents={})
    draft.say("A figure sentence [1].")
    draft.say("Skills [2]:\n- Python [2]\n- Statistics [2]\n")
    draft.say("The sources don't say anything about the weather.")
    draft.say("Another sentence.")
    assert draft.text() == (
        "A figure sentence [1].\nSkills [2]:\n- Python [2]\n- Statistics [2]\n"
        "The sources don't say anything about the weather. Another sentence."
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        ("why do ml models end up biased", "absorb the inequities of that world"),
        ("why do ML models become biased?", "absorb the inequities of that world"),
        ("why is continuous learning so important in AI careers", "requires continuous learning and adaptation"),
    ],
)
def test_a_why_question_is_answered_by_a_sentence_giving_a_reason(
    real_assistant: Assistant, question: str, wanted: str
) -> None:
    """'Why ...?' prefers a sentence with a causal or purpose connective ('Thus, ...', '... requires ...') over a
    bare item that only names the topic ('Detecting and mitigating bias in AI models')."""
    text = answer(real_assistant, question, "explanation").text()
    assert wanted in text, text
    assert not text.startswith("Detecting and mitigating bias"), text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("what does a robotics engineer work on", "Robotics Engineer"),
        ("robotics engineers - what do they work on all day", "Robotics Engineer"),
        ("what does an AI product manager work on", "AI Product Manager"),
    ],
)
def test_a_question_about_the_role_itself_is_answered_by_the_roles_item_alone(
    real_assistant: Assistant, question: str, role: str
) -> None:
    """Set the role aside and only 'work on' is left, which names no topic of the documents: the question is
    about the role, so its labelled item answers, alone (other roles' items sharing 'work' are not asked)."""
    draft = Draft(documents=real_assistant.build.documents)
    assert real_assistant.build.document_answerer.answer(question, "explanation", draft, [role])
    text = draft.text()
    assert text.startswith(f"{role}: "), text
    assert len(draft.citations) == 1, text


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["difference between generative and discriminative models?", "generative vs discriminative models"]
)
def test_each_side_is_defined_by_the_opening_of_its_own_section(real_assistant: Assistant, question: str) -> None:
    """Each side's sentence is the opening of the section written about it, however that scores: 'These
    generally entail ... decision boundaries' (it leans on its heading) for the discriminative side."""
    text = answer(real_assistant, question, "comparison").text()
    assert "joint probability" in text and "decision boundaries" in text, text


@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        ("what are generative models", True),
        ("whats a regression model", True),
        ("what are the advantages of discriminative models", False),
        ("what's the purpose of versioning", False),
    ],
)
def test_a_definition_is_what_x_is_not_something_about_x(question: str, wanted: bool) -> None:
    assert defining(question, "explanation") is wanted
    assert not defining(question, "list")


@pytest.mark.parametrize(
    ("sentence", "section", "wanted"),
    [
        ("These trends highlight AI and ML's impact.", "Industry Trends > Pre-trained Models and Open Source AI", True),
        (
            "This trend emphasizes the importance of AI talent.",
            "Industry Trends > Customized Enterprise AI Models",
            False,
        ),
        ("These models are easier to train.", "Model Types > Discriminative Models", False),
        ("These trends highlight AI and ML's impact.", "Industry Trends", False),  # no enclosing section
    ],
)
def test_a_remark_on_the_enclosing_section_does_not_carry_the_lead_on(
    sentence: str, section: str, wanted: bool
) -> None:
    assert closes_enclosing_section(sentence, section) is wanted


@pytest.mark.slow
@pytest.mark.parametrize("question", ["whats deep learning", "define deep learning"])
def test_a_definition_takes_no_support_from_a_section_on_another_topic(
    real_assistant: Assistant, question: str
) -> None:
    """'Machine Learning Algorithms: Understanding of supervised and unsupervised learning, neural networks, and
    deep learning ...' (a required skill) shares the words, not the topic, of 'what is deep learning'."""
    text = answer(real_assistant, question, "explanation").text()
    assert "a form of machine learning in which the architecture of neural networks" in text, text
    assert "Machine Learning Algorithms:" not in text, text


@pytest.mark.slow
@pytest.mark.parametrize("question", ["why do LLMs need so much data", "why do LLMs need huge amounts of data"])
def test_a_pronoun_led_support_from_another_section_is_left_out(real_assistant: Assistant, question: str) -> None:
    """'These can be used to generate outputs ...' (Generative Models) would need its antecedents, sentences on
    its own topic, to follow an answer from Increasing Model Size and Complexity."""
    draft = answer(real_assistant, question, "explanation")
    assert draft.citations[0].section.endswith("Increasing Model Size and Complexity"), draft.text()
    assert "These can be used" not in draft.text(), draft.text()


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["what's the top of the ladder for a data scientist", "where does a data scientist top out"]
)
def test_a_question_whose_other_words_the_passages_never_say_is_about_the_role(
    real_assistant: Assistant, question: str
) -> None:
    """'top' heads a section the search did not bring (Top-Paying Companies) and 'ladder' is nowhere: set the
    role aside and nothing retrieved speaks of the rest, so the role's own item answers, not another role's."""
    draft = Draft(documents=real_assistant.build.documents)
    assert real_assistant.build.document_answerer.answer(question, "explanation", draft, ["Data Scientist"])
    text = draft.text()
    assert text.startswith("Data Scientist: "), text
    assert "Chief Data Scientist" in text and "Machine Learning Engineer" not in text, text


@pytest.mark.slow
@pytest.mark.parametrize("question", ["explain knowledge graphs in AI", "what are expert systems"])
def test_a_pronoun_led_answer_brings_the_sentence_its_definite_noun_points_back_to(
    real_assistant: Assistant, question: str
) -> None:
    """'Such models are called ... expert systems, or knowledge graphs.' leans on 'The rules are explicitly
    programmed ...', which names again ('The rules') what the sentence before it says: both come along."""
    text = answer(real_assistant, question, "explanation").text()
    assert text.startswith("The simplest AI models are a set of if-then-else rules. The rules are"), text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "wanted", "lead"),
    [
        ("why would a discriminative model be simpler to train", "ignore many of the correlations", "A discrimin"),
        ("why do discriminative models train more easily", "ignore many of the correlations", "A discrimin"),
        ("why pick a discriminative model for machine translation", "more effective", "For instance"),
        ("why use a discriminative model for translating text", "more effective", "For instance"),
    ],
)
def test_a_why_question_is_answered_by_its_reason_not_by_the_section_it_names(
    real_assistant: Assistant, question: str, wanted: str, lead: str
) -> None:
    """A 'why' is pointed: the sentence giving the reason answers, whatever section it is in, not the section
    the question names quoted whole; a conclusion ('... therefore often easier to train') comes with the
    sentence before it, which is the reason."""
    text = answer(real_assistant, question, "explanation").text()
    assert text.startswith(lead) and wanted in text, text
    assert not text.startswith("These generally entail"), text


@pytest.mark.slow
@pytest.mark.parametrize("question", ["what does GPT mean", "what does GPT stand for"])
def test_an_acronym_the_documents_spell_out_with_stands_for_is_answered(
    real_assistant: Assistant, question: str
) -> None:
    """The only passage naming GPT ranks low on the question as a whole; the sentence saying what it stands for
    is an answer all the same, as a definition is."""
    text = answer(real_assistant, question, "explanation").text()
    assert "standing for ‘Generative Pretrained Transformer’" in text, text


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "how are discriminative models different from generative ones",
        "what makes generative models different from discriminative ones",
    ],
)
def test_ones_in_a_comparison_is_the_other_sides_noun_and_each_side_is_said(
    real_assistant: Assistant, question: str
) -> None:
    """'generative ones' is 'generative models': the generative side gets its own sentence too (with 'ones' as a
    word of that side, 'one class or another' made any sentence look like it spoke of both sides)."""
    text = answer(real_assistant, question, "comparison").text()
    assert "joint probability" in text and "conditional probability" in text, text


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["how to get promoted as a robotics engineer", "how does a robotics engineer get promoted"]
)
def test_in_a_list_keyed_by_the_asked_role_the_other_roles_items_are_not_the_answer(
    real_assistant: Assistant, question: str
) -> None:
    """Career Paths lists one labelled item per role: when one label is the asked role, the items labelled with
    other roles are about those roles ("Machine Learning Engineer" shares only "engineer" with it), however many
    of the question's words they share."""
    text = answer(real_assistant, question, "explanation", ["Robotics Engineer"]).text()
    assert text.startswith("Robotics Engineer: "), text
    assert "Machine Learning Engineer" not in text and "Data Scientist:" not in text, text


@pytest.mark.slow
@pytest.mark.parametrize("question", ["what's the future outlook for AI jobs", "future outlook for the AI job market?"])
def test_a_lead_in_label_sharing_two_common_words_is_not_the_named_item(
    real_assistant: Assistant, question: str
) -> None:
    """'Continued growth is expected in the AI job market, driven by:' shares 'AI' and 'job' with the question,
    a small part of its label: the question names the section (Future Outlook), so all its items answer."""
    text = answer(real_assistant, question, "explanation").text()
    assert "World Economic Forum" in text and "Continued growth" in text, text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "left", "right"),
    [
        ("how do generative and discriminative models differ?", "joint probability", "conditional probability"),
        ("how are supervised and unsupervised learning different", "expert knowledge", "doesn’t presume"),
    ],
)
def test_how_do_a_and_b_differ_is_a_comparison_with_each_side_said(
    real_assistant: Assistant, question: str, left: str, right: str
) -> None:
    """'how do A and B differ' names its sides as 'difference between A and B' does: each gets its sentence."""
    text = answer(real_assistant, question, "comparison").text()
    assert left in text and right in text, text


@pytest.mark.slow
@pytest.mark.parametrize("question", ["what skills do they need?", "which skills do you need"])
def test_a_frame_word_matched_in_a_unit_does_not_make_it_the_answer(real_assistant: Assistant, question: str) -> None:
    """'need' says how the question asks (search_synonyms.toml [frame]): 'individuals need to meet specific
    requirements ...' shares it and nothing asked; a skills list answers."""
    text = answer(real_assistant, question, "list").text()
    assert "individuals need to meet" not in text, text
    assert "Python" in text, text


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["what does an ai product manager do all day", "so what do AI product managers really do every day?"]
)
def test_a_question_of_frame_words_beside_a_role_is_about_the_role(real_assistant: Assistant, question: str) -> None:
    """Beside the role only frame words ("all day", "every day"): the role's own item answers, not a sentence that
    happens to hold "all" ("Big data ... are all related to AI and ML")."""
    reply = real_assistant.ask(question)
    assert reply.answer.startswith("AI Product Manager:"), reply.answer


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("how can I keep my model from overfitting", True),
        ("ways to stop a language model picking up bad habits", True),
        ("tips for dealing with the black box problem", True),
        ("is there a way to get around too little data?", True),
        ("how does deep learning copy the brain", False),
        ("how should I handle data versioning", False),  # managing a thing is not countering a problem
        ("how much does overfitting cost?", False),
        ("what are the challenges of fixing bias", False),
    ],
)
def test_a_remedy_is_asked_by_how_to_avoid_questions(question: str, asked: bool) -> None:
    from assistant.answer_roles import asks_remedy

    assert asks_remedy(question, "explanation") is asked
    assert not asks_remedy(question, "figure")


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["how can I keep my model from overfitting", "how do I avoid overfitting in my models?"]
)
def test_how_to_avoid_is_answered_by_the_remedy_not_the_definition(real_assistant: Assistant, question: str) -> None:
    """The advice "Balancing model complexity to avoid overfitting ..." leads, not what overfitting is."""
    text = answer(real_assistant, question, "explanation").text()
    assert text.startswith("Balancing model complexity to avoid overfitting"), text


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "ways to stop a language model picking up bad habits from social media threads",
        "how to get around not having enough real training data",
    ],
)
def test_the_way_around_a_stated_problem_follows_it(real_assistant: Assistant, question: str) -> None:
    """The problem sentence may lead (it holds the question's words); the next paragraph's "A way around this,
    using synthetic data, ..." is the answer, and "this" comes with the sentence it points back to."""
    text = answer(real_assistant, question, "explanation").text()
    assert "A way around this, using synthetic data" in text, text
    assert text.index("bad habits") < text.index("A way around this"), text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "wanted", "unwanted"),
    [
        ("linear regression vs logistic regression", ["forecasting", "proxy for classification"], "Linear Discrimin"),
        ("how is logistic regression different from linear regression", ["forecasting", "proxy for"], "Linear Discr"),
        (
            "rules engines vs ML models - whats the difference",
            ["explicitly programmed", "‘trained’"],
            "Data Scientists",
        ),
        ("how are rules engines different from ML models", ["explicitly programmed", "‘trained’"], "Data Scientists"),
        ("P(x,y) vs P(y|x)", ["joint probability", "conditional probability"], "Regression models"),
        (
            "how does a model predicting P(x,y) differ from one predicting P(y|x)",
            ["joint prob", "conditional"],
            "(price",
        ),
        ("forward propagation vs backpropagation", ["known as forward propagation", "called backpropagation"], "VAE"),
    ],
)
def test_each_side_named_as_the_documents_write_it_gets_its_sentence(
    real_assistant: Assistant, question: str, wanted: list[str], unwanted: str
) -> None:
    """A side that is a written name ("linear regression") is spoken for by a sentence saying that name, wherever
    it is, not by one sharing a word of it ("Linear Discriminant Analysis", "the forward pass"); a formula side
    ("P(x,y)") by the sentence writing it; a lead that speaks of neither side gives way to the sides' own."""
    text = answer(real_assistant, question, "comparison").text()
    assert all(w in text for w in wanted), text
    assert unwanted not in text, text


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["which sectors does ML engineering work get applied in", "in which industries is ML engineers' work applied"],
)
def test_a_lists_closing_remark_follows_it_when_it_says_what_the_items_do_not(
    real_assistant: Assistant, question: str
) -> None:
    """The Applications and Impact items say what ML engineers improve; the sectors are in the remark glued on
    after the last item, which the bullets are followed by."""
    text = answer(real_assistant, question, "list", ["Machine Learning Engineer"]).text()
    assert "- Enhancing decision-making processes" in text, text
    assert "healthcare, finance, manufacturing" in text, text


@pytest.mark.slow
def test_a_closing_remark_that_only_sums_up_does_not_follow_its_list(real_assistant: Assistant) -> None:
    text = real_assistant.ask("what are the core responsibilities of an ML engineer").answer
    assert "- Data Preparation and Analysis" in text and "By fulfilling these responsibilities" not in text, text


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["whats the best way to avoid underfitting", "what's a good way to prevent overfitting?"]
)
def test_a_remedy_asked_as_whats_the_best_way_is_no_undefined_term(real_assistant: Assistant, question: str) -> None:
    """'whats the best way to avoid X' reads like 'what is <term>' but asks for a remedy: the advice that names X
    answers, however far its list is from the question as a whole."""
    text = answer(real_assistant, question, "list").text()
    assert text.startswith("Balancing model complexity to avoid overfitting and underfitting"), text


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["whats the best way to avoid burnout", "how can I avoid getting laid off", "how do I stop getting rejected"],
)
def test_a_remedy_for_something_the_documents_never_name_is_still_refused(
    real_assistant: Assistant, question: str
) -> None:
    """A unit saying 'to avoid' answers no remedy question by that verb alone ('Balancing model complexity to
    avoid overfitting' for being laid off)."""
    draft = Draft(documents=real_assistant.build.documents)
    assert not real_assistant.build.document_answerer.answer(question, "list", draft), draft.text()


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("which frameworks should a robotics engineer learn?", True),
        ("which industries are hiring", True),
        ("what companies pay the most?", True),
        ("what makes NYC a hotspot", False),  # a verb, not a noun asked for
        ("what usually goes wrong with data", False),
        ("what UX skills should an AI developer have", False),  # the noun's modifier names the topic
    ],
)
def test_instances_are_asked_by_what_or_which_and_a_plural_noun(question: str, asked: bool) -> None:
    from assistant.answer_roles import INSTANCES_ASKED

    assert (INSTANCES_ASKED.match(question) is not None) is asked


def test_a_unit_enumerating_things_the_question_does_not_name_gives_instances() -> None:
    from assistant.answer_roles import names_instances

    asked = set(terms("tools frameworks"))
    (named,) = units("- Machine Learning Frameworks: Familiarity with TensorFlow, PyTorch, and scikit-learn.")
    (general,) = units("- Openness to learning new tools, methodologies, and frameworks")
    assert names_instances(named, asked) and not names_instances(general, asked)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "context"),
    [
        ("which frameworks should a robotics engineer learn?", ["Robotics Engineer"]),
        ("what libraries does a data scientist need", ["Data Scientist"]),
    ],
)
def test_what_tools_is_answered_by_the_unit_naming_tools(
    real_assistant: Assistant, question: str, context: list[str]
) -> None:
    """'Familiarity with TensorFlow, PyTorch, and scikit-learn' names the tools asked for; 'Openness to learning
    new tools, methodologies, and frameworks' only shares the question's words."""
    text = answer(real_assistant, question, "list", context).text()
    assert "TensorFlow" in text and not text.startswith("Openness to learning"), text


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["examples of unsupervised learning?", "any real examples of unsupervised learning"]
)
def test_asking_for_examples_keeps_the_sentence_that_gives_one(real_assistant: Assistant, question: str) -> None:
    """'For instance, e-commerce companies such as Amazon use unsupervised association models ...' is marked down
    as an illustration elsewhere; asked for examples, it is the answer."""
    text = answer(real_assistant, question, "list").text()
    assert "recommendation engines" in text, text


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["as an ML engineer how do I move up into management?", "how does an ML engineer get promoted to a manager role"],
)
def test_the_asked_roles_own_item_in_a_keyed_list_is_not_marked_down(real_assistant: Assistant, question: str) -> None:
    """Career Paths has one labelled item per role: the asked role's item (the path to 'ML Engineering Manager')
    is the answer among them, not marked down with its siblings."""
    text = real_assistant.ask(question).answer
    assert text.startswith("Machine Learning Engineer:") and "ML Engineering Manager" in text, text


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["what does a robotics engineer build", "what kind of systems do robotics engineers build"]
)
def test_another_roles_item_sharing_the_questions_verb_does_not_answer_for_the_asked_role(
    real_assistant: Assistant, question: str
) -> None:
    """'Machine Learning Engineer: ... Focus on model building ...' shares 'build'; it is another role's item of
    the list keyed by roles, so the Robotics Engineer item ('... AI-powered robotic systems') answers."""
    text = real_assistant.ask(question).answer
    assert text.startswith("Robotics Engineer:") and "Machine Learning Engineer:" not in text, text


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["what do robotics engineers build?", "salary aside, what do robotics engineers build?"]
)
def test_a_sentence_about_another_role_does_not_lead_for_the_asked_one(
    real_assistant: Assistant, question: str
) -> None:
    """'... Machine Learning Engineers focus on the 'how' of machine learning, building and deploying models ...'
    shares 'build' but speaks of another role of the Career Paths list: the robotics item answers, not a refusal
    (the sentence's passage ranks too low to answer, so leading with it refused the question)."""
    reply = real_assistant.ask(question)
    assert reply.route == "documents" and reply.answer.startswith("Robotics Engineer:"), reply.answer


@pytest.mark.slow
@pytest.mark.parametrize("question", ["whats an expert system in AI", "what are knowledge graphs in AI"])
def test_a_definition_asked_with_its_context_finds_the_name_without_it(
    real_assistant: Assistant, question: str
) -> None:
    """'... in AI' is where the question is asked, not part of the name: the sentence calling such models
    'rules engines, expert systems, or knowledge graphs' defines it, not the guide's 'AI/ML Expert' overview."""
    text = answer(real_assistant, question, "explanation").text()
    assert "Such models are called rules engines, expert systems, or knowledge graphs." in text, text
    assert "AI/ML Expert" not in text, text


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["code quality tips for ML teams", "what coding practices should an AI team follow"]
)
def test_code_and_coding_name_the_same_section(real_assistant: Assistant, question: str) -> None:
    """'code' and the heading's 'Coding' are one word: Best Practices > Coding and Engineering answers, not the
    Data Management and Quality list that 'quality' alone names."""
    draft = answer(real_assistant, question, "list")
    assert "static analysis for code quality" in draft.text(), draft.text()
    assert draft.citations[0].section.endswith("Coding and Engineering"), draft.text()


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["AutoML - will it replace data scientists?", "is AutoML going to take data science jobs"]
)
def test_a_pronoun_sentence_after_the_lead_follows_it_though_it_lacks_the_asked_word(
    real_assistant: Assistant, question: str
) -> None:
    """'This technology makes ML more accessible and allows specialists to focus on high-value activities' speaks of
    AutoML without naming it: it follows the lead 'AutoML is revolutionizing ...', and it is the half that answers."""
    text = answer(real_assistant, question, "explanation").text()
    assert text.startswith("AutoML is revolutionizing"), text
    assert "high-value activities" in text, text


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["why does data privacy matter in machine learning", "why is data privacy a concern in machine learning?"],
)
def test_a_unit_writing_the_acronym_says_what_it_stands_for(real_assistant: Assistant, question: str) -> None:
    """'Protecting sensitive data used in AI/ML models' says 'machine learning' as the documents define 'ML': the
    Privacy and Security Concerns list answers, not 'Adhere to data privacy ...' among data-management practices."""
    draft = answer(real_assistant, question, "explanation")
    assert "Protecting sensitive data used in AI/ML models" in draft.text(), draft.text()
    assert draft.citations[0].section.endswith("Privacy and Security Concerns"), draft.text()


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "what are the steps of the ML lifecycle an ML engineer handles",
        "which parts of the machine learning lifecycle does an ML engineer cover",
    ],
)
def test_a_specific_word_the_top_passage_says_is_asked_beside_the_role(
    real_assistant: Assistant, question: str
) -> None:
    """'lifecycle' names no heading, but the search's top passage says it (Core Responsibilities: '... encompass the
    entire machine learning lifecycle'): the question asks about that, not about the role's career-path item."""
    draft = answer(real_assistant, question, "explanation", ["Machine Learning Engineer"])
    assert "entire machine learning lifecycle" in draft.text(), draft.text()
    assert not draft.text().startswith("Machine Learning Engineer: Progress"), draft.text()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "role", "said"),
    [
        ("what does the job of an AI product manager involve", "AI Product Manager", "Bridge the gap"),
        ("what are the key features of a data scientist job?", "Data Scientist", "statistical analysis"),
    ],
)
def test_job_beside_a_role_names_the_role_not_the_job_market(
    real_assistant: Assistant, question: str, role: str, said: str
) -> None:
    """'job' beside a role is the role itself (search_synonyms.toml [frame] entity_words): the role's own item
    answers, not 'Continued growth is expected in the AI job market' nor the data-handling skills."""
    text = answer(real_assistant, question, "explanation", [role]).text()
    assert said in text, text
    assert "job market" not in text, text


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["explain the difference between AI and machine learning", "how is machine learning different from AI"]
)
def test_a_lead_setting_both_sides_side_by_side_is_followed_by_one_relating_them(
    real_assistant: Assistant, question: str
) -> None:
    """'AI and ML are two related trending technologies ...' speaks of both sides but says no difference; the close
    sentence of another section relating them ('Machine learning is a subfield of artificial intelligence') follows."""
    text = answer(real_assistant, question, "comparison").text()
    assert "Machine learning is a subfield of artificial intelligence" in text, text


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "as a machine learning engineer would I be spotting patterns in past data and forming hypotheses",
        "as an ML engineer will I be the one finding patterns in historical data",
    ],
)
def test_a_later_item_of_a_list_the_chunking_split_answers(real_assistant: Assistant, question: str) -> None:
    """Core Responsibilities spans three chunks; the question's words rank its first chunk (items 1-3) and the role's
    career path, not item 5's chunk: the rest of a found list is scored with it (answer_documents._lists_continued)."""
    reply = real_assistant.ask(question)
    assert "Identify patterns in historical data and generate working hypotheses" in reply.answer, reply.answer
    assert not reply.abstained


def test_a_found_list_brings_the_rest_of_its_section_and_prose_does_not(real_assistant: Assistant) -> None:
    """Only a list section's other chunks join the candidates, each right after the chunk found, with its standing."""
    da = real_assistant.build.document_answerer
    retriever = da._retriever
    vector = retriever.embed("core responsibilities of a machine learning engineer")
    found = retriever.hybrid("core responsibilities", vector, k=3)
    first = next(p for p in found if p.section == "Core Responsibilities")
    prose = next(p for p in retriever.search("What is machine learning?", k=5) if len(retriever.section_of(p)) == 1)
    out = da._lists_continued([first, prose])
    section = [p.chunk_id for p in retriever.section_of(first)]
    assert [p.chunk_id for p in out] == [first.chunk_id, *[c for c in section if c != first.chunk_id], prose.chunk_id]
    assert all(p.fused == first.fused and p.score == first.score for p in out[1 : len(section)])


@pytest.mark.parametrize(
    "question",
    [
        "what about jobs outside of tech, do they need AI skills?",
        "what about careers outside of tech, do they use AI skills too?",
    ],
)
def test_a_topic_named_by_what_about_before_its_question_is_searched(real_assistant: Assistant, question: str) -> None:
    """'they' is the topic "what about" names: searched without it, the question found the soft skills' headings."""
    reply = real_assistant.ask(question)
    assert "Life sciences" in reply.answer and not reply.abstained, reply.answer
