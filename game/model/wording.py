"""English for explanations, written to be read aloud to a class.

Kept apart from the records so the hot path never touches a string template. Every sentence
names the partner, so a projected transcript stays clear when a story has several partners.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.model.explain import Delta, Explanation

LAYER_PHRASES = ("small talk", "something personal", "something private", "a core secret")
"""What is shared at each layer, as the object of "you shared ...": phrases for sentences, not
the layers' names (those are game.glossary.LAYER_NAMES)."""

LAYER_AREAS = ("small talk", "the personal layer", "the private layer", "the core")
"""Each layer as a place in the onion, for "reached ..." and "let you into ..."."""

_LANDINGS: Mapping[str, str] = MappingProxyType(
    {
        "small_talk/supportive": "{p} chatted along easily about everyday things.",
        "disclose/supportive": "{p} received {layer} from you with warmth and understanding.",
        "disclose/reciprocated": "{p} received {layer} from you warmly, then shared "
        "{reply} of {their} own.",
        "disclose/neutral": "{p} listened politely to {layer} but kept {their} distance; "
        "it was a little more than {they} {were} ready for.",
        # Cool because trust was still short, not because it ran ahead: no layer skipped,
        # no further than the partner had gone (or an invited answer or an apology, which
        # never count as either). "A little more than ready for" told a class that answering
        # the partner's own question was too much.
        "disclose/neutral/trust": "{p} listened politely to {layer} but kept {their} "
        "distance: {they} did not trust you enough yet to take it in warmly.",
        # Judged on too little trust, at its own pace: "deeper or sooner" told a class that a
        # plain fact to a guarded partner was a telling out of turn (a flatmates editor).
        "disclose/judgemental/trust": "{p} could not take in {layer} from you yet: {their} "
        "trust in you was still too low for it. Telling it was not wrong.",
        "disclose/judgemental": "{p} recoiled from {layer}: it came deeper or sooner than "
        "{they} could take in.",
        "ask/welcome": "{p} welcomed your question and told you {layer} in reply.",
        # Not "kept the answer short": the story may well show a long answer; what the
        # model knows is only that it went no deeper than before (no R-RECIPROCITY).
        "ask/welcome/none": "{p} welcomed your question, though {they} did not open up any "
        "further yet.",
        "ask/welcome/0": "{p} was happy to chat when you asked about everyday things.",
        "ask/intrusion": "{p} felt pried at: you asked for {layer} before {they} {were} ready "
        "to give it.",
        "respond/supportive": "{p} felt heard: you met what {they} shared with care.",
        "respond/neutral": "{p} got a noncommittal answer to what {they} shared.",
        "respond/dismissive": "{p} felt brushed aside after opening up to you.",
        "respond/judgemental": "{p} felt judged for what {they} had trusted you with.",
        # An answer to something everyday or personal: "trusted you with" claimed a confidence
        # where the partner had only said what they do (a flatmates editor).
        "respond/judgemental/light": "{p} felt judged for what {they} had told you.",
        "plain/plain": "The story itself moved things for {p} here.",
        "plain/unanswered": "You moved on, and {p} was still waiting for an answer to what "
        "{they} had shared.",
        "ruptured": "{p} has already walked away from the relationship; nothing said now "
        "can change how it ended.",
    }
)

# How a move landed, in a few words, for the meters line, the timeline and exports. A
# disclosure's or a question's landing is how the partner RECEIVED it; an answer's landing
# is what the player's answer WAS. "landed judgemental" on an apology read as if the apology
# were judgemental, so each says whose it is.
_SHORT_LANDINGS: Mapping[str, str] = MappingProxyType(
    {
        "disclose/supportive": "{p} received it warmly",
        "disclose/reciprocated": "{p} received it warmly and shared back",
        "disclose/neutral": "{p} received it politely, at a distance",
        # What R-JUDGE does: the disclosure went past what the partner could accept yet
        # (readiness below the neutral band). "with judgement" read as a verdict on the
        # player, which classroom's and belay's notes had to explain away beside kind words.
        "disclose/judgemental": "{p} was not ready for it",
        "ask/welcome": "{p} welcomed the question",
        "ask/intrusion": "{p} felt pried at",
        "respond/supportive": "your answer was supportive",
        "respond/neutral": "your answer was neutral",
        "respond/dismissive": "your answer was dismissive",
        "respond/judgemental": "your answer was judgemental",
        "plain/moved_on": "you moved on from what {p} had shared",
    }
)


