"""A self-contained HTML report: inline CSS and inline SVG charts, no scripts, fonts or links to fetch.

Charts: case accuracy per kind (ours vs the RAG baseline), the abstention confusion matrix, and the latency
distribution; then metric tables, gates, and every failing case with the assistant's answer.
"""

from __future__ import annotations

import math
from html import escape

from eval.models import AbstentionMatrix, RunResult, SystemRun

OURS_COLOUR = "#2563eb"
BASE_COLOUR = "#f59e0b"
_CSS = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px auto;max-width:1100px;
color:#111827;padding:0 16px}
h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #e5e7eb;padding-bottom:4px}
table{border-collapse:collapse;margin:8px 0;font-size:13px}td,th{border:1px solid #e5e7eb;padding:4px 8px;
text-align:left}th{background:#f9fafb}.pass{color:#047857;font-weight:600}.fail{color:#b91c1c;font-weight:600}
.skipped{color:#6b7280}.verdict{padding:4px 10px;border-radius:6px;color:#fff}.ok{background:#047857}
.bad{background:#b91c1c}.charts{display:flex;flex-wrap:wrap;gap:24px}figure{margin:0}
figcaption{font-size:12px;color:#4b5563}details{margin:6px 0}pre{white-space:pre-wrap;background:#f9fafb;
padding:8px;border:1px solid #e5e7eb}.muted{color:#6b7280}
"""


def _pct(value: float | None) -> str:
    return "unmeasured" if value is None else f"{value * 100:.1f}%"


def _fmt(name: str, value: float | None) -> str:
    if value is None:
        return '<span class="muted">unmeasured</span>'
    if name.endswith("_ms"):
        return f"{value:,.1f} ms"
    return f"{value:,.0f} chars" if name.endswith("_chars") else f"{value * 100:.1f}%"


def accuracy_chart(ours: SystemRun, baseline: SystemRun | None) -> str:
    """Grouped bars: case accuracy per kind and overall, ours vs baseline (0-100%)."""
    kinds = [*ours.per_kind, "overall"]
    width, height, left, bottom, top = 640, 280, 44, 48, 16
    plot_w, plot_h = width - left - 16, height - bottom - top
    group = plot_w / max(len(kinds), 1)
    bar = group / 3
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
        'aria-label="Case accuracy per kind">'
    ]
    for tick in range(0, 101, 25):
        y = top + plot_h * (1 - tick / 100)
        parts.append(f'<line x1="{left}" x2="{width - 16}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e5e7eb"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end">{tick}%</text>')
    for index, kind in enumerate(kinds):
        x0 = left + index * group + bar / 2
        series = [(ours, OURS_COLOUR, "ours"), (baseline, BASE_COLOUR, "baseline")]
        for offset, (run, colour, label) in enumerate(series):
            summary = None if run is None else (run.overall if kind == "overall" else run.per_kind.get(kind))
            value = summary.metrics["case_accuracy"].value if summary else None
            x = x0 + offset * bar
            if value is None:
                parts.append(
                    f'<text x="{x + bar / 2:.1f}" y="{top + plot_h - 4}" font-size="9" '
                    f'text-anchor="middle" fill="#9ca3af">n/a</text>'
                )
                continue
            h = plot_h * value
            parts.append(
                f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar - 2:.1f}" height="{h:.1f}" '
                f'fill="{colour}"><title>{escape(kind)} {label}: {_pct(value)}</title></rect>'
            )
            parts.append(
                f'<text x="{x + bar / 2 - 1:.1f}" y="{top + plot_h - h - 3:.1f}" font-size="9" '
                f'text-anchor="middle">{value * 100:.0f}</text>'
            )
        parts.append(
            f'<text x="{x0 + bar:.1f}" y="{height - bottom + 16}" font-size="11" '
            f'text-anchor="middle">{escape(kind)}</text>'
        )
    legend_y = height - 12
    parts.append(
        f'<rect x="{left}" y="{legend_y - 9}" width="10" height="10" fill="{OURS_COLOUR}"/>'
        f'<text x="{left + 14}" y="{legend_y}" font-size="11">our assistant</text>'
    )
    if baseline is not None:
        parts.append(
            f'<rect x="{left + 120}" y="{legend_y - 9}" width="10" height="10" fill="{BASE_COLOUR}"/>'
            f'<text x="{left + 134}" y="{legend_y}" font-size="11">LangChain RAG baseline</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def abstention_chart(matrix: AbstentionMatrix) -> str:
    """2x2 confusion matrix, cells shaded by count; green where the assistant was right."""
    cells = [
        ("should abstain", "abstained", matrix.tp, "TP", True),
        ("should abstain", "answered", matrix.fn, "FN", False),
        ("should answer", "abstained", matrix.fp, "FP", False),
        ("should answer", "answered", matrix.tn, "TN", True),
    ]
    peak = max([c[2] for c in cells] + [1])
    size, left, top = 110, 110, 30
    side = 2 * size + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + side}" height="{top + side}" '
        'role="img" aria-label="Abstention confusion matrix">',
        f'<text x="{left + size / 2}" y="18" font-size="11" text-anchor="middle">abstained</text>',
        f'<text x="{left + 1.5 * size}" y="18" font-size="11" text-anchor="middle">answered</text>',
        f'<text x="{left - 8}" y="{top + size / 2}" font-size="11" text-anchor="end">should abstain</text>',
        f'<text x="{left - 8}" y="{top + 1.5 * size}" font-size="11" text-anchor="end">should answer</text>',
    ]
    for index, (_, _, count, label, right) in enumerate(cells):
        x, y = left + (index % 2) * size, top + (index // 2) * size
        alpha = 0.15 + 0.85 * count / peak
        colour = f"rgba(4,120,87,{alpha:.2f})" if right else f"rgba(185,28,28,{alpha:.2f})"
        parts.append(
            f'<rect x="{x}" y="{y}" width="{size - 2}" height="{size - 2}" fill="{colour}"/>'
            f'<text x="{x + size / 2}" y="{y + size / 2}" font-size="20" text-anchor="middle">{count}'
            f'</text><text x="{x + size / 2}" y="{y + size / 2 + 18}" font-size="11" '
            f'text-anchor="middle">{label}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def latency_chart(ours: list[float], baseline: list[float], bins: int = 20) -> str:
    """Histogram of per-turn latency (ms), ours and baseline overlaid."""
    width, height, left, bottom, top = 640, 240, 44, 40, 12
    values = ours + baseline
    if not values:
        return '<p class="muted">no latency measured</p>'
    ceiling = max(sorted(values)[max(0, math.ceil(len(values) * 0.99) - 1)], 1e-6)
    step = ceiling / bins

    def counts(series: list[float]) -> list[int]:
        found = [0] * bins
        for value in series:
            found[min(bins - 1, int(value / step))] += 1
        return found

    ours_counts, base_counts = counts(ours), counts(baseline)
    peak = max(ours_counts + base_counts + [1])
    plot_w, plot_h = width - left - 16, height - bottom - top
    bar = plot_w / bins
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
        'aria-label="Latency distribution">'
    ]
    for series, colour in ((ours_counts, OURS_COLOUR), (base_counts, BASE_COLOUR)):
        for index, count in enumerate(series):
            if count:
                h = plot_h * count / peak
                parts.append(
                    f'<rect x="{left + index * bar:.1f}" y="{top + plot_h - h:.1f}" width="{bar - 1:.1f}" '
                    f'height="{h:.1f}" fill="{colour}" fill-opacity="0.6"><title>'
                    f"{index * step:.0f}-{(index + 1) * step:.0f} ms: {count}</title></rect>"
                )
    for tick in range(0, bins + 1, 5):
        x = left + tick * bar
        parts.append(
            f'<text x="{x:.1f}" y="{height - bottom + 14}" font-size="10" text-anchor="middle">{tick * step:.0f}</text>'
        )
    parts.append(
        f'<text x="{left + plot_w / 2}" y="{height - 8}" font-size="11" text-anchor="middle">'
        f"latency per turn, ms (last bin holds the slowest 1%; peak bin {peak} turns)</text></svg>"
    )
    return "".join(parts)


def _latencies(run: SystemRun | None) -> list[float]:
    if run is None:
        return []
    return [t.observation.latency_ms for c in run.cases for t in c.turns if t.observation.latency_ms is not None]


def _metrics_table(run: SystemRun, base: SystemRun | None) -> str:
    scopes = {"overall": run.overall, **run.per_kind}
    names = [
        name
        for name in run.overall.metrics
        if not name.startswith(("judge_", "channel_"))
        or any(summary.metrics[name].value is not None for summary in scopes.values())
    ]
    header = "".join(f"<th>{escape(scope)}</th>" for scope in scopes)
    header += "<th>baseline (overall)</th>" if base else ""
    rows = []
    for name in names:
        cells = "".join(f"<td>{_fmt(name, summary.metrics[name].value)}</td>" for summary in scopes.values())
        if base is not None:
            cells += f"<td>{_fmt(name, base.overall.metrics[name].value)}</td>"
        rows.append(f"<tr><td>{escape(name)}</td>{cells}</tr>")
    return f"<table><tr><th>metric</th>{header}</tr>{''.join(rows)}</table>"


def _gates_table(result: RunResult) -> str:
    rows = "".join(
        f'<tr><td class="{g.status}">{g.status}</td><td>{escape(g.gate)}</td>'
        f"<td>{'' if g.actual is None else f'{g.actual:.4g}'}</td><td>{escape(g.detail)}</td></tr>"
        for g in result.gates.results
    )
    return f"<table><tr><th>status</th><th>gate</th><th>actual</th><th>detail</th></tr>{rows}</table>"


def _failing_cases(run: SystemRun) -> str:
    blocks = []
    for case in run.cases:
        if case.passed:
            continue
        turns = []
        for turn in case.turns:
            seen = turn.observation
            failed = "".join(
                f"<li>{escape(c.name)}: {escape(c.detail)}</li>" for c in turn.checks if c.status == "fail"
            )
            turns.append(
                f"<p><b>Q:</b> {escape(turn.message)}<br><b>A</b> <span class='muted'>(route="
                f"{escape(str(seen.route))}, abstained={seen.abstained})</span>:</p>"
                f"<pre>{escape(seen.answer or str(seen.error))}</pre><ul>{failed}</ul>"
            )
        summary = f"<b>{escape(case.id)}</b> ({escape(case.kind)}): {escape('; '.join(case.failed_checks))}"
        blocks.append(f"<details><summary>{summary}</summary>{''.join(turns)}</details>")
    return "".join(blocks) or "<p>none</p>"


def _regression(result: RunResult) -> str:
    if result.regression is None:
        return ""
    reg = result.regression
    return (
        f"<h2>Against {escape(reg.baseline_results)}</h2><p>pass → fail ({len(reg.pass_to_fail)}): "
        f"{escape(', '.join(reg.pass_to_fail) or 'none')}<br>fail → pass ({len(reg.fail_to_pass)}): "
        f"{escape(', '.join(reg.fail_to_pass) or 'none')}</p>"
    )


def render_html(result: RunResult) -> str:
    """The whole report as one HTML string with nothing external to load."""
    run, base, manifest = result.assistant, result.baseline_rag, result.manifest
    verdict = (
        '<span class="verdict ok">gates passed</span>'
        if result.gates.passed
        else ('<span class="verdict bad">gates failed</span>')
    )
    fingerprints = ", ".join(f"{escape(str(k))}={escape(str(v))}" for k, v in manifest.fingerprints.items())
    precision = _pct(run.overall.metrics["abstention_precision"].value)
    recall = _pct(run.overall.metrics["abstention_recall"].value)
    failing = sum(not case.passed for case in run.cases)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Assistant eval report</title><style>{_CSS}</style></head>
<body>
<h1>Assistant eval {verdict}</h1>
<p>{run.overall.passed} of {run.overall.cases} cases passed · channel {escape(manifest.channel)} ·
commit {escape(str(manifest.git_commit))} · {fingerprints} · {escape(manifest.finished_at)}</p>
<div class="charts">
<figure>{accuracy_chart(run, base)}<figcaption>Case accuracy per kind: our assistant vs a plain LangChain RAG
(1000/200 splitter, Chroma, top-4 passages as the answer).</figcaption></figure>
<figure>{abstention_chart(run.overall.abstention)}
<figcaption>Abstention: precision {precision}, recall {recall}.</figcaption></figure>
<figure>{latency_chart(_latencies(run), _latencies(base))}
<figcaption>Latency per turn (blue: ours, amber: baseline).</figcaption></figure>
</div>
<h2>Metrics</h2>{_metrics_table(run, base)}
<h2>Gates</h2>{_gates_table(result)}
{_regression(result)}
<h2>Failing cases ({failing})</h2>{_failing_cases(run)}
</body></html>
"""
