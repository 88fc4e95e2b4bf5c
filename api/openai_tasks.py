"""Open WebUI's background tasks on /v1/chat/completions: recognised and answered in the JSON each expects.

Open WebUI sends chat title, tags, follow-up suggestions, search-query generation and autocomplete
through the same endpoint as questions: one user message built from a template (`DEFAULT_*_PROMPT_TEMPLATE`
in its `open_webui/config.py`) that starts with `### Task:`, embeds the conversation in `<chat_history>`
as `USER: ...` / `ASSISTANT: ...` lines and asks for a JSON object (`{ "title": ... }`, `{ "tags": [...] }`,
`{ "follow_ups": [...] }`, `{ "queries": [...] }`, `{ "text": ... }`). Answered as a salary question, the
title of a chat became "In 2025, the median salary expectation ...". They are recognised by that shape,
not by one template's exact wording, so reworded templates (Open WebUI changes them between releases, and
admins may edit them) still match while they ask for the same JSON key.

Every answer is built from the conversation and the coverage of the statistics; none runs the pipeline,
so no figure ever lands in a title or a tag.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

FOLLOW_UPS_FILE = Path(__file__).resolve().parent / "follow_ups.toml"
MAX_TITLE_WORDS = 5
MAX_TAGS = 4
MAX_FOLLOW_UPS = 3

_TASK_START = re.compile(r"^\s*###\s*Task\s*:", re.IGNORECASE)
_HISTORY = re.compile(r"<chat_history>(.*?)</chat_history>", re.DOTALL)
_ASKED_KEY = re.compile(r'\{\s*"(\w+)"\s*:')
_TURN = re.compile(r"^(USER|ASSISTANT|SYSTEM)\s*:\s?", re.MULTILINE)
_AUTOCOMPLETE_TEXT = re.compile(r"<text>(.*?)</text>", re.DOTALL)
_WORD = re.compile(r"[\w][\w'+#.-]*")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# Words that carry no topic in a title ("What was the ... in 2025?" -> "Median Salary Expectation 2025").
_TITLE_SKIP = frozenset(
    re.findall(
        r"\w+",
        "a an the of in on at for to and or is are was were be been do does did what which who whom how why "
        "when where can could should would will i me my we you your it its this that these those there their "
        "them tell please about much many any some with from by as than then so if",
    )
)


@dataclass(frozen=True)
class Turn:
    """One message of the conversation a task prompt embeds."""

    role: str  # "user", "assistant" or "system"
    text: str


@dataclass(frozen=True)
class TaskRequest:
    """A recognised task: the JSON key it asks for, the conversation it embeds, autocomplete's text."""

    key: str
    history: list[Turn]
    text: str = ""

    @property
    def user_texts(self) -> list[str]:
        return [turn.text for turn in self.history if turn.role == "user" and turn.text]


def recognise_task(prompt: str) -> TaskRequest | None:
    """The task a prompt asks for, or None for an ordinary question."""
    if not _TASK_START.match(prompt):
        return None
    history = _HISTORY.search(prompt)
    if history is None:
        return None
    # The key asked for is named in the instructions, before the conversation (which may contain JSON).
    asked = _ASKED_KEY.search(prompt[: history.start()])
    if asked is None:
        return None
    text = _AUTOCOMPLETE_TEXT.search(prompt[history.end() :])
    return TaskRequest(key=asked.group(1), history=parse_history(history.group(1)), text=text.group(1) if text else "")


def parse_history(block: str) -> list[Turn]:
    """`USER: ...` / `ASSISTANT: ...` lines (a message may span several lines) as turns, oldest first."""
    starts = list(_TURN.finditer(block))
    turns = []
    for index, start in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(block)
        turns.append(Turn(role=start.group(1).lower(), text=block[start.end() : end].strip()))
    return turns


def answer_task(task: TaskRequest, coverage: dict[str, Any]) -> str:
    """The JSON text the task expects; an unknown key gets an empty value of the usual kind."""
    if task.key == "title":
        value: Any = chat_title(task.user_texts)
    elif task.key == "tags":
        value = chat_tags(task.user_texts, coverage)
    elif task.key == "follow_ups":
        value = follow_ups(task.user_texts, coverage)
    elif task.key == "queries":
        # Open WebUI searches its own sources with these; the newest question is what it should look up.
        value = task.user_texts[-1:]
    elif task.key == "text":
        # Autocomplete: inventing the rest of a candidate's question helps nobody; Open WebUI's own rule
        # for "unsure" is an empty completion.
        value = ""
    else:
        value = ""
    return json.dumps({task.key: value}, ensure_ascii=False)


def chat_title(user_texts: list[str]) -> str:
    """A few topic words of the first question, capitalised: 'Median Salary Expectation 2025'."""
    if not user_texts:
        return "New Chat"
    words = [word.strip(".'-") for word in _WORD.findall(user_texts[0])]
    topic = [word for word in words if word and word.lower() not in _TITLE_SKIP]
    chosen = (topic or words)[:MAX_TITLE_WORDS]
    title = " ".join(word if word[:1].isupper() or word.isdigit() else word.capitalize() for word in chosen)
    return title or "New Chat"


def chat_tags(user_texts: list[str], coverage: dict[str, Any]) -> list[str]:
    """Roles, levels, cities and years of the statistics that the conversation names; ["General"] if none."""
    text = " ".join(user_texts).lower()
    candidates = [
        *(str(metric).replace("_", " ") for metric in coverage.get("platform_metrics", [])),
        *coverage.get("roles", []),
        *coverage.get("levels", []),
        *coverage.get("cities_mentioned", coverage.get("cities_with_figures", [])),
    ]
    tags = [_capitalised(str(name)) for name in candidates if str(name).lower() in text]
    years = {int(year) for year in coverage.get("platform_years", []) + coverage.get("salary_data_years", [])}
    tags += sorted({year for year in _YEAR.findall(text) if int(year) in years})
    return list(dict.fromkeys(tags))[:MAX_TAGS] or ["General"]


def follow_ups(user_texts: list[str], coverage: dict[str, Any]) -> list[str]:
    """Questions the assistant answers, filled from the coverage; the conversation's own entities first."""
    text = " ".join(user_texts).lower()

    def mentioned_first(values: list[Any]) -> list[str]:
        names = [str(value) for value in values]
        return sorted(names, key=lambda name: name.lower() not in text)

    roles = mentioned_first(coverage.get("roles", []))
    levels = mentioned_first([level for level in coverage.get("levels", []) if level != "Average"])
    years = sorted(coverage.get("platform_years", []))
    fill = {
        "role": roles[0] if roles else None,
        "level": levels[0] if levels else None,
        "year_from": years[0] if len(years) > 1 else None,
        "year_to": years[-1] if len(years) > 1 else None,
    }
    asked = {question.strip().lower() for question in user_texts}
    suggestions = []
    for pattern in follow_up_patterns():
        needed = re.findall(r"\{(\w+)\}", pattern)
        if any(fill.get(name) is None for name in needed):
            continue
        question = pattern.format(**{name: fill[name] for name in needed})
        if question.lower() not in asked:
            suggestions.append(question)
    return suggestions[:MAX_FOLLOW_UPS]


def _capitalised(name: str) -> str:
    return name[:1].upper() + name[1:]


@cache
def follow_up_patterns() -> tuple[str, ...]:
    with FOLLOW_UPS_FILE.open("rb") as handle:
        return tuple(tomllib.load(handle)["patterns"])
