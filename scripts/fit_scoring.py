"""Fit the unit score's weights (assistant/scoring_weights.py) to answered example questions.

    capture EXAMPLES PRIOR OUT.pkl  answer every question of EXAMPLES (stats/answer_examples.yaml's format) with
                                    PRIOR as the answer examples (another fold's, so the prior never leaks the answer)
                                    and keep, for its documents part, every unit's features and whether it holds the
                                    example's quote
    search LIST EXAMPLES OUT.toml [--start W.toml] [--toward W.toml] [--test LIST TEST_EXAMPLES]
                                    the weights that answer most questions of the probe files LIST (their expected
                                    phrases in the whole pipeline's answer, EXAMPLES as the answer examples): a line
                                    search toward --toward (e.g. fit's weights), then coordinate passes, a step
                                    kept only when it gains at least --min-gain questions; --test prints the held-out
                                    fold's count before and after
    fit TRAIN.pkl [TRAIN.pkl ...] [--test TEST.pkl] [--l2 X] [--shrink S] [--out W.toml]
                                    a listwise (softmax) linear fit: semantic fixed at 1 (the scale later thresholds
                                    read), every other weight free and pulled toward the current default by an L2
                                    term; prints the proxy (is the top unit the answer?) before and after

The capture needs a build (ASSISTANT_DATA_DIR). Figures and the method: findings-fit.md.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import yaml

from assistant.scoring_weights import ScoringWeights

# names_entity_only is a value of label_named's feature, not a weight of its own: kept as it is
# semantic stays 1 in a fit (the scale); search may rescale all of them together (--scales)
FITTED = [name for name in ScoringWeights().as_dict() if name not in ("names_entity_only", "semantic")]


def capture(examples: Path, prior: Path, out: Path) -> None:
    from assistant.pipeline import build_assistant
    from assistant.settings import Settings

    assistant = build_assistant(Settings(shared_state="memory", answer_examples=prior))
    scorer = assistant.build.document_answerer.scorer
    rows = []
    items = yaml.safe_load(examples.read_text(encoding="utf-8"))["examples"]
    for item in items:
        scorer.capture = []
        assistant.ask(item["q"])
        assistant.clear_caches()  # a repeated question would be answered from the reply cache, unscored
        calls, scorer.capture = scorer.capture, None
        if not calls:
            continue
        _, units = calls[0]  # the first documents part's units (an example question is one part)
        quote = item["quote"].strip()
        labelled = [(semantic, feats, any(quote in line for line in lines)) for lines, semantic, feats, _ in units]
        rows.append((item["q"], quote, labelled))
    out.write_bytes(pickle.dumps(rows))
    found = sum(any(y for _, _, y in units) for _, _, units in rows)
    print(f"{out}: {len(rows)} of {len(items)} questions scored units; the quote among them in {found}")


def load(path: Path) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Per question with its answer among the units: (semantic, features matrix, is-answer)."""
    data = []
    for _, _, units in pickle.loads(path.read_bytes()):
        y = np.array([label for _, _, label in units], dtype=bool)
        if not y.any() or y.all():
            continue  # nothing to rank: the answer is not a candidate (retrieval's miss) or every unit is it
        sem = np.array([s for s, _, _ in units], dtype=float)
        feats = np.array([[f.get(name, 0.0) for name in FITTED] for _, f, _ in units], dtype=float)
        data.append((sem, feats, y))
    return data


def top1(data: list, w: np.ndarray) -> int:
    """Questions whose best-scored unit holds the answer (ties: the first, as a stable sort keeps it)."""
    return sum(bool(y[int(np.argmax(sem + feats @ w))]) for sem, feats, y in data)


