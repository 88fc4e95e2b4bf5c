"""Reply -> mrkdwn and Block Kit: markup changes, numbers and [n] markers never do."""

from __future__ import annotations

import re

from slack_fakes import section_text

from api.slack import format_reply_blocks, to_mrkdwn
from api.slack.formatting import (
    ACTION_FEEDBACK_DOWN,
    ACTION_FEEDBACK_UP,
    ACTION_SHARE,
    ACTION_SHOW_SOURCES,
    SECTION_TEXT_LIMIT,
    sources_blocks,
)
from assistant.models import Citation, Reply

NUMBER = re.compile(r"\$?\d[\d,]*(?:\.\d+)?%?")


def make_reply(answer: str, citations: int = 2) -> Reply:
    return Reply(
        answer=answer,
        session_id="s1",
        route="both",
        abstained=False,
        citations=[
            Citation(
                id=i,
                title=f"AI & ML Developer Salary in {2023 + i}",
                source=f"ai-ml-developer-salary-{2023 + i}.md:{10 * i}",
                section="Statistics > Median <salary>",
                snippet=f"Median Salary Expectations ${5000 + i},640 " + "word " * 400,
                score=0.8,
            )
            for i in range(1, citations + 1)
        ],
        latency_ms=12.0,
    )


def test_markdown_becomes_slack_mrkdwn() -> None:
    text = "## Summary\n**Median**: $5,808 [1], *up* 3.0% from $5,640 [2].\n- first\n* second\n~~old~~ [docs](https://example.com/a?b=1&c=2)"
    assert to_mrkdwn(text) == (
        "*Summary*\n*Median*: $5,808 [1], _up_ 3.0% from $5,640 [2].\n• first\n• second\n~old~ "
        "<https://example.com/a?b=1&amp;c=2|docs>"
    )


def test_slack_control_characters_are_escaped_and_code_left_alone() -> None:
    assert to_mrkdwn("5k+ means >= $5,000 & < $5,500") == "5k+ means &gt;= $5,000 &amp; &lt; $5,500"
    assert to_mrkdwn("run `**not bold**` now") == "run `**not bold**` now"


def test_numbers_and_citation_markers_pass_through_unchanged() -> None:
    answer = "In 2025 the median was $5,808 [1] (59 offers, proposals 1); in 2024 $5,640 [2], +$168 (+3.0%)."
    mrkdwn = to_mrkdwn(answer)
    assert NUMBER.findall(mrkdwn) == NUMBER.findall(answer)
    assert re.findall(r"\[\d+\]", mrkdwn) == ["[1]", "[2]"]


def test_blocks_carry_answer_citations_and_buttons() -> None:
    reply = make_reply("The median was **$5,808** [1].")
    blocks = format_reply_blocks(reply, answer_id="abc123", shareable=True)
    assert [b["type"] for b in blocks] == ["section", "context", "actions"]
    assert section_text(blocks) == "The median was *$5,808* [1]."
    citations = [element["text"] for element in blocks[1]["elements"]]
    assert citations[0] == "[1] *AI &amp; ML Developer Salary in 2024* — Statistics &gt; Median &lt;salary&gt;"
    buttons = {element["action_id"]: element["value"] for element in blocks[2]["elements"]}
    assert buttons == {
        ACTION_FEEDBACK_UP: "abc123",
        ACTION_FEEDBACK_DOWN: "abc123",
        ACTION_SHOW_SOURCES: "abc123",
        ACTION_SHARE: "abc123",
    }


def test_blocks_without_an_answer_id_have_no_buttons_and_no_share_unless_asked() -> None:
    reply = make_reply("No figure for 2023.", citations=0)
    assert [b["type"] for b in format_reply_blocks(reply)] == ["section"]
    actions = format_reply_blocks(reply, answer_id="x")[-1]
    assert [e["action_id"] for e in actions["elements"]] == [ACTION_FEEDBACK_UP, ACTION_FEEDBACK_DOWN]


def test_long_answers_are_split_within_slack_limits_without_losing_text() -> None:
    answer = " ".join(f"figure {i} is ${i},000 [1]." for i in range(600))
    blocks = format_reply_blocks(make_reply(answer))
    sections = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    assert len(sections) > 1
    assert all(len(text) <= SECTION_TEXT_LIMIT for text in sections)
    assert " ".join(sections).split() == to_mrkdwn(answer).split()


def test_many_citations_fit_in_one_context_block() -> None:
    blocks = format_reply_blocks(make_reply("x [1]", citations=14))
    context = next(b for b in blocks if b["type"] == "context")
    assert len(context["elements"]) == 10
    assert "[14]" in context["elements"][-1]["text"]


def test_a_section_that_repeats_the_title_is_not_repeated() -> None:
    reply = make_reply("x [1]", citations=1)
    reply.citations[0].section = reply.citations[0].title
    context = format_reply_blocks(reply)[1]
    assert context["elements"][0]["text"] == "[1] *AI &amp; ML Developer Salary in 2024*"


def test_sources_show_each_snippet_quoted_with_its_file() -> None:
    blocks = sources_blocks(make_reply("x [1] [2]"))
    assert len(blocks) == 2
    first = blocks[0]["text"]["text"]
    assert first.startswith("[1] *AI &amp; ML Developer Salary in 2024*")
    assert "\n> Median Salary Expectations $5001,640 word" in first
    assert first.endswith("…\n_ai-ml-developer-salary-2024.md:10_")
    assert len(first) <= SECTION_TEXT_LIMIT
