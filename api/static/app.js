// Web chat page: streams answers from POST /chat/stream, shows numbered citations with expandable
// snippets, a chart and the statistics rows behind numbers (internals only under "Details"); keeps the
// session (and transcript) in sessionStorage.
"use strict";

const SESSION_KEY = "assistant.session_id";
const TRANSCRIPT_KEY = "assistant.transcript";
const TRANSCRIPT_LIMIT = 60;
const MAX_TABLE_ROWS = 50;

const els = {};
let turnCounter = 0;
let busy = false;

document.addEventListener("DOMContentLoaded", () => {
  for (const id of ["conversation", "status", "error", "ask-form", "message", "send", "new-chat", "char-count",
                    "char-limit", "empty-hint"]) {
    els[id] = document.getElementById(id);
  }
  els["ask-form"].addEventListener("submit", onSubmit);
  els.message.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      els["ask-form"].requestSubmit();
    }
  });
  els.message.addEventListener("input", updateCount);
  els["new-chat"].addEventListener("click", newConversation);
  watchComposer();
  restoreTranscript();
  waitUntilReady();
  els.message.focus();
});

function updateCount() {
  els["char-count"].textContent = String(els.message.value.length);
}

// --- state --------------------------------------------------------------------------------------

function loadTranscript() {
  try {
    return JSON.parse(sessionStorage.getItem(TRANSCRIPT_KEY) || "[]");
  } catch {
    return [];
  }
}

function remember(entry) {
  const transcript = loadTranscript();
  transcript.push(entry);
  sessionStorage.setItem(TRANSCRIPT_KEY, JSON.stringify(transcript.slice(-TRANSCRIPT_LIMIT)));
}

function restoreTranscript() {
  for (const entry of loadTranscript()) {
    if (entry.kind === "user") addUserMessage(entry.text);
    else if (entry.kind === "reply") renderReply(addAssistantMessage(), entry.reply);
  }
}

function newConversation() {
  sessionStorage.removeItem(SESSION_KEY);
  sessionStorage.removeItem(TRANSCRIPT_KEY);
  for (const node of [...els.conversation.querySelectorAll(".msg")]) node.remove();
  els["empty-hint"].hidden = false;
  clearError();
  setStatus("Started a new conversation.");
  els.message.focus();
}

// --- readiness ----------------------------------------------------------------------------------

async function waitUntilReady() {
  for (;;) {
    try {
      const response = await fetch("/readyz", { cache: "no-store" });
      if (response.ok) {
        if (els.status.dataset.loading) setStatus("Ready.");
        delete els.status.dataset.loading;
        return;
      }
      els.status.dataset.loading = "1";
      setStatus("The assistant is still loading its index; questions will work in a moment…");
    } catch {
      setStatus("Cannot reach the server; retrying…");
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

// --- asking -------------------------------------------------------------------------------------

async function onSubmit(event) {
  event.preventDefault();
  if (busy) return;
  const message = els.message.value;
  if (!message.trim()) {
    // The page's own message (the form is novalidate: no browser tooltip), announced by the alert region.
    showError("Please type a question first.");
    els.message.setAttribute("aria-invalid", "true");
    els.message.focus();
    return;
  }
  els.message.removeAttribute("aria-invalid");
  busy = true;
  els.send.disabled = true;
  els["ask-form"].setAttribute("aria-busy", "true");
  clearError();
  setStatus("Thinking…");
  try {
    await ask(message);
  } finally {
    busy = false;
    els.send.disabled = false;
    els["ask-form"].removeAttribute("aria-busy");
    els.message.focus();
  }
}

async function ask(message) {
  let response;
  try {
    response = await fetch("/chat/stream", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
      body: JSON.stringify({ message, session_id: sessionStorage.getItem(SESSION_KEY) }),
    });
  } catch {
    showError("Cannot reach the server. Check that it is running and try again.");
    setStatus("");
    return;
  }
  if (!response.ok) {
    await showHttpError(response);
    setStatus("");
    return;
  }
  addUserMessage(message);
  remember({ kind: "user", text: message });
  els.message.value = "";
  updateCount();
  const bubble = addAssistantMessage();
  let reply = null;
  try {
    reply = await readEvents(response, bubble);
  } catch {
    reply = null;
  }
  if (!reply) {
    showError("The answer was interrupted. Please ask again.");
    setStatus("");
    return;
  }
  sessionStorage.setItem(SESSION_KEY, reply.session_id);
  renderReply(bubble, reply);
  remember({ kind: "reply", reply });
  setStatus(reply.abstained ? "Answered (the sources do not fully cover this)." : "Answered.");
}

async function readEvents(response, bubble) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const textNode = bubble.querySelector(".text");
  let buffer = "";
  let reply = null;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let boundary;
    while ((boundary = buffer.indexOf("\n\n")) >= 0) {
      const frame = parseFrame(buffer.slice(0, boundary));
      buffer = buffer.slice(boundary + 2);
      if (frame.event === "delta") textNode.textContent += JSON.parse(frame.data).text;
      else if (frame.event === "reply") reply = JSON.parse(frame.data);
    }
  }
  return reply;
}

