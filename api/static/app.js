// Web chat page: streams answers from POST /chat/stream, shows numbered citations with expandable
// snippets and the statistics rows behind numbers; keeps the session (and transcript) in sessionStorage.
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
    showError("Please type a question first.");
    els.message.focus();
    return;
  }
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
  node.scrollIntoView({ block: "nearest" });
  return node;
}

function renderReply(bubble, reply) {
  const turn = bubble.dataset.turn;
  const citeId = (n) => `cite-${turn}-${n}`;
  const known = new Set((reply.citations || []).map((c) => String(c.id)));
  const textNode = bubble.querySelector(".text");
  textNode.replaceChildren(...linkMarkers(reply.answer, known, citeId));
  bubble.classList.toggle("abstained", Boolean(reply.abstained));
  bubble.dataset.route = reply.route;

  if (reply.citations && reply.citations.length) {
    const list = el("ol");
    for (const citation of reply.citations) list.append(renderCitation(citation, citeId(citation.id)));
    bubble.append(el("section", { class: "citations", "aria-label": "Sources" }, el("h3", {}, "Sources"), list));
  }
  const tables = (reply.tool_calls || []).map(renderToolCall).filter(Boolean);
  if (tables.length) {
    bubble.append(el("section", { class: "rows", "aria-label": "Numbers behind the answer" },
      el("h3", {}, "Numbers behind the answer"), ...tables));
  }
  const latency = typeof reply.latency_ms === "number" ? ` · ${reply.latency_ms.toFixed(0)} ms` : "";
  bubble.append(el("p", { class: "meta" }, `Route: ${reply.route}${latency}`));
  bubble.scrollIntoView({ block: "nearest" });
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

function renderCitation(citation, id) {
  const where = citation.section && citation.section !== citation.title ? ` — ${citation.section}` : "";
  const summary = el("summary", {}, `[${citation.id}] ${citation.title}${where} `,
    el("span", { class: "source" }, `(${citation.source})`));
  return el("li", { id }, el("details", {}, summary, el("blockquote", { class: "snippet" }, citation.snippet)));
}

// Columns shown for a statistics row: what the row is about, then the figure and where it comes from.
const PROVENANCE_KEYS = new Set(["value", "raw", "doc_id", "doc", "line", "section", "title"]);

function rowsOf(result) {
  if (Array.isArray(result)) return result;
  if (result && typeof result === "object" && Array.isArray(result.rows)) return result.rows;
  return null;
}

function renderToolCall(call) {
  const rows = rowsOf(call.result);
  const args = Object.entries(call.arguments || {}).map(([k, v]) => `${k}=${formatCell(v)}`).join(", ");
  const caption = `${call.tool}(${args})`;
  if (!rows || !rows.length || typeof rows[0] !== "object") {
    const note = (call.result && call.result.note) || (rows && rows.length === 0 ? "no rows" : formatCell(call.result));
    return el("p", { class: "tool-note" }, `${caption}: ${note}`);
  }
  const described = [];
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!PROVENANCE_KEYS.has(key) && !described.includes(key) && rows.some((r) => r[key] !== null && r[key] !== "")) {
        described.push(key);
      }
    }
  }
  const head = el("tr", {}, ...[...described, "figure", "source"].map((c) => el("th", { scope: "col" }, c)));
  const body = rows.slice(0, MAX_TABLE_ROWS).map((row) => el("tr", {},
    ...described.map((c) => el("td", {}, formatCell(row[c]))),
    el("td", { class: "figure" }, formatCell(row.raw ?? row.value)),
    el("td", { class: "source" }, sourceOf(row))));
  return el("table", {}, el("caption", {}, caption), el("thead", {}, head), el("tbody", {}, ...body));
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
