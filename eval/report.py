"""Run outputs: results.json (stable schema), junit.xml (one testcase per case), summary.md, report.html.

The Markdown summary is what CI logs and the README quote; the HTML report (eval/html_report.py) carries
the same figures with charts. Unmeasured metrics print as "unmeasured", never as 0.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from eval.html_report import render_html
from eval.metrics import METRIC_NAMES
from eval.models import CaseResult, MetricValue, RunResult, Summary

HEADLINE_METRICS = tuple(name for name in METRIC_NAMES if name not in ("abstention_accuracy", "wall_p50_ms"))


def format_metric(name: str, metric: MetricValue | None) -> str:
    """'93.1%' for rates, '12.3 ms' for latencies, 'unmeasured' when there was nothing to measure."""
    if metric is None or metric.value is None:
        return "unmeasured"
    if name.endswith("_ms"):
        return f"{metric.value:,.1f} ms"
    if name.endswith("_chars"):
        return f"{metric.value:,.0f} chars"
    return f"{metric.value * 100:.1f}%"


def write_outputs(result: RunResult, out_dir: Path) -> dict[str, Path]:
    """Write all four outputs into `out_dir`; returns their paths by name."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {
        "results": out_dir / "results.json",
        "junit": out_dir / "junit.xml",
        "summary": out_dir / "summary.md",
        "html": out_dir / "report.html",
    }
    paths["results"].write_text(result.model_dump_json(indent=2), encoding="utf-8")
    paths["junit"].write_bytes(junit_xml(result))
    paths["summary"].write_text(summary_markdown(result), encoding="utf-8")
    paths["html"].write_text(render_html(result), encoding="utf-8")
    return paths


# ---------------------------------------------------------------- junit


def junit_xml(result: RunResult) -> bytes:
    """One <testsuite> per kind, one <testcase> per case; failures carry the failed checks and the answer."""
    root = ET.Element("testsuites", name="assistant-eval")
    by_kind: dict[str, list[CaseResult]] = {}
    for case in result.assistant.cases:
        by_kind.setdefault(case.kind, []).append(case)
    for kind, cases in sorted(by_kind.items()):
        seconds = sum(t.observation.wall_ms for c in cases for t in c.turns) / 1000
        suite = ET.SubElement(
            root,
            "testsuite",
            name=f"eval.{kind}",
            tests=str(len(cases)),
            failures=str(sum(not case.passed for case in cases)),
            errors="0",
            skipped="0",
            time=f"{seconds:.3f}",
        )
        properties = ET.SubElement(suite, "properties")
        for key in ("git_commit", "channel", "model"):
            ET.SubElement(properties, "property", name=key, value=str(getattr(result.manifest, key)))
        for case in cases:
            element = ET.SubElement(
                suite,
                "testcase",
                classname=f"eval.{kind}",
                name=case.id,
                time=f"{sum(t.observation.wall_ms for t in case.turns) / 1000:.3f}",
            )
            case_properties = ET.SubElement(element, "properties")  # as pytest's record_property writes them
            ET.SubElement(case_properties, "property", name="split", value=case.split)
            if not case.passed:
                failure = ET.SubElement(element, "failure", message="; ".join(case.failed_checks))
                failure.text = _failure_text(case)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _failure_text(case: CaseResult) -> str:
    lines = []
    for turn in case.turns:
        lines.append(f"Q{turn.index + 1}: {turn.message}")
        lines.append(f"A{turn.index + 1} (route={turn.observation.route}, abstained={turn.observation.abstained}):")
        lines.append(turn.observation.answer or f"<no answer: {turn.observation.error}>")
        lines.extend(f"  - {c.name}: {c.detail}" for c in turn.checks if c.status == "fail")
    return "\n".join(lines)


# ---------------------------------------------------------------- markdown


def _metric_table(summaries: dict[str, Summary], names: tuple[str, ...]) -> list[str]:
    scopes = list(summaries)
    lines = ["| metric | " + " | ".join(scopes) + " |", "|---|" + "---|" * len(scopes)]
    for name in names:
        cells = [format_metric(name, summaries[scope].metrics.get(name)) for scope in scopes]
        if all(cell == "unmeasured" for cell in cells) and name.startswith(("judge_", "channel_")):
            continue  # optional modes that did not run this time
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines


def summary_markdown(result: RunResult) -> str:
    """The run in Markdown: verdict, metrics per kind, ours vs baseline, abstention, regressions, failures."""
    run, manifest = result.assistant, result.manifest
    verdict = "PASSED" if result.gates.passed else "FAILED"
    lines = [
        f"# Eval summary: gates {verdict}",
        "",
        f"- channel: `{manifest.channel}`{f' ({manifest.api_url})' if manifest.api_url else ''}; "
        f"cases: {run.overall.cases}, passed: {run.overall.passed}",
        f"- commit: `{manifest.git_commit}`{' (dirty)' if manifest.git_dirty else ''}; "
        f"fingerprints: {', '.join(f'{k}=`{v}`' for k, v in manifest.fingerprints.items())}",
        f"- started {manifest.started_at}, finished {manifest.finished_at}",
        "",
        "## Metrics",
        "",
        *_metric_table({"overall": run.overall, **run.per_kind}, HEADLINE_METRICS),
        "",
    ]
    if run.per_split:
        splits = list(run.per_split)
        lines += [
            "## Case accuracy per kind and split (dev: may be looked at; heldout: never tuned on)",
            "",
            "| kind | " + " | ".join(splits) + " |",
            "|---|" + "---|" * len(splits),
        ]
        for kind in ["overall", *run.per_kind]:
            cells = []
            for split in splits:
                summary = run.per_split[split] if kind == "overall" else run.per_split_kind[split].get(kind)
                cells.append(
                    "-"
                    if summary is None
                    else f"{format_metric('x', summary.metrics['case_accuracy'])} ({summary.passed}/{summary.cases})"
                )
            lines.append(f"| {kind} | " + " | ".join(cells) + " |")
        lines.append("")
    if result.baseline_rag is not None:
        base = result.baseline_rag
        lines += [
            "## Ours vs plain LangChain RAG (1000/200 splitter, Chroma, top-4 passages as the answer)"
            + (" (cached for this build)" if base.cached else ""),
            "",
            "| kind | cases | ours: case accuracy | baseline: case accuracy | ours: answer accuracy "
            "| baseline: answer accuracy |",
            "|---|---|---|---|---|---|",
        ]
        for kind in ["overall", *run.per_kind]:
            ours = run.overall if kind == "overall" else run.per_kind[kind]
            theirs = base.overall if kind == "overall" else base.per_kind.get(kind)
            lines.append(
                f"| {kind} | {ours.cases} | {format_metric('x', ours.metrics['case_accuracy'])} | "
                f"{format_metric('x', theirs.metrics['case_accuracy'] if theirs else None)} | "
                f"{format_metric('x', ours.metrics['answer_accuracy'])} | "
                f"{format_metric('x', theirs.metrics['answer_accuracy'] if theirs else None)} |"
            )
        lines += [
            "",
            "Baseline retrieval (same expected sections): "
            + ", ".join(
                f"{name} {format_metric(name, base.overall.metrics[name])}"
                for name in ("hit_at_k", "mrr", "ndcg_at_k", "latency_p95_ms", "answer_p50_chars")
            ),
            "",
        ]
    matrix = run.overall.abstention
    lines += [
        "## Abstention (positive = abstained)",
        "",
        "| | abstained | answered |",
        "|---|---|---|",
        f"| should abstain | {matrix.tp} (TP) | {matrix.fn} (FN) |",
        f"| should answer | {matrix.fp} (FP) | {matrix.tn} (TN) |",
        "",
        "## Gates",
        "",
    ]
    gated = result.manifest.selection.get("gate_split", "all")
    if gated != "all":
        lines += [
            f"Applied to the {gated} split's figures and cases; the other splits are reported above, not gated.",
            "",
        ]
    lines += [
        f"- **{gate.status.upper()}** {gate.gate}"
        + (f" (actual {gate.actual:.4g})" if gate.actual is not None else "")
        + (f": {gate.detail}" if gate.detail else "")
        for gate in result.gates.results
    ]
    if result.regression is not None:
        reg = result.regression
        lines += [
            "",
            f"## Against {reg.baseline_results}",
            "",
            f"- pass -> fail ({len(reg.pass_to_fail)}): {', '.join(reg.pass_to_fail) or 'none'}",
            f"- fail -> pass ({len(reg.fail_to_pass)}): {', '.join(reg.fail_to_pass) or 'none'}",
            f"- new cases: {len(reg.new_cases)}; removed cases: {len(reg.removed_cases)}",
            "",
            "| metric | before | after | delta |",
            "|---|---|---|---|",
        ]
        for name, delta in reg.metric_deltas.get("overall", {}).items():
            if name in HEADLINE_METRICS and (delta.before is not None or delta.after is not None):
                change = f"{delta.delta:+.4g}" if delta.delta is not None else "n/a"
                lines.append(f"| {name} | {_plain(delta.before)} | {_plain(delta.after)} | {change} |")
    failing = [case for case in run.cases if not case.passed]
    lines += ["", f"## Failing cases ({len(failing)})", ""]
    for case in failing:
        lines.append(f"### `{case.id}` ({case.kind}): {'; '.join(case.failed_checks)}")
        for turn in case.turns:
            answer = (turn.observation.answer or f"<no answer: {turn.observation.error}>").replace("\n", " ")
            lines += [
                f"- Q: {turn.message}",
                f"- A ({turn.observation.route}, abstained={turn.observation.abstained}): {answer[:400]}",
            ]
            lines += [f"  - {c.name}: {c.detail}" for c in turn.checks if c.status == "fail"]
        lines.append("")
    return "\n".join(lines) + "\n"


def _plain(value: float | None) -> str:
    return "unmeasured" if value is None else f"{value:.4g}"
