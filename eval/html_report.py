"""A self-contained HTML report an evaluator can work in: inline CSS, SVG and one small inline script for the
filters; nothing to fetch.

Failing cases first (ids linking into the table), then a table of every case, failures first, filterable by
kind, result, split and text. Each case opens to its note, and per turn the question, our answer beside the
RAG baseline's, the expected facts, every check and the cited snippets. Then the charts (case accuracy per
kind, abstention confusion matrix, latency), the metrics per kind and per split, and the gates.
"""

from __future__ import annotations

import math
from html import escape

import yaml

from eval.models import AbstentionMatrix, CaseResult, ObservedCitation, RunResult, SystemRun, TurnResult

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
padding:8px;border:1px solid #e5e7eb;max-height:320px;overflow:auto;margin:4px 0}.muted{color:#6b7280}
.filters{display:flex;flex-wrap:wrap;gap:12px;align-items:end;margin:8px 0}.filters label{display:flex;
flex-direction:column;font-size:12px;color:#374151}.side{display:grid;grid-template-columns:1fr 1fr;gap:12px}
#cases{width:100%}#cases td{vertical-align:top}.turn{border-top:1px dashed #e5e7eb;padding-top:6px}
.snips li{margin:2px 0}.failing-list a{margin-right:8px}
"""
# Filters: hide the case rows that do not match; the count says how many are shown. No external code.
_FILTER_JS = """
(function(){
  var kind=document.getElementById('f-kind'),result=document.getElementById('f-result'),
      split=document.getElementById('f-split'),text=document.getElementById('f-text'),
      count=document.getElementById('f-count'),rows=document.querySelectorAll('#cases tbody.case');
  function apply(){
    var q=text.value.trim().toLowerCase(),shown=0;
    rows.forEach(function(row){
      var ok=(!kind.value||row.dataset.kind===kind.value)&&(!result.value||row.dataset.result===result.value)
        &&(!split.value||row.dataset.split===split.value)&&(!q||row.dataset.text.indexOf(q)>=0);
      row.hidden=!ok; shown+=ok?1:0;
    });
    count.textContent=shown+' of '+rows.length+' cases shown';
  }
  [kind,result,split].forEach(function(el){el.addEventListener('change',apply);});
  text.addEventListener('input',apply);
  apply();
})();
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


def _expected_text(turn: TurnResult) -> str:
    """The turn's `expect` as written in the case file (YAML), golden figures resolved."""
    expected = dict(turn.expectation)
    if turn.expected_numbers:
        expected["numbers"] = [
            {"value": number.value, "unit": number.unit, **({"label": number.label} if number.label else {})}
            for number in turn.expected_numbers
        ]
    return yaml.safe_dump(expected, sort_keys=False, allow_unicode=True, width=100).strip()


def _snippets(citations: list[ObservedCitation], cited_ids: list[int]) -> str:
    """The cited passages (those the answer's markers name; all returned ones when it names none)."""
    chosen = [c for c in citations if c.id in cited_ids] or citations
    if not chosen:
        return '<p class="muted">no sources</p>'
    items = "".join(
        f"<li><b>[{c.id}]</b> {escape(c.source)} § {escape(c.section)}: {escape(c.snippet[:600])}</li>" for c in chosen
    )
    return f'<ul class="snips">{items}</ul>'


def _answer_block(label: str, turn: TurnResult | None) -> str:
    if turn is None:
        return f'<div><h4>{escape(label)}</h4><p class="muted">not run</p></div>'
    seen = turn.observation
    verdict = '<span class="pass">pass</span>' if turn.passed else '<span class="fail">fail</span>'
    return (
        f"<div><h4>{escape(label)} · {verdict} <span class='muted'>(route={escape(str(seen.route))}, "
        f"abstained={seen.abstained})</span></h4><pre>{escape(seen.answer or str(seen.error))}</pre>"
        f"{_plan_line(turn)}<b>Cited snippets</b>{_snippets(seen.citations, seen.cited_ids)}</div>"
    )


def _plan_line(turn: TurnResult) -> str:
    """The question plan the system returned, one part per item (nothing for systems without a plan)."""
    plan = turn.observation.plan
    if not plan:
        return ""
    parts = "; ".join(
        f"{part.kind} → {part.route}{'' if part.covered else ' (not covered)'}: {part.text}" for part in plan
    )
    return f"<p><b>Plan:</b> {escape(parts)}</p>"


def _checks_table(turn: TurnResult) -> str:
    rows = "".join(
        f'<tr><td>{escape(c.name)}</td><td class="{c.status}">{c.status}</td><td>{escape(c.detail)}</td></tr>'
        for c in turn.checks
    )
    return f"<table><tr><th>check</th><th>status</th><th>detail</th></tr>{rows}</table>"


def _case_detail(case: CaseResult, theirs: CaseResult | None) -> str:
    parts = [f"<p><b>Note:</b> {escape(case.note) or '<span class=muted>none</span>'}</p>"]
    for turn in case.turns:
        base_turn = theirs.turns[turn.index] if theirs is not None and turn.index < len(theirs.turns) else None
        parts.append(
            f'<div class="turn"><p><b>Q{turn.index + 1}:</b> {escape(turn.message)}</p>'
            f'<div class="side">{_answer_block("Our answer", turn)}'
            f"{_answer_block('Plain RAG baseline', base_turn) if theirs is not None else ''}</div>"
            f"<b>Expected</b><pre>{escape(_expected_text(turn))}</pre>"
            f"<b>Checks</b>{_checks_table(turn)}</div>"
        )
    return "".join(parts)


def ordered_cases(run: SystemRun) -> list[CaseResult]:
    """Failing cases first, each group in the suite's order."""
    return sorted(run.cases, key=lambda case: case.passed)


def _failing_list(run: SystemRun) -> str:
    failing = [case for case in ordered_cases(run) if not case.passed]
    if not failing:
        return "<p>none</p>"
    links = " ".join(f'<a href="#case-{escape(c.id)}">{escape(c.id)}</a>' for c in failing)
    return f'<p class="failing-list">{links}</p>'


def _options(element_id: str, label: str, values: list[str]) -> str:
    options = "".join(f'<option value="{escape(v)}">{escape(v)}</option>' for v in values)
    select = f'<select id="{element_id}"><option value="">all</option>{options}</select>'
    return f'<label for="{element_id}">{label}{select}</label>'


def _cases_table(run: SystemRun, base: SystemRun | None) -> str:
    """Every case, failures first, with filters by kind, result, split and text; each row opens to its detail."""
    theirs = {case.id: case for case in base.cases} if base is not None else {}
    bodies = []
    for case in ordered_cases(run):
        result = "pass" if case.passed else "fail"
        searchable = " ".join(
            [case.id, case.kind, case.split, case.note, *case.tags, *case.failed_checks]
            + [part for turn in case.turns for part in (turn.message, turn.observation.answer)]
        ).lower()
        baseline_cell = ""
        if base is not None:
            other = theirs.get(case.id)
            baseline_cell = f"<td>{'-' if other is None else ('pass' if other.passed else 'fail')}</td>"
        bodies.append(
            f'<tbody class="case" id="case-{escape(case.id)}" data-kind="{escape(case.kind)}" '
            f'data-result="{result}" data-split="{escape(case.split)}" data-text="{escape(searchable)}">'
            f"<tr><td><b>{escape(case.id)}</b></td><td>{escape(case.kind)}</td><td>{escape(case.split)}</td>"
            f'<td class="{result}">{result}</td>{baseline_cell}<td>{escape(case.turns[0].message[:160])}</td>'
            f"<td>{escape('; '.join(case.failed_checks))}</td></tr>"
            f'<tr class="detail"><td colspan="{7 if base is not None else 6}"><details><summary>details</summary>'
            f"{_case_detail(case, theirs.get(case.id))}</details></td></tr></tbody>"
        )
    kinds = sorted({case.kind for case in run.cases})
    splits = sorted({case.split for case in run.cases})
    filters = (
        '<div class="filters">'
        + _options("f-kind", "Kind", kinds)
        + _options("f-result", "Result", ["fail", "pass"])
        + _options("f-split", "Split", splits)
        + '<label for="f-text">Search<input id="f-text" type="search" placeholder="id, question, answer, note">'
        + '</label><span id="f-count" class="muted" aria-live="polite"></span></div>'
    )
    header = "<th>case</th><th>kind</th><th>split</th><th>result</th>"
    header += "<th>baseline</th>" if base is not None else ""
    header += "<th>question</th><th>failed checks</th>"
    return f'{filters}<table id="cases"><thead><tr>{header}</tr></thead>{"".join(bodies)}</table>'


def _split_table(run: SystemRun, base: SystemRun | None) -> str:
    """Case accuracy per kind and split (dev / held-out), with the baseline's over all cases."""
    splits = list(run.per_split)
    header = "".join(f"<th>{escape(split)}</th>" for split in splits) + "<th>all</th>"
    header += "<th>baseline (all)</th>" if base is not None else ""
    rows = []
    for kind in ["overall", *run.per_kind]:
        cells = []
        for split in splits:
            summary = run.per_split[split] if kind == "overall" else run.per_split_kind.get(split, {}).get(kind)
            cells.append(_accuracy_cell(summary))
        cells.append(_accuracy_cell(run.overall if kind == "overall" else run.per_kind.get(kind)))
        if base is not None:
            cells.append(_accuracy_cell(base.overall if kind == "overall" else base.per_kind.get(kind)))
        rows.append(f"<tr><td>{escape(kind)}</td>{''.join(f'<td>{cell}</td>' for cell in cells)}</tr>")
    return f"<table><tr><th>kind</th>{header}</tr>{''.join(rows)}</table>"


def _accuracy_cell(summary: object) -> str:
    if summary is None:
        return '<span class="muted">-</span>'
    metric = summary.metrics["case_accuracy"]  # type: ignore[attr-defined]
    return f"{_fmt('x', metric.value)} ({summary.passed}/{summary.cases})"  # type: ignore[attr-defined]


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
    baseline_note = ""
    if base is not None and base.cached:
        baseline_note = " · RAG baseline from this build's cache"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Assistant eval report</title><style>{_CSS}</style></head>
<body>
<h1>Assistant eval {verdict}</h1>
<p>{run.overall.passed} of {run.overall.cases} cases passed · channel {escape(manifest.channel)} ·
commit {escape(str(manifest.git_commit))} · {fingerprints} · {escape(manifest.finished_at)}{baseline_note}</p>
<h2>Failing cases ({failing})</h2>{_failing_list(run)}
<h2>All cases</h2>{_cases_table(run, base)}
<h2>Case accuracy per kind and split</h2>{_split_table(run, base)}
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
<script>{_FILTER_JS}</script>
</body></html>
"""
