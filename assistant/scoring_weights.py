"""The weights of the unit score (answer_scoring.py) as data: a TOML file read with the Settings.

A unit's score is its embedding similarity to the question (weight 1, the scale every later threshold reads)
plus each of its features times that feature's weight. The features and what each weight means are listed in
answer_scoring.py; their defaults there were set by hand. A weights file (stats/scoring_weights.toml, written by
scripts/fit_scoring.py from the answered example questions) overrides any of them; a missing file means the
defaults, and an unknown name or a non-number is an error, not a silently ignored line.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class ScoringWeights:
    """What each feature of a unit adds to (or, for the penalties, takes off) its score; semantic counts 1."""

    # the unit's embedding similarity to the question: the scale of every margin the later steps read (a fit that
    # moves the other weights may rescale them all, this one with them, to keep those margins what they were)
    semantic: float = 1.0
    lexical: float = 0.5  # the question's (IDF-weighted) words in the unit
    in_heading: float = 0.3  # ... those only its heading path holds (an item under 'Technical Skills' is one)
    search_rank: float = 0.1  # the passage's fused search rank, as a share of the best (removed: dev -1, probes -7)
    opening: float = 0.1  # a section's opening sentence, by how much the question names its heading (removed: dev -2)
    label_named: float = 0.2  # an item whose label the question names, by how much; negative for another entity's
    names_entity_only: float = -0.75  # ... the label names the context entity only, or another entity keyed by it
    # what a unit about another entity of a list keyed by the asked one counts less: that entity's own item or a
    # sentence naming it and not the asked one (removed: 'what do robotics engineers build?' refused)
    other_entity: float = 0.3
    defines: float = 0.3  # the sentence defines the asked phrase
    # what a unit gains, at most, for having answered questions near this one (answer_examples.py)
    example_prior: float = 0.6
    both_sides: float = 0.25  # a comparison's sentence speaking of both sides
    claim_held: float = 0.3  # a sentence holding every word of a yes/no question's claim (claim_asked.py)
    # a sentence naming the figure a method question asks of ("how is that median worked out?": "Median Salary
    # Expectation - the weighted average ..."), among the method sentences of several figures
    names_asked_figure: float = 0.2
    qualifies_said: float = 0.2  # a qualifying sentence ("This is not ..., but ...") on "is that high?" of a figure
    reason_given: float = 0.1  # a causal sentence on a "why" question (removed: probes -2)
    remedy_given: float = 0.2  # a sentence offering a remedy (or an instruction) on a "how do I avoid X" question
    problem_on_remedy: float = 0.2  # an item of the named list of problems, on a "how do I prevent those?" question
    instances_given: float = 0.2  # a unit naming things ("TensorFlow, PyTorch") on a "what tools" question
    example_sentence: float = 0.1  # what a sentence opening "For instance, ..." counts less (removed: dev -1)
    example_given: float = 0.2  # ... and what a sentence giving examples gains when examples are asked
    bare_figure: float = 0.3  # a short salary line, off a figure question (the statistics route owns figures)
    bare_label: float = 0.2  # a unit under four words
    leaning_item: float = 0.15  # a list item opening with a pronoun
    closing_remark: float = 0.25  # a section's closing remark glued onto its last item ("By following this plan")

    @classmethod
    def load(cls, path: Path | None) -> ScoringWeights:
        """The weights a file sets, the defaults for the rest; no file (or None) means the defaults."""
        if path is None or not Path(path).is_file():
            return cls()
        try:
            data: dict[str, Any] = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ValueError(f"scoring weights {path}: {exc}") from exc
        table = data.get("weights", data)
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(table) - known)
        if unknown:
            raise ValueError(f"scoring weights {path}: unknown weight(s) {', '.join(unknown)}")
        values: dict[str, float] = {}
        for name, value in table.items():
            if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
                raise ValueError(f"scoring weights {path}: {name} must be a finite number, not {value!r}")
            values[name] = float(value)
        return replace(cls(), **values)

    def as_dict(self) -> dict[str, float]:
        return asdict(self)