function parseFrame(frame) {
  const parsed = { event: "message", data: "" };
  for (const line of frame.split("\n")) {
    if (line.startsWith("event:")) parsed.event = line.slice(6).trim();
    else if (line.startsWith("data:")) parsed.data += line.slice(5).trimStart();
  }
  return parsed;
}

async function showHttpError(response) {
  let message = `The server answered ${response.status}.`;
  try {
    const body = await response.json();
    if (body && body.error && body.error.message) message = body.error.message;
  } catch {
    // keep the generic text
  }
  if (response.status === 429) {
    const wait = response.headers.get("Retry-After");
    const retry = wait ? `please wait ${wait} s and try again.` : "please wait a little and try again.";
    showError(`Too many questions in a short time: ${retry}`);
  } else if (response.status === 503) {
    showError(`The assistant is not ready yet: ${message}`);
    waitUntilReady();
  } else {
    showError(message);
  }
}

// --- rendering ----------------------------------------------------------------------------------

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function addUserMessage(text) {
  els["empty-hint"].hidden = true;
  const node = el("article", { class: "msg user", "aria-label": "Your question" },
    el("p", { class: "who" }, "You"), el("p", { class: "text" }, text));
  els.conversation.append(node);
  return node;
}

function addAssistantMessage() {
  els["empty-hint"].hidden = true;
  turnCounter += 1;
  const node = el("article", { class: "msg assistant", "aria-label": "Answer", "data-turn": String(turnCounter) },
    el("p", { class: "who" }, "Assistant"), el("p", { class: "text" }));
  els.conversation.append(node);
  revealNewest(node);
  return node;
}

// Bring the newest answer into view without the sticky composer covering it: the page's scroll padding
// is kept equal to the composer's height (see watchComposer), so "end" stops above the composer. An
// answer taller than the space left is shown from its start instead.
function revealNewest(node) {
  const room = window.innerHeight - composerHeight();
  node.scrollIntoView({ block: node.getBoundingClientRect().height > room ? "start" : "end" });
}

function composerHeight() {
  return els["ask-form"].getBoundingClientRect().height;
}

function watchComposer() {
  const update = () => document.documentElement.style.setProperty("--composer-height", `${composerHeight()}px`);
  update();
  if (window.ResizeObserver) new ResizeObserver(update).observe(els["ask-form"]);
}

