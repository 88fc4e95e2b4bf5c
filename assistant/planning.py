"""The question plan, made before anything is looked up: a message's parts, each with its kind and its route.

A part's kind (PartKind: figure, explanation, list, comparison, method, path, smalltalk, other) is voted by
its nearest labelled example questions (stats/question_examples.yaml, embedded once with the query model),
then checked against slot rules (assistant/kind_rules.py): a part that asks for a number (a year, a level,
"how much") leans to a figure; a role, a platform metric or "in production" is context and leans nowhere. The
parts come from assistant/question_parts.py, what a follow-up leaves out from assistant/followups.py.
The route follows the kind (assistant/part_routes.py): figures go to the statistics tools when the slots name
something they hold, every other kind goes to the documents with the entities as search context. A
low-confidence part is answered by its route and, when that fails, by the other one.
"""

from __future__ import annotations

import re
from dataclasses import replace

from langchain_core.embeddings import Embeddings

from assistant.answer_examples import AnswerExamples
from assistant.answer_roles import ASKED_OF_SAID
from assistant.asked_anew import NewAsk
from assistant.asked_means import part_slots
from assistant.asker_context import searched_words, without_asker_level
from assistant.figure_followups import (
    figure_as_pointer,
    figure_pointed,
    names_a_figure,
    only_compares,
    ranked_again,
    same_list_again,
    set_side_by_side,
    sets_beside,
    side_by_side,
    span_pointed_at,
)
from assistant.followup_forms import AGAIN_OF, GAP, FollowupForms, asks_more
from assistant.followup_openings import corrected_fragment, without_acknowledgement
from assistant.followups import (
    REFERS_BACK,
    as_turn,
    every_part_again,
    figure_query,
    goes_on_with,
    inherit,
    job_pointed_at,
    pay_pointed_at,
    role_put_in,
    role_swapped,
    turn_topic,
)
from assistant.kind_rules import KindRules
from assistant.list_things import roles_before
from assistant.paired_roles import pair_put_in
from assistant.part_context import (
    asked_sentence,
    is_hypothetical,
    names_only,
    topicless,
    with_statement_topic,
    without_trailing_statement,
)
from assistant.phrase_match import longest_first
from assistant.phrase_reading import PhraseReader, asks_by_itself, without_levels
from assistant.planned_part import PlannedPart, asks_of_the_answer
from assistant.planned_parts import merged_slots, routed_part
from assistant.pointed_items import listed_item, names_a_dimension, role_by_place, roles_for_kind, roles_of
from assistant.question_kinds import KindClassifier, PlanVocabulary, QuestionExamples, generic_form
from assistant.question_parts import split_parts
from assistant.said_subjects import points_back, said_before
from assistant.search_hints import part_search_text
from assistant.sessions import Turn
from assistant.slot_reading import names_something
from assistant.understanding import Slots, Vocabulary, understand
from assistant.vocabulary_words import word_list

TOPIC_WORDS = 16  # words of a documents turn kept as the topic a follow-up goes on with

_OBJECT_JOB = re.compile(rf"\b(?:for|in|into|at|of)\s+(?:{longest_first(word_list('role_nouns'))})\b", re.IGNORECASE)
_PERSON = re.compile(r"\b(?:they|them|their|he|she|his|her)\b", re.IGNORECASE)
_FIGURE_POINTER = re.compile(r"\b(?:that|this|it)\b", re.IGNORECASE)  # "is that good compared with ...?"