def fit(data: list, w0: np.ndarray, l2: float) -> tuple[np.ndarray, float]:
    """Minimise the mean softmax loss of the answer units (with a fitted sharpness) + l2 * |w - w0|^2."""
    from scipy.optimize import minimize

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, beta = theta[:-1], np.exp(theta[-1])
        total, grad_w, grad_b = 0.0, np.zeros_like(w), 0.0
        for sem, feats, y in data:
            s = sem + feats @ w
            z = beta * s
            z -= z.max()
            p = np.exp(z)
            p /= p.sum()
            q = p * y
            q /= q.sum()
            total -= np.log((np.exp(z) * y).sum() / np.exp(z).sum())
            diff = q - p  # d(-loss)/dz
            grad_w -= beta * (feats.T @ diff)
            grad_b -= beta * float(diff @ s)
        n = len(data)
        reg = l2 * float(((w - w0) ** 2).sum())
        return total / n + reg, np.append(grad_w / n + 2 * l2 * (w - w0), grad_b / n)

    theta0 = np.append(w0, np.log(10.0))
    result = minimize(loss, theta0, jac=True, method="L-BFGS-B")
    return result.x[:-1], float(np.exp(result.x[-1]))


def probe_items(listing: Path) -> list[tuple[str, list[str], object, list[str]]]:
    """(id, turns, all/any, phrases) of every answerable question of the probe files `listing` names."""
    items = []
    for name in listing.read_text(encoding="utf-8").split():
        for item in yaml.safe_load(Path(name).read_text(encoding="utf-8")) or []:
            question = item.get("question") or item.get("q")
            if not question or (item.get("route") and "abstain" in item["route"]):
                continue
            if "expect" in item:
                need, mode = item["expect"], all
            elif "phrases" in item:
                need, mode = item["phrases"], any
            elif "key" in item:
                need, mode = item["key"], all
            else:
                continue
            need = [need] if isinstance(need, str) else need
            turns = question if isinstance(question, list) else [question]
            items.append((f"{Path(name).stem}:{item.get('id')}", turns, mode, [p.lower() for p in need]))
    return items


class Runner:
    """One assistant (model and build loaded once) answering probe files under weights set in place."""

    def __init__(self, examples: Path) -> None:
        from assistant.pipeline import build_assistant
        from assistant.settings import Settings

        self.assistant = build_assistant(Settings(shared_state="memory", answer_examples=examples))
        # per item list: the ids the scorer took part in, and the failing ids among the others (never changing)
        self._settled: dict[int, tuple[set[str], set[str]]] = {}

    def failing(self, items: list, weights: ScoringWeights) -> set[str]:
        """The ids of `items` whose answer lacks its expected phrases under `weights`. Only the questions the
        unit scorer took part in can change with the weights: after the first call the others keep their result."""
        scorer = self.assistant.build.document_answerer.scorer
        scorer.weights, scorer._w = weights, weights.as_dict()  # noqa: SLF001 - the scorer's weights, swapped
        self.assistant.clear_caches()
        known = self._settled.get(id(items))
        fails = set(known[1]) if known else set()
        scored = set()
        for name, turns, mode, need in items:
            if known and name not in known[0]:
                continue
            scorer.capture = []
            session = None
            for turn in turns:
                reply = self.assistant.ask(turn, session_id=session) if session else self.assistant.ask(turn)
                session = getattr(reply, "session_id", None)
            if scorer.capture:
                scored.add(name)
            scorer.capture = None
            answer = reply.answer.lower()
            if not (need and mode(p in answer for p in need)):
                fails.add(name)
        if not known:
            self._settled[id(items)] = (scored, {n for n in fails if n not in scored})
        return fails