function renderReply(bubble, reply) {
  const turn = bubble.dataset.turn;
  const citeId = (n) => `cite-${turn}-${n}`;
  const citations = reply.citations || [];
  const known = new Set(citations.map((c) => String(c.id)));
  const textNode = bubble.querySelector(".text");
  const smalltalk = reply.route === "smalltalk";
  textNode.replaceChildren(...(smalltalk ? smalltalkParts(reply.answer) : linkMarkers(reply.answer, known, citeId)));
  bubble.classList.toggle("abstained", Boolean(reply.abstained) && !smalltalk);
  bubble.classList.toggle("smalltalk", smalltalk);
  bubble.dataset.route = reply.route;

  if (reply.chart && reply.chart.series && reply.chart.series.length) {
    bubble.append(renderChart(reply.chart, citeId, turn));
  }
  const tables = (reply.tool_calls || []).map((call) => renderRows(call, citations, citeId)).filter(Boolean);
  if (tables.length) {
    bubble.append(el("section", { class: "rows", "aria-label": "Numbers behind the answer" },
      el("h3", {}, "Numbers behind the answer"), ...tables));
  }
  if (citations.length) {
    const list = el("ol");
    for (const citation of citations) list.append(renderCitation(citation, citeId(citation.id)));
    bubble.append(el("section", { class: "citations", "aria-label": "Sources" }, el("h3", {}, "Sources"), list));
  }
  bubble.append(renderDetails(reply));
  bubble.addEventListener("click", (event) => {
    const link = event.target.closest("a.marker, a.cite-link");
    if (!link) return;
    event.preventDefault();
    openSource(link.getAttribute("href").slice(1));
  });
  revealNewest(bubble);
}

// `[n]` opens its source: the snippet is expanded and scrolled into view, focus moves to it.
function openSource(id) {
  const item = document.getElementById(id);
  if (!item) return;
  const details = item.querySelector("details");
  if (details) details.open = true;
  for (const old of document.querySelectorAll(".citations li.current")) old.classList.remove("current");
  item.classList.add("current");
  item.scrollIntoView({ block: "nearest" });
  const summary = item.querySelector("summary");
  if (summary) summary.focus({ preventScroll: true });
  history.replaceState(null, "", `#${id}`);
}

function linkMarkers(answer, known, citeId) {
  const parts = [];
  const pattern = /\[(\d+)\]/g;
  let last = 0;
  for (const match of answer.matchAll(pattern)) {
    if (!known.has(match[1])) continue;
    parts.push(answer.slice(last, match.index));
    parts.push(el("a", { class: "marker", href: `#${citeId(match[1])}`, "aria-label": `source ${match[1]}` }, match[0]));
    last = match.index + match[0].length;
  }
  parts.push(answer.slice(last));
  return parts;
}

// A greeting, thanks or help: the short reply, and its "- question" lines as buttons that ask them.
function smalltalkParts(answer) {
  const lines = answer.split("\n");
  const suggestions = lines.filter((line) => /^\s*[-•]\s+/.test(line)).map((line) => line.replace(/^\s*[-•]\s+/, ""));
  const intro = lines.filter((line) => !/^\s*[-•]\s+/.test(line)).join("\n").trim();
  if (!suggestions.length) return [answer];
  const list = el("ul", { class: "suggestions" }, ...suggestions.map((question) =>
    el("li", {}, el("button", { type: "button", class: "suggestion" }, question))));
  list.addEventListener("click", (event) => {
    const button = event.target.closest("button.suggestion");
    if (!button || busy) return;
    els.message.value = button.textContent;
    updateCount();
    els["ask-form"].requestSubmit();
  });
  return [intro, list];
}

function renderCitation(citation, id) {
  const where = citation.section && citation.section !== citation.title ? ` — ${citation.section}` : "";
  const summary = el("summary", {}, `[${citation.id}] ${citation.title}${where} `,
    el("span", { class: "source" }, `(${citation.source})`));
  return el("li", { id }, el("details", {}, summary, el("blockquote", { class: "snippet" }, citation.snippet)));
}

// The citation whose source covers a statistics row: "doc.md:12" or a passage "doc.md:10-15"
// (the same rule as api/charts.py).
function citationFor(row, citations) {
  for (const citation of citations) {
    const match = /^(.*):(\d+)(?:-(\d+))?$/.exec(citation.source || "");
    if (!match || match[1] !== row.doc_id || typeof row.line !== "number") continue;
    if (Number(match[2]) <= row.line && row.line <= Number(match[3] || match[2])) return citation;
  }
  return null;
}

// --- chart --------------------------------------------------------------------------------------

const SVG_NS = "http://www.w3.org/2000/svg";

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  for (const child of children) node.append(child);
  return node;
}