class Planner:
    """Splits a message into parts and decides each part's kind and route (one per loaded build)."""

    def __init__(
        self,
        examples: QuestionExamples,
        classifier: KindClassifier,
        embeddings: Embeddings,
        words: PlanVocabulary,
        answered: AnswerExamples | None = None,
        forms: FollowupForms | None = None,
    ) -> None:
        self.examples = examples
        self._answered = answered
        self.words = words
        self._classifier = classifier
        self._embeddings = embeddings
        cues = sorted({c for g in examples.smalltalk for c in g.cues}, key=len, reverse=True)
        self._smalltalk = re.compile(
            r"^\W*(?:(?:" + "|".join(re.escape(c) for c in cues) + r")\b[\W]*)+(?:\w+\W*){0,3}$" if cues else r"(?!)",
            re.IGNORECASE,
        )
        self._rules = KindRules(words, self._smalltalk)
        # The labelled follow-up forms (embedded once: the pipeline reads their vectors from the model cache).
        self._forms = forms if forms is not None else FollowupForms.load(embeddings)

    def plan(
        self,
        message: str,
        vocabulary: Vocabulary,
        previous: Turn | None,
        history_years: list[int],
        history_roles: tuple[str, ...] = (),
        history_levels: tuple[str, ...] = (),
        history_cities: tuple[str, ...] = (),
    ) -> list[PlannedPart]:
        planned: list[PlannedPart] = []
        # "where is that from?", "sorry, I meant AI researcher": the last question again (of what is named)
        message = self.words.restated(message, previous.message if previous is not None else None)
        message = corrected_fragment(message, previous, vocabulary) or message  # "no wait, AI engineers", "same for X?"
        # a labelled follow-up form: "switch that to robotics engineers", "how far apart are they?", "like what?"
        message, shape = self._forms.read(message, vocabulary, previous, self._embeddings.embed_query)
        message = every_part_again(message, previous, vocabulary) or message  # "and for data scientists?" after 2 parts
        read = PhraseReader(vocabulary)  # each phrase understood once: the splitter's and the part's reading are one
        parts = split_parts(
            message, self.is_greeting, lambda t: self._asks(read(t), t), lambda t: without_levels(t, vocabulary)
        )
        for text in parts:
            # "ok, and a data scientist?" is read as "and a data scientist?" after a turn (its text stays as said)
            plain = without_acknowledgement(text, vocabulary) if previous is not None and not planned else text
            own = part_slots(read, plain, vocabulary, self.words)
            # "thanks! and in Seattle?": after small talk alone, the part goes on from the last turn.
            first = all(p.kind == "smalltalk" for p in planned)
            before: Turn | None = previous if first else as_turn(planned[-1])
            placed = role_by_place(text, own, before, history_roles) if first else None
            if placed:  # "what about the first one at late career?" after two roles' pay: that role, named
                own = replace(own, roles=[placed], followup=True)
            years = history_years if first else [*history_years, *planned[-1].slots.years]
            own = span_pointed_at(own, text, before)  # "how long does that take?" after a path: no level's span
            # "... and what do they earn?", "What skills do they need?": the pronoun stands for the role before.
            # A title the tables lack ("an AI product manager") is who "they" are as much as a known role.
            earlier_roles = roles_before(text, own, before)  # none when "they" are the things just listed
            if not earlier_roles and first and before is not None and before.route == "statistics" and history_roles:
                # "and what do they earn mid-career?" after a robotics engineer's path, then the platform's offers:
                # a figure of no one names no person, so "they" is the role the conversation was last about.
                earlier_roles = list(history_roles[-1:]) if _PERSON.search(text) else []
            # "compare ML engineers and data scientists: pay and what they focus on": "they" are both roles named.
            who = " and ".join(earlier_roles[:2]) if len(earlier_roles) > 1 and _PERSON.search(text) else None
            paired = None if own.roles else pair_put_in(text, earlier_roles)  # "how do the two roles differ?"
            resolved = paired or (
                role_put_in(text, who or earlier_roles[0], self.words) if earlier_roles and not own.roles else None
            )
            if resolved:
                slots = understand(resolved, vocabulary)
                own = replace(own, tools=slots.tools)  # "and their main tools": a role's toolkit, no trending list
                slots.followup = True  # it still refers back: levels, years and gaps follow the part before
                slots.level_span = slots.level_span or own.level_span  # "how many years is that?": still asked
                if own.level and not slots.level:
                    # "and late in their career?": the level phrase held the pronoun the role replaced
                    slots.level, slots.levels = own.level, list(own.levels)
            else:
                slots = same_list_again(text, own, before, self.words) or own  # "Is PyTorch one of them?"
            previous_kind = str(before.slots.get("kind") or "") if before else ""
            # "does that include ...?", "is that the same as job openings?": what the figure before is or counts.
            form, pointed, of_figure = figure_pointed(text, own, before)
            unknown = {own.unknown_role or "": "this job", own.unknown_place or "": "this city"}
            # The form of the question decides its kind, not a statement before it ("I live in Seattle. Is ...?").
            # ... but "if a dev gets 10 offers, how many times ...?" is one question, its case included.
            whole = is_hypothetical(text)
            corrected = without_trailing_statement(own.corrected or text)
            corrected = figure_as_pointer(corrected) if of_figure else corrected  # "is 59 a lot?": "is that a lot?"
            corrected_question = with_statement_topic(corrected, asked_sentence(corrected))
            generic = generic_form(corrected if whole else corrected_question, unknown, bool(own.platform_metric))
            generic_vector = self._embeddings.embed_query(generic)
            vote = self._classifier.vote(generic_vector)
            said = without_trailing_statement(plain)
            asked_said = with_statement_topic(said, asked_sentence(said))
            # "..., and what's their average pay?", "what does a DS do, what's the average pay?": the role's figure;
            # so is "what's it in canada?" (the figure in another place or year). "is that good money?" names neither
            # a person nor a place: it points at the figure, whose role is no part of the question.
            person = _PERSON.search(text) is not None or self.words.role_noun.search(text) is not None or bool(paired)
            carried = person or names_a_dimension(own)
            # "is that good money?" asks of the figure just given, not for the pay of the role named before
            earlier = [] if first or of_figure or ASKED_OF_SAID.match(text) else earlier_roles
            form = roles_for_kind(form, slots.roles if resolved and carried else [], earlier, own)
            form = form if whole else without_asker_level(form, said, vocabulary)  # "junior DS here, ...": who asks
            kind, confidence = self._rules.kind(said if whole else asked_said, form, vote, previous_kind)
            if (
                kind == "smalltalk"
                and not planned
                and asks_of_the_answer(text, previous_kind)
                and not self.is_greeting(text)
            ):
                # "what's the catch?", "is that good?" opening a message after an answer: a question, not addressed
                # to the assistant ("what can you do?"), whose form the small-talk examples share; it asks about what
                # was answered ("thanks, how do I use this?" goes on from the thanks: the assistant is "this").
                kind = "explanation"
            # What the figure is or counts: neither a new figure nor an explanation of the measure it names.
            kind = "method" if of_figure and kind in ("figure", "explanation", "comparison") else kind
            if (
                kind == "comparison"
                and previous_kind == "figure"
                and before is not None
                and before.route == "statistics"
            ):
                # "how does New York measure up?" after Seattle's figure: the new side's figure beside it
                kind = "figure" if (own.city or own.years or own.level) and only_compares(text, own) else kind
            national = own.national and not names_something(own)
            if first and previous_kind == "figure" and kind != "figure" and (shape == AGAIN_OF or national):
                # The last question asked again, so of its kind: "and a mid-career AI engineer?" after a data
                # scientist's pay (a form of the last question of another role: its level words are no question
                # of their own); "ok, and in the US overall?" after a city's figure, or one the data lacked
                # (London): the same figure for the whole market, which is what the guide's figures are of.
                kind = "figure"
            other_side = [r for r in earlier_roles if r not in own.roles][:1]
            beside = sets_beside(text, own, before, previous_kind, vocabulary)
            again = ranked_again(text, own, before, previous_kind)  # "and the second one?" after a ranking
            embed = self._embeddings.embed_query  # "the third one" / "the one about X" of the list just given:
            item = None if again else listed_item(text, own, before, embed)
            kind = "explanation" if item and kind in ("other", "smalltalk") else kind
            if beside or again:  # "is that more than a data scientist?" after a researcher's pay: both roles
                kind, slots = "figure", again or slots
            elif own.roles and other_side and kind != "figure" and self.words.asks_to_compare(text):
                # "how is their job different from an ML engineer's?" after a data scientist: both are named.
                resolved = role_put_in(text, other_side[0], self.words)
                kind = "comparison" if resolved else kind
            if kind == "figure" and slots.doc_cue:
                # A figure part takes what it leaves out from before ("what's the Early Career figure?"), and
                # "how does it vary by seniority?" after a salary asks about that salary, whatever its words.
                slots = replace(slots, doc_cue=False, followup=slots.followup or previous_kind == "figure")
            merged = merged_slots(text, own, slots, before, years, planned[-1] if planned else None, self.words)
            if kind == "other" and not REFERS_BACK.search(text):
                # "... and the capital of Australia": a question of no kind the sources answer takes nothing
                # from the part before; searched with the median it was next to, it would find the median.
                merged = replace(own)
            # "which is higher?" after a data scientist's and then an ML engineer's pay (or two levels' pay): those two
            gap = first and shape == GAP and previous_kind == "figure"  # "how far apart are they?" after two figures
            kind = "figure" if gap else kind
            # ... or two cities' figures, when the figure just given was a city's ("what's the gap?" after NYC, Seattle)
            cities = history_cities if before is not None and before.slots.get("city") else ()
            pair = side_by_side(
                text, own, kind, previous_kind, history_roles, history_levels, self.words, years, gap, cities
            )
            if beside:
                merged.roles = [*beside, *(r for r in merged.roles if r not in beside)]
                # "is a data scientist paid more at that level?": the two side by side, no ranking of one's levels
                merged.compare, merged.rank, merged.rank_word, merged.rank_dimension = True, None, None, None
            elif first and pair:
                kind, merged = "figure", set_side_by_side(merged, pair)
            if (beside or (first and pair)) and before is not None and not (merged.level or merged.levels):
                merged.level = before.slots.get("level")  # "how much more do data scientists earn?": same level
            if kind == "figure" and before and not names_something(merged) and names_a_figure(before):
                # "how many were there in each year?" after "what are proposals?": the figure named before.
                merged = inherit(replace(own, followup=True), before, years)
            if kind == "figure" and before and not merged.years and REFERS_BACK.search(text) and not resolved:
                # "how many offers was that based on?" ("they" standing for a role points at the role, not the year)
                merged.years = list(before.slots.get("years") or [])
            part = routed_part(
                text,
                kind,
                confidence,
                own,
                merged,
                previous if first else None,
                planned,
                self.words,
                self.examples.role_context,
            )
            # (a figure set beside the figure just given is the tables' own: "do AI researchers get less at that
            # stage?" lies near answered questions about researchers, but asks their pay)
            if (
                not beside
                and self._answered is not None
                and self._answered.route_is_theirs(
                    part.route, own, part.text, generic_vector, self._embeddings.embed_query
                )
            ):
                # "what roles sit above a junior ML engineer", "SageMaker": asked before in other words, and the
                # documents answered; a figure the tables hold by its own words (tools, a metric, pay) stays theirs.
                part.kind = "explanation" if part.kind == "smalltalk" else part.kind
                part.route, part.fallback = "documents", ("statistics" if part.route == "statistics" else None)
            # A role-dependent kind searches with the role in place of "they" ("the path to the top for them").
            # So does a part with no topic of its own ("what do they do?"): the role is all it is about.
            role_kind = kind in self.examples.role_context or topicless(text) or kind == "comparison" or bool(paired)
            # "what do they do all day?": what a person does is explained by their role.
            role_kind = role_kind or (kind == "explanation" and person) or self.words.role_noun.search(text) is not None
            # The question after a statement is what is searched for ("I have 3 years of experience, what should
            # I learn next?"), unless the statement names the role the documents are organised by.
            asked = searched_words(corrected, corrected_question, own)  # (not "senior ML engineer here - ...")
            # "why is it so high?" after a salary: "it" is the figure, not the role; only a person ("they") or "the
            # job" is searched as the role ("is that good compared with ML experts?" compares the figure, not the job).
            compared_job = kind == "comparison" and not (previous_kind == "figure" and _FIGURE_POINTER.search(text))
            by_role = role_kind and (person or kind in self.examples.role_context or compared_job)
            part.query = (resolved if by_role and resolved else None) or asked
            if resolved and part.route == "documents" and _PERSON.search(text) and not topicless(text):
                # "... and what are their main duties?", "what does deployment involve for them?": the person is
                # the role before, whatever the kind; it is the context of the part's own topic, as if named.
                part.context.extend(r for r in roles_of(slots.to_dict()) if r not in part.context)
            # "skills for that job": the job named as the object of the request is pointed at as "it" is; "they", or
            # the job as the subject ("what skills does that role need?"), is the person in the role
            pointed_job = _OBJECT_JOB.search(text) is not None and not _PERSON.search(text)
            # "what skills do I need for it?" after a salary: the job's skills, in the part's own words (a role's name
            # would pull in its career path); "what would help raise that?" asks what drives the figure, not the job
            job = None if person and not pointed_job else job_pointed_at(text, kind, own, previous_kind, earlier_roles)
            drives = self.words.asks_what_drives(text) and not (person or pointed_job)
            job, by_role = (None, False) if drives else (job, by_role)
            part.query = asked if job else part.query
            if job and self.words.role_noun.search(text) and job not in part.context:
                part.context.append(job)  # "skills for that job": the job named is the context, as a role named is
            the_figure = pay_pointed_at(text, before, previous_kind, bool(person or by_role or job))
            part.query = figure_query(part.query, text, kind, own, the_figure, self.words)
            if kind == "comparison" and the_figure and not names_something(replace(own, salary=False)):
                # "is that good (money)?" after a salary judges it against what is usual, naming no other side (no
                # role, place or year): searched with the data's words for that (question_examples search_hints).
                judged = self.examples.hints.get("judged")
                part.query = f"{part.query} ({judged})" if judged else part.query
            carried = part.context_roles if not (own.roles or own.unknown_role) else []
            if not resolved and carried and kind in self.examples.role_context:
                # "... and whats the career ladder": the ladder of the role the message or conversation is about.
                # The role is then what is asked, not context set aside from it ("that career" alone chose the
                # guide's Career Development intro over the role's own path).
                part.query, part.context = f"{asked} for {carried[0]}", [c for c in part.context if c != carried[0]]
            part.generic = generic
            swapped = role_swapped(text, own, previous, vocabulary) if first else None
            if swapped:
                part.query = swapped  # "what about an AI engineer?" after a data scientist's skills: an AI engineer's
            standalone = swapped
            if pointed:
                part.context.append(pointed)  # "What does that number measure?": the figure before is what is asked
            refers_back = points_back(text, kind, self.words)  # "them", "those two", "how do I learn that?"
            # The question it goes on from: the last turn's, or the part before in the same message when that one
            # named no role ("how do discriminative models work and where are they used?").
            source = previous if first else (None if earlier_roles else before)
            # "How can it be avoided?" after "What is overfitting?": the topic it goes on with ("it" as a job: the job)
            went_on = goes_on_with(text, part.query or text, own, source, refers_back, self.words)
            if went_on is not None and part.route == "documents" and not job:
                part.query, part.said = went_on[0], said_before(source, text, self.words)
                part.context.extend(went_on[1:])
                standalone = standalone or (went_on[0] if len(went_on) == 1 else None)
            if item and before is not None:  # "tell me about the third one": that item, in the topic before
                part.query, part.context = item, [*dict.fromkeys([*part.context, turn_topic(before)])]
                # "explain the second one": the question of that item is what is asked, not of the topic
                standalone = item
            if first and previous is not None and not names_something(own) and not part.context:
                # "why is monitoring important?" after best practices for deploying models: if its own words
                # find nothing, the documents are searched again with the question it follows.
                part.earlier = turn_topic(previous)
            if part.route == "documents" and not (part.slots.roles or part.slots.unknown_role):
                # "what skills would I need for that?" between a salary and "and mid-career pay?": the role the
                # conversation is about stays its role (only the tables' roles: the slots feed their tools).
                carried = [r for r in part.context_roles if r in vocabulary.roles]
                part.slots = replace(part.slots, roles=carried) if carried else part.slots
            if standalone:
                # "give me an example" after unsupervised learning is searched as "give me an example unsupervised
                # learning": its masked form is the resolved question's too, so the answered examples near it
                # (answer_examples.py) are those of the question as asked in full, not of any "give me an example".
                part.generic = generic_form(standalone)
            if first and asks_more(message, shape) and previous is not None and part.route == "documents":
                # "go on", "anything else on that?": more of the topic goes on from where the answer stopped; what
                # the turns before said of it (kept in the stored turn) is not said again
                part.told = str(previous.slots.get("told") or "")
            elif first and previous is not None and part.route == "documents":
                said = previous.slots.get("told") or previous.slots.get("quoted")  # something new asked of it
                part.anew = NewAsk(str(said), text) if said else None  # (asked_anew.py)
            planned.append(part)
        return planned

    def _asks(self, slots: Slots, text: str) -> str:
        """What a phrase of a message asks by itself, for the splitter: its slots' reading, and a career step
        ("career ladder", "promotion": the path cues) asks the documents, as a skill or a duty does."""
        if names_only(text):
            return ""  # "data scientists, what do they earn?": the role is what the question after it is about
        return asks_by_itself(slots) or ("documents" if self.words.path.search(text) else "")

    def is_greeting(self, text: str) -> bool:
        """'Hi!', 'thanks a lot': a part led by a small-talk cue of the examples file (not 'I'm in NYC')."""
        return self._smalltalk.match(text) is not None

    def known_words(self) -> set[str]:
        """Words of the examples and the cue lists: real words the typo fixer must not "correct"."""
        examples = {w.lower() for qs in self.examples.kinds.values() for q in qs for w in re.findall(r"[A-Za-z]+", q)}
        return examples | self.words.known_words()

    def topic_of(self, part: PlannedPart) -> str:
        """The words a documents part was searched with (its query, then the topic it went on from), kept with
        the turn: "and unsupervised?" after supervised learning is about both, and so is "which one needs more
        data?" after it."""
        words = re.findall(r"[\w'/+#-]+", " ".join([part.query or part.text, *part.context]))
        return " ".join(list(dict.fromkeys(words))[:TOPIC_WORDS])

    def search_text(self, part: PlannedPart) -> str:
        """The documents query for a part (search_hints.part_search_text)."""
        return part_search_text(part, self.examples.hints, self.words)
