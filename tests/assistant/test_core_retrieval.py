"""Hybrid retrieval: reciprocal rank fusion, BM25 over the chunks, headings as evidence, whole sections."""

from __future__ import annotations

import pytest

from assistant.lexical import LexicalIndex, reciprocal_rank_fusion
from assistant.pipeline import Assistant
from assistant.text_terms import found_in, terms


def test_rrf_ranks_an_item_high_in_both_lists_above_one_top_in_a_single_list() -> None:
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["b", "d", "a"]])
    assert list(fused) == ["b", "a", "d", "c"]
    assert fused["b"] == pytest.approx(1 / 62 + 1 / 61)


def test_rrf_counts_an_id_once_per_ranking_and_keeps_single_list_order() -> None:
    fused = reciprocal_rank_fusion([["x", "x", "y"], []])
    assert list(fused) == ["x", "y"]
    assert fused["x"] == pytest.approx(1 / 61)


def _index() -> LexicalIndex:
    texts = [
        "Programming proficiency (Python, Java, R)\nMLOps (Machine Learning Operations)",
        "Deploy models to production environments and monitor them.",
        "Supervised learning means being taught by someone with expert knowledge.",
        "Machine learning is a subfield of artificial intelligence.",
        "Reinforcement learning trains an agent by trial and error.",
        "Industry-Wide Adoption: healthcare, finance, retail and logistics.",
        "Deep learning uses neural networks with many layers.",
        "Data analysis and statistics for machine learning.",
        "Collaboration with data scientists and product managers.",
        "Model evaluation and hyperparameter tuning.",
        "Regression models predict continuous values.",
    ]
    sections = ["Market Demand > In-Demand Skills", "Deployment", "Supervised Learning", "What is ML?"] + ["Other"] * 7
    return LexicalIndex([f"c{i}" for i in range(len(texts))], texts, sections)


def test_bm25_finds_an_exact_rare_term() -> None:
    index = _index()
    hits = index.search("What is MLOps?", k=3)
    assert hits[0][0] == "c0"
    assert index.covers("What is MLOps?", 0)
    assert not index.covers("What is MLOps?", 1)


def test_bm25_does_not_cover_words_the_corpus_lacks() -> None:
    index = _index()
    assert index.search("weather in Paris", k=3) == []
    assert not any(index.covers("What's the weather in Paris?", i) for i in range(len(index)))


def test_heading_words_are_indexed_with_the_text() -> None:
    index = _index()
    assert index.search("in-demand skills", k=1)[0][0] == "c0"


def test_bm25_finds_the_documents_longer_and_shorter_forms_of_a_word() -> None:
    index = LexicalIndex(
        ["a", "b", "c"],
        ["Create and maintain documentation for AI systems.", "Automation of feature generation.", "Other text."],
        ["Documentation and Support", "Best Practices", "Other"],
    )
    assert index.search("what should I document?", k=1)[0][0] == "a"  # document -> documentation
    assert index.search("which steps can be automated?", k=1)[0][0] == "b"  # automat(ed) -> automation
    assert index.search("short doc words", k=3) == []  # under five letters a word stands for itself only


def test_terms_split_compounds_and_trim_plurals() -> None:
    assert {"semi-supervis", "semi", "supervis", "learn"} <= set(terms("semi-supervised learning"))
    assert terms("industries") == terms("industry")
    assert found_in({"differ"}, set(terms("Differences from Data Scientists"))) == {"differ"}


@pytest.mark.slow
def test_hybrid_finds_mlops_where_dense_search_misses_it(real_assistant: Assistant) -> None:
    retriever = real_assistant.build.retriever
    question = "What is MLOps?"
    vector = retriever.embed(question)
    dense = [p.section for p in retriever.search(question, k=4, vector=vector)]
    hybrid = retriever.hybrid(question, vector, k=6)
    assert "Market Demand > In-Demand Skills" not in dense
    found = next(p for p in hybrid if p.section == "Market Demand > In-Demand Skills")
    assert found.lexical and "MLOps (Machine Learning Operations)" in found.text


@pytest.mark.slow
@pytest.mark.parametrize("question", ["What is the career path of a data scientist?", "career paths in AI?"])
def test_a_heading_the_question_names_is_evidence(real_assistant: Assistant, question: str) -> None:
    retriever = real_assistant.build.retriever
    hits = retriever.hybrid(question, retriever.embed(question), k=6)
    paths = next(p for p in hits if p.section == "Career Development > Career Paths")
    assert paths.heading_match == pytest.approx(1.0)


@pytest.mark.slow
def test_a_section_spanning_chunks_is_retrieved_whole_in_reading_order(real_assistant: Assistant) -> None:
    retriever = real_assistant.build.retriever
    question = "core responsibilities"
    first = retriever.hybrid(question, retriever.embed(question), k=6)[0]
    section = retriever.section_of(first)
    assert len(section) >= 2 and {p.section for p in section} == {first.section}
    starts = [int(p.source.rsplit(":", 1)[1].split("-")[0]) for p in section]
    assert starts == sorted(starts)
    assert "Data Preparation and Analysis" in section[0].text
    assert "Contribute to proposal writing" in section[-1].text