// Horizontal bars on an axis from zero (a range is a bar from its low to its high end), one row per
// point, sized in CSS pixels to the bubble so the text stays readable at phone widths.
function renderChart(chart, citeId, turn) {
  const figure = el("figure", { class: "chart", "data-kind": chart.kind });
  const titleId = `chart-title-${turn}`;
  const descId = `chart-desc-${turn}`;
  const width = Math.max(280, Math.min(640, els.conversation.clientWidth - 40));
  const rowHeight = 30;
  const labelWidth = Math.round(width * (width < 420 ? 0.36 : 0.28));
  const valueWidth = 110;
  const plot = width - labelWidth - valueWidth;
  const top = 6;
  const height = top + chart.series.length * rowHeight + 4;
  const highest = Math.max(...chart.series.map((p) => p.high ?? p.value)) || 1;
  const x = (value) => labelWidth + (value / highest) * plot;
  // Among ranges, a single figure is a marker at its value; otherwise every figure is a bar from zero.
  const anyRange = chart.series.some((p) => p.high !== null && p.high !== undefined);
  const graphic = svg("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img",
    "aria-labelledby": `${titleId} ${descId}`, focusable: "false" },
    svg("title", { id: titleId }, chart.title), svg("desc", { id: descId }, chart.summary));
  chart.series.forEach((point, index) => {
    const y = top + index * rowHeight;
    const ranged = point.low !== null && point.high !== null && point.low !== undefined && point.high !== undefined;
    const start = ranged ? x(point.low) : labelWidth;
    const end = x(ranged ? point.high : point.value);
    const bar = svg("g", { class: "bar", "data-label": point.label },
      svg("title", {}, `${point.label}: ${point.text}${point.citation ? ` [${point.citation}]` : ""}`),
      barLabel(point.label, labelWidth - 8, y, labelWidth - 12),
      svg("rect", { x: labelWidth, y: y + 8, width: plot, height: 14, class: "track", rx: 3 }),
      ranged || !anyRange
        ? svg("rect", { x: start, y: y + 8, width: Math.max(3, end - start), height: 14, class: ranged ? "range" : "value", rx: 3 })
        : svg("circle", { cx: end, cy: y + 15, r: 6, class: "value" }),
      svg("text", { x: end + (ranged || !anyRange ? 6 : 10), y: y + 19, class: "figure" }, compact(point, chart.unit)));
    if (point.citation) {
      const link = svg("a", { href: `#${citeId(point.citation)}`, class: "cite-link" }, bar);
      graphic.append(link);
    } else {
      graphic.append(bar);
    }
  });
  figure.append(el("figcaption", {}, chart.title), graphic, el("p", { class: "visually-hidden" }, chart.summary));
  return figure;
}

// A label too long for its column is wrapped onto two lines at a space (the bar's <title> has it whole).
function barLabel(label, x, y, room) {
  const charWidth = 6.8; // 12px system-ui, generous
  const text = svg("text", { x, y: y + 19, "text-anchor": "end", class: "label" });
  const space = label.lastIndexOf(" ", Math.floor(label.length / 2) + 4);
  if (label.length * charWidth <= room || space < 1) {
    text.textContent = label;
    return text;
  }
  text.setAttribute("y", y + 12);
  text.append(svg("tspan", { x }, label.slice(0, space)), svg("tspan", { x, dy: 13 }, label.slice(space + 1)));
  return text;
}

function compact(point, unit) {
  const money = /^USD/.test(unit);
  const one = (value) => {
    const text = value >= 1e6 ? `${+(value / 1e6).toFixed(1)}M` : value >= 1e4 ? `${Math.round(value / 1e3)}k`
      : value.toLocaleString("en-US");
    return money ? `$${text}` : text;
  };
  const ranged = point.low !== null && point.high !== null && point.low !== undefined && point.high !== undefined;
  return ranged ? `${one(point.low)}–${one(point.high)}` : one(point.value);
}

// --- numbers and details ------------------------------------------------------------------------

// Columns a reader needs: what the row is about, then the figure as the document writes it and its source.
// Figures as numbers, units shown by the written figure, and provenance stay out of the describing columns.
const HIDDEN_KEYS = new Set(["value", "raw", "doc_id", "doc", "line", "section", "title", "value_low", "value_high",
  "top_company_value", "contested"]);

