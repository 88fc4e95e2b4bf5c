"""Writing a documentation answer into the draft, once its units are chosen: as sentences (the best unit first,
the direct answer, then the ones that belong with it: its paragraph's neighbour, each side of a comparison; a
definition holds one to three) or as bullets under a lead; every sentence and bullet cited.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.answer_roles import (
    ANAPHORA,
    POINTS_BACK,
    REMEDY,
    Scored,
    antecedents,
    covers,
    heading_of,
    only_on,
    speaks_of,
)
from assistant.answer_scoring import LEXICAL
from assistant.draft import Draft
from assistant.passage_units import Unit, mentions, units
from assistant.retrieval import Passage, first_line_of
from assistant.text_terms import found_in, terms

MOST_BULLETS = 10  # a longer list section is answered with the items around its best one
SIDE_SLACK = 0.6  # how far below the lead a sentence on one side of a comparison may score
SECOND_CONTRAST_RANKS = 4  # units searched for a second sentence relating both sides of a comparison
SECOND_CONTRAST_SLACK = 0.35  # ... and how far below the lead it may score ("not all AI is ML" trails by 0.27)
PRONOUN_CLAUSE = 10  # words from which a sentence opening with a pronoun says something of its own
CONTINUATION_SLACK = 0.45  # how far below the lead the next sentence of its paragraph may score and still follow it


def continuation(best: Scored, scored: list[Scored], remedy: bool = False) -> Scored | None:
    """A sentence next to the lead in its paragraph that belongs with it: the one after it when it carries
    the lead on ("This includes addressing biases ...", "Reinforcement models inform ..."), else the one
    before it when it speaks of the same thing ("If an ML model learns ... 'noise' ... then it's overfitting
    the training data." before "Overfitting is the flipside of underfitting ..."), and not far below it:
    the lead alone is often only half of what its paragraph says about the asked thing. When a remedy is asked
    (`remedy`) and the lead states the problem, the sentence after it offering a way around it ("A way around
    this, using synthetic data, ...") is the answer itself, however it scores and even as a new paragraph."""
    if best.unit.is_item:
        return None
    order = units(best.passage.text)
    at = next((i for i, u in enumerate(order) if u == best.unit), None)
    if at is None:
        return None
    if remedy and not REMEDY.search(best.unit.text) and at + 1 < len(order):
        after = order[at + 1]
        leans = bool(ANAPHORA.match(after.text) or POINTS_BACK.match(after.text))
        if not after.is_item and leans and REMEDY.search(after.text):
            way = next((s for s in scored if s.passage.chunk_id == best.passage.chunk_id and s.unit == after), None)
            if way is not None:
                return way
    paragraphs = [line for line in best.passage.text.split("\n") if best.unit.text in line]
    for step in (1, -1):
        if not 0 <= at + step < len(order):
            continue
        neighbour = order[at + step]
        if neighbour.is_item or not any(neighbour.text in line for line in paragraphs):
            continue
        item = next(
            (s for s in scored[1:] if s.passage.chunk_id == best.passage.chunk_id and s.unit == neighbour), None
        )
        if item is None or closes_enclosing_section(neighbour.text, best.passage.section):
            continue
        pronoun = step == 1 and bool(ANAPHORA.match(item.unit.text))
        carries = pronoun or item.lexical >= 0.5 * best.lexical > 0
        # A pronoun speaks of the lead's subject without repeating its words ("This technology makes ML more
        # accessible ..." after "AutoML is revolutionizing ..."): the words it lacks for that are not held against
        # it, when it says something of its own (a clause, not "It doesn't therefore have to label things.").
        says_more = len(item.unit.text.split()) >= PRONOUN_CLAUSE
        unsaid = LEXICAL * max(0.0, best.lexical - item.lexical) if pronoun and says_more else 0.0
        near = item.score + unsaid >= best.score - best.bonus - CONTINUATION_SLACK
        if carries and near and len(item.unit.text.split()) >= 4:
            return item
    return None


def write_sentences(
    scored: list[Scored],
    draft: Draft,
    rare: Callable[[str], bool],
    sides: tuple[set[str], set[str]] | None = None,
    budget: int | None = None,
    remedy: bool = False,
) -> None:
    """The best unit first (the direct answer), then up to two close ones in reading order. A comparison
    gets the best sentence on each side it has not covered yet, so both sides are spoken for. `budget`: the
    most sentences the answer may hold, a pronoun's antecedents counted (a definition is one to three);
    `remedy`: a way around a problem is asked (see continuation)."""
    best = scored[0]
    chosen = [best]
    # A lead that itself contrasts both sides ("While both roles ..., ML Engineers focus on the 'how' ...,
    # while Data Scientists ...") is the answer: a side then gets a sentence only from its own section.
    contrast = sides is not None and all(mentions(speaks_of(best.unit, best.passage), side) for side in sides)
    if contrast and sides is not None:
        # Another section's sentence relating both sides as closely ("Machine learning is a subfield of artificial
        # intelligence ...") says how they differ where the lead may only set them side by side ("AI and ML are
        # two related trending technologies ...").
        second = next(
            (
                s
                for s in scored[1:SECOND_CONTRAST_RANKS]
                if s.passage.section != best.passage.section
                and all(mentions(speaks_of(s.unit, s.passage), side) for side in sides)
                # what examples lent the lead says it leads, not how far another may trail it
                and s.score - s.prior >= best.score - best.prior - SECOND_CONTRAST_SLACK
            ),
            None,
        )
        if second is not None:
            chosen.append(second)
    for side, other in (sides, sides[::-1]) if sides else ():
        # A heading is about the side when it names the side's specific words ("Unsupervised Learning"), not
        # a common one the side happens to hold ("job" in "Is C++ useful for an AI job?").
        named = {t for t in side if rare(t)} or side
        # A side read as a name or a formula ("linear regression", "P(x,y)"): a sentence saying it speaks of
        # that side wherever it is ("Algorithms such as linear regression ..." under Regression Models).
        a_name = any(" " in t or "(" in t for t in side)
        if not any(covers(c, side, other) for c in chosen):
            # Only from a section on that side or the lead's own: a sentence on a third topic that names
            # the side in passing ("Generative models, ... an example of unsupervised learning") is not it.
            near = [
                s
                for s in scored[1:]
                if only_on(s, side, other)
                and s.score >= best.score - best.bonus - SIDE_SLACK  # the lead's own both-sides bonus set aside
                and (mentions(heading_of(s.passage), named) or s.passage.section == best.passage.section or a_name)
            ]
            # The section written about that side ("Discriminative Models") says what it is, from its first
            # sentence on (however it scores: "These generally entail ..." leans on the heading); a sentence
            # elsewhere mentioning it in passing ("... an example of unsupervised learning") does not.
            own = sorted(
                (s for s in near if covers(s, side, other) and mentions(heading_of(s.passage), named)),
                # the section most nearly about that side alone ("What is machine learning?" before "AI and Machine
                # Learning"), then its reading order
                key=lambda s: (len(set(terms(heading_of(s.passage))) - side), first_line(s.passage), s.unit.position),
            )
            if own or (near and not contrast):
                chosen.append((own or near)[0])
    # Each side has a sentence of its own: nothing else is needed (a third would be about something else).
    sided = contrast or (
        sides is not None and all(any(only_on(c, one, two) for c in chosen) for one, two in (sides, sides[::-1]))
    )
    if (
        sided
        and sides is not None
        and len(chosen) > 2
        and not any(mentions(speaks_of(best.unit, best.passage), side) for side in sides)
    ):
        # Each side has its own sentence and the lead speaks of neither ("They model the relationship between
        # ... (x) and ... (y)" for "P(x,y) vs P(y|x)"): it shared words with the question, it is no answer.
        chosen = chosen[1:]
        best = chosen[0]
    following = continuation(best, scored, remedy)
    if following is not None and following not in chosen and len(chosen) < 3:
        chosen.append(following)
    top_lexical = max(s.lexical for s in scored[:4])
    for item in scored[1:8]:
        if len(chosen) == 3 or sided:
            break
        same = item.passage.chunk_id == best.passage.chunk_id
        close = item.score >= best.score - best.bonus - (0.25 if same else 0.15)  # the lead's bonus set aside
        # ... or what the kind of question asks for, in the lead's own passage (a second qualification of the
        # figure "is that high?" asks of, another reason for "why"): the question's words need not be in it
        kind_wants = same and item.bonus - item.prior > 0 and best.bonus - best.prior > 0
        on_topic = item.lexical >= 0.5 * top_lexical or (item.lexical > 0 and same) or kind_wants
        # A definition (a budget is set) led from under a heading the question names: a support from a section
        # whose heading names nothing asked ("Machine Learning Algorithms: Understanding of supervised and
        # unsupervised learning ..." among required skills, for "what is deep learning?") is on another topic.
        elsewhere = budget is not None and not same and best.heading_share > 0 and item.heading_share == 0
        repeats = any(item.unit.as_sentence() == c.unit.as_sentence() for c in chosen)
        if close and on_topic and not elsewhere and not repeats and len(item.unit.as_sentence().split()) >= 4:
            chosen.append(item)
    support = sorted(chosen[1:], key=lambda s: (s.rank, s.unit.position))
    said: set[str] = set()
    for item in [best, *support]:
        if item.unit.text in said:
            continue  # already said as the antecedent of a sentence before it
        # A pronoun's antecedent already in the answer is not repeated ("... is increasing. This includes ...").
        before = [a for a in antecedents(item, points_back=item is best) if a not in said]
        if budget is not None and item is not best and len(said) + len(before) + 1 > budget:
            continue  # a support that would need more sentences than a definition should hold
        if item is not best and before and item.passage.section != best.passage.section:
            continue  # a pronoun-led support from another section brings its own topic's sentences along
        sentence = " ".join([*before, item.unit.as_sentence()])
        said.update({*before, item.unit.text})
        marker = draft.cite_passage(item.passage, sentence)
        if item.unit.is_item and not item.unit.label and len(sentence.split()) <= 8:
            # A bare list item ("MLOps (Machine Learning Operations)") says what it is by the list it is in.
            heading = heading_of(item.passage)
            draft.cite_passage(item.passage, heading)  # quoted, so cited
            sentence = f"{sentence.rstrip('.')} (listed under {heading})"
        if sentence.endswith(":"):
            sentence = sentence[:-1]  # a list's lead-in said without its list (its purpose, asked "why")
        if not sentence.endswith((".", "!", ")", "”", "’", "'")):
            sentence += "."
        draft.say(f"{sentence} {marker}")


def write_bullets(
    lead: str,
    section: list[tuple[Unit, Passage]],
    draft: Draft,
    asked: set[str] | None = None,
    rare: Callable[[str], bool] | None = None,
) -> None:
    """A list as bullets under a lead (the introducing sentence, else the heading); each item cited. The
    section's closing remark follows the bullets when it says a specific word of the question (`asked`, `rare`)
    that neither the items nor the heading say: "which sectors ...?" of a list of what ML engineers improve,
    closed by "Their work has significant applications in healthcare, finance, ..."."""
    items = [(u, p) for u, p in section if u.is_item] or section
    if len(items) > MOST_BULLETS:
        items = items[:MOST_BULLETS]
    passage = items[0][1]
    heading = heading_of(passage) or passage.title
    # The heading is quoted too (it may carry a year: "... tech & tools in 2025"), so it is cited with it.
    lines = [
        f"{lead.rstrip(': ')} {draft.cite_passage(section[0][1], lead)}"
        if lead
        else f"{heading} {draft.cite_passage(passage, heading)}:"
    ]
    for unit, source in items:
        bullet = unit.as_bullet()
        lines.append(f"- {bullet} {draft.cite_passage(source, bullet)}")
    closing = [(u, p) for u, p in section if u.closing]
    if asked and rare is not None and closing:
        said = set(terms(" ".join(f"{u.as_sentence()} {p.section}" for u, p in items)))
        specific = {t for t in asked if rare(t)} - found_in({t for t in asked if rare(t)}, said)
        for unit, source in closing:
            if specific and found_in(specific, set(terms(unit.text))):
                lines.append(f"{unit.text} {draft.cite_passage(source, unit.text)}")
    draft.say("\n".join(lines) + "\n")


def first_line(passage: Passage) -> int:
    """The passage's first line in its document ('file.md:79-81' -> 79); reading order across chunks."""
    return first_line_of(passage.source)


def closes_enclosing_section(sentence: str, section: str) -> bool:
    """'These trends highlight AI and ML's transformative impact ...' at the end of Industry Trends > Pre-trained
    Models: a remark on the enclosing section (its heading names the noun: 'Trends'), glued after the last
    subsection's text; it does not carry on the sentence before it."""
    # plural: "These trends" sums up the enclosing section; "This trend" is the subsection's own
    found = re.match(r"^(?:all\s+)?these\s+([a-z-]+s)\b", sentence.strip(), re.I)
    path = section.split(" > ")
    if not found or len(path) < 2:
        return False
    noun = set(terms(found.group(1)))
    above = {t for heading in path[:-1] for t in terms(heading)}
    return bool(noun) and noun <= above and not noun & set(terms(path[-1]))
