"""`--gate-split dev`: every split is run and reported, the gates read the dev split only (CI's setting)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.cli import main

pytestmark = pytest.mark.slow


def test_gates_read_only_the_chosen_split(
    built_data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(built_data_dir))
    args = ["--kind", "documents", "--no-progress", "--no-rag-baseline"]
    main([*args, "--gate-split", "dev", "--out", str(tmp_path / "dev")])
    main([*args, "--out", str(tmp_path / "all")])
    dev = json.loads((tmp_path / "dev" / "results.json").read_text())
    every = json.loads((tmp_path / "all" / "results.json").read_text())
    assert dev["manifest"]["selection"]["gate_split"] == "dev"
    assert {c["split"] for c in dev["assistant"]["cases"]} == {"dev", "heldout"}  # both run and reported

    def gated_accuracy(run: dict) -> float:
        return next(g for g in run["gates"]["results"] if g["gate"].startswith("overall.case_accuracy"))["actual"]

    dev_accuracy = dev["assistant"]["per_split"]["dev"]["metrics"]["case_accuracy"]["value"]
    all_accuracy = every["assistant"]["overall"]["metrics"]["case_accuracy"]["value"]
    assert dev_accuracy != pytest.approx(all_accuracy)  # the splits differ, so the check below can fail
    assert gated_accuracy(dev) == pytest.approx(dev_accuracy)
    assert gated_accuracy(every) == pytest.approx(all_accuracy)