function rowsOf(result) {
  if (Array.isArray(result)) return result;
  if (result && typeof result === "object" && Array.isArray(result.rows)) return result.rows;
  return null;
}

function humanise(key) {
  const words = String(key).replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function renderRows(call, citations, citeId) {
  const rows = rowsOf(call.result);
  if (!rows || !rows.length || typeof rows[0] !== "object") return null;
  const described = [];
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      const informative = rows.some((r) => r[key] !== null && r[key] !== "" && typeof r[key] !== "object");
      const obvious = key === "unit" && rows.every((r) => ["USD", "percent"].includes(r.unit));
      if (!HIDDEN_KEYS.has(key) && !described.includes(key) && informative && !obvious) described.push(key);
    }
  }
  // What all rows share goes above the table, so the table keeps only what differs: narrow enough for a
  // phone, with the figure near the left.
  const same = rows.length > 1 ? described.filter((key) => rows.every((r) => r[key] === rows[0][key])) : [];
  const columns = described.filter((key) => !same.includes(key));
  const shared = same.map((key) => `${humanise(key)}: ${keyValue(key, rows[0][key])}`).join(" · ");
  const head = el("tr", {}, ...[...columns.map(humanise), "Figure", "Source"].map((c) => el("th", { scope: "col" }, c)));
  const body = rows.slice(0, MAX_TABLE_ROWS).map((row) => el("tr", {},
    ...columns.map((c) => el("td", {}, keyValue(c, row[c]))),
    el("td", { class: "figure" }, formatCell(row.raw ?? row.value)),
    el("td", { class: "source" }, ...sourceCell(row, citations, citeId))));
  const table = el("table", {}, el("thead", {}, head), el("tbody", {}, ...body));
  return el("div", { class: "table-box" }, ...(shared ? [el("p", { class: "shared" }, shared)] : []), table);
}

function keyValue(key, value) {
  return key === "metric" ? humanise(value).toLowerCase() : formatCell(value);
}

function sourceCell(row, citations, citeId) {
  const where = sourceOf(row);
  const citation = citationFor(row, citations);
  if (!citation) return [el("span", { title: where }, row.title || where)];
  return [el("a", { class: "cite-link", href: `#${citeId(citation.id)}`, title: where }, `[${citation.id}]`),
    ` ${citation.title}`];
}

// Everything technical (route, timing, the lookups with their arguments, the question's plan) lives in a
// collapsed "Details" for the curious; the answer above it is in plain words.
function renderDetails(reply) {
  const latency = typeof reply.latency_ms === "number" ? ` · ${reply.latency_ms.toFixed(0)} ms` : "";
  const items = (reply.tool_calls || []).map((call) => {
    const args = Object.entries(call.arguments || {}).filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => `${k}=${formatCell(v)}`).join(", ");
    const rows = rowsOf(call.result);
    const note = (call.result && call.result.note) || (rows ? `${rows.length} row${rows.length === 1 ? "" : "s"}` : "");
    return el("li", {}, el("code", {}, `${call.tool}(${args})`), note ? `: ${note}` : "");
  });
  const plan = (reply.plan || []).map((part) =>
    el("li", {}, `${part.kind} → ${part.route}${part.covered === false ? " (not covered)" : ""}: ${part.text}`));
  return el("details", { class: "details" }, el("summary", {}, "Details"),
    el("p", { class: "meta" }, `Route: ${reply.route}${latency}`),
    ...(items.length ? [el("p", {}, "Lookups:"), el("ul", { class: "lookups" }, ...items)] : []),
    ...(plan.length ? [el("p", {}, "Question parts:"), el("ul", { class: "plan" }, ...plan)] : []));
}

function sourceOf(row) {
  const doc = row.doc_id ?? row.doc ?? "";
  return row.line !== undefined && row.line !== null ? `${doc}:${row.line}` : String(doc);
}

function formatCell(value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

// --- status / errors ----------------------------------------------------------------------------

function setStatus(text) {
  els.status.textContent = text;
}

function showError(text) {
  els.error.textContent = text;
  els.error.hidden = false;
}

function clearError() {
  els.error.textContent = "";
  els.error.hidden = true;
}