def _sections(real_assistant: Assistant, question: str, k: int = 8) -> list[str]:
    """The sections hybrid() ranks for a question, the way the document answerer calls it (best sentences too)."""
    retriever = real_assistant.build.retriever
    vector = retriever.embed(question)
    by_sentence = real_assistant.build.document_answerer._sentences.best_chunks(vector, n=4)
    return [p.section for p in retriever.hybrid(question, vector, by_sentence, k=k)]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("does machine learning need labeled data?", "Training AI Models"),
        ("machine learning bias in hiring, what's the danger?", "Training AI Models > Eliminating Bias"),
    ],
)
def test_a_heading_of_common_words_is_not_evidence_for_a_question_about_something_else(
    real_assistant: Assistant, question: str, topic: str
) -> None:
    # "What is machine learning?" is wholly named by these questions, but holds little of what they ask.
    sections = _sections(real_assistant, question)
    assert "What is machine learning?" not in sections[:3]
    assert topic in sections[:2]


@pytest.mark.slow
@pytest.mark.parametrize("question", ["what is machine learning exactly?", "machine learning - what is it?"])
def test_a_heading_that_is_the_questions_topic_still_leads(real_assistant: Assistant, question: str) -> None:
    assert _sections(real_assistant, question)[0] == "What is machine learning?"


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["which libraries should a data scientist learn?", "what Python libraries do ML engineers use?"]
)
def test_libraries_are_searched_as_the_documents_frameworks(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question)
    assert reply.route == "documents" and not reply.abstained
    assert "TensorFlow" in reply.answer and "PyTorch" in reply.answer


# Sections that answer, for questions in everyday words the search synonyms translate into the documents' own.
SECTORS = ("Market Demand > Current Trends", "Industry Trends > Increasing Demand for AI and ML Professionals")
DEMAND = ("Market Demand > In-Demand Skills",)
MATHS = (
    "Overview > Skills and Qualifications",
    "Requirements > Technical Skills",
    "Career Development > Essential Skills",
)
PORTFOLIO = ("Career Development > Building Your Portfolio",)
TRENDS = ("Industry Trends", "Market Demand > Current Trends")
EFFICIENCY = ("Industry Trends > Widespread Industry Adoption",)
BIAS = ("Training AI Models > Eliminating Bias", "Common Challenges > Ethical Considerations and Bias")
HIRING = (*SECTORS, "Market Demand > Future Outlook", "Market Demand > Challenges and Opportunities")
BEGINNER = (
    "Career Development > Education and Training",
    "Requirements > Educational Background",
    "Career Development > Essential Skills",
)


def _searched_sections(real_assistant: Assistant, question: str, k: int = 8) -> list[str]:
    """Sections ranked for a question with the search synonyms added, as the document answerer searches."""
    from assistant.lexical import SEARCH_SYNONYMS_PATH, Synonyms

    retriever = real_assistant.build.retriever
    text = f"{question} {Synonyms.load(SEARCH_SYNONYMS_PATH).words_for(question)}".strip()
    vector = retriever.embed(question)
    by_sentence = real_assistant.build.document_answerer._sentences.best_chunks(vector, n=4)
    return [p.section for p in retriever.hybrid(text, vector, by_sentence, k=k, focus=text)]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "sections", "within"),
    [
        # "employers want" is what the guide calls demand; its industries are "sectors"
        ("what skills are companies asking for in ML?", DEMAND, 3),
        ("what skills do employers want from ML engineers?", DEMAND, 3),
        ("which industries rely on ML?", SECTORS, 3),
        ("what industries are adopting AI?", SECTORS, 3),
        # "math" is the guide's "Mathematics", "show off" its "showcase your skills"
        ("what math do I need for machine learning?", MATHS, 4),
        ("which maths topics should I learn for AI?", MATHS, 4),
        ("how do I show off my AI skills?", PORTFOLIO, 4),
        ("how can I make my AI skills stand out to employers?", PORTFOLIO, 4),
        # "hot" is trends, cutting costs is "operational efficiency"
        ("whats hot in AI right now", TRENDS, 3),
        ("what topics are hot in machine learning?", TRENDS, 3),
        ("can AI help a business save money?", EFFICIENCY, 3),
        ("how do companies use AI to cut costs?", EFFICIENCY, 3),
        # a beginner's studies are education and essential skills
        ("what should a beginner in ML study?", BEGINNER, 1),
        ("as a beginner, what should I learn for data science?", BEGINNER, 1),
        # "hiring" as the thing asked about is not demand; "companies are hiring" is
        ("risks of using machine learning for hiring?", BIAS, 1),
        ("can ML in hiring be biased?", BIAS, 2),
        ("who is hiring AI specialists?", HIRING, 3),
        ("are companies hiring ML engineers right now?", HIRING, 3),
    ],
)
def test_everyday_words_search_as_the_documents_words(
    real_assistant: Assistant, question: str, sections: tuple[str, ...], within: int
) -> None:
    assert set(_searched_sections(real_assistant, question)[:within]) & set(sections)


