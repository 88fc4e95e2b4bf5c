"""Pure Reply -> Slack conversions: mrkdwn text and Block Kit blocks. No Slack calls, no state.

The eval harness's Slack parity mode uses these over the same `ask()` as the bot, so a Slack answer is
the core's answer with only the markup changed: numbers and [n] citation markers pass through as-is.
"""

from __future__ import annotations

import re
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from assistant.models import Citation, Reply

SECTION_TEXT_LIMIT = 3000  # Slack's limit for a section block's text
CONTEXT_ELEMENTS_LIMIT = 10  # Slack's limit for a context block's elements
SNIPPET_CHARS = 1200  # keep a "Show sources" message well under Slack's limits

ACTION_FEEDBACK_UP = "feedback_up"
ACTION_FEEDBACK_DOWN = "feedback_down"
ACTION_SHOW_SOURCES = "show_sources"
ACTION_SHARE = "share_answer"

APOLOGY = "Sorry, I couldn't answer that just now. Please try again in a minute."

_CODE = re.compile(r"(```.*?```|`[^`\n]+`)", re.DOTALL)
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)
_BULLET = re.compile(r"^([ \t]*)[-*+][ \t]+", re.MULTILINE)
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__")
_ITALIC = re.compile(r"(?<![*\w])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![*\w])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_LINK = re.compile(r"\[([^\]\n]+)\]\((https?://[^)\s]+)\)")
_BOLD_MARK = "\x00"  # placeholder so bold's single '*' is not taken for italics


def escape_mrkdwn(text: str) -> str:
    """Escape the three characters Slack treats as control characters in message text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _convert_prose(text: str) -> str:
    text = escape_mrkdwn(text)
    text = _HEADING.sub(lambda m: f"{_BOLD_MARK}{m.group(1)}{_BOLD_MARK}", text)
    text = _BULLET.sub(lambda m: f"{m.group(1)}• ", text)
    text = _BOLD.sub(lambda m: f"{_BOLD_MARK}{m.group(1) or m.group(2)}{_BOLD_MARK}", text)
    text = _ITALIC.sub(r"_\1_", text)
    text = _STRIKE.sub(r"~\1~", text)
    text = _LINK.sub(r"<\2|\1>", text)
    return text.replace(_BOLD_MARK, "*")


def to_mrkdwn(text: str) -> str:
    """Markdown answer text -> Slack mrkdwn (bold, italics, headings, bullets, links); code left as is.

    Numbers, currency and `[n]` citation markers are never rewritten; `&`, `<`, `>` are escaped.
    """
    parts = _CODE.split(text)
    # split() with one capture group alternates prose (even) and code (odd)
    return "".join(escape_mrkdwn(part) if i % 2 else _convert_prose(part) for i, part in enumerate(parts))


def reply_text(reply: Reply) -> str:
    """The plain-text fallback Slack shows in notifications and to screen readers."""
    return to_mrkdwn(reply.answer)[:SECTION_TEXT_LIMIT]


def _split_for_sections(text: str, limit: int = SECTION_TEXT_LIMIT) -> list[str]:
    """Cut long text into section-sized pieces at paragraph, then line, then word boundaries."""
    pieces: list[str] = []
    while len(text) > limit:
        window = text[:limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(" "))
        cut = cut if cut > limit // 2 else limit
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text.strip():
        pieces.append(text)
    return pieces or ["_(no answer text)_"]


def citation_label(citation: Citation) -> str:
    """'[1] *Title* — Section' in mrkdwn, as listed under an answer (no section when it is the title)."""
    label = f"[{citation.id}] *{escape_mrkdwn(citation.title)}*"
    if not citation.section or citation.section.strip() == citation.title.strip():
        return label
    return f"{label} — {escape_mrkdwn(citation.section)}"


def _citations_block(citations: list[Citation]) -> ContextBlock:
    labels = [citation_label(citation) for citation in citations]
    if len(labels) > CONTEXT_ELEMENTS_LIMIT:
        labels[CONTEXT_ELEMENTS_LIMIT - 1 :] = ["  ·  ".join(labels[CONTEXT_ELEMENTS_LIMIT - 1 :])]
    return ContextBlock(block_id="citations", elements=[MarkdownTextObject(text=label) for label in labels])


def _actions_block(reply: Reply, answer_id: str, shareable: bool) -> ActionsBlock:
    buttons = [
        ButtonElement(
            text=PlainTextObject(text="👍", emoji=True),
            action_id=ACTION_FEEDBACK_UP,
            value=answer_id,
            accessibility_label="Helpful answer",
        ),
        ButtonElement(
            text=PlainTextObject(text="👎", emoji=True),
            action_id=ACTION_FEEDBACK_DOWN,
            value=answer_id,
            accessibility_label="Unhelpful answer",
        ),
    ]
    if reply.citations:
        buttons.append(
            ButtonElement(
                text=PlainTextObject(text="Show sources"), action_id=ACTION_SHOW_SOURCES, value=answer_id
            )
        )
    if shareable:
        buttons.append(
            ButtonElement(
                text=PlainTextObject(text="Share to channel"),
                action_id=ACTION_SHARE,
                value=answer_id,
                style="primary",
            )
        )
    return ActionsBlock(block_id="answer_actions", elements=buttons)


def _to_dicts(blocks: list[Block]) -> list[dict[str, Any]]:
    return [block.to_dict() for block in blocks]  # to_dict() validates Slack's length limits


def format_reply_blocks(
    reply: Reply, *, answer_id: str | None = None, shareable: bool = False
) -> list[dict[str, Any]]:
    """Block Kit for an answer: the mrkdwn answer, its citations (title — section), and, when the answer
    was recorded under `answer_id`, 👍/👎, "Show sources" and (for ephemeral answers) "Share to channel".
    """
    blocks: list[Block] = [
        SectionBlock(block_id=f"answer_{i}", text=MarkdownTextObject(text=piece))
        for i, piece in enumerate(_split_for_sections(to_mrkdwn(reply.answer)))
    ]
    if reply.citations:
        blocks.append(_citations_block(reply.citations))
    if answer_id is not None:
        blocks.append(_actions_block(reply, answer_id, shareable))
    return _to_dicts(blocks)


def _quote(text: str) -> str:
    snippet = " ".join(text.split())
    if len(snippet) > SNIPPET_CHARS:
        snippet = snippet[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
    return "> " + escape_mrkdwn(snippet)


def sources_blocks(reply: Reply) -> list[dict[str, Any]]:
    """One section per citation: its label, the cited snippet as a quote, and the source file."""
    blocks: list[Block] = [
        SectionBlock(
            block_id=f"source_{citation.id}",
            text=MarkdownTextObject(
                text=f"{citation_label(citation)}\n{_quote(citation.snippet)}\n_{escape_mrkdwn(citation.source)}_"
            ),
        )
        for citation in reply.citations
    ]
    return _to_dicts(blocks)


def sources_text(reply: Reply) -> str:
    """Fallback text for a sources message."""
    return "Sources: " + "; ".join(f"[{c.id}] {c.title}" for c in reply.citations)


def shared_context_block(question: str, shared_by: str) -> dict[str, Any]:
    """'<@user> asked: question' above an answer shared to a channel, where the question is not visible."""
    text = f"<@{shared_by}> asked: _{escape_mrkdwn(question)}_"
    return ContextBlock(block_id="shared_question", elements=[MarkdownTextObject(text=text)]).to_dict()