def landing_words(kind: str, landing: str, partner: str, moved_on: bool = False) -> str:
    """How a move landed, saying whose the landing is: "Ade was not ready for it",
    "your answer was supportive". A plain choice has none (empty) unless it left the
    partner's confidence unanswered (`moved_on`, see `Explanation.moved_on`)."""
    if landing == "ruptured":
        return f"after {partner} broke off"
    if kind == "plain" and not moved_on:
        return ""
    if kind == "plain":
        landing = "moved_on"
    found = _SHORT_LANDINGS.get(f"{kind}/{landing}")
    return found.format(p=partner) if found else f"landed {landing}"


# Reasons completing "<Partner>'s trust rose 5 to 55: <reason>."
_REASONS: Mapping[str, str] = MappingProxyType(
    {
        "smalltalk.gain": "easy talk about everyday things helps a new acquaintance relax",
        # Not "only sharing more of yourself does": a welcome question builds trust too
        # (R-QUESTION), which a class saw a few screens later (a round-81 teacher).
        "smalltalk.ceiling": "small talk keeps things friendly, but at this level of trust "
        "it builds no more; sharing more of yourself, or asking about {them}, does",
        "support.trust": "you shared {layer} and {p} met it with understanding",
        "support.trust.emotional": "you shared {layer} with real feeling and {p} met it "
        "with understanding; shared feelings bring people closer than shared facts",
        "support.trust.apology": "you owned what you had done, and {p} took your apology",
        "support.defence.apology": "an apology taken makes it safer for {p} to lower {their} "
        "guard",
        "support.trust.sorry": "you said sorry, and {p} took it warmly",
        "support.defence.sorry": "being met warmly makes it safer for {p} to lower {their} "
        "guard",
        "support.defence": "being accepted makes it safer for {p} to lower {their} guard",
        "support.defence.emotional": "accepted feelings lower the guard further than "
        "accepted facts",
        "neutral.trust": "even a lukewarm hearing adds a little trust",
        "judge.trust": "{layer} went past what {p} could accept at this point",
        "judge.defence": "a disclosure that felt out of place put {p} on guard",
        # The same two changes, for a telling judged on trust alone (see _variant).
        "judge.trust.trust": "with trust this low, {layer} was more than {p} could take in "
        "yet",
        "judge.defence.trust": "being told more than {they} could take in yet put {p} on "
        "guard",
        # "still stood": `reached` falls back a layer when a disclosure is judged
        # (R-DEPENETRATE), so something that landed well earlier may no longer count.
        # Plain words for a class of twelve-year-olds: "still stood well" and "that far, that
        # fast" lost them. "So far" is true after R-DEPENETRATE too: what fell back is no
        # longer something the partner is comfortable with.
        "premature": "it was too deep, too soon (so far {p} was only comfortable with "
        "{prior} from you, and this was {layer})",
        "question.gain": "being asked about {themself} shows you are interested",
        "question.ceiling": "more everyday questions add nothing now; sharing something "
        "yourself would",
        "followup": "you asked more about what {they} had just told you, so {p} knew "
        "{they} had been heard",
        "probe.welcome": "being asked about {themself} at the right moment shows you care",
        "probe.too_deep": "your question reached past anything {p} had chosen to share",
        # `reached`, not what was said: a secret told and judged does not count as shared.
        "probe.not_earned": "you asked for {layer} when nothing of yours that deep had landed "
        "well with {p} yet",
        "probe.withdrawn": "{p} is still smarting from being judged and is not sharing that "
        "deeply now",
        "probe.low_trust": "{p} does not trust you enough yet to share {layer}",
        "respond.supportive": "you answered what {p} shared with warmth",
        "respond.neutral": "a flat answer to what {p} shared leaves {them} unsure you care",
        "respond.dismissive": "you brushed off what {p} had shared",
        "respond.judgemental": "you judged what {p} had trusted you with",
        "respond.judgemental.light": "you judged what {p} had told you",
        "unanswered.trust": "you moved on without answering what {p} had just told you",
        "unanswered.defence": "being left unanswered makes {p} more careful about sharing",
        "apology.heard": "you owned what you had done; an apology like that is heard, at "
        "worst coolly, and not judged",
        "invited.heard": "{p} had asked you; an honest answer to that is heard, at worst "
        "coolly, and not judged",
        "author.choice": "the story sets this as part of what you chose",
        "author.scene": "the story sets this there",
    }
)