@pytest.mark.slow
@pytest.mark.parametrize("question", ["what should ML engineers document?", "what do AI engineers have to document?"])
def test_a_verb_finds_the_documents_noun(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question)
    assert reply.route == "documents" and "documentation" in reply.answer.lower()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "step"),
    [
        ("how do I get a promotion as a data scientist?", "Chief Data Scientist"),
        ("how does an AI developer get promoted?", "AI Architect"),
        ("how to get promoted as a robotics engineer", "Director of Robotics"),
    ],
)
def test_a_promotion_is_the_career_paths_advance(real_assistant: Assistant, question: str, step: str) -> None:
    reply = real_assistant.ask(question)
    assert reply.route == "documents" and not reply.abstained
    assert step in reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "what does an AI engineer's salary depend on?",
        "what determines how much a data scientist earns?",
        "what affects how much an ML engineer is paid?",
        "what drives salaries in machine learning",
        "what drives pay for ml engineers",
    ],
)
def test_what_a_salary_depends_on_is_the_guides_factors(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question)
    assert reply.route == "documents" and "Factors Influencing Salaries" in reply.answer
    assert "Geographic location" in reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "is it hot in Seattle today?",
        "how do I save money on groceries?",
        "which libraries are open on Sunday?",
        "how do I get promoted at McDonald's?",
        "what goes wrong with my car engine?",
    ],
)
def test_the_search_synonyms_do_not_answer_what_the_documents_do_not_cover(
    real_assistant: Assistant, question: str
) -> None:
    # The synonyms add the documents' words to the lexical search only: off-topic questions using the same
    # everyday words ("hot", "save money", "libraries", "promoted", "goes wrong") still abstain.
    reply = real_assistant.ask(question)
    assert reply.abstained and reply.route == "out_of_scope"


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("what can go wrong with training data in ML", ("biased data", "insufficient training data")),
        ("what goes wrong in model development", ("overfitting", "balancing model complexity")),
    ],
)
def test_what_goes_wrong_asks_for_the_challenges(
    real_assistant: Assistant, question: str, said: tuple[str, ...]
) -> None:
    """'go wrong' is what the guide calls challenges (search_synonyms.toml, as 'problems' and 'issues' are): the
    Common Challenges items answer, not the best practice or duty that shares 'data' or 'model development'."""
    reply = real_assistant.ask(question)
    assert not reply.abstained and any(s in reply.answer.lower() for s in said), reply.answer
    assert any("Common Challenges" in c.section for c in reply.citations), [c.section for c in reply.citations]


@pytest.mark.parametrize(
    "question", ["how much does teamwork matter for a data scientist", "is teamwork important for ML engineers"]
)
def test_teamwork_is_what_the_guide_calls_collaboration(real_assistant: Assistant, question: str) -> None:
    """search_synonyms.toml: 'teamwork' = collaboration (general English); the guide never writes 'teamwork'."""
    reply = real_assistant.ask(question)
    assert not reply.abstained and "collaborat" in reply.answer.lower(), reply.answer


def _named_sections(real_assistant: Assistant, question: str) -> list[str]:
    """The sections whose heading the question names (the heading ranking of Retriever.hybrid)."""
    retriever = real_assistant.build.retriever
    wanted = set(terms(question))
    ranked = retriever._heading_ranking(retriever._heading_matches(wanted), wanted, retriever._unwritten(question))
    return [str(retriever._metas[retriever._row[chunk_id]].get("section")) for chunk_id in ranked]


@pytest.mark.parametrize(
    "question", ["which math topics do I need for machine learning", "does machine learning need a lot of math"]
)
def test_a_word_the_documents_never_write_still_counts_against_a_heading(
    real_assistant: Assistant, question: str
) -> None:
    """'math' is in no chunk, so 'machine learning' looked like the whole question and named 'What is machine
    learning?'; a word no chunk writes is still asked (frame words like 'need' aside)."""
    assert "What is machine learning?" not in _named_sections(real_assistant, question)
    assert "What is machine learning?" in _named_sections(real_assistant, "what is machine learning exactly")


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("biggest headaches keeping ml models alive in prod?", "continuous monitoring and updating of deployed models"),
        ("what headaches come with keeping models alive after launch", "continuous monitoring and updating"),
    ],
)
def test_headaches_of_keeping_a_model_alive_are_the_maintenance_challenges(
    real_assistant: Assistant, question: str, said: str
) -> None:
    """search_synonyms.toml: 'headaches' = challenges, 'alive in prod' = maintenance (general English): the
    guide's Implementation and Maintenance challenges answer, not 'Keeping up with ... tools' sharing 'keeping'."""
    reply = real_assistant.ask(question)
    assert not reply.abstained and said in reply.answer.lower(), reply.answer
    assert any("Common Challenges" in c.section for c in reply.citations), [c.section for c in reply.citations]
