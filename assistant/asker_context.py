"""Who is asking is no part of what is asked: "mid-career AI engineer here, what does fine-tuning mean?" names a
level in its opening statement, but asks no figure of it (assistant/part_context.py reads the statement)."""

from __future__ import annotations

from dataclasses import replace

from assistant.part_context import INTRODUCTION, asked_sentence, is_context
from assistant.text_terms import SENTENCE_BREAK
from assistant.understanding import Slots, Vocabulary, understand


def _statement(text: str, asked: str) -> str:
    """What `text` says before its question `asked`."""
    return text[: len(text) - len(asked)].strip(" ,.;:-–—")


def without_asker_level(form: Slots, said: str, vocabulary: Vocabulary) -> Slots:
    """The slots the kind rules read, without the experience level the asker gives of themself in a statement
    before the question ("junior data scientist here, ...", "I'm a mid-career AI engineer, ..."): the level says
    who asks, like a role, and leans to no figure unless the question itself names a level ("... what's the late
    career pay?")."""
    if not (form.level or form.levels or form.unknown_level):
        return form
    asked = asked_sentence(said)
    statement = _statement(said, asked)
    if asked == said or not statement or not is_context(statement):
        return form
    own = understand(asked, vocabulary)
    if own.level or own.levels or own.unknown_level:
        return form
    return replace(form, level=None, levels=[], unknown_level=None)


def searched_words(corrected: str, question: str, own: Slots) -> str:
    """What a part's documents search is made of: the question after a statement (`question`), or the whole part when
    the statement names the role the documents are organised by ("I'm a data scientist, what should I learn?"); not
    when the role is only the asker introducing themself ("senior ML engineer here - what does monitoring involve?"):
    the role is then context (planned_parts puts it there), and the question's own words are what is searched."""
    if not (own.roles or own.unknown_role):
        return question
    statement = _statement(corrected, asked_sentence(corrected))
    introduced = bool(statement) and INTRODUCTION.match(SENTENCE_BREAK.split(statement, maxsplit=1)[0]) is not None
    return question if introduced else corrected
