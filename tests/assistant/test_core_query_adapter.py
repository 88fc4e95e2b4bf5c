"""The query adapter (assistant/query_adapter.py): a linear map of question vectors fitted on the answered examples,
real model and real sentence vectors of the session's build."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

import assistant.query_adapter as query_adapter
from assistant.pipeline import Assistant, build_assistant
from assistant.query_adapter import QueryAdapter, cache_key
from assistant.settings import Settings

WRITING = "Strong written and oral communication skills"


def _examples(assistant: Assistant) -> tuple[np.ndarray, tuple[str, ...]]:
    examples = assistant._answer_examples  # noqa: SLF001 - the examples the assistant loaded, embedded
    assert examples.matrix is not None
    return examples.matrix, examples.quotes


def _rank(vector: np.ndarray, texts: list[str], matrix: np.ndarray, sentence: str) -> int:
    sims = matrix @ vector
    return int((sims > sims[texts.index(sentence)]).sum()) + 1


def test_no_examples_or_none_in_the_build_is_the_identity(real_assistant: Assistant) -> None:
    sentences = real_assistant.build.sentences
    vector = np.asarray(real_assistant.build.retriever.embed("what do ML engineers do?"), dtype=np.float32)
    none = QueryAdapter.fitted(None, (), sentences.texts(), sentences.matrix(), None)
    unknown = QueryAdapter.fitted(
        vector[None, :], ("A sentence no document writes.",), sentences.texts(), sentences.matrix(), None
    )
    for adapter in (none, unknown, QueryAdapter.identity()):
        assert not adapter.adapting
        assert np.array_equal(adapter.adapt(vector), vector)


def test_a_fitted_adapter_ranks_held_out_questions_answers_higher(real_assistant: Assistant) -> None:
    """Fitted on three quarters of the shipped examples, the held-out quarter's answering sentences rank higher
    (mean reciprocal rank among every sentence of the build), and a paraphrase in no example ("talking and writing")
    finds "written and oral communication" first."""
    questions, quotes = _examples(real_assistant)
    sentences = real_assistant.build.sentences
    texts, matrix = sentences.texts(), sentences.matrix()
    held_out = np.arange(len(quotes)) % 4 == 0
    adapter = QueryAdapter.fitted(
        questions[~held_out], tuple(q for q, h in zip(quotes, held_out, strict=True) if not h), texts, matrix, None
    )
    assert adapter.adapting
    tested = [(questions[i], quotes[i]) for i in np.flatnonzero(held_out)]

    def mrr(adapt: bool) -> float:
        return float(
            np.mean([1 / _rank(adapter.adapt(q) if adapt else q, texts, matrix, quote) for q, quote in tested])
        )

    assert mrr(adapt=True) > mrr(adapt=False) + 0.03
    paraphrase = np.asarray(
        real_assistant.build.retriever.embed("is being good at talking and writing important for AI jobs"),
        dtype=np.float32,
    )
    assert _rank(paraphrase, texts, matrix, WRITING) > 1
    assert _rank(adapter.adapt(paraphrase), texts, matrix, WRITING) == 1
    # normalised: the adapted vector's cosines are cosines
    assert abs(float(np.linalg.norm(adapter.adapt(paraphrase))) - 1.0) < 1e-5


def test_the_fit_is_cached_under_a_key_of_examples_and_sentences(
    real_assistant: Assistant, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    questions, quotes = _examples(real_assistant)
    sentences = real_assistant.build.sentences
    texts, matrix = sentences.texts(), sentences.matrix()
    few = slice(0, 60)  # a small fit: the cache is what is tested
    first = QueryAdapter.fitted(questions[few], quotes[few], texts, matrix, tmp_path)
    cached = list(tmp_path.glob("query-adapter-*.npy"))
    assert len(cached) == 1

    def no_fit(*_: object, **__: object) -> np.ndarray:
        raise AssertionError("fitted again though cached")

    monkeypatch.setattr(query_adapter, "fit_matrix", no_fit)
    again = QueryAdapter.fitted(questions[few], quotes[few], texts, matrix, tmp_path)
    assert first.matrix is not None and again.matrix is not None
    assert np.array_equal(first.matrix, again.matrix)
    # Other examples, or a build whose sentences changed, name another fit.
    answers = np.arange(5)
    key = cache_key(questions[:5], answers, matrix[:10])
    assert key == cache_key(questions[:5].copy(), answers.copy(), matrix[:10].copy())
    assert key != cache_key(questions[1:6], answers, matrix[:10])
    assert key != cache_key(questions[:5], answers[::-1], matrix[:10])
    assert key != cache_key(questions[:5], answers, matrix[1:11])


@pytest.fixture(scope="module")
def adapting(built_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    data = tmp_path_factory.mktemp("adapting")
    (data / "builds").symlink_to(built_data_dir / "builds")
    (data / "CURRENT").write_text((built_data_dir / "CURRENT").read_text())
    assistant = build_assistant(Settings(data_dir=data, shared_state="memory", query_adapter=True))
    yield assistant
    assistant.close()


def test_the_switch_turns_the_adapter_on_and_off(real_assistant: Assistant, adapting: Assistant) -> None:
    """Off (the default): document text is ranked by the plain vector. On: by the adapted one, fitted at load and
    cached in the data dir; what the answer says comes from the same pipeline."""
    assert real_assistant.settings.query_adapter is False
    plain = real_assistant.build.retriever.embed("what soft skills matter in AI?")
    assert real_assistant.build.retriever.toward_documents(plain) is None
    toward = adapting.build.retriever.toward_documents(plain)
    assert toward is not None and float(np.dot(toward, plain)) < 0.9999
    assert list((adapting.settings.data_dir / "adapters").glob("query-adapter-*.npy"))
    reply = adapting.ask("what soft skills matter in AI?")
    assert reply.route == "documents" and not reply.abstained and reply.citations


def test_the_adapter_can_be_fitted_on_other_examples_than_the_answers_prior(
    adapting: Assistant, tmp_path: Path
) -> None:
    """ASSISTANT_QUERY_ADAPTER_EXAMPLES: an evaluation fits the adapter on examples its test questions did not give,
    while the answers' nearest-example prior keeps its own file."""
    other = tmp_path / "examples.yaml"
    other.write_text(
        "examples:\n"
        "- q: do ai experts need good writing skills\n"
        f"  quote: {WRITING}\n"
        "- q: why does model training and deployment take so long\n"
        "  quote: Managing the time-intensive nature of model training and deployment\n"
    )
    settings = adapting.settings.model_copy(update={"query_adapter_examples": other})
    assistant = build_assistant(settings)
    try:
        plain = assistant.build.retriever.embed("is writing well needed in AI?")
        own = assistant.build.retriever.toward_documents(plain)
        shipped = adapting.build.retriever.toward_documents(plain)
        assert own is not None and shipped is not None and not np.allclose(own, shipped)
        assert len(list((settings.data_dir / "adapters").glob("query-adapter-*.npy"))) == 2
        assert assistant._answer_examples.quotes == adapting._answer_examples.quotes  # noqa: SLF001 - the prior's file
    finally:
        assistant.close()


