"""Fit MARGIN and WEAK_EVIDENCE of assistant/unanswered_examples.py by two-fold cross-validation over question files.

    .venv/bin/python scripts/unanswered_thresholds.py '/path/to/probe-*.yaml' [--baseline replies.json]

Each file is a YAML list of items with `q` (or `question`; a list of turns is skipped: a follow-up's words are
not its question) and, for a question the documents do not answer, `expect_abstain: true` or a `route` naming
abstain (every item of a file named *offtopic* is one). The questions' features are the runtime's
(UncoveredTopics.evidence, UnansweredExamples.nearness) against the shipped examples; a question that is
itself an answered example (cosine > 0.985) is not compared with itself. With --baseline (a probe_silence --save
JSON: key "file:id" -> {"abst": bool}) questions the answerer refused already count neither way.

The files are split in two folds (alternately, in sorted order); the grid point that maximises gains - 4 x losses
on one fold is counted on the other. Printed: each fold's choice and its held-out gains and losses, and the grid on
all files, so that a chosen point can be checked against its neighbours.
"""

from __future__ import annotations

import glob
import json
import os
import sys
from pathlib import Path

import numpy as np
import yaml

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from assistant.pipeline import build_assistant  # noqa: E402
from assistant.settings import Settings  # noqa: E402

MARGINS = [round(m, 2) for m in np.arange(0.0, 0.13, 0.01)]
EVIDENCE = [0.55, 0.6, 0.65, 0.7, 1.0]
LOSS_COST = 4  # a false refusal costs this many gains


def _items(pattern: str) -> list[tuple[str, str, str, bool]]:
    """(file, id, question, unanswerable) of every single-turn item of the files."""
    out = []
    for path in sorted(glob.glob(pattern)):
        name = Path(path).stem.removeprefix("probe-")
        for item in yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []:
            question = item.get("q") or item.get("question")
            if not isinstance(question, str):
                continue
            unanswerable = "offtopic" in name or bool(item.get("expect_abstain"))
            unanswerable = unanswerable or "abstain" in str(item.get("route") or "")
            out.append((name, str(item.get("id")), question, unanswerable))
    return out


def main(argv: list[str]) -> None:
    if not argv:
        sys.exit(__doc__)
    baseline = json.loads(Path(argv[argv.index("--baseline") + 1]).read_text()) if "--baseline" in argv else {}
    assistant = build_assistant(Settings(shared_state="memory"))
    topics, examples = assistant.build.document_answerer.topics, assistant._answer_examples
    unanswered = examples.unanswered
    rows = []
    for name, item_id, question, unanswerable in _items(argv[0]):
        if baseline.get(f"{name}:{item_id}", {}).get("abst"):
            continue  # refused already: neither a gain nor a loss
        vector, generic, closest = topics.evidence(question)
        full, masked = examples.matrix, examples.generic
        if full is not None and masked is not None:
            own = full @ np.asarray(vector, dtype=np.float32) > 0.985  # the question is an answered example
            full, masked = full[~own], masked[~own]
        _, near, answered_near = unanswered.nearness(vector, generic, (full, masked))
        rows.append((name, near - answered_near, closest, unanswerable))
    files = sorted({r[0] for r in rows})
    fold = np.array([files.index(r[0]) % 2 for r in rows])
    margin = np.array([r[1] for r in rows])
    evidence = np.array([r[2] for r in rows])
    unanswerable = np.array([r[3] for r in rows])

    def counts(mask: np.ndarray, m: float, e: float) -> tuple[int, int]:
        refused = (margin >= m) & (evidence < e) & mask
        return int((refused & unanswerable).sum()), int((refused & ~unanswerable).sum())

    grid = [(m, e) for m in MARGINS for e in EVIDENCE]
    total_gain = total_loss = 0
    for f in (0, 1):
        train = fold != f
        m, e = max(grid, key=lambda g: counts(train, *g)[0] - LOSS_COST * counts(train, *g)[1])
        gain, loss = counts(fold == f, m, e)
        total_gain, total_loss = total_gain + gain, total_loss + loss
        print(f"fold {f}: chose MARGIN={m} WEAK_EVIDENCE={e}; held out: {gain} refused unanswerable, {loss} answerable")
    print(f"two folds: {total_gain} of {int(unanswerable.sum())} unanswerable refused, {total_loss} answerable refused")
    everything = np.ones(len(rows), dtype=bool)
    print("all files, refused unanswerable/answerable, by MARGIN (rows) and WEAK_EVIDENCE (columns):")
    for m in MARGINS:
        cells = ("{}/{}".format(*counts(everything, m, e)) for e in EVIDENCE)
        print(f"  {m:.2f} " + "  ".join(f"{e}: {cell:>7}" for e, cell in zip(EVIDENCE, cells, strict=True)))


if __name__ == "__main__":
    main(sys.argv[1:])
