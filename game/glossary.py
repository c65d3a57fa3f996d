"""The words Confide uses with players: one source for the in-game help, the first-run hint
and the pupil glossary (docs/educators/glossary.md, which a test keeps equal to `markdown()`).

Written for readers of 13-16: short sentences, everyday words, one idea per entry. The
layer names (`LAYER_NAMES`, from the onion's entries) are the one home of those names: the
choice cards, the terminal game, the records and `confide stats` all show them. The move names
match their tags (SHARE, ASK, RESPOND).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Entry:
    term: str
    text: str

    @property
    def first(self) -> str:
        """The entry's first sentence: what the short first-run hint shows."""
        head, dot, _ = self.text.partition(". ")
        return head + "." if dot else self.text


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    intro: str
    entries: tuple[Entry, ...]


ONION = Section("The onion", "People open up to each other in layers, like the rings of an "
                "onion. Every card you can share or ask shows a small onion: the more rings "
                "are filled in, the deeper that move goes.", (
    Entry("Small talk", "The outside ring: the weather, the bus, what is for lunch. Safe with "
          "almost anyone, but it never makes a close friend on its own."),
    Entry("Personal", "The second ring: what you like, your hobbies, school or work. The things "
          "a classmate might know about you."),
    Entry("Private", "The third ring: your opinions, your feelings, things from your past. "
          "The things you tell a friend."),
    Entry("Core", "The middle: your fears, your secrets, how you really see yourself. Very "
          "few people ever get this far."),
    Entry("Depth and breadth", "Depth is how far into the onion two people have gone. Breadth "
          "is how many different topics they have talked about. Close friends have both."),
))

MOVES = Section("Your moves", "Each choice card says what kind of move it is. Cards "
                "without a tag just move the story on.", (
    Entry("SHARE", "You tell the other person something about yourself. The onion on the "
          "card shows how much of yourself you are giving away."),
    Entry("ASK", "You ask the other person about themselves. A question that goes deeper than "
          "they have gone with you can feel like prying."),
    Entry("RESPOND", "The other person has just opened up, and you choose how to answer: with "
          "care, with a shrug, with a put-down, or by changing the subject. Among answers, a card "
          "that changes the subject is marked RESPOND too: moving on is one way of answering."),
))

FEELINGS = Section("What they feel", "The other person keeps two hidden scores about you. "
                   "You never see them unless your teacher turns on facilitator mode: you "
                   "notice them in how the person reacts.", (
    Entry("Trust", "How safe the other person feels with you. It grows slowly when sharing "
          "goes well and falls quickly when it goes badly."),
    Entry("Defence", "The wall the other person puts up to protect themselves. It rises when "
          "you rush, pry or brush them off, and it makes every deeper step harder."),
    Entry("Received", "How the other person takes what you share: warmly, politely, or coldly. "
          "You do not choose this; their trust and defence, and how fast you went, decide it. "
          "When the meters say someone \"was not ready for it\", that is the cold one: what "
          "you shared went further than they could take in yet, even if their words stay "
          "kind."),
    Entry("Answer", "How you take what they share, chosen with a RESPOND card. How you are "
          "received is up to them; how you answer is up to you."),
))

CLOSENESS = Section("How closeness grows", "Closeness is built step by step, by both people.", (
    Entry("Reciprocity", "Taking turns. You share a little, they share a little back, each "
          "time a bit deeper. When only one person opens up, the friendship stays lopsided."),
    Entry("Responsiveness", "Showing someone you heard them and you care when they open up: "
          "paying attention, understanding, accepting. It matters as much as what you share."),
    Entry("Going too fast", "Telling a deep secret to someone you have just met usually makes "
          "them step back, not closer. So does asking for theirs."),
    Entry("Endings", "Deepened: you became close. Acquaintance: friendly, but not close. "
          "Ruptured: trust broke and the person pulled away."),
))

SECTIONS: tuple[Section, ...] = (ONION, MOVES, FEELINGS, CLOSENESS)
LAYER_NAMES: tuple[str, ...] = tuple(e.term.lower() for e in ONION.entries[:4])
"""The name of each layer, 0 to 3: "small talk", "personal", "private", "core"."""
# What the first-run hint explains, in these words: the onion, the three moves, the meters.
HINT_TERMS = ("SHARE", "ASK", "RESPOND", "Trust", "Defence")
METERS = ("Trust", "Defence")


def entry(term: str) -> Entry:
    return next(e for s in SECTIONS for e in s.entries if e.term == term)


def hint_lines() -> list[str]:
    """The first-run hint: the onion, then each move and meter in one sentence."""
    moves = [f"{t}: {entry(t).first}" for t in HINT_TERMS if t not in METERS]
    meters = [f"{t}: {entry(t).first}" for t in HINT_TERMS if t in METERS]
    hidden = FEELINGS.intro.split(". ")[0] + "."
    return [ONION.intro.split(". ")[-1], *moves, hidden, *meters, "Press F1 at any time for help."]


def markdown() -> str:
    """The glossary as the body of docs/educators/glossary.md."""
    out: list[str] = []
    for section in SECTIONS:
        out += [f"## {section.title}", "", section.intro, ""]
        out += [f"- **{e.term}**: {e.text}" for e in section.entries]
        out.append("")
    return "\n".join(out).rstrip() + "\n"