HARD_SKILLS = "what hard skills do i need to get started"  # in no example; "Technical Skills" shares no word with it


def test_the_union_use_keeps_the_plain_candidates_and_adds_what_the_adapter_finds(adapting: Assistant) -> None:
    """'union': the k chunks ranked as without the adapter come first, unchanged (ids and cosines); the chunks the
    adapted vector ranks into its own first k join after them. A question worded unlike its answer ("hard skills" vs
    "Technical Skills: Proficiency in programming languages") finds the answering chunk only so."""
    retriever, sentences = adapting.build.retriever, adapting.build.sentences
    vector = retriever.embed(HARD_SKILLS)
    toward = retriever.toward_documents(vector)
    assert toward is not None
    by_sentence = sentences.best_chunks(vector, n=4)
    plain = retriever.hybrid(HARD_SKILLS, vector, by_sentence, k=8)
    union = retriever.hybrid(
        HARD_SKILLS, vector, by_sentence, k=8, also=toward, also_by_sentence=sentences.best_chunks(vector, 4, toward)
    )
    assert union[:8] == plain
    added = union[8:]
    assert added and not {p.chunk_id for p in added} & {p.chunk_id for p in plain}
    # the cosine each added chunk carries (what relevance gates read) is the plain vector's
    keys = sentences._keys  # noqa: SLF001 - which chunk writes the sentence
    technical = {key["chunk_id"] for key in keys if key["text"].startswith("Technical Skills: Proficiency")}
    assert technical and not {p.chunk_id for p in plain} & technical
    assert {p.chunk_id for p in added} & technical
    chunk_vectors = dict(zip(retriever._ids, retriever._matrix, strict=True))  # noqa: SLF001 - the stored vectors
    for passage in added:
        assert passage.score == pytest.approx(max(0.0, float(chunk_vectors[passage.chunk_id] @ vector)), abs=1e-3)