# Whole sentences for the structural counters.
_EVENTS: Mapping[str, str] = MappingProxyType(
    {
        # "landed well", not "the deepest you have gone": after a judged disclosure `reached`
        # falls back (R-DEPENETRATE), and the deeper thing told is still told.
        "reached": "{p} has taken in {to_layer} from you: the deepest of yours that has "
        "landed well with {them} so far.",
        "topic": "{p} has now heard about {topic} from you, {count} shared so far.",
        "depenetrate": "{p} closed up a layer: the deepest you have reached with {them} fell "
        "back from {from_area} to {to_area}.",
        "opened": "{p} has now let you into {to_area}.",
        "pending": "{p} is waiting to see how you take what {they} told you.",
        "scene.opened": "As the next scene begins, {p} lets you into {to_area}.",
        "scene.pending": "As the next scene begins, {p} tells you something of {their} own, "
        "and waits to see how you take it.",
        "answered": "{p} is no longer waiting for your answer to what {they} shared.",
        "answered.followup": "Your question answered what {p} shared: {they} {are} no longer "
        "waiting.",
        "unanswered": "{p} has stopped waiting for an answer that did not come.",
        "heard": "{p} felt heard by you: {after} so far.",
        "heard.followup": "{p} felt heard by you: {after} so far.",
        # "Softened", as the closing sentences say (runtime/causes.py): any warm answer counts
        # against a hurt, an apology or not; "repaired" told a class it had been put right out
        # loud. An apology taken is worded on its own ("apology.mended").
        "hurt": "{p} is hurt by how you answered; until warmth from you softens it, this "
        "relationship cannot deepen.",
        # Not "so it no longer stands in the way of getting closer": a story may still hold a
        # softened hurt against the ending (flatmates' "softened isn't the same as put
        # right"), and a round-83 teacher saw the two disagree within a minute.
        "repaired": "Your warmth softened an earlier hurt; {after} still standing.",
        "apology.mended": "{p} took your apology: the hurt it owned no longer stands in the "
        "way of getting closer; {after} still standing.",
        "cool": "{p} will be slower to share again after that flat answer.",
        "cool.spent": "{p} has got past the flat answer.",
        "closeness.emotional": "Closeness with {p} grew by 2 points to {after}: feelings "
        "shared and accepted.",
        "closeness.factual": "Closeness with {p} grew by 1 point to {after}: facts bring "
        "people closer more slowly than feelings.",
        "guard": "{p} pulled back after being judged: for a while {they} will share only "
        "below {from_area_guard}.",
        # "After this": the move that ends a withdrawal can itself have been refused for it
        # ("still smarting ... not sharing that deeply now"), and the two read as one.
        "guard.end": "After this, {p} is ready to share as deeply as before.",
        "rupture.trust": "{p} has given up on the relationship: trust sank to breaking "
        "point, and a rupture cannot be repaired.",
        "rupture.defence": "{p} has shut you out: {their} guard rose to breaking point, "
        "and a rupture cannot be repaired.",
    }
)

