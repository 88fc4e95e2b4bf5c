"""The shape of a documentation answer when a section the question names answers as a whole, rather than its
best sentences: the section whose heading is the question's topic, quoted as bullets or as its few sentences;
and, before any shape is chosen, the context entity's item put ahead of a mere opening sentence. Each writer
returns whether it wrote, so the composer falls back to a list (answer_lists.py) or to sentences.
"""

from __future__ import annotations

from assistant.answer_roles import (
    DEPENDS,
    PURPOSE,
    RAISERS_ASKED,
    REASON,
    REMEDY,
    WHY,
    YES_NO,
    Scored,
    asks_remedy,
    bare_item,
    defining,
    mostly_figures,
    named_item,
    nested,
    prose_lead,
)
from assistant.answer_sentences import write_bullets
from assistant.draft import Draft
from assistant.models import PartKind
from assistant.passage_units import Unit, comparison_sides, is_framing, is_list
from assistant.retrieval import Passage
from assistant.section_reading import SectionReader

TOPIC_HEADING = 0.8  # share of the top passage's heading the question names, from which the section answers
TOPIC_KINDS = ("explanation", "list", "method")
SUBSECTION_HEADING = 0.6  # share of a subsection's heading named that defers the named section to it
TOPIC_RANKS = 2  # the named section may be this far down the search (a partly named heading just above it)
TOPIC_SLACK = 0.15  # how far below the best unit elsewhere the named section's best unit may score
BARE_ITEM = 0.1  # ... where a bare short list item (no label, a few words) counts this much less
SHORT_SECTION = 5  # sentences: a prose section up to this long is quoted whole when the question names it
DEFINITION_SENTENCES = 3  # a definition quotes at most this many sentences of the section it names
ENTITY_UNDER_OPENING = 0.3  # how far below a parent's opening sentence the context entity's item in a subsection may be
DEEPER_HEADING = 0.25  # share of the question's (IDF-weighted) words a heading elsewhere names beyond the opening's


