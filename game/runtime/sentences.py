"""The closing sentences' words: one to three sentences under every ending, built from what
game/runtime/causes.py selected from this run's own moves, each quoting the choice the
player actually picked (in the story's words) and saying how it landed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from game.runtime.causes import GOOD, MIN_GAIN, Closing, KeyMove, closing_of, small

if TYPE_CHECKING:
    from game.runtime.session import Session
    from game.runtime.views import EndingView


def closing_sentences(session: Session, closing: Closing | None = None) -> tuple[str, ...]:
    """One to three sentences naming this run's causes; empty before an ending. `closing`:
    the session's own selection when the caller has it already (each one replays the run).

    After a rupture the break and what cost most come first and what helped last: the
    ending is about the break, and a help named first read as if it were the point."""
    closing = closing or closing_of(session)
    ending = session.ending()
    if closing is None or ending is None:
        return ()
    best, worst, standing = closing.best, closing.worst, closing.standing
    last_straw = closing.last_straw
    name = session.story.name_of(session.scene.partner)
    helped = [] if best is None else \
        [f"What helped most: {quoted(best.label)}, because {_helped(best)}."]
    out = [] if worst is None else [_cost_sentence(worst, closing)]
    if standing is not None:
        # "Also": the cost named stands too; without it, a class read the cost as settled
        # and only the second hurt as left (a round-82 teacher).
        also = "Also still" if worst is not None and _stands(worst) else "Still"
        # not the same words twice in a row
        said = _cost(standing, _SORRY_TOO if worst is not None and worst.apologised else _SORRY)
        out.append(f"{also} between you at the end: {quoted(standing.label)}, because {said}.")
    if last_straw is not None and last_straw is not worst:
        out.append(f"The break came at {quoted(last_straw.label)}: {_break(last_straw, worst)}.")
    out = _said_once(out + helped if ending.outcome == "ruptured" else helped + out,
                     _NOT_WRONG.search(_prose(session, closing, ending)) is not None)
    if best is None and worst is None:
        out.append(f"Nothing you chose moved {name} closer or further away.")
    elif worst is None:
        out.append(_nothing_further(closing, name))
    if worst is None and ending.outcome == "acquaintance":
        held = held_back(session)
        if held:
            out.append(f"What held it back: {held}.")
    elif best is None:
        out.append(_nothing_closer(closing, name))
    return tuple(out)


def _stands(m: KeyMove) -> bool:
    """A hurt the model still counts at the end: never softened, no sorry for it taken."""
    return m.hurt_added > 0 and not (m.mended_by or m.apology_taken)


def _cost_sentence(worst: KeyMove, closing: Closing) -> str:
    """"What cost most: "…", because …", with what else a class should know of the cost in
    one aside: a run of the same miss, a bigger hurt put right ("; it was not the only one:
    ..." read as clunky to a round-76 editor, and the aside keeps one sentence per cause)."""
    heading, repaired = _heading(worst), closing.repaired
    if repaired is not None and heading == "What cost most":
        heading = "What cost most in the end"  # a bigger hurt came before, put right
    aside = "; ".join(part for part in (_pattern(worst, closing.moves, closing.last_straw),
                                        _put_right(repaired)) if part)
    return f"{heading}: {quoted(worst.label)}, because {_cost(worst)}" \
        f"{f' ({aside})' if aside else ''}."


def _nothing_closer(closing: Closing, name: str) -> str:
    """Nothing can be named as what helped. Where some trust was gained all the same (a
    telling heard coolly, a warm moment the rest outweighed), "nothing brought her closer"
    read as false to a class that had watched a meter rise (a round-79 editor)."""
    if any(m.trust_change >= MIN_GAIN for m in closing.moves):
        return f"Nothing you chose was taken warmly enough to bring {name} closer."
    return f"Nothing you chose brought {name} closer."


def _nothing_further(closing: Closing, name: str) -> str:
    """Nothing cost enough to be named. Where trust still fell a little at some move (under
    the MIN_GAIN noise floor, but shown on the meters), "nothing pushed her away" read as
    false to a class that had watched it fall (a round-80 teacher)."""
    if any(round(m.trust_change, 1) < 0 for m in closing.moves):
        return f"Nothing you chose cost more than a little with {name}."
    return f"Nothing you chose pushed {name} away."


# What a layer is, as "the deepest thing ... was": the layers' names (game.glossary) said as
# things shared.
_LAYERS = ("small talk", "something personal", "something private", "a core secret")
# ... and the layer the deepened bar asks for, as "not yet ...": "personal" alone can sound
# deep to a pupil, so the sentence says which way was still to go (a flatmates editor).
_NOT_YET = ("", "anything personal", "anything private", "a core secret")


def held_back(session: Session) -> str:
    """Why a friendship nothing pushed away stayed short of close: the first criterion of
    the deepened bar (meets_deepened) the scene's partner did not meet, in plain words, in
    the order a class can act on (depth first: R-DEEPEN names them all); empty when all
    are met, as a story may route an ending on its own flags."""
    pid = session.scene.partner
    p, bar = session.state.partners[pid], session.story.params[pid]
    name = session.story.name_of(pid)
    checks = (
        (p.reached >= bar.deepen_layer,
         f"the deepest thing of yours {name} took in warmly was {_LAYERS[p.reached]}, "
         f"not yet {_NOT_YET[bar.deepen_layer]}"),
        (p.opened >= bar.deepen_layer,
         f"the deepest thing {name} shared back was {_LAYERS[p.opened]}, "
         f"not yet {_NOT_YET[bar.deepen_layer]}"),
        (len(p.topics) >= bar.deepen_topics, f"you opened up about too few things with {name}"),
        (p.closeness >= bar.deepen_closeness,
         f"too little of what you shared with {name} was about how you felt"),
        (p.heard >= bar.deepen_heard, f"{name} did not feel heard often enough"),
        (p.trust >= bar.deepen_trust, f"{name} did not trust you enough yet"),
        (p.defence <= bar.deepen_defence, f"{name} was still on guard"),
        (p.moves >= bar.deepen_moves, "there was not yet enough time together"),
    )
    return next((why for met, why in checks if not met), "")


_COUNT = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def _miss(other: KeyMove) -> str:
    """"ask" for a question felt as prying, "tell" for a telling the partner could not take
    in, "" otherwise; only a miss that cost something and was not put right since."""
    if other.gain > -MIN_GAIN or other.mended_by or other.apology_taken:
        return ""
    if other.kind == "ask" and other.landing == "intrusion":
        return "ask"
    if _telling(other) and (
            other.landing == "judgemental" or (other.landing == "neutral" and other.premature)):
        return "tell"
    return ""


def _pattern(worst: KeyMove, moves: tuple[KeyMove, ...], named: KeyMove | None = None) -> str:
    """"two other tellings also came before she was ready", said beside the cost: the
    cost named is one of a run of misses. Two editors found an over-sharer's (or a
    prober's) closing naming one line, so a class took "that sentence" for the lesson
    rather than the pace; a third found an over-sharer's prying left out where the
    questions had cost as much as the tellings (design choice: both runs are counted,
    the cost's own kind first). Only for a telling too soon or a question felt as prying;
    empty otherwise. `named`: the move the break came at, which its own sentence names
    (not counted)."""
    prying = worst.kind == "ask" and worst.landing == "intrusion"
    too_soon = worst.kind == "disclose" and not small(worst)  # not "What cost a little"
    if worst.unanswered or not (prying or too_soon):
        return ""
    others = [m for m in moves if m is not worst and m is not named]
    asks = [m for m in others if _miss(m) == "ask"]
    tells = [m for m in others if _miss(m) == "tell"]
    were = "were" if worst.they == "they" else "was"
    pried = "" if not asks else \
        f"{_which(asks, worst, 'other ' if prying else '', 'question')} also felt like prying"
    told = "" if not tells else \
        f"{_which(tells, worst, '' if prying else 'other ', 'telling')} also came before " \
        f"{worst.they} {were} ready"
    first, second = (pried, told) if prying else (told, pried)
    return f"{first}, and {second}" if first and second else first or second


def _which(misses: list[KeyMove], worst: KeyMove, other: str, noun: str) -> str:
    """One miss by its label ("“Tell him about the knee”"), more by their number ("two other
    tellings"): "one other telling" left a class asking which (a round-82 teacher). A label
    the cost shares (the same thing told twice) is counted rather than quoted."""
    if len(misses) == 1 and misses[0].label != worst.label:
        return quoted(misses[0].label)
    return f"{_many(len(misses))} {other}{noun}{'s' if len(misses) > 1 else ''}"


def _many(n: int) -> str:
    return _COUNT[n] if n < len(_COUNT) else str(n)


def _put_right(m: KeyMove | None) -> str:
    """"“…” cost more, but you owned it and he took that", said beside the cost: a bigger
    hurt than the one named, which a sorry put right (causes._bigger_repaired). Not "hurt more
    at the time": the points it cost stay lost, and a round-80 teacher read that as if they
    had come back. Short, since it is read off a projector (a round-81 teacher)."""
    if m is None:
        return ""
    # "owned", not "said sorry": a story's `sorry_for:` can be owning the pace, not an apology
    # in words (a round-80 editor found "you said sorry" where the player had not).
    return f"{quoted(m.label)} cost more, but you owned it and {m.they} took that"


def _heading(m: KeyMove) -> str:
    """How the cost is introduced. Something the player told that landed badly is named for
    its timing, not as a cost: under R-READINESS only when it came decides how it lands, and
    a pupil who has told someone a hard thing must not read that telling it "cost most"
    (design choice, on the safeguarding rule that disclosing harm is never the wrong move)."""
    if small(m):
        return "What cost a little"
    if _telling(m):
        # Judged at its own pace, on too little trust: the timing of the pace was not it.
        if m.trust_bound and m.landing == "judgemental":
            return f"What {m.partner} could not take in"
        return "What came too soon"
    return "What cost most"


def quoted(label: str) -> str:
    """A choice's label in double quotes; quotes inside it become single ones, so a label
    such as `Say "That sounds hard," and nod` does not nest double quotes. A label that is
    all one quotation (`"Sorry about the sign. I'll be there"`) loses its own marks: quoted
    again it read “‘Sorry …’” to an editor."""
    label = _unwrapped(label)
    inner, opened = [], False
    for ch in label:
        if ch in "\"\u201c\u201d":
            ch = "\u2019" if opened else "\u2018"
            opened = not opened
        inner.append(ch)
    return f"\u201c{''.join(inner)}\u201d"


# A quotation's opening mark, its closing one, and what inside it would mean it was more
# than one quotation (`"Yes," and "no"`); a straight ' also opens and closes words (I'll).
_WRAPS = (('"', '"', ('"',)), ("\u201c", "\u201d", ("\u201c", "\u201d")),
          ("\u2018", "\u2019", ("\u2018",)), ("'", "'", (" '", "' ")))


def _unwrapped(label: str) -> str:
    for opening, closing, inside in _WRAPS:
        body = label[len(opening):-len(closing)]
        if len(label) > 2 and label.startswith(opening) and label.endswith(closing) and \
                not any(mark in body for mark in inside):
            return body
    return label


def _helped(m: KeyMove) -> str:
    if m.because:
        return m.because
    p = m.partner
    if m.landing == "reciprocated" and m.shown_back:
        return f"{p} took it warmly and shared something back"
    if m.kind == "respond":
        return f"{p} felt heard"
    if m.kind == "ask":
        return f"{p} was glad to be asked"
    if m.kind == "disclose":
        return f"{p} took it warmly"
    return f"it brought {p} closer"


_SORRY = ", though you said sorry for it afterwards"
_SORRY_TOO = ", though you said sorry for that too"  # after a cost that said `_SORRY`


def _cost(m: KeyMove, sorry: str = _SORRY) -> str:
    """Why a move cost; a telling's ends "telling it was not wrong" (`_not_wrong`)."""
    if m.ruptured and m.broken and m.broken != m.partner:
        return f"{m.broken} could not get past it"  # aimed at one partner, lost another
    return _not_wrong(m, _cost_said(m, sorry))


def _cost_said(m: KeyMove, sorry: str = _SORRY) -> str:
    """The cost's reason with what came after it (a sorry, a softening, the break)."""
    text = _cost_reason(m)
    if m.apologised:
        # The story marks the later choice as an apology for this one (`sorry_for:`): true
        # whether or not it was taken, which the ending says.
        return f"{text}{sorry}"
    if m.mended_by:
        # The model counts hurts and repairs, not which warm answer mended which hurt, nor
        # whether the story had the player say sorry as well: the sentence says only that it
        # was softened, so neither an apology the ending names nor a kind answer about
        # something else is contradicted. "softened", not "mended": any warm answer counts,
        # an apology or not (R-RESPOND), and a player who never said sorry must not read
        # that they repaired it.
        return f"{text}, though it was softened afterwards"
    if not m.ruptured:
        return text
    # "Tomás was not ready for that much yet, and Tomás could not get past it" (an editor):
    # a reason that has named the partner already takes the pronoun.
    # So does one that speaks of them already ("he wasn't going to go first, and Tomás could
    # not get past it" read as two people to a round-83 editor).
    who = m.they if m.partner in text or re.search(rf"\b{m.they}\b", text, re.IGNORECASE) \
        else m.partner
    return f"{text}, and {_beyond(m, who, text)}"


def _break(last: KeyMove, worst: KeyMove | None) -> str:
    """Why the break came, said once: a reason the cost sentence just gave is not repeated.
    A telling the partner broke off at is said not to have been wrong, unless its reason
    says so already (the safeguarding rule of `_heading`: a round-76 teacher found "The
    break came at" a grief told too soon, which a bereaved pupil would take as the fault)."""
    lost_another = bool(last.broken) and last.broken != last.partner
    reason = "for the same reason again" if worst is not None and not lost_another \
        and _cost_reason(last) == _cost_reason(worst) else ""
    if not _telling(last) or lost_another:
        return f"{reason}, and {last.partner} could not get past it" if reason else _cost(last)
    reason = reason or _cost_reason(last)
    if _NOT_WRONG.search(reason):  # an author's reason (or the trust wording) that says it
        return f"{reason}, and {_beyond(last, last.partner, reason)}"
    return _not_wrong(last, f"{reason}, and {_beyond(last, last.partner, reason)}")


# "telling it was not wrong" and its variants in an author's reason ("it wasn't wrong to
# tell"), and the clause that says it: from "; " or ", and " to the next clause, aside or
# full stop (`_said_once`).
_NOT_WRONG = re.compile(r"(?:\bnot|n't) (?:a )?wrong\b", re.IGNORECASE)
_NOT_WRONG_CLAUSE = re.compile(
    r"(?:; [^;().]*?|,? and (?:(?!, and )[^;().])*?)(?:\bnot|n't) (?:a )?wrong\b"
    r"(?:(?!, and )[^;().])*?(?=\s*(?:[;().]|, and |$))", re.IGNORECASE)


def _not_wrong(m: KeyMove, text: str) -> str:
    """A telling the closing names as a cost, as still between you or as the break is said
    not to have been wrong (the safeguarding rule of `_heading`: the model judged its timing,
    never the thing told), unless its reason says so already."""
    # Nor where the reason says it in other words ("it was always yours to tell"), or a sorry
    # for it is already said: three reassurances in one sentence (a round-83 teacher).
    if not _telling(m) or m.apologised or _NOT_WRONG.search(text) or "yours to tell" in text:
        return text
    return f"{text}; telling it was not wrong"


def _prose(session: Session, closing: Closing, ending: EndingView) -> str:
    """What the end screen shows above the closing: the ending's lines and its reflection."""
    lines = session.ending_lines(session.story.scenes[ending.scene].lines, closing)
    return " ".join([*(line.text for line in lines), ending.reflection])


def _said_once(sentences: list[str], said: bool = False) -> list[str]:
    """The end screen says "not wrong" once: in the ending's own words (`said`), or else in
    the first closing sentence that says it. A ruptured over-sharer's end screen said it
    three times, once for each telling named (a round-81 teacher). A later sentence loses
    the clause that says it (after "; " or ", and "); one whose only clause says it keeps it."""
    out = []
    for sentence in sentences:
        if _NOT_WRONG.search(sentence):
            if said:
                sentence = _NOT_WRONG_CLAUSE.sub("", sentence)
            said = True
        out.append(sentence)
    return out


def _telling(m: KeyMove) -> bool:
    """Something the player told (not a move past what the partner had just told)."""
    return m.kind == "disclose" and not m.unanswered


def _beyond(m: KeyMove, who: str, reason: str) -> str:
    """How a break is said: a telling was more than the partner could take in then (it is
    the timing, not the thing told, that the model judged), or, after a reason that said
    that already, they pulled away; anything else, they could not get past it."""
    if not _telling(m):
        return f"{who} could not get past it"
    # A reason that said it already ("not ready for that much yet", "too low to take it
    # in"): saying it again read as circular to a round-77 editor.
    said = any(words in reason for words in ("take it in", "take in", "ready"))
    return f"{who} pulled away after it" if said else f"it was more than {who} could take in then"


def _cost_reason(m: KeyMove) -> str:
    if m.because:  # the author knows why this choice matters better than a landing can say
        return m.because
    p = m.partner
    # Moving on from a confidence costs by the model's own rule, whatever the move was: the
    # partner may laugh at the joke and still mind that what they said went unanswered.
    if m.unanswered and m.kind != "respond":
        return f"it moved on from what {p} had just told you"
    # The model made no move: the loss is the story's own effect, which no landing explains.
    # "took it badly" would put the fault on the partner (a secret told behind their back
    # is not received badly, it is betrayed), so only what it cost is said; a story that
    # knows the reason gives it with `because:`.
    if m.kind == "plain":
        return f"it cost {p}'s trust" if m.trust_change < 0 else f"it put {p} on guard"
    # The model took it well but the story remembers a hurt.
    if m.landing in GOOD:
        return f"{p} minded it more than it showed"
    if m.kind == "disclose" and m.premature:
        return f"{p} was not ready for that much yet"
    if m.kind == "disclose" and m.trust_bound and m.landing == "judgemental":
        return f"{p}'s trust in you was too low to take it in"
    if m.kind == "disclose":
        return f"{p} was not ready to hear it yet" if m.landing == "judgemental" \
            else f"{p} did not know what to do with it yet"
    if m.kind == "ask":
        return f"{p} felt it was not yours to ask yet"
    if m.kind == "respond":
        return {"dismissive": f"{p} felt brushed aside", "judgemental": f"{p} felt judged",
                "neutral": f"{p} needed more than that"}.get(m.landing, f"it cost {p}'s trust")
    return f"it cost {p}'s trust"