def write_weights(path: Path, weights: ScoringWeights, note: str) -> None:
    lines = [f"# {line}" for line in note.splitlines()] + ["[weights]"]
    lines += [f"{name} = {round(v, 3)}" for name, v in weights.as_dict().items() if name != "names_entity_only"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def search(args: argparse.Namespace) -> None:
    items = probe_items(args.list)
    runner = Runner(args.examples)
    start = ScoringWeights.load(args.start) if args.start else ScoringWeights()
    best, fails = start, runner.failing(items, start)
    base = len(fails)
    print(f"train {len(items) - base}/{len(items)} at the start", flush=True)

    def attempt(candidate: ScoringWeights, what: str) -> None:
        nonlocal best, fails
        trial = runner.failing(items, candidate)
        print(f"    tried {what}: {len(items) - len(trial)}", flush=True)
        gain = len(fails) - len(trial)
        if gain >= args.min_gain:
            print(f"  {what}: {len(items) - len(trial)} (+{gain}; lost {len(trial - fails)})", flush=True)
            best, fails = candidate, trial

    if args.toward:
        toward = ScoringWeights.load(args.toward).as_dict()
        for share in (0.25, 0.5, 0.75, 1.0):
            now = start.as_dict()
            attempt(replace(start, **{k: now[k] + share * (toward[k] - now[k]) for k in FITTED}), f"toward x{share}")
    for scale in args.scales:
        now = best.as_dict()
        attempt(replace(best, **{k: now[k] * scale for k in [*FITTED, "semantic"]}), f"all x{scale}")
    for _ in range(args.passes):
        before = len(fails)
        for name in FITTED:
            value = best.as_dict()[name]
            for step in sorted({0.0, value * 0.5, value * 2 if value else 0.2}):
                if round(step, 3) != round(value, 3):
                    attempt(replace(best, **{name: round(step, 3)}), f"{name} {value:.3f} -> {step:.3f}")
        if len(fails) >= before:
            break
    print(f"train {len(items) - len(fails)}/{len(items)} (was {len(items) - base})")
    write_weights(args.out, best, f"scripts/fit_scoring.py search {args.list} {args.examples}")
    if args.test:
        test_items = probe_items(Path(args.test[0]))
        tester = Runner(Path(args.test[1]))
        was, now = tester.failing(test_items, start), tester.failing(test_items, best)
        print(f"test {len(test_items) - len(was)} -> {len(test_items) - len(now)} of {len(test_items)}")
        print("  lost: " + " ".join(sorted(now - was)))
        print("  gained: " + " ".join(sorted(was - now)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    cap = sub.add_parser("capture")
    cap.add_argument("examples", type=Path)
    cap.add_argument("prior", type=Path)
    cap.add_argument("out", type=Path)
    srch = sub.add_parser("search")
    srch.add_argument("list", type=Path)
    srch.add_argument("examples", type=Path)
    srch.add_argument("out", type=Path)
    srch.add_argument("--start", type=Path)
    srch.add_argument("--toward", type=Path)
    srch.add_argument("--min-gain", type=int, default=2)
    srch.add_argument("--passes", type=int, default=2)
    srch.add_argument("--test", nargs=2)
    srch.add_argument("--scales", type=float, nargs="*", default=[])
    fitp = sub.add_parser("fit")
    fitp.add_argument("train", type=Path, nargs="+")
    fitp.add_argument("--test", type=Path)
    fitp.add_argument("--shrink", type=float, default=1.0, help="write the defaults + SHRINK x (fit - defaults)")
    fitp.add_argument("--l2", type=float, nargs="+", default=[0.01])
    fitp.add_argument("--out", type=Path)
    args = parser.parse_args()
    if args.command == "capture":
        capture(args.examples, args.prior, args.out)
        return
    if args.command == "search":
        search(args)
        return
    train = [row for path in args.train for row in load(path)]
    test = load(args.test) if args.test else []
    w0 = np.array([ScoringWeights().as_dict()[name] for name in FITTED])
    used = np.array([any(np.any(f[:, i] != 0) for _, f, _ in train) for i in range(len(FITTED))])
    print(f"train {len(train)} questions, test {len(test)}; current weights: train {top1(train, w0)}", end="")
    print(f", test {top1(test, w0)}" if test else "")
    for l2 in args.l2:
        w, beta = fit(train, w0, l2)
        w = np.where(used, w, w0)  # a feature the training fold never shows keeps its weight
        w = w0 + args.shrink * (w - w0)  # part way: the ranking proxy overstates what the whole answer gains
        print(f"l2 {l2}: train {top1(train, w)}" + (f", test {top1(test, w)}" if test else "") + f", beta {beta:.1f}")
        for name, before, after in zip(FITTED, w0, w, strict=True):
            if abs(after - before) > 0.005:
                print(f"    {name:18} {before:6.3f} -> {after:6.3f}")
        if args.out:
            train_files = " ".join(str(p) for p in args.train)
            note = f"scripts/fit_scoring.py fit {train_files} --l2 {l2} --shrink {args.shrink}"
            write_weights(args.out, replace(ScoringWeights(), **dict(zip(FITTED, map(float, w), strict=True))), note)


if __name__ == "__main__":
    sys.exit(main())