class SectionAnswers(SectionReader):
    """Writes a section the question names as the answer when it answers as a whole (built once per build)."""

    def entity_under_opening(self, scored: list[Scored]) -> list[Scored]:
        """The units best first, the context entity's item put first when the best unit only opens the section
        whose subsection lists it: "the career ladder for an AI researcher" is the AI Research Scientist item of
        Career Development > Career Paths, not Career Development's "... offers diverse and exciting career
        paths" with its subsection headings. The opening speaks of the field at large; a role named as context
        asks about that role. Without a role there is no such item, and the opening still answers "how do I
        develop my career in AI?"."""
        best = scored[0]
        if best.entity_item or best.unit.is_item or best.unit.position != 0:
            return scored
        own = self._section_units(best.passage)
        if any(u.is_item for u, _ in own) or not self._retriever.subsections(best.passage):
            return scored  # a section with its own list or no subsections: its opening is more than a door
        below = f"{best.passage.section} > "
        for other in scored[1:]:
            if other.score < best.score - ENTITY_UNDER_OPENING:
                break
            # ... and so is a close unit under a heading that names much more of what is asked than the door's:
            # "how much does adaptability matter in an AI career" is Adaptability and Continuous Learning, not
            # Career Development's opening (named by "career" alone) with its subsection headings
            deeper = other.heading_share >= best.heading_share + DEEPER_HEADING
            if deeper or (other.entity_item and other.passage.section.startswith(below)):
                return [other, *(s for s in scored if s is not other)]
        return scored

    def topic_section(
        self, kind: PartKind, query: str, scored: list[Scored], passages: list[Passage], search_text: str, draft: Draft
    ) -> bool:
        """Answer with a whole section when the question names its topic: the search's top passage is under
        a heading the question names ("How do discriminative models work?" -> Discriminative Models; "keep
        my skills up to date" -> Continuous Learning) and the section is a list or short prose. One sentence
        that merely shares the question's words elsewhere ("Detecting and mitigating bias" listed among
        challenges) says less than the section written about it. Written when it answers; True if so."""
        found = self._named_topic(kind, query, scored, passages)
        return found is not None and self._write_whole(kind, query, *found, scored, search_text, draft)

    def _named_topic(
        self, kind: PartKind, query: str, scored: list[Scored], passages: list[Passage]
    ) -> tuple[Passage, list[tuple[Unit, Passage]]] | None:
        """The top passage and its whole section when the question names that section's topic and no answer
        elsewhere says more about what is asked; None otherwise."""
        best = scored[0]
        # A heading the question names whole beats one it names in part ranked just above it: "future outlook
        # for ML careers" is Future Outlook, not Career Development (which shares "careers" only).
        top = max(passages[:TOPIC_RANKS], key=lambda p: p.heading_match >= TOPIC_HEADING)
        # An explanation or a list is about a topic; a yes/no or a pointed question ("Can generative models
        # be used for classification?") wants the one sentence that answers it, whatever section it is in.
        pointed = kind not in TOPIC_KINDS or bool(YES_NO.match(query))
        if pointed or best.entity_item or comparison_sides(query) or mostly_figures(top):
            return None
        if top.heading_match < TOPIC_HEADING:
            return None
        if RAISERS_ASKED.match(query) and best.passage.section != top.section:
            # "which specialised skills raise your salary?": the things that raise pay are asked by name, and the unit
            # naming them ("Specialized skills (e.g., deep learning, NLP)") answers, not the section a modifier of
            # the question names (Specialization)
            return None
        if any(
            p.heading_match >= (SUBSECTION_HEADING if p.section.startswith(f"{top.section} > ") else TOPIC_HEADING)
            and nested(p.section, top.section)
            for p in passages
            if p is not top
        ):
            # A section and its subsection named ("Classification Models" > "Common Examples of ..."): the
            # subsection says what is asked more precisely even when the question skips a word of its heading
            # ("examples of classification models"); the sentences and lists of both answer (see below).
            return None
        section = self._section_units(top)
        remedy_unsaid = asks_remedy(query, kind) and not any(REMEDY.search(u.text) for u, _ in section)
        if (WHY.match(query) or remedy_unsaid) and not is_list([u for u, _ in section]):
            # "Why ...?" of a prose section: the sentence giving the reason answers, wherever it is ("why does
            # training data have to be labeled for supervised learning" -> "... needs to be labeled carefully ...",
            # not the Supervised Learning section quoted whole); a list's items are the reasons or the steps
            # ("why specialize in one area of AI" -> Specialization). So for a remedy the section never offers
            # ("how do I avoid overfitting?" is not answered by the Overfitting section's definition; "what can
            # be done to reduce bias" is by Eliminating Bias, which says how it is mitigated).
            return None
        in_section = {chunk.chunk_id for _, chunk in section} | {top.chunk_id}
        # What the kind of question adds (a remedy, a reason) is set aside: here it is which section the question is
        # about, and a remedy sentence on both sides ("to mitigate" in Eliminating Bias) would widen the gap.
        section_best = max((s.score - s.bonus for s in scored if s.passage.chunk_id in in_section), default=0.0)
        # Only a close answer elsewhere can say what the named section does not ("problems" in "Skills in analyzing
        # problems ..." far below the Unsupervised Learning section's sentences answers nothing asked).
        close = [
            s
            for s in scored[: TOPIC_RANKS + 3]
            if s.passage.chunk_id not in in_section and s.score >= section_best - TOPIC_SLACK
        ]
        if self._asks_beyond(query, top, section, close):
            return None
        # A bare short item elsewhere ("Detecting and mitigating bias in AI models") names a topic rather than
        # saying something about it: against a section written on the topic it counts for less.
        elsewhere = max(
            (
                s.score - s.bonus - (BARE_ITEM if bare_item(s.unit) else 0.0)
                for s in scored
                if s.passage.chunk_id not in in_section
            ),
            default=0.0,
        )
        # Named whole just below a heading named in part ("future outlook for ML careers": Future Outlook under
        # Career Development, which shares "careers" only): the partly named section's lead sentence gets
        # the embedding's vote, the named section is surer evidence, so it gets more slack.
        # So is a list named whole that a "why" is asked of when its items give the reasons ("why specialize in one
        # area of AI": Specialization, "... to become a sought-after professional"; a list of steps that gives
        # none, Continuous Learning, leaves "why is continuous learning important" to the sentence saying why).
        reasons = WHY.match(query) and any(REASON.search(u.text) or PURPOSE.search(u.text) for u, _ in section)
        named_whole = top.heading_match >= 1 and (top is not passages[0] or reasons)
        slack = TOPIC_SLACK * (2 if named_whole else 1)
        if section_best < elsewhere - slack:
            return None  # the heading is named, but a sentence elsewhere says much more about what is asked
        return top, section

    def _write_whole(
        self,
        kind: PartKind,
        query: str,
        top: Passage,
        section: list[tuple[Unit, Passage]],
        scored: list[Scored],
        search_text: str,
        draft: Draft,
    ) -> bool:
        """Write the named section whole: a list as bullets (or the one labelled item the question names), short
        prose as its sentences (a definition's first few); False for a long or mixed section."""
        if is_list([u for u, _ in section]):
            item = named_item(search_text, section, self._retriever.heading_match)
            # One labelled item the question names ("AI Product Manager: ...") is the answer; an unlabelled item
            # sharing the question's words ("Stay updated with ...") is one of the section's answers.
            if item and item[0].label:
                write_bullets("", [item], draft)
            else:
                picked = self._items_about(query, top.section, section)
                write_bullets(prose_lead(section) if picked is section else "", picked, draft)
            return True
        prose = [(u, chunk) for u, chunk in section if not u.is_item and not is_framing(u.text)]
        if not prose or len(prose) != len(section) or len(prose) > SHORT_SECTION:
            return False  # a long or mixed section: its best sentences answer (answer_sentences.write_sentences)
        if defining(query, kind) and len(prose) > DEFINITION_SENTENCES:
            # "What is X?": the section's opening says it, then its sentences closest to the question ("... used
            # for?" keeps the sentence on what it is used for), in reading order; the rest only elaborates.
            score = {(s.passage.chunk_id, s.unit.text): s.score for s in scored}
            # A sentence that leans on the one before it ("... therefore often easier to train") is not kept alone.
            free = [i for i in range(1, len(prose)) if not DEPENDS.search(prose[i][0].text)]
            ranked = sorted(free, key=lambda i: -score.get((prose[i][1].chunk_id, prose[i][0].text), 0.0))
            keep = {0, *ranked[: DEFINITION_SENTENCES - 1]}
            prose = [p for i, p in enumerate(prose) if i in keep]
        for unit, chunk in prose:
            sentence = unit.as_sentence()
            marker = draft.cite_passage(chunk, sentence)
            draft.say(f"{sentence if sentence.endswith(('.', '!', ')')) else sentence + '.'} {marker}")
        return True