def test_each_use_of_the_adapter_is_chosen_by_its_setting(adapting: Assistant, real_assistant: Assistant) -> None:
    """Settings.query_adapter_use: the retriever says which use it serves; in the 'union' and 'candidates' uses the
    units are scored on the plain vector, so a question the plain candidates answer is answered as without it."""
    assert adapting.build.retriever.adapter_use == "rank"
    assert real_assistant.build.retriever.adapter_use is None
    question = "what soft skills matter in AI?"
    for use in ("union", "candidates"):
        assistant = build_assistant(adapting.settings.model_copy(update={"query_adapter_use": use}))
        try:
            assert assistant.build.retriever.adapter_use == use
            assert assistant.ask(question).answer == real_assistant.ask(question).answer
        finally:
            assistant.close()


def test_a_weaker_pull_toward_the_identity_is_another_fit(adapting: Assistant, tmp_path: Path) -> None:
    """Settings.query_adapter_l2 names its own cached fit and moves questions further from their plain vectors."""
    questions, quotes = _examples(adapting)
    sentences = adapting.build.sentences
    few = slice(0, 80)
    strong = QueryAdapter.fitted(questions[few], quotes[few], sentences.texts(), sentences.matrix(), tmp_path, l2=1.0)
    weak = QueryAdapter.fitted(questions[few], quotes[few], sentences.texts(), sentences.matrix(), tmp_path, l2=0.03)
    assert len(list(tmp_path.glob("query-adapter-*.npy"))) == 2
    assert strong.matrix is not None and weak.matrix is not None
    eye = np.eye(strong.matrix.shape[0])
    assert np.linalg.norm(weak.matrix - eye) > np.linalg.norm(strong.matrix - eye)


def test_the_blend_use_lies_half_way_between_the_plain_and_the_adapted_vector() -> None:
    """'blend': normalise(q + normalise(W q)) -- as near the plain vector as the adapted one, and a unit vector."""
    rng = np.random.default_rng(0)
    plain = rng.normal(size=8).astype(np.float32)
    plain /= np.linalg.norm(plain)
    matrix = (np.eye(8) + 0.5 * rng.normal(size=(8, 8))).astype(np.float32)
    adapted = QueryAdapter(matrix, "rank").adapt(plain)
    blended = QueryAdapter(matrix, "blend").adapt(plain)
    assert abs(float(np.linalg.norm(blended)) - 1.0) < 1e-5
    assert float(blended @ plain) == pytest.approx(float(blended @ adapted), abs=1e-5)
    assert float(blended @ plain) > float(adapted @ plain)
