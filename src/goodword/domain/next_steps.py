"""What a referral needs next, by its derived stage, in the words of the practice (seeds 001, 003)."""

from __future__ import annotations

from goodword.domain.milestones import Stage

RECEIVED_NEXT: dict[Stage, str] = {
    Stage.RECEIVED: "Thank the referrer — a referral is a gift, and thanks come first.",
    Stage.THANKED: "Qualify the referral: ask the referrer how they know them and why it fits.",
    Stage.QUALIFIED: "Contact the referred person (and record it even if you cannot reach them).",
    Stage.CONTACTED: "Record what came of it: won, lost, not a fit or no response.",
    Stage.OUTCOME: "Tell the referrer how it went — also if it did not work out.",
    Stage.LOOP_CLOSED: "Loop closed. If it was won, a second thank-you is a fine gesture.",
}
GIVEN_NEXT: dict[Stage, str] = {
    Stage.MADE: "Record what came of your referral when you hear.",
    Stage.OUTCOME: "Done. Both sides know how it went.",
}


LESSON_NEXT = (
    "It was not a fit: ask the referrer what made them think it was, and what you say or do "
    "that gave that impression — then sharpen your brief."
)


def next_step(
    direction: str, stage: str, outcome: str | None = None, milestones: tuple[str, ...] = ()
) -> str:
    """``milestones``: the kinds recorded so far; a not-a-fit referral owes its lesson
    (seed 003) even when the loop is closed."""
    owes_lesson = outcome == "not-a-fit" and "why-fit" not in milestones
    if direction == "received" and owes_lesson and stage in (Stage.OUTCOME, Stage.LOOP_CLOSED):
        return LESSON_NEXT
    table = GIVEN_NEXT if direction == "given" else RECEIVED_NEXT
    return table.get(Stage(stage), "")