_PRONOUNS: Mapping[str, tuple[str, str, str, str, bool]] = MappingProxyType(
    {
        "she": ("she", "her", "her", "herself", False),
        "he": ("he", "him", "his", "himself", False),
        "they": ("they", "them", "their", "themself", True),
    }
)


def pronoun_words(pronouns: str) -> dict[str, str]:
    """Template words for "she/her", "he/him", "they/them" or any "x/y[/z]" set."""
    parts = [part.strip() for part in pronouns.split("/") if part.strip()]
    subject = parts[0].lower() if parts else "they"
    known = _PRONOUNS.get(subject)
    if known is None:
        obj = parts[1] if len(parts) > 1 else subject
        known = (parts[0], obj, parts[2] if len(parts) > 2 else obj, obj + "self", False)
    they, them, their, themself, plural = known
    return {"they": they, "them": them, "their": their, "themself": themself,
            "were": "were" if plural else "was", "are": "are" if plural else "is"}


def number(value: float) -> str:
    """One decimal, without a trailing ".0" ("15", "13.4"), as a teacher would say it."""
    return f"{round(value, 1) + 0.0:.1f}".removesuffix(".0")


def sentences(explanation: Explanation, partner: str, pronouns: str = "they/them",
              others: Mapping[str, tuple[str, str]] | None = None,
              author: str = "", last: bool = False, opening: str = "") -> list[str]:
    """The landing sentence, then one sentence per delta, each naming `partner` (or, for a
    delta to another partner, that partner's name and pronouns from `others`).

    `author` is the story's own reason for the choice (its `because:`), if it wrote one: a
    change the story's effects made is explained in those words rather than "the story sets
    this", which tells a class nothing. `last`: the move ended the story, so nobody is said
    to be waiting for an answer there is no move left to give. `opening` is the next scene's
    own reason for what its `on_enter` does, if its author wrote one."""
    context = _context(explanation, partner, pronouns)
    variant = _variant(explanation)
    if variant:
        context["variant"] = variant
    if author:
        context["author"] = author
    if opening:
        context["opening"] = opening
    out = [_landing(explanation, variant).format(**context)]
    # The author's reason for how this move landed, where the model made the move and no
    # effect of the story's already carries it: a class reads why it mattered in this
    # story (a laugh that saw through a cover story, scored as a brush-off) next to the
    # model's general words, and the closing sentence later gives the same reason.
    if author and explanation.move != "plain" and not any(
            delta.reason_key == "author.choice" and _moved(delta)
            for delta in explanation.deltas):
        out.append(f"Why it mattered here: {author}.")
    # A reply left waiting is replaced when the next scene opens with the partner confiding
    # (R-SCENE): the player only ever answers the second, so only that one is announced.
    superseded = {delta.partner for delta in explanation.deltas
                  if delta.reason_key == "scene.pending"}
    for delta in explanation.deltas:
        if delta.reason_key == "pending" and (last or delta.partner in superseded):
            continue
        if not _moved(delta) and delta.reason_key in _OWN_WORDS:
            # A story's effect that changed nothing (a cost computed as 0 on this route): its
            # reason would claim a move the player did not make (a round-77 teacher read "you
            # told him he could set the pace" on a route that never did).
            continue
        if delta.partner is not None:
            name, words = (others or {}).get(delta.partner, (delta.partner, "they/them"))
            other = {**context, **pronoun_words(words), "p": name}
            sentence = _delta_sentence(delta, other)
        else:
            sentence = _delta_sentence(delta, context)
        # One move can leave a disclosure pending twice (a partner shares back, then the next
        # scene opens with them sharing again): the same sentence twice says nothing more.
        # Meter changes are always listed, even when two read alike: both happened.
        if delta.meter != "pending" or sentence not in out:
            out.append(sentence)
    return out


def _context(explanation: Explanation, partner: str, pronouns: str) -> dict[str, str]:
    skip = explanation.readiness.skip if explanation.readiness is not None else 0
    prior = max(0, explanation.layer - 1 - skip)
    return {
        "p": partner,
        "layer": LAYER_PHRASES[explanation.layer],
        "reply": LAYER_PHRASES[explanation.reciprocated],
        "prior": LAYER_PHRASES[prior],
        "topic": explanation.topic or "a new topic",
        **pronoun_words(pronouns),
    }


