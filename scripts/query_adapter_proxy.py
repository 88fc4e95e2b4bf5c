"""Proxy measure of the query adapter (assistant/query_adapter.py): fit on half the answered examples, rank each other
half question's answering sentence among all the build's sentences, plain vs adapted (top-1, top-5, MRR).

Usage: ASSISTANT_DATA_DIR=... python scripts/query_adapter_proxy.py [--l2 1.0 ...] [--temperature 0.05 ...]
Two splits, seed fixed: by question (a test question's sentence may be another training question's) and grouped by
quote (every test sentence unseen in training). A proxy only: the full pipeline decides.
"""

from __future__ import annotations

import argparse

import numpy as np

from assistant.answer_examples import AnswerExamples
from assistant.embeddings import query_embeddings
from assistant.ingest import current_build
from assistant.query_adapter import QueryAdapter, fit_matrix
from assistant.retrieval import SentenceIndex
from assistant.settings import Settings, force_offline


def ranks(vectors: np.ndarray, answers: np.ndarray, documents: np.ndarray) -> np.ndarray:
    sims = vectors @ documents.T
    own = sims[np.arange(len(answers)), answers]
    return 1 + (sims > own[:, None]).sum(axis=1)


def summary(r: np.ndarray) -> str:
    return f"top1 {np.mean(r == 1):.3f} top5 {np.mean(r <= 5):.3f} MRR {np.mean(1 / r):.3f} median {np.median(r):.0f}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--l2", type=float, nargs="*", default=[1.0])
    parser.add_argument("--temperature", type=float, nargs="*", default=[0.05])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    force_offline()
    settings = Settings()
    embeddings = query_embeddings(
        settings.model_path, settings.onnx_dir, settings.query_runtime, settings.embedding_precision
    )
    examples = AnswerExamples.load(settings.answer_examples, embeddings, settings.model_cache_dir / "planner")
    found = current_build(settings)
    assert found is not None, "no build: run assistant ingest"
    index = SentenceIndex.load(found[1])
    texts = index.texts()
    row: dict[str, int] = {}
    for i, text in enumerate(texts):
        row.setdefault(text, i)
    unique = sorted(set(row.values()))
    position = {r: k for k, r in enumerate(unique)}
    documents = index.matrix()[unique]
    keep = [i for i, quote in enumerate(examples.quotes) if quote in row]
    questions = examples.matrix[keep]
    answers = np.array([position[row[examples.quotes[i]]] for i in keep])
    rng = np.random.default_rng(args.seed)
    n = len(keep)
    by_question = rng.permutation(n) < n // 2
    quotes = np.unique(answers)
    chosen = set(rng.permutation(quotes)[: len(quotes) // 2].tolist())
    by_quote = np.array([a in chosen for a in answers])
    print(f"{n} examples, {len(quotes)} quotes, {len(documents)} sentences")
    for name, train in (("by question", by_question), ("by quote", by_quote)):
        for first, test in ((train, ~train), (~train, train)):
            plain = ranks(questions[test], answers[test], documents)
            print(f"{name} train {first.sum()} test {test.sum()}: plain   {summary(plain)}")
            for l2 in args.l2:
                for temperature in args.temperature:
                    w = fit_matrix(questions[first], answers[first], documents, l2=l2, temperature=temperature)
                    adapted = QueryAdapter(w)
                    fitted_train = ranks(
                        np.array([adapted.adapt(v) for v in questions[first]]), answers[first], documents
                    )
                    r = ranks(np.array([adapted.adapt(v) for v in questions[test]]), answers[test], documents)
                    print(
                        f"  l2 {l2} t {temperature}: {summary(r)}  (train top1 {np.mean(fitted_train == 1):.3f})"
                        f" ||W-I|| {np.linalg.norm(w - np.eye(len(w))):.2f}"
                    )


if __name__ == "__main__":
    main()