def _landing(explanation: Explanation, variant: str) -> str:
    if explanation.landing == "ruptured":
        return _LANDINGS["ruptured"]
    key = f"{explanation.move}/{explanation.landing}"
    if key == "plain/plain" and explanation.moved_on:
        key = "plain/unanswered"  # the model did act: it left the partner unanswered
    elif variant:
        key += f"/{variant}"
    elif key == "ask/welcome" and explanation.layer == 0:
        key = "ask/welcome/0"
    elif key == "ask/welcome" and not explanation.reciprocated:
        key = "ask/welcome/none"
    return _LANDINGS[key]


def _variant(explanation: Explanation) -> str:
    """Which wording of the landing (and of the reasons _VARIED names) this move needs:
    "trust" for a telling heard coolly or judged on trust alone, "light" for judging a share
    no deeper than personal, "" for the usual words. Decided once per move, read by both."""
    if explanation.move == "disclose" and explanation.landing in ("neutral", "judgemental") \
            and _short_of_trust(explanation):
        return "trust"
    if explanation.move == "respond" and explanation.landing == "judgemental" \
            and explanation.layer <= 1:
        return "light"
    return ""


# The reasons worded again for a variant: a telling judged on trust alone is not told its
# changes came from the pace, and a light share is not called something "trusted" to you.
_VARIED = {"trust": ("judge.trust", "judge.defence"), "light": ("respond.judgemental",)}


def _short_of_trust(explanation: Explanation) -> bool:
    """Whether a disclosure heard coolly was held back by trust alone: an apology or an
    invited answer lifted to a cool hearing, or a telling that skipped no layer and went no
    further than the partner had."""
    if any(d.rule in ("R-APOLOGY", "R-INVITED") for d in explanation.deltas):
        return True
    ready = explanation.readiness
    return ready is not None and ready.skip == 0 and ready.imbalance == 0


# An author's effect explained in the author's own words, where they wrote them.
_OWN_WORDS = {"author.choice": "author", "author.scene": "opening"}


def _moved(delta: Delta) -> bool:
    return delta.after != delta.before


def _delta_sentence(delta: Delta, context: dict[str, str]) -> str:
    p = context["p"]
    if delta.meter in ("trust", "defence"):
        # The author's words are story text: used as they are, never as a format string.
        key = delta.reason_key
        variant = context.get("variant", "")
        if key in _VARIED.get(variant, ()):
            key += f".{variant}"
        own = _OWN_WORDS.get(key, "")
        reason = context[own] if own in context else _REASONS[key].format(**context)
        # A scene's own change is listed with the move that led there, since the glass box
        # shows one move at a time; it says when it happened, or a class reads it as what the
        # move did (a fresh editor found a sorry's easing printed under a joke).
        when = "As the next scene began, " if key == "author.scene" else ""
        return f"{when}{p}'s {delta.meter} {_movement(delta)}: {reason}."
    count = int(delta.after)
    extra = {"count": f"{count} topic" if count == 1 else f"{count} topics",
             "after": str(count)}
    if delta.meter in ("reached", "opened", "pending", "guard"):  # layers name an area
        extra["from_area"] = LAYER_AREAS[int(delta.before)]
        extra["to_area"] = LAYER_AREAS[int(delta.after)]
        extra["to_layer"] = LAYER_PHRASES[int(delta.after)]
        extra["from_area_guard"] = LAYER_AREAS[max(0, int(delta.after))]
    return _EVENTS[delta.reason_key].format(**context, **extra)


def _movement(delta: Delta) -> str:
    after = number(delta.after)
    amount = number(abs(delta.after - delta.before))
    if delta.after == delta.before:
        return f"stayed at {after}"
    verb = "rose" if delta.after > delta.before else "fell"
    if amount == "0":
        return f"{verb} slightly to {after}"
    return f"{verb} {amount} to {after}"
